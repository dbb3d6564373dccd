"""Icons from ``assets/`` (SVG, sharp at any scale) and the light and dark palettes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

__all__ = ["ASSETS", "app_icon", "apply_theme", "icon", "is_dark"]

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@cache
def icon(name: str) -> QIcon:
    """``assets/icons/<name>.svg`` as an icon (empty if the file is missing)."""
    path = ASSETS / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    """Hearth's own icon, ``assets/hearth.svg``."""
    path = ASSETS / "hearth.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def is_dark(theme: str) -> bool:
    """Whether ``theme`` (system, light, dark) means dark colours now."""
    if theme == "system":
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return theme == "dark"


def _palette(dark: bool) -> QPalette:
    if dark:
        colors = {"window": "#23262b", "base": "#1b1d21", "alt": "#2a2d33", "text": "#e6e6e6", "button": "#2f3238",
                  "highlight": "#d9691f", "mid": "#3a3e45", "tip": "#2f3238", "link": "#f0a05a", "disabled": "#7d828a"}
    else:
        colors = {"window": "#f4f2ef", "base": "#ffffff", "alt": "#f7f5f2", "text": "#1f2328", "button": "#ebe8e4",
                  "highlight": "#d9691f", "mid": "#c9c5bf", "tip": "#fffbe6", "link": "#b4530f", "disabled": "#9a9a9a"}
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in ((role.Window, "window"), (role.Base, "base"), (role.AlternateBase, "alt"),
                   (role.Button, "button"), (role.ToolTipBase, "tip"), (role.Mid, "mid")):
        p.setColor(r, QColor(colors[key]))
    for r in (role.WindowText, role.Text, role.ButtonText, role.ToolTipText, role.BrightText):
        p.setColor(r, QColor(colors["text"]))
    p.setColor(role.Highlight, QColor(colors["highlight"]))
    p.setColor(role.HighlightedText, QColor("#ffffff"))
    p.setColor(role.Link, QColor(colors["link"]))
    p.setColor(role.PlaceholderText, QColor(colors["disabled"]))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(colors["disabled"]))
    return p


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion style with Hearth's light or dark palette (``system`` follows the desktop)."""
    app.setStyle("Fusion")
    dark = is_dark(theme)
    app.setPalette(_palette(dark))
    app.setProperty("hearth_dark", dark)
