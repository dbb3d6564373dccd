"""The deploy dialog: a run or an export handed to a serving engine as a folder that is complete on its own.

Opened from the export page for one source (a run's id or an export's name). The settings are
:class:`core.deploy.run.DeployJob`'s fields, built by :class:`~desktop.forms.ConfigForm`; a field whose help
names a target or engine ("kubernetes: ...", "vllm: ...") shows only when that target or engine is chosen, so a
new option appears here without a change. The deployment is checked as ``hearth deploy`` checks it (the
folder, the source) before the job (``core.deploy.run:run_deploy``) starts; at the end the dialog shows the
folder, the command that starts the server and the first part of the folder's README.md.
"""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.config import describe, from_dict
from core.deploy.bundle import check_out
from core.deploy.run import ENGINES, README, TARGETS, DeployJob, resolve
from core.errors import HearthError
from core.export.store import list_exports
from core.jobs import Done, Failed, Log, Progress
from core.workspace import Workspace
from desktop.dialogs import error_text, show_error
from desktop.forms import ConfigForm, Editor
from desktop.jobs import JobTracker
from desktop.widgets import ProgressLine

__all__ = ["DeployDialog", "applies", "readme_head", "suggest_folder"]

_FIRST = ("target", "engine", "variant", "out")  # then every other field, in the order DeployJob declares them
_README_LINES = 60


def applies(help_text: str, target: str, engine: str) -> bool:
    """Whether a field whose help is ``help_text`` matters for ``target`` (and, for kubernetes, ``engine``).

    A field for one target or engine says so first ("kubernetes: the namespace ...", "vllm: the precision ...");
    a field without such a prefix matters for every target.
    """
    scope = help_text.split(":", 1)[0].strip()
    if scope not in (*TARGETS, *ENGINES):
        return True
    served = engine if target == "kubernetes" else target
    return scope in (target, served)


def suggest_folder(chosen: Path, source: str, target: str) -> Path:
    """The folder to write, from the one a person chose: itself when it is empty (or new), else a new folder in it
    named ``<source>-<target>`` (``-2``, ``-3`` ... when that name is taken)."""
    if not chosen.exists() or (chosen.is_dir() and not any(chosen.iterdir())):
        return chosen
    stem = re.sub(r"[^\w.-]+", "-", f"{source}-{target}").strip("-.") or "deployment"
    candidate, n = chosen / stem, 2
    while candidate.exists():
        candidate, n = chosen / f"{stem}-{n}", n + 1
    return candidate


def readme_head(text: str) -> str:
    """A deployment README's first part: its title, what the folder is, and its first section (how to start it),
    its headings two levels down (a dialog's text, not a page's)."""
    lines: list[str] = []
    sections, fenced = 0, False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            sections += line.startswith("## ")
            if sections == 2:
                break
            line = "##" + line
        lines.append(line)
    return "\n".join(lines[:_README_LINES]).rstrip() + "\n"


