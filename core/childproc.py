"""Helpers shared by Hearth's child processes (jobs, the chat engine)."""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
from pathlib import Path

__all__ = ["output_tail", "redirect_output", "signal_name"]


def redirect_output(path: Path | str) -> None:
    """Send this process's stdout and stderr to ``path`` (appending), at the descriptor level.

    Native code (llama.cpp, CUDA) and a dying interpreter write there too, so
    the parent can show the tail of it when the child crashes; faulthandler
    adds the Python stack on a fatal signal.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    for stream, target in ((sys.stdout, 1), (sys.stderr, 2)):
        stream.flush()
        os.dup2(fd, target)
    os.close(fd)
    sys.stdout = open(1, "w", buffering=1, closefd=False, encoding="utf-8", errors="replace")  # noqa: SIM115
    sys.stderr = open(2, "w", buffering=1, closefd=False, encoding="utf-8", errors="replace")  # noqa: SIM115
    faulthandler.enable()


def signal_name(exit_code: int) -> str:
    """``SIGKILL`` for a multiprocessing exit code of -9, and so on."""
    try:
        return signal.Signals(-exit_code).name
    except ValueError:
        return f"signal {-exit_code}"


def output_tail(path: Path | str, limit: int = 4000) -> str:
    """The last ``limit`` bytes of a child's output file (it may be large: only the end is read)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - limit))
            return handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
