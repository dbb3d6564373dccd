"""Phi-3 converter (``Phi3ForCausalLM``: Phi-3-mini and -medium with a 4k context), llama.cpp's ``phi3``.

Phi-3 keeps q, k and v in one ``qkv_proj`` and the MLP's gate and up in one ``gate_up_proj`` (gate rows
first); llama.cpp's ``attn_qkv`` and fused ``ffn_up`` read both as they are. It rotates the halves of each
head (llama.cpp's NEOX rope) over ``partial_rotary_factor`` of it, so no rows move either. Long-context
"longrope" scaling (the 128k models, Phi-3.5, Phi-4-mini) is refused: llama.cpp picks its long or short factors by the
context it was loaded with, transformers by the length of each sequence, so the two would answer differently.

Phi-3's chat tokens swallow the whitespace after them (``rstrip``). A GGUF file has no key for that; llama.cpp
does it for a file whose ``general.name`` says "phi3" or "phi-3", to every special token but ``<unk>``, ``<s>``
and ``<|endoftext|>`` (and to ``</s>``). The name written makes llama.cpp do exactly what the tokenizer does:
it carries "phi3" when the tokenizer strips that way, and never when it does not (a file named so whose
vocabulary lacks those four tokens does not even load).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from .base import PHI3_NAMED, ArchConverter
from .registry import register

__all__ = ["Phi3Converter"]

log = logging.getLogger(__name__)

_NOT_STRIPPED = ("<unk>", "<s>", "<|endoftext|>")


@register("Phi3ForCausalLM")
class Phi3Converter(ArchConverter):
    gguf_arch = "phi3"
    layer_tensors: ClassVar[Mapping[str, str]] = {
        "input_layernorm.weight": "attn_norm.weight",
        "self_attn.qkv_proj.weight": "attn_qkv.weight",
        "self_attn.o_proj.weight": "attn_output.weight",
        "post_attention_layernorm.weight": "ffn_norm.weight",
        "mlp.gate_up_proj.weight": "ffn_up.weight",
        "mlp.down_proj.weight": "ffn_down.weight",
    }
    partial_rotary_allowed: ClassVar[bool] = True

    def check(self) -> None:
        super().check()
        if self.config.get("hidden_act", "silu") != "silu":
            raise self.refuse(f"hidden_act={self.config['hidden_act']!r} is not supported (llama.cpp's phi3 graph "
                              "uses SiLU)")
        if self.head_dim * self.n_heads != int(self.config["hidden_size"]):
            raise self.refuse("a head size other than hidden_size / num_attention_heads is not supported")
        window = self.config.get("sliding_window")
        if window and window < int(self.config.get("max_position_embeddings") or 0):
            log.warning("%s: sliding_window=%d is not applied by llama.cpp's phi3 architecture; outputs differ "
                        "from transformers beyond %d tokens of context", self.architecture, window, window)

    def hparams(self) -> dict[str, Any]:
        values = super().hparams()
        values[self.key("rope.dimension_count")] = int(self.head_dim * self.partial_rotary_factor)
        original = self.config.get("original_max_position_embeddings")
        if original:
            values[self.key("rope.scaling.original_context_length")] = int(original)
        return values

    def gguf_name(self, name: str, folder: Any) -> str:
        from .tokenizer import stripping_tokens

        tokens = stripping_tokens(Path(folder))
        # llama.cpp's rule for a file named phi3: every special token strips on its right, but these three
        special = {t for t in tokens if t not in _NOT_STRIPPED}
        phi3_way = all(t in tokens for t in (*_NOT_STRIPPED, "</s>")) and \
            all(tokens[t] == (False, True) for t in special) and all(tokens[t] == (False, False) for t in _NOT_STRIPPED)
        if phi3_way:
            return name if PHI3_NAMED.search(name) else f"{name} (phi3)"
        stripping = sorted(t for t, (left, right) in tokens.items() if left or right)
        if stripping:
            log.warning("%s: the tokens %s swallow whitespace next to them, which llama.cpp does not; text "
                        "around them tokenises differently", self.architecture, ", ".join(stripping[:5]))
        return super().gguf_name(name, folder)
