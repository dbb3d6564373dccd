"""Scoring text with llama.cpp: every position's logits, perplexity, and tokenisation.

Export verification compares what llama.cpp computes from a GGUF with what
torch computes from the Hugging Face weights. :class:`Scorer` loads a GGUF (and
optionally a LoRA-GGUF adapter on it) in this process, with logits kept for
every position, and frees the native model, context and adapter when closed
(``with Scorer(...) as s:``), not whenever the garbage collector gets to them.
It is meant for a job's child process: a native crash ends that job only.
"""

from __future__ import annotations

import collections
import ctypes
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import ModelError
from core.inference.native import load_llama_cpp

__all__ = ["Scorer", "capture_native_log", "log_softmax", "native_errors", "native_log", "perplexity", "sequence_nll"]

_log_lines: collections.deque[str] = collections.deque(maxlen=200)
_log_callback: list[Any] = []  # llama.cpp keeps a pointer to the callback: it must outlive every call


def capture_native_log() -> None:
    """Keep llama.cpp's log lines in this process (for error messages) instead of printing them all."""
    llama_cpp = load_llama_cpp()
    _log_lines.clear()
    if _log_callback:
        return

    def on_log(level, text, user_data):
        _log_lines.append((text or b"").decode("utf-8", errors="replace").rstrip("\n"))

    callback = llama_cpp.llama_log_callback(on_log)
    _log_callback.append(callback)
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))


def native_log(*words: str) -> list[str]:
    """The lines llama.cpp logged since :func:`capture_native_log` that hold any of ``words`` (all without)."""
    lines = [line.strip() for line in _log_lines if line.strip()]
    return [line for line in lines if not words or any(w in line.lower() for w in words)]


def native_errors() -> str:
    """The error lines llama.cpp logged lately, joined (for a message a person reads)."""
    return "; ".join(dict.fromkeys(native_log("error", "failed")))[-600:]


