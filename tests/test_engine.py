"""The chat engine: a llama.cpp child process that streams, stops, reuses its cache and survives faults."""

from __future__ import annotations

import os
import signal
import threading

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

GREEDY = SamplingOptions(temperature=0.0, max_tokens=24)


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
    history = ask("Name three colours.")
    _, first = collect(gemma.chat(history, GREEDY))
    history += [{"role": "assistant", "content": first.text}, {"role": "user", "content": "And three fruits?"}]
    _, second = collect(gemma.chat(history, GREEDY))
    # llama.cpp itself evaluated only the new tokens: the first turn's prompt was still in the cache.
    assert second.metrics["cached_tokens"] >= first.metrics["prompt_tokens"]
    assert second.metrics["cached_tokens"] < second.metrics["prompt_tokens"]


def test_regenerate_and_edit_reuse_the_common_prefix(gemma):
    history = [{"role": "system", "content": "You answer in one short sentence."}, *ask("Why is the sky blue?")]
    _, first = collect(gemma.chat(history, GREEDY))
    _, again = collect(gemma.chat(history, SamplingOptions(temperature=0.9, seed=7, max_tokens=16)))
    assert again.metrics["cached_tokens"] == first.metrics["prompt_tokens"] - 1
    edited = [history[0], *ask("Why is grass green?")]
    _, third = collect(gemma.chat(edited, GREEDY))
    system_tokens = len(gemma.tokenize(PlainFormat().render([history[0]]).rsplit("\n\n", 1)[0]))
    assert system_tokens - 2 <= third.metrics["cached_tokens"] < first.metrics["prompt_tokens"] - 1


def test_same_seed_same_reply(gemma):
    sampling = SamplingOptions(temperature=1.0, seed=1234, max_tokens=20)
    first = collect(gemma.chat(ask("Tell me a story."), sampling))[1].text
    second = collect(gemma.chat(ask("Tell me a story."), sampling))[1].text
    assert first == second


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


def test_killed_engine_mid_reply_keeps_the_streamed_text_and_restarts(engine, tiny_gguf):
    engine.load(tiny_gguf, LoadOptions(n_ctx=4096))
    got = []
    with pytest.raises(EngineCrashed) as info:
        for item in engine.chat(ask("the"), SamplingOptions(temperature=1.0, max_tokens=3000)):
            got.append(item)
            if len(got) == 1:
                os.kill(engine.pid, signal.SIGKILL)
    assert got and info.value.partial_text == "".join(got)
    assert "SIGKILL" in info.value.message and info.value.exit_code == -signal.SIGKILL
    # The next call restarts the engine and reloads the model by itself.
    assert collect(engine.chat(ask("the"), GREEDY))[1].metrics["generated_tokens"] > 0
    assert engine.info.path == str(tiny_gguf)


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
