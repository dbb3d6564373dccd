"""Serving: the models a local OpenAI-compatible server offers, the requests it accepts, the engine that answers.

- :mod:`core.serve.requests`: OpenAI-shaped request bodies, checked field by field (:class:`ApiError` names
  the field a request got wrong, or that Hearth does not support).
- :mod:`core.serve.host`: the models offered (catalog models, adapter exports on their base) and
  :class:`ModelHost`, the engine with its bounded queue of requests.
- :mod:`core.serve.options`: ``hearth serve``'s settings.
- :mod:`core.serve.shared`: :class:`SharedEngine`, the window's chat answered by a running server's engine.

The HTTP side (routes, keys, streaming, metrics) is the ``server`` front end's.
"""

from core.serve.host import Generation, ModelHost, ServedModel, served_models
from core.serve.options import LOOPBACK, ServeOptions
from core.serve.requests import (
    ApiError,
    ChatRequest,
    CompletionRequest,
    EmbeddingsRequest,
    parse_chat,
    parse_completion,
    parse_embeddings,
)
from core.serve.shared import SharedEngine

__all__ = ["LOOPBACK", "ApiError", "ChatRequest", "CompletionRequest", "EmbeddingsRequest", "Generation", "ModelHost",
           "ServeOptions", "ServedModel", "SharedEngine", "parse_chat", "parse_completion", "parse_embeddings",
           "served_models"]
