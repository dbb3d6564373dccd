"""A workaround for PySide6 6.12 on Python before 3.12: calls that return ``None`` or ``True`` drop a reference.

Python 3.12 made ``None``, ``True`` and ``False`` immortal. PySide6 6.12.0
returns them without taking a reference (a ``void`` method returns ``None``,
``Signal.emit`` returns ``True``), which is harmless there; on Python 3.10 and
3.11 each such call drops one reference for good. pyqtgraph calls dozens per
redraw and the window some per streamed token, so the count reaches zero within
minutes and Python aborts ("none_dealloc: deallocating None", "bool_dealloc"),
at the latest when it exits.

:func:`apply` measures whether this PySide has the bug and, only then, raises
the three singletons' reference counts by 2**40: as good as immortal for any
session. Nothing else changes; the singletons are never freed either way.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

__all__ = ["apply", "drops_references"]

_PROBES = 16
_TOP_UP = 1 << 40
_SINGLETONS = (None, True, False)
_applied = False


class _Probe(QObject):
    fired = Signal()


def drops_references() -> bool:
    """Whether calls into PySide lose references to ``None`` or ``True`` (the bug)."""
    probe = _Probe()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()  # returns True
        probe.blockSignals(False)  # a void method: returns None
    lost = before[0] - sys.getrefcount(None), before[1] - sys.getrefcount(True)
    return max(lost) >= _PROBES // 2


def _add_references(obj: object, n: int) -> None:
    # ob_refcnt is the first field of every object in the (non-debug) CPython ABI before 3.12.
    ctypes.c_ssize_t.from_address(id(obj)).value += n


def apply() -> bool:
    """Make None, True and False as good as immortal when this PySide needs it; return whether it did."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or not drops_references():
        return False
    for obj in _SINGLETONS:
        _add_references(obj, _TOP_UP)
    _applied = True
    return True
