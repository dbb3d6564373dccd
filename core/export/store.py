"""The ``exports`` table: every finished export, what it is and where its GGUF lies.

A merged export is also a model of the catalog (``hearth chat -m NAME``). An
adapter export is not a model on its own: its record names the catalog model
it applies to (``model``) and that model's GGUF (``base_path``), which is what
the chat engine needs to load the base and switch the adapter on.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import HearthError
from core.workspace import Workspace, utc_now

__all__ = ["EXPORT_KINDS", "ExportRecord", "add_export", "check_export_name", "get_export", "list_exports"]

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
