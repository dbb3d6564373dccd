"""Read and check a GGUF file's metadata before llama.cpp ever sees it.

llama.cpp trusts the counts and offsets in a GGUF header; a truncated download
or a damaged file can make it assert, allocate absurd amounts of memory or read
past the end of a mapping. :func:`inspect_gguf` walks the header itself, with a
bound on every count and length it reads, and checks that the file is long
enough for every tensor's data, so that such a file becomes a
:class:`~core.errors.ModelError` that says what is wrong and what to do.

The layout and the type tables come from the ``gguf`` library (value types,
tensor types and their block sizes, file types, key names). The walk is done
here rather than with ``gguf.GGUFReader`` because that reader builds numpy
views for every token of the vocabulary: 8 to 15 seconds for the 262,144 tokens
of Gemma 3, against a fraction of a second here, and without the bounds above.
"""

from __future__ import annotations

import logging
import mmap
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import ModelError

__all__ = [
    "END_OF_TURN_MARKERS",
    "MAX_KV_COUNT",
    "MAX_TENSOR_COUNT",
    "GGUFInfo",
    "inspect_gguf",
]

log = logging.getLogger(__name__)

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
MAX_TENSOR_COUNT = 1_000_000
MAX_KV_COUNT = 100_000
_MAX_STRING_BYTES = 64 * 1024 * 1024  # a chat template is kilobytes; a whole vocabulary is one array, not one string
_MAX_DIMS = 4  # GGML_MAX_DIMS
_SMALL_ARRAY = 32  # arrays up to this long are kept in ``metadata``; longer ones only counted
_SMALL_STRING = 1024  # longer strings (templates) are kept out of ``metadata``
_HEADER = struct.Struct("<4sIQQ")
_SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
_STRING, _ARRAY = 8, 9

# Token texts that end an assistant's turn in common chat formats (Gemma,
# Llama 3, ChatML/Qwen, Phi-3, Llama 3.1 tool calls).
END_OF_TURN_MARKERS = ("<end_of_turn>", "<|eot_id|>", "<|im_end|>", "<|end|>", "<|eom_id|>")
_TOKENS_KEY = "tokenizer.ggml.tokens"
_HINT_DAMAGED = "copy or download the file again; if it came from a converter, convert it again"


@dataclass(frozen=True)
class GGUFInfo:
    """What Hearth knows about a GGUF file after checking it.

    ``parameters`` is the number of weights stored (the sum of every tensor's
    element count). ``quantization`` is the name of ``general.file_type``
    ("Q4_K_M", "F16", ...), or of the tensor type holding most of the bytes when
    the file does not say. ``end_of_turn_tokens`` are the texts of the tokens
    that end a chat turn (the ``eot``/``eom`` ids and the known markers found in
    the vocabulary); a chat engine stops on them and on ``eos_token``.
    """

    path: Path
    version: int
    architecture: str
    name: str | None
    parameters: int
    quantization: str
    context_length: int | None
    chat_template: str | None
    license: str | None
    bos_token_id: int | None
    eos_token_id: int | None
    bos_token: str | None
    eos_token: str | None
    end_of_turn_tokens: tuple[str, ...]
    end_of_turn_ids: tuple[int, ...]
    vocab_size: int | None
    tensor_count: int
    size_bytes: int
    tensor_types: dict[str, int] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def stop_tokens(self) -> tuple[str, ...]:
        """The token texts a chat engine should stop on: end-of-turn markers, then eos."""
        extra = (self.eos_token,) if self.eos_token and self.eos_token not in self.end_of_turn_tokens else ()
        return self.end_of_turn_tokens + extra


class _Truncated(Exception):
    def __init__(self, what: str, needed: int) -> None:
        super().__init__(what)
        self.what, self.needed = what, needed


@dataclass
class _Tensor:
    name: str
    shape: tuple[int, ...]
    type_id: int
    offset: int


@dataclass
class _Header:
    version: int
    tensor_count: int
    kv: dict[str, Any] = field(default_factory=dict)
    array_counts: dict[str, int] = field(default_factory=dict)
    tokens: list[bytes] | None = None
    tensors: list[_Tensor] = field(default_factory=list)
    end: int = 0


