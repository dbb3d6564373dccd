"""The ``hearth`` command as a person runs it."""

from __future__ import annotations

import os
import sqlite3
import subprocess

from tests.conftest import ROOT, hearth_command


def hearth(*args: str, home=None, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "160"}
    if home is not None:
        env["HEARTH_HOME"] = str(home)
    return subprocess.run(hearth_command(*args), capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=timeout)


def test_help_lists_the_commands():
    proc = hearth("--help")
    assert proc.returncode == 0
    for command in ("doctor", "jobs"):
        assert command in proc.stdout


def test_help_imports_no_heavy_library():
    code = ("import sys, core.cli\n"
            "heavy = {'torch', 'transformers', 'llama_cpp', 'PySide6', 'peft', 'bitsandbytes', 'numpy'}\n"
            "print(sorted(heavy & set(sys.modules)))")
    proc = subprocess.run([os.sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_demo_job_runs_and_is_listed_and_replayed(hearth_home):
    proc = hearth("jobs", "demo", "--steps", "5", "--step-seconds", "0.01", home=hearth_home)
    assert proc.returncode == 0, proc.stderr
    assert 'done {"steps": 5}' in proc.stdout
    job_id = proc.stdout.split()[1]
    assert (hearth_home / "jobs" / job_id / "count.txt").read_text().split() == ["1", "2", "3", "4", "5"]

    listed = hearth("jobs", "list", home=hearth_home)
    assert job_id in listed.stdout and " done " in listed.stdout

    replay = hearth("jobs", "show", job_id[:10], home=hearth_home)
    assert replay.returncode == 0
    assert 'done {"steps": 5}' in replay.stdout and "count.txt" in replay.stdout


def test_unknown_job_gives_a_message_and_a_hint(hearth_home):
    proc = hearth("jobs", "show", "nope", home=hearth_home)
    assert proc.returncode == 1
    assert "no job 'nope'" in proc.stderr and "hearth jobs list" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_corrupt_database_is_an_error_not_a_traceback(hearth_home):
    (hearth_home / "hearth.db").write_bytes(b"garbage" * 1000)
    proc = hearth("jobs", "list", home=hearth_home)
    assert proc.returncode == 1
    assert "damaged" in proc.stderr and "Traceback" not in proc.stderr


def test_newer_database_is_refused_by_the_cli(hearth_home):
    hearth("jobs", "list", home=hearth_home)
    conn = sqlite3.connect(hearth_home / "hearth.db")
    conn.execute("INSERT INTO schema_migrations VALUES (50, 'future', 'later')")
    conn.commit()
    conn.close()
    proc = hearth("jobs", "list", home=hearth_home)
    assert proc.returncode == 1 and "newer Hearth" in proc.stderr and "upgrade Hearth" in proc.stderr
