"""HF -> GGUF: a Hugging Face model folder (safetensors) to one GGUF file, streamed tensor by tensor.

A big tensor is read a block of rows at a time where the family's transform
allows (see ``ArchConverter.row_local``), so the peak memory stays a few
blocks and the largest tensor that must be transformed whole.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import torch

from .base import ArchConverter
from .errors import ConversionError
from .gguf_file import KV, typed
from .registry import converter_for, load_config
from .tokenizer import folder_chat_template, gguf_tokenizer_kvs, hf_tokenizer_kvs
from .writer import OUTTYPES, PlannedTensor, choose_type, write_gguf

__all__ = ["SafetensorsSource", "convert_hf", "metadata_kvs"]

log = logging.getLogger(__name__)

_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64}
_HEADER_LIMIT = 100 << 20  # the most JSON the safetensors library itself accepts


@dataclass(frozen=True)
class _Stored:
    """Where one tensor lies: its file, stored type and shape, and its bytes' offset and length in the file."""

    file: BinaryIO
    dtype: str
    shape: tuple[int, ...]
    offset: int
    nbytes: int


class SafetensorsSource:
    """The tensors of one or more safetensors files, read on demand, whole or a block of rows at a time.

    The files are read, not memory-mapped: the pages of a mapped file stay in
    the process's resident set until the file is closed, so a model read
    through a mapping ends up resident in full however it is streamed.
    """

    def __init__(self, files: list[Path], stack: ExitStack) -> None:
        self._where: dict[str, _Stored] = {}
        for path in files:
            self._where.update(_read_index(path, stack.enter_context(path.open("rb", buffering=0))))

    @classmethod
    def of_folder(cls, folder: Path, stack: ExitStack, stem: str = "model") -> SafetensorsSource:
        """The weights of a model folder: ``model.safetensors`` or the shards its index names.

        Raises:
            ConversionError: there are no safetensors weights (pickled weights are never read).
        """
        index = folder / f"{stem}.safetensors.index.json"
        if index.is_file():
            shards = sorted(set(json.loads(index.read_text(encoding="utf-8"))["weight_map"].values()))
            return cls([folder / s for s in shards], stack)
        single = folder / f"{stem}.safetensors"
        if single.is_file():
            return cls([single], stack)
        pickled = [p.name for p in folder.glob("*.bin")] + [p.name for p in folder.glob("*.pt")]
        hint = (f" (found {', '.join(pickled)}: pickled weights are never loaded; re-save with "
                "save_pretrained(safe_serialization=True))" if pickled else "")
        raise ConversionError(f"{folder} has no {stem}.safetensors{hint}")

    def names(self) -> list[str]:
        return list(self._where)

    def meta(self, name: str) -> torch.Tensor:
        """A data-less tensor of the stored shape and dtype, for planning."""
        stored = self._where[name]
        dtype = _DTYPES.get(stored.dtype)
        if dtype is None:
            raise ConversionError(f"{name} is stored as {stored.dtype}: a quantized checkpoint cannot be "
                                  "converted; merge or dequantize it to a float model first")
        if stored.nbytes != math.prod(stored.shape) * dtype.itemsize:
            raise ConversionError(f"{name} has {stored.nbytes} bytes where its shape {stored.shape} needs "
                                  f"{math.prod(stored.shape) * dtype.itemsize}: the file is damaged; re-save the model")
        return torch.empty(stored.shape, dtype=dtype, device="meta")

    def load(self, name: str) -> torch.Tensor:
        """The tensor's values, as float32 (transforms such as Gemma's +1 are exact in float32)."""
        stored = self._where[name]
        return self._read(name, stored.offset, stored.shape)

    def rows(self, name: str, start: int, stop: int) -> torch.Tensor:
        """Rows ``start:stop`` of the tensor (along its first dimension), as float32."""
        stored = self._where[name]
        row = stored.nbytes // stored.shape[0] if stored.shape[0] else 0
        return self._read(name, stored.offset + start * row, (stop - start, *stored.shape[1:]))

    def _read(self, name: str, offset: int, shape: tuple[int, ...]) -> torch.Tensor:
        # read in the stored type, so a bf16 block is converted to float32 only once it is in memory
        stored = self._where[name]
        out = torch.empty(shape, dtype=self.meta(name).dtype)
        view = memoryview(out.reshape(-1).view(torch.uint8).numpy())
        stored.file.seek(offset)
        done = 0
        while done < len(view):
            count = stored.file.readinto(view[done:])
            if not count:
                raise ConversionError(f"{name} is cut short in its safetensors file: re-save or re-download the model")
            done += count
        return out.to(torch.float32)


