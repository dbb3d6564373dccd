"""``hearth serve``: the local OpenAI-compatible API (the ``server`` front end), from the terminal."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from cli.common import console, friendly_errors
from cli.options import Group, config_options

__all__ = ["serve"]

KEY_ENV = "HEARTH_API_KEY"


def _serve_options() -> tuple[Group, ...]:
    from core.inference import LoadOptions
    from core.serve import ServeOptions

    return (Group("serving", ServeOptions, ("host", "port", "parallel", "max_queue", "max_tokens",
                                            "max_body_bytes", "request_timeout_s", "cors_origins", "rules",
                                            "log_content")),
            Group("load", LoadOptions, ("n_ctx", "n_threads", "n_gpu_layers"),
                  names={"n_ctx": "ctx", "n_threads": "threads", "n_gpu_layers": "gpu_layers"}))


def api_keys(key: str | None, key_file: str | None) -> list[str]:
    """The keys a client may use: --api-key, the lines of --api-key-file, or $HEARTH_API_KEY."""
    from core.errors import ConfigError

    keys = [key] if key else []
    if key_file:
        try:
            keys += [line.strip() for line in Path(key_file).read_text(encoding="utf-8").splitlines() if line.strip()]
        except OSError as exc:
            raise ConfigError(f"cannot read the API key file {key_file}: {exc.strerror}",
                              "give a file with one key per line") from exc
        if not keys:
            raise ConfigError(f"the API key file {key_file} holds no key", "write one key per line into it")
    if not keys and os.environ.get(KEY_ENV):
        keys = [os.environ[KEY_ENV]]
    short = [k for k in keys if len(k) < 16]
    if short:
        raise ConfigError("an API key must be at least 16 characters long",
                          'make one with: python3 -c "import secrets; print(secrets.token_urlsafe(32))"')
    return keys


@config_options(_serve_options)
def serve(
    serving: dict[str, Any],
    load: dict[str, Any],
    model: Annotated[str | None, typer.Option("-m", "--model", help="Load this model before the first request "
                                              "(the default model when omitted; requests may name any model of "
                                              "GET /v1/models).")] = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help=f"The key clients send as 'Authorization: "
                                                f"Bearer KEY' (or set {KEY_ENV}).")] = None,
    api_key_file: Annotated[str | None, typer.Option("--api-key-file", help="A file with one key per "
                                                     "line.")] = None,
) -> None:
    """Serve the catalog's models over a local OpenAI-compatible API (Ctrl+C stops)."""
    from core.inference import LoadOptions
    from core.serve import ServeOptions
    from core.workspace import Workspace
    from server.run import check_exposure
    from server.run import serve as run

    with friendly_errors():
        options, load_options = ServeOptions(**serving), LoadOptions(**load)
        keys = api_keys(api_key, api_key_file)
        check_exposure(options, keys)  # before anything loads
        ws = Workspace()
        locked = "with an API key" if keys else "open to this computer only (no key)"
        run(ws, options, load_options, model=model, api_keys=keys,
            on_ready=lambda url: console.print(f"serving {url} ({locked}); Ctrl+C stops", highlight=False))
