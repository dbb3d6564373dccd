"""``hearth train`` and ``hearth runs``: fine-tuning runs."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from cli.common import console, friendly_errors
from cli.jobs import follow_in_terminal

runs_app = typer.Typer(help="Training runs: list, show, cancel, resume.", no_args_is_help=True)
app = runs_app

def train(
    dataset: Annotated[str, typer.Option("-d", "--dataset", help="The dataset version: NAME or NAME:vN.")],
    model: Annotated[str | None, typer.Option("-m", "--model", help="The base model; the default model "
                                              "(Gemma 3 270M) when omitted.")] = None,
    preset: Annotated[str, typer.Option(help="quick-cpu, balanced, quality, or auto (quick-cpu on a CPU, "
                                        "balanced on a GPU); the options below override it.")] = "auto",
    method: Annotated[str | None, typer.Option(help="qlora, lora, full, prompt or prefix.")] = None,
    epochs: Annotated[float | None, typer.Option(help="Passes over the training split.")] = None,
    max_steps: Annotated[int | None, typer.Option(help="Stop after this many steps.")] = None,
    lr: Annotated[float | None, typer.Option(help="Peak learning rate (default by method).")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Examples per micro-batch (default: the preset's, "
                                                   "halved until it fits in memory).")] = None,
    grad_accum: Annotated[int | None, typer.Option(help="Micro-batches per step.")] = None,
    seq_len: Annotated[int | None, typer.Option(help="Tokens per example; longer ones are dropped and "
                                                "counted.")] = None,
    lora_r: Annotated[int | None, typer.Option(help="LoRA rank.")] = None,
    save_every: Annotated[int | None, typer.Option(help="Checkpoint every N steps.")] = None,
    gradient_checkpointing: Annotated[bool | None, typer.Option(help="Recompute activations to save "
                                                                "memory.")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed for order, initialisation and dropout.")] = None,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto.")] = "auto",
) -> None:
    """Fine-tune a model on a dataset version; Ctrl+C stops at the next step (resume with hearth runs resume)."""
    from core.jobs import start_job
    from core.training.presets import resolve
    from core.training.run import TrainJob
    from core.workspace import Workspace

    with friendly_errors():
        overrides = {"method": method, "epochs": epochs, "max_steps": max_steps, "lr": lr, "batch_size": batch_size,
                     "grad_accum": grad_accum, "seq_len": seq_len, "lora_r": lora_r, "save_every": save_every,
                     "gradient_checkpointing": gradient_checkpointing, "seed": seed}
        config, length = resolve(preset, overrides, device=torch_device(device))
        job = TrainJob(dataset=dataset, model=model, train=config, seq_len=length, device=device,
                       fit_batch=batch_size is None)
        code = follow_in_terminal(start_job(Workspace(), job))
    raise typer.Exit(code)


def torch_device(device: str) -> str:
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


@app.command("list")
def runs_list() -> None:
    """Training runs, newest first."""
    from rich.table import Table

    from core.training.run import list_runs
    from core.workspace import Workspace

    with friendly_errors():
        runs = list_runs(Workspace())
    table = Table("run", "model", "dataset", "method", "state", "step", "created", box=None)
    for r in runs:
        table.add_row(r.id, r.model, r.dataset, r.method, r.state, f"{r.step}/{r.total_steps}", r.created_at[:19])
    console.print(table if runs else "no runs yet: hearth train -d DATASET")


@app.command("show")
def runs_show(run: Annotated[str, typer.Argument(help="The run id (a unique prefix is enough).")]) -> None:
    """A run's settings, progress and outputs."""
    from core.training.run import get_run
    from core.workspace import Workspace

    with friendly_errors():
        record = get_run(Workspace(), run)
    for key, value in record.__dict__.items():
        console.print(f"[bold]{key}[/]: {escape(str(value))}", highlight=False)


@app.command("resume")
def runs_resume(run: Annotated[str, typer.Argument(help="The run id (a unique prefix is enough).")]) -> None:
    """Continue a stopped, cancelled or killed run from its last checkpoint."""
    from core.jobs import start_job
    from core.training.run import TrainJob, get_run
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
    from core.training.run import get_run
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        record = get_run(ws, run)
        if record.state != "running" or not record.job_id:
            console.print(f"run {record.id} is not running (it is {record.state})")
            return
        request_cancel(get_job(ws, record.job_id).folder)
    console.print(f"asked run {record.id} to stop")
