"""``hearth doctor``: what this machine can do, and how the report reads in a terminal."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cli.common import console, friendly_errors

__all__ = ["doctor", "render"]

_YES, _NO, _UNKNOWN = "[green]yes[/]", "[red]no[/]", "[yellow]?[/]"


def _mark(value: bool | None) -> str:
    return _UNKNOWN if value is None else (_YES if value else _NO)


def render(report: dict[str, Any], console: Console) -> None:
    """Print ``report`` (from :func:`core.diagnostics.doctor.collect`) as sections and tables."""
    if "cpu" in report:
        _system(report, console)
        _instructions(report["cpu"]["instructions"], report.get("engine", {}), console)
        _gpus(report, console)
        _libraries(report, console)
    _engine(report.get("engine", {}), console)
    if report.get("bundle"):
        b = report["bundle"]
        model = "included" if b["default_model"] else "not included"
        console.print(f"\n[bold]Installed[/] from the offline bundle {b['version']} ({b['variant']}): "
                      f"{b['components']} components, default model {model}, needs glibc {b['glibc_min']}+",
                      highlight=False)
    if "display" in report:
        _display(report["display"], console)
    if "workspace" in report:
        ws = report["workspace"]
        console.print(f"\n[bold]Workspace[/] {ws['path']}  schema v{ws.get('schema_version', '?')}  "
                      f"free {ws.get('free_gib', '?')} GiB", highlight=False)
    _problems(report.get("problems", []), console)


def _display(display: dict[str, Any], console: Console) -> None:
    problem = display["problem"]
    state = "[green]can open[/]" if problem is None else f"[yellow]cannot open[/]: {escape(problem)}"
    console.print(f"\n[bold]Window[/] Qt platform {display['platform']}: {state}", highlight=False)


def _system(report: dict[str, Any], console: Console) -> None:
    cpu, mem = report["cpu"], report["memory"]
    console.print(f"[bold]Hearth[/] {report['hearth']}   Python {report['python']}   {report['os']}",
                  highlight=False)
    console.print(f"[bold]CPU[/] {cpu['model']} ({cpu['arch']}), {cpu['logical']} logical / "
                  f"{cpu['physical']} physical cores, {cpu['usable']} usable", highlight=False)
    console.print(f"[bold]Memory[/] {mem['available_gib']} GiB free of {mem['total_gib']} GiB", highlight=False)


def _instructions(instructions: dict[str, dict], engine: dict[str, Any], console: Console) -> None:
    built = engine.get("features", {})
    table = Table("instructions", "CPU lists it", "runs here", "engine uses it", "detail",
                  title="CPU instruction sets (each probed by executing one instruction in a child process)",
                  title_justify="left", box=None)
    names = {"avx512f": "AVX512", "amx_tile": "AMX_TILE", "amx_int8": "AMX_INT8", "amx_bf16": "AMX_BF16"}
    for name, info in instructions.items():
        key = names.get(name, name.upper())
        used = built.get(key)
        table.add_row(name, _mark(info["advertised"]), _mark(info["runs"]),
                      "-" if not built else _mark(used == "1"), info["detail"])
    console.print(table)
    amx = instructions.get("amx_tile", {})
    if amx.get("advertised"):
        state = "runs for a program that asks Linux for it" if amx.get("runs") else "is NOT usable here"
        console.print(f"  AMX {state}; the engine is built without AMX in any case: llama.cpp's AMX "
                      "kernels crashed on this CPU class (see packaging/engine_flags.py).", highlight=False)


def _gpus(report: dict[str, Any], console: Console) -> None:
    torch = report.get("torch", {})
    gpus = torch.get("gpus") or report.get("nvml_gpus") or []
    if "version" in torch:
        build = f"CUDA {torch['cuda_build']}" if torch.get("cuda_build") else "CPU-only build"
        console.print(f"[bold]torch[/] {torch['version']} ({build}); CUDA available: "
                      f"{_mark(torch.get('cuda_available'))}", highlight=False)
    else:
        console.print(f"[bold]torch[/] [red]unusable[/]: {torch.get('error')}", highlight=False)
    for gpu in gpus:
        console.print(f"  GPU {gpu['index']}: {gpu['name']}, {gpu['free_gib']} GiB free of "
                      f"{gpu['total_gib']} GiB", highlight=False)
    if not gpus:
        console.print("  no GPU: training and chat run on the CPU")
    bnb = torch.get("bitsandbytes", {})
    if bnb:
        detail = (f"relative error {bnb['relative_error']}" if bnb.get("nf4_4bit")
                  else bnb.get("error", "wrong results"))
        console.print(f"[bold]bitsandbytes 4-bit (QLoRA)[/] on {bnb.get('device')}: {_mark(bnb.get('nf4_4bit'))}"
                      f" ({detail})", highlight=False)


def _libraries(report: dict[str, Any], console: Console) -> None:
    parts = [f"{name} {version or '[red]missing[/]'}" for name, version in report["packages"].items()
             if version or name != "nvidia-ml-py"]
    console.print("[bold]Libraries[/] " + ", ".join(parts), highlight=False)


def _engine(engine: dict[str, Any], console: Console) -> None:
    if not engine.get("ok"):
        console.print(f"[bold]Engine[/] [red]broken[/]: {engine.get('error', 'non-finite logits')}",
                      highlight=False)
        if engine.get("output_tail"):
            console.print(engine["output_tail"], style="dim", highlight=False)
        return
    on = [k for k, v in engine.get("features", {}).items() if v == "1"]
    console.print(f"[bold]Engine[/] llama-cpp-python {engine['version']}: self-check decoded "
                  f"{engine['tokens']} tokens of a tiny Q4_0 model in {engine['decode_ms']} ms "
                  f"[green]ok[/]; GPU offload: {_mark(engine.get('gpu_offload'))}", highlight=False)
    variant = engine.get("cpu_variant", "built in")
    kernels = "compiled for this machine" if variant == "built in" else f"the portable build's {variant} variant"
    console.print(f"  CPU kernels: {kernels}; built with: {' '.join(on)}", highlight=False)
    for name, state in engine.get("backends", {}).items():
        console.print(f"  {name.upper()} backend: {escape(state)}", highlight=False)


def _problems(problems: list[dict[str, str]], console: Console) -> None:
    if not problems:
        console.print("\n[green]No problems found.[/]")
        return
    console.print(f"\n[bold red]{len(problems)} problem(s):[/]")
    for p in problems:
        console.print(f"  - {escape(p['problem'])}\n    [yellow]hint:[/] {escape(p['hint'])}", highlight=False)


def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    engine_only: Annotated[bool, typer.Option("--engine-only", help="Only check the llama.cpp engine.")] = False,
    repair: Annotated[bool, typer.Option("--repair", help="Rebuild the workspace's lists of models, datasets, runs "
                                         "and exports from the files on disk (after its database was lost or "
                                         "damaged; a damaged one is set aside, not deleted).")] = False,
) -> None:
    """Report what this machine can do: CPU instructions that run, memory, GPUs, libraries, engine."""
    from core.diagnostics import doctor as doc

    if repair:
        _repair()
        return
    with friendly_errors():
        if engine_only:
            report = {"engine": doc.engine_report()}
            report["problems"] = [p for p in doc.problems(report) if "engine" in p["problem"]]
        else:
            with console.status("examining this machine (engine, torch, CPU probes)..."):
                report = doc.collect()
    if as_json:
        console.print_json(json.dumps(report))
    else:
        render(report, console)
    if report["problems"]:
        raise typer.Exit(1)


def _repair() -> None:
    from core.repair import repair_workspace

    with friendly_errors(), console.status("rebuilding the workspace's lists from the files on disk..."):
        report = repair_workspace()
    console.print(f"[bold]Workspace[/] {escape(str(report.root))}", highlight=False)
    if report.set_aside is not None:
        console.print(f"  the old database was set aside as {escape(report.set_aside.name)}", highlight=False)
    for what in ("models", "datasets", "runs", "exports"):
        names = getattr(report, what)
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        console.print(f"  {what} recorded again: {len(names)}" + (f" ({escape(shown)})" if names else ""),
                      highlight=False)
    for line in report.dropped:
        console.print(f"  forgotten: {escape(line)}", highlight=False)
    for line in report.problems:
        console.print(f"  [yellow]note:[/] {escape(line)}", highlight=False)
    console.print("[green]done[/]: `hearth data list`, `hearth runs list` and `hearth models list` show them")
