"""The settings of ``hearth serve``, declared once for the command's options and (later) the desktop's form."""

from __future__ import annotations

from dataclasses import dataclass

from core.config import check, option

__all__ = ["LOOPBACK", "ServeOptions"]

LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class ServeOptions:
    """Where the server listens and what it lets a request do."""

    host: str = option("127.0.0.1", help="the address to listen on; any other than this computer's own "
                                         "(127.0.0.1) needs an API key")
    port: int = option(8080, help="the port to listen on", min=1, max=65535)
    parallel: int = option(4, help="replies decoded together (continuous batching); each has its own context "
                                   "of --ctx tokens", min=1, max=64)
    max_queue: int = option(16, help="requests waiting beyond the ones being answered; more get 429",
                            min=0, max=10_000)
    max_tokens: int = option(4096, help="the most tokens a request may ask for (max_tokens)", min=1)
    max_body_bytes: int = option(1_000_000, help="the largest request body accepted", min=1024)
    retry_after_s: int = option(2, help="the Retry-After a 429 answer gives, in seconds", min=1)
    log_content: bool = option(False, help="write prompts and answers into the request log, not only their sizes")
    rules: str = option("", help="a JSON file of input and output rules: refuse, redact or stop (see the README)")
    request_timeout_s: float = option(600.0, help="the longest a request may take, waiting included; then it is "
                                                  "stopped and answered 504", min=1.0, max=86_400.0)
    cors_origins: str = option("", help="web pages (origins, comma-separated, e.g. http://localhost:3000) whose "
                                        "scripts may call the API; none by default")

    def __post_init__(self) -> None:
        check(self)
