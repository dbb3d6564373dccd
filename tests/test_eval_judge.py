"""A local GGUF model as judge: the letter read from a reply or from log-probabilities, the two orders combined
(a winner only when both agree), votes stored as the judge's, never among people's, and a rerun that extends."""

from __future__ import annotations

import json
import re

import pytest

from core.errors import ConfigError, HearthError
from core.eval.judge import (
    JudgeJob,
    combine_orders,
    judge_prompt,
    letter_tokens,
    parse_verdict,
    verdict_from_logprobs,
)
from core.eval.run import EvalExample

QA = [("the quick fox", "jumps over"), ("a lazy dog", "sleeps"), ("brown jumps over", "the dog")]


@pytest.mark.parametrize(("reply", "letter"), [
    ("A", "A"), (" b\n", "B"), ("**B**", "B"), ("Answer: A", "A"), ("The better one is B.", "B"), ("T", "T"),
    ("A or B", "A"), ("Tie", "T"), ("Both are bad", "T"), ("", "T"), ("I cannot say", "T"), ("b.", "B"),
    ("A better answer is B", "B"), ("A clear win for A", "A"),
])
def test_a_reply_gives_its_first_standalone_letter_else_a_tie(reply, letter):
    assert parse_verdict(reply) == letter


def test_the_likeliest_letter_wins_and_an_even_top_is_a_tie():
    assert verdict_from_logprobs({"A": -2.0, "B": -0.5, "T": -3.0}) == "B"
    assert verdict_from_logprobs({"A": -1.0, "B": -1.0, "T": -3.0}) == "T"
    assert verdict_from_logprobs({"A": -1.0, "B": -4.0}) == "A"  # a judge without a token for T


@pytest.mark.parametrize(("first", "second", "choice"), [
    ("A", "B", "left"),   # left chosen as A, then again as B
    ("B", "A", "right"),  # right chosen both times
    ("A", "A", "tie"),    # the same position both times: the judge prefers a place, not an answer
    ("B", "B", "tie"),
    ("A", "T", "tie"), ("T", "B", "tie"), ("T", "T", "tie"),
])
def test_only_a_verdict_both_orders_agree_on_wins(first, second, choice):
    assert combine_orders(first, second) == choice


def test_the_letters_tokens_are_those_that_follow_the_prompt_and_are_no_other_letters():
    def chars(text):  # one token a character: " A" starts with the space every letter shares
        return [ord(c) for c in text]

    assert letter_tokens(chars, "Which? ") == {"A": {65}, "B": {66}, "T": {84}}

    vocab: dict[str, int] = {}

    def words(text):  # " A" is a token of its own, and a letter joins a colon before it
        return [vocab.setdefault(piece, len(vocab)) for piece in re.findall(r":[A-Z]|\s?[^\s:]+|:|\s", text)]

    tokens = letter_tokens(words, "Reply:")
    assert tokens == {"A": {vocab[" A"]}, "B": {vocab[" B"]}, "T": {vocab[" T"]}}  # ":A" changes the prompt's end


def test_the_prompt_shows_the_question_the_reference_and_both_answers_in_their_order():
    example = EvalExample(({"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"},
                           {"role": "user", "content": "the quick fox"}), "jumps over")
    prompt = judge_prompt(example, "first answer", "")
    assert prompt.index("the quick fox") < prompt.index("jumps over") < prompt.index("Answer A:\nfirst answer") \
        < prompt.index("Answer B:\n(no answer)")
    assert "user: hi\nassistant: hello" in prompt
    assert prompt.endswith("Reply with exactly one letter: A or B, or T for a tie.")


def test_a_judge_job_needs_a_comparison_and_a_judge_and_is_a_job_of_its_own():


    with pytest.raises(ConfigError, match="comparison and a judge"):
        JudgeJob(name="x")
    with pytest.raises(ConfigError, match="named twice"):
        JudgeJob(name="x", judge="m.gguf", candidates=("a", "a"))
    with pytest.raises(ConfigError):
        JudgeJob(name="x", judge="m.gguf", method="vibes")


def _data(tmp_path):
    path = tmp_path / "qa.jsonl"
    path.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}) + "\n"
                            for q, a in QA), encoding="utf-8")
    return path


def _judge(workspace, **settings):
    from core.jobs import Done, Log, start_job

    events = list(start_job(workspace, JudgeJob(**settings)).follow(300))
    assert isinstance(events[-1], Done), events[-1]
    return events[-1].result, [e.message for e in events if isinstance(e, Log)]


