"""Export: a run or a Hugging Face model to a verified GGUF, merged or as a LoRA-GGUF adapter.

:mod:`.merge` folds an adapter into its full-precision base, :mod:`.quantize` runs llama.cpp's quantiser,
:mod:`.verify` compares llama.cpp with torch, :mod:`.run` holds the export and convert jobs, :mod:`.store`
the exports table. The verdict training asks for before it starts (can the result be exported?) is
:func:`converters.export_verdict`, below both training and export.

What callers use is importable from here; each name is loaded from its module on first use (PEP 562), so
importing this package costs nothing and the modules that import torch are loaded only when asked for.
"""

from __future__ import annotations

from core.lazy import lazy_getattr

# name -> the module (in this package) that defines it
_NAMES: dict[str, str] = {
    "ConvertJob": "run",
    "ExportJob": "run",
    "run_convert": "run",
    "run_export": "run",
    "ExportRecord": "store",
    "get_export": "store",
    "list_exports": "store",
    "QUANT_TYPES": "quantize",
    "check_quant": "quantize",
}

__all__ = sorted(_NAMES)
__getattr__ = lazy_getattr(__name__, _NAMES)
