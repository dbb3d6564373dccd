"""Comparisons: several candidates answering the same questions, every answer and score kept in the workspace.

A comparison (tables ``comparisons``, ``comparison_questions``, ``candidates``, ``answers``, ``votes``) fixes its
questions when it is made (a dataset version's split or a dataset file, read once); each candidate is a GGUF
model, optionally with a LoRA-GGUF adapter at a scale, answered greedily in the chat format it was trained
with, and scored per answer (exact match, ROUGE-L, chrF) and over the set (the same, corpus BLEU, perplexity of
the expected answers). A candidate is answered once: naming a comparison again with more candidates answers
only the new ones, so a comparison can grow without recomputing the others. Votes, human or judged by a model
(``judge``), are kept apart per comparison.

A comparison's task is fixed when it is made, like its questions. ``generation`` scores free text as above. A
``classification`` comparison expects each answer to be one label of a set (given, or the references' own): each
answer also keeps the label it was read as (:func:`core.eval.metrics.label_of`) and whether it was right, and each
candidate its accuracy, macro-F1 and confusion matrix beside the generation metrics.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Generator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from core.config import check, from_dict, option
from core.errors import ConfigError, HearthError
from core.eval.metrics import classify, corpus_bleu, normalise, score_examples
from core.eval.rating import Matchup, RatingSession, Shown, Vote, VoteSummary, schedule, summarise
from core.eval.run import (
    EvalExample,
    answer_perplexity,
    evaluate_steps,
    load_examples,
)
from core.inference import Engine, LoadOptions
from core.inference.templates import chat_format_named
from core.jobs.events import Event, Log, Metric
from core.jobs.runner import Control
from core.models.catalog import resolve_gguf
from core.workspace import Workspace, utc_now

__all__ = [
    "BlindRating",
    "Candidate",
    "CompareJob",
    "Comparison",
    "add_vote",
    "agreement",
    "candidate_answers",
    "get_comparison",
    "judges_of",
    "keep_vote",
    "list_comparisons",
    "rating_session",
    "remove_vote",
    "run_compare",
    "vote_records",
    "vote_summaries",
    "votes_of",
]


@dataclass(frozen=True)
class Candidate:
    """One contender: ``NAME=MODEL`` or ``NAME=MODEL@ADAPTER[:SCALE]`` (MODEL a catalog name or a GGUF file)."""

    name: str
    model: str
    adapter: str | None = None
    adapter_scale: float = 1.0
    chat_format: str = "auto"

    @classmethod
    def parse(cls, text: str) -> Candidate:
        """Read ``NAME=MODEL[@ADAPTER[:SCALE]]``.

        Raises:
            ConfigError: the text is not of that form, or the scale is not a number from 0 to 4.
        """
        name, equals, rest = text.partition("=")
        if not equals or not name.strip() or not rest.strip():
            raise ConfigError(f"a candidate is NAME=MODEL or NAME=MODEL@ADAPTER[:SCALE], not {text!r}",
                              "for example: tuned=gemma-3-270m@exports/my-lora/my-lora.gguf:1.0")
        model, at, adapter = rest.partition("@")
        scale = 1.0
        if at and ":" in adapter and adapter.rsplit(":", 1)[1].replace(".", "", 1).isdigit():
            adapter, scale_text = adapter.rsplit(":", 1)
            scale = float(scale_text)
        if not 0.0 <= scale <= 4.0:
            raise ConfigError(f"the adapter scale of {name!r} is {scale}; it goes from 0 to 4", "give a scale in range")
        return cls(name.strip(), model.strip(), adapter.strip() if at else None, scale)

    @property
    def spec(self) -> str:
        """The candidate as :meth:`parse` reads it (and a job keeps it)."""
        return f"{self.name}={self.model}" + (f"@{self.adapter}:{self.adapter_scale:g}" if self.adapter else "")


TASKS = ("generation", "classification")


@dataclass(frozen=True)
class CompareJob:
    """Answer and score candidates on a comparison's questions (made on first use)."""

    KIND: ClassVar[str] = "compare"
    TARGET: ClassVar[str] = "core.eval.compare:run_compare"

    name: str = option("", help="the comparison: a new name, or one made before (its new candidates are added)")
    candidates: tuple[str, ...] = option((), help="NAME=MODEL or NAME=MODEL@ADAPTER[:SCALE], one per candidate")
    data: str = option("", help="for a new comparison: a dataset version NAME[:vN] or a dataset file")
    split: str = option("test", help="the split of a dataset version", choices=("train", "validation", "test"))
    task: str = option("generation", help="for a new comparison: generation (free answers) or classification (each "
                       "answer one label of a set)", choices=TASKS)
    labels: str = option("", help="for a new classification: the labels, comma-separated; empty to read them from "
                         "the expected answers")
    chat_format: str = option("auto", help="the prompt format of the new candidates: auto (each its own: an adapter "
                              "export the format its run trained with, a model its template, else plain), plain, or "
                              "a chat_format.json saved with a run")
    limit: int = option(0, help="at most this many questions; 0 for all", min=0)
    max_tokens: int = option(128, help="the longest answer in tokens", min=1)
    n_ctx: int = option(2048, help="the engine's context size", min=64)

    def __post_init__(self) -> None:
        check(self)
        if not self.name:
            raise ConfigError("a comparison needs a name", "give one: --name NAME")
        names = [Candidate.parse(spec).name for spec in self.candidates]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ConfigError(f"the candidate name {twice[0]!r} is given twice", "give each candidate its own name")
        if self.labels.strip() and self.task != "classification":
            raise ConfigError(f"labels {self.labels!r} were given for a {self.task} comparison",
                              "add --task classification, or leave the labels out")
        if self.task == "classification" and self.labels.strip() and len(self.label_list()) < 2:
            raise ConfigError(f"a classification needs at least two labels, not {self.labels!r}",
                              "give them comma-separated: --labels positive,negative,neutral")

    def label_list(self) -> list[str] | None:
        """The labels given (stripped; a label that reads as one before it, as answers are read, dropped), or None
        to read them from the expected answers."""
        given = [x.strip() for x in self.labels.split(",") if x.strip()]
        kept: dict[str, str] = {}
        for label in given:
            kept.setdefault(normalise(label), label)
        return list(kept.values()) or None


