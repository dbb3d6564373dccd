"""Writing a deployment folder: built beside its place and renamed whole, its model files linked or copied.

The folder is built as ``<out>.partial`` next to ``<out>`` (same filesystem, so the final rename is atomic)
and renamed into place only when every file is written: a deploy that fails, is cancelled or is killed
leaves no folder under the real name. A model file is hard-linked from the workspace when both lie on one
filesystem (no second copy of gigabytes; the folder stays whole if the export is deleted later), copied
otherwise, never symlinked (the folder must be movable to another machine); either way its sha256 is
computed again and compared with the one the workspace recorded.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import stat
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import HearthError, ModelError
from core.jobs.events import Event, Progress
from core.jobs.runner import Control
from core.models.catalog import sha256_file
from core.workspace import atomic_write_text

__all__ = ["KEY_FILE", "MANIFEST", "MANIFEST_FORMAT", "PARTIAL", "Placed", "check_out", "ensure_api_key",
           "file_entry", "place_file", "publish", "staging"]

PARTIAL = ".partial"  # the suffix of the folder a deployment is built in
KEY_FILE = "api-key.txt"
MANIFEST = "deploy.json"
MANIFEST_FORMAT = "hearth.deploy"
_OWNER = ".hearth-deploy-pid"  # in the folder being built: the process building it
_CHUNK = 8 * 2**20
_PROGRESS_EVERY = 64 * 2**20


@dataclass(frozen=True)
class Placed:
    """A model file put into the folder."""

    role: str
    name: str
    sha256: str
    bytes: int
    how: str  # "hard link" or "copy"


def check_out(out: Path, force: bool) -> None:
    """Refuse an ``out`` that cannot take a deployment: a file, or a folder with something in it (unless
    ``force``, which replaces it whole once the new one is complete).

    Raises:
        HearthError: naming the folder and what to do.
    """
    if out.exists() and not out.is_dir():
        raise HearthError(f"{out} is a file, not a folder", "give --out a folder that does not exist yet")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise HearthError(f"the folder {out} is not empty",
                              "give --out a new or empty folder, or add --force to replace the deployment in it "
                              "(its api-key.txt is kept)")
        if not _is_deployment(out):  # --force deletes the folder: only ever one that hearth deploy wrote
            raise HearthError(f"the folder {out} is not empty and holds no deployment ({MANIFEST} of hearth "
                              "deploy): --force replaces only a deployment", "give --out a new or empty folder")
    if not out.parent.is_dir():
        raise HearthError(f"the folder {out.parent} (where {out.name} would go) does not exist",
                          "create it first, or give --out a folder in an existing one")


def _is_deployment(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == MANIFEST_FORMAT


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """The folder ``<out>.partial`` to build in; removed on the way out unless :func:`publish` moved it.

    A ``.partial`` folder left by a deploy that died is removed first; one that a living deploy is still
    writing is refused.
    """
    stage = out.with_name(out.name + PARTIAL)
    if stage.exists():
        owner = _owner(stage)
        import psutil

        if owner is not None and owner != os.getpid() and psutil.pid_exists(owner):
            raise HearthError(f"another deploy (process {owner}) is writing {stage}",
                              "wait for it to end, or give another --out")
        shutil.rmtree(stage)
    stage.mkdir()
    try:
        atomic_write_text(stage / _OWNER, f"{os.getpid()}\n")
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _owner(stage: Path) -> int | None:
    try:
        return int((stage / _OWNER).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def publish(stage: Path, out: Path) -> None:
    """Rename the finished ``stage`` to ``out``; an existing ``out`` (allowed by :func:`check_out`) is replaced
    after the new folder is in place."""
    (stage / _OWNER).unlink(missing_ok=True)
    old = None
    if out.is_dir():
        if any(out.iterdir()):
            old = out.with_name(f".{out.name}.replaced-{os.getpid()}-{secrets.token_hex(3)}")
            os.replace(out, old)
        else:
            out.rmdir()
    os.replace(stage, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def ensure_api_key(stage: Path, out: Path) -> Path:
    """``api-key.txt`` in ``stage`` (mode 0600): the one of the folder being replaced, else a new random key.

    Keeping the old key lets a redeploy (--force) leave every client working. The key is never printed.
    """
    dest = stage / KEY_FILE
    previous = out / KEY_FILE
    key = ""
    if previous.is_file():
        lines = [x.strip() for x in previous.read_text(encoding="utf-8").splitlines()]
        key = "\n".join(x for x in lines if x) + "\n" if any(lines) else ""
    if not key:
        key = secrets.token_urlsafe(32) + "\n"
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    os.chmod(dest, 0o600)  # (whatever the umask)
    return dest


def place_file(role: str, src: Path, dest: Path, expected: str | None,
               control: Control | None) -> Generator[Event, None, Placed]:
    """Hard-link ``src`` to ``dest`` (a copy across filesystems), then check its sha256 against ``expected``.

    A file others cannot read (the workspace keeps its files 0600) is copied instead, readable by all (0644):
    a link shares the workspace file's mode, and the service's own user could not read the model.

    Raises:
        ModelError: the file differs from what the workspace recorded.
    """
    src = Path(src).resolve()
    try:
        if not src.stat().st_mode & stat.S_IROTH:
            raise OSError(errno.EACCES, "not readable by others: copied")
        os.link(src, dest)
        how = "hard link"
        digest = yield from _hash(dest, control, f"checking {dest.name}")
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EACCES):
            raise
        how = "copy"
        digest = yield from _copy(src, dest, control)
        os.chmod(dest, 0o644)
    if expected and digest != expected:
        raise ModelError(f"{src} is not the file the workspace recorded: its sha256 is {digest}, not {expected}",
                         "the file was changed or damaged after it was made; export or import it again")
    return Placed(role, dest.name, digest, dest.stat().st_size, how)


def _hash(path: Path, control: Control | None, message: str) -> Generator[Event, None, str]:
    """The sha256 of ``path``, read a chunk at a time with progress."""
    return (yield from _stream(path, None, control, message))


def _copy(src: Path, dest: Path, control: Control | None) -> Generator[Event, None, str]:
    """Copy ``src`` to ``dest`` (hashing on the way); returns the sha256."""
    return (yield from _stream(src, dest, control, f"copying {src.name}"))


def _stream(src: Path, dest: Path | None, control: Control | None, message: str) -> Generator[Event, None, str]:
    """Read ``src`` a chunk at a time into the sha256 (and into ``dest``, a new file made durable, if given)."""
    digest, total, done, shown = hashlib.sha256(), src.stat().st_size, 0, 0
    yield Progress(0, total, message, unit="byte")
    with src.open("rb") as source, (dest.open("xb") if dest is not None else contextlib.nullcontext()) as target:
        while chunk := source.read(_CHUNK):
            if target is not None:
                target.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            if done - shown >= _PROGRESS_EVERY:
                shown = done
                yield Progress(done, total, message, unit="byte")
                if control is not None:
                    control.check()
        if target is not None:
            target.flush()
            os.fsync(target.fileno())
    yield Progress(total, total, message, unit="byte")
    return digest.hexdigest()


def file_entry(path: Path, role: str, sha256: str | None = None, how: str = "written") -> dict[str, object]:
    """A file of the folder as the manifest lists it."""
    return {"name": path.name, "role": role, "bytes": path.stat().st_size, "sha256": sha256 or sha256_file(path),
            "placed": how}
