"""Synthetic data from a local teacher: a model on this machine answers prompts, and the answers become a version.

Mode ``answer``: the prompts are a file of questions (one a line in a .txt; in JSONL a string, or an object with
``prompt``, ``question``, ``instruction`` (+ ``input``) or ``messages``), or the user turns of a dataset version's
split with its answers dropped. Of a conversation only the first user turn is asked (and the record's system
message, unless the job gives its own), so no human answer reaches the generated data. The teacher (a catalog
model or a GGUF file, optionally with a LoRA-GGUF adapter at a scale) answers each one in the engine, with a seed
of its own (the job's seed plus the prompt's number), so an answer does not depend on which run made it.

Mode ``paraphrase`` augments a small dataset: the teacher first rewrites each prompt ``variants`` times (one call
per variant, with a seed of its own and an instruction in the prompt's language, :mod:`core.data.paraphrase`),
each rewrite is cleaned and checked (:data:`PARAPHRASE_FILTERS`: empty, cut short, a refusal, the same as the
original or as another variant, in another language, an answer instead of a question, about something else) and
checked against the excluded test split like the prompts themselves; then the teacher answers each kept rewrite,
and the original too unless ``keep_original`` is off. A record keeps the number of its prompt and its variant (0
for the original), and the variants of one prompt are dealt to one split.

``parallel`` above 1 answers that many at once in the batching engine (:mod:`core.data.teacher`): faster, but
llama.cpp's batched arithmetic makes a reply depend on what shared its batch, so such a run is not reproduced to
the byte and keeps its own partial files.

Each answer is appended to ``datasets/.generate/<name>-<key>/answers.jsonl`` as it is made, one line per question
with its prompt's number (and variant), each rewrite likewise to ``paraphrases.jsonl``; the key is a digest of
everything that decides them (teacher and adapter by sha256, source, system prompt, sampling, mode, variants,
instruction, engine), so a run with the same name and settings continues after the last complete line, and the
version is made only at the end. Then every question gets one verdict (:data:`FILTERS`, or kept), the kept
conversations are written as a chat JSONL and imported through :func:`core.data.versions.import_steps` (the same
validation, cleaning, near deduplication, split and stats as any import), the filtered questions are listed among
the version's rejects, and the manifest keeps how the data was made under ``generated``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from core.config import check, from_dict, option, to_dict
from core.data.clean import NearDuplicateIndex
from core.data.formats import load_all
from core.data.paraphrase import (
    PARAPHRASE_INSTRUCTIONS,
    clean_paraphrase,
    is_question,
    normalised,
    paraphrase_request,
    shares_content,
)
from core.data.records import Reject
from core.data.split import SPLIT_GROUP
from core.data.teacher import Fields, Request, Teacher, TeacherSession
from core.data.versions import DatasetVersion, ImportOptions, get_dataset, import_steps, read_split
from core.errors import ConfigError, DataError, HearthError
from core.inference import SamplingOptions
from core.jobs.events import Event, Log, Metric
from core.jobs.runner import Control
from core.jobs.steps import checked
from core.models.catalog import find_model, resolve_gguf, sha256_file
from core.workspace import Workspace, atomic_write_json, atomic_write_text, utc_now

__all__ = ["DEFAULT_REFUSALS", "FILTERS", "MODES", "PARAPHRASE_FILTERS", "GenerateJob", "Prompt", "answer_verdict",
           "cjk_share", "count_verdicts", "filters_of", "generate_steps", "generation_folder", "is_refusal",
           "language_mismatch", "leaked", "paraphrase_verdict", "read_partial", "read_prompts", "run_generate"]

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
# Why a rewrite of a prompt is not answered, in the order they are decided (after a prompt too long to rewrite).
PARAPHRASE_FILTERS = ("paraphrase_empty", "paraphrase_truncated", "paraphrase_refusal", "paraphrase_same",
                      "paraphrase_language", "paraphrase_not_question", "paraphrase_unrelated")
MODES = ("answer", "paraphrase")
# The ranges core.data.clean reads as Chinese, Japanese and Korean.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")
_PARTIAL = "answers.jsonl"
_REWRITES = "paraphrases.jsonl"
_KEPT = "generated.jsonl"
# A variant's seed is the prompt's plus this for each variant: far apart, so no two questions of a source share one.
_VARIANT_SEEDS = 1_000_003
_REWRITE_TOKENS = 32  # a rewrite may take this many tokens and two for each character of its prompt


@dataclass(frozen=True)
class GenerateJob:
    """A teacher writes a new dataset version (``hearth data generate``)."""

    KIND: ClassVar[str] = "generate"
    TARGET: ClassVar[str] = "core.data.generate:run_generate"

    name: str = option("", help="the new dataset's name (a version of it if it exists)")
    teacher: str = option("", help="the teacher: a catalog model or a GGUF file")
    source: str = option("", help="the prompts: a file of questions (.txt, .jsonl) or a dataset version NAME[:vN] "
                         "(its user turns; answers dropped)")
    mode: str = option("answer", help="answer: the teacher answers the prompts; paraphrase: it also rewrites each "
                       "prompt (variants) and answers the rewrites", choices=MODES)
    variants: int = option(3, help="paraphrase: how many rewrites of each prompt the teacher makes", min=1, max=20)
    keep_original: bool = option(True, help="paraphrase: the original prompt is answered and kept too")
    paraphrase_instruction: str = option("", help="paraphrase: the request for one rewrite, {question} standing for "
                                         "the prompt (else it follows after a blank line); empty: a built-in one "
                                         "in the prompt's language (Chinese or English)")
    paraphrase_temperature: float = option(0.7, help="paraphrase: how freely the teacher rewrites (each variant "
                                           "has a seed of its own; at 0 every variant comes out the same)",
                                           min=0.0, max=5.0)
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
    check_language: bool = option(True, help="leave out answers (and rewrites) in another script than their question "
                                  "(a Chinese question answered without Chinese, an English one answered in Chinese)")
    exclude: str = option("", help="a dataset version whose test split must not leak: prompts like its test "
                          "questions are left out; empty: the source version itself; none: no check")
    exclude_threshold: float = option(0.85, help="estimated Jaccard similarity from which a prompt is like a test "
                                      "question", min=0.05, max=0.95)
    n_ctx: int = option(4096, help="the engine's context size", min=64)
    parallel: int = option(1, help="questions the teacher answers (or rewrites) at once, in the batching engine "
                           "(n_ctx tokens each); above 1 a reply depends on what shared its batch, so a run is not "
                           "reproduced exactly", min=1, max=64)
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
        if self.mode == "paraphrase" and self.variants > 1 and self.paraphrase_temperature == 0:
            raise ConfigError(f"GenerateJob.paraphrase_temperature is 0: the {self.variants} variants of a prompt "
                              "would all be the same", "give a paraphrase temperature above 0, or one variant")


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


@dataclass(frozen=True)
class _Question:
    """A prompt as written (variant 0) or one of the teacher's rewrites of it (1 to variants)."""

    prompt: Prompt
    variant: int
    text: str

    @property
    def key(self) -> tuple[int, int]:
        return self.prompt.index, self.variant

    def messages(self) -> tuple[dict[str, str], ...]:
        """The prompt's turns (its system message, if any) with this question as the user turn."""
        return (*self.prompt.messages[:-1], {"role": "user", "content": self.text})


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


