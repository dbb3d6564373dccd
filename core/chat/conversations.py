"""Conversations and their messages, kept in the workspace database.

A conversation's messages form a tree: each message names its parent. A reply
that is regenerated, or a question that is edited and sent again, becomes a
sibling of the message it replaces; nothing is overwritten. The conversation's
``current_leaf`` names the last message of the branch on screen, and the active
branch is the path from the root down to it.

A reply is stored before it is generated: created empty with status ``cut``,
saved as tokens arrive (``save_partial``), then finished with its final status
and metrics (``finish_message``). If the engine, or Hearth itself, dies mid-reply,
the conversation keeps what was streamed, marked as cut.

Every message keeps the model, adapters and sampling it was generated with, and
its metrics, as JSON. Conversations export to Markdown (the active branch, for
reading) and JSON (the whole tree, every column).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import HearthError
from core.workspace import Workspace, atomic_write_json, atomic_write_text, utc_now

__all__ = [
    "CURRENT_LEAF",
    "EXPORT_FORMATS",
    "ROLES",
    "STATUSES",
    "Conversation",
    "ConversationError",
    "StoredMessage",
    "active_branch",
    "add_message",
    "chat_history",
    "create_conversation",
    "delete_conversation",
    "edit_and_resend",
    "export_conversation",
    "export_json",
    "export_markdown",
    "finish_message",
    "get_conversation",
    "get_message",
    "list_conversations",
    "list_messages",
    "regenerate_from",
    "rename_conversation",
    "save_partial",
    "set_model",
    "set_system_prompt",
    "siblings",
    "switch_branch",
]

log = logging.getLogger(__name__)

ROLES = ("system", "user", "assistant")
STATUSES = ("complete", "cut", "error")
EXPORT_FORMATS = {"markdown": "markdown", "md": "markdown", "json": "json"}
TITLE_LENGTH = 60
UNTITLED = "New conversation"
JSON_EXPORT_KIND = "hearth.conversation"
JSON_EXPORT_VERSION = 1
_LIST_HINT = "pick one from the conversation list; a unique prefix of its id is enough"


class ConversationError(HearthError):
    """A conversation or message cannot be found, or a change to one is not allowed."""


class _CurrentLeaf:
    """The default parent of a new message: the conversation's current leaf."""

    def __repr__(self) -> str:
        return "CURRENT_LEAF"


CURRENT_LEAF: Any = _CurrentLeaf()


@dataclass(frozen=True)
class Conversation:
    """One row of the ``conversations`` table; ``title`` is empty until one is given or derived."""

    id: str
    title: str
    model: str | None
    system_prompt: str
    current_leaf: str | None
    created_at: str
    updated_at: str

    @property
    def display_title(self) -> str:
        """The title, or a placeholder for a conversation that has none yet."""
        return self.title or UNTITLED


@dataclass(frozen=True)
class StoredMessage:
    """One row of the ``messages`` table, its JSON columns decoded."""

    id: str
    conversation_id: str
    parent_id: str | None
    role: str
    content: str
    status: str
    model: str | None
    adapters: list[Any] = field(hash=False)
    sampling: dict[str, Any] = field(hash=False)
    metrics: dict[str, Any] = field(hash=False)
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        """Every column, JSON ones decoded, as a plain dict."""
        return dataclasses.asdict(self)


# ---------------------------------------------------------------- rows and checks


@contextlib.contextmanager
def _write(ws: Workspace) -> Iterator[sqlite3.Connection]:
    # BEGIN IMMEDIATE takes the write lock before the first read, so a
    # read-then-write (current leaf -> new message) cannot interleave with another process.
    with ws.db() as conn:
        conn.execute("BEGIN IMMEDIATE")
        yield conn


