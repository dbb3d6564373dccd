"""Counting tokens the way the chosen model does, for length limits and statistics.

A GGUF model is read with llama.cpp in vocabulary-only mode (a fraction of a
second, no weights, no context); a Hugging Face folder with its fast tokenizer.
:func:`count_batch` counts many texts at once: a Hugging Face tokenizer encodes
them as one batch, and a GGUF vocabulary of the SentencePiece kind (Gemma's)
tokenizes each piece of text between spaces once (:class:`_Pieces`), giving the
same counts as one text at a time.
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import ModelError
from core.inference.native import load_llama_cpp
from core.models import ensure_default_model, get_model
from core.workspace import Workspace

__all__ = ["GGUFVocab", "HFCounter", "TokenCounter", "count_batch", "token_counter"]

TokenCounter = Callable[[str], int]
log = logging.getLogger(__name__)
_log_callback: Any = None


def _quiet_llama_log(llama_cpp: Any) -> None:
    """Send llama.cpp's log to Python logging at debug level instead of stderr (once per process)."""
    global _log_callback
    if _log_callback is None:
        def forward(level, text, user_data):
            log.debug("llama.cpp: %s", (text or b"").decode("utf-8", "replace").rstrip())

        _log_callback = llama_cpp.llama_log_callback(forward)  # kept referenced: llama.cpp calls it later
        llama_cpp.llama_log_set(_log_callback, None)


class GGUFVocab:
    """A GGUF model's tokenizer through llama.cpp, without loading the weights.

    Args:
        path: the GGUF file.

    Raises:
        ModelError: llama.cpp cannot read the file's vocabulary.
    """

    def __init__(self, path: Path | str) -> None:
        llama_cpp = load_llama_cpp()
        _quiet_llama_log(llama_cpp)
        self._lib = llama_cpp
        self.path = Path(path)
        params = llama_cpp.llama_model_default_params()
        params.vocab_only = True
        self._model = llama_cpp.llama_model_load_from_file(str(path).encode(), params)
        if not self._model:
            raise ModelError(f"llama.cpp could not read the vocabulary of {path}",
                             "check the file with: hearth models show NAME")
        self._vocab = llama_cpp.llama_model_get_vocab(self._model)
        self._buffer: Any = (llama_cpp.llama_token * 4096)()
        self._pieces: _Pieces | bool | None = False  # planned on the first count_batch

    def _tokenize(self, text: str, add_special: bool = False, parse_special: bool = True) -> int:
        """How many tokens llama.cpp makes of ``text``; they are in ``self._buffer``."""
        data = text.encode("utf-8")
        for _ in range(2):
            n = self._lib.llama_tokenize(self._vocab, data, len(data), self._buffer, len(self._buffer),
                                         add_special, parse_special)
            if n >= 0:
                return n
            self._buffer = (self._lib.llama_token * (-n))()  # too small: it says how many are needed
        raise RuntimeError("llama_tokenize kept asking for a larger buffer")

    def encode(self, text: str, add_special: bool = False) -> list[int]:
        """Token ids of ``text`` (special-token texts are parsed as such)."""
        return list(self._buffer[:self._tokenize(text, add_special)])

    def __call__(self, text: str) -> int:
        return self._tokenize(text)

    def count_batch(self, texts: Sequence[str]) -> list[int]:
        """The tokens of each of ``texts``, as calling this vocabulary on each one counts them."""
        if self._pieces is False:
            self._pieces = _Pieces.plan(self)
        if self._pieces is None:
            return [self._tokenize(t) for t in texts]
        return self._pieces.count(texts)

    def close(self) -> None:
        if self._model:
            self._lib.llama_model_free(self._model)
            self._model = None


# Before a space that follows another character than a space (or a SentencePiece space mark)
_CUT = re.compile("(?<=[^ \u2581])(?= )")
_SPANS_A_CUT = re.compile("[^ \u2581][ \u2581]")
_CACHE_SIZE = 400_000
# llama.cpp looks for each user-defined token in each fragment (a separator makes one more): a call's cost grows
# with pieces times fragments, and each call costs some 20 us; some 50 pieces a call is the cheapest (measured).
_JOINED_PIECES = 48
_JOINED_CHARACTERS = 2048