@dataclass(frozen=True)
class Comparison:
    """A comparison's row, its questions and its candidates' rows (with their metrics once answered)."""

    id: str
    name: str
    data: str
    split: str
    max_tokens: int
    created_at: str
    questions: list[EvalExample] = field(default_factory=list)
    candidates: list[dict[str, Any]] = field(default_factory=list)
    task: str = "generation"
    labels: list[str] | None = None  # a classification's label set, in order; None for generation

    @property
    def answered(self) -> list[dict[str, Any]]:
        """The candidates answered in full (with their metrics), in the order they were added."""
        return [c for c in self.candidates if c["metrics"] is not None]


def list_comparisons(ws: Workspace) -> list[Comparison]:
    """Every comparison, oldest first (questions and candidates included)."""
    with ws.db() as conn:
        names = [row["name"] for row in conn.execute("SELECT name FROM comparisons ORDER BY created_at, name")]
    return [get_comparison(ws, name) for name in names]


def get_comparison(ws: Workspace, name: str) -> Comparison:
    """The comparison ``name`` (or id).

    Raises:
        HearthError: there is none.
    """
    with ws.db() as conn:
        row = conn.execute("SELECT * FROM comparisons WHERE name = ? OR id = ?", (name, name)).fetchone()
        if row is None:
            raise HearthError(f"there is no comparison {name!r}", "hearth compare list shows them")
        questions = [EvalExample(tuple(json.loads(q["messages"])), q["reference"]) for q in conn.execute(
            "SELECT messages, reference FROM comparison_questions WHERE comparison_id = ? ORDER BY idx", (row["id"],))]
        candidates = [{**dict(c), "metrics": json.loads(c["metrics"]) if c["metrics"] else None} for c in conn.execute(
            "SELECT * FROM candidates WHERE comparison_id = ? ORDER BY created_at, name", (row["id"],))]
    return Comparison(row["id"], row["name"], row["data"], row["split"], row["max_tokens"], row["created_at"],
                      questions, candidates, row["task"], json.loads(row["labels"]) if row["labels"] else None)


def candidate_answers(ws: Workspace, comparison: Comparison, candidate: str) -> list[dict[str, Any]]:
    """Each answer of ``candidate``, in the questions' order: ``answer`` and its ``scores``."""
    with ws.db() as conn:
        rows = conn.execute("SELECT answer, scores FROM answers WHERE comparison_id = ? AND candidate = ? "
                            "ORDER BY idx", (comparison.id, candidate)).fetchall()
    return [{"answer": r["answer"], "scores": json.loads(r["scores"])} for r in rows]