def paraphrase_verdict(question: str, paraphrase: str, stop_reason: str, earlier: Sequence[str] = (), *,
                       refusals: Sequence[str] = DEFAULT_REFUSALS, check_language: bool = True) -> str | None:
    """Why a rewrite (cleaned: :func:`core.data.paraphrase.clean_paraphrase`) of ``question`` is not answered, or
    None to answer it. ``earlier``: the rewrites of the same question made before it (a copy of one is the same).
    The first reason that applies, from ``prompt_too_long`` (the request did not fit) and
    :data:`PARAPHRASE_FILTERS`."""
    if stop_reason == "prompt_too_long":
        return "prompt_too_long"
    if not normalised(paraphrase):
        return "paraphrase_empty"
    if stop_reason in ("length", "context_full"):
        return "paraphrase_truncated"
    if is_refusal(paraphrase, refusals):
        return "paraphrase_refusal"
    if normalised(paraphrase) in {normalised(q) for q in (question, *earlier)}:
        return "paraphrase_same"
    if check_language and language_mismatch(question, paraphrase):
        return "paraphrase_language"
    if is_question(question) and not is_question(paraphrase):
        return "paraphrase_not_question"  # most often: the teacher answered it
    if not shares_content(question, paraphrase):
        return "paraphrase_unrelated"
    return None


