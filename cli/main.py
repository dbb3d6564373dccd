"""The ``hearth`` command: the command groups put together, and the console script's entry point."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from cli import chat, compare, data, deploy, doctor, evaluate, export, gui, jobs, models, quickstart, serve, train
from cli.common import DEBUG_ENV, console, friendly_errors, report
from cli.options import ConfigCommand, LazyCommand
from core import __version__
from core.errors import Interrupted

__all__ = ["HearthGroup", "app", "command", "main"]


class HearthGroup(TyperGroup):
    """The ``hearth`` group: whatever fails in any command reaches the person as a message (cli.common.report)."""

    def invoke(self, ctx: typer.Context) -> Any:
        with friendly_errors():
            return super().invoke(ctx)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        # Ctrl+C while the line is parsed: typer would end silently with 130; say it, as everywhere else.
        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:
            raise Interrupted() from None


app = typer.Typer(
    cls=HearthGroup,
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
    debug: Annotated[bool, typer.Option("--debug", help="After a failure's message, print its traceback too "
                                        "(for a bug report). Accepted anywhere on the line.")] = False,
) -> None:
    """Hearth: fine-tune small language models on your own machine, export them to GGUF, and chat."""
    if debug:
        os.environ[DEBUG_ENV] = "1"


app.add_typer(jobs.app, name="jobs")
app.add_typer(models.app, name="models")
app.add_typer(data.app, name="data")
app.add_typer(train.runs_app, name="runs")
app.add_typer(export.exports_app, name="exports")
app.add_typer(compare.app, name="compare")
app.command()(doctor.doctor)
app.command()(gui.gui)
app.command()(quickstart.quickstart)

# Commands whose options are the settings' own declarations (cli.options): made when they are used.
_CONFIG_COMMANDS: dict[tuple[str, ...], ConfigCommand] = {
    ("chat",): chat.chat,
    ("train",): train.train,
    ("export",): export.export,
    ("convert",): export.convert,
    ("deploy",): deploy.deploy,
    ("eval",): evaluate.eval_command,
    ("data", "import"): data.data_import,
    ("data", "generate"): data.data_generate,
    ("compare", "run"): compare.compare_run,
    ("compare", "judge"): compare.compare_judge,
    ("serve",): serve.serve,
}
# The order `hearth --help` (and `hearth data --help`) lists them in.
_ORDER = {(): ("doctor", "chat", "gui", "serve", "train", "export", "convert", "deploy", "eval", "compare",
               "quickstart", "jobs", "models", "data", "runs", "exports"),
          ("data",): ("import", "generate", "list", "show", "stats", "remove"),
          ("compare",): ("run", "show", "rate", "judge", "report", "export", "list")}


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

def main(args: list[str] | None = None) -> None:
    """Run ``hearth ARGS`` (``--debug`` may stand anywhere before a ``--``); the entry point is :func:`cli.main`.

    ``args`` defaults to the command line, for ``hearth`` scripts made before the entry point moved to ``cli``.
    """
    args = sys.argv[1:] if args is None else args
    end = args.index("--") if "--" in args else len(args)
    if "--debug" in args[:end]:
        os.environ[DEBUG_ENV] = "1"
        args = [a for a in args[:end] if a != "--debug"] + args[end:]
    try:
        command()(args, prog_name="hearth")
    except Interrupted as exc:
        raise SystemExit(report(exc)) from None


if __name__ == "__main__":
    main()
