"""``hearth export`` and ``hearth convert``: a run or a Hugging Face folder to a verified GGUF."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from cli.common import console, friendly_errors
from cli.jobs import follow_in_terminal
from cli.options import Group, config_options


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
