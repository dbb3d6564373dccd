"""``hearth models``: the model catalog."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import console, friendly_errors, size_text
from cli.jobs import follow_in_terminal

app = typer.Typer(help="The model catalog: list, import, show, remove, download.", no_args_is_help=True)

@app.command("list")
def models_list() -> None:
    """The models of the catalog (the default model is added on first use)."""
    from rich.table import Table

    from core.models import list_models
    from core.workspace import Workspace

    with friendly_errors():
        records = list_models(Workspace())
    table = Table("name", "format", "architecture", "parameters", "quantization", "context", "size", "license",
                  box=None)
    for r in records:
        params = f"{r.parameters / 1e6:.0f}M" if r.parameters else ""
        table.add_row(r.name, r.format, r.architecture or "", params, r.quantization or "",
                      str(r.context_length or ""), size_text(r.size_bytes), r.license or "")
    console.print(table if records else "no models yet: hearth models import FILE, or hearth chat for the default")


@app.command("import")
def models_import(
    path: Annotated[str, typer.Argument(help="A .gguf file or a Hugging Face model folder (safetensors).")],
    name: Annotated[str | None, typer.Option(help="The name in the catalog; from the file name when omitted.")] = None,
    link: Annotated[bool, typer.Option("--link", help="Register a GGUF where it is instead of copying it.")] = False,
) -> None:
    """Check a model and add it to the catalog."""
    from pathlib import Path

    from core.models import import_gguf, import_hf
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        with console.status(f"checking and importing {path}..."):
            record = import_hf(ws, path, name) if Path(path).is_dir() else import_gguf(ws, path, name, copy=not link)
    console.print(f"imported [bold]{record.name}[/] ({record.architecture}, {record.quantization or record.format})")


@app.command("show")
def models_show(name: Annotated[str, typer.Argument(help="The model's name or id.")]) -> None:
    """Everything the catalog knows about a model."""
    from core.models import get_model
    from core.workspace import Workspace

    with friendly_errors():
        record = get_model(Workspace(), name)
    data = record.to_dict()
    data.pop("metadata", None)
    template = data.pop("chat_template", None)
    for key, value in data.items():
        console.print(f"[bold]{key}[/]: {value}", highlight=False)
    console.print(f"[bold]chat_template[/]: {'(none: a plain turn format is used)' if not template else ''}")
    if template:
        console.print(template, highlight=False, markup=False)


@app.command("remove")
def models_remove(
    name: Annotated[str, typer.Argument(help="The model's name or id.")],
    keep_files: Annotated[bool, typer.Option("--keep-files", help="Leave the files on disk (and the training "
                                             "caches made from them).")] = False,
) -> None:
    """Take a model out of the catalog, and delete its files in the workspace and the caches made from it.

    The caches: its dequantised copy for training, and the distillation logits of a teacher resting on it.

    A cache still needed (by a run training from it now) is kept; the command says which and why.
    """
    from rich.markup import escape

    from core.training.caches import remove_model_and_caches
    from core.workspace import Workspace

    with friendly_errors():
        record, caches = remove_model_and_caches(Workspace(), name, delete_files=not keep_files)
    console.print(f"removed {escape(record.name)}", highlight=False)
    for path, size in caches.removed:
        console.print(f"  removed its cache {escape(str(path))} ({size_text(size) or f'{size} bytes'})",
                      highlight=False)
    for path, size, why in caches.kept:
        console.print(f"  kept {escape(str(path))} ({size_text(size) or f'{size} bytes'}): {escape(why)}",
                      highlight=False)


@app.command("template")
def models_template(
    name: Annotated[str, typer.Argument(help="The model's name or id.")],
    template_file: Annotated[str | None, typer.Argument(help="A Jinja chat template file; 'plain' for the plain "
                                                        "turn format; omit to go back to the model's own.")] = None,
) -> None:
    """Override a model's chat template."""
    from pathlib import Path

    from core.models import set_template_override
    from core.workspace import Workspace

    with friendly_errors():
        text = template_file if template_file in (None, "plain") else Path(template_file).read_text(encoding="utf-8")
        record = set_template_override(Workspace(), name, text)
    console.print(f"{record.name}: " + ("its own template" if record.template_override is None
                                        else "plain turn format" if text == "plain" else f"template {template_file}"))


@app.command("download")
def models_download(
    repo: Annotated[str, typer.Argument(help="A Hugging Face repository, e.g. org/model-GGUF.")],
    filename: Annotated[str | None, typer.Option(help="Which .gguf file of the repository.")] = None,
    name: Annotated[str | None, typer.Option(help="The name in the catalog.")] = None,
) -> None:
    """Download a model from the Hugging Face hub (needs a network; resumes; Ctrl+C cancels)."""
    from core.models import start_download
    from core.workspace import Workspace

    with friendly_errors():
        handle = start_download(Workspace(), repo, filename, name=name)
        code = follow_in_terminal(handle)
    raise typer.Exit(code)
