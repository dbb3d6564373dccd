"""The data page: the example dataset imported through the wizard, rejected rows shown with their reasons."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from core.data.versions import list_datasets
from core.models import import_gguf
from tests.conftest import ROOT

pytestmark = pytest.mark.desktop
pytest_plugins = ["tests.desktop_fixtures"]
EXAMPLE = ROOT / "assets" / "datasets" / "lumen_support.jsonl"


def test_example_dataset_through_the_wizard(qtbot, window, workspace, tiny_gguf, tmp_path):
    import_gguf(workspace, tiny_gguf, "tiny", copy=False)  # its tokenizer measures the lengths, in milliseconds
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    lines[2] = '{"messages": [{"role": "user", "content": "oops"}'  # planted: malformed JSON on line 3
    lines[6] = lines[0]  # planted: an exact copy of line 1 on line 7
    data = tmp_path / "lumen.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")

    window.show_page("data")
    wizard = window.data.start_import(str(data), model="tiny")
    assert wizard.currentPage() is wizard.file_page and wizard.file_page.isComplete()
    with qtbot.waitSignal(wizard.previewReady, timeout=30_000):
        wizard.next()
    page = wizard.preview_page
    assert "openai (detected)" in page.summary.text()
    table = page.table
    assert table.rowCount() == len(lines)
    by_line = {int(table.item(r, 0).text()): r for r in range(table.rowCount())}
    for line, code in ((3, "malformed_json"), (7, "duplicate")):
        row = by_line[line]
        assert table.item(row, 1).text() == code and table.item(row, 4).text()  # the reason, in words
        assert table.item(row, 0).background().style() != Qt.BrushStyle.NoBrush  # highlighted
    assert table.item(by_line[1], 1).text() == "kept"
    assert table.item(by_line[1], 0).background().style() == Qt.BrushStyle.NoBrush

    with qtbot.waitSignal(wizard.previewReady, timeout=30_000):
        wizard.next()
    assert f"Kept: {len(lines) - 2} of {len(lines)} items" in wizard.clean_page.counts.text()
    with qtbot.waitSignal(wizard.previewReady, timeout=30_000):  # switching exact dedup off keeps the copy
        wizard.clean_page.clean.set_values(dedup_exact=False, dedup_near=False)
    assert f"Kept: {len(lines) - 1} of" in wizard.clean_page.counts.text()
    wizard.clean_page.clean.set_values(dedup_exact=True, dedup_near=True)

    with qtbot.waitSignal(wizard.imported, timeout=120_000) as imported:
        wizard.next()
    version = imported.args[0]
    [listed] = list_datasets(workspace)
    assert listed.label == version.label == "lumen:v1"
    assert version.records == len(lines) - 2 and version.rejected == 2
    rejects = [json.loads(line) for line in (version.folder / "rejects.jsonl").open(encoding="utf-8")]
    assert sorted(r["line"] for r in rejects) == [3, 7]
    assert sum(wizard.save_page.histogram.counts) == version.records
    assert wizard.save_page.isComplete()
    wizard.button(QWizard.WizardButton.FinishButton).click()  # the page shows the new version
    qtbot.waitUntil(lambda: window.data.stack.currentWidget() is window.data.view)
    assert "lumen:v1" in window.data.view.heading.text()
