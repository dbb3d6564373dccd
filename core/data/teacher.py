"""A generation's teacher in the engine: loaded on first use, then asked many questions, one at a time or several at
once.

One at a time (``parallel`` 1), the teacher runs in :class:`~core.inference.Engine`, which reuses its prompt cache
in aligned chunks only, so a reply does not depend on what was asked before it: a stopped generation continues as an
unbroken one would, to the byte. Several at once, it runs in :class:`~core.inference.batch.BatchEngine` (the local
server's), which decodes up to ``parallel`` replies in one llama.cpp batch, each with its own seed. That pays where
compute is left idle by one reply (a GPU, many cores; on a busy 2-core machine 16 answers of Gemma 3 270M took 32 to
40 s four at a time and 35 to 37 s one at a time), but llama.cpp's arithmetic depends on what shares a batch (its
size, which part of a prompt was cached), so even a greedy reply may come out differently from the one-at-a-time
one, and from one run to the next. (Measured on CPU, greedy with repeat_penalty 1: of 16 Gemma 3 270M Q4_K_M
replies, 5 with one slot and 6 with four matched the one-at-a-time ones, and a third run with four slots matched the
first in 9; of 24 replies of the tiny test model, 18 matched, with one slot or four.) The two therefore never share
a partial file (see :func:`core.data.generate.generation_folder`).
"""

from __future__ import annotations

import itertools
import queue
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from core.inference import ContextOverflow, Engine, LoadOptions, Reply, SamplingOptions
from core.inference.templates import chat_format_named
from core.jobs.events import Event, Log, Progress

__all__ = ["Request", "Teacher", "TeacherSession"]


@dataclass(frozen=True)
class Teacher:
    """The teacher's GGUF (with the sha256 of it) and the LoRA-GGUF adapter on it, if any."""

    name: str
    path: Path
    template: str | None
    sha256: str
    adapter: str | None = None
    adapter_scale: float = 1.0
    adapter_sha256: str | None = None


@dataclass(frozen=True)
class Request:
    """One question for the teacher: ``key`` names it to the caller."""

    key: Any
    messages: tuple[dict[str, str], ...]
    sampling: SamplingOptions


Fields = dict[str, Any]  # text, stop_reason, and (when the teacher answered) tokens and seconds


class TeacherSession:
    """The teacher, loaded when first asked; close it (or use ``with``) to end the engine's process.

    Args:
        log_folder: where the engine writes its log (``engine.log``).
        chat_format: auto, plain, or a chat_format.json (:func:`~core.inference.templates.chat_format_named`).
        parallel: 1 for the one-at-a-time engine; more for the batching engine with that many slots.
    """

    def __init__(self, teacher: Teacher, log_folder: Path, *, n_ctx: int, chat_format: str = "auto",
                 parallel: int = 1) -> None:
        self.teacher, self.log_folder, self.n_ctx = teacher, Path(log_folder), n_ctx
        self.chat_format, self.parallel = chat_format, parallel
        self._engine: Any = None
        self._chat: Any = None

    def ask(self, requests: Sequence[Request], on_reply: Callable[[Request, Fields], None], message: str,
            unit: str) -> Generator[Event, None, None]:
        """Ask every request; ``on_reply`` gets each one's fields as it is made (in the order they finish), and a
        Progress with an ETA follows each.

        Raises:
            EngineCrashed: the engine died (what was answered before stays answered).
            HearthError: the teacher could not be loaded, or a reply failed for another reason than its length.
        """
        if not requests:
            return
        if self._engine is None:
            yield from self._load()
        started = time.perf_counter()
        replies = self._one_by_one(requests) if self.parallel == 1 else self._batched(requests)
        for done, (request, fields) in enumerate(replies, 1):
            on_reply(request, fields)
            elapsed = time.perf_counter() - started
            yield Progress(done, len(requests), message, unit=unit, eta=elapsed / done * (len(requests) - done))

    def _load(self) -> Generator[Event, None, None]:
        teacher = self.teacher
        yield Log(f"loading the teacher {teacher.name}" + (f" with {Path(teacher.adapter).name} at "
                                                           f"{teacher.adapter_scale}" if teacher.adapter else ""))
        if self.parallel == 1:
            engine = self._engine = Engine(self.log_folder / "engine.log")
            info = engine.load(teacher.path, LoadOptions(n_ctx=self.n_ctx))
            if teacher.adapter:
                engine.set_adapters([(teacher.adapter, teacher.adapter_scale)])
        else:
            from core.inference.batch import BatchEngine

            batch = self._engine = BatchEngine(self.log_folder / "engine.log")
            # n_ctx tokens for each slot, as the one-at-a-time engine has for its one reply
            info = SimpleNamespace(**batch.load(str(teacher.path), LoadOptions(n_ctx=self.n_ctx), self.parallel))
            if teacher.adapter:
                batch.set_adapter(teacher.adapter, teacher.adapter_scale)
        self._chat = chat_format_named(self.chat_format, teacher.template, info)

    def _one_by_one(self, requests: Sequence[Request]) -> Iterator[tuple[Request, Fields]]:
        for request in requests:
            try:
                reply = None
                for piece in self._engine.chat(list(request.messages), request.sampling, self._chat):
                    if not isinstance(piece, str):
                        reply = piece
            except ContextOverflow:
                yield request, _too_long()
                continue
            assert reply is not None
            yield request, _fields(reply)

    def _batched(self, requests: Sequence[Request]) -> Iterator[tuple[Request, Fields]]:
        """Keep the engine's slots busy (twice as many requests sent as it has slots, so that a freed slot takes
        the next at once); each reply is handed on as it finishes."""
        finished: queue.SimpleQueue[tuple[Request, Any]] = queue.SimpleQueue()
        waiting = iter(requests)

        def submit(request: Request) -> None:
            def emit(item: Any) -> None:  # from the engine's reader thread: text pieces, then a Reply or an error
                if not isinstance(item, str):
                    finished.put((request, item))

            self._engine.submit(emit, request.sampling, messages=request.messages, chat_format=self._chat)

        for request in itertools.islice(waiting, 2 * self.parallel):
            submit(request)
        for _ in requests:
            request, item = finished.get()
            if isinstance(item, Exception) and not isinstance(item, ContextOverflow):
                # the engine failed: hand on the replies already finished before saying so (they are kept)
                while True:
                    try:
                        done, other = finished.get_nowait()
                    except queue.Empty:
                        break
                    if not isinstance(other, Exception):
                        yield done, _fields(other)
                raise item
            # handed on (and written) before the next request goes: a crash while submitting loses nothing
            yield request, _too_long() if isinstance(item, ContextOverflow) else _fields(item)
            following = next(waiting, None)
            if following is not None:
                submit(following)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def __enter__(self) -> TeacherSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _too_long() -> Fields:
    return {"text": "", "stop_reason": "prompt_too_long"}


def _fields(reply: Reply) -> Fields:
    # A prompt the engine had to shorten (its system message dropped) was not asked as written.
    stop = "prompt_too_long" if reply.dropped_messages else reply.stop_reason
    return {"text": reply.text, "stop_reason": stop, "tokens": reply.metrics.get("generated_tokens", 0),
            "seconds": reply.metrics.get("total_s", 0.0)}
