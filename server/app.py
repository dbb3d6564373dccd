"""The HTTP API: OpenAI's routes over :class:`core.serve.ModelHost`, with keys, limits, streaming and metrics.

FastAPI on uvicorn: the most used ASGI stack in Python, typed request handling, streaming responses, and
the server the OpenAI-compatible peers (vLLM among them) run on.

Every answer that is not a success is OpenAI's error object, ``{"error": {"message", "type", "param",
"code"}}``, with the status OpenAI uses: 400 a request's fault (the field named), 401 no or a wrong key, 404 no
such model, 413 too large a body, 429 the queue is full (with ``Retry-After``), 500 the engine's fault.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import json
import secrets
import struct
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily

from core.inference import Reply, SamplingOptions
from core.inference.filters import OutputFilter, RuleRefused, Rules
from core.serve import ApiError, Generation, ModelHost, ServeOptions, parse_chat, parse_completion, parse_embeddings

__all__ = ["RequestLog", "create_app"]

# Routes that time themselves, to the end of their answer (a stream's last byte), not to its headers.
_TIMED_BY_ROUTE = ("/v1/chat/completions", "/v1/completions", "/v1/embeddings")
_FINISH = {"eos": "stop", "stop_string": "stop", "stopped": "stop", "length": "length", "context_full": "length"}


class _Metrics:
    """What /metrics shows (Prometheus text format), in a registry of this app's own."""

    def __init__(self, host: ModelHost, rules: Rules) -> None:
        self.registry = registry = CollectorRegistry()
        self.requests = Counter("hearth_requests_total", "HTTP requests answered, by route and status",
                                ["route", "status"], registry=registry)
        self.latency = Histogram("hearth_request_seconds", "Time from request to the last byte of the answer",
                                 ["route"], registry=registry,
                                 buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120))
        self.ttft = Histogram("hearth_time_to_first_token_seconds", "Time from request to the first generated token",
                              registry=registry, buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30))
        self.prompt_tokens = Counter("hearth_prompt_tokens_total", "Prompt tokens of the requests answered",
                                     registry=registry)
        self.generated_tokens = Counter("hearth_generated_tokens_total", "Tokens generated", registry=registry)
        self.decode_speed = Histogram("hearth_decode_tokens_per_second", "Decode speed of each reply",
                                      registry=registry, buckets=(1, 5, 10, 20, 50, 100, 200, 500, 1000))
        self.cached_tokens = Counter("hearth_prompt_cached_tokens_total", "Prompt tokens taken from a slot's "
                                     "prompt cache instead of being evaluated", registry=registry)
        self.kv_usage = Gauge("hearth_kv_cache_usage_ratio", "Share of the KV cache holding tokens (replies and "
                              "kept prompts of every slot), as the last reply ended", registry=registry)
        Gauge("hearth_queue_depth", "Requests waiting for the engine", registry=registry).set_function(
            lambda: host.queue_depth)
        Gauge("hearth_active_requests", "Requests the engine is answering now", registry=registry).set_function(
            lambda: host.active)
        Gauge("hearth_engine_restarts", "Times the engine process was started again after it died",
              registry=registry).set_function(lambda: host.engine_restarts)
        Gauge("hearth_parallel_slots", "Replies the engine can decode together", registry=registry).set_function(
            lambda: host.slots)
        registry.register(_FilterHits(rules))


