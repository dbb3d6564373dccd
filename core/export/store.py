"""The ``exports`` table: every finished export, what it is and where its GGUF lies; showing and removing one.

A merged export is also a model of the catalog (``hearth chat -m NAME``). An
adapter export is not a model on its own: its record names the catalog model
it applies to (``model``) and that model's GGUF (``base_path``), which is what
the chat engine needs to load the base and switch the adapter on.

Removing an export deletes its folder and its row together, and with them the
catalog models whose GGUF lies in that folder (a merged export's model, the
base converted for an adapter export): a model whose file is gone could not
be chatted with anyway. It is refused while another export applies on a GGUF
of the folder, or a run trains from one of those models.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import HearthError
from core.models import ModelRecord, add_gguf_record, find_model, get_model, list_models, set_template_override
from core.models.gguf_info import inspect_gguf
from core.training.caches import CacheCleanup, remove_model_caches
from core.training.store import list_runs
from core.workspace import TEMP_MARK, Workspace, atomic_write_json, read_json_object, utc_now

__all__ = ["EXPORT_KINDS", "ExportDetails", "ExportRecord", "ExportRemoval", "add_export", "check_export_name",
           "describe_export", "export_removal", "get_export", "keep_record", "list_exports", "recover_exports",
           "remove_export", "trained_chat_format"]

# Kept in each export's folder: its row and how it joined the catalog, so a lost database can be rebuilt.
RECORD_FILE = "export.json"

EXPORT_KINDS = ("merged", "adapter", "model")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,99}")
_COLUMNS = ("id", "name", "kind", "run_id", "folder", "path", "quantization", "model", "base_path", "size_bytes",
            "sha256", "verification", "created_at")


@dataclass(frozen=True)
class ExportRecord:
    """One row of ``exports``."""

    id: str
    name: str
    kind: str
    run_id: str | None
    folder: Path
    path: Path
    quantization: str | None
    model: str | None
    base_path: Path | None
    size_bytes: int
    sha256: str
    verification: str
    created_at: str

    @classmethod
    def from_row(cls, ws: Workspace, row: Any) -> ExportRecord:
        data = {key: row[key] for key in _COLUMNS}
        data["folder"], data["path"] = ws.located(data["folder"]), ws.located(data["path"])
        data["base_path"] = ws.located(data["base_path"]) if data["base_path"] else None
        return cls(**data)

    def chat_command(self) -> str:
        """The command that chats with this export."""
        if self.kind == "adapter":
            return f"hearth chat -m {self.model} --adapter {self.path}"
        return f"hearth chat -m {self.model or self.name}"


def check_export_name(ws: Workspace, name: str) -> str:
    """``name`` if it is a valid export name that no export, catalog model or folder of exports/ uses.

    Raises:
        HearthError: the name is malformed or taken.
    """
    if not _NAME.fullmatch(name):
        raise HearthError(f"export name {name!r} is not allowed",
                          "use up to 100 letters, digits, '.', '_', '+' or '-', starting with a letter or digit")
    with ws.db() as conn:
        taken = (conn.execute("SELECT 1 FROM exports WHERE name = ?", (name,)).fetchone()
                 or conn.execute("SELECT 1 FROM models WHERE name = ?", (name,)).fetchone())
    if taken or (ws.folder("exports") / name).exists():
        raise HearthError(f"the name {name!r} is taken (an export, a catalog model, or a folder in exports/)",
                          "give another with --name")
    return name


def add_export(ws: Workspace, **values: Any) -> ExportRecord:
    """Record a finished export (the columns of ``exports`` as keywords; id and time are added)."""
    row = {**dict.fromkeys(_COLUMNS), **values, "id": secrets.token_hex(4), "created_at": utc_now()}
    for key in ("folder", "path", "base_path"):
        row[key] = ws.stored(row[key]) if row[key] is not None else None
    with ws.db() as conn:
        conn.execute(f"INSERT INTO exports ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                     [row[c] for c in _COLUMNS])
    return ExportRecord.from_row(ws, row)


def list_exports(ws: Workspace, run_id: str | None = None) -> list[ExportRecord]:
    """Every export (of one run, if given), newest first."""
    query, args = "SELECT * FROM exports", ()
    if run_id is not None:
        query, args = query + " WHERE run_id = ?", (run_id,)
    with ws.db() as conn:
        return [ExportRecord.from_row(ws, r) for r in conn.execute(query + " ORDER BY created_at DESC", args)]


def get_export(ws: Workspace, ref: str) -> ExportRecord:
    """The export with this name or id.

    Raises:
        HearthError: none matches.
    """
    with ws.db() as conn:
        row = conn.execute("SELECT * FROM exports WHERE name = ? OR id = ?", (ref, ref)).fetchone()
    if row is None:
        raise HearthError(f"no export named {ref!r}", "export a run first: hearth export RUN")
    return ExportRecord.from_row(ws, row)


@dataclass(frozen=True)
class ExportDetails:
    """An export as ``hearth exports show`` tells it: its row, and what its folder says.

    Attributes:
        dataset: the dataset version its run trained on (label, id, source_sha256, recorded, note), as the export
            recorded it; for an export made before exports recorded it, its run's, with a note saying so.
        verification: ``verification.json`` (None when the export was not verified or the file is gone).
        files: (name, bytes) of each file of its folder.
        models: the catalog models whose GGUF lies in its folder.
    """

    record: ExportRecord
    dataset: dict[str, Any] | None
    verification: dict[str, Any] | None
    files: tuple[tuple[str, int], ...]
    models: tuple[str, ...]


def describe_export(ws: Workspace, ref: str) -> ExportDetails:
    """The export named ``ref`` (its name or id), with what its folder holds.

    Raises:
        HearthError: no such export.
    """
    record = get_export(ws, ref)
    folder = record.folder
    kept = read_json_object(folder / RECORD_FILE)
    verification = read_json_object(folder / "verification.json")
    dataset = kept.get("dataset") or verification.get("dataset") or _dataset_of_run(ws, record)
    files = tuple((p.name, p.stat().st_size) for p in sorted(folder.iterdir()) if p.is_file()) \
        if folder.is_dir() else ()
    return ExportDetails(record, dataset, verification or None, files,
                         tuple(m.name for m in _models_in(ws, folder)))


def _dataset_of_run(ws: Workspace, record: ExportRecord) -> dict[str, Any] | None:
    """For an export that recorded no dataset version (made before exports did): the version its run trained on."""
    from core.export.source import read_run, trained_dataset

    if not record.run_id:
        return None
    try:
        used = trained_dataset(ws, read_run(ws, record.run_id))
    except HearthError:
        return None
    note = "the export did not record the dataset version (made before exports did); its run's" \
        + (f": {used.note}" if used.note else "")
    return {**used.to_dict(), "note": note}


@dataclass(frozen=True)
class ExportRemoval:
    """What removing an export takes with it, and what stops it (:func:`export_removal`).

    Attributes:
        models: the catalog models whose GGUF lies in the export's folder: removed with it.
        runs: the runs trained on those models: they cannot be exported or resumed until the model is
            imported again.
        blocked_by: why it cannot be removed now (another export applies on a GGUF of its folder; a run is
            training from one of its models); empty when it can.
        deletes_folder: False when its folder is gone or lies outside exports/ (never deleted then).
        caches: after the removal, what happened to the training caches of the models removed.
    """

    record: ExportRecord
    models: tuple[str, ...]
    runs: tuple[str, ...]
    blocked_by: tuple[str, ...]
    deletes_folder: bool
    caches: CacheCleanup | None = None


def export_removal(ws: Workspace, ref: str) -> ExportRemoval:
    """What removing the export ``ref`` would do; nothing is changed.

    Raises:
        HearthError: no such export.
    """
    record = get_export(ws, ref)
    exports, folder = ws.folder("exports").resolve(), record.folder.resolve()
    models = _models_in(ws, record.folder)
    names = {m.name for m in models}
    blocked = [f"export {e.name} applies on {e.base_path.name}, a file of this export"
               for e in list_exports(ws) if e.id != record.id and e.base_path is not None
               and e.base_path.resolve().is_relative_to(folder)]
    runs = [r for r in list_runs(ws) if r.model in names]
    blocked += [f"run {r.id} is training from model {r.model}" for r in runs if r.state == "running"]
    inside = folder != exports and folder.is_relative_to(exports) and folder.is_dir()
    return ExportRemoval(record, tuple(sorted(names)), tuple(r.id for r in runs), tuple(blocked), inside)


def remove_export(ws: Workspace, ref: str) -> ExportRemoval:
    """Remove an export: its folder, its row and the catalog models whose GGUF lies in it, all or nothing; then
    the training caches made from those models.

    Raises:
        HearthError: no such export; it cannot be removed now (:attr:`ExportRemoval.blocked_by`); or its folder
            cannot be moved (open elsewhere, permissions); nothing is changed then.
    """
    plan = export_removal(ws, ref)
    name = plan.record.name
    if plan.blocked_by:
        raise HearthError(f"export {name} cannot be removed: " + "; ".join(plan.blocked_by),
                          "remove those exports first, or wait for the run to end (hearth runs cancel RUN)")
    models = [get_model(ws, m) for m in plan.models]
    folder = plan.record.folder
    aside = folder.with_name(f".{folder.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(3)}")
    try:
        with ws.db() as conn:
            conn.execute("DELETE FROM exports WHERE id = ?", (plan.record.id,))
            conn.executemany("DELETE FROM models WHERE id = ?", [(m.id,) for m in models])
            if plan.deletes_folder:  # in the transaction: when the folder cannot move, the rows stay
                _move_aside(folder, aside, name)
    except BaseException:
        if plan.deletes_folder and aside.exists() and not folder.exists():
            os.replace(aside, folder)  # the rows were not removed after all (the commit failed)
        raise
    shutil.rmtree(aside, ignore_errors=True)
    caches = CacheCleanup()
    for model in models:
        done = remove_model_caches(ws, model)
        caches.removed.extend(done.removed)
        caches.kept.extend(k for k in done.kept if k[0] not in {p for p, _, _ in caches.kept})
    return dataclasses.replace(plan, caches=caches)


def _move_aside(folder: Path, aside: Path, name: str) -> None:
    try:
        os.replace(folder, aside)
    except OSError as exc:
        raise HearthError(f"cannot remove the folder of export {name} ({folder}): {exc.strerror or exc}",
                          "close any chat, server or program that uses its files, then try again") from exc


def _models_in(ws: Workspace, folder: Path) -> list[ModelRecord]:
    """The catalog models whose file lies in ``folder``."""
    root = folder.resolve()
    return [m for m in list_models(ws) if m.path.resolve().is_relative_to(root)]


def keep_record(ws: Workspace, record: ExportRecord, *, source: str, plain: bool, base_converted: bool,
                dataset: dict[str, Any] | None = None) -> None:
    """Write the export's record into its folder (``export.json``), for :func:`recover_exports`; with the dataset
    version its run trained on (:meth:`core.training.provenance.TrainedOn.to_dict`) for a run's export."""
    row = {key: getattr(record, key) for key in _COLUMNS}
    for key in ("folder", "path", "base_path"):
        row[key] = ws.stored(row[key]) if row[key] is not None else None
    atomic_write_json(record.folder / RECORD_FILE, {"row": row, "source": source, "plain": plain,
                                                    "base_converted": base_converted, "dataset": dataset})


