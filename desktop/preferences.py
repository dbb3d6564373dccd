"""The desktop's own settings: where the workspace is, how the engine loads, theme and language.

They live outside the workspace (the workspace location is one of them), in
``desktop.json`` in the user's config folder, or where ``HEARTH_CONFIG`` points.
This module is Qt-free; the Settings page builds its form from the field
metadata, as every config form does.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from core.config import check, from_dict, option, to_dict
from core.errors import ConfigError
from core.inference import LoadOptions
from core.workspace import atomic_write_json

__all__ = ["LANGUAGES", "THEMES", "Preferences", "config_path", "load_preferences", "save_preferences"]

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
LANGUAGES = ("en", "zh_CN")


@dataclass(frozen=True)
class Preferences:
    """What the desktop remembers between sessions."""

    workspace: str = option("", help="the workspace folder (models, datasets, runs, conversations); empty for the "
                            "default location. Takes effect at the next start")
    n_threads: int = option(0, help="CPU threads the chat engine decodes with; 0 picks the number of physical "
                            "cores", min=0, max=512)
    n_gpu_layers: int = option(0, help="model layers the chat engine offloads to the GPU; -1 for all (needs a GPU "
                               "build of the engine)", min=-1, max=1000)
    n_ctx: int = option(4096, help="the chat engine's context size in tokens (prompt and reply together)",
                        min=256, max=1_048_576)
    rules: str = option("", help="a rules file (JSON, as for hearth serve --rules) the chat applies: input rules "
                        "refuse a message, output rules redact or stop a reply; empty for none")
    theme: str = option("system", help="light or dark colours; system follows the desktop", choices=THEMES)
    language: str = option("en", help="the language of the interface (English or Simplified Chinese); takes "
                           "effect at the next start", choices=LANGUAGES)

    def __post_init__(self) -> None:
        check(self)

    def load_options(self) -> LoadOptions:
        """How the chat engine loads a model with these settings."""
        return LoadOptions(n_ctx=self.n_ctx, n_threads=self.n_threads, n_gpu_layers=self.n_gpu_layers)


def config_path() -> Path:
    """``$HEARTH_CONFIG``, else ``desktop.json`` in the platform's user config folder."""
    override = os.environ.get("HEARTH_CONFIG")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path("hearth", appauthor=False) / "desktop.json"


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences; the defaults when there are none or the file cannot be used (logged)."""
    path = path or config_path()
    if not path.is_file():
        return Preferences()
    try:
        return from_dict(Preferences, json.loads(path.read_text(encoding="utf-8")), source=str(path))
    except (OSError, ValueError, ConfigError) as exc:
        log.warning("ignoring the desktop settings in %s: %s", path, exc)
        return Preferences()


def save_preferences(prefs: Preferences, path: Path | None = None) -> Path:
    """Write ``prefs`` atomically; return the file written."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_json(path, to_dict(prefs))
    return path
