"""Importing a large JSONL of two-turn records: speed, peak memory and the near duplicates found.

The dataset is written by this script: records with distinct wording (words drawn
from a 4,096-word made-up vocabulary), of which 2% are near duplicates planted on
purpose: a copy of an earlier record whose answer has one word changed or one
word added. Each measurement runs in a child process of its own:

- naive: ``[json.loads(line) for line in file]``, the floor;
- hearth: ``import_dataset`` with the default options (validate, normalise, exact
  and near deduplication, split, token statistics with the default model, write
  the version); the default model is put in the workspace before the clock starts.
  A file of 32 MB or more is measured (tokens, MinHash signatures) by a worker
  process: its peak memory is printed too;
- reference (``--reference``, on by default up to 200,000 records): the cleaning
  pass of the record-at-a-time code, ``Cleaner`` with ``NearDuplicateIndex``
  (datasketch's MinHash LSH with the same settings), whose near duplicates the
  import must find too.

Printed: seconds, records per second and peak resident memory of each child; the
planted near duplicates the import found (recall); and whether the import's near
duplicates are exactly the reference's (same record, same earlier record kept).

Run: .venv/bin/python benchmarks/data_import.py [--records 100000] [--reference | --no-reference]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["kettle", "lamp", "router", "bicycle", "garden", "printer", "camera", "oven", "phone", "watch"]
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qu", "an", "el", "is", "or", "um"]
PLANTED = 0.02


def write_dataset(path: Path, n: int, planted: float = PLANTED) -> list[tuple[int, int]]:
    """Write ``n`` records; return the planted near duplicates as (line, line of the record it copies)."""
    rng = random.Random(0)
    vocabulary = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(4096)]
    recent: list[tuple[int, dict]] = []  # the last records written, to copy from
    plants = []
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            line = i + 1
            if recent and rng.random() < planted:
                source, original = rng.choice(recent)
                record = json.loads(json.dumps(original))
                answer = record["messages"][1]["content"].split(" ")
                k = rng.randrange(2, len(answer))
                if rng.random() < 0.5:
                    answer[k] = rng.choice(vocabulary)
                else:
                    answer.insert(k, rng.choice(vocabulary))
                record["messages"][1]["content"] = " ".join(answer)
                plants.append((line, source))
            else:
                topic = rng.choice(TOPICS)
                words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 40)))
                record = {"messages": [
                    {"role": "user", "content": f"Question {i} about my {topic}: {words}?"},
                    {"role": "assistant", "content": f"Answer {i}: the {topic} {words}. 回答 {i} 号。"}]}
                recent = [*recent[-999:], (line, record)]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return plants


CHILD_IMPORT = """
import sys, time, resource
from core.workspace import Workspace
from core.data.tokenize import token_counter
from core.data.versions import import_dataset
ws = Workspace(sys.argv[2])
token_counter(ws, None)  # the default model put in the workspace, its vocabulary read: not part of the import
start = time.perf_counter()
v = import_dataset(ws, sys.argv[1])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the process measuring tokens and signatures
print(time.perf_counter() - start, v.records, v.rejected, peak, v.folder, worker)
"""
CHILD_BASELINE = """
import sys, time, json, resource
start = time.perf_counter()
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
print(time.perf_counter() - start, len(rows), 0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "-", 0)
"""
CHILD_REFERENCE = """
import sys, time, json, resource
from core.data.clean import Cleaner
from core.data.formats import load_records
from core.data.records import Reject
start = time.perf_counter()
cleaner, out, n = Cleaner(), [], 0
with load_records(sys.argv[1]) as stream:
    for item in stream:
        n += 1
        result = item if isinstance(item, Reject) else cleaner.clean(item)
        if isinstance(result, Reject):
            out.append({"line": result.line, "code": result.code, "reason": result.reason})
with open(sys.argv[2], "w") as handle:
    handle.write("\\n".join(json.dumps(r) for r in out))
print(time.perf_counter() - start, n - len(out), len(out), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "-",
      0)
"""


def run(code: str, *args: str) -> tuple[float, int, int, float, str, float]:
    """Seconds, records kept, rejected, peak RSS (MB), the version's folder, the peak RSS of its worker (MB)."""
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds, records, rejected, rss_kib, folder, worker_kib = out.stdout.split()
    return float(seconds), int(records), int(rejected), int(rss_kib) / 1024, folder, int(worker_kib) / 1024


def near_duplicates(rejects: Path) -> dict[int, str]:
    """Line -> the reason, of each record rejected as a near duplicate."""
    found = {}
    with rejects.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                reject = json.loads(line)
                if reject["code"] == "near_duplicate":
                    found[reject["line"]] = reject["reason"]
    return found


def report(n: int, size_mb: float, base: tuple, ours: tuple, plants: list[tuple[int, int]], found: dict[int, str],
           reference: tuple | None, same: bool | None) -> None:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    print(f"{n:,} records, {size_mb:.1f} MB JSONL, {len(plants):,} near duplicates planted; {cpu}, "
          f"{os.cpu_count()} CPUs; peak RSS of each child process")
    for label, r in (("naive json.loads list", base), ("hearth data import", ours),
                     ("reference Cleaner (datasketch)", reference)):
        if r is not None:
            worker = f" + worker {r[5]:.0f} MB = {r[3] + r[5]:.0f} MB" if r[5] else ""
            print(f"{label:31s} {r[0]:8.1f} s  {n / r[0]:9,.0f} records/s   peak {r[3]:6.0f} MB{worker}"
                  + (f"   ({r[1]:,} kept, {r[2]:,} rejected)" if r is not base else ""))
    peak = ours[3] + ours[5]
    print(f"hearth / naive: {ours[0] / base[0]:.1f}x the time, {peak / base[3]:.2f}x the peak memory"
          + (f"; hearth / reference: {ours[0] / reference[0]:.2f}x the time, {peak / reference[3]:.2f}x the peak"
             if reference is not None else ""))
    hits = sum(1 for line, _ in plants if line in found)
    print(f"planted near duplicates found: {hits:,} / {len(plants):,} = recall {hits / max(len(plants), 1):.4f}; "
          f"near duplicates found in all: {len(found):,}")
    if same is not None:
        print(f"near duplicates (record and the record it copies) equal to the reference's: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--reference", action=argparse.BooleanOptionalAction, default=None,
                        help="also run the record-at-a-time reference (default: up to 200,000 records)")
    args = parser.parse_args()
    n = args.records
    with_reference = args.reference if args.reference is not None else n <= 200_000
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "big.jsonl"
        plants = write_dataset(data, n)
        size_mb = data.stat().st_size / 2**20
        base = run(CHILD_BASELINE, str(data))
        ours = run(CHILD_IMPORT, str(data), str(Path(tmp) / "home"))
        found = near_duplicates(Path(ours[4]) / "rejects.jsonl")
        reference = same = None
        if with_reference:
            reference = run(CHILD_REFERENCE, str(data), str(Path(tmp) / "reference.jsonl"))
            theirs = near_duplicates(Path(tmp) / "reference.jsonl")
            same = theirs == found
            if not same:
                print(f"differ: {len(set(theirs) ^ set(found))} lines, e.g. "
                      f"{sorted(set(theirs) ^ set(found))[:5]}", file=sys.stderr)
    report(n, size_mb, base, ours, plants, found, reference, same)


if __name__ == "__main__":
    main()
