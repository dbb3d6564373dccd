"""Synthetic data from a local teacher: a model on this machine answers prompts, and the answers become a version.

Mode ``answer``: the prompts are a file of questions (one a line in a .txt; in JSONL a string, or an object with
``prompt``, ``question``, ``instruction`` (+ ``input``) or ``messages``), or the user turns of a dataset version's
split with its answers dropped. Of a conversation only the first user turn is asked (and the record's system
message, unless the job gives its own), so no human answer reaches the generated data. The teacher (a catalog
model or a GGUF file, optionally with a LoRA-GGUF adapter at a scale) answers each one in the engine, with a seed
of its own (the job's seed plus the prompt's number), so an answer does not depend on which run made it.

Each answer is appended to ``datasets/.generate/<name>-<key>/answers.jsonl`` as it is made, one line per prompt
with its number; the key is a digest of everything that decides the answers (teacher and adapter by sha256,
source, system prompt, sampling), so a run with the same name and settings continues after the last complete
line, and the version is made only at the end. Then every prompt gets one verdict (:data:`FILTERS`, or kept),
the kept conversations are written as a chat JSONL and imported through :func:`core.data.versions.import_steps`
(the same validation, cleaning, near deduplication, split and stats as any import), the filtered prompts are
listed among the version's rejects, and the manifest keeps how the data was made under ``generated``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from core.config import check, from_dict, option, to_dict
from core.data.clean import NearDuplicateIndex
from core.data.formats import load_all
from core.data.records import Reject
from core.data.versions import DatasetVersion, ImportOptions, get_dataset, import_steps, read_split
from core.errors import ConfigError, DataError, HearthError
from core.inference import ContextOverflow, Engine, LoadOptions, SamplingOptions
from core.inference.templates import chat_format_named
from core.jobs.events import Event, Log, Metric, Progress
from core.jobs.runner import Control
from core.jobs.steps import checked
from core.models.catalog import find_model, resolve_gguf, sha256_file
from core.workspace import Workspace, atomic_write_json, atomic_write_text, utc_now

__all__ = ["DEFAULT_REFUSALS", "FILTERS", "GenerateJob", "Prompt", "answer_verdict", "cjk_share", "count_verdicts",
           "generate_steps", "generation_folder", "is_refusal", "language_mismatch", "leaked", "read_partial",
           "read_prompts", "run_generate"]

log = logging.getLogger(__name__)

# Why a prompt yields no record, in the order they are decided; each prompt gets the first that applies.
FILTERS = ("no_question", "leak", "prompt_too_long", "empty", "truncated", "refusal", "too_short", "too_long",
           "language")
DEFAULT_REFUSALS = (
    "i'm sorry", "i am sorry", "i apologize", "i apologise", "as an ai", "as a language model", "i cannot help",
    "i can't help", "i cannot assist", "i can't assist", "i cannot provide", "i can't provide", "i'm unable to",
    "i am unable to", "i'm not able to", "i am not able to",
    "抱歉", "对不起", "很遗憾", "我无法", "作为一个人工智能", "作为人工智能", "作为一个ai", "作为ai",
    "作为一个语言模型", "作为语言模型",
)
MODES = ("answer",)
# The ranges core.data.clean reads as Chinese, Japanese and Korean.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")
_PARTIAL = "answers.jsonl"
_KEPT = "generated.jsonl"


@dataclass(frozen=True)
class GenerateJob:
    """A teacher writes a new dataset version (``hearth data generate``)."""

    KIND: ClassVar[str] = "generate"
    TARGET: ClassVar[str] = "core.data.generate:run_generate"

    name: str = option("", help="the new dataset's name (a version of it if it exists)")
    teacher: str = option("", help="the teacher: a catalog model or a GGUF file")
    source: str = option("", help="the prompts: a file of questions (.txt, .jsonl) or a dataset version NAME[:vN] "
                         "(its user turns; answers dropped)")
    mode: str = option("answer", help="answer: the teacher answers the prompts", choices=MODES)
    adapter: str | None = option(None, help="a LoRA-GGUF adapter applied on the teacher")
    adapter_scale: float = option(1.0, help="how strongly the adapter applies", min=0.0, max=4.0)
    split: str = option("train", help="the split of a dataset version the prompts come from",
                        choices=("train", "validation", "test"))
    system: str = option("", help="a system prompt for the teacher; empty keeps each record's own, if any")
    system_in_data: bool = option(False, help="write the system prompt into the generated conversations too")
    chat_format: str = option("auto", help="auto (the teacher's template, else plain), plain, or a "
                              "chat_format.json saved with a run")
    sampling: SamplingOptions = option(default_factory=lambda: SamplingOptions(seed=0),
                                       help="how the teacher samples; each prompt's seed is seed + its number")
    limit: int = option(0, help="take at most this many prompts; 0 for all", min=0)
    refusals: tuple[str, ...] = option(DEFAULT_REFUSALS, help="an answer holding one of these (any case) is a "
                                       "refusal and is left out")
    min_chars: int = option(1, help="leave out answers shorter than this many characters", min=0)
    max_chars: int = option(0, help="leave out answers longer than this many characters; 0 for no limit", min=0)
    check_language: bool = option(True, help="leave out answers in another script than their question (a Chinese "
                                  "question answered without Chinese, an English one answered in Chinese)")
    exclude: str = option("", help="a dataset version whose test split must not leak: prompts like its test "
                          "questions are left out; empty: the source version itself; none: no check")
    exclude_threshold: float = option(0.85, help="estimated Jaccard similarity from which a prompt is like a test "
                                      "question", min=0.05, max=0.95)
    n_ctx: int = option(4096, help="the engine's context size", min=64)
    options: ImportOptions = option(default_factory=ImportOptions, help="how the answers are imported (the format "
                                    "is chat; token lengths by the teacher unless a model is named)")

    def __post_init__(self) -> None:
        check(self)
        for field in ("name", "teacher", "source"):
            if not getattr(self, field).strip():
                raise ConfigError(f"a generation needs a {field}", f"give one: --{field} ...")
        if self.sampling.seed < 0:
            raise ConfigError(f"GenerateJob.sampling.seed is {self.sampling.seed}; a generation needs a fixed seed",
                              "give a seed of 0 or more, so that a stopped generation continues the same way")
        if self.max_chars and self.max_chars < self.min_chars:
            raise ConfigError(f"GenerateJob.max_chars {self.max_chars} is below min_chars {self.min_chars}",
                              "raise max_chars, or give 0 for no limit")


@dataclass(frozen=True)
class Prompt:
    """A question to answer: its number in the source, the turns the teacher reads, where it came from."""

    index: int
    messages: tuple[dict[str, str], ...]
    source: str
    line: int

    @property
    def question(self) -> str:
        return self.messages[-1]["content"] if self.messages else ""


# -- the filters (pure) ------------------------------------------------------------------------------------------


def cjk_share(text: str) -> float:
    """The share of Chinese, Japanese or Korean characters among the letters of ``text`` (0 with no letter)."""
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if _CJK.match(c)) / len(letters) if letters else 0.0


def language_mismatch(question: str, answer: str) -> bool:
    """A question mostly in CJK answered without a CJK character, or one without CJK answered mostly in CJK."""
    if not any(c.isalpha() for c in question) or not any(c.isalpha() for c in answer):
        return False
    asked, answered = cjk_share(question), cjk_share(answer)
    return (asked > 0.5 and answered == 0.0) or (asked == 0.0 and answered > 0.5)


def _folded(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").casefold().split())


def is_refusal(answer: str, phrases: Sequence[str] = DEFAULT_REFUSALS) -> bool:
    """Whether ``answer`` holds one of ``phrases`` (case, curly apostrophes and runs of spaces aside)."""
    text = _folded(answer)
    return any(_folded(p) in text for p in phrases if p.strip())


def answer_verdict(question: str, answer: str, stop_reason: str, *, refusals: Sequence[str] = DEFAULT_REFUSALS,
                   min_chars: int = 1, max_chars: int = 0, check_language: bool = True) -> str | None:
    """Why an answer is left out (one of :data:`FILTERS`), or None to keep it. The first reason that applies."""
    text = answer.strip()
    if stop_reason == "prompt_too_long":
        return "prompt_too_long"
    if not text:
        return "empty"
    if stop_reason in ("length", "context_full"):
        return "truncated"
    if is_refusal(text, refusals):
        return "refusal"
    if len(text) < min_chars:
        return "too_short"
    if max_chars and len(text) > max_chars:
        return "too_long"
    if check_language and language_mismatch(question, text):
        return "language"
    return None


def leaked(questions: Sequence[str], test_questions: Sequence[str], threshold: float = 0.85) -> list[bool]:
    """For each question, whether it copies or nearly copies (MinHash, as near deduplication) a test question."""
    if not test_questions:
        return [False] * len(questions)
    index = NearDuplicateIndex(threshold)
    exact = {_folded(q) for q in test_questions}
    for i, q in enumerate(test_questions):
        index.add(i, index.sketch(q))
    return [_folded(q) in exact or bool(index.matches(index.sketch(q))) for q in questions]


def count_verdicts(verdicts: Sequence[str | None]) -> dict[str, int]:
    """``kept`` and every filter (zeros included), from each prompt's verdict; they add up to the prompts."""
    counts = Counter(v or "kept" for v in verdicts)
    return {"kept": counts["kept"], **{f: counts[f] for f in FILTERS}}


