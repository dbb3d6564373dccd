"""GGUF metadata values, and the one reader of a GGUF file's header: its metadata and tensor table, not its tensors.

The converters read it to copy ``tokenizer.*`` values byte for byte and to name a base's tensors; the model
catalog (``core.models.gguf_info``) reads it to check a file before llama.cpp sees it. llama.cpp trusts the
counts and offsets in a header, so a truncated download or a damaged file can make it assert, allocate absurd
amounts of memory or read past a mapping: this reader bounds every count and length it reads, and says what
it was reading when the file ended (:class:`HeaderTruncated`) or held a value no GGUF file holds
(:class:`HeaderDamaged`).

Why not ``gguf.GGUFReader`` (whose type tables this uses): it builds a numpy view for every element of every
array, 8 to 15 seconds for the 262,144 tokens of Gemma 3; here a numeric array is one ``frombuffer``, and a
caller that does not need the long arrays has them counted and skipped (``keep_arrays``).
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConversionError

__all__ = ["KV", "GGUFHeader", "HeaderDamaged", "HeaderTruncated", "TensorInfo", "config_from_gguf",
           "read_header", "typed"]

# gguf (and numpy with it) is imported when a header is read or a value typed, not with this module: the model
# catalog imports it, and `hearth --help` and the chat's start should not pay for gguf's import.
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9
MAGIC = b"GGUF"
VERSIONS = (2, 3)
MAX_TENSORS = 1_000_000
MAX_KEYS = 100_000
_MAX_STRING_BYTES = 64 * 1024 * 1024  # a chat template is kilobytes; a vocabulary is an array, not one string
_MAX_NAME_BYTES = 65535
_MAX_DIMS = 4  # GGML_MAX_DIMS
_LENGTH = struct.Struct("<Q")


def __getattr__(name: str) -> Any:
    if name == "VT":  # gguf.GGUFValueType, loaded with gguf (so not in __all__)
        import gguf

        return gguf.GGUFValueType
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class KV:
    """A GGUF metadata value with its type (and its elements' type for an array)."""

    value: Any
    type: Any  # gguf.GGUFValueType
    sub_type: Any = None  # gguf.GGUFValueType of an array's items


def _scalar_type(value: Any, *, wide: bool) -> Any:
    from gguf import GGUFValueType as VT

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
    from gguf import GGUFValueType as VT

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


class HeaderTruncated(ConversionError):
    """The file ends inside its header: ``what`` was being read, and it needs the file to reach byte ``needed``."""

    def __init__(self, what: str, needed: int, size: int) -> None:
        super().__init__(f"the file ends at byte {size:,}, inside its header ({what} needs {needed - size:,} more "
                         f"bytes)")
        self.what, self.needed, self.size = what, needed, size


class HeaderDamaged(ConversionError):
    """The header holds a value no GGUF file holds (an unknown type, an absurd count or length)."""


@dataclass(frozen=True)
class TensorInfo:
    """One entry of the tensor table: ``shape`` in GGUF's order (the row length first)."""

    name: str
    shape: tuple[int, ...]
    type_id: int
    offset: int  # from the start of the tensor data


@dataclass
class GGUFHeader:
    """A GGUF file's metadata and tensor table.

    ``kvs`` maps each key to its typed value (strings as bytes); an array longer than the reader was asked to
    keep is left out of ``kvs``, and every array's length is in ``array_counts``. ``end`` is where the header
    ends (the tensor data starts at the next multiple of ``general.alignment``).
    """

    version: int
    kvs: dict[str, KV]
    array_counts: dict[str, int]
    tensor_list: list[TensorInfo]
    end: int

    @property
    def tensors(self) -> dict[str, tuple[tuple[int, ...], int]]:
        """Tensor name -> (shape as torch orders it, type id)."""
        return {t.name: (tuple(reversed(t.shape)), t.type_id) for t in self.tensor_list}


class _Cursor:
    """Reads little-endian GGUF values from a buffer, refusing to read past its end."""

    def __init__(self, data: Any, size: int) -> None:
        self.data, self.size, self.pos = data, size, 0

    def need(self, n: int, what: str) -> None:
        if self.pos + n > self.size:
            raise HeaderTruncated(what, self.pos + n, self.size)

    def take(self, fmt: str, what: str) -> Any:
        n = struct.calcsize(fmt)
        self.need(n, what)
        value = struct.unpack_from(fmt, self.data, self.pos)[0]
        self.pos += n
        return value

    def string(self, what: str, limit: int = _MAX_STRING_BYTES) -> bytes:
        # The hot path (a vocabulary is hundreds of thousands of strings): no struct.calcsize, one slice.
        start = self.pos + 8
        if start > self.size:
            raise HeaderTruncated(what, start, self.size)
        (n,) = _LENGTH.unpack_from(self.data, self.pos)
        if n > limit:
            raise HeaderDamaged(f"{what} claims a length of {n:,} bytes")
        if start + n > self.size:
            raise HeaderTruncated(what, start + n, self.size)
        self.pos = start + n
        return self.data[start:start + n]  # bytes, from an mmap


def read_header(path: str | Path, *, keep_arrays: int | None = None, always_keep: Collection[str] = ()) -> GGUFHeader:
    """The metadata and tensor table of the GGUF file at ``path``.

    Args:
        keep_arrays: keep arrays of at most this many items in ``kvs`` (None: every array); longer ones are
            skipped, their length counted in ``array_counts``.
        always_keep: keys whose arrays are kept whatever their length (the catalog's ``tokenizer.ggml.tokens``).

    Raises:
        HeaderTruncated: the file ends inside its header.
        HeaderDamaged: the header holds an impossible value, or the file is not GGUF (version 2 or 3).
        ConversionError: the file cannot be opened.
    """
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _parse(_Cursor(data, len(data)), keep_arrays, frozenset(always_keep))
    except (OSError, ValueError) as exc:  # ValueError: mmap of an empty file
        raise ConversionError(f"{path} cannot be read as GGUF ({exc})") from exc


def _parse(cur: _Cursor, keep: int | None, always: frozenset[str]) -> GGUFHeader:
    if cur.take("<4s", "the GGUF magic") != MAGIC:
        raise HeaderDamaged("no GGUF magic at the start of the file")
    version = cur.take("<I", "the GGUF version")
    if version not in VERSIONS:
        raise HeaderDamaged(f"GGUF version {version} is not supported")
    n_tensors, n_kvs = cur.take("<Q", "the tensor count"), cur.take("<Q", "the key count")
    if n_tensors > MAX_TENSORS or n_kvs > MAX_KEYS:
        raise HeaderDamaged(f"it claims {n_tensors:,} tensors and {n_kvs:,} metadata keys")
    header = GGUFHeader(version, {}, {}, [], 0)
    for index in range(n_kvs):
        key = cur.string(f"the name of metadata key #{index}", limit=_MAX_NAME_BYTES).decode("utf-8", "replace")
        vtype = cur.take("<I", f"the type of {key!r}")
        if vtype == _ARRAY:
            value, count = _array(cur, key, None if key in always else keep)
            header.array_counts[key] = count
            if value is not None:
                header.kvs[key] = value
        else:
            header.kvs[key] = _scalar(cur, vtype, key)
    header.tensor_list = [_tensor(cur, index) for index in range(n_tensors)]
    names = [t.name for t in header.tensor_list]
    if len(set(names)) != len(names):  # llama.cpp would refuse it only when the model is loaded
        twice = next(n for n in names if names.count(n) > 1)
        raise HeaderDamaged(f"tensor {twice!r} appears {names.count(twice)} times")
    header.end = cur.pos
    return header


def _scalar(cur: _Cursor, vtype: int, key: str) -> KV:
    from gguf import GGUFValueType as VT

    if vtype == _STRING:
        return KV(cur.string(f"the value of {key!r}"), VT.STRING)
    if vtype not in _SCALARS:
        raise HeaderDamaged(f"key {key!r} has an unknown value type {vtype}")
    return KV(cur.take(_SCALARS[vtype], f"the value of {key!r}"), VT(vtype))


def _array(cur: _Cursor, key: str, keep: int | None, depth: int = 0) -> tuple[KV | None, int]:
    """Read (or skip, when longer than ``keep``) an array value; return it (or None) and its length."""
    import numpy as np
    from gguf import GGUFValueType as VT

    item = cur.take("<I", f"the item type of {key!r}")
    count = cur.take("<Q", f"the length of {key!r}")
    skip = keep is not None and count > keep
    if item in _SCALARS:
        dtype = np.dtype(_SCALARS[item])
        cur.need(count * dtype.itemsize, f"array {key!r} of {count:,} items")
        values = None if skip else np.frombuffer(cur.data, dtype=dtype, count=count, offset=cur.pos).tolist()
        cur.pos += count * dtype.itemsize
        return (None if skip else KV(values, VT.ARRAY, VT(item))), count
    if item == _STRING:
        cur.need(count * 8, f"array {key!r} of {count:,} strings")  # each string has at least its length
        strings = [cur.string(f"an item of {key!r}") for _ in range(count)]
        return (None if skip else KV(strings, VT.ARRAY, VT.STRING)), count
    if item == _ARRAY and depth < 2:  # no known key holds arrays of arrays: counted, never kept
        cur.need(count * 12, f"array {key!r} of {count:,} arrays")
        for _ in range(count):
            _array(cur, key, 0, depth + 1)
        return None, count
    raise HeaderDamaged(f"array {key!r} has an unknown item type {item}")


def _tensor(cur: _Cursor, index: int) -> TensorInfo:
    import gguf

    name = cur.string(f"the name of tensor #{index}", limit=_MAX_NAME_BYTES).decode("utf-8", "replace")
    n_dims = cur.take("<I", f"the rank of tensor {name!r}")
    if not 1 <= n_dims <= _MAX_DIMS:
        raise HeaderDamaged(f"tensor {name!r} has {n_dims} dimensions (GGUF allows 1 to {_MAX_DIMS})")
    shape = tuple(cur.take("<Q", f"the shape of tensor {name!r}") for _ in range(n_dims))
    type_id = cur.take("<I", f"the type of tensor {name!r}")
    offset = cur.take("<Q", f"the data offset of tensor {name!r}")
    try:
        qtype = gguf.GGMLQuantizationType(type_id)
    except ValueError:
        raise HeaderDamaged(f"tensor {name!r} has tensor type {type_id}, unknown to this gguf library") from None
    block, _ = gguf.GGML_QUANT_SIZES[qtype]
    if shape[0] % block:
        raise HeaderDamaged(f"tensor {name!r} of type {qtype.name} has a row of {shape[0]}, not a multiple of "
                            f"{block}")
    return TensorInfo(name, shape, type_id, offset)


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
