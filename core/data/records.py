"""The one record type every dataset format becomes, and the reject that says why one was not kept.

A :class:`Record` is a list of chat messages plus where it came from (file and
line, or row). Plain text for continued pre-training is a record of kind
``"text"`` with a single message of role ``"text"``. A :class:`Reject` names the
file, the line, the field and the reason, with a short ``code`` used to count
rejects by reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["CHAT_ROLES", "FORMATS", "Message", "Record", "Reject"]

CHAT_ROLES = ("system", "user", "assistant")
# The dataset formats Hearth reads; "auto" detects one per file.
FORMATS = ("alpaca", "sharegpt", "openai", "prompt_completion", "text")


@dataclass(frozen=True)
class Message:
    role: str  # system, user, assistant; "text" in a text record
    content: str


@dataclass(frozen=True)
class Record:
    """One training example.

    Attributes:
        messages: the conversation (system first if any, then user and
            assistant turns alternating), or one "text" message for a text record.
        source: the file it came from (its name as given to the loader).
        line: the line (JSONL, TXT), row (CSV, TSV, Parquet: 1 is the first data
            row) or element (JSON array: the line where the element starts) it
            came from; a text chunk gives the line where the chunk starts.
        kind: "chat" or "text".
        meta: extra fields the source carried that Hearth does not use, kept.
    """

    messages: tuple[Message, ...]
    source: str
    line: int
    kind: str = "chat"
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written to a dataset version's split files."""
        data: dict[str, Any] = {"messages": [{"role": m.role, "content": m.content} for m in self.messages],
                                "source": self.source, "line": self.line, "kind": self.kind}
        if self.meta:
            data["meta"] = self.meta
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """The record that :meth:`to_dict` wrote."""
        return cls(tuple(Message(m["role"], m["content"]) for m in data["messages"]), data["source"],
                   int(data["line"]), data.get("kind", "chat"), data.get("meta", {}))

    def text(self) -> str:
        """Every message's content joined by newlines (for dedup and search)."""
        return "\n".join(m.content for m in self.messages)


@dataclass(frozen=True)
class Reject:
    """A record that was not kept, and why.

    Attributes:
        source, line: where it was (as for :class:`Record`).
        field: the field at fault, as a path ("messages[2].role", "output"), or "".
        reason: a sentence a person can act on.
        code: a short name for counting: malformed_json, wrong_type, missing_field,
            unknown_role, not_alternating, empty_turn, too_long, too_short,
            duplicate, near_duplicate, invalid_utf8, binary, mixed_format, ...
        excerpt: the start of the offending text, for the rejects file.
    """

    source: str
    line: int
    field: str
    reason: str
    code: str
    excerpt: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "field": self.field, "reason": self.reason,
                "code": self.code, "excerpt": self.excerpt}

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" + (f" [{self.field}]" if self.field else "")
        return f"{where}: {self.reason}"
