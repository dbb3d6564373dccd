"""A comparison written out whole, for a spreadsheet or another program: CSV or JSON.

The JSON holds everything kept: the comparison (data, split, task, labels), each candidate (model, adapter,
scale, metrics, seconds), each question (its conversation, the expected answer, every candidate's answer and
scores) and every vote with its judge (null for a person). The CSV is one row per question and candidate, the
question's fields beside the answer and one column per score, for sorting and filtering. Both are UTF-8 (Chinese
as-is) and written atomically.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from core.errors import ConfigError, HearthError
from core.eval.compare import Comparison, candidate_answers, vote_records
from core.workspace import Workspace, atomic_write_bytes, atomic_write_json

__all__ = ["FORMATS", "comparison_record", "comparison_rows", "export_comparison"]

FORMATS = ("csv", "json")
_CANDIDATE_KEYS = ("name", "model", "adapter", "adapter_scale", "chat_format", "metrics", "seconds", "created_at")
_ROW_KEYS = ("question_index", "question", "reference", "candidate", "answer")


def comparison_record(ws: Workspace, comparison: Comparison) -> dict[str, Any]:
    """The whole comparison as plain JSON-ready data (answered candidates only)."""
    candidates = comparison.answered
    answers = {c["name"]: candidate_answers(ws, comparison, c["name"]) for c in candidates}
    return {
        "name": comparison.name, "id": comparison.id, "data": comparison.data, "split": comparison.split,
        "task": comparison.task, "labels": comparison.labels, "max_tokens": comparison.max_tokens,
        "created_at": comparison.created_at,
        "candidates": [{key: c[key] for key in _CANDIDATE_KEYS} for c in candidates],
        "questions": [{"index": i, "messages": list(q.messages), "question": q.question, "reference": q.reference,
                       "answers": {n: a[i] for n, a in answers.items() if i < len(a)}}
                      for i, q in enumerate(comparison.questions)],
        "votes": vote_records(ws, comparison),
    }


def comparison_rows(ws: Workspace, comparison: Comparison) -> tuple[list[str], list[dict[str, Any]]]:
    """The CSV's columns and rows: one row per (question, candidate), questions in order, candidates in the
    comparison's order; a score the answer lacks is left empty."""
    record = comparison_record(ws, comparison)
    score_keys = list(dict.fromkeys(key for q in record["questions"] for a in q["answers"].values()
                                    for key in a["scores"]))
    rows = []
    for q in record["questions"]:
        for name, answer in q["answers"].items():
            rows.append({"question_index": q["index"], "question": q["question"], "reference": q["reference"],
                         "candidate": name, "answer": answer["answer"],
                         **{key: _cell(answer["scores"].get(key)) for key in score_keys}})
    return [*_ROW_KEYS, *score_keys], rows


def export_comparison(ws: Workspace, comparison: Comparison, out: Path | str, fmt: str | None = None) -> Path:
    """Write the comparison to ``out`` as CSV or JSON (``fmt``, else read from the file's suffix).

    Raises:
        ConfigError: no format was given and the suffix is neither .csv nor .json, or the format is unknown.
        HearthError: no candidate has been answered yet.
    """
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ConfigError(f"cannot tell the export format of {out.name!r} ({fmt or 'no suffix'})",
                          "name a .csv or .json file, or give --format csv|json")
    if not comparison.answered:
        raise HearthError(f"the comparison {comparison.name!r} has no answered candidate yet",
                          f"hearth compare run {comparison.name} -c NAME=MODEL")
    if fmt == "json":
        atomic_write_json(out, comparison_record(ws, comparison))
        return out
    columns, rows = comparison_rows(ws, comparison)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns)  # the csv module's default: RFC 4180, CRLF row ends
    writer.writeheader()
    writer.writerows(rows)
    # With a byte-order mark: spreadsheets then read the file as UTF-8 (Chinese answers intact); csv readers that
    # open it as utf-8-sig, as Python's should, never see the mark.
    atomic_write_bytes(out, buffer.getvalue().encode("utf-8-sig"))
    return out


def _cell(value: Any) -> Any:
    """A score as a CSV cell: booleans as true/false (as in the JSON), no label as empty."""
    if isinstance(value, bool):
        return json.dumps(value)
    return "" if value is None else value
