"""The models page: import with the catalog's details, the chat's picker follows, offline download says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from core.models import list_models

pytestmark = pytest.mark.desktop
pytest_plugins = ["tests.desktop_fixtures"]


def _cell(table, row: int, header: str) -> str:
    column = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index(header)
    return table.item(row, column).text()


def test_import_shows_the_details_and_remove_takes_it_out(qtbot, window, workspace, tiny_gguf, tmp_path):
    page = window.models
    window.show_page("models")
    copy = tmp_path / "small-llama.gguf"
    copy.write_bytes(tiny_gguf.read_bytes())
    with qtbot.waitSignal(page.imported, timeout=30_000):
        page.import_path(str(copy))
    [record] = list_models(workspace)
    table = page.table
    assert table.rowCount() == 1 and _cell(table, 0, "Name") == record.name == "small-llama"
    assert (_cell(table, 0, "Architecture"), _cell(table, 0, "Quantisation")) == ("llama", "F32")
    assert _cell(table, 0, "Context") == "4096"
    assert "small-llama" in [window.chat.model_picker.combo.itemText(i)
                             for i in range(window.chat.model_picker.combo.count())]

    table.selectRow(0)
    page.buttons["_remove"].click()
    box = page.findChild(QMessageBox)
    qtbot.waitUntil(box.isVisible)
    [remove] = [b for b in box.buttons() if b.text() == "Remove"]
    with qtbot.waitSignal(page.catalogChanged, timeout=30_000):
        remove.click()
    assert table.rowCount() == 0 and list_models(workspace) == []
    assert not (workspace.folder("models") / "small-llama").exists()


def test_download_offline_says_so_at_once(qtbot, window, monkeypatch):
    from core.models import DownloadConfig

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    page = window.models
    dialog_config = DownloadConfig("unsloth/gemma-3-270m-it-GGUF")

    class Dialog:
        def config(self):
            return dialog_config

    page._download_checked(Dialog())
    qtbot.waitUntil(lambda: window.property("last_error") is not None, timeout=10_000)
    assert "offline" in window.property("last_error") and not window.jobs.running
