"""The chat engine as the window sees it: every engine call on one worker thread, its state as signals.

The engine serves one request at a time, so loads, replies and adapter changes
go through one :class:`~desktop.workers.SerialRunner`. Only :meth:`stop` is
called from the GUI thread (the engine allows it from any thread).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from core.chat import ChatModel, resolve_chat_model
from core.errors import EngineCrashed
from core.inference import Engine, LoadCancelled, LoadOptions
from core.workspace import Workspace
from desktop.i18n.core_messages import translate_core
from desktop.workers import Call, SerialRunner

__all__ = ["EngineService"]

log = logging.getLogger(__name__)

# The states shown in the status bar.
EMPTY, LOADING, READY, GENERATING, CRASHED, FAILED = "empty", "loading", "ready", "generating", "crashed", "failed"


class EngineService(QObject):
    """Owns the :class:`~core.inference.Engine` and its worker thread.

    Signals:
        stateChanged(state, detail): one of empty, loading, ready, generating,
            crashed, failed, and a line to show with it.
        modelChanged(ChatModel or None): a model finished loading (None: unloaded).
        loadFailed(exception): a load failed (not when it was cancelled); ``last_load`` says which.
        notice(text): something to show once, like the default model's terms.
    """

    stateChanged = Signal(str, str)
    modelChanged = Signal(object)
    loadFailed = Signal(object)
    notice = Signal(str)
    loadProgress = Signal(float)  # 0..1 of the load in progress

    def __init__(self, ws: Workspace, load_options: LoadOptions | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.load_options = load_options or LoadOptions()
        self.engine = Engine(ws.folder("logs") / "engine.log")
        self.model: ChatModel | None = None
        self.state, self.detail = EMPTY, ""
        self._runner = SerialRunner("hearth-engine-calls")
        self._load_call: Call | None = None
        self.last_load: str | None = None
        self._own: Engine | None = None  # the chat's own engine, put aside while a server's is shared
        self._sharing: Any = None  # the host a switch to sharing is on its way to

    def _set_state(self, state: str, detail: str = "") -> None:
        self.state, self.detail = state, detail
        self.stateChanged.emit(state, detail)

    # -- loading ------------------------------------------------------------
    def load(self, name: str | None = None, **slots: Callable[..., Any] | None) -> Call:
        """Load a catalog model, a ``.gguf`` file, or (None) the default model, on the worker thread.

        ``progress`` reports 0..1; ``done`` carries the :class:`ChatModel`.
        A load already in progress is cancelled first. ``slots`` as for
        :meth:`~desktop.workers.SerialRunner.submit`.
        """
        if self._load_call is not None and not self._load_call.ended:
            self._load_call.cancel.set()
        self.last_load = name
        self._set_state(LOADING, name or "default model")
        call = Call("load")
        # Connected before the worker starts: a quick load reports before submit returns.
        call.progress.connect(lambda value, c=call: self.loadProgress.emit(value) if c is self._load_call else None)
        self._load_call = call
        then = slots.pop("done", None)  # (after the service has taken the model)

        def loaded(model: ChatModel) -> None:
            self._loaded(model)
            if then is not None:
                then(model)

        return self._runner.submit(lambda c: self._load(name, c), name="load", done=loaded,
                                   failed=self._load_failed, call=call, **slots)

    def _load(self, name: str | None, call: Call) -> ChatModel:
        def assembling(done: int, total: int) -> None:
            call.report(0.5 * done / total if total else 0.0)

        model, notice = resolve_chat_model(self.ws, name, assembling)
        if notice:
            self.notice.emit(notice)
        base = 0.5 if name is None else 0.0
        self.engine.load(model.path, self.load_options, cancel=call.cancel,
                         on_progress=lambda v: call.report(base + (1 - base) * v))
        return model

    def _loaded(self, model: ChatModel) -> None:
        self.model = model
        self._set_state(READY, model.name)
        self.modelChanged.emit(model)

    def _load_failed(self, exc: BaseException) -> None:
        if isinstance(exc, LoadCancelled):
            return
        self.model = None
        self._set_state(CRASHED if isinstance(exc, EngineCrashed) else FAILED, getattr(exc, "message", str(exc)))
        self.modelChanged.emit(None)
        self.loadFailed.emit(exc)

    # -- replies and adapters -------------------------------------------------
    def stream(self, start: Callable[[], Iterator[Any]], name: str = "reply",
               **slots: Callable[..., Any] | None) -> Call:
        """Run ``start()`` on the worker thread and emit each item it yields (text pieces, then the Reply)."""
        self._set_state(GENERATING, self.model.name if self.model else "")
        call = Call(name).connect(done=self._reply_done, failed=self._reply_failed)
        return self._runner.submit(lambda _c: start(), name=name, stream=True, **slots, call=call)

    def _reply_done(self, _reply: Any) -> None:
        self._set_state(READY, self.model.name if self.model else "")

    def _reply_failed(self, exc: BaseException) -> None:
        if isinstance(exc, EngineCrashed):
            self._set_state(CRASHED, translate_core(exc.message))
        else:
            self._set_state(READY if self.model else EMPTY, self.model.name if self.model else "")

    def stop(self) -> None:
        """End the reply being streamed, within a token."""
        self.engine.stop()

    def set_adapters(self, adapters: Sequence[tuple[str, float]], **slots: Callable[..., Any] | None) -> Call:
        """Apply LoRA-GGUF adapters with their scales (0 switches one off), keeping the base loaded."""
        return self._runner.submit(lambda _c: self.engine.set_adapters(list(adapters)), name="adapters", **slots)

    # -- sharing the server's engine ------------------------------------------------
    @property
    def shared(self) -> bool:
        """Whether replies go through a running server's engine (:meth:`share`)."""
        return self._own is not None

    def share(self, host: Any) -> None:
        """Answer the chat through a running server's batching engine (``host``, a ModelHost) and end this
        engine's process: one copy of a model in memory. The switch is made on the engine's worker, after the
        load or reply in progress; the model stays the chat's (its adapters are applied again by the chat page,
        on ``modelChanged``). :meth:`unshare` goes back."""
        if self._own is not None or self._sharing is not None:
            return
        self._sharing = host
        own = self.engine

        def switch(_call: Call) -> Any:
            from core.serve import SharedEngine

            shared = SharedEngine(host)
            if own.info is not None:  # (the model the worker loaded last: the chat's, once its load has ended)
                shared.load(own.info.path)
            own.close()
            return shared

        self._runner.submit(switch, name="share", done=self._shared, failed=self._load_failed)

    def _shared(self, shared: Any) -> None:
        if self._sharing is not shared.host:  # the server stopped meanwhile: the chat's own engine, again
            if self.model is not None:
                self.load(self.model.path)
            return
        self._sharing = None
        self._own, self.engine = self.engine, shared
        if shared.info is None:
            self.model = None
        self._set_state(READY if self.model else EMPTY, self.model.name if self.model else "")
        self.modelChanged.emit(self.model)

    def unshare(self) -> None:
        """Back to an engine of the chat's own (the server stopped): the chat's model loads in it again."""
        self._sharing = None
        if self._own is None:
            return
        shared, self.engine, self._own = self.engine, self._own, None
        shared.stop()
        if self.model is not None:
            self.load(self.model.path)
        else:
            self._set_state(EMPTY)

    # -- ending ---------------------------------------------------------------
    def close(self) -> None:
        """Stop what is running and end the engine process."""
        if self._load_call is not None:
            self._load_call.cancel.set()
        with contextlib.suppress(Exception):
            self.engine.stop()
        own = self._own or self.engine
        self._runner.submit(lambda _c: own.close(), name="close")
        self._runner.shutdown(timeout=15)
        if own.alive:  # the worker is stuck: end the process from here
            own.close()
