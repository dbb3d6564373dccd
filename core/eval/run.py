"""Evaluating a model on held-out questions: greedy answers through the engine, scored.

An evaluation takes a GGUF model (a catalog name or a file), optionally a
LoRA-GGUF adapter on it, and a set of conversations that end with an assistant
answer (a dataset version's split, or a dataset file). For each conversation
the engine answers the turns before the last one greedily, in the chat format
the model was trained with, and the answer is scored against the last turn
(:mod:`core.eval.metrics`). The result, with every example, is written as JSON
beside what was evaluated, so it can be shown again and compared later.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from core.config import check, from_dict, option, to_dict
from core.data.formats import load_all
from core.data.versions import get_dataset, read_split
from core.errors import HearthError
from core.eval.metrics import MetricSet, score_examples
from core.inference import Engine, LoadOptions, PlainFormat, SamplingOptions
from core.inference.scoring import Scorer, log_softmax
from core.inference.templates import chat_format_named
from core.jobs.events import Event, Log, Metric, Progress
from core.jobs.runner import Control
from core.models.catalog import resolve_gguf
from core.workspace import Workspace, atomic_write_json

__all__ = ["EvalConfig", "EvalExample", "EvalResult", "answer_perplexity", "evaluate_steps",
           "load_examples", "run_eval"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EvalConfig:
    """What to evaluate, on what, and how."""

    KIND: ClassVar[str] = "eval"
    TARGET: ClassVar[str] = "core.eval.run:run_eval"

    model: str = option("", help="the model: a catalog name or a GGUF file")
    data: str = option("", help="held-out conversations: a dataset version NAME[:vN] or a dataset file")
    split: str = option("test", help="the split of a dataset version to use", choices=("train", "validation", "test"))
    adapter: str | None = option(None, help="a LoRA-GGUF adapter applied on the model")
    adapter_scale: float = option(1.0, help="how strongly the adapter applies", min=0.0, max=4.0)
    chat_format: str = option("auto", help="auto (the model's template, else plain), plain, or a chat_format.json "
                              "file saved with a run")
    limit: int = option(0, help="evaluate at most this many conversations; 0 for all", min=0)
    max_tokens: int = option(128, help="the longest answer in tokens", min=1)
    n_ctx: int = option(2048, help="the engine's context size", min=64)
    label: str = option("", help="a name for this model in tables (the model's name when empty)")
    output: str | None = option(None, help="write the result JSON here (the job's folder when empty)")

    def __post_init__(self) -> None:
        check(self)
        if not self.model or not self.data:
            raise HearthError("an evaluation needs a model and data", "give both: -m MODEL -d DATASET")


@dataclass(frozen=True)
class EvalExample:
    """A conversation to answer: the turns before the answer, and the answer expected."""

    messages: tuple[dict[str, str], ...]
    reference: str
    source: str = ""
    line: int = 0

    @property
    def question(self) -> str:
        return self.messages[-1]["content"]


@dataclass(frozen=True)
class EvalResult:
    """The scores of one model on one set, and every answer.

    ``perplexity``: llama.cpp's perplexity of the expected answers given their questions (lower is better).
    """

    label: str
    metrics: MetricSet
    examples: list[dict[str, Any]]
    config: dict[str, Any]
    seconds: float
    perplexity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "metrics": self.metrics.to_dict(), "perplexity": self.perplexity,
                "seconds": round(self.seconds, 2), "config": self.config, "examples": self.examples}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvalResult:
        return cls(data["label"], MetricSet(**data["metrics"]), data["examples"], data["config"], data["seconds"],
                   data.get("perplexity"))

    @classmethod
    def read(cls, path: Path | str) -> EvalResult:
        """A result written by :func:`run_eval` (or ``save``)."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def save(self, path: Path | str) -> Path:
        atomic_write_json(Path(path), self.to_dict())
        return Path(path)


def load_examples(ws: Workspace, data: str, split: str = "test", limit: int = 0) -> list[EvalExample]:
    """The conversations of ``data`` that end with an assistant answer, in order.

    Args:
        data: an existing dataset file (read in any format Hearth imports), or a
            dataset version of the workspace.
        split: the split of a dataset version.
        limit: keep the first ``limit`` (0 keeps all).

    Raises:
        HearthError: nothing usable was found (with what to give instead).
        DataError: the file cannot be read as a dataset.
    """
    if Path(data).is_file():
        records: Iterator[Any] = iter(load_all(data).records)
    else:
        records = read_split(get_dataset(ws, data), split)
    examples = [_example(r) for r in records]
    usable = [e for e in examples if e is not None]
    if not usable:
        raise HearthError(f"{data} has no conversation ending with an assistant answer to compare with",
                          "give a chat dataset whose conversations end with the expected answer")
    return usable[:limit] if limit else usable


