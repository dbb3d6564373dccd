"""Statistics of a dataset's splits: sizes, token lengths, the longest examples, and what would be truncated.

:func:`dataset_stats` returns a JSON-ready dict (a dataset version writes it as
``stats.json``); :func:`format_stats` turns it into a few lines for a terminal.
Tokens are counted with the chosen model's tokenizer (a ``count_tokens``
callable) on the rendered text when a ``render`` function is given, otherwise
on the messages joined by newlines. Every longest example names its file and line.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from core.data.records import Record
from core.data.split import Splits
from core.errors import ConfigError

__all__ = ["DEFAULT_BUCKETS", "dataset_stats", "format_stats", "split_stats", "token_histogram"]

# Upper bounds (inclusive) of the token-length histogram; a last bucket holds everything longer.
DEFAULT_BUCKETS = (32, 64, 128, 256, 512, 1024, 2048, 4096, 8192)


@dataclass(frozen=True)
class _Row:
    tokens: int
    characters: int
    turns: int
    source: str
    line: int


def _measure(records: Sequence[Record], count_tokens: Callable[[str], int],
             render: Callable[[Record], str]) -> list[_Row]:
    return [_Row(count_tokens(render(r)), sum(len(m.content) for m in r.messages), len(r.messages), r.source, r.line)
            for r in records]


def _check(seq_len: int, buckets: Sequence[int], longest: int) -> None:
    if seq_len < 1:
        raise ConfigError(f"the sequence length is {seq_len}; it must be at least 1", "give the training length")
    if not buckets or any(b < 1 for b in buckets) or any(a >= b for a, b in pairwise(buckets)):
        raise ConfigError(f"the histogram buckets {tuple(buckets)} must be positive and increasing",
                          "give upper bounds such as 128, 256, 512")
    if longest < 0:
        raise ConfigError(f"longest is {longest}; it must be 0 or more", "give how many examples to list")


def token_histogram(lengths: Sequence[int], buckets: Sequence[int] = DEFAULT_BUCKETS) -> list[dict[str, Any]]:
    """How many lengths fall in each bucket.

    Bucket ``i`` holds lengths above ``buckets[i-1]`` up to ``buckets[i]``
    (the first from 0); one more holds lengths above the last bound.

    Returns:
        One dict per bucket: label ("33-64", ">8192"), min, max (None for the last) and count.
    """
    bounds = [*buckets, None]
    counts = [0] * len(bounds)
    for n in lengths:
        counts[next((i for i, b in enumerate(buckets) if n <= b), len(buckets))] += 1
    out = []
    for i, (hi, count) in enumerate(zip(bounds, counts, strict=True)):
        lo = buckets[i - 1] + 1 if i else 0
        label = f"{lo}-{hi}" if hi is not None else f">{lo - 1}"
        out.append({"label": label, "min": lo, "max": hi, "count": count})
    return out


def _token_summary(lengths: list[int]) -> dict[str, Any]:
    if not lengths:
        return {"total": 0, "min": None, "median": None, "mean": None, "p95": None, "max": None}
    ordered = sorted(lengths)
    p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank
    return {"total": sum(ordered), "min": ordered[0], "median": statistics.median(ordered),
            "mean": round(statistics.fmean(ordered), 2), "p95": p95, "max": ordered[-1]}


def _summarise(rows: list[_Row], seq_len: int, buckets: Sequence[int], longest: int) -> dict[str, Any]:
    lengths = [r.tokens for r in rows]
    truncated = sum(1 for n in lengths if n > seq_len)
    top = sorted(rows, key=lambda r: (-r.tokens, r.source, r.line))[:longest]
    return {
        "records": len(rows),
        "turns": sum(r.turns for r in rows),
        "characters": sum(r.characters for r in rows),
        "tokens": _token_summary(lengths),
        "histogram": token_histogram(lengths, buckets),
        "longest": [{"source": r.source, "line": r.line, "tokens": r.tokens} for r in top],
        "truncated": {"seq_len": seq_len, "records": truncated,
                      "share": round(truncated / len(rows), 6) if rows else 0.0},
    }


def split_stats(records: Sequence[Record], count_tokens: Callable[[str], int], *, seq_len: int = 2048,
                render: Callable[[Record], str] | None = None, buckets: Sequence[int] = DEFAULT_BUCKETS,
                longest: int = 5) -> dict[str, Any]:
    """Statistics of one split.

    Args:
        records: the split's records.
        count_tokens: counts the tokens of a text with the chosen model.
        seq_len: the training sequence length; longer records count as truncated.
        render: the text whose tokens are counted; the messages joined by newlines when None.
        buckets: upper bounds of the token-length histogram.
        longest: how many of the longest examples to list.

    Returns:
        records, turns, characters, tokens (total, min, median, mean, p95, max),
        histogram, longest (source, line, tokens) and truncated (seq_len, records, share).

    Raises:
        ConfigError: ``seq_len``, ``buckets`` or ``longest`` is out of range.
    """
    _check(seq_len, buckets, longest)
    return _summarise(_measure(records, count_tokens, render or Record.text), seq_len, buckets, longest)


def dataset_stats(splits: Splits | Mapping[str, Sequence[Record]], count_tokens: Callable[[str], int], *,
                  seq_len: int = 2048, render: Callable[[Record], str] | None = None,
                  buckets: Sequence[int] = DEFAULT_BUCKETS, longest: int = 5) -> dict[str, Any]:
    """Statistics of every split and of all of them together, ready to write as ``stats.json``.

    Each record's tokens are counted once. Arguments as for :func:`split_stats`.

    Returns:
        ``{"seq_len": ..., "buckets": [...], "splits": {name: stats}, "total": stats}``.

    Raises:
        ConfigError: ``seq_len``, ``buckets`` or ``longest`` is out of range.
    """
    _check(seq_len, buckets, longest)
    named = splits.as_dict() if isinstance(splits, Splits) else dict(splits)
    rows = {name: _measure(records, count_tokens, render or Record.text) for name, records in named.items()}
    every = [row for split_rows in rows.values() for row in split_rows]
    return {
        "seq_len": seq_len,
        "buckets": list(buckets),
        "splits": {name: _summarise(r, seq_len, buckets, longest) for name, r in rows.items()},
        "total": _summarise(every, seq_len, buckets, longest),
    }


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value):,}"


def _overview(columns: dict[str, dict[str, Any]], seq_len: int) -> list[str]:
    truncated = f"truncated at {seq_len}"
    spread = "tokens min/median/mean/p95/max"
    head = f"{'':<12}{'records':>9}{'turns':>9}{'characters':>13}  {spread:<34}{truncated:>20}"
    lines = [head]
    for name, s in columns.items():
        t = s["tokens"]
        spread = " / ".join(_fmt(t[k]) for k in ("min", "median", "mean", "p95", "max"))
        cut = f"{s['truncated']['records']:,} ({s['truncated']['share']:.1%})"
        lines.append(f"{name:<12}{_fmt(s['records']):>9}{_fmt(s['turns']):>9}{_fmt(s['characters']):>13}  "
                     f"{spread:<34}{cut:>20}")
    return lines


def _histogram_table(columns: dict[str, dict[str, Any]]) -> list[str]:
    """Counts per bucket and split, from the first bucket to the last one that holds a record."""
    lines = [f"{'tokens':<12}" + "".join(f"{name:>12}" for name in columns)]
    total = columns["total"]["histogram"]
    used = [i for i, b in enumerate(total) if b["count"]]
    for i in range(used[-1] + 1 if used else 0):
        lines.append(f"{total[i]['label']:<12}" + "".join(f"{s['histogram'][i]['count']:>12,}"
                                                          for s in columns.values()))
    return lines


def format_stats(stats: dict[str, Any]) -> str:
    """The statistics from :func:`dataset_stats` as a few aligned lines for a terminal."""
    columns = {**stats["splits"], "total": stats["total"]}
    lines = _overview(columns, stats["seq_len"])
    lines += ["", *_histogram_table(columns)]
    if stats["total"]["longest"]:
        lines += ["", "longest examples:"]
        lines += [f"  {e['source']}:{e['line']}  {e['tokens']:,} tokens" for e in stats["total"]["longest"]]
    return "\n".join(lines)
