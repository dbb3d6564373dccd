"""Rebuild a workspace's database from the files on disk, when it was lost or damaged (``hearth doctor --repair``).

Every artifact folder carries what its row needs: a dataset version its manifest and splits, a run its
``config.json`` (and ``summary.json`` once done), an export its ``export.json``, a model its GGUF file or
Hugging Face folder. The repair sets a damaged or empty database aside (never deletes it), opens a new one, and
records each folder again through the store that owns it; rows whose folders are gone are dropped. What exists
only in the database is lost with it: conversations, the jobs' list, template overrides of imported models.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from core.data.versions import recover_datasets
from core.errors import WorkspaceError
from core.export.store import recover_exports
from core.models.catalog import recover_models
from core.training.store import recover_runs
from core.workspace import Workspace, home

__all__ = ["RepairReport", "repair_workspace"]


@dataclass
class RepairReport:
    """What a repair did: the database it set aside, what it recorded again, what it dropped or could not do."""

    root: Path
    set_aside: Path | None = None
    models: list[str] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def repair_workspace(root: Path | None = None) -> RepairReport:
    """Set a damaged database aside, then record every artifact on disk that the database does not list.

    Raises:
        WorkspaceError: another process has the database open, or it cannot be read for a reason that is not
            damage (permissions, a lock): nothing is changed then.
    """
    root = Path(root) if root is not None else home()
    report = RepairReport(root)
    db_path = root / "hearth.db"
    users = _users(db_path)
    if users:
        raise WorkspaceError(f"the workspace database is in use by {', '.join(users)}",
                             "close the other Hearth windows and commands (and let its jobs end), then repair")
    reason = _unusable(db_path)
    if reason is not None:
        report.set_aside = _set_aside(db_path)
        report.problems.append(f"the database {reason}; a new one was made")
    ws = Workspace(root, new_database=True)
    report.dropped = _drop_missing(ws)
    report.models, problems = recover_models(ws)
    report.problems += problems
    report.datasets, problems = recover_datasets(ws)
    report.problems += problems
    report.runs, problems = recover_runs(ws)
    report.problems += problems
    report.exports, problems = recover_exports(ws)
    report.problems += problems
    return report


def _unusable(db_path: Path) -> str | None:
    """Why the database cannot be kept (empty, not SQLite, failing its integrity check), or None."""
    if not db_path.exists():
        return None
    if db_path.stat().st_size == 0:
        return "was empty (0 bytes)"
    try:
        conn = sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            return f"could not be read ({exc})"
        raise WorkspaceError(f"the workspace database {db_path} cannot be checked: {exc}",
                             "nothing was changed: make sure it is readable, that no other Hearth holds it, and "
                             "retry") from exc
    return None if result == "ok" else f"failed its integrity check ({result})"


def _users(db_path: Path) -> list[str]:
    """Other processes that have the database open (Linux: from /proc), as "pid (command)"."""
    found = []
    target = str(db_path.resolve())
    for proc in Path("/proc").glob("[0-9]*"):
        if proc.name == str(os.getpid()):
            continue
        try:
            if any(os.readlink(fd).startswith(target) for fd in (proc / "fd").iterdir()):
                found.append(f"{proc.name} ({(proc / 'comm').read_text().strip()})")
        except OSError:
            continue
    return found


def _set_aside(db_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    os.replace(db_path, target)
    for suffix in ("-wal", "-shm"):  # the journal belongs to the file set aside, not to the new one
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def _drop_missing(ws: Workspace) -> list[str]:
    """Forget the datasets, runs and exports whose folders were deleted by hand."""
    dropped = []
    with ws.db() as conn:
        for table, label in (("datasets", "name || ':v' || version"), ("runs", "id"), ("exports", "name")):
            for row in conn.execute(f"SELECT id, folder, {label} AS label FROM {table}").fetchall():
                if not ws.located(row["folder"]).is_dir():
                    conn.execute(f"DELETE FROM {table} WHERE id = ?", (row["id"],))
                    dropped.append(f"{table[:-1]} {row['label']} (its folder is gone)")
    return dropped
