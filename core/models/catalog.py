"""The model catalog: the models a workspace knows, where their files are and what they hold.

A model is a GGUF file (chat, export base) or a Hugging Face folder of
safetensors (training base). Importing checks the file first
(:func:`~core.models.gguf_info.inspect_gguf`,
:func:`~core.models.hf_folder.inspect_hf_folder`), copies it into the
workspace's ``models/<name>/`` while hashing it (or registers it where it is),
and records it in the ``models`` table. The same file imported twice is
recognised by its sha256 and the existing record returned.

Files are only ever deleted inside the workspace's ``models/`` folder; a model
registered in place keeps its file when removed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from core.errors import HearthError, ModelError
from core.models.gguf_info import GGUFInfo, inspect_gguf
from core.models.hf_folder import HFInfo, inspect_hf_folder
from core.workspace import (
    TEMP_MARK,
    Workspace,
    atomic_write,
    atomic_write_json,
    remove_dead_temp_folders,
    require_free_space,
    utc_now,
)

__all__ = [
    "ModelRecord",
    "ProgressCallback",
    "add_gguf_record",
    "check_model_files",
    "find_model",
    "get_model",
    "import_gguf",
    "import_hf",
    "list_models",
    "recover_models",
    "remove_model",
    "resolve_gguf",
    "set_template_override",
    "sha256_file",
]

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
"""Called with (bytes done, bytes in all) while a model is copied or hashed."""

_BLOCK = 1024 * 1024
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,99}")
_HINT_NAME = "pick another name, or remove the existing model first"
_COLUMNS = (
    "id", "name", "format", "path", "architecture", "parameters", "quantization", "context_length",
    "chat_template", "template_override", "license", "size_bytes", "sha256", "source", "metadata", "created_at",
)


@dataclass(frozen=True)
class ModelRecord:
    """One model of the catalog, as its row in the ``models`` table.

    ``path`` is the GGUF file, or the folder of a Hugging Face model.
    ``template`` is the chat template to use (the override when set, else the
    model's own); ``stop_tokens`` the token texts a chat should stop on (GGUF).
    """

    id: str
    name: str
    format: str
    path: Path
    architecture: str | None
    parameters: int | None
    quantization: str | None
    context_length: int | None
    chat_template: str | None
    template_override: str | None
    license: str | None
    size_bytes: int | None
    sha256: str | None
    source: str | None
    metadata: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""

    @property
    def template(self) -> str | None:
        """The chat template in force: the override if one is set, else the model's own."""
        return self.template_override if self.template_override is not None else self.chat_template

    @property
    def stop_tokens(self) -> tuple[str, ...]:
        """Token texts that end a turn (end-of-turn markers, then eos); empty for HF folders."""
        return tuple(self.metadata.get("stop_tokens", ()))

    @classmethod
    def from_row(cls, ws: Workspace, row: sqlite3.Row | Mapping[str, Any]) -> ModelRecord:
        """The record of a ``models`` row (or a dict with the same keys)."""
        data = {key: row[key] for key in _COLUMNS}
        data["path"] = ws.located(data["path"])
        data["metadata"] = json.loads(data["metadata"] or "{}")
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the record (``path`` as text)."""
        data = dataclasses.asdict(self)
        data["path"] = str(self.path)
        return data


# -- reading the catalog ---------------------------------------------------------


def list_models(ws: Workspace, format: str | None = None) -> list[ModelRecord]:
    """Every model of the catalog (or those of one ``format``: "gguf", "hf"), oldest first."""
    query, args = "SELECT * FROM models", ()
    if format is not None:
        query, args = query + " WHERE format = ?", (format,)
    with ws.db() as conn:
        rows = conn.execute(query + " ORDER BY created_at, name", args).fetchall()
    return [ModelRecord.from_row(ws, r) for r in rows]


def find_model(ws: Workspace, name_or_id: str) -> ModelRecord | None:
    """The model with this name, id, or unique id prefix (4 characters or more); None if there is none.

    Raises:
        ModelError: the id prefix matches more than one model.
    """
    with ws.db() as conn:
        row = conn.execute("SELECT * FROM models WHERE name = ? OR id = ? ORDER BY name = ? DESC",
                           (name_or_id, name_or_id, name_or_id)).fetchone()
        if row is None and len(name_or_id) >= 4:
            rows = conn.execute("SELECT * FROM models WHERE id LIKE ? ESCAPE '\\'",
                                (_like_prefix(name_or_id),)).fetchall()
            if len(rows) > 1:
                names = ", ".join(f"{r['name']} ({r['id']})" for r in rows)
                raise ModelError(f"{name_or_id!r} matches several models: {names}", "give more of the id, or the name")
            row = rows[0] if rows else None
    return ModelRecord.from_row(ws, row) if row is not None else None


def _like_prefix(text: str) -> str:
    return re.sub(r"([%_\\])", r"\\\1", text) + "%"


def get_model(ws: Workspace, name_or_id: str) -> ModelRecord:
    """The model with this name, id, or unique id prefix.

    Raises:
        ModelError: no model matches (the hint names the known ones), or the prefix is ambiguous.
    """
    record = find_model(ws, name_or_id)
    if record is None:
        known = [m.name for m in list_models(ws)]
        hint = ("the catalog holds: " + ", ".join(known[:10]) + (" ..." if len(known) > 10 else "")
                if known else "the catalog is empty; import a model first")
        raise ModelError(f"no model named {name_or_id!r} in the catalog", hint)
    return record


def check_model_files(record: ModelRecord) -> None:
    """Check the model's files are still where the catalog says, at the size it recorded.

    Call it before loading a model, so that a moved or damaged file is reported
    as such rather than as an engine failure.

    Raises:
        ModelError: the file or folder is gone, or the GGUF file changed size.
    """
    hint = f"put the file back, or remove the model (hearth models remove {record.name}) and import it again"
    if record.format == "hf":
        if not (record.path / "config.json").is_file():
            raise ModelError(f"the folder of model {record.name!r} is gone or incomplete: {record.path}", hint)
        return
    if not record.path.is_file():
        raise ModelError(f"the file of model {record.name!r} is missing: {record.path}", hint)
    size = record.path.stat().st_size
    if record.size_bytes is not None and size != record.size_bytes:
        raise ModelError(
            f"the file of model {record.name!r} changed: {size:,} bytes, the catalog recorded {record.size_bytes:,}",
            hint,
        )


# -- importing -------------------------------------------------------------------


def import_gguf(
    ws: Workspace,
    path: Path | str,
    name: str | None = None,
    *,
    copy: bool = True,
    move: bool = False,
    source: str | None = None,
    progress: ProgressCallback | None = None,
) -> ModelRecord:
    """Check a GGUF file and add it to the catalog.

    Args:
        ws: the workspace.
        path: the ``.gguf`` file.
        name: the model's name in the catalog; the file's name without ``.gguf`` when omitted.
        copy: copy the file into ``models/<name>/`` (the default), or register it where it is.
        move: move the file into ``models/<name>/`` instead of copying it (for a file Hearth
            itself downloaded into the workspace); it is put back if the import fails.
        source: where the file came from, for the record; ``file:<path>`` when omitted.
        progress: called with (bytes done, bytes in all) while the file is hashed or copied.

    Returns:
        The new record, or the existing one if the same file (same sha256) is already in the catalog.

    Raises:
        ModelError: the file is not a usable GGUF file (see :func:`inspect_gguf`), the name is
            invalid or taken, or the copy failed (disk full, permissions).
    """
    path = Path(path).expanduser()
    info = inspect_gguf(path)  # before resolve(): a link loop is refused with a message, not a RuntimeError
    path = path.resolve()
    name = _check_name(name) if name is not None else _derive_name(path.name.removesuffix(".gguf"))
    existing, sha = _same_content(ws, "gguf", info.size_bytes, lambda: sha256_file(path, progress))
    if existing is not None:
        return existing
    _refuse_taken_name(ws, name)
    source = source or f"file:{path}"
    if not copy and not move:
        return add_gguf_record(ws, info, sha or sha256_file(path, progress), name=name, source=source)
    if not move or path.stat().st_dev != ws.folder("models").stat().st_dev:  # (a move on one disk copies nothing)
        require_free_space(ws.folder("models"), info.size_bytes, f"importing {path.name}")
    folder = _free_folder(ws, name)
    folder.mkdir(parents=True)
    dest = folder / path.name
    try:
        sha = _move_file(path, dest, sha, progress) if move else _copy_file(path, dest, progress)
        record = add_gguf_record(ws, dataclasses.replace(info, path=dest), sha, name=name, source=source)
    except BaseException:
        if move and dest.exists() and not path.exists():
            os.replace(dest, path)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if record.path != dest:  # another process registered the same file meanwhile
        if move:
            os.replace(dest, path)
        shutil.rmtree(folder, ignore_errors=True)
    return record


def add_gguf_record(ws: Workspace, info: GGUFInfo, sha256: str, *, name: str, source: str) -> ModelRecord:
    """Register the checked GGUF file ``info.path`` as it is (no copy) under ``name``.

    For files already placed by the caller (the default model, a download, an
    export). If a model with the same sha256 is already registered, that record
    is returned instead.

    Raises:
        ModelError: the name is invalid or taken.
    """
    metadata = {
        "gguf_version": info.version,
        "general_name": info.name,
        "tensor_count": info.tensor_count,
        "tensor_types": info.tensor_types,
        "vocab_size": info.vocab_size,
        "bos_token_id": info.bos_token_id,
        "eos_token_id": info.eos_token_id,
        "bos_token": info.bos_token,
        "eos_token": info.eos_token,
        "end_of_turn_tokens": list(info.end_of_turn_tokens),
        "end_of_turn_ids": list(info.end_of_turn_ids),
        "stop_tokens": list(info.stop_tokens),
        "kv": info.metadata,
    }
    values = {
        "name": _check_name(name), "format": "gguf", "path": ws.stored(info.path), "architecture": info.architecture,
        "parameters": info.parameters, "quantization": info.quantization, "context_length": info.context_length,
        "chat_template": info.chat_template, "license": info.license, "size_bytes": info.size_bytes,
        "sha256": sha256, "source": source, "metadata": metadata,
    }
    return _insert(ws, values)


def import_hf(
    ws: Workspace,
    folder: Path | str,
    name: str | None = None,
    *,
    source: str | None = None,
    progress: ProgressCallback | None = None,
) -> ModelRecord:
    """Check a Hugging Face model folder and copy its safetensors, configs and tokenizer into the catalog.

    Pickle weights, code and other formats are left behind (see :func:`inspect_hf_folder`).

    Args:
        ws: the workspace.
        folder: the folder holding ``config.json`` and the ``.safetensors`` files.
        name: the model's name in the catalog; the folder's name when omitted.
        source: where the folder came from, for the record; ``folder:<path>`` when omitted.
        progress: called with (bytes done, bytes in all) while the files are hashed or copied.

    Returns:
        The new record, or the existing one if the same files are already in the catalog.

    Raises:
        ModelError: the folder is not usable (no config.json, pickle weights only,
            a damaged safetensors file), the name is invalid or taken, or the copy failed.
    """
    folder = Path(folder).expanduser().resolve()
    info = inspect_hf_folder(folder)
    name = _check_name(name) if name is not None else _derive_name(_folder_name(folder))
    existing, _ = _same_content(ws, "hf", info.size_bytes,
                                lambda: _copy_files(folder, info.files, None, progress, info.size_bytes))
    if existing is not None:
        return existing
    _refuse_taken_name(ws, name)
    models = ws.folder("models")
    remove_dead_temp_folders(models)
    tmp = models / f".{name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(3)}"
    require_free_space(models, info.size_bytes, f"importing {folder.name}")
    tmp.mkdir()
    dest: Path | None = None
    try:
        digest = _copy_files(folder, info.files, tmp, progress, info.size_bytes)
        dest = _free_folder(ws, name)
        os.replace(tmp, dest)
        record = _insert(ws, _hf_values(ws, info, name, dest, digest, source or f"folder:{folder}"))
    except BaseException:
        shutil.rmtree(dest if dest is not None and dest.exists() else tmp, ignore_errors=True)
        raise
    if record.path != dest:
        shutil.rmtree(dest, ignore_errors=True)
    return record


def _hf_values(ws: Workspace, info: HFInfo, name: str, dest: Path, digest: str, source: str) -> dict[str, Any]:
    return {
        "name": name, "format": "hf", "path": ws.stored(dest), "architecture": info.architecture,
        "parameters": info.parameters, "quantization": info.quantization,
        "context_length": info.context_length, "chat_template": info.chat_template, "license": info.license,
        "size_bytes": info.size_bytes, "sha256": digest, "source": source,
        "metadata": {"model_type": info.model_type, "files": list(info.files), "skipped": list(info.skipped)},
    }


def recover_models(ws: Workspace) -> tuple[list[str], list[str]]:
    """Register again every model folder of ``models/`` that the database does not list (after it was lost):
    a GGUF file, or a Hugging Face folder, under the name (source, template override) its ``hearth-model.json``
    kept, else the folder's name. Returns (names recovered, problems: the
    folders that could not be, with the reason)."""
    known = {record.path.resolve() for record in list_models(ws)}
    recovered, problems = [], []
    for folder in sorted(p for p in ws.folder("models").iterdir() if p.is_dir() and TEMP_MARK not in p.name):
        ggufs = sorted(folder.glob("*.gguf"))
        target = ggufs[0] if ggufs else folder
        if target.resolve() in known or (not ggufs and not (folder / "config.json").exists()):
            continue
        try:
            kept = json.loads((folder / RECORD_FILE).read_text(encoding="utf-8")) \
                if (folder / RECORD_FILE).is_file() else {}
            name = kept.get("name") or _derive_name(folder.name)
            source = kept.get("source") or f"recovered:{ws.stored(target)}"
            if ggufs:
                record = import_gguf(ws, ggufs[0], name, copy=False, source=source)
            else:
                info = inspect_hf_folder(folder)
                digest = _copy_files(folder, info.files, None, None, info.size_bytes)
                record = _insert(ws, _hf_values(ws, info, name, folder, digest, source))
            if kept.get("template_override"):
                record = set_template_override(ws, record.name, kept["template_override"])
            recovered.append(record.name)
        except (HearthError, OSError, ValueError) as exc:
            problems.append(f"{ws.stored(folder)}: {getattr(exc, 'message', None) or exc}")
    return recovered, problems


def _folder_name(folder: Path) -> str:
    """The folder's name, or the repository's for a snapshot in the Hugging Face cache."""
    repo = folder.parent.parent.name
    if folder.parent.name == "snapshots" and repo.startswith("models--"):
        return repo.removeprefix("models--").split("--")[-1]
    return folder.name


def _insert(ws: Workspace, values: dict[str, Any]) -> ModelRecord:
    """Insert a model row; return the existing record instead if one has the same sha256."""
    row = {**dict.fromkeys(_COLUMNS), **values, "id": secrets.token_hex(4), "created_at": utc_now()}
    row["metadata"] = json.dumps(values.get("metadata") or {}, ensure_ascii=False, default=str)
    with ws.db() as conn:
        conn.execute("BEGIN IMMEDIATE")  # the checks and the insert, one writer at a time
        if row["sha256"]:
            same = conn.execute("SELECT * FROM models WHERE sha256 = ? AND format = ?",
                                (row["sha256"], row["format"])).fetchone()
            if same is not None:
                return ModelRecord.from_row(ws, same)
        if conn.execute("SELECT 1 FROM models WHERE name = ?", (row["name"],)).fetchone():
            raise ModelError(f"a model named {row['name']!r} is already in the catalog", _HINT_NAME)
        conn.execute(f"INSERT INTO models ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                     [row[c] for c in _COLUMNS])
    log.info("model %r added to the catalog (%s, %s)", row["name"], row["format"], row["path"])
    record = ModelRecord.from_row(ws, row)
    _keep_record(ws, record)
    return record


# Kept in the folder of each model the workspace holds: what a lost database cannot be rebuilt without.
RECORD_FILE = "hearth-model.json"


def _record_folder(ws: Workspace, record: ModelRecord) -> Path | None:
    folder = record.path if record.format == "hf" else record.path.parent
    models = ws.folder("models")
    return folder if folder.parent == models else None


def _keep_record(ws: Workspace, record: ModelRecord) -> None:
    folder = _record_folder(ws, record)
    if folder is not None and folder.is_dir():
        atomic_write_json(folder / RECORD_FILE, {"name": record.name, "source": record.source,
                                                 "template_override": record.template_override})


def _same_content(
    ws: Workspace, fmt: str, size: int, digest: Callable[[], str]
) -> tuple[ModelRecord | None, str | None]:
    """The usable record with the same content, found by size first so most imports hash only once."""
    candidates = [m for m in list_models(ws, fmt) if m.size_bytes == size and m.sha256]
    if not candidates:
        return None, None
    sha = digest()
    for record in candidates:
        if record.sha256 != sha:
            continue
        try:
            check_model_files(record)
        except ModelError:
            log.warning("model %r had the same content but its files are gone or damaged; registering again",
                        record.name)
            remove_model(ws, record.id)  # deletes only what is left of it inside the workspace
            return None, sha
        log.info("%s is already in the catalog as %r", fmt, record.name)
        return record, sha
    return None, sha


def _check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ModelError(
            f"model name {name!r} is not allowed",
            "use up to 100 letters, digits, '.', '_', '+' or '-', starting with a letter or digit",
        )
    return name


def _derive_name(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._+-]+", "-", text).strip("-._+")[:100]
    return name or "model"


def _refuse_taken_name(ws: Workspace, name: str) -> None:
    with ws.db() as conn:
        row = conn.execute("SELECT id, path FROM models WHERE name = ?", (name,)).fetchone()
    if row is not None:
        raise ModelError(f"a model named {name!r} is already in the catalog ({row['path']})", _HINT_NAME)


def _free_folder(ws: Workspace, name: str) -> Path:
    """A path under ``models/`` for a new model's folder that nothing occupies (leftovers are kept)."""
    models = ws.folder("models")
    for n in range(1, 1000):
        candidate = models / (name if n == 1 else f"{name}-{n}")
        if not candidate.exists():
            return candidate
    raise ModelError(f"too many folders named {name!r} in {models}", f"tidy up {models}")


