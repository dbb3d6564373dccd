"""Hearth's PySide6 desktop shell: pages, dialogs and Qt workers over ``core``.

Nothing imports this package but ``hearth gui`` (an import-linter contract).
Start it with :func:`desktop.app.main`.
"""

from desktop import _pyside_fix

_pyside_fix.apply()
