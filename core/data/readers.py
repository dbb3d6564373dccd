"""File readers that stream a dataset's raw items with the line or row each came from.

Each reader is a generator of :class:`RawItem` (a parsed value and its line) or
:class:`~core.data.records.Reject` (a line that could not be read: not UTF-8,
not JSON, too long), so a bad line costs one reject and the rest of the file is
kept. What makes the whole file unusable (it is empty, binary, UTF-16, a JSON
document that does not parse) raises one :class:`~core.errors.DataError` instead
of thousands of rejects.

Memory stays bounded by the longest line: JSONL, CSV/TSV and text files are
read line by line, with each line capped at ``max_line_bytes`` (a longer line is
skipped in pieces, never held whole); Parquet in batches of rows. A ``.json``
file is the exception: it is read whole, up to ``max_json_bytes``; JSON Lines is
the format for anything larger.

What a reader quietly normalises (a byte-order mark removed, a blank line
skipped) is counted in the ``fixes`` counter it is given, so nothing changes
without being counted.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from core.data.records import Reject
from core.errors import DataError
from core.workspace import not_a_regular_file

__all__ = [
    "FILE_KINDS",
    "RawItem",
    "check_text_file",
    "file_kind",
    "has_surrogates",
    "read_items",
    "read_json",
    "read_jsonl",
    "read_parquet",
    "read_table",
    "read_text_blocks",
    "table_columns",
    "writable",
]

# File suffix -> how it is read.
FILE_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
              ".txt": "txt", ".text": "txt", ".parquet": "parquet"}
TABLE_KINDS = ("csv", "tsv", "parquet")

_BOM = b"\xef\xbb\xbf"
_SAMPLE_BYTES = 8192
_SKIP_CHUNK = 1 << 20
_EXCERPT_CHARS = 120
# A text file is read in blocks of about this many characters, cut at a blank line where possible.
_TEXT_BLOCK_CHARS = 1_000_000
_MAGIC = (
    (b"PAR1", "a Parquet file (give it the .parquet extension)"),
    (b"PK\x03\x04", "a ZIP archive, or an .xlsx or .docx file (export the sheet as CSV)"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Undecodable bytes read with errors="surrogateescape" become U+DC80..U+DCFF; a JSON
# "\ud800" escape becomes a lone surrogate. Neither is text that can be written back.
_SURROGATE = re.compile("[\ud800-\udfff]")
_WS = re.compile(r"[ \t\n\r]*")


@dataclass(frozen=True)
class RawItem:
    """One item as read from a file, before it is checked against a format.

    Attributes:
        line: the line (JSONL, TXT: where the block starts; JSON: where the element
            starts), the physical line a row starts on (CSV, TSV: the header is line 1), or the row (Parquet: 1 is
            the first data row).
        value: the parsed JSON value, a row as a dict of column -> value, or a
            block of text (TXT).
    """

    line: int
    value: Any


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (an undecodable byte or a broken escape)."""
    return _SURROGATE.search(text) is not None


def writable(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\ud800``), so that UTF-8 can hold it: for
    reports and kept extra fields, which show a bad value rather than fail on it."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if has_surrogates(text) else text


def file_kind(path: Path | str) -> str:
    """How a file is read, from its extension: jsonl, json, csv, tsv, txt or parquet.

    Raises:
        DataError: the extension is not one Hearth reads.
    """
    path = Path(path)
    kind = FILE_KINDS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(FILE_KINDS))
        raise DataError(f"Hearth cannot read {path.suffix or 'extension-less'} files",
                        f"save the dataset as one of: {known}", file=str(path))
    return kind


