"""Start the desktop: the Qt application, preferences, theme and language, and the main window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core.errors import HearthError
from desktop.dialogs import error_text, show_error
from desktop.i18n import install_translator
from desktop.preferences import Preferences, load_preferences
from desktop.style import app_icon, apply_theme

__all__ = ["create_app", "main"]

log = logging.getLogger(__name__)


def create_app(prefs: Preferences, argv: Sequence[str] = ()) -> QApplication:
    """The QApplication (made once per process), themed and translated as ``prefs`` say."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(list(argv) or ["hearth"])
    app.setApplicationName("Hearth")
    app.setOrganizationName("Hearth")
    app.setWindowIcon(app_icon())
    apply_theme(app, prefs.theme)
    if prefs.theme == "system":
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app, "system"))
    app.setProperty("hearth_translators", install_translator(app, prefs.language))
    return app


def _use_workspace(prefs: Preferences) -> None:
    """The preferences' workspace, unless HEARTH_HOME already names one."""
    if prefs.workspace and not os.environ.get("HEARTH_HOME"):
        os.environ["HEARTH_HOME"] = prefs.workspace


def main(model: str | None = None, argv: Sequence[str] | None = None) -> int:
    """Open the window with ``model`` (the default model when None) loading; return the exit code.

    Raises:
        HearthError: no window can open here (no screen, or system libraries Qt's platform plugin needs are
            missing); Qt itself would abort the process.
    """
    from core.diagnostics.display import require_display
    from core.workspace import Workspace
    from desktop.window import MainWindow

    require_display()
    prefs = load_preferences()
    _use_workspace(prefs)
    app = create_app(prefs, argv if argv is not None else sys.argv[:1])
    try:
        ws = Workspace()
    except HearthError as exc:  # a lost database, a read-only disk: said in a window, not only on a terminal
        _startup_failed(exc)
        raise
    window = MainWindow(ws, prefs, model=model)
    sys.excepthook = lambda kind, exc, tb: _unexpected(window, kind, exc, tb)
    window.show()
    return app.exec()


def _startup_failed(exc: HearthError) -> None:
    message, hint, _details = error_text(exc)
    box = QMessageBox(QMessageBox.Icon.Critical, "Hearth", message, QMessageBox.StandardButton.Close)
    box.setInformativeText(hint)
    box.exec()


def _unexpected(window: QWidget, kind: type[BaseException], exc: BaseException, tb: Any) -> None:
    """A failure no page caught (Qt calls slots outside any try): logged, and shown on the window as any other."""
    log.error("unexpected failure", exc_info=(kind, exc, tb))
    if isinstance(exc, KeyboardInterrupt):
        QApplication.quit()
        return
    show_error(window, exc)


if __name__ == "__main__":
    raise SystemExit(main())
