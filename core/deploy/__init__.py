"""Deploy: a fine-tuned model handed to a serving engine as a folder that is complete on its own.

:mod:`.source` resolves what to deploy (a run's newest exports, an export, a catalog model) to its files and
its trained prompt format, :mod:`.bundle` builds the folder beside its place and renames it in whole,
:mod:`.run` holds the job and the targets, one module each (:mod:`.llama_server`).

What callers use is importable from here, each name loaded from its module on first use (PEP 562).
"""

from __future__ import annotations

from core.lazy import lazy_getattr

# name -> the module (in this package) that defines it
_NAMES: dict[str, str] = {
    "DeployJob": "run",
    "TARGETS": "run",
    "run_deploy": "run",
    "Deployable": "source",
    "resolve_source": "source",
}

__all__ = sorted(_NAMES)
__getattr__ = lazy_getattr(__name__, _NAMES)