class _FilterHits:
    """hearth_filter_hits_total{rule}: how often each input or output rule matched."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    def collect(self) -> Any:
        family = CounterMetricFamily("hearth_filter_hits", "Matches of each filter rule", labels=["rule"])
        for rule in (*self.rules.input, *self.rules.output):
            family.add_metric([rule.name], self.rules.hits.get(rule.name, 0))
        yield family


class RequestLog:
    """One JSON line per request: time, route, model, status, tokens, latency; the texts only when asked.
    ``on_record`` (a window's live log) gets each record too, from the server's thread."""

    def __init__(self, path: Path | None, content: bool,
                 on_record: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.path, self.content, self.on_record = path, content, on_record

    def write(self, record: dict[str, Any], texts: dict[str, Any]) -> None:
        line = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **record, **(texts if self.content else {})}
        if self.on_record is not None:
            self.on_record(line)
        if self.path is None:
            return
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def _check_input(rules: Rules, texts: list[str], param: str) -> None:
    """The input rules over a request's texts: a 400 naming the rule broken."""
    try:
        rules.check_input(texts)
    except RuleRefused as exc:
        raise ApiError(f"the request was refused by the input rule {exc.rule!r}", param=param,
                       code="input_rule") from None


def _timed_out(options: ServeOptions) -> ApiError:
    return ApiError(f"the request took longer than {options.request_timeout_s:g} s and was stopped", status=504,
                    type="timeout_error", code="request_timeout",
                    hint="ask for fewer tokens, or retry when the server is less busy")


def _error(exc: ApiError, retry_after: int) -> JSONResponse:
    headers = {"Retry-After": str(retry_after)} if exc.status == 429 else None
    return JSONResponse(exc.body(), status_code=exc.status, headers=headers)


def create_app(host: ModelHost, options: ServeOptions, *, api_keys: Sequence[str] = (),
               request_log: RequestLog | None = None, rules: Rules | None = None) -> FastAPI:
    """The API over ``host``; with ``api_keys``, every route but /health needs ``Authorization: Bearer KEY``;
    ``rules`` filter what goes in and comes out (core.inference.filters)."""
    app = FastAPI(title="Hearth", docs_url=None, redoc_url=None, openapi_url=None)
    rules = rules or Rules()
    metrics = _Metrics(host, rules)
    log = request_log or RequestLog(None, False)
    keys = [k.encode() for k in api_keys]

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        start = time.perf_counter()
        route = request.url.path
        try:
            if route != "/health" and keys:
                given = request.headers.get("authorization", "")
                token = given[7:].encode() if given.lower().startswith("bearer ") else b""
                # Compared with every key, in constant time, so the time taken says nothing about a key.
                if not any([hmac.compare_digest(token, key) for key in keys]):
                    raise ApiError("a valid API key is needed: send Authorization: Bearer KEY", status=401,
                                   code="invalid_api_key")
            length = request.headers.get("content-length")
            if length is not None and length.isdigit() and int(length) > options.max_body_bytes:
                raise ApiError(f"the request body is {int(length):,} bytes, more than this server accepts "
                               f"({options.max_body_bytes:,})", status=413, code="request_too_large")
            response = await call_next(request)
        except ApiError as exc:
            response = _error(exc, options.retry_after_s)
        matched = request.scope.get("route")
        label = getattr(matched, "path", None) or "other"  # (never the raw path: no series per random URL)
        metrics.requests.labels(label, str(response.status_code)).inc()
        if label not in _TIMED_BY_ROUTE:
            metrics.latency.labels(label).observe(time.perf_counter() - start)
        return response

    origins = [o.strip() for o in options.cors_origins.split(",") if o.strip()]
    if origins:  # off unless asked: a web page elsewhere must not reach a local model by default. Added after
        # the guard, so outside it: a preflight (which carries no key) is answered here, and a 401 gets its headers.
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc, options.retry_after_s)

    async def read_json(request: Request) -> Any:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > options.max_body_bytes:
                raise ApiError(f"the request body is more than this server accepts ({options.max_body_bytes:,} "
                               "bytes)", status=413, code="request_too_large")
        try:
            return json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(f"the request body is not JSON: {exc}") from None

    @app.get("/health")
    async def health() -> JSONResponse:
        if host.loading:
            return JSONResponse({"status": "loading"}, status_code=503)
        return JSONResponse({"status": "ok"})

    @app.get("/metrics")
    async def prometheus() -> Response:
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/v1/models")
    async def models() -> JSONResponse:
        offered = await asyncio.to_thread(host.models)
        return JSONResponse({"object": "list", "data": [
            {"id": m.id, "object": "model", "created": m.created, "owned_by": "hearth"} for m in offered]})

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Response:
        parsed = parse_chat(await read_json(request), max_tokens_cap=options.max_tokens)
        _check_input(rules, [m["content"] for m in parsed.messages], "messages")
        model = await asyncio.to_thread(host.find, parsed.model)
        generation = Generation(model, parsed.sampling, _noop, messages=parsed.messages, extra=parsed.extra)
        return await _answer(request, generation, parsed.stream, parsed.include_usage, "chat.completion",
                             parsed.messages)

    @app.post("/v1/completions")
    async def completions(request: Request) -> Response:
        parsed = parse_completion(await read_json(request), max_tokens_cap=options.max_tokens)
        _check_input(rules, [parsed.prompt], "prompt")
        model = await asyncio.to_thread(host.find, parsed.model)
        generation = Generation(model, parsed.sampling, _noop, prompt=parsed.prompt, extra=parsed.extra)
        return await _answer(request, generation, parsed.stream, parsed.include_usage, "text_completion",
                             parsed.prompt, echo=parsed.prompt if parsed.echo else "")

    @app.post("/v1/embeddings")
    async def embeddings(request: Request) -> Response:
        parsed = parse_embeddings(await read_json(request))
        rules.check_input(parsed.texts)
        model = await asyncio.to_thread(host.find, parsed.model)
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Any] = loop.create_future()
        generation = Generation(model, SamplingOptions(), lambda item: loop.call_soon_threadsafe(
            lambda: done.done() or done.set_result(item)), texts=parsed.texts)
        started = time.perf_counter()
        host.submit(generation)
        try:
            result = await asyncio.wait_for(done, options.request_timeout_s)
        except TimeoutError:
            generation.cancel()
            raise _timed_out(options) from None
        if isinstance(result, ApiError):
            raise result
        metrics.latency.labels(request.url.path).observe(time.perf_counter() - started)
        metrics.prompt_tokens.inc(result.tokens)
        data = [{"object": "embedding", "index": i,
                 "embedding": base64.b64encode(struct.pack(f"<{len(v)}f", *v)).decode() if parsed.base64 else v}
                for i, v in enumerate(result.vectors)]
        return JSONResponse({"object": "list", "data": data, "model": model.id,
                             "usage": {"prompt_tokens": result.tokens, "total_tokens": result.tokens}})

    async def _answer(request: Request, generation: Generation, stream: bool, usage: bool, kind: str,
                      asked: Any, echo: str = "") -> Response:
        loop = asyncio.get_running_loop()
        items: asyncio.Queue[Any] = asyncio.Queue()
        generation.emit = lambda item: loop.call_soon_threadsafe(items.put_nowait, item)
        started = time.perf_counter()
        host.submit(generation)  # 429 when the queue is full
        ident = f"{'chatcmpl' if kind == 'chat.completion' else 'cmpl'}-{secrets.token_hex(12)}"
        answer = _Answer(ident, kind, generation.model.id, echo)
        screen = rules.output_filter()
        route = request.url.path

        def finished(reply: Reply | None, status: int) -> None:
            metrics.latency.labels(route).observe(time.perf_counter() - started)
            record = {"route": route, "model": generation.model.id, "status": status,
                      "latency_s": round(time.perf_counter() - started, 4)}
            if reply is not None:
                m = reply.metrics
                metrics.ttft.observe(m.get("ttft_s", 0.0))
                metrics.prompt_tokens.inc(m.get("prompt_tokens", 0))
                metrics.generated_tokens.inc(m.get("generated_tokens", 0))
                metrics.cached_tokens.inc(m.get("cached_tokens", 0))
                if m.get("kv_size"):
                    metrics.kv_usage.set(m["kv_used"] / m["kv_size"])
                if m.get("tokens_per_s"):
                    metrics.decode_speed.observe(m["tokens_per_s"])
                record.update(prompt_tokens=m.get("prompt_tokens"), completion_tokens=m.get("generated_tokens"),
                              ttft_s=m.get("ttft_s"), finish_reason=_FINISH.get(reply.stop_reason, "stop"))
            log.write(record, {"request": asked, "answer": reply.text if reply is not None else None})

        deadline = loop.time() + options.request_timeout_s

        async def next_item() -> Any:
            try:
                return await asyncio.wait_for(items.get(), max(deadline - loop.time(), 0.0))
            except TimeoutError:
                generation.cancel()
                return _timed_out(options)

        if not stream:
            async def watch() -> None:  # a client that leaves before a whole answer stops it too
                while not await request.is_disconnected():
                    await asyncio.sleep(0.5)
                generation.cancel()
                items.put_nowait(ApiError("the client went away", status=499))

            watcher = asyncio.create_task(watch())
            try:
                reply = await _collect(next_item)
            except ApiError as exc:
                finished(None, exc.status)
                raise
            except asyncio.CancelledError:
                generation.cancel()
                raise
            finally:
                watcher.cancel()
            finished(reply, 200)
            return JSONResponse(answer.whole(reply, screen))

        async def events() -> AsyncIterator[str]:
            reply: Reply | None = None
            status = 499  # until the stream ends as it should: the client went away
            try:
                yield answer.sse(answer.opening())
                while True:
                    item = await next_item()
                    if isinstance(item, ApiError):
                        status = item.status
                        yield answer.sse(item.body())
                        break
                    if isinstance(item, Reply):
                        reply, status = item, 200
                        rest = screen.finish()
                        if rest:
                            yield answer.sse(answer.piece(rest))
                        yield answer.sse(answer.closing(reply, screen.stopped))
                        if usage:
                            yield answer.sse(answer.usage_chunk(reply))
                        break
                    text = screen.feed(item)
                    if text:
                        yield answer.sse(answer.piece(text))
                    if screen.stopped:  # an output rule ended the answer: the model stops too
                        generation.cancel()
                        status = 200
                        yield answer.sse(answer.closing(Reply("", "stopped"), filtered=True))
                        break
                yield "data: [DONE]\n\n"
            finally:
                generation.cancel()  # a client that went away stops its reply within a token
                finished(reply, status)

        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    return app


