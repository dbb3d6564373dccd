"""Read and check a Hugging Face model folder: safetensors weights only, never pickle.

Pickle weights (``*.bin``, ``*.pt``, ...) can run arbitrary code when loaded,
so Hearth refuses folders that hold only those, and never copies them. The
safetensors headers are read here (a length, then JSON) to count the
parameters and to catch a truncated shard before any training code opens it.
"""

from __future__ import annotations

import json
import logging
import re
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import ModelError

__all__ = ["PICKLE_SUFFIXES", "HFInfo", "inspect_hf_folder"]

log = logging.getLogger(__name__)

PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl")
_COPY_SUFFIXES = (".safetensors", ".json", ".model", ".txt", ".jinja", ".tiktoken", ".md")
_COPY_PREFIXES = ("LICENSE", "NOTICE", "USE_POLICY")
_MAX_HEADER_BYTES = 100 * 1024 * 1024  # safetensors' own limit
_HINT_CONVERT = (
    "Hearth loads safetensors only, because pickle files can run code when opened. Download the safetensors "
    "version of the model, or convert it where you trust the files: "
    "AutoModelForCausalLM.from_pretrained(folder).save_pretrained(out, safe_serialization=True)"
)
_HINT_DAMAGED = "copy or download the model folder again"


@dataclass(frozen=True)
class HFInfo:
    """What Hearth knows about a Hugging Face model folder after checking it.

    ``files`` are the names (relative to ``folder``) that an import copies:
    the safetensors weights, the JSON configs, the tokenizer and the license
    and model card; ``skipped`` are the files left behind (pickle weights,
    code, other formats).
    """

    folder: Path
    architecture: str
    model_type: str | None
    parameters: int
    quantization: str
    context_length: int | None
    chat_template: str | None
    license: str | None
    files: tuple[str, ...]
    skipped: tuple[str, ...]
    size_bytes: int
    config: dict[str, Any] = field(default_factory=dict)


def inspect_hf_folder(folder: Path | str) -> HFInfo:
    """Check the Hugging Face model folder at ``folder`` and read what the catalog needs.

    Raises:
        ModelError: the folder is missing, has no ``config.json``, holds only
            pickle weights or no weights, or a safetensors file is damaged or
            truncated.
    """
    folder = Path(folder)
    if not folder.is_dir():
        what = "a file, not a folder" if folder.exists() else "not found"
        raise ModelError(f"model folder {folder}: {what}",
                         "give the folder that holds config.json and the .safetensors files")
    config = _read_json(folder / "config.json", required=True)
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    weights = [n for n in names if n.endswith(".safetensors")]
    if not weights:
        _refuse_without_safetensors(folder, names)
    _check_shards(folder, weights)
    parameters, dtypes = 0, Counter()
    for name in weights:
        count, sizes = _read_safetensors(folder / name)
        parameters += count
        dtypes.update(sizes)
    files = tuple(n for n in names if _wanted(n))
    skipped = tuple(n for n in names if n not in files)
    if any(n.endswith(PICKLE_SUFFIXES) for n in skipped):
        log.warning("%s: skipping pickle files %s; the safetensors weights are used", folder,
                    ", ".join(n for n in skipped if n.endswith(PICKLE_SUFFIXES)))
    return HFInfo(
        folder=folder,
        architecture=_architecture(folder, config),
        model_type=config.get("model_type") if isinstance(config.get("model_type"), str) else None,
        parameters=parameters,
        quantization=_quantization(config, dtypes),
        context_length=_context_length(config),
        chat_template=_chat_template(folder),
        license=_license(folder),
        files=files,
        skipped=skipped,
        size_bytes=sum((folder / n).stat().st_size for n in files),
        config=config,
    )


# What the catalog keeps beside a model it holds (core.models.catalog): Hearth's, not the model's.
_OWN_FILES = ("hearth-model.json",)


def _wanted(name: str) -> bool:
    return (name.endswith(_COPY_SUFFIXES) or name.startswith(_COPY_PREFIXES)) and name not in _OWN_FILES


def _refuse_without_safetensors(folder: Path, names: list[str]) -> None:
    pickles = [n for n in names if n.endswith(PICKLE_SUFFIXES)]
    if pickles:
        raise ModelError(f"{folder} holds only pickle weights ({', '.join(pickles)}); Hearth never loads pickle",
                         _HINT_CONVERT)
    raise ModelError(f"{folder} holds no weights (no .safetensors file)",
                     "give the folder that holds the model's .safetensors files")


def _read_json(path: Path, *, required: bool = False) -> dict[str, Any]:
    if not path.exists():
        if required:
            raise ModelError(f"{path.parent} has no {path.name}; it is not a Hugging Face model folder",
                             "give the folder that holds config.json and the .safetensors files")
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"cannot read {path}: {exc}", "check the file's permissions") from exc
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})", _HINT_DAMAGED) from exc
    if not isinstance(data, dict):
        raise ModelError(f"{path} holds {type(data).__name__}, not a JSON object", _HINT_DAMAGED)
    return data


