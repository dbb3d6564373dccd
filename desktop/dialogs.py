"""The desktop's one place that turns failures into dialogs (worded by ``core.errors.explain``, as the terminal's).

Dialogs are window-modal but opened with ``open()``, not ``exec()``: the event
loop keeps running (replies stream, jobs report) while one is up.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import HearthError, explain
from desktop.i18n.core_messages import translate_core

__all__ = ["ask", "error_text", "show_error"]


def error_text(exc: BaseException | Any) -> tuple[str, str, str]:
    """(message, hint, details) of an exception (any: core.errors.explain words it) or a job's Failed event,
    the message and hint in the interface's language (:func:`~desktop.i18n.core_messages.translate_core`)."""
    if isinstance(exc, BaseException):
        error = explain(exc)
        details = "" if isinstance(exc, HearthError) else "".join(traceback.format_exception(exc))
        return translate_core(error.message), translate_core(error.hint), details
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    details = getattr(exc, "log_tail", "") or getattr(exc, "traceback", "") or ""
    return translate_core(message), translate_core(getattr(exc, "hint", "") or ""), details


def show_error(parent: QWidget, exc: BaseException | Any, *, title: str | None = None,
               retry: Callable[[], None] | None = None) -> QMessageBox:
    """Show what went wrong and what to do next; with ``retry``, a Retry button calls it."""
    message, hint, details = error_text(exc)
    title = title or QCoreApplication.translate("dialogs", "Something went wrong")
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("errorDialog")
    if hint:
        box.setInformativeText(hint)
    if details:
        box.setDetailedText(details)
    if retry is not None:
        button = box.addButton(QCoreApplication.translate("dialogs", "Retry"), QMessageBox.ButtonRole.AcceptRole)
        button.clicked.connect(retry)
        box.setDefaultButton(button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    window = parent.window()
    window.setProperty("last_error", message)
    return box


def ask(parent: QWidget, title: str, text: str, buttons: list[tuple[str, QMessageBox.ButtonRole]],
        on_choice: Callable[[int], None]) -> QMessageBox:
    """A question with the given buttons; ``on_choice`` gets the index of the button pressed (-1: closed)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    made = [box.addButton(label, role) for label, role in buttons]

    def chosen() -> None:
        clicked = box.clickedButton()
        on_choice(made.index(clicked) if clicked in made else -1)

    box.finished.connect(lambda _code: chosen())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
