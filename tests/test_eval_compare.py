"""Comparisons kept in the workspace: candidates answered once, scored as `hearth eval` scores, a comparison that
grows by a candidate answers only the new one, votes kept apart by who gave them."""

from __future__ import annotations

import json

import pytest

from core.errors import ConfigError
from core.eval.compare import Candidate, CompareJob, add_vote, candidate_answers, get_comparison, remove_vote, votes_of
from core.eval.rating import Matchup, Vote
from core.jobs import Done, start_job

QA = [("the quick fox", "jumps over"), ("a lazy dog", "sleeps"), ("brown jumps over", "the dog"),
      ("机器学习", "很有趣")]


def _data(tmp_path):
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}, ensure_ascii=False)
                            + "\n" for q, a in QA), encoding="utf-8")
    return path


def keep_answers(ws, comparison, said: dict[str, list[str]]):
    """Candidates answered without a model: each name's answers kept in the questions' order (no metrics of their
    own); returns the comparison read back."""
    from core.workspace import utc_now

    with ws.db() as conn:
        for name, answers in said.items():
            conn.execute("INSERT INTO candidates (comparison_id, name, model, adapter_scale, chat_format, metrics, "
                         "created_at) VALUES (?, ?, 'm', 1.0, 'auto', '{}', ?)", (comparison.id, name, utc_now()))
            conn.executemany("INSERT INTO answers (comparison_id, candidate, idx, answer, scores) VALUES "
                             "(?, ?, ?, ?, '{}')", [(comparison.id, name, i, a) for i, a in enumerate(answers)])
    return get_comparison(ws, comparison.name)


def test_candidates_parse_with_an_adapter_and_a_scale():
    assert Candidate.parse("tuned=gemma@/x/lora.gguf:0.5") == Candidate("tuned", "gemma", "/x/lora.gguf", 0.5)
    assert Candidate.parse("base=/m/a.gguf") == Candidate("base", "/m/a.gguf")
    for candidate in (Candidate("tuned", "gemma", "/x/lora.gguf", 0.5), Candidate("base", "/m/a.gguf")):
        assert Candidate.parse(candidate.spec) == candidate  # what the window passes to a job reads back the same
    with pytest.raises(ConfigError, match="NAME=MODEL"):
        Candidate.parse("just-a-model")
    with pytest.raises(ConfigError, match="from 0 to 4"):
        Candidate.parse("x=m@a.gguf:9")


def test_a_comparison_scores_as_hearth_eval_and_grows_without_recomputing(workspace, tiny_gguf, tmp_path):
    from converters.synthetic import write_tiny_llama, write_tiny_lora
    from core.eval.run import EvalConfig, EvalResult

    other = write_tiny_llama(tmp_path / "other.gguf", quant="F32", context=512, seed=5)
    lora = write_tiny_lora(tmp_path / "lora.gguf")
    base = write_tiny_llama(tmp_path / "base.gguf", quant="F32", context=512)
    data = _data(tmp_path)
    first = start_job(workspace, CompareJob(name="tiny", data=str(data), max_tokens=8, n_ctx=512, candidates=(
        f"a={tiny_gguf}", f"b={other}", f"c={base}@{lora}:1.0"))).wait(300)
    assert isinstance(first, Done), first
    assert first.result["answered"] == ["a", "b", "c"]
    comparison = get_comparison(workspace, "tiny")
    assert [e.reference for e in comparison.questions] == [a for _, a in QA]
    metrics = {c["name"]: c["metrics"] for c in comparison.candidates}
    assert set(metrics["a"]) >= {"exact_match", "rouge_l", "chrf", "bleu", "perplexity"}

    # `hearth eval` on candidate a: the same answers, the same figures
    alone = start_job(workspace, EvalConfig(model=str(tiny_gguf), data=str(data), max_tokens=8, n_ctx=512)).wait(300)
    assert isinstance(alone, Done), alone
    result = EvalResult.read(alone.result["output"])
    assert [a["answer"] for a in candidate_answers(workspace, comparison, "a")] == \
        [e["prediction"] for e in result.examples]
    for key in ("exact_match", "rouge_l", "chrf"):
        assert metrics["a"][key] == pytest.approx(getattr(result.metrics, key))
    assert metrics["a"]["perplexity"] == pytest.approx(result.perplexity)
    # c is a's weights (the same seed) with the adapter on: its perplexity moves
    assert metrics["c"]["perplexity"] != pytest.approx(metrics["a"]["perplexity"])
    # each answer's own timing is kept, and the candidate's time in its parts
    timed = [a["scores"] for a in candidate_answers(workspace, comparison, "a")]
    assert all(t["seconds"] > 0 and 0 < t["ttft_s"] <= t["seconds"] and 1 <= t["tokens"] <= 8 for t in timed)
    assert sum(t["seconds"] for t in timed) <= metrics["a"]["answer_s"]
    assert metrics["a"]["load_s"] + metrics["a"]["answer_s"] + metrics["a"]["perplexity_s"] <= \
        comparison.candidates[0]["seconds"] + 1e-6

    before = {c["name"]: c["created_at"] for c in comparison.candidates}
    fourth = write_tiny_llama(tmp_path / "fourth.gguf", quant="F32", context=512, seed=9)
    again = start_job(workspace, CompareJob(name="tiny", max_tokens=8, n_ctx=512, candidates=(
        f"a={tiny_gguf}", f"b={other}", f"c={base}@{lora}:1.0", f"d={fourth}"))).wait(300)
    assert isinstance(again, Done), again
    assert again.result["answered"] == ["d"] and again.result["kept"] == ["a", "b", "c"]
    grown = get_comparison(workspace, "tiny")
    assert {c["name"]: c["created_at"] for c in grown.candidates if c["name"] != "d"} == before  # not recomputed
    assert len(candidate_answers(workspace, grown, "d")) == len(QA)


