"""Classification comparisons (answers read as labels: accuracy, macro-F1, a confusion matrix), a comparison
exported as CSV and JSON, and the shipped classification dataset."""

from __future__ import annotations

import csv
import json

import pytest

from core.errors import ConfigError
from core.eval.compare import CompareJob, candidate_answers, get_comparison
from core.eval.metrics import classify, label_of, normalise
from core.jobs import Done, start_job

LABELS = ["positive", "negative", "neutral", "正面", "负面", "中性"]
REVIEWS = [("Great kettle, boils fast.", "positive"), ("The lid leaks.", "negative"),
           ("It holds 1.7 litres.", "neutral"), ("非常好用，很安静。", "正面"), ("烧水太慢了。", "负面"),
           ("我是上个月买的。", "中性")]


def _write(path, pairs):
    path.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}, ensure_ascii=False)
                            + "\n" for q, a in pairs), encoding="utf-8")
    return path


@pytest.mark.parametrize(("answer", "label"), [
    ("positive", "positive"), ("Positive.", "positive"), ("**NEGATIVE**", "negative"), ("  neutral\n", "neutral"),
    ("Ｎｅｕｔｒａｌ", "neutral"),  # full-width letters (NFKC)
    ("Negative. The lid broke after a week.", "negative"),  # the label first, then a reason
    ("\n\npositive\nBecause it is quiet.", "positive"),  # the first non-empty line is read
    ("正面", "正面"), (" 正面。", "正面"), ("「负面」", "负面"), ("中性！", "中性"),
    ("负面评价", "负面"),  # no spaces in Chinese: a CJK label needs no word boundary
    ("I think it is positive.", None),  # a label only inside prose
    ("positive or negative?", None), ("正面还是负面", None),  # two labels: no verdict
    ("positively", None),  # a Latin label is a whole word
    ("", None), ("happy", None),
])
def test_an_answer_is_read_as_the_label_it_gives_first_and_alone(answer, label):
    assert label_of(answer, LABELS) == label


def test_the_longest_label_an_answer_starts_with_wins():
    assert label_of("very positive!", ["positive", "very positive"]) == "very positive"
    assert label_of("positive", ["positive", "very positive"]) == "positive"


def test_classify_reads_chinese_and_decorated_answers_as_labels():
    references = ["positive", "negative", "正面", "负面", "中性", "neutral"]
    answers = ["Positive.", "negative, definitely", "正面。", "正面", "中性", "I would say neutral"]
    result = classify(answers, references, LABELS)
    # right: positive, negative, 正面, 中性 -> 4 of 6; "正面" for 负面 is wrong, the prose is (other)
    assert result.accuracy == pytest.approx(100 * 4 / 6)
    assert result.predicted == ("positive", "negative", "正面", "正面", "中性", None)
    assert result.confusion["负面"]["正面"] == 1 and result.confusion["neutral"]["(other)"] == 1
    # F1: positive 1, negative 1, neutral 0 (one true, none predicted), 正面 2*1/(2+1), 负面 0, 中性 1
    assert result.macro_f1 == pytest.approx(100 * (1 + 1 + 0 + 2 / 3 + 0 + 1) / 6)


def test_a_classification_job_checks_its_labels():
    with pytest.raises(ConfigError, match="--task classification"):
        CompareJob(name="x", labels="a,b")
    with pytest.raises(ConfigError, match="at least two labels"):
        CompareJob(name="x", task="classification", labels="only")
    with pytest.raises(ConfigError, match="must be one of"):
        CompareJob(name="x", task="sentiment")
    assert CompareJob(name="x", task="classification", labels=" a, b ,a,").label_list() == ["a", "b"]
    # one label however it is spelled (case, full-width forms), its first spelling kept
    assert CompareJob(name="x", task="classification",
                      labels="Positive,positive,ＰＯＳＩＴＩＶＥ,正面").label_list() == ["Positive", "正面"]


