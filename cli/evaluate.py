"""``hearth eval``, and evaluation results as tables: models side by side, sample answers beside the expected ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from cli.common import console, friendly_errors
from cli.jobs import follow_in_terminal

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


def eval_command(
    model: Annotated[str, typer.Option("-m", "--model", help="A catalog model or a GGUF file.")],
    data: Annotated[str, typer.Option("-d", "--data", help="A dataset version NAME[:vN] or a dataset file.")],
    split: Annotated[str, typer.Option(help="The split of a dataset version.")] = "test",
    adapter: Annotated[str | None, typer.Option(help="A LoRA-GGUF adapter to apply on the model.")] = None,
    chat_format: Annotated[str, typer.Option(help="auto, plain, or a run's chat_format.json.")] = "auto",
    limit: Annotated[int, typer.Option(help="At most this many questions (0: all).")] = 0,
    max_tokens: Annotated[int, typer.Option(help="The longest answer in tokens.")] = 128,
    output: Annotated[str | None, typer.Option("-o", "--output", help="Write the result JSON here.")] = None,
) -> None:
    """Answer held-out questions greedily and score them: exact match, ROUGE-L, chrF."""
    from core.eval.run import EvalConfig, EvalResult
    from core.jobs import events as ev
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        config = EvalConfig(model=model, data=data, split=split, adapter=adapter, chat_format=chat_format,
                            limit=limit, max_tokens=max_tokens, output=output)
        handle = start_job(Workspace(), config)
        code = follow_in_terminal(handle)
        final = handle.wait()
        if code == 0 and isinstance(final, ev.Done):
            result = EvalResult.read(final.result["output"])
            console.print(metrics_table([result]))
            console.print(samples_table([result]))
    raise typer.Exit(code)