# -- the prompts -------------------------------------------------------------------------------------------------


def read_prompts(ws: Workspace, source: str, split: str = "train", system: str = "") -> list[Prompt]:
    """The prompts of a file of questions or of a dataset version's split, numbered from 0 in order.

    A line or record without a question gives a prompt with no messages (counted as ``no_question``).

    Raises:
        DataError: no such file or dataset version.
    """
    path = Path(source)
    if path.is_file():
        rows = _file_prompts(path) if path.suffix.lower() in (".txt", ".jsonl") else _record_prompts(
            load_all(path).records)
    else:
        rows = _record_prompts(read_split(get_dataset(ws, source), split))
    prompts = []
    for i, (turns, where, line) in enumerate(rows):
        if system.strip() and turns:
            turns = [{"role": "system", "content": system}, *(t for t in turns if t["role"] != "system")]
        prompts.append(Prompt(i, tuple(turns), where, line))
    return prompts


Row = tuple[list[dict[str, str]], str, int]


def _file_prompts(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line, text in enumerate(handle, 1):
            if not text.strip():
                continue
            if path.suffix.lower() == ".txt":
                yield [{"role": "user", "content": text.strip()}], path.name, line
                continue
            try:
                item = json.loads(text)
            except json.JSONDecodeError:
                log.warning("%s:%d is not JSON; counted as no question", path.name, line)
                item = None
            yield _item_turns(item), path.name, line


def _item_turns(item: Any) -> list[dict[str, str]]:
    """The turns to ask of one JSONL item: a string, or prompt / question / instruction (+ input) / messages."""
    if isinstance(item, str):
        return [{"role": "user", "content": item.strip()}] if item.strip() else []
    if not isinstance(item, dict):
        return []
    if isinstance(item.get("messages"), list):
        messages = [m for m in item["messages"] if isinstance(m, dict) and isinstance(m.get("content"), str)]
        return _first_question([(str(m.get("role")), m["content"]) for m in messages])
    for key in ("prompt", "question", "instruction"):
        if isinstance(item.get(key), str) and item[key].strip():
            extra = item.get("input") if key == "instruction" and isinstance(item.get("input"), str) else ""
            return [{"role": "user", "content": "\n\n".join(t.strip() for t in (item[key], extra) if t.strip())}]
    return []


def _record_prompts(records: Any) -> Iterator[Row]:
    for record in records:
        yield _first_question([(m.role, m.content) for m in record.messages]), record.source, record.line


def _first_question(messages: list[tuple[str, str]]) -> list[dict[str, str]]:
    """The system message (if first) and the first user turn: later turns depend on answers that are dropped."""
    system = [{"role": "system", "content": c} for r, c in messages[:1] if r == "system" and c.strip()]
    user = next((c for r, c in messages if r == "user" and c.strip()), None)
    return [*system, {"role": "user", "content": user.strip()}] if user else []


def _test_questions(ws: Workspace, job: GenerateJob) -> tuple[str | None, list[str]]:
    """The version whose test split must not leak (its label) and its test questions."""
    ref = job.exclude.strip()
    if ref.lower() == "none":
        return None, []
    if not ref:
        if Path(job.source).is_file():
            return None, []
        ref = job.source
        if job.split == "test":
            raise ConfigError(f"the prompts are the test split of {ref}, whose test split must not leak into them",
                              "take them from --split train, or give --exclude none")
    version = get_dataset(ws, ref)
    questions = [turns[-1]["content"] for turns, _, _ in _record_prompts(read_split(version, "test")) if turns]
    return version.label, questions


# -- the teacher -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Teacher:
    name: str
    path: Path
    template: str | None
    sha256: str
    adapter_sha256: str | None


def _teacher(ws: Workspace, job: GenerateJob) -> _Teacher:
    """The teacher's GGUF, with the sha256 of it (the catalog's, when it has one) and of the adapter."""
    name, path, template = resolve_gguf(ws, job.teacher)
    known = find_model(ws, job.teacher)  # the catalog keeps its file's sha256: no need to read 250 MB again
    digest = known.sha256 if known is not None and Path(known.path) == Path(path) else None
    adapter = None
    if job.adapter:
        if not Path(job.adapter).is_file():
            raise HearthError(f"no adapter file at {job.adapter}", "give the LoRA-GGUF file an export wrote")
        adapter = sha256_file(job.adapter)
    return _Teacher(name, path, template, digest or sha256_file(path), adapter)


# -- the partial answers -----------------------------------------------------------------------------------------


def _source_identity(ws: Workspace, job: GenerateJob) -> str:
    path = Path(job.source)
    return f"file:{sha256_file(path)}" if path.is_file() else f"dataset:{get_dataset(ws, job.source).id}"


def _settings(job: GenerateJob, teacher: _Teacher, source: str) -> dict[str, Any]:
    """What decides the answers (the key of a generation's folder); the limit and the filters do not."""
    return {"mode": job.mode, "teacher_sha256": teacher.sha256, "adapter_sha256": teacher.adapter_sha256,
            "adapter_scale": job.adapter_scale if job.adapter else None, "source": source, "split": job.split,
            "system": job.system, "chat_format": job.chat_format, "sampling": to_dict(job.sampling),
            "n_ctx": job.n_ctx}


def _folder(ws: Workspace, name: str, settings: dict[str, Any]) -> Path:
    key = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:12]
    return ws.folder("datasets") / ".generate" / f"{name}-{key}"