class _Pieces:
    """Token counts of texts as the sums of their pieces' counts, each piece tokenized once.

    llama.cpp's SentencePiece tokenizer first carves out the user-defined tokens' texts, then merges symbol pairs
    found in the vocabulary. When no token holds a space after another character (its space mark, ▁, in the
    vocabulary), no merge crosses the place before a space that follows another character: the text's tokens are
    its pieces' tokens (:data:`_CUT` cuts it there). Words repeat, so a piece is tokenized once and remembered; the
    new pieces of a batch are tokenized in a few calls, joined by a separator (a user-defined token whose first and
    last characters are in no other; pieces holding one are tokenized alone) and the tokens cut there. A text that
    holds a control token's text, or the text of one of the few tokens that do span a space (Gemma's ``> </``), is
    tokenized whole, as :meth:`GGUFVocab.__call__` does. :meth:`plan` checks all this for a vocabulary, and that
    sample texts count the same both ways; it gives None when any of it does not hold.
    """

    def __init__(self, vocab: GGUFVocab, controls: set[str], spanning: list[str], separator: tuple[str, int] | None):
        self.vocab = vocab
        self.bare: dict[str, int] = {}  # piece -> tokens
        self.spaced: dict[str, int] = {}  # word -> tokens of " " + word
        self.controls = controls
        self.control_starts: dict[str, set[int]] = {}
        for text in controls:
            self.control_starts.setdefault(text[0], set()).add(len(text))
        self.spanning = re.compile("|".join(map(re.escape, spanning))) if spanning else None
        self.separator = separator

    @classmethod
    def plan(cls, vocab: GGUFVocab) -> _Pieces | None:
        lib = vocab._lib
        spm = lib.llama_vocab_type(vocab._vocab) == lib.LLAMA_VOCAB_TYPE_SPM
        if not spm or _meta(vocab, "tokenizer.ggml.add_space_prefix") != "false":
            return None  # (a space put in front of each text would put one in front of each piece too)
        controls, spanning, user = set(), [], {}
        for token in range(lib.llama_vocab_n_tokens(vocab._vocab)):
            attr = lib.llama_vocab_get_attr(vocab._vocab, token)
            text = lib.llama_vocab_get_text(vocab._vocab, token).decode("utf-8", "replace")
            if attr & (lib.LLAMA_TOKEN_ATTR_LSTRIP | lib.LLAMA_TOKEN_ATTR_RSTRIP):
                return None  # such a token takes the spaces beside it, across a cut
            if attr & (lib.LLAMA_TOKEN_ATTR_CONTROL | lib.LLAMA_TOKEN_ATTR_UNKNOWN):
                controls.add(text)
            elif attr & lib.LLAMA_TOKEN_ATTR_USER_DEFINED:
                user[text] = token
            if _SPANS_A_CUT.search(text):
                spanning.append(text.replace(" ", "\u2581"))
        if len(spanning) > 64 or "" in controls:
            return None
        pieces = cls(vocab, controls, spanning, _separator(user))
        return pieces if pieces._agrees() else None

    def _agrees(self) -> bool:
        samples = ["Hello, world! How are you?", "  two  spaces  and\ttabs\t\there ", "a\n\n b\n \n  c",
                   "<b>bold</b> > </b> [x] 中文 测试 😀 ok", "end ", " lead", "x" * 50 + " y", "1 2  3   4"]
        whole = [self.vocab._tokenize(t) for t in samples]
        return self.count(samples) == whole and [self._alone(t) for t in samples] == whole

    def _alone(self, text: str) -> int:
        return sum(self.vocab._tokenize(p, parse_special=False) for p in _CUT.split(text))

    def _whole(self, text: str) -> bool:
        """Whether ``text`` must be tokenized whole (it holds a control token's or a spanning token's text)."""
        for first, lengths in self.control_starts.items():
            at = text.find(first)
            while at >= 0:
                if any(text[at:at + n] in self.controls for n in lengths):
                    return True
                at = text.find(first, at + 1)
        return self.spanning is not None and self.spanning.search(text.replace(" ", "\u2581")) is not None

    def count(self, texts: Sequence[str]) -> list[int]:
        if len(self.spaced) + len(self.bare) > _CACHE_SIZE:
            self.spaced.clear()
            self.bare.clear()
        plans: list[tuple[str, list[str]]] = []
        want_spaced: set[str] = set()
        want_bare: set[str] = set()
        for text in texts:
            if self._whole(text):
                plans.append(("whole", []))
            elif "  " in text or "\u2581" in text or text[:1] == " " or text[-1:] == " ":
                pieces = _CUT.split(text)
                want_bare.update(pieces)
                plans.append(("cut", pieces))
            else:  # words between single spaces: str.split cuts it (much faster than the pattern)
                words = text.split(" ")
                want_bare.add(words[0])
                want_spaced.update(islice(words, 1, None))
                plans.append(("words", words))
        self._learn(sorted(want_spaced - self.spaced.keys()), " ", self.spaced)
        self._learn(sorted(want_bare - self.bare.keys()), "", self.bare)
        return [self._sum(text, how, pieces) for text, (how, pieces) in zip(texts, plans, strict=True)]

    def _sum(self, text: str, how: str, pieces: list[str]) -> int:
        if how == "whole":
            return self.vocab._tokenize(text)
        if how == "cut":
            return sum(map(self.bare.__getitem__, pieces))
        return self.bare[pieces[0]] + sum(map(self.spaced.__getitem__, islice(pieces, 1, None)))

    def _learn(self, keys: list[str], prefix: str, into: dict[str, int]) -> None:
        """Tokenize the pieces ``prefix + key``: those that could touch the separator alone, the rest joined by it."""
        joinable: list[str] = []
        sep = self.separator[0] if self.separator else ""
        for key in keys:
            piece = prefix + key
            if sep and piece and sep[0] not in piece and sep[-1] not in piece:
                joinable.append(key)
            else:
                into[key] = self.vocab._tokenize(piece, parse_special=False)
        chunk: list[str] = []
        size = 0
        for key in joinable:
            chunk.append(key)
            size += len(key)
            if size > _JOINED_CHARACTERS or len(chunk) == _JOINED_PIECES:
                into.update(zip(chunk, self._joined([prefix + k for k in chunk]), strict=True))
                chunk, size = [], 0
        if chunk:
            into.update(zip(chunk, self._joined([prefix + k for k in chunk]), strict=True))

    def _joined(self, pieces: list[str]) -> list[int]:
        """The token counts of ``pieces``, tokenized in one call between separators."""
        text, token = self.separator
        n = self.vocab._tokenize(text.join(pieces), parse_special=False)
        ids = np.ctypeslib.as_array(ctypes.cast(self.vocab._buffer, ctypes.POINTER(ctypes.c_int32)), shape=(n,))
        cuts = np.nonzero(ids == token)[0]
        if len(cuts) != len(pieces) - 1:  # not expected; tokenize them one by one rather than guess
            log.debug("%d pieces joined gave %d separators", len(pieces), len(cuts))
            return [self.vocab._tokenize(p, parse_special=False) for p in pieces]
        return (np.diff(np.concatenate(([-1], cuts, [n]))) - 1).tolist()


