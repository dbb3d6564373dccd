"""The ``exports`` table: every finished export, what it is and where its GGUF lies.

A merged export is also a model of the catalog (``hearth chat -m NAME``). An
adapter export is not a model on its own: its record names the catalog model
it applies to (``model``) and that model's GGUF (``base_path``), which is what
the chat engine needs to load the base and switch the adapter on.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import HearthError
from core.models import add_gguf_record, find_model, set_template_override
from core.models.gguf_info import inspect_gguf
from core.workspace import TEMP_MARK, Workspace, atomic_write_json, utc_now

__all__ = ["EXPORT_KINDS", "ExportRecord", "add_export", "check_export_name", "get_export", "keep_record",
           "list_exports", "recover_exports", "trained_chat_format"]

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


def keep_record(ws: Workspace, record: ExportRecord, *, source: str, plain: bool, base_converted: bool) -> None:
    """Write the export's record into its folder (``export.json``), for :func:`recover_exports`."""
    row = {key: getattr(record, key) for key in _COLUMNS}
    for key in ("folder", "path", "base_path"):
        row[key] = ws.stored(row[key]) if row[key] is not None else None
    atomic_write_json(record.folder / RECORD_FILE,
                      {"row": row, "source": source, "plain": plain, "base_converted": base_converted})


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