def test_votes_are_kept_apart_by_who_gave_them(workspace, tmp_path):
    from core.eval.compare import _comparison

    comparison = _comparison(workspace, CompareJob(name="votes", data=str(_data(tmp_path))))
    human = add_vote(workspace, comparison, 0, Vote(Matchup(QA[0][0], "a", "b"), "left"))
    add_vote(workspace, comparison, 1, Vote(Matchup(QA[1][0], "b", "a"), "tie"))
    add_vote(workspace, comparison, 0, Vote(Matchup(QA[0][0], "a", "b"), "right"), judge="judge.gguf")
    assert [v.choice for v in votes_of(workspace, comparison)] == ["left", "tie"]
    assert [v.choice for v in votes_of(workspace, comparison, judge="judge.gguf")] == ["right"]
    remove_vote(workspace, human)
    assert [v.choice for v in votes_of(workspace, comparison)] == ["tie"]


def test_the_terminal_rates_blind_with_undo_and_shows_the_votes(hearth_home, tiny_gguf, tmp_path):
    import os
    import subprocess

    from converters.synthetic import write_tiny_llama
    from core.workspace import Workspace
    from tests.conftest import ROOT, hearth_command

    other = write_tiny_llama(tmp_path / "other.gguf", quant="F32", context=512, seed=5)
    env = {**os.environ, "HEARTH_HOME": str(hearth_home), "COLUMNS": "200"}

    def hearth(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(hearth_command(*args), input=stdin, capture_output=True, text=True, cwd=ROOT, env=env,
                              timeout=300)

    made = hearth("compare", "run", "tiny", "-c", f"alpha={tiny_gguf}", "-c", f"beta={other}", "-d",
                  str(_data(tmp_path)), "--max-tokens", "6")
    assert made.returncode == 0, made.stderr
    assert "alpha" in made.stdout and "BLEU" in made.stdout
    # left better, right better, undo that, tie, both bad, skip, quit
    rated = hearth("compare", "rate", "tiny", stdin="1\n2\nu\nt\nb\ns\nq\n")
    assert rated.returncode == 0, rated.stderr
    before_first_vote = rated.stdout.split("left was", 1)[0]
    assert "alpha" not in before_first_vote and "beta" not in before_first_vote  # names hidden until the vote
    assert rated.stdout.count("left was") == 4 and "undone" in rated.stdout
    comparison = get_comparison(Workspace(hearth_home), "tiny")
    assert [v.choice for v in votes_of(Workspace(hearth_home), comparison)] == ["left", "tie", "both_bad"]
    assert "3 blind votes, people" in rated.stdout and "alpha vs beta" in rated.stdout
    shown = hearth("compare", "show", "tiny")
    assert shown.returncode == 0 and "Bradley-Terry" in shown.stdout
    again = hearth("compare", "rate", "tiny", stdin="q\n")  # only the skipped matchup is asked again
    assert "1/1  " in again.stdout and again.stdout.count("1/2/t/b/s/u/q>") == 1

    report = hearth("compare", "report", "tiny", "-o", str(tmp_path / "tiny.html"))
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "tiny.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 6  # five metric charts and the people's Bradley-Terry strengths
    assert "alpha vs beta" in page and "3 votes" in page and "很有趣" in page  # the expected answers, CJK kept
    assert "<script" not in page and "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    against = hearth("compare", "report", "tiny", "--against", "beta", "-o", str(tmp_path / "against.html"))
    assert against.returncode == 0, against.stderr
    assert list(_agreement_rows((tmp_path / "against.html").read_text(encoding="utf-8"))) == ["alpha"]


def test_questions_that_read_the_same_are_rated_apart_with_their_conversations(workspace, tmp_path):
    """Two conversations ending in the same words: each shows its own earlier turns and answers, and each vote is
    kept on the question it was cast on."""
    from core.eval.compare import _comparison, keep_vote, rating_session

    path = tmp_path / "why.jsonl"
    path.write_text("".join(json.dumps({"messages": [{"role": "user", "content": topic},
                                                     {"role": "assistant", "content": "It does."},
                                                     {"role": "user", "content": "Why?"},
                                                     {"role": "assistant", "content": "Because."}]}) + "\n"
                            for topic in ("Does ice float?", "Does the kettle click?")), encoding="utf-8")
    comparison = _comparison(workspace, CompareJob(name="why", data=str(path)))
    # two answered candidates, each answer naming its question and candidate
    comparison = keep_answers(workspace, comparison, {name: [f"{name}0", f"{name}1"] for name in ("a", "b")})
    session = rating_session(workspace, comparison, seed=3)
    seen = {}
    while not session.done:
        shown = session.showing()
        seen[shown.question] = {shown.left_answer, shown.right_answer}
        keep_vote(workspace, comparison, session.vote("left"))
    assert seen == {"user: Does ice float?\nassistant: It does.\nuser: Why?": {"a0", "b0"},
                    "user: Does the kettle click?\nassistant: It does.\nuser: Why?": {"a1", "b1"}}
    assert sorted(v.matchup.question for v in votes_of(workspace, comparison)) == ["0", "1"]
    assert rating_session(workspace, comparison).done  # both matchups voted on, neither asked again


# What a teacher said, and candidates that say it: half word for word, never, and all of it (a copy).
SAID = {"teacher": ["jumps over", "sleeps", "the dog", "很有趣"],
        "student": ["jumps over", "sleeps well", "a dog", "很有趣"],
        "other": ["no", "no", "no", "不"],
        "copy": ["jumps over", "sleeps", "the dog", "很有趣"]}


def test_agreement_scores_candidates_against_another_candidates_answers(workspace, tmp_path):
    from core.errors import HearthError
    from core.eval.compare import _comparison, agreement

    keep_answers(workspace, _comparison(workspace, CompareJob(name="agree", data=str(_data(tmp_path)))), SAID)
    found = agreement(workspace, get_comparison(workspace, "agree"), "teacher")
    assert set(found) == {"student", "other", "copy"}  # the teacher itself is not listed
    assert found["copy"] == pytest.approx({"exact_match": 100.0, "rouge_l": 100.0, "chrf": 100.0})  # the same
    assert found["student"]["exact_match"] == pytest.approx(50.0)  # two of four said word for word
    # ROUGE-L F1 per answer, averaged: 1, 2/3 ("sleeps" of "sleeps well"), 1/2 ("dog" of "a dog" vs "the dog"), 1
    assert found["student"]["rouge_l"] == pytest.approx(100 * (1 + 2 / 3 + 1 / 2 + 1) / 4)
    assert found["other"]["exact_match"] == 0.0 and found["other"]["rouge_l"] == 0.0
    with pytest.raises(HearthError, match="no answered candidate"):
        agreement(workspace, get_comparison(workspace, "agree"), "nobody")


def _agreement_rows(page: str) -> dict[str, list[float]]:
    """The report's agreement table: each candidate's figures, in the table's order of columns."""
    import re

    section = page.split('<h2 id="agreement">', 1)[1].split("<h2", 1)[0]
    return {name: [float(x) for x in re.findall(r'<td class="num">([^<]*)</td>', cells)]
            for name, cells in re.findall(r"<tr><td>([^<]*)</td>(.*?)</tr>", section, flags=re.S)}


def test_the_report_adds_the_agreement_with_a_reference_candidate(workspace, tmp_path):
    from core.errors import HearthError
    from core.eval.compare import _comparison, agreement
    from core.eval.report import write_report

    comparison = keep_answers(workspace, _comparison(workspace, CompareJob(name="agree", data=str(_data(tmp_path)))),
                              SAID)
    plain = write_report(workspace, comparison, tmp_path / "plain.html").read_text(encoding="utf-8")
    assert "Agreement with" not in plain
    page = write_report(workspace, comparison, tmp_path / "agree.html", against="student").read_text(encoding="utf-8")
    assert "Agreement with student's answers" in page
    assert page.count("<svg") == plain.count("<svg") + 3  # a bar chart each: exact match, ROUGE-L, chrF
    rows = _agreement_rows(page)
    found = agreement(workspace, comparison, "student")
    assert sorted(rows) == ["copy", "other", "teacher"] and list(rows) == list(found)  # student itself not listed
    for name, figures in rows.items():  # as the report prints them: two decimals below 10, one above
        want = [found[name][k] for k in ("exact_match", "rouge_l", "chrf")]
        assert figures == pytest.approx(want, abs=0.051)
    assert rows["teacher"] == rows["copy"]  # the same answers agree the same
    assert _agreement_rows(write_report(workspace, comparison, tmp_path / "t.html", against="teacher").read_text(
        encoding="utf-8"))["copy"] == [100.0, 100.0, 100.0]
    with pytest.raises(HearthError, match="no answered candidate"):
        write_report(workspace, comparison, tmp_path / "nobody.html", against="nobody")
