"""The batching engine's child process: several replies decoded together, one llama.cpp batch per step.

Each reply has a slot: a sequence id of its own in the KV cache (``n_seq_max`` slots, each with ``n_ctx`` /
slots of context), its own sampler chain and its own prompt cache (a new prompt reuses the slot's longest common
prefix with the last one). Every step builds one batch: the next piece of each prompt still being read (prompts
are read in pieces, so a long one does not hold the others up) and the last token of each reply being written;
one ``llama_decode``, then every slot that asked for logits samples its next token. Requests join and leave
between steps (continuous batching). The protocol, over a pipe, every reply message naming its request ``rid``:

    {"op": "load", "path", "options", "slots"}        -> {"ev": "loaded", "info"} | {"ev": "error"}
    {"op": "adapters", "adapters": [[path, scale]]}    -> {"ev": "ok"} | {"ev": "error"} (only with no reply running)
    {"op": "submit", "rid", "messages"+"format" | "prompt", "sampling", "extra"}
                                                       -> {"rid", "ev": "token", "text"}*, {"rid", "ev": "done"} |
                                                          {"rid", "ev": "error"}
    {"op": "cancel", "rid"}                            ends that reply within a step (no done is sent)
    {"op": "embed", "rid", "texts"}                    -> {"rid", "ev": "embeddings", "vectors", "tokens"}
    {"op": "close"}
"""

from __future__ import annotations

import ctypes
import json
import os
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from core.childproc import redirect_output
from core.errors import ConfigError, HearthError
from core.inference.cache import common_prefix
from core.inference.prompt import ContextOverflow, fit_conversation
from core.inference.templates import PlainFormat, TemplateFormat
from core.inference.worker import _install_log, _native_errors, _TextStream, apply_adapters

__all__ = ["main"]

_ABORTABLE_PIECE = 64  # prompt tokens in a batch from which its decoding can be abandoned (fewer: done quickly)
_LOOK_EVERY_S = 0.02


@dataclass
class _Slot:
    """One sequence of the KV cache and the reply it is writing, if any."""

    seq: int
    cached: list[int] = field(default_factory=list)  # the tokens its KV cache holds, in order
    rid: Any = None
    prompt: list[int] = field(default_factory=list)
    read: int = 0  # prompt tokens evaluated so far (from the cache or by decoding)
    reused: int = 0
    sampler: Any = None
    stream: _TextStream | None = None
    sampling: dict[str, Any] = field(default_factory=dict)
    generated: int = 0
    last: int = -1  # the token sampled last, to decode next
    started: float = 0.0
    first: float | None = None
    dropped: int = 0

    @property
    def busy(self) -> bool:
        return self.rid is not None


