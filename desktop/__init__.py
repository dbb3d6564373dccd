"""Hearth's PySide6 desktop shell: pages, dialogs and Qt workers over ``core``.

Nothing imports this package (an import-linter contract); the desktop window
will be opened by ``hearth gui`` once it exists.
"""
