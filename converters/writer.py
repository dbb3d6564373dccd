"""Writing a GGUF file one tensor at a time.

The plan (names, shapes, types) is known before any tensor is read: the
header and the tensor table are written first, then each tensor is loaded,
transformed, encoded and written, and dropped before the next one is read. The
peak memory is a few copies of the largest tensor, not the model.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

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


@dataclass
class PlannedTensor:
    """One tensor of the output: its GGUF name, shape (numpy order), type and how to load it."""

    name: str
    shape: tuple[int, ...]
    qtype: QT
    load: Callable[[], torch.Tensor]

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
        for done, t in enumerate(tensors, 1):
            data = encode(_checked(t, t.load()), t.qtype)
            writer.write_tensor_data(data)
            del data
            if progress is not None:
                progress(done, len(tensors))
        writer.close()
    except BaseException:
        writer.close()
        Path(path).unlink(missing_ok=True)
        raise
    return Path(path)


def _checked(planned: PlannedTensor, tensor: torch.Tensor) -> torch.Tensor:
    if tuple(tensor.shape) != planned.shape:
        raise ConversionError(f"{planned.name}: the tensor has shape {tuple(tensor.shape)} where {planned.shape} "
                              "was planned; the checkpoint changed while it was converted")
    return tensor
