"""The ``hearth`` command: the command groups put together, and the console script's entry point."""

from __future__ import annotations

from typing import Annotated

import typer

from cli import chat, data, doctor, evaluate, export, gui, jobs, models, quickstart, train
from cli.common import console
from core import __version__

__all__ = ["app", "main"]

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


# In the order `hearth --help` lists them.
app.add_typer(jobs.app, name="jobs")
app.add_typer(models.app, name="models")
app.add_typer(data.app, name="data")
app.add_typer(train.runs_app, name="runs")
app.command()(doctor.doctor)
app.command()(chat.chat)
app.command()(gui.gui)
app.command()(train.train)
app.command()(export.export)
app.command()(export.convert)
app.command("eval")(evaluate.eval_command)
app.command()(quickstart.quickstart)

def main() -> None:
    """Entry point of the ``hearth`` console script."""
    app()


if __name__ == "__main__":
    main()
