"""LoRA -> GGUF: a PEFT LoRA adapter to a LoRA-GGUF file llama.cpp applies on the base at load.

The base's architecture class names the tensors and reorders B's rows as it
reorders the base weight's (the Llama q/k rotary interleave). llama.cpp scales
each pair by ``adapter.lora.alpha / rank``; PEFT by ``alpha / rank`` (rsLoRA:
``alpha / sqrt(rank)``), per module when ``alpha_pattern`` or ``rank_pattern``
vary it. The file's alpha gives PEFT's scale for the adapter's main rank, and a
module whose scale differs has the difference folded into its B.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import torch

from .base import ArchConverter
from .errors import ConversionError, UnsupportedModel, Verdict
from .gguf_file import KV, typed
from .hf import SafetensorsSource, metadata_kvs
from .registry import converter_for, load_config
from .writer import OUTTYPES, PlannedTensor, choose_type, write_gguf

__all__ = ["can_export_adapter", "convert_lora"]

log = logging.getLogger(__name__)

_PREFIX = "base_model.model."
_PAIR = re.compile(r"(.+)\.lora_([AB])(?:\.[^.]+)?\.weight")


def _adapter_config(folder: Path) -> dict[str, Any]:
    path = folder / "adapter_config.json"
    config = load_config(path) if path.is_file() else None
    if config is None:
        raise ConversionError(f"{folder} has no adapter_config.json: point at a PEFT adapter folder")
    return config


def _refusal(config: Mapping[str, Any]) -> str:
    """Why this PEFT config cannot be a LoRA-GGUF adapter ("" when it can)."""
    peft_type = str(config.get("peft_type", "LORA")).upper()
    if peft_type != "LORA":
        return (f"a {peft_type} adapter is not a LoRA; llama.cpp applies LoRA adapters only "
                "(prompt and prefix tuning have no GGUF form)")
    if config.get("use_dora"):
        return ("a DoRA adapter rescales each weight column by a learned magnitude, which a LoRA-GGUF file cannot "
                "express: export it merged into its base instead")
    reasons = {
        "lora_bias": "it trains a bias on lora_B",
        "fan_in_fan_out": "its layers store weights transposed (fan_in_fan_out)",
        "use_qalora": "it is a QA-LoRA adapter",
        "alora_invocation_tokens": "it is an activated LoRA (aLoRA)",
        "target_parameters": "it targets parameters rather than layers",
        "modules_to_save": f"it also trains whole modules ({config.get('modules_to_save')})",
    }
    for key, reason in reasons.items():
        if config.get(key):
            return f"{reason}, which a LoRA-GGUF file cannot hold: export it merged into its base instead"
    if config.get("bias", "none") != "none":
        return (f"it trains the base layers' biases (bias={config.get('bias')!r}), which a LoRA-GGUF file cannot "
                "hold: export it merged into its base instead")
    return ""


def can_export_adapter(adapter_folder: str | Path, base: str | Path | Mapping[str, Any] | None = None) -> Verdict:
    """Whether the PEFT adapter in ``adapter_folder`` can be written as a LoRA-GGUF file, and why not.

    Args:
        base: the base model (folder, config.json or config dict); when given,
            its architecture is checked too.
    """
    try:
        folder = Path(adapter_folder)
        reason = _refusal(_adapter_config(folder))
        if reason:
            return Verdict(False, reason)
        if not (folder / "adapter_model.safetensors").is_file():
            return Verdict(False, f"{folder} has no adapter_model.safetensors (pickled adapters are never read); "
                                  "save the adapter with safe_serialization=True")
        if base is None:
            return Verdict(True, "")
        arch = converter_for(load_config(base))
    except UnsupportedModel as exc:
        return Verdict(False, str(exc), exc.architecture)
    except ConversionError as exc:
        return Verdict(False, str(exc))
    return Verdict(True, "", arch.architecture, arch.gguf_arch)


def _pattern_value(patterns: Mapping[str, Any], module: str, default: Any) -> Any:
    """A per-module value of PEFT's rank_pattern/alpha_pattern (keys match the end of the module's name)."""
    for key, value in patterns.items():
        if module == key or module.endswith(f".{key}") or re.fullmatch(rf"(.*\.)?{key}", module):
            return value
    return default


def _pairs(source: SafetensorsSource) -> dict[str, dict[str, str]]:
    """module (HF name of its weight) -> {"A": stored name, "B": stored name}."""
    pairs: dict[str, dict[str, str]] = {}
    for stored in source.names():
        name = stored[len(_PREFIX):] if stored.startswith(_PREFIX) else stored
        if "lora_embedding_" in name:
            raise ConversionError(f"the adapter trains the embedding ({stored}); llama.cpp's LoRA on the token "
                                  "embedding is not supported by Hearth: export it merged into its base instead")
        match = _PAIR.fullmatch(name)
        if match is None:
            raise ConversionError(f"the adapter holds {stored}, which is not a LoRA A or B matrix: export it merged "
                                  "into its base instead")
        pairs.setdefault(f"{match.group(1)}.weight", {})[match.group(2)] = stored
    for weight, pair in pairs.items():
        if set(pair) != {"A", "B"}:
            raise ConversionError(f"the adapter has lora_{next(iter(pair))} but not its partner for {weight}")
    if not pairs:
        raise ConversionError("the adapter holds no LoRA matrices")
    return pairs


class _Scaling:
    """The file's alpha, and the factor folded into each module's B so llama.cpp's alpha/rank gives PEFT's scale."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.config = config
        self.rank = int(config.get("r", 8))
        self.alpha = float(config.get("lora_alpha", self.rank))
        self.rslora = bool(config.get("use_rslora"))
        # llama.cpp: scale = alpha_gguf / rank; rsLoRA's alpha / sqrt(rank) needs alpha_gguf = alpha * sqrt(rank)
        self.gguf_alpha = self.alpha * math.sqrt(self.rank) if self.rslora else self.alpha

    def factor(self, module: str, rank: int) -> float:
        alpha = float(_pattern_value(self.config.get("alpha_pattern") or {}, module, self.alpha))
        peft = alpha / math.sqrt(rank) if self.rslora else alpha / rank
        return peft / (self.gguf_alpha / rank)


