"""Train, validation and test splits that keep near duplicates together, and a check that nothing leaks.

Records are first grouped: exact copies always, records that name the same
group in their ``split_group`` field (a generator's variants of one prompt),
and records that resemble each other (MinHash LSH,
:class:`~core.data.clean.NearDuplicateIndex`; as whole records, or on their user
turns with ``near_on="user"``) unless turned off. The groups
are shuffled with the seed and dealt whole to validation and test until each
has its share; the rest go to train. A group never spans two
splits, so a model is not evaluated on a paraphrase of what it trained on, and
:func:`check_no_leakage` verifies that of any splits, however they were made.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from core.config import check, option
from core.data.clean import NEAR_ON, SHINGLE_MODES, NearDuplicateIndex, near_text
from core.data.records import Record
from core.errors import ConfigError

__all__ = ["SPLIT_GROUP", "SPLIT_NAMES", "Leak", "SplitOptions", "Splits", "check_no_leakage", "deal_sizes",
           "near_duplicate_groups", "split_records", "split_targets", "text_key"]

log = logging.getLogger(__name__)

SPLIT_NAMES = ("train", "validation", "test")
SPLIT_GROUP = "split_group"  # a record's field (kept in its meta): records with the same value share a split
MINHASH_SEED = 1  # fixed, so that a new shuffle seed regroups nothing
_TOLERANCE = 1e-6


@dataclass(frozen=True)
class SplitOptions:
    """How records are dealt into train, validation and test."""

    ratios: tuple[float, ...] = option((0.9, 0.05, 0.05), help="shares of train, validation and test; they must "
                                                                "add up to 1")
    counts: tuple[int, ...] | None = option(None, help="records in train, validation and test, used instead of "
                                                        "ratios when given; a train count of -1 takes the rest")
    seed: int = option(0, help="seed of the shuffle: the same seed and records give the same splits", min=0)
    group_near_duplicates: bool = option(True, help="keep records that resemble each other in one split "
                                                    "(exact copies always are)")
    near_threshold: float = option(0.85, help="estimated Jaccard similarity from which two records are near "
                                              "duplicates", min=0.05, max=0.95)
    num_perm: int = option(128, help="MinHash permutations: more is more accurate and slower", min=16, max=1024)
    shingles: str = option("auto", help="what near duplicates are compared on: auto uses words, and character "
                                        "n-grams for Chinese, Japanese and Korean", choices=SHINGLE_MODES)
    word_ngram: int = option(1, help="words per shingle", min=1, max=10)
    char_ngram: int = option(2, help="characters per shingle for CJK text", min=1, max=20)
    near_on: str = option("whole", help="what near duplicates are found on: the whole record, or its user turns "
                                        "only", choices=NEAR_ON)

    def __post_init__(self) -> None:
        check(self)
        if self.counts is not None:
            _check_counts(self.counts)
        else:
            _check_ratios(self.ratios)


def _show(values: tuple[float, ...]) -> str:
    return "(" + ", ".join(f"{v:.10g}" for v in values) + ")"


def _check_ratios(ratios: tuple[float, ...]) -> None:
    hint = "give three shares for train, validation and test, such as 0.9, 0.05, 0.05"
    shown = _show(ratios)
    if len(ratios) != len(SPLIT_NAMES):
        raise ConfigError(f"SplitOptions.ratios has {len(ratios)} values {shown}; it needs 3", hint)
    if any(r < 0 for r in ratios):
        raise ConfigError(f"SplitOptions.ratios {shown} has a negative share", hint)
    total = sum(ratios)
    if abs(total - 1.0) > _TOLERANCE:
        raise ConfigError(f"SplitOptions.ratios {shown} add up to {total:.10g}; they must add up to 1", hint)
    if ratios[0] <= 0:
        raise ConfigError(f"SplitOptions.ratios {shown} give train no share; at least one training record is "
                          "needed", hint)


def _check_counts(counts: tuple[int, ...]) -> None:
    hint = "give three counts for train, validation and test, such as -1, 100, 100 (-1: the rest)"
    if len(counts) != len(SPLIT_NAMES):
        raise ConfigError(f"SplitOptions.counts has {len(counts)} values {counts}; it needs 3", hint)
    if counts[1] < 0 or counts[2] < 0:
        raise ConfigError(f"SplitOptions.counts {counts} has a negative count", hint)
    if counts[0] == 0 or counts[0] < -1:
        raise ConfigError(f"SplitOptions.counts {counts} asks for {counts[0]} training records; at least one "
                          "training record is needed", hint)


@dataclass(frozen=True)
class Splits:
    """Records dealt into train, validation and test, each in input order.

    Attributes:
        train, validation, test: the splits.
        unused: records left over when explicit counts add up to fewer than the records.
        groups: groups of more than one record (copies and near duplicates) kept together.
    """

    train: tuple[Record, ...]
    validation: tuple[Record, ...]
    test: tuple[Record, ...]
    unused: tuple[Record, ...] = ()
    groups: int = 0

    def as_dict(self) -> dict[str, tuple[Record, ...]]:
        """The three splits by name, in the order train, validation, test."""
        return {name: getattr(self, name) for name in SPLIT_NAMES}


@dataclass(frozen=True)
class Leak:
    """Two records in different splits that are copies or near duplicates of each other."""

    split: str
    source: str
    line: int
    other_split: str
    other_source: str
    other_line: int
    similarity: float
    exact: bool

    def __str__(self) -> str:
        what = "copies" if self.exact else f"near duplicates (estimated similarity {self.similarity:.2f})"
        return (f"{self.source}:{self.line} in {self.split} and {self.other_source}:{self.other_line} in "
                f"{self.other_split} are {what}")


def _index(options: SplitOptions) -> NearDuplicateIndex:
    return NearDuplicateIndex(options.near_threshold, num_perm=options.num_perm, mode=options.shingles,
                              word_ngram=options.word_ngram, char_ngram=options.char_ngram, seed=MINHASH_SEED)


def text_key(record: Record) -> bytes:
    """What makes records copies for the split: a 16-byte hash of their text (:meth:`Record.text`)."""
    return hashlib.blake2b(record.text().encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def near_duplicate_groups(records: Sequence[Record], options: SplitOptions | None = None) -> list[list[int]]:
    """Indices of ``records`` grouped so that copies and near duplicates share a group.

    Records whose meta has the same :data:`SPLIT_GROUP` share a group too. Grouping is transitive: if A resembles
    B and B resembles C, all three share a group.

    Returns:
        Every index once, in groups ordered by their first index, each in ascending order.
    """
    options = options or SplitOptions()
    parent = list(range(len(records)))
    first: dict[bytes, int] = {}
    named: dict[str, int] = {}
    index = _index(options) if options.group_near_duplicates else None
    for i, record in enumerate(records):
        if record.meta.get(SPLIT_GROUP) is not None:
            k = named.setdefault(json.dumps(record.meta[SPLIT_GROUP], sort_keys=True), i)
            parent[_find(parent, i)] = _find(parent, k)
        j = first.setdefault(text_key(record), i)
        if j != i:
            parent[_find(parent, i)] = _find(parent, j)
            continue
        if index is not None:
            sketch = index.sketch(near_text(record, options.near_on))
            for key, _ in index.matches(sketch):
                parent[_find(parent, i)] = _find(parent, key)
            index.add(i, sketch)
    groups: dict[int, list[int]] = {}
    for i in range(len(records)):
        groups.setdefault(_find(parent, i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def split_targets(n: int, options: SplitOptions) -> tuple[int | None, int, int]:
    """Records wanted in train (None: the rest), validation and test."""
    if n == 0:
        raise ConfigError("there are no records to split", "check that the dataset kept some records after cleaning")
    if options.counts is not None:
        train, validation, test = options.counts
        wanted = validation + test + max(train, 0)
        if wanted > n:
            raise ConfigError(f"SplitOptions.counts {options.counts} ask for {wanted} records but there are {n}",
                              "lower the counts, or give train -1 to take the rest")
        if train == -1 and wanted == n:
            raise ConfigError(f"SplitOptions.counts {options.counts} leave no training record out of {n}",
                              "lower the validation or test count")
        return (None if train == -1 else train), validation, test
    validation, test = (int(n * r + 0.5) for r in options.ratios[1:])
    if n - validation - test < 1:
        raise ConfigError(f"SplitOptions.ratios {_show(options.ratios)} leave no training record out of {n}",
                          "give train a larger share, or add records")
    return None, validation, test


def deal_sizes(sizes: Iterable[int], targets: tuple[int | None, int, int]) -> list[int]:
    """The split (0 train, 1 validation, 2 test, -1 none) of each group of ``sizes``, dealt in that order: whole
    groups to validation and test while they fit, the rest to train."""
    train_room, *room = targets
    train_room = float("inf") if train_room is None else train_room
    dealt: list[int] = []
    sizes = list(sizes)
    for n, size in enumerate(sizes):
        if train_room == float("inf") and not room[0] and not room[1]:
            dealt += [0] * (len(sizes) - n)  # validation and test are full: train takes all that is left
            break
        fits = [k for k in (1, 2) if room[k - 1] >= size]
        if fits:
            k = max(fits, key=lambda k: (room[k - 1] / targets[k], -k))  # the emptier split, validation on ties
            room[k - 1] -= size
        elif size <= train_room:
            k, train_room = 0, train_room - size
        else:
            k = -1
        dealt.append(k)
    return dealt


def _deal(groups: list[list[int]], targets: tuple[int | None, int, int]) -> tuple[list[list[int]], list[int]]:
    """Deal whole groups to validation and test while they fit, and the rest to train."""
    dealt: list[list[int]] = [[], [], []]
    unused: list[int] = []
    for group, k in zip(groups, deal_sizes(map(len, groups), targets), strict=True):
        (unused if k < 0 else dealt[k]).extend(group)
    return dealt, unused


def split_records(records: Sequence[Record], options: SplitOptions | None = None) -> Splits:
    """Deal ``records`` into train, validation and test by ratios or counts, deterministically from the seed.

    Copies and near duplicates (see :func:`near_duplicate_groups`) go to one
    split together. Validation and test get exactly their share when the
    groups allow; a group too large for what is left of them goes to train.

    Args:
        records: the records, cleaned.
        options: ratios or counts, seed and near-duplicate grouping.

    Raises:
        ConfigError: there are no records, the counts ask for more records than
            there are, or the shares leave no training record.
    """
    options = options or SplitOptions()
    targets = split_targets(len(records), options)
    groups = near_duplicate_groups(records, options)
    order = list(groups)
    random.Random(options.seed).shuffle(order)
    dealt, unused = _deal(order, targets)
    pick = [tuple(records[i] for i in sorted(indices)) for indices in dealt]
    splits = Splits(*pick, unused=tuple(records[i] for i in sorted(unused)),
                    groups=sum(1 for g in groups if len(g) > 1))
    log.info("split %d records into %s (%d groups of near duplicates kept together)", len(records),
             ", ".join(f"{name} {len(s)}" for name, s in splits.as_dict().items()), splits.groups)
    return splits


def _leak(a: tuple[str, Record], b: tuple[str, Record], similarity: float) -> Leak:
    (split, rec), (other_split, other) = a, b
    return Leak(split, rec.source, rec.line, other_split, other.source, other.line, round(similarity, 4),
                rec.text() == other.text())


def check_no_leakage(splits: Splits | Mapping[str, Sequence[Record]],
                     options: SplitOptions | None = None) -> list[Leak]:
    """Every pair of copies or near duplicates that sits in two different splits.

    Args:
        splits: the splits by name (or a :class:`Splits`).
        options: the near-duplicate settings (threshold, shingles); exact
            copies only when ``group_near_duplicates`` is off.

    Returns:
        The leaks, each pair once (the later record first); empty when nothing leaks.
    """
    options = options or SplitOptions()
    named = list((splits.as_dict() if isinstance(splits, Splits) else splits).items())
    flat = [(s, name, rec) for s, (name, records) in enumerate(named) for rec in records]
    index = _index(options) if options.group_near_duplicates else None
    copies: dict[bytes, list[int]] = {}
    leaks: dict[tuple[int, int], Leak] = {}
    for i, (s, name, rec) in enumerate(flat):
        earlier = copies.setdefault(text_key(rec), [])
        found = [(j, 1.0) for j in earlier]
        earlier.append(i)
        if index is not None:
            sketch = index.sketch(near_text(rec, options.near_on))
            found += index.matches(sketch)
            index.add(i, sketch)
        for j, similarity in found:
            if flat[j][0] != s and (i, j) not in leaks:
                leaks[(i, j)] = _leak((name, rec), flat[j][1:], similarity)
    return [leaks[k] for k in sorted(leaks)]
