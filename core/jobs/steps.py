"""Long operations written once as generators of events, run either directly or as a job.

A *steps* generator yields events (Progress, Log, ...) and returns its result.
:func:`drain` runs it in the caller's process, handing each event to a callback;
:func:`checked` runs it inside a job, checking for a cancel between events and
closing it at once when cancelled (so its ``finally`` blocks clean up now).
:func:`in_background` makes such steps of one slow call (a merge, a conversion) run in a thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, TypeVar

from core.jobs.events import Event, Progress

if TYPE_CHECKING:
    from core.jobs.runner import Control

__all__ = ["checked", "drain", "in_background"]

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


def in_background(control: Control | None, message: str, fn: Callable[..., Any], *args: Any,
                  with_progress: bool = True, **kwargs: Any) -> Generator[Event, None, Any]:
    """Run ``fn`` in a thread; yield its progress; raise what it raised; return what it returned.

    With ``with_progress``, ``fn`` gets ``progress=callback(done, total)``,
    and the callback ends the work on a cancel. A cancel also ends the wait
    here: the job then ends, and its process with whatever native call was
    still running.
    """
    from core.jobs.runner import JobCancelled  # (runner imports this module)

    updates: queue.SimpleQueue = queue.SimpleQueue()
    outcome: dict[str, Any] = {}

    def progress(done: float, total: float) -> None:
        updates.put((done, total))
        if control is not None and control.cancelled:
            raise JobCancelled()

    def work() -> None:
        try:
            outcome["value"] = fn(*args, **({"progress": progress} if with_progress else {}), **kwargs)
        except BaseException as exc:  # handed to the generator, which raises it
            outcome["error"] = exc

    thread = threading.Thread(target=work, name=f"hearth-{fn.__name__}", daemon=True)
    thread.start()
    yield Progress(0, 0, message)
    while thread.is_alive():
        thread.join(0.25)
        last = None
        while not updates.empty():
            last = updates.get()
        if last is not None:
            yield Progress(last[0], last[1], message)
        if control is not None:
            control.check()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
