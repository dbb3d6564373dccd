"""Malformed inputs for the adversarial tests: GGUF files and dataset files broken one way each.

Each builder writes its case into a folder and returns the path to give Hearth. GGUF cases start from a small
valid file written by gguf-py's own writer (not by Hearth), then patch the bytes at the place the case breaks.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable
from pathlib import Path

Builder = Callable[[Path], Path]


def minimal_gguf(path: Path, *, architecture: str = "llama", with_array: bool = False) -> Path:
    """A valid GGUF of two F32 tensors ("a.weight" 4x8, "b.weight" 8), written by gguf-py."""
    import gguf
    import numpy as np

    writer = gguf.GGUFWriter(str(path), architecture)
    writer.add_name("mini")
    writer.add_context_length(64)
    if with_array:
        writer.add_array("hearth.test.list", [1, 2, 3])
    writer.add_tensor("a.weight", np.ones((4, 8), dtype=np.float32))
    writer.add_tensor("b.weight", np.ones((8,), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def _u32(n: int) -> bytes:
    return struct.pack("<I", n)


def _u64(n: int) -> bytes:
    return struct.pack("<Q", n)


def _patched(name: str, patch: Callable[[bytes], bytes], **options) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / f"{name}.gguf"
        data = minimal_gguf(folder / f"{name}.base.gguf", **options).read_bytes()
        path.write_bytes(patch(data))
        return path
    return build


def _b_info(data: bytes) -> int:
    """Where tensor "b.weight"'s info continues after its name: n_dims (u32), 1 dim (u64), type (u32), offset."""
    return data.index(b"b.weight") + len(b"b.weight")


def _first_key_type(data: bytes) -> int:
    (length,) = struct.unpack_from("<Q", data, 24)
    return 24 + 8 + length


def _array_count(data: bytes) -> int:
    at = data.index(b"hearth.test.list") + len(b"hearth.test.list")
    return at + 4 + 4  # the array's type (u32), its items' type (u32), then its count (u64)


def _special(kind: str, suffix: str = ".gguf") -> Builder:
    """A path that is not a regular file: a named pipe, a link loop, a folder, a /proc file, a dangling link."""
    def build(folder: Path) -> Path:
        path = folder / f"{kind}{suffix}"
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "loop":
            path.symlink_to(path)
        elif kind == "folder":
            path.mkdir()
        elif kind == "proc":
            path.symlink_to("/proc/self/mem")
        elif kind == "dangling":
            path.symlink_to(folder / "nowhere.gguf")
        return path
    return build


def _missing(folder: Path) -> Path:
    return folder / "no-such-model.gguf"


def _raw(name: str, data: bytes) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return build


def _unknown_architecture(folder: Path) -> Path:
    return minimal_gguf(folder / "mystery.gguf", architecture="mystery")


# (case, builder, exit code, what the output must say). Exit code 1 with a message and a hint, no traceback; 0
# for a file that is odd but usable (it is imported).
GGUF_CASES: list[tuple[str, Builder, int, str]] = [
    ("empty file", _raw("empty.gguf", b""), 1, "not a GGUF file"),
    ("wrong magic", _patched("magic", lambda d: b"GGUX" + d[4:]), 1, "not a GGUF file"),
    ("magic only", _patched("magic-only", lambda d: d[:4]), 1, "truncated"),
    ("header cut short", _patched("header-cut", lambda d: d[:20]), 1, "truncated"),
    ("version 0", _patched("version0", lambda d: d[:4] + _u32(0) + d[8:]), 1, "GGUF version 0"),
    ("version 99", _patched("version99", lambda d: d[:4] + _u32(99) + d[8:]), 1, "GGUF version 99"),
    ("absurd tensor count", _patched("tensors", lambda d: d[:8] + _u64(2**62) + d[16:]), 1, "tensors (more than"),
    ("absurd key count", _patched("keys", lambda d: d[:16] + _u64(2**62) + d[24:]), 1, "metadata keys (more than"),
    ("key longer than the file", _patched("keylen", lambda d: d[:24] + _u64(2**40) + d[32:]), 1,
     "claims a length of 1,099,511,627,776 bytes"),
    ("unknown value type", _patched("vtype", lambda d: d[:_first_key_type(d)] + _u32(99)
                                    + d[_first_key_type(d) + 4:]), 1, "unknown value type 99"),
    ("cut in the metadata", _patched("kv-cut", lambda d: d[:40]), 1, "truncated"),
    ("cut in the tensor list", _patched("info-cut", lambda d: d[:_b_info(d) + 4]), 1, "truncated"),
    ("tensor data cut short", _patched("data-cut", lambda d: d[:-16]), 1, "16 bytes missing"),
    ("duplicate tensor names", _patched("dup", lambda d: d.replace(b"b.weight", b"a.weight")), 1,
     "tensor 'a.weight' appears 2 times"),
    ("absurd dimension count", _patched("ndims", lambda d: d[:_b_info(d)] + _u32(100) + d[_b_info(d) + 4:]), 1,
     "100 dimensions"),
    ("unknown tensor type", _patched("ttype", lambda d: d[:_b_info(d) + 12] + _u32(99) + d[_b_info(d) + 16:]), 1,
     "tensor type 99"),
    ("tensor data past the end", _patched("offset", lambda d: d[:_b_info(d) + 16] + _u64(2**40)
                                          + d[_b_info(d) + 24:]), 1, "truncated"),
    ("absurd tensor size", _patched("dims", lambda d: d[:_b_info(d) + 4] + _u64(2**62) + d[_b_info(d) + 12:]), 1,
     "truncated"),
    ("absurd array length", _patched("array", lambda d: d[:_array_count(d)] + _u64(2**60)
                                     + d[_array_count(d) + 8:], with_array=True), 1, "array 'hearth.test.list'"),
    ("a name that is not UTF-8", _patched("utf8", lambda d: d.replace(b"mini", b"\xff\xfe\xfd\xfc")), 0,
     "imported"),
    ("a text file", _raw("notes.gguf", b"these are my notes, not a model\n" * 20), 1, "not a GGUF file"),
    ("a zip file", _raw("archive.gguf", b"PK\x03\x04" + bytes(200)), 1, "not a GGUF file"),
    ("an architecture llama.cpp may not know", _unknown_architecture, 0, "(mystery, F32)"),
    ("named pipe", _special("fifo"), 1, "named pipe"),
    ("link loop", _special("loop"), 1, "loops back on itself"),
    ("folder without config.json", _special("folder"), 1, "no config.json"),
    ("/proc file", _special("proc"), 1, "special file"),
    ("dangling link", _special("dangling"), 1, "link to a file that does not exist"),
    ("missing file", _missing, 1, "no such file"),
]


