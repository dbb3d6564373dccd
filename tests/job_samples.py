"""Jobs for the runner tests. Each misbehaves in one way a real job might."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import time
from pathlib import Path

from core.errors import ConfigError
from core.jobs import Artifact, Metric, Progress
from core.workspace import atomic_write, atomic_write_text

log = logging.getLogger("tests.job_samples")


def artifact_path(control) -> Path:
    # Outside the job folder, as a real export would write into exports/.
    return Path(os.environ["HEARTH_HOME"]) / "exports" / "model.bin"


def succeed(config, control):
    log.info("starting with %s", config)
    if "note" in config:
        log.info("note: %s", config["note"])
    for step in range(1, config["steps"] + 1):
        yield Progress(step, config["steps"])
        yield Metric("loss", 1.0 / step, step=step)
    atomic_write_text(artifact_path(control), "good model v2\n")
    yield Artifact(str(artifact_path(control)), "model")
    return {"steps": config["steps"]}


def raise_plain(config, control):
    yield Progress(1, 2)
    raise ValueError("the data ran out at record 7")


def raise_hearth(config, control):
    yield Progress(1, 2)
    raise ConfigError("lr is -1.0; it must be at least 0", "give a positive learning rate")


def _half_written(control):
    # Start replacing the artifact, then die in the middle of writing it.
    writer = atomic_write(artifact_path(control), "wb")
    handle = writer.__enter__()
    handle.write(b"half of a new mod")
    handle.flush()
    return writer


def exit_midway(config, control):
    yield Progress(1, 2, "writing")
    _half_written(control)
    print("about to leave without a word", flush=True)
    os._exit(config.get("code", 3))


def wait_for_kill(config, control):
    writer = _half_written(control)  # kept referenced: dropping it would clean up
    yield Progress(1, 2, "writing")
    time.sleep(120)
    writer.__exit__(None, None, None)


def segfault(config, control):
    yield Progress(1, 2)
    ctypes.string_at(0)


def cooperative(config, control):
    step = 0
    while True:
        control.check()
        step += 1
        yield Progress(step, 0)
        time.sleep(0.02)


def ignore_cancel(config, control):
    if config.get("ignore_sigterm"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    writer = _half_written(control)
    yield Progress(1, 0, "busy")
    time.sleep(120)
    writer.__exit__(None, None, None)


def report_workspace(config, control):
    yield Progress(1, 1)
    return {"workspace": str(control.ws.root), "jobs": str(control.ws.folder("jobs"))}
