"""Frozen configs: validation with the bad value named, and JSON round trips."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Literal

import pytest

from core.config import check, describe, from_dict, load_config, option, save_config
from core.errors import ConfigError


class Precision(Enum):
    FP32 = "fp32"
    BF16 = "bf16"


@dataclass(frozen=True)
class Sched:
    kind: Literal["cosine", "linear"] = option("cosine", help="learning-rate schedule")
    warmup: int = option(10, help="warm-up steps", min=0)

    def __post_init__(self) -> None:
        check(self)


@dataclass(frozen=True)
class Sample:
    data: Path = option(help="the dataset file")
    lr: float = option(2e-4, help="peak learning rate", min=0.0, max=1.0)
    epochs: int = option(3, help="passes over the data", min=1)
    method: str = option("qlora", help="fine-tuning method", choices=("qlora", "lora", "full"))
    precision: Precision = option(Precision.FP32, help="weight precision")
    targets: tuple[str, ...] = option(("q_proj", "v_proj"), help="modules to adapt")
    sched: Sched = option(default_factory=Sched, help="schedule settings")
    note: str | None = option(None, help="free text")

    def __post_init__(self) -> None:
        check(self)


def test_round_trip_through_json(tmp_path):
    cfg = Sample(Path("d.jsonl"), lr=1e-3, precision=Precision.BF16, sched=Sched("linear", 5))
    save_config(cfg, tmp_path / "c.json")
    assert load_config(Sample, tmp_path / "c.json") == cfg


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"lr": -1.0}, "Sample.lr is -1.0; it must be at least 0.0"),
        ({"epochs": 0}, "Sample.epochs is 0; it must be at least 1"),
        ({"method": "magic"}, "Sample.method is 'magic'; it must be one of 'qlora', 'lora', 'full'"),
        ({"epochs": "3"}, "Sample.epochs is '3' (str); expected a whole number"),
        ({"epochs": True}, "Sample.epochs is True (bool); expected a whole number"),
    ],
)
def test_validation_names_field_and_value(kwargs, expected):
    with pytest.raises(ConfigError) as info:
        Sample(Path("d"), **kwargs)
    assert info.value.message == expected


def test_unknown_keys_are_ignored_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING):
        cfg = from_dict(Sample, {"data": "d", "lr": 0.01, "colour": "blue"})
    assert cfg.lr == 0.01 and cfg.data == Path("d")
    assert "colour" in caplog.text


def test_missing_required_key_is_named():
    with pytest.raises(ConfigError) as info:
        from_dict(Sample, {"lr": 0.1}, source="run.json")
    assert info.value.message == "run.json: missing key 'data' (the dataset file)"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"data": "d", "lr": "fast"}, "run.json: key 'lr' is 'fast' (str); expected a number"),
        ({"data": "d", "precision": "fp8"}, "run.json: key 'precision' is 'fp8' (str); expected one of 'fp32', 'bf16'"),
        ({"data": "d", "targets": "q_proj"}, "run.json: key 'targets' is 'q_proj' (str); expected a list"),
        ({"data": "d", "sched": {"kind": "step"}}, "run.json: key 'sched': key 'kind' is 'step' (str); "
                                                   "expected one of 'cosine', 'linear'"),
    ],
)
def test_wrong_value_in_json_names_key_and_value(data, expected):
    with pytest.raises(ConfigError) as info:
        from_dict(Sample, data, source="run.json")
    assert info.value.message == expected


def test_malformed_json_names_line_and_column(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{\n  "data": "d",\n  "lr": 0.1,,\n}\n')
    with pytest.raises(ConfigError) as info:
        load_config(Sample, path)
    assert info.value.message.startswith(f"{path}:3:13: not valid JSON")


def test_describe_carries_help_for_forms():
    fields = {f.name: f for f in describe(Sample)}
    assert fields["lr"].help == "peak learning rate" and fields["lr"].min == 0.0
    assert fields["data"].required and not fields["lr"].required
    assert fields["method"].choices == ("qlora", "lora", "full")
    assert fields["sched"].default == Sched()
