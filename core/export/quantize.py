"""Quantising a GGUF with llama.cpp's own quantiser (through llama-cpp-python).

The quantiser reads an F32 or F16 GGUF and writes the chosen type: Q4_K_M by
default (the size and quality most people want for chat), Q4_0, Q5_K_M, Q6_K,
Q8_0, or F16. It copies every metadata key of the input (chat template, stop
tokens, Hearth's own keys) and sets ``general.file_type``. K-quants pack rows
of 256 values; llama.cpp quantises a tensor whose rows are not a multiple of
that to a fallback type and says so, which is reported here as a warning.

The quantiser is one native call that cannot be interrupted: it runs in a
thread of the job's child process while :func:`quantize_steps` reports the
output's growth and watches for a cancel. A cancel ends the job, and with it
the child; the output is written under a temporary name and renamed into place
only when complete, so nothing half written is ever left under the real name.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import threading
import time
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import ConfigError, ModelError
from core.inference.native import load_llama_cpp
from core.inference.scoring import capture_native_log, native_errors, native_log
from core.jobs.events import Event, Log, Progress
from core.jobs.runner import Control
from core.jobs.steps import drain
from core.models.gguf_info import inspect_gguf
from core.workspace import TEMP_MARK

__all__ = ["KEEP_TYPES", "QUANT_TYPES", "QuantizeResult", "check_quant", "quantize", "quantize_steps"]

# Name -> (llama.cpp's llama_ftype constant name, bits per weight of the big matrices, roughly).
QUANT_TYPES: dict[str, tuple[str, float]] = {
    "q4_k_m": ("LLAMA_FTYPE_MOSTLY_Q4_K_M", 4.9),
    "q4_0": ("LLAMA_FTYPE_MOSTLY_Q4_0", 4.5),
    "q5_k_m": ("LLAMA_FTYPE_MOSTLY_Q5_K_M", 5.7),
    "q6_k": ("LLAMA_FTYPE_MOSTLY_Q6_K", 6.6),
    "q8_0": ("LLAMA_FTYPE_MOSTLY_Q8_0", 8.5),
    "f16": ("LLAMA_FTYPE_MOSTLY_F16", 16.0),
    "f32": ("LLAMA_FTYPE_ALL_F32", 32.0),
}


def check_quant(name: str) -> str:
    """The canonical (lower-case) name of a quantisation type; "Q4_K_M" and "q4_k_m" are the same.

    Raises:
        ConfigError: not a type Hearth quantises to.
    """
    key = name.strip().lower().replace("-", "_")
    if key not in QUANT_TYPES:
        raise ConfigError(f"quantisation type {name!r} is unknown",
                          f"use one of: {', '.join(QUANT_TYPES)} (q4_k_m is the usual choice)")
    return key


@dataclass(frozen=True)
class QuantizeResult:
    """What a quantisation produced."""

    path: Path
    quant: str
    size_before: int
    size_after: int
    seconds: float
    fallback: str = ""  # llama.cpp's note on tensors quantised to another type, if any

    @property
    def ratio(self) -> float:
        """The output's size as a share of the input's."""
        return self.size_after / self.size_before if self.size_before else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "quant": self.quant, "size_before": self.size_before,
                "size_after": self.size_after, "ratio": round(self.ratio, 4), "seconds": round(self.seconds, 2),
                "fallback": self.fallback}


def _temp_path(dest: Path) -> Path:
    # The writer's pid in the name: the job runner sweeps what a killed child left.
    return dest.parent / f".{dest.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(3)}"


# The ggml tensor types a tensor can be kept at while the rest is quantised (llama.cpp's enum ggml_type).
KEEP_TYPES = {"q8_0": "GGML_TYPE_Q8_0", "q6_k": "GGML_TYPE_Q6_K", "f16": "GGML_TYPE_F16"}


def _overrides(keep: dict[str, str]) -> Any:
    """llama.cpp's tensor-type overrides: (regex, type) pairs, ended by an empty pattern."""
    llama_cpp = load_llama_cpp()
    array = (llama_cpp.llama_model_tensor_override * (len(keep) + 1))()
    for i, (pattern, kind) in enumerate(keep.items()):
        array[i].pattern = pattern.encode()
        array[i].type = getattr(llama_cpp, KEEP_TYPES[kind])
    array[len(keep)].pattern = None
    return array