def add_vote(ws: Workspace, comparison: Comparison, question: int, vote: Vote, judge: str | None = None) -> int:
    """Keep a vote on question number ``question``; ``judge`` names the model that judged (None: a person)."""
    with ws.db() as conn:
        cursor = conn.execute(
            "INSERT INTO votes (comparison_id, idx, left_name, right_name, choice, judge, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (comparison.id, question, vote.matchup.left, vote.matchup.right, vote.choice, judge, utc_now()))
        return int(cursor.lastrowid or 0)


def remove_vote(ws: Workspace, vote_id: int) -> None:
    """Take a kept vote back (undo)."""
    with ws.db() as conn:
        conn.execute("DELETE FROM votes WHERE id = ?", (vote_id,))


def judges_of(ws: Workspace, comparison: Comparison) -> list[str]:
    """The judge models that voted on a comparison."""
    with ws.db() as conn:
        rows = conn.execute("SELECT DISTINCT judge FROM votes WHERE comparison_id = ? AND judge IS NOT NULL "
                            "ORDER BY judge", (comparison.id,)).fetchall()
    return [r["judge"] for r in rows]


def votes_of(ws: Workspace, comparison: Comparison, judge: str | None = None) -> list[Vote]:
    """The votes of a comparison: people's (``judge`` None), or one judge model's; never the two mixed."""
    with ws.db() as conn:
        rows = conn.execute("SELECT idx, left_name, right_name, choice FROM votes WHERE comparison_id = ? AND "
                            "judge IS ? ORDER BY id", (comparison.id, judge)).fetchall()
    return [Vote(Matchup(str(r["idx"]), r["left_name"], r["right_name"]), r["choice"])
            for r in rows]


def agreement(ws: Workspace, comparison: Comparison, reference: str) -> dict[str, dict[str, float]]:
    """How closely each other answered candidate says what ``reference`` (a teacher, say) said: exact match,
    ROUGE-L and chrF of its answers against the reference candidate's, as the metrics score them against the
    expected answers.

    Raises:
        HearthError: ``reference`` is not an answered candidate of the comparison.
    """
    names = [c["name"] for c in comparison.answered]
    if reference not in names:
        raise HearthError(f"{comparison.name} has no answered candidate {reference!r}",
                          f"its answered candidates: {', '.join(names) or 'none yet'}")
    said = [a["answer"] for a in candidate_answers(ws, comparison, reference)]
    prompts = [q.question for q in comparison.questions]
    out = {}
    for name in names:
        if name != reference:
            metrics, _ = score_examples(prompts, said, [a["answer"] for a in candidate_answers(ws, comparison, name)])
            out[name] = {"exact_match": metrics.exact_match, "rouge_l": metrics.rouge_l, "chrf": metrics.chrf}
    return out


def vote_summaries(ws: Workspace, comparison: Comparison) -> list[VoteSummary]:
    """What the votes say, people's first, then each judge model's, never mixed; groups without votes left out."""
    names = [c["name"] for c in comparison.answered]
    groups = [(judge, votes_of(ws, comparison, judge)) for judge in [None, *judges_of(ws, comparison)]]
    return [summarise(votes, names, judge) for judge, votes in groups if votes and len(names) > 1]


def vote_records(ws: Workspace, comparison: Comparison) -> list[dict[str, Any]]:
    """Every vote of a comparison as kept, oldest first: question (its number), left, right, choice, judge (None
    for a person) and created_at."""
    with ws.db() as conn:
        rows = conn.execute("SELECT idx, left_name, right_name, choice, judge, created_at FROM votes "
                            "WHERE comparison_id = ? ORDER BY id", (comparison.id,)).fetchall()
    return [{"question": r["idx"], "left": r["left_name"], "right": r["right_name"], "choice": r["choice"],
             "judge": r["judge"], "created_at": r["created_at"]} for r in rows]


# -- the job -------------------------------------------------------------------------------------------------


def run_compare(job: CompareJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """Make the comparison if it is new, then answer and score each candidate it does not have yet."""
    job = job if isinstance(job, CompareJob) else from_dict(CompareJob, job)
    ws = control.ws
    comparison = _comparison(ws, job)
    # A comparison keeps what it was made with; only settings asked for in vain are worth a word (the defaults
    # of a run that only adds candidates are not).
    if (job.task == "classification" and comparison.task != job.task) or \
            job.label_list() not in (None, comparison.labels) or (job.data and job.data != comparison.data):
        labels = f" with the labels {', '.join(comparison.labels)}" if comparison.labels else ""
        yield Log(f"{comparison.name} was made from {comparison.data} ({comparison.split}) as a {comparison.task} "
                  f"comparison{labels}; that is kept, whatever this run asks", level="WARNING")
    answered, added = [], []
    for spec in job.candidates:
        candidate = Candidate.parse(spec)
        known = next((c for c in comparison.candidates if c["name"] == candidate.name), None)
        if known is not None and known["metrics"] is not None:
            answered.append(candidate.name)
            yield Log(f"{candidate.name}: answered before, kept")
            continue
        yield from _answer(ws, comparison, replace(candidate, chat_format=_chat_format(ws, candidate, job)), job,
                           control)
        added.append(candidate.name)
    return {"comparison": comparison.name, "id": comparison.id, "answered": added, "kept": answered}


def _comparison(ws: Workspace, job: CompareJob) -> Comparison:
    try:
        return get_comparison(ws, job.name)
    except HearthError:
        if not job.data:
            raise HearthError(f"there is no comparison {job.name!r} yet, and no data to make it from",
                              "give the held-out conversations: -d DATASET[:vN] or a dataset file") from None
    examples = load_examples(ws, job.data, job.split, job.limit)
    labels = _label_set(job, [e.reference for e in examples]) if job.task == "classification" else None
    ident = f"cmp-{secrets.token_hex(4)}"
    with ws.db() as conn:
        conn.execute("INSERT INTO comparisons (id, name, data, split, max_tokens, created_at, task, labels) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (ident, job.name, job.data, job.split, job.max_tokens, utc_now(), job.task,
                      json.dumps(labels, ensure_ascii=False) if labels is not None else None))
        conn.executemany("INSERT INTO comparison_questions (comparison_id, idx, messages, reference) "
                         "VALUES (?, ?, ?, ?)",
                         [(ident, i, json.dumps(list(e.messages), ensure_ascii=False), e.reference)
                          for i, e in enumerate(examples)])
    return get_comparison(ws, ident)


def _chat_format(ws: Workspace, candidate: Candidate, job: CompareJob) -> str:
    """The prompt format a candidate answers in: the job's, or with auto the format an adapter export's run
    trained with (its ``chat_format.json``); else auto (the model's own template)."""
    if job.chat_format != "auto" or not candidate.adapter:
        return job.chat_format
    from core.export.store import trained_chat_format

    return trained_chat_format(ws, candidate.adapter) or "auto"


def _label_set(job: CompareJob, references: list[str]) -> list[str]:
    """The labels of a new classification: those given, each reference checked against them; else the
    references' own, in order of first appearance (one spelling each, after normalising)."""
    given = job.label_list()
    if given is None:
        spelled = {normalise(r): r.strip() for r in reversed(references)}  # the first spelling of each wins
        labels = list(dict.fromkeys(spelled[normalise(r)] for r in references))
        if len(labels) < 2:
            raise ConfigError(f"the expected answers of {job.data!r} hold {len(labels)} distinct label(s); a "
                              "classification needs at least two", "check the data, or give --labels")
        return labels
    forms = {normalise(x) for x in given}
    strays = sorted({r for r in references if normalise(r) not in forms})
    if strays:
        raise ConfigError(f"{len(strays)} expected answer(s) of {job.data!r} are not among the labels {given}: "
                          f"{', '.join(map(repr, strays[:5]))}", "add them to --labels, or leave --labels out")
    return given


def _answer(ws: Workspace, comparison: Comparison, candidate: Candidate, job: CompareJob,
            control: Control) -> Generator[Event, None, None]:
    examples = comparison.questions
    name, path, template = resolve_gguf(ws, candidate.model)
    started = time.perf_counter()
    timings: list[dict[str, float]] = []
    with Engine() as engine:
        yield Log(f"{candidate.name}: loading {name}" + (f" with {Path(candidate.adapter).name}"
                                                         if candidate.adapter else ""))
        info = engine.load(path, LoadOptions(n_ctx=job.n_ctx))
        if candidate.adapter:
            engine.set_adapters([(candidate.adapter, candidate.adapter_scale)])
        chat = chat_format_named(candidate.chat_format, template, info)
        loaded = time.perf_counter()
        answers = yield from evaluate_steps(engine, examples, chat, max_tokens=comparison.max_tokens,
                                            control=control, timings=timings)
        answered = time.perf_counter()
    references = [e.reference for e in examples]
    metrics, scored = score_examples([e.question for e in examples], references, answers)
    perplexity = answer_perplexity(path, examples, chat, n_ctx=job.n_ctx, adapter=candidate.adapter,
                                   adapter_scale=candidate.adapter_scale)
    # Time apart from quality: loading, answering and the perplexity pass, and each answer's own timing.
    summary = {**metrics.to_dict(), "bleu": corpus_bleu(answers, references), "perplexity": perplexity,
               "load_s": loaded - started, "answer_s": answered - loaded,
               "perplexity_s": time.perf_counter() - answered}
    scores = [{"exact_match": s.exact_match, "rouge_l": s.rouge_l, "chrf": s.chrf, **t}
              for s, t in zip(scored, timings, strict=True)]
    if comparison.task == "classification":
        classes = classify(answers, references, comparison.labels)
        summary.update(classes.to_dict())
        forms = {normalise(x): x for x in classes.labels}
        for score, label, reference in zip(scores, classes.predicted, references, strict=True):
            score.update(label=label, correct=label == forms[normalise(reference)])
    seconds = time.perf_counter() - started
    with ws.db() as conn:
        conn.execute("DELETE FROM candidates WHERE comparison_id = ? AND name = ?", (comparison.id, candidate.name))
        conn.execute("INSERT INTO candidates (comparison_id, name, model, adapter, adapter_scale, chat_format, "
                     "metrics, seconds, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (comparison.id, candidate.name, candidate.model, candidate.adapter, candidate.adapter_scale,
                      candidate.chat_format, json.dumps(summary), seconds, utc_now()))
        conn.executemany("INSERT INTO answers (comparison_id, candidate, idx, answer, scores) VALUES (?, ?, ?, ?, ?)",
                         [(comparison.id, candidate.name, i, s.prediction, json.dumps(score, ensure_ascii=False))
                          for i, (s, score) in enumerate(zip(scored, scores, strict=True))])
    for key, value in summary.items():
        if key != "count" and isinstance(value, int | float):
            yield Metric(f"{candidate.name}/{key}", float(value))


