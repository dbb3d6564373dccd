"""The workspace: Hearth's data folder, its SQLite database and atomic file writes.

The folder comes from platformdirs (the user's data directory) unless
``HEARTH_HOME`` names another. It holds ``hearth.db`` (SQLite in WAL mode, its
schema built by the ordered list of migrations below and recorded in the
database) and the artifacts: ``models/``, ``datasets/``, ``runs/``,
``exports/`` and ``jobs/``.

Artifacts are written atomically: to a temporary name in the same folder,
flushed to disk, then renamed into place, so a reader sees the old file or the
new one, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from core.errors import WorkspaceError, explain

__all__ = [
    "MIGRATIONS",
    "TEMP_MARK",
    "DatabaseLost",
    "Workspace",
    "atomic_write",
    "atomic_write_bytes",
    "atomic_write_json",
    "atomic_write_text",
    "database_backups",
    "home",
    "not_a_regular_file",
    "read_json_object",
    "remove_dead_temp_folders",
    "remove_stale_temps",
    "require_free_space",
    "utc_now",
]

log = logging.getLogger(__name__)

# Temporary files of atomic writes carry this mark and the writer's pid in their
# name, so that what a killed process left can be found and swept.
TEMP_MARK = ".hearth-tmp-"
SUBFOLDERS = ("models", "datasets", "runs", "exports", "jobs", "logs")

# Ordered and append-only: (version, name, SQL). A released migration is never
# edited; a change to the schema is a new row.
MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "jobs",
        """
        CREATE TABLE jobs (
            id          TEXT PRIMARY KEY,
            kind        TEXT NOT NULL,
            state       TEXT NOT NULL,
            folder      TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            started_at  TEXT,
            ended_at    TEXT,
            pid         INTEGER,
            owner_pid   INTEGER,
            exit_code   INTEGER,
            message     TEXT
        );
        CREATE INDEX jobs_created ON jobs (created_at);
        """,
    ),
    (
        2,
        "catalog",
        """
        CREATE TABLE models (
            id                TEXT PRIMARY KEY,
            name              TEXT NOT NULL UNIQUE,
            format            TEXT NOT NULL CHECK (format IN ('gguf', 'hf')),
            path              TEXT NOT NULL,
            architecture      TEXT,
            parameters        INTEGER,
            quantization      TEXT,
            context_length    INTEGER,
            chat_template     TEXT,
            template_override TEXT,
            license           TEXT,
            size_bytes        INTEGER,
            sha256            TEXT,
            source            TEXT,
            metadata          TEXT NOT NULL DEFAULT '{}',
            created_at        TEXT NOT NULL
        );
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        3,
        "conversations",
        """
        CREATE TABLE conversations (
            id            TEXT PRIMARY KEY,
            title         TEXT NOT NULL,
            model         TEXT,
            system_prompt TEXT NOT NULL DEFAULT '',
            current_leaf  TEXT,
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );
        CREATE TABLE messages (
            id              TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            parent_id       TEXT REFERENCES messages (id) ON DELETE CASCADE,
            role            TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
            content         TEXT NOT NULL,
            status          TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'cut', 'error')),
            model           TEXT,
            adapters        TEXT NOT NULL DEFAULT '[]',
            sampling        TEXT NOT NULL DEFAULT '{}',
            metrics         TEXT NOT NULL DEFAULT '{}',
            created_at      TEXT NOT NULL
        );
        CREATE INDEX messages_conversation ON messages (conversation_id, created_at);
        CREATE INDEX messages_parent ON messages (parent_id);
        CREATE INDEX conversations_updated ON conversations (updated_at);
        """,
    ),
    (
        4,
        "datasets",
        """
        CREATE TABLE datasets (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            version     INTEGER NOT NULL,
            folder      TEXT NOT NULL,
            source_path TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            options_sha256 TEXT NOT NULL,
            format      TEXT NOT NULL,
            records     INTEGER NOT NULL,
            rejected    INTEGER NOT NULL,
            splits      TEXT NOT NULL DEFAULT '{}',
            created_at  TEXT NOT NULL,
            UNIQUE (name, version),
            UNIQUE (source_sha256, options_sha256)
        );
        """,
    ),
    (
        5,
        "runs",
        """
        CREATE TABLE runs (
            id          TEXT PRIMARY KEY,
            model       TEXT NOT NULL,
            dataset     TEXT NOT NULL,
            method      TEXT NOT NULL,
            state       TEXT NOT NULL,
            folder      TEXT NOT NULL,
            job_id      TEXT,
            step        INTEGER NOT NULL DEFAULT 0,
            total_steps INTEGER NOT NULL DEFAULT 0,
            metrics     TEXT NOT NULL DEFAULT '{}',
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        """,
    ),
    (
        6,
        "exports",
        """
        CREATE TABLE exports (
            id           TEXT PRIMARY KEY,
            name         TEXT NOT NULL UNIQUE,
            kind         TEXT NOT NULL CHECK (kind IN ('merged', 'adapter', 'model')),
            run_id       TEXT,
            folder       TEXT NOT NULL,
            path         TEXT NOT NULL,
            quantization TEXT,
            model        TEXT,
            base_path    TEXT,
            size_bytes   INTEGER NOT NULL,
            sha256       TEXT NOT NULL,
            verification TEXT NOT NULL CHECK (verification IN ('passed', 'skipped')),
            created_at   TEXT NOT NULL
        );
        CREATE INDEX exports_run ON exports (run_id);
        """,
    ),
    (
        7,
        "process start times",
        """
        ALTER TABLE jobs ADD COLUMN pid_started INTEGER;
        ALTER TABLE jobs ADD COLUMN owner_started INTEGER;
        """,
    ),
    (
        8,
        "comparisons",
        """
        CREATE TABLE comparisons (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE,
            data        TEXT NOT NULL,
            split       TEXT NOT NULL,
            max_tokens  INTEGER NOT NULL,
            created_at  TEXT NOT NULL
        );
        CREATE TABLE comparison_questions (
            comparison_id TEXT NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
            idx           INTEGER NOT NULL,
            messages      TEXT NOT NULL,
            reference     TEXT NOT NULL,
            PRIMARY KEY (comparison_id, idx)
        );
        CREATE TABLE candidates (
            comparison_id TEXT NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
            name          TEXT NOT NULL,
            model         TEXT NOT NULL,
            adapter       TEXT,
            adapter_scale REAL NOT NULL,
            chat_format   TEXT NOT NULL,
            metrics       TEXT,
            seconds       REAL,
            created_at    TEXT NOT NULL,
            PRIMARY KEY (comparison_id, name)
        );
        CREATE TABLE answers (
            comparison_id TEXT NOT NULL,
            candidate     TEXT NOT NULL,
            idx           INTEGER NOT NULL,
            answer        TEXT NOT NULL,
            scores        TEXT NOT NULL,
            PRIMARY KEY (comparison_id, candidate, idx),
            FOREIGN KEY (comparison_id, candidate) REFERENCES candidates (comparison_id, name) ON DELETE CASCADE
        );
        CREATE TABLE votes (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            comparison_id TEXT NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
            idx           INTEGER NOT NULL,
            left_name     TEXT NOT NULL,
            right_name    TEXT NOT NULL,
            choice        TEXT NOT NULL CHECK (choice IN ('left', 'right', 'tie', 'both_bad')),
            judge         TEXT,
            created_at    TEXT NOT NULL
        );
        CREATE INDEX votes_comparison ON votes (comparison_id);
        """,
    ),
    (
        9,
        "comparison tasks",
        """
        ALTER TABLE comparisons ADD COLUMN task TEXT NOT NULL DEFAULT 'generation';
        ALTER TABLE comparisons ADD COLUMN labels TEXT;
        """,
    ),
]


