"""Llama-family converters: Llama 1/2/3, SmolLM, TinyLlama (Llama classes) and Mistral.

llama.cpp's ``llama`` architecture rotates adjacent pairs of each head where
Hugging Face rotates its two halves, so the rows of q and k (weights, biases
and LoRA Bs) are interleaved on the way out. Llama 3's rope scaling is written
as a ``rope_freqs`` tensor of per-frequency divisors.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ClassVar

from .base import ArchConverter, interleave_rotary, rope_llama3_factors
from .registry import register

if TYPE_CHECKING:
    import torch

__all__ = ["LlamaConverter", "MistralConverter"]

log = logging.getLogger(__name__)

# the tensors whose rows are interleaved (see interleave_rotary)
_Q = ("self_attn.q_proj.weight", "self_attn.q_proj.bias")
_K = ("self_attn.k_proj.weight", "self_attn.k_proj.bias")


@register("LlamaForCausalLM")
class LlamaConverter(ArchConverter):
    gguf_arch = "llama"
    rope_types: ClassVar[frozenset[str]] = frozenset({"default", "linear", "llama3"})

    def check(self) -> None:
        super().check()
        if self.config.get("mlp_bias"):
            raise self.refuse("mlp_bias=True is not supported by llama.cpp's llama architecture")

    def hparams(self) -> dict[str, Any]:
        values = super().hparams()
        values[self.key("rope.dimension_count")] = self.head_dim
        return values

    @property
    def layer_tensors(self):  # type: ignore[override]
        tables = dict(super().layer_tensors)
        if self.config.get("attention_bias"):
            tables.update({f"self_attn.{p}_proj.bias": f"attn_{g}.bias"
                           for p, g in (("q", "q"), ("k", "k"), ("v", "v"), ("o", "output"))})
        return tables

    def transform(self, name: str, tensor: torch.Tensor) -> torch.Tensor:
        if name.endswith(_Q):
            return interleave_rotary(tensor, self.n_heads)
        if name.endswith(_K):
            return interleave_rotary(tensor, self.n_kv_heads)
        return tensor

    def row_local(self, name: str) -> bool:
        # the rotary interleave moves rows within each head: q and k are transformed whole
        return not name.endswith((*_Q, *_K))

    def extra_tensors(self) -> list[tuple[str, torch.Tensor]]:
        rope = self.rope_parameters()
        if rope["rope_type"] != "llama3":
            return []
        import torch

        factors = rope_llama3_factors(rope, self.head_dim)
        return [("rope_freqs.weight", torch.tensor(factors, dtype=torch.float32))]


@register("MistralForCausalLM")
class MistralConverter(LlamaConverter):
    """Mistral: a Llama whose config may carry a sliding window, which llama.cpp's llama graph ignores."""

    def check(self) -> None:
        super().check()
        window = self.config.get("sliding_window")
        if window and window < int(self.config.get("max_position_embeddings") or 0):
            log.warning("%s: sliding_window=%d is not applied by llama.cpp's llama architecture; outputs differ "
                        "from transformers beyond %d tokens of context", self.architecture, window, window)
