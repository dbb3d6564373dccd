"""A local GGUF model as a judge: pairwise votes on a comparison's answers, kept apart from people's.

For each matchup (a question and two candidates, from :func:`core.eval.rating.schedule`) the judge is asked
twice, the answers shown as A and B in one order and then swapped, and gives one letter: A, B, or T for a tie.
Models prefer a position, so only a verdict that both orders agree on counts: the candidate chosen both times
wins, anything else is a tie. The vote is stored with ``judge`` set to the judge model's name
(:func:`core.eval.compare.add_vote`), so it is shown as model-judged and never counted with people's votes.

The letter is read from the judge's next-token log-probabilities of "A", "B" and "T" after the prompt
(``method="logprob"``, one forward pass, always one of the three), or from a short greedy reply whose first
standalone A, B or T counts (``method="generate"``; anything else is a tie). Matchups the judge voted on before
are skipped, so running it again extends its votes.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

from core.config import check, from_dict, option
from core.errors import ConfigError, HearthError, ModelError
from core.eval.compare import Comparison, add_vote, candidate_answers, get_comparison, votes_of
from core.eval.rating import Matchup, Vote, schedule
from core.eval.run import EvalExample
from core.inference.templates import chat_format_named
from core.jobs.events import Event, Log, Metric, Progress
from core.jobs.runner import Control
from core.models.catalog import resolve_gguf
from core.workspace import Workspace

__all__ = ["LETTERS", "JudgeJob", "combine_orders", "judge_prompt", "letter_tokens", "parse_verdict", "run_judge",
           "verdict_from_logprobs"]

log = logging.getLogger(__name__)

LETTERS = ("A", "B", "T")
_STANDALONE = re.compile(r"(?<![A-Za-z])([ABT])(?![A-Za-z])")
# What follows "A" when it is the English article: a word of three letters or more ("A better answer is B"), not
# a verdict's own words ("A or B", "A is better", "A and B tie").
_ARTICLE = re.compile(r"\s+(?!and\b)[a-z]{3,}")


@dataclass(frozen=True)
class JudgeJob:
    """Let a local GGUF model judge a comparison's answers pairwise, in both orders."""

    KIND: ClassVar[str] = "judge"
    TARGET: ClassVar[str] = "core.eval.judge:run_judge"

    name: str = option("", help="the comparison whose answers are judged")
    judge: str = option("", help="the judge model: a catalog name or a GGUF file")
    candidates: tuple[str, ...] = option((), help="the candidates to judge, by name; empty for every answered one")
    method: str = option("logprob", choices=("logprob", "generate"), help=(
        "how the judge's letter is read: logprob (the likeliest of A, B, T as the next token) or generate "
        "(a short greedy reply, its first A, B or T; anything else is a tie)"))
    limit: int = option(0, help="judge at most this many new matchups (a question and a pair); 0 for all", min=0)
    seed: int = option(0, help="orders the matchups, so a limit judges a random sample", min=0)
    n_ctx: int = option(2048, help="the judge's context size", min=64)

    def __post_init__(self) -> None:
        check(self)
        if not self.name or not self.judge:
            raise ConfigError("judging needs a comparison and a judge model", "give both: NAME --judge MODEL")
        if len(set(self.candidates)) != len(self.candidates):
            raise ConfigError(f"a candidate is named twice in {list(self.candidates)}", "name each once")


# -- the decision, pure ----------------------------------------------------------------------------------------


def judge_prompt(example: EvalExample, answer_a: str, answer_b: str) -> str:
    """What the judge is asked about one question and two answers, A and B."""
    earlier = "".join(f"{m['role']}: {m['content'].strip()}\n" for m in example.messages[:-1])
    parts = ["You are judging two answers to the same question. Judge only which answer is better; ignore "
             "which one comes first and how long they are."]
    if earlier:
        parts.append(f"The conversation before the question:\n{earlier.rstrip()}")
    parts.append(f"Question:\n{example.question.strip()}")
    if example.reference.strip():
        parts.append(f"A reference answer, for guidance:\n{example.reference.strip()}")
    parts.append(f"Answer A:\n{answer_a.strip() or '(no answer)'}")
    parts.append(f"Answer B:\n{answer_b.strip() or '(no answer)'}")
    parts.append("Which answer is better? Reply with exactly one letter: A or B, or T for a tie.")
    return "\n\n".join(parts)


def parse_verdict(reply: str) -> str:
    """The judge's letter in a reply: a lone letter of any case ("b."), else its first standalone A, B or T
    ("**B**", "Answer: A"; not the article of "A better answer is B"), else T (a reply that says nothing usable
    counts as a tie)."""
    text = reply.strip()
    bare = text.strip(" .!*`'\"()[]:").upper()
    if bare in LETTERS:
        return bare
    for found in _STANDALONE.finditer(text):
        if found.group(1) == "A" and _ARTICLE.match(text, found.end()):
            continue  # "A better answer is B": the article, not a verdict
        return found.group(1)
    return "T"


