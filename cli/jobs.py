"""``hearth jobs``, and how every command that starts a job follows it in the terminal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from cli.common import console, err_console, friendly_errors

if TYPE_CHECKING:
    from core.jobs import Event, JobHandle, JobSpec
    from core.quickstart import RunJob
    from core.workspace import Workspace

app = typer.Typer(help="List, follow, replay and cancel jobs.", no_args_is_help=True)

@app.command("list")
def jobs_list(limit: Annotated[int, typer.Option(help="How many of the newest jobs.")] = 20) -> None:
    """The newest jobs and how each ended."""
    from rich.table import Table

    from core.jobs import list_jobs
    from core.workspace import Workspace

    with friendly_errors():
        records = list_jobs(Workspace(), limit)
    table = Table("id", "kind", "state", "started", "ended", "message", box=None)
    for rec in records:
        table.add_row(rec.id, rec.kind, rec.state, rec.started_at or "", rec.ended_at or "", rec.message or "")
    console.print(table if records else "no jobs yet")


@app.command("show")
def jobs_show(job_id: Annotated[str, typer.Argument(help="The job id (a unique prefix is enough).")]) -> None:
    """Replay a job from its events.jsonl; follows it live while it runs."""
    from core.jobs import follow_events
    from core.workspace import Workspace

    with friendly_errors():
        code = show_events(follow_events(Workspace(), job_id))
    raise typer.Exit(code)


@app.command("cancel")
def jobs_cancel(job_id: Annotated[str, typer.Argument(help="The job id (a unique prefix is enough).")]) -> None:
    """Ask a running job to stop (then SIGTERM, then SIGKILL if it does not)."""
    from core.jobs import get_job, request_cancel
    from core.jobs.store import ACTIVE_STATES
    from core.workspace import Workspace

    with friendly_errors():
        rec = get_job(Workspace(), job_id)
        if rec.state not in ACTIVE_STATES:
            console.print(f"job {rec.id} is not running (it is {rec.state})")
            return
        request_cancel(rec.folder)
    console.print(f"asked job {rec.id} to stop")


@app.command("demo")
def jobs_demo(
    steps: Annotated[int, typer.Option(help="How many steps to count.")] = 20,
    step_seconds: Annotated[float, typer.Option(help="Seconds each step takes.")] = 0.05,
) -> None:
    """Run a short counting job, to check the job runner on this machine."""
    from core.jobs import start_job
    from core.jobs.demo import DemoConfig
    from core.workspace import Workspace

    with friendly_errors():
        handle = start_job(Workspace(), DemoConfig(steps, step_seconds))
        code = follow_in_terminal(handle)
    raise typer.Exit(code)


def follow_in_terminal(handle: JobHandle) -> int:
    """Show a job this command started until it ends; Ctrl+C cancels it (and shows how it ended)."""
    console.print(f"job {handle.id}", highlight=False)
    try:
        return show_events(handle.follow())
    except KeyboardInterrupt:
        handle.cancel()
        return show_events(handle.follow())


def show_events(events: Iterator[Event]) -> int:
    """Show a job's events with a rich progress bar; return the exit code its end deserves."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    from core.jobs import events as ev

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    final: Any = None
    metrics: dict[str, float] = {}
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("starting", total=None)
        for event in events:
            if isinstance(event, ev.Progress):
                shown = " ".join(f"{k}={v:.4g}" for k, v in metrics.items())
                bar.update(task, completed=event.done, total=event.total or None,
                           description=f"{event.message} {shown}".strip())
            elif isinstance(event, ev.Metric):
                metrics[event.name] = event.value
            elif isinstance(event, ev.Log):
                bar.console.print(f"[dim]{event.level.lower()}[/] {escape(event.message)}", highlight=False)
            elif isinstance(event, ev.Artifact):
                bar.console.print(f"wrote {escape(event.path)}", highlight=False)
            else:
                final = event
    return _show_final(final)


def _show_final(final: Any) -> int:
    from core.jobs import events as ev

    if isinstance(final, ev.Done):
        console.print(f"[green]done[/] {json.dumps(final.result)}", highlight=False)
        return 0
    if isinstance(final, ev.Cancelled):
        console.print(f"[yellow]cancelled[/] ({final.how})")
        return 130
    if isinstance(final, ev.Failed):
        err_console.print(f"[bold red]{'crashed' if final.crashed else 'failed'}:[/] {escape(final.message)}",
                          highlight=False)
        if final.hint:
            err_console.print(f"[yellow]hint:[/] {escape(final.hint)}", highlight=False)
        if final.log_tail:
            err_console.print("[dim]last output:[/]\n" + escape(final.log_tail.rstrip()), highlight=False)
        return 1
    err_console.print("the job's events end before it did (it may still be running elsewhere)")
    return 1


def terminal_job_runner(ws: Workspace) -> RunJob:
    """A quickstart ``run_job`` that follows each job in the terminal; Ctrl+C cancels it and stops there."""
    from core.errors import HearthError
    from core.jobs import events as ev
    from core.jobs import start_job

    def run_job(spec: JobSpec) -> dict[str, Any]:
        handle = start_job(ws, spec)
        follow_in_terminal(handle)
        final = handle.wait()
        if not isinstance(final, ev.Done):
            raise HearthError(getattr(final, "message", None) or "cancelled")
        return final.result

    return run_job
