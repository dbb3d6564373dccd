"""How long ``hearth --help`` takes, next to a bare Python start-up (the floor it cannot beat).

Run: .venv/bin/python benchmarks/cli_startup.py [--runs 15]
Prints the median of each and the ratio; the target is under 1 s for ``hearth --help``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    hearth = Path(sys.executable).with_name("hearth")
    command = [str(hearth)] if hearth.exists() else [sys.executable, "-m", "cli"]
    baseline = median_seconds([sys.executable, "-c", "pass"], runs)
    ours = median_seconds([*command, "--help"], runs)
    print(f"python -c pass   median {baseline * 1000:7.1f} ms  (baseline)")
    print(f"hearth --help    median {ours * 1000:7.1f} ms  ratio {ours / baseline:.1f}x baseline")
    print(f"target < 1000 ms: {'met' if ours < 1.0 else 'MISSED'}")


if __name__ == "__main__":
    main()
