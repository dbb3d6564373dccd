"""``hearth train`` and ``hearth runs``: fine-tuning runs."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from cli.common import console, friendly_errors
from cli.jobs import follow_in_terminal
from cli.options import Group, config_options

runs_app = typer.Typer(help="Training runs: list, show, cancel, resume.", no_args_is_help=True)
app = runs_app

def _train_options() -> tuple[Group, ...]:
    from core.training.distill import DistillConfig
    from core.training.recipe import TrainConfig
    from core.training.run import TrainJob

    settings = ("method", "epochs", "max_steps", "lr", "batch_size", "grad_accum", "lora_r", "save_every",
                "gradient_checkpointing", "seed")
    distill = ("teacher", "alpha", "temperature", "top_k")
    return (Group("overrides", TrainConfig, settings, unset=True), Group("length", TrainJob, ("seq_len",), unset=True),
            Group("where", TrainJob, ("device",)),
            Group("distill", DistillConfig, distill, names={f: f"distill_{f}" for f in distill[1:]}))


@config_options(_train_options)
def train(
    dataset: Annotated[str, typer.Option("-d", "--dataset", help="The dataset version: NAME or NAME:vN.")],
    overrides: dict[str, Any],
    length: dict[str, Any],
    where: dict[str, Any],
    distill: dict[str, Any],
    model: Annotated[str | None, typer.Option("-m", "--model", help="The base model; the default model "
                                              "(Gemma 3 270M) when omitted.")] = None,
    preset: Annotated[str, typer.Option(help="quick-cpu, balanced, quality, or auto (quick-cpu on a CPU, "
                                        "balanced on a GPU); the options below override it.")] = "auto",
) -> None:
    """Fine-tune a model on a dataset version; Ctrl+C stops at the next step (resume with hearth runs resume).

    Options left unset take the preset's; the batch is halved until the memory pre-flight says the run fits.
    """
    from core.data.versions import get_dataset
    from core.jobs import start_job
    from core.models import get_model
    from core.training.distill import DistillConfig
    from core.training.presets import resolve, resolve_device
    from core.training.run import TrainJob
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        get_dataset(ws, dataset)  # a wrong name answers at once, before torch loads and a job starts
        if model:
            get_model(ws, model)
        config, seq_len = resolve(preset, {**overrides, **length}, device=resolve_device(where["device"]))
        job = TrainJob(dataset=dataset, model=model, train=config, seq_len=seq_len, device=where["device"],
                       fit_batch=overrides["batch_size"] is None, distill=DistillConfig(**distill))
        code = follow_in_terminal(start_job(ws, job))
    raise typer.Exit(code)


@app.command("list")
def runs_list() -> None:
    """Training runs, newest first."""
    from rich.table import Table

    from core.training.store import list_runs
    from core.workspace import Workspace

    with friendly_errors():
        runs = list_runs(Workspace())
    table = Table("run", "model", "dataset", "method", "state", "step", "created", box=None)
    for r in runs:
        table.add_row(r.id, r.model, r.dataset, r.method, r.state, f"{r.step}/{r.total_steps}", r.created_at[:19])
    console.print(table if runs else "no runs yet: hearth train -d DATASET")


@app.command("show")
def runs_show(run: Annotated[str, typer.Argument(help="The run id (a unique prefix is enough).")]) -> None:
    """A run's settings, progress and outputs, and the dataset version it trained on."""
    from core.training.provenance import run_dataset
    from core.training.store import get_run
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        record = get_run(ws, run)
        used = run_dataset(ws, record)
    for key, value in record.__dict__.items():
        console.print(f"[bold]{key}[/]: {escape(str(value))}", highlight=False)
    console.print(f"[bold]dataset_version[/]: {escape(used.describe())}", highlight=False)


@app.command("resume")
def runs_resume(run: Annotated[str, typer.Argument(help="The run id (a unique prefix is enough).")]) -> None:
    """Continue a stopped, cancelled or killed run from its last checkpoint."""
    from core.jobs import start_job
    from core.training.run import TrainJob
    from core.training.store import get_run
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        record = get_run(ws, run)
        job = TrainJob(resume=record.id)
        code = follow_in_terminal(start_job(ws, job))
    raise typer.Exit(code)


@app.command("cancel")
def runs_cancel(run: Annotated[str, typer.Argument(help="The run id (a unique prefix is enough).")]) -> None:
    """Stop a running training run at its next step (it keeps its last checkpoint)."""
    from core.jobs import get_job, request_cancel
    from core.training.store import get_run
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        record = get_run(ws, run)
        if record.state != "running" or not record.job_id:
            resume = f"; continue it with: hearth runs resume {record.id}" if record.state in ("crashed", "failed",
                                                                                             "cancelled") else ""
            console.print(f"run {record.id} is not running (it is {record.state}){resume}", highlight=False)
            return
        request_cancel(get_job(ws, record.job_id).folder)
    console.print(f"asked run {record.id} to stop")
