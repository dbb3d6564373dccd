"""A short job that counts, for checking the job runner on a machine (``hearth jobs demo``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from core.config import check, option
from core.jobs.events import Artifact, Event, Metric, Progress
from core.jobs.runner import Control
from core.workspace import atomic_write_text

__all__ = ["DemoConfig", "run"]


@dataclass(frozen=True)
class DemoConfig:
    KIND: ClassVar[str] = "demo"
    TARGET: ClassVar[str] = "core.jobs.demo:run"

    steps: int = option(20, help="how many steps to count", min=1, max=100_000)
    step_seconds: float = option(0.05, help="seconds each step takes", min=0.0, max=60.0)

    def __post_init__(self) -> None:
        check(self)


def run(config: DemoConfig, control: Control) -> Iterator[Event]:
    """Count to ``config.steps``, reporting progress, then write ``count.txt`` atomically."""
    for step in range(1, config.steps + 1):
        control.check()
        time.sleep(config.step_seconds)
        yield Progress(step, config.steps, "counting")
        yield Metric("square", float(step * step), step=step)
    path = control.folder / "count.txt"
    atomic_write_text(path, "\n".join(str(i) for i in range(1, config.steps + 1)) + "\n")
    yield Artifact(str(path), "text", "the numbers counted")
    result: dict[str, Any] = {"steps": config.steps}
    return result
