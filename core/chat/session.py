"""A conversation with a model: the engine's replies, stored as they stream.

:class:`ChatSession` ties the engine to the conversation store. Each reply is
stored before it is generated and saved as it streams, so a crash of the
engine (or of Hearth) leaves what arrived, marked as cut. Regenerating a reply
or editing a question makes a new branch; nothing is overwritten.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.chat import conversations as conv
from core.errors import DataError, EngineCrashed, HearthError
from core.inference import ContextOverflow, Engine, PlainFormat, Reply, SamplingOptions, TemplateFormat
from core.inference.filters import Rules
from core.inference.templates import ChatFormat
from core.models import check_model_files, ensure_default_model, gemma_terms_notice, get_model, list_models
from core.workspace import Workspace

__all__ = ["ChatModel", "ChatSession", "chat_format_for", "chat_models", "check_text", "resolve_chat_model"]

# How often a streaming reply is written to the database (seconds).
SAVE_EVERY_S = 0.5


@dataclass(frozen=True)
class ChatModel:
    """The model a session talks to: its catalog name, file, and template choice."""

    name: str
    path: str
    template_override: str | None = None


def chat_format_for(model: ChatModel, engine: Engine, plain: PlainFormat | None = None) -> ChatFormat:
    """The user's template override, else the model's own template, else a plain turn format."""
    info = engine.info
    if model.template_override == "plain" or (not model.template_override and not (info and info.chat_template)):
        return plain or PlainFormat()
    template = model.template_override or info.chat_template
    return TemplateFormat(template, info.bos_token if info else "", info.eos_token if info else "")


def resolve_chat_model(ws: Workspace, name: str | None = None,
                       progress: Callable[[int, int], None] | None = None) -> tuple[ChatModel, str | None]:
    """The model to chat with: a catalog name, a ``.gguf`` path, or the default model when None.

    The default model is assembled into the workspace on first use (``progress``
    gets bytes done and in all). Returns the model and, the first time the
    default model is used in this workspace, the Gemma terms notice to show.

    Raises:
        ModelError: no such model, or its files are missing or damaged.
        HearthError: the model is a Hugging Face folder (the engine runs GGUF files).
    """
    if name is not None and Path(name).suffix == ".gguf" and Path(name).is_file():
        return ChatModel(Path(name).stem, str(Path(name).resolve())), None
    notice = None
    if name is None:
        record = ensure_default_model(ws, progress)
        notice = gemma_terms_notice(ws)
    else:
        record = get_model(ws, name)
    if record.format != "gguf":
        raise HearthError(f"{record.name} is a Hugging Face folder; the chat engine runs GGUF files",
                          "export it to GGUF first, or pick a GGUF model")
    check_model_files(record)
    return ChatModel(record.name, str(record.path), record.template_override), notice


def chat_models(ws: Workspace) -> list[ChatModel]:
    """The catalog's GGUF models, which the chat engine can load, oldest first."""
    return [ChatModel(r.name, str(r.path), r.template_override) for r in list_models(ws, "gguf")]


def check_text(text: str, what: str = "the message") -> str:
    """``text`` itself, when it is text; it is not when it came from bytes that are not UTF-8.

    Python keeps such bytes as lone surrogates (``\\udcff``): no model, database or file can take them.

    Raises:
        DataError: ``text`` holds a lone surrogate; names where.
    """
    for i, ch in enumerate(text):
        if "\ud800" <= ch <= "\udfff":
            raise DataError(f"{what} is not valid UTF-8 text (an undecodable byte or a lone surrogate "
                            f"{ch!r} at character {i})",
                            "set the terminal or the file to UTF-8 (e.g. LANG=C.UTF-8) and send it again")
    return text


