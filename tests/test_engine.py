"""The chat engine: a llama.cpp child process that streams, stops, reuses its cache and survives faults."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

import pytest

from converters.synthetic import write_tiny_llama, write_tiny_lora
from core.errors import EngineCrashed, HearthError
from core.inference import (
    ContextOverflow,
    Engine,
    LoadCancelled,
    LoadOptions,
    PlainFormat,
    Reply,
    SamplingOptions,
    TemplateError,
    TemplateFormat,
)
from core.inference.cache import aligned_length, common_prefix

GREEDY = SamplingOptions(temperature=0.0, max_tokens=24)
ROOT = Path(__file__).resolve().parent.parent
# A system prompt of a few aligned chunks (core.inference.cache), so that reuse of a cached prefix shows.
SYSTEM = {"role": "system", "content": "You are a patient assistant for a hardware shop. " * 12}


def collect(stream) -> tuple[list[str], Reply]:
    items = list(stream)
    return items[:-1], items[-1]


@pytest.fixture
def engine(tmp_path):
    with Engine(tmp_path / "engine.log") as eng:
        yield eng


@pytest.fixture(scope="module")
def gemma(default_gguf, tmp_path_factory):
    with Engine(tmp_path_factory.mktemp("gemma-log") / "engine.log") as eng:
        eng.load(default_gguf, LoadOptions(n_ctx=2048, n_threads=2))
        yield eng


def ask(question: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": question}]


def test_default_model_answers_streamed_with_metrics(gemma):
    assert gemma.info.architecture == "gemma3" and gemma.info.chat_template is None
    pieces, reply = collect(gemma.chat(ask("What is the capital of France?"), GREEDY))
    assert len(pieces) > 1 and "".join(pieces) == reply.text
    assert "Paris" in reply.text
    m = reply.metrics
    assert m["prompt_tokens"] == len(gemma.tokenize(PlainFormat().render(ask("What is the capital of France?"))))
    assert m["generated_tokens"] >= len(pieces)
    assert 0 < m["ttft_s"] <= m["total_s"] and m["tokens_per_s"] > 0


def test_follow_up_turn_evaluates_only_new_tokens(gemma):
    chunk = gemma.info.prompt_chunk
    history = [SYSTEM, *ask("Name three colours.")]
    _, first = collect(gemma.chat(history, GREEDY))
    history += [{"role": "assistant", "content": first.text}, {"role": "user", "content": "And three fruits?"}]
    _, second = collect(gemma.chat(history, GREEDY))
    # llama.cpp itself evaluated only what follows the first turn's whole aligned chunks
    # (core.inference.cache): those stayed in the cache and were reused.
    assert first.metrics["prompt_tokens"] >= 2 * chunk
    assert second.metrics["cached_tokens"] == aligned_length(first.metrics["prompt_tokens"], chunk)


def test_regenerate_and_edit_reuse_the_common_prefix(gemma):
    chunk = gemma.info.prompt_chunk
    history = [SYSTEM, *ask("Why is the sky blue?")]
    _, first = collect(gemma.chat(history, GREEDY))
    _, again = collect(gemma.chat(history, SamplingOptions(temperature=0.9, seed=7, max_tokens=16)))
    # The whole prompt is cached; its last chunk is evaluated again, as it was the first time.
    assert again.metrics["cached_tokens"] == aligned_length(first.metrics["prompt_tokens"] - 1, chunk)
    edited = [SYSTEM, *ask("Why is grass green?")]
    _, third = collect(gemma.chat(edited, GREEDY))
    shared = common_prefix(gemma.tokenize(PlainFormat().render(history)), gemma.tokenize(PlainFormat().render(edited)))
    assert third.metrics["cached_tokens"] == aligned_length(shared, chunk) > 0


def test_same_seed_same_reply(gemma):
    sampling = SamplingOptions(temperature=1.0, seed=1234, max_tokens=20)
    first = collect(gemma.chat(ask("Tell me a story."), sampling))[1].text
    second = collect(gemma.chat(ask("Tell me a story."), sampling))[1].text
    assert first == second


def test_reply_does_not_depend_on_what_the_cache_held(gemma):
    """A sampled reply is the same whatever was evaluated before it: nothing, itself, a shared prefix, another chat."""
    conversation = [SYSTEM, *ask("Which tool should I buy to hang a shelf?")]
    befores = {
        "an empty cache": None,
        "the same prompt": conversation,
        "the same system prompt, another question": [SYSTEM, *ask("Do you sell paint?")],
        "another conversation": ask("Tell me about the moon."),
        "the same conversation, one turn further": [*conversation, {"role": "assistant", "content": "A drill."},
                                                    *ask("Which one?")],
    }
    for seed in (1, 2, 3):
        sampling = SamplingOptions(temperature=1.0, seed=seed, max_tokens=24)
        replies = {}
        for name, before in befores.items():
            if before is None:
                gemma.clear_cache()
            else:
                collect(gemma.chat(before, SamplingOptions(temperature=0.8, max_tokens=12)))
            replies[name] = collect(gemma.chat(conversation, sampling))[1].text
        assert len(set(replies.values())) == 1, (seed, replies)


def test_regenerated_reply_with_the_same_seed_equals_the_first(gemma, workspace, default_gguf):
    from core.chat import ChatModel, ChatSession

    session = ChatSession(workspace, gemma, ChatModel("gemma", str(default_gguf)),
                          sampling=SamplingOptions(temperature=1.0, seed=1234, max_tokens=24),
                          system_prompt=SYSTEM["content"])
    first = collect(session.send("Tell me a story about a kettle."))[1]
    again = collect(session.regenerate())[1]
    assert again.text == first.text and again.metrics["cached_tokens"] > 0
    assert [m.content for m in session.history()][-1] == first.text


def test_greedy_evaluation_answers_alike_in_any_order_and_after_any_chat(gemma):
    from core.eval.run import EvalExample, evaluate_steps
    from core.jobs.steps import drain

    lines = (ROOT / "assets/datasets/lumen_support_test.jsonl").read_text(encoding="utf-8").splitlines()[:5]
    examples = [EvalExample((json.loads(line)["messages"][0],), "", "test", i) for i, line in enumerate(lines)]

    def answers(order):
        steps = evaluate_steps(gemma, [examples[i] for i in order], PlainFormat(), max_tokens=24)
        return dict(zip(order, drain(steps), strict=True))

    alone = {}
    for i in range(len(examples)):
        gemma.clear_cache()
        alone.update(answers([i]))
    in_order = answers(list(range(len(examples))))
    collect(gemma.chat([SYSTEM, *ask("Tell me a joke.")], SamplingOptions(temperature=1.0, max_tokens=16)))
    reversed_after_chat = answers(list(reversed(range(len(examples)))))
    assert in_order == alone == reversed_after_chat


def test_stop_string_ends_the_reply(gemma):
    _, reply = collect(gemma.complete("Count: 1, 2, 3, 4,", SamplingOptions(temperature=0, max_tokens=40,
                                                                               stop=(" 7",))))
    assert reply.stop_reason == "stop_string"
    assert " 7" not in reply.text and "6" in reply.text


def test_stop_is_honoured_within_a_token(gemma):
    stream = gemma.chat(ask("Write a long essay about the sea."), SamplingOptions(temperature=0, max_tokens=300))
    seen = 0
    for item in stream:
        if isinstance(item, Reply):
            reply = item
            break
        seen += 1
        if seen == 3:
            gemma.stop()
    assert reply.stop_reason == "stopped"
    # Pieces already on their way when the stop was sent still arrive, and a piece
    # can hold back a token or two (whitespace, a possible stop string); beyond
    # that, at most one more token is sampled after the stop.
    assert reply.metrics["generated_tokens"] <= seen + 4 < 300


def test_long_conversation_drops_oldest_turns_and_says_so(tmp_path, default_gguf):
    with Engine(tmp_path / "e.log") as eng:
        eng.load(default_gguf, LoadOptions(n_ctx=256))
        history = [{"role": "system", "content": "Be brief."}]
        for i in range(12):
            history += [{"role": "user", "content": f"Question {i}: tell me about the number {i} " * 3},
                        {"role": "assistant", "content": f"The number {i} is a number. " * 3}]
        history += ask("What is 2 + 2?")
        _, reply = collect(eng.chat(history, SamplingOptions(temperature=0, max_tokens=32)))
        assert reply.dropped_messages >= 2 and reply.dropped_messages % 2 == 0
        assert reply.metrics["prompt_tokens"] <= 256 - 32


def test_prompt_longer_than_the_context_is_refused(engine, tiny_gguf):
    engine.load(tiny_gguf, LoadOptions(n_ctx=128))
    with pytest.raises(ContextOverflow) as info:
        list(engine.chat(ask("abc " * 400), GREEDY))
    assert "larger context" in info.value.hint
    assert collect(engine.chat(ask("abc"), GREEDY))[1].metrics["generated_tokens"] > 0  # still serving


def test_template_is_rendered_with_its_stop_markers(engine, tiny_gguf):
    engine.load(tiny_gguf, LoadOptions(n_ctx=512))
    template = ("{{ bos_token }}{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n"
                "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")
    fmt = TemplateFormat(template, engine.info.bos_token, engine.info.eos_token)
    _, reply = collect(engine.chat(ask("the fox"), GREEDY, fmt))
    assert reply.metrics["prompt_tokens"] == len(engine.tokenize(fmt.render(ask("the fox"))))
    assert fmt.stop_strings() == ["<|im_end|>"]


def test_sandbox_escape_in_a_template_fails_safely(engine, tiny_gguf):
    engine.load(tiny_gguf, LoadOptions(n_ctx=128))
    payload = "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ cycler.__init__.__globals__.os.system('id') }}"
    with pytest.raises(TemplateError, match="unsafe"):
        list(engine.chat(ask("hi"), GREEDY, TemplateFormat(payload)))
    assert engine.alive


def test_killed_engine_mid_reply_keeps_the_streamed_text_and_restarts(engine, default_gguf):
    # The default model writing a long essay greedily: seconds of reply, so the kill lands in its
    # middle on any CPU (the tiny model's random replies can end in a few milliseconds, before it).
    engine.load(default_gguf, LoadOptions(n_ctx=1024))
    got = []
    with pytest.raises(EngineCrashed) as info:
        for item in engine.chat(ask("Write a long essay about the sea."), SamplingOptions(temperature=0,
                                                                                          max_tokens=300)):
            got.append(item)
            if len(got) == 1:
                os.kill(engine.pid, signal.SIGKILL)
    assert got and info.value.partial_text == "".join(got)
    assert "SIGKILL" in info.value.message and info.value.exit_code == -signal.SIGKILL
    # The next call restarts the engine and reloads the model by itself.
    assert collect(engine.chat(ask("the"), GREEDY))[1].metrics["generated_tokens"] > 0
    assert engine.info.path == str(default_gguf)


@pytest.mark.parametrize("case", ["unknown_arch", "truncated", "not_gguf", "missing"])
def test_bad_files_are_refused_without_taking_the_engine_down(engine, tiny_gguf, tmp_path, case):
    path = tmp_path / f"{case}.gguf"
    if case == "unknown_arch":
        write_tiny_llama(path, architecture="frobnicator")
        expected = "unknown model architecture"
    elif case == "truncated":
        path.write_bytes(tiny_gguf.read_bytes()[:-5000])
        expected = "could not load"
    elif case == "not_gguf":
        path.write_text("hello, I am a text file\n" * 100)
        expected = "could not load"
    else:
        expected = "could not load"
    with pytest.raises(HearthError) as info:
        engine.load(path, LoadOptions(n_ctx=128))
    assert expected in info.value.message and info.value.hint
    assert engine.load(tiny_gguf, LoadOptions(n_ctx=128)).n_vocab > 0


def test_load_reports_progress_and_can_be_cancelled(engine, tiny_gguf):
    seen = []
    info = engine.load(tiny_gguf, LoadOptions(n_ctx=128), on_progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and info.n_params > 0
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(LoadCancelled):
        engine.load(tiny_gguf, LoadOptions(n_ctx=128), cancel=cancel)
    with pytest.raises(HearthError, match="no model is loaded"):
        list(engine.chat(ask("hi"), GREEDY))


def test_adapters_switch_and_scale_without_reloading(engine, tmp_path):
    base = write_tiny_llama(tmp_path / "base.gguf", quant="F32")
    good = write_tiny_lora(tmp_path / "good.gguf")
    engine.load(base, LoadOptions(n_ctx=128))
    pid = engine.pid

    def greedy():
        return collect(engine.complete("the quick brown", GREEDY))[1].text

    plain = greedy()
    engine.set_adapters([(good, 1.0)])
    with_adapter = greedy()
    engine.set_adapters([(good, 0.0)])
    switched_off = greedy()
    engine.set_adapters([(good, 2.0)])
    doubled = greedy()
    assert with_adapter != plain and switched_off == plain and doubled not in (plain, with_adapter)
    assert engine.pid == pid  # the base was never reloaded


@pytest.mark.parametrize(("kwargs", "reason"), [({"hidden": 32}, "incorrect shape"),
                                                 ({"architecture": "qwen2"}, "arch mismatch")])
def test_adapter_for_another_base_is_refused(engine, tmp_path, kwargs, reason):
    base = write_tiny_llama(tmp_path / "base.gguf", quant="F32")
    wrong = write_tiny_lora(tmp_path / "wrong.gguf", **kwargs)
    engine.load(base, LoadOptions(n_ctx=128))
    with pytest.raises(HearthError) as info:
        engine.set_adapters([(wrong, 1.0)])
    assert reason in info.value.message and "trained on this base" in info.value.hint
    assert engine.adapters == []


def test_ctrl_c_in_the_terminal_does_not_kill_the_engine(engine, tiny_gguf):
    engine.load(tiny_gguf, LoadOptions(n_ctx=128))
    os.kill(engine.pid, signal.SIGINT)  # what a terminal sends to the whole process group
    assert collect(engine.chat(ask("the"), GREEDY))[1].metrics["generated_tokens"] > 0
    assert engine.alive


def test_close_during_a_reply_ends_the_engine_cleanly(tiny_gguf, tmp_path):
    engine = Engine(tmp_path / "e.log")
    engine.load(tiny_gguf, LoadOptions(n_ctx=4096))
    stream = engine.chat(ask("the"), SamplingOptions(temperature=1.0, max_tokens=3000))
    next(stream)
    process = engine._process
    closer = threading.Thread(target=engine.close)
    closer.start()
    stream.close()
    closer.join(60)
    assert process.exitcode == 0  # it left by itself, not by SIGKILL
    with pytest.raises(HearthError, match="no model is loaded"):
        list(engine.chat(ask("the"), GREEDY))  # closed means closed: no silent reload


def test_crash_during_a_load_does_not_bring_back_the_previous_model(engine, tiny_gguf, default_gguf):
    engine.load(tiny_gguf, LoadOptions(n_ctx=128))

    def die(_value):  # at the first progress report of a 250 MB file, long before it is loaded
        os.kill(engine.pid, signal.SIGKILL)

    with pytest.raises(EngineCrashed):
        engine.load(default_gguf, LoadOptions(n_ctx=128), on_progress=die)
    with pytest.raises(HearthError, match="no model is loaded"):
        list(engine.chat(ask("the"), GREEDY))