def _separator(user: dict[str, int]) -> tuple[str, int] | None:
    """A user-defined token whose first and last characters are in no other user-defined token's text."""
    for text, token in sorted(user.items(), key=lambda kv: (-len(kv[0]), kv[1])):
        others = "".join(t for t in user if t != text)
        if len(text) >= 2 and text[0] not in others and text[-1] not in others and not text[0].isspace():
            return text, token
    return None


def _meta(vocab: GGUFVocab, key: str) -> str | None:
    buffer = ctypes.create_string_buffer(256)
    n = vocab._lib.llama_model_meta_val_str(vocab._model, key.encode(), buffer, len(buffer))
    return buffer.value.decode("utf-8", "replace") if n >= 0 else None


class HFCounter:
    """A Hugging Face tokenizer's token counts; many texts are encoded as one batch."""

    def __init__(self, folder: Path) -> None:
        from transformers import AutoTokenizer

        self.folder = Path(folder)
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)

    def __call__(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def count_batch(self, texts: Sequence[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]] if texts else []


def count_batch(count: TokenCounter, texts: Sequence[str]) -> list[int]:
    """``[count(t) for t in texts]``, through the counter's own batch counting when it has one."""
    batch = getattr(count, "count_batch", None)
    return batch(texts) if batch is not None else [count(t) for t in texts]


def _hf_counter(folder: Path) -> TokenCounter:
    return HFCounter(folder)


def token_counter(ws: Workspace, model: str | None = None) -> tuple[str, TokenCounter]:
    """The token counter of ``model`` (a catalog name or a .gguf path; the default model when None).

    Returns:
        The model's name and a function counting the tokens of a text.

    Raises:
        ModelError: no such model, or its tokenizer cannot be read.
    """
    if model is not None and Path(model).suffix == ".gguf" and Path(model).is_file():
        return Path(model).stem, GGUFVocab(model)
    record = ensure_default_model(ws) if model is None else get_model(ws, model)
    counter = GGUFVocab(record.path) if record.format == "gguf" else _hf_counter(Path(record.path))
    return record.name, counter
