"""Dataset formats: detect a file's format, turn each item into a Record or a Reject, and load a file.

Five formats (:data:`~core.data.records.FORMATS`), detected per file from its
first items (or its columns) unless one is chosen:

- ``alpaca``: ``{"instruction", "input", "output", "system"?}``
- ``sharegpt``: ``{"conversations": [{"from": "human"|"gpt"|"system", "value"}]}``
- ``openai``: ``{"messages": [{"role": "system"|"user"|"assistant", "content"}]}``
- ``prompt_completion``: ``{"prompt", "completion"}``
- ``text``: a ``.txt`` file, or ``{"text"}`` items, for continued pre-training,
  cut into chunks of at most ``text_chunk_tokens`` tokens on paragraph, line,
  sentence or word boundaries.

Chat formats are lenient where the meaning is plain (user/assistant in
ShareGPT, from/value in OpenAI messages, human/gpt roles, content given as a
list of text parts) and count each such fix. Everything else that is wrong
becomes a :class:`~core.data.records.Reject` naming the line, the field and what
to change; an item of another format than the file's becomes a reject with code
``mixed_format``.

:func:`load_records` streams a file as records and rejects with a live
:class:`LoadSummary`; :func:`load_all` collects a small file at once.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

from core.config import check, option
from core.data import readers
from core.data.readers import RawItem
from core.data.records import FORMATS, Message, Record, Reject
from core.errors import ConfigError, DataError

__all__ = [
    "DETECT_ITEMS",
    "FIELDS",
    "LoadResult",
    "LoadSummary",
    "ReadOptions",
    "RecordStream",
    "approx_token_count",
    "chunk_text",
    "describe_value",
    "detect_format",
    "guess_format",
    "load_all",
    "load_records",
    "normalise",
]


class ItemMapping(Protocol):
    """Where each part of an item is, for a file laid out by another tool (:class:`core.data.mapping.ItemMapping`;
    a protocol here, since that module reads items with this one's :func:`normalise`)."""

    format: str

    def check_columns(self, head: Any, *, source: str, columns: Any = None) -> None: ...

    def read(self, value: Any, *, source: str, line: int, fixes: Any = None) -> Record | Reject: ...


# How many readable items format detection looks at.
DETECT_ITEMS = 20
# The fields of all formats: the targets a column mapping may name.
FIELDS = ("instruction", "input", "output", "system", "prompt", "completion", "text", "messages", "conversations")

# Per format: the keys that mark an item as that format (any one), in the order detection tries them.
_SIGNATURES = {
    "sharegpt": ("conversations",),
    "openai": ("messages",),
    "alpaca": ("instruction", "output"),
    "prompt_completion": ("prompt", "completion"),
    "text": ("text",),
}
_REQUIRED = {"sharegpt": ("conversations",), "openai": ("messages",), "alpaca": ("instruction", "output"),
             "prompt_completion": ("prompt", "completion"), "text": ("text",)}
_EXAMPLES = {
    "sharegpt": '{"conversations": [{"from": "human", "value": "..."}, {"from": "gpt", "value": "..."}]}',
    "openai": '{"messages": [{"role": "user", "content": "..."}, {"role": "assistant", "content": "..."}]}',
    "alpaca": '{"instruction": "...", "input": "", "output": "..."}',
    "prompt_completion": '{"prompt": "...", "completion": "..."}',
    "text": '{"text": "..."}',
}
_ROLES = {"system": "system", "user": "user", "human": "user", "assistant": "assistant", "gpt": "assistant",
          "bot": "assistant", "model": "assistant", "chatgpt": "assistant", "ai": "assistant"}


# -- detection -------------------------------------------------------------------------------------------------


def guess_format(value: Any) -> str | None:
    """The format an item looks like, from its keys; None when it looks like none.

    Args:
        value: one parsed item (a dict for every format; anything else is None).
    """
    if not isinstance(value, dict):
        return None
    for fmt, keys in _SIGNATURES.items():
        if any(key in value for key in keys):
            return fmt
    return None


def _format_key(value: dict[str, Any], fmt: str) -> str | None:
    return next((key for key in _SIGNATURES[fmt] if key in value), None)


# -- one item -> a Record or a Reject --------------------------------------------------------------------------


class _Invalid(Exception):
    """Why an item cannot be a record; becomes a Reject."""

    def __init__(self, code: str, field: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.field, self.reason = code, field, reason


def normalise(value: Any, fmt: str, *, source: str, line: int, fixes: Counter[str] | None = None) -> Record | Reject:
    """Check one item against format ``fmt`` and turn it into a Record.

    A text item becomes one record of kind "text" holding the whole text;
    :func:`load_records` cuts it into chunks. Never raises for a bad item.

    Args:
        value: the parsed item (a dict; a str for a block of a text file).
        fmt: one of :data:`~core.data.records.FORMATS`.
        source, line: where the item came from, kept in the record or reject.
        fixes: counts what was normalised in an accepted item (role_renamed, ...).

    Returns:
        The Record, or a Reject naming the field, the reason and its code.
    """
    noted: list[str] = []
    try:
        record = _build(value, fmt, source, line, noted)
    except _Invalid as bad:
        return Reject(source, line, bad.field, bad.reason, bad.code, _excerpt(value))
    if fixes is not None:
        fixes.update(set(noted))
    return record


def _build(value: Any, fmt: str, source: str, line: int, noted: list[str]) -> Record:
    if fmt == "text" and isinstance(value, str):
        _check_text(value, "text")
        return Record((Message("text", value),), source, line, kind="text")
    _check_item(value, fmt)
    messages, used = _BUILDERS[fmt](value, noted)
    meta = {key: _plain(v) for key, v in value.items() if key not in used}
    kind = "text" if fmt == "text" else "chat"
    return Record(tuple(messages), source, line, kind=kind, meta=meta)


def _check_item(value: Any, fmt: str) -> None:
    if not isinstance(value, dict):
        raise _Invalid("wrong_type", "", f"the item is {describe_value(value)}, not an object; items in {fmt} format "
                       f"look like {_EXAMPLES[fmt]}")
    if _format_key(value, fmt) is not None:
        return
    other = guess_format(value)
    if other is not None:
        raise _Invalid("mixed_format", "", f"this item is in {other} format (it has "
                       f"'{_format_key(value, other)}'), but the file's format is {fmt}; items in {fmt} format look "
                       f"like {_EXAMPLES[fmt]}; put each format in its own file")
    needed = _REQUIRED[fmt][0]
    keys = ", ".join(repr(k) for k in list(value)[:10]) or "no fields"
    raise _Invalid("missing_field", needed, f"the item has no '{needed}' field (it has {keys}); items in {fmt} "
                   f"format look like {_EXAMPLES[fmt]}")


def _text(item: dict[str, Any], name: str, *, required: bool = True) -> str:
    """The text of field ``name``; "" for an optional one that is missing or null."""
    value = item.get(name)
    if value is None and not required:
        return ""
    if name not in item:
        raise _Invalid("missing_field", name, f"the item has no '{name}' field")
    if value is None:
        raise _Invalid("wrong_type", name, f"'{name}' is null; it must be text")
    if not isinstance(value, str):
        raise _Invalid("wrong_type", name, f"'{name}' is {describe_value(value)}; it must be text (a JSON string)")
    _check_text(value, name, required=required)
    return value


def _check_text(value: str, where: str, *, required: bool = True) -> None:
    if readers.has_surrogates(value):
        raise _Invalid("invalid_utf8", where, f"'{where}' holds a lone surrogate (a broken \\ud800-style escape "
                       "or undecodable bytes), which is not text; fix or remove it")
    if required and not value.strip():
        raise _Invalid("empty_turn", where, f"'{where}' is empty; give it the text it should hold")


def _with_system(item: dict[str, Any], turns: list[Message]) -> list[Message]:
    system = _text(item, "system", required=False)
    return [Message("system", system), *turns] if system.strip() else turns


def _alpaca(item: dict[str, Any], noted: list[str]) -> tuple[list[Message], set[str]]:
    instruction = _text(item, "instruction")
    extra = _text(item, "input", required=False)
    output = _text(item, "output")
    user = f"{instruction}\n\n{extra}" if extra.strip() else instruction
    turns = [Message("user", user), Message("assistant", output)]
    return _with_system(item, turns), {"instruction", "input", "output", "system"}


def _prompt_completion(item: dict[str, Any], noted: list[str]) -> tuple[list[Message], set[str]]:
    turns = [Message("user", _text(item, "prompt")), Message("assistant", _text(item, "completion"))]
    return _with_system(item, turns), {"prompt", "completion", "system"}


def _text_item(item: dict[str, Any], noted: list[str]) -> tuple[list[Message], set[str]]:
    return [Message("text", _text(item, "text"))], {"text"}


def _chat(key: str) -> Callable[[dict[str, Any], list[str]], tuple[list[Message], set[str]]]:
    def build(item: dict[str, Any], noted: list[str]) -> tuple[list[Message], set[str]]:
        turns = [(i, m) for i, raw in enumerate(_message_list(item, key, noted))
                 if (m := _message(raw, f"{key}[{i}]", noted)) is not None]
        if not any(m.role == "system" for _, m in turns):
            system = _text(item, "system", required=False)
            if system.strip():
                turns.insert(0, (-1, Message("system", system)))
                noted.append("system_field_moved")
        _check_order(turns, key)
        return [m for _, m in turns], {key, "system"}

    return build


def _message_list(item: dict[str, Any], key: str, noted: list[str]) -> list[Any]:
    raw = item[key]
    shape = 'a list of messages like [{"role": "user", "content": "..."}, ...]'
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
            noted.append("messages_json_decoded")
        except (json.JSONDecodeError, RecursionError):
            raise _Invalid("wrong_type", key, f"'{key}' is text that is not JSON; it must be {shape}") from None
    if raw is None:
        raise _Invalid("wrong_type", key, f"'{key}' is null; it must be {shape}")
    if not isinstance(raw, list):
        raise _Invalid("wrong_type", key, f"'{key}' is {describe_value(raw)}; it must be {shape}")
    return raw


def _message(raw: Any, where: str, noted: list[str]) -> Message | None:
    """One message, its role made canonical; None for an empty system message (dropped, counted)."""
    if not isinstance(raw, dict):
        raise _Invalid("wrong_type", where, f"the message is {describe_value(raw)}; it must be an object with "
                       "'role' and 'content'")
    role = _role(raw, where, noted)
    content_key = "content" if "content" in raw or "value" not in raw else "value"
    content = _content(raw.get(content_key), f"{where}.{content_key}", content_key in raw, noted)
    if role == "system" and not content.strip():
        noted.append("empty_system_dropped")
        return None
    _check_text(content, f"{where}.{content_key}")
    return Message(role, content)


def _role(raw: dict[str, Any], where: str, noted: list[str]) -> str:
    key = "role" if "role" in raw or "from" not in raw else "from"
    if key not in raw:
        raise _Invalid("missing_field", f"{where}.role", "the message has no 'role' (or 'from')")
    given = raw[key]
    if not isinstance(given, str):
        raise _Invalid("wrong_type", f"{where}.{key}", f"the role is {describe_value(given)}; it must be text: "
                       "system, user or assistant")
    role = _ROLES.get(given.strip().lower())
    if role is None:
        raise _Invalid("unknown_role", f"{where}.{key}", f"the role {given[:40]!r} is not one of system, user, "
                       "assistant (human, gpt, bot and model are accepted too); rename it or remove the message")
    if role != given:
        noted.append("role_renamed")
    return role


def _content(value: Any, where: str, present: bool, noted: list[str]) -> str:
    if not present:
        raise _Invalid("missing_field", where, "the message has no 'content' (or 'value')")
    if isinstance(value, list):
        value = _join_parts(value, where)
        noted.append("content_parts_joined")
    if value is None:
        raise _Invalid("wrong_type", where, "the content is null; every message needs its text")
    if not isinstance(value, str):
        raise _Invalid("wrong_type", where, f"the content is {describe_value(value)}; it must be text (a JSON string)")
    return value


def _join_parts(parts: list[Any], where: str) -> str:
    texts = []
    for i, part in enumerate(parts):
        if not (isinstance(part, dict) and part.get("type") == "text" and isinstance(part.get("text"), str)):
            kind = part.get("type") if isinstance(part, dict) else describe_value(part)
            raise _Invalid("wrong_type", f"{where}[{i}]", f"the content part is {kind!s:.40}; Hearth trains on "
                           'text only: {"type": "text", "text": "..."}')
        texts.append(part["text"])
    return "".join(texts)


def _check_order(turns: list[tuple[int, Message]], key: str) -> None:
    """System first (at most one), then user and assistant alternating, ending with the assistant."""
    roles = [m.role for _, m in turns]
    if not turns:
        raise _Invalid("too_short", key, "the conversation is empty; it needs a user turn and an assistant reply")
    if "user" not in roles:
        raise _Invalid("not_alternating", key, "the conversation has no user turn; it needs a user message "
                       "followed by the assistant's reply")
    first = 1 if roles[0] == "system" else 0
    for n, (index, message) in enumerate(turns[first:]):
        expected = "user" if n % 2 == 0 else "assistant"
        if message.role == expected:
            continue
        where = f"{key}[{index}]"
        if message.role == "system":
            raise _Invalid("not_alternating", where, "a system message can only come first, before the user's turn")
        if n == 0:
            raise _Invalid("not_alternating", where, "the conversation starts with an assistant turn; the first "
                           "turn (after an optional system message) must be the user's")
        raise _Invalid("not_alternating", where, f"this is a second {message.role} turn in a row; user and "
                       "assistant turns must alternate (merge the two, or add the missing turn between)")
    if roles[-1] != "assistant":
        raise _Invalid("not_alternating", f"{key}[{turns[-1][0]}]", "the conversation ends with a user turn; it "
                       "must end with the assistant's reply, which is what the model learns")


_BUILDERS: dict[str, Callable[[dict[str, Any], list[str]], tuple[list[Message], set[str]]]] = {
    "alpaca": _alpaca,
    "prompt_completion": _prompt_completion,
    "openai": _chat("messages"),
    "sharegpt": _chat("conversations"),
    "text": _text_item,
}


def describe_value(value: Any) -> str:
    """What a JSON value is, in a few words, for a reject's reason."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"true or false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value!r:.40})"
    if isinstance(value, str):
        return f"text ({value[:40]!r})"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _excerpt(value: Any) -> str:
    try:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        text = repr(value)
    return readers.writable(text[:120])


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a meta value: a Parquet timestamp becomes text, a number that is not finite (NaN from a
    spreadsheet's empty cell) null, and a lone surrogate its escape."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str):
        return readers.writable(value)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


# -- text chunks -----------------------------------------------------------------------------------------------

# Boundaries tried in turn, widest first: paragraph, line, sentence, word. The
# separator stays with the piece before it, so the pieces join back to the text.
_BOUNDARIES = (
    re.compile(r"\n[ \t\r]*\n\s*"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?;:])\s+|(?<=[。！？；…])"),
    re.compile(r"\s+"),
)
_APPROX_TOKEN = re.compile(r"[A-Za-z]{1,8}|[0-9]{1,3}|\S")


def approx_token_count(text: str) -> int:
    """A rough token count when no tokenizer is given: ASCII words in pieces of 8, every other mark one.

    It errs high for most BPE vocabularies, so chunks cut with it fit the real limit.
    """
    return sum(1 for _ in _APPROX_TOKEN.finditer(text))


def chunk_text(text: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[tuple[int, str]]:
    """Cut ``text`` into chunks of at most ``max_tokens`` tokens on the widest boundary that fits.

    Paragraphs are packed together while they fit; a paragraph too long is cut at
    line ends, then sentence ends, then spaces, then (for a run with no space,
    like Chinese without punctuation) between characters. Each chunk is stripped
    of surrounding whitespace; whitespace-only chunks are dropped.

    Args:
        text: the text.
        count_tokens: the number of tokens of a string.
        max_tokens: the largest chunk, in tokens (at least 1).

    Returns:
        (newlines before the chunk starts in ``text``, chunk) pairs, in order.
    """
    out: list[tuple[int, str]] = []
    newlines = 0
    for chunk in _chunks(text, 0, count_tokens, max_tokens):
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((newlines + chunk.count("\n", 0, lead), stripped))
        newlines += chunk.count("\n")
    return out


def _chunks(text: str, level: int, count: Callable[[str], int], limit: int, tokens: int | None = None) -> list[str]:
    """Chunks within ``limit`` tokens that join back to ``text``, cut at boundary ``level`` or a narrower one.

    Whole parts (paragraphs, at level 0) are packed together while they fit; a
    part too long is cut at the next boundary and its chunks stand alone.
    """
    tokens = count(text) if tokens is None else tokens
    if tokens <= limit:
        return [text]
    if level == len(_BOUNDARIES):
        return _split_chars(text, count, limit)
    parts = _split_keep(text, _BOUNDARIES[level])
    if len(parts) == 1:
        return _chunks(text, level + 1, count, limit, tokens)
    out: list[str] = []
    group: list[str] = []
    total = 0
    for part in parts:
        size = count(part)
        if group and (size > limit or total + size > limit):
            out.extend(_fit(group, count, limit))
            group, total = [], 0
        if size > limit:
            out.extend(_chunks(part, level + 1, count, limit, size))
        else:
            group.append(part)
            total += size
    out.extend(_fit(group, count, limit))
    return out


def _split_keep(text: str, boundary: re.Pattern[str]) -> list[str]:
    parts, last = [], 0
    for match in boundary.finditer(text):
        if match.end() > last:
            parts.append(text[last:match.end()])
            last = match.end()
    if last < len(text):
        parts.append(text[last:])
    return parts


def _split_chars(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """The longest prefixes within ``limit`` tokens, found by bisection (at least one character each)."""
    pieces = []
    while text:
        # A token is rarely more than a few dozen characters: search a window, not the whole rest
        # (which would make a long text without spaces quadratic).
        window = max(limit * 32, 64)
        while window < len(text) and count(text[:window]) <= limit:
            window *= 2
        low, high = 1, min(len(text), window)
        while low < high:
            mid = (low + high + 1) // 2
            if count(text[:mid]) <= limit:
                low = mid
            else:
                high = mid - 1
        pieces.append(text[:low])
        text = text[low:]
    return pieces


def _fit(group: list[str], count: Callable[[str], int], limit: int) -> list[str]:
    """The group joined, or halved until each half fits: a join can count more tokens than its parts."""
    if not group:
        return []
    chunk = "".join(group)
    if len(group) == 1 or count(chunk) <= limit:
        return [chunk]
    half = len(group) // 2
    return _fit(group[:half], count, limit) + _fit(group[half:], count, limit)


# -- loading a file --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadOptions:
    """How a dataset file is read."""

    format: str = option("auto", help="the dataset format; auto detects it from the file's first items",
                         choices=("auto", *FORMATS))
    columns: dict[str, str] | None = option(
        None, help='which file column holds which field, e.g. {"instruction": "question", "output": "answer"}; '
        "without it, columns are matched by name")
    strict: bool = option(False, help="stop at the first item that cannot be used, instead of skipping it")
    text_chunk_tokens: int = option(1024, help="the longest chunk of plain text, in tokens", min=1)
    max_line_bytes: int = option(10_000_000, help="a longer line or row is rejected as too long", min=1)
    max_json_bytes: int = option(50_000_000, help="the largest .json file read whole; larger ones must be JSONL",
                                 min=1)

    def __post_init__(self) -> None:
        check(self)
        unknown = sorted(set(self.columns or {}) - set(FIELDS))
        if unknown:
            raise ConfigError(f"ReadOptions.columns maps {', '.join(map(repr, unknown))}, which no format has",
                              f"map file columns to these fields: {', '.join(FIELDS)}")
        if any(not isinstance(c, str) for c in (self.columns or {}).values()):
            raise ConfigError(f"ReadOptions.columns is {self.columns!r}; every column must be named by text",
                              'give the column names, e.g. {"output": "answer"}')


@dataclass
class LoadSummary:
    """What a load kept, rejected and fixed; nothing leaves the file without being counted here.

    Attributes:
        source: the file.
        format: the format read (detected or chosen).
        accepted: records yielded (a long text counts once per chunk).
        rejected_by_code: rejects by their code.
        fixed_by_code: things normalised on the way, by kind (bom_removed,
            role_renamed, blank_line_skipped, ...); an item counts once per kind.
    """

    source: str
    format: str = ""
    accepted: int = 0
    rejected_by_code: Counter[str] = field(default_factory=Counter)
    fixed_by_code: Counter[str] = field(default_factory=Counter)

    @property
    def rejected(self) -> int:
        return sum(self.rejected_by_code.values())

    @property
    def fixed(self) -> int:
        return sum(self.fixed_by_code.values())

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "format": self.format, "accepted": self.accepted, "rejected": self.rejected,
                "rejected_by_code": dict(self.rejected_by_code), "fixed": self.fixed,
                "fixed_by_code": dict(self.fixed_by_code)}

    def __str__(self) -> str:
        def counts(counter: Counter[str]) -> str:
            return f" ({', '.join(f'{k} {n}' for k, n in counter.most_common())})" if counter else ""

        return (f"{self.source} ({self.format}): accepted {self.accepted}, rejected {self.rejected}"
                f"{counts(self.rejected_by_code)}, fixed {self.fixed}{counts(self.fixed_by_code)}")


class RecordStream(Iterator[Record | Reject]):
    """The records and rejects of one dataset file, read as they are consumed.

    The file is checked and its format decided when the stream is made, so a
    file that cannot be read fails before the first item. ``summary`` counts
    what has been read so far. Use it as a context manager (or call
    :meth:`close`) to close the file early.

    Attributes:
        source: the file, as given.
        format: the format read (detected or chosen).
        summary: the live :class:`LoadSummary`.
    """

    def __init__(self, path: Path | str, options: ReadOptions, count_tokens: Callable[[str], int] | None,
                 mapping: ItemMapping | None = None) -> None:
        self.path = Path(path)
        self.source = str(path)
        self.options = options
        self._mapping = mapping
        self.summary = LoadSummary(self.source)
        self._count = count_tokens or approx_token_count
        self._kind = readers.file_kind(self.path)
        self._items = readers.read_items(self.path, max_line_bytes=options.max_line_bytes,
                                         max_json_bytes=options.max_json_bytes, fixes=self.summary.fixed_by_code)
        try:
            self._renames = self._column_renames() if mapping is None else {}
            head = _head(self._items)
            self.format = self._choose_format(head) if mapping is None else self._mapped_format(head, mapping)
        except BaseException:
            self._items.close()
            raise
        self.summary.format = self.format
        self._stream = self._run(chain(head, self._items))

    def __next__(self) -> Record | Reject:
        return next(self._stream)

    def close(self) -> None:
        """Stop reading and close the file."""
        self._stream.close()
        self._items.close()

    def __enter__(self) -> RecordStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the format ----------------------------------------------------------------------------------------

    def _column_renames(self) -> dict[str, str]:
        """file column or key -> format field, from the mapping, and for tables by case-insensitive name."""
        renames = {column: name for name, column in (self.options.columns or {}).items()}
        if self._kind not in readers.TABLE_KINDS:
            return renames
        self._columns = found = readers.table_columns(self.path)
        absent = [column for column in renames if column not in found]
        if absent:
            raise DataError(f"the column mapping names {', '.join(map(repr, absent))}, which the file does not "
                            f"have; its columns are: {', '.join(found)}", "map the fields to these columns",
                            file=self.source, line=1)
        taken = set(renames.values())
        for column in found:
            name = column.lower()
            if column not in renames and name in FIELDS and name not in taken:
                renames[column] = name
        return renames

    def _renamed(self, value: Any) -> Any:
        if not self._renames or not isinstance(value, dict):
            return value
        return {self._renames.get(key, key): v for key, v in value.items()}

    def _choose_format(self, head: list[RawItem | Reject]) -> str:
        chosen = self.options.format
        if self._kind == "txt":
            if chosen not in ("auto", "text"):
                raise DataError(f"a .txt file is plain text; it cannot be read as {chosen}",
                                "choose the format text, or save the data as JSONL", file=self.source)
            return "text"
        if self._kind in readers.TABLE_KINDS:
            return self._table_format(chosen)
        if not head:
            raise DataError("the file has no records", "choose a file with records in it", file=self.source)
        if chosen != "auto":
            return chosen
        guesses = Counter(g for item in head if isinstance(item, RawItem)
                          if (g := guess_format(self._renamed(item.value))))
        if guesses:
            return guesses.most_common(1)[0][0]
        raise self._undetected(head)

    def _undetected(self, head: list[RawItem | Reject]) -> DataError:
        values = [item for item in head if isinstance(item, RawItem)]
        hint = ("each item needs the fields of one format: " + "; ".join(f"{f} {e}" for f, e in _EXAMPLES.items())
                + "; or choose the format, and map other field names with columns")
        if not values:
            first = head[0]
            return DataError(f"none of the first {len(head)} items can be read; the first: {first.reason}",
                             "fix the file, or check that it is the dataset", file=self.source, line=first.line)
        first = values[0]
        what = (f"has the fields {', '.join(map(repr, list(first.value)[:10]))}" if isinstance(first.value, dict)
                else f"is {describe_value(first.value)}")
        return DataError(f"cannot tell the dataset format: no item among the first {len(head)} has the fields of "
                         f"one; the first item {what}", hint, file=self.source, line=first.line)

    def _mapped_format(self, head: list[RawItem | Reject], mapping: ItemMapping) -> str:
        """The mapping's format, once the file is seen to have the columns the mapping names."""
        if self._kind == "txt":
            raise DataError("a .txt file is plain text, without the columns the definition names",
                            "save the data as JSON Lines with those columns", file=self.source)
        columns = readers.table_columns(self.path) if self._kind in readers.TABLE_KINDS else None
        if columns is None and not head:
            raise DataError("the file has no records", "choose a file with records in it", file=self.source)
        values = [item.value for item in head if isinstance(item, RawItem)]
        mapping.check_columns(values, source=self.source, columns=columns)
        return mapping.format

    def _table_format(self, chosen: str) -> str:
        columns = [self._renames.get(c, c) for c in self._columns]
        fmt = chosen if chosen != "auto" else guess_format(dict.fromkeys(columns))
        found = ", ".join(self._columns)
        mapping = "map them, e.g. columns={\"instruction\": \"question\", \"output\": \"answer\"}"
        if fmt is None:
            raise DataError(f"cannot tell the dataset format from the columns: {found}",
                            f"name the columns instruction and output (alpaca), prompt and completion, or text; "
                            f"or {mapping}", file=self.source, line=1)
        missing = [name for name in _REQUIRED[fmt] if name not in columns]
        if missing:
            raise DataError(f"the file has no column for {', '.join(map(repr, missing))}, which {fmt} data needs; "
                            f"its columns are: {found}", f"rename the columns, or {mapping}",
                            file=self.source, line=1, field=missing[0])
        return fmt

    # -- the items -----------------------------------------------------------------------------------------

    def _run(self, items: Iterator[RawItem | Reject]) -> Iterator[Record | Reject]:
        for item in items:
            result = item if isinstance(item, Reject) else self._normalise(item)
            if isinstance(result, Reject):
                yield self._rejected(result)
                continue
            for record in self._chunks(result):
                self.summary.accepted += 1
                yield record

    def _normalise(self, item: RawItem) -> Record | Reject:
        fixes = self.summary.fixed_by_code
        if self._mapping is not None:
            return self._mapping.read(item.value, source=self.source, line=item.line, fixes=fixes)
        return normalise(self._renamed(item.value), self.format, source=self.source, line=item.line, fixes=fixes)

    def _rejected(self, reject: Reject) -> Reject:
        self.summary.rejected_by_code[reject.code] += 1
        if self.options.strict:
            self._items.close()
            raise DataError(reject.reason, "fix this item, or load without strict to skip the items that fail "
                            "and list them", file=reject.source, line=reject.line, field=reject.field)
        return reject

    def _chunks(self, record: Record) -> list[Record]:
        if record.kind != "text":
            return [record]
        # In a text file a chunk gives the line it starts on; a JSON text field is all on its item's line.
        lines_apply = self._kind == "txt"
        chunks = chunk_text(record.messages[0].content, self._count, self.options.text_chunk_tokens)
        return [Record((Message("text", chunk),), record.source, record.line + (offset if lines_apply else 0),
                       kind="text", meta=record.meta) for offset, chunk in chunks]


def _head(items: Iterator[RawItem | Reject], limit: int = 50 * DETECT_ITEMS) -> list[RawItem | Reject]:
    """The first items, up to DETECT_ITEMS readable ones (and at most ``limit`` in all)."""
    head: list[RawItem | Reject] = []
    readable = 0
    for item in islice(items, limit):
        head.append(item)
        readable += isinstance(item, RawItem)
        if readable == DETECT_ITEMS:
            break
    return head


@dataclass
class LoadResult:
    """A whole file's records, rejects and summary (see :func:`load_all`)."""

    records: list[Record]
    rejects: list[Reject]
    summary: LoadSummary


def load_records(path: Path | str, *, format: str = "auto", columns: dict[str, str] | None = None,
                 strict: bool = False, count_tokens: Callable[[str], int] | None = None,
                 text_chunk_tokens: int = 1024, max_line_bytes: int = 10_000_000,
                 max_json_bytes: int = 50_000_000, mapping: ItemMapping | None = None) -> RecordStream:
    """Stream a dataset file as records, and rejects for the items that cannot be used.

    Args:
        path: a .jsonl, .json, .csv, .tsv, .txt or .parquet file.
        format: one of :data:`~core.data.records.FORMATS`, or "auto" to detect it
            from the first items (or a table's columns).
        columns: format field -> file column (or JSON key), e.g.
            ``{"instruction": "question", "output": "answer"}``.
        strict: raise on the first reject instead of yielding it.
        count_tokens: the tokens of a string, for cutting plain text; defaults
            to :func:`approx_token_count`.
        text_chunk_tokens: the longest chunk of plain text, in tokens.
        max_line_bytes: a longer line or row is rejected with code too_long.
        max_json_bytes: the largest .json file read whole.
        mapping: where each part of an item is, for a file laid out by another tool
            (:class:`~core.data.mapping.ItemMapping`); instead of ``format`` and ``columns``.

    Returns:
        A :class:`RecordStream`: an iterator of Record and Reject in file order,
        with ``.format`` and a live ``.summary``.

    Raises:
        ConfigError: an option is out of range or names an unknown field.
        DataError: the file cannot be read as a dataset (missing, empty, binary,
            not UTF-8, not valid JSON as a whole, missing columns, format not
            recognisable); with ``strict``, also the first reject, while iterating.
    """
    options = ReadOptions(format=format, columns=columns, strict=strict, text_chunk_tokens=text_chunk_tokens,
                          max_line_bytes=max_line_bytes, max_json_bytes=max_json_bytes)
    if mapping is not None and (columns or format != "auto"):
        raise ConfigError("a file read through a mapping takes its format and columns from the mapping",
                          "give either the mapping, or the format and the columns")
    return RecordStream(path, options, count_tokens, mapping)


def load_all(path: Path | str, **options: Any) -> LoadResult:
    """Read a whole (small) file into lists of records and rejects, with its summary.

    Args:
        path: the dataset file.
        **options: as for :func:`load_records`.

    Raises:
        ConfigError, DataError: as :func:`load_records`.
    """
    records: list[Record] = []
    rejects: list[Reject] = []
    with load_records(path, **options) as stream:
        for item in stream:
            (records if isinstance(item, Record) else rejects).append(item)
    return LoadResult(records, rejects, stream.summary)


def detect_format(path: Path | str, *, columns: dict[str, str] | None = None) -> str:
    """The format of a dataset file, from its first items (or a table's columns).

    Raises:
        DataError: the file cannot be read, or no known format fits it.
    """
    with load_records(path, columns=columns) as stream:
        return stream.format