# -- copying and hashing ---------------------------------------------------------


def sha256_file(path: Path | str, progress: ProgressCallback | None = None) -> str:
    """The sha256 of the file at ``path``, read in blocks.

    Raises:
        ModelError: the file cannot be read.
    """
    digest = hashlib.sha256()
    path = Path(path)
    try:
        with path.open("rb") as handle:
            _pump(handle, None, digest, progress, 0, path.stat().st_size)
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc.strerror}", "check the file and its permissions") from exc
    return digest.hexdigest()


def _pump(src: BinaryIO, dest: BinaryIO | None, digest: Any, progress: ProgressCallback | None,
          done: int, total: int) -> int:
    while block := src.read(_BLOCK):
        digest.update(block)
        if dest is not None:
            dest.write(block)
        done += len(block)
        if progress is not None:
            progress(done, total)
    return done


def _copy_file(src: Path, dest: Path, progress: ProgressCallback | None) -> str:
    """Copy ``src`` to ``dest`` atomically; return the sha256 of what was copied."""
    digest = hashlib.sha256()
    try:
        with src.open("rb") as handle, atomic_write(dest) as out:
            _pump(handle, out, digest, progress, 0, src.stat().st_size)
    except OSError as exc:
        raise _copy_error(src, dest, exc) from exc
    return digest.hexdigest()