def generation_folder(ws: Workspace, job: GenerateJob) -> Path:
    """Where a generation with these settings keeps its answers as they are made (``answers.jsonl``)."""
    return _folder(ws, job.name, _settings(job, _teacher(ws, job), _source_identity(ws, job)))


def read_partial(path: Path) -> dict[int, dict[str, Any]]:
    """The answers in a partial file by prompt number. A last line cut short (a kill while writing) is removed
    from the file, so that the next answer starts on a line of its own."""
    if not path.exists():
        return {}
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        log.info("%s ends in a line cut short; it is answered again", path)
        with path.open("r+b") as handle:
            handle.truncate(end)
    answers: dict[int, dict[str, Any]] = {}
    for n, line in enumerate(data[:end].splitlines(), 1):
        try:
            row = json.loads(line)
            answers[int(row["index"])] = row
        except (ValueError, KeyError, TypeError):
            log.warning("%s:%d cannot be read; that prompt is answered again", path, n)
    return answers


def _append(handle: Any, row: dict[str, Any]) -> None:
    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    handle.flush()


# -- the generation ----------------------------------------------------------------------------------------------


def generate_steps(ws: Workspace, job: GenerateJob) -> Generator[Event, None, dict[str, Any]]:
    """Answer the prompts not answered yet, filter, and import the kept conversations as a version."""
    teacher = _teacher(ws, job)
    prompts = read_prompts(ws, job.source, job.split, job.system)
    prompts = prompts[:job.limit] if job.limit else prompts
    excluded, test_questions = _test_questions(ws, job)
    leaks = leaked([p.question for p in prompts], test_questions, job.exclude_threshold)
    settings = _settings(job, teacher, _source_identity(ws, job))
    folder = _folder(ws, job.name, settings)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_json(folder / "settings.json", settings)
    answers = read_partial(folder / _PARTIAL)
    todo = [p for p, leak in zip(prompts, leaks, strict=True)
            if p.messages and not leak and p.index not in answers]
    resumed = sum(1 for p in prompts if p.index in answers)
    if resumed:
        yield Log(f"{resumed} of {len(prompts)} prompts were answered before; {len(todo)} to go")
    if todo:
        yield from _answer(teacher, job, todo, folder / _PARTIAL, answers)
    verdicts = [_verdict(p, leak, answers.get(p.index), job) for p, leak in zip(prompts, leaks, strict=True)]
    counts = count_verdicts(verdicts)
    for code, n in counts.items():
        yield Metric(f"generate/{code}", float(n))
    provenance = _provenance(job, teacher, excluded, len(prompts), counts, folder)
    version = yield from _import(ws, job, teacher, prompts, verdicts, answers, provenance, folder)
    return {"dataset": version.label, "recognised": version.recognised, "prompts": len(prompts),
            "answered_now": len(todo), "resumed": resumed, "counts": counts, "records": version.records,
            "splits": version.splits, "folder": str(version.folder)}


