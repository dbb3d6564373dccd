"""``hearth export`` and ``hearth convert``: a run or a Hugging Face folder to a verified GGUF."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from cli.common import console, friendly_errors
from cli.jobs import follow_in_terminal


def export(
    run: Annotated[str, typer.Argument(help="The run to export (its id; a unique prefix is enough).")],
    quant: Annotated[str, typer.Option(help="q4_k_m, q4_0, q5_k_m, q6_k, q8_0, f16 or f32.")] = "q4_k_m",
    adapter_only: Annotated[bool, typer.Option("--adapter-only", help="Export the LoRA as a LoRA-GGUF applied on "
                                               "the base at load, instead of merging it.")] = False,
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip the comparison with the torch "
                                            "model.")] = False,
    name: Annotated[str | None, typer.Option(help="The export's name (folder and catalog); from the run when "
                                             "omitted.")] = None,
) -> None:
    """Export a run to GGUF: merge, convert, quantise, verify, and add it to the catalog (Ctrl+C cancels)."""
    from core.export.quantize import check_quant
    from core.export.run import ExportJob
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        job = ExportJob(run=run, quant=check_quant(quant), adapter_only=adapter_only, verify=not no_verify, name=name)
        handle = start_job(Workspace(), job)
        code = follow_in_terminal(handle)
        if code == 0:
            console.print(f"chat with it: [bold]{escape(handle.final.result['chat'])}[/]", highlight=False)
    raise typer.Exit(code)


def convert(
    folder: Annotated[str, typer.Argument(help="A Hugging Face model folder (config.json and safetensors).")],
    quant: Annotated[str, typer.Option(help="q4_k_m, q4_0, q5_k_m, q6_k, q8_0, f16 or f32.")] = "q4_k_m",
    no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip the comparison with the torch "
                                            "model.")] = False,
    name: Annotated[str | None, typer.Option(help="The name in the catalog; from the folder when omitted.")] = None,
) -> None:
    """Convert a Hugging Face model to GGUF, quantise, verify, and add it to the catalog (Ctrl+C cancels)."""
    from core.export.quantize import check_quant
    from core.export.run import ConvertJob
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        job = ConvertJob(folder=folder, quant=check_quant(quant), verify=not no_verify, name=name)
        handle = start_job(Workspace(), job)
        code = follow_in_terminal(handle)
        if code == 0:
            console.print(f"chat with it: [bold]{escape(handle.final.result['chat'])}[/]", highlight=False)
    raise typer.Exit(code)