def _run_native(src: Path, tmp: Path, quant: str, threads: int, keep: dict[str, str] | None = None) -> str:
    """The native call; returns llama.cpp's note on fallback types. Raises ModelError on failure."""
    llama_cpp = load_llama_cpp()
    capture_native_log()
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, QUANT_TYPES[quant][0])
    params.nthread = threads
    overrides = _overrides(keep) if keep else None  # kept alive until the call returns
    if overrides is not None:
        params.tt_overrides = ctypes.cast(overrides, ctypes.POINTER(llama_cpp.llama_model_tensor_override))
    code = llama_cpp.llama_model_quantize(str(src).encode(), str(tmp).encode(), ctypes.byref(params))
    if code != 0:
        raise ModelError(f"llama.cpp could not quantise {src.name} to {quant.upper()}: "
                         f"{native_errors() or f'error code {code}'}",
                         "check that the input is a complete F32 or F16 GGUF of an architecture llama.cpp knows")
    notes = native_log("fallback")
    return notes[-1] if notes else ""


def quantize_steps(src: Path | str, dest: Path | str, quant: str = "q4_k_m", *, control: Control | None = None,
                   threads: int = 0, keep: dict[str, str] | None = None) -> Generator[Event, None, QuantizeResult]:
    """Quantise ``src`` into ``dest``, yielding progress; returns what it produced.

    Args:
        src: an F32 or F16 GGUF.
        dest: the output file; written whole or not at all.
        quant: one of :data:`QUANT_TYPES`.
        control: a job's control: checked for a cancel while the quantiser runs.
        threads: CPU threads for the quantiser; 0 uses every core.
        keep: tensors (a regex on their GGUF names) kept at a finer type (a key of :data:`KEEP_TYPES`).

    Raises:
        ConfigError: an unknown type.
        ModelError: the input is missing or llama.cpp refuses it.
        JobCancelled: cancelled (the temporary output is removed).
    """
    quant = check_quant(quant)
    src, dest = Path(src), Path(dest)
    info = inspect_gguf(src)
    expected = max(int(info.parameters * QUANT_TYPES[quant][1] / 8), 1)
    tmp = _temp_path(dest)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["fallback"] = _run_native(src, tmp, quant, threads, keep)
        except BaseException as exc:  # handed to the generator, which raises it
            outcome["error"] = exc

    start = time.perf_counter()
    thread = threading.Thread(target=work, name="hearth-quantize", daemon=True)
    yield Progress(0, expected, f"quantising to {quant.upper()}", unit="byte")
    try:
        thread.start()
        while thread.is_alive():
            thread.join(0.25)
            if control is not None:
                control.check()
            written = tmp.stat().st_size if tmp.exists() else 0
            yield Progress(min(written, expected - 1), expected, f"quantising to {quant.upper()}", unit="byte")
        if "error" in outcome:
            raise outcome["error"]
        os.replace(tmp, dest)
    finally:
        if tmp.exists() and not thread.is_alive():
            tmp.unlink()
    result = QuantizeResult(dest, quant, info.size_bytes, dest.stat().st_size, time.perf_counter() - start,
                            outcome.get("fallback", ""))
    if result.fallback:
        yield Log(f"llama.cpp: {result.fallback} (rows not a multiple of 256 cannot use K-quants)", "WARNING",
                  __name__)
    yield Progress(result.size_after, result.size_after, f"quantised to {quant.upper()}", unit="byte")
    return result


def quantize(src: Path | str, dest: Path | str, quant: str = "q4_k_m", *, threads: int = 0) -> QuantizeResult:
    """Quantise ``src`` into ``dest`` in this process (see :func:`quantize_steps`)."""
    return drain(quantize_steps(src, dest, quant, threads=threads))
