"""The Evaluate page: a comparison run from the page, its metrics and answers shown, rated blind with the keyboard,
the votes summarised, a judge model's votes kept apart, and the report written."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser

from core.eval.compare import get_comparison, votes_of
from core.jobs import Done

pytestmark = pytest.mark.desktop
pytest_plugins = ["tests.desktop_fixtures"]

QA = [("the quick fox", "jumps over"), ("a lazy dog", "sleeps"), ("机器学习", "很有趣")]
NAMES = ("alphacand", "betacand")


def test_differences_from_the_expected_answer_are_highlighted():
    from desktop.pages.evaluate import diff_html

    marked = diff_html("The kettle weighs 1.2 kg", "the kettle weighs 1.3 kg <b>")
    assert "the kettle weighs" in marked and "kg" in marked  # same words, case aside: not marked
    assert marked.count("<span") == 2 and ">3<" in marked and "&lt;b&gt;" in marked  # the 3 and the markup
    assert marked.count("<s ") == 1 and ">2</s>" in marked  # the expected 2, left out
    chinese = diff_html("机器学习很有趣", "机器学习很难")
    assert chinese.count("<span") == 1 and ">难<" in chinese and ">有趣</s>" in chinese
    assert "<s " in diff_html("It is not loud", "It is loud")  # a word left out shows


def _visible_text(widget) -> str:
    parts = [w.text() for w in widget.findChildren(QLabel)] + [w.text() for w in widget.findChildren(QPushButton)]
    return "\n".join(parts + [w.toPlainText() for w in widget.findChildren(QTextBrowser)])


def test_a_comparison_runs_from_the_page_and_is_rated_with_the_keyboard(qtbot, window, workspace, tiny_gguf,
                                                                        tmp_path):
    from converters.synthetic import write_tiny_llama

    other = write_tiny_llama(tmp_path / "other.gguf", quant="F32", context=512, seed=5)
    data = tmp_path / "qa.jsonl"
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}, ensure_ascii=False)
                            + "\n" for q, a in QA), encoding="utf-8")
    page = window.evaluate
    window.show_page("evaluate")
    page.refresh()
    page.form.set_values(name="desk", data=str(data), max_tokens=8, n_ctx=512)
    for name, model in zip(NAMES, (tiny_gguf, other), strict=True):
        page.candidate_name.setText(name)
        page.model.set(str(model))
        page.add_candidate()
    assert page.to_run.rowCount() == 2
    with qtbot.waitSignal(page.compareEnded, timeout=300_000) as ended:
        page.run_button.click()
    assert isinstance(ended.args[0], Done), ended.args[0]
    comparison = get_comparison(workspace, "desk")

    # the metrics table and chart show what the job stored
    assert page.comparisons.rowCount() == 1 and page.metrics.rowCount() == 2
    stored = {c["name"]: c["metrics"] for c in comparison.candidates}
    page.metric_choice.setCurrentIndex(page.metric_choice.findData("chrf"))
    assert page.bars.values == pytest.approx([stored[n]["chrf"] for n in NAMES])
    assert all(name in page.answers.toPlainText() for name in NAMES)

    # rate mode: names hidden until the vote, keys for every choice, undo
    page.tabs.setCurrentWidget(page.rate)
    rate = page.rate
    assert rate.progress.text() == "Matchup 1 of 3"
    assert not any(name in _visible_text(rate) for name in NAMES)
    page.tabs.setCurrentIndex(1)  # the Answers tab hides whose answer is whose while the rating is open
    assert not any(name in page.answers.toPlainText() for name in NAMES)
    page.tabs.setCurrentWidget(rate)
    shown = rate.rating.session.matchups[0]
    qtbot.keyClick(rate, Qt.Key.Key_1)
    votes = votes_of(workspace, comparison)
    assert [(v.matchup.left, v.matchup.right, v.choice) for v in votes] == [(shown.left, shown.right, "left")]
    assert shown.left in rate.reveal.text() and shown.right in rate.reveal.text()
    assert rate.progress.text() == "Matchup 2 of 3"
    page.refresh()  # as a finished export or import elsewhere does: the rating goes on where it was
    assert rate.progress.text() == "Matchup 2 of 3" and rate.buttons["undo"].isEnabled()
    qtbot.keyClick(rate, Qt.Key.Key_S)  # skip the second
    qtbot.keyClick(rate, Qt.Key.Key_U)  # undo the skip: no vote goes
    assert len(votes_of(workspace, comparison)) == 1 and rate.progress.text() == "Matchup 2 of 3"
    qtbot.keyClick(rate, Qt.Key.Key_U)  # undo the vote: it leaves the workspace
    assert votes_of(workspace, comparison) == [] and rate.progress.text() == "Matchup 1 of 3"
    for key in (Qt.Key.Key_Right, Qt.Key.Key_T, Qt.Key.Key_B):
        qtbot.keyClick(rate, key)
    votes = votes_of(workspace, comparison)
    assert [v.choice for v in votes] == ["right", "tie", "both_bad"]
    assert rate.rating.done and not rate.buttons["left"].isEnabled()
    page.tabs.setCurrentIndex(1)
    assert all(name in page.answers.toPlainText() for name in NAMES)  # rated: the names are back

    # the votes tab: one pair, its counts from the stored votes, then the Bradley-Terry strengths
    winner = votes[0].matchup.right
    with qtbot.waitSignal(page.strengthsReady, timeout=60_000):
        page.tabs.setCurrentIndex(3)
    assert page.win_rates.rowCount() == 1
    first = page.win_rates.item(0, 0).text().split(" vs ")[0]
    wins, losses = (1, 0) if first == winner else (0, 1)
    assert [page.win_rates.item(0, c).text() for c in range(1, 5)] == [str(wins), str(losses), "1", "1"]
    assert page.strengths.rowCount() == 2 and page.strengths.item(0, 0).text() == winner

    # a judge model's votes come in apart from people's
    page.judge_model.set(str(tiny_gguf))
    with qtbot.waitSignal(page.judgeEnded, timeout=300_000) as judged:
        page.judge_button.click()
    assert isinstance(judged.args[0], Done), judged.args[0]
    assert page.voters.count() == 2 and page.voters.currentData() == "tiny-llama"
    assert len(votes_of(workspace, comparison, "tiny-llama")) == 3 and len(votes_of(workspace, comparison)) == 3

    report = page.write_report(tmp_path / "desk.html")
    assert report is not None and all(name in report.read_text(encoding="utf-8") for name in NAMES)


def test_a_classification_shows_its_confusion_matrix(qtbot, window, workspace, tiny_gguf, tmp_path):
    from core.eval.compare import CompareJob
    from core.jobs import start_job

    data = tmp_path / "labels.jsonl"
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": f"review {i}"},
                                                     {"role": "assistant", "content": label}]}, ensure_ascii=False)
                            + "\n" for i, label in enumerate(["正面", "负面", "正面", "中性"])), encoding="utf-8")
    done = start_job(workspace, CompareJob(name="labels", data=str(data), task="classification", max_tokens=4,
                                           n_ctx=512, candidates=(f"tiny={tiny_gguf}",))).wait(300)
    assert isinstance(done, Done), done
    page = window.evaluate
    page.refresh()
    page.comparisons.select_key("labels")
    stored = get_comparison(workspace, "labels").candidates[0]["metrics"]
    assert not page.confusion_box.isHidden() and page.confusion_of.currentText() == "tiny"
    rows = page.confusion.rowCount()
    assert [page.confusion.item(r, 0).text() for r in range(rows)] == ["正面", "负面", "中性"]
    cells = sum(int(page.confusion.item(r, c).text()) for r in range(rows)
                for c in range(1, page.confusion.columnCount()))
    assert cells == 4 and page.metric_choice.findData("accuracy") >= 0
    shown = page.metrics.item(0, 1 + page._metric_keys.index("accuracy")).text()
    assert float(shown) == pytest.approx(stored["accuracy"], abs=0.05)


def test_agreement_with_a_chosen_candidate_shows_beside_the_metrics(qtbot, window, workspace, tmp_path):
    from core.eval.compare import CompareJob, _comparison, agreement
    from tests.test_eval_compare import SAID, _agreement_rows, _data, keep_answers

    comparison = keep_answers(workspace, _comparison(workspace, CompareJob(name="agree", data=str(_data(tmp_path)))),
                              SAID)
    page = window.evaluate
    window.show_page("evaluate")
    page.refresh()
    page.comparisons.select_key("agree")
    assert page.against.currentData() is None and page.agreement_box.isHidden()  # none chosen: nothing shown
    assert sorted(page.against.itemData(i) for i in range(1, page.against.count())) == sorted(SAID)

    def shown() -> dict[str, list[float]]:
        table = page.agreement
        return {table.item(r, 0).text(): [float(table.item(r, c).text()) for c in (1, 2, 3)]
                for r in range(table.rowCount())}

    page.against.setCurrentIndex(page.against.findData("teacher"))
    assert not page.agreement_box.isHidden() and "teacher" in page.agreement_box.title()
    found = agreement(workspace, comparison, "teacher")
    assert list(shown()) == list(found) and "teacher" not in shown()  # a candidate does not agree with itself
    for name, figures in shown().items():  # as the table prints them: three significant figures below 10
        assert figures == pytest.approx([found[name][k] for k in ("exact_match", "rouge_l", "chrf")], abs=0.051)
    assert shown()["copy"] == [100.0, 100.0, 100.0]  # the same answers word for word

    page.against.setCurrentIndex(page.against.findData("student"))  # recomputed when the choice changes
    assert "student" not in shown() and shown()["teacher"] == shown()["copy"]
    page.refresh()  # the choice is kept for the comparison
    assert page.against.currentData() == "student" and "teacher" in shown()

    report = page.write_report(tmp_path / "agree.html")  # the report gets the same reference
    assert report is not None
    assert _agreement_rows(report.read_text(encoding="utf-8"))["copy"] == pytest.approx(shown()["copy"], abs=0.051)
