"""Render an HTML file to a PNG the way a browser shows it, without a screen (for the README's report screenshot).

    python docs/tools/html_screenshot.py REPORT.html OUT.png [--width 1100] [--height 2600]

Needs QtWebEngine (``pip install PySide6-Addons`` of the PySide6 version in use), which Hearth itself does not
depend on: run it from a separate environment. Offscreen (``QT_QPA_PLATFORM=offscreen``) Chromium falls back to
software rendering; ``--no-sandbox`` is passed because the development machines run as root.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html")
    parser.add_argument("png")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=2600)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    from PySide6.QtCore import QSize, QTimer, QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    view = QWebEngineView()
    view.resize(QSize(args.width, args.height))
    outcome = {"ok": False}

    def loaded(ok: bool) -> None:
        def shoot() -> None:
            outcome["ok"] = ok and view.grab().save(args.png)
            app.quit()

        QTimer.singleShot(1500, shoot)  # let the page lay out and paint

    view.loadFinished.connect(loaded)
    view.load(QUrl.fromLocalFile(os.path.abspath(args.html)))
    view.show()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    print(f"wrote {args.png}" if outcome["ok"] else f"could not render {args.html}")
    return 0 if outcome["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