def _example(record: Any) -> EvalExample | None:
    messages = [{"role": m.role, "content": m.content} for m in record.messages]
    if len(messages) < 2 or messages[-1]["role"] != "assistant":
        return None
    return EvalExample(tuple(messages[:-1]), messages[-1]["content"], record.source, record.line)


def evaluate_steps(engine: Any, examples: Sequence[EvalExample], chat_format: Any, *, max_tokens: int,
                   control: Control | None = None,
                   timings: list[dict[str, float]] | None = None) -> Generator[Event, None, list[str]]:
    """Answer every example greedily with the loaded model; yields progress, returns the answers. ``timings``,
    when given, gets each answer's seconds, first-token seconds and generated tokens, in order."""
    # Greedy and deterministic: the same model gives the same answers, so two models compare fairly.
    sampling = SamplingOptions(temperature=0.0, top_k=1, top_p=1.0, min_p=0.0, repeat_penalty=1.0, seed=0,
                               max_tokens=max_tokens)
    answers: list[str] = []
    for i, example in enumerate(examples, 1):
        if control is not None:
            control.check()
        reply = None
        for piece in engine.chat(list(example.messages), sampling, chat_format):
            if not isinstance(piece, str):
                reply = piece
        answers.append(reply.text.strip() if reply else "")
        if timings is not None:
            metrics = reply.metrics if reply else {}
            timings.append({"seconds": metrics.get("total_s", 0.0), "ttft_s": metrics.get("ttft_s", 0.0),
                            "tokens": metrics.get("generated_tokens", 0)})
        yield Progress(i, len(examples), "answering held-out questions", unit="question")
    return answers


def answer_perplexity(path: Path, examples: Sequence[EvalExample], chat_format: Any, *, n_ctx: int,
                      adapter: str | None = None, adapter_scale: float = 1.0) -> float | None:
    """llama.cpp's perplexity of each expected answer after its prompt, over all answers (None if none fit)."""
    import math

    import numpy as np

    # The plain format's prompt ends with the assistant's label without its space; the answer brings it.
    joiner = " " if isinstance(chat_format, PlainFormat) and chat_format.assistant_prefix.endswith(" ") else ""
    total, count = 0.0, 0
    with Scorer(path, n_ctx=n_ctx, adapter=adapter, adapter_scale=adapter_scale) as scorer:
        for example in examples:
            prompt = chat_format.render(list(example.messages))
            start = len(scorer.tokenize(prompt, add_bos=True, special=True))
            ids = scorer.tokenize(prompt + joiner + example.reference, add_bos=True, special=True)[: scorer.n_ctx]
            if len(ids) <= start:
                continue
            logp = log_softmax(scorer.logits(ids)[start - 1:len(ids) - 1])
            total -= float(logp[np.arange(len(ids) - start), ids[start:]].sum())
            count += len(ids) - start
    return math.exp(total / count) if count else None


def run_eval(config: EvalConfig | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The job: load the model (and adapter) in an engine, answer the examples, score and save."""
    config = config if isinstance(config, EvalConfig) else from_dict(EvalConfig, config)
    ws = control.ws if control is not None else Workspace()
    examples = load_examples(ws, config.data, config.split, config.limit)
    name, path, template = resolve_gguf(ws, config.model)
    started = time.perf_counter()
    with Engine() as engine:
        yield Log(f"loading {name}" + (f" with adapter {Path(config.adapter).name}" if config.adapter else ""))
        info = engine.load(path, LoadOptions(n_ctx=config.n_ctx))
        if config.adapter:
            engine.set_adapters([(config.adapter, config.adapter_scale)])
        chat = chat_format_named(config.chat_format, template, info)
        answers = yield from evaluate_steps(engine, examples, chat, max_tokens=config.max_tokens, control=control)
    metrics, scored = score_examples([e.question for e in examples], [e.reference for e in examples], answers)
    yield Log("perplexity of the expected answers")
    ppl = answer_perplexity(path, examples, chat, n_ctx=config.n_ctx, adapter=config.adapter,
                            adapter_scale=config.adapter_scale)
    result = EvalResult(config.label or name, metrics, [to_dict(s) for s in scored], to_dict(config),
                        time.perf_counter() - started, ppl)
    for key, value in {**metrics.to_dict(), "perplexity": ppl}.items():
        if key != "count" and value is not None:
            yield Metric(key, float(value))
    output = Path(config.output) if config.output else control.folder / "eval.json"
    result.save(output)
    return {"label": result.label, "metrics": metrics.to_dict(), "perplexity": ppl, "output": str(output)}
