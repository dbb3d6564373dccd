"""Download a model from the Hugging Face hub, only when the user asks and the machine is online.

Nothing here runs unless a person asked for a download. :func:`check_online`
answers at once (``HF_HUB_OFFLINE`` set, or the hub not reachable within about
two seconds), so an offline machine says so instead of hanging.

A download is a job (:func:`start_download`, or :func:`run_download` as the
target of :func:`core.jobs.start_job`): it fetches into
``models/.downloads/<owner>--<repo>/`` with ``huggingface_hub`` (which resumes a
partial file by itself), reports bytes as :class:`~core.jobs.Progress` events,
stops when cancelled (the partial file is kept for the next try), then checks
the file and moves it into the catalog.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlparse

from core.config import check, option
from core.errors import ConfigError, ModelError
from core.jobs.events import Artifact, Event, Log, Progress
from core.jobs.runner import Control, JobHandle, start_job
from core.models.catalog import ModelRecord, import_gguf, import_hf
from core.models.hf_folder import PICKLE_SUFFIXES
from core.workspace import Workspace

__all__ = [
    "DownloadConfig",
    "check_online",
    "choose_files",
    "download_model",
    "run_download",
    "start_download",
]

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://huggingface.co"
_TRUE = {"1", "ON", "YES", "TRUE"}
_REPO_ID = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*")
_SPLIT_GGUF = re.compile(r"-\d{5}-of-\d{5}\.gguf$")
_HF_PATTERNS = ["*.safetensors", "*.json", "*.model", "*.txt", "*.jinja", "*.tiktoken", "README.md", "LICENSE*"]
_POLL_SECONDS = 0.5
_CANCEL_GRACE_SECONDS = 10.0
_HINT_OFFLINE = "copy the model file onto this machine and import it (hearth models import FILE)"


@dataclass(frozen=True)
class DownloadConfig:
    """What to download, saved with the job."""

    KIND: ClassVar[str] = "download"
    TARGET: ClassVar[str] = "core.models.download:run_download"

    repo_id: str = option(help="the Hugging Face repository, as owner/name")
    filename: str | None = option(
        None, help="the .gguf file to fetch; when omitted the Q4_K_M one (or the only one), "
                   "or the safetensors model if the repository has no GGUF")
    revision: str | None = option(None, help="the branch, tag or commit; the default branch when omitted")
    name: str | None = option(None, help="the model's name in the catalog; the file's or repository's when omitted")

    def __post_init__(self) -> None:
        check(self)
        if not _REPO_ID.fullmatch(self.repo_id):
            raise ConfigError(f"repository {self.repo_id!r} is not a Hugging Face repository name (owner/name)",
                              "give it as on the hub, e.g. google/gemma-3-270m")


# -- online or not ---------------------------------------------------------------


def check_online(timeout: float = 2.0) -> None:
    """Return if the Hugging Face hub can be reached; raise at once if it cannot.

    Honours ``HF_HUB_OFFLINE`` (no network touched at all) and ``HF_ENDPOINT``.
    Name resolution and the connection together take at most about ``timeout`` seconds.

    Raises:
        ModelError: offline mode is set, or the hub's host cannot be resolved or connected to.
    """
    if os.environ.get("HF_HUB_OFFLINE", "").strip().upper() in _TRUE:
        raise ModelError("offline: HF_HUB_OFFLINE is set, so Hearth does not contact the Hugging Face hub",
                         f"unset HF_HUB_OFFLINE to download, or {_HINT_OFFLINE}")
    endpoint = urlparse(os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT)
    host = endpoint.hostname or ""
    port = endpoint.port or (80 if endpoint.scheme == "http" else 443)
    deadline = time.monotonic() + timeout
    try:
        address = _resolve(host, port, timeout)
        socket.create_connection(address, timeout=max(0.1, deadline - time.monotonic())).close()
    except OSError as exc:
        raise ModelError(f"offline: cannot reach the Hugging Face hub at {host}:{port} ({exc.strerror or exc})",
                         f"connect this machine to the network and try again, or {_HINT_OFFLINE}") from None


def _resolve(host: str, port: int, timeout: float) -> tuple[str, int]:
    """Resolve ``host`` with a time limit (getaddrinfo has none of its own)."""
    box: dict[str, Any] = {}

    def lookup() -> None:
        try:
            box["address"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][4][:2]
        except OSError as exc:
            box["error"] = exc

    thread = threading.Thread(target=lookup, name="hearth-resolve", daemon=True)
    thread.start()
    thread.join(timeout)
    if "address" in box:
        return box["address"]
    raise box.get("error") or TimeoutError(f"resolving {host} took over {timeout:.0f}s")


# -- what to fetch ---------------------------------------------------------------


def choose_files(files: list[str], filename: str | None = None) -> tuple[str, str | None]:
    """Decide what to fetch from a repository holding ``files``.

    Returns:
        ("gguf", the file) or ("hf", None) for the safetensors model.

    Raises:
        ModelError: the named file is not there or not GGUF, several GGUF files
            fit and none is Q4_K_M, the GGUF is split, or the repository holds
            only pickle weights or no model at all.
    """
    ggufs = sorted(f for f in files if f.endswith(".gguf") and "mmproj" not in f.lower())
    listing = ", ".join(ggufs[:12]) + (" ..." if len(ggufs) > 12 else "")
    if filename is not None:
        if filename not in files:
            raise ModelError(f"the repository has no file {filename!r}",
                             f"its GGUF files: {listing}" if ggufs else "omit the file name")
        if not filename.endswith(".gguf"):
            raise ModelError(f"{filename!r} is not a .gguf file", "name a .gguf file, or omit the file name")
        chosen = filename
    elif ggufs:
        preferred = [f for f in ggufs if "q4_k_m" in f.lower()] or (ggufs if len(ggufs) == 1 else [])
        if not preferred:
            raise ModelError(f"the repository holds several GGUF files: {listing}", "name the one to fetch")
        chosen = preferred[0]
    else:
        return _choose_hf(files)
    if _SPLIT_GGUF.search(chosen):
        raise ModelError(f"{chosen} is one part of a split GGUF model; Hearth imports single-file GGUF models",
                         "pick a repository or quantization that ships one .gguf file")
    return "gguf", chosen


def _choose_hf(files: list[str]) -> tuple[str, str | None]:
    top = [f for f in files if "/" not in f]
    if "config.json" in top and any(f.endswith(".safetensors") for f in top):
        return "hf", None
    if any(f.endswith(PICKLE_SUFFIXES) for f in top):
        raise ModelError("the repository holds only pickle weights; Hearth never loads pickle",
                         "pick a repository that ships .safetensors or .gguf files")
    raise ModelError("the repository holds no model Hearth can import (no .gguf, no safetensors with config.json)",
                     "check the repository name on the hub")


# -- the download ----------------------------------------------------------------


class _Progress:
    """What the hub's progress bars report, shared with the thread that polls it, and the cancel flag."""

    def __init__(self) -> None:
        self.bars: list[Any] = []
        self.cancel = False
        self.lock = threading.Lock()

    def bar_class(self) -> type:
        from tqdm.std import tqdm

        state = self

        class _Bar(tqdm):  # silent; counts bytes for Progress events and stops the download on cancel
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                kwargs.pop("name", None)
                kwargs["disable"] = True
                super().__init__(*args, **kwargs)
                self.counted = kwargs.get("initial", 0) or 0
                self.is_bytes = kwargs.get("unit", "it") == "B"
                with state.lock:
                    state.bars.append(self)

            def update(self, n: float | None = 1) -> bool | None:
                if state.cancel:
                    raise _Cancelled()
                self.counted += n or 0
                return super().update(n)

        return _Bar

    def done_total(self) -> tuple[float, float]:
        with self.lock:
            bars = [b for b in self.bars if b.is_bytes] or self.bars
            best = max(bars, key=lambda b: (b.total or 0, b.counted), default=None)
        return (best.counted, best.total or 0) if best is not None else (0, 0)


