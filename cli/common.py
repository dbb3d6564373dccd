"""What every command of the terminal front end shares: its consoles, and Hearth's errors made into messages."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import typer
from rich.console import Console
from rich.markup import escape

__all__ = ["console", "err_console", "friendly_errors", "size_text"]

console = Console()
err_console = Console(stderr=True)


@contextlib.contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn a :class:`~core.errors.HearthError` into its message, its hint and its exit code."""
    from core.errors import HearthError

    try:
        yield
    except HearthError as exc:
        err_console.print(f"[bold red]error:[/] {escape(exc.message)}", highlight=False)
        if exc.hint:
            err_console.print(f"[yellow]hint:[/] {escape(exc.hint)}", highlight=False)
        raise typer.Exit(exc.exit_code) from None


def size_text(n: int | None) -> str:
    """Bytes as MB or GB; empty when unknown."""
    if not n:
        return ""
    return f"{n / 2**30:.2f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"
