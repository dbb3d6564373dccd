"""The chat engine as the application sees it: one object, one llama.cpp child process.

:class:`Engine` starts :mod:`core.inference.worker` in a spawned child and talks
to it over a pipe. Replies stream back token by token; :meth:`Engine.stop` ends
one within a token. When the child dies (a native crash, the OOM killer, a
kill), the call in progress raises :class:`EngineCrashed` with the reason and
what had streamed so far, and the next call starts a new child and reloads the
model and its adapters.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing as mp
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from core.childproc import output_tail, signal_name
from core.errors import EngineCrashed, HearthError
from core.inference import worker
from core.inference.options import LoadOptions, SamplingOptions
from core.inference.prompt import ContextOverflow
from core.inference.templates import ChatFormat, PlainFormat, TemplateError
from core.workspace import Workspace

__all__ = ["Engine", "LoadCancelled", "ModelInfo", "Reply"]

log = logging.getLogger(__name__)


class LoadCancelled(HearthError):
    """A model load was cancelled before it finished."""


@dataclass(frozen=True)
class ModelInfo:
    """What the engine knows about the loaded model."""

    path: str
    n_ctx: int
    n_vocab: int
    n_params: int
    architecture: str
    chat_template: str | None
    bos_token: str
    eos_token: str
    add_bos: bool
    gpu_offload: bool
    prompt_chunk: int  # prompts are evaluated in batches aligned to multiples of this (core.inference.cache)
    load_s: float


@dataclass(frozen=True)
class Reply:
    """A finished reply with its measurements.

    ``metrics``: prompt_tokens, cached_tokens (reused from the KV cache),
    generated_tokens, ttft_s (request to first token, as the caller saw it),
    tokens_per_s (decode speed after the first token), total_s.
    ``stop_reason``: eos, stop_string, length, context_full or stopped.
    """

    text: str
    stop_reason: str
    metrics: dict[str, float] = field(default_factory=dict)
    dropped_messages: int = 0


def make_reply(message: dict[str, Any], start: float, first: float | None) -> Reply:
    """The :class:`Reply` of a worker's "done" message, timed as the caller saw it (``start``: the request was
    sent, ``first``: its first piece arrived)."""
    end = time.perf_counter()
    metrics = dict(message["metrics"])
    generated = metrics["generated_tokens"]
    metrics["ttft_s"] = round((first or end) - start, 4)
    metrics["total_s"] = round(end - start, 4)
    decode_s = metrics.get("decode_s", 0.0)
    metrics["tokens_per_s"] = round((generated - 1) / decode_s, 2) if generated > 1 and decode_s > 0 else 0.0
    return Reply(message["text"], message["stop_reason"], metrics, message.get("dropped", 0))


def _format_dict(chat_format: ChatFormat) -> dict[str, Any]:
    return {"kind": "plain" if isinstance(chat_format, PlainFormat) else "template", **asdict(chat_format)}


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "the engine process stopped answering"
    if code < 0:
        name = signal_name(code)
        hints = {"SIGKILL": " (killed; often the out-of-memory killer)", "SIGILL": " (an unsupported CPU instruction)",
                 "SIGABRT": " (llama.cpp aborted)", "SIGSEGV": " (a crash in native code)"}
        return f"the engine process died of {name}{hints.get(name, '')}"
    return f"the engine process exited with code {code}"


class Engine:
    """llama.cpp in its own process.

    Args:
        log_path: where the child's output goes (llama.cpp's log, crash traces).
    """

    def __init__(self, log_path: Path | str | None = None) -> None:
        if log_path is None:
            log_path = Workspace().folder("logs") / "engine.log"
        self.log_path = Path(log_path)
        self._process: Any = None
        self._conn: Any = None
        self._send_lock = threading.Lock()
        self._busy = threading.Lock()
        self._model: tuple[str, LoadOptions] | None = None
        self._adapters: list[tuple[str, float]] = []
        self._request = 0
        self.info: ModelInfo | None = None

    # -- the child process ------------------------------------------------
    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe(duplex=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab"):  # a log the child could not open would crash it before it says a word
            pass
        self._process = ctx.Process(target=worker.main, args=(child, str(self.log_path)), name="hearth-engine",
                                    daemon=True)
        # No garbage collection while the child is spawned (vfork): the desktop loads engines from a worker thread,
        # and twice the test suite crashed with the main thread collecting garbage (a weakref callback) while this
        # thread was in multiprocessing's spawnv_passfds; the collection waits until the child has started.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._process.start()
        finally:
            if collecting:
                gc.enable()
        child.close()  # so that the child's death reads as end-of-file here
        self._conn = parent

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _crashed(self, partial: str = "") -> EngineCrashed:
        if self._process is not None:
            self._process.join(timeout=5)
            code = self._process.exitcode
        else:
            code = None
        self._process, self._conn = None, None
        self.info = None
        tail = output_tail(self.log_path, 3000)
        exc = EngineCrashed(_exit_reason(code),
                            "send the message again to restart the engine; if it keeps crashing, run hearth "
                            f"doctor and see {self.log_path}")
        exc.exit_code, exc.partial_text, exc.log_tail = code, partial, tail
        return exc

    def _send(self, **message: Any) -> None:
        with self._send_lock:
            if self._conn is None:
                raise self._crashed()
            try:
                self._conn.send(message)
            except (BrokenPipeError, EOFError, OSError):
                raise self._crashed() from None

    def _request_op(self, **message: Any) -> None:
        """Send a request under a new id; only replies carrying it are read from now on."""
        self._request += 1
        self._send(**message, id=self._request)

    def _receive(self, partial: str = "") -> dict[str, Any]:
        while True:
            try:
                if self._conn.poll(0.25):
                    message = self._conn.recv()
                    if message.get("id") == self._request:
                        return message
                    continue  # the rest of a reply nobody waits for any more
            except (EOFError, OSError, AttributeError):
                raise self._crashed(partial) from None
            if not self.alive:
                raise self._crashed(partial)

    def _raise_error(self, message: dict[str, Any]) -> None:
        kinds = {"ContextOverflow": ContextOverflow, "TemplateError": TemplateError}
        text = message["message"]
        if message["error"] == "TemplateError" and self.info is not None:  # whose template it is
            text = f"{Path(self.info.path).name}: {text}"
        raise kinds.get(message["error"], HearthError)(text, message.get("hint", ""))

    # -- loading ----------------------------------------------------------
    def load(self, path: Path | str, options: LoadOptions | None = None, *,
             on_progress: Callable[[float], None] | None = None, cancel: threading.Event | None = None) -> ModelInfo:
        """Load the GGUF at ``path`` (replacing any loaded model and its adapters).

        Args:
            on_progress: called with 0..1 as llama.cpp reads the file.
            cancel: set it (from another thread) to abandon the load.

        Raises:
            LoadCancelled: ``cancel`` was set before the load finished.
            HearthError: llama.cpp refused the file (with its reason).
            EngineCrashed: the engine process died while loading.
        """
        options = options or LoadOptions()
        with self._busy:
            if not self.alive:
                self._start()
            self._adapters = []
            return self._load(str(path), options, on_progress, cancel)

    def _load(self, path: str, options: LoadOptions, on_progress, cancel) -> ModelInfo:
        start = time.perf_counter()
        # Until the load succeeds there is no model: a crash now must not bring back the previous one.
        self._model, self.info = None, None
        self._request_op(op="load", path=path, options=asdict(options))
        asked_cancel = False
        try:
            while True:
                if cancel is not None and cancel.is_set() and not asked_cancel:
                    self._send(op="cancel")
                    asked_cancel = True
                message = self._receive()
                if message["ev"] == "progress" and on_progress is not None:
                    on_progress(message["value"])
                elif message["ev"] == "cancelled" or (message["ev"] == "loaded" and asked_cancel):
                    # A small model can finish loading before the worker reads the cancel: cancelled all the same,
                    # so no model is in use (the next load replaces what the worker holds).
                    raise LoadCancelled(f"loading {path} was cancelled", "load it again when you want it")
                elif message["ev"] == "error":
                    self._raise_error(message)
                elif message["ev"] == "loaded":
                    self._model = (path, options)
                    self.info = ModelInfo(path=path, load_s=round(time.perf_counter() - start, 3), **message["info"])
                    return self.info
        except (Exception, KeyboardInterrupt):
            if self.alive and not asked_cancel:  # the caller gave up (an error in on_progress, Ctrl+C)
                with contextlib.suppress(EngineCrashed):
                    self._send(op="cancel")
            raise

    def ready(self) -> ModelInfo:
        """Make sure the model is loaded, restarting the engine after a crash; return its info."""
        with self._busy:
            self._ensure_ready()
            assert self.info is not None
            return self.info

    def _ensure_ready(self) -> None:
        """Restart the child after a crash and bring back the model and adapters."""
        if self.alive and self.info is not None:
            return
        if self._model is None:
            raise HearthError("no model is loaded", "load one first (hearth chat -m MODEL)")
        log.warning("restarting the engine and reloading %s", self._model[0])
        if not self.alive:
            self._start()
        self._load(*self._model, None, None)
        if self._adapters:
            self._apply_adapters(self._adapters)

    # -- adapters ---------------------------------------------------------
    def set_adapters(self, adapters: Sequence[tuple[Path | str, float]]) -> None:
        """Apply these LoRA-GGUF adapters with these scales (scale 0 switches one off).

        The base stays loaded; only the adapters change.

        Raises:
            HearthError: an adapter does not match the base (architecture or shapes).
        """
        wanted = [(str(p), float(s)) for p, s in adapters]
        with self._busy:
            self._ensure_ready()
            self._apply_adapters(wanted)
            self._adapters = wanted

    def _apply_adapters(self, adapters: list[tuple[str, float]]) -> None:
        self._request_op(op="adapters", adapters=[list(a) for a in adapters])
        message = self._receive()
        if message["ev"] == "error":
            self._raise_error(message)

    @property
    def adapters(self) -> list[tuple[str, float]]:
        return list(self._adapters)

    # -- generation -------------------------------------------------------
    def chat(self, messages: Sequence[dict[str, str]], sampling: SamplingOptions | None = None,
             chat_format: ChatFormat | None = None) -> Iterator[str | Reply]:
        """Stream a reply to ``messages``: text pieces, then the :class:`Reply`.

        The prompt is rendered in the engine with ``chat_format`` (the model's
        template, or a plain format); tokens already in the KV cache from the
        previous turn are not evaluated again.

        Raises:
            EngineCrashed: the engine died; ``partial_text`` holds what streamed.
            ContextOverflow: the newest message alone does not fit.
        """
        request = {"op": "chat", "messages": [dict(m) for m in messages],
                   "format": _format_dict(chat_format or PlainFormat())}
        return self._stream(request, sampling or SamplingOptions())

    def complete(self, prompt: str, sampling: SamplingOptions | None = None) -> Iterator[str | Reply]:
        """Stream a continuation of raw ``prompt`` text (no chat format)."""
        return self._stream({"op": "complete", "prompt": prompt}, sampling or SamplingOptions())

    def _stream(self, request: dict[str, Any], sampling: SamplingOptions) -> Iterator[str | Reply]:
        with self._busy:
            self._ensure_ready()
            start = time.perf_counter()
            self._request_op(**request, sampling=asdict(sampling))
            first = None
            streamed: list[str] = []
            finished = False
            try:
                while True:
                    message = self._receive("".join(streamed))
                    if message["ev"] == "token":
                        if first is None:
                            first = time.perf_counter()
                        streamed.append(message["text"])
                        yield message["text"]
                    elif message["ev"] == "error":
                        finished = True
                        self._raise_error(message)
                    elif message["ev"] == "done":
                        finished = True
                        yield make_reply(message, start, first)
                        return
            finally:
                if not finished and self.alive:
                    self._abandon()

    def _abandon(self) -> None:
        """The caller stopped reading mid-reply: stop the reply; what is still on its way is skipped by its id."""
        with contextlib.suppress(EngineCrashed):
            self._send(op="stop")


    def stop(self) -> None:
        """End the reply being streamed, within one token. Safe from any thread."""
        if self.alive:
            with contextlib.suppress(EngineCrashed):
                self._send(op="stop")

    def clear_cache(self) -> None:
        """Forget the cached prompt: the next reply evaluates its whole prompt."""
        with self._busy:
            self._ensure_ready()
            self._request_op(op="clear_cache")
            self._receive()

    def tokenize(self, text: str) -> list[int]:
        """The model's token ids for ``text`` (special tokens parsed, BOS as the model wants)."""
        with self._busy:
            self._ensure_ready()
            self._request_op(op="tokenize", text=text)
            message = self._receive()
            if message["ev"] == "error":
                self._raise_error(message)
            return message["ids"]

    # -- ending -----------------------------------------------------------
    def close(self) -> None:
        """Free the model and end the child process (a reply or load in progress is stopped)."""
        self._model, self._adapters = None, []
        if self._process is None:
            return
        try:
            with self._send_lock:
                self._conn.send({"op": "close"})
        except (BrokenPipeError, OSError, AttributeError):
            pass
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._process, self._conn, self.info = None, None, None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
