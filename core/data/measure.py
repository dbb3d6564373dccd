"""What an import measures of each batch of records: token counts, and MinHash signatures with their band keys.

Both depend on a record's text alone and are the slowest part of reading a file. :class:`Measures` computes them
for a batch either in this process or, for a large file, in a worker process, which measures one batch while the
import reads and cleans the next; the results are the same numbers either way (the worker builds the same token
counter from the model's file, and the same :class:`~core.data.minhash.MinHasher`). The worker is a plain Python
process (``python -c``) fed pickled batches on its standard input: unlike ``multiprocessing``'s ``spawn``, it does
not import the caller's main module again, so a script that imports a dataset needs no ``__main__`` guard.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from core.data.clean import near_text, shingles, word_shingles
from core.data.minhash import MinHasher, band_keys
from core.data.records import Record
from core.data.tokenize import GGUFVocab, HFCounter, TokenCounter, count_batch

log = logging.getLogger(__name__)

__all__ = ["Measured", "Measures", "SketchSettings"]

# near_on, shingles mode, word n-gram, char n-gram, num_perm, seed
SketchSettings = tuple[str, str, int, int, int, int]


@dataclass(frozen=True)
class Measured:
    """Of each record of a batch: its tokens; its text's key (:func:`core.data.split.text_key`, 16 bytes each, one
    after the other); per sketch, its signature, whether it has one, and its band keys."""

    tokens: list[int]
    text_keys: bytes
    sketches: list[tuple[np.ndarray, np.ndarray, dict[tuple[int, int], np.ndarray]]]


class _Hashing:
    def __init__(self, settings: SketchSettings, bands: Sequence[tuple[int, int]]) -> None:
        near_on, mode, word_ngram, char_ngram, num_perm, seed = settings
        self.near_on, self.bands = near_on, tuple(bands)
        # one word a shingle: a text's shingles are those of its pieces between spaces, remembered by piece
        by_piece = (partial(word_shingles, mode=mode, char_ngram=char_ngram)
                    if word_ngram == 1 and mode != "char" else None)
        self.hasher = MinHasher(num_perm, seed, partial(shingles, mode=mode, word_ngram=word_ngram,
                                                        char_ngram=char_ngram), piece_shingle=by_piece)


def _measure(count: TokenCounter, hashings: Sequence[_Hashing], texts: list[str],
             near: list[list[str]]) -> Measured:
    out = []
    for hashing, near_texts in zip(hashings, near, strict=True):
        signatures, has = hashing.hasher.signatures(near_texts)
        out.append((signatures, has, {bands: band_keys(signatures, *bands) for bands in hashing.bands}))
    keys = b"".join(hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=16).digest() for t in texts)
    return Measured(count_batch(count, texts), keys, out)


def _counter_spec(count: TokenCounter) -> tuple[str, str] | None:
    """How a worker builds the same counter: the model's file or folder; None for a counter it cannot build."""
    if isinstance(count, GGUFVocab):
        return "gguf", str(count.path)
    if isinstance(count, HFCounter):
        return "hf", str(count.folder)
    return None


class _Outbox:
    """Pickled values written to a pipe by a thread of their own, so that the thread that computes them never
    waits for the other side to read (the pipe is made large enough for a batch where the system allows)."""

    def __init__(self, pipe: BinaryIO) -> None:
        self.pipe = pipe
        _widen(pipe)
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._thread = threading.Thread(target=self._write, name="hearth-measure-outbox", daemon=True)
        self._thread.start()

    def put(self, value: Any) -> None:
        self._queue.put(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _write(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # the other side is gone: what it reads says so
            while (data := self._queue.get()) is not None:
                self.pipe.write(data)
                self.pipe.flush()
        with contextlib.suppress(OSError, ValueError):
            self.pipe.close()

    def close(self) -> None:
        """Write what is queued, then close the pipe."""
        self._queue.put(None)
        self._thread.join()


def _widen(pipe: BinaryIO) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), 1031, 1 << 20)  # F_SETPIPE_SZ (Linux): 1 MB, the usual most
    except (ImportError, OSError, ValueError):
        pass  # another system, or not allowed: the writing thread waits instead