class Scorer:
    """A GGUF loaded in llama.cpp for scoring, with an optional LoRA-GGUF adapter.

    Args:
        path: the GGUF file.
        n_ctx: the longest token sequence :meth:`logits` will be given.
        adapter: a LoRA-GGUF adapter to apply, or None.
        adapter_scale: its scale.
        n_threads: CPU threads; None lets llama.cpp choose.
        every_position: keep the logits of every position (:meth:`logits`); False keeps only the last
            (:meth:`next_logits`), without a (context x vocabulary) array.

    Raises:
        ModelError: llama.cpp cannot load the file or the adapter.
    """

    def __init__(self, path: Path | str, *, n_ctx: int = 512, adapter: Path | str | None = None,
                 adapter_scale: float = 1.0, n_threads: int | None = None, every_position: bool = True) -> None:
        from llama_cpp import Llama

        capture_native_log()
        self.path = Path(path)
        # llama.cpp makes a context at least 256 long, while the arrays the binding keeps are sized as asked:
        # asking for a multiple of 256 keeps the two the same.
        n_ctx = -(-max(int(n_ctx), 1) // 256) * 256
        try:
            self._llm: Any = Llama(model_path=str(self.path), n_ctx=n_ctx, n_batch=min(n_ctx, 512),
                                   n_ubatch=min(n_ctx, 512), logits_all=every_position, n_threads=n_threads,
                                   n_threads_batch=n_threads, lora_path=str(adapter) if adapter else None,
                                   lora_scale=adapter_scale, n_gpu_layers=0, verbose=False)
        except (RuntimeError, ValueError) as exc:
            what = f"{self.path.name} with the adapter {Path(adapter).name}" if adapter else self.path.name
            raise ModelError(f"llama.cpp could not load {what}: {native_errors() or exc}",
                             "check that the GGUF is complete and that the adapter was made for this base") from exc

    @property
    def n_vocab(self) -> int:
        return int(self._llm.n_vocab())

    @property
    def n_ctx(self) -> int:
        return int(self._llm.n_ctx())

    @property
    def metadata(self) -> dict[str, str]:
        """The GGUF's key/values as llama.cpp reads them (values as text)."""
        return dict(self._llm.metadata)

    def tokenize(self, text: str, *, add_bos: bool = False, special: bool = False) -> list[int]:
        """llama.cpp's token ids for ``text``; ``special`` parses special-token texts as those tokens."""
        return list(self._llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=special))

    def logits(self, tokens: Sequence[int]) -> np.ndarray:
        """The logits at every position of ``tokens`` (a fresh sequence), as a (len, vocab) float32 array.

        Raises:
            ValueError: more tokens than the context holds, or none.
        """
        tokens = [int(t) for t in tokens]
        if not tokens or len(tokens) > self.n_ctx:
            raise ValueError(f"{len(tokens)} tokens to score; the context holds 1 to {self.n_ctx}")
        if not self._llm._logits_all:
            raise ValueError("this scorer keeps only the last position's logits (every_position=False)")
        self._llm.reset()
        self._llm.eval(tokens)
        return np.array(self._llm.scores[: len(tokens)], dtype=np.float32, copy=True)

    def next_logits(self, tokens: Sequence[int]) -> np.ndarray:
        """The logits of the token after ``tokens`` (a fresh sequence), as a (vocab,) float32 array: the last row
        of :meth:`logits` without copying the others.

        Raises:
            ValueError: more tokens than the context holds, or none.
        """
        tokens = [int(t) for t in tokens]
        if not tokens or len(tokens) > self.n_ctx:
            raise ValueError(f"{len(tokens)} tokens to score; the context holds 1 to {self.n_ctx}")
        self._llm.reset()
        self._llm.eval(tokens)
        if self._llm._logits_all:
            return np.array(self._llm.scores[len(tokens) - 1], dtype=np.float32, copy=True)
        # Without every position's logits llama.cpp keeps only the last token's, as the first row of its output.
        last = np.ctypeslib.as_array(self._llm._ctx.get_logits(), shape=(self.n_vocab,))
        return np.array(last, dtype=np.float32, copy=True)

    def token_text(self, token: int) -> str:
        """The text of ``token``, a special token's included; "" for -1 (a model without that token)."""
        if token < 0:
            return ""
        return self._llm.detokenize([int(token)], special=True).decode("utf-8", "replace")

    @property
    def special_ids(self) -> tuple[int, int]:
        """The ids of the BOS and EOS tokens (-1 where the model has none)."""
        return int(self._llm.token_bos()), int(self._llm.token_eos())

    def close(self) -> None:
        """Free the adapter, the context and the model now."""
        if self._llm is not None:
            self._llm.close()
            self._llm = None

    def __enter__(self) -> Scorer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Log-probabilities along the last axis, computed in float64 for stability."""
    x = np.asarray(logits, dtype=np.float64)
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def sequence_nll(logits: np.ndarray, tokens: Sequence[int]) -> tuple[float, int]:
    """The summed negative log-likelihood of a sequence and how many tokens it predicts.

    Position ``t``'s logits predict token ``t + 1``.
    """
    ids = np.asarray(tokens, dtype=np.int64)
    total = 0.0
    # A chunk of rows at a time: a 262,144-token vocabulary makes each row 2 MB in float64.
    for start in range(0, len(ids) - 1, 64):
        end = min(start + 64, len(ids) - 1)
        logp = log_softmax(logits[start:end])
        total -= float(logp[np.arange(end - start), ids[start + 1:end + 1]].sum())
    return total, max(len(ids) - 1, 0)


def perplexity(scored: Sequence[tuple[np.ndarray, Sequence[int]]]) -> float:
    """The perplexity over several sequences: ``exp`` of the mean negative log-likelihood per predicted token.

    Args:
        scored: (logits, tokens) pairs, one per sequence.

    Raises:
        ValueError: no sequence predicts a token.
    """
    total, count = 0.0, 0
    for logits, tokens in scored:
        nll, n = sequence_nll(logits, tokens)
        total, count = total + nll, count + n
    if count == 0:
        raise ValueError("no token to predict: every sequence is shorter than 2 tokens")
    return float(np.exp(total / count))
