"""Merging a LoRA-family adapter into its base: one full-precision Hugging Face folder.

The base is loaded in full precision (fp32 by default; bf16 or fp16 on request)
from its safetensors: the catalog's Hugging Face folder, or the dequantised
training cache of a GGUF base. A QLoRA adapter is merged into that too, never
into the NF4 weights it was trained against: NF4 is a training device, and the
export quantises the merged weights itself. PEFT's ``merge_and_unload`` folds
``B @ A * scale`` (or DoRA's magnitude) into each adapted weight; the result is
written with its tokenizer and chat template into a temporary folder that is
renamed into place whole.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from core.errors import ConfigError, ModelError
from core.training.base import as_llama_cpp_reads, save_tokenizer
from core.workspace import TEMP_MARK

__all__ = ["DTYPES", "MERGEABLE", "adapter_config", "load_with_adapter", "merge_adapter"]

log = logging.getLogger(__name__)

DTYPES = ("float32", "bfloat16", "float16")
# PEFT types whose weights fold into the base; prompt and prefix tuning add virtual tokens instead.
MERGEABLE = ("LORA", "ADALORA", "LOHA", "LOKR")
# Files of the run's adapter folder that travel with the merged model.
_FORMAT_FILES = ("chat_template.jinja", "chat_format.json")


def adapter_config(folder: Path | str) -> dict[str, Any]:
    """The adapter's ``adapter_config.json``.

    Raises:
        ModelError: the folder holds no PEFT adapter.
    """
    path = Path(folder) / "adapter_config.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{folder} holds no readable PEFT adapter (adapter_config.json): {exc}",
                         "give the adapter/ folder of a finished LoRA or QLoRA run") from exc


def _torch_dtype(dtype: str) -> Any:
    import torch

    if dtype not in DTYPES:
        raise ConfigError(f"merge precision {dtype!r} is unknown", f"use one of: {', '.join(DTYPES)}")
    return getattr(torch, dtype)


def load_with_adapter(adapter: Path | str, base: Path | str, *, dtype: str = "float32") -> Any:
    """The base model in full precision with the adapter applied (a PEFT model, in eval mode).

    Raises:
        ModelError: the adapter is not of a kind that merges, or the weights cannot be loaded.
    """
    import peft
    from transformers import AutoModelForCausalLM

    config = adapter_config(adapter)
    kind = str(config.get("peft_type", "")).upper()
    if kind not in MERGEABLE:
        raise ModelError(f"a {kind or 'unknown'} adapter cannot be merged into its base: it adds virtual tokens "
                         "rather than changing weights", "merge and export runs trained with lora or qlora")
    try:
        model = AutoModelForCausalLM.from_pretrained(str(base), dtype=_torch_dtype(dtype), use_safetensors=True,
                                                     local_files_only=True)
        return peft.PeftModel.from_pretrained(model, str(adapter), is_trainable=False).eval()
    except (OSError, ValueError, RuntimeError, KeyError) as exc:
        raise ModelError(f"cannot load the adapter {adapter} on the base {base}: {exc}",
                         "the adapter must come from a run on this base; prepare the base again if its files "
                         "were damaged") from exc


def merge_adapter(adapter: Path | str, base: Path | str, out: Path | str, *, dtype: str = "float32") -> Path:
    """Merge ``adapter`` into ``base`` and save the result as a Hugging Face folder ``out``.

    Args:
        adapter: a PEFT adapter folder (a run's ``adapter/``), with its tokenizer
            and chat template when the run saved them.
        base: the base's Hugging Face folder (safetensors), in full precision.
        out: the folder to create; it must not exist.
        dtype: the precision the merge is computed and saved in: float32, bfloat16 or float16.

    Returns:
        ``out``, holding config.json, model.safetensors, the tokenizer, and the
        run's chat_template.jinja / chat_format.json.

    Raises:
        ModelError: the adapter cannot be merged or loaded, or ``out`` exists.
    """
    import torch
    from transformers import AutoTokenizer

    adapter, base, out = Path(adapter), Path(base), Path(out)
    if out.exists():
        raise ModelError(f"{out} already exists", "remove it, or merge into another folder")
    model = load_with_adapter(adapter, base, dtype=dtype)
    with torch.no_grad():
        merged = model.merge_and_unload(safe_merge=True)
    tokenizer_source = adapter if (adapter / "tokenizer_config.json").is_file() else base
    tokenizer = as_llama_cpp_reads(AutoTokenizer.from_pretrained(str(tokenizer_source), local_files_only=True))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(3)}"
    try:
        merged.save_pretrained(str(tmp), safe_serialization=True)
        save_tokenizer(tokenizer, tmp)
        for name in _FORMAT_FILES:
            if (adapter / name).is_file():
                shutil.copyfile(adapter / name, tmp / name)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("merged %s into %s (%s): %s", adapter, base, dtype, out)
    return out
