"""The ``runs`` table: one row per training run (its folder holds the rest).

A run's row says "running" while its job runs; a job killed with SIGKILL cannot say otherwise, so a run read
as running whose job has ended is recorded as ``crashed`` when read (its job's record says how it ended) and
can be resumed from its last checkpoint like a failed one.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from core.errors import HearthError
from core.jobs.store import ACTIVE_STATES, get_job
from core.workspace import Workspace, utc_now

__all__ = ["RunRecord", "get_run", "insert_run", "list_runs", "recover_runs", "update_run"]


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


def recover_runs(ws: Workspace) -> tuple[list[str], list[str]]:
    """Record again every run whose folder is in the workspace but not in its database (after the database was
    lost). A finished run is ``done`` with its summary; any other is ``crashed``, which ``hearth runs resume``
    continues from its last checkpoint. Returns (the ids recovered, problems: folders that could not be, why)."""
    with ws.db() as conn:
        known = {ws.located(row["folder"]) for row in conn.execute("SELECT folder FROM runs")}
    recovered, problems = [], []
    for config_path in sorted(ws.folder("runs").glob("*/config.json")):
        folder = config_path.parent
        if folder in known:
            continue
        try:
            config = json.loads(config_path.read_text(encoding="utf-8"))
            summary_path = folder / "summary.json"
            summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else None
            if not isinstance(config, dict) or not isinstance(summary, (dict, type(None))):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            problems.append(f"{ws.stored(folder)}: its config.json or summary.json cannot be read ({exc})")
            continue
        checkpoints = sorted((folder / "checkpoints").glob("step-*"))
        if summary is not None:
            summary.pop("config", None)
            state, step, total = "done", summary.get("steps", 0), summary.get("total_steps", 0)
        else:
            state, total = "crashed", 0
            step = int(checkpoints[-1].name[5:]) if checkpoints and checkpoints[-1].name[5:].isdigit() else 0
        created = datetime.fromtimestamp(config_path.stat().st_mtime, timezone.utc).isoformat(timespec="milliseconds")
        with ws.db() as conn:
            conn.execute("INSERT OR IGNORE INTO runs VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                         (folder.name, config.get("model") or "(default)", config.get("dataset", ""),
                          config.get("train", {}).get("method", ""), state, ws.stored(folder), step, total,
                          json.dumps(summary or {}), created, utc_now()))
        recovered.append(folder.name)
    return recovered, problems
