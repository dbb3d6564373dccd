"""An explicit mapping of a dataset file's layout onto Hearth's records, for data laid out by another tool.

A file that another fine-tuning tool reads through its own definition (a LLaMA-Factory ``dataset_info.json`` entry,
an Axolotl ``datasets:`` entry, see :mod:`.definitions`) says in that definition where each part of an item is:
the prompt, the query and the reply in other columns, earlier turns as ``[user, assistant]`` pairs, messages under
another key with other role names. An :class:`ItemMapping` holds that, in Hearth's terms, and turns each item into
the messages of a Hearth chat item (or the text of a text item), which :func:`~core.data.formats.normalise` then
checks as it checks every other file: the mapping only says where things are, the rules are the import's own.

What a mapping cannot keep (a tool call, a tool result, a role it does not name) leaves its item out as a reject
with the reason; a reject's field is named as the file names it (``conversations[3].value``, ``history[0][1]``).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config import check, option
from core.data.formats import describe_value as _describe
from core.data.formats import normalise
from core.data.readers import RawItem, read_items, writable
from core.data.records import CHAT_ROLES, Record, Reject
from core.errors import ConfigError, DataError

__all__ = ["MAPPED_FORMATS", "ItemMapping"]

# The Hearth formats a mapped file is read as: alpaca (prompt, query, response, history), a list of messages
# (sharegpt and openai differ only in the key names, which the mapping gives), or plain text.
MAPPED_FORMATS = ("alpaca", "sharegpt", "openai", "text")
# Keys of the item a mapping builds; a column of the file with one of these names is kept as "original_<name>".
_BUILT = ("messages", "system", "text")


class _Unmappable(Exception):
    """Why an item cannot be mapped; becomes a Reject."""

    def __init__(self, code: str, field: str, reason: str) -> None:
        super().__init__(reason)
        self.code, self.field, self.reason = code, field, reason


@dataclass(frozen=True)
class ItemMapping:
    """Where the parts of each item are, and which role name means which role (saved in the version's manifest)."""

    format: str = option(help="what the items hold: alpaca (a prompt, a query, a response, earlier turns), "
                         "sharegpt or openai (a list of messages), text", choices=MAPPED_FORMATS)
    prompt: str | None = option(None, help="alpaca: the column of the instruction, the start of the user's turn")
    query: str | None = option(None, help="alpaca: the column of the input, added to the prompt after `join`")
    response: str | None = option(None, help="alpaca: the column of the reply")
    history: str | None = option(None, help="alpaca: the column of earlier turns, a list of [user, assistant] pairs")
    join: str = option("\n", help="alpaca: what goes between the prompt and the query (when both have text)")
    messages: str | None = option(None, help="sharegpt, openai: the column of the list of messages")
    role_key: str = option("role", help="sharegpt, openai: the key of a message's role")
    content_key: str = option("content", help="sharegpt, openai: the key of a message's text")
    roles: dict[str, str] = option(default_factory=dict, help="sharegpt, openai: a role as the file names it -> "
                                   "system, user or assistant; an item with a role not here is left out")
    unsupported: dict[str, str] = option(default_factory=dict, help="a role as the file names it -> what its turns "
                                         "are (a tool call, a tool result), for the reason its items are left out")
    drop_system: bool = option(False, help="leave out the system messages and the system column")
    system: str | None = option(None, help="the column of the system prompt")
    text: str | None = option(None, help="text: the column of the text")
    named: tuple[str, ...] = option((), help="other columns the definition names, which one item at least must have "
                                    "(an item may lack them)")

    def __post_init__(self) -> None:
        check(self)
        bad = sorted(role for role in self.roles.values() if role not in CHAT_ROLES)
        if bad:
            raise ConfigError(f"ItemMapping.roles maps to {', '.join(map(repr, bad))}, which is no Hearth role",
                              f"map each role name to one of: {', '.join(CHAT_ROLES)}")
        needed = {"alpaca": ("response",), "sharegpt": ("messages",), "openai": ("messages",), "text": ("text",)}
        missing = [name for name in needed[self.format] if getattr(self, name) is None]
        if self.format == "alpaca" and self.prompt is None and self.query is None:
            missing.append("prompt")
        if missing:
            raise ConfigError(f"ItemMapping for {self.format} has no column for {', '.join(missing)}",
                              f"name the column of the {missing[0]}")

    # -- one item ------------------------------------------------------------------------------------------

    def read(self, value: Any, *, source: str, line: int, fixes: Counter[str] | None = None) -> Record | Reject:
        """One item of the file as a Record, or a Reject whose field is named as the file names it."""
        try:
            item, where = self._item(value)
        except _Unmappable as bad:
            return Reject(source, line, bad.field, bad.reason, bad.code, _excerpt(value))
        result = normalise(item, "text" if self.format == "text" else "openai", source=source, line=line,
                           fixes=fixes)
        if isinstance(result, Reject):
            return dataclasses.replace(result, field=self._source_field(result.field, where))
        return result

    def _item(self, value: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The Hearth item (messages or text, the other columns kept) and, per message, where it came from."""
        if not isinstance(value, dict):
            raise _Unmappable("wrong_type", "", f"the item is {_describe(value)}, not an object with columns")
        if self.format == "text":
            where: list[tuple[str, str]] = []
            used = {self.text}
            built: dict[str, Any] = {"text": self._column(value, self.text, required=True)}
        else:
            turns, where, used = self._alpaca(value) if self.format == "alpaca" else self._chat(value)
            built = {"messages": turns}
            if self.system and not self.drop_system and value.get(self.system) is not None:
                built["system"] = value[self.system]
                used.add(self.system)
        kept = {(f"original_{k}" if k in _BUILT else k): v for k, v in value.items() if k not in used}
        return {**kept, **built}, where

    def _alpaca(self, value: dict[str, Any]) -> tuple[list[dict[str, Any]], list[tuple[str, str]], set[str]]:
        turns, where = self._history(value)
        parts = [self._part(value, self.prompt), self._part(value, self.query)]
        turns.append({"role": "user", "content": self.join.join(p for p in parts if p)})
        user_column = self.prompt or self.query
        where.append((user_column, user_column))
        turns.append({"role": "assistant", "content": self._column(value, self.response, required=True)})
        where.append((self.response, self.response))
        return turns, where, {self.prompt, self.query, self.response, self.history} - {None}

    def _history(self, value: dict[str, Any]) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
        name = self.history
        pairs = _decoded(value.get(name)) if name else None
        if pairs is None:
            return [], []
        if not isinstance(pairs, list):
            raise _Unmappable("wrong_type", name, f"'{name}' is {_describe(pairs)}; it must be a list of "
                              "[user turn, assistant reply] pairs")
        turns, where = [], []
        for k, pair in enumerate(pairs):
            if not (isinstance(pair, list) and len(pair) == 2):
                raise _Unmappable("wrong_type", f"{name}[{k}]", f"the earlier turn is {_describe(pair)}; it must "
                                  "be a pair [user turn, assistant reply]")
            for n, role in enumerate(("user", "assistant")):
                turns.append({"role": role, "content": pair[n]})
                where.append((f"{name}[{k}][{n}]", f"{name}[{k}][{n}]"))
        return turns, where

    def _part(self, value: dict[str, Any], name: str | None) -> str:
        """The text of the prompt or query column; "" when it is not mapped, null or empty."""
        text = self._column(value, name) if name else None
        if text is not None and not isinstance(text, str):
            raise _Unmappable("wrong_type", name, f"'{name}' is {_describe(text)}; it must be text")
        return text or ""

    def _chat(self, value: dict[str, Any]) -> tuple[list[dict[str, Any]], list[tuple[str, str]], set[str]]:
        name = self.messages
        raw = _decoded(self._column(value, name, required=True))
        if not isinstance(raw, list):
            raise _Unmappable("wrong_type", name, f"'{name}' is {_describe(raw)}; it must be a list of messages "
                              f"with '{self.role_key}' and '{self.content_key}'")
        turns, where = [], []
        for i, message in enumerate(raw):
            path = f"{name}[{i}]"
            if not isinstance(message, dict):
                raise _Unmappable("wrong_type", path, f"the message is {_describe(message)}; it must be an object "
                                  f"with '{self.role_key}' and '{self.content_key}'")
            role = self._role(message, path)
            if role == "system" and self.drop_system:
                continue
            if self.content_key not in message:
                raise _Unmappable("missing_field", f"{path}.{self.content_key}",
                                  f"the message has no '{self.content_key}' (its keys: {_keys(message)})")
            turns.append({"role": role, "content": message[self.content_key]})
            where.append((path, f"{path}.{self.content_key}"))
        return turns, where, {name}

    def _role(self, message: dict[str, Any], path: str) -> str:
        where = f"{path}.{self.role_key}"
        if self.role_key not in message:
            raise _Unmappable("missing_field", where, f"the message has no '{self.role_key}' (its keys: "
                              f"{_keys(message)})")
        given = message[self.role_key]
        if not isinstance(given, str):
            raise _Unmappable("wrong_type", where, f"the role is {_describe(given)}; it must be text")
        if given in self.roles:
            return self.roles[given]
        if given in self.unsupported:
            raise _Unmappable("unsupported_turn", where, f"the message is {self.unsupported[given]}, role "
                              f"{given!r}: Hearth's records hold system, user and assistant turns only, so the "
                              "conversation is left out")
        mapped = ", ".join(f"{name} -> {role}" for name, role in self.roles.items())
        raise _Unmappable("unknown_role", where, f"the role {given[:40]!r} is not one the definition maps "
                          f"({mapped}); map it in the definition, or remove the message")

    def _column(self, value: dict[str, Any], name: str | None, *, required: bool = False) -> Any:
        if name is None:
            return None
        if name not in value:
            if required:
                raise _Unmappable("missing_field", name, f"the item has no '{name}' column (its columns: "
                                  f"{_keys(value)})")
            return None
        return value[name]

    def _source_field(self, field: str, where: list[tuple[str, str]]) -> str:
        """A field of the built item (messages[2].content, system) as the file names it."""
        head, _, rest = field.partition(".")
        if head.startswith("messages[") and head.endswith("]") and head[9:-1].isdigit():
            index = int(head[9:-1])
            if index < len(where):
                return where[index][1] + rest[len("content"):] if rest.startswith("content") else where[index][0]
        if head == "messages":
            return self.messages or self.prompt or self.query or field
        return {"system": self.system, "text": self.text}.get(field) or field

    # -- the file's columns --------------------------------------------------------------------------------

    @property
    def needed(self) -> str:
        """The column every item needs: the reply, the messages or the text."""
        return {"alpaca": self.response, "text": self.text}.get(self.format, self.messages) or ""

    def check_columns(self, head: Sequence[Any], *, source: str, columns: Sequence[str] | None = None) -> None:
        """Fail early when the file lacks the column every item needs (a table: any column the mapping names), or
        its messages lack the role or the text key. See :meth:`check_named` for the columns an item may lack.

        Args:
            head: the first items of the file (for JSON and JSON Lines).
            source: the file, for the message.
            columns: a table's columns (CSV, TSV, Parquet), when known.

        Raises:
            DataError: naming the column and listing the columns found.
        """
        items = [value for value in head if isinstance(value, dict)]
        found = list(columns) if columns is not None else list(dict.fromkeys(k for item in items for k in item))
        wanted = [self.needed, *self.named] if columns is not None else [self.needed]
        absent = [name for name in wanted if name not in found]
        if absent:
            raise _no_column(absent[0], found, source)
        if self.format in ("sharegpt", "openai") and columns is None:
            self._check_message_keys(items, source)

    def check_named(self, path: Path) -> None:
        """Fail when no item of the file has a column the definition names (the file is read until each is seen).

        Raises:
            DataError: naming the column and listing the columns the items have.
        """
        if not self.named:
            return
        wanted, seen = set(self.named), dict[str, None]()
        items = read_items(path)
        try:
            for item in items:
                if isinstance(item, RawItem) and isinstance(item.value, dict):
                    seen.update(dict.fromkeys(map(str, item.value)))
                    wanted -= item.value.keys()
                    if not wanted:
                        break
        finally:
            items.close()
        absent = [name for name in self.named if name in wanted]
        if absent:
            raise _no_column(absent[0], list(seen), str(path))

    def _check_message_keys(self, items: list[dict[str, Any]], source: str) -> None:
        lists = [item.get(self.messages) for item in items]
        messages = [m for value in lists if isinstance(value, list) for m in value if isinstance(m, dict)]
        if not messages:
            return
        keys = list(dict.fromkeys(k for m in messages for k in m))
        for what, key in (("role", self.role_key), ("text", self.content_key)):
            if key not in keys:
                raise DataError(f"the definition says a message's {what} is under {key!r}, but no message of "
                                f"the file's first items has that key; their keys are: {', '.join(map(str, keys))}",
                                "correct the key in the definition (LLaMA-Factory: tags role_tag and content_tag; "
                                "Axolotl: message_property_mappings)", file=source, field=f"{self.messages}[0]")

    def describe(self) -> str:
        """The mapping in one line, for a person."""
        if self.format == "text":
            return f"text from '{self.text}'"
        if self.format == "alpaca":
            parts = [f"user: {' + '.join(repr(c) for c in (self.prompt, self.query) if c)} (joined by "
                     f"{self.join!r})", f"assistant: {self.response!r}"]
            parts += [f"history: {self.history!r}"] if self.history else []
        else:
            parts = [f"messages: {self.messages!r} ({self.role_key!r}/{self.content_key!r})",
                     "roles: " + ", ".join(f"{name} -> {role}" for name, role in self.roles.items())]
            parts += [f"left out: {', '.join(self.unsupported)}"] if self.unsupported else []
        parts += [f"system: {self.system!r}"] if self.system and not self.drop_system else []
        return f"{self.format}; " + "; ".join(parts)


def _no_column(name: str, found: Sequence[str], source: str) -> DataError:
    return DataError(f"the definition names the column {name!r}, which the file does not have; its columns are: "
                     f"{', '.join(map(str, found[:40])) or 'none'}", "correct the column's name in the definition, "
                     "or check that it points at the right file", file=source, field=name)


def _decoded(value: Any) -> Any:
    """A list given as JSON text (a CSV cell) as the list; anything else as it is."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            return json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            return value
    return value


def _keys(value: dict[str, Any]) -> str:
    return ", ".join(repr(str(k)) for k in list(value)[:10]) or "none"


def _excerpt(value: Any) -> str:
    try:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        text = repr(value)
    return writable(text[:120])

