"""Evaluation results as tables: models side by side, and sample answers next to the expected ones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.eval.run import EvalResult

__all__ = ["metrics_table", "samples_table"]


def metrics_table(results: Sequence[EvalResult], title: str = "held-out evaluation") -> Any:
    """A rich table, one row per model: exact match, ROUGE-L and chrF (0-100), the expected answers' perplexity,
    and the number of questions."""
    from rich.table import Table

    table = Table("model", "exact match", "ROUGE-L", "chrF", "answer perplexity", "questions", title=title, box=None)
    for r in results:
        m = r.metrics
        ppl = f"{r.perplexity:.2f}" if r.perplexity is not None else "-"
        table.add_row(r.label, f"{m.exact_match:.1f}", f"{m.rouge_l:.1f}", f"{m.chrf:.1f}", ppl, str(m.count))
    return table


def samples_table(results: Sequence[EvalResult], count: int = 3) -> Any:
    """A rich table of the first ``count`` questions: the expected answer and each model's."""
    from rich.table import Table

    table = Table("question", "expected", *(r.label for r in results), show_lines=True)
    if not results:
        return table
    for i, example in enumerate(results[0].examples[:count]):
        answers = [r.examples[i]["prediction"] if i < len(r.examples) else "" for r in results]
        table.add_row(example["prompt"], example["reference"], *answers)
    return table
