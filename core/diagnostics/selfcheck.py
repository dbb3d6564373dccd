"""Self-checks that may crash, run by ``hearth doctor`` in a child process.

``python -m core.diagnostics.selfcheck engine`` loads the llama.cpp engine, writes a tiny
quantised model and decodes a few tokens with it; ``python -m core.diagnostics.selfcheck
torch`` reports torch, its devices and whether bitsandbytes 4-bit works here.
Each prints one JSON object as its last line of output. A broken native build
kills only this child (SIGILL, an abort), and the doctor reports how it died.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["check_engine", "check_torch", "parse_system_info"]

_quiet_log: Any = None


def parse_system_info(text: str) -> dict[str, str]:
    """llama.cpp's ``CPU : AVX = 1 | AVX2 = 1 | ...`` as ``{"AVX": "1", ...}``."""
    features: dict[str, str] = {}
    for part in text.replace("\n", "|").split("|"):
        if "=" in part:
            key, _, value = part.rpartition("=")
            key = key.split(":")[-1].strip()
            if key:
                features[key] = value.strip()
    return features


def check_engine() -> dict[str, Any]:
    """Load llama.cpp, decode a tiny Q4_0 model, and describe the build."""
    # Here, not at the top: this runs in a child so that a crash while loading llama.cpp is a finding, and
    # importing this module for its other checks must not load the engine.
    import numpy as np

    from converters.synthetic import TINY_TEXT, write_tiny_llama
    from core.inference.native import backends, cpu_variant, load_llama_cpp

    llama_cpp = load_llama_cpp()
    global _quiet_log
    # Keep the ctypes callback referenced for the life of the process, or
    # llama.cpp calls into freed memory.
    _quiet_log = llama_cpp.llama_log_callback(lambda *_: None)
    llama_cpp.llama_log_set(_quiet_log, None)
    info = llama_cpp.llama_print_system_info().decode("utf-8", errors="replace")
    out: dict[str, Any] = {
        "version": llama_cpp.__version__,
        "system_info": info.strip(),
        "features": parse_system_info(info),
        "gpu_offload": bool(llama_cpp.llama_supports_gpu_offload()),
        "cpu_variant": cpu_variant(),
        "backends": backends(),
    }
    with tempfile.TemporaryDirectory(prefix="hearth-selfcheck-") as tmp:
        path = write_tiny_llama(Path(tmp) / "tiny.gguf", quant="Q4_0")
        start = time.perf_counter()
        llm = llama_cpp.Llama(model_path=str(path), n_ctx=64, n_threads=2, logits_all=True, verbose=False)
        tokens = llm.tokenize(TINY_TEXT.encode())
        llm.eval(tokens)
        logits = np.array(llm.scores[: llm.n_tokens])
        out["decode_ms"] = round((time.perf_counter() - start) * 1000, 1)
        out["tokens"] = len(tokens)
        out["logits_finite"] = bool(np.isfinite(logits).all())
        llm.close()
    out["ok"] = out["logits_finite"]
    return out


def check_torch() -> dict[str, Any]:
    """torch's build and devices, and a 4-bit NF4 round trip through bitsandbytes."""
    import torch

    out: dict[str, Any] = {"version": torch.__version__, "cuda_build": torch.version.cuda,
                           "cuda_available": torch.cuda.is_available(), "gpus": []}
    for i in range(torch.cuda.device_count() if out["cuda_available"] else 0):
        free, total = torch.cuda.mem_get_info(i)
        props = torch.cuda.get_device_properties(i)
        out["gpus"].append({"index": i, "name": props.name, "total_gib": round(total / 2**30, 2),
                            "free_gib": round(free / 2**30, 2),
                            "compute_capability": f"{props.major}.{props.minor}",
                            "bf16": bool(torch.cuda.is_bf16_supported())})
    out["bitsandbytes"] = _check_bnb("cuda" if out["cuda_available"] else "cpu")
    return out


def _check_bnb(device: str) -> dict[str, Any]:
    try:
        import bitsandbytes as bnb
        import bitsandbytes.functional as bnbf
        import torch

        gen = torch.Generator().manual_seed(0)
        weight = torch.randn(64, 128, generator=gen).to(device)
        packed, state = bnbf.quantize_4bit(weight, quant_type="nf4")
        restored = bnbf.dequantize_4bit(packed, state)
        x = torch.randn(3, 128, generator=gen).to(device)
        product = bnb.matmul_4bit(x, packed.t(), quant_state=state)
        # NF4 keeps each value within half of its widest gap (~0.14 of the block's absmax).
        err = (restored - weight).abs().max().item() / weight.abs().max().item()
        matmul_err = (product - x @ restored.t()).abs().max().item()
        ok = err < 0.2 and matmul_err < 1e-2
        return {"version": bnb.__version__, "device": device, "nf4_4bit": ok,
                "relative_error": round(err, 4), "matmul_error": round(matmul_err, 6)}
    except Exception as exc:  # reported, not raised: the doctor lists it as a problem
        return {"device": device, "nf4_4bit": False, "error": f"{type(exc).__name__}: {exc}"}


def main(argv: list[str]) -> None:
    checks = {"engine": check_engine, "torch": check_torch}
    result = checks[argv[0]]()
    sys.stdout.flush()
    print("\n" + json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
