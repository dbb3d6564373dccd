"""Job records in the workspace database, and reading a job's ``events.jsonl``."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from core.errors import JobError
from core.jobs.events import FINAL_EVENTS, Event, event_from_dict
from core.workspace import Workspace, utc_now

__all__ = ["ACTIVE_STATES", "JobRecord", "follow_events", "get_job", "list_jobs", "read_events"]

log = logging.getLogger(__name__)
EVENTS_FILE = "events.jsonl"
ACTIVE_STATES = ("starting", "running", "cancelling")


@dataclass(frozen=True)
class JobRecord:
    """One row of the ``jobs`` table."""

    id: str
    kind: str
    state: str
    folder: Path
    created_at: str
    started_at: str | None
    ended_at: str | None
    pid: int | None
    owner_pid: int | None
    exit_code: int | None
    message: str | None
    pid_started: int | None = None  # when the process with that pid started, in the system's clock ticks
    owner_started: int | None = None

    @property
    def events_path(self) -> Path:
        return self.folder / EVENTS_FILE


def _record(ws: Workspace, row) -> JobRecord:
    data = dict(row)
    data["folder"] = ws.located(data["folder"])
    return JobRecord(**data)


def insert_job(ws: Workspace, job_id: str, kind: str, folder: Path) -> None:
    with ws.db() as conn:
        conn.execute(
            "INSERT INTO jobs (id, kind, state, folder, created_at, owner_pid, owner_started) "
            "VALUES (?, ?, 'starting', ?, ?, ?, ?)",
            (job_id, kind, ws.stored(folder), utc_now(), os.getpid(), process_start_ticks(os.getpid())),
        )


def update_job(ws: Workspace, job_id: str, **values) -> None:
    columns = ", ".join(f"{name} = ?" for name in values)
    with ws.db() as conn:
        conn.execute(f"UPDATE jobs SET {columns} WHERE id = ?", (*values.values(), job_id))


def mark_cancelling(ws: Workspace, job_id: str) -> None:
    """Record that a cancel was asked, unless the job has already ended."""
    with ws.db() as conn:
        conn.execute("UPDATE jobs SET state = 'cancelling' WHERE id = ? AND state IN ('starting', 'running')",
                     (job_id,))


def _alive(pid: int | None, started: int | None) -> bool:
    """Whether process ``pid`` lives and is the one recorded: a pid the system gave to another process after ours
    ended has another start time (in clock ticks since boot, which no change of the wall clock moves)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    now = process_start_ticks(pid)
    return started is None or now is None or now == started  # no record or no /proc: a living pid is taken


def process_start_ticks(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks since boot (from /proc); None where there is no /proc."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def _reconcile(ws: Workspace, rec: JobRecord) -> JobRecord:
    """Mark a job 'interrupted' when the record says active but nobody runs it."""
    if rec.state not in ACTIVE_STATES or _alive(rec.pid, rec.pid_started) or _alive(rec.owner_pid, rec.owner_started):
        return rec
    message = "the process that ran this job ended without recording how the job ended"
    update_job(ws, rec.id, state="interrupted", ended_at=utc_now(), message=message)
    return get_job(ws, rec.id)


def get_job(ws: Workspace, job_id: str) -> JobRecord:
    """The record of job ``job_id`` (a unique prefix is enough).

    Raises:
        JobError: no job, or more than one, matches.
    """
    with ws.db() as conn:
        rows = conn.execute("SELECT * FROM jobs WHERE id LIKE ? ORDER BY created_at", (job_id + "%",)).fetchall()
    exact = [r for r in rows if r["id"] == job_id]
    if exact:
        rows = exact
    if not rows:
        raise JobError(f"no job {job_id!r} in {ws.root}", "list the jobs with: hearth jobs list")
    if len(rows) > 1:
        raise JobError(f"{job_id!r} matches {len(rows)} jobs", "give more of the job id")
    rec = _record(ws, rows[0])
    return rec if rec.state not in ACTIVE_STATES else _reconcile(ws, rec)


def list_jobs(ws: Workspace, limit: int = 50) -> list[JobRecord]:
    """The newest ``limit`` jobs, newest first."""
    with ws.db() as conn:
        rows = conn.execute("SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?", (limit,)).fetchall()
    return [_reconcile(ws, _record(ws, r)) for r in rows]


def read_events(path: Path) -> list[Event]:
    """Every event in an ``events.jsonl`` file.

    A last line cut short by a crash is skipped; any other unreadable line is
    skipped with a warning naming it.
    """
    return list(_parse_lines(path, _lines(path.read_text(encoding="utf-8"))))


def _lines(text: str) -> list[str]:
    # Lines end at "\n" only: an event's text may hold U+2028 and other characters
    # that str.splitlines() would also split on.
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _parse_lines(path: Path, lines: list[str], first_line: int = 1) -> Iterator[Event]:
    for number, line in enumerate(lines, first_line):
        if not line.endswith("\n"):
            return  # still being written, or cut short
        try:
            yield event_from_dict(json.loads(line))
        except (ValueError, TypeError) as exc:
            log.warning("%s:%d: skipping unreadable event (%s)", path, number, exc)


def follow_events(ws: Workspace, job_id: str, poll: float = 0.2) -> Iterator[Event]:
    """The events of a job from the start, then live until it ends.

    Works for a job run by another process: it reads ``events.jsonl`` as it
    grows and stops at the final event, or when the record says the job ended.
    """
    rec = get_job(ws, job_id)
    offset, line_no = 0, 1
    while True:
        lines = []
        if rec.events_path.exists():
            with rec.events_path.open("rb") as handle:
                handle.seek(offset)
                lines = _lines(handle.read().decode("utf-8", errors="replace"))
        complete = [line for line in lines if line.endswith("\n")]
        offset += sum(len(line.encode("utf-8")) for line in complete)
        for event in _parse_lines(rec.events_path, complete, line_no):
            yield event
            if isinstance(event, FINAL_EVENTS):
                return
        line_no += len(complete)
        if rec.state not in ACTIVE_STATES:
            return
        time.sleep(poll)
        rec = get_job(ws, job_id)