def _move_file(src: Path, dest: Path, sha: str | None, progress: ProgressCallback | None) -> str:
    """Move ``src`` to ``dest`` (same disk); return its sha256, hashing it first unless known."""
    sha = sha or sha256_file(src, progress)
    try:
        os.replace(src, dest)
    except OSError as exc:
        raise ModelError(f"cannot move {src} to {dest}: {exc.strerror or exc}",
                         "check the workspace's models folder can be written to") from exc
    return sha


def _copy_files(folder: Path, names: Iterable[str], dest: Path | None, progress: ProgressCallback | None,
                total: int) -> str:
    """Copy (or, with ``dest`` None, only hash) files; return one digest over their names and hashes."""
    lines, done = [], 0
    for name in sorted(names):
        digest = hashlib.sha256()
        src = folder / name
        try:
            with src.open("rb") as handle:
                if dest is None:
                    done = _pump(handle, None, digest, progress, done, total)
                else:
                    with atomic_write(dest / name) as out:
                        done = _pump(handle, out, digest, progress, done, total)
        except OSError as exc:
            raise _copy_error(src, dest or folder, exc) from exc
        lines.append(f"{name}\t{digest.hexdigest()}\n")
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def _copy_error(src: Path, dest: Path, exc: OSError) -> ModelError:
    return ModelError(f"cannot copy {src} to {dest}: {exc.strerror or exc}",
                      "check there is enough free disk space and that the files can be read and written")


