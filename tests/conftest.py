"""Every test runs against its own empty workspace (HEARTH_HOME in a temp folder)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(autouse=True)
def hearth_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("hearth-home")
    monkeypatch.setenv("HEARTH_HOME", str(home))
    return home


@pytest.fixture
def workspace(hearth_home: Path):
    from core.workspace import Workspace

    return Workspace(hearth_home)


def hearth_command(*args: str) -> list[str]:
    """The command line that runs ``hearth ARGS`` with this interpreter."""
    return [sys.executable, "-m", "core.cli", *args]


def load_script(relative: str):
    """Import a stand-alone script of the repository (packaging/, benchmarks/) as a module."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