def read_items(path: Path | str, *, max_line_bytes: int = 10_000_000, max_json_bytes: int = 50_000_000,
               fixes: Counter[str] | None = None) -> Iterator[RawItem | Reject]:
    """The raw items of a dataset file, read by its kind (see :func:`file_kind`).

    The file is checked before this returns (it exists, is not empty, is text
    where text is expected); the items are read as the iterator is consumed.

    Args:
        path: the dataset file.
        max_line_bytes: a longer line (or CSV row) is rejected with code too_long.
        max_json_bytes: the largest ``.json`` file read whole.
        fixes: counts what was normalised on the way (bom_removed, blank_line_skipped, ...).

    Raises:
        DataError: the file is missing, empty, binary or not UTF-8 text.
    """
    path = Path(path)
    kind = file_kind(path)
    fixes = fixes if fixes is not None else Counter()
    reason = not_a_regular_file(path)
    if reason is not None:
        raise DataError(f"the dataset file {reason}", "check the path; give the dataset file itself", file=str(path))
    if kind == "parquet":
        return read_parquet(path)
    check_text_file(path)
    if kind == "jsonl":
        return read_jsonl(path, max_line_bytes=max_line_bytes, fixes=fixes)
    if kind == "json":
        return read_json(path, max_json_bytes=max_json_bytes, max_line_bytes=max_line_bytes, fixes=fixes)
    if kind == "txt":
        return read_text_blocks(path, max_line_bytes=max_line_bytes, fixes=fixes)
    return read_table(path, delimiter="\t" if kind == "tsv" else ",", max_line_bytes=max_line_bytes, fixes=fixes)


# -- the checks before reading -------------------------------------------------------------------------------


def check_text_file(path: Path | str) -> None:
    """Fail early, with one clear error, on a file that is empty, binary or not UTF-8.

    Looks at the first 8 KiB only. A few undecodable lines are left to the
    reader, which rejects them one by one with code invalid_utf8.

    Raises:
        DataError: the file is empty, binary (NUL bytes, a known binary
            signature, mostly undecodable bytes), UTF-16, or its first lines are
            mostly not UTF-8 (another encoding).
    """
    source = str(path)
    try:
        with Path(path).open("rb") as f:
            head = f.read(_SAMPLE_BYTES)
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror}", "check the path and its permissions",
                        file=source) from exc
    if not head:
        raise DataError("the file is empty", "choose a file with records in it", file=source)
    not_text = "choose the dataset file itself, saved as UTF-8 text"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise DataError(f"this is not a text file: it looks like {what}", not_text, file=source)
    if head.startswith(_UTF16_BOMS):
        raise DataError("the file is UTF-16 text; Hearth reads UTF-8", "save it again with the encoding UTF-8",
                        file=source)
    nul = head.find(b"\x00")
    if nul >= 0:
        raise DataError(f"this is not a text file: byte {nul + 1} is a NUL byte, which text never holds",
                        not_text, file=source)
    _check_utf8_sample(head, source, complete=len(head) < _SAMPLE_BYTES)


def _check_utf8_sample(head: bytes, source: str, complete: bool) -> None:
    if not complete:  # do not count a character cut in two at the end of the sample
        cut = head.rfind(b"\n")
        head = head[:cut] if cut > 0 else head[:-3]
    text = head.decode("utf-8", "surrogateescape")
    bad_bytes = len(_SURROGATE.findall(text))
    if bad_bytes * 10 > len(head):
        raise DataError(f"this is not a text file: {bad_bytes} of its first {len(head)} bytes are not UTF-8 text",
                        "choose the dataset file itself; if it is text in another encoding, save it as UTF-8",
                        file=source)
    lines = text.split("\n")
    bad_lines = [i + 1 for i, line in enumerate(lines) if has_surrogates(line)]
    if len(bad_lines) >= 3 and len(bad_lines) * 4 >= len(lines):
        raise DataError(
            f"the file is not UTF-8 text: {len(bad_lines)} of its first {len(lines)} lines hold bytes that are "
            "not UTF-8 (it may be Latin-1 or Windows-1252)",
            "save it again with the encoding UTF-8", file=source, line=bad_lines[0])


# -- lines ----------------------------------------------------------------------------------------------------


