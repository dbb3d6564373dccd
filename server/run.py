"""Run the API with uvicorn: refuse an open address without a key, load the model, serve until Ctrl+C."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence

from core.errors import ConfigError
from core.inference import LoadOptions
from core.models import ensure_default_model
from core.serve import LOOPBACK, ModelHost, ServeOptions
from core.serve.filters import Rules
from core.workspace import Workspace
from server.app import RequestLog, create_app

__all__ = ["check_exposure", "serve"]

log = logging.getLogger(__name__)


def check_exposure(options: ServeOptions, api_keys: Sequence[str]) -> None:
    """Refuse to listen beyond this computer without a key.

    Raises:
        ConfigError: the host is not a loopback address and no API key is given.
    """
    if options.host not in LOOPBACK and not api_keys:
        raise ConfigError(f"listening on {options.host} lets other computers in, and no API key was given",
                          "give one with --api-key KEY or --api-key-file FILE, or keep --host 127.0.0.1")


def serve(ws: Workspace, options: ServeOptions, load: LoadOptions, *, model: str | None, api_keys: Sequence[str],
          on_ready: Callable[[str], None] = lambda _url: None) -> None:
    """Serve until interrupted, ``model`` (the default model when None) loaded before the first request."""
    import uvicorn

    check_exposure(options, api_keys)
    # The event loop, the engine's reader and the scheduler hand each token on between threads: switch sooner
    # than Python's default 5 ms, so a token waits less for the thread that sends it.
    sys.setswitchinterval(0.0005)
    rules = Rules.load(options.rules) if options.rules else Rules()  # a broken rules file stops here, not later
    if model is None:  # as the chat: the default model, assembled into the workspace on first use
        model = ensure_default_model(ws).name
    host = ModelHost(ws, load, max_queue=options.max_queue, slots=options.parallel)
    try:
        host.preload(host.find(model))
        app = create_app(host, options, api_keys=api_keys, rules=rules,
                         request_log=RequestLog(ws.folder("logs") / "serve-requests.jsonl", options.log_content))
        config = uvicorn.Config(app, host=options.host, port=options.port, log_level="warning", access_log=False)
        server = uvicorn.Server(config)
        on_ready(f"http://{options.host}:{options.port}/v1")
        server.run()
    finally:
        host.close()
