"""The llama.cpp library, loaded with the CPU kernels that suit the CPU it runs on.

An engine built for one machine (``packaging/setup.sh``) has its CPU backend
linked in, compiled for that machine's instruction sets. The portable engine
(``packaging/engine_flags.py --portable``, for the offline bundle) carries the
CPU backend as one library per instruction-set level instead
(``libggml-cpu-haswell.so``, ``-skylakex``, ``-zen4``, ...), so one build runs
on every x86-64 CPU with the best kernels each has. llama.cpp looks for those
libraries beside the executable (Python's ``bin/``) and in the current folder,
where they are not; so :func:`load_llama_cpp` picks and registers the variant
itself, as llama.cpp would: each variant's own ``ggml_backend_score()`` says
whether this CPU can run it (0: it cannot) and how good a match it is. The AMX
variant is never loaded: llama.cpp's AMX kernels crash on the VMs Hearth is
built on (``packaging/engine_flags.py`` says more).
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from core.errors import HearthError

__all__ = ["backends", "choose_variant", "cpu_variant", "load_llama_cpp", "variant_name"]

log = logging.getLogger(__name__)

# ggml's name for the variant with AMX kernels.
NEVER_LOADED = ("sapphirerapids",)
_PREFIX = "libggml-cpu-"
_state: dict[str, Any] = {}


def variant_name(path: Path) -> str:
    """``libggml-cpu-haswell.so`` -> ``haswell``."""
    return path.name[len(_PREFIX):].split(".so")[0]


def choose_variant(scores: Mapping[str, int]) -> str | None:
    """The variant to load: the highest score among those this CPU runs (score > 0), AMX left out."""
    usable = {name: score for name, score in scores.items() if score > 0 and name not in NEVER_LOADED}
    return max(usable, key=lambda name: (usable[name], name)) if usable else None


def _score(path: Path) -> int:
    # Loading a variant runs no kernel: its score function only asks the CPU (cpuid) what it has.
    try:
        function = getattr(ctypes.CDLL(str(path)), "ggml_backend_score", None)
    except OSError as exc:  # damaged, or a library it needs is missing: not a candidate
        log.warning("the engine's CPU kernels %s do not load: %s", path.name, exc)
        return 0
    return int(function()) if function is not None else 0


def _loaded_ggml(lib_dir: Path) -> ctypes.CDLL:
    """The ggml library llama.cpp itself uses, by its soname (``libggml.so.0``).

    A wheel holds its libraries as copies, not links: ``libggml.so`` and ``libggml.so.0`` are two
    files, and loading the first by path would give a second ggml with a registry of its own.
    """
    sonames = sorted(p.name for p in lib_dir.glob("libggml.so.*") if re.fullmatch(r"libggml\.so\.\d+", p.name))
    for soname in sonames:
        try:
            return ctypes.CDLL(soname, mode=os.RTLD_NOLOAD | os.RTLD_GLOBAL)
        except OSError:
            continue
    # Loading another copy by path would register the kernels where llama.cpp never looks.
    raise HearthError(f"the engine's ggml library is not loaded from {lib_dir} ({', '.join(sonames) or 'none'})",
                      "reinstall Hearth; the engine's files do not match")


def _register(lib_dir: Path) -> str:
    variants = {variant_name(p): p for p in sorted(lib_dir.glob(f"{_PREFIX}*.so"))}
    if not variants:
        return "built in"
    best = choose_variant({name: _score(path) for name, path in variants.items() if name not in NEVER_LOADED})
    if best is None:
        raise HearthError(f"none of the engine's CPU kernels ({', '.join(variants)}) runs on this CPU",
                          "this engine needs an x86-64 CPU; run hearth doctor to see what this one has")
    ggml = _loaded_ggml(lib_dir)
    ggml.ggml_backend_load.restype = ctypes.c_void_p
    ggml.ggml_backend_load.argtypes = [ctypes.c_char_p]
    if not ggml.ggml_backend_load(str(variants[best]).encode()):
        raise HearthError(f"llama.cpp could not load its CPU kernels {variants[best].name}",
                          "reinstall Hearth; the engine's files are damaged")
    # The other backends of a portable build (CUDA, ...) are modules too; one that cannot load
    # (no driver) is left out, and why is kept for hearth doctor.
    for module in sorted(lib_dir.glob("libggml-*.so")):
        if not module.name.startswith((_PREFIX, "libggml-base")):
            name = module.name.removeprefix("libggml-").removesuffix(".so")
            registry = ggml.ggml_backend_load(str(module).encode())
            _state.setdefault("backends", {})[name] = _devices(ggml, registry) if registry else _why_not(module)
    log.info("llama.cpp CPU kernels: %s", best)
    return best


def _devices(ggml: ctypes.CDLL, registry: int) -> str:
    """A loaded backend and the devices it found (none: no GPU, or a driver too old for the module)."""
    ggml.ggml_backend_reg_dev_count.restype = ctypes.c_size_t
    ggml.ggml_backend_reg_dev_count.argtypes = [ctypes.c_void_p]
    count = int(ggml.ggml_backend_reg_dev_count(registry))
    return f"loaded, {count} device(s)" if count else "loaded, no device found (no GPU, or its driver is too old)"


def _why_not(module: Path) -> str:
    """Why a backend module did not load: usually a library it needs (the GPU driver's) is missing."""
    try:
        ctypes.CDLL(str(module))
    except OSError as exc:
        return f"not loaded: {str(exc).split(': ', 1)[-1]}"
    return "not loaded: it found no device"


def load_llama_cpp() -> ModuleType:
    """``llama_cpp``, with the best CPU kernels of a portable engine registered (once per process)."""
    import llama_cpp

    if "variant" not in _state:
        _state["variant"] = _register(Path(llama_cpp.__file__).parent / "lib")
    return llama_cpp


def backends() -> dict[str, str]:
    """The portable engine's other backends (``cuda``, ...) and whether each loaded, or why not."""
    load_llama_cpp()
    return dict(_state.get("backends", {}))


def cpu_variant() -> str:
    """The CPU kernels the engine runs: a portable build's variant (e.g. ``haswell``), or ``built in``."""
    load_llama_cpp()
    return _state["variant"]
