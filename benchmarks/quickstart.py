"""The whole quickstart on the default model, timed from an empty workspace: does it finish in 30 minutes, and
does the tuned model clearly beat the base on the held-out questions?

It runs ``hearth quickstart`` in a fresh workspace (HEARTH_HOME in a temporary
folder, or --home to keep it), so the time includes assembling the default
model and preparing its training base, as a newcomer's first run would. It
prints the time of every stage, the whole, and the before/after table, with the
gains of the adapter and of the quantised merge over the base.

Run: .venv/bin/python benchmarks/quickstart.py [--home DIR] [--limit N] [--epochs E]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 30 * 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", help="the workspace to use (a fresh temporary one by default)")
    parser.add_argument("--limit", type=int, default=0, help="held-out questions to evaluate (0: all)")
    parser.add_argument("--epochs", type=float, default=None, help="override the quickstart's epochs")
    args = parser.parse_args()
    home = Path(args.home) if args.home else Path(tempfile.mkdtemp(prefix="hearth-quickstart-"))
    command = [sys.executable, "-m", "cli", "quickstart", "--limit", str(args.limit)]
    if args.epochs is not None:
        command += ["--epochs", str(args.epochs)]
    started = time.perf_counter()
    code = subprocess.call(command, cwd=ROOT, env={**os.environ, "HEARTH_HOME": str(home)})
    total = time.perf_counter() - started
    state = json.loads((home / "quickstart" / "state.json").read_text(encoding="utf-8"))
    print(f"\nworkspace {home}; exit code {code}")
    for stage, seconds in state.get("seconds", {}).items():
        print(f"  {stage:<16} {seconds:8.1f} s")
    print(f"  {'whole command':<16} {total:8.1f} s  ({total / 60:.1f} min; target {TARGET_S // 60} min: "
          f"{'met' if total <= TARGET_S else 'MISSED'})")
    _gains(state)
    return code


def _gains(state: dict) -> None:
    evals = {}
    for which in ("base", "adapter", "merged"):
        entry = state["done"].get(f"eval-{which}")
        if entry:
            data = json.loads(Path(entry["output"]).read_text(encoding="utf-8"))
            evals[which] = {**data["metrics"], "perplexity": data.get("perplexity")}
    if "base" not in evals:
        return
    base = evals["base"]
    print(f"\n  {'model':<10} {'EM':>6} {'ROUGE-L':>8} {'chrF':>6} {'answer ppl':>11}   "
          f"(0-100; {base['count']} held-out questions)")
    for which, m in evals.items():
        ppl = f"{m['perplexity']:.2f}" if m.get("perplexity") is not None else "-"
        print(f"  {which:<10} {m['exact_match']:6.1f} {m['rouge_l']:8.1f} {m['chrf']:6.1f} {ppl:>11}")
    if "adapter" in evals and "merged" in evals:
        gain = evals["adapter"]["rouge_l"] - base["rouge_l"]
        kept = (evals["merged"]["rouge_l"] - base["rouge_l"]) / gain if gain else 0.0
        print(f"  ROUGE-L gain of the adapter {gain:+.1f}; the quantised merge keeps {kept:.0%} of it")


if __name__ == "__main__":
    raise SystemExit(main())
