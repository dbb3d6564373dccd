"""The window as a whole: an engine crash shows why and retries, closing asks about running jobs."""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtWidgets import QMessageBox
from typer.testing import CliRunner

from cli.main import app
from core.errors import EngineCrashed
from core.jobs import Cancelled
from core.jobs.demo import DemoConfig

pytestmark = pytest.mark.desktop
pytest_plugins = ["tests.desktop_fixtures"]


def _button(box: QMessageBox, text: str):
    [button] = [b for b in box.buttons() if b.text() == text]
    return button


def test_engine_crash_shows_the_reason_and_retry_brings_a_reply(qtbot, window):
    page = window.chat
    page.sampling.set_values(temperature=1.0, seed=3, max_tokens=3000)
    page.input.setPlainText("go on and on")
    with qtbot.waitSignal(page.replyChunk, timeout=30_000):
        page.send()
    with qtbot.waitSignal(page.replyFailed, timeout=30_000) as failed:
        os.kill(window.engine.engine.pid, signal.SIGKILL)
    assert isinstance(failed.args[0], EngineCrashed)
    box = window.findChild(QMessageBox, "errorDialog")
    assert box.isVisible() and "SIGKILL" in box.text()
    assert window.isVisible() and "stopped" in window.engine_label.text()
    assert page.view.bubbles()[-1].status == "cut"  # what streamed before the crash is kept
    page.sampling.set_values(max_tokens=8)
    with qtbot.waitSignal(page.replyFinished, timeout=60_000) as finished:
        _button(box, "Retry").click()
    assert finished.args[0].metrics["generated_tokens"] > 0 and window.engine.engine.alive
    assert window.engine_label.text().endswith("ready")


def test_closing_with_a_running_job_asks_then_stops_it_cleanly(qtbot, window):
    watcher = window.jobs.start(DemoConfig(steps=2000, step_seconds=0.05))
    qtbot.waitUntil(lambda: window.jobs_label.text() == "Jobs: 1 running")
    window.close()
    assert window.isVisible()  # not closed yet: it asks first
    box = window.close_question
    qtbot.waitUntil(box.isVisible)
    assert watcher.handle.id in box.text()
    with qtbot.waitSignal(window.closed, timeout=60_000):
        _button(box, "Stop jobs and close").click()
    assert isinstance(watcher.final, Cancelled) and not window.isVisible()
    assert not (watcher.handle.folder / "count.txt").exists()  # nothing half-written


def test_keep_working_leaves_the_window_and_the_job(qtbot, window):
    watcher = window.jobs.start(DemoConfig(steps=2000, step_seconds=0.05))
    window.close()
    box = window.close_question
    qtbot.waitUntil(box.isVisible)
    _button(box, "Keep working").click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.isVisible() and watcher.running


def test_hearth_gui_is_a_command():
    result = CliRunner().invoke(app, ["gui", "--help"])
    assert result.exit_code == 0 and "desktop window" in result.output


def test_settings_save_the_preferences_and_apply_the_theme(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QApplication

    from desktop.preferences import load_preferences

    page = window.settings
    window.show_page("settings")
    page.form.set_values(theme="dark", n_ctx=2048, language="zh_CN")
    with qtbot.waitSignal(page.saved) as saved:
        page.save_button.click()
    prefs = load_preferences()
    assert (prefs.theme, prefs.n_ctx, prefs.language) == ("dark", 2048, "zh_CN") == \
        (saved.args[0].theme, saved.args[0].n_ctx, saved.args[0].language)
    assert QApplication.instance().property("hearth_dark") is True
    assert window.engine.load_options.n_ctx == 2048 and "next start" in page.status.text()
    page.form.set_values(n_ctx=10)  # the field's minimum, from its metadata, bounds the editor
    assert page.form.editors["n_ctx"].get() == 256
    page.form.set_values(theme="system")
    page.save()


def test_a_model_that_cannot_load_says_why_and_offers_retry(qtbot, window, tmp_path):
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    with qtbot.waitSignal(window.engine.loadFailed, timeout=30_000):
        window.engine.load(str(broken))
    box = window.findChild(QMessageBox, "errorDialog")
    assert box.isVisible() and box.text() and _button(box, "Retry")
    assert window.isVisible() and "could not load" in window.engine_label.text()
    assert not window.chat.send_button.isEnabled()


def test_pyside_reference_bug_is_neutralised():
    import sys

    import desktop  # noqa: F401 (applies the fix on import)
    from desktop._pyside_fix import drops_references

    if sys.version_info < (3, 12) and drops_references():  # PySide6 6.12 on Python 3.11: the fix must be on
        assert min(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)) > 2**39


def test_the_window_words_system_failures_as_the_terminal_does():
    import errno

    from desktop.dialogs import error_text

    try:
        raise OSError(errno.EROFS, "Read-only file system", "/mnt/ws/hearth.db")
    except OSError as exc:
        message, hint, details = error_text(exc)
    assert message == "/mnt/ws/hearth.db is on a read-only file system" and "writable disk" in hint
    assert details.startswith("Traceback (most recent call last)")  # behind "Show Details", for a report
    message, hint, _ = error_text(ValueError("odd"))
    assert message == "unexpected error: ValueError: odd" and "bug in Hearth" in hint