def _loads(text: str, default: Any, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        log.warning("unreadable JSON in %s, read as empty: %.80r", where, text)
        return default


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(**dict(row))


def _message(row: sqlite3.Row) -> StoredMessage:
    data = dict(row)
    where = f"message {data['id']}"
    data["adapters"] = _loads(data["adapters"], [], where)
    data["sampling"] = _loads(data["sampling"], {}, where)
    data["metrics"] = _loads(data["metrics"], {}, where)
    return StoredMessage(**data)


def _conversation_row(ws: Workspace, conn: sqlite3.Connection, ref: str) -> sqlite3.Row:
    ref = (ref or "").strip()
    rows = []
    if ref:
        rows = conn.execute("SELECT * FROM conversations WHERE substr(id, 1, ?) = ?", (len(ref), ref)).fetchall()
    exact = [row for row in rows if row["id"] == ref]
    if len(exact) == 1 or len(rows) == 1:
        return (exact or rows)[0]
    if rows:
        raise ConversationError(f"{ref!r} matches {len(rows)} conversations", "give more of the conversation id")
    raise ConversationError(f"no conversation {ref!r} in the workspace {ws.root}", _LIST_HINT)


def _message_row(conn: sqlite3.Connection, message_id: str, conversation_id: str | None = None) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
    if row is None:
        raise ConversationError(
            f"no message {message_id!r} in the workspace",
            "reload the conversation; the message may have gone with a deleted conversation",
        )
    if conversation_id is not None and row["conversation_id"] != conversation_id:
        raise ConversationError(
            f"message {message_id!r} belongs to conversation {row['conversation_id']}, not {conversation_id}",
            "pick a message of the same conversation (or no parent, to start a new root)",
        )
    return row


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConversationError(f"unknown message {name} {value!r}", f"use one of: {', '.join(allowed)}")


def _dumps(name: str, value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise ConversationError(
            f"the {name} of a message cannot be stored as JSON: {exc}",
            "pass only strings, numbers, booleans, lists and dicts",
        ) from exc


def _encode_adapters(adapters: Iterable[Any]) -> str:
    if isinstance(adapters, (str, bytes, Mapping)):
        raise ConversationError(
            f"adapters must be a list of adapters, got {adapters!r}",
            'pass a list, e.g. ["tone"] or [{"name": "tone", "scale": 0.8}]',
        )
    return _dumps("adapters", list(adapters))


def _encode_mapping(name: str, value: Mapping[str, Any] | None) -> str:
    if value is not None and not isinstance(value, Mapping):
        raise ConversationError(f"the {name} of a message must be a dict, got {value!r}", f"pass {name} as a dict")
    return _dumps(name, dict(value or {}))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _auto_title(content: str) -> str:
    """The first words of a message on one line, cut near ``TITLE_LENGTH`` at a word boundary."""
    text = _one_line(content)
    if len(text) <= TITLE_LENGTH:
        return text
    cut = text[:TITLE_LENGTH]
    space = cut.rfind(" ")
    if space >= TITLE_LENGTH // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


def _fold(text: str | None) -> str | None:
    return None if text is None else text.casefold()


# ---------------------------------------------------------------- conversations


def create_conversation(
    ws: Workspace, *, title: str | None = None, model: str | None = None, system_prompt: str = ""
) -> Conversation:
    """Start an empty conversation.

    Args:
        ws: the workspace.
        title: its title; when omitted, the first user message gives one.
        model: the model it chats with (a catalog name or id).
        system_prompt: the instructions sent before every turn.

    Returns:
        The new conversation.
    """
    conv_id, now = uuid.uuid4().hex, utc_now()
    with _write(ws) as conn:
        conn.execute(
            "INSERT INTO conversations (id, title, model, system_prompt, current_leaf, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, NULL, ?, ?)",
            (conv_id, _one_line(title or ""), model, system_prompt or "", now, now),
        )
        return _conversation(_conversation_row(ws, conn, conv_id))


def get_conversation(ws: Workspace, conversation_id: str) -> Conversation:
    """The conversation ``conversation_id`` (a unique prefix of its id is enough).

    Raises:
        ConversationError: no conversation, or more than one, matches.
    """
    with ws.db() as conn:
        return _conversation(_conversation_row(ws, conn, conversation_id))


def list_conversations(ws: Workspace, *, search: str | None = None, limit: int | None = 100) -> list[Conversation]:
    """Conversations, the most recently updated first.

    Args:
        ws: the workspace.
        search: keep only those whose title or any message contains this text,
            ignoring case; ``%`` and ``_`` are plain characters.
        limit: at most this many; ``None`` for all.
    """
    needle = _fold((search or "").strip())
    sql, params = "SELECT c.* FROM conversations c", []
    if needle:
        sql += (
            " WHERE instr(hearth_fold(c.title), ?) > 0 OR EXISTS (SELECT 1 FROM messages m "
            "WHERE m.conversation_id = c.id AND instr(hearth_fold(m.content), ?) > 0)"
        )
        params += [needle, needle]
    sql += " ORDER BY c.updated_at DESC, c.rowid DESC LIMIT ?"
    with ws.db() as conn:
        # casefold in Python: SQLite's LIKE and lower() only fold ASCII.
        conn.create_function("hearth_fold", 1, _fold, deterministic=True)
        rows = conn.execute(sql, (*params, -1 if limit is None else limit)).fetchall()
    return [_conversation(row) for row in rows]


def _update_conversation(ws: Workspace, conversation_id: str, **values: Any) -> Conversation:
    with _write(ws) as conn:
        conv_id = _conversation_row(ws, conn, conversation_id)["id"]
        columns = ", ".join(f"{name} = ?" for name in values)
        conn.execute(
            f"UPDATE conversations SET {columns}, updated_at = ? WHERE id = ?", (*values.values(), utc_now(), conv_id)
        )
        return _conversation(_conversation_row(ws, conn, conv_id))


def rename_conversation(ws: Workspace, conversation_id: str, title: str) -> Conversation:
    """Give a conversation a new title (on one line).

    Raises:
        ConversationError: the conversation is unknown, or the title is blank.
    """
    title = _one_line(title or "")
    if not title:
        raise ConversationError("a conversation's title cannot be blank", "give a title with some text in it")
    return _update_conversation(ws, conversation_id, title=title)


def set_system_prompt(ws: Workspace, conversation_id: str, system_prompt: str) -> Conversation:
    """Replace the system prompt sent before every turn of the conversation."""
    return _update_conversation(ws, conversation_id, system_prompt=system_prompt or "")


def set_model(ws: Workspace, conversation_id: str, model: str | None) -> Conversation:
    """Choose the model the conversation chats with from now on (``None`` to unset)."""
    return _update_conversation(ws, conversation_id, model=model)


def delete_conversation(ws: Workspace, conversation_id: str) -> None:
    """Delete a conversation and all its messages, every branch.

    Raises:
        ConversationError: the conversation is unknown.
    """
    with _write(ws) as conn:
        conv_id = _conversation_row(ws, conn, conversation_id)["id"]
        # Explicit rather than trusting ON DELETE CASCADE, which needs PRAGMA foreign_keys.
        conn.execute("DELETE FROM messages WHERE conversation_id = ?", (conv_id,))
        conn.execute("DELETE FROM conversations WHERE id = ?", (conv_id,))


# ---------------------------------------------------------------- messages


def add_message(
    ws: Workspace,
    conversation_id: str,
    role: str,
    content: str,
    *,
    parent_id: str | None = CURRENT_LEAF,
    status: str = "complete",
    model: str | None = None,
    adapters: Iterable[Any] = (),
    sampling: Mapping[str, Any] | None = None,
    metrics: Mapping[str, Any] | None = None,
) -> StoredMessage:
    """Add a message; it becomes the conversation's current leaf.

    The first user message of a conversation without a title gives it one. To
    stream a reply, add it with ``content=""`` and ``status="cut"``, then call
    ``save_partial`` and ``finish_message``.

    Args:
        ws: the workspace.
        conversation_id: the conversation (a unique prefix is enough).
        role: ``system``, ``user`` or ``assistant``.
        content: the text.
        parent_id: the message it answers or follows; by default the current
            leaf; ``None`` makes it a root (the first message, or a sibling of it).
        status: ``complete``, ``cut`` (stopped before it finished) or ``error``.
        model: the model that wrote it.
        adapters: the adapters applied, e.g. ``[{"name": "tone", "scale": 0.8}]``.
        sampling: the sampling settings used (temperature, top_p, seed, ...).
        metrics: what was measured (tokens, tokens per second, time to first token, ...).

    Returns:
        The stored message.

    Raises:
        ConversationError: unknown conversation or parent, a parent from another
            conversation, an unknown role or status, or values JSON cannot hold.
    """
    _check_choice("role", role, ROLES)
    _check_choice("status", status, STATUSES)
    encoded = (_encode_adapters(adapters), _encode_mapping("sampling", sampling), _encode_mapping("metrics", metrics))
    with _write(ws) as conn:
        conv = _conversation_row(ws, conn, conversation_id)
        parent = conv["current_leaf"] if parent_id is CURRENT_LEAF else parent_id
        if parent is not None:
            _message_row(conn, parent, conv["id"])
        message_id, now = uuid.uuid4().hex, utc_now()
        conn.execute(
            "INSERT INTO messages (id, conversation_id, parent_id, role, content, status, model, adapters, sampling, "
            "metrics, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (message_id, conv["id"], parent, role, content, status, model, *encoded, now),
        )
        title = conv["title"] or (_auto_title(content) if role == "user" else "")
        conn.execute(
            "UPDATE conversations SET current_leaf = ?, title = ?, updated_at = ? WHERE id = ?",
            (message_id, title, now, conv["id"]),
        )
        return _message(_message_row(conn, message_id))


def get_message(ws: Workspace, message_id: str) -> StoredMessage:
    """The message ``message_id``.

    Raises:
        ConversationError: no such message.
    """
    with ws.db() as conn:
        return _message(_message_row(conn, message_id))


def _pending_row(conn: sqlite3.Connection, message_id: str) -> sqlite3.Row:
    row = _message_row(conn, message_id)
    if row["status"] == "complete" and row["content"]:
        raise ConversationError(
            f"message {message_id!r} is already complete; a finished message is never overwritten",
            "make a new branch instead: edit_and_resend for a question, regenerate_from for a reply",
        )
    return row


def save_partial(ws: Workspace, message_id: str, content: str) -> None:
    """Save the text of a reply streamed so far, leaving its status as it is.

    Raises:
        ConversationError: no such message, or it is already complete.
    """
    with _write(ws) as conn:
        row = _pending_row(conn, message_id)
        conn.execute("UPDATE messages SET content = ? WHERE id = ?", (content, message_id))
        conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (utc_now(), row["conversation_id"]))


def finish_message(
    ws: Workspace,
    message_id: str,
    content: str,
    *,
    status: str = "complete",
    metrics: Mapping[str, Any] | None = None,
) -> StoredMessage:
    """Finish a message created empty (or ``cut``) before streaming.

    Args:
        ws: the workspace.
        message_id: the message.
        content: its whole text, or what arrived before it stopped.
        status: ``complete``; ``cut`` when the engine was stopped or killed
            mid-reply; ``error`` when it failed (put the reason in
            ``metrics["error"]``).
        metrics: replaces the message's metrics; ``None`` keeps them.

    Returns:
        The message as stored.

    Raises:
        ConversationError: no such message, it is already complete, or the
            status is unknown.
    """
    _check_choice("status", status, STATUSES)
    with _write(ws) as conn:
        row = _pending_row(conn, message_id)
        encoded = row["metrics"] if metrics is None else _encode_mapping("metrics", metrics)
        conn.execute(
            "UPDATE messages SET content = ?, status = ?, metrics = ? WHERE id = ?",
            (content, status, encoded, message_id),
        )
        conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (utc_now(), row["conversation_id"]))
        return _message(_message_row(conn, message_id))