def not_a_regular_file(path: Path | str) -> str | None:
    """Why ``path`` cannot be opened as an input file (it is missing, a folder, a named pipe, a device, a link
    that loops, a file of /proc, /sys or /dev), or None for a regular file. Asked before opening: a named pipe
    would block the reader forever."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
        real = path.resolve()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link that loops back on itself"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "does not exist" if not path.is_symlink() else "is a link to a file that does not exist"
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISREG(mode):
        if real.parts[1:2] in (("proc",), ("sys",)) or (real.parts[1:2] == ("dev",) and real.parts[2:3] != ("shm",)):
            return f"is a special file of the system ({real}), not a file with contents of its own"
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    return "is not a regular file"


# Left free on the disk beyond what a piece of work is expected to write: the database, logs, the system.
DISK_RESERVE = 64 * 2**20


def require_free_space(folder: Path, needed: int, what: str) -> None:
    """Refuse, before any of it is written, work expected to write ``needed`` bytes under ``folder``.

    Raises:
        WorkspaceError: the disk holding ``folder`` has less free space than that (and a small reserve).
    """
    free = shutil.disk_usage(folder).free
    if free < needed + DISK_RESERVE:
        raise WorkspaceError(
            f"{what} needs about {_mib(needed + DISK_RESERVE)} of free disk space, but the disk holding {folder} has "
            f"{_mib(free)} free",
            "free some space (or set HEARTH_HOME to a workspace on a larger disk) and run it again",
        )


def _mib(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def utc_now() -> str:
    """The current time as an ISO 8601 string in UTC, to the millisecond."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def home() -> Path:
    """The workspace folder: ``$HEARTH_HOME`` or the platform's user data folder."""
    override = os.environ.get("HEARTH_HOME")
    if override:
        return Path(override).expanduser().resolve()
    import platformdirs

    return platformdirs.user_data_path("hearth", appauthor=False)