def _read_index(path: Path, file: BinaryIO) -> dict[str, _Stored]:
    """The tensors of one safetensors file, by name in sorted order (as the safetensors library lists them).

    Raises:
        ConversionError: the file is not a safetensors file, or is cut short.
    """
    size = os.fstat(file.fileno()).st_size
    length = int.from_bytes(file.read(8), "little")
    damaged = f"{path} is not a whole safetensors file; re-save or re-download the model"
    if not 0 < length <= min(_HEADER_LIMIT, size - 8):
        raise ConversionError(damaged)
    try:
        header = json.loads(file.read(length))
        index = {}
        for name in sorted(header):
            if name == "__metadata__":
                continue
            begin, end = (int(o) for o in header[name]["data_offsets"])
            shape = tuple(int(d) for d in header[name]["shape"])
            index[name] = _Stored(file, str(header[name]["dtype"]), shape, 8 + length + begin, end - begin)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConversionError(damaged) from exc
    for name, stored in index.items():
        if stored.nbytes < 0 or stored.offset + stored.nbytes > size:
            raise ConversionError(f"{name} lies past the end of {path}: the file is cut short; re-save or "
                                  "re-download the model")
    return index


def metadata_kvs(metadata: Mapping[str, Any] | None) -> dict[str, KV]:
    """The caller's extra key/values (str, int, float or bool each; a None is left out)."""
    out = {}
    for key, value in (metadata or {}).items():
        if value is None:
            continue
        if not isinstance(value, (str, int, float, bool)):
            raise ConversionError(f"metadata {key!r} must be a str, int, float or bool, not {type(value).__name__}")
        out[key] = typed(value, wide=True)
    return out


def _plan(arch: ArchConverter, source: SafetensorsSource, outtype: str) -> list[PlannedTensor]:
    qtype = OUTTYPES[outtype][0]
    planned: list[PlannedTensor] = []
    for name in source.names():
        for index, (gguf_name, meta) in enumerate(arch.map_tensor(name, source.meta(name))):
            def load(name: str = name, index: int = index) -> torch.Tensor:
                return arch.map_tensor(name, source.load(name))[index][1]

            def load_rows(start: int, stop: int, name: str = name, index: int = index) -> torch.Tensor:
                return arch.map_tensor(name, source.rows(name, start, stop))[index][1]

            shape = tuple(meta.shape)
            row_local = len(shape) > 0 and arch.row_local(arch.normalize_name(name))
            planned.append(PlannedTensor(gguf_name, shape, choose_type(gguf_name, shape, qtype), load,
                                         load_rows if row_local else None))
    for gguf_name, tensor in arch.extra_tensors():
        shape = tuple(tensor.shape)
        planned.append(PlannedTensor(gguf_name, shape, choose_type(gguf_name, shape, qtype),
                                     lambda tensor=tensor: tensor))
    names = [p.name for p in planned]
    if len(set(names)) != len(names):
        raise ConversionError("two checkpoint tensors map to the same GGUF tensor; the checkpoint is not a "
                              f"plain {arch.architecture}")
    if not arch.tied and "output.weight" not in names:
        raise ConversionError("the config says the output layer is not tied to the embedding, but the checkpoint "
                              "has no lm_head.weight; re-save the model")
    return planned


