"""GGUF writers: HF -> GGUF and LoRA -> GGUF converters, one module per architecture family.

Built on the ``gguf`` library. Imports neither ``core`` nor ``desktop``.

``ARCHITECTURE_MODULES`` maps each Hugging Face class name to the family
module that registers its converter; a module is imported the first time one
of its names is asked for. Adding a family is a new module with
``@register(...)`` classes and its names here (the tests check that the two
agree). The converting functions import torch, and are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Hugging Face architecture class -> the module (in this package) that registers its converter.
ARCHITECTURE_MODULES: dict[str, str] = {
    "LlamaForCausalLM": "llama",
    "MistralForCausalLM": "llama",
    "Qwen2ForCausalLM": "qwen",
    "Qwen3ForCausalLM": "qwen",
    "Gemma3ForCausalLM": "gemma",
    "Gemma3ForConditionalGeneration": "gemma",
    "GlmForCausalLM": "glm",
    "Glm4ForCausalLM": "glm",
    "Phi3ForCausalLM": "phi3",
}

from .errors import ConversionError, UnsupportedModel, Verdict  # noqa: E402
from .exportability import Exportability, export_verdict  # noqa: E402
from .registry import can_export, gguf_arch_for, supported_architectures  # noqa: E402

if TYPE_CHECKING:
    from .hf import convert_hf
    from .lora import can_export_adapter, convert_lora

__all__ = [
    "ARCHITECTURE_MODULES",
    "ConversionError",
    "Exportability",
    "UnsupportedModel",
    "Verdict",
    "can_export",
    "can_export_adapter",
    "convert_hf",
    "convert_lora",
    "export_verdict",
    "gguf_arch_for",
    "supported_architectures",
]

_LAZY = {"convert_hf": "hf", "convert_lora": "lora", "can_export_adapter": "lora"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
