"""The batching engine, as its parent sees it: many replies at once from one model in a child process.

:class:`BatchEngine` starts :mod:`core.inference.batch_worker` in its own process (a native crash ends only that
process, as for :class:`~core.inference.Engine`), loads a model with ``slots`` sequences, and streams each
submitted reply to its own callback from one reader thread. Replies are decoded together, one llama.cpp batch per
step, joining and leaving between steps.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing as mp
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from core.errors import ConfigError, EngineCrashed, HearthError
from core.inference import batch_worker
from core.inference.engine import _format_dict, make_reply
from core.inference.options import LoadOptions, SamplingOptions
from core.inference.prompt import ContextOverflow
from core.inference.templates import ChatFormat, PlainFormat, TemplateError

__all__ = ["BatchEngine", "Embeddings"]

log = logging.getLogger(__name__)

Emit = Callable[[Any], None]  # a text piece, then a Reply; or Embeddings; or a HearthError


@dataclass(frozen=True)
class Embeddings:
    """Vectors of length 1, one per input, and the tokens read."""

    vectors: list[list[float]]
    tokens: int


class BatchEngine:
    """A model loaded with ``slots`` sequences; :meth:`submit` streams a reply to a callback."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = Path(log_path)
        self._process: Any = None
        self._conn: Any = None
        self._send_lock = threading.Lock()
        self._waiters: dict[Any, Emit] = {}
        self._control: dict[str, Any] = {}
        self._control_event = threading.Condition()
        self._ids = itertools.count(1)
        self._started: dict[Any, tuple[float, float | None]] = {}
        self.info: dict[str, Any] | None = None
        self.loaded: tuple[str, str | None] | None = None  # the model's path and its adapter
        self.adapter_scale: float | None = None  # the adapter's scale, when one is on
        self.loads = 0  # models loaded so far (an adapter switch is not one)

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe(duplex=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab"):
            pass
        self._process = ctx.Process(target=batch_worker.main, args=(child, str(self.log_path)),
                                    name="hearth-batch-engine", daemon=True)
        self._process.start()
        child.close()
        self._conn = parent
        threading.Thread(target=self._read, name="hearth-batch-reader", daemon=True).start()

    def _send(self, **message: Any) -> None:
        with self._send_lock:
            try:
                self._conn.send(message)
            except (OSError, AttributeError) as exc:
                raise self._crashed() from exc

    def _crashed(self) -> EngineCrashed:
        return EngineCrashed("the batching engine process ended", "it starts again with the next request; see "
                             f"{self.log_path} if it keeps ending")

    # -- replies, from the reader thread -----------------------------------------------------------------------
    def _read(self) -> None:
        conn = self._conn
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                break
            rid = message.get("rid")
            if rid is None:  # the answer to a control message (load, adapters)
                with self._control_event:
                    self._control = message
                    self._control_event.notify_all()
                continue
            try:
                self._deliver(rid, message)
            except Exception:  # a reply's consumer failed: that reply's problem, never the reader's end
                log.exception("delivering a message of reply %s failed", rid)
        crashed = self._crashed()  # every reply still waiting ends with the engine
        for rid in list(self._waiters):
            emit = self._waiters.pop(rid, None)
            if emit is not None:
                emit(crashed)
        with self._control_event:
            self._control = {"ev": "crashed"}
            self._control_event.notify_all()

    def _deliver(self, rid: Any, message: dict[str, Any]) -> None:
        """Hand a message to its reply's callback; one for a reply cancelled meanwhile is dropped."""
        event = message["ev"]
        final = event in ("done", "embeddings", "error")
        emit = self._waiters.pop(rid, None) if final else self._waiters.get(rid)
        if emit is None:
            return
        start, first = self._started.pop(rid, None) if final else self._started.get(rid, (None, None))
        if event == "token":
            if first is None and start is not None:
                self._started[rid] = (start, time.perf_counter())
            emit(message["text"])
        elif event == "done":
            emit(make_reply(message, start or time.perf_counter(), first))
        elif event == "embeddings":
            emit(Embeddings(message["vectors"], message["tokens"]))
        else:
            kinds = {"ContextOverflow": ContextOverflow, "TemplateError": TemplateError, "ConfigError": ConfigError}
            emit(kinds.get(message.get("error"), HearthError)(message["message"], message.get("hint", "")))

    def _control_reply(self, timeout: float) -> dict[str, Any]:
        with self._control_event:
            if not self._control_event.wait_for(lambda: bool(self._control), timeout):
                raise HearthError("the batching engine did not answer", f"see {self.log_path}")
            message, self._control = self._control, {}
        if message.get("ev") == "crashed":
            raise self._crashed()
        if message.get("ev") == "error":
            raise HearthError(message["message"], message.get("hint", ""))
        return message

    def _control_send(self, **message: Any) -> None:
        """Send a control message; what an earlier one left unread (a late answer, a crash) is forgotten first."""
        with self._control_event:
            self._control = {}
        self._send(**message)

    # -- control -----------------------------------------------------------------------------------------------
    def load(self, path: str, options: LoadOptions, slots: int, timeout: float = 300) -> dict[str, Any]:
        """Load ``path`` with ``slots`` sequences of ``options.n_ctx`` tokens each (in a new process if needed)."""
        if not self.alive:
            self._start()
        self.loaded = None
        self._control_send(op="load", path=str(path), options=asdict(options), slots=slots)
        self.info = self._control_reply(timeout)["info"]
        self.loaded, self.adapter_scale = (str(path), None), None
        self.loads += 1
        return self.info

    def set_adapter(self, adapter: str | None, scale: float = 1.0, timeout: float = 60) -> None:
        """Apply ``adapter`` at ``scale`` (or none); only while no reply is being written."""
        assert self.loaded is not None
        self._control_send(op="adapters", adapters=[[adapter, float(scale)]] if adapter else [])
        self._control_reply(timeout)
        self.loaded = (self.loaded[0], adapter)
        self.adapter_scale = float(scale) if adapter else None

    def submit(self, emit: Emit, sampling: SamplingOptions, *, messages: Sequence[dict[str, str]] | None = None,
               chat_format: ChatFormat | None = None, prompt: str | None = None,
               extra: dict[str, Any] | None = None) -> Any:
        """Queue a reply; ``emit`` gets its text pieces then its :class:`Reply` (or an error). Returns its id.

        ``extra``: ``presence_penalty``, ``frequency_penalty``, and ``response_format`` (OpenAI's: json_object,
        or json_schema, followed through a llama.cpp grammar).
        """
        rid = next(self._ids)
        self._waiters[rid] = emit
        self._started[rid] = (time.perf_counter(), None)
        request: dict[str, Any] = {"op": "submit", "rid": rid, "sampling": asdict(sampling), "extra": extra or {}}
        if messages is not None:
            request.update(messages=[dict(m) for m in messages], format=_format_dict(chat_format or PlainFormat()))
        else:
            request["prompt"] = prompt
        try:
            self._send(**request)
        except EngineCrashed:
            self._waiters.pop(rid, None)
            raise
        return rid

    def embed(self, emit: Emit, texts: Sequence[str]) -> Any:
        """Queue an embeddings request; ``emit`` gets its :class:`Embeddings` (or an error). Returns its id."""
        rid = next(self._ids)
        self._waiters[rid] = emit
        self._started[rid] = (time.perf_counter(), None)
        try:
            self._send(op="embed", rid=rid, texts=list(texts))
        except EngineCrashed:
            self._waiters.pop(rid, None)
            raise
        return rid

    def cancel(self, rid: Any) -> None:
        """Stop reply ``rid`` within a step; its callback hears nothing more."""
        if self._waiters.pop(rid, None) is not None and self.alive:
            self._started.pop(rid, None)
            with contextlib.suppress(EngineCrashed):
                self._send(op="cancel", rid=rid)

    def close(self) -> None:
        if self.alive:
            with contextlib.suppress(EngineCrashed):
                self._send(op="close")
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.kill()
        self._process = None
