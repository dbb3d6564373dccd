"""Run a job in a spawned child process and record what the parent sees.

A job is a plain function ``run(config, control) -> Iterator[Event]``; its config is a
:class:`JobSpec`, a dataclass that names its kind and its function once (``KIND``,
``TARGET``), so ``start_job(ws, spec)`` is all a caller writes. The runner
starts it in a child (multiprocessing "spawn"), whose events reach the parent
through a queue. A pump thread in the parent appends each to the job's
``events.jsonl`` and keeps the database record current, so a job can be followed
live (:meth:`JobHandle.follow`) or replayed later from the file.

The parent, not the child, decides how a job ended: a child that exits without
a final event is a crash, reported with its exit code (or signal) and the tail
of its output. Only a child whose parent was killed records its own events and
end (it notices its parent is gone at its next event). Cancel is cooperative
first (``control.cancelled``), then SIGTERM, then SIGKILL. After the child is
gone, temporary files of interrupted atomic writes it left are swept from the
workspace.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import multiprocessing as mp
import os
import queue as queue_mod
import secrets
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

from core.childproc import output_tail, redirect_output, signal_name
from core.config import to_dict
from core.errors import HearthError, JobError, UnexpectedError, explain
from core.jobs.events import FINAL_EVENTS, Cancelled, Done, Event, Failed, Log, event_from_dict, event_line
from core.jobs.store import EVENTS_FILE, insert_job, mark_cancelling, process_start_ticks, update_job
from core.workspace import Workspace, atomic_write_json, atomic_write_text, remove_stale_temps, utc_now

__all__ = ["Control", "JobCancelled", "JobHandle", "JobSpec", "new_id", "request_cancel", "start_function", "start_job"]

log = logging.getLogger(__name__)
OUTPUT_FILE = "output.log"


CANCEL_FILE = "cancel"


class JobSpec(Protocol):
    """A job's settings that also say which job they are for: the record's kind and the function that runs it.

    ``TARGET`` is the function's "module:function" name: the child process imports it by that name, and the
    caller (a front end) does not import the module, which may import torch.
    """

    KIND: ClassVar[str]
    TARGET: ClassVar[str]


@dataclass
class Control:
    """What a running job gets besides its config: its id, its folder, its workspace and the cancel flag."""

    job_id: str
    folder: Path
    ws: Workspace
    _cancel: Any  # a multiprocessing Event

    @property
    def cancelled(self) -> bool:
        """True once cancel was asked for: by the parent, or (read here too, for a job whose parent is gone) by
        the ``cancel`` file another process writes into the job's folder."""
        if not self._cancel.is_set() and (self.folder / CANCEL_FILE).exists():
            self._cancel.set()
        return self._cancel.is_set()

    def check(self) -> None:
        """Call between steps: raises :class:`JobCancelled` once cancel was asked for.

        A job that returns normally is done, even if a cancel arrived at the
        last moment; one that stops early says so by letting this raise.
        """
        if self.cancelled:
            raise JobCancelled()


class JobCancelled(Exception):
    """Raised by :meth:`Control.check` to end a job that was asked to stop."""


def request_cancel(folder: Path) -> None:
    """Ask the job in ``folder`` to stop, from any process (``hearth jobs cancel``).

    The parent that runs the job sees the file and cancels as :meth:`JobHandle.cancel` does.
    """
    atomic_write_text(folder / CANCEL_FILE, utc_now() + "\n")


def _target_name(target: Callable | str) -> str:
    if isinstance(target, str):
        return target
    qualname = getattr(target, "__qualname__", "")
    if "<" in qualname or not getattr(target, "__module__", None):
        raise JobError(f"job function {target!r} cannot be found by name in a child process",
                       "define the job as a module-level function")
    return f"{target.__module__}:{qualname}"


def _resolve(name: str) -> Callable:
    module, _, qualname = name.partition(":")
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


class _QueueLogHandler(logging.Handler):
    def __init__(self, emit: Callable[[Event], None]) -> None:
        super().__init__(logging.INFO)
        self._emit = emit

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # a log record must never take the job down
            self._emit(Log(record.getMessage(), record.levelname, record.name))


