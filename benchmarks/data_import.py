"""Importing a 100k-record JSONL: time and peak memory, next to loading the same file naively.

The import (validate, clean with exact and near dedup, split, token statistics,
write a version) runs in a child process; so does the baseline, a plain
``[json.loads(line) for line in file]``. Peak memory is each child's maximum
resident set size.

Run: .venv/bin/python benchmarks/data_import.py [--records 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ["kettle", "lamp", "router", "bicycle", "garden", "printer", "camera", "oven", "phone", "watch"]
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qu", "an", "el", "is", "or", "um"]


def write_dataset(path: Path, n: int) -> None:
    """Records with distinct wording (words drawn from a 4,096-word made-up vocabulary), as real data has."""
    rng = random.Random(0)
    vocabulary = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(4096)]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            topic = rng.choice(TOPICS)
            words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 40)))
            record = {"messages": [
                {"role": "user", "content": f"Question {i} about my {topic}: {words}?"},
                {"role": "assistant", "content": f"Answer {i}: the {topic} {words}. 回答 {i} 号。"}]}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


CHILD_IMPORT = """
import sys, time, resource
from core.workspace import Workspace
from core.data.versions import import_dataset
start = time.perf_counter()
v = import_dataset(Workspace(sys.argv[2]), sys.argv[1])
print(time.perf_counter() - start, v.records, v.rejected, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
CHILD_BASELINE = """
import sys, time, json, resource
start = time.perf_counter()
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
print(time.perf_counter() - start, len(rows), 0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(code: str, *args: str) -> tuple[float, int, int, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds, records, rejected, rss_kib = out.stdout.split()
    return float(seconds), int(records), int(rejected), int(rss_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    n = parser.parse_args().records
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "big.jsonl"
        write_dataset(data, n)
        size_mb = data.stat().st_size / 2**20
        base = run(CHILD_BASELINE, str(data))
        ours = run(CHILD_IMPORT, str(data), str(Path(tmp) / "home"))
    print(f"{n} records, {size_mb:.1f} MB JSONL; peak RSS of each child process")
    print(f"naive json.loads list   {base[0]:7.1f} s   peak {base[3]:7.0f} MB")
    print(f"hearth data import      {ours[0]:7.1f} s   peak {ours[3]:7.0f} MB   "
          f"({ours[1]} kept, {ours[2]} rejected)   memory ratio {ours[3] / base[3]:.2f}x")


if __name__ == "__main__":
    main()
