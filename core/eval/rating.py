"""Blind pairwise rating of candidates' answers, and what the votes say.

A :class:`RatingSession` walks a schedule of matchups (:func:`schedule`): one question and the answers of two
candidates, shown as "left" and "right" with the sides balanced (each candidate of a pair is on the left in half
of that pair's matchups, then the order is shuffled) and the names hidden until the vote. A vote is left, right, tie or
both_bad; skip passes a matchup without a vote, undo takes the last vote back.

The aggregates, as Chatbot Arena reports them:

- :func:`win_rates`: for each pair, the share of its decisive votes (ties and both-bad left out) the first one
  won, with a 95% Wilson score interval (better than the normal interval for small counts and rates near 0 or 1);
- :func:`bradley_terry`: one strength per candidate from all votes at once (a tie counts half a win each way),
  fitted with ``choix``; :func:`bradley_terry_intervals` bootstraps the votes for 95% intervals. Strengths are
  natural-log odds, centred on 0: ``exp(a - b)`` is how much likelier ``a`` beats ``b``.
"""

from __future__ import annotations

import itertools
import math
import random
import threading
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from core.errors import ConfigError

__all__ = ["CHOICES", "Matchup", "RatingSession", "Shown", "Vote", "VoteSummary", "WinRate", "bradley_terry",
           "bradley_terry_intervals", "schedule", "summarise", "wilson_interval", "win_rates"]

CHOICES = ("left", "right", "tie", "both_bad")
_Z95 = 1.959963984540054  # the standard normal quantile of 0.975
_FIT = threading.Lock()


@dataclass(frozen=True)
class Matchup:
    """One question and two candidates' answers, ``left`` shown on the left.

    ``question`` is the question's key: in a comparison, its number as text (two questions may read the same).
    """

    question: str
    left: str
    right: str


@dataclass(frozen=True)
class Vote:
    """What a rater chose for a matchup."""

    matchup: Matchup
    choice: str

    @property
    def winner(self) -> str | None:
        return {"left": self.matchup.left, "right": self.matchup.right}.get(self.choice)

    @property
    def loser(self) -> str | None:
        return {"left": self.matchup.right, "right": self.matchup.left}.get(self.choice)


def schedule(candidates: Sequence[str], questions: Sequence[str], seed: int = 0) -> list[Matchup]:
    """Every pair of candidates on every question, sides balanced per pair, in a shuffled order.

    Raises:
        ConfigError: fewer than two candidates, or a candidate named twice.
    """
    if len(set(candidates)) != len(candidates) or len(candidates) < 2:
        raise ConfigError(f"rating needs two or more different candidates, not {list(candidates)}",
                          "choose at least two candidates to compare")
    rng = random.Random(seed)
    matchups = []
    for a, b in itertools.combinations(candidates, 2):
        order = list(questions)
        rng.shuffle(order)  # which questions put ``a`` on the left: half of them, chosen at random
        for i, question in enumerate(order):
            matchups.append(Matchup(question, a, b) if i % 2 == 0 else Matchup(question, b, a))
    rng.shuffle(matchups)
    return matchups


@dataclass(frozen=True)
class Shown:
    """What a rater sees of a matchup before voting: the question and the two answers, no names."""

    question: str
    left_answer: str
    right_answer: str


@dataclass
class RatingSession:
    """A walk through a schedule: the matchup on show (:meth:`showing`, without names), votes, skip and undo.

    ``answers`` maps (question key, candidate) to that candidate's answer, ``texts`` a question key to what the
    rater reads (the key itself where absent). The names of a matchup's candidates come out only with its
    :class:`Vote`, once it is cast.
    """

    matchups: list[Matchup]
    answers: Mapping[tuple[str, str], str]
    texts: Mapping[str, str] = field(default_factory=dict)
    votes: list[Vote] = field(default_factory=list)
    position: int = 0
    _history: list[tuple[int, bool]] = field(default_factory=list)  # (position before, whether it was a vote)

    @property
    def done(self) -> bool:
        return self.position >= len(self.matchups)

    @property
    def progress(self) -> tuple[int, int]:
        """(matchups passed, matchups in all)."""
        return self.position, len(self.matchups)

    def showing(self) -> Shown:
        """The matchup on show, as the rater sees it.

        Raises:
            ConfigError: every matchup has been rated or skipped.
        """
        matchup = self._on_show()
        return Shown(self.texts.get(matchup.question, matchup.question), self.answers[(matchup.question, matchup.left)],
                     self.answers[(matchup.question, matchup.right)])

    def vote(self, choice: str) -> Vote:
        """Record ``choice`` for the matchup on show and move on; the vote, names and all.

        Raises:
            ConfigError: ``choice`` is not one of :data:`CHOICES`, or nothing is left to rate.
        """
        if choice not in CHOICES:
            raise ConfigError(f"a vote is one of {', '.join(CHOICES)}, not {choice!r}", "vote again")
        vote = Vote(self._on_show(), choice)
        self.votes.append(vote)
        self._history.append((self.position, True))
        self.position += 1
        return vote

    def skip(self) -> None:
        """Pass the matchup on show without a vote."""
        self._on_show()
        self._history.append((self.position, False))
        self.position += 1

    def undo(self) -> Vote | None:
        """Take back the last vote or skip and show its matchup again; the vote taken back, if it was one."""
        if not self._history:
            return None
        self.position, voted = self._history.pop()
        return self.votes.pop() if voted else None

    def _on_show(self) -> Matchup:
        if self.done:
            raise ConfigError("every matchup has been rated or skipped", "look at the results")
        return self.matchups[self.position]