def rating_session(ws: Workspace, comparison: Comparison, seed: int = 0) -> RatingSession:
    """A blind rating of the comparison's answered candidates: every pair on every question, sides balanced, in an
    order ``seed`` shuffles, less the matchups people have voted on already (so a rating can be left and resumed).

    Raises:
        ConfigError: fewer than two candidates have been answered.
    """
    names = [c["name"] for c in comparison.answered]
    keys = [str(i) for i in range(len(comparison.questions))]
    answers = {(str(i), n): a["answer"] for n in names for i, a in enumerate(candidate_answers(ws, comparison, n))}
    done = {(v.matchup.question, frozenset((v.matchup.left, v.matchup.right))) for v in votes_of(ws, comparison)}
    return RatingSession([m for m in schedule(names, keys, seed) if (m.question, frozenset((m.left, m.right)))
                          not in done], answers, {k: shown_question(q) for k, q in zip(keys, comparison.questions,
                                                                                          strict=True)})


def shown_question(example: EvalExample) -> str:
    """What a rater reads of a question: the earlier turns of its conversation (``role: text``), then it."""
    earlier = [f"{m['role']}: {m['content'].strip()}" for m in example.messages[:-1]]
    return "\n".join([*earlier, f"user: {example.question.strip()}"]) if earlier else example.question


