"""Reading a SentencePiece ``tokenizer.model`` without the protobuf package.

The file is a protobuf ``ModelProto``; the converters need its pieces (text,
score, type), the trainer's model type and three normaliser settings, so a
minimal reader of protobuf's wire format (varints, fixed32, length-delimited
fields) walks it. Field numbers are those of SentencePiece's
``sentencepiece_model.proto``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConversionError

__all__ = ["BPE", "SentencePieceModel", "read_sentencepiece"]

BPE = 2  # TrainerSpec.ModelType: 1 unigram, 2 BPE, 3 word, 4 char
# SentencePiece numbers its piece types as GGUF numbers token types (normal 1, unknown 2, control 3,
# user-defined 4, unused 5, byte 6), so they are written as they are read.
_NORMAL = 1


@dataclass
class SentencePieceModel:
    """A SentencePiece model's pieces (text, score, type by id) and the settings that change tokenisation."""

    pieces: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    types: list[int] = field(default_factory=list)
    model_type: int = 1
    normalizer: str = ""
    add_dummy_prefix: bool = True
    remove_extra_whitespaces: bool = True


def _proto_fields(buf: bytes) -> Iterator[tuple[int, int, Any]]:
    """(field number, wire type, value) of a protobuf message: enough to read a SentencePiece model
    without the protobuf package."""
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(buf, i)
        elif wire == 1:
            value, i = buf[i:i + 8], i + 8
        elif wire == 2:
            length, i = _varint(buf, i)
            value, i = buf[i:i + length], i + length
        elif wire == 5:
            value, i = buf[i:i + 4], i + 4
        else:
            raise ConversionError(f"tokenizer.model is not a SentencePiece model (protobuf wire type {wire})")
        yield number, wire, value


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if i >= len(buf):
            raise ConversionError("tokenizer.model is truncated")
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, i


def read_sentencepiece(path: Path) -> SentencePieceModel:
    """The pieces and settings of the SentencePiece model at ``path``.

    Raises:
        ConversionError: the file is not a SentencePiece model.
    """
    model = SentencePieceModel()
    for number, _, value in _proto_fields(path.read_bytes()):
        if number == 1:  # ModelProto.pieces: piece=1, score=2 (float), type=3
            piece, score, kind = "", 0.0, _NORMAL
            for n, _, v in _proto_fields(value):
                if n == 1:
                    piece = v.decode("utf-8")
                elif n == 2:
                    score = struct.unpack("<f", v)[0]
                elif n == 3:
                    kind = v
            model.pieces.append(piece)
            model.scores.append(score)
            model.types.append(kind)
        elif number == 2:  # TrainerSpec: model_type=3
            for n, _, v in _proto_fields(value):
                if n == 3:
                    model.model_type = v
        elif number == 3:  # NormalizerSpec: name=1, add_dummy_prefix=3, remove_extra_whitespaces=4
            for n, _, v in _proto_fields(value):
                if n == 1:
                    model.normalizer = v.decode("utf-8")
                elif n == 3:
                    model.add_dummy_prefix = bool(v)
                elif n == 4:
                    model.remove_extra_whitespaces = bool(v)
    if not model.pieces:
        raise ConversionError(f"{path} holds no SentencePiece vocabulary")
    return model
