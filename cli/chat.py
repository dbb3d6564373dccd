"""``hearth chat``: one reply for scripts (``-p``), or an interactive chat in the terminal (``cli.chat_session``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cli.common import console, err_console, friendly_errors
from cli.options import Group, config_options

__all__ = ["chat"]


def _chat_options() -> tuple[Group, ...]:
    from core.inference import LoadOptions, SamplingOptions

    sampling = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "seed", "max_tokens")
    return (Group("sampling", SamplingOptions, sampling),
            Group("load", LoadOptions, ("n_ctx", "n_threads", "n_gpu_layers"),
                  names={"n_ctx": "ctx", "n_threads": "threads", "n_gpu_layers": "gpu_layers"}))


@config_options(_chat_options)
def chat(
    sampling: dict[str, Any],
    load: dict[str, Any],
    model: Annotated[str | None, typer.Option("-m", "--model", help="A catalog model or a .gguf file; the default "
                                              "model (Gemma 3 270M) when omitted.")] = None,
    adapter: Annotated[list[str] | None, typer.Option("--adapter", help="A LoRA-GGUF adapter, FILE or FILE:SCALE; "
                                                      "repeat for several.")] = None,
    system: Annotated[str | None, typer.Option("--system", help="The system prompt.")] = None,
    prompt: Annotated[str | None, typer.Option("-p", "--prompt", help="Print one reply to this and exit.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="With -p: print the reply and its metrics as JSON.")] = False,
    conversation: Annotated[str | None, typer.Option("-c", "--conversation",
                                                     help="Continue this conversation (id or prefix).")] = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="A rules file (as hearth serve --rules): input rules "
                                               "refuse a message, output rules redact or stop a reply.")] = None,
) -> None:
    """Chat with a model in the terminal, or print one reply with -p (scriptable)."""
    from cli import chat_session
    from core.chat import check_text
    from core.inference import Engine, LoadOptions, SamplingOptions
    from core.inference.filters import Rules
    from core.workspace import Workspace

    with friendly_errors():
        if prompt is not None:
            check_text(prompt, "the message given with -p")
        if system is not None:
            check_text(system, "the system prompt given with --system")
        sampling_options, load_options = SamplingOptions(**sampling), LoadOptions(**load)
        chat_rules = Rules.load(rules) if rules is not None else None  # a broken file stops here, before a load
        ws = Workspace()
        with Engine(ws.folder("logs") / "engine.log") as engine:
            session = chat_session.open_session(ws, engine, model=model, adapters=adapter or [], system=system,
                                                conversation=conversation, sampling=sampling_options,
                                                load=load_options, console=err_console, rules=chat_rules)
            if prompt is not None:
                chat_session.reply_once(session, prompt, as_json=as_json, console=console, err=err_console)
            else:
                chat_session.repl(session, console)
            if conversation is None and not session.history():  # nothing was said: keep no empty conversation
                session.discard()
