"""The chat of ``hearth chat`` and ``hearth quickstart --chat``: one reply for scripts, or an interactive chat."""

from __future__ import annotations

import dataclasses
import json
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from core.chat import ChatModel, ChatSession
from core.chat import conversations as conv
from core.errors import HearthError, explain
from core.inference import Engine, LoadOptions, Reply, SamplingOptions
from core.inference.filters import Rules
from core.workspace import Workspace

__all__ = ["open_session", "parse_adapter", "repl", "reply_once"]

HELP = """commands:
  /help                 this list
  /reset                start a new conversation
  /system TEXT          set the system prompt (empty to clear)
  /set NAME VALUE       change sampling: temperature, top_p, top_k, min_p, repeat_penalty, seed, max_tokens
  /regen                another reply to the last question (a new branch)
  /edit TEXT            resend your last question changed (a new branch)
  /adapter FILE[:SCALE] switch a LoRA-GGUF adapter on, or set its scale (0 switches it off)
  /history              the messages of this conversation
  /save FILE            export the conversation (.md or .json)
  /quit                 leave (Ctrl+D too); Ctrl+C stops a reply"""


def parse_adapter(text: str) -> tuple[str, float]:
    """``FILE`` or ``FILE:SCALE`` -> (absolute path, scale)."""
    head, sep, tail = text.rpartition(":")
    path, scale = (head, tail) if sep and _is_number(tail) else (text, "1")
    resolved = Path(path).expanduser()
    if not resolved.is_file():
        raise HearthError(f"no adapter file at {resolved}", "give the path of a LoRA-GGUF file, e.g. adapter.gguf:0.8")
    return str(resolved.resolve()), float(scale)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def resolve_model(ws: Workspace, name: str | None, console: Console) -> ChatModel:
    """The catalog model ``name``, a GGUF file path, or the default model (assembled on first use)."""
    from core.chat import resolve_chat_model

    status = console.status("preparing the default model (first use only)...") if name is None else nullcontext()
    with status:
        model, notice = resolve_chat_model(ws, name)
    if notice:
        console.print(notice, style="dim", highlight=False)
    return model


def open_session(ws: Workspace, engine: Engine, *, model: str | None, adapters: list[str], system: str | None,
                 conversation: str | None, sampling: SamplingOptions, load: LoadOptions,
                 console: Console, rules: Rules | None = None) -> ChatSession:
    """Load the model (with progress), apply the adapters, and open or continue a conversation."""
    chat_model = resolve_model(ws, model, console)
    with console.status(f"loading {chat_model.name}...") as status:
        engine.load(chat_model.path, load, on_progress=lambda v: status.update(f"loading {chat_model.name} {v:.0%}"))
    if adapters:
        engine.set_adapters([parse_adapter(a) for a in adapters])
    session = ChatSession(ws, engine, chat_model, conversation_id=conversation, system_prompt=system or "",
                          sampling=sampling, rules=rules)
    if system is not None and conversation is not None:
        session.set_system_prompt(system)
    return session


def _metrics_line(reply: Reply) -> str:
    m = reply.metrics
    parts = [f"{m['generated_tokens']} tokens", f"{m['tokens_per_s']:.1f} tok/s", f"first token {m['ttft_s']:.2f}s",
             f"prompt {m['prompt_tokens']} ({m['cached_tokens']} cached)"]
    if reply.stop_reason in ("length", "context_full", "stopped", "content_filter"):
        parts.append(f"ended: {reply.stop_reason}")
    if reply.dropped_messages:
        parts.append(f"{reply.dropped_messages} oldest messages left out to fit the context")
    return " · ".join(parts)


def _stream(session_stream, console: Console) -> Reply | None:
    reply = None
    try:
        for item in session_stream:
            if isinstance(item, Reply):
                reply = item
            else:
                console.out(item, end="", highlight=False)
    except KeyboardInterrupt:
        console.print("\n[yellow][stopped][/]")
        return None
    console.out("")
    return reply


