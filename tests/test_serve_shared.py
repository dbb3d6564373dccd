"""The window's chat answered by a running server's batching engine (core.serve.SharedEngine)."""

from __future__ import annotations

import time

import pytest

from core.chat import ChatModel, ChatSession
from core.errors import HearthError
from core.inference import LoadOptions, Reply, SamplingOptions
from core.serve import ModelHost, SharedEngine

GREEDY = SamplingOptions(temperature=0.0, max_tokens=12)


@pytest.fixture
def host(workspace, tmp_path):
    host = ModelHost(workspace, LoadOptions(n_ctx=1024), max_queue=2, slots=2, log_path=tmp_path / "serve.log")
    yield host
    host.close()


def _reply(session: ChatSession, text: str) -> Reply:
    return [item for item in session.send(text) if isinstance(item, Reply)][-1]


def test_the_chat_through_the_servers_engine_answers_as_an_api_client_is_answered(workspace, host, tiny_gguf):
    """The same conversation from the chat and from a client of the server: the same prompt, the same reply
    (greedy), from the one copy of the model."""
    import queue

    from core.serve import Generation, ServedModel

    model = ChatModel("tiny", str(tiny_gguf))
    shared = SharedEngine(host)
    shared.load(tiny_gguf)
    session = ChatSession(workspace, shared, model, sampling=GREEDY)
    chat = _reply(session, "the quick brown fox")
    items: queue.Queue = queue.Queue()
    host.submit(Generation(ServedModel("tiny", str(tiny_gguf), None, None, 0), GREEDY, items.put,
                           messages=[{"role": "user", "content": "the quick brown fox"}]))
    while not isinstance(api := items.get(timeout=30), Reply):
        pass
    assert chat.text == api.text and chat.metrics["generated_tokens"] == api.metrics["generated_tokens"] > 0
    assert session.history()[-1].content == chat.text and session.history()[-1].status == "complete"
    second = _reply(session, "the lazy dog")  # the conversation goes on, its first turn in the prompt cache
    assert second.metrics["cached_tokens"] > 0
    assert host.engine.loads == 1  # one copy of the model, loaded once


def test_stopping_a_shared_reply_keeps_what_streamed_and_frees_the_slot(workspace, host, tiny_gguf):
    shared = SharedEngine(host)
    shared.load(tiny_gguf)
    session = ChatSession(workspace, shared, ChatModel("tiny", str(tiny_gguf)),
                          sampling=SamplingOptions(temperature=1.0, seed=1, max_tokens=4000))
    stream = session.send("tell me everything")
    first = next(stream)
    assert isinstance(first, str)
    shared.stop()
    rest = list(stream)
    reply = rest[-1]
    assert isinstance(reply, Reply) and reply.stop_reason == "stopped"
    assert session.history()[-1].status == "cut" and session.history()[-1].content.startswith(first)
    deadline = time.monotonic() + 10
    while host.active and time.monotonic() < deadline:
        time.sleep(0.02)
    assert host.active == 0


def test_the_shared_engine_applies_one_whole_adapter(workspace, host, tmp_path):
    from converters.synthetic import write_tiny_llama, write_tiny_lora

    base = write_tiny_llama(tmp_path / "base.gguf", quant="F32", context=512)
    lora = write_tiny_lora(tmp_path / "lora.gguf")
    shared = SharedEngine(host)
    shared.load(base)
    session = ChatSession(workspace, shared, ChatModel("base", str(base)), sampling=GREEDY)
    plain = _reply(session, "the quick brown fox").text
    shared.set_adapters([(str(lora), 1.0)])
    adapted = _reply(ChatSession(workspace, shared, ChatModel("base", str(base)), sampling=GREEDY),
                     "the quick brown fox").text
    assert adapted != plain and host.engine.loaded == (str(base), str(lora)) and host.engine.loads == 1
    with pytest.raises(HearthError, match="one adapter at scale 1"):
        shared.set_adapters([(str(lora), 1.0), ("b.gguf", 1.0)])
    with pytest.raises(HearthError, match="one adapter at scale 1"):
        shared.set_adapters([(str(lora), 0.5)])
    shared.set_adapters([(str(lora), 0.0)])  # switched off: the base alone again
    again = _reply(ChatSession(workspace, shared, ChatModel("base", str(base)), sampling=GREEDY),
                   "the quick brown fox").text
    assert again == plain and host.engine.loaded == (str(base), None)
