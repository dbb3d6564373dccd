"""Check a GGUF file before llama.cpp ever sees it, and read what the catalog needs from it.

llama.cpp trusts the counts and offsets in a GGUF header; a truncated download
or a damaged file can make it assert, allocate absurd amounts of memory or read
past the end of a mapping. :func:`inspect_gguf` reads the header with the
converters' bounded reader (:func:`converters.gguf_file.read_header`, the one
GGUF header reader), checks that the file is long enough for every tensor's
data, and turns what is wrong into a :class:`~core.errors.ModelError` that says
what to do.
"""

from __future__ import annotations

import logging
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converters.errors import ConversionError
from converters.gguf_file import (
    MAGIC,
    MAX_KEYS,
    MAX_TENSORS,
    VERSIONS,
    GGUFHeader,
    HeaderDamaged,
    HeaderTruncated,
    TensorInfo,
    read_header,
)
from core.errors import ModelError
from core.workspace import not_a_regular_file

__all__ = [
    "END_OF_TURN_MARKERS",
    "GGUFInfo",
    "inspect_gguf",
]

log = logging.getLogger(__name__)

_SMALL_ARRAY = 32  # arrays up to this long are kept in ``metadata``; longer ones only counted
_SMALL_STRING = 1024  # longer strings (templates) are kept out of ``metadata``
_HEADER = struct.Struct("<4sIQQ")

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
        _check_start(path, handle.read(_HEADER.size), size)
    header = _read_header(path, size)
    tensors_end = _check_tensor_data(path, header, size)
    if tensors_end < size:
        log.debug("%s: %d bytes after the last tensor", path, size - tensors_end)
    return _build_info(path, header, size)


def _file_size(path: Path) -> int:
    if not path.exists() and not path.is_symlink():
        raise ModelError(f"no such file: {path}", "check the path; give the .gguf file itself")
    if path.is_dir():
        raise ModelError(f"{path} is a folder, not a GGUF file",
                         "give the .gguf file inside it, or import the folder as a Hugging Face model")
    reason = not_a_regular_file(path)
    if reason is not None:
        raise ModelError(f"{path} {reason}", "give the .gguf file itself")
    try:
        return path.stat().st_size
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc.strerror}", "check the file's permissions") from exc


def _check_start(path: Path, start: bytes, size: int) -> None:
    if start[:4] != MAGIC:
        raise ModelError(
            f"{path} is not a GGUF file (it starts with {start[:4]!r}, not b'GGUF')",
            "give a .gguf model file; a Hugging Face folder is imported as a folder",
        )
    if len(start) < _HEADER.size:
        raise ModelError(f"{path} is truncated: {size} bytes, too short even for a GGUF header", _HINT_DAMAGED)
    _, version, tensor_count, kv_count = _HEADER.unpack(start)
    if version not in VERSIONS:
        swapped = int.from_bytes(version.to_bytes(4, "little"), "big")
        if swapped in VERSIONS:
            raise ModelError(f"{path} is a big-endian GGUF file", "use the little-endian build of this model")
        raise ModelError(
            f"{path} has GGUF version {version}; Hearth reads versions 2 and 3",
            "convert the model again with a current llama.cpp" if version < 2 else _HINT_DAMAGED,
        )
    if tensor_count > MAX_TENSORS:
        raise ModelError(
            f"{path} claims {tensor_count:,} tensors (more than {MAX_TENSORS:,}); the header is damaged",
            _HINT_DAMAGED,
        )
    if kv_count > MAX_KEYS:
        raise ModelError(
            f"{path} claims {kv_count:,} metadata keys (more than {MAX_KEYS:,}); the header is damaged",
            _HINT_DAMAGED,
        )


