"""The data page's generate wizard: a tiny teacher, with an adapter exported from a run, answers a file of
questions; the new version is listed with its provenance and each filter's count is shown. A generation from a
dataset version's split is cancelled and keeps its answers."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QWizard

from core.data.generate import generation_folder, read_partial
from core.data.split import SplitOptions
from core.data.versions import ImportOptions, import_dataset, list_datasets, read_split
from core.jobs import Cancelled, Done
from core.models import import_gguf, sha256_file
from tests.conftest import ROOT

pytestmark = pytest.mark.desktop
pytest_plugins = ["tests.desktop_fixtures"]
EXAMPLE = ROOT / "assets" / "datasets" / "lumen_support.jsonl"


def _adapter_export(workspace, tiny_gguf, tmp_path):
    """A LoRA-GGUF recorded as the adapter export of run-1, whose adapter folder keeps the chat format it
    trained with."""
    from converters.synthetic import write_tiny_lora
    from core.export.store import add_export
    from core.training.store import insert_run

    lora = write_tiny_lora(tmp_path / "lora.gguf")
    trained = tmp_path / "run-1" / "adapter" / "chat_format.json"
    trained.parent.mkdir(parents=True)
    trained.write_text(json.dumps({"kind": "plain"}), encoding="utf-8")
    insert_run(workspace, "run-1", model="tiny", dataset="qa:v1", method="lora", folder=tmp_path / "run-1",
               job_id=None)
    add_export(workspace, name="tiny-lora", kind="adapter", run_id="run-1", folder=tmp_path, path=lora,
               quantization="F32", model="tiny", base_path=tiny_gguf, size_bytes=lora.stat().st_size,
               sha256="0" * 64, verification="skipped")
    return lora, trained


def test_a_teacher_answers_a_file_and_the_version_shows_its_provenance(qtbot, window, workspace, tiny_gguf,
                                                                         tmp_path):
    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    qa = tmp_path / "qa.jsonl"
    qa.write_text("".join(json.dumps({"messages": [{"role": "user", "content": f"question number {i} about topic {i}"},
                                                   {"role": "assistant", "content": f"answer {i}"}]}) + "\n"
                          for i in range(8)), encoding="utf-8")
    held_out = import_dataset(workspace, qa, ImportOptions(model="tiny", split=SplitOptions(counts=(-1, 0, 2))),
                              name="qa")
    test_question = next(read_split(held_out, "test")).messages[0].content
    lora, trained = _adapter_export(workspace, tiny_gguf, tmp_path)
    questions = tmp_path / "questions.jsonl"
    asked = ["What is the capital of France?", "Name a prime number.", "How do I bake bread?", test_question.upper()]
    questions.write_text("".join(json.dumps({"prompt": q}) + "\n" for q in asked) + "{}\n", encoding="utf-8")

    window.show_page("data")
    wizard = window.data.start_generate()
    page = wizard.prompts_page
    with qtbot.waitSignal(wizard.promptsReady, timeout=30_000):
        page.path.setText(str(questions))
    assert "5 prompts read; 1 without a question" in page.summary.text()
    assert page.name.text() == "questions-generated" and page.table.rowCount() == 5
    assert page.table.item(4, 2).text() == "" and page.table.item(3, 2).text() == test_question.upper()
    assert not page.form.editors["split"].widget.isEnabled()  # a file has no splits
    page.name.setText("distilled")
    wizard.next()

    teacher = wizard.teacher_page
    assert wizard.currentPage() is teacher
    teacher.adapter.set(str(lora))  # the run's adapter export: its base and its chat format come with it
    assert teacher.teacher.get() == "tiny" and teacher.chat_format.get() == str(trained)
    assert str(trained) in teacher.note.text()
    teacher.form.set_values(system="Answer briefly.", adapter_scale=0.5, n_ctx=512)
    wizard.next()
    assert "mode" in wizard.writing_page.form.editors  # the fields no other step places are here
    wizard.writing_page.form.subforms["sampling"].set_values(seed=7, max_tokens=8)
    wizard.next()
    assert wizard.kept_page.isVisible() and wizard.button(QWizard.WizardButton.NextButton).text() == "&Generate"
    wizard.kept_page.exclude.set(held_out.label)

    job = wizard.job()
    assert (job.teacher, job.adapter, job.adapter_scale, job.chat_format) == ("tiny", str(lora), 0.5, str(trained))
    # Two answers a stopped generation with these settings made: this one goes on from them
    folder = generation_folder(workspace, job)
    folder.mkdir(parents=True)
    before = [{"index": 0, "question": asked[0], "answer": "Paris is the capital of France.", "stop_reason": "eos"},
              {"index": 1, "question": asked[1], "answer": "Seven is a prime number.", "stop_reason": "eos"}]
    (folder / "answers.jsonl").write_text("".join(json.dumps(r) + "\n" for r in before), encoding="utf-8")
    with qtbot.waitSignal(wizard.ended, timeout=300_000) as ended:
        wizard.next()
    final = ended.args[0]
    assert isinstance(final, Done), final
    counts = final.result["counts"]
    assert counts["leak"] == 1 and counts["no_question"] == 1 and counts["kept"] >= 2 and sum(counts.values()) == 5

    result = wizard.generate_page
    assert result.isComplete() and "distilled:v1" in result.progress.label.text()
    assert "2 answers were made by an earlier run" in result.result.text()
    shown = {result.counts.item(r, 1).text(): int(result.counts.item(r, 0).text())
             for r in range(result.counts.rowCount())}
    assert shown == counts
    [version] = [v for v in list_datasets(workspace) if v.name == "distilled"]
    generated = version.manifest()["generated"]
    assert generated["teacher"] == {"name": "tiny", "path": str(tiny_gguf), "sha256": sha256_file(tiny_gguf)}
    assert generated["adapter"] == {"path": str(lora.resolve()), "sha256": sha256_file(lora), "scale": 0.5}
    assert generated["chat_format"] == str(trained) and generated["system"] == "Answer briefly."
    assert generated["counts"] == counts and generated["exclude"]["version"] == held_out.label
    assert generated["sampling"]["max_tokens"] == 8 and generated["seed"] == 7

    data = window.data
    assert "distilled:v1" in [data.list.item(r).text().split()[0] for r in range(data.list.count())]
    wizard.button(QWizard.WizardButton.FinishButton).click()  # the page shows the new version, with its teacher
    qtbot.waitUntil(lambda: data.stack.currentWidget() is data.view)
    heading = data.view.heading.text()
    assert "distilled:v1" in heading and sha256_file(tiny_gguf) in heading and sha256_file(lora) in heading
    assert f"Answers kept: {counts['kept']} of 5" in heading and "leak 1" in heading and "no_question 1" in heading


def test_a_generation_from_a_dataset_split_is_cancelled_and_keeps_its_answers(qtbot, window, workspace,
                                                                              tiny_gguf):
    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    version = import_dataset(workspace, EXAMPLE, ImportOptions(model="tiny"))

    window.show_page("data")
    with qtbot.waitSignal(window.data.generate_button.clicked):
        window.data.generate_button.click()
    wizard = window.data.wizard
    page = wizard.prompts_page
    with qtbot.waitSignal(wizard.promptsReady, timeout=30_000):
        page.set_source(version.label)
    assert page.summary.text().startswith(f"{version.splits['train']} prompts read")
    assert page.name.text() == "lumen_support-generated" and not page.path.isEnabled()
    with qtbot.waitSignal(wizard.promptsReady, timeout=30_000):
        page.form.set_values(split="test")
    assert page.summary.text().startswith(f"{version.splits['test']} prompts read")
    with qtbot.waitSignal(wizard.promptsReady, timeout=30_000):
        page.form.set_values(split="train")
    wizard.next()
    wizard.teacher_page.teacher.set("tiny")
    for _ in range(3):
        wizard.next()
    job = wizard.job()
    assert job.source == version.label and job.split == "train" and job.exclude == ""  # the version's own test split

    progress = wizard.generate_page.progress
    qtbot.waitUntil(lambda: progress.bar.value() > 0, timeout=120_000)  # the first answers are in
    assert "left" in progress.label.text()  # the time left
    with qtbot.waitSignal(wizard.ended, timeout=120_000) as ended:
        progress.cancel_button.click()
    assert isinstance(ended.args[0], Cancelled), ended.args[0]
    assert "continues where this one stopped" in wizard.generate_page.result.text()
    assert not wizard.generate_page.isComplete()
    assert [v.name for v in list_datasets(workspace)] == ["lumen_support"]
    made = read_partial(generation_folder(workspace, job) / "answers.jsonl")
    assert 1 <= len(made) < version.splits["train"]
