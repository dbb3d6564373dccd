"""How long ``hearth --help`` takes, next to a bare Python start-up (the floor it cannot beat).

Run: .venv/bin/python benchmarks/cli_startup.py [--runs 15] [--compare-with FOLDER]
Prints the median of each and the ratio; the target is under 1 s for ``hearth --help``. ``--compare-with``
times the same command in another checkout of Hearth too (an earlier commit: ``git worktree add FOLDER REV``),
in the same run, so that a change can be shown to start no slower than before it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(command: list[str], runs: int, cwd: Path = ROOT) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--compare-with", type=Path, help="another checkout of Hearth to time the same way")
    args = parser.parse_args()
    runs = args.runs
    baseline = median_seconds([sys.executable, "-c", "pass"], runs)
    ours = median_seconds([*_hearth(ROOT), "--help"], runs, cwd=ROOT)
    print(f"python -c pass   median {baseline * 1000:7.1f} ms  (baseline)")
    print(f"hearth --help    median {ours * 1000:7.1f} ms  ratio {ours / baseline:.1f}x baseline")
    if args.compare_with is not None:
        other = args.compare_with.resolve()
        theirs = median_seconds([*_hearth(other), "--help"], runs, cwd=other)
        print(f"  {other.name}: median {theirs * 1000:7.1f} ms  this checkout / that one: {ours / theirs:.2f}")
    print(f"target < 1000 ms: {'met' if ours < 1.0 else 'MISSED'}")


def _hearth(root: Path) -> list[str]:
    """``hearth`` run from the checkout at ``root`` (its package is found first from its own folder)."""
    module = "cli" if (root / "cli" / "__main__.py").is_file() else "core.cli"  # before cli/ left core
    return [sys.executable, "-m", module]


if __name__ == "__main__":
    main()
