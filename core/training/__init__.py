"""Training: a run as a job, its recipes, presets and memory pre-flight.

- :mod:`.run`: the training job (:class:`TrainJob`), start or resume; :mod:`.store` the runs table.
- :mod:`.recipe`: the training loop and its settings (:class:`TrainConfig`); :mod:`.base` the model it trains.
- :mod:`.presets`: named starting points, and where a run trains (cpu, cuda, auto).
- :mod:`.memory`, :mod:`.check`, :mod:`.footprint`: will it fit, and can its result be exported.

What callers use is importable from here; each name is loaded from its module on first use (PEP 562), so
importing this package costs nothing and the modules that import torch are loaded only when asked for.
"""

from __future__ import annotations

from core.lazy import lazy_getattr

# name -> the module (in this package) that defines it
_NAMES: dict[str, str] = {
    "TrainJob": "run",
    "run_training": "run",
    "RunRecord": "store",
    "get_run": "store",
    "list_runs": "store",
    "TrainConfig": "recipe",
    "PRESETS": "presets",
    "default_lr": "presets",
    "resolve": "presets",
    "resolve_device": "presets",
    "TrainChecks": "check",
    "apply_suggestion": "check",
    "train_checks": "check",
    "MemoryVerdict": "memory",
}

__all__ = sorted(_NAMES)
__getattr__ = lazy_getattr(__name__, _NAMES)
