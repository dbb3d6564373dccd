"""Chat sessions: replies stored as they stream, branches, and what survives an engine crash."""

from __future__ import annotations

import os
import signal

import pytest

from core.chat import ChatModel, ChatSession, chat_format_for
from core.chat import conversations as conv
from core.errors import EngineCrashed
from core.inference import Engine, LoadOptions, PlainFormat, Reply, SamplingOptions, TemplateFormat

GREEDY = SamplingOptions(temperature=0.0, max_tokens=16)


def drain(stream) -> Reply:
    return [item for item in stream if isinstance(item, Reply)][-1]


@pytest.fixture
def tiny_session(workspace, tiny_gguf, tmp_path):
    engine = Engine(tmp_path / "engine.log")
    engine.load(tiny_gguf, LoadOptions(n_ctx=4096))
    yield ChatSession(workspace, engine, ChatModel("tiny", str(tiny_gguf)), sampling=GREEDY,
                      system_prompt="Be brief.")
    engine.close()


def test_reply_is_stored_with_its_metrics_model_and_sampling(workspace, tiny_session):
    reply = drain(tiny_session.send("the quick brown fox"))
    user, assistant = tiny_session.history()
    assert (user.role, user.content) == ("user", "the quick brown fox")
    assert assistant.content == reply.text and assistant.status == "complete"
    assert assistant.model == "tiny" and assistant.sampling["temperature"] == 0.0
    assert assistant.metrics["generated_tokens"] == reply.metrics["generated_tokens"] > 0
    assert assistant.metrics["stop_reason"] == reply.stop_reason
    assert conv.get_conversation(workspace, tiny_session.id).title == "the quick brown fox"


def test_regenerate_and_edit_make_branches(workspace, tiny_session):
    drain(tiny_session.send("the quick"))
    first_reply = tiny_session.history()[-1]
    tiny_session.set_sampling(temperature=1.0, seed=3)
    drain(tiny_session.regenerate())
    second_reply = tiny_session.history()[-1]
    assert second_reply.id != first_reply.id
    assert [m.id for m in conv.siblings(workspace, second_reply.id)] == [first_reply.id, second_reply.id]

    question = tiny_session.history()[0]
    drain(tiny_session.edit(question.id, "the lazy dog"))
    branch = tiny_session.history()
    assert branch[0].content == "the lazy dog"
    assert len(conv.list_messages(workspace, tiny_session.id)) == 5  # nothing overwritten


def test_engine_killed_mid_reply_keeps_what_streamed_as_cut(workspace, default_gguf, tmp_path):
    # The default model writing a long essay greedily, so the kill lands mid-reply on any CPU
    # (the tiny model's random replies can end in a few milliseconds, before the kill).
    engine = Engine(tmp_path / "engine.log")
    engine.load(default_gguf, LoadOptions(n_ctx=1024))
    session = ChatSession(workspace, engine, ChatModel("gemma", str(default_gguf)),
                          sampling=SamplingOptions(temperature=0.0, max_tokens=300))
    got = []
    with pytest.raises(EngineCrashed):
        for item in session.send("Write a long essay about the sea."):
            got.append(item)
            if len(got) == 1:
                os.kill(session.engine.pid, signal.SIGKILL)
    cut = session.history()[-1]
    assert cut.status == "cut" and cut.content == "".join(got)
    assert "SIGKILL" in cut.metrics["error"]
    session.set_sampling(max_tokens=8)
    drain(session.send("And the moon?"))  # the engine restarted by itself
    assert session.history()[-1].status == "complete"
    engine.close()


def test_interrupted_reply_is_stored_as_cut(workspace, tiny_session):
    tiny_session.set_sampling(max_tokens=500)
    stream = tiny_session.send("the")
    seen = [next(stream), next(stream)]
    stream.close()  # the reader walked away (Ctrl+C in the terminal)
    message = tiny_session.history()[-1]
    assert message.status == "cut" and message.content == "".join(seen)
    assert drain(tiny_session.send("again")).metrics["generated_tokens"] > 0  # the engine is free again


def test_format_choice_override_then_template_then_plain(tiny_gguf, tmp_path):
    with Engine(tmp_path / "e.log") as engine:
        engine.load(tiny_gguf, LoadOptions(n_ctx=128))
        assert isinstance(chat_format_for(ChatModel("m", "p"), engine), PlainFormat)
        chosen = chat_format_for(ChatModel("m", "p", "{{ messages[0].content }}"), engine)
        assert isinstance(chosen, TemplateFormat) and chosen.bos_token == "<s>"
        assert isinstance(chat_format_for(ChatModel("m", "p", "plain"), engine), PlainFormat)


def test_a_message_too_long_for_the_context_does_not_block_the_next_one(workspace, tiny_gguf, tmp_path):
    from core.chat import check_text
    from core.errors import DataError
    from core.inference import ContextOverflow

    with Engine(tmp_path / "engine.log") as engine:
        engine.load(tiny_gguf, LoadOptions(n_ctx=256))
        session = ChatSession(workspace, engine, ChatModel("tiny", str(tiny_gguf)), sampling=GREEDY)
        with pytest.raises(ContextOverflow):
            drain(session.send("word " * 2000))
        reply = drain(session.send("a short question"))  # answered: the long one is not sent again
        assert reply.stop_reason in ("length", "stop") and reply.metrics["prompt_tokens"] < 100
        too_long, failed, short, answer = session.history()
        assert (too_long.status, failed.status, short.status, answer.status) == ("error", "error", "complete",
                                                                                 "complete")
        assert "needs" in too_long.metrics["error"]  # kept in the transcript, with the reason
        # The same holds for a conversation continued later (hearth chat -c ID -p ...).
        again = ChatSession(workspace, engine, ChatModel("tiny", str(tiny_gguf)), conversation_id=session.id,
                            sampling=GREEDY)
        assert drain(again.send("and another")).metrics["prompt_tokens"] < 100

    with pytest.raises(DataError, match="not valid UTF-8"):
        check_text("bad \udcff byte")



def test_the_rules_of_the_server_guard_the_chat_too(workspace, tiny_session, tmp_path):
    import json
    import re

    from core.inference.filters import RuleRefused, Rules

    def fresh(rules: dict) -> ChatSession:  # the same question, in a conversation of its own
        path = tmp_path / "rules.json"
        path.write_text(json.dumps(rules))
        return ChatSession(workspace, tiny_session.engine, tiny_session.model, sampling=GREEDY,
                           system_prompt="Be brief.", rules=Rules.load(path))

    plain = drain(tiny_session.send("the quick brown fox")).text
    secret = plain[len(plain) // 2: len(plain) // 2 + 3]
    assert secret.strip() and len(plain) > 6

    redacting = fresh({"output": [{"name": "secret", "pattern": re.escape(secret), "replacement": "#"}]})
    streamed = [item for item in redacting.send("the quick brown fox") if isinstance(item, str)]
    assert "".join(streamed) == plain.replace(secret, "#") == redacting.history()[-1].content

    stopping = fresh({"output": [{"name": "secret", "pattern": re.escape(secret), "action": "stop"}]})
    reply = drain(stopping.send("the quick brown fox"))
    stored = stopping.history()[-1]
    assert reply.text == stored.content == plain[: plain.index(secret)]
    assert reply.stop_reason == stored.metrics["stop_reason"] == "content_filter"

    refusing = fresh({"input": [{"name": "no-foxes", "words": ["fox"]}]})
    with pytest.raises(RuleRefused, match="no-foxes"):
        refusing.send("the quick brown fox")
    assert refusing.history() == []  # refused before it was stored