class _Outlet:
    """Where the child's events go: to the parent through the queue while the parent lives; appended to the job's
    events.jsonl by the child itself once the parent is gone (killed with SIGKILL, say), so a job that goes on
    alone keeps its record."""

    def __init__(self, events: Any, folder: Path) -> None:
        self.events, self.path = events, folder / EVENTS_FILE
        self.parent = os.getppid()
        self.orphaned = False

    def emit(self, event: Event) -> None:
        if not self.orphaned and os.getppid() != self.parent:
            self.orphaned = True
            self.events.cancel_join_thread()  # nobody reads the pipe any more: never wait on it
            self._append(Log("the process that started this job ended; the job goes on and records itself",
                             "WARNING", __name__))
        if self.orphaned:
            self._append(event)
        else:
            self.events.put(event_line(event))

    def _append(self, event: Event) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(event_line(event))


def _child_main(target: str, config: Any, job_id: str, folder: str, workspace: str, events: Any,
                cancel: Any) -> None:
    """The child process: run the job and send every event to the parent."""
    # Ctrl+C in a terminal reaches the whole process group; the parent turns it
    # into a cooperative cancel, so the job must not die of it first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    redirect_output(Path(folder) / OUTPUT_FILE)
    outlet = _Outlet(events, Path(folder))
    emit = outlet.emit

    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(_QueueLogHandler(emit))
    final: Event | None = None
    try:
        # Inside the try: a workspace that cannot be opened (locked, read-only) is a failure with its message.
        control = Control(job_id, Path(folder), Workspace(Path(workspace)), cancel)
        fn = _resolve(target)
        gen = fn(config, control)
        while True:
            try:
                event = next(gen)
            except StopIteration as stop:
                final = Done(stop.value if isinstance(stop.value, dict) else {})
                break
            if isinstance(event, FINAL_EVENTS):
                raise TypeError(f"a job must not yield {type(event).__name__}; return its result instead")
            emit(event)
    except JobCancelled:
        final = Cancelled("cooperative")
    except BaseException as exc:
        if cancel.is_set() and isinstance(exc, (KeyboardInterrupt, SystemExit)):
            final = Cancelled("cooperative")
        else:
            error = explain(exc)  # the system's failures (disk full, read-only, bad text) with their hint
            if isinstance(error, UnexpectedError):  # no message of ours: the exception's own, its traceback beside
                error = HearthError(f"{type(exc).__name__}: {exc}")
            final = Failed(error.message, error.hint, type(exc).__name__, traceback.format_exc())
    finally:
        if final is not None:
            emit(final)
            if outlet.orphaned:  # no parent to write how it ended
                _record_own_end(Path(workspace), job_id, final)
        events.close()
        _flush(events, outlet)  # everything sent reaches the pipe before the exit, unless nobody reads it any more


def _flush(events: Any, outlet: _Outlet) -> None:
    """Wait for the queue to hand its last events to the pipe; stop waiting if the parent dies meanwhile (a full
    pipe that nobody reads would block the exit forever)."""
    if outlet.orphaned:
        return
    joiner = threading.Thread(target=events.join_thread, daemon=True)
    joiner.start()
    while joiner.is_alive():
        joiner.join(0.5)
        if os.getppid() != outlet.parent:
            events.cancel_join_thread()
            return


def _record_own_end(workspace: Path, job_id: str, final: Event) -> None:
    state = {Done: "done", Failed: "failed", Cancelled: "cancelled"}[type(final)]
    with contextlib.suppress(Exception):  # the events file has it all the same
        update_job(Workspace(workspace), job_id, state=state, ended_at=utc_now(),
                   exit_code=0 if state == "done" else None, message=getattr(final, "message", None))


def new_id(kind: str) -> str:
    """A new, sortable id: ``<kind>-<date>-<time>-<4 hex digits>`` (jobs, training runs)."""
    return f"{kind}-{datetime.now().strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2)}"


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "the job process vanished"
    if code < 0:
        return f"the job process was ended by {signal_name(code)} (exit code {code})"
    return f"the job process exited with code {code} without finishing the job"