# -- changing and removing -------------------------------------------------------


def set_template_override(ws: Workspace, name_or_id: str, template: str | None) -> ModelRecord:
    """Use ``template`` as the model's chat template instead of its own; None or blank goes back to its own.

    Raises:
        ModelError: no such model, or the template is not valid Jinja (with the line).
    """
    record = get_model(ws, name_or_id)
    if template is not None and not template.strip():
        template = None
    if template is not None:
        _check_template(template)
    with ws.db() as conn:
        conn.execute("UPDATE models SET template_override = ? WHERE id = ?", (template, record.id))
    record = dataclasses.replace(record, template_override=template)
    _keep_record(ws, record)
    return record


def _check_template(template: str) -> None:
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    try:
        ImmutableSandboxedEnvironment().parse(template)
    except TemplateSyntaxError as exc:
        raise ModelError(f"the chat template is not valid Jinja: line {exc.lineno}: {exc.message}",
                         "fix the template at that line; see the model's own template for an example") from exc


def remove_model(ws: Workspace, name_or_id: str, *, delete_files: bool = True) -> ModelRecord:
    """Take a model out of the catalog and, by default, delete its files from the workspace.

    Files outside the workspace's ``models/`` folder (a model registered in
    place) are never deleted.

    Returns:
        The record as it was.

    Raises:
        ModelError: no such model, or its files cannot be deleted (open in a chat, permissions);
            the catalog is then left unchanged.
    """
    record = get_model(ws, name_or_id)
    models = ws.folder("models").resolve()
    owned = record.path.resolve().is_relative_to(models) and record.path.resolve() != models
    trash = _move_to_trash(record, models) if delete_files and owned else None
    with ws.db() as conn:
        conn.execute("DELETE FROM models WHERE id = ?", (record.id,))
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)
        parent = record.path.parent
        if record.format == "gguf" and parent != models and parent.is_dir():
            (parent / RECORD_FILE).unlink(missing_ok=True)
            if not any(parent.iterdir()):
                parent.rmdir()  # the model's own folder, now empty
    elif delete_files and not owned:
        log.info("model %r removed; its files outside the workspace were left in place: %s", record.name, record.path)
    return record


