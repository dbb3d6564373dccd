"""The dataset import wizard: file, format and preview, cleaning and split with counts, save.

Each step shows what :func:`core.data.preview.preview_import` says the import
would do (rejected rows highlighted with their reasons, counts by reason, split
sizes); the last runs the import itself as a job (``core.data.versions:run_import``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core.data.clean import CleanOptions
from core.data.preview import ImportPreview, preview_import
from core.data.records import FORMATS
from core.data.split import SplitOptions
from core.data.versions import ImportJob, ImportOptions, get_dataset
from core.errors import HearthError
from core.jobs import Done, Failed, Progress
from core.models import list_models
from core.workspace import Workspace
from desktop.dialogs import error_text
from desktop.forms import ChoiceEditor, ConfigForm
from desktop.i18n.core_messages import translate_core
from desktop.jobs import JobTracker
from desktop.plots import TokenHistogram
from desktop.widgets import ProgressLine, Table
from desktop.workers import run_in_thread

__all__ = ["CLEAN_FIELDS", "ImportWizard"]

# The cleaning steps a wizard offers (the generate wizard's too).
CLEAN_FIELDS = ("dedup_exact", "dedup_near", "near_threshold", "reject_empty_turns", "min_tokens", "max_tokens",
                "scrub_pii", "unicode_form", "normalize_whitespace")


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items(), key=lambda kv: -kv[1])) or "0"


class FilePage(QWizardPage):
    """Which file, under which name, measured with which model's tokenizer."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose a dataset file"))
        self.setSubTitle(self.tr("JSONL, JSON, CSV, TSV, Parquet or plain text. Nothing is written until the last "
                                 "step."))
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setObjectName("datasetPath")
        self.path.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("File"), row)
        self.name = QLineEdit()
        self.name.setToolTip(self.tr("The dataset's name; versions are numbered under it"))
        form.addRow(self.tr("Name"), self.name)
        self.model = ChoiceEditor([(self.tr("(the default model)"), None)] +
                                  [(r.name, r.name) for r in list_models(ws)])
        self.model.widget.setToolTip(ImportOptions.__dataclass_fields__["model"].metadata["help"])
        form.addRow(self.tr("Tokenizer of"), self.model.widget)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Dataset file"), "",
                                              self.tr("Datasets (*.jsonl *.ndjson *.json *.csv *.tsv *.parquet "
                                                      "*.txt);;All files (*)"))
        if path:
            self.path.setText(path)

    def _path_changed(self, text: str) -> None:
        if text and not self.name.isModified():
            self.name.setText(Path(text).stem)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return Path(self.path.text().strip()).is_file()


