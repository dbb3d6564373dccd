"""Fixtures for the desktop tests: the real main window, offscreen, on a tiny model."""

from __future__ import annotations

import pytest


@pytest.fixture
def desktop_prefs(tmp_path, monkeypatch):
    """Preferences kept in the test's own folder, with a small context for the tiny model."""
    from desktop.preferences import Preferences

    monkeypatch.setenv("HEARTH_CONFIG", str(tmp_path / "desktop.json"))
    return Preferences(n_ctx=4096, n_threads=1)


@pytest.fixture
def window(qtbot, workspace, tiny_gguf, desktop_prefs):
    """The main window with the tiny GGUF loaded, closed (engine and all) after the test."""
    import gc

    from desktop.window import MainWindow

    gc.collect()  # earlier tests' garbage (their windows, engines, pages) collected now, not while this one loads
    win = MainWindow(workspace, desktop_prefs, model=str(tiny_gguf))
    # Not qtbot.addWidget: pytest-qt would close the window before this teardown, while a job may still run.
    with qtbot.waitSignal(win.engine.modelChanged, timeout=60_000):
        win.show()
    yield win
    win.jobs.cancel_all()
    qtbot.waitUntil(lambda: not win.jobs.running, timeout=60_000)
    win.close()
    win.deleteLater()
