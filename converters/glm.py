"""GLM-family converters: GLM-4 (``GlmForCausalLM``, llama.cpp's ``chatglm``) and GLM-4-0414 (``Glm4ForCausalLM``,
llama.cpp's ``glm4``, which adds a norm after attention and after the MLP).

GLM rotates adjacent pairs (interleaved, as llama.cpp's NORM rope does) over the first
``partial_rotary_factor`` of each head only (half, in every published GLM); llama.cpp rotates the first
``rope.dimension_count`` dimensions, so no rows move. The MLP's ``gate_up_proj`` is one matrix, gate rows
first, which llama.cpp's fused ``ffn_up`` reads the same way; q, k and v stay apart (llama.cpp takes either).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from .base import ArchConverter
from .registry import register

__all__ = ["Glm4Converter", "GlmConverter"]

_GLM_LAYER_TENSORS: Mapping[str, str] = {
    "input_layernorm.weight": "attn_norm.weight",
    "self_attn.q_proj.weight": "attn_q.weight",
    "self_attn.k_proj.weight": "attn_k.weight",
    "self_attn.v_proj.weight": "attn_v.weight",
    "self_attn.q_proj.bias": "attn_q.bias",
    "self_attn.k_proj.bias": "attn_k.bias",
    "self_attn.v_proj.bias": "attn_v.bias",
    "self_attn.o_proj.weight": "attn_output.weight",
    "post_attention_layernorm.weight": "ffn_norm.weight",
    "mlp.gate_up_proj.weight": "ffn_up.weight",
    "mlp.down_proj.weight": "ffn_down.weight",
}


class _GlmFamily(ArchConverter):
    """What both GLM classes share."""

    layer_tensors: ClassVar[Mapping[str, str]] = _GLM_LAYER_TENSORS
    partial_rotary_allowed: ClassVar[bool] = True

    def check(self) -> None:
        super().check()
        rotary = self.rotary_dims
        if rotary % 2 or rotary <= 0:
            raise self.refuse(f"partial_rotary_factor={self.partial_rotary_factor} gives {rotary} rotary dimensions "
                              f"of a head of {self.head_dim}: llama.cpp rotates an even number")
        if self.config.get("hidden_act", "silu") != "silu":
            raise self.refuse(f"hidden_act={self.config['hidden_act']!r} is not supported (llama.cpp's GLM graph "
                              "uses SiLU)")

    @property
    def rotary_dims(self) -> int:
        return int(self.head_dim * self.partial_rotary_factor)

    def hparams(self) -> dict[str, Any]:
        values = super().hparams()
        values[self.key("rope.dimension_count")] = self.rotary_dims
        return values


@register("GlmForCausalLM")
class GlmConverter(_GlmFamily):
    gguf_arch = "chatglm"

    def check(self) -> None:
        super().check()
        if self.head_dim * self.n_heads != int(self.config["hidden_size"]):
            raise self.refuse(f"heads of {self.head_dim} x {self.n_heads} differ from hidden_size "
                              f"{self.config['hidden_size']}, which llama.cpp's chatglm graph assumes")


@register("Glm4ForCausalLM")
class Glm4Converter(_GlmFamily):
    gguf_arch = "glm4"
    layer_tensors: ClassVar[Mapping[str, str]] = {
        **_GLM_LAYER_TENSORS,
        "post_self_attn_layernorm.weight": "post_attention_norm.weight",
        "post_mlp_layernorm.weight": "post_ffw_norm.weight",
    }