def _check_shards(folder: Path, weights: list[str]) -> None:
    index = _read_json(folder / "model.safetensors.index.json")
    weight_map = index.get("weight_map", {})
    if not isinstance(weight_map, dict):
        raise ModelError(f"{folder / 'model.safetensors.index.json'} has no weight_map", _HINT_DAMAGED)
    missing = sorted(set(weight_map.values()) - set(weights))
    if missing:
        raise ModelError(f"{folder} lacks weight shards {', '.join(map(str, missing))} named in its index",
                         "copy or download the missing shards into the folder")


def _read_safetensors(path: Path) -> tuple[int, Counter]:
    """Check one safetensors file; return its parameter count and bytes per dtype."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(8)
        if len(head) < 8:
            raise ModelError(f"{path} is truncated: {size} bytes, too short for a safetensors header", _HINT_DAMAGED)
        (length,) = struct.unpack("<Q", head)
        if length > _MAX_HEADER_BYTES:
            raise ModelError(f"{path} is not a safetensors file (its header claims {length:,} bytes)", _HINT_DAMAGED)
        if 8 + length > size:
            raise ModelError(f"{path} is truncated: its header needs {8 + length - size:,} more bytes", _HINT_DAMAGED)
        try:
            header = json.loads(handle.read(length))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path} is not a safetensors file (its header is not JSON)", _HINT_DAMAGED) from exc
    if not isinstance(header, dict):
        raise ModelError(f"{path} is not a safetensors file (its header is not a JSON object)", _HINT_DAMAGED)
    parameters, dtypes, end = 0, Counter(), 0
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        count, start, stop = _tensor_entry(path, name, entry)
        parameters += count
        dtypes[entry["dtype"]] += stop - start
        end = max(end, stop)
    if 8 + length + end > size:
        missing = 8 + length + end - size
        raise ModelError(f"{path} is truncated: {missing:,} bytes of tensor data are missing",
                         "the copy or download stopped early; copy or download the file again")
    return parameters, dtypes


def _tensor_entry(path: Path, name: str, entry: Any) -> tuple[int, int, int]:
    try:
        shape = [int(d) for d in entry["shape"]]
        start, stop = (int(o) for o in entry["data_offsets"])
        if not isinstance(entry["dtype"], str) or min(shape, default=0) < 0 or not 0 <= start <= stop:
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise ModelError(f"{path}: tensor {name!r} has a damaged header entry", _HINT_DAMAGED) from None
    count = 1
    for dim in shape:
        count *= dim
    return count, start, stop


def _architecture(folder: Path, config: dict[str, Any]) -> str:
    architectures = config.get("architectures")
    if isinstance(architectures, list) and architectures and isinstance(architectures[0], str):
        return architectures[0]
    raise ModelError(f"{folder / 'config.json'} does not name the model class (\"architectures\")",
                     "use the config.json saved with the model by transformers' save_pretrained")


def _quantization(config: dict[str, Any], dtypes: Counter) -> str:
    quant = config.get("quantization_config")
    if isinstance(quant, dict) and isinstance(quant.get("quant_method"), str):
        return quant["quant_method"]
    if not dtypes:
        return "unknown"
    return str(dtypes.most_common(1)[0][0])  # the safetensors dtype holding most bytes: "BF16", "F16", ...


def _context_length(config: dict[str, Any]) -> int | None:
    for source in (config, config.get("text_config") or {}):
        value = source.get("max_position_embeddings") if isinstance(source, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _chat_template(folder: Path) -> str | None:
    template = _read_json(folder / "tokenizer_config.json").get("chat_template")
    if isinstance(template, list):  # named templates: [{"name": "default", "template": "..."}]
        named = {t.get("name"): t.get("template") for t in template if isinstance(t, dict)}
        template = named.get("default") or next(iter(named.values()), None)
    if not isinstance(template, str):
        jinja = folder / "chat_template.jinja"
        if jinja.exists():
            template = jinja.read_text(encoding="utf-8", errors="replace")
        else:
            template = _read_json(folder / "chat_template.json").get("chat_template")
    return template if isinstance(template, str) and template.strip() else None


def _license(folder: Path) -> str | None:
    card = folder / "README.md"
    if not card.exists():
        return None
    text = card.read_text(encoding="utf-8", errors="replace")
    front = re.match(r"---\s*\n(.*?)\n---", text, re.DOTALL)
    found = re.search(r"^license:\s*[\"']?([^\s\"'#]+)", front.group(1), re.MULTILINE) if front else None
    return found.group(1) if found else None