def _noop(_item: Any) -> None:
    """A Generation's ``emit`` until the route sets where its items go (before it is queued)."""


async def _collect(next_item: Callable[[], Awaitable[Any]]) -> Reply:
    """The whole reply (its text is the Reply's); the pieces before it are left."""
    while True:
        item = await next_item()
        if isinstance(item, ApiError):
            raise item
        if isinstance(item, Reply):
            return item


class _Answer:
    """The JSON of one answer, whole or as stream chunks, in OpenAI's shapes."""

    def __init__(self, ident: str, kind: str, model: str, echo: str) -> None:
        self.id, self.kind, self.model, self.echo = ident, kind, model, echo
        self.created = int(time.time())
        self.chat = kind == "chat.completion"

    def _frame(self, choice: dict[str, Any], **extra: Any) -> dict[str, Any]:
        kind = "chat.completion.chunk" if self.chat else "text_completion"
        return {"id": self.id, "object": kind, "created": self.created, "model": self.model,
                "choices": [{"index": 0, **choice}], **extra}

    @staticmethod
    def sse(data: dict[str, Any]) -> str:
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    @staticmethod
    def _usage(reply: Reply) -> dict[str, int]:
        prompt, completion = int(reply.metrics.get("prompt_tokens", 0)), int(reply.metrics.get("generated_tokens", 0))
        return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}

    def opening(self) -> dict[str, Any]:
        if self.chat:
            return self._frame({"delta": {"role": "assistant", "content": ""}, "finish_reason": None})
        return self._frame({"text": self.echo, "finish_reason": None})

    def piece(self, text: str) -> dict[str, Any]:
        if self.chat:
            return self._frame({"delta": {"content": text}, "finish_reason": None})
        return self._frame({"text": text, "finish_reason": None})

    def closing(self, reply: Reply, filtered: bool = False) -> dict[str, Any]:
        finish = "content_filter" if filtered else _FINISH.get(reply.stop_reason, "stop")
        return self._frame({"delta": {}, "finish_reason": finish} if self.chat
                           else {"text": "", "finish_reason": finish})

    def usage_chunk(self, reply: Reply) -> dict[str, Any]:
        kind = "chat.completion.chunk" if self.chat else "text_completion"
        return {"id": self.id, "object": kind, "created": self.created, "model": self.model, "choices": [],
                "usage": self._usage(reply)}

    def whole(self, reply: Reply, screen: OutputFilter) -> dict[str, Any]:
        text = screen.whole(reply.text)
        finish = "content_filter" if screen.stopped else _FINISH.get(reply.stop_reason, "stop")
        choice = ({"message": {"role": "assistant", "content": text}, "finish_reason": finish}
                  if self.chat else {"text": self.echo + text, "finish_reason": finish})
        return {"id": self.id, "object": self.kind, "created": self.created, "model": self.model,
                "choices": [{"index": 0, **choice}], "usage": self._usage(reply)}

