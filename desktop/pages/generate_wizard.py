"""The generate wizard: a teacher model on this machine answers prompts, and the kept answers become a version.

Five steps: the prompts (a file of questions, or the user turns of a dataset version's split, read and listed),
the teacher (a catalog model or a GGUF file, an adapter, the chat format), how it writes (the mode and its
settings, sampling), what is kept (the filters, leak protection, cleaning and split), then the generation as a
job (``core.data.generate:run_generate``) with its progress, and at the end the new version with what each
filter left out. Every setting is a field of :class:`core.data.generate.GenerateJob`; a field the wizard does not
place itself shows on the "how the teacher writes" step, so a new mode's options appear there without a change
here.
"""

from __future__ import annotations

import html
from itertools import islice
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from core.config import from_dict
from core.data.clean import CleanOptions
from core.data.generate import GenerateJob, Prompt, read_prompts
from core.data.split import SplitOptions
from core.data.versions import DatasetVersion, ImportOptions, get_dataset, list_datasets, read_split
from core.errors import HearthError
from core.export.store import list_exports, trained_chat_format
from core.jobs import Done, Failed, Log, Progress
from core.models import list_models
from core.workspace import Workspace
from desktop.dialogs import error_text
from desktop.forms import ChoiceEditor, ConfigForm, Editor
from desktop.jobs import JobTracker
from desktop.pages.data_wizard import CLEAN_FIELDS
from desktop.widgets import ProgressLine, Table
from desktop.workers import run_in_thread

__all__ = ["GenerateWizard"]

_SOURCE_FIELDS = ("split", "limit")
_TEACHER_FIELDS = ("teacher", "adapter", "adapter_scale", "chat_format", "system", "system_in_data", "n_ctx")
_FILTER_FIELDS = ("refusals", "min_chars", "max_chars", "check_language")
_LEAK_FIELDS = ("exclude", "exclude_threshold")
# The name and the prompts come from the first step's own widgets, the import options from the cleaning forms.
_PLACED = ("name", "source", "options", *_SOURCE_FIELDS, *_TEACHER_FIELDS, *_FILTER_FIELDS, *_LEAK_FIELDS)
_PROMPTS_SHOWN = 200
_RECORDS_SHOWN = 50
_RED = "<span style='color:#c0392b'>{0}</span>"


def _heading(text: str) -> QLabel:
    return QLabel(f"<b>{text}</b>")