def test_a_classification_comparison_keeps_labels_accuracy_a_confusion_matrix_and_exports(workspace, tiny_gguf,
                                                                                        tmp_path):
    from converters.synthetic import write_tiny_llama
    from core.eval.compare import _comparison

    other = write_tiny_llama(tmp_path / "other.gguf", quant="F32", context=512, seed=5)
    candidates = (f"a={tiny_gguf}", f"b={other}")
    # the labels given: one that no reference uses gets a row of its own
    reviews = _write(tmp_path / "reviews.jsonl", REVIEWS)
    done = start_job(workspace, CompareJob(name="given", data=str(reviews), task="classification",
                                           labels=",".join([*LABELS, "mixed"]), max_tokens=3, n_ctx=512,
                                           candidates=candidates[:1])).wait(300)
    assert isinstance(done, Done), done
    given = get_comparison(workspace, "given")
    m = given.candidates[0]["metrics"]
    assert given.labels == m["labels"] == [*LABELS, "mixed"]
    assert list(m["confusion"]) == [*LABELS, "mixed"] and sum(m["confusion"]["mixed"].values()) == 0
    assert sum(sum(row.values()) for row in m["confusion"].values()) == len(REVIEWS)

    # The tiny models answer noise. To have answers that are right, take model a's greedy answers above as the
    # expected labels of half the questions (the other half expect a label it never gives); read the labels.
    own = [a["answer"] for a in candidate_answers(workspace, given, "a")]
    references = [own[i] if i % 2 == 0 else label for i, (_, label) in enumerate(REVIEWS)]
    data = _write(tmp_path / "labelled.jsonl", [(q, r) for (q, _), r in zip(REVIEWS, references, strict=True)])
    with pytest.raises(ConfigError, match="not among the labels"):
        _comparison(workspace, CompareJob(name="strays", data=str(data), task="classification",
                                          labels="positive,negative"))
    done = start_job(workspace, CompareJob(name="read", data=str(data), task="classification", max_tokens=3,
                                           n_ctx=512, candidates=candidates)).wait(300)
    assert isinstance(done, Done), done
    comparison = get_comparison(workspace, "read")
    assert comparison.task == "classification"
    assert comparison.labels == list(dict.fromkeys(references))  # read from the data, in order
    for c in comparison.candidates:
        m = c["metrics"]
        answers = candidate_answers(workspace, comparison, c["name"])
        assert sum(sum(row.values()) for row in m["confusion"].values()) == len(REVIEWS)
        # independently: an answer is right when it is its reference, up to case and spaces
        right = [normalise(a["answer"]) == normalise(r) for a, r in zip(answers, references, strict=True)]
        assert [a["scores"]["correct"] for a in answers] == right
        assert m["accuracy"] == pytest.approx(100 * sum(right) / len(REVIEWS))
        assert sum(m["confusion"][label][label] for label in comparison.labels) == sum(right)
        assert {"exact_match", "rouge_l", "chrf", "bleu", "perplexity", "macro_f1"} <= set(m)
    metrics = {c["name"]: c["metrics"] for c in comparison.candidates}
    assert metrics["a"]["accuracy"] == pytest.approx(50.0)  # its own answers, on questions 0, 2 and 4
    _check_exports(workspace, comparison, references, tmp_path)


