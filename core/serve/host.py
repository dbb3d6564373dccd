"""The models a server offers, and the engine that answers its requests one after another.

:class:`ModelHost` owns one :class:`~core.inference.Engine` (its own process, as for the chat) and a worker
thread that takes requests from a bounded queue: a request beyond the queue is refused at once (the server
answers 429), a request whose client went away is skipped or stopped within a token. Requests are served one at
a time, so several clients share the model in turn (no batching of sequences yet). A request names a model by
its catalog name, or ``BASE:ADAPTER`` for an adapter export on its base; the model (and adapter) is loaded when a
request needs it.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from core.chat import ChatModel, chat_format_for
from core.errors import EngineCrashed, HearthError
from core.export.store import list_exports
from core.inference import ContextOverflow, Engine, LoadOptions, Reply, SamplingOptions
from core.inference.templates import TemplateError
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
    """One request's reply as it is made: pieces of text, then the :class:`Reply` (or an error), handed to
    ``emit`` from the engine's thread. ``cancel()`` stops it within a token, or before it starts."""

    model: ServedModel
    sampling: SamplingOptions
    emit: Callable[[Any], None]
    messages: list[dict[str, str]] | None = None  # a chat
    prompt: str | None = None  # or a completion
    queued_at: float = field(default_factory=time.monotonic)
    cancelled: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self.cancelled.set()


class ModelHost:
    """An engine and the queue of requests it answers, one at a time."""

    def __init__(self, ws: Workspace, load: LoadOptions, *, max_queue: int, log_path: Path | None = None) -> None:
        self.ws, self.load_options = ws, load
        self.engine = Engine(log_path or ws.folder("logs") / "serve-engine.log")
        self.max_queue = max_queue
        self._queue: queue.Queue[Generation | None] = queue.Queue()
        self._admit = threading.Lock()
        self._current: Generation | None = None
        self._loaded: tuple[str, str | None] | None = None
        self.loading = False
        self.engine_restarts = 0
        self._worker = threading.Thread(target=self._serve, name="hearth-serve-engine", daemon=True)
        self._worker.start()

    # -- what clients see -------------------------------------------------------------------------------------
    def models(self) -> list[ServedModel]:
        return served_models(self.ws)

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
    def queue_depth(self) -> int:
        return self._queue.qsize()

    @property
    def active(self) -> int:
        return int(self._current is not None)

    def preload(self, model: ServedModel) -> None:
        """Load ``model`` now (before the first request); the server's /health says 503 meanwhile."""
        self.loading = True
        try:
            self._ensure(model)
        finally:
            self.loading = False

    def submit(self, generation: Generation) -> None:
        """Queue a request.

        Raises:
            ApiError: the queue is full (429, with how long to wait).
        """
        with self._admit:
            waiting = self._queue.qsize()
            if (self._current is not None or waiting) and waiting >= self.max_queue:
                raise ApiError("the server is busy: every place in its queue is taken", status=429,
                               type="rate_limit_error", code="queue_full",
                               hint="retry after the number of seconds in the Retry-After header")
            self._queue.put_nowait(generation)

    def close(self) -> None:
        current = self._current
        if current is not None:
            current.cancel()
            self.engine.stop()
        self._queue.put_nowait(None)
        self._worker.join(timeout=30)
        self.engine.close()

    # -- the engine's thread ----------------------------------------------------------------------------------
    def _serve(self) -> None:
        while True:
            generation = self._queue.get()
            if generation is None:
                return
            if generation.cancelled.is_set():
                continue  # its client left while it waited
            self._current = generation
            try:
                self._answer(generation)
            except Exception as exc:  # the engine's failures go to that request, never end the thread
                generation.emit(_as_api_error(exc))
            finally:
                self._current = None

    def _ensure(self, model: ServedModel) -> None:
        if not self.engine.alive and self._loaded is not None:
            self.engine_restarts += 1
            self._loaded = None
        if self._loaded is None or self._loaded[0] != model.path:
            self.engine.load(model.path, self.load_options)
            self._loaded = (model.path, None)
        if self._loaded[1] != model.adapter:  # adapters switch without reloading the base
            self.engine.set_adapters([(model.adapter, 1.0)] if model.adapter else [])
            self._loaded = (model.path, model.adapter)

    def _answer(self, generation: Generation) -> None:
        self._ensure(generation.model)
        if generation.messages is not None:
            fmt = chat_format_for(generation.model.chat_model, self.engine)
            stream = self.engine.chat(generation.messages, generation.sampling, fmt)
        else:
            assert generation.prompt is not None
            stream = self.engine.complete(generation.prompt, generation.sampling)
        try:
            for item in stream:
                if generation.cancelled.is_set():
                    return  # closing the stream stops the engine's reply
                if isinstance(item, Reply):
                    self._current = None  # free for the next request before this one's client hears it ended
                    generation.emit(item)
                    return
                generation.emit(item)
        finally:
            stream.close()


def _as_api_error(exc: Exception) -> ApiError:
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, ContextOverflow):
        return ApiError(exc.message, param="messages", code="context_length_exceeded", hint=exc.hint)
    if isinstance(exc, TemplateError):
        return ApiError(exc.message, status=500, type="server_error", code="chat_template_failed", hint=exc.hint)
    if isinstance(exc, EngineCrashed):
        return ApiError(exc.message, status=500, type="server_error", code="engine_crashed", hint=exc.hint)
    if isinstance(exc, HearthError):
        return ApiError(exc.message, status=500, type="server_error", hint=exc.hint)
    log.exception("a request failed")
    return ApiError(f"the request failed: {type(exc).__name__}: {exc}", status=500, type="server_error")
