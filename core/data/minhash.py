"""MinHash signatures and LSH bands held in arrays, for near duplicates among millions of records.

:class:`MinHasher` computes for a batch of texts exactly the signatures of datasketch's ``MinHash(num_perm,
seed)`` fed the texts' shingles (:func:`core.data.clean.shingles`): datasketch's default scheme since 2.0,
"affine32", hashes a shingle's UTF-8 with ``sha1_hash32``, mixes it with the MurmurHash3 finalizer and permutes it
by ``a * h + b`` modulo 2**32 for ``num_perm`` pairs (a, b) drawn from ``np.random.RandomState(seed)``; a
signature is the minimum over the shingles. Here a shingle's hash is computed once and cached (words repeat), and
the permutations and the minimum run in numpy over the whole batch. Tests check the signatures against datasketch's.

:func:`lsh_bands` gives the bands (b bands of r values) that datasketch's ``MinHashLSH`` chooses for a threshold;
:func:`band_keys` turns each band of a signature into one 64-bit key. :class:`BandIndex` then finds, as
``MinHashLSH.query`` does, the earlier records that share a band with a record, holding only the records whose key
in some band is shared with another record (:func:`shared_bands`); the rest can have no candidate at all. A
candidate is a near duplicate when its signature agrees with the record's in at least ``threshold`` of the
positions, as :class:`~core.data.clean.NearDuplicateIndex` checks, and only when a band is truly equal (so two keys
that collide change nothing).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import numpy as np

__all__ = ["LSH_WEIGHTS", "BandIndex", "MinHasher", "band_keys", "lsh_bands", "shared_bands", "similarities"]

# False positives weigh little against false negatives: every candidate is checked against the threshold anyway.
LSH_WEIGHTS = (0.1, 0.9)
_MAX32 = np.uint32(0xFFFFFFFF)
# MurmurHash3's 32-bit finalizer, as datasketch's _fmix applies it (shifts and multipliers).
_FMIX32 = (16, np.uint32(0x85EBCA6B), 13, np.uint32(0xC2B2AE35), 16)
# FNV-1a's 64-bit offset and prime, folding a band's r values into one key.
_FNV_OFFSET, _FNV_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)
# Shingles permuted at once: 512 KB of uint32 at 128 permutations stays in the cache (measured: 2.5 times faster
# than 16 MB at once)
_CHUNK = 1 << 10


@lru_cache(maxsize=64)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's ``MinHashLSH(threshold, num_perm, weights=LSH_WEIGHTS)`` uses."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
    return lsh.b, lsh.r


def _fmix32(h: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)


def _sha1_32(shingle: str) -> int:
    return int.from_bytes(hashlib.sha1(shingle.encode("utf-8")).digest()[:4], "little")


class MinHasher:
    """datasketch's MinHash signatures, for many texts at once.

    Args:
        num_perm: permutations (the signature's length).
        seed: seed of the permutations.
        shingle: a text's shingles (:func:`core.data.clean.shingles` with the chosen mode and n-grams).
        piece_shingle: when a text's shingles are the union of this over its pieces between spaces (unless that
            is empty: then ``shingle``), as :func:`core.data.clean.word_shingles` gives for one word a shingle;
            the hashes of a piece are then remembered whole (pieces repeat).
        cache_size: how many shingles' (or pieces') hashes to remember; the cache is emptied when it is full.
    """

    def __init__(self, num_perm: int, seed: int, shingle: Callable[[str], Iterable[str]], *,
                 piece_shingle: Callable[[str], Iterable[str]] | None = None, cache_size: int = 200_000) -> None:
        gen = np.random.RandomState(seed)  # as datasketch's MinHash._init_permutations draws them (affine32)
        self.a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        self.b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
        self.num_perm = num_perm
        self._shingle, self._piece_shingle = shingle, piece_shingle
        self._cache: dict[str, int] = {}
        self._pieces: dict[str, tuple[int, ...]] = {}
        self._cache_size = cache_size

    def signatures(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The signatures of ``texts``, one row each (uint32), and which texts have any shingle.

        A text without a shingle gets a row of 0xFFFFFFFF (datasketch's empty MinHash); it resembles nothing.
        """
        if len(self._cache) > self._cache_size:
            self._cache.clear()
        if len(self._pieces) > self._cache_size:
            self._pieces.clear()
        hashes: list[int] = []
        counts: list[int] = []
        for text in texts:
            by_piece = self._piece_hashes(text) if self._piece_shingle is not None else None
            # (a word twice is permuted once)
            found = set(by_piece) if by_piece else [self._hash(gram) for gram in self._shingle(text)]
            hashes += found
            counts.append(len(found))
        counts_ = np.array(counts, dtype=np.int64)
        mixed = _fmix32(np.array(hashes, dtype=np.uint32))
        out = np.full((len(texts), self.num_perm), _MAX32, dtype=np.uint32)
        self._permute_min(mixed, counts_, out)
        return out, counts_ > 0

    def _hash(self, gram: str) -> int:
        h = self._cache.get(gram)
        if h is None:
            h = self._cache[gram] = _sha1_32(gram)
        return h

    def _piece_hashes(self, text: str) -> list[int]:
        """The hashes of the shingles of each piece of ``text`` between spaces (a shingle may come twice)."""
        found: list[int] = []
        pieces = self._pieces
        for piece in text.split(" "):
            hashes = pieces.get(piece)
            if hashes is None:
                hashes = pieces[piece] = tuple(self._hash(gram) for gram in self._piece_shingle(piece))
            found += hashes
        return found

    def _permute_min(self, mixed: np.ndarray, counts: np.ndarray, out: np.ndarray) -> None:
        """``out[i]`` = the minimum over text i's hashes of ``a * h + b`` (mod 2**32), a chunk of texts at a time."""
        ends = np.cumsum(counts)
        starts = ends - counts
        first = 0
        while first < len(counts):
            # texts whose hashes fit in one chunk (at least one text, however many hashes it has)
            last = max(first + 1, int(np.searchsorted(ends, starts[first] + _CHUNK, side="right")))
            rows = np.nonzero(counts[first:last])[0] + first
            if len(rows):
                lo, hi = starts[first], ends[last - 1]
                permuted = mixed[lo:hi, None] * self.a + self.b  # uint32 arithmetic wraps: mod 2**32
                out[rows] = np.minimum.reduceat(permuted, starts[rows] - lo, axis=0)
            first = last


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per band of each signature (columns ``k * rows`` to ``(k + 1) * rows``), shape (n, bands)."""
    keys = np.empty((len(signatures), bands), dtype=np.uint64)
    for k in range(bands):
        h = np.full(len(signatures), _FNV_OFFSET, dtype=np.uint64)
        for column in signatures[:, k * rows:(k + 1) * rows].T:
            h ^= column.astype(np.uint64)
            h *= _FNV_PRIME
        keys[:, k] = h
    return keys


def shared_bands(keys: np.ndarray, members: np.ndarray) -> np.ndarray:
    """For each record of ``members`` (row indices of ``keys``), which of its band keys another member also has."""
    shared = np.zeros((len(members), keys.shape[1]), dtype=bool)
    for k in range(keys.shape[1]):
        column = keys[members, k]  # one band at a time: no copy of all the keys
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        same = ordered[1:] == ordered[:-1]
        mark = np.zeros(len(order), dtype=bool)
        mark[1:] |= same
        mark[:-1] |= same
        shared[order, k] = mark
    return shared


def similarities(signature: np.ndarray, others: np.ndarray, bands: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Estimated similarity of ``signature`` to each row of ``others`` (the share of equal values, as datasketch's
    digests compare), and whether they share a whole band (an LSH candidate in truth, not by a key collision)."""
    equal = others == signature
    banded = equal[:, :bands * rows].reshape(len(others), bands, rows).all(axis=2).any(axis=1)
    return equal.mean(axis=1), banded


class BandIndex:
    """Records indexed by their shared band keys, queried for the earlier records that share a band.

    Args:
        keys: the band keys of every record (:func:`band_keys`).
        shared: per record, which band keys are shared (:func:`shared_bands`); only those are indexed.
    """

    def __init__(self, keys: np.ndarray, shared: np.ndarray) -> None:
        self._keys, self._shared = keys, shared
        self._buckets: dict[tuple[int, int], list[int]] = {}

    def _bucket_ids(self, row: int) -> list[tuple[int, int]]:
        return [(int(k), int(self._keys[row, k])) for k in np.nonzero(self._shared[row])[0]]

    def query(self, row: int) -> list[int]:
        """The indexed records (their ``add`` ids) that share a band key with record ``row``, ascending."""
        found: set[int] = set()
        for bucket in self._bucket_ids(row):
            found.update(self._buckets.get(bucket, ()))
        return sorted(found)

    def add(self, row: int, key: int) -> None:
        """Index record ``row`` under ``key`` (what ``query`` returns for it)."""
        for bucket in self._bucket_ids(row):
            self._buckets.setdefault(bucket, []).append(key)
