"""The ``hearth`` command.

Heavy libraries (torch, transformers, llama_cpp, Qt) are imported inside the
commands that need them, so ``hearth --help`` answers at once. Hearth's errors
are turned into a message, a hint and an exit code here, and nowhere below.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from core import __version__

if TYPE_CHECKING:
    from core.jobs.events import Event

app = typer.Typer(
    name="hearth",
    help="Hearth: fine-tune small language models on your own machine, export them to GGUF, and chat.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
jobs_app = typer.Typer(help="List, follow, replay and cancel jobs.", no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")
console = Console()
err_console = Console(stderr=True)


@contextlib.contextmanager
def _friendly_errors() -> Iterator[None]:
    from core.errors import HearthError

    try:
        yield
    except HearthError as exc:
        err_console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        if exc.hint:
            err_console.print(f"[yellow]hint:[/] {exc.hint}", highlight=False)
        raise typer.Exit(exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        console.print(f"hearth {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Hearth: fine-tune small language models on your own machine, export them to GGUF, and chat."""


@app.command()
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    engine_only: Annotated[bool, typer.Option("--engine-only", help="Only check the llama.cpp engine.")] = False,
) -> None:
    """Report what this machine can do: CPU instructions that run, memory, GPUs, libraries, engine."""
    from core import doctor as doc

    with _friendly_errors():
        if engine_only:
            report = {"engine": doc.engine_report()}
            report["problems"] = [p for p in doc.problems(report) if "engine" in p["problem"]]
        else:
            with console.status("examining this machine (engine, torch, CPU probes)..."):
                report = doc.collect()
    if as_json:
        console.print_json(json.dumps(report))
    else:
        from core.doctor_view import render

        render(report, console)
    if report["problems"]:
        raise typer.Exit(1)


@jobs_app.command("list")
def jobs_list(limit: Annotated[int, typer.Option(help="How many of the newest jobs.")] = 20) -> None:
    """The newest jobs and how each ended."""
    from rich.table import Table

    from core.jobs import list_jobs
    from core.workspace import Workspace

    with _friendly_errors():
        records = list_jobs(Workspace(), limit)
    table = Table("id", "kind", "state", "started", "ended", "message", box=None)
    for rec in records:
        table.add_row(rec.id, rec.kind, rec.state, rec.started_at or "", rec.ended_at or "", rec.message or "")
    console.print(table if records else "no jobs yet")


@jobs_app.command("show")
def jobs_show(job_id: Annotated[str, typer.Argument(help="The job id (a unique prefix is enough).")]) -> None:
    """Replay a job from its events.jsonl; follows it live while it runs."""
    from core.jobs import follow_events
    from core.workspace import Workspace

    with _friendly_errors():
        code = show_events(follow_events(Workspace(), job_id))
    raise typer.Exit(code)


@jobs_app.command("cancel")
def jobs_cancel(job_id: Annotated[str, typer.Argument(help="The job id (a unique prefix is enough).")]) -> None:
    """Ask a running job to stop (then SIGTERM, then SIGKILL if it does not)."""
    from core.jobs import get_job, request_cancel
    from core.jobs.store import ACTIVE_STATES
    from core.workspace import Workspace

    with _friendly_errors():
        rec = get_job(Workspace(), job_id)
        if rec.state not in ACTIVE_STATES:
            console.print(f"job {rec.id} is not running (it is {rec.state})")
            return
        request_cancel(rec.folder)
    console.print(f"asked job {rec.id} to stop")


@jobs_app.command("demo")
def jobs_demo(
    steps: Annotated[int, typer.Option(help="How many steps to count.")] = 20,
    step_seconds: Annotated[float, typer.Option(help="Seconds each step takes.")] = 0.05,
) -> None:
    """Run a short counting job, to check the job runner on this machine."""
    from core.jobs import start_job
    from core.jobs.demo import DemoConfig
    from core.workspace import Workspace

    with _friendly_errors():
        handle = start_job(Workspace(), "demo", "core.jobs.demo:run", DemoConfig(steps, step_seconds))
        console.print(f"job {handle.id}", highlight=False)
        try:
            code = show_events(handle.follow())
        except KeyboardInterrupt:
            handle.cancel()
            code = show_events(handle.follow())
    raise typer.Exit(code)


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
                bar.console.print(f"[dim]{event.level.lower()}[/] {event.message}", highlight=False)
            elif isinstance(event, ev.Artifact):
                bar.console.print(f"wrote {event.path}", highlight=False)
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
        err_console.print(f"[bold red]{'crashed' if final.crashed else 'failed'}:[/] {final.message}",
                          highlight=False)
        if final.hint:
            err_console.print(f"[yellow]hint:[/] {final.hint}", highlight=False)
        if final.log_tail:
            err_console.print("[dim]last output:[/]\n" + final.log_tail.rstrip(), highlight=False)
        return 1
    err_console.print("the job's events end before it did (it may still be running elsewhere)")
    return 1


def main() -> None:
    """Entry point of the ``hearth`` console script."""
    app()


if __name__ == "__main__":
    main()