class Workspace:
    """A workspace folder and its database.

    Args:
        root: the folder; ``home()`` when omitted. Created if missing.

    Raises:
        WorkspaceError: the folder cannot be created, or the database is
            corrupt, locked, or from a newer Hearth.
    """

    def __init__(self, root: Path | None = None, *, new_database: bool = False) -> None:
        self.root = Path(root) if root is not None else home()
        self.db_path = self.root / "hearth.db"
        if not new_database:
            _refuse_lost_database(self.root, self.db_path)
        try:
            for name in SUBFOLDERS:
                (self.root / name).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(
                f"cannot create the workspace folder {self.root}: {exc.strerror}",
                "set HEARTH_HOME to a folder you can write to",
            ) from exc
        self.schema_version = migrate(self.db_path)

    def stored(self, path: Path | str) -> str:
        """``path`` as the database keeps it: relative to the workspace when it lies inside (so a moved workspace
        keeps working), absolute when it lies elsewhere (a model registered in place)."""
        path = Path(path)
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def located(self, stored: str) -> Path:
        """A path the database kept, as a path here: a relative one under this workspace; an absolute one
        recorded inside a workspace folder elsewhere (older Hearth stored them so) as the same place in this one
        when it is there (the workspace was moved or copied), else as it was."""
        path = Path(stored)
        if not path.is_absolute():
            return self.root / path
        if not path.is_relative_to(self.root):  # recorded in a workspace folder elsewhere: is it here now?
            parts = path.parts
            for i in range(len(parts) - 2, 0, -1):
                if parts[i] in SUBFOLDERS:
                    here = self.root.joinpath(*parts[i:])
                    if here.exists():  # this workspace's own copy, not the other one's (a copied workspace)
                        return here
                    break
        return path

    def folder(self, name: str) -> Path:
        """One of the workspace's folders (models, datasets, runs, exports, jobs, logs)."""
        if name not in SUBFOLDERS:
            raise ValueError(f"unknown workspace folder {name!r}")
        return self.root / name

    @contextlib.contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """A connection in a transaction: committed on success, rolled back on error."""
        conn = _connect(self.db_path)
        try:
            with conn:
                yield conn
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.db_path, exc) from exc
        finally:
            conn.close()


class DatabaseLost(WorkspaceError):
    """The workspace's database is empty or missing while its folders hold datasets, runs or models."""


# Where the work of a workspace lies on disk: a database that lists none of it while these hold some was lost.
_ARTIFACTS = ("datasets/*/v*/manifest.json", "runs/*/config.json", "exports/*/*.gguf", "models/*/*.gguf",
              "models/*/config.json")