def reply_once(session: ChatSession, prompt: str, *, as_json: bool, console: Console, err: Console) -> None:
    """Print one reply to ``prompt`` (streamed, or as JSON) and its metrics."""
    if as_json:
        reply = [item for item in session.send(prompt) if isinstance(item, Reply)][-1]
        message = session.history()[-1]
        console.print_json(json.dumps({"conversation": session.id, "message": message.id,
                                       "model": session.model.name, "reply": reply.text,
                                       "stop_reason": reply.stop_reason, "metrics": reply.metrics}))
        return
    reply = _stream(session.send(prompt), console)
    if reply is not None:
        err.print(_metrics_line(reply), style="dim", highlight=False)


def repl(session: ChatSession, console: Console) -> None:
    """The interactive chat: read a line, stream the reply, until /quit or Ctrl+D."""
    console.print(f"chatting with [bold]{session.model.name}[/] · conversation {session.id[:8]} · /help for commands")
    while True:
        try:
            line = console.input("[bold cyan]> [/]")
        except EOFError:
            console.print()
            return
        except KeyboardInterrupt:
            console.print("\n(/quit or Ctrl+D to leave)")
            continue
        if not line.strip():
            continue
        try:
            if line.startswith("/"):
                if _command(session, line, console) == "quit":
                    return
                continue
            reply = _stream(session.send(line), console)
            if reply is not None:
                console.print(_metrics_line(reply), style="dim", highlight=False)
        except (HearthError, OSError, UnicodeError) as exc:  # this line failed; the chat goes on
            error = explain(exc)
            console.print(f"[red]{escape(error.message)}[/]", highlight=False)
            if error.hint:
                console.print(f"[yellow]hint:[/] {escape(error.hint)}", highlight=False)


def _command(session: ChatSession, line: str, console: Console) -> str | None:
    name, _, arg = line[1:].partition(" ")
    arg = arg.strip()
    if name in ("quit", "exit", "q"):
        return "quit"
    handlers: dict[str, Any] = {
        "help": lambda: console.print(HELP, highlight=False),
        "reset": lambda: _reset(session, console),
        "system": lambda: (session.set_system_prompt(arg), console.print("system prompt set" if arg else "cleared")),
        "set": lambda: _set(session, arg, console),
        "regen": lambda: _stream(session.regenerate(), console),
        "edit": lambda: _edit(session, arg, console),
        "adapter": lambda: _adapter(session, arg, console),
        "history": lambda: _history(session, console),
        "save": lambda: console.print(f"saved {conv.export_conversation(session.ws, session.id, arg)}"),
    }
    if name not in handlers:
        raise HearthError(f"unknown command /{name}", "type /help for the list")
    handlers[name]()
    return None


def _reset(session: ChatSession, console: Console) -> None:
    system = session.conversation.system_prompt
    session.conversation = conv.create_conversation(session.ws, model=session.model.name, system_prompt=system)
    console.print(f"new conversation {session.id[:8]}")


def _set(session: ChatSession, arg: str, console: Console) -> None:
    name, _, value = arg.partition(" ")
    fields = {f.name: f.type for f in dataclasses.fields(SamplingOptions)}
    if name not in fields or name == "stop":
        raise HearthError(f"no sampling setting {name!r}", "one of: " + ", ".join(f for f in fields if f != "stop"))
    try:
        typed = int(value) if fields[name] == "int" else float(value)
    except ValueError:
        raise HearthError(f"{name} needs a number, not {value!r}", f"e.g. /set {name} 1") from None
    session.set_sampling(**{name: typed})
    console.print(f"{name} = {typed}")


def _edit(session: ChatSession, arg: str, console: Console) -> None:
    users = [m for m in session.history() if m.role == "user"]
    if not users or not arg:
        raise HearthError("nothing to edit", "send a message first, then /edit NEW TEXT")
    _stream(session.edit(users[-1].id, arg), console)


def _adapter(session: ChatSession, arg: str, console: Console) -> None:
    path, scale = parse_adapter(arg)
    adapters = dict(session.engine.adapters)
    adapters[path] = scale
    session.engine.set_adapters(list(adapters.items()))
    console.print(f"adapter {Path(path).name} at scale {scale}" + (" (off)" if scale == 0 else ""))


def _history(session: ChatSession, console: Console) -> None:
    for message in session.history():
        mark = " [cut]" if message.status == "cut" else ""
        console.print(f"[bold]{message.role}[/]{mark}: {escape(message.content)}", highlight=False)
