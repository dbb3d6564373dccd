"""OpenAI-shaped requests, read and checked: what a client asked for, or an :class:`ApiError` naming the field.

Only what Hearth does is accepted. A field it does not support (``n`` above 1, tools, logprobs) is refused with
a 400 that names the field, never silently ignored; a field it does not know at all is refused the same way, so
a typo is not a silent default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from core.chat import check_text
from core.errors import ConfigError, HearthError
from core.inference import SamplingOptions

__all__ = ["ApiError", "ChatRequest", "CompletionRequest", "EmbeddingsRequest", "parse_chat", "parse_completion",
           "parse_embeddings"]


class ApiError(HearthError):
    """A request refused, as the OpenAI error object says it: HTTP status, type, the parameter, a code."""

    def __init__(self, message: str, *, status: int = 400, type: str = "invalid_request_error",
                 param: str | None = None, code: str | None = None, hint: str = "") -> None:
        super().__init__(message, hint)
        self.status, self.type, self.param, self.code = status, type, param, code

    def body(self) -> dict[str, Any]:
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        return {"error": {"message": text, "type": self.type, "param": self.param, "code": self.code}}


@dataclass(frozen=True)
class ChatRequest:
    model: str
    messages: list[dict[str, str]]
    sampling: SamplingOptions
    stream: bool
    include_usage: bool
    extra: dict[str, Any]


@dataclass(frozen=True)
class CompletionRequest:
    model: str
    prompt: str
    sampling: SamplingOptions
    stream: bool
    include_usage: bool
    echo: bool
    extra: dict[str, Any]


@dataclass(frozen=True)
class EmbeddingsRequest:
    model: str
    texts: list[str]
    base64: bool


# Fields that change nothing Hearth does, taken as they are.
_INFORMATIONAL = {"user", "metadata", "store", "service_tier"}
_COMMON = {"model", "stream", "stream_options", "temperature", "top_p", "max_tokens", "stop", "seed",
           "presence_penalty", "frequency_penalty", "n", "logprobs", "logit_bias"} | _INFORMATIONAL
_CHAT = _COMMON | {"messages", "max_completion_tokens", "top_logprobs", "response_format", "tools", "tool_choice",
                   "parallel_tool_calls", "functions", "function_call"}
_COMPLETION = _COMMON | {"prompt", "echo", "suffix", "best_of"}
_ROLES = ("system", "user", "assistant")


def _refuse(field: str, why: str) -> ApiError:
    return ApiError(f"'{field}' {why}", param=field, code="unsupported_parameter")


def _check_fields(body: Any, known: set[str]) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise ApiError("the request body must be a JSON object")
    unknown = sorted(set(body) - known)
    if unknown:
        raise _refuse(unknown[0], "is not a parameter Hearth knows")
    if body.get("n", 1) not in (1, None):
        raise _refuse("n", "above 1 is not supported: send one request per choice")
    if body.get("best_of", 1) not in (1, None):
        raise _refuse("best_of", "above 1 is not supported")
    for field in ("logprobs", "top_logprobs", "logit_bias", "tools", "tool_choice", "functions", "function_call",
                  "suffix"):
        if body.get(field) not in (None, False, [], {}, "none"):
            raise _refuse(field, "is not supported")
    _response_format(body.get("response_format"))
    if not isinstance(body.get("model", ""), str) or not body.get("model"):
        raise ApiError("'model' is required: the id of a model from GET /v1/models", param="model")
    return body


def _response_format(fmt: Any) -> dict[str, Any] | None:
    """OpenAI's ``response_format``: text, any JSON object, or JSON that follows a schema (by a grammar)."""
    if fmt is None:
        return None
    kind = fmt.get("type") if isinstance(fmt, dict) else None
    if kind in ("text", "json_object") and set(fmt) == {"type"}:
        return fmt
    if kind == "json_schema":
        spec = fmt.get("json_schema")
        if not isinstance(spec, dict) or not isinstance(spec.get("schema"), dict):
            raise ApiError("'response_format.json_schema.schema' must be a JSON schema object",
                           param="response_format")
        return fmt
    raise ApiError("'response_format' must be {\"type\": \"text\"}, {\"type\": \"json_object\"} or "
                   "{\"type\": \"json_schema\", \"json_schema\": {\"name\": ..., \"schema\": {...}}}",
                   param="response_format")


def _extra(body: dict[str, Any]) -> dict[str, Any]:
    """What the batching engine's sampler takes beyond the sampling settings."""
    return {"presence_penalty": _number(body, "presence_penalty", 0.0, -2.0, 2.0),
            "frequency_penalty": _number(body, "frequency_penalty", 0.0, -2.0, 2.0),
            "response_format": _response_format(body.get("response_format"))}


def _number(body: dict[str, Any], field: str, default: float, low: float, high: float) -> float:
    value = body.get(field)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not low <= value <= high:
        raise ApiError(f"'{field}' must be a number from {low:g} to {high:g}, not {value!r}", param=field)
    return float(value)