def database_backups(db_path: Path) -> list[Path]:
    """The copies of the database kept beside it (before each migration, and set aside by a repair), newest
    first."""
    found = [p for p in db_path.parent.glob(f"{db_path.name}.*")
             if p.name[len(db_path.name) + 1:].startswith(("before-v", "damaged-")) and p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _refuse_lost_database(root: Path, db_path: Path) -> None:
    """An empty (or missing) database in a workspace that holds work would silently start a new catalog and
    hide all of it: say so, and offer the repair and the backups, instead."""
    try:
        size = db_path.stat().st_size
    except FileNotFoundError:
        size = None
    except OSError:
        return  # unreadable: opening it says why
    if size not in (None, 0) or not any(next(root.glob(pattern), None) for pattern in _ARTIFACTS):
        return
    state = "is empty (0 bytes)" if size == 0 else "is missing"
    backups = [b for b in database_backups(db_path) if ".before-v" in b.name]  # (not the damaged ones set aside)
    offer = ""
    if backups:
        newest = backups[0]
        when = datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        offer = (f"; or put back a copy kept before a change ({len(backups)} kept, the newest {newest.name} from "
                 f"{when}): `cp {newest} {db_path}`")
    raise DatabaseLost(
        f"the workspace database {db_path} {state}, yet the workspace holds datasets, runs or models: "
        "opening it as new would hide them",
        "run `hearth doctor --repair` to rebuild the lists of datasets, runs, models and exports from the files "
        f"on disk (conversations cannot be rebuilt){offer}",
    )


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _db_error(path: Path, exc: sqlite3.DatabaseError) -> WorkspaceError:
    text = str(exc)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return WorkspaceError(
            f"the workspace database {path} is damaged ({text})",
            "run `hearth doctor --repair`: it sets the damaged file aside and rebuilds the lists from the files in "
            f"models/, datasets/, runs/ and exports/ (untouched); or restore a {path.name}.before-v* copy",
        )
    try:
        fs = os.statvfs(path.parent)
    except OSError:
        fs = None
    if fs is not None and fs.f_flag & os.ST_RDONLY:
        return WorkspaceError(f"the workspace {path.parent} is on a read-only file system ({text})",
                              "use a workspace on a writable disk: set HEARTH_HOME (or choose one in the desktop's "
                              "settings), or remount the disk writable")
    if fs is not None and fs.f_bavail * fs.f_frsize < 2**20:
        return WorkspaceError(f"the disk holding the workspace {path.parent} is full ({text})",
                              "free some space (or set HEARTH_HOME to a workspace on a larger disk) and run the "
                              "command again")
    explained = explain(exc)
    return WorkspaceError(f"{explained.message}: {path}", explained.hint)


def migrate(path: Path, migrations: list[tuple[int, str, str]] | None = None) -> int:
    """Bring the database at ``path`` up to the newest schema; return its version.

    Each migration runs in its own transaction and is recorded in
    ``schema_migrations``. Before an existing database is changed, a copy is
    kept beside it as ``hearth.db.before-vN``.

    Raises:
        WorkspaceError: the file is not a SQLite database, or it was written by
            a newer Hearth (a schema version this one does not know).
    """
    migrations = MIGRATIONS if migrations is None else migrations
    newest = migrations[-1][0] if migrations else 0
    try:
        conn = _connect(path)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            current = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
            if current > newest:
                raise WorkspaceError(
                    f"the workspace database {path} has schema version {current}, newer than this "
                    f"Hearth knows ({newest}); it was written by a newer Hearth",
                    "upgrade Hearth, or set HEARTH_HOME to another folder; the database was left unchanged",
                )
            pending = [m for m in migrations if m[0] > current]
            if pending and current > 0:
                _backup(conn, path.with_name(f"{path.name}.before-v{pending[0][0]}"))
            for version, name, sql in pending:
                _apply(conn, version, name, sql)
            return max(current, newest)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _db_error(path, exc) from exc


def _apply(conn: sqlite3.Connection, version: int, name: str, sql: str) -> None:
    # executescript() would commit on its own; opening the transaction in the
    # script keeps the migration and its record together, landed whole or not at all.
    try:
        conn.executescript(f"BEGIN;\n{sql}")
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, utc_now()))
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    log.info("workspace database migrated to version %d (%s)", version, name)


def _backup(conn: sqlite3.Connection, target: Path) -> None:
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()


@contextlib.contextmanager
def atomic_write(path: Path | str, mode: str = "wb", encoding: str | None = None) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` whole.

    The data is flushed and fsync'ed before the rename, and the folder after it,
    so after a crash ``path`` holds either the old content or the new. On an
    exception the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}{os.getpid()}-", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def atomic_write_json(path: Path | str, value: Any) -> None:
    """Write ``value`` as indented JSON to ``path`` atomically."""
    atomic_write_text(path, json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def read_json_object(path: Path | str) -> dict[str, Any]:
    """The JSON object in ``path``; an empty dict when the file is missing, unreadable or not an object."""
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def remove_stale_temps(folder: Path, pid: int) -> list[Path]:
    """Remove what the atomic writes of process ``pid`` left under ``folder``.

    Call it once that process has ended: its unfinished writes are garbage.
    """
    removed = []
    for tmp in folder.rglob(f".*{TEMP_MARK}{pid}-*"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def remove_dead_temp_folders(folder: Path) -> list[Path]:
    """Remove the temporary folders (named with TEMP_MARK and a pid) whose process has ended.

    Folders are built under such names and renamed into place when complete;
    one whose writer died is garbage. Those of living processes are left alone.
    """
    import psutil

    removed = []
    for entry in folder.glob(f".*{TEMP_MARK}*"):
        pid = entry.name.rpartition(TEMP_MARK)[2].split("-")[0]
        if entry.is_dir() and pid.isdigit() and not psutil.pid_exists(int(pid)):
            log.info("removing %s, left by a process that ended", entry)
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed
