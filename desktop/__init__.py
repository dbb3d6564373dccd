"""Hearth's PySide6 desktop shell: pages, dialogs and Qt workers over ``core``.

Nothing imports this package; ``hearth gui`` loads it on demand.
"""