class JobHandle:
    """A running (or finished) job as the parent sees it.

    Use :meth:`follow` to iterate over its events as they arrive, :meth:`wait`
    to block until it ends, :meth:`cancel` to stop it. The final event is
    decided here from what the parent observed.
    """

    def __init__(self, ws: Workspace, job_id: str, kind: str, folder: Path, grace: float) -> None:
        self.ws, self.id, self.kind, self.folder, self.grace = ws, job_id, kind, folder, grace
        self.events_path = folder / EVENTS_FILE
        self._events: list[Event] = []
        self._changed = threading.Condition()
        self._final: Event | None = None
        self._cancel_at: float | None = None
        self._cancel_how = "cooperative"
        self._process: Any = None
        self._queue: Any = None
        self._cancel_flag: Any = None
        self._pump: threading.Thread | None = None
        self._finished = False  # set, under _changed, once the record is written

    # -- starting ---------------------------------------------------------
    def _start(self, target: str, config: Any) -> None:
        ctx = mp.get_context("spawn")
        self._queue = ctx.Queue()
        self._cancel_flag = ctx.Event()
        self._process = ctx.Process(
            target=_child_main,
            args=(target, config, self.id, str(self.folder), str(self.ws.root), self._queue, self._cancel_flag),
            name=f"hearth-job-{self.id}",
            daemon=False,
        )
        self._process.start()
        update_job(self.ws, self.id, state="running", pid=self._process.pid, started_at=utc_now(),
                   pid_started=process_start_ticks(self._process.pid))
        self._pump = threading.Thread(target=self._pump_events, name=f"pump-{self.id}", daemon=True)
        self._pump.start()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    # -- the pump ---------------------------------------------------------
    def _record(self, event: Event, line: str | None = None) -> None:
        with self.events_path.open("a", encoding="utf-8") as handle:
            handle.write(line or event_line(event))
        with self._changed:
            self._events.append(event)
            if isinstance(event, FINAL_EVENTS):
                self._final = event
            self._changed.notify_all()

    def _receive(self, timeout: float) -> bool:
        try:
            line = self._queue.get(timeout=timeout)
        except queue_mod.Empty:
            return False
        except (EOFError, OSError):  # the pipe broke with the child
            return False
        try:
            event = event_from_dict(json.loads(line))
        except ValueError:
            log.warning("job %s sent an unreadable event: %r", self.id, line[:200])
            return True
        if self._final is None:  # nothing after a final event counts
            self._record(event, line)
        return True

    def _pump_events(self) -> None:
        try:
            while self._process.is_alive():
                self._receive(0.1)
                if self._cancel_at is None and (self.folder / CANCEL_FILE).exists():
                    self.cancel()
                self._escalate_cancel()
            while self._receive(0.3):  # what the child sent before it exited
                pass
            self._process.join()
            self._finish(self._process.exitcode)
        except Exception as exc:  # a full disk, a locked database: never leave the child unsupervised
            self._pump_failed(exc)
        finally:
            with self._changed:
                self._finished = True
                self._changed.notify_all()

    def _pump_failed(self, exc: Exception) -> None:
        log.exception("job %s: the runner failed; stopping the job", self.id)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        failed = Failed(f"the job runner failed: {type(exc).__name__}: {exc}",
                        "check free disk space and the workspace database, then retry the job",
                        type(exc).__name__, exit_code=self._process.exitcode)
        with self._changed:
            if self._final is None:
                self._final = failed
                self._events.append(failed)
        with contextlib.suppress(Exception):
            update_job(self.ws, self.id, state="failed", ended_at=utc_now(), exit_code=self._process.exitcode,
                       message=failed.message)

    def _escalate_cancel(self) -> None:
        if self._cancel_at is None or not self._process.is_alive():
            return
        waited = time.monotonic() - self._cancel_at
        if waited > 2 * self.grace and self._cancel_how != "killed":
            log.warning("job %s ignored SIGTERM; sending SIGKILL", self.id)
            self._cancel_how = "killed"
            self._process.kill()
        elif waited > self.grace and self._cancel_how == "cooperative":
            log.warning("job %s did not stop within %.1fs; sending SIGTERM", self.id, self.grace)
            self._cancel_how = "terminated"
            self._process.terminate()

    def _finish(self, exit_code: int | None) -> None:
        if self._final is None:  # the child died before saying how it ended
            if self._cancel_at is not None:
                self._record(Cancelled(self._cancel_how))
            else:
                self._record(Failed(_describe_exit(exit_code), "see the job's output.log; retry the job",
                                    crashed=True, exit_code=exit_code,
                                    log_tail=output_tail(self.folder / OUTPUT_FILE)))
        final = self._final
        with self.events_path.open("a") as handle:
            os.fsync(handle.fileno())
        swept = remove_stale_temps(self.ws.root, self._process.pid)
        if swept:
            log.info("job %s: removed %d unfinished file(s) it left", self.id, len(swept))
        state = {Done: "done", Failed: "crashed" if getattr(final, "crashed", False) else "failed",
                 Cancelled: "cancelled"}[type(final)]
        message = getattr(final, "message", None) or (f"cancelled ({final.how})" if state == "cancelled" else None)
        self._queue.close()
        update_job(self.ws, self.id, state=state, ended_at=utc_now(), exit_code=exit_code, message=message)

    # -- following --------------------------------------------------------
    @property
    def final(self) -> Event | None:
        """The final event (Done, Failed or Cancelled) once the job has ended."""
        return self._final

    @property
    def ended(self) -> bool:
        """True once the job has ended and its record is written."""
        return self._finished

    def follow(self, timeout: float | None = None) -> Iterator[Event]:
        """Every event from the start, then live until the final one.

        Raises:
            TimeoutError: no new event within ``timeout`` seconds.
        """
        index = 0
        while True:
            with self._changed:
                while index >= len(self._events) and not self._finished:
                    if not self._changed.wait(timeout) and timeout is not None:
                        raise TimeoutError(f"job {self.id}: no event for {timeout}s")
                batch = self._events[index:]
                done = self._finished and index + len(batch) >= len(self._events)
            index += len(batch)
            yield from batch
            if done:
                return

    def wait(self, timeout: float | None = None) -> Event:
        """Block until the job has ended and its record is written; return the final event.

        Raises:
            TimeoutError: the job is still running after ``timeout`` seconds.
        """
        assert self._pump is not None
        self._pump.join(timeout)
        if self._pump.is_alive():
            raise TimeoutError(f"job {self.id} still running after {timeout}s")
        assert self._final is not None
        return self._final

    def cancel(self) -> None:
        """Ask the job to stop; escalate to SIGTERM, then SIGKILL, after ``grace`` seconds each."""
        if self._cancel_at is None and not self.ended:
            self._cancel_at = time.monotonic()
            self._cancel_flag.set()
            mark_cancelling(self.ws, self.id)


