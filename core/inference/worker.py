"""The engine's child process: owns the llama.cpp model and answers requests over a pipe.

Everything native happens here, so a crash (SIGILL, a GGML abort, the OOM
killer) ends only this process; :class:`core.inference.engine.Engine` sees the
pipe close and reports it. Requests and replies are small dicts; each request
carries an ``id`` that every reply to it repeats, so a reply the parent stopped
waiting for is never mistaken for the answer to a later request:

    {"op": "load", "path", "options"}       -> progress*, loaded | error | cancelled
    {"op": "chat", "messages", "format", "sampling"} -> token*, done | error
    {"op": "complete", "prompt", "sampling"}          -> token*, done | error
    {"op": "adapters", "adapters": [[path, scale], ...]} -> ok | error
    {"op": "tokenize", "text"}              -> tokens
    {"op": "clear_cache"}                   -> ok
    {"op": "stop"} / {"op": "cancel"}       honoured between tokens / during a load
    {"op": "close"}                         also honoured between tokens and during a load
"""

from __future__ import annotations

import codecs
import collections
import ctypes
import os
import time
import traceback
from typing import Any

from core.childproc import redirect_output
from core.errors import HearthError
from core.inference.cache import aligned_length, common_prefix, plan_prompt
from core.inference.prompt import ContextOverflow, fit_conversation
from core.inference.templates import PlainFormat, TemplateFormat

_log_lines: collections.deque[str] = collections.deque(maxlen=40)
_keep: list[Any] = []  # ctypes callbacks that llama.cpp holds pointers to


def _install_log(llama_cpp) -> None:
    def on_log(level, text, user_data):
        line = text.decode("utf-8", errors="replace") if text else ""
        _log_lines.append(line.rstrip("\n"))
        os.write(2, text or b"")

    callback = llama_cpp.llama_log_callback(on_log)
    _keep.append(callback)
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))


def _native_errors() -> str:
    lines = [line.strip() for line in _log_lines if "error" in line.lower() or "failed" in line.lower()]
    return "; ".join(dict.fromkeys(lines))[-600:]


def apply_adapters(lc: Any, model: Any, ctx: Any, loaded: dict[str, Any], adapters: list[list[Any]]) -> int:
    """Switch ``ctx`` to ``adapters`` ([path, scale] each; scale 0 is off), loading each file once into ``loaded``
    (path -> llama.cpp handle, kept for later switches). Returns how many are on.

    Raises:
        HearthError: an adapter does not fit the model, or llama.cpp refuses the set.
    """
    for path, _scale in adapters:
        if path not in loaded:
            _log_lines.clear()
            handle = lc.llama_adapter_lora_init(model, path.encode())
            if not handle:
                raise HearthError(f"the adapter {path} does not fit the loaded model: "
                                  f"{_native_errors() or 'llama.cpp refused it'}",
                                  "use an adapter trained on this base model (same architecture and sizes)")
            loaded[path] = handle
    active = [(loaded[p], float(s)) for p, s in adapters if float(s) != 0.0]
    handles = (lc.llama_adapter_lora_p_ctypes * max(len(active), 1))(*[h for h, _ in active])
    scales = (ctypes.c_float * max(len(active), 1))(*[s for _, s in active])
    if lc.llama_set_adapters_lora(ctx, handles, len(active), scales) != 0:
        raise HearthError("llama.cpp could not apply the adapters", "reload the model and try again")
    return len(active)