def _raw_lines(f: BinaryIO, max_line_bytes: int, fixes: Counter[str]) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, bytes with its line end, size) per line; bytes is None for a line over the limit.

    A line over the limit is skipped in 1 MiB pieces, so at most
    ``max_line_bytes`` of it is ever held.
    """
    number = 0
    while raw := f.readline(max_line_bytes + 1):
        number += 1
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM):]
            fixes["bom_removed"] += 1
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            yield number, None, len(raw) + _skip_line(f)
            continue
        yield number, raw, len(raw)


def _skip_line(f: BinaryIO) -> int:
    skipped = 0
    while piece := f.readline(_SKIP_CHUNK):
        skipped += len(piece)
        if piece.endswith(b"\n"):
            break
    return skipped


def _too_long(source: str, line: int, size: int, limit: int, what: str = "line") -> Reject:
    return Reject(source, line, "", f"the {what} is {size:,} bytes long, over the limit of {limit:,} bytes; split "
                  "the record into smaller ones, or raise the limit (hearth data import --max-line-bytes N)",
                  "too_long")


def _decode_line(source: str, line: int, raw: bytes) -> str | Reject:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Reject(source, line, "", f"the line is not valid UTF-8: byte 0x{raw[exc.start]:02X} at position "
                      f"{exc.start + 1} cannot be decoded; save the file as UTF-8",
                      "invalid_utf8", _excerpt(raw.decode("utf-8", "replace")))


def _excerpt(text: str) -> str:
    return writable(text[:_EXCERPT_CHARS])


# -- JSON Lines ----------------------------------------------------------------------------------------------


def read_jsonl(path: Path | str, *, max_line_bytes: int = 10_000_000,
               fixes: Counter[str] | None = None) -> Iterator[RawItem | Reject]:
    """One item per line of a JSON Lines file; blank lines are skipped and counted.

    Yields:
        RawItem with the parsed value, or Reject (malformed_json, invalid_utf8, too_long).

    Raises:
        DataError: the file holds only blank lines.
    """
    source = str(path)
    fixes = fixes if fixes is not None else Counter()
    seen = False
    with Path(path).open("rb") as f:
        for number, raw, size in _raw_lines(f, max_line_bytes, fixes):
            if raw is None:
                seen = True
                yield _too_long(source, number, size, max_line_bytes)
            elif raw.strip():
                seen = True
                yield _parse_json_line(source, number, raw.rstrip(b"\r\n"))
            else:
                fixes["blank_line_skipped"] += 1
    if not seen:
        raise DataError("the file has no records: every line is blank", "choose a file with records in it",
                        file=source)


def _parse_json_line(source: str, line: int, raw: bytes) -> RawItem | Reject:
    text = _decode_line(source, line, raw)
    if isinstance(text, Reject):
        return text
    try:
        return RawItem(line, json.loads(text))
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} at column {exc.colno}; each line must hold one complete JSON object"
        return Reject(source, line, "", reason, "malformed_json", _excerpt(text))
    except RecursionError:
        return Reject(source, line, "", "not valid JSON here: it is nested too deeply", "malformed_json",
                      _excerpt(text))


# -- JSON ----------------------------------------------------------------------------------------------------


def read_json(path: Path | str, *, max_json_bytes: int = 50_000_000, max_line_bytes: int = 10_000_000,
              fixes: Counter[str] | None = None) -> Iterator[RawItem | Reject]:
    """The elements of a ``.json`` file: an array of records, or an object with them under "data" or "records".

    The file is read whole (up to ``max_json_bytes``) and parsed before the first
    item is yielded, so a syntax error raises before anything is kept. An
    element's line is the line where it starts. An object that is not a
    container is one item. A ``.json`` file that is really JSON Lines (one object
    per line) is read as such, counted as the fix jsonl_in_json.

    Raises:
        DataError: the file is too large, not UTF-8, not valid JSON (with the
            line), or holds no records.
    """
    path = Path(path)
    source = str(path)
    fixes = fixes if fixes is not None else Counter()
    size = path.stat().st_size
    if size > max_json_bytes:
        raise DataError(f"the .json file is {size:,} bytes, over the limit of {max_json_bytes:,} for a file read "
                        "whole (max_json_bytes)", "save it as JSON Lines (.jsonl, one record per line), which "
                        "Hearth reads as a stream, or raise the limit", file=source)
    text = _decode_whole(path.read_bytes(), source, fixes)
    items = _json_items(text, source)
    if items is None:
        fixes["jsonl_in_json"] += 1
        yield from read_jsonl(path, max_line_bytes=max_line_bytes, fixes=fixes)
        return
    if not items:
        raise DataError("the file has no records: the JSON array is empty", "choose a file with records in it",
                        file=source)
    for line, value in items:
        yield RawItem(line, value)


def _decode_whole(data: bytes, source: str, fixes: Counter[str]) -> str:
    if data.startswith(_BOM):
        data = data[len(_BOM):]
        fixes["bom_removed"] += 1
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(f"the file is not valid UTF-8: byte 0x{data[exc.start]:02X} cannot be decoded",
                        "save it again with the encoding UTF-8", file=source, line=line) from exc


def _json_items(text: str, source: str) -> list[tuple[int, Any]] | None:
    """(line, element) of the records in a JSON document; None when it is JSON Lines instead."""
    decoder = json.JSONDecoder()
    start = _WS.match(text).end()
    try:
        if text.startswith("[", start):
            items, end = _array_items(text, start, decoder)
        elif text.startswith("{", start):
            value, end = decoder.raw_decode(text, start)
            if _WS.match(text, end).end() < len(text):
                return None
            return _object_items(text, start, value, decoder)
        else:
            value, end = decoder.raw_decode(text, start)
            raise DataError(f"the file holds {_kind_of(value)}, not records",
                            'a .json file holds an array of records, or {"data": [records]}', file=source)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON: {exc.msg} at column {exc.colno}", "fix the file at that place",
                        file=source, line=exc.lineno) from exc
    except RecursionError as exc:
        raise DataError("not valid JSON: it is nested too deeply", "check the file's structure",
                        file=source) from exc
    end = _WS.match(text, end).end()
    if end < len(text):
        line = text.count("\n", 0, end) + 1
        raise DataError("not valid JSON: there is more after the closing ]", "remove what follows the array",
                        file=source, line=line)
    return items


def _array_items(text: str, pos: int, decoder: json.JSONDecoder) -> tuple[list[tuple[int, Any]], int]:
    """The elements of the array opening at ``pos`` with their lines, and the index after it."""
    items: list[tuple[int, Any]] = []
    line, counted = 1 + text.count("\n", 0, pos), pos
    pos = _WS.match(text, pos + 1).end()
    if text.startswith("]", pos):
        return items, pos + 1
    while True:
        line, counted = line + text.count("\n", counted, pos), pos
        value, pos = decoder.raw_decode(text, pos)
        items.append((line, value))
        pos = _WS.match(text, pos).end()
        if text.startswith("]", pos):
            return items, pos + 1
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _WS.match(text, pos + 1).end()


def _object_items(text: str, start: int, value: dict[str, Any],
                  decoder: json.JSONDecoder) -> list[tuple[int, Any]]:
    for key in ("data", "records"):
        if isinstance(value.get(key), list):
            items, _ = _array_items(text, _member_position(text, start, key, decoder), decoder)
            return items
    return [(1 + text.count("\n", 0, start), value)]


def _member_position(text: str, start: int, wanted: str, decoder: json.JSONDecoder) -> int:
    """Where the value of key ``wanted`` (the last one, as json.loads keeps) starts in the object at ``start``."""
    found, pos = -1, _WS.match(text, start + 1).end()
    while not text.startswith("}", pos):
        key, pos = decoder.raw_decode(text, pos)
        pos = _WS.match(text, _WS.match(text, pos).end() + 1).end()  # past the colon
        if key == wanted:
            found = pos
        _, pos = decoder.raw_decode(text, pos)
        pos = _WS.match(text, pos).end()
        if text.startswith(",", pos):
            pos = _WS.match(text, pos + 1).end()
    return found


def _kind_of(value: Any) -> str:
    names = {str: "text", bool: "true or false", type(None): "null", int: "a number", float: "a number",
             list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


# -- CSV and TSV ---------------------------------------------------------------------------------------------


def table_columns(path: Path | str) -> list[str]:
    """The column names of a CSV, TSV or Parquet file (the header row, stripped).

    Raises:
        DataError: the file has no header row, repeats a column name, or cannot be read.
    """
    path = Path(path)
    kind = file_kind(path)
    if kind == "parquet":
        return list(_parquet_file(path).schema_arrow.names)
    with path.open("rb") as f:
        rows = csv.reader(_csv_lines(f, 10_000_000, Counter(), []), delimiter="\t" if kind == "tsv" else ",")
        return _header(_first_row(rows, str(path)), str(path))


def _first_row(rows: Any, source: str) -> list[str] | None:
    try:
        return next(rows, None)
    except csv.Error as exc:  # e.g. a bare carriage return inside the header line
        raise DataError(f"the header row cannot be read as CSV: {exc}",
                        "save the file with one header line that names the columns, e.g. instruction,output",
                        file=source, line=1) from None


def _header(cells: list[str] | None, source: str) -> list[str]:
    if not cells or not any(c.strip() for c in cells):
        raise DataError("the file has no header row", "the first row must name the columns, e.g. instruction,output",
                        file=source, line=1)
    header = [c.strip() for c in cells]
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise DataError(f"the header names a column more than once: {', '.join(repeated)}",
                        "give every column its own name", file=source, line=1)
    return header


def read_table(path: Path | str, *, delimiter: str = ",", max_line_bytes: int = 10_000_000,
               fixes: Counter[str] | None = None) -> Iterator[RawItem | Reject]:
    """The rows of a CSV or TSV file with a header row, as dicts of column -> text.

    Yields:
        RawItem(line, {column: text}) with the physical line the row starts on (the header is line 1, and a
        quoted cell over several lines counts them all), or Reject (malformed_csv, invalid_utf8, too_long) for
        a row that cannot be read, with that line too.

    Raises:
        DataError: no header row, or a header without data rows.
    """
    source = str(path)
    fixes = fixes if fixes is not None else Counter()
    # The csv module's cell limit (128 KiB by default) is process-wide; raise it to the line limit, never lower it.
    csv.field_size_limit(max(csv.field_size_limit(), max_line_bytes))
    too_long: list[int] = []
    with Path(path).open("rb") as f:
        rows = csv.reader(_csv_lines(f, max_line_bytes, fixes, too_long), delimiter=delimiter)
        header = _header(_first_row(rows, source), source)
        number = 0
        for cells, first, last in _csv_rows(rows):
            if cells == []:
                if not too_long:
                    fixes["blank_line_skipped"] += 1
                    continue
                number += 1
                yield _too_long(source, first, too_long.pop(0), max_line_bytes, "row")
                continue
            number += 1
            item = _row_item(source, first, header, cells, delimiter)
            if isinstance(item, Reject) and last > first:
                # A quote left open makes the csv module read the following lines as one cell: stop
                # here rather than drop those rows inside a single reject.
                raise DataError(f"the row on lines {first}-{last} cannot be read: a quote opened on line "
                                f"{first} seems never to be closed, so the lines after it were read as one cell",
                                "close the quote (or double a quote inside a quoted cell) and import again",
                                file=source, line=first)
            yield item
    if number == 0:
        raise DataError("the file has a header row but no data rows", "add rows under the header", file=source)


def _csv_lines(f: BinaryIO, max_line_bytes: int, fixes: Counter[str], too_long: list[int]) -> Iterator[str]:
    """The file's lines decoded for the csv module; a line over the limit becomes a blank line, noted."""
    for _, raw, size in _raw_lines(f, max_line_bytes, fixes):
        if raw is None:
            too_long.append(size)
            yield "\n"
        else:
            yield raw.decode("utf-8", "surrogateescape")