class BatchWorker:
    """The model, its context of ``slots`` sequences, and the replies being written."""

    def __init__(self, conn) -> None:
        from core.inference.native import load_llama_cpp

        self.lc = load_llama_cpp()
        self.conn = conn
        self.model: Any = None
        self.ctx: Any = None
        self.embed_ctx: Any = None  # made on the first embeddings request: mean-pooled, one sequence
        self.vocab: Any = None
        self.batch: Any = None
        self.slots: list[_Slot] = []
        self.adapters: dict[str, Any] = {}
        self.applied: list[list[Any]] = []  # the adapters on, [path, scale] each: on the embeddings context too
        self.n_batch = 512
        self.per_slot = 0
        self.add_bos, self.bos_text = True, ""
        self.waiting: list[dict[str, Any]] = []
        self.inbox: list[dict[str, Any]] = []  # messages read while a batch was being decoded
        self.closing = False
        self.aborted = 0  # batches whose decoding was abandoned because every reply in them was cancelled
        self._in_batch: set[Any] = set()
        self._next_look = 0.0
        # Kept on self: llama.cpp holds the pointer while it is installed.
        self._abort_callback = self.lc.ggml_abort_callback(self._abandon)
        self._no_abort = self.lc.ggml_abort_callback()  # a null pointer: none installed
        _install_log(self.lc)

    def send(self, **message: Any) -> None:
        self.conn.send(message)

    def _abandon(self, _data: Any) -> bool:
        """llama.cpp's abort callback, asked between the graph's nodes while a batch with a long prompt piece is
        decoded: True (abandon the batch) once every reply in it was cancelled, or the engine is told to close.
        Looks at the pipe at most every 20 ms; what it reads waits in ``inbox`` for the loop."""
        now = time.perf_counter()
        if now < self._next_look:
            return False
        self._next_look = now + _LOOK_EVERY_S
        try:
            while self.conn.poll():
                self.inbox.append(self.conn.recv())
        except (EOFError, OSError):
            return True
        cancelled = {m.get("rid") for m in self.inbox if m.get("op") == "cancel"}
        return any(m.get("op") == "close" for m in self.inbox) or self._in_batch <= cancelled

    # -- loading ------------------------------------------------------------------------------------------------
    def load(self, path: str, options: dict[str, Any], slots: int) -> None:
        lc = self.lc
        self.unload()
        mparams = lc.llama_model_default_params()
        mparams.n_gpu_layers = options["n_gpu_layers"]
        mparams.use_mmap = options["use_mmap"]
        self.model = lc.llama_model_load_from_file(path.encode(), mparams)
        if not self.model:
            raise HearthError(f"llama.cpp could not load {path}: {_native_errors() or 'no reason given'}",
                              "check that the file is a complete GGUF of an architecture llama.cpp supports")
        self.vocab = lc.llama_model_get_vocab(self.model)
        threads = options["n_threads"] or max(os.cpu_count() or 1, 1)
        cparams = lc.llama_context_default_params()
        cparams.n_ctx = options["n_ctx"] * slots
        cparams.n_batch = cparams.n_ubatch = options["n_batch"]
        cparams.n_seq_max = slots
        cparams.n_threads = cparams.n_threads_batch = threads
        cparams.kv_unified = False  # each slot its own n_ctx, never another's
        self.ctx = lc.llama_init_from_model(self.model, cparams)
        if not self.ctx:
            raise HearthError(f"llama.cpp could not make a context of {slots} x {options['n_ctx']} tokens: "
                              f"{_native_errors() or 'no reason given'}", "use fewer slots or a smaller context")
        self.n_batch = options["n_batch"]
        self.options = options
        self.per_slot = lc.llama_n_ctx(self.ctx) // slots
        self.batch = lc.llama_batch_init(self.n_batch, 0, 1)
        self.slots = [_Slot(seq) for seq in range(slots)]
        bos = lc.llama_vocab_bos(self.vocab)
        self.bos_text = self._piece(bos, special=True) if bos >= 0 else ""
        self.add_bos = bool(lc.llama_vocab_get_add_bos(self.vocab)) and bos >= 0
        template = lc.llama_model_chat_template(self.model, None)
        eos = lc.llama_vocab_eos(self.vocab)
        self.send(ev="loaded", info={
            "n_ctx": self.per_slot, "slots": slots, "n_vocab": lc.llama_vocab_n_tokens(self.vocab),
            "chat_template": template.decode("utf-8", "replace") if template else None,
            "bos_token": self.bos_text, "eos_token": self._piece(eos, special=True) if eos >= 0 else ""})

    def unload(self) -> None:
        lc = self.lc
        for slot in self.slots:
            self._free_sampler(slot)
        self.slots = []
        for handle in self.adapters.values():
            lc.llama_adapter_lora_free(handle)
        self.adapters.clear()
        self.applied = []
        if self.batch is not None:
            lc.llama_batch_free(self.batch)
            self.batch = None
        if self.embed_ctx:
            lc.llama_free(self.embed_ctx)
            self.embed_ctx = None
        if self.ctx:
            lc.llama_free(self.ctx)
            self.ctx = None
        if self.model:
            lc.llama_model_free(self.model)
            self.model = None

    def set_adapters(self, adapters: list[list[Any]]) -> None:
        lc = self.lc
        if any(slot.busy for slot in self.slots):
            raise HearthError("adapters change only while no reply is being written", "wait for the replies")
        apply_adapters(lc, self.model, self.ctx, self.adapters, adapters)
        if self.embed_ctx:
            apply_adapters(lc, self.model, self.embed_ctx, self.adapters, adapters)
        self.applied = [list(a) for a in adapters]
        mem = lc.llama_get_memory(self.ctx)
        for slot in self.slots:  # what the caches hold was computed with other weights
            lc.llama_memory_seq_rm(mem, slot.seq, -1, -1)
            slot.cached = []
        self.send(ev="ok")

    def embed(self, rid: Any, texts: list[str]) -> None:
        """One vector per text: the model's last hidden states, mean-pooled and scaled to length 1."""
        lc = self.lc
        if not self.embed_ctx:
            cparams = lc.llama_context_default_params()
            cparams.n_ctx = cparams.n_batch = cparams.n_ubatch = self.per_slot
            cparams.n_seq_max = 1
            cparams.n_threads = cparams.n_threads_batch = self.options["n_threads"] or max(os.cpu_count() or 1, 1)
            cparams.embeddings = True
            cparams.pooling_type = lc.LLAMA_POOLING_TYPE_MEAN
            self.embed_ctx = lc.llama_init_from_model(self.model, cparams)
            if not self.embed_ctx:
                raise HearthError(f"llama.cpp could not make an embeddings context: {_native_errors()}",
                                  "this model may not give embeddings")
            if self.applied:  # an adapter export embeds with its adapter, as it answers
                apply_adapters(lc, self.model, self.embed_ctx, self.adapters, self.applied)
        width = lc.llama_model_n_embd(self.model)
        vectors, used = [], 0
        batch = lc.llama_batch_init(self.per_slot, 0, 1)
        try:
            for i, text in enumerate(texts):
                tokens = self.tokenize(text)
                if len(tokens) > self.per_slot:
                    raise ContextOverflow(f"input {i} has {len(tokens)} tokens; the context holds {self.per_slot}",
                                          "shorten it, or serve with a larger context")
                lc.llama_memory_clear(lc.llama_get_memory(self.embed_ctx), True)
                for j, token in enumerate(tokens):
                    batch.token[j], batch.pos[j], batch.n_seq_id[j], batch.logits[j] = token, j, 1, True
                    batch.seq_id[j][0] = 0
                batch.n_tokens = len(tokens)
                if lc.llama_decode(self.embed_ctx, batch) != 0:
                    raise HearthError(f"llama.cpp could not read input {i}: {_native_errors()}", "retry")
                values = lc.llama_get_embeddings_seq(self.embed_ctx, 0)
                if not values:
                    raise HearthError("llama.cpp gave no embeddings for this model", "use another model")
                vector = [float(values[k]) for k in range(width)]
                norm = sum(v * v for v in vector) ** 0.5 or 1.0
                vectors.append([v / norm for v in vector])
                used += len(tokens)
        finally:
            lc.llama_batch_free(batch)
        self.send(rid=rid, ev="embeddings", vectors=vectors, tokens=used)

    # -- text ---------------------------------------------------------------------------------------------------
    def _piece(self, token: int, special: bool) -> str:
        return self._piece_bytes(token, special).decode("utf-8", "replace")

    def _piece_bytes(self, token: int, special: bool) -> bytes:
        buf = ctypes.create_string_buffer(256)
        n = self.lc.llama_token_to_piece(self.vocab, token, buf, len(buf), 0, special)
        if n < 0:
            buf = ctypes.create_string_buffer(-n)
            n = self.lc.llama_token_to_piece(self.vocab, token, buf, len(buf), 0, special)
        return buf.raw[:max(n, 0)]

    def tokenize(self, text: str) -> list[int]:
        data = text.encode("utf-8")
        add_bos = self.add_bos and not (self.bos_text and text.startswith(self.bos_text))
        room = len(data) + 8
        tokens = (ctypes.c_int32 * room)()
        n = self.lc.llama_tokenize(self.vocab, data, len(data), tokens, room, add_bos, True)
        if n < 0:
            tokens = (ctypes.c_int32 * -n)()
            n = self.lc.llama_tokenize(self.vocab, data, len(data), tokens, -n, add_bos, True)
        return list(tokens[:n])

    # -- requests -----------------------------------------------------------------------------------------------
    def admit(self, request: dict[str, Any]) -> None:
        """Give a waiting request a free slot (the one whose cache shares most with its prompt)."""
        sampling = request["sampling"]
        limit = self.per_slot - min(sampling["max_tokens"], self.per_slot // 2)
        if "messages" in request:
            fmt = dict(request["format"])
            kind = fmt.pop("kind")
            chat_format = PlainFormat(**fmt) if kind == "plain" else TemplateFormat(**fmt)
            _prompt, tokens, dropped = fit_conversation(request["messages"], chat_format.render, self.tokenize,
                                                        limit)
            stops = list(dict.fromkeys([*sampling["stop"], *chat_format.stop_strings()]))
        else:
            tokens, dropped, stops = self.tokenize(request["prompt"]), 0, list(sampling["stop"])
            if len(tokens) >= self.per_slot:
                raise ContextOverflow(f"the prompt has {len(tokens)} tokens; the context holds {self.per_slot}",
                                      "shorten the prompt, or serve with a larger context")
        if not tokens:
            raise ConfigError("the prompt is empty (no tokens to continue from)", "send some text")
        sampler = self._sampler(sampling, request.get("extra") or {})  # (refuses a bad grammar before a slot is taken)
        free = [s for s in self.slots if not s.busy]
        slot = max(free, key=lambda s: common_prefix(s.cached, tokens))
        reuse = min(common_prefix(slot.cached, tokens), len(tokens) - 1)  # the last prompt token is decoded for logits
        mem = self.lc.llama_get_memory(self.ctx)
        if not self.lc.llama_memory_seq_rm(mem, slot.seq, reuse, -1):
            self.lc.llama_memory_seq_rm(mem, slot.seq, -1, -1)
            reuse = 0
        slot.cached = tokens[:reuse]
        slot.rid, slot.prompt, slot.read, slot.reused = request["rid"], tokens, reuse, reuse
        slot.sampling = {**sampling, "stop": stops}
        slot.stream = _TextStream(stops, strip_leading="messages" in request)
        slot.generated, slot.last, slot.first, slot.dropped = 0, -1, None, dropped
        slot.started = time.perf_counter()
        slot.sampler = sampler

    def _sampler(self, sampling: dict[str, Any], extra: dict[str, Any]) -> Any:
        """The slot's chain: the output's grammar (JSON), the penalties, then greedy or top-k/top-p/min-p/temp."""
        lc = self.lc
        chain = lc.llama_sampler_chain_init(lc.llama_sampler_chain_default_params())
        grammar = _grammar(extra.get("response_format"))
        if grammar is not None:
            sampler = lc.llama_sampler_init_grammar(self.vocab, grammar.encode(), b"root")
            if not sampler:
                lc.llama_sampler_free(chain)
                raise ConfigError(f"llama.cpp could not use the response format's grammar: {_native_errors()}",
                                  "simplify the JSON schema")
            lc.llama_sampler_chain_add(chain, sampler)
        presence, frequency = extra.get("presence_penalty", 0.0), extra.get("frequency_penalty", 0.0)
        if sampling["repeat_penalty"] != 1.0 or presence or frequency:
            lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_penalties(
                lc.llama_vocab_n_tokens(self.vocab), 64, sampling["repeat_penalty"], frequency, presence))
        if sampling["temperature"] <= 0:
            lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_greedy())
            return chain
        if sampling["top_k"] > 0:
            lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_top_k(sampling["top_k"]))
        lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_top_p(sampling["top_p"], 1))
        lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_min_p(sampling["min_p"], 1))
        lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_temp(sampling["temperature"]))
        seed = sampling["seed"] if sampling["seed"] >= 0 else int.from_bytes(os.urandom(4), "little")
        lc.llama_sampler_chain_add(chain, lc.llama_sampler_init_dist(seed))
        return chain

    def _free_sampler(self, slot: _Slot) -> None:
        if slot.sampler is not None:
            self.lc.llama_sampler_free(slot.sampler)
            slot.sampler = None

    def cancel(self, rid: Any) -> None:
        self.waiting = [r for r in self.waiting if r["rid"] != rid]
        for slot in self.slots:
            if slot.rid == rid:
                self._release(slot)

    def _release(self, slot: _Slot) -> None:
        self._free_sampler(slot)
        slot.rid, slot.stream = None, None

    def _finish(self, slot: _Slot, reason: str) -> None:
        assert slot.stream is not None
        tail = slot.stream.flush(reason)
        if tail:
            self.send(rid=slot.rid, ev="token", text=tail)
        end = time.perf_counter()
        self.send(rid=slot.rid, ev="done", text=slot.stream.text, stop_reason=reason, dropped=slot.dropped, metrics={
            "prompt_tokens": len(slot.prompt), "cached_tokens": slot.reused, "generated_tokens": slot.generated,
            "prompt_eval_s": round((slot.first or end) - slot.started, 4),
            "decode_s": round(end - (slot.first or end), 4),
            # what the KV cache holds across every slot (replies and kept prompts), of its size
            "kv_used": sum(len(s.cached) for s in self.slots), "kv_size": self.per_slot * len(self.slots)})
        self._release(slot)

    # -- a step -------------------------------------------------------------------------------------------------
    def step(self) -> None:
        """One batch: prompt pieces of the slots still reading, the last token of the slots writing."""
        lc, batch = self.lc, self.batch
        writing = [s for s in self.slots if s.busy and s.read >= len(s.prompt)]
        reading = [s for s in self.slots if s.busy and s.read < len(s.prompt)]
        n = 0
        wants: list[tuple[_Slot, int]] = []  # the slot, and where its logits are in the batch

        def add(token: int, pos: int, seq: int, logits: bool) -> None:
            nonlocal n
            batch.token[n], batch.pos[n], batch.n_seq_id[n] = token, pos, 1
            batch.seq_id[n][0] = seq
            batch.logits[n] = logits
            n += 1

        for slot in writing:
            add(slot.last, len(slot.cached), slot.seq, True)
            wants.append((slot, n - 1))
        for slot in reading:
            room = self.n_batch - n
            if room <= 0:
                break
            piece = slot.prompt[slot.read: slot.read + room]
            for i, token in enumerate(piece):
                last = slot.read + i == len(slot.prompt) - 1
                add(token, slot.read + i, slot.seq, last)
            slot.read += len(piece)
            if slot.read >= len(slot.prompt):
                wants.append((slot, n - 1))
        if n == 0:
            return
        batch.n_tokens = n
        in_batch = writing + [s for s in reading if s.read > len(s.cached)]
        if n - len(writing) >= _ABORTABLE_PIECE:  # a long prompt piece: its reply's client may leave meanwhile
            self._in_batch, self._next_look = {s.rid for s in in_batch}, 0.0
            lc.llama_set_abort_callback(self.ctx, self._abort_callback, None)
            try:
                code = lc.llama_decode(self.ctx, batch)
            finally:
                lc.llama_set_abort_callback(self.ctx, self._no_abort, None)
        else:
            code = lc.llama_decode(self.ctx, batch)
        if code == 2:  # abandoned: its replies were cancelled; what their slots held is unknown now
            self.aborted += 1
            for slot in in_batch:
                self._release(slot)
                lc.llama_memory_seq_rm(lc.llama_get_memory(self.ctx), slot.seq, -1, -1)
                slot.cached = []
            return
        if code != 0:
            for slot in [s for s in self.slots if s.busy]:
                self.send(rid=slot.rid, ev="error", error="HearthError",
                          message=f"llama.cpp could not decode the batch (code {code}): {_native_errors()}",
                          hint="lower the number of slots or the context, and retry")
                self._release(slot)
                lc.llama_memory_seq_rm(lc.llama_get_memory(self.ctx), slot.seq, -1, -1)
                slot.cached = []
            return
        for slot in writing:
            slot.cached.append(slot.last)
        for slot in reading:
            slot.cached = slot.prompt[: slot.read]
        for slot, index in wants:
            self._advance(slot, index)

    def _advance(self, slot: _Slot, index: int) -> None:
        lc = self.lc
        token = lc.llama_sampler_sample(slot.sampler, self.ctx, index)
        now = time.perf_counter()
        if slot.first is None:
            slot.first = now
        if lc.llama_vocab_is_eog(self.vocab, token):
            self._finish(slot, "eos")
            return
        slot.generated += 1
        slot.last = token
        assert slot.stream is not None
        text, hit = slot.stream.feed(self._piece_bytes(token, special=False))
        if text:
            self.send(rid=slot.rid, ev="token", text=text)
        if hit:
            self._finish(slot, "stop_string")
        elif slot.generated >= slot.sampling["max_tokens"]:
            self._finish(slot, "length")
        elif len(slot.cached) + 1 >= self.per_slot:
            self._finish(slot, "context_full")


