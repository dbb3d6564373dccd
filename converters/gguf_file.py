"""GGUF metadata values, and reading a GGUF file's metadata and tensor table without its tensors.

``gguf.GGUFReader`` parses every array element into its own numpy view, which
takes seconds for a 262k-token vocabulary; the converters only need the
``tokenizer.*`` values (copied byte for byte) and the tensor names, so this
reads the header sequentially, numeric arrays in one ``frombuffer`` each.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gguf
import numpy as np

from .errors import ConversionError

__all__ = ["KV", "VT", "GGUFHeader", "config_from_gguf", "read_header", "typed"]

VT = gguf.GGUFValueType

_SCALARS = {VT.UINT8: "<B", VT.INT8: "<b", VT.UINT16: "<H", VT.INT16: "<h", VT.UINT32: "<I", VT.INT32: "<i",
            VT.FLOAT32: "<f", VT.BOOL: "<?", VT.UINT64: "<Q", VT.INT64: "<q", VT.FLOAT64: "<d"}


@dataclass(frozen=True)
class KV:
    """A GGUF metadata value with its type (and its elements' type for an array)."""

    value: Any
    type: VT
    sub_type: VT | None = None


def _scalar_type(value: Any, *, wide: bool) -> VT:
    if isinstance(value, bool):
        return VT.BOOL
    if isinstance(value, int):
        if 0 <= value < 2**32:
            return VT.UINT32
        return VT.INT32 if -(2**31) <= value < 0 and not wide else VT.INT64
    if isinstance(value, float):
        return VT.FLOAT64 if wide else VT.FLOAT32
    if isinstance(value, (str, bytes)):
        return VT.STRING
    raise ConversionError(f"a GGUF value must be a str, int, float or bool (or a list of them), not {value!r}")


def typed(value: Any, *, wide: bool = False) -> KV:
    """A KV for a Python value: int -> uint32, float -> float32, bool, str; a list -> an array.

    ``wide`` keeps floats as float64 (for caller metadata, which no loader reads
    with a fixed type); the architecture keys need float32, as llama.cpp reads them.
    """
    if isinstance(value, KV):
        return value
    if isinstance(value, (list, tuple)):
        if not value:
            raise ConversionError("a GGUF array cannot be empty")
        first = value[0]
        if isinstance(first, int) and not isinstance(first, bool):
            return KV(list(value), VT.ARRAY, VT.INT32)
        return KV(list(value), VT.ARRAY, _scalar_type(first, wide=wide))
    return KV(value, _scalar_type(value, wide=wide))


@dataclass
class GGUFHeader:
    """The metadata (key -> typed value; strings as bytes) and the tensors (name -> (shape, type id))."""

    kvs: dict[str, KV]
    tensors: dict[str, tuple[tuple[int, ...], int]]


class _Cursor:
    def __init__(self, data: Any) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> Any:
        value = struct.unpack_from(fmt, self.data, self.pos)[0]
        self.pos += struct.calcsize(fmt)
        return value

    def string(self) -> bytes:
        n = self.take("<Q")
        value = bytes(self.data[self.pos:self.pos + n])
        self.pos += n
        return value

    def value(self, vtype: VT) -> Any:
        if vtype == VT.STRING:
            return self.string()
        return self.take(_SCALARS[vtype])

    def array(self) -> KV:
        sub = VT(self.take("<I"))
        n = self.take("<Q")
        if sub == VT.STRING:
            return KV([self.string() for _ in range(n)], VT.ARRAY, sub)
        if sub == VT.ARRAY:
            raise ConversionError("nested GGUF arrays are not supported")
        dtype = np.dtype(_SCALARS[sub])
        values = np.frombuffer(self.data, dtype=dtype, count=n, offset=self.pos)
        self.pos += n * dtype.itemsize
        return KV(values.tolist(), VT.ARRAY, sub)


def read_header(path: str | Path) -> GGUFHeader:
    """The key/values and tensor table of the GGUF file at ``path``.

    Raises:
        ConversionError: the file is missing, truncated, or not GGUF (version 2 or 3).
    """
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _parse(_Cursor(data))
    except (OSError, ValueError, struct.error) as exc:
        raise ConversionError(f"{path} cannot be read as GGUF ({exc})") from exc


def _parse(cur: _Cursor) -> GGUFHeader:
    if bytes(cur.data[:4]) != b"GGUF":
        raise ValueError("no GGUF magic at the start of the file")
    cur.pos = 4
    version = cur.take("<I")
    if version not in (2, 3):
        raise ValueError(f"GGUF version {version} is not supported")
    n_tensors, n_kvs = cur.take("<Q"), cur.take("<Q")
    kvs: dict[str, KV] = {}
    for _ in range(n_kvs):
        key = cur.string().decode("utf-8")
        vtype = VT(cur.take("<I"))
        kvs[key] = cur.array() if vtype == VT.ARRAY else KV(cur.value(vtype), vtype)
    tensors = {}
    for _ in range(n_tensors):
        name = cur.string().decode("utf-8")
        dims = [cur.take("<Q") for _ in range(cur.take("<I"))]
        qtype = cur.take("<I")
        cur.take("<Q")  # offset
        tensors[name] = (tuple(reversed(dims)), qtype)
    return GGUFHeader(kvs, tensors)


def config_from_gguf(path: str | Path, classes: Mapping[str, str]) -> dict[str, Any]:
    """A Hugging Face-style config for the model in a GGUF file, from its architecture keys.

    Enough to name and shape a LoRA for it (the base of an adapter may be a
    GGUF file, e.g. the default model); ``classes`` maps GGUF architectures to
    Hugging Face class names.

    Raises:
        ConversionError: the file cannot be read.
    """
    header = read_header(path)
    arch_kv = header.kvs.get("general.architecture")
    arch = arch_kv.value.decode() if arch_kv else "unknown"

    def value(key: str) -> Any:
        kv = header.kvs.get(f"{arch}.{key}")
        return kv.value if kv is not None else None

    heads, hidden = value("attention.head_count"), value("embedding_length")
    head_dim = value("attention.key_length") or (hidden // heads if hidden and heads else None)
    embedding = header.tensors.get("token_embd.weight")
    config = {
        "architectures": [classes.get(arch, f"{arch} (a GGUF architecture)")],
        "hidden_size": hidden,
        "intermediate_size": value("feed_forward_length"),
        "num_hidden_layers": value("block_count"),
        "num_attention_heads": heads,
        "num_key_value_heads": value("attention.head_count_kv") or heads,
        "head_dim": head_dim,
        "max_position_embeddings": value("context_length"),
        "vocab_size": embedding[0][0] if embedding else None,
        "tie_word_embeddings": "output.weight" not in header.tensors,
    }
    if arch == "gemma3":  # llama.cpp's gemma3 scales attention by 1/sqrt(head_dim) (the 27B aside)
        config["query_pre_attn_scalar"] = head_dim
        config["sliding_window"] = value("attention.sliding_window")
    return {k: v for k, v in config.items() if v is not None}