def _scrolled(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


def _form_values(form: ConfigForm) -> dict[str, Any]:
    """A partial form's values, its nested configs built (the whole job is validated once, from all steps)."""
    return {**form.raw(), **{name: sub.value() for name, sub in form.subforms.items()}}


class PromptsPage(QWizardPage):
    """The new dataset's name and the prompts: a file of questions or a dataset version's split, listed."""

    def __init__(self, wizard: GenerateWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the prompts"))
        self.setSubTitle(self.tr("A teacher model answers each prompt, and its kept answers become a new dataset "
                                 "version. Of a conversation only the first user turn is asked; its answer is "
                                 "dropped."))
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("generateName")
        self.name.setToolTip(QCoreApplication.translate("help", GenerateJob.__dataclass_fields__["name"]
                                                        .metadata["help"]))
        self.name.textChanged.connect(self.completeChanged)
        top.addRow(self.tr("Name"), self.name)
        self.from_file = QRadioButton(self.tr("A file of questions (.txt: one a line; .jsonl: strings or records "
                                              "with prompt, question, instruction or messages)"))
        self.from_dataset = QRadioButton(self.tr("The user turns of a dataset version"))
        group = QButtonGroup(self)
        for button in (self.from_file, self.from_dataset):
            group.addButton(button)
        self.from_file.setChecked(True)
        group.buttonToggled.connect(self._kind_changed)
        self.path = QLineEdit()
        self.path.setObjectName("generatePath")
        self.path.textChanged.connect(self._source_changed)
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.dataset = ChoiceEditor([(v.label, v.label) for v in list_datasets(wizard.ws)])
        self.dataset.combo.setObjectName("generateDataset")
        self.dataset.changed.connect(self._source_changed)
        top.addRow(self.from_file)
        top.addRow(self.tr("File"), row)
        top.addRow(self.from_dataset)
        top.addRow(self.tr("Version"), self.dataset.widget)
        layout.addLayout(top)
        self.form = ConfigForm(GenerateJob, only=_SOURCE_FIELDS)
        self.form.layout().setContentsMargins(0, 0, 0, 0)
        self.form.changed.connect(wizard.schedule_prompts)
        layout.addWidget(self.form)
        self.summary = QLabel()
        self.summary.setObjectName("promptsSummary")
        self.summary.setWordWrap(True)
        self.table = Table([self.tr("#"), self.tr("Line"), self.tr("Question")])
        self.table.setObjectName("promptsTable")
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._kind_changed()

    def source(self) -> str:
        """The prompts as GenerateJob takes them: a file's full path, or a dataset version's label."""
        if self.from_file.isChecked():
            text = self.path.text().strip()
            return str(Path(text).resolve()) if text else ""
        return self.dataset.get() or ""

    def set_source(self, source: str) -> None:
        """Take the prompts from ``source``: a file when one is there, else a dataset version's label."""
        if Path(source).is_file():
            self.from_file.setChecked(True)
            self.path.setText(source)
        else:
            self.from_dataset.setChecked(True)
            self.dataset.set(source)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Questions"), "",
                                              self.tr("Questions (*.txt *.jsonl *.json *.csv *.tsv *.parquet);;"
                                                      "All files (*)"))
        if path:
            self.path.setText(path)

    def _kind_changed(self, *_args: Any) -> None:
        by_file = self.from_file.isChecked()
        for widget in (self.path, self.browse):
            widget.setEnabled(by_file)
        self.dataset.widget.setEnabled(not by_file)
        self.form.editors["split"].widget.setEnabled(not by_file)
        self._source_changed()

    def _source_changed(self, *_args: Any) -> None:
        source = self.source()
        if source and not self.name.isModified():
            stem = Path(source).stem if self.from_file.isChecked() else source.split(":")[0]
            self.name.setText(f"{stem}-generated")
        self.wiz.schedule_prompts()

    def show_prompts(self, prompts: list[Prompt]) -> None:
        asked = [p for p in prompts if p.messages]
        limit = self.form.raw()["limit"]
        text = self.tr("{0} prompts read; {1} without a question (left out as no_question).").format(
            len(prompts), len(prompts) - len(asked))
        if limit and limit < len(prompts):
            text += " " + self.tr("The limit takes the first {0}.").format(limit)
        self.summary.setText(text)
        shown = prompts[:_PROMPTS_SHOWN]
        self.table.fill([(p.index, p.line, p.question) for p in shown], keys=[p.index for p in shown],
                        highlight=[not p.messages for p in shown])

    def show_problem(self, text: str) -> None:
        self.summary.setText(text)
        self.table.setRowCount(0)

    def isComplete(self) -> bool:
        return bool(self.name.text().strip()) and any(p.messages for p in self.wiz.prompts)


class TeacherPage(QWizardPage):
    """The teacher model, its adapter and the prompt format; the system prompt and the engine's context."""

    def __init__(self, wizard: GenerateWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the teacher"))
        self.setSubTitle(self.tr("A model on this machine answers: a catalog model or a GGUF file, optionally with "
                                 "a LoRA-GGUF adapter."))
        layout = QVBoxLayout(self)
        self.teacher = ChoiceEditor([(m.name, m.name) for m in list_models(wizard.ws, format="gguf")], editable=True)
        self.teacher.combo.setObjectName("generateTeacher")
        self.teacher.changed.connect(self.completeChanged)
        adapters = [e for e in list_exports(wizard.ws) if e.kind == "adapter"]
        self._bases = {str(e.path): e.model for e in adapters}
        self.adapter = ChoiceEditor([(self.tr("(none)"), None)] + [(e.name, str(e.path)) for e in adapters],
                                    editable=True)
        self.adapter.combo.setObjectName("generateAdapter")
        self.adapter.changed.connect(self._adapter_chosen)
        self._trained: str | None = None
        self.chat_format = ChoiceEditor(self._formats(None), editable=True)
        self.chat_format.combo.setObjectName("generateChatFormat")
        self.system = QPlainTextEdit()
        self.system.setObjectName("generateSystem")
        self.system.setPlaceholderText(self.tr("(each prompt's own, if it has one)"))
        self.system.setMaximumHeight(90)
        gguf = self.tr("GGUF files (*.gguf);;All files (*)")
        editors = {"teacher": self._browsing(self.teacher, self.tr("Teacher model"), gguf, ""),
                   "adapter": self._browsing(self.adapter, self.tr("LoRA-GGUF adapter"), gguf, None),
                   "chat_format": Editor(self.chat_format.widget, lambda: self.chat_format.get() or "",
                                         self.chat_format.set, self.chat_format.changed),
                   "system": Editor(self.system, self.system.toPlainText, self.system.setPlainText,
                                    self.system.textChanged)}
        self.form = ConfigForm(GenerateJob, only=_TEACHER_FIELDS, editors=editors)
        self.note = QLabel()
        self.note.setObjectName("teacherNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.form)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def _browsing(self, choice: ChoiceEditor, caption: str, filters: str, empty: str | None) -> Editor:
        """``choice`` with a Browse button beside it, for a file that is not in the list; ``empty`` when blank."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(self.tr("Browse…"))
        line.addWidget(choice.combo, 1)
        line.addWidget(button)

        def browse() -> None:
            path, _ = QFileDialog.getOpenFileName(self, caption, "", filters)
            if path:
                choice.set(path)

        button.clicked.connect(browse)
        return Editor(row, lambda: (choice.get() or "").strip() or empty, choice.set, choice.changed)

    def _formats(self, trained: str | None) -> list[tuple[str, str]]:
        items = [(self.tr("auto (the teacher's own template, else plain)"), "auto"), ("plain", "plain")]
        return items + ([(self.tr("the format its run trained with"), trained)] if trained else [])

    def _adapter_chosen(self) -> None:
        """An adapter export answers best in the format its run trained with, on the base it was exported for."""
        path = self.adapter.get()
        base = self._bases.get(path or "")
        if base:
            self.teacher.set(base)
        trained = trained_chat_format(self.wiz.ws, path) if path else None
        ours = self.chat_format.get() in ("auto", None, self._trained)  # not a choice of the user's own
        self._trained = trained
        self.chat_format.set_items(self._formats(trained))
        if ours:
            self.chat_format.set(trained or "auto")
        self.note.setText(self.tr("This adapter was exported from a run: it answers in the format the run trained "
                                  "with ({0}).").format(trained) if trained else "")

    def isComplete(self) -> bool:
        return bool((self.teacher.get() or "").strip())


class WritingPage(QWizardPage):
    """How the teacher writes: the mode and every setting the other steps do not place, sampling among them."""

    def __init__(self, wizard: GenerateWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("How the teacher writes"))
        self.setSubTitle(self.tr("Each prompt is answered with a seed of its own (the seed plus its number), so a "
                                 "stopped generation continues the same way."))
        layout = QVBoxLayout(self)
        self.form = ConfigForm(GenerateJob, exclude=_PLACED)
        layout.addWidget(_scrolled(self.form), 1)


class KeptPage(QWizardPage):
    """Which answers are kept (filters, leak protection) and how they are cleaned and split."""

    def __init__(self, wizard: GenerateWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("What is kept"))
        self.setSubTitle(self.tr("Each prompt left out is counted under the first filter that applies; the kept "
                                 "answers are then cleaned and split as an import is."))
        layout = QHBoxLayout(self)
        self.filters = ConfigForm(GenerateJob, only=_FILTER_FIELDS)
        refusals = self.filters.editors["refusals"].widget
        if isinstance(refusals, QLineEdit):
            refusals.setCursorPosition(0)  # the list from its first phrase
        self.exclude = ChoiceEditor(editable=True)
        self.exclude.combo.setObjectName("generateExclude")
        exclude = Editor(self.exclude.widget, lambda: self.exclude.get() or "", self.exclude.set, self.exclude.changed)
        self.leak = ConfigForm(GenerateJob, only=_LEAK_FIELDS, editors={"exclude": exclude})
        self.clean = ConfigForm(CleanOptions, only=CLEAN_FIELDS)
        self.split = ConfigForm(SplitOptions, only=("ratios", "counts", "seed"))
        for column, parts in ((QVBoxLayout(), ((self.tr("Filters"), self.filters),
                                               (self.tr("Leak protection"), self.leak))),
                              (QVBoxLayout(), ((self.tr("Cleaning"), self.clean), (self.tr("Split"), self.split)))):
            for heading, form in parts:
                column.addWidget(_heading(heading))
                column.addWidget(form)
            column.addStretch(1)
            layout.addLayout(column, 1)

    def initializePage(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Generate"))
        self.exclude.set_items([(self.tr("(the prompts' own version)"), ""),
                                (self.tr("(no check)"), "none")] +
                               [(v.label, v.label) for v in list_datasets(self.wiz.ws)])


class GeneratePage(QWizardPage):
    """The generation as a job: progress with the time left, then the new version and each filter's count."""

    def __init__(self, wizard: GenerateWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Generate"))
        layout = QVBoxLayout(self)
        self.progress = ProgressLine()
        self.progress.cancelAsked.connect(wizard.cancel_job)
        self.result = QLabel()
        self.result.setObjectName("generateResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = Table([self.tr("Prompts"), self.tr("Verdict"), self.tr("What it means")])
        self.counts.setObjectName("generateCounts")
        self.records_heading = _heading(self.tr("The new version's first training records"))
        self.records = Table([self.tr("Question"), self.tr("The teacher's answer")])
        self.records.setObjectName("generateRecords")
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addWidget(self.counts)
        layout.addWidget(self.records_heading)
        layout.addWidget(self.records, 1)
        self._show_results(False)
        self.done = False

    def _show_results(self, shown: bool) -> None:
        for widget in (self.counts, self.records_heading, self.records):
            widget.setVisible(shown)

    def initializePage(self) -> None:
        self.done = False
        self.result.clear()
        self._show_results(False)
        self.wiz.start_generation()

    def cleanupPage(self) -> None:
        """Back stops the generation (its answers are kept, and the next one with these settings goes on)."""
        self.wiz.cancel_job()

    def _meaning(self, code: str) -> str:
        return {"kept": self.tr("kept, then cleaned and split into the version's records"),
                "no_question": self.tr("the line or record holds no question"),
                "leak": self.tr("like a test question of the protected version"),
                "prompt_too_long": self.tr("the prompt does not fit the context"),
                "empty": self.tr("the answer is empty"),
                "truncated": self.tr("the answer was cut off at the token limit"),
                "refusal": self.tr("the answer holds a refusal phrase"),
                "too_short": self.tr("the answer is shorter than the minimum"),
                "too_long": self.tr("the answer is longer than the maximum"),
                "language": self.tr("the answer is in another script than its question")}.get(code, "")

    def show_result(self, counts: dict[str, int], version: DatasetVersion) -> None:
        """Each verdict's count (a filter that left some out in red) and the first records the version holds."""
        rows = list(counts.items())
        self.counts.fill([(n, code, self._meaning(code)) for code, n in rows], keys=[code for code, _ in rows],
                         highlight=[code != "kept" and n > 0 for code, n in rows])
        self.counts.setFixedHeight(self.counts.horizontalHeader().sizeHint().height() + 2 * self.counts.frameWidth()
                                   + sum(self.counts.rowHeight(r) for r in range(self.counts.rowCount())))
        records = list(islice(read_split(version, "train"), _RECORDS_SHOWN))
        pairs = [(next((m.content for m in r.messages if m.role == "user"), ""),
                  next((m.content for m in r.messages if m.role == "assistant"), "")) for r in records]
        self.records.fill(pairs, tips=[answer for _, answer in pairs])
        self._show_results(True)

    def isComplete(self) -> bool:
        return self.done


class GenerateWizard(QWizard):
    """The five steps, embedded in the data page. ``imported`` carries the new DatasetVersion, ``ended`` the
    generation's final event, ``promptsReady`` the prompts the first step read."""

    imported = Signal(object)
    ended = Signal(object)
    promptsReady = Signal(object)

    def __init__(self, ws: Workspace, jobs: JobTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.jobs = ws, jobs
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.prompts: list[Prompt] = []
        self.version: Any = None
        self._watcher: Any = None
        self._call: Any = None
        self._again = False
        self._start_when_ended = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._read_prompts)
        self.prompts_page, self.teacher_page = PromptsPage(self), TeacherPage(self)
        self.writing_page, self.kept_page, self.generate_page = WritingPage(self), KeptPage(self), GeneratePage(self)
        for page in (self.prompts_page, self.teacher_page, self.writing_page, self.kept_page, self.generate_page):
            self.addPage(page)

    # -- the job --------------------------------------------------------------------
    def job(self) -> GenerateJob:
        """The generation the steps describe.

        Raises:
            ConfigError: a setting is missing or out of range (the message names it).
        """
        values: dict[str, Any] = {}
        for form in (self.prompts_page.form, self.teacher_page.form, self.writing_page.form, self.kept_page.filters,
                     self.kept_page.leak):
            values.update(_form_values(form))
        values.update(name=self.prompts_page.name.text().strip(), source=self.prompts_page.source(),
                      options=ImportOptions(clean=self.kept_page.clean.value(), split=self.kept_page.split.value()))
        return from_dict(GenerateJob, values)

    # -- the prompts ----------------------------------------------------------------
    def schedule_prompts(self) -> None:
        self._timer.start()

    def _read_prompts(self) -> None:
        if self._call is not None and not self._call.ended:
            self._again = True
            return
        source, split = self.prompts_page.source(), self.prompts_page.form.raw()["split"]
        self.prompts = []
        self.prompts_page.completeChanged.emit()
        if not source:
            self.prompts_page.show_problem("")
            return
        self._call = run_in_thread(lambda _c: read_prompts(self.ws, source, split), name="prompts",
                                   done=self._prompts_read, failed=self._prompts_failed, finished=self._maybe_again)

    def _maybe_again(self) -> None:
        if self._again:
            self._again = False
            self._timer.start()

    def _prompts_read(self, prompts: list[Prompt]) -> None:
        self.prompts = prompts
        self.prompts_page.show_prompts(prompts)
        self.prompts_page.completeChanged.emit()
        self.promptsReady.emit(prompts)

    def _prompts_failed(self, exc: BaseException) -> None:
        message, hint, _ = error_text(exc)
        self.prompts_page.show_problem(_RED.format(html.escape(message)) + (f"<br>{html.escape(hint)}" if hint else ""))

    # -- the generation -------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._watcher is not None and self._watcher.running

    def start_generation(self) -> None:
        page = self.generate_page
        if self.running:  # a stopped generation still ending: this one starts when it has
            self._start_when_ended = True
            page.progress.start(self.tr("Waiting for the stopped generation to end…"))
            return
        try:
            self._watcher = self.jobs.start(self.job(), event=self._event, ended=self._ended)
        except HearthError as exc:
            self._failed(exc)
            return
        page.progress.start(self.tr("Loading the teacher…"))

    def _event(self, event: Any) -> None:
        if self._start_when_ended:
            return
        progress = self.generate_page.progress
        if isinstance(event, Progress):
            progress.update_progress(event.done, event.total, event.message, eta=event.eta)
        elif isinstance(event, Log):
            progress.label.setText(event.message)

    def _ended(self, final: Any) -> None:
        if self._start_when_ended:
            self._start_when_ended = False
            self.start_generation()
            return
        page = self.generate_page
        if isinstance(final, Done):
            self._generated(final.result)
        elif isinstance(final, Failed):
            self._failed(final)
        else:
            page.progress.finish(self.tr("Cancelled; no version was made"))
            page.result.setText(self.tr("The answers made so far are kept: generating again with the same name "
                                        "and settings continues where this one stopped."))
        self.ended.emit(final)

    def _generated(self, result: dict[str, Any]) -> None:
        page = self.generate_page
        self.version = get_dataset(self.ws, result["dataset"])
        again = self.tr(" (already made with these settings)") if result.get("recognised") else ""
        page.progress.finish(self.tr("Saved {0}{1}").format(self.version.label, again))
        text = self.tr("{0}: {1} records ({2}) from {3} prompts, {4} of them kept by the filters.").format(
            self.version.label, self.version.records, ", ".join(f"{k} {v}" for k, v in self.version.splits.items()),
            result["prompts"], result["counts"].get("kept", 0))
        if result.get("resumed"):
            text += " " + self.tr("{0} answers were made by an earlier run with the same settings.").format(
                result["resumed"])
        page.result.setText(text)
        page.show_result(result["counts"], self.version)
        page.done = True
        page.completeChanged.emit()
        self.imported.emit(self.version)

    def _failed(self, exc: Any) -> None:
        message, hint, _ = error_text(exc)
        self.generate_page.progress.finish(self.tr("Generation failed"))
        self.generate_page.result.setText(_RED.format(html.escape(message)) + (f"<br>{html.escape(hint)}" if hint
                                                                                else ""))

    def cancel_job(self) -> None:
        self._start_when_ended = False
        if self.running:
            self._watcher.cancel()
