"""``hearth export`` and ``hearth convert``: a run or a Hugging Face folder to a verified GGUF; ``hearth exports``:
the exports made."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from cli.common import console, friendly_errors, size_text
from cli.jobs import follow_in_terminal
from cli.options import Group, config_options

exports_app = typer.Typer(help="Exports: list, show, remove.", no_args_is_help=True)


def _export_options() -> tuple[Group, ...]:
    from core.export.run import ExportJob

    return (Group("settings", ExportJob, ("quant", "adapter_only", "verify", "name")),)


def _convert_options() -> tuple[Group, ...]:
    from core.export.run import ConvertJob

    return (Group("settings", ConvertJob, ("quant", "verify", "name")),)


@config_options(_export_options)
def export(
    run: Annotated[str, typer.Argument(help="The run to export (its id; a unique prefix is enough).")],
    settings: dict[str, Any],
) -> None:
    """Export a run to GGUF: merge, convert, quantise, verify, and add it to the catalog (Ctrl+C cancels)."""
    from core.export.run import ExportJob

    _run_and_show(ExportJob(run=run, **settings))


@config_options(_convert_options)
def convert(
    folder: Annotated[str, typer.Argument(help="A Hugging Face model folder (config.json and safetensors).")],
    settings: dict[str, Any],
) -> None:
    """Convert a Hugging Face model to GGUF, quantise, verify, and add it to the catalog (Ctrl+C cancels)."""
    from core.export.run import ConvertJob

    _run_and_show(ConvertJob(folder=folder, **settings))


def _run_and_show(job: Any) -> None:
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        handle = start_job(Workspace(), job)
        code = follow_in_terminal(handle)
        if code == 0:
            console.print(f"chat with it: [bold]{escape(handle.final.result['chat'])}[/]", highlight=False)
    raise typer.Exit(code)


@exports_app.command("list")
def exports_list() -> None:
    """The exports, newest first."""
    from rich.table import Table

    from core.export.store import list_exports
    from core.workspace import Workspace

    with friendly_errors():
        records = list_exports(Workspace())
    table = Table("name", "kind", "quantization", "size", "verification", "run", "created", box=None)
    for e in records:
        verification = e.verification if e.path.is_file() else f"{e.verification} (file missing)"
        table.add_row(e.name, e.kind, e.quantization or "", size_text(e.size_bytes), verification, e.run_id or "",
                      e.created_at[:19])
    console.print(table if records else "no exports yet: hearth export RUN")


@exports_app.command("show")
def exports_show(name: Annotated[str, typer.Argument(help="The export's name or id.")]) -> None:
    """An export's file, checksum, run and dataset version, verification, and the files of its folder."""
    from core.export.store import describe_export
    from core.workspace import Workspace

    with friendly_errors():
        details = describe_export(Workspace(), name)
    r = details.record
    rows = [("name", r.name), ("id", r.id), ("kind", r.kind), ("file", str(r.path) + ("" if r.path.is_file()
                                                                                       else " (missing)")),
            ("size", f"{size_text(r.size_bytes)} ({r.size_bytes} bytes)"), ("quantization", r.quantization or ""),
            ("sha256", r.sha256), ("run", r.run_id or "(none: a converted model)"), ("dataset", _dataset(details)),
            ("base", f"{r.model} ({r.base_path})" if r.kind == "adapter" else ""),
            ("catalog models", ", ".join(details.models) or "(none)"), ("verification", _verification(details)),
            ("chat", r.chat_command()), ("created", r.created_at[:19]), ("folder", str(r.folder))]
    for key, value in rows:
        if value:
            console.print(f"[bold]{key}[/]: {escape(value)}", highlight=False)
    for file, size in details.files:
        console.print(f"  {escape(file)}  {size_text(size) or f'{size} bytes'}", highlight=False)


def _dataset(details: Any) -> str:
    dataset = details.dataset
    if not dataset:
        return "" if details.record.run_id is None else "(not recorded, and its run is gone)"
    text = dataset.get("label", "") + (f" (id {dataset['id']})" if dataset.get("id") else "")
    return text + (f"; {dataset['note']}" if dataset.get("note") else "")


def _verification(details: Any) -> str:
    report = details.verification
    if report is None:
        return details.record.verification
    logits, text = report.get("logits", {}), report.get("text", {})
    verdict = "passed" if report.get("passed") else "failed"
    return (f"{verdict} the {report.get('kind')} gate on {text.get('tokens')} tokens of {text.get('source')}: "
            f"top-1 agreement {logits.get('top1_agreement', 0):.2%}, perplexity {logits.get('perplexity_gguf', 0):.4g}"
            f" (torch {logits.get('perplexity_torch', 0):.4g})")


@exports_app.command("remove")
def exports_remove(
    name: Annotated[str, typer.Argument(help="The export's name or id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an export: its folder, its record, and the catalog models whose GGUF lies in that folder.

    Those are a merged export's model, or an adapter export's converted base: without their file, they go too.

    Refused while another export applies on one of its files, or a run trains from one of its models.
    """
    from core.export.store import export_removal, remove_export
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        plan = export_removal(ws, name)
        if not plan.blocked_by and not yes:
            console.print(_removal_text(plan), highlight=False)
            if not typer.confirm("remove it?", default=False):
                raise typer.Exit(1)
        done = remove_export(ws, plan.record.id)
    console.print(f"removed export {escape(done.record.name)}"
                  + (f" and model(s) {escape(', '.join(done.models))}" if done.models else ""), highlight=False)
    for path, size in done.caches.removed if done.caches else ():
        console.print(f"  removed the cache {escape(str(path))} ({size_text(size) or f'{size} bytes'})",
                      highlight=False)
    for path, _, why in done.caches.kept if done.caches else ():
        console.print(f"  kept {escape(str(path))}: {escape(why)}", highlight=False)


def _removal_text(plan: Any) -> str:
    r = plan.record
    lines = [f"export {escape(r.name)} ({r.kind}, {size_text(r.size_bytes)}): "
             + (f"its folder {escape(str(r.folder))} is deleted" if plan.deletes_folder
                else "its record only (its folder is gone or outside the workspace's exports)")]
    if plan.models:
        lines.append(f"the catalog model(s) {escape(', '.join(plan.models))} go too: their GGUF is in that folder")
    if plan.runs:
        lines.append(f"run(s) {escape(', '.join(plan.runs))} trained on it: they cannot be exported or resumed "
                     "until it is imported again")
    return "\n".join(lines)
