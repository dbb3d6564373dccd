"""``python -m desktop``: open Hearth's window (as ``hearth gui`` does)."""

from desktop.app import main

raise SystemExit(main())
