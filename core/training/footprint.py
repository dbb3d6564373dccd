"""Keeping a CPU training process's resident memory close to what its tensors need.

Three things make such a process hold more than it uses, measured with
``benchmarks/train_speed.py`` on Linux (glibc 2.36, torch 2.13):

* safetensors maps a weights file copy-on-write, and every page read stays in
  the process's resident set for as long as the mapping lives, which is as
  long as one tensor of the file does (an embedding loaded without a copy).
  The fp32 weights QLoRA quantises to NF4 are read once and never again:
  :func:`release_file_pages` drops the pages of a mapped file that no tensor
  of the model lies in (400 MiB of the default model, 90 MiB of a 60M one).
* Memory the loader and the tokenizer freed stays in the heap until
  :func:`trim_heap` gives it back.
* glibc's malloc raises its mmap threshold to the size of each large block
  freed (up to 32 MiB), so after the first step every activation comes from
  the heap, which keeps the freed, fragmented space: 100-280 MiB at the peak.
  :func:`limit_heap_retention` fixes the threshold at 128 KiB, so those blocks
  are mapped and go back to the system when freed; the kernel then zeroes
  fresh pages for every one, which costs 35-45% more CPU time. The recipe
  does it only with gradient checkpointing, where memory comes first.

All are no-ops where they do not apply (not Linux, not glibc).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["file_mappings", "limit_heap_retention", "release_file_pages", "trim_heap"]

log = logging.getLogger(__name__)

_M_MMAP_THRESHOLD = -3  # mallopt's parameter number in glibc's malloc.h
_MMAP_THRESHOLD = 128 * 1024  # glibc's own default before it starts raising it
_MADV_DONTNEED = 4
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@cache
def _libc() -> Any:
    """glibc, or None (another C library, another system)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


@cache
def limit_heap_retention() -> bool:
    """Have malloc map every block over 128 KiB and unmap it when freed; True where it applies.

    Once for the process (further calls do nothing): the setting holds for
    every allocation after it, in every thread.
    """
    libc = _libc()
    return bool(libc is not None and libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD))


def trim_heap() -> None:
    """Collect garbage and give the heap's free space back to the system."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def file_mappings(files: Iterable[Path]) -> set[tuple[int, int]]:
    """The address ranges of this process's mappings of ``files`` now (to pass as ``keep`` later)."""
    return set(_mappings({os.path.realpath(p) for p in files}))


def release_file_pages(model: Any, files: Iterable[Path], *, keep: set[tuple[int, int]] = frozenset()) -> int:
    """Drop the resident pages of ``files``' mappings that no tensor of ``model`` lies in.

    Safe for the model: its tensors' pages stay. Pages of the file that nothing
    uses any more (the fp32 weights a quantiser read and replaced) leave the
    process's resident set; were something else to read them, the kernel would
    read them from the file again, as it reads any mapped page the first time.

    Args:
        keep: mappings not to touch (:func:`file_mappings` before the model was loaded): another model of the
            same file may live in them, and a page it changed (a merged adapter) would be lost, as the
            mapping is private: after MADV_DONTNEED the file's bytes come back in its place.

    Returns:
        The bytes advised away (0 where there is no such mapping, or not on Linux).
    """
    libc = _libc()
    paths = {os.path.realpath(p) for p in files}
    if libc is None or not paths:
        return 0
    live = sorted(_tensor_ranges(model))
    released = 0
    for start, end in _mappings(paths):
        if (start, end) in keep:
            continue
        for gap_start, gap_end in _gaps(start, end, live):
            if libc.madvise(ctypes.c_void_p(gap_start), ctypes.c_size_t(gap_end - gap_start), _MADV_DONTNEED) == 0:
                released += gap_end - gap_start
    log.debug("released %d MiB of mapped weight files", released >> 20)
    return released


def _tensor_ranges(model: Any) -> Iterator[tuple[int, int]]:
    """The address range of every parameter's and buffer's storage."""
    for tensor in (*model.parameters(), *model.buffers()):
        storage = tensor.untyped_storage()
        if storage.device.type == "cpu" and storage.nbytes():
            yield storage.data_ptr(), storage.data_ptr() + storage.nbytes()


def _mappings(paths: set[str]) -> Iterator[tuple[int, int]]:
    """The address ranges of this process's mappings of ``paths``."""
    try:
        lines = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return
    for line in lines:
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and fields[5] in paths:
            start, end = (int(x, 16) for x in fields[0].split("-"))
            yield start, end


def _gaps(start: int, end: int, live: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The whole pages of [start, end) that no range of ``live`` (sorted) touches."""
    cursor = start
    for lo, hi in live:
        if hi <= cursor or lo >= end:
            continue
        yield from _whole_pages(cursor, lo)
        cursor = max(cursor, hi)
    yield from _whole_pages(cursor, end)


def _whole_pages(lo: int, hi: int) -> Iterator[tuple[int, int]]:
    first, last = -(-lo // _PAGE) * _PAGE, hi // _PAGE * _PAGE
    if last > first:
        yield first, last