def _grammar(response_format: dict[str, Any] | None) -> str | None:
    """The GBNF grammar an OpenAI ``response_format`` asks for: any JSON object, or JSON of a schema."""
    if not response_format or response_format.get("type") == "text":
        return None
    from llama_cpp import llama_grammar

    if response_format["type"] == "json_object":
        return llama_grammar.JSON_GBNF
    try:
        return llama_grammar.json_schema_to_gbnf(json.dumps(response_format["json_schema"]["schema"]))
    except Exception as exc:  # the converter's own errors: an unsupported schema (the request's fault)
        raise ConfigError(f"the JSON schema cannot be turned into a grammar: {type(exc).__name__}: {exc}",
                          "simplify the schema (types, properties, required, enum, arrays)") from exc


def serve(conn) -> None:
    """Read requests and run steps until the pipe closes or says close."""
    worker = BatchWorker(conn)
    while not worker.closing:
        while worker.inbox and not worker.closing:  # read while a batch was decoded
            _handle(worker, worker.inbox.pop(0))
        # Idle: wait for a message. Busy: take what arrived, then step.
        timeout = 0 if any(s.busy for s in worker.slots) or (worker.waiting and _free(worker)) else None
        try:
            while not worker.closing and conn.poll(timeout):
                _handle(worker, conn.recv())
                timeout = 0
        except (EOFError, OSError):
            break
        while worker.waiting and _free(worker):
            request = worker.waiting.pop(0)
            try:
                worker.admit(request)
            except HearthError as exc:
                worker.send(rid=request["rid"], ev="error", error=type(exc).__name__, message=exc.message,
                            hint=exc.hint)
            except Exception as exc:  # that request's failure, not the engine's
                traceback.print_exc()
                worker.send(rid=request["rid"], ev="error", error=type(exc).__name__,
                            message=f"{type(exc).__name__}: {exc}", hint="see the engine log for details")
        try:
            worker.step()
        except Exception as exc:  # a failure of a step ends the replies it carried, not the engine
            traceback.print_exc()
            for slot in [s for s in worker.slots if s.busy]:
                worker.send(rid=slot.rid, ev="error", error=type(exc).__name__, message=f"{type(exc).__name__}: "
                            f"{exc}", hint="see the engine log for details")
                worker._release(slot)
    worker.unload()


