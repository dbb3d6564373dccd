"""The errors Hearth raises for a person to act on.

Every error carries a message (what went wrong, with the bad value) and a hint
(what to do next). Only the interfaces (CLI, desktop, HTTP) turn them into exit
codes, dialogs or responses.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DataError",
    "EngineCrashed",
    "HearthError",
    "JobError",
    "ModelError",
    "OutOfMemory",
    "UnsupportedArchitecture",
    "WorkspaceError",
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
