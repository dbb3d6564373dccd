"""Qwen-family converters: Qwen2 / Qwen2.5 (biased q/k/v) and Qwen3 (q/k RMS norms, no biases).

Both rotate halves of each head as Hugging Face does (llama.cpp's NEOX rope),
so no row reordering is needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from .base import LLAMA_LAYER_TENSORS, ArchConverter
from .registry import register

__all__ = ["Qwen2Converter", "Qwen3Converter"]


@register("Qwen2ForCausalLM")
class Qwen2Converter(ArchConverter):
    gguf_arch = "qwen2"
    layer_tensors: ClassVar[Mapping[str, str]] = {
        **LLAMA_LAYER_TENSORS,
        "self_attn.q_proj.bias": "attn_q.bias",
        "self_attn.k_proj.bias": "attn_k.bias",
        "self_attn.v_proj.bias": "attn_v.bias",
    }

    def check(self) -> None:
        super().check()
        if self.config.get("use_sliding_window"):
            raise self.refuse("use_sliding_window=True is not supported (llama.cpp's qwen2 attends to the whole "
                              "context)")


@register("Qwen3ForCausalLM")
class Qwen3Converter(Qwen2Converter):
    gguf_arch = "qwen3"
    layer_tensors: ClassVar[Mapping[str, str]] = {
        **LLAMA_LAYER_TENSORS,
        "self_attn.q_norm.weight": "attn_q_norm.weight",
        "self_attn.k_norm.weight": "attn_k_norm.weight",
    }

    def check(self) -> None:
        super().check()
        if self.config.get("attention_bias"):
            raise self.refuse("attention_bias=True is not supported by llama.cpp's qwen3 architecture")