class Worker:
    """The model and its state, driven by :func:`serve`."""

    def __init__(self, conn) -> None:
        # Loaded in the engine's child process only, once its output goes to the engine log (main).
        from core.inference.native import load_llama_cpp

        llama_cpp = load_llama_cpp()
        self.conn = conn
        self.llama_cpp = llama_cpp
        self.llm: Any = None
        self.adapters: dict[str, Any] = {}
        self.request_id = 0
        self.closing = False
        self.bos_text = ""
        self.add_bos = True
        self.chunk = 1
        # The tokens at the start of the KV cache that were evaluated in whole aligned
        # chunks (core.inference.cache): the only part of the cache a prompt may reuse.
        self.aligned: list[int] = []
        _install_log(llama_cpp)

    def send(self, **message: Any) -> None:
        self.conn.send({"id": self.request_id, **message})

    def interrupted(self) -> bool:
        """Read what arrived meanwhile: True if it asks to stop (stop, cancel or close)."""
        stop = False
        while self.conn.poll():
            op = self.conn.recv().get("op")
            self.closing = self.closing or op == "close"
            stop = stop or op in ("stop", "cancel", "close")
        return stop

    # -- loading --------------------------------------------------------
    def load(self, path: str, options: dict[str, Any]) -> None:
        from llama_cpp import llama as llama_module

        self.unload()
        cancelled = False
        last = [-1.0]

        def on_progress(value: float, _user_data) -> bool:
            nonlocal cancelled
            if value - last[0] >= 0.05 or value >= 1.0:
                last[0] = value
                self.send(ev="progress", value=round(float(value), 3))
            cancelled = cancelled or self.interrupted()
            return not cancelled

        callback = self.llama_cpp.llama_progress_callback(on_progress)
        original = self.llama_cpp.llama_model_default_params

        def params_with_progress():
            params = original()
            params.progress_callback = callback
            return params

        # The high-level Llama takes no progress callback; its default params do.
        llama_module.llama_cpp.llama_model_default_params = params_with_progress
        try:
            self.llm = llama_module.Llama(
                model_path=path, n_ctx=options["n_ctx"], n_threads=options["n_threads"] or None,
                n_threads_batch=options["n_threads"] or None, n_gpu_layers=options["n_gpu_layers"],
                n_batch=options["n_batch"], flash_attn=options["flash_attn"], use_mmap=options["use_mmap"],
                verbose=False)
        except Exception as exc:
            if cancelled:
                self.send(ev="cancelled")
                return
            raise HearthError(f"llama.cpp could not load {path}: {_native_errors() or exc}",
                              "check that the file is a complete GGUF of an architecture llama.cpp supports "
                              "(hearth models show), or re-download it") from exc
        finally:
            llama_module.llama_cpp.llama_model_default_params = original
        self.chunk = min(options["prompt_chunk"], options["n_batch"])
        self.aligned = []
        info = self.describe()
        self.bos_text, self.add_bos = info["bos_token"], info["add_bos"]
        self.send(ev="loaded", info=info)

    def _piece(self, token: int) -> str:
        # A model without a BOS or EOS token reports -1; asking llama.cpp for its text aborts.
        if token < 0:
            return ""
        return self.llm.detokenize([token], special=True).decode("utf-8", "replace")

    def describe(self) -> dict[str, Any]:
        llm, lc = self.llm, self.llama_cpp
        meta = llm.metadata
        return {
            "n_ctx": llm.n_ctx(), "n_vocab": llm.n_vocab(),
            "n_params": int(lc.llama_model_n_params(llm._model.model)),
            "architecture": meta.get("general.architecture", ""), "chat_template": meta.get("tokenizer.chat_template"),
            "bos_token": self._piece(llm.token_bos()), "eos_token": self._piece(llm.token_eos()),
            "add_bos": meta.get("tokenizer.ggml.add_bos_token", "true") != "false" and llm.token_bos() >= 0,
            "gpu_offload": bool(lc.llama_supports_gpu_offload()), "prompt_chunk": self.chunk,
        }

    def reset_cache(self) -> None:
        """Forget the KV cache: the next prompt is evaluated from its first token."""
        self._model().reset()
        self.aligned = []

    def unload(self) -> None:
        self.aligned = []
        for adapter in self.adapters.values():
            self.llama_cpp.llama_adapter_lora_free(adapter)
        self.adapters.clear()
        if self.llm is not None:
            self.llm.close()
            self.llm = None

    # -- adapters -------------------------------------------------------
    def set_adapters(self, adapters: list[list[Any]]) -> None:
        llm = self._model()
        active = apply_adapters(self.llama_cpp, llm._model.model, llm._ctx.ctx, self.adapters, adapters)
        self.reset_cache()  # the cached keys and values were computed with other weights
        self.send(ev="ok", active=active)

    # -- generation -----------------------------------------------------
    def _model(self):
        if self.llm is None:
            raise HearthError("no model is loaded in the engine", "load a model first")
        return self.llm

    def tokenize(self, text: str) -> list[int]:
        add_bos = self.add_bos and not (self.bos_text and text.startswith(self.bos_text))
        return self._model().tokenize(text.encode("utf-8"), add_bos=add_bos, special=True)

    def chat(self, messages: list[dict[str, str]], fmt: dict[str, Any], sampling: dict[str, Any]) -> None:
        llm = self._model()
        kind = fmt.pop("kind")
        chat_format = PlainFormat(**fmt) if kind == "plain" else TemplateFormat(**fmt)
        budget = llm.n_ctx() - min(sampling["max_tokens"], llm.n_ctx() // 2)
        _prompt, tokens, dropped = fit_conversation(messages, chat_format.render, self.tokenize, budget)
        stops = list(dict.fromkeys([*sampling["stop"], *chat_format.stop_strings()]))
        self.generate(tokens, {**sampling, "stop": stops}, dropped=dropped)

    def complete(self, prompt: str, sampling: dict[str, Any]) -> None:
        tokens = self.tokenize(prompt)
        if len(tokens) >= self._model().n_ctx():
            raise ContextOverflow(f"the prompt has {len(tokens)} tokens; the context holds {self.llm.n_ctx()}",
                                  "shorten the prompt or load the model with a larger context")
        self.generate(tokens, sampling)

    def _evaluate_prompt(self, tokens: list[int]) -> tuple[int, bool]:
        """Evaluate the prompt in aligned chunks (core.inference.cache), all but the last.

        The last chunk is left to ``Llama.generate``: finding the rest of the
        prompt in its cache, it evaluates that chunk as one batch (a chunk is
        never larger than ``n_batch``) and samples from its logits.

        Returns:
            The cached tokens kept, and False if a stop arrived before the prompt was read.
        """
        llm = self.llm
        cached = common_prefix(self.aligned, llm.input_ids[: llm.n_tokens].tolist())
        plan = plan_prompt(self.aligned[:cached], tokens, self.chunk)
        # A recurrent or hybrid model (Mamba, RWKV, ...) cannot cut its state at a position:
        # it reads the whole prompt again, as llama-cpp-python itself would.
        if plan.reuse and not llm._ctx.kv_cache_seq_rm(-1, plan.reuse, -1):
            self.reset_cache()
            plan = plan_prompt([], tokens, self.chunk)
        del self.aligned[plan.reuse:]
        llm.n_tokens = plan.reuse
        for start, end in plan.chunks[:-1]:
            if self.interrupted():
                return plan.reuse, False
            llm.eval(tokens[start:end])
            self.aligned.extend(tokens[start:end])
        return plan.reuse, True

    def generate(self, tokens: list[int], sampling: dict[str, Any], dropped: int = 0) -> None:
        llm, lc = self._model(), self.llama_cpp
        before = lc.llama_perf_context(llm._ctx.ctx)
        start = time.perf_counter()
        stream = _TextStream(sampling["stop"])
        reason, generated, first = "stopped", 0, None
        reuse, read = self._evaluate_prompt(tokens)
        if read:
            reason, generated, first = self._sample(tokens, sampling, stream)
        tail = stream.flush(reason)
        if tail:
            self.send(ev="token", text=tail)
        end = time.perf_counter()
        # llama.cpp's own count of the tokens it evaluated: the prompt tokens not
        # found in the cache, then one decode for each sampled token but the
        # last (an end-of-generation token is sampled but not counted as generated).
        after = lc.llama_perf_context(llm._ctx.ctx)
        evaluated = (after.n_p_eval + after.n_eval) - (before.n_p_eval + before.n_eval)
        sampled = generated + (reason == "eos")
        prompt_evaluated = max(evaluated - max(sampled - 1, 0), 0)
        # Stopped while reading the prompt: what was not read is not cached either.
        cached = len(tokens) - prompt_evaluated if read else reuse
        self.send(ev="done", text=stream.text, stop_reason=reason, dropped=dropped, metrics={
            "prompt_tokens": len(tokens), "cached_tokens": cached,
            "generated_tokens": generated, "prompt_eval_s": round((first or end) - start, 4),
            "decode_s": round(end - (first or end), 4)})

    def _sample(self, tokens: list[int], sampling: dict[str, Any],
                stream: _TextStream) -> tuple[str, int, float | None]:
        """Sample the reply to a prompt whose chunks but the last are evaluated: (stop reason, tokens, first time)."""
        llm, lc = self.llm, self.llama_cpp
        llm.set_seed(sampling["seed"] if sampling["seed"] >= 0 else int.from_bytes(os.urandom(4), "little"))
        first = None
        generated = 0
        for token in llm.generate(tokens, top_k=sampling["top_k"], top_p=sampling["top_p"],
                                  min_p=sampling["min_p"], temp=sampling["temperature"],
                                  repeat_penalty=sampling["repeat_penalty"]):
            if first is None:
                first = time.perf_counter()
                # The last chunk is now evaluated: whole, it joins the reusable part.
                self.aligned = tokens[: aligned_length(len(tokens), self.chunk)]
            if lc.llama_vocab_is_eog(llm._model.vocab, token):
                return "eos", generated, first
            generated += 1
            text, hit = stream.feed(llm.detokenize([token], prev_tokens=None, special=False))
            if text:
                self.send(ev="token", text=text)
            if hit:
                return "stop_string", generated, first
            if generated >= sampling["max_tokens"]:
                return "length", generated, first
            if llm.n_tokens >= llm.n_ctx() - 1:
                return "context_full", generated, first
            if self.interrupted():
                return "stopped", generated, first
        return "length", generated, first


class _TextStream:
    """Bytes of token pieces in, text out: whole UTF-8 characters only, stop strings cut, leading space dropped."""

    def __init__(self, stops: list[str], strip_leading: bool = True) -> None:
        self.stops = [s for s in stops if s]
        self.strip_leading = strip_leading  # a chat reply starts at its first word; a continuation keeps its space
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.text = ""  # the reply as shown, so far
        self.pending = ""  # decoded but held back: it may be the start of a stop string

    def feed(self, data: bytes) -> tuple[str, bool]:
        """Add a token's bytes; return the text that is safe to show, and whether a stop string ended it."""
        self.pending += self.decoder.decode(data)
        if not self.text and self.strip_leading:
            self.pending = self.pending.lstrip()
        for stop in self.stops:
            at = self.pending.find(stop)
            if at >= 0:
                return self._emit(self.pending[:at].rstrip() if at else ""), True
        hold = max((k for s in self.stops for k in range(1, len(s)) if self.pending.endswith(s[:k])), default=0)
        return self._emit(self.pending[: len(self.pending) - hold], keep=self.pending[len(self.pending) - hold:]), False

    def _emit(self, text: str, keep: str = "") -> str:
        self.pending = keep
        self.text += text
        return text

    def flush(self, reason: str) -> str:
        """What was held back, once the reply is over."""
        rest = self.pending + self.decoder.decode(b"", final=True)
        return self._emit(rest if reason != "stop_string" else "")


def serve(conn) -> None:
    """Answer requests on ``conn`` until it closes or says close."""
    worker = Worker(conn)
    handlers = {
        "load": lambda m: worker.load(m["path"], m["options"]),
        "chat": lambda m: worker.chat(m["messages"], dict(m["format"]), m["sampling"]),
        "complete": lambda m: worker.complete(m["prompt"], m["sampling"]),
        "adapters": lambda m: worker.set_adapters(m["adapters"]),
        "tokenize": lambda m: worker.send(ev="tokens", ids=worker.tokenize(m["text"])),
        "clear_cache": lambda m: (worker.reset_cache(), worker.send(ev="ok")),
    }
    while not worker.closing:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        op = message.get("op")
        if op == "close":
            break
        if op in ("stop", "cancel"):
            continue  # arrived after what it meant to stop had ended
        worker.request_id = message.get("id", 0)
        try:
            handlers[op](message)
        except HearthError as exc:
            worker.send(ev="error", error=type(exc).__name__, message=exc.message, hint=exc.hint)
        except Exception as exc:
            traceback.print_exc()
            worker.send(ev="error", error=type(exc).__name__, message=f"{type(exc).__name__}: {exc}",
                        hint="see the engine log for details")
    worker.unload()


def main(conn, log_path: str) -> None:
    """Child process entry: send native and Python output to the engine log, then serve."""
    import signal

    # Ctrl+C in a terminal reaches the whole process group; the parent decides
    # what it means (stop the reply), so the engine must not die of it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    redirect_output(log_path)
    serve(conn)