class _Cursor:
    """Reads little-endian GGUF values from a buffer, refusing to read past its end."""

    def __init__(self, buf: Any, size: int) -> None:
        self.buf, self.size, self.pos = buf, size, 0

    def take(self, fmt: str, what: str) -> Any:
        n = struct.calcsize("<" + fmt)
        if self.pos + n > self.size:
            raise _Truncated(what, self.pos + n)
        (value,) = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += n
        return value

    def raw_string(self, what: str, limit: int = _MAX_STRING_BYTES) -> bytes:
        n = self.take("Q", what)
        if n > limit:
            raise _Damaged(f"{what} claims a length of {n:,} bytes")
        if self.pos + n > self.size:
            raise _Truncated(what, self.pos + n)
        data = self.buf[self.pos : self.pos + n]
        self.pos += n
        return data

    def string(self, what: str, limit: int = _MAX_STRING_BYTES) -> str:
        return self.raw_string(what, limit).decode("utf-8", errors="replace")

    def skip(self, n: int, what: str) -> None:
        if self.pos + n > self.size:
            raise _Truncated(what, self.pos + n)
        self.pos += n


class _Damaged(Exception):
    """A value in the header that no real GGUF file holds."""


def inspect_gguf(path: Path | str) -> GGUFInfo:
    """Check the GGUF file at ``path`` and read what the catalog needs from it.

    Args:
        path: a ``.gguf`` file.

    Returns:
        The file's architecture, size, quantization, template, tokens and metadata.

    Raises:
        ModelError: the file is missing or unreadable, is not GGUF, is of an
            unsupported version, holds absurd counts, or is truncated (the
            message says how many bytes are missing).
    """
    path = Path(path)
    size = _file_size(path)
    with path.open("rb") as handle:
        start = handle.read(_HEADER.size)
        _check_start(path, start, size)
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            header = _read_header(path, buf, size)
    tensors_end = _check_tensor_data(path, header, size)
    if tensors_end < size:
        log.debug("%s: %d bytes after the last tensor", path, size - tensors_end)
    return _build_info(path, header, size)


def _file_size(path: Path) -> int:
    if not path.exists():
        raise ModelError(f"no such file: {path}", "check the path; give the .gguf file itself")
    if path.is_dir():
        raise ModelError(f"{path} is a folder, not a GGUF file",
                         "give the .gguf file inside it, or import the folder as a Hugging Face model")
    try:
        return path.stat().st_size
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc.strerror}", "check the file's permissions") from exc


def _check_start(path: Path, start: bytes, size: int) -> None:
    if start[:4] != GGUF_MAGIC:
        raise ModelError(
            f"{path} is not a GGUF file (it starts with {start[:4]!r}, not b'GGUF')",
            "give a .gguf model file; a Hugging Face folder is imported as a folder",
        )
    if len(start) < _HEADER.size:
        raise ModelError(f"{path} is truncated: {size} bytes, too short even for a GGUF header", _HINT_DAMAGED)
    _, version, tensor_count, kv_count = _HEADER.unpack(start)
    if version not in SUPPORTED_VERSIONS:
        swapped = int.from_bytes(version.to_bytes(4, "little"), "big")
        if swapped in SUPPORTED_VERSIONS:
            raise ModelError(f"{path} is a big-endian GGUF file", "use the little-endian build of this model")
        raise ModelError(
            f"{path} has GGUF version {version}; Hearth reads versions 2 and 3",
            "convert the model again with a current llama.cpp" if version < 2 else _HINT_DAMAGED,
        )
    if tensor_count > MAX_TENSOR_COUNT:
        raise ModelError(
            f"{path} claims {tensor_count:,} tensors (more than {MAX_TENSOR_COUNT:,}); the header is damaged",
            _HINT_DAMAGED,
        )
    if kv_count > MAX_KV_COUNT:
        raise ModelError(
            f"{path} claims {kv_count:,} metadata keys (more than {MAX_KV_COUNT:,}); the header is damaged",
            _HINT_DAMAGED,
        )


def _read_header(path: Path, buf: Any, size: int) -> _Header:
    cursor = _Cursor(buf, size)
    _, version, tensor_count, kv_count = _HEADER.unpack_from(buf, 0)
    cursor.pos = _HEADER.size
    header = _Header(version, tensor_count)
    try:
        for index in range(kv_count):
            _read_kv(cursor, header, index)
        for index in range(tensor_count):
            header.tensors.append(_read_tensor_info(cursor, index))
    except _Truncated as exc:
        raise ModelError(
            f"{path} is truncated: it ends at byte {size:,}, inside its header ({exc.what} needs "
            f"{exc.needed - size:,} more bytes)",
            _HINT_DAMAGED,
        ) from None
    except _Damaged as exc:
        raise ModelError(f"{path} has a damaged header: {exc}", _HINT_DAMAGED) from None
    header.end = cursor.pos
    return header