def test_a_judge_model_votes_in_both_orders_apart_from_people_and_a_rerun_extends(workspace, tiny_gguf, tmp_path):
    from converters.synthetic import write_tiny_llama
    from core.eval.compare import CompareJob, add_vote, get_comparison, judges_of, votes_of
    from core.eval.judge import _candidates
    from core.eval.rating import Matchup, Vote
    from core.jobs import Done, start_job

    other = write_tiny_llama(tmp_path / "other.gguf", quant="F32", context=512, seed=5)
    judge = write_tiny_llama(tmp_path / "judge.gguf", quant="F32", context=2048, seed=3)
    made = start_job(workspace, CompareJob(name="judged", data=str(_data(tmp_path)), max_tokens=4, n_ctx=512,
                                           candidates=(f"a={tiny_gguf}", f"b={other}"))).wait(300)
    assert isinstance(made, Done), made
    comparison = get_comparison(workspace, "judged")
    add_vote(workspace, comparison, 0, Vote(Matchup(QA[0][0], "a", "b"), "both_bad"))  # a person's
    with pytest.raises(HearthError, match="no answered candidate 'c'"):
        _candidates(comparison, ("a", "c"))

    cramped, cramped_logs = _judge(workspace, name="judged", judge=str(judge), limit=1, n_ctx=64)
    assert (cramped["voted"], cramped["skipped"]) == (0, 1)  # a prompt past the context: no vote, a warning
    assert any("too long for the judge's context" in m for m in cramped_logs)
    first, logs = _judge(workspace, name="judged", judge=str(judge), limit=2, n_ctx=1024)
    assert (first["voted"], first["asked"], first["kept"]) == (2, 4, 0)  # each matchup asked in both orders
    rest, more_logs = _judge(workspace, name="judged", judge=str(judge), n_ctx=1024)
    assert (rest["voted"], rest["asked"], rest["kept"]) == (1, 2, 2)  # only the matchup not judged yet
    again, _ = _judge(workspace, name="judged", judge=str(judge), n_ctx=1024)
    assert (again["voted"], again["asked"], again["kept"]) == (0, 0, 3)

    judged = votes_of(workspace, comparison, judge="judge")
    assert judges_of(workspace, comparison) == ["judge"]
    assert [v.choice for v in votes_of(workspace, comparison)] == ["both_bad"]  # people's votes alone
    assert sorted(v.matchup.question for v in judged) == [str(i) for i in range(len(QA))]  # each question once
    # Each stored vote is what the two orders' letters in the job's log combine to, its left the first A.
    verdicts = [m for m in logs + more_logs if m.startswith("question ")]
    assert len(verdicts) == 3
    for vote, line in zip(judged, verdicts, strict=True):
        found = re.search(r"(\w+) as A, (\w+) as B -> ([ABT]) \(.*\); (\w+) as A, (\w+) as B -> ([ABT]) \(.*\); "
                          r"vote (\w+)$", line)
        assert found, line
        a1, b1, first_letter, a2, b2, second_letter, choice = found.groups()
        assert (a1, b1) == (b2, a2) == (vote.matchup.left, vote.matchup.right)
        assert choice == vote.choice == combine_orders(first_letter, second_letter)

    # Read from a short greedy reply instead: a random model's reply has no letter, so each order says tie.
    replied, reply_logs = _judge(workspace, name="judged", judge=str(tiny_gguf), method="generate", limit=1,
                                 n_ctx=1024)
    assert (replied["voted"], replied["asked"]) == (1, 2)
    assert any(re.search(r"-> T \(.*\); .* -> T \(.*\); vote tie$", m) for m in reply_logs)  # the raw replies
    assert [v.choice for v in votes_of(workspace, comparison, judge="tiny-llama")] == ["tie"]
    assert judges_of(workspace, comparison) == ["judge", "tiny-llama"]


def test_a_scorer_that_keeps_only_the_last_logits_reads_them_as_one_that_keeps_all(tiny_gguf):
    import numpy as np

    from core.inference.scoring import Scorer

    with Scorer(tiny_gguf, n_ctx=64) as every, Scorer(tiny_gguf, n_ctx=64, every_position=False) as last:
        tokens = every.tokenize("the quick brown fox jumps over", add_bos=True)
        np.testing.assert_allclose(last.next_logits(tokens), every.logits(tokens)[-1], rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(last.next_logits(tokens[:3]), every.next_logits(tokens[:3]), rtol=1e-5, atol=1e-5)
        with pytest.raises(ValueError, match="only the last"):
            last.logits(tokens)
