"""``hearth gui``: the desktop window, started from the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import friendly_errors


def gui(
    model: Annotated[str | None, typer.Option("-m", "--model", help="A catalog model or a .gguf file to load "
                                              "first; the default model (Gemma 3 270M) when omitted.")] = None,
) -> None:
    """Open the desktop window (chat, models, data, training, export, settings)."""
    with friendly_errors():
        try:
            from desktop.app import main as desktop_main
        except ImportError as exc:
            from core.errors import HearthError

            raise HearthError(f"the desktop cannot start: {exc}",
                              "install the desktop's libraries: pip install PySide6-Essentials pyqtgraph") from exc
        code = desktop_main(model)
    raise typer.Exit(code)