def leave_out(ws: Workspace, message_id: str, reason: str) -> StoredMessage:
    """Keep a message in the transcript but out of what the model reads from now on (status ``error``).

    For a question the model could not take (longer than its context): sent again with every later turn, it
    would make each of them fail too.

    Raises:
        ConversationError: no such message.
    """
    with _write(ws) as conn:
        row = _message_row(conn, message_id)
        metrics = {**_loads(row["metrics"], {}, f"message {message_id}"), "error": reason}
        conn.execute("UPDATE messages SET status = 'error', metrics = ? WHERE id = ?",
                     (_encode_mapping("metrics", metrics), message_id))
        return _message(_message_row(conn, message_id))


def list_messages(ws: Workspace, conversation_id: str) -> list[StoredMessage]:
    """Every message of a conversation, all branches, in the order they were added."""
    with ws.db() as conn:
        conv_id = _conversation_row(ws, conn, conversation_id)["id"]
        rows = conn.execute("SELECT * FROM messages WHERE conversation_id = ? ORDER BY rowid", (conv_id,)).fetchall()
    return [_message(row) for row in rows]


# ---------------------------------------------------------------- branches

_BRANCH_SQL = """
WITH RECURSIVE branch(id, depth) AS (
    SELECT ?, 0
    UNION ALL
    SELECT m.parent_id, b.depth + 1 FROM messages m JOIN branch b ON m.id = b.id WHERE m.parent_id IS NOT NULL
)
SELECT m.* FROM branch b JOIN messages m ON m.id = b.id ORDER BY b.depth DESC
"""