def _check_exports(workspace, comparison, references, tmp_path):
    """The comparison exported as JSON and CSV, read back and held against what the workspace keeps."""
    from core.eval.compare import add_vote
    from core.eval.export import export_comparison
    from core.eval.rating import Matchup, Vote

    add_vote(workspace, comparison, 1, Vote(Matchup(REVIEWS[1][0], "a", "b"), "left"))
    add_vote(workspace, comparison, 2, Vote(Matchup(REVIEWS[2][0], "b", "a"), "tie"), judge="judge.gguf")
    text = export_comparison(workspace, comparison, tmp_path / "out.json").read_text(encoding="utf-8")
    chinese = [label for label in comparison.labels if "\u4e00" <= label[0] <= "\u9fff"]
    assert chinese and all(label in text for label in chinese)  # written as itself, not as \u escapes
    record = json.loads(text)
    assert (record["task"], record["labels"], record["data"]) == ("classification", comparison.labels,
                                                                  comparison.data)
    assert [c["name"] for c in record["candidates"]] == ["a", "b"]
    assert record["candidates"][0]["metrics"] == comparison.candidates[0]["metrics"]
    assert [q["reference"] for q in record["questions"]] == references  # Chinese kept
    for name in ("a", "b"):
        assert [q["answers"][name] for q in record["questions"]] == candidate_answers(workspace, comparison, name)
    assert [(v["question"], v["choice"], v["judge"]) for v in record["votes"]] == [(1, "left", None),
                                                                                    (2, "tie", "judge.gguf")]

    path = export_comparison(workspace, comparison, tmp_path / "answers.txt", "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # a byte-order mark: spreadsheets read it as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(REVIEWS) * 2
    assert list(rows[0]) == ["question_index", "question", "reference", "candidate", "answer", "exact_match",
                             "rouge_l", "chrf", "seconds", "ttft_s", "tokens", "label", "correct"]
    for name in ("a", "b"):
        mine = [r for r in rows if r["candidate"] == name]
        stored = candidate_answers(workspace, comparison, name)
        assert [r["answer"] for r in mine] == [a["answer"] for a in stored]
        assert [r["reference"] for r in mine] == references
        assert [float(r["chrf"]) for r in mine] == pytest.approx([a["scores"]["chrf"] for a in stored])
        assert [r["correct"] for r in mine] == [json.dumps(a["scores"]["correct"]) for a in stored]
        assert [r["label"] or None for r in mine] == [a["scores"]["label"] for a in stored]
    with pytest.raises(ConfigError, match="export format"):
        export_comparison(workspace, comparison, tmp_path / "answers.txt")
    assert [p.name for p in tmp_path.glob(".*")] == []  # no temporary file of the atomic writes is left


def test_the_terminal_shows_exports_and_reports_a_classification(workspace, tiny_gguf, tmp_path):
    from typer.testing import CliRunner

    from cli.compare import app

    data = _write(tmp_path / "reviews.jsonl", REVIEWS)
    done = start_job(workspace, CompareJob(name="cls", data=str(data), task="classification", max_tokens=2,
                                           n_ctx=512, candidates=(f"base={tiny_gguf}",))).wait(300)
    assert isinstance(done, Done), done
    runner = CliRunner()
    shown = runner.invoke(app, ["show", "cls"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "accuracy" in shown.output and "macro-F1" in shown.output and "base: confusion matrix" in shown.output
    assert "负面" in shown.output and "(other)" in shown.output

    exported = runner.invoke(app, ["export", "cls", "-o", str(tmp_path / "cls.csv")])
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "cls.csv").read_text(encoding="utf-8-sig").startswith("question_index,question,reference,")
    assert runner.invoke(app, ["export", "cls", "-o", str(tmp_path / "cls.txt")]).exit_code != 0

    assert runner.invoke(app, ["report", "cls", "-o", str(tmp_path / "cls.html")]).exit_code == 0
    page = (tmp_path / "cls.html").read_text(encoding="utf-8")
    assert "<h2>Classification</h2>" in page and "base: accuracy" in page and "<script" not in page
    assert page.count('class="num hit"') == len(LABELS)  # the matrix's diagonal, one cell per label
    assert page.count("<svg") == 7  # accuracy and macro-F1 beside the five generation charts


def test_the_shipped_reviews_parse_and_their_test_labels_are_the_training_labels():
    from core.data.formats import load_all
    from tests.conftest import ROOT, load_script

    make = load_script("assets/datasets/make_lumen_reviews.py")
    labels = [label for lang in make.LABELS.values() for label in lang.values()]
    assert labels == LABELS
    for name, count in (("lumen_reviews.jsonl", 420), ("lumen_reviews_test.jsonl", 75)):
        loaded = load_all(ROOT / "assets" / "datasets" / name)
        assert not loaded.rejects and len(loaded.records) == count
        for record in loaded.records:
            question, answer = (m.content for m in record.messages)
            assert answer in LABELS
            # the instruction names the labels of the answer's language, and only those
            named = [label for label in LABELS if label in question.split("\n\n")[0]]
            assert answer in named and len(named) == 3
        assert {r.messages[-1].content for r in loaded.records} == set(LABELS)
    make.main(["--check"])  # the files are what the script writes, and pass its checks
