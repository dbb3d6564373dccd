"""Gemma 3 converters: the text model, and the text part of the multimodal class.

What llama.cpp's ``gemma3`` expects and Hugging Face stores differently:
- RMS norms: HF multiplies by ``1 + w``, llama.cpp by ``w``, so norms gain +1;
- sliding-window layers: written per layer (``attention.sliding_window_pattern``),
  with their own rope base (``rope.freq_base_swa``);
- the output layer is the token embedding (no ``output.weight`` when tied);
- attention scale: llama.cpp uses ``1/sqrt(head_dim)`` (``hidden/heads`` for the
  62-layer 27B), so a ``query_pre_attn_scalar`` other than that is refused.
The input embedding scale (``sqrt(hidden)``) is applied by both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from .base import LLAMA_LAYER_TENSORS, ArchConverter
from .registry import register

if TYPE_CHECKING:
    import torch

__all__ = ["Gemma3Converter", "Gemma3MultimodalConverter"]

# transformers' Gemma3TextConfig defaults, for configs (a multimodal text_config) that omit keys.
_GEMMA3_DEFAULTS: Mapping[str, Any] = {
    "vocab_size": 262208, "hidden_size": 2304, "intermediate_size": 9216, "num_hidden_layers": 26,
    "num_attention_heads": 8, "num_key_value_heads": 4, "head_dim": 256, "max_position_embeddings": 131072,
    "rms_norm_eps": 1e-6, "rope_theta": 1_000_000.0, "rope_local_base_freq": 10000.0,
    "query_pre_attn_scalar": 256, "sliding_window": 4096, "sliding_window_pattern": 6,
    "tie_word_embeddings": True, "hidden_activation": "gelu_pytorch_tanh",
}
_GELU_TANH = ("gelu_pytorch_tanh", "gelu_tanh")


@register("Gemma3ForCausalLM")
class Gemma3Converter(ArchConverter):
    gguf_arch = "gemma3"
    defaults = _GEMMA3_DEFAULTS
    default_rope_theta = 1_000_000.0
    layer_tensors: ClassVar[Mapping[str, str]] = {
        **LLAMA_LAYER_TENSORS,
        "self_attn.q_norm.weight": "attn_q_norm.weight",
        "self_attn.k_norm.weight": "attn_k_norm.weight",
        "post_attention_layernorm.weight": "post_attention_norm.weight",
        "pre_feedforward_layernorm.weight": "ffn_norm.weight",
        "post_feedforward_layernorm.weight": "post_ffw_norm.weight",
    }

    def check(self) -> None:
        super().check()
        c = self.config
        if c.get("attn_logit_softcapping") is not None:
            raise self.refuse("attn_logit_softcapping is set; llama.cpp's gemma3 has no attention soft-capping")
        if c.get("use_bidirectional_attention"):
            raise self.refuse("bidirectional attention (an embedding model) is not a causal LM to chat with")
        if c.get("attention_bias"):
            raise self.refuse("attention_bias=True is not supported by llama.cpp's gemma3 architecture")
        if c.get("hidden_activation") not in _GELU_TANH:
            raise self.refuse(f"hidden_activation={c.get('hidden_activation')!r} is not supported "
                              "(llama.cpp's gemma3 uses tanh-approximated GELU)")
        scalar = c.get("query_pre_attn_scalar")
        allowed = {self.head_dim} | ({int(c["hidden_size"]) // self.n_heads} if self.n_layers == 62 else set())
        if scalar not in allowed:
            raise self.refuse(f"query_pre_attn_scalar={scalar} differs from head_dim={self.head_dim}; "
                              "llama.cpp scales attention by 1/sqrt(head_dim)")
        if self.rope_parameters("sliding_attention")["rope_type"] != "default":
            raise self.refuse("rope scaling on sliding-window layers is not supported")

    def rope_parameters(self, layer_type: str = "full_attention") -> dict[str, Any]:
        params = self.config.get("rope_parameters")
        if layer_type == "sliding_attention" and not (isinstance(params, Mapping) and params):
            # the older layout: a separate base for the local layers, never scaled
            return {"rope_type": "default", "rope_theta": float(self.config["rope_local_base_freq"])}
        return super().rope_parameters(layer_type)

    def sliding_layers(self) -> list[bool]:
        """Whether each layer attends through the sliding window."""
        types = self.config.get("layer_types")
        if types:
            return [t == "sliding_attention" for t in types]
        pattern = int(self.config.get("sliding_window_pattern") or self.config.get("_sliding_window_pattern") or 6)
        return [(i + 1) % pattern != 0 for i in range(self.n_layers)]

    def hparams(self) -> dict[str, Any]:
        values = super().hparams()
        sliding = self.sliding_layers()
        if self.config.get("sliding_window") and any(sliding):
            values[self.key("attention.sliding_window")] = int(self.config["sliding_window"])
            values[self.key("attention.sliding_window_pattern")] = sliding
            values[self.key("rope.freq_base_swa")] = float(self.rope_parameters("sliding_attention")["rope_theta"])
        if self.config.get("final_logit_softcapping"):
            values[self.key("final_logit_softcapping")] = float(self.config["final_logit_softcapping"])
        return values

    def transform(self, name: str, tensor: torch.Tensor) -> torch.Tensor:
        # Gemma3RMSNorm computes x * (1 + w); llama.cpp's norm computes x * w
        return tensor + 1.0 if name.endswith("norm.weight") else tensor


@register("Gemma3ForConditionalGeneration")
class Gemma3MultimodalConverter(Gemma3Converter):
    """The language model inside Gemma 3's image-text class; the vision tower and projector are left out."""

    _PREFIXES = (("model.language_model.", "model."), ("language_model.model.", "model."),
                 ("language_model.lm_head.", "lm_head."))
    _VISION = ("vision_tower.", "multi_modal_projector.", "model.vision_tower.", "model.multi_modal_projector.")

    @classmethod
    def text_config(cls, config: Mapping[str, Any]) -> dict[str, Any]:
        text = dict(config.get("text_config") or {})
        text.setdefault("tie_word_embeddings", config.get("tie_word_embeddings", True))
        return super().text_config(text)

    def normalize_name(self, name: str) -> str:
        for old, new in self._PREFIXES:
            if name.startswith(old):
                return new + name[len(old):]
        return name

    def skip(self, name: str) -> bool:
        return name.startswith(self._VISION) or super().skip(name)
