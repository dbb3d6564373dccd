"""The import's passes over a dataset file, in memory that does not grow with the records' text.

Pass 1 streams the file: each item is read and cleaned (:meth:`Cleaner.prepare`); a batch at a time the records'
tokens, text keys, MinHash signatures and band keys are measured (:class:`~core.data.measure.Measures`: by a worker
process for a large file, while the next batches are read) and their lengths checked; each record left is written
to a spill file (its JSON line, as a split file holds it), and what the later steps need of it is kept in arrays
(:class:`_Records`: where it came from, its keys, tokens and size, split group) or files (:class:`_Sketch`: the
signatures and band keys of each near-duplicate setting in use). Rejects are spilled as they come.

Then, on the arrays: exact and near duplicates are decided in file order as :class:`~core.data.clean.Cleaner`
decides them (a record is a copy of an earlier kept one), the kept records are grouped (text copies, split
groups, near duplicates) and dealt as :func:`~core.data.split.split_records` deals them, the statistics are taken
and any leak found from the pairs already known. Pass 2 reads the spill once and writes the split files and the
rejects, in the order of the file. The version is the one the record-at-a-time functions give (tests compare
them); every spill lies in the version's partial folder, which goes with it on any failure.
"""

from __future__ import annotations

import json
import logging
import os
import random
from array import array
from collections import Counter, deque
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import numpy as np

from core.data.clean import Cleaner, CleanOptions, duplicate_reject, exact_key
from core.data.measure import Measures, Pending
from core.data.minhash import BandIndex, lsh_bands, shared_bands, similarities
from core.data.records import Record, Reject
from core.data.split import (
    MINHASH_SEED,
    SPLIT_GROUP,
    SPLIT_NAMES,
    Leak,
    SplitOptions,
    deal_sizes,
    split_targets,
)
from core.data.stats import Columns, stats_from_columns
from core.data.tokenize import TokenCounter
from core.errors import DataError
from core.jobs.events import Event, Log, Progress

__all__ = ["SPLIT_FILES", "Built", "build_version"]

log = logging.getLogger(__name__)
SPLIT_FILES = {"train": "train.jsonl", "validation": "validation.jsonl", "test": "test.jsonl"}
_BATCH = 2000
_AHEAD = 2  # batches read and sent to be measured before the first of them is finished
_PARALLEL_BYTES = 32 << 20
# Rejects that are cleaning choices, not faults in the data: strict imports do not stop on them.
_NOT_ERRORS = ("duplicate", "near_duplicate")
_UNUSED = "left out: the split counts ask for fewer records than the dataset has"
# json.dumps(..., ensure_ascii=False) builds an encoder at each call; one built once writes the same text
_JSON = json.JSONEncoder(ensure_ascii=False)


@dataclass(frozen=True)
class Built:
    """What :func:`build_version` wrote: records per split, rejects, and what stats.json says of them."""

    splits: dict[str, int]
    rejected: int
    stats: dict[str, Any]
    summary: dict[str, Any]
    rejected_by_code: dict[str, int]
    leaks: list[str]


# -- the settings in use -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Near:
    """One use of near duplicates: which sketch (by its settings), which bands, which threshold."""

    sketch: tuple
    bands: tuple[int, int]
    threshold: float


def _sketch_of(o: CleanOptions | SplitOptions, seed: int) -> tuple:
    return o.near_on, o.shingles, o.word_ngram, o.char_ngram, o.num_perm, seed


def _plan(clean: CleanOptions, asked: SplitOptions, split: SplitOptions) -> dict[str, _Near]:
    """The near-duplicate uses: dedup (cleaning), group (the split's grouping), leak (the leakage check, needed
    only when cleaning took the place of the split's grouping but with other bands: with the same bands, two
    kept records that share one are below the threshold, or cleaning would have removed one)."""
    plan = {}
    if clean.dedup_near:
        plan["dedup"] = _Near(_sketch_of(clean, clean.seed), lsh_bands(clean.near_threshold, clean.num_perm),
                              clean.near_threshold)
    if split.group_near_duplicates:
        plan["group"] = _Near(_sketch_of(split, MINHASH_SEED), lsh_bands(split.near_threshold, split.num_perm),
                              split.near_threshold)
    elif asked.group_near_duplicates and "dedup" in plan:
        leak = _Near(_sketch_of(asked, MINHASH_SEED), lsh_bands(asked.near_threshold, asked.num_perm),
                     asked.near_threshold)
        if leak.bands != plan["dedup"].bands:
            plan["leak"] = leak
    return plan


