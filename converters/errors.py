"""The errors and the verdict the converters give.

``converters`` imports neither ``core`` nor ``desktop``, so it has its own
exceptions; ``core`` translates them into its ``HearthError`` family at its
boundary. Every message says what is wrong and what to do about it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ConversionError", "UnsupportedModel", "Verdict"]


class ConversionError(Exception):
    """A model, adapter or tokenizer cannot be written as GGUF; the message says what to do."""


class UnsupportedModel(ConversionError):
    """The architecture (or one of its settings) has no converter.

    Attributes:
        architecture: the Hugging Face class name that was asked for (or None).
        supported: the Hugging Face class names that can be converted.
    """

    def __init__(self, architecture: str | None, supported: Sequence[str], reason: str = "") -> None:
        self.architecture = architecture
        self.supported = list(supported)
        if not reason:
            reason = (f"{architecture or 'this model'} has no GGUF converter in Hearth; "
                      f"supported: {', '.join(self.supported)}")
        super().__init__(reason)


@dataclass(frozen=True)
class Verdict:
    """Whether something can be exported to GGUF, and if not, why."""

    ok: bool
    reason: str
    architecture: str | None = None
    gguf_arch: str | None = None