def _text(name: str, text: str, encoding: str = "utf-8") -> Builder:
    return _raw(name, text.encode(encoding, "surrogatepass"))


def _jsonl(name: str, rows: list) -> Builder:
    return _text(name, "".join(json.dumps(r) + "\n" for r in rows))


_GOOD = {"instruction": "What is the kettle's volume?", "output": "It holds 1.7 litres."}


# (case, builder, extra import options, exit code, what the output must say). Exit code 0: the odd but valid
# file is imported, the bad records rejected with their reason.
DATA_CASES: list[tuple[str, Builder, tuple[str, ...], int, str]] = [
    ("empty file", _raw("empty.jsonl", b""), (), 1, "empty"),
    ("blank lines only", _text("blank.jsonl", "\n\n   \n"), (), 1, "blank"),
    ("binary garbage", _raw("garbage.jsonl", bytes(range(256)) * 40), (), 1, "NUL byte"),
    ("UTF-16 text", _text("utf16.jsonl", json.dumps(_GOOD) + "\n", "utf-16"), (), 1, "UTF-16"),
    ("GBK Chinese", _text("gbk.jsonl", json.dumps({"instruction": "水壶多大", "output": "一点七升"},
                                                  ensure_ascii=False) + "\n", "gbk"), (), 1, "save it as UTF-8"),
    ("JSON array never closed", _text("open.json", '[{"instruction": "a", "output": "b"},\n'), (), 1,
     "not valid JSON"),
    ("JSON nested 100000 deep", _text("deep.json", "[" * 100_000 + "]" * 100_000), (), 1, "nested"),
    ("JSON scalar", _text("scalar.json", "42"), (), 1, "holds a number, not records"),
    ("CSV header only", _text("header.csv", "instruction,output\n"), (), 1, "no data rows"),
    ("CSV quote never closed", _text("quote.csv", 'instruction,output\n"a,b\nc,d\ne,f\n'), (), 1,
     "never to be closed"),
    ("TSV without tabs", _text("notabs.tsv", "instruction output\nhello world\n"), (), 1, "column"),
    ("unknown extension", _text("data.xyz", "hello\n"), (), 1, ".xyz"),
    ("damaged Parquet", _raw("broken.parquet", b"PAR1" + bytes(64) + b"PAR1"), (), 1, "Parquet"),
    ("every record lacks the fields", _jsonl("fields.jsonl", [{"q": "a", "a": "b"}] * 3), (), 1,
     "cannot tell the dataset format"),
    ("roles out of order", _jsonl("roles.jsonl", [{"messages": [{"role": "assistant", "content": "hi"},
                                                                {"role": "assistant", "content": "yo"}]}] * 3),
     (), 1, "no record of roles.jsonl could be used"),
    ("line over the limit", _jsonl("long.jsonl", [_GOOD, {**_GOOD, "output": "x" * 500}]),
     ("--max-line-bytes", "300"), 0, "--max-line-bytes"),
    ("lone surrogate", _text("surrogate.jsonl", json.dumps(_GOOD) + "\n"
                             + '{"instruction": "a", "output": "bad \\ud800 text"}\n'), (), 0, "lone surrogate"),
    ("NaN in an extra field", _text("nan.jsonl", json.dumps(_GOOD)[:-1] + ', "score": NaN}\n'), (), 0, "1 records"),
    ("CSV rows at their lines", _text("lines.csv", "instruction,output\nq1,a1\n,empty\nq3,a3\n\"two\nlines\",a4\n"
                                      ",again\n"), (), 0, "lines.csv:7"),
    ("NUL bytes in a line", _text("nul.jsonl", json.dumps(_GOOD) + "\n" + '{"instruction": "a"}\x00\n'), (), 1,
     "NUL byte"),
    ("named pipe", _special("fifo", ".jsonl"), (), 1, "named pipe"),
    ("link loop", _special("loop", ".jsonl"), (), 1, "loops back on itself"),
    ("folder", _special("folder", ".jsonl"), (), 1, "folder"),
    ("/proc file", _special("proc", ".jsonl"), (), 1, "special file"),
    ("missing file", lambda folder: folder / "no-such.jsonl", (), 1, "does not exist"),
]
