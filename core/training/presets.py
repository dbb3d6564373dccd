"""Named starting points for a run, with learning rates that suit the method.

A preset gives every training setting a value; what the user sets overrides
it. When the user leaves the batch size to the preset, it is halved (and the
accumulation doubled, so the effective batch stays) until the memory
pre-flight says the run fits.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from core.errors import ConfigError
from core.training.recipe import TrainConfig

__all__ = ["PRESETS", "default_lr", "fit_batch", "resolve", "resolve_device"]

PRESETS: dict[str, dict[str, Any]] = {
    # A first result in minutes on a laptop CPU: LoRA (bitsandbytes' 4-bit path is slow on CPUs), short sequences.
    "quick-cpu": {"method": "lora", "epochs": 1.0, "batch_size": 4, "grad_accum": 1, "lora_r": 8, "seq_len": 256},
    "balanced": {"method": "qlora", "epochs": 2.0, "batch_size": 4, "grad_accum": 2, "lora_r": 16, "seq_len": 1024},
    "quality": {"method": "qlora", "epochs": 3.0, "batch_size": 4, "grad_accum": 4, "lora_r": 32, "seq_len": 2048,
                "gradient_checkpointing": True},
}


def resolve_device(device: str) -> str:
    """``auto`` as a run will see it: cuda when torch sees a GPU, else cpu; any other name as it is."""
    if device != "auto":
        return device
    import torch  # only for auto, and only when asked: torch takes seconds to import

    return "cuda" if torch.cuda.is_available() else "cpu"


def default_lr(method: str) -> float:
    """A learning rate that suits the method (full fine-tuning moves every weight: far smaller)."""
    return {"full": 2e-5, "prompt": 3e-2, "prefix": 1e-2}.get(method, 2e-4)


def resolve(preset: str, overrides: dict[str, Any], *, device: str = "cpu") -> tuple[TrainConfig, int]:
    """The training settings and sequence length of ``preset`` with the user's ``overrides`` (None = unset).

    ``preset`` "auto" is quick-cpu on a CPU and balanced on a GPU: give ``device`` as
    :func:`resolve_device` returns it (here "auto" counts as the CPU, so that no caller pays for torch's
    import unasked; the window's form resolves it off its thread).

    Raises:
        ConfigError: an unknown preset or setting.
    """
    name = ("balanced" if device.startswith("cuda") else "quick-cpu") if preset == "auto" else preset
    if name not in PRESETS:
        raise ConfigError(f"no preset {preset!r}", f"one of: auto, {', '.join(PRESETS)}")
    values = {**PRESETS[name], **{k: v for k, v in overrides.items() if v is not None}}
    seq_len = values.pop("seq_len")
    values.setdefault("lr", default_lr(values["method"]))
    known = {f.name for f in dataclasses.fields(TrainConfig)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown training settings: {', '.join(unknown)}", f"known: {', '.join(sorted(known))}")
    return TrainConfig(**values), seq_len


def fit_batch(config: TrainConfig, fits: Any) -> TrainConfig:
    """Halve the batch (doubling accumulation) while ``fits(config)`` is False, down to a batch of 1."""
    while not fits(config) and config.batch_size > 1:
        config = dataclasses.replace(config, batch_size=config.batch_size // 2, grad_accum=config.grad_accum * 2)
    return config