def _answer(teacher: _Teacher, job: GenerateJob, todo: list[Prompt], partial: Path,
            answers: dict[int, dict[str, Any]]) -> Generator[Event, None, None]:
    """Answer ``todo`` in order, each line appended as it is made (a kill loses at most the answer under way)."""
    with Engine(partial.parent / "engine.log") as engine:
        yield Log(f"loading the teacher {teacher.name}" + (f" with {Path(job.adapter).name} at "
                                                           f"{job.adapter_scale}" if job.adapter else ""))
        info = engine.load(teacher.path, LoadOptions(n_ctx=job.n_ctx))
        if job.adapter:
            engine.set_adapters([(job.adapter, job.adapter_scale)])
        chat = chat_format_named(job.chat_format, teacher.template, info)
        started = time.perf_counter()
        with partial.open("a", encoding="utf-8") as handle:
            for done, prompt in enumerate(todo, 1):
                row = _ask(engine, prompt, dataclasses.replace(job.sampling, seed=job.sampling.seed + prompt.index),
                           chat)
                _append(handle, row)
                answers[prompt.index] = row
                elapsed = time.perf_counter() - started
                yield Progress(done, len(todo), "the teacher answers", unit="prompt",
                               eta=elapsed / done * (len(todo) - done))


def _ask(engine: Engine, prompt: Prompt, sampling: SamplingOptions, chat: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"index": prompt.index, "question": prompt.question}
    try:
        reply = None
        for piece in engine.chat(list(prompt.messages), sampling, chat):
            if not isinstance(piece, str):
                reply = piece
    except ContextOverflow:
        return {**row, "answer": "", "stop_reason": "prompt_too_long"}
    assert reply is not None
    # A prompt the engine had to shorten (its system message dropped) was not asked as written.
    stop = "prompt_too_long" if reply.dropped_messages else reply.stop_reason
    return {**row, "answer": reply.text, "stop_reason": stop, "tokens": reply.metrics.get("generated_tokens", 0),
            "seconds": reply.metrics.get("total_s", 0.0)}


