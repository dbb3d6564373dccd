"""Run the API with uvicorn: refuse an open address without a key, load the model, serve until Ctrl+C."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from core.errors import ConfigError, explain
from core.inference import LoadOptions
from core.inference.filters import Rules
from core.models import ensure_default_model
from core.serve import LOOPBACK, ModelHost, ServeOptions
from core.workspace import Workspace
from server.app import RequestLog, create_app

__all__ = ["Running", "check_exposure", "serve"]

log = logging.getLogger(__name__)


def check_exposure(options: ServeOptions, api_keys: Sequence[str]) -> None:
    """Refuse to listen beyond this computer without a key.

    Raises:
        ConfigError: the host is not a loopback address and no API key is given.
    """
    if options.host not in LOOPBACK and not api_keys:
        raise ConfigError(f"listening on {options.host} lets other computers in, and no API key was given",
                          "give one with --api-key KEY or --api-key-file FILE, or keep --host 127.0.0.1")


class Running:
    """A server started in a thread of this process (the desktop's Server page): ``stop()`` ends it."""

    def __init__(self, ws: Workspace, options: ServeOptions, load: LoadOptions, *, model: str,
                 api_keys: Sequence[str], on_record: Callable[[dict[str, Any]], None] | None = None,
                 on_state: Callable[[str, str], None] = lambda _state, _detail: None) -> None:
        import uvicorn

        check_exposure(options, api_keys)
        rules = Rules.load(options.rules) if options.rules else Rules()
        self.host = ModelHost(ws, load, max_queue=options.max_queue, slots=options.parallel)
        app = create_app(self.host, options, api_keys=api_keys, rules=rules,
                         request_log=RequestLog(ws.folder("logs") / "serve-requests.jsonl", options.log_content,
                                                on_record))
        self.server = uvicorn.Server(uvicorn.Config(app, host=options.host, port=options.port, log_level="warning",
                                                    access_log=False, timeout_graceful_shutdown=3))
        self.url = f"http://{options.host}:{options.port}/v1"
        self._model, self._on_state = model, on_state
        self.thread = threading.Thread(target=self._run, name="hearth-serve", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self._on_state("loading", self._model)
            self.host.preload(self.host.find(self._model))
            threading.Thread(target=self._announce, daemon=True).start()
            try:
                self.server.run()  # (uvicorn leaves signals alone outside the main thread)
            except SystemExit:  # uvicorn's way of saying it could not start
                raise OSError(f"the server could not listen at {self.url}: is the port taken?") from None
            self._on_state("stopped", "")
        except Exception as exc:  # told to the window, which shows it
            self._on_state("failed", explain(exc).message)
        finally:
            self.host.close()

    def _announce(self) -> None:
        """Say "serving" once the socket listens (not before: a client would be refused)."""
        while not self.server.started and self.thread.is_alive():
            time.sleep(0.02)
        if self.server.started:
            self._on_state("serving", self.url)

    def stop(self, timeout: float = 30) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


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
