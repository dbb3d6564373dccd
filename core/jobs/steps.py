"""Long operations written once as generators of events, run either directly or as a job.

A *steps* generator yields events (Progress, Log, ...) and returns its result.
:func:`drain` runs it in the caller's process, handing each event to a callback;
:func:`checked` runs it inside a job, checking for a cancel between events and
closing it at once when cancelled (so its ``finally`` blocks clean up now).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, TypeVar

from core.jobs.events import Event

if TYPE_CHECKING:
    from core.jobs.runner import Control

__all__ = ["checked", "drain"]

R = TypeVar("R")


def drain(steps: Generator[Event, None, R], on_event: Callable[[Event], None] | None = None) -> R:
    """Run ``steps`` to the end; each event goes to ``on_event``; return the result."""
    while True:
        try:
            event = next(steps)
        except StopIteration as done:
            return done.value
        if on_event is not None:
            on_event(event)


def checked(steps: Generator[Event, None, R], control: Control) -> Generator[Event, None, R]:
    """Yield what ``steps`` yields, calling ``control.check()`` before each step; return its result."""
    try:
        while True:
            control.check()
            try:
                event = next(steps)
            except StopIteration as done:
                return done.value
            yield event
    finally:
        steps.close()