def start_job(ws: Workspace, spec: JobSpec, *, grace: float = 10.0) -> JobHandle:
    """Start the job ``spec`` is for (its ``TARGET``, recorded as its ``KIND``) in a child process.

    Raises:
        JobError: ``spec`` does not say which job it is for, or the job could not be started.
    """
    kind, target = getattr(type(spec), "KIND", None), getattr(type(spec), "TARGET", None)
    if not (isinstance(kind, str) and isinstance(target, str)):
        raise JobError(f"{type(spec).__name__} does not name its job (KIND and TARGET)",
                       "give the settings class KIND and TARGET class variables, or use start_function")
    return start_function(ws, kind, target, spec, grace=grace)


def start_function(
    ws: Workspace,
    kind: str,
    target: Callable | str,
    config: Any = None,
    *,
    grace: float = 10.0,
) -> JobHandle:
    """Start ``target(config, control)`` as a job in a child process (any function; Hearth's own jobs use
    :func:`start_job`).

    Args:
        ws: the workspace; the job gets a folder under ``jobs/`` and a record.
        kind: a short name for what the job does ("train", "export", ...).
        target: a module-level generator function, or its "module:function" name.
        config: a picklable config (a frozen dataclass or a dict); saved as
            ``config.json`` in the job's folder.
        grace: seconds to wait after a cancel before SIGTERM, and again before SIGKILL.

    Raises:
        JobError: the target cannot be named for the child process.
    """
    name = _target_name(target)
    job_id = new_id(kind)
    folder = ws.folder("jobs") / job_id
    folder.mkdir(parents=True)
    saved = to_dict(config) if is_dataclass(config) else config
    atomic_write_json(folder / "config.json", {"kind": kind, "target": name, "config": saved})
    insert_job(ws, job_id, kind, folder)
    handle = JobHandle(ws, job_id, kind, folder, grace)
    try:
        handle._start(name, config)
    except Exception as exc:
        update_job(ws, job_id, state="failed", ended_at=utc_now(), message=f"could not start: {exc}")
        raise JobError(f"could not start job {job_id}: {exc}", "check that the config can be pickled") from exc
    return handle