def verdict_from_logprobs(logprobs: Mapping[str, float]) -> str:
    """The likeliest letter of ``logprobs`` (letter -> log-probability); T when the best two are equal."""
    ranked = sorted(logprobs.items(), key=lambda item: item[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return "T"
    return ranked[0][0]


def combine_orders(first: str, second: str) -> str:
    """One vote from the two orders' letters: ``first`` with the left candidate as A, ``second`` with it as B.

    The candidate chosen in both orders wins ("left" or "right"); disagreement or a tie in either is "tie".
    """
    one = {"A": "left", "B": "right"}.get(first, "tie")
    two = {"A": "right", "B": "left"}.get(second, "tie")
    return one if one == two else "tie"


def letter_tokens(tokenize: Callable[[str], Sequence[int]], prompt: str) -> dict[str, set[int]]:
    """The token ids that start each letter right after ``prompt``, as "A" or " A" (whichever the tokenizer
    makes there), leaving out a token that starts more than one letter (a lone space, say)."""
    base = list(tokenize(prompt))
    found: dict[str, set[int]] = {letter: set() for letter in LETTERS}
    for letter in LETTERS:
        for text in (letter, " " + letter):
            ids = list(tokenize(prompt + text))
            if len(ids) > len(base) and ids[:len(base)] == base:
                found[letter].add(ids[len(base)])
    shared = {t for letter in LETTERS for t in found[letter]
              if sum(t in found[other] for other in LETTERS) > 1}
    return {letter: ids - shared for letter, ids in found.items() if ids - shared}


def _logsumexp(values: Sequence[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


# -- asking the judge ----------------------------------------------------------------------------------------


class _ByLogprob:
    """The judge read from its next-token log-probabilities of A, B and T (a :class:`Scorer`, in this process)."""

    def __init__(self, path: Path, template: str | None, n_ctx: int) -> None:
        from core.inference.scoring import Scorer

        # Only the next token's logits are read: no (context x vocabulary) array (2 GiB for Gemma's at 2048).
        self.scorer = Scorer(path, n_ctx=n_ctx, every_position=False)
        try:
            self._prepare(template)
        except BaseException:
            self.scorer.close()  # a native handle, freed now rather than whenever
            raise

    def _prepare(self, template: str | None) -> None:
        bos, eos = self.scorer.special_ids
        meta = self.scorer.metadata
        info = SimpleNamespace(chat_template=meta.get("tokenizer.chat_template"),
                               bos_token=self.scorer.token_text(bos), eos_token=self.scorer.token_text(eos))
        self.chat = chat_format_named("auto", template, info)
        self.bos_text = info.bos_token
        self.add_bos = meta.get("tokenizer.ggml.add_bos_token", "true") != "false" and bos >= 0

    def _tokenize(self, text: str) -> list[int]:
        # A template that writes the BOS text itself gets no second BOS (as the engine does).
        add_bos = self.add_bos and not (self.bos_text and text.startswith(self.bos_text))
        return self.scorer.tokenize(text, add_bos=add_bos, special=True)

    def ask(self, question: str) -> tuple[str, str] | None:
        """(letter, what the judge said) for one prompt; None when the prompt does not fit the context."""
        from core.inference.scoring import log_softmax

        prompt = self.chat.render([{"role": "user", "content": question}])
        ids = self._tokenize(prompt)
        if len(ids) > self.scorer.n_ctx:
            return None
        tokens = letter_tokens(self._tokenize, prompt)
        if "A" not in tokens or "B" not in tokens:
            raise ModelError("the judge's tokenizer has no token of its own for A and B after the prompt",
                             "judge with --method generate")
        logp = log_softmax(self.scorer.next_logits(ids))
        scores = {letter: _logsumexp([float(logp[t]) for t in ids_]) for letter, ids_ in tokens.items()}
        total = _logsumexp(list(scores.values()))
        said = " ".join(f"{letter} {math.exp(s - total):.2f}" for letter, s in scores.items())
        return verdict_from_logprobs(scores), said

    def close(self) -> None:
        self.scorer.close()


class _ByReply:
    """The judge read from a short greedy reply in the engine."""

    def __init__(self, path: Path, template: str | None, n_ctx: int) -> None:
        from core.inference import Engine, LoadOptions, SamplingOptions

        self.engine = Engine()
        try:
            info = self.engine.load(path, LoadOptions(n_ctx=n_ctx))
        except BaseException:
            self.engine.close()
            raise
        self.chat = chat_format_named("auto", template, info)
        self.sampling = SamplingOptions(temperature=0.0, top_k=1, top_p=1.0, min_p=0.0, repeat_penalty=1.0, seed=0,
                                        max_tokens=8)

    def ask(self, question: str) -> tuple[str, str] | None:
        """(letter, the reply) for one prompt; None when the prompt does not fit the context."""
        from core.inference import ContextOverflow

        reply = None
        try:
            for piece in self.engine.chat([{"role": "user", "content": question}], self.sampling, self.chat):
                if not isinstance(piece, str):
                    reply = piece
        except ContextOverflow:
            return None
        text = reply.text if reply else ""
        return parse_verdict(text), repr(text)

    def close(self) -> None:
        self.engine.close()


# -- the job -------------------------------------------------------------------------------------------------


def run_judge(job: JudgeJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """Ask the judge about every matchup it has not voted on (up to ``limit``), both orders, and keep its votes."""
    job = job if isinstance(job, JudgeJob) else from_dict(JudgeJob, job)
    ws = control.ws
    comparison = get_comparison(ws, job.name)
    names = _candidates(comparison, job.candidates)
    judge, path, template = resolve_gguf(ws, job.judge)
    todo, before = _todo(ws, comparison, names, judge, job.seed)
    todo = todo[:job.limit] if job.limit else todo
    summary: dict[str, Any] = {"comparison": comparison.name, "judge": judge, "voted": 0, "asked": 0, "skipped": 0,
                               "kept": before}
    if not todo:
        yield Log(f"{judge} has judged every matchup of {', '.join(names)} before ({before} votes); nothing new")
        return summary
    answers = {n: [a["answer"] for a in candidate_answers(ws, comparison, n)] for n in names}
    yield Log(f"judging {len(todo)} matchups with {judge} ({job.method}), each in both orders; "
              f"{before} judged before, kept")
    yield Log(f"loading the judge {judge}")
    asker = _ByLogprob(path, template, job.n_ctx) if job.method == "logprob" else _ByReply(path, template, job.n_ctx)
    same_letter = 0
    try:
        for done, (idx, matchup) in enumerate(todo, 1):
            control.check()
            example = comparison.questions[idx]
            left, right = answers[matchup.left][idx], answers[matchup.right][idx]
            first = asker.ask(judge_prompt(example, left, right))
            second = asker.ask(judge_prompt(example, right, left)) if first is not None else None
            summary["asked"] += (first is not None) + (second is not None)
            if first is None or second is None:
                summary["skipped"] += 1
                yield Log(f"question {idx + 1}, {matchup.left} vs {matchup.right}: too long for the judge's "
                          f"context of {job.n_ctx} tokens, not judged (give a larger n_ctx)", level="WARNING")
            else:
                choice = combine_orders(first[0], second[0])
                same_letter += first[0] == second[0] != "T"
                add_vote(ws, comparison, idx, Vote(matchup, choice), judge=judge)
                summary["voted"] += 1
                yield Log(f"question {idx + 1}: {matchup.left} as A, {matchup.right} as B -> {first[0]} ({first[1]}); "
                          f"{matchup.right} as A, {matchup.left} as B -> {second[0]} ({second[1]}); vote {choice}")
            yield Progress(done, len(todo), f"judging with {judge}", unit="matchup")
    finally:
        asker.close()
    if summary["voted"]:
        # The same letter in both orders is the judge preferring a position, not an answer.
        yield Metric("position_bias", same_letter / summary["voted"])
    yield Metric("votes", float(summary["voted"]))
    return summary


def _candidates(comparison: Comparison, chosen: Sequence[str]) -> list[str]:
    answered = [c["name"] for c in comparison.answered]
    unknown = [n for n in chosen if n not in answered]
    if unknown:
        raise HearthError(f"{comparison.name} has no answered candidate {', '.join(map(repr, unknown))}",
                          f"its answered candidates: {', '.join(answered) or 'none yet'}")
    names = list(chosen) if chosen else answered
    if len(names) < 2:
        raise HearthError(f"{comparison.name} has {len(names)} answered candidate(s) to judge; a judge needs two",
                          "answer another candidate first: hearth compare run NAME -c NAME=MODEL")
    return names


def _todo(ws: Workspace, comparison: Comparison, names: Sequence[str], judge: str,
          seed: int) -> tuple[list[tuple[int, Matchup]], int]:
    """The matchups of ``names`` the judge has not voted on, in the schedule's order (question number, matchup),
    and how many it has voted on."""
    voted = {(v.matchup.question, frozenset((v.matchup.left, v.matchup.right)))
             for v in votes_of(ws, comparison, judge)}
    todo, before = [], 0
    # Matchups name their question by its number (as text), as the stored votes do.
    for m in schedule(names, [str(i) for i in range(len(comparison.questions))], seed):
        if (m.question, frozenset((m.left, m.right))) in voted:
            before += 1
        else:
            todo.append((int(m.question), m))
    return todo, before