def filters_of(mode: str) -> tuple[str, ...]:
    """The reasons a question of ``mode`` can be left out, in the order they are decided."""
    return FILTERS if mode == "answer" else (*FILTERS[:3], *PARAPHRASE_FILTERS, *FILTERS[3:])


def count_verdicts(verdicts: Sequence[str | None], filters: Sequence[str] = FILTERS) -> dict[str, int]:
    """``kept`` and every filter (zeros included), from each question's verdict; they add up to the questions."""
    counts = Counter(v or "kept" for v in verdicts)
    return {"kept": counts["kept"], **{f: counts[f] for f in filters}}


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


def _teacher(ws: Workspace, job: GenerateJob) -> Teacher:
    """The teacher's GGUF, with the sha256 of it (the catalog's, when it has one) and of the adapter."""
    name, path, template = resolve_gguf(ws, job.teacher)
    known = find_model(ws, job.teacher)  # the catalog keeps its file's sha256: no need to read 250 MB again
    digest = known.sha256 if known is not None and Path(known.path) == Path(path) else None
    adapter = None
    if job.adapter:
        if not Path(job.adapter).is_file():
            raise HearthError(f"no adapter file at {job.adapter}", "give the LoRA-GGUF file an export wrote")
        adapter = sha256_file(job.adapter)
    return Teacher(name, path, template, digest or sha256_file(path), job.adapter or None, job.adapter_scale, adapter)


# -- the partial answers -----------------------------------------------------------------------------------------


def _source_identity(ws: Workspace, job: GenerateJob) -> str:
    path = Path(job.source)
    return f"file:{sha256_file(path)}" if path.is_file() else f"dataset:{get_dataset(ws, job.source).id}"


def _settings(job: GenerateJob, teacher: Teacher, source: str) -> dict[str, Any]:
    """What decides the answers (the key of a generation's folder); the limit, the filters and keep_original do
    not. (What a mode or an engine adds is added only then, so that the keys of earlier generations hold.)"""
    settings = {"mode": job.mode, "teacher_sha256": teacher.sha256, "adapter_sha256": teacher.adapter_sha256,
                "adapter_scale": job.adapter_scale if job.adapter else None, "source": source, "split": job.split,
                "system": job.system, "chat_format": job.chat_format, "sampling": to_dict(job.sampling),
                "n_ctx": job.n_ctx}
    if job.mode == "paraphrase":
        settings.update(variants=job.variants, instruction=_instruction(job),
                        paraphrase_temperature=job.paraphrase_temperature)
    if job.parallel > 1:
        settings["engine"] = "batch"  # its replies are not the one-at-a-time engine's (core.data.teacher)
    return settings


def _instruction(job: GenerateJob) -> str | dict[str, str]:
    return job.paraphrase_instruction.strip() or dict(PARAPHRASE_INSTRUCTIONS)


def _folder(ws: Workspace, name: str, settings: dict[str, Any]) -> Path:
    key = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:12]
    return ws.folder("datasets") / ".generate" / f"{name}-{key}"


def generation_folder(ws: Workspace, job: GenerateJob) -> Path:
    """Where a generation with these settings keeps its answers (``answers.jsonl``) and rewrites
    (``paraphrases.jsonl``) as they are made."""
    return _folder(ws, job.name, _settings(job, _teacher(ws, job), _source_identity(ws, job)))


