"""Dataset versions: the example dataset imports cleanly, planted errors are found, imports are recognised."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from core.data.clean import CleanOptions
from core.data.records import Record
from core.data.versions import ImportOptions, get_dataset, import_dataset, list_datasets, read_split, remove_dataset
from core.errors import DataError
from tests.conftest import ROOT, hearth_command

EXAMPLE = ROOT / "assets" / "datasets" / "lumen_support.jsonl"


@pytest.fixture(scope="module")
def example_lines() -> list[str]:
    return EXAMPLE.read_text(encoding="utf-8").splitlines()


def test_example_dataset_imports_cleanly(workspace, example_lines):
    version = import_dataset(workspace, EXAMPLE)
    load = version.stats()["load"]
    assert load["format"] == "openai" and load["rejected"] == 0  # every line is valid
    assert version.records == len(example_lines) and version.rejected == 0  # cleanly: every record kept
    assert sum(version.splits.values()) == version.records and version.splits["train"] > 0.8 * version.records
    train = list(read_split(version, "train"))
    assert len(train) == version.splits["train"] and all(isinstance(r, Record) for r in train)
    assert any("客服" in r.messages[-1].content for r in train)  # Chinese kept as written
    assert version.stats()["leaks"] == []


def test_broken_copy_reports_every_planted_error_with_its_line(workspace, example_lines, tmp_path):
    lines = list(example_lines)
    planted = {
        3: ('{"messages": [{"role": "user", "content": "oops"}', "malformed_json"),
        7: (json.dumps({"messages": [{"role": "wizard", "content": "hi"},
                                     {"role": "assistant", "content": "x"}]}), "unknown_role"),
        11: (json.dumps({"messages": [{"role": "user", "content": 42},
                                      {"role": "assistant", "content": "x"}]}), "wrong_type"),
        15: (json.dumps({"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"},
                                      {"role": "assistant", "content": "c"}]}), "not_alternating"),
        19: (json.dumps({"messages": None}), "wrong_type"),
        23: (lines[0], "duplicate"),
    }
    for line, (text, _code) in planted.items():
        lines[line - 1] = text
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")

    version = import_dataset(workspace, broken, ImportOptions(clean=CleanOptions(dedup_near=False)))
    rejects = {json.loads(r)["line"]: json.loads(r) for r in (version.folder / "rejects.jsonl").open()}
    for line, (_text, code) in planted.items():
        assert line in rejects, f"planted error on line {line} not reported"
        assert rejects[line]["code"] == code, rejects[line]
        assert rejects[line]["reason"]
    assert version.rejected == len(planted)  # and nothing else
    assert version.records + version.rejected == len(lines)


def test_strict_import_stops_at_the_first_error_with_its_line(workspace, example_lines, tmp_path):
    lines = list(example_lines)
    lines[4] = '{"messages": ['
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        import_dataset(workspace, broken, ImportOptions(strict=True))
    assert f"{broken}:5" in info.value.message
    assert list_datasets(workspace) == []  # nothing half-written
    assert not any((workspace.folder("datasets")).rglob("*.jsonl"))


def test_reimport_is_recognised_and_new_options_make_a_new_version(workspace):
    first = import_dataset(workspace, EXAMPLE)
    again = import_dataset(workspace, EXAMPLE)
    assert again.recognised and again.id == first.id
    other = import_dataset(workspace, EXAMPLE, ImportOptions(clean=CleanOptions(dedup_near=False)))
    assert not other.recognised and other.version == first.version + 1
    assert other.rejected == 0 and other.records == first.records + first.rejected
    assert get_dataset(workspace, first.name).version == other.version  # the newest by default
    assert remove_dataset(workspace, f"{first.name}:v1").id == first.id
    assert not first.folder.exists() and [v.version for v in list_datasets(workspace)] == [2]


def test_an_empty_file_says_so(workspace, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(DataError, match="empty"):
        import_dataset(workspace, empty)


def test_cli_import_runs_as_a_job_and_lists_shows_and_removes(hearth_home):
    env = {**os.environ, "HEARTH_HOME": str(hearth_home), "COLUMNS": "160"}

    def hearth(*args):
        return subprocess.run(hearth_command(*args), capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)

    imported = hearth("data", "import", str(EXAMPLE), "--split", "-1,20,20", "--name", "lumen")
    assert imported.returncode == 0, imported.stderr
    assert '"dataset": "lumen:v1"' in imported.stdout and "validation 20, test 20" in imported.stdout
    assert "lumen:v1" in hearth("data", "list").stdout
    stats = hearth("data", "stats", "lumen")
    assert "validation" in stats.stdout and "truncated at 2048" in stats.stdout
    shown = hearth("data", "show", "lumen:v1")
    assert "lumen:v1 (openai)" in shown.stdout
    bad = hearth("data", "import", str(EXAMPLE), "--split", "0.5,0.5")
    assert bad.returncode == 2 and "train,validation,test" in bad.stderr
    assert "removed lumen:v1" in hearth("data", "remove", "lumen:v1").stdout


def test_records_left_out_by_split_counts_are_counted(workspace, tmp_path):
    from core.data.split import SplitOptions

    data = tmp_path / "many.jsonl"
    data.write_text("".join(json.dumps({"instruction": f"Question number {i} about topic {i * 7}",
                                        "output": f"Answer {i} with detail {i * 13}"}) + "\n"
                            for i in range(40)), encoding="utf-8")
    version = import_dataset(workspace, data, ImportOptions(split=SplitOptions(counts=(20, 5, 5))))
    assert version.splits == {"train": 20, "validation": 5, "test": 5}
    assert version.records + version.rejected == 40
    assert version.stats()["rejected_by_code"] == {"unused_by_split": 10}


def test_a_version_folder_without_a_record_keeps_its_number(workspace):
    first = import_dataset(workspace, EXAMPLE)
    with workspace.db() as conn:  # as after moving hearth.db aside
        conn.execute("DELETE FROM datasets")
    again = import_dataset(workspace, EXAMPLE)
    assert not again.recognised and again.version == first.version + 1 and first.folder.is_dir()


def test_strict_import_does_not_stop_on_duplicates(workspace):
    version = import_dataset(workspace, EXAMPLE, ImportOptions(strict=True))
    assert set(version.stats()["rejected_by_code"]) <= {"near_duplicate", "duplicate"}


def test_unclosed_csv_quote_is_an_error_not_a_swallowed_file(workspace, tmp_path):
    rows = ["question,answer"] + [f"q{i},a{i}" for i in range(1, 30)]
    rows[5] = '"q5 unclosed,a5'
    table = tmp_path / "t.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        import_dataset(workspace, table, ImportOptions(columns={"instruction": "question", "output": "answer"}))
    assert "never to be closed" in info.value.message and ":6" in info.value.message


def test_split_option_text_refuses_ambiguous_numbers():
    from cli.data import parse_split
    from core.errors import ConfigError

    assert parse_split("0.8,0.1,0.1").ratios == (0.8, 0.1, 0.1)
    assert parse_split("-1,10,10").counts == (-1, 10, 10)
    with pytest.raises(ConfigError, match="neither ratios nor counts"):
        parse_split("80,10,10")


def test_an_import_whose_groups_leave_validation_empty_says_so(workspace, tmp_path):
    # Ten rewrites of one question (a generator's variants share a group): dealt whole, none is left for the
    # validation and test records the ratios ask for; the import goes on and says why they are empty.
    from core.data.versions import import_steps
    from core.jobs import Log
    from core.jobs.steps import drain

    data = tmp_path / "variants.jsonl"
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": f"Question, put way {i}?"},
                                                     {"role": "assistant", "content": f"Answer {i}."}],
                                        "split_group": 7}) + "\n" for i in range(20)))
    said = []
    version = drain(import_steps(workspace, data, ImportOptions(clean=CleanOptions(dedup_near=False)),
                                 name="variants"), said.append)
    assert version.splits["train"] == 20 and version.splits["validation"] == version.splits["test"] == 0
    warnings = [e.message for e in said if isinstance(e, Log) and e.level == "WARNING"]
    assert any(m.startswith("the validation split is empty though the split asks for 1:") for m in warnings), warnings
    assert any(m.startswith("the test split is empty") for m in warnings), warnings