_NEWEST_DESCENDANT_SQL = """
WITH RECURSIVE tree(id) AS (
    SELECT ?
    UNION ALL
    SELECT m.id FROM messages m JOIN tree t ON m.parent_id = t.id
)
SELECT m.id FROM tree t JOIN messages m ON m.id = t.id ORDER BY m.rowid DESC LIMIT 1
"""


def _branch(conn: sqlite3.Connection, leaf_id: str | None) -> list[StoredMessage]:
    if leaf_id is None:
        return []
    return [_message(row) for row in conn.execute(_BRANCH_SQL, (leaf_id,)).fetchall()]


def active_branch(ws: Workspace, conversation_id: str, leaf_id: str | None = None) -> list[StoredMessage]:
    """The messages from the root down to ``leaf_id`` (the current leaf by default).

    Raises:
        ConversationError: unknown conversation, or a leaf from another one.
    """
    with ws.db() as conn:
        conv = _conversation_row(ws, conn, conversation_id)
        if leaf_id is not None:
            _message_row(conn, leaf_id, conv["id"])
        return _branch(conn, leaf_id or conv["current_leaf"])


def chat_history(ws: Workspace, conversation_id: str, leaf_id: str | None = None) -> list[dict[str, str]]:
    """The active branch as chat messages for the engine: the system prompt, then each turn.

    Messages that failed (status ``error``) and empty ones are left out; a cut
    reply is kept, as the model did write it.
    """
    conv = get_conversation(ws, conversation_id)
    history = [{"role": "system", "content": conv.system_prompt}] if conv.system_prompt.strip() else []
    for message in active_branch(ws, conv.id, leaf_id):
        if message.status != "error" and message.content:
            history.append({"role": message.role, "content": message.content})
    return history


