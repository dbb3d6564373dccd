"""The ``hearth`` command: the command groups put together, and the console script's entry point."""

from __future__ import annotations

from typing import Annotated

import typer
import typer.main
from typer.core import TyperGroup

from cli import chat, data, doctor, evaluate, export, gui, jobs, models, quickstart, train
from cli.common import console
from cli.options import ConfigCommand, LazyCommand
from core import __version__

__all__ = ["app", "command", "main"]

app = typer.Typer(
    name="hearth",
    help="Hearth: fine-tune small language models on your own machine, export them to GGUF, and chat.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        console.print(f"hearth {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Hearth: fine-tune small language models on your own machine, export them to GGUF, and chat."""


app.add_typer(jobs.app, name="jobs")
app.add_typer(models.app, name="models")
app.add_typer(data.app, name="data")
app.add_typer(train.runs_app, name="runs")
app.command()(doctor.doctor)
app.command()(gui.gui)
app.command()(quickstart.quickstart)

# Commands whose options are the settings' own declarations (cli.options): made when they are used.
_CONFIG_COMMANDS: dict[tuple[str, ...], ConfigCommand] = {
    ("chat",): chat.chat,
    ("train",): train.train,
    ("export",): export.export,
    ("convert",): export.convert,
    ("eval",): evaluate.eval_command,
    ("data", "import"): data.data_import,
}
# The order `hearth --help` (and `hearth data --help`) lists them in.
_ORDER = {(): ("doctor", "chat", "gui", "train", "export", "convert", "eval", "quickstart", "jobs", "models", "data",
               "runs"),
          ("data",): ("import", "list", "show", "stats", "remove")}


def command() -> TyperGroup:
    """The ``hearth`` command as click runs it: the typer app, with the commands made from settings added."""
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    for (*parents, name), source in _CONFIG_COMMANDS.items():
        group = root
        for parent in parents:
            group = group.commands[parent]
        group.add_command(LazyCommand(name, source), name)
    for path, names in _ORDER.items():
        group = root
        for parent in path:
            group = group.commands[parent]
        group.commands = {name: group.commands[name] for name in names}
    return root

def main() -> None:
    """Entry point of the ``hearth`` console script."""
    command()(prog_name="hearth")


if __name__ == "__main__":
    main()
