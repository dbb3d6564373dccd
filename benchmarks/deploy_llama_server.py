"""A folder ``hearth deploy --target llama-server`` wrote, run for real, against Hearth's own greedy answers.

Starts the folder's ``run.sh`` (``--server`` names the llama-server program, e.g. the one
``packaging/llama_server.sh`` builds) on a free port, waits for ``/health``, then checks:

- ``/metrics`` with the folder's API key answers 200 in Prometheus' text format (its metric names are printed,
  for dashboards); without the key it is refused (401), as is a chat request without the key;
- each held-out question of a comparison, sent through the ``openai`` client to the server's chat endpoint
  (temperature 0, the comparison's max tokens, no stop of the request's own: the folder's stop strings apply),
  is answered as the comparison's candidate answered it in Hearth (its engine, greedy, the trained format):
  counted equal, equal once surrounding whitespace is trimmed, or different (the first differences shown).

Run: HEARTH_HOME=WORKSPACE .venv/bin/python benchmarks/deploy_llama_server.py --folder DIR
        --comparison NAME --candidate NAME --server PATH [--threads 2] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"llama-server ended with code {process.returncode} before it was ready")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"llama-server was not ready in {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--comparison", required=True)
    parser.add_argument("--candidate", required=True, help="the comparison's candidate the folder serves")
    parser.add_argument("--server", required=True, help="the llama-server program")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions; 0 for all")
    parser.add_argument("--server-args", default="", help="more llama-server arguments, e.g. \"--flash-attn on\"")
    args = parser.parse_args()

    from openai import OpenAI

    from core.eval.compare import candidate_answers, get_comparison
    from core.workspace import Workspace

    ws = Workspace()
    comparison = get_comparison(ws, args.comparison)
    expected = [a["answer"] for a in candidate_answers(ws, comparison, args.candidate)]
    questions = comparison.questions[:args.limit or None]
    key = (args.folder / "api-key.txt").read_text().strip()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (args.folder.parent / f"{args.folder.name}-server.log").open("wb")
    started = time.perf_counter()
    command = [str(args.folder / "run.sh"), "--port", str(port), "--threads", str(args.threads),
               *shlex.split(args.server_args)]
    process = subprocess.Popen(command,
                               env={**os.environ, "LLAMA_SERVER": args.server}, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_healthy(url, process)
        print(f"llama-server ready in {time.perf_counter() - started:.1f} s on port {port}")
        metrics = httpx.get(f"{url}/metrics", headers={"Authorization": f"Bearer {key}"}, timeout=10)
        names = sorted({line.split()[2] for line in metrics.text.splitlines() if line.startswith("# TYPE")})
        print(f"/metrics with the key: {metrics.status_code}, {len(names)} metrics: {', '.join(names)}")
        print(f"/metrics without the key: {httpx.get(f'{url}/metrics', timeout=10).status_code}")
        refused = httpx.post(f"{url}/v1/chat/completions", timeout=10,
                             json={"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4})
        print(f"a chat request without the key: {refused.status_code}")

        client = OpenAI(base_url=f"{url}/v1", api_key=key)
        same = trimmed = 0
        differences = []
        answering = time.perf_counter()
        for number, (question, hearth) in enumerate(zip(questions, expected, strict=False), 1):
            reply = client.chat.completions.create(model=comparison.name, messages=list(question.messages),
                                                   temperature=0.0, max_tokens=comparison.max_tokens)
            text = reply.choices[0].message.content or ""
            if text == hearth:
                same += 1
            elif text.strip() == hearth.strip():
                trimmed += 1
            else:
                differences.append((number, question.question, hearth, text))
        seconds = time.perf_counter() - answering
        total = len(questions)
        print(f"{total} held-out questions in {seconds:.1f} s: {same} answers equal to Hearth's, {trimmed} equal "
              f"once trimmed, {len(differences)} different")
        for number, question, hearth, text in differences[:5]:
            print(f"  #{number} {question!r}\n    Hearth:       {hearth!r}\n    llama-server: {text!r}")
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


if __name__ == "__main__":
    main()
