"""The export page: a finished run to a GGUF (merged and quantised, or a LoRA-GGUF adapter), verified.

The export is :mod:`core.export`'s job (``core.export.run:run_export``); this
page fills its config from the form, follows its progress, shows the
verification report, and offers to chat with the result or to deploy it (a run
or an export, in :mod:`desktop.pages.deploy_dialog`).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.errors import HearthError
from core.export.run import ExportJob
from core.export.store import get_export, list_exports
from core.jobs import Done, Failed, Progress
from core.training.store import RunRecord, list_runs
from core.workspace import Workspace
from desktop.dialogs import error_text, show_error
from desktop.forms import ConfigForm
from desktop.jobs import JobTracker
from desktop.pages.deploy_dialog import DeployDialog
from desktop.widgets import ProgressLine, Table, human_bytes, title
from desktop.workers import JobWatcher

__all__ = ["ExportPage", "format_report"]


def format_report(report: dict[str, Any]) -> str:
    """A verification report as lines a person reads: the verdict, the failures, the measurements."""
    lines = [("PASSED" if report.get("passed") else "FAILED") + f" ({report.get('kind', '')}, "
             f"{report.get('quantization', '')})"]
    lines += [f"  ✗ {failure}" for failure in report.get("failures", [])]
    for section in ("logits", "tokenizer", "text"):
        values = report.get(section) or {}
        if values:
            lines.append(f"{section}:")
            lines += [f"  {key}: {value:.4g}" if isinstance(value, float) else f"  {key}: {value}"
                      for key, value in values.items() if not isinstance(value, (list, dict))]
    return "\n".join(lines)


class ExportPage(QWidget):
    """Choose a run, a quantisation and merged or adapter; export, verify, chat.

    ``chatAsked`` carries (model, adapter path or None); ``exportEnded`` the final event.
    """

    chatAsked = Signal(str, object)
    exportEnded = Signal(object)

    def __init__(self, ws: Workspace, jobs: JobTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.jobs = ws, jobs
        self.watcher: JobWatcher | None = None
        self.deploy_dialog: DeployDialog | None = None
        self._runs: dict[str, RunRecord] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(title(self.tr("Export")))
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QSplitter()
        top.addWidget(self._runs_box())
        top.addWidget(self._form_box())
        top.setSizes([600, 420])
        splitter.addWidget(top)
        splitter.addWidget(self._results_box())
        layout.addWidget(splitter, 1)
        self.refresh()

    # -- layout -----------------------------------------------------------------------
    def _runs_box(self) -> QWidget:
        box = QGroupBox(self.tr("Finished runs"))
        layout = QVBoxLayout(box)
        self.runs = Table([self.tr("Run"), self.tr("Model"), self.tr("Dataset"), self.tr("Method"), self.tr("State"),
                           self.tr("Best validation loss")])
        self.runs.itemSelectionChanged.connect(self._run_selected)
        self.deploy_run_button = QPushButton(self.tr("Deploy r&un…"))
        self.deploy_run_button.setObjectName("deployRunButton")
        self.deploy_run_button.setToolTip(self.tr("Write a folder that serves this run's newest export (or, for "
                                                  "vLLM, its own weights) with a serving engine"))
        self.deploy_run_button.clicked.connect(self.deploy_selected_run)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.deploy_run_button)
        layout.addWidget(self.runs)
        layout.addLayout(buttons)
        return box

    def _form_box(self) -> QWidget:
        box = QGroupBox(self.tr("How"))
        layout = QVBoxLayout(box)
        self.form = ConfigForm(ExportJob, exclude=("run", "gates", "name"))
        layout.addWidget(self.form)
        self.method_note = QLabel()
        self.method_note.setWordWrap(True)
        self.export_button = QPushButton(self.tr("E&xport"))
        self.export_button.setObjectName("startExport")
        self.export_button.clicked.connect(self.start)
        self.progress = ProgressLine()
        self.progress.cancelAsked.connect(self.cancel)
        for widget in (self.method_note, self.export_button, self.progress):
            layout.addWidget(widget)
        layout.addStretch(1)
        return box

    def _results_box(self) -> QWidget:
        box = QGroupBox(self.tr("Exports"))
        layout = QHBoxLayout(box)
        left = QVBoxLayout()
        self.exports = Table([self.tr("Export"), self.tr("Kind"), self.tr("Type"), self.tr("Size"),
                              self.tr("Verification"), self.tr("Run")])
        self.exports.itemSelectionChanged.connect(self._export_selected)
        self.chat_button = QPushButton(self.tr("&Chat with it"))
        self.chat_button.clicked.connect(self.chat_with_selected)
        self.deploy_button = QPushButton(self.tr("&Deploy…"))
        self.deploy_button.setObjectName("deployButton")
        self.deploy_button.setToolTip(self.tr("Write a folder that serves this export with a serving engine "
                                              "(llama-server, vLLM or Kubernetes)"))
        self.deploy_button.clicked.connect(self.deploy_selected_export)
        buttons = QHBoxLayout()
        buttons.addWidget(self.chat_button, 1)
        buttons.addWidget(self.deploy_button, 1)
        left.addWidget(self.exports, 1)
        left.addLayout(buttons)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setObjectName("verificationReport")
        self.report.setPlaceholderText(self.tr("The verification report of the selected export"))
        layout.addLayout(left, 3)
        layout.addWidget(self.report, 2)
        return box

    # -- lists ------------------------------------------------------------------------
    def refresh(self) -> None:
        runs = list_runs(self.ws)
        self._runs = {r.id: r for r in runs}
        selected = self.runs.current_key()
        self.runs.fill([(r.id, r.model, r.dataset, r.method, r.state,
                         f"{r.metrics['best_val_loss']:.4f}" if isinstance(r.metrics.get("best_val_loss"), float)
                         else "") for r in runs], keys=[r.id for r in runs])
        if selected:
            self.runs.select_key(selected)
        self._refresh_exports()
        self._run_selected()

    def _refresh_exports(self) -> None:
        records = list_exports(self.ws)
        self.exports.fill([(e.name, e.kind, e.quantization, human_bytes(e.size_bytes), e.verification, e.run_id)
                           for e in records], keys=[e.name for e in records])
        self._export_selected()

    def _run_selected(self) -> None:
        run_id = self.runs.current_key()
        run = self._runs.get(run_id) if run_id else None
        ready = run is not None and run.state == "done"
        self.export_button.setEnabled(ready and not self.running)
        self.deploy_run_button.setEnabled(ready)
        if run is None:
            self.method_note.setText(self.tr("Choose a finished run."))
        elif run.method in ("prompt", "prefix"):
            self.method_note.setText(self.tr("{0} tuning learns virtual tokens, which GGUF has no place for: this "
                                             "run cannot be exported.").format(run.method))
            self.export_button.setEnabled(False)
        elif run.method == "full":
            self.method_note.setText(self.tr("A full fine-tune exports merged (not as an adapter)."))
        else:
            self.method_note.setText(self.tr("{0}: merged and quantised, or as a LoRA-GGUF adapter over its base.")
                                     .format(run.method))

    def _export_selected(self) -> None:
        name = self.exports.current_key()
        self.chat_button.setEnabled(name is not None)
        self.deploy_button.setEnabled(name is not None)
        self.report.clear()
        if name is None:
            return
        record = get_export(self.ws, name)
        path = record.folder / "verification.json"
        if path.is_file():
            self.report.setPlainText(format_report(json.loads(path.read_text(encoding="utf-8"))))
        else:
            self.report.setPlainText(self.tr("No verification report ({0}).").format(record.verification))

    # -- exporting --------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.watcher is not None and self.watcher.running

    def start(self) -> None:
        run_id = self.runs.current_key()
        if run_id is None or self.running:
            return
        try:
            values = {**self.form.raw(), "run": run_id}
            from core.config import from_dict

            job = from_dict(ExportJob, values)
        except HearthError as exc:
            show_error(self, exc, title=self.tr("Export"))
            return
        self.progress.start(self.tr("Exporting {0}…").format(run_id))
        self.watcher = self.jobs.start(job, event=self._event, ended=self._ended)
        self.export_button.setEnabled(False)

    def _event(self, event: Any) -> None:
        if isinstance(event, Progress):
            self.progress.update_progress(event.done, event.total, event.message)

    def _ended(self, final: Any) -> None:
        self._run_selected()
        if isinstance(final, Done):
            self.progress.finish(self.tr("Exported {0}").format(final.result.get("export", "")))
            self._refresh_exports()
            self.exports.select_key(final.result.get("export"))
        elif isinstance(final, Failed):
            self.progress.finish(self.tr("Failed: {0}").format(error_text(final)[0]))
            kept = self.watcher.handle.folder / "verification.json" if self.watcher else None
            if kept is not None and kept.is_file():  # the report of a failed verification is kept with the job
                self.report.setPlainText(format_report(json.loads(kept.read_text(encoding="utf-8"))))
            show_error(self, final, title=self.tr("Export failed"), retry=self.start)
        else:
            self.progress.finish(self.tr("Cancelled; nothing was left half-written"))
        self.exportEnded.emit(final)

    def cancel(self) -> None:
        if self.running:
            self.watcher.cancel()

    def chat_with_selected(self) -> None:
        name = self.exports.current_key()
        if name is None:
            return
        record = get_export(self.ws, name)
        if record.kind == "adapter":
            self.chatAsked.emit(record.model, str(record.path))
        else:
            self.chatAsked.emit(record.model or record.name, None)

    # -- deploying --------------------------------------------------------------------
    def deploy_selected_run(self) -> None:
        run_id = self.runs.current_key()
        if run_id is not None:
            self.deploy(run_id)

    def deploy_selected_export(self) -> None:
        name = self.exports.current_key()
        if name is not None:
            self.deploy(name)

    def deploy(self, source: str) -> DeployDialog:
        """Open the deploy dialog for ``source`` (a run's id or an export's name); returns it."""
        old = self.deploy_dialog
        if old is not None and not old.running:  # (one still stopping is left to end on its own)
            old.deleteLater()
        self.deploy_dialog = DeployDialog(self.ws, self.jobs, source, self)
        self.deploy_dialog.open()
        return self.deploy_dialog