def _read_kv(cursor: _Cursor, header: _Header, index: int) -> None:
    key = cursor.string(f"the name of metadata key #{index}", limit=65535)
    vtype = cursor.take("I", f"the type of {key!r}")
    if vtype == _ARRAY:
        value, count = _read_array(cursor, key, keep_strings=key == _TOKENS_KEY)
        header.array_counts[key] = count
        if key == _TOKENS_KEY:
            header.tokens = value
        elif count <= _SMALL_ARRAY:
            header.kv[key] = value
    else:
        header.kv[key] = _read_scalar(cursor, vtype, key)


def _read_scalar(cursor: _Cursor, vtype: int, key: str) -> Any:
    if vtype == _STRING:
        return cursor.string(f"the value of {key!r}")
    fmt = _SCALARS.get(vtype)
    if fmt is None:
        raise _Damaged(f"key {key!r} has an unknown value type {vtype}")
    return cursor.take(fmt, f"the value of {key!r}")


def _read_array(cursor: _Cursor, key: str, *, keep_strings: bool = False, depth: int = 0) -> tuple[Any, int]:
    """Read (or skip, when long) an array value; return it (or None) and its length."""
    item_type = cursor.take("I", f"the item type of {key!r}")
    count = cursor.take("Q", f"the length of {key!r}")
    remaining = cursor.size - cursor.pos
    if item_type in _SCALARS:
        width = struct.calcsize("<" + _SCALARS[item_type])
        if count * width > remaining:
            raise _Truncated(f"array {key!r} of {count:,} items", cursor.pos + count * width)
        if count > _SMALL_ARRAY:
            cursor.skip(count * width, f"array {key!r}")
            return None, count
        return [cursor.take(_SCALARS[item_type], f"array {key!r}") for _ in range(count)], count
    if item_type == _STRING:
        if count * 8 > remaining:  # every string needs at least its 8-byte length
            raise _Truncated(f"array {key!r} of {count:,} strings", cursor.pos + count * 8)
        what = f"an item of {key!r}"
        if keep_strings:
            return [cursor.raw_string(what) for _ in range(count)], count
        items = [cursor.string(what) for _ in range(count)]
        return (items if count <= _SMALL_ARRAY else None), count
    if item_type == _ARRAY and depth < 2:
        if count * 12 > remaining:
            raise _Truncated(f"array {key!r} of {count:,} arrays", cursor.pos + count * 12)
        for _ in range(count):
            _read_array(cursor, key, depth=depth + 1)
        return None, count
    raise _Damaged(f"array {key!r} has an unknown item type {item_type}")


def _read_tensor_info(cursor: _Cursor, index: int) -> _Tensor:
    import gguf

    name = cursor.string(f"the name of tensor #{index}", limit=65535)
    n_dims = cursor.take("I", f"the rank of tensor {name!r}")
    if not 1 <= n_dims <= _MAX_DIMS:
        raise _Damaged(f"tensor {name!r} has {n_dims} dimensions (GGUF allows 1 to {_MAX_DIMS})")
    shape = tuple(cursor.take("Q", f"the shape of tensor {name!r}") for _ in range(n_dims))
    type_id = cursor.take("I", f"the type of tensor {name!r}")
    offset = cursor.take("Q", f"the data offset of tensor {name!r}")
    try:
        qtype = gguf.GGMLQuantizationType(type_id)
    except ValueError:
        raise _Damaged(f"tensor {name!r} has tensor type {type_id}, unknown to this Hearth's gguf library") from None
    block, _ = gguf.GGML_QUANT_SIZES[qtype]
    if shape[0] % block:
        raise _Damaged(f"tensor {name!r} of type {qtype.name} has a row of {shape[0]}, not a multiple of {block}")
    return _Tensor(name, shape, type_id, offset)


def _n_elements(tensor: _Tensor) -> int:
    n = 1
    for dim in tensor.shape:
        n *= dim
    return n


def _n_bytes(tensor: _Tensor) -> int:
    import gguf

    block, type_size = gguf.GGML_QUANT_SIZES[gguf.GGMLQuantizationType(tensor.type_id)]
    return _n_elements(tensor) // block * type_size


