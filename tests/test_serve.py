"""``hearth serve``: the OpenAI client against a real server on a tiny model, SSE framing byte for byte, keys,
limits, a client that goes away, and the metrics."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import threading
import time

import httpx
import pytest

from core.inference import LoadOptions
from core.serve import ModelHost, ServeOptions
from tests.conftest import ROOT, hearth_command

KEY = "a-key-of-twenty-chars-or-more"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Running:
    """A server on a free port in a thread of this process, over a host of its own."""

    def __init__(self, workspace, *, keys=(), rules=None, **options) -> None:
        import uvicorn

        from server.app import RequestLog, create_app

        self.options = ServeOptions(port=_free_port(), **options)
        self.host = ModelHost(workspace, LoadOptions(n_ctx=512), max_queue=self.options.max_queue,
                              slots=self.options.parallel)
        self.log_path = workspace.folder("logs") / "serve-requests.jsonl"
        app = create_app(self.host, self.options, api_keys=keys, request_log=RequestLog(self.log_path, False),
                         rules=rules)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.options.port,
                                                   log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.options.port}"

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.host.close()


@pytest.fixture
def served(workspace, tiny_gguf):
    from core.models import import_gguf

    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    running = _Running(workspace, keys=(KEY,), parallel=1, max_queue=0, max_tokens=2048, max_body_bytes=4096)
    yield running
    running.close()


def _client(served, key=KEY):
    from openai import OpenAI

    return OpenAI(base_url=f"{served.url}/v1", api_key=key, max_retries=0, timeout=60)


def test_the_openai_client_lists_chats_streams_and_completes(served):
    client = _client(served)
    assert [m.id for m in client.models.list().data] == ["tiny"]
    whole = client.chat.completions.create(model="tiny", messages=[{"role": "user", "content": "hello"}],
                                           max_tokens=6, temperature=0, seed=1)
    assert whole.choices[0].finish_reason == "length" and whole.usage.completion_tokens == 6
    assert whole.usage.prompt_tokens > 0 and whole.choices[0].message.role == "assistant"
    streamed = list(client.chat.completions.create(model="tiny", messages=[{"role": "user", "content": "hello"}],
                                                   max_tokens=6, temperature=0, seed=1, stream=True,
                                                   stream_options={"include_usage": True}))
    text = "".join(c.choices[0].delta.content or "" for c in streamed if c.choices)
    assert text == whole.choices[0].message.content  # greedy: the same reply streamed and whole
    assert streamed[-1].usage.completion_tokens == 6 and streamed[-1].choices == []
    completion = client.completions.create(model="tiny", prompt="once upon", max_tokens=4, temperature=0)
    assert completion.usage.completion_tokens == 4 and completion.choices[0].finish_reason == "length"


def test_errors_are_openai_error_objects_naming_the_field(served):
    import openai

    client = _client(served)
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model="tiny", messages=[{"role": "user", "content": "hi"}], n=2)
    assert refused.value.body["param"] == "n" and refused.value.body["code"] == "unsupported_parameter"
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model="tiny", messages=[{"role": "user", "content": "hi"}],
                                       tools=[{"type": "function", "function": {"name": "f"}}])
    assert refused.value.body["param"] == "tools"
    with pytest.raises(openai.NotFoundError) as missing:
        client.chat.completions.create(model="nosuch", messages=[{"role": "user", "content": "hi"}])
    assert missing.value.body["code"] == "model_not_found"
    with pytest.raises(openai.BadRequestError) as capped:
        client.chat.completions.create(model="tiny", messages=[{"role": "user", "content": "hi"}], max_tokens=4096)
    assert capped.value.body["param"] == "max_tokens"
    with pytest.raises(openai.BadRequestError) as overflow:
        client.chat.completions.create(model="tiny", messages=[{"role": "user", "content": "word " * 600}])
    assert overflow.value.body["code"] == "context_length_exceeded"
    with pytest.raises(openai.AuthenticationError):
        _client(served, key="wrong-key-of-twenty-chars").models.list()


def test_sse_framing_byte_for_byte(served):
    body = {"model": "tiny", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 3, "temperature": 0,
            "stream": True}
    with httpx.stream("POST", f"{served.url}/v1/chat/completions", json=body, timeout=60,
                      headers={"Authorization": f"Bearer {KEY}"}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = b"".join(response.iter_bytes())
    events = raw.split(b"\n\n")
    assert events[-1] == b"" and events[-2] == b"data: [DONE]"  # the stream ends "data: [DONE]\n\n"
    chunks = [json.loads(e[len(b"data: "):]) for e in events[:-2]]
    assert all(e.startswith(b"data: {") and b"\n" not in e for e in events[:-2])  # one line per event
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert [c["choices"][0]["finish_reason"] for c in chunks] == [None, None, None, None, "length"]
    assert len({c["id"] for c in chunks}) == 1 and chunks[0]["object"] == "chat.completion.chunk"


def test_keys_body_size_and_the_open_address(served, tmp_path):
    assert httpx.get(f"{served.url}/health").status_code == 200  # open
    no_key = httpx.get(f"{served.url}/v1/models")
    assert no_key.status_code == 401 and no_key.json()["error"]["code"] == "invalid_api_key"
    assert httpx.get(f"{served.url}/metrics").status_code == 401
    big = httpx.post(f"{served.url}/v1/chat/completions", content=b"x" * 5000,
                     headers={"Authorization": f"Bearer {KEY}", "content-type": "application/json"})
    assert big.status_code == 413 and big.json()["error"]["code"] == "request_too_large"
    bad = httpx.post(f"{served.url}/v1/chat/completions", content=b"{not json",
                     headers={"Authorization": f"Bearer {KEY}"})
    assert bad.status_code == 400 and "not JSON" in bad.json()["error"]["message"]

    env = {**os.environ, "HEARTH_HOME": str(tmp_path), "COLUMNS": "200"}
    env.pop("HEARTH_API_KEY", None)
    refused = subprocess.run(hearth_command("serve", "--host", "0.0.0.0", "--port", str(_free_port())),
                             capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert refused.returncode == 2 and "no API key was given" in " ".join(refused.stderr.split())


def test_a_full_queue_answers_429_and_a_client_that_leaves_stops_its_reply(served):
    headers = {"Authorization": f"Bearer {KEY}"}
    long = {"model": "tiny", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2000, "stream": True,
            "temperature": 1.0}
    with httpx.stream("POST", f"{served.url}/v1/chat/completions", json=long, headers=headers,
                      timeout=60) as response:
        lines = response.iter_lines()
        next(lines)  # the first event: the reply has started
        busy = httpx.post(f"{served.url}/v1/chat/completions", headers=headers, timeout=60,
                          json={**long, "stream": False, "max_tokens": 2})
        assert busy.status_code == 429 and busy.headers["retry-after"] == str(served.options.retry_after_s)
        assert busy.json()["error"]["type"] == "rate_limit_error"
    # The client closed the stream: the engine is free again well before 2000 tokens would have taken it.
    deadline = time.monotonic() + 20
    while served.host.active and time.monotonic() < deadline:
        time.sleep(0.02)
    assert served.host.active == 0
    logged = [json.loads(line) for line in served.log_path.read_text().splitlines()]
    assert any(r["status"] == 499 for r in logged)  # recorded as the client's leaving
    after = httpx.post(f"{served.url}/v1/chat/completions", headers=headers, timeout=60,
                       json={**long, "stream": False, "max_tokens": 2})
    assert after.status_code == 200


def test_metrics_move_when_requests_are_served(served):
    headers = {"Authorization": f"Bearer {KEY}"}

    def value(name: str) -> float:
        text = httpx.get(f"{served.url}/metrics", headers=headers).text
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name))

    before = value("hearth_generated_tokens_total")
    cached_before = value("hearth_prompt_cached_tokens_total")
    generated = 0
    for _ in range(2):  # one after the other: the queue (0 places) takes each once the one before has ended
        answered = httpx.post(f"{served.url}/v1/chat/completions", headers=headers, timeout=60,
                              json={"model": "tiny", "messages": [{"role": "user", "content": "hi"}],
                                    "max_tokens": 3})
        assert answered.status_code == 200, answered.text
        generated += answered.json()["usage"]["completion_tokens"]
    # a random tiny model may sample its end-of-text token before the third: the metric counts what was made
    assert 2 <= generated <= 6
    assert value("hearth_generated_tokens_total") == before + generated
    assert value('hearth_requests_total{route="/v1/chat/completions",status="200"}') == 2
    assert value("hearth_time_to_first_token_seconds_count") == 2
    assert value("hearth_queue_depth") == 0
    # the second, same prompt was read from the first one's slot; the cache holds both prompts and replies
    assert value("hearth_prompt_cached_tokens_total") > cached_before
    assert 0 < value("hearth_kv_cache_usage_ratio") <= 1


def test_concurrent_clients_are_decoded_together_and_get_the_replies_they_would_alone(workspace, tiny_gguf):
    from concurrent.futures import ThreadPoolExecutor

    from core.models import import_gguf

    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    running = _Running(workspace, parallel=4, max_queue=8)
    try:
        client = _client(running, key="unused-without-keys-set")
        questions = [f"question number {i}" for i in range(8)]

        def ask(question: str) -> str:
            reply = client.chat.completions.create(model="tiny", messages=[{"role": "user", "content": question}],
                                                   max_tokens=24, temperature=0)
            return reply.choices[0].message.content

        alone = [ask(q) for q in questions]
        peak = []
        sampler = threading.Thread(target=lambda: [peak.append(running.host.active) or time.sleep(0.002)
                                                   for _ in range(500)], daemon=True)
        sampler.start()
        with ThreadPoolExecutor(8) as pool:
            together = list(pool.map(ask, questions))
        sampler.join()
        assert together == alone  # greedy: decoded in one batch or alone, the same reply
        assert max(peak) > 1  # and they were decoded together, not one after another
    finally:
        running.close()


def _stream_pieces(url: str, body: dict) -> tuple[list[str], str | None]:
    pieces, finish = [], None
    with httpx.stream("POST", f"{url}/v1/chat/completions", json={**body, "stream": True}, timeout=60) as response:
        for line in response.iter_lines():
            if line.startswith("data: {"):
                choice = json.loads(line[6:])["choices"][0]
                pieces.append(choice["delta"].get("content", ""))
                finish = choice["finish_reason"] or finish
    return [p for p in pieces if p], finish


def test_rules_refuse_inputs_and_redact_or_stop_outputs_even_across_chunks(workspace, tiny_gguf, tmp_path):
    from core.inference.filters import Rules
    from core.models import import_gguf

    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    body = {"model": "tiny", "messages": [{"role": "user", "content": "tell me a story"}], "max_tokens": 40,
            "temperature": 0}
    plain = _Running(workspace)
    try:
        pieces, _ = _stream_pieces(plain.url, body)
    finally:
        plain.close()
    text = "".join(pieces)
    # A piece of the answer that two streamed chunks share: it never arrives whole in one chunk.
    edge = next(i for i in range(1, len(pieces)) if len(pieces[i - 1]) >= 2 and pieces[i])
    at = len("".join(pieces[:edge]))
    secret = text[at - 2: at + 1]
    assert secret not in pieces[edge - 1] and secret not in pieces[edge]
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps({
        "input": [{"name": "no-passwords", "pattern": "(?i)password"}],
        "output": [{"name": "the-secret", "pattern": re.escape(secret), "action": "redact", "replacement": "#"}]}))
    guarded = _Running(workspace, rules=Rules.load(rules_file))
    try:
        redacted, finish = _stream_pieces(guarded.url, body)
        assert "".join(redacted) == text.replace(secret, "#") and finish == "length"
        refused = httpx.post(f"{guarded.url}/v1/chat/completions", timeout=60,
                             json={**body, "messages": [{"role": "user", "content": "my Password is x"}]})
        assert refused.status_code == 400 and "'no-passwords'" in refused.json()["error"]["message"]
        metrics = httpx.get(f"{guarded.url}/metrics").text
        assert 'hearth_filter_hits_total{rule="the-secret"} ' in metrics
        assert 'hearth_filter_hits_total{rule="no-passwords"} 1.0' in metrics
    finally:
        guarded.close()
    rules_file.write_text(json.dumps({"output": [{"name": "stop-here", "pattern": re.escape(secret),
                                                  "action": "stop"}]}))
    stopping = _Running(workspace, rules=Rules.load(rules_file))
    try:
        cut, finish = _stream_pieces(stopping.url, body)
        assert "".join(cut) == text[:text.index(secret)] and finish == "content_filter"
        whole = httpx.post(f"{stopping.url}/v1/chat/completions", json=body, timeout=60).json()
        assert whole["choices"][0]["finish_reason"] == "content_filter"
        assert whole["choices"][0]["message"]["content"] == text[:text.index(secret)]
    finally:
        stopping.close()


def test_json_schema_answers_follow_the_schema(served):
    schema = {"type": "object", "properties": {"answer": {"type": "string", "enum": ["yes", "no"]},
                                               "sure": {"type": "boolean"}},
              "required": ["answer", "sure"], "additionalProperties": False}
    client = _client(served)
    reply = client.chat.completions.create(
        model="tiny", messages=[{"role": "user", "content": "is it?"}], max_tokens=200, temperature=0.8, seed=3,
        response_format={"type": "json_schema", "json_schema": {"name": "verdict", "schema": schema}},
        presence_penalty=0.5, frequency_penalty=0.2)
    data = json.loads(reply.choices[0].message.content)  # a random model, held to the schema by the grammar
    assert data["answer"] in ("yes", "no") and isinstance(data["sure"], bool) and set(data) == {"answer", "sure"}


def test_every_metric_the_grafana_dashboard_queries_is_served(served):
    dashboard = json.loads((ROOT / "packaging" / "monitoring" / "grafana-dashboard.json").read_text())
    queried = {name for panel in dashboard["panels"] for target in panel["targets"]
               for name in re.findall(r"\bhearth_[a-z_]+", target["expr"])}
    headers = {"Authorization": f"Bearer {KEY}"}
    httpx.post(f"{served.url}/v1/chat/completions", headers=headers, timeout=60,
               json={"model": "tiny", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2})
    text = httpx.get(f"{served.url}/metrics", headers=headers).text
    suffixes = {"counter": ("", "_total"), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    declared = {name + suffix for line in text.splitlines() if line.startswith("# TYPE hearth_")
                for name, kind in [line.split()[2:4]] for suffix in suffixes.get(kind, ("",))}
    assert len(queried) >= 10 and queried <= declared, queried - declared


def test_a_request_past_its_time_is_stopped_with_a_504_and_cors_is_only_for_the_origins_given(workspace,
                                                                                                default_gguf):
    from core.models import import_gguf

    import_gguf(workspace, default_gguf, "gemma", copy=False)
    running = _Running(workspace, keys=(KEY,), parallel=2, request_timeout_s=1.0,
                       cors_origins="http://localhost:3000")
    headers = {"Authorization": f"Bearer {KEY}"}
    try:
        body = {"model": "gemma", "prompt": "Once upon a time", "max_tokens": 2000, "temperature": 0}
        late = httpx.post(f"{running.url}/v1/completions", json=body, headers=headers, timeout=60)
        assert late.status_code == 504 and late.json()["error"]["code"] == "request_timeout"
        with httpx.stream("POST", f"{running.url}/v1/completions", json={**body, "stream": True}, headers=headers,
                          timeout=60) as response:
            events = [line for line in response.iter_lines() if line.startswith("data: ")]
        assert '"request_timeout"' in events[-2] and events[-1] == "data: [DONE]"
        deadline = time.monotonic() + 20
        while running.host.active and time.monotonic() < deadline:
            time.sleep(0.05)
        assert running.host.active == 0  # both stopped, their slots free
        # A browser's preflight carries no key: it is answered all the same, and a 401 carries the CORS headers.
        preflight = {"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "authorization,content-type"}
        allowed = httpx.options(f"{running.url}/v1/completions", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers.get("access-control-allow-origin") == "http://localhost:3000"
        refused = httpx.get(f"{running.url}/v1/models", headers={"Origin": "http://localhost:3000"})
        assert refused.status_code == 401
        assert refused.headers.get("access-control-allow-origin") == "http://localhost:3000"
        other = httpx.options(f"{running.url}/v1/completions", headers={**preflight, "Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    finally:
        running.close()


def test_embeddings_are_unit_vectors_that_tell_texts_apart(served):
    import math

    client = _client(served)
    texts = ["the kettle boils water", "the kettle boils water", "a storm over the sea"]
    answer = client.embeddings.create(model="tiny", input=texts)
    vectors = [d.embedding for d in answer.data]
    assert [d.index for d in answer.data] == [0, 1, 2] and answer.usage.prompt_tokens > 0
    assert all(abs(math.sqrt(sum(x * x for x in v)) - 1.0) < 1e-4 for v in vectors)
    assert vectors[0] == vectors[1] and vectors[0] != vectors[2]  # the same text, the same vector
    import base64
    import struct

    packed = client.embeddings.create(model="tiny", input="a storm over the sea", encoding_format="base64")
    raw = base64.b64decode(packed.data[0].embedding)  # little-endian float32, as OpenAI sends it
    assert list(struct.unpack(f"<{len(raw) // 4}f", raw)) == pytest.approx(vectors[2], abs=1e-6)


def test_a_schema_that_cannot_be_a_grammar_and_an_empty_prompt_are_refused_and_the_engine_goes_on(served):
    import openai

    client = _client(served)
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(
            model="tiny", messages=[{"role": "user", "content": "hi"}], max_tokens=4,
            response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "foo"}}})
    empty = client.completions.create(model="tiny", prompt="", max_tokens=2)  # the BOS alone is a prompt here
    assert empty.usage.prompt_tokens >= 1
    after = client.chat.completions.create(model="tiny", messages=[{"role": "user", "content": "hi"}], max_tokens=3)
    assert after.usage.completion_tokens == 3 and served.host.engine.alive  # the engine lived through both


def test_each_request_names_its_model_or_adapter_and_the_base_is_not_reloaded_for_an_adapter(workspace, tmp_path):
    from converters.synthetic import write_tiny_llama, write_tiny_lora
    from core.export.store import add_export
    from core.models import import_gguf

    base = write_tiny_llama(tmp_path / "base.gguf", quant="F32", context=512)
    other = write_tiny_llama(tmp_path / "other.gguf", quant="F32", context=512, seed=5)
    lora = write_tiny_lora(tmp_path / "lora.gguf")
    import_gguf(workspace, base, "base", copy=False)
    import_gguf(workspace, other, "other", copy=False)
    add_export(workspace, name="my-lora", kind="adapter", run_id=None, folder=tmp_path, path=lora,
               quantization="F32", model="base", base_path=base, size_bytes=lora.stat().st_size, sha256="0" * 64,
               verification="skipped")
    running = _Running(workspace, parallel=2)
    try:
        client = _client(running, key="unused-without-keys-set")
        assert {m.id for m in client.models.list().data} == {"base", "other", "base:my-lora"}

        def greedy(model: str) -> str:
            return client.completions.create(model=model, prompt="the quick brown", max_tokens=12,
                                             temperature=0).choices[0].text

        engine = running.host.engine
        plain = greedy("base")
        loads = engine.loads
        adapted = greedy("base:my-lora")
        assert engine.loads == loads and engine.loaded == (str(base), str(lora))  # the adapter, on the same base
        assert adapted != plain and greedy("base") == plain and engine.loads == loads  # off again, still no load
        # an adapter export embeds with its adapter, as it answers; the base without it
        def embedding(model: str) -> list[float]:
            return client.embeddings.create(model=model, input="the quick brown fox").data[0].embedding

        base_vector = embedding("base")
        adapted_vector = embedding("base:my-lora")
        assert adapted_vector != base_vector and embedding("base") == base_vector
        assert embedding("base:my-lora") == adapted_vector and engine.loads == loads
        assert greedy("other") != plain and engine.loaded[0] == str(other) and engine.loads == loads + 1
        assert greedy("base") == plain
    finally:
        running.close()
