"""Blocking core calls off the GUI thread, their outcomes delivered as Qt signals.

- :class:`Call`: one call's progress, streamed items, result or error.
- :class:`SerialRunner`: a thread that runs calls one after another (the chat
  engine serves one request at a time, so all its calls go through one runner).
- :func:`run_in_thread`: one call on a thread of its own (an import, a check).
- :class:`JobWatcher`: follows a core job's events and re-emits them.

Signals emitted from a worker thread reach receivers on the GUI thread as
queued calls, so slots always run on the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

__all__ = ["Call", "JobWatcher", "SerialRunner", "run_in_thread"]

log = logging.getLogger(__name__)


class Call(QObject):
    """The outcome of one blocking call.

    ``progress`` carries whatever the call reports (a fraction, an event),
    ``item`` each element of a streamed result, ``done`` the result,
    ``failed`` the exception; ``finished`` comes last, whatever happened.
    """

    progress = Signal(object)
    item = Signal(object)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, name: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.cancel = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.ended = False

    def connect(self, **slots: Callable[..., Any] | None) -> Call:
        """Connect slots by signal name (done=..., failed=..., item=..., progress=..., finished=...)."""
        for signal_name, slot in slots.items():
            if slot is not None:
                getattr(self, signal_name).connect(slot)
        return self

    def report(self, value: Any) -> None:
        """Emit ``progress``; safe to pass as a core callback."""
        self.progress.emit(value)

    def execute(self, fn: Callable[..., Any], stream: bool) -> None:
        """Run ``fn`` here (on the worker thread) and emit the outcome."""
        try:
            result = fn()
            if stream:
                result = self._drain(result)
        except BaseException as exc:  # reported to the window, never lost in a thread
            if not isinstance(exc, Exception):
                log.warning("call %s ended by %s", self.name, type(exc).__name__)
            self.error = exc
            self.ended = True
            self.failed.emit(exc)
        else:
            self.result = result
            self.ended = True
            self.done.emit(result)
        finally:
            self.finished.emit()

    def _drain(self, items: Iterable[Any]) -> Any:
        last = None
        for last in items:
            self.item.emit(last)
        return last


class SerialRunner:
    """A daemon thread that runs submitted calls in order."""

    def __init__(self, name: str) -> None:
        self._queue: queue.Queue[tuple[Call, Callable[[], Any], bool] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[Call], Any], *, name: str = "", stream: bool = False, call: Call | None = None,
               **slots: Callable[..., Any] | None) -> Call:
        """Queue ``fn(call)``; with ``stream``, its result is iterated and each element emitted as ``item``.

        ``fn`` may report progress with ``call.report`` and watch ``call.cancel``.
        ``slots`` (done=..., failed=..., ...) are connected before the call is
        queued, so no signal can be emitted before they listen. ``call``: an
        existing, not yet queued Call to use (with slots already connected).
        """
        call = (call or Call(name)).connect(**slots)
        self._queue.put((call, lambda: fn(call), stream))
        return call

    def _loop(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                return
            call, fn, stream = task
            call.execute(fn, stream)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Finish the queued calls, then end the thread."""
        self._queue.put(None)
        self._thread.join(timeout)


def run_in_thread(fn: Callable[[Call], Any], *, name: str = "", stream: bool = False,
                  **slots: Callable[..., Any] | None) -> Call:
    """Run ``fn(call)`` on a new daemon thread; ``fn`` may report progress with ``call.report``.

    ``slots`` are connected before the thread starts (see :meth:`SerialRunner.submit`).
    """
    call = Call(name).connect(**slots)
    thread = threading.Thread(target=call.execute, args=(lambda: fn(call), stream), name=f"hearth-{name}",
                              daemon=True)
    thread.start()
    return call


class JobWatcher(QObject):
    """Follows a running job (a :class:`core.jobs.JobHandle`) and re-emits its events.

    ``event`` carries each event (the final one too), ``ended`` the final event.
    """

    event = Signal(object)
    ended = Signal(object)

    def __init__(self, handle: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handle = handle
        self.final: Any = None
        self._thread = threading.Thread(target=self._follow, name=f"watch-{handle.id}", daemon=True)

    def start(self) -> JobWatcher:
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self.final is None

    def cancel(self) -> None:
        self.handle.cancel()

    def _follow(self) -> None:
        final = None
        try:
            for final in self.handle.follow():
                self.event.emit(final)
        except RuntimeError:  # the window went away while the job ran: the job's own record still ends it
            self.handle.wait()
        except Exception:  # the runner records how the job ended; say it ended here anyway
            log.exception("following job %s failed", self.handle.id)
        self.final = self.handle.final or final
        with contextlib.suppress(RuntimeError):
            self.ended.emit(self.final)