class _Cancelled(BaseException):
    """Raised in the download thread, through the hub's retries, when the user cancels."""


def download_model(
    ws: Workspace,
    repo_id: str,
    filename: str | None = None,
    *,
    revision: str | None = None,
    name: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Generator[Event, None, ModelRecord | None]:
    """Fetch a model from the hub and add it to the catalog, yielding progress on the way.

    Use it with ``yield from`` (its value is the record, or None when cancelled), or run it
    as a job with :func:`start_download`.

    Raises:
        ModelError: offline, the repository or file is not there (or gated), nothing
            importable, or the downloaded file fails its checks.
    """
    check_online()
    yield Progress(0, 0, f"looking up {repo_id}", unit="B")
    kind, chosen = choose_files(_list_repo_files(repo_id, revision), filename)
    staging = ws.folder("models") / ".downloads" / repo_id.replace("/", "--")
    label = f"downloading {repo_id}" + (f"/{chosen}" if chosen else "")
    fetched = yield from _follow(lambda bars: _fetch(repo_id, chosen, revision, staging, bars), cancelled, label)
    if fetched is None:
        yield Log(f"download of {repo_id} cancelled; the partial file is kept to resume from")
        return None
    yield Progress(0, 0, "checking the downloaded model", unit="B")
    source = f"hf:{repo_id}" + (f"/{chosen}" if chosen else "") + f"@{revision or 'main'}"
    if kind == "gguf":
        record = import_gguf(ws, fetched, name, move=True, source=source)
    else:
        record = import_hf(ws, fetched, name or repo_id.split("/")[-1], source=source)
    shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(OSError):  # other downloads may still be in there
        staging.parent.rmdir()
    return record


def _follow(
    call: Callable[[type], Path], cancelled: Callable[[], bool], label: str
) -> Generator[Event, None, Path | None]:
    """Run ``call`` in a thread, yielding its byte progress; None if cancelled."""
    state, box = _Progress(), {}

    def work() -> None:
        try:
            box["result"] = call(state.bar_class())
        except BaseException as exc:  # handed to the generator's thread below
            box["error"] = exc

    thread = threading.Thread(target=work, name="hearth-download", daemon=True)
    thread.start()
    last, cancel_at = None, None
    while thread.is_alive():
        thread.join(_POLL_SECONDS)
        if cancel_at is None and cancelled():
            state.cancel, cancel_at = True, time.monotonic()
        if cancel_at is not None:
            if time.monotonic() - cancel_at > _CANCEL_GRACE_SECONDS:
                break  # a stalled connection; the daemon thread goes with the job's process
            continue
        done, total = state.done_total()
        if (done, total) != last:
            last = (done, total)
            yield Progress(done, total, label, unit="B")
    if cancel_at is not None or isinstance(box.get("error"), _Cancelled):
        return None
    if "error" in box:
        raise _hub_error(box["error"])
    return box["result"]


def _list_repo_files(repo_id: str, revision: str | None) -> list[str]:
    from huggingface_hub import HfApi

    try:
        return HfApi().list_repo_files(repo_id, revision=revision)
    except Exception as exc:
        raise _hub_error(exc, repo_id) from exc


def _fetch(repo_id: str, filename: str | None, revision: str | None, staging: Path, bar_class: type) -> Path:
    """Download one file (or the safetensors model) into ``staging``; the hub resumes partial files."""
    import huggingface_hub

    if filename is not None:
        fn: Any = huggingface_hub.hf_hub_download
        kwargs: dict[str, Any] = {"filename": filename}
    else:
        fn, kwargs = huggingface_hub.snapshot_download, {"allow_patterns": _HF_PATTERNS}
    if "tqdm_class" in inspect.signature(fn).parameters:
        kwargs["tqdm_class"] = bar_class
    return Path(fn(repo_id, revision=revision, local_dir=staging, **kwargs))


def _hub_error(exc: BaseException, repo_id: str = "") -> BaseException:
    """A ModelError that says what the hub's exception means; other errors unchanged."""
    if isinstance(exc, ModelError):
        return exc
    from huggingface_hub import errors

    what = repo_id or "the repository"
    table: list[tuple[type, str, str]] = [  # subclasses before their bases
        (errors.GatedRepoError, f"{what} is gated: its terms must be accepted on the hub first",
         "accept the terms on huggingface.co and log in (hf auth login), then retry"),
        (errors.RepositoryNotFoundError, f"no repository {what} on the hub (or it is private)",
         "check the name, or log in (hf auth login) for a private repository"),
        (errors.RevisionNotFoundError, f"{what} has no such revision", "check the branch, tag or commit"),
        (errors.LocalEntryNotFoundError, "the hub could not be reached during the download",
         f"check the network and retry (the partial file is kept), or {_HINT_OFFLINE}"),
        (errors.EntryNotFoundError, f"{what} has no such file", "check the file name on the hub"),
        (errors.HfHubHTTPError, f"the hub refused the request: {exc}", "retry later"),
        (Exception, f"the download failed: {type(exc).__name__}: {exc}",
         "check the network and free disk space, then retry (a partial file is kept and resumed)"),
    ]
    for cls, message, hint in table:
        if isinstance(exc, cls):
            return ModelError(message, hint)
    return exc


# -- as a job --------------------------------------------------------------------


def run_download(config: DownloadConfig, control: Control) -> Iterator[Event]:
    """Job target: download ``config``'s model into the workspace that owns the job's folder."""
    ws = control.ws
    record = yield from download_model(ws, config.repo_id, config.filename, revision=config.revision,
                                       name=config.name, cancelled=lambda: control.cancelled)
    if record is None:
        return {"cancelled": True}
    yield Artifact(str(record.path), "model", f"model {record.name} in the catalog")
    return {"model": record.name, "id": record.id, "path": str(record.path)}


def start_download(
    ws: Workspace, repo_id: str, filename: str | None = None, *, revision: str | None = None,
    name: str | None = None,
) -> JobHandle:
    """Start a download job, after checking at once that the hub can be reached.

    Raises:
        ModelError: offline (nothing is started).
        ConfigError: the repository name is malformed.
    """
    config = DownloadConfig(repo_id, filename, revision, name)
    check_online()
    return start_job(ws, config)
