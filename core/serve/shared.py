"""The chat's engine while a server runs in the same program: the server's batching engine, shared.

:class:`SharedEngine` answers what :class:`~core.chat.ChatSession` asks of an
:class:`~core.inference.Engine` (``load``, ``info``, ``ready``, ``chat``, ``stop``, adapters) through a
:class:`~core.serve.ModelHost`: the window's chat is one more client of the engine the server decodes with,
in a slot of its own, so one copy of a model is in memory whoever asks. A model the chat picks is loaded when
its first reply starts (the engine switches once the replies in progress have ended, as for any client); the
chat may apply one adapter at scale 1 (a served model is a base, or a base with one adapter).
"""

from __future__ import annotations

import dataclasses
import queue
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from core.errors import EngineCrashed, HearthError
from core.inference import ContextOverflow, LoadOptions, Reply, SamplingOptions
from core.inference.engine import ModelInfo
from core.inference.templates import ChatFormat
from core.models.gguf_info import inspect_gguf
from core.serve.host import Generation, ModelHost, ServedModel
from core.serve.requests import ApiError

__all__ = ["SharedEngine"]

_POLL_S = 0.05  # how often a reply being waited for looks whether it was stopped


class SharedEngine:
    """The chat's side of a :class:`ModelHost`: one model (and adapter) and the reply being written."""

    def __init__(self, host: ModelHost) -> None:
        self.host = host
        self.info: ModelInfo | None = None
        self._model: ServedModel | None = None
        self._adapters: list[tuple[str, float]] = []
        self._current: Generation | None = None

    @property
    def adapters(self) -> list[tuple[str, float]]:
        return list(self._adapters)

    def load(self, path: Path | str, options: LoadOptions | None = None, *, cancel: Any = None,
             on_progress: Callable[[float], None] | None = None) -> ModelInfo:
        """Take ``path`` as the chat's model; the engine loads it when the first reply asks for it.

        Raises:
            ModelError: the file is not a usable GGUF.
        """
        gguf = inspect_gguf(path)
        served = self.host.load_options  # (the server's context per slot, whatever the chat would load with)
        self._model = ServedModel(Path(path).stem, str(path), None, None, 0)
        self._adapters = []
        add_bos = gguf.metadata.get("tokenizer.ggml.add_bos_token", gguf.bos_token is not None)
        self.info = ModelInfo(path=str(path), n_ctx=served.n_ctx, n_vocab=gguf.vocab_size or 0,
                              n_params=gguf.parameters, architecture=gguf.architecture,
                              chat_template=gguf.chat_template, bos_token=gguf.bos_token or "",
                              eos_token=gguf.eos_token or "", add_bos=bool(add_bos), gpu_offload=False,
                              prompt_chunk=served.prompt_chunk, load_s=0.0)
        if on_progress is not None:
            on_progress(1.0)
        return self.info

    def ready(self) -> ModelInfo:
        if self.info is None:
            raise HearthError("no model is loaded", "pick a model first")
        return self.info

    def set_adapters(self, adapters: Sequence[tuple[Path | str, float]]) -> None:
        """Apply one LoRA-GGUF adapter at scale 1, or none (scale 0 switches one off).

        Raises:
            HearthError: several adapters, or a scale other than 0 or 1: the server's engine applies one whole
                adapter per model.
        """
        active = [(str(p), float(s)) for p, s in adapters if float(s) != 0.0]
        if len(active) > 1 or any(s != 1.0 for _, s in active):
            raise HearthError("while the server runs, the chat shares its engine, which applies one adapter at "
                              "scale 1 per model", "use one adapter at scale 1, or stop the server to mix them")
        if self._model is None:
            raise HearthError("no model is loaded", "pick a model first")
        self._model = dataclasses.replace(self._model, adapter=active[0][0] if active else None)
        self._adapters = [(str(p), float(s)) for p, s in adapters]

    def chat(self, messages: Sequence[dict[str, str]], sampling: SamplingOptions | None = None,
             chat_format: ChatFormat | None = None) -> Iterator[str | Reply]:
        """Stream a reply as :meth:`Engine.chat` does, decoded by the server's engine beside its clients.

        Raises:
            HearthError: the server is busy (every slot and place in its queue taken), or the reply failed.
            ContextOverflow: the newest message alone does not fit.
            EngineCrashed: the engine died.
        """
        if self._model is None:
            raise HearthError("no model is loaded", "pick a model first")
        items: queue.Queue[Any] = queue.Queue()
        generation = Generation(self._model, sampling or SamplingOptions(), items.put,
                                messages=[dict(m) for m in messages], chat_format=chat_format)
        return self._stream(generation, items)

    def _stream(self, generation: Generation, items: queue.Queue[Any]) -> Iterator[str | Reply]:
        start = time.perf_counter()
        self._current = generation  # (before it is sent: a stop meanwhile cancels it before it starts)
        try:
            self.host.submit(generation)
        except ApiError as exc:
            self._current = None
            raise _chat_error(exc) from None
        streamed: list[str] = []
        ended = False
        try:
            while True:
                try:
                    item = items.get(timeout=_POLL_S)
                except queue.Empty:
                    if generation.cancelled.is_set():  # stopped: the engine sends nothing more for it
                        ended = True
                        yield Reply("".join(streamed), "stopped", _stopped_metrics(streamed, start))
                        return
                    if self.host.closed:
                        raise EngineCrashed("the server stopped, and its engine with it",
                                            "send the message again: the chat's own engine answers it") from None
                    continue
                if isinstance(item, Reply):
                    ended = True
                    yield item
                    return
                if isinstance(item, Exception):
                    ended = True
                    raise _chat_error(item)
                streamed.append(item)
                yield item
        finally:
            self._current = None
            if not ended:  # the caller stopped reading: the engine stops writing
                generation.cancel()

    def stop(self) -> None:
        """End the reply being streamed, within a step."""
        current = self._current
        if current is not None:
            current.cancel()


def _chat_error(exc: Exception) -> Exception:
    """A server-shaped error as the chat knows it."""
    if isinstance(exc, ApiError) and exc.code == "context_length_exceeded":
        return ContextOverflow(exc.message, exc.hint)
    if isinstance(exc, ApiError) and exc.code == "engine_crashed":
        return EngineCrashed(exc.message, exc.hint)
    if isinstance(exc, ApiError) and exc.status == 429:
        return HearthError("the server is answering as many requests as it can, and the chat's reply found no "
                           "place", "wait for its replies to end, or give the server more slots")
    return exc


def _stopped_metrics(streamed: list[str], start: float) -> dict[str, float]:
    return {"prompt_tokens": 0, "cached_tokens": 0, "generated_tokens": len(streamed),
            "ttft_s": 0.0, "tokens_per_s": 0.0, "total_s": round(time.perf_counter() - start, 4)}
