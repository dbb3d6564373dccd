"""The events a job yields, and their JSON form in ``events.jsonl``.

Events are small frozen dataclasses. Each is written as one JSON object a line,
with ``type`` naming the class and ``t`` the time it was recorded by the parent.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FINAL_EVENTS",
    "Artifact",
    "Cancelled",
    "Done",
    "Event",
    "Failed",
    "Log",
    "Metric",
    "Progress",
    "event_from_dict",
    "event_to_dict",
]


@dataclass(frozen=True)
class Progress:
    """How far the job is: ``done`` of ``total`` units (``total`` 0 when unknown); ``eta`` the seconds left, when
    the job can tell better than the rate so far (training: from its own steps, not counting the loading)."""

    done: float
    total: float = 0
    message: str = ""
    unit: str = "step"
    eta: float | None = None


@dataclass(frozen=True)
class Metric:
    """A measured value at a step (loss, learning rate, tokens/s, ...)."""

    name: str
    value: float
    step: int | None = None


@dataclass(frozen=True)
class Log:
    """A log record from the job."""

    message: str
    level: str = "INFO"
    logger: str = ""


@dataclass(frozen=True)
class Artifact:
    """A file the job finished writing (atomically), relative or absolute path."""

    path: str
    kind: str = "file"
    description: str = ""


@dataclass(frozen=True)
class Done:
    """The job finished; ``result`` is its small JSON summary."""

    result: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Failed:
    """The job ended in error. ``crashed`` when the process died without saying why."""

    message: str
    hint: str = ""
    error_type: str = ""
    traceback: str = ""
    crashed: bool = False
    exit_code: int | None = None
    log_tail: str = ""


@dataclass(frozen=True)
class Cancelled:
    """The job was stopped on request; ``how``: cooperative, terminated or killed."""

    how: str = "cooperative"


Event = Progress | Metric | Log | Artifact | Done | Failed | Cancelled
FINAL_EVENTS = (Done, Failed, Cancelled)
_TYPES: dict[str, type] = {cls.__name__: cls for cls in (Progress, Metric, Log, Artifact, Done, Failed, Cancelled)}


def event_to_dict(event: Event, t: float | None = None) -> dict[str, Any]:
    """The JSON form of ``event``, stamped with time ``t`` (now when omitted)."""
    data = dataclasses.asdict(event)
    return {"type": type(event).__name__, "t": round(time.time() if t is None else t, 3), **data}


def event_from_dict(data: dict[str, Any]) -> Event:
    """The event that ``event_to_dict`` wrote. Unknown fields are ignored.

    Raises:
        ValueError: the type is not one of the event classes.
    """
    cls = _TYPES.get(data.get("type", ""))
    if cls is None:
        raise ValueError(f"unknown event type {data.get('type')!r}")
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def event_line(event: Event, t: float | None = None) -> str:
    """One line of ``events.jsonl``."""
    return json.dumps(event_to_dict(event, t), ensure_ascii=False) + "\n"
