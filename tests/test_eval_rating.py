"""The evaluation workbench's parts: blind pairwise rating (balanced sides, hidden names, undo; the aggregates
checked against independent computations: scipy's Wilson interval, a Bradley-Terry likelihood maximised with
scipy), BLEU that reads Chinese, and classification scores computed by hand."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import numpy as np
import pytest

from core.errors import ConfigError
from core.eval.rating import (
    Matchup,
    RatingSession,
    Vote,
    WinRate,
    bradley_terry,
    bradley_terry_intervals,
    schedule,
    wilson_interval,
    win_rates,
)

CANDIDATES = ["base", "tuned", "tuned-q4"]
QUESTIONS = [f"question {i}" for i in range(10)]


def _answers() -> dict[tuple[str, str], str]:
    return {(q, c): f"answer of {c} to {q}" for q in QUESTIONS for c in CANDIDATES}


def test_the_schedule_covers_every_pair_on_every_question_with_balanced_sides():
    matchups = schedule(CANDIDATES, QUESTIONS, seed=3)
    assert len(matchups) == 3 * len(QUESTIONS)
    for a, b in itertools.combinations(CANDIDATES, 2):
        mine = [m for m in matchups if {m.left, m.right} == {a, b}]
        assert sorted(m.question for m in mine) == sorted(QUESTIONS)
        assert Counter(m.left for m in mine) == {a: 5, b: 5}  # each on the left half the time
    assert matchups != schedule(CANDIDATES, QUESTIONS, seed=4)  # the order is random, the seed fixes it
    assert matchups == schedule(CANDIDATES, QUESTIONS, seed=3)
    with pytest.raises(ConfigError, match="two or more"):
        schedule(["base", "base"], QUESTIONS)


def test_names_stay_hidden_until_the_vote_and_undo_takes_it_back():
    session = RatingSession(schedule(CANDIDATES, QUESTIONS, seed=1), _answers())
    shown = session.showing()
    assert set(vars(shown)) == {"question", "left_answer", "right_answer"}  # nothing names a candidate
    matchup = session.matchups[0]
    assert shown.left_answer == f"answer of {matchup.left} to {shown.question}"
    vote = session.vote("right")
    assert (vote.winner, vote.loser) == (matchup.right, matchup.left)  # revealed with the vote
    session.skip()
    assert session.progress == (2, 30) and len(session.votes) == 1
    assert session.undo() is None and session.progress == (1, 30)  # the skip taken back
    assert session.undo() == vote and session.progress == (0, 30) and session.votes == []
    assert session.showing() == shown  # the same matchup on show again
    with pytest.raises(ConfigError, match="a vote is one of"):
        session.vote("better")


def test_wilson_intervals_equal_scipys():
    from scipy.stats import binomtest

    for wins, trials in [(7, 10), (0, 5), (5, 5), (33, 120), (1, 1)]:
        expected = binomtest(wins, trials).proportion_ci(confidence_level=0.95, method="wilson")
        assert wilson_interval(wins, trials) == pytest.approx((expected.low, expected.high), abs=1e-12)
    assert wilson_interval(0, 0) == (0.0, 1.0)


def _scripted_votes(seed: int = 0) -> list[Vote]:
    """Votes by raters who prefer tuned-q4 ~ tuned > base, with ties and both-bad among them."""
    rng = random.Random(seed)
    strength = {"base": 0.0, "tuned": 1.0, "tuned-q4": 0.8}
    votes = []
    for matchup in schedule(CANDIDATES, QUESTIONS * 6, seed=seed):
        roll = rng.random()
        if roll < 0.08:
            votes.append(Vote(matchup, "tie"))
        elif roll < 0.12:
            votes.append(Vote(matchup, "both_bad"))
        else:
            p_left = 1 / (1 + math.exp(strength[matchup.right] - strength[matchup.left]))
            votes.append(Vote(matchup, "left" if rng.random() < p_left else "right"))
    return votes


def test_win_rates_count_decisive_votes_per_pair():
    votes = _scripted_votes()
    rates = {(r.first, r.second): r for r in win_rates(votes, CANDIDATES)}
    pair = rates[("base", "tuned")]
    mine = [v for v in votes if {v.matchup.left, v.matchup.right} == {"base", "tuned"}]
    assert pair.wins == sum(v.winner == "base" for v in mine) and pair.losses == sum(v.winner == "tuned" for v in mine)
    assert pair.wins + pair.losses + pair.ties + pair.both_bad == len(mine) == 60
    assert pair.rate == pair.wins / (pair.wins + pair.losses) and pair.interval == wilson_interval(pair.wins,
                                                                                                    pair.decisive)
    low, high = pair.interval
    assert pair.text == f"{round(100 * pair.rate)}% ({round(100 * low)}-{round(100 * high)}%)"
    assert WinRate("a", "b", 0, 0, 3, 1).text == "-"  # no decisive vote, no rate


def test_bradley_terry_equals_the_likelihood_maximum_found_independently():
    from scipy.optimize import minimize

    votes = _scripted_votes()
    scores = bradley_terry(votes, CANDIDATES, alpha=0.0)  # (every candidate won and lost: the maximum exists)
    # The same model written out: a decisive vote is a win, a tie half a win each way; its likelihood maximised
    # by scipy from zeros.
    index = {c: i for i, c in enumerate(CANDIDATES)}
    wins = np.zeros((3, 3))
    for vote in votes:
        left, right = index[vote.matchup.left], index[vote.matchup.right]
        if vote.choice == "left":
            wins[left, right] += 1
        elif vote.choice == "right":
            wins[right, left] += 1
        elif vote.choice == "tie":
            wins[left, right] += 0.5
            wins[right, left] += 0.5

    def negative_log_likelihood(theta: np.ndarray) -> float:
        total = 0.0
        for i, j in itertools.permutations(range(3), 2):
            total -= 2 * wins[i, j] * (theta[i] - np.logaddexp(theta[i], theta[j]))
        return total

    found = minimize(negative_log_likelihood, np.zeros(3), method="BFGS", options={"gtol": 1e-10}).x
    found -= found.mean()
    assert [scores[c] for c in CANDIDATES] == pytest.approx(list(found), abs=1e-6)
    assert scores["tuned"] > scores["base"] and scores["tuned-q4"] > scores["base"]
    regularised = bradley_terry(votes, CANDIDATES)  # the default: a little pull towards 0, the same order
    assert sorted(CANDIDATES, key=regularised.get) == sorted(CANDIDATES, key=scores.get)


def test_bootstrap_intervals_hold_the_fitted_strengths():
    votes = _scripted_votes()
    scores = bradley_terry(votes, CANDIDATES)
    intervals = bradley_terry_intervals(votes, CANDIDATES, rounds=200, seed=1)
    for name in CANDIDATES:
        low, high = intervals[name]
        assert low < scores[name] < high and high - low < 2.0
    assert intervals["base"][1] < intervals["tuned"][0]  # clearly apart, as the raters meant
    assert bradley_terry_intervals(votes, CANDIDATES, rounds=200, seed=1) == intervals  # the seed fixes them
    assert bradley_terry([], CANDIDATES) == dict.fromkeys(CANDIDATES, 0.0)
    assert bradley_terry([Vote(Matchup("q", "base", "tuned"), "both_bad")], CANDIDATES) == \
        dict.fromkeys(CANDIDATES, 0.0)


def test_bleu_reads_chinese_by_character_and_english_by_word():
    from core.eval.metrics import corpus_bleu

    assert corpus_bleu(["the cat sat on the mat"], ["the cat sat on the mat"]) == pytest.approx(100.0)
    # Chinese has no spaces: read as one "word" a near-miss scores 0; by character it scores most of its n-grams
    near = corpus_bleu(["我们今天去公园散步了"], ["我们今天去公园散步吧"])
    assert 50 < near < 100
    assert corpus_bleu(["completely different words here"], ["the cat sat on the mat"]) < 10


def test_classification_accuracy_macro_f1_and_confusion_as_computed_by_hand():
    from core.eval.metrics import Classification, classify

    references = ["positive", "negative", "neutral", "positive", "积极", "消极", "积极", "negative"]
    predictions = ["Positive", "negative", "positive", "positive", "积极", "积极", "I think so", "negative"]
    result = classify(predictions, references)
    assert result.labels == ("positive", "negative", "neutral", "积极", "消极")
    assert result.accuracy == pytest.approx(100 * 5 / 8)  # case and spaces do not matter; prose is wrong
    assert result.confusion["积极"] == {"positive": 0, "negative": 0, "neutral": 0, "积极": 1, "消极": 0,
                                        Classification.OTHER: 1}
    # F1 per label: positive 2*2/(3+2)=0.8, negative 2*2/(2+2)=1, neutral 0, 积极 2*1/(2+2)=0.5, 消极 0
    assert result.macro_f1 == pytest.approx(100 * (0.8 + 1.0 + 0.0 + 0.5 + 0.0) / 5)
    with pytest.raises(ValueError, match="not one of the labels"):
        classify(["a"], ["maybe"], labels=["yes", "no"])


def test_a_candidate_no_vote_involves_gets_no_strength():
    from core.eval.rating import summarise

    votes = [vote for vote in _scripted_votes() if "base" not in (vote.matchup.left, vote.matchup.right)]
    summary = summarise(votes, CANDIDATES)
    assert set(summary.strengths) == set(CANDIDATES) - {"base"} == {name for name, _, _ in summary.ranked()}
    assert [r.decisive for r in summary.rates if "base" in (r.first, r.second)] == [0, 0]
