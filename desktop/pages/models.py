"""The models page: the catalog, importing (dialog or drag and drop), downloading, removing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.jobs import Done, Failed, Progress
from core.models import DownloadConfig, check_online, find_model, import_gguf, import_hf, list_models
from core.training.caches import remove_model_and_caches
from core.workspace import Workspace
from desktop.dialogs import ask, show_error
from desktop.jobs import JobTracker
from desktop.widgets import ProgressLine, Table, human_bytes, human_count, title
from desktop.workers import JobWatcher, run_in_thread

__all__ = ["ModelsPage"]


class DownloadDialog(QDialog):
    """Which repository (and file) to download from the Hugging Face hub."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Download a model"))
        form = QFormLayout(self)
        self.repo = QLineEdit()
        self.repo.setPlaceholderText("owner/name, e.g. unsloth/gemma-3-270m-it-GGUF")
        self.filename = QLineEdit()
        self.filename.setPlaceholderText(self.tr("(the Q4_K_M .gguf, or the safetensors model)"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("(the file's or repository's name)"))
        fields = {f.name: f for f in DownloadConfig.__dataclass_fields__.values()}
        for key, widget, label in (("repo_id", self.repo, self.tr("Repository")),
                                   ("filename", self.filename, self.tr("File")),
                                   ("name", self.name, self.tr("Name in the catalog"))):
            widget.setToolTip(fields[key].metadata["help"])
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def config(self) -> DownloadConfig:
        return DownloadConfig(self.repo.text().strip(), self.filename.text().strip() or None,
                              name=self.name.text().strip() or None)


class ModelsPage(QWidget):
    """The catalog with architecture, size, quantisation, context length and licence.

    ``catalogChanged`` after an import, download or removal; ``chatAsked``
    (model name, None) when the user wants to chat with the selected model.
    """

    catalogChanged = Signal()
    chatAsked = Signal(str, object)
    imported = Signal(object)

    def __init__(self, ws: Workspace, jobs: JobTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.jobs = ws, jobs
        self._call: Any = None
        self._download: JobWatcher | None = None
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(title(self.tr("Models")))
        hint = QLabel(self.tr("GGUF files chat and serve as export bases; Hugging Face folders (safetensors) are "
                              "training bases. Drop a .gguf file or a model folder here to import it."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = Table([self.tr("Name"), self.tr("Format"), self.tr("Architecture"), self.tr("Parameters"),
                            self.tr("Quantisation"), self.tr("Context"), self.tr("Size"), self.tr("Licence"),
                            self.tr("Source")])
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.itemDoubleClicked.connect(lambda _item: self._chat())
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())
        self.progress = ProgressLine()
        self.progress.cancelAsked.connect(self._cancel)
        layout.addWidget(self.progress)
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        actions = [(self.tr("Import &GGUF file…"), self.tr("Check a .gguf file and copy it into the workspace"),
                    self._import_file),
                   (self.tr("Import &folder…"), self.tr("Check a Hugging Face folder (safetensors) and copy it"),
                    self._import_folder),
                   (self.tr("&Download…"), self.tr("Fetch a model from the Hugging Face hub (needs a network)"),
                    self._ask_download),
                   (self.tr("&Remove"), self.tr("Take the model out of the catalog and delete its files"),
                    self._remove),
                   (self.tr("&Chat with it"), self.tr("Load the model in the chat"), self._chat)]
        self.buttons: dict[str, QPushButton] = {}
        for text, tip, slot in actions:
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[slot.__name__] = button
        row.addStretch(1)
        self._selection()
        return row

    # -- the catalog --------------------------------------------------------------
    def refresh(self) -> None:
        records = list_models(self.ws)
        rows = [(r.name, r.format.upper() if r.format == "gguf" else "HF", r.architecture,
                 human_count(r.parameters), r.quantization, r.context_length, human_bytes(r.size_bytes),
                 r.license, r.source) for r in records]
        self.table.fill(rows, keys=[r.name for r in records], tips=[str(r.path) for r in records])
        self._selection()

    def _selection(self) -> None:
        chosen = self.table.current_key() is not None
        for name in ("_remove", "_chat"):
            self.buttons[name].setEnabled(chosen)

    @property
    def busy(self) -> bool:
        return (self._call is not None and not self._call.ended) or (self._download is not None and
                                                                      self._download.running)

    # -- importing ----------------------------------------------------------------
    def _import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a GGUF model"), "", self.tr("GGUF (*.gguf)"))
        if path:
            self.import_path(path)

    def _import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a Hugging Face model folder"))
        if folder:
            self.import_path(folder)

    def import_path(self, path: str) -> None:
        """Import a .gguf file or a Hugging Face folder on a worker thread, with progress."""
        if self.busy:
            return
        target = Path(path)
        importer = import_hf if target.is_dir() else import_gguf
        self.progress.start(self.tr("Importing {0}…").format(target.name), cancellable=False)
        self._call = run_in_thread(lambda call: importer(self.ws, target, progress=lambda d, t: call.report((d, t))),
                                   name="import-model", progress=self._import_progress, done=self._imported,
                                   failed=self._failed)

    def _import_progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.progress.update_progress(done, total, f"{human_bytes(done)} / {human_bytes(total)}")

    def _imported(self, record: Any) -> None:
        self.progress.finish(self.tr("{0} is in the catalog").format(record.name))
        self.refresh()
        self.table.select_key(record.name)
        self.catalogChanged.emit()
        self.imported.emit(record)

    def _failed(self, exc: BaseException) -> None:
        self.progress.finish(self.tr("Failed"))
        show_error(self, exc, title=self.tr("Models"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() and (u.toLocalFile().endswith(".gguf") or Path(u.toLocalFile()).is_dir())
                        for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls:
            self.import_path(urls[0].toLocalFile())
            event.acceptProposedAction()

    # -- downloading --------------------------------------------------------------
    def _ask_download(self) -> None:
        dialog = DownloadDialog(self)
        dialog.accepted.connect(lambda: self._download_checked(dialog))
        dialog.open()

    def _download_checked(self, dialog: DownloadDialog) -> None:
        try:
            config = dialog.config()
        except Exception as exc:
            show_error(self, exc, title=self.tr("Download"))
            return
        self.progress.start(self.tr("Checking the network…"), cancellable=False)
        self._call = run_in_thread(lambda _c: check_online(), name="online",
                                   done=lambda _r: self.download(config), failed=self._failed)

    def download(self, config: DownloadConfig) -> None:
        """Start a download job (the hub must be reachable) and follow its progress."""
        self._download_config = config
        self.progress.start(self.tr("Downloading {0}…").format(config.repo_id))
        self._download = self.jobs.start(config, event=self._download_event, ended=self._download_ended)

    def _download_event(self, event: Any) -> None:
        if isinstance(event, Progress):
            self.progress.update_progress(event.done, event.total, event.message or human_bytes(event.done))

    def _download_ended(self, final: Any) -> None:
        if isinstance(final, Done) and final.result.get("model"):
            self.progress.finish(self.tr("{0} is in the catalog").format(final.result["model"]))
            self.refresh()
            self.catalogChanged.emit()
        elif isinstance(final, Failed):
            self.progress.finish(self.tr("Failed"))
            config = self._download_config
            show_error(self, final, title=self.tr("Download"), retry=lambda: self.download(config))
        else:
            self.progress.finish(self.tr("Download stopped; the partial file is kept for the next try"))

    def _cancel(self) -> None:
        if self._download is not None and self._download.running:
            self._download.cancel()

    # -- removing and chatting ----------------------------------------------------
    def _remove(self) -> None:
        name = self.table.current_key()
        if name is None or self.busy:
            return

        def answered(index: int) -> None:
            if index != 0:
                return
            self.progress.start(self.tr("Removing {0}…").format(name), cancellable=False)
            # (the caches made from it go too: core.training.caches)
            self._call = run_in_thread(lambda _c: remove_model_and_caches(self.ws, name)[0], name="remove-model",
                                       done=self._removed, failed=self._failed)

        ask(self, self.tr("Remove model"), self.tr("Remove {0} from the catalog and delete its files from the "
                                                   "workspace?").format(name),
            [(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole),
             (self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)], answered)

    def _removed(self, record: Any) -> None:
        self.progress.finish(self.tr("{0} removed").format(record.name))
        self.refresh()
        self.catalogChanged.emit()

    def _chat(self) -> None:
        name = self.table.current_key()
        record = find_model(self.ws, name) if name is not None else None
        if record is None:
            return
        if record.format != "gguf":
            show_error(self, Exception(self.tr("{0} is a Hugging Face folder: train from it, or export it to GGUF "
                                               "to chat with it").format(name)))
            return
        self.chatAsked.emit(name, None)