def _embedding_rows(planned: list[PlannedTensor]) -> int:
    for p in planned:
        if p.name == "token_embd.weight":
            return p.shape[0]
    raise ConversionError("the checkpoint has no token embedding (model.embed_tokens.weight)")


def _tokenizer(folder: Path, n_vocab: int, chat_template: str | None,
               tokenizer_gguf: str | Path | None) -> dict[str, KV]:
    """The tokenizer.* key/values: the folder's tokenizer, or those of ``tokenizer_gguf`` byte for byte
    (with the chat template given, else its own, else the folder's)."""
    if tokenizer_gguf is None:
        return hf_tokenizer_kvs(folder, n_vocab=n_vocab, chat_template=chat_template)
    kvs = gguf_tokenizer_kvs(tokenizer_gguf)
    n_tokens = len(kvs["tokenizer.ggml.tokens"].value)
    if n_tokens != n_vocab:
        raise ConversionError(f"the tokenizer of {Path(tokenizer_gguf).name} has {n_tokens} tokens but the model's "
                              f"embedding has {n_vocab} rows: it is not this model's base")
    if chat_template is not None:
        kvs["tokenizer.chat_template"] = typed(chat_template)
    elif "tokenizer.chat_template" not in kvs:
        template = folder_chat_template(folder)
        if template:
            kvs["tokenizer.chat_template"] = typed(template)
    return kvs


def convert_hf(folder: str | Path, out: str | Path, *, outtype: str = "f16", chat_template: str | None = None,
               tokenizer_gguf: str | Path | None = None, metadata: Mapping[str, Any] | None = None,
               progress: Callable[[int, int], None] | None = None) -> Path:
    """Convert the Hugging Face model in ``folder`` to the GGUF file ``out``.

    Args:
        folder: a model folder with config.json, safetensors weights and the tokenizer.
        out: the file to write (exactly this path; the caller renames it into place).
        outtype: the type of the matrices: f32, f16, bf16 or q8_0; vectors and norms stay F32.
        chat_template: the template to write instead of the tokenizer's.
        tokenizer_gguf: copy every ``tokenizer.*`` key from this GGUF instead of
            converting the folder's tokenizer (a base that came as GGUF).
        metadata: extra key/values to write (str, int, float or bool; None is
            skipped), e.g. ``{"hearth.method": "qlora"}``; they override converted
            keys of the same name.
        progress: called with (tensors written, tensors in all) after each tensor.

    Returns:
        ``out``.

    Raises:
        UnsupportedModel: the architecture, or one of its settings, has no converter.
        ConversionError: the folder cannot be converted (weights, tokenizer, ...).
    """
    folder, out = Path(folder), Path(out)
    if outtype not in OUTTYPES:
        raise ConversionError(f"outtype {outtype!r} is not one of {', '.join(OUTTYPES)}")
    arch = converter_for(load_config(folder))
    with ExitStack() as stack:
        source = SafetensorsSource.of_folder(folder, stack)
        planned = _plan(arch, source, outtype)
        kvs: dict[str, KV] = {
            "general.type": typed("model"),
            "general.name": typed(folder.name),
            "general.file_type": typed(int(OUTTYPES[outtype][1])),
        }
        if outtype == "q8_0":
            import gguf

            kvs["general.quantization_version"] = typed(gguf.GGML_QUANT_VERSION)
        kvs.update({k: typed(v) for k, v in arch.hparams().items()})
        kvs.update(_tokenizer(folder, _embedding_rows(planned), chat_template, tokenizer_gguf))
        kvs.update(metadata_kvs(metadata))
        kvs["general.name"] = typed(arch.gguf_name(kvs["general.name"].value, folder))
        log.info("converting %s (%s) to %s: %d tensors, %s", folder, arch.architecture, out, len(planned), outtype)
        return write_gguf(out, arch.gguf_arch, kvs, planned, progress)
