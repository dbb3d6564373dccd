"""``hearth chat``: one reply for scripts (``-p``), or an interactive chat in the terminal (``cli.chat_session``)."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import console, err_console, friendly_errors

__all__ = ["chat"]


def chat(
    model: Annotated[str | None, typer.Option("-m", "--model", help="A catalog model or a .gguf file; the default "
                                              "model (Gemma 3 270M) when omitted.")] = None,
    adapter: Annotated[list[str] | None, typer.Option("--adapter", help="A LoRA-GGUF adapter, FILE or FILE:SCALE; "
                                                      "repeat for several.")] = None,
    system: Annotated[str | None, typer.Option("--system", help="The system prompt.")] = None,
    prompt: Annotated[str | None, typer.Option("-p", "--prompt", help="Print one reply to this and exit.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="With -p: print the reply and its metrics as JSON.")] = False,
    conversation: Annotated[str | None, typer.Option("-c", "--conversation",
                                                     help="Continue this conversation (id or prefix).")] = None,
    temperature: Annotated[float, typer.Option(help="Randomness; 0 is greedy.")] = 0.7,
    top_p: Annotated[float, typer.Option(help="Nucleus sampling threshold.")] = 0.95,
    top_k: Annotated[int, typer.Option(help="Keep the k most likely tokens; 0 keeps all.")] = 40,
    min_p: Annotated[float, typer.Option(help="Drop tokens below this share of the top one.")] = 0.05,
    repeat_penalty: Annotated[float, typer.Option(help="Discourage repeats; 1 is off.")] = 1.1,
    seed: Annotated[int, typer.Option(help="Random seed; -1 for a new one each reply.")] = -1,
    max_tokens: Annotated[int, typer.Option(help="The longest reply in tokens.")] = 512,
    ctx: Annotated[int, typer.Option(help="Context size in tokens.")] = 4096,
    threads: Annotated[int, typer.Option(help="CPU threads; 0 for the physical cores.")] = 0,
    gpu_layers: Annotated[int, typer.Option(help="Layers offloaded to the GPU; -1 for all.")] = 0,
) -> None:
    """Chat with a model in the terminal, or print one reply with -p (scriptable)."""
    from cli import chat_session
    from core.inference import Engine, LoadOptions, SamplingOptions
    from core.workspace import Workspace

    with friendly_errors():
        sampling = SamplingOptions(temperature=temperature, top_p=top_p, top_k=top_k, min_p=min_p,
                                   repeat_penalty=repeat_penalty, seed=seed, max_tokens=max_tokens)
        load = LoadOptions(n_ctx=ctx, n_threads=threads, n_gpu_layers=gpu_layers)
        ws = Workspace()
        with Engine(ws.folder("logs") / "engine.log") as engine:
            session = chat_session.open_session(ws, engine, model=model, adapters=adapter or [], system=system,
                                                conversation=conversation, sampling=sampling, load=load,
                                                console=err_console)
            if prompt is not None:
                chat_session.reply_once(session, prompt, as_json=as_json, console=console, err=err_console)
            else:
                chat_session.repl(session, console)