class ChatSession:
    """One conversation, one model, streamed replies stored with their metrics.

    Args:
        ws: the workspace holding the conversation.
        engine: an engine with ``model`` loaded (see :meth:`open`).
        model: the model's name and file.
        conversation_id: continue this conversation; a new one when omitted.
        system_prompt: for a new conversation.
        rules: input rules refuse a message before it is stored; output rules redact or stop the reply as it
            streams (what is shown is what is stored).
    """

    def __init__(self, ws: Workspace, engine: Engine, model: ChatModel, *, conversation_id: str | None = None,
                 system_prompt: str = "", sampling: SamplingOptions | None = None,
                 plain_format: PlainFormat | None = None, rules: Rules | None = None) -> None:
        self.ws, self.engine, self.model = ws, engine, model
        self.rules = rules or Rules()
        self.sampling = sampling or SamplingOptions()
        self.plain_format = plain_format
        if conversation_id is None:
            self.conversation = conv.create_conversation(ws, model=model.name, system_prompt=system_prompt)
        else:
            self.conversation = conv.get_conversation(ws, conversation_id)
        self.last_reply: Reply | None = None

    @property
    def id(self) -> str:
        return self.conversation.id

    def set_system_prompt(self, text: str) -> None:
        self.conversation = conv.set_system_prompt(self.ws, self.id, check_text(text, "the system prompt"))

    def discard(self) -> None:
        """Delete the conversation (for one that was opened and never used)."""
        conv.delete_conversation(self.ws, self.id)

    def set_sampling(self, **changes) -> None:
        """Change sampling settings by name (validated)."""
        self.sampling = dataclasses.replace(self.sampling, **changes)

    def history(self) -> list[conv.StoredMessage]:
        return conv.active_branch(self.ws, self.id)

    # -- sending ------------------------------------------------------------
    def send(self, text: str) -> Iterator[str | Reply]:
        """Add a user message and stream the reply (text pieces, then the Reply)."""
        if not check_text(text).strip():
            raise HearthError("the message is empty", "type something to send")
        self.rules.check_input([text])
        conv.add_message(self.ws, self.id, "user", text)
        return self._reply_to(conv.get_conversation(self.ws, self.id).current_leaf)

    def regenerate(self) -> Iterator[str | Reply]:
        """Another reply to the last question, as a new branch beside the old reply."""
        branch = self.history()
        if not branch:
            raise HearthError("there is nothing to regenerate yet", "send a message first")
        last = branch[-1]
        parent = conv.regenerate_from(self.ws, last.id) if last.role == "assistant" else last.id
        return self._reply_to(parent)

    def edit(self, message_id: str, new_text: str) -> Iterator[str | Reply]:
        """Resend an edited question as a new branch and stream its reply."""
        self.rules.check_input([check_text(new_text)])
        message = conv.edit_and_resend(self.ws, message_id, new_text)
        return self._reply_to(message.id)

    def _reply_to(self, parent_id: str) -> Iterator[str | Reply]:
        self.engine.ready()  # after a crash: restarted and reloaded, so the format below is the model's
        history = _alternating(conv.chat_history(self.ws, self.id, parent_id))
        adapters = [{"path": p, "scale": s} for p, s in self.engine.adapters]
        reply_msg = conv.add_message(self.ws, self.id, "assistant", "", parent_id=parent_id, status="cut",
                                     model=self.model.name, adapters=adapters,
                                     sampling=dataclasses.asdict(self.sampling))
        fmt = chat_format_for(self.model, self.engine, self.plain_format)
        return self._stream(reply_msg.id, history, fmt)

    def _stream(self, message_id: str, history: Sequence[dict[str, str]], fmt: ChatFormat) -> Iterator[str | Reply]:
        pieces: list[str] = []
        screen = self.rules.output_filter()
        saved_at = time.monotonic()
        try:
            for item in self.engine.chat(history, self.sampling, fmt):
                if isinstance(item, Reply):
                    tail = screen.finish()
                    if tail:
                        pieces.append(tail)
                        yield tail
                    if screen.stopped or self.rules.output:
                        item = dataclasses.replace(item, text="".join(pieces),
                                                   stop_reason="content_filter" if screen.stopped else item.stop_reason)
                    self._finish(message_id, item)
                    yield item
                    return
                was_stopped = screen.stopped
                item = screen.feed(item)
                if screen.stopped and not was_stopped:
                    self.engine.stop()  # an output rule ended the reply: the engine need not write on
                if not item:
                    continue
                pieces.append(item)
                if time.monotonic() - saved_at > SAVE_EVERY_S:
                    conv.save_partial(self.ws, message_id, "".join(pieces))
                    saved_at = time.monotonic()
                yield item
        except EngineCrashed as exc:
            # with output rules, what streamed and the held-back tail that passes them; else all the engine wrote
            kept = "".join(pieces) + screen.finish() if self.rules.output else exc.partial_text or "".join(pieces)
            conv.finish_message(self.ws, message_id, kept, status="cut",
                                metrics={"error": exc.message})
            raise
        except ContextOverflow as exc:  # the question alone does not fit: later turns must not carry it along
            conv.finish_message(self.ws, message_id, "", status="error", metrics={"error": exc.message})
            question = conv.get_message(self.ws, message_id).parent_id
            if question is not None:
                conv.leave_out(self.ws, question, exc.message)
            raise
        except HearthError as exc:
            conv.finish_message(self.ws, message_id, "".join(pieces), status="error", metrics={"error": exc.message})
            raise
        except (GeneratorExit, KeyboardInterrupt):  # the caller stopped reading: keep what arrived
            conv.finish_message(self.ws, message_id, "".join(pieces), status="cut",
                                metrics={"error": "the reply was interrupted"})
            raise

    def _finish(self, message_id: str, reply: Reply) -> None:
        metrics = {**reply.metrics, "stop_reason": reply.stop_reason, "dropped_messages": reply.dropped_messages}
        status = "cut" if reply.stop_reason == "stopped" else "complete"
        conv.finish_message(self.ws, message_id, reply.text, status=status, metrics=metrics)
        self.last_reply = reply


def _alternating(history: list[dict[str, str]]) -> list[dict[str, str]]:
    """Join consecutive turns of one role (left by a reply that failed or was cut empty).

    Many chat templates refuse a conversation whose roles do not alternate.
    """
    joined: list[dict[str, str]] = []
    for message in history:
        if joined and joined[-1]["role"] == message["role"] and message["role"] != "system":
            joined[-1] = {"role": message["role"], "content": joined[-1]["content"] + "\n\n" + message["content"]}
        else:
            joined.append(dict(message))
    return joined