def recover_exports(ws: Workspace) -> tuple[list[str], list[str]]:
    """Record again every export whose folder holds its ``export.json`` but which the database does not list
    (after it was lost), and put its model (a merged export, or a base converted for an adapter) back in the
    catalog. Returns (names recovered, problems: folders that could not be, with the reason)."""
    known = {record.name for record in list_exports(ws)}
    recovered, problems = [], []
    for folder in sorted(p for p in ws.folder("exports").iterdir() if p.is_dir() and TEMP_MARK not in p.name):
        if folder.name in known:
            continue
        kept = folder / RECORD_FILE
        if not kept.exists():
            if any(folder.glob("*.gguf")):
                problems.append(f"{ws.stored(folder)}: made before exports kept {RECORD_FILE}; add its GGUF with "
                                f"`hearth models import {folder}/FILE.gguf`")
            continue
        try:
            data = json.loads(kept.read_text(encoding="utf-8"))
            row = {**data["row"], "folder": ws.stored(folder)}
            row["path"] = ws.stored(folder / Path(row["path"]).name)
            if row["base_path"] and data.get("base_converted"):
                row["base_path"] = ws.stored(folder / Path(row["base_path"]).name)
            gguf = ws.located(row["base_path"] if row["kind"] == "adapter" else row["path"])
            if (row["kind"] != "adapter" or data.get("base_converted")) and find_model(ws, row["model"]) is None:
                sha = (gguf.parent / f"{gguf.name}.sha256").read_text(encoding="utf-8").split()[0]
                add_gguf_record(ws, inspect_gguf(gguf), sha, name=row["model"], source=data["source"])
                if data.get("plain"):
                    set_template_override(ws, row["model"], "plain")
            with ws.db() as conn:
                conn.execute(f"INSERT OR IGNORE INTO exports ({', '.join(_COLUMNS)}) "
                             f"VALUES ({', '.join('?' * len(_COLUMNS))})", [row[c] for c in _COLUMNS])
            recovered.append(folder.name)
        except (HearthError, OSError, KeyError, ValueError) as exc:
            problems.append(f"{ws.stored(folder)}: {getattr(exc, 'message', None) or exc}")
    return recovered, problems


def trained_chat_format(ws: Workspace, adapter: Path | str) -> str | None:
    """The ``chat_format.json`` of the run an adapter export was made from (the format to prompt it in), or None
    when ``adapter`` is no adapter export of this workspace or its run kept none."""
    from core.training.store import get_run

    wanted = Path(adapter).resolve()
    for record in list_exports(ws):
        if record.kind == "adapter" and record.run_id and Path(record.path).resolve() == wanted:
            try:
                trained = get_run(ws, record.run_id).folder / "adapter" / "chat_format.json"
            except HearthError:
                return None
            return str(trained) if trained.is_file() else None
    return None
