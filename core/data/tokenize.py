"""Counting tokens the way the chosen model does, for length limits and statistics.

A GGUF model is read with llama.cpp in vocabulary-only mode (a fraction of a
second, no weights, no context); a Hugging Face folder with its fast tokenizer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import ModelError
from core.inference.native import load_llama_cpp
from core.models import ensure_default_model, get_model
from core.workspace import Workspace

__all__ = ["GGUFVocab", "TokenCounter", "token_counter"]

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
        params = llama_cpp.llama_model_default_params()
        params.vocab_only = True
        self._model = llama_cpp.llama_model_load_from_file(str(path).encode(), params)
        if not self._model:
            raise ModelError(f"llama.cpp could not read the vocabulary of {path}",
                             "check the file with: hearth models show NAME")
        self._vocab = llama_cpp.llama_model_get_vocab(self._model)
        self._buffer: Any = (llama_cpp.llama_token * 4096)()

    def encode(self, text: str, add_special: bool = False) -> list[int]:
        """Token ids of ``text`` (special-token texts are parsed as such)."""
        data = text.encode("utf-8")
        for _ in range(2):
            n = self._lib.llama_tokenize(self._vocab, data, len(data), self._buffer, len(self._buffer),
                                         add_special, True)
            if n >= 0:
                return list(self._buffer[:n])
            self._buffer = (self._lib.llama_token * (-n))()  # too small: it says how many are needed
        raise RuntimeError("llama_tokenize kept asking for a larger buffer")

    def __call__(self, text: str) -> int:
        return len(self.encode(text))

    def close(self) -> None:
        if self._model:
            self._lib.llama_model_free(self._model)
            self._model = None


def _hf_counter(folder: Path) -> TokenCounter:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    return lambda text: len(tokenizer(text, add_special_tokens=False)["input_ids"])


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