class PreviewPage(QWizardPage):
    """The detected format (changeable) and the first items, rejected ones highlighted with their reasons."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Format and preview"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format = ChoiceEditor([(self.tr("detect"), "auto")] + [(f, f) for f in FORMATS])
        self.format.widget.setObjectName("datasetFormat")
        self.format.widget.setToolTip(ImportOptions.__dataclass_fields__["format"].metadata["help"])
        self.format.changed.connect(wizard.schedule_preview)
        self.columns = QLineEdit()
        self.columns.setPlaceholderText('{"instruction": "question", "output": "answer"}')
        self.columns.setToolTip(ImportOptions.__dataclass_fields__["columns"].metadata["help"])
        self.columns.editingFinished.connect(wizard.schedule_preview)
        form.addRow(self.tr("Format"), self.format.widget)
        form.addRow(self.tr("Columns"), self.columns)
        layout.addLayout(form)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("previewSummary")
        self.only_rejected = QCheckBox(self.tr("Show only rejected items"))
        self.only_rejected.toggled.connect(lambda _on: self.show_preview(self.wiz.preview))
        self.table = Table([self.tr("Line"), self.tr("Status"), self.tr("Question or text"), self.tr("Answer"),
                            self.tr("Reason")])
        self.table.setObjectName("previewTable")
        for widget in (self.summary, self.only_rejected):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        self.wiz.schedule_preview()

    def columns_value(self) -> dict[str, str] | None:
        text = self.columns.text().strip()
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError:
            raise HearthError(self.tr("the columns are not JSON: {0}").format(text),
                              self.tr('write them as {"field": "column"}')) from None
        return value

    def show_preview(self, preview: ImportPreview | None) -> None:
        if preview is None:
            return
        rows = [r for r in preview.rows if not (self.only_rejected.isChecked() and r.kept)]
        reasons = [translate_core(r.reason) for r in rows]
        tips = [reason + (f" [{r.field}]" if r.field else "") for r, reason in zip(rows, reasons, strict=True)]
        self.table.fill([(r.line, self.tr("kept") if r.kept else r.code, r.prompt, r.answer, reason)
                         for r, reason in zip(rows, reasons, strict=True)], keys=[r.line for r in rows],
                        highlight=[not r.kept for r in rows], tips=tips)
        read = (self.tr("{0} items read") if preview.complete else self.tr("the first {0} items read")) \
            .format(preview.items)
        detected = self.tr(" (detected)") if self.format.get() == "auto" else ""
        self.summary.setText(self.tr("Format: {0}{1}. {2}: {3} kept, {4} rejected ({5}).").format(
            preview.format, detected, read, preview.kept, preview.items - preview.kept,
            _counts(preview.rejected_by_code)))

    def isComplete(self) -> bool:
        return self.wiz.preview is not None and self.wiz.preview.kept > 0


class CleanPage(QWizardPage):
    """Cleaning options and the split, with what they keep and reject counted live."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Cleaning and split"))
        layout = QHBoxLayout(self)
        self.clean = ConfigForm(CleanOptions, only=CLEAN_FIELDS)
        self.split = ConfigForm(SplitOptions, only=("ratios", "counts", "seed"))
        self.clean.changed.connect(wizard.schedule_preview)
        self.split.changed.connect(wizard.schedule_preview)
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>" + self.tr("Cleaning") + "</b>"))
        left.addWidget(self.clean)
        left.addWidget(QLabel("<b>" + self.tr("Split") + "</b>"))
        left.addWidget(self.split)
        left.addStretch(1)
        self.counts = QLabel()
        self.counts.setObjectName("cleanCounts")
        self.counts.setWordWrap(True)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addLayout(left, 3)
        layout.addWidget(self.counts, 2)

    def initializePage(self) -> None:
        self.wiz.schedule_preview()
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Import"))

    def show_preview(self, preview: ImportPreview | None) -> None:
        if preview is None:
            return
        cleaning = preview.cleaning
        lines = [self.tr("Kept: {0} of {1} items").format(preview.kept, preview.items),
                 self.tr("Rejected while reading or cleaning: {0}").format(_counts(preview.rejected_by_code)),
                 self.tr("Normalised: {0} · personal data scrubbed in: {1}").format(cleaning["fixed"],
                                                                                     cleaning["scrubbed"])]
        if preview.splits:
            lines.append(self.tr("Split: {0}").format(", ".join(f"{k} {v}" for k, v in preview.splits.items())))
        if preview.split_error:
            lines.append(self.tr("Split: {0}").format(preview.split_error))
        if not preview.complete:
            lines.append(self.tr("(counted on the first {0} items; the import reads them all)")
                         .format(preview.items))
        self.counts.setText("\n\n".join(lines))


