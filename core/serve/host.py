"""The models a server offers, and the batching engine that answers many requests at once.

:class:`ModelHost` owns one :class:`~core.inference.batch.BatchEngine` (its own process, as for the chat):
requests for the loaded model are decoded together, one llama.cpp batch per step, in up to ``slots`` sequences
(continuous batching: a request joins and leaves between steps). Beyond the slots a bounded number wait; more are
refused at once (the server answers 429). A request whose client went away is dropped from the queue, or stopped
within a step. A request names a model by its catalog name, or ``BASE:ADAPTER`` for an adapter export on its
base; the engine switches model (or adapter) once the replies in progress have ended.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from core.chat import ChatModel
from core.errors import ConfigError, EngineCrashed, HearthError
from core.export.store import list_exports
from core.inference import ContextOverflow, LoadOptions, PlainFormat, Reply, SamplingOptions, TemplateFormat
from core.inference.batch import BatchEngine, Embeddings
from core.inference.templates import ChatFormat, TemplateError
from core.models import list_models
from core.serve.requests import ApiError
from core.workspace import Workspace

__all__ = ["Generation", "ModelHost", "ServedModel", "served_models"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServedModel:
    """A model id a client can ask for, and what the engine loads for it."""

    id: str
    path: str
    template_override: str | None
    adapter: str | None  # a LoRA-GGUF applied on ``path`` at scale 1
    created: int

    @property
    def chat_model(self) -> ChatModel:
        return ChatModel(self.id, self.path, self.template_override)


def served_models(ws: Workspace) -> list[ServedModel]:
    """Every GGUF model of the catalog (merged exports among them), and each adapter export on its base."""
    models = {r.name: r for r in list_models(ws, "gguf")}
    offered = [ServedModel(r.name, str(r.path), r.template_override, None, _epoch(r.created_at))
               for r in models.values()]
    for export in list_exports(ws):
        base = models.get(export.model or "")
        if export.kind == "adapter" and base is not None:
            offered.append(ServedModel(f"{base.name}:{export.name}", str(base.path), base.template_override,
                                       str(export.path), _epoch(export.created_at)))
    return offered


def _epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


@dataclass
class Generation:
    """One request's reply as it is made: pieces of text, then the :class:`Reply` (or an :class:`ApiError`),
    handed to ``emit`` from the engine's reader thread. ``cancel()`` stops it within a step, or before it starts.
    """

    model: ServedModel
    sampling: SamplingOptions
    emit: Callable[[Any], None]
    messages: list[dict[str, str]] | None = None  # a chat
    prompt: str | None = None  # or a completion
    texts: list[str] | None = None  # or embeddings of these
    extra: dict[str, Any] = field(default_factory=dict)  # penalties and response format (BatchEngine.submit)
    chat_format: ChatFormat | None = None  # the chat's own format; by default the model's, as the chat chooses
    queued_at: float = field(default_factory=time.monotonic)
    cancelled: threading.Event = field(default_factory=threading.Event)
    on_cancel: Callable[[], None] | None = None
    rid: Any = None  # the engine's id for it, once it runs

    def cancel(self) -> None:
        self.cancelled.set()
        if self.on_cancel is not None:
            self.on_cancel()


class ModelHost:
    """A batching engine of ``slots`` sequences, and the requests waiting for one.

    Requests for the loaded model (and adapter) are decoded together, up to ``slots`` at a time; beyond that up
    to ``max_queue`` wait, and more are refused. A request for another model or adapter waits until the replies
    in progress have ended, then the engine switches (an adapter without reloading its base).
    """

    def __init__(self, ws: Workspace, load: LoadOptions, *, max_queue: int, slots: int = 4,
                 log_path: Path | None = None) -> None:
        self.ws, self.load_options, self.slots, self.max_queue = ws, load, slots, max_queue
        self.engine = BatchEngine(log_path or ws.folder("logs") / "serve-engine.log")
        self._pending: collections.deque[Generation] = collections.deque()
        self._running: dict[Any, Generation] = {}
        self._changed = threading.Condition()
        self._starting: Generation | None = None
        self._launching = 0  # requests being sent to the engine by the fast path of submit()
        self._offered: tuple[float, list[ServedModel]] | None = None
        self._closing = False
        self.loading = False
        self.engine_restarts = 0
        self._scheduler = threading.Thread(target=self._schedule, name="hearth-serve-scheduler", daemon=True)
        self._scheduler.start()

    # -- what clients see -------------------------------------------------------------------------------------
    def models(self) -> list[ServedModel]:
        """The models offered, read from the catalog at most once a second (not once per request)."""
        now = time.monotonic()
        if self._offered is None or now - self._offered[0] > 1.0:
            self._offered = (now, served_models(self.ws))
        return self._offered[1]

    def find(self, model_id: str) -> ServedModel:
        """The model ``model_id`` names.

        Raises:
            ApiError: no such model (404, as OpenAI answers).
        """
        for model in self.models():
            if model.id == model_id:
                return model
        raise ApiError(f"the model {model_id!r} does not exist", status=404, param="model", code="model_not_found",
                       hint="GET /v1/models lists the models this server offers")

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called (nothing more will be answered)."""
        return self._closing

    @property
    def queue_depth(self) -> int:
        return len(self._pending)

    @property
    def active(self) -> int:
        return self._in_use()

    def preload(self, model: ServedModel) -> None:
        """Load ``model`` now (before the first request); the server's /health says 503 meanwhile."""
        self._ensure(model)

    def submit(self, generation: Generation) -> None:
        """Queue a request.

        Raises:
            ApiError: every slot is busy and ``max_queue`` requests wait already (429).
        """
        with self._changed:
            if self._in_use() + len(self._pending) >= self.slots + self.max_queue:
                raise ApiError("the server is busy: every place in its queue is taken", status=429,
                               type="rate_limit_error", code="queue_full",
                               hint="retry after the number of seconds in the Retry-After header")
            generation.on_cancel = lambda: self._cancel(generation)
            fast = (not self._pending and self._starting is None and self._in_use() < self.slots
                    and self.engine.alive and self.engine.loaded == (generation.model.path, generation.model.adapter))
            if not fast:
                self._pending.append(generation)
                self._changed.notify_all()
                return
            self._launching += 1
        # A free slot on the loaded model: to the engine from this thread (no hand-over to the scheduler's), and
        # outside the lock (the engine's reader needs it to hand on replies while this request is sent).
        try:
            self._start(generation)
        except Exception as exc:
            generation.emit(_as_api_error(exc))
        finally:
            with self._changed:
                self._launching -= 1
                self._changed.notify_all()

    def _in_use(self) -> int:
        return len(self._running) + (self._starting is not None) + self._launching

    def close(self) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._scheduler.join(timeout=30)
        self.engine.close()

    # -- the scheduler ----------------------------------------------------------------------------------------
    def _schedule(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._closing or self._startable() is not None)
                if self._closing:
                    return
                generation = self._startable()
                assert generation is not None
                self._pending.remove(generation)
                self._starting = generation  # (counted as running while its model loads)
            try:  # outside the lock: a load takes seconds, and requests keep arriving meanwhile
                self._start(generation)
            except Exception as exc:  # a load that failed, an engine that died: that request's answer
                generation.emit(_as_api_error(exc))
            finally:
                with self._changed:
                    self._starting = None
                    self._changed.notify_all()

    def _startable(self) -> Generation | None:
        """The first waiting request that can start now: one for the loaded model while a slot is free, or any
        once nothing runs (the engine then switches to its model)."""
        for generation in list(self._pending):
            if generation.cancelled.is_set():
                self._pending.remove(generation)
        if not self._pending or self._in_use() >= self.slots:
            return None
        first = self._pending[0]
        if self._in_use() == 0 or self.engine.loaded == (first.model.path, first.model.adapter):
            return first
        return None

    def _ensure(self, model: ServedModel) -> None:
        if self.engine.loaded is not None and not self.engine.alive:
            self.engine_restarts += 1
            self.engine.loaded = None
        if self.engine.loaded is None or self.engine.loaded[0] != model.path:
            self.loading = True
            try:
                self.engine.load(model.path, self.load_options, self.slots)
            finally:
                self.loading = False
        if self.engine.loaded != (model.path, model.adapter):  # an adapter switches without reloading its base
            self.engine.set_adapter(model.adapter)

    def _start(self, generation: Generation) -> None:
        self._ensure(generation.model)
        emit = generation.emit
        ended = threading.Event()

        def deliver(item: Any) -> None:  # from the engine's reader thread
            if isinstance(item, (Reply, Embeddings, Exception)):
                ended.set()
                with self._changed:
                    self._running.pop(generation.rid, None)
                    self._changed.notify_all()
                emit(_as_api_error(item) if isinstance(item, Exception) else item)
            else:
                emit(item)

        if generation.texts is not None:
            rid = self.engine.embed(deliver, generation.texts)
        elif generation.messages is not None:
            fmt = generation.chat_format or _chat_format(generation.model, self.engine.info or {})
            rid = self.engine.submit(deliver, generation.sampling, messages=generation.messages, chat_format=fmt,
                                     extra=generation.extra)
        else:
            rid = self.engine.submit(deliver, generation.sampling, prompt=generation.prompt, extra=generation.extra)
        with self._changed:
            generation.rid = rid
            if not ended.is_set():  # (a reply can end before this line: an error at once)
                self._running[rid] = generation
        if generation.cancelled.is_set():  # its client left while it was being started
            self._cancel(generation)

    def _cancel(self, generation: Generation) -> None:
        with self._changed:
            running = generation.rid is not None and self._running.pop(generation.rid, None) is not None
            self._changed.notify_all()
        if running:
            self.engine.cancel(generation.rid)  # (outside the lock: a pipe send)


