"""The main window: navigation on the left, one page at a time, and a status bar.

The status bar names the device, the engine's state (with a load's progress)
and the running jobs. Closing the window while jobs run asks first; stopping
them lets each end cleanly (a cancelled run keeps its checkpoint, unfinished
files are swept) before the window closes.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from core.workspace import Workspace
from desktop.dialogs import ask, show_error
from desktop.engine import CRASHED, EMPTY, FAILED, GENERATING, LOADING, READY, EngineService
from desktop.jobs import JobTracker
from desktop.preferences import Preferences
from desktop.style import app_icon, icon
from desktop.workers import run_in_thread

__all__ = ["MainWindow"]

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Hearth's window.

    Args:
        ws: the workspace.
        prefs: the desktop preferences (engine load options, theme, language).
        model: the model to load first (catalog name or .gguf path); the default model when None.
        load: whether to load a model at start (off for screenshots of an empty state).
    """

    closed = Signal()

    def __init__(self, ws: Workspace, prefs: Preferences | None = None, *, model: str | None = None,
                 load: bool = True) -> None:
        super().__init__()
        self.ws = ws
        self.prefs = prefs or Preferences()
        self.engine = EngineService(ws, self.prefs.load_options(), self)
        self.jobs = JobTracker(ws, self)
        self._closing = False
        self.setWindowTitle("Hearth")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(900, 600))
        self.resize(1280, 820)
        self._build_pages()
        self._build_status_bar()
        self._wire()
        if load:
            self.engine.load(model)

    # -- pages ------------------------------------------------------------------
    def _build_pages(self) -> None:
        from desktop.pages.chat import ChatPage
        from desktop.pages.data import DataPage
        from desktop.pages.evaluate import EvaluatePage
        from desktop.pages.export import ExportPage
        from desktop.pages.models import ModelsPage
        from desktop.pages.server import ServerPage
        from desktop.pages.settings import SettingsPage
        from desktop.pages.train import TrainPage

        self.chat = ChatPage(self.ws, self.engine)
        self.chat.rules_file = self.prefs.rules
        self.models = ModelsPage(self.ws, self.jobs)
        self.data = DataPage(self.ws, self.jobs)
        self.train = TrainPage(self.ws, self.jobs)
        self.export = ExportPage(self.ws, self.jobs)
        self.evaluate = EvaluatePage(self.ws, self.jobs)
        self.server = ServerPage(self.ws, self.engine)
        self.settings = SettingsPage(self.ws, self.prefs)
        pages = [("chat", self.tr("Chat"), self.chat), ("models", self.tr("Models"), self.models),
                 ("data", self.tr("Data"), self.data), ("train", self.tr("Train"), self.train),
                 ("export", self.tr("Export"), self.export), ("evaluate", self.tr("Evaluate"), self.evaluate),
                 ("server", self.tr("Server"), self.server),
                 ("settings", self.tr("Settings"), self.settings)]
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(150)
        self.nav.setAccessibleName(self.tr("Pages"))
        self.stack = QStackedWidget()
        self.page_names: list[str] = []
        for index, (name, label, page) in enumerate(pages):
            item = QListWidgetItem(icon(name), label)
            item.setToolTip(self.tr("{0} (Ctrl+{1})").format(label, index + 1))
            self.nav.addItem(item)
            self.stack.addWidget(page)
            self.page_names.append(name)
            QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self, lambda i=index: self.nav.setCurrentRow(i))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def show_page(self, name: str) -> None:
        """Switch to the page called ``name`` (chat, models, data, train, export, evaluate, server, settings)."""
        self.nav.setCurrentRow(self.page_names.index(name))

    def _wire(self) -> None:
        self.models.catalogChanged.connect(self.chat.refresh_models)
        self.models.catalogChanged.connect(self.server.refresh_models)
        self.models.catalogChanged.connect(self.train.refresh)
        self.models.chatAsked.connect(self.chat_with)
        self.data.datasetsChanged.connect(self.train.refresh)
        self.train.runsChanged.connect(self.export.refresh)
        self.export.chatAsked.connect(self.chat_with)
        self.models.catalogChanged.connect(self.evaluate.refresh)
        self.data.datasetsChanged.connect(self.evaluate.refresh)
        self.export.exportEnded.connect(lambda _final: self.evaluate.refresh())
        self.settings.saved.connect(self._preferences_saved)
        self.engine.loadFailed.connect(self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        ref = self.engine.last_load
        show_error(self, exc, title=self.tr("The model could not be loaded"), retry=lambda: self.engine.load(ref))

    def chat_with(self, model: str, adapter: str | None = None) -> None:
        """Load ``model`` (a catalog name or a .gguf file), with an adapter if given, and go to the chat."""
        self.engine.load(model)
        if adapter:
            self.chat.add_adapter(adapter)
        self.chat.new_conversation()
        self.show_page("chat")

    def _preferences_saved(self, prefs: Preferences) -> None:
        engine_changed = prefs.load_options() != self.prefs.load_options()
        self.prefs = prefs
        self.chat.rules_file = prefs.rules
        self.engine.load_options = prefs.load_options()
        if engine_changed and self.engine.model is not None and not self.chat.busy:
            self.engine.load(self.chat.model_picker.get() or self.engine.model.path)

    # -- status bar ---------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.device_label = QLabel(self.tr("Device: …"))
        self.engine_label = QLabel()
        self.engine_label.setObjectName("engineState")
        self.load_bar = QProgressBar()
        self.load_bar.setRange(0, 100)
        self.load_bar.setMaximumWidth(140)
        self.load_bar.setVisible(False)
        self.jobs_label = QLabel()
        self.jobs_label.setObjectName("jobsState")
        bar.addWidget(self.engine_label)
        bar.addWidget(self.load_bar)
        bar.addPermanentWidget(self.jobs_label)
        bar.addPermanentWidget(self.device_label)
        self.engine.stateChanged.connect(self._engine_state)
        self.engine.loadProgress.connect(lambda value: self.load_bar.setValue(round(100 * value)))
        self.jobs.changed.connect(self._jobs_changed)
        self._engine_state(self.engine.state, self.engine.detail)
        self._jobs_changed(0)
        from core.diagnostics.doctor import device_summary

        self._device_call = run_in_thread(lambda _c: device_summary(), name="device",
                                          done=lambda text: self.device_label.setText(text))

    def _engine_state(self, state: str, detail: str) -> None:
        words = {EMPTY: self.tr("Engine: no model"), LOADING: self.tr("Engine: loading {0}…"),
                 READY: self.tr("Engine: {0} ready"), GENERATING: self.tr("Engine: {0} replying…"),
                 CRASHED: self.tr("Engine: stopped ({0})"), FAILED: self.tr("Engine: could not load ({0})")}
        self.engine_label.setText(words.get(state, state).format(detail))
        self.engine_label.setToolTip(detail)
        self.load_bar.setVisible(state == LOADING)
        if state == LOADING:
            self.load_bar.setValue(0)

    def _jobs_changed(self, running: int) -> None:
        self.jobs_label.setText(self.tr("Jobs: {0} running").format(running) if running else self.tr("Jobs: none"))
        self.jobs_label.setToolTip("\n".join(self.jobs.describe()))
        if self._closing and running == 0:
            self.close()

    # -- closing ----------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.jobs.running
        if running and not self._closing:
            event.ignore()
            self._ask_about_jobs()
            return
        if running:  # stopping: the window closes when the last job has ended
            event.ignore()
            return
        self.server.stop()
        self.engine.close()
        self.closed.emit()
        event.accept()

    def _ask_about_jobs(self) -> None:
        jobs = "\n".join(f"• {line}" for line in self.jobs.describe())

        def answered(index: int) -> None:
            if index == 0:
                self._closing = True
                self.statusBar().showMessage(self.tr("Stopping the running jobs before closing…"))
                self.jobs.cancel_all()

        self.close_question = ask(
            self, self.tr("Jobs are running"),
            self.tr("These jobs are still running:\n{0}\n\nStop them and close? A stopped training run keeps its "
                    "last checkpoint and can be resumed; nothing is left half-written.").format(jobs),
            [(self.tr("Stop jobs and close"), QMessageBox.ButtonRole.DestructiveRole),
             (self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)], answered)

    def current_page(self) -> Any:
        return self.stack.currentWidget()
