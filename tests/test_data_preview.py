"""The import preview: what an import would keep and reject, with reasons, before anything is written."""

from __future__ import annotations

from core.data.clean import CleanOptions
from core.data.preview import preview_import
from core.data.versions import ImportOptions, list_datasets
from tests.conftest import ROOT

EXAMPLE = ROOT / "assets" / "datasets" / "lumen_support.jsonl"


def test_preview_names_each_reject_and_counts_what_cleaning_keeps(workspace, tmp_path):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    lines[4] = "not json at all"
    lines[9] = lines[0]
    data = tmp_path / "data.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")

    preview = preview_import(data)
    assert preview.format == "openai" and preview.complete and preview.items == len(lines)
    rejected = {row.line: row for row in preview.rows if not row.kept}
    assert set(rejected) == {5, 10}
    assert rejected[5].code == "malformed_json" and rejected[5].reason
    assert rejected[10].code == "duplicate" and "line 1" in rejected[10].reason
    assert preview.kept == len(lines) - 2 and sum(preview.splits.values()) == preview.kept
    assert list_datasets(workspace) == []  # nothing written

    kept_copy = preview_import(data, ImportOptions(clean=CleanOptions(dedup_exact=False, dedup_near=False)))
    assert kept_copy.kept == len(lines) - 1


def test_preview_reads_only_the_first_items_when_asked(tmp_path):
    preview = preview_import(EXAMPLE, limit=50)
    assert preview.items == 50 and not preview.complete and len(preview.rows) == 50
