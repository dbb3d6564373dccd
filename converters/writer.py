"""Writing a GGUF file one tensor at a time.

The plan (names, shapes, types) is known before any tensor is read: the
header and the tensor table are written first (by ``gguf.GGUFWriter``), then
each tensor is loaded, transformed, encoded and written a block of rows at a
time (here: GGUFWriter takes a tensor whole), and dropped before the next
block is read. The peak memory is a few blocks, plus the largest tensor that
can only be loaded whole, not the model.
"""

from __future__ import annotations

import logging
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import gguf
import numpy as np
import torch

from .errors import ConversionError
from .gguf_file import KV

__all__ = ["OUTTYPES", "PlannedTensor", "choose_type", "write_gguf"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
QT = gguf.GGMLQuantizationType

# outtype argument -> (tensor type of matrices, general.file_type)
OUTTYPES: Mapping[str, tuple[QT, int]] = {
    "f32": (QT.F32, gguf.LlamaFileType.ALL_F32),
    "f16": (QT.F16, gguf.LlamaFileType.MOSTLY_F16),
    "bf16": (QT.BF16, gguf.LlamaFileType.MOSTLY_BF16),
    "q8_0": (QT.Q8_0, gguf.LlamaFileType.MOSTLY_Q8_0),
}
# The float32 bytes of one block of rows: every type is encoded row by row (Q8_0 in blocks of 32 along a row),
# so the bytes of a tensor written a block at a time are those of the tensor written whole.
BLOCK_BYTES = 16 << 20


@dataclass
class PlannedTensor:
    """One tensor of the output: its GGUF name, shape (numpy order), type and how to load it.

    ``load_rows(start, stop)``, where given, loads rows ``start:stop`` (along the
    first dimension) alone, and is used instead of ``load`` to write the tensor
    a block at a time.
    """

    name: str
    shape: tuple[int, ...]
    qtype: QT
    load: Callable[[], torch.Tensor]
    load_rows: Callable[[int, int], torch.Tensor] | None = None

    @property
    def nbytes(self) -> int:
        block, size = gguf.GGML_QUANT_SIZES[self.qtype]
        return math.prod(self.shape[:-1]) * (self.shape[-1] // block) * size


def choose_type(name: str, shape: tuple[int, ...], outtype: QT) -> QT:
    """The tensor type for one tensor: vectors and norms stay F32 (as llama.cpp's converter keeps them);
    a matrix whose rows do not fill Q8_0 blocks falls back to F16."""
    if len(shape) <= 1 or name.endswith("_norm.weight"):
        return QT.F32
    if outtype == QT.Q8_0 and shape[-1] % gguf.GGML_QUANT_SIZES[QT.Q8_0][0] != 0:
        return QT.F16
    return outtype


def encode(tensor: torch.Tensor, qtype: QT) -> np.ndarray:
    """The bytes of ``tensor`` in ``qtype``, as the numpy array GGUFWriter writes."""
    tensor = tensor.detach().to("cpu").contiguous()
    if qtype == QT.F32:
        return tensor.to(torch.float32).numpy()
    if qtype == QT.F16:
        return tensor.to(torch.float16).numpy()
    if qtype == QT.BF16:
        return tensor.to(torch.bfloat16).view(torch.int16).numpy()
    if qtype == QT.Q8_0:
        return gguf.quants.quantize(tensor.to(torch.float32).numpy(), QT.Q8_0)
    raise ConversionError(f"tensor type {qtype.name} cannot be written by the converters")


def write_gguf(path: Path, arch: str, kvs: Mapping[str, KV], tensors: Iterable[PlannedTensor],
               progress: Progress | None = None) -> Path:
    """Write the GGUF file at ``path``: metadata, the tensor table, then each tensor as it is loaded.

    A file left half-written by an error is removed.
    """
    tensors = list(tensors)
    try:
        alignment = _write_head(path, arch, kvs, tensors)
        with open(path, "ab") as fout:
            for done, t in enumerate(tensors, 1):
                _pad(fout, fout.tell(), alignment)
                _write_tensor(fout, t)
                _pad(fout, t.nbytes, alignment)
                if progress is not None:
                    progress(done, len(tensors))
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return Path(path)


def _write_head(path: Path, arch: str, kvs: Mapping[str, KV], tensors: list[PlannedTensor]) -> int:
    """Write the header, the key/values and the tensor table; return the alignment of the tensor data."""
    writer = gguf.GGUFWriter(str(path), arch)
    try:
        for key, kv in kvs.items():
            if key != gguf.Keys.General.ARCHITECTURE:
                writer.add_key_value(key, kv.value, kv.type, kv.sub_type)
        for t in tensors:
            # a non-uint8 dtype makes GGUFWriter take the shape as the logical one for every type
            writer.add_tensor_info(t.name, t.shape, np.dtype(np.float32), t.nbytes, raw_dtype=t.qtype)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        return writer.data_alignment
    finally:
        writer.close()


def _pad(fout: BinaryIO, n: int, alignment: int) -> None:
    """Zeros up to the next multiple of ``alignment`` after ``n`` (where GGUFWriter pads)."""
    fout.write(bytes(-n % alignment))


def _write_tensor(fout: BinaryIO, planned: PlannedTensor) -> None:
    written = 0
    for block in _blocks(planned):
        data = encode(block, planned.qtype)
        if sys.byteorder == "big":  # GGUF files are little-endian (as GGUFWriter writes them)
            data = data.byteswap()
        data.tofile(fout)
        written += data.nbytes
        del block, data
    if written != planned.nbytes:
        raise ConversionError(f"{planned.name}: {written} bytes were encoded where {planned.nbytes} were planned")


def _blocks(planned: PlannedTensor) -> Iterator[torch.Tensor]:
    """The tensor's values in blocks of rows of about ``BLOCK_BYTES`` in float32 (a 0-d tensor whole)."""
    shape = planned.shape
    if not shape:
        yield _checked(planned, planned.load())
        return
    step = max(1, BLOCK_BYTES // (4 * max(1, math.prod(shape[1:]))))
    whole = _checked(planned, planned.load()) if planned.load_rows is None else None
    for start in range(0, shape[0], step):
        stop = min(shape[0], start + step)
        if whole is not None:
            yield whole[start:stop]
        else:
            yield _checked(planned, planned.load_rows(start, stop), (stop - start, *shape[1:]))


def _checked(planned: PlannedTensor, tensor: torch.Tensor, shape: tuple[int, ...] | None = None) -> torch.Tensor:
    shape = planned.shape if shape is None else shape
    if tuple(tensor.shape) != shape:
        raise ConversionError(f"{planned.name}: the tensor has shape {tuple(tensor.shape)} where {shape} "
                              "was planned; the checkpoint changed while it was converted")
    return tensor