def _verdict(prompt: Prompt, leak: bool, row: dict[str, Any] | None, job: GenerateJob) -> str | None:
    if not prompt.messages:
        return "no_question"
    if leak:
        return "leak"
    assert row is not None
    return answer_verdict(prompt.question, row["answer"], row["stop_reason"], refusals=job.refusals,
                          min_chars=job.min_chars, max_chars=job.max_chars, check_language=job.check_language)


def _provenance(job: GenerateJob, teacher: _Teacher, excluded: str | None, prompts: int, counts: dict[str, int],
                folder: Path) -> dict[str, Any]:
    return {"mode": job.mode, "teacher": {"name": teacher.name, "path": str(teacher.path), "sha256": teacher.sha256},
            "adapter": {"path": str(Path(job.adapter).resolve()), "sha256": teacher.adapter_sha256,
                        "scale": job.adapter_scale} if job.adapter else None,
            "system": job.system, "chat_format": job.chat_format, "sampling": to_dict(job.sampling),
            "seed": job.sampling.seed, "source": {"ref": job.source, "split": job.split},
            "exclude": {"version": excluded, "threshold": job.exclude_threshold},
            "filters": {"refusals": list(job.refusals), "min_chars": job.min_chars, "max_chars": job.max_chars,
                        "check_language": job.check_language},
            "prompts": prompts, "counts": counts, "answers": str(folder / _PARTIAL), "generated_at": utc_now()}