def _csv_rows(rows: Any) -> Iterator[tuple[list[str] | str, int, int]]:
    """The csv reader's rows with the physical lines each spans; a row it cannot parse becomes the error's text."""
    while True:
        first = rows.line_num + 1
        try:
            cells: list[str] | str = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            cells = str(exc)
        yield cells, first, rows.line_num


def _row_item(source: str, number: int, header: list[str], cells: list[str] | str, delimiter: str) -> RawItem | Reject:
    if isinstance(cells, str):
        return Reject(source, number, "", f"the row cannot be read as CSV: {cells}", "malformed_csv")
    while len(cells) > len(header) and not cells[-1].strip():
        cells = cells[:-1]  # trailing empty cells, as spreadsheets write them
    if len(cells) != len(header):
        sep = "tab" if delimiter == "\t" else "comma"
        return Reject(source, number, "", f"the row has {len(cells)} cells but the header has {len(header)} "
                      f"columns; look for an unquoted {sep} or a missing quote", "malformed_csv",
                      _excerpt(delimiter.join(cells)))
    row = dict(zip(header, cells, strict=True))
    for column, text in row.items():
        if has_surrogates(text):
            return Reject(source, number, column, "the cell holds bytes that are not UTF-8; save the file as UTF-8",
                          "invalid_utf8", _excerpt(text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")))
    return RawItem(number, row)


# -- Parquet ---------------------------------------------------------------------------------------------------


def _parquet_file(path: Path) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise DataError(f"cannot read the Parquet file: {exc}", "check that the file is complete and is Parquet",
                        file=str(path)) from exc


def read_parquet(path: Path | str, *, batch_rows: int = 1024) -> Iterator[RawItem | Reject]:
    """The rows of a Parquet file as dicts, read ``batch_rows`` at a time.

    Raises:
        DataError: the file is not Parquet, is damaged, or has no rows.
    """
    import pyarrow as pa

    path = Path(path)
    parquet = _parquet_file(path)
    if parquet.metadata.num_rows == 0:
        raise DataError("the file has no records: the Parquet table has no rows", "choose a file with records in it",
                        file=str(path))
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=batch_rows):
            for row in batch.to_pylist():
                number += 1
                yield RawItem(number, row)
    except (pa.ArrowException, OSError) as exc:
        raise DataError(f"cannot read the Parquet file after row {number}: {exc}",
                        "check that the file is complete", file=str(path), line=number + 1) from exc


# -- plain text ------------------------------------------------------------------------------------------------


def read_text_blocks(path: Path | str, *, max_line_bytes: int = 10_000_000, fixes: Counter[str] | None = None,
                     block_chars: int = _TEXT_BLOCK_CHARS) -> Iterator[RawItem | Reject]:
    """A plain text file in blocks of lines, cut at a blank line once a block reaches ``block_chars``.

    Yields:
        RawItem(line where the block starts, the block's text with "\\n" line
        ends), or Reject (invalid_utf8, too_long) for a line that cannot be read;
        such a line ends the block before it.

    Raises:
        DataError: the file holds only whitespace.
    """
    source = str(path)
    fixes = fixes if fixes is not None else Counter()
    block: list[str] = []
    start = size = 0
    yielded = False
    with Path(path).open("rb") as f:
        for number, raw, length in _raw_lines(f, max_line_bytes, fixes):
            text = (_too_long(source, number, length, max_line_bytes) if raw is None
                    else _decode_line(source, number, raw.rstrip(b"\r\n")))
            bad = isinstance(text, Reject)
            blank = bad or not text.strip()
            if block and (bad or (size >= block_chars and (blank or size >= 2 * block_chars))):
                yield RawItem(start, "\n".join(block))
                block, size, yielded = [], 0, True
            if bad:
                yielded = True
                yield text
            elif block or not blank:
                start = start if block else number
                block.append(text)
                size += len(text) + 1
    if block:
        yield RawItem(start, "\n".join(block))
    elif not yielded:
        raise DataError("the file has no text: it holds only whitespace", "choose a file with text in it",
                        file=source)
