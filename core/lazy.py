"""Lazy front doors: a package exports what its callers use, each name loaded from its module on first use.

A room's ``__init__`` names its public parts without importing the modules that hold them (some import torch
or the engine), so importing the package costs nothing::

    _NAMES = {"TrainJob": "run", "TrainConfig": "recipe"}
    __all__ = sorted(_NAMES)
    __getattr__ = lazy_getattr(__name__, _NAMES)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) that loads ``name`` from ``package.names[name]``."""

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(importlib.import_module(f"{package}.{names[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