def _serve() -> None:
    """The worker: settings, then batches, read from standard input; each batch's result written back in order."""
    results = _Outbox(os.fdopen(os.dup(1), "wb"))
    os.dup2(2, 1)  # anything a library prints goes to standard error, not into the results
    source = sys.stdin.buffer
    spec, sketches = pickle.load(source)
    kind, where = spec
    count = GGUFVocab(where) if kind == "gguf" else HFCounter(where)
    hashings = [_Hashing(settings, bands) for settings, bands in sketches.items()]
    batches: queue.Queue = queue.Queue(maxsize=4)

    def read() -> None:  # apart from the measuring, so that the next batch is there when this one is done
        while True:
            try:
                batch = pickle.load(source)
            except EOFError:
                batch = None
            batches.put(batch)
            if batch is None:
                return

    threading.Thread(target=read, daemon=True).start()
    while (batch := batches.get()) is not None:
        try:
            result: tuple[bool, Any] = (True, _measure(count, hashings, *batch))
        except Exception as exc:  # handed to the import, which raises it
            result = (False, f"{type(exc).__name__}: {exc}")
        results.put(result)
    results.close()


class _Worker:
    """The worker process, and the batches sent to it whose results are still to be read."""

    def __init__(self, spec: tuple[str, str], sketches: dict[SketchSettings, list[tuple[int, int]]]) -> None:
        root = str(Path(__file__).resolve().parents[2])  # where this core package is, for the worker to import
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
        self.process = subprocess.Popen([sys.executable, "-c", "from core.data.measure import _serve; _serve()"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        _widen(self.process.stdout)
        self.batches = _Outbox(self.process.stdin)
        self.batches.put((spec, sketches))

    def submit(self, texts: list[str], near: list[list[str]]) -> None:
        self.batches.put((texts, near))

    def result(self) -> Measured:
        try:
            ok, value = pickle.load(self.process.stdout)
        except EOFError:
            raise RuntimeError(f"the worker measuring tokens and signatures ended (exit code "
                               f"{self.process.wait()})") from None
        if not ok:
            raise RuntimeError(f"the worker measuring tokens and signatures failed: {value}")
        return value

    def close(self, finished: bool) -> None:
        if not finished:
            self.process.kill()
        self.batches.close()  # (the worker ends when it has read everything)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


class Pending:
    """A batch being measured: :meth:`result` waits for it."""

    def __init__(self, measures: Measures, done: Measured | None = None,
                 batch: tuple[list[str], list[list[str]]] | None = None) -> None:
        self._measures, self._done, self.batch = measures, done, batch

    def result(self) -> Measured:
        while self._done is None:  # results come in order: those of batches sent before are read first
            self._measures._read_one()
        return self._done


class Measures:
    """Measures batches of records, here or in a worker process; results are taken in the order submitted.

    Args:
        count: the token counter.
        sketches: the MinHash settings in use, each with the band settings whose keys are wanted.
        parallel: measure in a worker process (when ``count`` is a model's counter a worker can build again).
    """

    def __init__(self, count: TokenCounter, sketches: dict[SketchSettings, list[tuple[int, int]]],
                 parallel: bool = False) -> None:
        self.count, self.sketches = count, sketches
        self.near_on = [settings[0] for settings in sketches]
        spec = _counter_spec(count) if parallel else None
        self.worker: _Worker | None = None
        if spec is not None:
            try:
                self.worker = _Worker(spec, sketches)
            except OSError as exc:
                log.warning("measuring in this process: the worker process could not start (%s)", exc)
        self.hashings = [] if self.worker else [_Hashing(settings, bands) for settings, bands in sketches.items()]
        self._waiting: deque[Pending] = deque()

    def submit(self, records: Sequence[Record]) -> Pending:
        """Start measuring ``records``; the result is their :class:`Measured`."""
        texts = [r.text() for r in records]  # what Cleaner counts (its render: Record.text)
        near = [texts if on == "whole" else [near_text(r, on) for r in records] for on in self.near_on]
        if self.worker is None:
            return Pending(self, _measure(self.count, self.hashings, texts, near))
        self.worker.submit(texts, near)
        pending = Pending(self, batch=(texts, near))
        self._waiting.append(pending)
        return pending

    def _read_one(self) -> None:
        first = self._waiting.popleft()
        try:
            first._done = self.worker.result()
        except RuntimeError as exc:  # the worker failed or died: measure here what it had not
            log.warning("measuring in this process from now on: %s", exc)
            self.close(finished=False)
            self.hashings = [_Hashing(settings, bands) for settings, bands in self.sketches.items()]
            for pending in (first, *self._waiting):
                pending._done = _measure(self.count, self.hashings, *pending.batch)
            self._waiting.clear()
        first.batch = None

    def close(self, finished: bool = True) -> None:
        """Stop the worker, if any: it ends once it has read everything, or at once when not ``finished``."""
        if self.worker is not None:
            self.worker.close(finished)
            self.worker = None
