"""What every architecture converter shares: reading a config, the common GGUF keys, tensor naming.

A family module subclasses :class:`ArchConverter`, sets ``gguf_arch`` and its
tensor tables, and overrides :meth:`check`, :meth:`hparams` or
:meth:`transform` (with :meth:`row_local`, where the transform mixes rows)
where the family differs. The LoRA converter uses the same
class: :meth:`map_lora` applies the family's row transforms to ``lora_b``.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import ConversionError, UnsupportedModel

if TYPE_CHECKING:
    import torch

__all__ = ["ArchConverter", "interleave_rotary"]

log = logging.getLogger(__name__)

_LAYER = re.compile(r"model\.layers\.(\d+)\.(.+)")
PHI3_NAMED = re.compile(r"phi-?3", re.IGNORECASE)  # what llama.cpp looks for in general.name (lowercased)

# Hugging Face tensor names (after "model.layers.N.") -> GGUF names (after "blk.N.") shared by the
# Llama-shaped families; the names are llama.cpp's (gguf-py's TensorNameMap agrees, see the tests).
LLAMA_LAYER_TENSORS: Mapping[str, str] = {
    "input_layernorm.weight": "attn_norm.weight",
    "self_attn.q_proj.weight": "attn_q.weight",
    "self_attn.k_proj.weight": "attn_k.weight",
    "self_attn.v_proj.weight": "attn_v.weight",
    "self_attn.o_proj.weight": "attn_output.weight",
    "post_attention_layernorm.weight": "ffn_norm.weight",
    "mlp.gate_proj.weight": "ffn_gate.weight",
    "mlp.up_proj.weight": "ffn_up.weight",
    "mlp.down_proj.weight": "ffn_down.weight",
}
GLOBAL_TENSORS: Mapping[str, str] = {
    "model.embed_tokens.weight": "token_embd.weight",
    "model.norm.weight": "output_norm.weight",
    "lm_head.weight": "output.weight",
}
# Checkpoints of older transformers versions saved the rotary tables; they are recomputed at load.
_IGNORED_SUFFIXES = ("rotary_emb.inv_freq",)


def interleave_rotary(weight: torch.Tensor, n_heads: int) -> torch.Tensor:
    """Reorder the rows of a q/k projection (or its bias, or a LoRA B) from HF's to llama.cpp's rotary layout.

    Hugging Face's Llama rotates the two halves of each head (``rotate_half``);
    llama.cpp's ``llama`` architecture rotates adjacent pairs. Within each head
    the rows ``[x0..x(d/2-1), y0..y(d/2-1)]`` become ``[x0, y0, x1, y1, ...]``.
    """
    rows = weight.shape[0]
    half = rows // n_heads // 2
    return weight.reshape(n_heads, 2, half, *weight.shape[1:]).transpose(1, 2).reshape(weight.shape)


class ArchConverter:
    """Converts one Hugging Face architecture family to one GGUF architecture.

    Attributes:
        gguf_arch: the GGUF ``general.architecture`` (llama.cpp's name).
        hf_architectures: the Hugging Face class names, set by ``register``.
        layer_tensors: per-layer HF name -> GGUF name.
        global_tensors: HF name -> GGUF name outside the layers.
        config: the text model's config (a plain dict).
    """

    gguf_arch: ClassVar[str] = ""
    hf_architectures: ClassVar[tuple[str, ...]] = ()
    layer_tensors: ClassVar[Mapping[str, str]] = LLAMA_LAYER_TENSORS
    global_tensors: ClassVar[Mapping[str, str]] = GLOBAL_TENSORS
    # Keys a config must have; the rest have the defaults of the family's transformers config class.
    required: ClassVar[tuple[str, ...]] = ("hidden_size", "intermediate_size", "num_hidden_layers",
                                           "num_attention_heads", "vocab_size")
    # Values transformers' config class uses when a key is absent (a multimodal text_config omits them).
    defaults: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.architecture = (config.get("architectures") or [type(self).__name__])[0]
        self.config = self.text_config(config)
        missing = [key for key in self.required if self.config.get(key) is None]
        if missing:
            raise ConversionError(f"the {self.architecture} config has no {', '.join(missing)}: "
                                  "re-save the model with save_pretrained so config.json is complete")
        self.check()

    # -- the config -------------------------------------------------------------------------------------

    @classmethod
    def text_config(cls, config: Mapping[str, Any]) -> dict[str, Any]:
        """The config of the text model, over the family's defaults (a multimodal class overrides this)."""
        return {**cls.defaults, **{k: v for k, v in config.items() if v is not None or k not in cls.defaults}}

    def refuse(self, reason: str) -> UnsupportedModel:
        """An :class:`UnsupportedModel` for a setting of this architecture the converter cannot express."""
        from .registry import supported_architectures

        return UnsupportedModel(self.architecture, supported_architectures(), f"{self.architecture}: {reason}")

    # Whether the family rotates part of each head only (written as rope.dimension_count).
    partial_rotary_allowed: ClassVar[bool] = False

    def check(self) -> None:
        """Raise :class:`UnsupportedModel` for a setting llama.cpp's architecture cannot reproduce."""
        self.rope_parameters()  # validates the rope scaling
        factor = self.partial_rotary_factor
        if factor != 1.0 and not self.partial_rotary_allowed:
            raise self.refuse(f"partial_rotary_factor={factor} is not supported (only full rotary embeddings)")

    @property
    def partial_rotary_factor(self) -> float:
        """The share of each head that is rotated: the config's own key, or transformers 5's in rope_parameters."""
        factor = self.config.get("partial_rotary_factor")
        if factor is None:
            factor = self.rope_parameters().get("partial_rotary_factor")
        return float(factor if factor is not None else 1.0)

    @property
    def n_layers(self) -> int:
        return int(self.config["num_hidden_layers"])

    @property
    def n_heads(self) -> int:
        return int(self.config["num_attention_heads"])

    @property
    def n_kv_heads(self) -> int:
        return int(self.config.get("num_key_value_heads") or self.n_heads)

    @property
    def head_dim(self) -> int:
        return int(self.config.get("head_dim") or self.config["hidden_size"] // self.n_heads)

    @property
    def tied(self) -> bool:
        """Whether the output layer is the token embedding (no ``output.weight`` is written)."""
        return bool(self.config.get("tie_word_embeddings", False))

    def rope_parameters(self, layer_type: str = "full_attention") -> dict[str, Any]:
        """The rotary settings of one kind of layer: ``rope_type``, ``rope_theta`` and the scaling's own keys.

        Reads both layouts: transformers 5's ``rope_parameters`` (flat, or one
        dict per layer type) and the older ``rope_theta`` + ``rope_scaling``.
        """
        params = self.config.get("rope_parameters")
        if isinstance(params, Mapping) and ("full_attention" in params or "sliding_attention" in params):
            params = params.get(layer_type) or {}
        if isinstance(params, Mapping) and params:
            out = dict(params)
        else:
            out = dict(self.config.get("rope_scaling") or {})
            if "rope_theta" in self.config:
                out["rope_theta"] = self.config["rope_theta"]
        out["rope_type"] = out.get("rope_type") or out.get("type") or "default"
        out.setdefault("rope_theta", self.default_rope_theta)
        if out["rope_type"] not in self.rope_types:
            raise self.refuse(f"rope scaling {out['rope_type']!r} is not supported; "
                              f"supported: {', '.join(sorted(self.rope_types))}")
        return out

    default_rope_theta: ClassVar[float] = 10000.0
    rope_types: ClassVar[frozenset[str]] = frozenset({"default", "linear"})

    # -- GGUF key/values --------------------------------------------------------------------------------

    def key(self, suffix: str) -> str:
        return f"{self.gguf_arch}.{suffix}"

    def hparams(self) -> dict[str, Any]:
        """GGUF key -> value for the architecture's hyperparameters.

        Python types choose the GGUF type: int -> uint32, float -> float32,
        bool, str, and lists of them -> arrays (what llama.cpp reads these keys as).
        """
        c = self.config
        rope = self.rope_parameters()
        values: dict[str, Any] = {
            "context_length": int(c.get("max_position_embeddings") or 4096),
            "embedding_length": int(c["hidden_size"]),
            "block_count": self.n_layers,
            "feed_forward_length": int(c["intermediate_size"]),
            "attention.head_count": self.n_heads,
            "attention.head_count_kv": self.n_kv_heads,
            "attention.layer_norm_rms_epsilon": float(c.get("rms_norm_eps") or 1e-6),
            "attention.key_length": self.head_dim,
            "attention.value_length": self.head_dim,
            "rope.freq_base": float(rope["rope_theta"]),
        }
        if rope["rope_type"] == "linear":
            values["rope.scaling.type"] = "linear"
            values["rope.scaling.factor"] = float(rope["factor"])
        return {self.key(k): v for k, v in values.items()}

    # -- tensors ----------------------------------------------------------------------------------------

    def normalize_name(self, name: str) -> str:
        """The name a text-only checkpoint of this family gives the tensor (a multimodal class overrides this)."""
        return name

    def skip(self, name: str) -> bool:
        """Whether the (normalized) tensor has no place in the GGUF file."""
        return name.endswith(_IGNORED_SUFFIXES) or (name == "lm_head.weight" and self.tied)

    def tensor_name(self, name: str) -> str:
        """The GGUF name of the (normalized) Hugging Face tensor.

        Raises:
            ConversionError: the family does not know the tensor.
        """
        if name in self.global_tensors:
            return self.global_tensors[name]
        match = _LAYER.fullmatch(name)
        if match and match.group(2) in self.layer_tensors and int(match.group(1)) < self.n_layers:
            return f"blk.{match.group(1)}.{self.layer_tensors[match.group(2)]}"
        raise ConversionError(f"{self.architecture}: the checkpoint has a tensor {name!r} the {self.gguf_arch} "
                              "converter does not know; it may be a variant Hearth cannot convert yet")

    def transform(self, name: str, tensor: torch.Tensor) -> torch.Tensor:
        """The family's change to a tensor's values (none by default).

        A transform that mixes rows must say so in :meth:`row_local`.
        """
        return tensor

    def row_local(self, name: str) -> bool:
        """Whether :meth:`transform` changes each row of the (normalized) tensor alone, so that a block of
        rows can be transformed apart from the rest: a big tensor is then converted a block at a time."""
        return True

    def map_tensor(self, name: str, tensor: torch.Tensor) -> list[tuple[str, torch.Tensor]]:
        """HF tensor -> the GGUF tensors it becomes (none when skipped)."""
        name = self.normalize_name(name)
        if self.skip(name):
            return []
        return [(self.tensor_name(name), self.transform(name, tensor))]

    def map_lora(self, name: str, lora_a: torch.Tensor, lora_b: torch.Tensor) -> list[tuple[str, Any, Any]]:
        """The LoRA pair of the HF weight ``name`` -> [(GGUF weight name, lora_a, lora_b)].

        The delta is ``B @ A``; the families' transforms of 2-D weights reorder
        rows, which acts on B alone. Norms (whose transforms are affine) and
        skipped tensors cannot carry a LoRA.

        Raises:
            ConversionError: the weight has no place for a LoRA in llama.cpp.
        """
        normalized = self.normalize_name(name)
        if self.skip(normalized):
            raise ConversionError(f"the adapter trains {name}, which the GGUF file does not have (a tied output "
                                  "layer?): retrain without it in target_modules, or export merged")
        if normalized.endswith("norm.weight") or not normalized.endswith(".weight"):
            raise ConversionError(f"the adapter trains {name}, which cannot carry a LoRA in llama.cpp: export merged")
        return [(self.tensor_name(normalized), lora_a, self.transform(normalized, lora_b))]

    def gguf_name(self, name: str, folder: Any) -> str:
        """The ``general.name`` to write for ``name``.

        llama.cpp reads a name with "phi3" or "phi-3" in it as Phi-3's tokenizer settings, whatever the
        architecture (and refuses a vocabulary without Phi-3's tokens): any other family's file never says it.
        """
        return PHI3_NAMED.sub(lambda m: m.group(0).replace("-", "").replace("3", " 3"), name)

    def extra_tensors(self) -> list[tuple[str, torch.Tensor]]:
        """Tensors the GGUF file needs that the checkpoint does not have (e.g. rope factors)."""
        return []


def rope_llama3_factors(rope: Mapping[str, Any], head_dim: int) -> list[float]:
    """Per-frequency divisors of Llama 3's rope scaling (transformers' ``_compute_llama3_parameters``)."""
    base = float(rope["rope_theta"])
    factor = float(rope["factor"])
    low = float(rope.get("low_freq_factor", 1.0))
    high = float(rope.get("high_freq_factor", 4.0))
    old_context = float(rope.get("original_max_position_embeddings", 8192))
    low_wavelen, high_wavelen = old_context / low, old_context / high
    factors = []
    for i in range(0, head_dim, 2):
        wavelen = 2 * math.pi * base ** (i / head_dim)
        if wavelen < high_wavelen:
            factors.append(1.0)
        elif wavelen > low_wavelen:
            factors.append(factor)
        else:
            smooth = (old_context / wavelen - low) / (high - low)
            factors.append(1.0 / ((1 - smooth) / factor + smooth))
    return factors