class SavePage(QWizardPage):
    """The import as a job: progress, then the version's counts and token-length histogram."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Save the dataset version"))
        layout = QVBoxLayout(self)
        self.progress = ProgressLine()
        self.progress.cancelAsked.connect(wizard.cancel_job)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("importResult")
        self.histogram = TokenHistogram()
        self.histogram.setVisible(False)
        for widget in (self.progress, self.result):
            layout.addWidget(widget)
        layout.addWidget(self.histogram, 1)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.result.clear()
        self.histogram.setVisible(False)
        self.wiz.start_import()

    def isComplete(self) -> bool:
        return self.done


class ImportWizard(QWizard):
    """The four steps, embedded in the data page. ``imported`` carries the new DatasetVersion."""

    imported = Signal(object)
    previewReady = Signal(object)

    def __init__(self, ws: Workspace, jobs: JobTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.jobs = ws, jobs
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoCancelButton, False)
        self.preview: ImportPreview | None = None
        self.version: Any = None
        self._watcher: Any = None
        self._call: Any = None
        self._again = False
        self.file_page, self.preview_page = FilePage(ws), PreviewPage(self)
        self.clean_page, self.save_page = CleanPage(self), SavePage(self)
        for page in (self.file_page, self.preview_page, self.clean_page, self.save_page):
            self.addPage(page)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._run_preview)

    def set_file(self, path: str, model: str | None = None) -> None:
        self.file_page.path.setText(path)
        if model is not None:
            self.file_page.model.set(model)

    # -- the options ----------------------------------------------------------------
    def options(self) -> ImportOptions:
        """The import's options as the steps say (validated by the config classes)."""
        return ImportOptions(format=self.preview_page.format.get() or "auto",
                             columns=self.preview_page.columns_value(), model=self.file_page.model.get(),
                             clean=self.clean_page.clean.value(), split=self.clean_page.split.value())

    # -- the preview ----------------------------------------------------------------
    def schedule_preview(self) -> None:
        self._timer.start()

    def _run_preview(self) -> None:
        if self._call is not None and not self._call.ended:
            self._again = True
            return
        try:
            options, path = self.options(), self.file_page.path.text().strip()
        except HearthError as exc:
            self._show_problem(exc)
            return
        self._call = run_in_thread(lambda _c: preview_import(path, options), name="preview",
                                   done=self._previewed, failed=self._show_problem, finished=self._maybe_again)

    def _maybe_again(self) -> None:
        if self._again:
            self._again = False
            self._timer.start()

    def _previewed(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.preview_page.show_preview(preview)
        self.clean_page.show_preview(preview)
        self.preview_page.completeChanged.emit()
        self.previewReady.emit(preview)

    def _show_problem(self, exc: BaseException) -> None:
        message, hint, _ = error_text(exc)
        text = f"<span style='color:#c0392b'>{message}</span>" + (f"<br>{hint}" if hint else "")
        self.preview = None
        self.preview_page.summary.setText(text)
        self.preview_page.table.setRowCount(0)
        self.clean_page.counts.setText(text)
        self.preview_page.completeChanged.emit()

    # -- the import -----------------------------------------------------------------
    def start_import(self) -> None:
        page = self.save_page
        try:
            job = ImportJob(path=str(Path(self.file_page.path.text().strip()).resolve()),
                            name=self.file_page.name.text().strip() or None, options=self.options())
        except HearthError as exc:
            self._import_failed(exc)
            return
        page.progress.start(self.tr("Reading, cleaning and splitting…"))
        self._watcher = self.jobs.start(job, event=self._import_event, ended=self._import_ended)

    def _import_event(self, event: Any) -> None:
        if isinstance(event, Progress):
            self.save_page.progress.update_progress(event.done, event.total, event.message)

    def _import_ended(self, final: Any) -> None:
        page = self.save_page
        if isinstance(final, Done):
            self.version = get_dataset(self.ws, final.result["dataset"])
            again = self.tr(" (already imported with these options)") if final.result.get("recognised") else ""
            page.progress.finish(self.tr("Saved {0}{1}").format(self.version.label, again))
            stats = self.version.stats()
            page.result.setText(self.tr("{0}: {1} records ({2}); {3} rejected. Tokens counted with {4}.").format(
                self.version.label, self.version.records,
                ", ".join(f"{k} {v}" for k, v in self.version.splits.items()), self.version.rejected,
                stats.get("model", "?")))
            page.histogram.show_histogram(stats["total"]["histogram"], stats.get("seq_len"))
            page.histogram.setVisible(True)
            page.done = True
            page.completeChanged.emit()
            self.imported.emit(self.version)
        elif isinstance(final, Failed):
            self._import_failed(final)
        else:
            page.progress.finish(self.tr("Import cancelled; nothing was saved"))

    def _import_failed(self, exc: Any) -> None:
        message, hint, _ = error_text(exc)
        self.save_page.progress.finish(self.tr("Import failed"))
        self.save_page.result.setText(f"<span style='color:#c0392b'>{message}</span><br>{hint}")

    def cancel_job(self) -> None:
        if self._watcher is not None and self._watcher.running:
            self._watcher.cancel()