def _read_header(path: Path, size: int) -> GGUFHeader:
    try:
        return read_header(path, keep_arrays=_SMALL_ARRAY, always_keep=(_TOKENS_KEY,))
    except HeaderTruncated as exc:
        raise ModelError(f"{path} is truncated: {exc}", _HINT_DAMAGED) from None
    except HeaderDamaged as exc:
        raise ModelError(f"{path} has a damaged header: {exc}", _HINT_DAMAGED) from None
    except ConversionError as exc:
        raise ModelError(f"cannot read {path}: {exc}", "check the file and its permissions") from None


def _plain(value: Any) -> Any:
    """A metadata value as the catalog keeps it: text as str."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _values(header: GGUFHeader) -> dict[str, Any]:
    return {key: _plain(kv.value) for key, kv in header.kvs.items() if key != _TOKENS_KEY}


def _tokens(header: GGUFHeader) -> list[bytes] | None:
    kv = header.kvs.get(_TOKENS_KEY)
    return kv.value if kv is not None else None


def _n_elements(tensor: TensorInfo) -> int:
    n = 1
    for dim in tensor.shape:
        n *= dim
    return n


def _n_bytes(tensor: TensorInfo) -> int:
    import gguf

    block, type_size = gguf.GGML_QUANT_SIZES[gguf.GGMLQuantizationType(tensor.type_id)]
    return _n_elements(tensor) // block * type_size


def _check_tensor_data(path: Path, header: GGUFHeader, size: int) -> int:
    """Check every tensor's data lies in the file; return where the last one ends."""
    kv = header.kvs.get("general.alignment")
    alignment = kv.value if kv is not None else 32
    if not isinstance(alignment, int) or alignment <= 0 or alignment & (alignment - 1):
        raise ModelError(f"{path} has a damaged header: general.alignment is {alignment!r}", _HINT_DAMAGED)
    data_start = -(-header.end // alignment) * alignment
    end = data_start
    for tensor in header.tensor_list:
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


def _quantization(kv: dict[str, Any], tensors: list[TensorInfo]) -> str:
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


def _metadata(kv: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in kv.items():
        if isinstance(value, str) and len(value) > _SMALL_STRING:
            continue
        out[key] = value
    return out


def _build_info(path: Path, header: GGUFHeader, size: int) -> GGUFInfo:
    kv, tokens = _values(header), _tokens(header)
    arch = kv.get("general.architecture")
    if not isinstance(arch, str) or not arch:
        raise ModelError(f"{path} does not name its architecture (general.architecture)",
                         "convert the model again with a current llama.cpp")
    context = kv.get(f"{arch}.context_length")
    end_texts, end_ids = _end_of_turn(kv, tokens)
    template = kv.get("tokenizer.chat_template")
    types = Counter(_type_name(t.type_id) for t in header.tensor_list)
    return GGUFInfo(
        path=path,
        version=header.version,
        architecture=arch,
        name=_str_or_none(kv.get("general.name")),
        parameters=sum(_n_elements(t) for t in header.tensor_list),
        quantization=_quantization(kv, header.tensor_list),
        context_length=context if isinstance(context, int) else None,
        chat_template=template if isinstance(template, str) and template.strip() else None,
        license=_str_or_none(kv.get("general.license")),
        bos_token_id=_int_or_none(kv.get("tokenizer.ggml.bos_token_id")),
        eos_token_id=_int_or_none(kv.get("tokenizer.ggml.eos_token_id")),
        bos_token=_token_text(tokens, kv.get("tokenizer.ggml.bos_token_id")),
        eos_token=_token_text(tokens, kv.get("tokenizer.ggml.eos_token_id")),
        end_of_turn_tokens=end_texts,
        end_of_turn_ids=end_ids,
        vocab_size=header.array_counts.get(_TOKENS_KEY),
        tensor_count=len(header.tensor_list),
        size_bytes=size,
        tensor_types=dict(types.most_common()),
        metadata=_metadata(kv),
    )


def _type_name(type_id: int) -> str:
    import gguf

    return gguf.GGMLQuantizationType(type_id).name


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