class _Sketch:
    """The signatures of one MinHash setting, spilled to a file, and their band keys for each band setting."""

    def __init__(self, settings: tuple, path: Path) -> None:
        self.num_perm, self.path = settings[4], path
        self.handle: BinaryIO | None = path.open("wb")
        self.keys: dict[tuple[int, int], np.ndarray] = {}  # per band setting: (records, bands) uint64, once read
        self._key_files: dict[tuple[int, int], BinaryIO] = {}
        self.has: list[np.ndarray] = []

    def use(self, bands: tuple[int, int]) -> None:
        """Keep the band keys of ``bands`` too (written to a file of their own while records come)."""
        if bands not in self._key_files:
            self._key_files[bands] = self.path.with_name(f"{self.path.stem}-{bands[0]}x{bands[1]}.spill").open("w+b")

    def add(self, signatures: np.ndarray, has: np.ndarray, keys: dict[tuple[int, int], np.ndarray]) -> None:
        self.handle.write(signatures.tobytes())
        self.has.append(has)
        for bands, handle in self._key_files.items():
            handle.write(keys[bands].tobytes())

    def close(self) -> None:
        """The signatures written; the band keys and which records have a signature read into arrays."""
        if self.handle is None:
            return
        self.handle.close()
        self.handle = None
        self.has = [np.concatenate(self.has)] if self.has else [np.zeros(0, dtype=bool)]
        for bands, handle in self._key_files.items():
            handle.seek(0)
            self.keys[bands] = np.fromfile(handle, dtype=np.uint64).reshape(-1, bands[0])
            handle.close()
        self._key_files = {}

    def discard(self) -> None:
        """Close every file (after a failure)."""
        for handle in (self.handle, *self._key_files.values()):
            if handle is not None:
                handle.close()

    def rows(self, indices: np.ndarray) -> np.ndarray:
        """The signatures of the records at ``indices`` (ascending), read from the file a window at a time (read,
        not mapped: pages of the file do not count as the process's memory)."""
        out = np.empty((len(indices), self.num_perm), dtype=np.uint32)
        window = max(1, (4 << 20) // (self.num_perm * 4))  # rows in 4 MB
        lo = 0
        with self.path.open("rb") as handle:
            while lo < len(indices):
                start = int(indices[lo])
                hi = int(np.searchsorted(indices, start + window, side="left"))
                span = int(indices[hi - 1]) - start + 1
                handle.seek(start * self.num_perm * 4)
                block = np.fromfile(handle, dtype=np.uint32, count=span * self.num_perm).reshape(span, -1)
                out[lo:hi] = block[indices[lo:hi] - start]
                lo = hi
        return out


# -- pass 1 ------------------------------------------------------------------------------------------------------

def _column(kind: str) -> array:
    return array(kind)


@dataclass
class _Records:
    """What later steps need of each record that passed pass 1 (its line is in the spill), as compact arrays."""

    ordinals: array = field(default_factory=lambda: _column("q"))  # the item's place in the stream
    lines: array = field(default_factory=lambda: _column("q"))
    sources: array = field(default_factory=lambda: _column("l"))
    tokens: array = field(default_factory=lambda: _column("q"))
    characters: array = field(default_factory=lambda: _column("q"))
    turns: array = field(default_factory=lambda: _column("l"))
    groups: array = field(default_factory=lambda: _column("q"))  # split group's number, -1 for none
    exact: bytearray = field(default_factory=bytearray)  # 16 bytes each
    text: bytearray = field(default_factory=bytearray)  # 16 bytes each
    source_names: dict[str, int] = field(default_factory=dict)
    group_names: dict[str, int] = field(default_factory=dict)

    def add(self, ordinal: int, record: Record, tokens: int, exact: bool, text: bytes) -> None:
        self.ordinals.append(ordinal)
        self.lines.append(record.line)
        self.sources.append(self.source_names.setdefault(record.source, len(self.source_names)))
        self.tokens.append(tokens)
        self.characters.append(sum(len(m.content) for m in record.messages))
        self.turns.append(len(record.messages))
        group = record.meta.get(SPLIT_GROUP)
        self.groups.append(-1 if group is None else
                           self.group_names.setdefault(json.dumps(group, sort_keys=True), len(self.group_names)))
        self.exact += exact_key(record) if exact else bytes(16)
        self.text += text  # its text_key

    def __len__(self) -> int:
        return len(self.ordinals)

    def array(self, name: str) -> np.ndarray:
        values = getattr(self, name)
        if isinstance(values, bytearray):
            return np.frombuffer(bytes(values), dtype=np.uint64).reshape(-1, 2)
        return np.frombuffer(values, dtype=np.int64 if values.itemsize == 8 else np.dtype(f"i{values.itemsize}"))


class _Pass1:
    """Pass 1: read, clean, count tokens, spill; everything but duplicates and the split decided."""

    def __init__(self, folder: Path, clean: CleanOptions, count: TokenCounter, strict: bool,
                 plan: dict[str, _Near], parallel: bool) -> None:
        self.cleaner = Cleaner(clean, count_tokens=count)
        self.strict, self.exact = strict, clean.dedup_exact
        self.records = _Records()
        self.spill: TextIO = (folder / "records.spill").open("w", encoding="utf-8")
        self.rejects: TextIO = (folder / "rejects.spill").open("w", encoding="utf-8")
        self.reject_ordinals = _column("q")
        self.reject_codes = _column("l")  # an index into codes, per spilled reject
        self.codes: Counter[str] = Counter()
        self.first_reject: Reject | None = None
        self.sketches: dict[tuple, _Sketch] = {}
        wanted: dict[tuple, list[tuple[int, int]]] = {}
        for near in plan.values():
            if near.sketch not in self.sketches:
                self.sketches[near.sketch] = _Sketch(near.sketch, folder / f"signatures-{len(self.sketches)}.spill")
            self.sketches[near.sketch].use(near.bands)
            wanted.setdefault(near.sketch, [])
            if near.bands not in wanted[near.sketch]:
                wanted[near.sketch].append(near.bands)
        self.measures = Measures(count, wanted, parallel)

    def run(self, stream: Iterator[Record | Reject]) -> Generator[Event, None, None]:
        """Read batches; each is measured (maybe in the worker) while the next ones are read, then finished in
        order."""
        ordinal, pending = 0, deque()
        try:
            while True:
                items, error = _take(stream, _BATCH)
                prepared = [item if isinstance(item, Reject) else self.cleaner.prepare(item) for item in items]
                pending.append((ordinal, prepared, self.measures.submit([r for r in prepared
                                                                         if isinstance(r, Record)])))
                ordinal += len(items)
                last = error is not None or len(items) < _BATCH
                while pending and (last or len(pending) > _AHEAD):
                    self._finish(*pending.popleft())
                if last:
                    if error is not None:
                        raise error
                    break
                yield Progress(ordinal, 0, f"read {ordinal} items: {len(self.records)} cleaned, "
                                           f"{len(self.reject_ordinals)} rejected", unit="item")
        except BaseException:
            self.measures.close(finished=False)
            raise
        self.measures.close()
        self.spill.close()
        self.rejects.close()
        for sketch in self.sketches.values():
            sketch.close()

    def _finish(self, first: int, prepared: list[Record | Reject], job: Pending) -> None:
        """Length limits, then each record spilled and its columns kept, each reject spilled, in file order."""
        measured = job.result()
        kept: list[bool] = []
        for ordinal, item in enumerate(prepared, first + 1):
            if isinstance(item, Record):
                k = len(kept)
                tokens = measured.tokens[k]
                reject = self.cleaner.length_reject(item, tokens) if self.cleaner.options.limits_length else None
                kept.append(reject is None)
                if reject is None:
                    self.records.add(ordinal, item, tokens, self.exact, measured.text_keys[16 * k:16 * k + 16])
                    self.spill.write(_JSON.encode(item.to_dict()) + "\n")
                    continue
                self.cleaner.summary.rejected[reject.code] += 1
                item = reject
            self._reject(ordinal, item)
        rows = np.array(kept, dtype=bool)
        for sketch, (signatures, has, keys) in zip(self.sketches.values(), measured.sketches, strict=True):
            if not rows.all():
                signatures, has, keys = signatures[rows], has[rows], {b: k[rows] for b, k in keys.items()}
            sketch.add(signatures, has, keys)

    def close(self) -> None:
        """Close every file (after a failure too; closing twice does nothing)."""
        for handle in (self.spill, self.rejects):
            handle.close()
        for sketch in self.sketches.values():
            sketch.discard()

    def _reject(self, ordinal: int, reject: Reject) -> None:
        if self.strict and reject.code not in _NOT_ERRORS:
            raise DataError(reject.reason, "fix the record, or import without --strict to skip it",
                            file=reject.source, line=reject.line, field=reject.field)
        self.first_reject = self.first_reject or reject
        self.codes[reject.code] += 1
        self.reject_codes.append(list(self.codes).index(reject.code))
        self.reject_ordinals.append(ordinal)
        self.rejects.write(_JSON.encode(reject.to_dict()) + "\n")


def _take(stream: Iterator[Record | Reject], n: int) -> tuple[list[Record | Reject], BaseException | None]:
    """Up to ``n`` items, and the error that stopped the stream early (raised once the items before it are
    handled, so that a strict import stops at the first bad item, as one item at a time would)."""
    items: list[Record | Reject] = []
    try:
        for item in islice(stream, n):
            items.append(item)
    except Exception as exc:  # raised again by the caller
        return items, exc
    return items, None


# -- duplicates --------------------------------------------------------------------------------------------------

def _first_copies(keys: np.ndarray) -> np.ndarray:
    """For each record (a row of two uint64 of its 16-byte key), the index of the first record with its key."""
    order = np.lexsort((keys[:, 1], keys[:, 0]))  # stable: a run of equal keys starts with its lowest index
    ordered = keys[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    first = np.empty(len(order), dtype=np.int64)
    first[order] = order[starts][np.cumsum(starts) - 1]
    return first


def _shared(sketch: _Sketch, near: _Near, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The band keys of every record, and which of them ``members`` (those with a signature) share."""
    keys = sketch.keys[near.bands]
    members = members[sketch.has[0][members]]
    shared = np.zeros(keys.shape, dtype=bool)
    shared[members] = shared_bands(keys, members)
    return keys, shared


@dataclass(frozen=True)
class _Verdicts:
    """Per record of pass 1: kept or not; for one not kept, the kept record it copies and, for a near copy, the
    estimated similarity."""

    kept: np.ndarray
    copies: dict[int, tuple[int, float | None]]


def _deduplicate(records: _Records, exact: bool, near: _Near | None, sketch: _Sketch | None) -> _Verdicts:
    """Exact, then near duplicates, in file order: a record is a copy of an earlier *kept* one (as Cleaner).

    Only records with a copy of their key or a shared band key are looked at one by one; any other is kept.
    """
    n = len(records)
    first = _first_copies(records.array("exact")) if exact else np.arange(n)
    copied = np.bincount(first, minlength=n)[first] > 1
    interesting = np.zeros(n, dtype=bool)
    if near is not None:
        keys, shared = _shared(sketch, near, np.arange(n))
        interesting = shared.any(axis=1)
        rows = np.nonzero(interesting)[0]
        signatures = sketch.rows(rows)
        index = BandIndex(keys, shared)
    kept = np.ones(n, dtype=bool)
    copies: dict[int, tuple[int, float | None]] = {}
    kept_copy: dict[int, int] = {}  # first of an exact key -> the record of that key that was kept
    for i in np.nonzero(copied | interesting)[0].tolist():
        if copied[i] and first[i] in kept_copy:
            kept[i], copies[i] = False, (kept_copy[first[i]], None)
            continue
        if interesting[i]:
            found = index.query(i)
            if found:
                mine = signatures[np.searchsorted(rows, i)]
                similarity, banded = similarities(mine, signatures[np.searchsorted(rows, found)], *near.bands)
                close = banded & (similarity >= near.threshold)
                if close.any():
                    best = int(np.argmax(np.where(close, similarity, -1.0)))  # the most similar, then the first
                    kept[i], copies[i] = False, (found[best], float(similarity[best]))
                    continue
            index.add(i, i)
        if copied[i]:
            kept_copy[int(first[i])] = i
    return _Verdicts(kept, copies)


def _near_pairs(members: np.ndarray, near: _Near, sketch: _Sketch) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of ``members`` (records, ascending) that share a band and reach the threshold: (later,
    earlier, similarity), as an index of all of them finds them (the split's grouping and leakage check)."""
    keys, shared = _shared(sketch, near, members)
    rows = np.nonzero(shared.any(axis=1))[0]
    signatures = sketch.rows(rows)
    index = BandIndex(keys, shared)
    later, earlier, sims = [], [], []
    for i in rows.tolist():
        found = index.query(i)
        if found:
            similarity, banded = similarities(signatures[np.searchsorted(rows, i)],
                                              signatures[np.searchsorted(rows, found)], *near.bands)
            for j, sim, ok in zip(found, similarity.tolist(), banded.tolist(), strict=True):
                if ok and sim >= near.threshold:
                    later.append(i)
                    earlier.append(j)
                    sims.append(sim)
        index.add(i, i)
    return np.array(later, dtype=np.int64), np.array(earlier, dtype=np.int64), np.array(sims, dtype=np.float64)


# -- the split ---------------------------------------------------------------------------------------------------

def _components(n: int, partitions: Sequence[np.ndarray], pairs: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The lowest index of each record's group, where records with the same value in a partition (the index of
    its first record) share a group, and so do the two records of each pair; grouping is transitive."""
    label = np.arange(n)
    a, b = pairs
    while True:
        before = label
        for first in partitions:
            low = np.full(n, n, dtype=np.int64)
            np.minimum.at(low, first, label)
            label = np.minimum(label, low[first])
        if len(a):
            label = label.copy()
            np.minimum.at(label, a, label[b])
            np.minimum.at(label, b, label[a])
        label = label[label]  # a label is a record of the group: its own label is as low or lower
        if np.array_equal(label, before):
            return label


def _first_of_groups(groups: np.ndarray) -> np.ndarray:
    """Per record, the first record with its split group (itself when it has none)."""
    first = np.arange(len(groups))
    named = groups >= 0
    if named.any():
        low = np.full(int(groups.max()) + 1, len(groups), dtype=np.int64)
        np.minimum.at(low, groups[named], first[named])
        first[named] = low[groups[named]]
    return first


def _deal(roots: np.ndarray, options: SplitOptions) -> tuple[np.ndarray, int]:
    """Each record's split (0, 1, 2; -1 left out), the groups shuffled by the seed and dealt as split_records
    does, and how many groups have more than one record."""
    uniques, group = np.unique(roots, return_inverse=True)  # groups in the order of their first record
    sizes = np.bincount(group)
    order = list(range(len(uniques)))
    random.Random(options.seed).shuffle(order)  # the same shuffle as of a list of as many groups
    dealt = np.empty(len(uniques), dtype=np.int8)
    dealt[order] = deal_sizes(sizes[order].tolist(), split_targets(len(roots), options))
    return dealt[group], int(np.count_nonzero(sizes > 1))


def _split(records: _Records, kept: np.ndarray, options: SplitOptions, plan: dict[str, _Near],
           sketches: dict[tuple, _Sketch]) -> tuple[np.ndarray, np.ndarray, int]:
    """Each kept record's split, its text copies' first (both in kept order), and the groups of several."""
    text_first = _first_copies(records.array("text")[kept])
    pairs = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    if "group" in plan:  # near duplicates among the first of each text (a copy joins its first's group anyway)
        near = plan["group"]
        later, earlier, _ = _near_pairs(kept[text_first == np.arange(len(kept))], near, sketches[near.sketch])
        pairs = (np.searchsorted(kept, later), np.searchsorted(kept, earlier))
    roots = _components(len(kept), [text_first, _first_of_groups(records.array("groups")[kept])], pairs)
    split_of, groups = _deal(roots, options)
    return split_of, text_first, groups


def _leaks(records: _Records, kept: np.ndarray, split_of: np.ndarray, text_first: np.ndarray, near: _Near,
           sketch: _Sketch) -> list[Leak]:
    """Near duplicates in two splits (what check_no_leakage finds), from the pairs among the kept records; a
    pair's text copies pair up too. Copies of one text share a group, hence a split: never a leak."""
    later, earlier, sims = _near_pairs(kept[text_first == np.arange(len(kept))], near, sketch)
    a, b = np.searchsorted(kept, later), np.searchsorted(kept, earlier)
    cross = (split_of[a] != split_of[b]) & (split_of[a] >= 0) & (split_of[b] >= 0)
    if not cross.any():
        return []
    place = np.zeros(len(kept), dtype=np.int64)  # each record's place in train, then validation, then test
    for k in range(len(SPLIT_NAMES)):
        rows = np.nonzero(split_of == k)[0]
        place[rows] = np.arange(len(rows)) + sum(np.count_nonzero(split_of == j) for j in range(k))
    copies: dict[int, list[int]] = {}
    for row in np.nonzero(np.isin(text_first, np.concatenate([a[cross], b[cross]])))[0].tolist():
        copies.setdefault(int(text_first[row]), []).append(row)
    names = list(records.source_names)
    found: dict[tuple[int, int], Leak] = {}
    for x, y, sim in zip(a[cross].tolist(), b[cross].tolist(), sims[cross].tolist(), strict=True):
        for p in copies[x]:
            for q in copies[y]:
                i, j = (p, q) if place[p] > place[q] else (q, p)
                found[(int(place[i]), int(place[j]))] = Leak(
                    SPLIT_NAMES[split_of[i]], names[records.sources[kept[i]]], records.lines[kept[i]],
                    SPLIT_NAMES[split_of[j]], names[records.sources[kept[j]]], records.lines[kept[j]],
                    round(sim, 4), False)
    return [found[k] for k in sorted(found)]


def _columns(records: _Records, rows: np.ndarray) -> Columns:
    return Columns(records.array("tokens")[rows], records.array("characters")[rows], records.array("turns")[rows],
                   records.array("sources")[rows], records.array("lines")[rows], tuple(records.source_names))


# -- pass 2 ------------------------------------------------------------------------------------------------------

class _Writer:
    """Pass 2: the split files and rejects.jsonl, from the spills, in the order of the file."""

    def __init__(self, folder: Path, first: _Pass1) -> None:
        self.folder, self.first = folder, first
        self.codes: Counter[str] = Counter()
        self.rejected = 0

    def write(self, provided: Sequence[Reject], verdicts: _Verdicts, split_of: np.ndarray,
              threshold: float) -> dict[str, int]:
        names = list(self.first.records.source_names)
        counts = dict.fromkeys(SPLIT_FILES, 0)
        outs = [(self.folder / file).open("w", encoding="utf-8") for file in SPLIT_FILES.values()]
        rejects = (self.folder / "rejects.jsonl").open("w", encoding="utf-8")
        unused = (self.folder / "unused.spill").open("w+", encoding="utf-8")
        try:
            for reject in provided:
                self._reject(rejects, reject.code, _JSON.encode(reject.to_dict()) + "\n")
            spilled = self._spilled_rejects()
            pending = next(spilled, None)
            k = 0
            with (self.folder / "records.spill").open(encoding="utf-8") as spill:
                for i, line in enumerate(spill):
                    ordinal = self.first.records.ordinals[i]
                    while pending is not None and pending[0] < ordinal:
                        self._reject(rejects, *pending[1:])
                        pending = next(spilled, None)
                    if verdicts.kept[i]:
                        split = int(split_of[k])
                        k += 1
                        if split >= 0:
                            outs[split].write(line)
                            counts[SPLIT_NAMES[split]] += 1
                        else:
                            record = Record.from_dict(json.loads(line))
                            reject = Reject(record.source, record.line, "", _UNUSED, "unused_by_split",
                                            record.text()[:80])
                            unused.write(_JSON.encode(reject.to_dict()) + "\n")
                        continue
                    copy, similarity = verdicts.copies[i]
                    where = (names[self.first.records.sources[copy]], self.first.records.lines[copy])
                    reject = duplicate_reject(Record.from_dict(json.loads(line)), where, similarity, threshold)
                    self._reject(rejects, reject.code, _JSON.encode(reject.to_dict()) + "\n")
            while pending is not None:
                self._reject(rejects, *pending[1:])
                pending = next(spilled, None)
            unused.seek(0)
            for line in unused:
                self._reject(rejects, "unused_by_split", line)
            for handle in (*outs, rejects):
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            for handle in (*outs, rejects, unused):
                handle.close()
        return counts

    def _spilled_rejects(self) -> Iterator[tuple[int, str, str]]:
        codes = list(self.first.codes)
        with (self.folder / "rejects.spill").open(encoding="utf-8") as spill:
            for ordinal, code, line in zip(self.first.reject_ordinals, self.first.reject_codes, spill, strict=True):
                yield ordinal, codes[code], line

    def _reject(self, handle: TextIO, code: str, line: str) -> None:
        handle.write(line)
        self.codes[code] += 1
        self.rejected += 1


# -- the whole -----------------------------------------------------------------------------------------------------

def build_version(folder: Path, stream: Any, clean: CleanOptions, asked: SplitOptions, split: SplitOptions,
                  count: TokenCounter, *, seq_len: int, strict: bool = False, rejects: Sequence[Reject] = (),
                  source: Path | None = None, parallel: bool | None = None) -> Generator[Event, None, Built]:
    """Read ``stream`` (:func:`~core.data.formats.load_records`) and write a version's files into ``folder``.

    Args:
        folder: the version's partial folder (the spills are written there, and removed at the end).
        stream: the records and rejects of the file, with a ``summary`` once read.
        clean: the cleaning steps.
        asked, split: the split's options as given, and as used (grouping off when cleaning did it).
        count: the model's token counter.
        seq_len: the training sequence length, for the statistics.
        strict: stop at the first reject that is not a duplicate.
        rejects: items left out before (a generator's), listed first.
        source: the file, for the message when nothing is left.
        parallel: measure tokens and signatures in a worker process; by default for a file of 32 MB or more on a
            machine of several CPUs (a worker takes a second or two to start).

    Raises:
        DataError: nothing could be used, or (strict) an item was rejected.
        ConfigError: the split counts ask for more records than are left.
    """
    plan = _plan(clean, asked, split)
    if parallel is None:
        parallel = (os.cpu_count() or 1) > 1 and source is not None and source.stat().st_size >= _PARALLEL_BYTES
    first = _Pass1(folder, clean, count, strict, plan, parallel)
    try:
        yield from first.run(iter(stream))
    finally:
        first.close()
    load = stream.summary.to_dict()
    if not len(first.records):
        _nothing_left(source or Path("the file"), rejects, first)
    dedup = plan.get("dedup")
    verdicts = _deduplicate(first.records, clean.dedup_exact, dedup,
                            first.sketches[dedup.sketch] if dedup is not None else None)
    kept = np.nonzero(verdicts.kept)[0]
    first.cleaner.summary.rejected.update(Counter(
        "duplicate" if similarity is None else "near_duplicate" for _, similarity in verdicts.copies.values()))
    first.cleaner.summary.kept = len(kept)
    split_of, text_first = yield from _dealt(first, kept, split, plan)
    leak = plan.get("leak")
    leaks = [] if leak is None else _leaks(first.records, kept, split_of, text_first, leak,
                                           first.sketches[leak.sketch])
    yield Progress(0, 0, "writing the version", unit="record")
    stats = stats_from_columns({name: _columns(first.records, kept[split_of == k])
                                for k, name in enumerate(SPLIT_NAMES)}, seq_len=seq_len)
    writer = _Writer(folder, first)
    splits = writer.write(rejects, verdicts, split_of, clean.near_threshold)
    for spill in folder.glob("*.spill"):
        spill.unlink()
    summary = {**load, "cleaning": first.cleaner.summary.to_dict()}
    return Built(splits, writer.rejected, stats, summary, dict(writer.codes), [str(x) for x in leaks])


def _dealt(first: _Pass1, kept: np.ndarray, split: SplitOptions,
           plan: dict[str, _Near]) -> Generator[Event, None, tuple[np.ndarray, np.ndarray]]:
    """The split of each kept record (and its text copies' first), saying when validation or test is empty."""
    yield Progress(0, 0, f"splitting {len(kept)} records", unit="record")
    split_of, text_first, groups = _split(first.records, kept, split, plan, first.sketches)
    for k, name in ((1, "validation"), (2, "test")):
        wanted = split_targets(len(kept), split)[k]
        if wanted and not np.count_nonzero(split_of == k):
            yield Log(f"the {name} split is empty though the split asks for {wanted}: the groups of near "
                      "duplicates (or a generator's variants of one question) are too large to deal whole",
                      "WARNING")
    log.info("split %d records into %s (%d groups of near duplicates kept together)", len(kept),
             ", ".join(f"{n} {np.count_nonzero(split_of == k)}" for k, n in enumerate(SPLIT_NAMES)), groups)
    return split_of, text_first


def _nothing_left(source: Path, provided: Sequence[Reject], first: _Pass1) -> None:
    codes = Counter(r.code for r in provided)
    codes.update(first.codes)
    total = len(provided) + len(first.reject_ordinals)
    reasons = ", ".join(f"{code} {n}" for code, n in codes.most_common(4))
    head = provided[0] if provided else first.first_reject
    shown = f"; the first: {head}" if head is not None else ""
    raise DataError(f"no record of {source.name} could be used ({total} rejected: {reasons}){shown}",
                    "fix the file, or choose --format and --columns if it was read the wrong way",
                    file=str(source))
