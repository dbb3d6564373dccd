"""What the commands of the terminal front end share: the consoles, and the one place failures become messages."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from typer.exceptions import TyperException

__all__ = ["DEBUG_ENV", "console", "err_console", "friendly_errors", "report", "size_text"]

console = Console()
err_console = Console(stderr=True)

# Set (by `hearth --debug`, or by hand) to print the traceback of every failure after its message.
DEBUG_ENV = "HEARTH_DEBUG"

# What click and typer raise to end a command on purpose: never a failure to explain.
# (TyperException is the base of its usage errors, which typer shows with the command's help.)
_ENDINGS = (typer.Exit, typer.Abort, TyperException, SystemExit, GeneratorExit)


@contextlib.contextmanager
def friendly_errors() -> Iterator[None]:
    """Any failure inside becomes its message, its hint and its exit code (see :func:`report`)."""
    try:
        yield
    except (*_ENDINGS, BrokenPipeError):  # (a reader such as `| head` went away: typer ends quietly)
        raise
    except BaseException as exc:  # everything else reaches the person as a message, never as a traceback
        raise typer.Exit(report(exc)) from None


def report(exc: BaseException) -> int:
    """Print ``exc`` as a message and a hint on standard error; return the exit code it deserves.

    A failure Hearth has no message for also has its traceback appended to the workspace's ``logs/cli.log`` (the
    message says where), and with ``--debug`` every traceback is printed as well.
    """
    from core.errors import Interrupted, UnexpectedError, explain

    error = explain(exc)
    if isinstance(error, Interrupted):
        err_console.print(f"[yellow]{escape(error.message)}[/]", highlight=False)
        return error.exit_code
    err_console.print(f"[bold red]error:[/] {escape(error.message)}", highlight=False)
    hint = error.hint
    if isinstance(error, UnexpectedError):
        logged = _log_traceback(exc)
        where = f"; it is also in {logged}" if logged is not None else ""
        hint = f"{hint} (--debug prints it{where})"
    if hint:
        err_console.print(f"[yellow]hint:[/] {escape(hint)}", highlight=False)
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(exc, file=sys.stderr)
    return error.exit_code


def _log_traceback(exc: BaseException) -> Path | None:
    from core.workspace import home, utc_now

    text = f"--- {utc_now()} hearth {' '.join(sys.argv[1:])}\n" + "".join(traceback.format_exception(exc))
    for folder in (home() / "logs", Path(os.environ.get("TMPDIR", "/tmp"))):
        path = folder / "cli.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8", errors="backslashreplace") as log:
                log.write(text)
            return path
        except OSError:
            continue
    return None


def size_text(n: int | None) -> str:
    """Bytes as MB or GB; empty when unknown."""
    if not n:
        return ""
    return f"{n / 2**30:.2f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"
