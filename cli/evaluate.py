"""``hearth eval``, and evaluation results as tables: models side by side, sample answers beside the expected ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from cli.common import console, friendly_errors
from cli.jobs import follow_in_terminal
from cli.options import Group, config_options

if TYPE_CHECKING:
    from core.eval.run import EvalResult

__all__ = ["eval_command", "metrics_table", "samples_table"]


def metrics_table(results: Sequence[EvalResult], title: str = "held-out evaluation") -> Table:
    """A rich table, one row per model: exact match, ROUGE-L and chrF (0-100), the expected answers' perplexity,
    and the number of questions."""
    table = Table("model", "exact match", "ROUGE-L", "chrF", "answer perplexity", "questions", title=title, box=None)
    for r in results:
        m = r.metrics
        ppl = f"{r.perplexity:.2f}" if r.perplexity is not None else "-"
        table.add_row(r.label, f"{m.exact_match:.1f}", f"{m.rouge_l:.1f}", f"{m.chrf:.1f}", ppl, str(m.count))
    return table


def samples_table(results: Sequence[EvalResult], count: int = 3) -> Table:
    """A rich table of the first ``count`` questions: the expected answer and each model's."""
    table = Table("question", "expected", *(r.label for r in results), show_lines=True)
    if not results:
        return table
    for i, example in enumerate(results[0].examples[:count]):
        answers = [r.examples[i]["prediction"] if i < len(r.examples) else "" for r in results]
        table.add_row(example["prompt"], example["reference"], *answers)
    return table


def _eval_options() -> tuple[Group, ...]:
    from core.eval.run import EvalConfig

    fields = ("model", "data", "split", "adapter", "chat_format", "limit", "max_tokens", "output")
    return (Group("settings", EvalConfig, fields, flags={"model": ("-m",), "data": ("-d",), "output": ("-o",)},
                  required=("model", "data")),)


@config_options(_eval_options)
def eval_command(settings: dict[str, Any]) -> None:
    """Answer held-out questions greedily and score them: exact match, ROUGE-L, chrF."""
    from core.eval.run import EvalConfig, EvalResult
    from core.jobs import events as ev
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        config = EvalConfig(**settings)
        handle = start_job(Workspace(), config)
        code = follow_in_terminal(handle)
        final = handle.wait()
        if code == 0 and isinstance(final, ev.Done):
            result = EvalResult.read(final.result["output"])
            console.print(metrics_table([result]))
            console.print(samples_table([result]))
    raise typer.Exit(code)
