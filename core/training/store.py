"""The ``runs`` table: one row per training run (its folder holds the rest).

A run's row says "running" while its job runs; a job killed with SIGKILL cannot say otherwise, so a run read
as running whose job has ended is recorded as ``crashed`` when read (its job's record says how it ended) and
can be resumed from its last checkpoint like a failed one.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import HearthError
from core.jobs.store import ACTIVE_STATES, get_job
from core.workspace import Workspace, utc_now

__all__ = ["RunRecord", "get_run", "insert_run", "list_runs", "update_run"]


@dataclass(frozen=True)
class RunRecord:
    """A training run's row: what it trains, where it is, how far it got."""

    id: str
    model: str
    dataset: str
    method: str
    state: str
    folder: Path
    job_id: str | None
    step: int
    total_steps: int
    metrics: dict[str, Any]
    created_at: str
    updated_at: str


def _record(ws: Workspace, row) -> RunRecord:
    data = dict(row)
    data["folder"], data["metrics"] = ws.located(data["folder"]), json.loads(data["metrics"])
    record = RunRecord(**data)
    return _truthful(ws, record) if record.state == "running" else record


def _truthful(ws: Workspace, record: RunRecord) -> RunRecord:
    """A running run whose job is no longer active was killed: record it as crashed."""
    try:
        job = get_job(ws, record.job_id) if record.job_id else None
    except HearthError:
        job = None
    if job is not None and job.state in ACTIVE_STATES:
        return record
    update_run(ws, record.id, state="crashed")
    return dataclasses.replace(record, state="crashed")


def list_runs(ws: Workspace) -> list[RunRecord]:
    """Every run, newest first."""
    with ws.db() as conn:
        rows = conn.execute("SELECT * FROM runs ORDER BY created_at DESC").fetchall()
    return [_record(ws, r) for r in rows]


def get_run(ws: Workspace, ref: str) -> RunRecord:
    """The run whose id is ``ref`` or starts with it.

    Raises:
        HearthError: no run, or several, match.
    """
    with ws.db() as conn:
        rows = conn.execute("SELECT * FROM runs WHERE id LIKE ?", (ref + "%",)).fetchall()
    if len(rows) != 1:
        raise HearthError(f"no run {ref!r}" if not rows else f"{ref!r} matches {len(rows)} runs",
                          "list the runs with: hearth runs list")
    return _record(ws, rows[0])


def update_run(ws: Workspace, run_id: str, **values: Any) -> None:
    """Set columns of a run's row (``metrics`` as a dict); ``updated_at`` follows."""
    if "metrics" in values:
        values["metrics"] = json.dumps(values["metrics"])
    columns = ", ".join(f"{k} = ?" for k in values)
    with ws.db() as conn:
        conn.execute(f"UPDATE runs SET {columns}, updated_at = ? WHERE id = ?", (*values.values(), utc_now(), run_id))


def insert_run(ws: Workspace, run_id: str, *, model: str, dataset: str, method: str, folder: Path,
               job_id: str | None) -> None:
    """Record a new run, running."""
    now = utc_now()
    with ws.db() as conn:
        conn.execute("INSERT INTO runs (id, model, dataset, method, state, folder, job_id, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)",
                     (run_id, model, dataset, method, ws.stored(folder), job_id, now, now))
