"""Before training: can what a run will produce be exported to GGUF?

Training asks :func:`export_verdict` in its pre-flight so that a person learns
before an hour of training, not after, that the result will not run in
llama.cpp: an architecture without a converter, prompt or prefix tuning
(virtual tokens, which GGUF has no place for), or an adapter llama.cpp cannot
apply on its own (DoRA: it can still be merged). It lives here, below both
training and export, because it depends on the converters alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .registry import can_export

__all__ = ["Exportability", "export_verdict"]

_VIRTUAL = ("prompt tuning and prefix tuning learn virtual tokens, which neither GGUF nor llama.cpp has a place "
            "for: the run can be evaluated in Hearth but not exported or chatted with in the engine; train with "
            "lora or qlora for a model to chat with")


class Exportability(NamedTuple):
    """Whether a run's result exports merged, and as an adapter; ``reason`` says why not (empty when both do)."""

    merged: bool
    adapter: bool
    reason: str


def _subject(base: Any) -> str | Path | Mapping:
    """What the converters judge: a base's folder (its config.json), or what was given."""
    folder = getattr(base, "folder", None)
    return Path(folder) if folder is not None else base


def export_verdict(base: Any, method: str, *, use_dora: bool = False) -> Exportability:
    """Whether a run of ``method`` on ``base`` can be exported merged, and as an adapter.

    Args:
        base: anything with a ``folder`` (Hearth's training base), a Hugging Face
            folder, a config.json path, a config dict or an HF class name.
        method: qlora, lora, full, prompt or prefix.
        use_dora: the LoRA is weight-decomposed (DoRA).

    Returns:
        The verdict; its ``reason`` says why one or both are not possible, empty when both are.
    """
    if method in ("prompt", "prefix"):
        return Exportability(False, False, _VIRTUAL)
    verdict = can_export(_subject(base))
    if not verdict.ok:
        return Exportability(False, False, f"the result cannot be exported to GGUF: {verdict.reason}")
    if method == "full":
        return Exportability(True, False, "full fine-tuning changes every weight: it exports as a merged model, "
                                          "not an adapter")
    if use_dora:
        return Exportability(True, False, "llama.cpp cannot apply a DoRA adapter on its own: the run exports "
                                          "merged into its base, not as a LoRA-GGUF adapter")
    return Exportability(True, True, "")
