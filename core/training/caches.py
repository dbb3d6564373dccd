"""What training keeps of a catalog model, and its removal with the model.

Training makes two caches from a model, both under the workspace's ``models/`` folder:

- ``.training-cache/<sha256 prefix>/``: a GGUF base dequantised to safetensors (:mod:`core.training.base`),
  its manifest naming the GGUF's sha256;
- ``.distill-cache/topk-*.safetensors``: a teacher's top-k logits on a dataset (:mod:`core.training.teacher`),
  each file naming its teacher's weights (``model:<sha256>``, or ``run:<id>:<base>:<digests>`` for a run on
  that base) in its metadata.

Removing a model removes them too, except a training cache something still needs (another catalog model with
the same file, a run training from it now); and distillation caches written before they named their teacher,
which cannot be told apart: they are kept and counted, to be deleted by hand.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from core.models import DEFAULT_MODEL_NAME, ModelRecord, get_model, list_models, remove_model
from core.training.base import CACHE_FOLDER, MANIFEST, cache_path
from core.training.store import list_runs
from core.training.teacher import CACHE_FOLDER as DISTILL_FOLDER
from core.workspace import Workspace

__all__ = ["CacheCleanup", "remove_model_and_caches", "remove_model_caches"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CacheCleanup:
    """What removing a model did to the caches made from it.

    Attributes:
        removed: (path, bytes) of each cache deleted.
        kept: (path, bytes, why) of each cache left in place.
    """

    removed: list[tuple[Path, int]] = field(default_factory=list)
    kept: list[tuple[Path, int, str]] = field(default_factory=list)


def remove_model_and_caches(ws: Workspace, name_or_id: str, *,
                            delete_files: bool = True) -> tuple[ModelRecord, CacheCleanup]:
    """Take a model out of the catalog (:func:`core.models.remove_model`) and remove the caches made from it.

    With ``delete_files=False`` the model's files and its caches are all left on disk (importing the same file
    again reuses them); the caches are then listed as kept.

    Returns:
        The model's record as it was, and what happened to its caches.

    Raises:
        ModelError: no such model, or its files cannot be deleted; nothing is changed then.
    """
    record = get_model(ws, name_or_id)
    if not delete_files:
        remove_model(ws, record.id, delete_files=False)
        found = _caches(ws, record)
        why = "the model's files were kept, and so are the caches made from them"
        return record, CacheCleanup(kept=[(p, _size(p), why) for p in found])
    remove_model(ws, record.id, delete_files=True)
    return record, remove_model_caches(ws, record)


def remove_model_caches(ws: Workspace, record: ModelRecord) -> CacheCleanup:
    """Delete the caches made from ``record`` (a model already out of the catalog) unless still needed."""
    cleanup = CacheCleanup()
    caches = _training_caches(ws, record)
    reason = _needed(ws, record) if caches else None
    for cache in caches:
        _delete_or_keep(cache, reason, cleanup)
    mine, unrecorded = _distill_caches(ws, record)
    for path in mine:
        _delete_or_keep(path, None, cleanup)
    if unrecorded:
        folder = ws.folder("models") / DISTILL_FOLDER
        cleanup.kept.append((folder, sum(_size(p) for p in unrecorded),
                             f"{len(unrecorded)} distillation cache file(s) that do not name their teacher (written "
                             "before they did), so they cannot be told apart; delete them to free the space (a "
                             "teacher's logits are computed again when needed)"))
    return cleanup


def _caches(ws: Workspace, record: ModelRecord) -> list[Path]:
    return [*_training_caches(ws, record), *_distill_caches(ws, record)[0]]


def _training_caches(ws: Workspace, record: ModelRecord) -> list[Path]:
    """The dequantised folders made from this GGUF (by its sha256 in their manifest, or by their name)."""
    root = ws.folder("models") / CACHE_FOLDER
    if record.format != "gguf" or not root.is_dir():
        return []
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if _made_from(ws, folder, record):
            found.append(folder)
    return found


def _made_from(ws: Workspace, folder: Path, record: ModelRecord) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    manifest = manifest if isinstance(manifest, dict) else {}
    source = manifest.get("source_sha256")
    if record.sha256:  # a cache whose manifest is unreadable is known by its name
        return source == record.sha256 or (not source and folder.name == cache_path(ws, record.sha256).name)
    return manifest.get("source_path") == str(record.path)


def _needed(ws: Workspace, record: ModelRecord) -> str | None:
    """Why the training caches of ``record`` must stay: another catalog model is the same file, or a run trains
    from it now."""
    same = [m.name for m in list_models(ws) if m.format == "gguf" and m.sha256 and m.sha256 == record.sha256]
    if same:
        return f"model {same[0]} is the same file and trains from it"
    names = {record.name, "(default)"} if record.name == DEFAULT_MODEL_NAME else {record.name}
    running = [r.id for r in list_runs(ws) if r.state == "running" and r.model in names]
    if running:
        return f"run {running[0]} is training from it now; delete the folder when it has ended"
    return None


def _distill_caches(ws: Workspace, record: ModelRecord) -> tuple[list[Path], list[Path]]:
    """(the distillation caches of a teacher resting on this model, those that do not name their teacher)."""
    folder = ws.folder("models") / DISTILL_FOLDER
    if not folder.is_dir() or not record.sha256:
        return [], []
    # The teacher's identity (core.training.teacher.resolve_teacher): the model itself, or a run on it, whose
    # base is named by its training folder: a GGUF's cache (its sha256 prefix) or the Hugging Face folder.
    base = cache_path(ws, record.sha256).name if record.format == "gguf" else record.path.name
    mine, unrecorded = [], []
    for path in sorted(folder.glob("topk-*.safetensors")):
        teacher = _teacher_of(path)
        if teacher is None:
            unrecorded.append(path)
            continue
        parts = teacher.split(":")
        if teacher == f"model:{record.sha256}" or (parts[0] == "run" and len(parts) > 2 and parts[2] == base):
            mine.append(path)
    return mine, unrecorded


def _teacher_of(path: Path) -> str | None:
    """The ``teacher`` a distillation cache names in its safetensors header; None when it names none."""
    try:
        with path.open("rb") as handle:
            length = int.from_bytes(handle.read(8), "little")
            if not 0 < length < 1 << 24:
                return None
            header = json.loads(handle.read(length))
    except (OSError, ValueError):
        return None
    teacher = (header.get("__metadata__") or {}).get("teacher") if isinstance(header, dict) else None
    return teacher if isinstance(teacher, str) and teacher else None


def _delete_or_keep(path: Path, reason: str | None, cleanup: CacheCleanup) -> None:
    size = _size(path)
    if reason is not None:
        cleanup.kept.append((path, size, reason))
        return
    aside = path.with_name(f".{path.name}.removing-{secrets.token_hex(3)}")
    try:
        os.replace(path, aside)  # its name is free at once; a failure below leaves only a hidden leftover
    except OSError as exc:
        cleanup.kept.append((path, size, f"it could not be deleted: {exc.strerror or exc}"))
        return
    if aside.is_dir():
        shutil.rmtree(aside, ignore_errors=True)
    else:
        aside.unlink(missing_ok=True)
    log.info("removed %s (%d bytes), made from a model no longer in the catalog", path, size)
    cleanup.removed.append((path, size))


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0
