"""The jobs this window started: start them through the core runner, watch them, stop them on close."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from core.jobs import JobSpec, start_job
from core.workspace import Workspace
from desktop.workers import JobWatcher

__all__ = ["JobTracker"]


class JobTracker(QObject):
    """Starts core jobs and keeps a watcher for each until it ends.

    ``changed`` carries the number of jobs still running.
    """

    changed = Signal(int)
    started = Signal(object)  # the JobWatcher

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._watchers: list[JobWatcher] = []

    def start(self, spec: JobSpec, *, event: Callable[[Any], None] | None = None,
              ended: Callable[[Any], None] | None = None) -> JobWatcher:
        """Start the job ``spec`` is for and follow it.

        ``event`` and ``ended`` are connected before the watcher starts, so no event is missed.

        Raises:
            JobError: the job could not be started.
        """
        handle = start_job(self.ws, spec)
        watcher = JobWatcher(handle, self)
        watcher.ended.connect(lambda _final, w=watcher: self._ended(w))
        if event is not None:
            watcher.event.connect(event)
        if ended is not None:
            watcher.ended.connect(ended)
        self._watchers.append(watcher)
        self.started.emit(watcher)
        self.changed.emit(len(self.running))
        return watcher.start()

    def _ended(self, watcher: JobWatcher) -> None:
        if watcher in self._watchers:
            self._watchers.remove(watcher)
        self.changed.emit(len(self.running))

    @property
    def running(self) -> list[JobWatcher]:
        return [w for w in self._watchers if w.running]

    def describe(self) -> list[str]:
        """One line per running job: its kind and id."""
        return [f"{w.handle.kind} ({w.handle.id})" for w in self.running]

    def cancel_all(self) -> None:
        """Ask every running job to stop (each keeps what it wrote whole; unfinished files are swept)."""
        for watcher in self.running:
            watcher.cancel()
