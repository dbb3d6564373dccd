"""``hearth deploy``: a fine-tuned model handed to a serving engine as a folder that is complete on its own."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from cli.common import console, friendly_errors
from cli.jobs import follow_in_terminal
from cli.options import Group, config_options


def _deploy_options() -> tuple[Group, ...]:
    from core.config import describe
    from core.deploy.run import DeployJob

    # Every setting but the source (the argument), in the order DeployJob declares them.
    fields = tuple(info.name for info in describe(DeployJob) if info.name != "source")
    return (Group("settings", DeployJob, fields, required=("out",)),)


@config_options(_deploy_options)
def deploy(
    source: Annotated[str, typer.Argument(help="What to deploy: a run (its id or a unique prefix: its newest "
                                          "exports), an export's name, or a catalog model.")],
    settings: dict[str, Any],
) -> None:
    """Write a folder that serves a model with a serving engine (Ctrl+C cancels).

    llama-server: the GGUF, chat template, launch script, API key and systemd unit. vllm: the weights as a
    Hugging Face folder (merged, or the base and the PEFT adapter), a vllm serve script and a Dockerfile.
    kubernetes: manifests that run either engine in a cluster. Each folder has a README and a manifest; the
    model is prompted exactly as it was trained (the run's chat template and stop strings).
    """
    from pathlib import Path

    from core.deploy.bundle import check_out
    from core.deploy.run import DeployJob, resolve
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        job = DeployJob(source=source, **settings)
        ws = Workspace()
        check_out(Path(job.out).expanduser().resolve(), job.force)  # refused at once, before a job starts
        resolve(ws, job)  # (a source that cannot be deployed: refused before the job starts)
        handle = start_job(ws, job)
        code = follow_in_terminal(handle)
        if code == 0:
            result = handle.final.result
            console.print(f"start it: [bold]{escape(result['start'])}[/] (the folder's README.md says the rest)",
                          highlight=False)
    raise typer.Exit(code)
