"""The train page: a form built from the run's config, the memory pre-flight as it changes, the run live.

The form is :class:`core.training.run.TrainJob` with its nested
:class:`~core.training.recipe.TrainConfig` (help text as tooltips). Each
change re-runs the pre-flight and the export check
(:func:`core.training.check.train_checks`) off the GUI thread. A run is a core job; its loss and
validation loss reach the plot as they are measured.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.config import from_dict
from core.data.render import TEMPLATE_NAMES
from core.data.versions import list_datasets
from core.errors import HearthError
from core.jobs import Cancelled, Done, Failed, Log, Metric, Progress, get_job, read_events, request_cancel
from core.models import list_models
from core.training.check import TrainChecks, train_checks
from core.training.presets import PRESETS, resolve
from core.training.run import TrainJob
from core.training.store import RunRecord, get_run, list_runs
from core.workspace import Workspace
from desktop.dialogs import error_text, show_error
from desktop.forms import ChoiceEditor, ConfigForm
from desktop.i18n.core_messages import translate_core
from desktop.jobs import JobTracker
from desktop.plots import LossPlot
from desktop.widgets import ProgressLine, Table, title
from desktop.workers import JobWatcher, run_in_thread

__all__ = ["TrainPage"]

_STATUS_COLOURS = {"fits": "#2e8b57", "tight": "#c98a00", "does_not_fit": "#c0392b"}


class TrainPage(QWidget):
    """Set up, start, follow, cancel and resume training runs.

    ``runsChanged`` when a run starts or ends; ``checked`` after each pre-flight;
    ``metric`` for each Metric event of the run followed.
    """

    runsChanged = Signal()
    checked = Signal(object)
    metric = Signal(object)
    runEnded = Signal(object)

    def __init__(self, ws: Workspace, jobs: JobTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.jobs = ws, jobs
        self.watcher: JobWatcher | None = None
        self._check_call: Any = None
        self._verdict: Any = None
        self._runs: dict[str, RunRecord] = {}
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(400)
        self._recheck.timeout.connect(self.run_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(title(self.tr("Train")))
        splitter = QSplitter()
        splitter.addWidget(self._form_panel())
        splitter.addWidget(self._run_panel())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 800])
        layout.addWidget(splitter, 1)
        self.refresh()

    # -- the form -------------------------------------------------------------------
    def _form_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 8, 0)
        presets = QHBoxLayout()
        self.preset = QComboBox()
        self.preset.addItem(self.tr("auto (quick-cpu on a CPU, balanced on a GPU)"), "auto")
        for name in PRESETS:
            self.preset.addItem(name, name)
        self.preset.setToolTip(self.tr("A starting point for every setting; change any of them after"))
        apply = QPushButton(self.tr("Apply &preset"))
        apply.clicked.connect(self.apply_preset)
        presets.addWidget(QLabel(self.tr("Preset")))
        presets.addWidget(self.preset, 1)
        presets.addWidget(apply)
        layout.addLayout(presets)
        self.datasets = ChoiceEditor()
        self.models = ChoiceEditor()
        self.templates = ChoiceEditor([("auto", "auto")] + [(n, n) for n in TEMPLATE_NAMES])
        self.devices = ChoiceEditor([("auto", "auto"), ("cpu", "cpu"), ("cuda", "cuda")])
        self.form = ConfigForm(TrainJob, exclude=("resume", "run_id"),
                               editors={"dataset": self.datasets, "model": self.models, "template": self.templates,
                                        "device": self.devices})
        self.form.changed.connect(self._recheck.start)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)
        panel.setMinimumWidth(360)
        return panel

    def refresh(self) -> None:
        """Reload the datasets, models and runs the form and the list offer."""
        self.datasets.set_items([(v.label, v.label) for v in list_datasets(self.ws)])
        self.models.set_items([(self.tr("(the default model)"), None)] +
                              [(r.name, r.name) for r in list_models(self.ws)])
        self.refresh_runs()
        self._recheck.start()

    def apply_preset(self) -> None:
        name = self.preset.currentData()
        try:
            config, seq_len = resolve(name, {}, device=self.devices.get() or "auto")
        except HearthError as exc:
            show_error(self, exc)
            return
        self.form.set_values(seq_len=seq_len, train=dataclasses.asdict(config))

    def job(self, *, for_check: bool = False) -> TrainJob:
        """The run the form describes (with a stand-in dataset name when only checking memory).

        Raises:
            HearthError: a setting is out of range, or (not for_check) no dataset is chosen.
        """
        values = self.form.raw()
        values["train"] = self.form.subforms["train"].value()
        if for_check and not values.get("dataset"):
            values["dataset"] = "-"
        return from_dict(TrainJob, values)

    # -- the pre-flight -------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._recheck.start()

    def run_check(self) -> None:
        """Re-run the pre-flight and the export check for the form as it is (only while the page is shown)."""
        if not self.isVisible():
            return
        if self._check_call is not None and not self._check_call.ended:
            self._recheck.start()
            return
        try:
            job = self.job(for_check=True)
        except HearthError as exc:
            self.preflight.setText(f"<span style='color:#c0392b'>{error_text(exc)[0]}</span>")
            return
        self.preflight.setText(self.tr("Estimating memory…"))
        self._check_call = run_in_thread(lambda _c: train_checks(self.ws, job), name="preflight", done=self._checked)

    def _checked(self, result: TrainChecks) -> None:
        self._verdict = result.verdict
        self.apply_button.setVisible(bool(self._verdict and self._verdict.status != "fits" and self._verdict.best))
        if self._verdict is not None:
            colour = _STATUS_COLOURS[self._verdict.status]
            words = {"fits": self.tr("Fits"), "tight": self.tr("Tight"), "does_not_fit": self.tr("Does not fit")}
            text = f"<b style='color:{colour}'>{words[self._verdict.status]}</b>: "
            text += translate_core(self._verdict.describe())
            if self._verdict.best is not None and self._verdict.status != "fits":
                text += "<br>" + self.tr("Suggestion: {0}").format(translate_core(self._verdict.best.action))
            self.preflight.setText(text)
        else:
            self.preflight.setText(f"<span style='color:#c0392b'>{error_text(result.verdict_error)[0]}</span>")
        self.exportability.setText(self._export_text(result))
        self.checked.emit(result)

    def _export_text(self, result: TrainChecks) -> str:
        if result.export is None:
            return self.tr("Export check unavailable: {0}").format(error_text(result.export_error)[0])
        merged, adapter, reason = result.export
        parts = [self.tr("merged GGUF: {0}").format(self.tr("yes") if merged else self.tr("no")),
                 self.tr("LoRA-GGUF adapter: {0}").format(self.tr("yes") if adapter else self.tr("no"))]
        return self.tr("Export: ") + ", ".join(parts) + (f"<br><i>{translate_core(reason)}</i>" if reason else "")

    def apply_suggestion(self) -> None:
        from core.training.check import apply_suggestion

        if self._verdict is None or self._verdict.best is None:
            return
        try:
            job = apply_suggestion(self.job(for_check=True), self._verdict.best)
        except HearthError as exc:
            show_error(self, exc)
            return
        self.form.set_values(seq_len=job.seq_len, train=dataclasses.asdict(job.train))

    # -- the run --------------------------------------------------------------------
    def _run_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 0, 0, 0)
        check_box = QGroupBox(self.tr("Before starting"))
        check_layout = QVBoxLayout(check_box)
        self.preflight = QLabel()
        self.preflight.setObjectName("preflight")
        self.preflight.setWordWrap(True)
        self.exportability = QLabel()
        self.exportability.setObjectName("exportability")
        self.exportability.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Apply the suggestion"))
        self.apply_button.clicked.connect(self.apply_suggestion)
        self.apply_button.setVisible(False)
        for widget in (self.preflight, self.apply_button, self.exportability):
            check_layout.addWidget(widget)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("&Start training"))
        self.start_button.setObjectName("startTraining")
        self.start_button.clicked.connect(self.start)
        self.rate = QLabel()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.rate, 1)
        self.progress = ProgressLine()
        self.progress.cancelAsked.connect(self.cancel)
        self.plot = LossPlot()
        layout.addWidget(check_box)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.plot, 2)
        layout.addWidget(self._runs_box(), 1)
        return panel

    @property
    def running(self) -> bool:
        return self.watcher is not None and self.watcher.running

    def start(self) -> None:
        """Start the run the form describes."""
        if self.running:
            return
        try:
            job = self.job()
        except HearthError as exc:
            show_error(self, exc, title=self.tr("Train"))
            return
        self._follow(job, self.tr("Preparing the base model…"))

    def resume(self, run_id: str) -> None:
        """Continue a stopped run from its last checkpoint; the plot starts with the losses it had."""
        if self.running:
            return
        self._replay(run_id)
        self._follow(TrainJob(resume=run_id), self.tr("Resuming {0}…").format(run_id), clear=False)

    def _follow(self, job: TrainJob, text: str, clear: bool = True) -> None:
        if clear:
            self.plot.clear_points()
        self.rate.clear()
        self.progress.start(text)
        try:
            self.watcher = self.jobs.start(job, event=self._event, ended=self._ended)
        except HearthError as exc:
            self.progress.finish(self.tr("Could not start"))
            show_error(self, exc)
            return
        self.start_button.setEnabled(False)
        QTimer.singleShot(500, self.refresh_runs)
        self.runsChanged.emit()

    def _event(self, event: Any) -> None:
        if isinstance(event, Metric):
            if event.step is not None:
                self.plot.add_point(event.name, event.step, event.value)
            if event.name == "tokens_per_s":
                self.rate.setText(self.tr("{0:.0f} tokens/s").format(event.value))
            self.metric.emit(event)
        elif isinstance(event, Progress):
            self.progress.update_progress(event.done, event.total, event.message, eta=event.eta)
            if event.total and event.message.startswith("loss"):
                self.refresh_runs()
        elif isinstance(event, Log) and event.level in ("WARNING", "ERROR"):  # (the memory verdict: core text)
            self.progress.label.setText(translate_core(event.message))

    def _ended(self, final: Any) -> None:
        self.start_button.setEnabled(True)
        self.refresh_runs()
        self.runsChanged.emit()
        if isinstance(final, Done):
            self.progress.finish(self.tr("Done: {0}").format(final.result.get("run", "")))
        elif isinstance(final, Cancelled):
            self.progress.finish(self.tr("Cancelled; the run keeps its last checkpoint and can be resumed"))
        elif isinstance(final, Failed):
            self.progress.finish(self.tr("Failed"))
            run_id = self._latest_run_id()
            show_error(self, final, title=self.tr("Training stopped"),
                       retry=(lambda: self.resume(run_id)) if run_id else self.start)
        self.runEnded.emit(final)

    def cancel(self) -> None:
        if self.running:
            self.watcher.cancel()

    # -- the runs -------------------------------------------------------------------
    def _runs_box(self) -> QWidget:
        box = QGroupBox(self.tr("Runs"))
        layout = QVBoxLayout(box)
        self.runs = Table([self.tr("Run"), self.tr("Model"), self.tr("Dataset"), self.tr("Method"), self.tr("State"),
                           self.tr("Step"), self.tr("Best validation loss")])
        self.runs.itemSelectionChanged.connect(self._run_selected)
        row = QHBoxLayout()
        self.resume_button = QPushButton(self.tr("&Resume"))
        self.resume_button.setToolTip(self.tr("Continue a cancelled or failed run from its last checkpoint"))
        self.resume_button.clicked.connect(lambda: self.resume(self.runs.current_key()))
        self.stop_run_button = QPushButton(self.tr("Stop run"))
        self.stop_run_button.setToolTip(self.tr("Ask a running run to stop at its next step"))
        self.stop_run_button.clicked.connect(self._stop_selected)
        row.addWidget(self.resume_button)
        row.addWidget(self.stop_run_button)
        row.addStretch(1)
        layout.addWidget(self.runs, 1)
        layout.addLayout(row)
        return box

    def refresh_runs(self) -> None:
        selected = self.runs.current_key()
        runs = list_runs(self.ws)
        self._runs = {r.id: r for r in runs}
        best = [r.metrics.get("best_val_loss") for r in runs]
        self.runs.fill([(r.id, r.model, r.dataset, r.method, r.state, f"{r.step}/{r.total_steps}",
                         f"{b:.4f}" if isinstance(b, float) else "") for r, b in zip(runs, best, strict=True)],
                       keys=[r.id for r in runs])
        if selected:
            self.runs.select_key(selected)
        self._run_selected()

    def _run_selected(self) -> None:
        run_id = self.runs.current_key()
        run = self._runs.get(run_id) if run_id else None
        state = run.state if run is not None else None
        self.resume_button.setEnabled(state in ("cancelled", "failed", "crashed") and not self.running)
        self.stop_run_button.setEnabled(state == "running")
        if run_id and not self.running:
            self._replay(run_id)

    def _replay(self, run_id: str) -> None:
        """Show a run's recorded losses (from its latest job's events)."""
        try:
            run = get_run(self.ws, run_id)
            events = read_events(get_job(self.ws, run.job_id).events_path) if run.job_id else []
        except (HearthError, OSError):
            return
        self.plot.set_points((e.name, e.step, e.value) for e in events if isinstance(e, Metric) and e.step is not None)

    def _stop_selected(self) -> None:
        run_id = self.runs.current_key()
        run = get_run(self.ws, run_id)
        if self.running and self.watcher.handle.id == run.job_id:
            self.cancel()
            return
        if run.job_id:
            request_cancel(get_job(self.ws, run.job_id).folder)

    def _latest_run_id(self) -> str | None:
        if self.watcher is None:
            return None
        return next((r.id for r in list_runs(self.ws) if r.job_id == self.watcher.handle.id), None)