class DeployDialog(QDialog):
    """Deploy ``source`` (a run's id or an export's name): settings, checks, the job, and the folder it wrote.

    ``ended`` carries the job's final event (Done, Failed or Cancelled).
    """

    ended = Signal(object)

    def __init__(self, ws: Workspace, jobs: JobTracker, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.jobs, self.source = ws, jobs, source
        self._watcher: Any = None
        self._suggested: Path | None = None
        self.result: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("Deploy {0}").format(source))
        self.setObjectName("deployDialog")
        self.resize(1080, 700)
        self.progress = ProgressLine()
        self.progress.cancelAsked.connect(self.cancel)
        columns = QHBoxLayout()
        columns.addLayout(self._settings_column(), 5)
        columns.addLayout(self._result_column(), 6)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.progress)
        layout.addLayout(self._buttons())
        self._target_changed()

    # -- layout -----------------------------------------------------------------------
    def _settings_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.heading = QLabel(self._describe_source())
        self.heading.setObjectName("deploySource")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        names = [f.name for f in describe(DeployJob) if f.name not in (*_FIRST, "source")]
        self.form = ConfigForm(DeployJob, only=(*_FIRST, *names), editors={"out": self._out_editor()})
        out_label = self.form.layout().labelForField(self.out_row)
        if isinstance(out_label, QLabel):
            out_label.setText(self.tr("Folder to write"))
        self.form.changed.connect(self._target_changed)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column.addWidget(self.heading)
        column.addWidget(scroll, 1)
        return column

    def _out_editor(self) -> Editor:
        """The folder to write: a line and a Browse button that offers a new folder in the one chosen."""
        self.out_row = QWidget()
        row = QHBoxLayout(self.out_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.out = QLineEdit()
        self.out.setObjectName("deployOut")
        self.out.setPlaceholderText(self.tr("a new or empty folder"))
        self.out.textChanged.connect(self._enable)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("browseOut")
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.out, 1)
        row.addWidget(self.browse_button)

        def get() -> str:
            text = self.out.text().strip()
            return str(Path(text).expanduser().absolute()) if text else ""

        return Editor(self.out_row, get, lambda v: self.out.setText(str(v or "")), self.out.textChanged)

    def _result_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        about = QGroupBox(self.tr("What the folder is for"))
        self.target_note = QLabel()
        self.target_note.setObjectName("targetNote")
        self.target_note.setWordWrap(True)
        QVBoxLayout(about).addWidget(self.target_note)
        self.result_box = QGroupBox(self.tr("The deployment"))
        form = QFormLayout(self.result_box)
        self.summary = QLabel()
        self.summary.setObjectName("deployResult")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self.tr("&Open the folder"))
        self.open_button.setObjectName("openDeployFolder")
        self.open_button.clicked.connect(self.open_folder)
        self.start_command = QLineEdit()
        self.start_command.setObjectName("startCommand")
        self.start_command.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Cop&y"))
        self.copy_button.setObjectName("copyStart")
        self.copy_button.clicked.connect(self.copy_start)
        start = QHBoxLayout()
        start.addWidget(self.start_command, 1)
        start.addWidget(self.copy_button)
        self.readme = QTextBrowser()
        self.readme.setObjectName("deployReadme")
        self.readme.setOpenExternalLinks(False)
        form.addRow(self.summary)
        form.addRow(self.open_button)
        form.addRow(self.tr("Start it"), start)
        form.addRow(QLabel(self.tr("From its README.md:")))
        form.addRow(self.readme)
        column.addWidget(about)
        column.addWidget(self.result_box, 1)
        self.result_box.setVisible(False)
        column.addStretch(0)
        return column

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.deploy_button = QPushButton(self.tr("&Deploy"))
        self.deploy_button.setObjectName("startDeploy")
        self.deploy_button.setDefault(True)
        self.deploy_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(self.deploy_button)
        row.addWidget(self.close_button)
        return row

    # -- the settings -----------------------------------------------------------------
    def _describe_source(self) -> str:
        export = next((e for e in list_exports(self.ws) if self.source in (e.name, e.id)), None)
        if export is None:
            return self.tr("Deploys run <b>{0}</b>: its newest export (merged when it has one; vLLM serves the "
                           "run's own weights).").format(html.escape(self.source))
        text = self.tr("Deploys export <b>{0}</b>: {1}, {2}, verification {3}.").format(
            html.escape(export.name), export.kind, export.quantization, export.verification)
        if export.run_id:
            text += " " + self.tr("From run {0}.").format(export.run_id)
        return text

    def _target_note(self, target: str, engine: str) -> str:
        notes = {
            "llama-server": self.tr("llama-server (llama.cpp's server, on CPUs or GPUs): the GGUF, the chat template "
                                    "it was trained with, a launch script and a systemd unit, for this or another "
                                    "Linux machine. Move the folder there as it is; it needs nothing from Hearth."),
            "vllm": self.tr("vLLM, for a server with NVIDIA GPUs: the run's own weights as a Hugging Face folder "
                            "(not the quantised GGUF), a launch script and a Dockerfile. vLLM is not run here: "
                            "copy the folder to the GPU server and start it there."),
            "kubernetes": self.tr("Kubernetes: manifests that run {0} in a cluster (a Deployment, its Service and "
                                  "autoscaler), the model's files for its volume, and install.sh with the commands "
                                  "in order. Run it where kubectl reaches the cluster.").format(engine),
        }
        return notes.get(target, "")

    def _target_changed(self) -> None:
        """Show the fields that matter for the chosen target and engine, what the folder is for, and keep a
        suggested folder's name in step with the target."""
        values = self.form.raw()
        target, engine = values.get("target", ""), values.get("engine", "")
        layout = self.form.layout()
        helps = {f.name: f.help for f in describe(DeployJob)}
        for name, editor in self.form.editors.items():
            if isinstance(layout, QFormLayout):
                layout.setRowVisible(editor.widget, applies(helps.get(name, ""), target, engine))
        self.target_note.setText(self._target_note(target, engine))
        if self._suggested is not None and self.out.text() == str(self._suggested):
            self._suggest(self._suggested.parent)
        self._enable()

    def browse(self) -> None:
        current = self.out.text().strip()
        start = str(Path(current).expanduser().parent) if current else str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Where to write the deployment"), start)
        if chosen:
            self._suggest(Path(chosen), chosen=True)

    def _suggest(self, folder: Path, chosen: bool = False) -> None:
        target = self.form.raw().get("target", "")
        path = suggest_folder(folder, self.source, target)
        # a folder the person chose themselves (empty) stays; a name made up here follows the target
        self._suggested = None if chosen and path == folder else path
        self.out.setText(str(path))

    def _enable(self) -> None:
        self.deploy_button.setEnabled(bool(self.out.text().strip()) and not self.running)

    def job(self) -> DeployJob:
        """The deployment the form describes.

        Raises:
            ConfigError: a setting is missing or out of range (the message names it).
        """
        return from_dict(DeployJob, {**self.form.raw(), "source": self.source})

    # -- the job ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._watcher is not None and self._watcher.running

    def start(self) -> None:
        """Check the folder and the source as ``hearth deploy`` does, then start the job (nothing starts on a
        refusal: the reason and what to do are shown)."""
        if self.running:
            return
        try:
            job = self.job()
            check_out(Path(job.out).expanduser().resolve(), job.force)
            resolve(self.ws, job)
            self._watcher = self.jobs.start(job, event=self._event, ended=self._ended)
        except HearthError as exc:
            show_error(self, exc, title=self.tr("Cannot deploy"))
            return
        self.result = None
        self.result_box.setVisible(False)
        self.form.setEnabled(False)
        self._enable()
        self.progress.start(self.tr("Deploying {0} to {1}…").format(self.source, job.target))

    def _event(self, event: Any) -> None:
        if isinstance(event, Progress):
            self.progress.update_progress(event.done, event.total, event.message, eta=event.eta)
        elif isinstance(event, Log):
            self.progress.label.setText(event.message)

    def _ended(self, final: Any) -> None:
        self.form.setEnabled(True)
        self._enable()
        if isinstance(final, Done):
            self._deployed(final.result)
        elif isinstance(final, Failed):
            self.progress.finish(self.tr("Failed: {0}").format(error_text(final)[0]))
            show_error(self, final, title=self.tr("Deploy failed"), retry=self.start)
        else:
            self.progress.finish(self.tr("Cancelled; nothing was left half-written (the folder is built beside its "
                                         "place and renamed only when whole)"))
        self.ended.emit(final)

    def _deployed(self, result: dict[str, Any]) -> None:
        self.result = result
        out = Path(result["out"])
        self.progress.finish(self.tr("Deployed to {0}").format(out))
        text = self.tr("{0} ({1}) is deployed for {2} in {3}.").format(result["name"], result["variant"],
                                                                     result["target"], out)
        if result.get("url"):
            text += " " + self.tr("Once started, clients send requests to {0} with the key in api-key.txt.").format(
                result["url"])
        self.summary.setText(text)
        self.start_command.setText(shlex.quote(result["start"]))
        self.start_command.setCursorPosition(0)
        try:
            self.readme.setMarkdown(readme_head((out / README).read_text(encoding="utf-8")))
        except OSError as exc:
            self.readme.setPlainText(str(exc))
        self.result_box.setVisible(True)
        self.close_button.setDefault(True)  # (Enter would deploy again, into a folder now in use)

    def cancel(self) -> None:
        if self.running:
            self._watcher.cancel()

    def reject(self) -> None:
        """Closing stops a deployment still being written (its unfinished folder is removed)."""
        self.cancel()
        super().reject()

    # -- the result -------------------------------------------------------------------
    def open_folder(self) -> None:
        if self.result:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.result["out"]))

    def copy_start(self) -> None:
        QGuiApplication.clipboard().setText(self.start_command.text())