def read_partial(path: Path, by_variant: bool = False) -> dict[Any, dict[str, Any]]:
    """The rows of a partial file by prompt number, or by (prompt number, variant) (0 for a row without one). A
    last line cut short (a kill while writing) is removed from the file, so that the next row starts on a line of
    its own."""
    if not path.exists():
        return {}
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        log.info("%s ends in a line cut short; it is made again", path)
        with path.open("r+b") as handle:
            handle.truncate(end)
    rows: dict[Any, dict[str, Any]] = {}
    for n, line in enumerate(data[:end].splitlines(), 1):
        try:
            row = json.loads(line)
            rows[(int(row["index"]), int(row.get("variant", 0))) if by_variant else int(row["index"])] = row
        except (ValueError, KeyError, TypeError):
            log.warning("%s:%d cannot be read; it is made again", path, n)
    return rows


def _append(handle: Any, row: dict[str, Any]) -> None:
    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    handle.flush()


# -- the generation ----------------------------------------------------------------------------------------------


def generate_steps(ws: Workspace, job: GenerateJob) -> Generator[Event, None, dict[str, Any]]:
    """Rewrite (mode paraphrase) and answer what was not done yet, filter, and import the kept conversations as a
    version."""
    teacher = _teacher(ws, job)
    prompts = read_prompts(ws, job.source, job.split, job.system)
    prompts = prompts[:job.limit] if job.limit else prompts
    excluded, test_questions = _test_questions(ws, job)
    leaks = leaked([p.question for p in prompts], test_questions, job.exclude_threshold)
    settings = _settings(job, teacher, _source_identity(ws, job))
    folder = _folder(ws, job.name, settings)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_json(folder / "settings.json", settings)
    answers = read_partial(folder / _PARTIAL, by_variant=True)
    rewrites: dict[str, int] = {}
    with TeacherSession(teacher, folder, n_ctx=job.n_ctx, chat_format=job.chat_format,
                        parallel=job.parallel) as session:
        if job.mode == "paraphrase":
            questions, verdicts, rewrites = yield from _rewrite(session, job, prompts, leaks, test_questions, folder)
        else:
            questions = [_Question(p, 0, p.question) for p in prompts]
            verdicts = [_before_answer(p, leak) for p, leak in zip(prompts, leaks, strict=True)]
        asked = [q for q, verdict in zip(questions, verdicts, strict=True) if verdict is None]
        answered_now, resumed = yield from _answer(session, job, asked, answers, folder / _PARTIAL)
    verdicts = [v or _answer_verdict(q, answers[q.key], job) for q, v in zip(questions, verdicts, strict=True)]
    counts = count_verdicts(verdicts, filters_of(job.mode))
    for code, n in counts.items():
        yield Metric(f"generate/{code}", float(n))
    provenance = _provenance(job, teacher, excluded, len(prompts), counts, folder)
    version = yield from _import(ws, job, teacher, questions, verdicts, answers, provenance, folder)
    return {"dataset": version.label, "recognised": version.recognised, "prompts": len(prompts), **rewrites,
            "answered_now": answered_now, "resumed": resumed, "counts": counts, "records": version.records,
            "splits": version.splits, "folder": str(version.folder)}


def _seed(job: GenerateJob, index: int, variant: int) -> int:
    """A question's own seed (the prompt as written: the job's plus its number, as in mode answer)."""
    return job.sampling.seed + index + variant * _VARIANT_SEEDS


def _before_answer(prompt: Prompt, leak: bool) -> str | None:
    return "no_question" if not prompt.messages else "leak" if leak else None


def _answer(session: TeacherSession, job: GenerateJob, asked: list[_Question], answers: dict[Any, dict[str, Any]],
            partial: Path) -> Generator[Event, None, tuple[int, int]]:
    """Answer the questions not answered yet, each line appended as it is made (a kill loses at most the answers
    under way). Returns how many were answered now, and before."""
    todo = [q for q in asked if q.key not in answers or answers[q.key].get("question", q.text) != q.text]
    resumed = len(asked) - len(todo)
    if resumed:
        yield Log(f"{resumed} of {len(asked)} {'prompts' if job.mode == 'answer' else 'questions'} were answered "
                  f"before; {len(todo)} to go")
    if not todo:
        return 0, resumed
    variant = job.mode != "answer"  # (mode answer writes its lines as it always did)

    def keep(request: Request, fields: Fields) -> None:
        question = request.key
        row = {"index": question.prompt.index, **({"variant": question.variant} if variant else {}),
               "question": question.text, "answer": fields.pop("text"), **fields}
        _append(handle, row)
        answers[question.key] = row

    requests = [Request(q, q.messages(), dataclasses.replace(job.sampling, seed=_seed(job, *q.key))) for q in todo]
    with partial.open("a", encoding="utf-8") as handle:
        yield from session.ask(requests, keep, "the teacher answers", "prompt")
    return len(todo), resumed


