"""Statistics of a dataset's splits: sizes, token lengths, the longest examples, and what would be truncated.

:func:`dataset_stats` returns a JSON-ready dict (a dataset version writes it as
``stats.json``); :func:`format_stats` turns it into a few lines for a terminal.
Tokens are counted with the chosen model's tokenizer (a ``count_tokens``
callable) on the rendered text when a ``render`` function is given, otherwise
on the messages joined by newlines. Every longest example names its file and line.
:func:`stats_from_columns` gives the same from what was measured of each record
(:class:`Columns`, arrays), which an import of millions of records keeps instead of the records.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from core.data.records import Record
from core.data.split import Splits
from core.errors import ConfigError

__all__ = ["DEFAULT_BUCKETS", "Columns", "dataset_stats", "format_stats", "split_stats", "stats_from_columns",
           "token_histogram"]

# Upper bounds (inclusive) of the token-length histogram; a last bucket holds everything longer.
DEFAULT_BUCKETS = (32, 64, 128, 256, 512, 1024, 2048, 4096, 8192)


@dataclass(frozen=True)
class Columns:
    """What the statistics need of each record, as arrays of one value per record.

    Attributes:
        tokens, characters, turns, lines: integers per record.
        sources: per record, an index into ``source_names``.
        source_names: the files the records came from.
    """

    tokens: np.ndarray
    characters: np.ndarray
    turns: np.ndarray
    sources: np.ndarray
    lines: np.ndarray
    source_names: tuple[str, ...]

    @classmethod
    def concat(cls, parts: Sequence[Columns]) -> Columns:
        """The records of ``parts`` one after the other (their source names merged)."""
        names = tuple(dict.fromkeys(n for p in parts for n in p.source_names))
        index = {n: i for i, n in enumerate(names)}
        sources = [np.array([index[n] for n in p.source_names], dtype=np.int64)[p.sources] if len(p.sources)
                   else np.zeros(0, dtype=np.int64) for p in parts]
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) if parts else np.zeros(0, dtype=np.int64)
                     for f in ("tokens", "characters", "turns")),
                   np.concatenate(sources) if parts else np.zeros(0, dtype=np.int64),
                   np.concatenate([p.lines for p in parts]) if parts else np.zeros(0, dtype=np.int64), names)


def _measure(records: Sequence[Record], count_tokens: Callable[[str], int],
             render: Callable[[Record], str]) -> Columns:
    names = tuple(dict.fromkeys(r.source for r in records))
    index = {n: i for i, n in enumerate(names)}

    def column(values: list[int]) -> np.ndarray:
        return np.array(values, dtype=np.int64)

    return Columns(column([count_tokens(render(r)) for r in records]),
                   column([sum(len(m.content) for m in r.messages) for r in records]),
                   column([len(r.messages) for r in records]), column([index[r.source] for r in records]),
                   column([r.line for r in records]), names)


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
    # bucket i is the first whose bound is at least n
    counts = np.bincount(np.searchsorted(np.asarray(buckets), np.asarray(lengths, dtype=np.int64), side="left"),
                         minlength=len(bounds)).tolist()
    out = []
    for i, (hi, count) in enumerate(zip(bounds, counts, strict=True)):
        lo = buckets[i - 1] + 1 if i else 0
        label = f"{lo}-{hi}" if hi is not None else f">{lo - 1}"
        out.append({"label": label, "min": lo, "max": hi, "count": count})
    return out


def _token_summary(lengths: np.ndarray) -> dict[str, Any]:
    n = len(lengths)
    if not n:
        return {"total": 0, "min": None, "median": None, "mean": None, "p95": None, "max": None}
    ordered = np.sort(lengths)
    total = int(ordered.sum())
    # statistics.median: the middle value, or the mean of the two middle ones (a float); fmean: the sum over n
    median = int(ordered[n // 2]) if n % 2 else (int(ordered[n // 2 - 1]) + int(ordered[n // 2])) / 2
    p95 = int(ordered[math.ceil(0.95 * n) - 1])  # nearest rank
    return {"total": total, "min": int(ordered[0]), "median": median, "mean": round(float(total) / n, 2),
            "p95": p95, "max": int(ordered[-1])}


def _longest(columns: Columns, longest: int) -> list[dict[str, Any]]:
    """The ``longest`` records with the most tokens (ties: by source, then line)."""
    tokens = columns.tokens
    if not longest or not len(tokens):
        return []
    floor = np.partition(tokens, len(tokens) - longest)[len(tokens) - longest] if len(tokens) > longest else 0
    rows = np.nonzero(tokens >= floor)[0]
    rank = np.argsort(np.argsort(np.array(columns.source_names, dtype=object)))  # each name's place in order
    order = np.lexsort((columns.lines[rows], rank[columns.sources[rows]], -tokens[rows]))[:longest]
    return [{"source": columns.source_names[columns.sources[i]], "line": int(columns.lines[i]),
             "tokens": int(tokens[i])} for i in rows[order]]


def _summarise(columns: Columns, seq_len: int, buckets: Sequence[int], longest: int) -> dict[str, Any]:
    n = len(columns.tokens)
    truncated = int(np.count_nonzero(columns.tokens > seq_len))
    return {
        "records": n,
        "turns": int(columns.turns.sum()),
        "characters": int(columns.characters.sum()),
        "tokens": _token_summary(columns.tokens),
        "histogram": token_histogram(columns.tokens, buckets),
        "longest": _longest(columns, longest),
        "truncated": {"seq_len": seq_len, "records": truncated, "share": round(truncated / n, 6) if n else 0.0},
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
    return stats_from_columns({name: _measure(records, count_tokens, render or Record.text)
                               for name, records in named.items()}, seq_len=seq_len, buckets=buckets, longest=longest)


def stats_from_columns(splits: Mapping[str, Columns], *, seq_len: int = 2048,
                       buckets: Sequence[int] = DEFAULT_BUCKETS, longest: int = 5) -> dict[str, Any]:
    """:func:`dataset_stats` of splits given by what was measured of their records.

    Raises:
        ConfigError: ``seq_len``, ``buckets`` or ``longest`` is out of range.
    """
    _check(seq_len, buckets, longest)
    return {
        "seq_len": seq_len,
        "buckets": list(buckets),
        "splits": {name: _summarise(c, seq_len, buckets, longest) for name, c in splits.items()},
        "total": _summarise(Columns.concat(list(splits.values())), seq_len, buckets, longest),
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
