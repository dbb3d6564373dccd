"""The settings page: the desktop preferences as a form built from their field metadata."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import ConfigError
from core.workspace import Workspace
from desktop.dialogs import show_error
from desktop.forms import ChoiceEditor, ConfigForm, Editor
from desktop.preferences import Preferences, config_path, save_preferences
from desktop.style import apply_theme

__all__ = ["SettingsPage"]


class _PathEditor(Editor):
    """A folder's or a file's path with a Browse button."""

    def __init__(self, placeholder: str, file_filter: str | None = None) -> None:
        self.file_filter = file_filter
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder)
        browse = QPushButton(QApplication.translate("SettingsPage", "Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.line, 1)
        row.addWidget(browse)
        super().__init__(box, self.line.text, lambda v: self.line.setText(v or ""), self.line.textChanged)

    def _browse(self) -> None:
        if self.file_filter is None:
            chosen = QFileDialog.getExistingDirectory(self.widget, QApplication.translate("SettingsPage",
                                                                                          "Workspace folder"))
        else:
            chosen, _ = QFileDialog.getOpenFileName(self.widget, QApplication.translate("SettingsPage",
                                                                                        "Rules file"),
                                                    "", self.file_filter)
        if chosen:
            self.line.setText(chosen)


class SettingsPage(QWidget):
    """Workspace location, engine threads, GPU layers and context size, theme, language.

    ``saved`` carries the new :class:`Preferences`. The theme applies at once;
    the workspace and the language at the next start.
    """

    saved = Signal(object)

    def __init__(self, ws: Workspace, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.prefs = ws, prefs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        title = QLabel("<h2>" + self.tr("Settings") + "</h2>")
        layout.addWidget(title)
        box = QGroupBox(self.tr("Desktop and engine"))
        languages = ChoiceEditor([("English", "en"), ("简体中文", "zh_CN")])
        themes = ChoiceEditor([(self.tr("Follow the system"), "system"), (self.tr("Light"), "light"),
                               (self.tr("Dark"), "dark")])
        folder = _PathEditor(str(ws.root))
        rules = _PathEditor(self.tr("none"), self.tr("Rules (*.json)"))
        self.form = ConfigForm(Preferences, prefs, editors={"workspace": folder, "rules": rules, "theme": themes,
                                                            "language": languages})
        self.form.setMaximumWidth(720)
        QVBoxLayout(box).addWidget(self.form)
        layout.addWidget(box)
        self.where = QLabel(self.tr("Workspace in use: {0}\nSettings file: {1}").format(ws.root, config_path()))
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.clicked.connect(self.save)
        reset = QPushButton(self.tr("Restore defaults"))
        reset.clicked.connect(lambda: self.form.set_value(Preferences()))
        buttons.addWidget(self.save_button)
        buttons.addWidget(reset)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        layout.addWidget(self.status)
        layout.addStretch(1)

    def save(self) -> Preferences | None:
        """Validate and save the form; apply the theme now."""
        try:
            prefs = self.form.value()
        except ConfigError as exc:
            show_error(self, exc, title=self.tr("Settings"))
            return None
        restart = prefs.workspace != self.prefs.workspace or prefs.language != self.prefs.language
        save_preferences(prefs)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, prefs.theme)
        self.prefs = prefs
        self.status.setText(self.tr("Saved. The workspace and language change at the next start.") if restart
                            else self.tr("Saved."))
        self.saved.emit(prefs)
        return prefs