def _chat_format(model: ServedModel, info: dict[str, Any]) -> ChatFormat:
    """As the chat chooses: the user's override, else the model's own template, else the plain turn format."""
    override = model.template_override
    if override == "plain" or (not override and not info.get("chat_template")):
        return PlainFormat()
    return TemplateFormat(override or info["chat_template"], info.get("bos_token", ""), info.get("eos_token", ""))


def _as_api_error(exc: Exception) -> ApiError:
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, ContextOverflow):
        return ApiError(exc.message, param="messages", code="context_length_exceeded", hint=exc.hint)
    if isinstance(exc, ConfigError):  # what the request asked for cannot be done (a schema, an empty prompt)
        return ApiError(exc.message, hint=exc.hint)
    if isinstance(exc, TemplateError):
        return ApiError(exc.message, status=500, type="server_error", code="chat_template_failed", hint=exc.hint)
    if isinstance(exc, EngineCrashed):
        return ApiError(exc.message, status=500, type="server_error", code="engine_crashed", hint=exc.hint)
    if isinstance(exc, HearthError):
        return ApiError(exc.message, status=500, type="server_error", hint=exc.hint)
    log.exception("a request failed")
    return ApiError(f"the request failed: {type(exc).__name__}: {exc}", status=500, type="server_error")