def _plan(arch: ArchConverter, source: SafetensorsSource, scaling: _Scaling, outtype: str) -> list[PlannedTensor]:
    qtype = OUTTYPES[outtype][0]
    planned = []
    for weight, pair in _pairs(source).items():
        module = weight[: -len(".weight")]
        meta_a, meta_b = source.meta(pair["A"]), source.meta(pair["B"])
        factor = scaling.factor(module, meta_a.shape[0])
        for index, (gguf_name, a, b) in enumerate(arch.map_lora(weight, meta_a, meta_b)):
            def load(part: int, weight: str = weight, pair: dict[str, str] = pair, index: int = index,
                     factor: float = factor) -> torch.Tensor:
                mapped = arch.map_lora(weight, source.load(pair["A"]), source.load(pair["B"]))[index]
                return mapped[1] if part == 1 else mapped[2] * factor

            for suffix, part, shape in ((".lora_a", 1, tuple(a.shape)), (".lora_b", 2, tuple(b.shape))):
                name = gguf_name + suffix
                planned.append(PlannedTensor(name, shape, choose_type(name, shape, qtype),
                                             lambda load=load, part=part: load(part)))
    return planned


def _check_base_file(planned: list[PlannedTensor], base: Path) -> None:
    """Each pair fits a tensor of the GGUF base it will be applied to (llama.cpp refuses the file otherwise)."""
    from .gguf_file import read_header

    tensors = read_header(base).tensors
    for p in planned:
        weight, part = p.name.rsplit(".lora_", 1)
        if weight not in tensors:
            raise ConversionError(f"{base.name} has no tensor {weight} for the adapter to change: it is not the "
                                  "adapter's base")
        rows, cols = tensors[weight][0][-2:]
        if (part == "a" and p.shape[1] != cols) or (part == "b" and p.shape[0] != rows):
            raise ConversionError(f"the adapter's {p.name} has shape {p.shape}, which does not fit {weight} "
                                  f"{(rows, cols)} in {base.name}: it is not the adapter's base")


def convert_lora(adapter_folder: str | Path, base: str | Path | Mapping[str, Any], out: str | Path, *,
                 outtype: str = "f32", metadata: Mapping[str, Any] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Path:
    """Convert a PEFT LoRA adapter to the LoRA-GGUF file ``out``.

    Args:
        adapter_folder: the adapter (adapter_config.json + adapter_model.safetensors).
        base: the base model's Hugging Face folder, config.json or config dict
            (only its config is read: the architecture decides the tensor names),
            or the GGUF file it will be applied to (its tensors' shapes are checked too).
        out: the file to write (exactly this path).
        outtype: f32, f16, bf16 or q8_0 for the A and B matrices.
        metadata: extra key/values (str, int, float or bool).
        progress: called with (tensors written, tensors in all).

    Returns:
        ``out``.

    Raises:
        UnsupportedModel: the base's architecture has no converter.
        ConversionError: the adapter cannot be a LoRA-GGUF file (DoRA, trained
            embeddings or whole modules, ...).
    """
    folder, out = Path(adapter_folder), Path(out)
    if outtype not in OUTTYPES:
        raise ConversionError(f"outtype {outtype!r} is not one of {', '.join(OUTTYPES)}")
    config = _adapter_config(folder)
    reason = _refusal(config)
    if reason:
        raise ConversionError(f"the adapter cannot be exported as a LoRA-GGUF file: {reason}")
    arch = converter_for(load_config(base))
    scaling = _Scaling(config)
    with ExitStack() as stack:
        source = SafetensorsSource.of_folder(folder, stack, stem="adapter_model")
        planned = _plan(arch, source, scaling, outtype)
        if not isinstance(base, Mapping) and Path(base).suffix == ".gguf":
            _check_base_file(planned, Path(base))
        kvs: dict[str, KV] = {
            "general.type": typed("adapter"),
            "general.name": typed(folder.name),
            "adapter.type": typed("lora"),
            "adapter.lora.alpha": typed(float(scaling.gguf_alpha)),
        }
        kvs.update(metadata_kvs(metadata))
        log.info("converting adapter %s (%s, r=%d, alpha=%g) to %s", folder, arch.architecture, scaling.rank,
                 scaling.gguf_alpha, out)
        return write_gguf(out, arch.gguf_arch, kvs, planned, progress)
