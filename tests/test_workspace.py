"""The workspace folder, its database migrations and atomic writes."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from core.errors import WorkspaceError
from core.workspace import (
    MIGRATIONS,
    TEMP_MARK,
    Workspace,
    atomic_write,
    atomic_write_json,
    home,
    migrate,
    remove_stale_temps,
)


def test_home_follows_hearth_home(hearth_home, monkeypatch):
    assert home() == hearth_home.resolve()
    monkeypatch.delenv("HEARTH_HOME")
    assert home().name == "hearth"  # the platform's user data folder


def test_new_workspace_has_its_folders_and_a_migrated_wal_database(workspace):
    for name in ("models", "datasets", "runs", "exports", "jobs"):
        assert workspace.folder(name).is_dir()
    conn = sqlite3.connect(workspace.db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [m[0] for m in MIGRATIONS]
    assert workspace.schema_version == MIGRATIONS[-1][0]
    assert "jobs" in {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_opening_twice_applies_nothing_new(workspace):
    before = sqlite3.connect(workspace.db_path).execute("SELECT * FROM schema_migrations").fetchall()
    Workspace(workspace.root)
    after = sqlite3.connect(workspace.db_path).execute("SELECT * FROM schema_migrations").fetchall()
    assert before == after


def test_new_migration_is_applied_in_order_and_a_backup_kept(tmp_path):
    db = tmp_path / "hearth.db"
    first = [(1, "one", "CREATE TABLE a (x INTEGER);")]
    assert migrate(db, first) == 1
    sqlite3.connect(db).execute("INSERT INTO a VALUES (42)").connection.commit()

    more = [*first, (2, "two", "ALTER TABLE a ADD COLUMN y TEXT;"), (3, "three", "CREATE TABLE b (z);")]
    assert migrate(db, more) == 3
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")] == [1, 2, 3]
    assert conn.execute("SELECT x, y FROM a").fetchall() == [(42, None)]
    backup = sqlite3.connect(tmp_path / "hearth.db.before-v2")
    assert backup.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == 1
    assert backup.execute("SELECT x FROM a").fetchall() == [(42,)]


def test_failing_migration_leaves_the_database_as_it_was(tmp_path):
    db = tmp_path / "hearth.db"
    migrate(db, [(1, "one", "CREATE TABLE a (x);")])
    broken = [(1, "one", ""), (2, "two", "CREATE TABLE c (x); CREATE TABLE a (x);")]  # 'a' exists: fails
    with pytest.raises(WorkspaceError, match="already exists"):
        migrate(db, broken)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == 1
    assert "c" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_database_from_a_newer_hearth_is_refused_and_left_alone(tmp_path):
    Workspace(tmp_path)
    db = tmp_path / "hearth.db"
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()

    with pytest.raises(WorkspaceError) as info:
        Workspace(tmp_path)
    assert "schema version 999" in info.value.message and "newer Hearth" in info.value.message
    assert "upgrade Hearth" in info.value.hint
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_corrupt_database_gives_a_clear_error(tmp_path):
    (tmp_path / "hearth.db").write_bytes(b"this is not sqlite at all, just some bytes" * 100)
    with pytest.raises(WorkspaceError) as info:
        Workspace(tmp_path)
    assert "damaged" in info.value.message
    assert "hearth doctor --repair" in info.value.hint and "sets the damaged file aside" in info.value.hint


def test_unwritable_workspace_folder_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WorkspaceError, match="cannot create the workspace folder"):
        Workspace(blocker / "ws")


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out" / "data.json"
    atomic_write_json(target, {"v": 1})
    assert target.read_text() == '{\n  "v": 1\n}\n'

    with pytest.raises(RuntimeError), atomic_write(target, "w", encoding="utf-8") as handle:
        handle.write('{"v": 2, "half')
        raise RuntimeError("died while writing")
    assert target.read_text() == '{\n  "v": 1\n}\n'
    assert list(target.parent.iterdir()) == [target]


def test_stale_temps_of_one_process_are_swept(tmp_path):
    mine = tmp_path / f".a{TEMP_MARK}123-x"
    other = tmp_path / "sub" / f".b{TEMP_MARK}456-y"
    other.parent.mkdir()
    mine.write_text("half")
    other.write_text("half")
    assert remove_stale_temps(tmp_path, 123) == [mine]
    assert other.exists() and not mine.exists()


def test_a_lost_database_is_refused_with_the_repair_and_the_copies_kept_beside_it(tmp_path):
    from core.repair import repair_workspace
    from core.workspace import MIGRATIONS, DatabaseLost, migrate

    migrate(tmp_path / "hearth.db", MIGRATIONS[:3])  # an older Hearth's database...
    Workspace(tmp_path)  # ...migrated, which keeps a copy of it first
    (tmp_path / "datasets" / "faq" / "v1").mkdir(parents=True)
    (tmp_path / "datasets" / "faq" / "v1" / "manifest.json").write_text("{}")
    (tmp_path / "hearth.db").write_bytes(b"")
    with pytest.raises(DatabaseLost) as info:
        Workspace(tmp_path)
    assert "is empty (0 bytes)" in info.value.message
    assert "hearth doctor --repair" in info.value.hint and "hearth.db.before-v4" in info.value.hint

    (tmp_path / "hearth.db").unlink()  # missing altogether is the same loss
    with pytest.raises(DatabaseLost, match="is missing"):
        Workspace(tmp_path)

    (tmp_path / "hearth.db").write_bytes(b"not a database at all" * 50)
    report = repair_workspace(tmp_path)
    assert report.set_aside is not None and report.set_aside.read_bytes().startswith(b"not a database")
    assert any("datasets/faq/v1: its manifest.json cannot be read" in p for p in report.problems), report.problems
    assert Workspace(tmp_path).schema_version == MIGRATIONS[-1][0]
    (tmp_path / "hearth.db").unlink()
    with pytest.raises(DatabaseLost) as info:  # the damaged copy set aside is never offered as a backup
        Workspace(tmp_path)
    assert "damaged" not in info.value.hint


def test_an_empty_folder_is_a_new_workspace_not_a_lost_one(tmp_path):
    (tmp_path / "hearth.db").write_bytes(b"")
    assert Workspace(tmp_path).schema_version > 0