def _free(worker: BatchWorker) -> bool:
    return any(not s.busy for s in worker.slots)


def _handle(worker: BatchWorker, message: dict[str, Any]) -> None:
    op = message.get("op")
    try:
        if op == "close":
            worker.closing = True
        elif op == "submit":
            if not worker.slots:
                raise HearthError("no model is loaded in the engine", "load a model first")
            worker.waiting.append(message)
        elif op == "cancel":
            worker.cancel(message["rid"])
        elif op == "embed":
            if not worker.slots:
                raise HearthError("no model is loaded in the engine", "load a model first")
            worker.embed(message["rid"], message["texts"])
        elif op == "load":
            worker.load(message["path"], message["options"], message["slots"])
        elif op == "adapters":
            worker.set_adapters(message["adapters"])
    except HearthError as exc:
        worker.send(rid=message.get("rid"), ev="error", error=type(exc).__name__, message=exc.message, hint=exc.hint)
    except Exception as exc:
        traceback.print_exc()
        worker.send(rid=message.get("rid"), ev="error", error=type(exc).__name__,
                    message=f"{type(exc).__name__}: {exc}", hint="see the engine log for details")


def main(conn, log_path: str) -> None:
    """Child process entry: output to the engine log, then serve."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    redirect_output(log_path)
    serve(conn)