def siblings(ws: Workspace, message_id: str) -> list[StoredMessage]:
    """The message and its alternatives (same parent), in the order they were added.

    Raises:
        ConversationError: no such message.
    """
    with ws.db() as conn:
        row = _message_row(conn, message_id)
        rows = conn.execute(
            "SELECT * FROM messages WHERE conversation_id = ? AND parent_id IS ? ORDER BY rowid",
            (row["conversation_id"], row["parent_id"]),
        ).fetchall()
    return [_message(r) for r in rows]


def edit_and_resend(ws: Workspace, message_id: str, new_content: str) -> StoredMessage:
    """Send an edited question as a new branch: a sibling of the user message edited.

    The new message becomes the current leaf; the old one and everything after
    it stay, reachable with ``switch_branch``.

    Raises:
        ConversationError: no such message, or it is not a user message.
    """
    old = get_message(ws, message_id)
    if old.role != "user":
        raise ConversationError(
            f"message {message_id!r} is an {old.role} message; only a user message is edited and resent",
            "to get another reply, use regenerate_from on the reply",
        )
    return add_message(ws, old.conversation_id, "user", new_content, parent_id=old.parent_id)


def regenerate_from(ws: Workspace, message_id: str) -> str | None:
    """The parent to give a new reply that replaces assistant message ``message_id``.

    Nothing changes yet: generate from ``active_branch(ws, conv, parent)`` and
    add the reply with ``add_message(..., parent_id=parent)``; it becomes a
    sibling of the old reply, which stays.

    Raises:
        ConversationError: no such message, or it is not an assistant message.
    """
    old = get_message(ws, message_id)
    if old.role != "assistant":
        raise ConversationError(
            f"message {message_id!r} is a {old.role} message; only a reply is regenerated",
            "to change a question, use edit_and_resend on it",
        )
    return old.parent_id


