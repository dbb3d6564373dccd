"""The errors Hearth raises for a person to act on.

Every error carries a message (what went wrong, with the bad value) and a hint
(what to do next). Only the interfaces (CLI, desktop, HTTP) turn them into exit
codes, dialogs or responses.
"""

from __future__ import annotations

import errno
import os
import sys

__all__ = [
    "ConfigError",
    "DataError",
    "EngineCrashed",
    "HearthError",
    "Interrupted",
    "JobError",
    "ModelError",
    "OutOfMemory",
    "UnexpectedError",
    "UnsupportedArchitecture",
    "WorkspaceError",
    "explain",
]


class HearthError(Exception):
    """An error with a message a person can act on, and a hint saying how."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class ConfigError(HearthError):
    """A configuration value is missing, malformed or out of range."""

    exit_code = 2


class DataError(HearthError):
    """A dataset record is unusable; names the file, line and field."""

    def __init__(
        self, message: str, hint: str = "", *, file: str = "", line: int | None = None, field: str = ""
    ) -> None:
        where = ":".join(str(p) for p in (file, line) if p not in ("", None))
        if field:
            where = f"{where} [{field}]" if where else f"[{field}]"
        super().__init__(f"{where}: {message}" if where else message, hint)
        self.file, self.line, self.field = file, line, field


class WorkspaceError(HearthError):
    """The workspace folder or its database cannot be used as it is."""


class JobError(HearthError):
    """A job could not be started, found or followed."""


class ModelError(HearthError):
    """A model file or folder cannot be used: missing, damaged, unsafe or unknown."""


class UnsupportedArchitecture(HearthError):
    """The model's architecture has no converter or recipe in Hearth."""


class OutOfMemory(HearthError):
    """The work needs more memory than the device has free."""


class EngineCrashed(HearthError):
    """The llama.cpp engine process died; the reason says how."""


class Interrupted(HearthError):
    """The person pressed Ctrl+C (or the process was asked to stop) before the work ended."""

    exit_code = 130

    def __init__(self, message: str = "interrupted", hint: str = "") -> None:
        super().__init__(message, hint)


class UnexpectedError(HearthError):
    """A failure Hearth has no message for: a bug to report, with its traceback kept for the report."""


# errno -> (what happened to the file, what to do next). {file} is the path involved, or "a file" when unknown.
_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.EROFS: ("{file} is on a read-only file system",
                  "use a workspace on a writable disk (set HEARTH_HOME, or choose one in the desktop's settings)"),
    errno.ENOSPC: ("the disk holding {file} is full",
                   "free some space (or set HEARTH_HOME to a workspace on a larger disk) and run the command again"),
    errno.EDQUOT: ("the disk quota for {file} is used up",
                   "free some space within your quota, or use a workspace on another disk"),
    errno.ELOOP: ("{file} is a loop of symbolic links",
                  "give the path of the real file, not of a link that points back to itself"),
    errno.EIO: ("reading or writing {file} failed with an input/output error",
                "the disk or its connection may be failing: copy your workspace elsewhere and check the disk"),
    errno.ENOENT: ("{file} does not exist",
                   "check the path; if files were moved or deleted by hand, `hearth doctor --repair` rebuilds the "
                   "lists from what is on disk"),
    errno.EACCES: ("permission denied: {file}",
                   "give yourself access to it (or to its folder), or use another file or workspace"),
    errno.EPERM: ("the operation on {file} is not permitted",
                  "give yourself access to it (or to its folder), or use another file or workspace"),
    errno.ENOTDIR: ("a part of {file} is not a folder", "check the path"),
    errno.EISDIR: ("{file} is a folder, not a file", "give the path of a file inside it"),
    errno.ENAMETOOLONG: ("the path {file} is too long", "use a shorter path"),
    errno.EMFILE: ("too many files are open", "close other programs, or raise the limit (ulimit -n)"),
    errno.ENOMEM: ("the system ran out of memory", "close other programs, or use a smaller model or batch"),
}

# What SQLite says, in part -> (what happened, what to do). The database's own damage is told by the workspace.
_SQLITE_ERRORS: tuple[tuple[str, str, str], ...] = (
    ("disk i/o error", "the workspace database could not be read or written (disk I/O error)",
     "the disk may be full, read-only or failing: check it with `df -h`, free space, and run the command again"),
    ("database or disk is full", "the disk holding the workspace database is full",
     "free some space (or set HEARTH_HOME to a workspace on a larger disk) and run the command again"),
    ("readonly database", "the workspace database is read-only",
     "use a workspace on a writable disk (set HEARTH_HOME), or make hearth.db writable"),
    ("unable to open database", "the workspace database cannot be opened",
     "check that the workspace folder exists and is writable, or set HEARTH_HOME to another folder"),
    ("locked", "the workspace database is locked by another process",
     "close the other Hearth window or command using this workspace, then retry"),
    ("not a database", "the workspace database is damaged",
     "run `hearth doctor --repair` to rebuild it from the files on disk"),
    ("malformed", "the workspace database is damaged",
     "run `hearth doctor --repair` to rebuild it from the files on disk"),
)


def explain(exc: BaseException) -> HearthError:
    """Any failure as a :class:`HearthError` a person can act on: Hearth's own as they are; the system's
    (files, disks, text encodings, memory, Ctrl+C, the database) as a message naming what was involved and a
    hint; anything else as an :class:`UnexpectedError` asking for a bug report.
    """
    if isinstance(exc, HearthError):
        return exc
    if isinstance(exc, KeyboardInterrupt):
        return Interrupted()
    if isinstance(exc, MemoryError):
        return OutOfMemory("the work ran out of memory", "close other programs, or use a smaller model or batch")
    if isinstance(exc, OSError):
        return _explain_os(exc)
    if isinstance(exc, UnicodeError):
        return _explain_unicode(exc)
    sqlite3 = sys.modules.get("sqlite3")  # not imported: the failure cannot be one of its errors
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        for part, message, hint in _SQLITE_ERRORS:
            if part in text:
                return WorkspaceError(f"{message} ({exc})", hint)
    return UnexpectedError(f"unexpected error: {type(exc).__name__}: {exc}",
                           "this is a bug in Hearth: please report it with its traceback")


def _explain_os(exc: OSError) -> HearthError:
    files = [os.fsdecode(f) for f in (exc.filename, exc.filename2) if f is not None]
    file = " -> ".join(files) if files else "a file"
    known = _OS_ERRORS.get(exc.errno or 0)
    if known is None:
        reason = exc.strerror or str(exc) or type(exc).__name__
        return WorkspaceError(f"{reason}: {file}" if files else reason,
                              "check the file and the disk, then run the command again")
    message, hint = known
    return WorkspaceError(message.format(file=file), hint)


def _explain_unicode(exc: UnicodeError) -> HearthError:
    if isinstance(exc, UnicodeDecodeError):
        return DataError(f"the text is not valid {exc.encoding} (byte {exc.object[exc.start:exc.start + 1]!r} at "
                         f"offset {exc.start})",
                         "save the file (or set the terminal) as UTF-8, e.g. `iconv -f GBK -t UTF-8`")
    if isinstance(exc, UnicodeEncodeError):
        bad = exc.object[exc.start:exc.end]
        return DataError(f"the text holds characters that cannot be written as {exc.encoding}: {bad!r}",
                         "remove them (a lone surrogate such as \\ud800 is not a character), or use UTF-8")
    return DataError(f"the text cannot be read: {exc}", "use UTF-8 text")