def _move_to_trash(record: ModelRecord, models: Path) -> Path | None:
    """Move the model's file or folder aside (so a failure leaves everything as it was); None if it is gone."""
    if not record.path.exists():
        return None
    trash = models / f".removing-{record.id}-{secrets.token_hex(3)}"
    try:
        trash.mkdir()
        os.replace(record.path, trash / record.path.name)
    except OSError as exc:
        shutil.rmtree(trash, ignore_errors=True)
        raise ModelError(f"cannot delete the files of model {record.name!r} ({record.path}): {exc.strerror or exc}",
                         "close any chat or job using the model, then try again") from exc
    return trash


def resolve_gguf(ws: Workspace, model: str) -> tuple[str, Path, str | None]:
    """(name, GGUF path, template override) of a catalog model or a GGUF file, for the engine to load.

    Raises:
        ModelError: there is no such model.
        HearthError: the model is a Hugging Face folder, which the engine cannot load.
    """
    if Path(model).suffix == ".gguf" and Path(model).is_file():
        return Path(model).stem, Path(model), None
    record = get_model(ws, model)
    if record.format != "gguf":
        raise HearthError(f"{record.name} is a Hugging Face folder; the engine runs GGUF models",
                          f"export it first (hearth convert {record.path}) and name the GGUF")
    return record.name, record.path, record.template