def _check_tensor_data(path: Path, header: _Header, size: int) -> int:
    """Check every tensor's data lies in the file; return where the last one ends."""
    alignment = header.kv.get("general.alignment", 32)
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        raise ModelError(f"{path} has a damaged header: general.alignment is {alignment!r}", _HINT_DAMAGED)
    data_start = -(-header.end // alignment) * alignment
    end = data_start
    for tensor in header.tensors:
        if tensor.offset % alignment:
            raise ModelError(
                f"{path} has a damaged header: tensor {tensor.name!r} starts at offset {tensor.offset}, "
                f"not a multiple of the alignment {alignment}",
                _HINT_DAMAGED,
            )
        end = max(end, data_start + tensor.offset + _n_bytes(tensor))
    if end > size:
        raise ModelError(
            f"{path} is truncated: its tensors need {end:,} bytes but the file has {size:,} "
            f"({end - size:,} bytes missing)",
            "the copy or download stopped early; copy or download the file again",
        )
    return end


def _quantization(kv: dict[str, Any], tensors: list[_Tensor]) -> str:
    import gguf

    file_type = kv.get("general.file_type")
    if isinstance(file_type, int):
        try:
            name = gguf.LlamaFileType(file_type & ~gguf.LlamaFileType.GUESSED).name
            return name.removeprefix("MOSTLY_").removeprefix("ALL_")
        except ValueError:
            log.debug("unknown general.file_type %r; using the tensor types", file_type)
    weights = Counter()
    for tensor in tensors:
        if len(tensor.shape) >= 2:
            weights[tensor.type_id] += _n_bytes(tensor)
    if not weights:
        return "unknown"
    return gguf.GGMLQuantizationType(weights.most_common(1)[0][0]).name


def _token_text(tokens: list[bytes] | None, token_id: Any) -> str | None:
    if tokens is None or not isinstance(token_id, int) or not 0 <= token_id < len(tokens):
        return None
    return tokens[token_id].decode("utf-8", errors="replace")


def _end_of_turn(kv: dict[str, Any], tokens: list[bytes] | None) -> tuple[tuple[str, ...], tuple[int, ...]]:
    found: dict[int, str] = {}
    for key in ("tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"):
        text = _token_text(tokens, kv.get(key))
        if text is not None:
            found[kv[key]] = text
    if tokens is not None:
        wanted = {m.encode(): m for m in END_OF_TURN_MARKERS}
        for token_id, token in enumerate(tokens):
            if token in wanted:
                found.setdefault(token_id, wanted[token])
    ids = tuple(sorted(found))
    return tuple(found[i] for i in ids), ids


def _metadata(header: _Header) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in header.kv.items():
        if isinstance(value, str) and len(value) > _SMALL_STRING:
            continue
        out[key] = value
    return out


def _build_info(path: Path, header: _Header, size: int) -> GGUFInfo:
    kv = header.kv
    arch = kv.get("general.architecture")
    if not isinstance(arch, str) or not arch:
        raise ModelError(f"{path} does not name its architecture (general.architecture)",
                         "convert the model again with a current llama.cpp")
    context = kv.get(f"{arch}.context_length")
    end_texts, end_ids = _end_of_turn(kv, header.tokens)
    template = kv.get("tokenizer.chat_template")
    types = Counter(_type_name(t.type_id) for t in header.tensors)
    return GGUFInfo(
        path=path,
        version=header.version,
        architecture=arch,
        name=_str_or_none(kv.get("general.name")),
        parameters=sum(_n_elements(t) for t in header.tensors),
        quantization=_quantization(kv, header.tensors),
        context_length=context if isinstance(context, int) else None,
        chat_template=template if isinstance(template, str) and template.strip() else None,
        license=_str_or_none(kv.get("general.license")),
        bos_token_id=_int_or_none(kv.get("tokenizer.ggml.bos_token_id")),
        eos_token_id=_int_or_none(kv.get("tokenizer.ggml.eos_token_id")),
        bos_token=_token_text(header.tokens, kv.get("tokenizer.ggml.bos_token_id")),
        eos_token=_token_text(header.tokens, kv.get("tokenizer.ggml.eos_token_id")),
        end_of_turn_tokens=end_texts,
        end_of_turn_ids=end_ids,
        vocab_size=header.array_counts.get(_TOKENS_KEY),
        tensor_count=header.tensor_count,
        size_bytes=size,
        tensor_types=dict(types.most_common()),
        metadata=_metadata(header),
    )


def _type_name(type_id: int) -> str:
    import gguf

    return gguf.GGMLQuantizationType(type_id).name


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
