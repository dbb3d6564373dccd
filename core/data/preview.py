"""A look at what an import would do, before it writes anything: for the desktop's import wizard.

:func:`preview_import` reads the first items of a file with the import's
options (format, columns, cleaning, split), and returns each item kept or
rejected with its reason, the counts by reason, and the split sizes, in a
second or two. Lengths are counted with an approximate tokenizer unless one is
given, so no model is needed; the import itself counts with the model's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.data.clean import Cleaner
from core.data.formats import approx_token_count, load_records
from core.data.records import Record, Reject
from core.data.split import split_records
from core.data.versions import ImportOptions, _split_options
from core.errors import ConfigError

__all__ = ["ImportPreview", "PreviewRow", "preview_import"]

PREVIEW_ITEMS = 5000
_EXCERPT = 160


@dataclass(frozen=True)
class PreviewRow:
    """One item of the file: where it is, what it says, and, when rejected, why."""

    line: int
    kept: bool
    prompt: str
    answer: str
    code: str = ""
    reason: str = ""
    field: str = ""


@dataclass(frozen=True)
class ImportPreview:
    """What an import of the first ``items`` items would keep and reject.

    ``complete`` is True when that was the whole file. ``rejected_by_code``
    counts reading and cleaning rejects together; ``splits`` are the sizes the
    split would give the kept records (empty when it cannot split them).
    """

    format: str
    rows: list[PreviewRow]
    items: int
    complete: bool
    kept: int
    rejected_by_code: dict[str, int]
    fixed_by_code: dict[str, int]
    cleaning: dict[str, Any]
    splits: dict[str, int] = field(default_factory=dict)
    split_error: str = ""


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[:_EXCERPT - 1] + "…"


def _row(item: Record | Reject) -> PreviewRow:
    if isinstance(item, Reject):
        return PreviewRow(item.line, False, _excerpt(item.excerpt), "", item.code, item.reason, item.field)
    prompt = next((m.content for m in item.messages if m.role in ("user", "text")), "")
    answer = next((m.content for m in reversed(item.messages) if m.role == "assistant"), "")
    return PreviewRow(item.line, True, _excerpt(prompt), _excerpt(answer))


def preview_import(path: Path | str, options: ImportOptions | None = None, *, limit: int = PREVIEW_ITEMS,
                   count_tokens: Callable[[str], int] | None = None) -> ImportPreview:
    """Read, clean and split the first ``limit`` items of ``path`` as an import with ``options`` would.

    Args:
        path: the dataset file.
        options: format, columns, cleaning and split, as for the import.
        limit: how many items to read at most.
        count_tokens: the tokenizer's counter; an approximate count when None.

    Raises:
        DataError: the file cannot be read as a dataset (as the import would say).
        ConfigError: an option is out of range.
    """
    options = options or ImportOptions()
    count = count_tokens or approx_token_count
    cleaner = Cleaner(options.clean, count_tokens=count)
    rows: list[PreviewRow] = []
    kept: list[Record] = []
    rejected: Counter[str] = Counter()
    with load_records(path, format=options.format, columns=options.columns, count_tokens=count,
                      text_chunk_tokens=options.text_chunk_tokens) as stream:
        complete = True
        for n, item in enumerate(stream):
            if n >= limit:
                complete = False
                break
            result = item if isinstance(item, Reject) else cleaner.clean(item)
            if isinstance(result, Reject):
                rejected[result.code] += 1
            else:
                kept.append(result)
            rows.append(_row(result))
        fmt, fixed = stream.format, dict(stream.summary.fixed_by_code)
    splits, split_error = _split_sizes(kept, options)
    return ImportPreview(fmt, rows, len(rows), complete, len(kept), dict(rejected), fixed,
                         cleaner.summary.to_dict(), splits, split_error)


def _split_sizes(records: list[Record], options: ImportOptions) -> tuple[dict[str, int], str]:
    if not records:
        return {}, ""
    try:
        splits = split_records(records, _split_options(options))
    except ConfigError as exc:
        return {}, exc.message
    return {name: len(part) for name, part in splits.as_dict().items()}, ""
