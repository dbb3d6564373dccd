"""``hearth quickstart``: the default model tuned on the example dataset, end to end."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from cli.common import console, err_console, friendly_errors
from cli.jobs import terminal_job_runner


def quickstart(
    resume: Annotated[bool, typer.Option("--resume", help="Continue the last quickstart where it stopped (with "
                                         "its settings; options given here change them).")] = False,
    chat_after: Annotated[bool, typer.Option("--chat", help="Chat with the tuned model at the end.")] = False,
    model: Annotated[str | None, typer.Option("-m", "--model", help="The base model; the default model when "
                                              "omitted.")] = None,
    epochs: Annotated[float | None, typer.Option(help="Passes over the example dataset (default 3).")] = None,
    max_steps: Annotated[int | None, typer.Option(help="Stop training after this many steps (0: the "
                                                  "epochs).")] = None,
    limit: Annotated[int | None, typer.Option(help="Evaluate at most this many held-out questions (0: "
                                              "all).")] = None,
    device: Annotated[str | None, typer.Option(help="cpu, cuda or auto (default).")] = None,
) -> None:
    """Fine-tune the default model on the example dataset, export it, and show base vs tuned on held-out questions."""
    from cli.evaluate import metrics_table, samples_table
    from core.errors import HearthError
    from core.eval.run import EvalResult
    from core.quickstart import QuickstartConfig, saved_config
    from core.quickstart import quickstart as run_quickstart
    from core.workspace import Workspace

    with friendly_errors():
        ws = Workspace()
        given = {"model": model, "epochs": epochs, "max_steps": max_steps, "eval_limit": limit, "device": device}
        config = saved_config(ws, **given) if resume else None
        if resume and config is None:
            raise HearthError("there is no quickstart to resume in this workspace", "start one: hearth quickstart")
        config = config or QuickstartConfig(**{k: v for k, v in given.items() if v is not None})
        result = run_quickstart(ws, config, terminal_job_runner(ws), resume=resume,
                                say=lambda text: console.print(f"[bold]{escape(text)}[/]", highlight=False))
        evals = [EvalResult.read(result.evals[k]) for k in ("base", "adapter", "merged")]
        console.print(metrics_table(evals, title="base vs tuned on the held-out questions"))
        console.print(samples_table(evals, count=3))
        merged, adapter = result.merged, result.adapter
        console.print(f"chat with it: [bold]{escape(merged['chat'])}[/]\n"
                      f"          or: [bold]{escape(adapter['chat'])}[/]", highlight=False)
    if chat_after:
        from cli.chat_session import open_session, repl
        from core.inference import Engine

        with friendly_errors(), Engine(ws.folder("logs") / "engine.log") as engine:
            # By catalog name: the export's entry carries the template override it was trained with.
            session = open_session(ws, engine, model=merged["export"], adapters=[], system=None,
                                   conversation=None, sampling=None, load=None, console=err_console)
            repl(session, console)