def keep_vote(ws: Workspace, comparison: Comparison, vote: Vote) -> int:
    """Store a person's vote from a :func:`rating_session`; its id (for :func:`remove_vote`)."""
    return add_vote(ws, comparison, int(vote.matchup.question), vote)


class BlindRating:
    """A person rating a comparison blind (:func:`rating_session`): each vote is stored as it is cast, and an undo
    takes the last vote (or skip) back, out of the workspace too. The terminal and the desktop both rate with it."""

    def __init__(self, ws: Workspace, comparison: Comparison, seed: int = 0) -> None:
        self.ws, self.comparison = ws, comparison
        self.session = rating_session(ws, comparison, seed)
        self._kept: list[int | None] = []  # each step's stored vote id, None for a skip

    @property
    def done(self) -> bool:
        return self.session.done

    @property
    def progress(self) -> tuple[int, int]:
        return self.session.progress

    @property
    def can_undo(self) -> bool:
        return bool(self._kept)

    def showing(self) -> Shown:
        return self.session.showing()

    def vote(self, choice: str) -> Vote:
        """Cast and store ``choice`` for the matchup on show; the vote, with the names."""
        vote = self.session.vote(choice)
        self._kept.append(keep_vote(self.ws, self.comparison, vote))
        return vote

    def skip(self) -> None:
        self.session.skip()
        self._kept.append(None)

    def undo(self) -> bool:
        """Take the last vote or skip back (a vote leaves the workspace); False when there is nothing to undo."""
        if not self._kept:
            return False
        self.session.undo()
        stored = self._kept.pop()
        if stored is not None:
            remove_vote(self.ws, stored)
        return True
