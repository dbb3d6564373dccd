"""The deploy dialog of the export page: a merged export is written to a folder from the dialog, which then shows
the folder, the command that starts it and its README; a folder in use is refused before any job starts; the
page's buttons follow the selection.

The run and its export are recorded as tests/test_deploy.py records them, on the session's tiny GGUF.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.inference.templates import PlainFormat
from core.jobs import Done
from desktop.jobs import JobTracker
from desktop.pages.deploy_dialog import DeployDialog
from desktop.pages.export import ExportPage
from tests.test_deploy import _export, _run

pytestmark = pytest.mark.desktop
RUN = "run-20261207-aaaa"


@pytest.fixture
def merged(workspace, tiny_gguf):
    """A finished run with a verified merged export, tiny-q8, in the plain turn format."""
    _run(workspace, RUN, {"kind": "plain", "name": "plain", **vars(PlainFormat())})
    return _export(workspace, RUN, "tiny-q8", "merged", tiny_gguf, when="2026-12-07T01", plain=True)


@pytest.fixture
def tracker(workspace):
    jobs = JobTracker(workspace)
    yield jobs
    jobs.cancel_all()


def _dialog(qtbot, workspace, tracker, source: str) -> DeployDialog:
    dialog = DeployDialog(workspace, tracker, source)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_merged_export_is_deployed_and_the_dialog_shows_how_to_start_it(qtbot, workspace, tracker, merged,
                                                                        tmp_path, monkeypatch):
    dialog = _dialog(qtbot, workspace, tracker, "tiny-q8")
    assert "tiny-q8" in dialog.heading.text() and RUN in dialog.heading.text() and "merged" in dialog.heading.text()
    assert not dialog.deploy_button.isEnabled()  # no folder yet
    assert "systemd" in dialog.target_note.text()
    engine = dialog.form.editors["engine"].widget
    assert not engine.isVisibleTo(dialog)  # kubernetes' own settings show only for it
    dialog.form.set_values(target="kubernetes")
    assert engine.isVisibleTo(dialog) and "kubectl" in dialog.target_note.text()
    dialog.form.set_values(gpus=2)  # (an optional number: typed in a line, read back as a number)
    assert dialog.form.raw()["gpus"] == 2
    dialog.form.set_values(gpus=None)
    assert dialog.form.raw()["gpus"] is None
    dialog.form.set_values(target="llama-server")
    assert not engine.isVisibleTo(dialog)

    # Browse into a folder that holds something: a new folder in it is offered, named for the source and target
    chosen = tmp_path / "deployments"
    chosen.mkdir()
    (chosen / "notes.txt").write_text("not a deployment")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(chosen))
    dialog.browse_button.click()
    out = chosen / "tiny-q8-llama-server"
    assert dialog.out.text() == str(out) and dialog.deploy_button.isEnabled()
    dialog.form.set_values(target="vllm")  # a name made up here follows the target
    assert dialog.out.text() == str(chosen / "tiny-q8-vllm") and "Dockerfile" in dialog.target_note.text()
    dialog.form.set_values(target="llama-server")
    assert dialog.out.text() == str(out)
    dialog.form.set_values(port=9090, name="support-bot")

    with qtbot.waitSignal(dialog.ended, timeout=60_000) as ended:
        dialog.deploy_button.click()
    final = ended.args[0]
    assert isinstance(final, Done), final
    assert {"run.sh", "deploy.json", "README.md", "tiny-q8.gguf"} <= {p.name for p in out.iterdir()}
    assert not out.with_name(out.name + ".partial").exists()
    manifest = json.loads((out / "deploy.json").read_text())
    assert manifest["source"]["ref"] == "tiny-q8" and manifest["launch"]["port"] == 9090
    assert manifest["settings"]["name"] == "support-bot"

    assert dialog.result_box.isVisible() and dialog.start_command.isReadOnly()
    assert shlex.split(dialog.start_command.text()) == [str(out / "run.sh")]
    assert "support-bot" in dialog.summary.text() and "http://127.0.0.1:9090/v1" in dialog.summary.text()
    shown = dialog.readme.toPlainText()
    assert "support-bot, served by llama-server" in shown and "Start it" in shown
    assert "Model card" not in shown  # only the first part: what the folder is and how to start it
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == dialog.start_command.text()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog.open_button.click()
    assert opened == [str(out)]
    dialog.browse_button.click()  # the same folder again: its first suggestion is taken now
    assert dialog.out.text() == str(chosen / "tiny-q8-llama-server-2")


def test_a_folder_in_use_is_refused_with_what_to_do_and_no_job_starts(qtbot, workspace, tracker, merged, tmp_path):
    out = tmp_path / "busy"
    out.mkdir()
    (out / "notes.txt").write_text("someone's notes")
    dialog = _dialog(qtbot, workspace, tracker, RUN)
    assert "Deploys run" in dialog.heading.text()
    dialog.out.setText(str(out))
    started = []
    tracker.started.connect(started.append)

    dialog.deploy_button.click()

    box = dialog.findChild(QMessageBox, "errorDialog")
    assert box is not None and box.isVisible()
    assert "is not empty" in box.text() and "new or empty folder" in box.informativeText()
    assert started == [] and not dialog.running and not dialog.progress.isVisible()
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert not Path(str(out) + ".partial").exists()


def test_the_export_pages_deploy_buttons_follow_the_selection(qtbot, workspace, tracker, merged):
    page = ExportPage(workspace, tracker)
    qtbot.addWidget(page)
    page.show()
    assert page.runs.current_key() is None and page.exports.current_key() is None
    assert not page.deploy_button.isEnabled() and not page.deploy_run_button.isEnabled()

    page.exports.select_key("tiny-q8")
    assert page.deploy_button.isEnabled() and not page.deploy_run_button.isEnabled()
    page.deploy_button.click()
    dialog = page.deploy_dialog
    assert dialog is not None and dialog.isVisible() and dialog.source == "tiny-q8"
    dialog.reject()

    page.runs.select_key(RUN)
    assert page.deploy_run_button.isEnabled()
    page.deploy_run_button.click()
    assert page.deploy_dialog.isVisible() and page.deploy_dialog.source == RUN
    page.deploy_dialog.reject()
