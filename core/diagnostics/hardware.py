"""What this machine has: CPU and the instructions that really run, memory, GPUs.

Cheap facts are read directly. Whether an instruction set runs is proved by
executing one instruction in a child process (``core.diagnostics.cpu_probe``), because a
CPU flag only says what the hardware has, not what the OS lets a program use.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from core.diagnostics.cpu_probe import PROBES

__all__ = ["INSTRUCTION_SETS", "cpu_flags", "cpu_model", "memory", "probe_instructions"]

# What llama.cpp and torch can use, in the order a person reads them.
INSTRUCTION_SETS = ("avx", "avx2", "fma", "f16c", "avx512f", "avx512_vnni", "avx512_bf16", "avx_vnni",
                    "amx_tile", "amx_int8", "amx_bf16")
# AMX's INT8 and BF16 multiplies use the tile state that the amx_tile probe enables.
_PROBE_OF = {"amx_int8": "amx_tile", "amx_bf16": "amx_tile"}


def _cpuinfo() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def cpu_model() -> str:
    """The CPU's marketing name, or the platform's processor string."""
    for line in _cpuinfo().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def cpu_flags() -> set[str]:
    """The instruction-set flags the kernel lists for the first CPU (Linux; empty elsewhere)."""
    for line in _cpuinfo().splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def _run_probe(feature: str) -> tuple[bool, str]:
    try:
        proc = subprocess.run([sys.executable, "-m", "core.diagnostics.cpu_probe", feature], capture_output=True,
                              text=True, timeout=30, cwd=Path(__file__).resolve().parents[2])
    except subprocess.TimeoutExpired:
        return False, "the probe hung"
    if proc.returncode == 0 and proc.stdout.strip() == "ok":
        return True, "ran"
    if proc.returncode < 0:
        import signal

        return False, f"{signal.Signals(-proc.returncode).name} on the probe instruction"
    return False, (proc.stderr.strip().splitlines() or [f"exit code {proc.returncode}"])[-1]


def probe_instructions() -> dict[str, dict]:
    """For each of ``INSTRUCTION_SETS``: is it advertised, and does it run?

    Returns:
        ``{name: {"advertised": bool, "runs": bool | None, "detail": str}}``;
        ``runs`` is None where no probe could be made (not x86-64 Linux).
    """
    flags = cpu_flags()
    can_probe = platform.machine() in ("x86_64", "AMD64") and sys.platform.startswith("linux")
    wanted = sorted({_PROBE_OF.get(n, n) for n in INSTRUCTION_SETS if n in flags and can_probe})
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(wanted, pool.map(_run_probe, wanted), strict=True))
    report = {}
    for name in INSTRUCTION_SETS:
        probe = _PROBE_OF.get(name, name)
        if name not in flags:
            report[name] = {"advertised": False, "runs": False if can_probe else None,
                            "detail": "not advertised by the CPU"}
        elif probe not in PROBES or probe not in results:
            report[name] = {"advertised": True, "runs": None, "detail": "not probed on this platform"}
        else:
            runs, detail = results[probe]
            if probe != name:
                detail = f"tile state {'enabled' if runs else 'unusable'} ({detail})"
            report[name] = {"advertised": True, "runs": runs, "detail": detail}
    return report


def memory() -> dict[str, float]:
    """Total and available RAM in GiB."""
    import psutil

    vm = psutil.virtual_memory()
    return {"total_gib": round(vm.total / 2**30, 2), "available_gib": round(vm.available / 2**30, 2)}


def cores() -> dict[str, int | None]:
    """Logical CPUs, physical cores, and the CPUs this process may run on."""
    import psutil

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"logical": psutil.cpu_count(), "physical": psutil.cpu_count(logical=False), "usable": usable}
