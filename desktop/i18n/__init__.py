"""The interface's translations: ``hearth_<language>.ts`` (edited) compiled to ``.qm`` (loaded).

Update the sources after changing interface text with::

    .venv/bin/python -m desktop.i18n.strings        # form labels and help; core's messages (context "core")
    .venv/bin/pyside6-lupdate -no-obsolete $(find desktop -name '*.py') -ts desktop/i18n/hearth_zh_CN.ts

then translate the new entries (Qt Linguist, ``pyside6-linguist``; a core message keeps its ``{0}``,
``{1}``... placeholders: :mod:`desktop.i18n.core_messages` fills them) and compile
with ``pyside6-lrelease`` (or let :func:`compiled` do it when the ``.qm`` is
missing or older than the ``.ts``).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

__all__ = ["FOLDER", "compiled", "install_translator"]

log = logging.getLogger(__name__)
FOLDER = Path(__file__).resolve().parent


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def compiled(language: str) -> Path | None:
    """The ``.qm`` of ``language``, compiled from its ``.ts`` first when missing or stale; None if there is none."""
    ts, qm = FOLDER / f"hearth_{language}.ts", FOLDER / f"hearth_{language}.qm"
    stale = ts.is_file() and (not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime)
    tool = _lrelease() if stale else None
    if tool:
        try:
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("could not compile %s: %s", ts.name, exc)
    return qm if qm.is_file() else None


def install_translator(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Hearth's and Qt's own translations for ``language`` ("en" needs none); return them (keep them alive)."""
    if language == "en":
        return []
    installed = []
    qm = compiled(language)
    hearth = QTranslator(app)
    if qm is not None and hearth.load(str(qm)):
        app.installTranslator(hearth)
        installed.append(hearth)
    else:
        log.warning("no interface translation for %s", language)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