def switch_branch(ws: Workspace, conversation_id: str, message_id: str) -> StoredMessage:
    """Make the branch through ``message_id`` the active one.

    The current leaf becomes the newest message under ``message_id`` (itself
    when it has no replies), so choosing a sibling returns to where that branch
    was left.

    Returns:
        The new current leaf.

    Raises:
        ConversationError: unknown conversation, or a message from another one.
    """
    with _write(ws) as conn:
        conv_id = _conversation_row(ws, conn, conversation_id)["id"]
        _message_row(conn, message_id, conv_id)
        leaf_id = conn.execute(_NEWEST_DESCENDANT_SQL, (message_id,)).fetchone()[0]
        conn.execute("UPDATE conversations SET current_leaf = ? WHERE id = ?", (leaf_id, conv_id))
        return _message(_message_row(conn, leaf_id))


# ---------------------------------------------------------------- export


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _adapter_label(adapter: Any) -> str:
    if isinstance(adapter, Mapping):
        name = adapter.get("name") or adapter.get("path") or _value(adapter)
        return f"{name} ×{_value(adapter['scale'])}" if "scale" in adapter else str(name)
    return str(adapter)


def _summary(message: StoredMessage) -> str:
    parts = [f"model `{message.model}`"] if message.model else []
    if message.adapters:
        parts.append("adapters " + ", ".join(_adapter_label(a) for a in message.adapters))
    parts += [f"{key} {_value(value)}" for key, value in message.metrics.items() if key != "error"]
    if message.sampling:
        parts.append("sampling " + ", ".join(f"{k}={_value(v)}" for k, v in message.sampling.items()))
    return f"*{' · '.join(parts)}*" if parts else ""


def _markdown_message(message: StoredMessage) -> str:
    blocks = [f"### {message.role.capitalize()}", message.content.strip() or "*(no text)*"]
    if message.status == "cut":
        blocks.append("> **Cut:** the reply stopped before it finished; the text above is what arrived.")
    elif message.status == "error":
        reason = message.metrics.get("error")
        blocks.append(f"> **Error:** {reason}" if reason else "> **Error:** the reply failed.")
    if message.role == "assistant" and (summary := _summary(message)):
        blocks.append(summary)
    return "\n\n".join(blocks)


def export_markdown(ws: Workspace, conversation_id: str) -> str:
    """The active branch as Markdown, for reading: each turn, and per reply its model and metrics."""
    conv = get_conversation(ws, conversation_id)
    about = [f"- Conversation `{conv.id}`, created {conv.created_at}"]
    if conv.model:
        about.append(f"- Model `{conv.model}`")
    blocks = [f"# {conv.display_title}", "\n".join(about)]
    if conv.system_prompt.strip():
        blocks.append(f"### System\n\n{conv.system_prompt.strip()}")
    blocks += [_markdown_message(m) for m in active_branch(ws, conv.id)]
    return "\n\n".join(blocks) + "\n"


def export_json(ws: Workspace, conversation_id: str) -> dict[str, Any]:
    """The whole conversation as plain data: every column, every message of every branch."""
    conv = get_conversation(ws, conversation_id)
    return {
        "format": JSON_EXPORT_KIND,
        "version": JSON_EXPORT_VERSION,
        "exported_at": utc_now(),
        "conversation": dataclasses.asdict(conv),
        "active_branch": [m.id for m in active_branch(ws, conv.id)],
        "messages": [m.to_dict() for m in list_messages(ws, conv.id)],
    }


def export_conversation(ws: Workspace, conversation_id: str, path: Path | str, fmt: str | None = None) -> Path:
    """Write a conversation to ``path`` atomically, as Markdown or JSON.

    Args:
        ws: the workspace.
        conversation_id: the conversation (a unique prefix is enough).
        path: the file to write; replaced whole if it exists.
        fmt: ``markdown`` (or ``md``) or ``json``; by default from the file's suffix.

    Returns:
        The path written.

    Raises:
        ConversationError: unknown conversation or format.
    """
    path = Path(path)
    name = (fmt or path.suffix.lstrip(".")).lower()
    if name not in EXPORT_FORMATS:
        raise ConversationError(
            f"cannot export a conversation as {fmt or path.name!r}",
            "export to a .md or .json file, or pass fmt='markdown' or fmt='json'",
        )
    if EXPORT_FORMATS[name] == "json":
        atomic_write_json(path, export_json(ws, conversation_id))
    else:
        atomic_write_text(path, export_markdown(ws, conversation_id))
    return path