def _sampling(body: dict[str, Any], max_tokens_cap: int, default_max: int) -> SamplingOptions:
    limit = body.get("max_completion_tokens", body.get("max_tokens"))
    field = "max_completion_tokens" if "max_completion_tokens" in body else "max_tokens"
    if limit is None:
        limit = min(default_max, max_tokens_cap)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ApiError(f"'{field}' must be a whole number of at least 1, not {limit!r}", param=field)
    if limit > max_tokens_cap:
        raise ApiError(f"'{field}' is {limit}, more than this server allows ({max_tokens_cap})", param=field,
                       code="max_tokens_exceeded")
    stop = body.get("stop") or ()
    if isinstance(stop, str):
        stop = (stop,)
    if not isinstance(stop, (list, tuple)) or len(stop) > 4 or not all(isinstance(s, str) and s for s in stop):
        raise ApiError("'stop' must be a text or a list of up to 4 texts", param="stop")
    seed = body.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ApiError(f"'seed' must be a whole number, not {seed!r}", param="seed")
    try:
        return SamplingOptions(temperature=_number(body, "temperature", 1.0, 0.0, 2.0),
                               top_p=_number(body, "top_p", 1.0, 0.0, 1.0), top_k=0, min_p=0.0,
                               repeat_penalty=1.0, seed=-1 if seed is None else seed % 2**31,
                               max_tokens=limit, stop=tuple(stop))
    except ConfigError as exc:
        raise ApiError(exc.message) from exc


def _stream_options(body: dict[str, Any]) -> tuple[bool, bool]:
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise ApiError("'stream' must be true or false", param="stream")
    options = body.get("stream_options") or {}
    if not isinstance(options, dict) or set(options) - {"include_usage"}:
        raise ApiError("'stream_options' may hold include_usage only", param="stream_options")
    if options and not stream:
        raise ApiError("'stream_options' is for streamed requests (stream: true)", param="stream_options")
    return stream, bool(options.get("include_usage", False))


def _content(message: dict[str, Any], i: int) -> str:
    content = message.get("content")
    if isinstance(content, list):  # the parts form: text parts only
        texts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text" or not isinstance(part.get("text"), str):
                raise ApiError(f"messages[{i}].content may hold text parts only", param=f"messages[{i}].content")
            texts.append(part["text"])
        content = "".join(texts)
    if not isinstance(content, str):
        raise ApiError(f"messages[{i}].content must be text", param=f"messages[{i}].content")
    try:
        return check_text(content, f"messages[{i}].content")
    except HearthError as exc:
        raise ApiError(exc.message, param=f"messages[{i}].content") from exc


def parse_chat(body: Any, *, max_tokens_cap: int, default_max_tokens: int = 512) -> ChatRequest:
    """A ``/v1/chat/completions`` body, checked.

    Raises:
        ApiError: a field is missing, malformed, out of range, unknown or unsupported (named in ``param``).
    """
    body = _check_fields(body, _CHAT)
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ApiError("'messages' must be a non-empty list", param="messages")
    turns = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise ApiError(f"messages[{i}] must be an object", param=f"messages[{i}]")
        role = "system" if message.get("role") == "developer" else message.get("role")
        if role not in _ROLES:
            raise ApiError(f"messages[{i}].role must be one of system, developer, user, assistant, not "
                           f"{message.get('role')!r}", param=f"messages[{i}].role")
        turns.append({"role": role, "content": _content(message, i)})
    stream, usage = _stream_options(body)
    return ChatRequest(body["model"], turns, _sampling(body, max_tokens_cap, default_max_tokens), stream, usage,
                       _extra(body))


def parse_completion(body: Any, *, max_tokens_cap: int, default_max_tokens: int = 16) -> CompletionRequest:
    """A ``/v1/completions`` body, checked (one prompt, as text).

    Raises:
        ApiError: as for :func:`parse_chat`.
    """
    body = _check_fields(body, _COMPLETION)
    prompt = body.get("prompt")
    if isinstance(prompt, list) and len(prompt) == 1 and isinstance(prompt[0], str):
        prompt = prompt[0]
    if not isinstance(prompt, str):
        raise ApiError("'prompt' must be one text (a batch of prompts is not supported: send one request each)",
                       param="prompt")
    try:
        check_text(prompt, "'prompt'")
    except HearthError as exc:
        raise ApiError(exc.message, param="prompt") from exc
    echo = body.get("echo", False)
    if not isinstance(echo, bool):
        raise ApiError("'echo' must be true or false", param="echo")
    stream, usage = _stream_options(body)
    return CompletionRequest(body["model"], prompt, _sampling(body, max_tokens_cap, default_max_tokens), stream,
                             usage, echo, _extra(body))


def parse_embeddings(body: Any, *, max_inputs: int = 256) -> EmbeddingsRequest:
    """A ``/v1/embeddings`` body, checked: one text or a list of texts (token arrays are not taken).

    Raises:
        ApiError: as for :func:`parse_chat`.
    """
    if not isinstance(body, dict):
        raise ApiError("the request body must be a JSON object")
    unknown = sorted(set(body) - {"model", "input", "encoding_format", "dimensions", "user"})
    if unknown:
        raise _refuse(unknown[0], "is not a parameter Hearth knows")
    if body.get("dimensions") is not None:
        raise _refuse("dimensions", "is not supported: the vectors have the model's own width")
    if not isinstance(body.get("model"), str) or not body.get("model"):
        raise ApiError("'model' is required: the id of a model from GET /v1/models", param="model")
    texts = body.get("input")
    texts = [texts] if isinstance(texts, str) else texts
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) and t for t in texts):
        raise ApiError("'input' must be a non-empty text or a list of them (token arrays are not taken)",
                       param="input")
    if len(texts) > max_inputs:
        raise ApiError(f"'input' holds {len(texts)} texts, more than {max_inputs} in one request", param="input")
    for i, text in enumerate(texts):
        try:
            check_text(text, f"input[{i}]")
        except HearthError as exc:
            raise ApiError(exc.message, param="input") from exc
    encoding = body.get("encoding_format", "float")
    if encoding not in ("float", "base64"):
        raise ApiError("'encoding_format' must be float or base64", param="encoding_format")
    return EmbeddingsRequest(body["model"], texts, encoding == "base64")