def _rewrite(session: TeacherSession, job: GenerateJob, prompts: list[Prompt], leaks: list[bool],
             test_questions: list[str],
             folder: Path) -> Generator[Event, None, tuple[list[_Question], list[str | None], dict[str, int]]]:
    """Each prompt's rewrites (made now, or read from an earlier run), and every question's verdict before it is
    answered: the prompt's own, then the rewrite's (:func:`paraphrase_verdict`), then a leak of the rewrite."""
    path = folder / _REWRITES
    rows = read_partial(path, by_variant=True)
    asked = [p for p, leak in zip(prompts, leaks, strict=True) if p.messages and not leak]
    todo = [Request((p, variant), ({"role": "user", "content": paraphrase_request(p.question,
                                                                                  job.paraphrase_instruction)},),
                    _rewrite_sampling(job, p, variant))
            for p in asked for variant in range(1, job.variants + 1) if (p.index, variant) not in rows]
    before = len(asked) * job.variants - len(todo)
    if before:
        yield Log(f"{before} of {len(asked) * job.variants} rewrites were made before; {len(todo)} to go")
    if todo:
        def keep(request: Request, fields: Fields) -> None:
            prompt, variant = request.key
            row = {"index": prompt.index, "variant": variant, "reply": fields.pop("text"), **fields}
            _append(handle, row)
            rows[prompt.index, variant] = row

        with path.open("a", encoding="utf-8") as handle:
            yield from session.ask(todo, keep, "the teacher rewrites the prompts", "rewrite")
    questions, verdicts = [], []
    for prompt, leak in zip(prompts, leaks, strict=True):
        first = _before_answer(prompt, leak)
        if job.keep_original:
            questions.append(_Question(prompt, 0, prompt.question))
            verdicts.append(first)
        made: list[str] = []
        for variant in range(1, job.variants + 1):
            row = rows.get((prompt.index, variant))
            text = clean_paraphrase(row["reply"], multiline="\n" in prompt.question) if row else ""
            verdict = first
            if verdict is None:
                assert row is not None
                verdict = paraphrase_verdict(prompt.question, text, row["stop_reason"], made, refusals=job.refusals,
                                             check_language=job.check_language)
            questions.append(_Question(prompt, variant, text))
            verdicts.append(verdict)
            made.append(text)
    # A rewrite like a test question leaks as a prompt like one would.
    open_rewrites = [i for i, v in enumerate(verdicts) if v is None and questions[i].variant]
    for i, leak in zip(open_rewrites, leaked([questions[i].text for i in open_rewrites], test_questions,
                                             job.exclude_threshold), strict=True):
        verdicts[i] = "leak" if leak else None
    return questions, verdicts, {"questions": len(questions), "rewritten_now": len(todo), "rewritten_before": before}


def _rewrite_sampling(job: GenerateJob, prompt: Prompt, variant: int) -> SamplingOptions:
    """The answers' sampling with the rewrites' temperature, the variant's seed, room for a rewrite a good deal
    longer than the prompt, and (for a prompt of one line) an end at the first line break."""
    stop = job.sampling.stop if "\n" in prompt.question else (*job.sampling.stop, "\n")
    return dataclasses.replace(job.sampling, temperature=job.paraphrase_temperature,
                               seed=_seed(job, prompt.index, variant),
                               max_tokens=_REWRITE_TOKENS + 2 * len(prompt.question), stop=stop)


def _answer_verdict(question: _Question, row: dict[str, Any], job: GenerateJob) -> str | None:
    return answer_verdict(question.text, row["answer"], row["stop_reason"], refusals=job.refusals,
                          min_chars=job.min_chars, max_chars=job.max_chars, check_language=job.check_language)