def wilson_interval(successes: int, trials: int, z: float = _Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default); (0, 1) with no trials."""
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z / (1 + z * z / trials) * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class WinRate:
    """How ``first`` did against ``second``: decisive votes won and lost, ties, both-bad, and the win rate over
    the decisive votes with its 95% Wilson interval."""

    first: str
    second: str
    wins: int
    losses: int
    ties: int
    both_bad: int

    @property
    def decisive(self) -> int:
        return self.wins + self.losses

    @property
    def rate(self) -> float | None:
        return self.wins / self.decisive if self.decisive else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.wins, self.decisive)

    @property
    def text(self) -> str:
        """The rate and its interval as people read them: "40% (12-74%)"; "-" without a decisive vote."""
        if self.rate is None:
            return "-"
        low, high = self.interval
        return f"{100 * self.rate:.0f}% ({100 * low:.0f}-{100 * high:.0f}%)"


@dataclass(frozen=True)
class VoteSummary:
    """What one group of raters' votes say: each pair's win rate, and each candidate's Bradley-Terry strength with
    its 95% bootstrap interval. ``judge`` names the model that voted; None for people."""

    judge: str | None
    votes: int
    rates: list[WinRate]
    strengths: dict[str, float]
    intervals: dict[str, tuple[float, float]]

    @property
    def who(self) -> str:
        return "people" if self.judge is None else f"judged by the model {self.judge} (not people)"

    def ranked(self) -> list[tuple[str, float, tuple[float, float]]]:
        """(candidate, strength, interval), strongest first."""
        return [(n, self.strengths[n], self.intervals[n])
                for n in sorted(self.strengths, key=self.strengths.__getitem__, reverse=True)]


def summarise(votes: Sequence[Vote], candidates: Sequence[str], judge: str | None = None) -> VoteSummary:
    """The :class:`VoteSummary` of ``votes`` over ``candidates`` (the bootstrap takes a second or more). Only the
    candidates some vote involves get a strength: one never rated has none to show, not the prior's."""
    rated = [c for c in candidates if any(c in (v.matchup.left, v.matchup.right) for v in votes)]
    return VoteSummary(judge, len(votes), win_rates(votes, candidates), bradley_terry(votes, rated),
                       bradley_terry_intervals(votes, rated))


def win_rates(votes: Sequence[Vote], candidates: Sequence[str]) -> list[WinRate]:
    """One :class:`WinRate` per pair of ``candidates`` (in their order: the first of the pair as ``first``)."""
    out = []
    for a, b in itertools.combinations(candidates, 2):
        mine = [v for v in votes if {v.matchup.left, v.matchup.right} == {a, b}]
        out.append(WinRate(a, b, sum(v.winner == a for v in mine), sum(v.winner == b for v in mine),
                           sum(v.choice == "tie" for v in mine), sum(v.choice == "both_bad" for v in mine)))
    return out


def _comparisons(votes: Sequence[Vote], index: dict[str, int]) -> list[tuple[int, int]]:
    """(winner, loser) pairs for choix: a decisive vote twice, a tie once each way (half a win each)."""
    data = []
    for vote in votes:
        left, right = index[vote.matchup.left], index[vote.matchup.right]
        if vote.choice == "left":
            data += [(left, right), (left, right)]
        elif vote.choice == "right":
            data += [(right, left), (right, left)]
        elif vote.choice == "tie":
            data += [(left, right), (right, left)]
    return data


def bradley_terry(votes: Sequence[Vote], candidates: Sequence[str], alpha: float = 0.01) -> dict[str, float]:
    """Each candidate's Bradley-Terry strength (natural log, centred on 0) from every vote; both-bad and
    skipped matchups say nothing. ``alpha`` regularises (a candidate that never lost stays finite)."""
    import choix

    index = {name: i for i, name in enumerate(candidates)}
    data = _comparisons(votes, index)
    if not data:
        return dict.fromkeys(candidates, 0.0)
    # One fit at a time: scipy's LU (through choix) crashed the process when threads ran it together. And a
    # resample where a candidate met nobody makes scipy warn of a singular matrix, which ``alpha`` copes with.
    with _FIT, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        params = choix.ilsr_pairwise(len(candidates), data, alpha=alpha)
    params = params - params.mean()
    return {name: round(float(params[i]), 12) + 0.0 for name, i in index.items()}  # + 0.0: no "-0.00" shown


def bradley_terry_intervals(votes: Sequence[Vote], candidates: Sequence[str], rounds: int = 500, seed: int = 0,
                            alpha: float = 0.01) -> dict[str, tuple[float, float]]:
    """95% bootstrap intervals of :func:`bradley_terry`: the votes resampled with replacement ``rounds``
    times, the 2.5th and 97.5th percentiles of each candidate's strength."""
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        drawn = [votes[rng.randrange(len(votes))] for _ in votes] if votes else []
        for name, value in bradley_terry(drawn, candidates, alpha).items():
            samples[name].append(value)
    return {name: (_percentile(values, 2.5), _percentile(values, 97.5)) for name, values in samples.items()}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    at = (len(ordered) - 1) * q / 100
    low, high = math.floor(at), math.ceil(at)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)