def _import(ws: Workspace, job: GenerateJob, teacher: _Teacher, prompts: list[Prompt], verdicts: list[str | None],
            answers: dict[int, dict[str, Any]], provenance: dict[str, Any],
            folder: Path) -> Generator[Event, None, DatasetVersion]:
    """The kept conversations as a chat JSONL, imported; the filtered prompts among the version's rejects."""
    kept, rejects = [], []
    for prompt, verdict in zip(prompts, verdicts, strict=True):
        if verdict is None:
            turns = [m for m in prompt.messages if job.system_in_data or m["role"] != "system"]
            answer = {"role": "assistant", "content": answers[prompt.index]["answer"].strip()}
            kept.append({"messages": [*turns, answer], "prompt": prompt.index})
        else:
            answer = answers.get(prompt.index, {}).get("answer", "")
            rejects.append(Reject(prompt.source, prompt.line, "", f"generated, left out: {verdict}", verdict,
                                  (answer or prompt.question)[:80]))
    if not kept:
        shown = ", ".join(f"{k} {n}" for k, n in provenance["counts"].items() if n)
        raise DataError(f"no answer of the teacher was kept ({shown})",
                        "look at the answers in " + str(folder / _PARTIAL) + "; raise max_tokens, or loosen the "
                        "filters")
    path = folder / _KEPT
    atomic_write_json(path.with_suffix(".json"), provenance)  # beside the answers too, for a person looking
    atomic_write_text(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in kept))
    options = dataclasses.replace(job.options, format="openai", model=job.options.model or str(teacher.path))
    version = yield from import_steps(ws, path, options, name=job.name, rejects=rejects, provenance=provenance)
    return version


def run_generate(config: GenerateJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The generation as a job (``hearth data generate``): progress with an ETA, then the version's summary."""
    job = config if isinstance(config, GenerateJob) else from_dict(GenerateJob, config)
    return (yield from checked(generate_steps(control.ws, job), control))
