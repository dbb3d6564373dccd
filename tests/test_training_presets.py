"""Presets: a starting point per machine, overridden by what the user sets, the batch fitted to memory."""

from __future__ import annotations

import pytest

from core.errors import ConfigError
from core.training.presets import PRESETS, fit_batch, resolve


def test_auto_picks_by_device_and_overrides_win():
    cpu, cpu_len = resolve("auto", {}, device="cpu")
    gpu, _ = resolve("auto", {}, device="cuda")
    assert (cpu.method, cpu_len) == (PRESETS["quick-cpu"]["method"], PRESETS["quick-cpu"]["seq_len"])
    assert gpu.method == PRESETS["balanced"]["method"]
    mine, length = resolve("quality", {"epochs": 1.0, "seq_len": 512, "lr": None}, device="cpu")
    assert mine.epochs == 1.0 and length == 512 and mine.lora_r == PRESETS["quality"]["lora_r"]


def test_learning_rate_suits_the_method():
    full, _ = resolve("balanced", {"method": "full"})
    lora, _ = resolve("balanced", {"method": "lora"})
    assert full.lr <= 5e-5 and 1e-4 <= lora.lr <= 2e-4


def test_unknown_preset_or_setting_is_refused():
    with pytest.raises(ConfigError, match="no preset"):
        resolve("turbo", {})
    with pytest.raises(ConfigError, match="unknown training settings: colour"):
        resolve("balanced", {"colour": 3})


def test_fit_batch_halves_until_it_fits_and_keeps_the_effective_batch():
    config, _ = resolve("balanced", {"batch_size": 8, "grad_accum": 1})
    fitted = fit_batch(config, lambda c: c.batch_size <= 2)
    assert (fitted.batch_size, fitted.grad_accum) == (2, 4)
    assert fit_batch(config, lambda c: False).batch_size == 1  # stops at one