def _provenance(job: GenerateJob, teacher: Teacher, excluded: str | None, prompts: int, counts: dict[str, int],
                folder: Path) -> dict[str, Any]:
    provenance = {
        "mode": job.mode, "teacher": {"name": teacher.name, "path": str(teacher.path), "sha256": teacher.sha256},
        "adapter": {"path": str(Path(job.adapter).resolve()), "sha256": teacher.adapter_sha256,
                    "scale": job.adapter_scale} if job.adapter else None,
        "system": job.system, "chat_format": job.chat_format, "sampling": to_dict(job.sampling),
        "seed": job.sampling.seed, "source": {"ref": job.source, "split": job.split},
        "exclude": {"version": excluded, "threshold": job.exclude_threshold},
        "filters": {"refusals": list(job.refusals), "min_chars": job.min_chars, "max_chars": job.max_chars,
                    "check_language": job.check_language},
        "prompts": prompts, "counts": counts, "answers": str(folder / _PARTIAL), "parallel": job.parallel,
        "generated_at": utc_now()}
    if job.mode == "paraphrase":
        provenance["paraphrase"] = {
            "variants": job.variants, "keep_original": job.keep_original, "instruction": _instruction(job),
            "temperature": job.paraphrase_temperature, "seed": f"seed + prompt number + {_VARIANT_SEEDS} x variant",
            "max_tokens": f"{_REWRITE_TOKENS} + 2 per character of the prompt", "rewrites": str(folder / _REWRITES)}
    return provenance


def _import(ws: Workspace, job: GenerateJob, teacher: Teacher, questions: list[_Question],
            verdicts: list[str | None], answers: dict[Any, dict[str, Any]], provenance: dict[str, Any],
            folder: Path) -> Generator[Event, None, DatasetVersion]:
    """The kept conversations as a chat JSONL, imported; the filtered questions among the version's rejects."""
    kept, rejects = [], []
    for question, verdict in zip(questions, verdicts, strict=True):
        prompt, answer = question.prompt, answers.get(question.key, {}).get("answer", "")
        if verdict is None:
            turns = [m for m in question.messages() if job.system_in_data or m["role"] != "system"]
            origin = {"prompt": prompt.index}
            if job.mode == "paraphrase":  # the variants of a prompt are dealt to one split
                # named for this generation, so that another generated file imported with it groups apart
                origin.update({"variant": question.variant, SPLIT_GROUP: f"{folder.name}:{prompt.index}"})
            kept.append({"messages": [*turns, {"role": "assistant", "content": answer.strip()}], **origin})
        else:
            made = "generated" if job.mode == "answer" else f"generated (variant {question.variant})"
            rejects.append(Reject(prompt.source, prompt.line, "", f"{made}, left out: {verdict}", verdict,
                                  (answer or question.text or prompt.question)[:80]))
    if not kept:
        shown = ", ".join(f"{k} {n}" for k, n in provenance["counts"].items() if n)
        raise DataError(f"no answer of the teacher was kept ({shown})",
                        "look at the answers in " + str(folder / _PARTIAL) + "; raise max_tokens, or loosen the "
                        "filters")
    path = folder / _KEPT
    atomic_write_json(path.with_suffix(".json"), provenance)  # beside the answers too, for a person looking
    atomic_write_text(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in kept))
    options = dataclasses.replace(job.options, format="openai", model=job.options.model or str(teacher.path))
    if job.mode == "paraphrase" and options.clean.dedup_near:
        # A rewrite answered like its original is a near duplicate of it as a whole record: the import would
        # undo the augmentation. Exact copies still go; the split keeps a question's variants together.
        options = dataclasses.replace(options, clean=dataclasses.replace(options.clean, dedup_near=False))
        yield Log("near-duplicate removal is off for the rewrites: a rewrite answered like its original would "
                  "be removed as its near copy (exact copies are still removed)")
    version = yield from import_steps(ws, path, options, name=job.name, rejects=rejects, provenance=provenance)
    return version


def run_generate(config: GenerateJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The generation as a job (``hearth data generate``): progress with an ETA, then the version's summary."""
    job = config if isinstance(config, GenerateJob) else from_dict(GenerateJob, config)
    return (yield from checked(generate_steps(control.ws, job), control))
