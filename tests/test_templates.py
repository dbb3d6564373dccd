"""Chat formats, the sandbox, fitting a conversation into the context, and the reply text stream."""

from __future__ import annotations

import pytest

from core.inference.prompt import ContextOverflow, fit_conversation
from core.inference.templates import PlainFormat, TemplateError, TemplateFormat, render_template
from core.inference.worker import _TextStream

CHATML = ("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
          "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")


def test_plain_format_renders_turns_and_ends_with_the_reply_label():
    fmt = PlainFormat()
    text = fmt.render([{"role": "system", "content": "Be brief. "}, {"role": "user", "content": " Hi"},
                       {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "Why?"}])
    assert text == "Be brief.\n\nUser: Hi\n\nAssistant: Hello.\n\nUser: Why?\n\nAssistant:"
    assert fmt.stop_strings() == ["\n\nUser:"]
    custom = PlainFormat(user_prefix="### Q: ", assistant_prefix="### A: ", turn_separator="\n")
    assert custom.render([{"role": "user", "content": "x"}]) == "### Q: x\n### A:"
    assert custom.stop_strings() == ["\n### Q:"]


def test_template_renders_with_special_tokens():
    template = "{{ bos_token }}" + CHATML
    text = TemplateFormat(template, "<s>", "</s>").render([{"role": "user", "content": "hi"}])
    assert text == "<s><|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
    assert TemplateFormat(template).stop_strings() == ["<|im_end|>"]


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "{{ messages.append({'role': 'x'}) }}",
    "{% set x = namespace() %}{{ x.__class__.__init__.__globals__ }}",
])
def test_sandbox_escape_payloads_are_stopped(payload):
    with pytest.raises(TemplateError) as info:
        render_template(payload, [{"role": "user", "content": "hi"}])
    assert "unsafe" in info.value.message or "broken" in info.value.message


@pytest.mark.timeout(30)
@pytest.mark.parametrize(("template", "stopped"), [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "loops or calls more than"),
    ("{% set s = 'x' * 7000000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}", "loops or calls more"),
    ("{{ 'x' * 1000000000 }}", "builds a value longer than"),
    ("{{ 2 ** 100000000 }}", "power too large"),
    ("{{ ((10 ** 1000) ** 1000) ** 1000 }}", "power too large"),
    ("{% for i in range(100000) %}{{ 'abcdefghij' * 100 }}{% endfor %}", "wrote more than"),
    ("{% set x %}{% for i in range(1000) %}{{ 'y' * 100000 }}{% endfor %}{% endset %}", "wrote more than"),
    ("{% for i in range(90000) %}" + "L" * 1000 + "{% endfor %}", "wrote more than"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "RecursionError"),
    ("{% for i in range(10) recursive %}{% if loop.depth < 9 %}{{ loop(range(10)) }}{% endif %}{% endfor %}",
     "more than"),
    ("{{ '%0999999999d' % 1 }}", "formats a field wider"),
    ("{{ '{:999999999}'.format(1) }}", "formats a field wider"),
    ("{{ 'x'|center(1000000000) }}", "asked for a size of"),
    ("{{ ('x' * 1000000)|replace('x', 'yyyyyyyyyyyy') }}", "replaces its way past"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
     "made a value of"),
    ("{% set ns = namespace(v=[1]) %}{% for i in range(40) %}{% set ns.v = ns.v + ns.v %}{% endfor %}",
     "made a value of"),
])
def test_a_template_that_spins_or_floods_is_stopped_with_a_message(template, stopped):
    with pytest.raises(TemplateError, match=stopped):
        render_template(template, [{"role": "user", "content": "hi"}])


def test_the_bounds_leave_ordinary_loops_alone():
    looped = ("{% for m in messages %}{{ loop.index }}/{{ loop.length }}:{{ m.content }}{% if loop.last %}.{% endif %}"
              "{{ loop.cycle('a', 'b') }}{% if loop.previtem %}p{% endif %}{% endfor %}"
              "{% for k, v in {'a': 1}.items() %}{{ k }}{{ v }}{% endfor %}"
              "{% for x in [] %}{% else %}none{% endfor %}{% for i in range(3) %}{{ i }}{% endfor %}"
              "{{ messages[0].content ~ '!' }}{% set ns = namespace(n=0) %}"
              "{% for m in messages if m.role == 'user' %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}"
              "{{ '%s-%d' % ('a', 3) }}{{ '{}+{}'.format(1, 2) }}{{ 'x'|center(5) }}"
              "{% macro turn(m) %}<{{ m.role }}>{{ caller() }}{% endmacro %}"
              "{% for m in messages %}{% call turn(m) %}{{ m.content }}{% endcall %}{% endfor %}"
              "{% for i in [[1, [2]], [3]] recursive %}{% if i is iterable %}{{ loop(i) }}{% else %}{{ i }}{% endif %}"
              "{% endfor %}")
    messages = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]
    assert render_template(looped, messages) == "1/2:hia2/2:yo.bpa1none012hi!1a-31+2  x  <user>hi<assistant>yo123"


def test_template_raise_exception_and_syntax_errors_are_template_errors():
    with pytest.raises(TemplateError, match="refused the conversation: roles must alternate"):
        render_template("{{ raise_exception('roles must alternate') }}", [])
    with pytest.raises(TemplateError, match="broken"):
        render_template("{% for m in messages %}", [])


def _words(text: str) -> list[int]:
    return list(range(len(text.split())))


def test_fit_keeps_everything_that_fits():
    messages = [{"role": "user", "content": "one two three"}]
    prompt, tokens, dropped = fit_conversation(messages, PlainFormat().render, _words, 100)
    assert dropped == 0 and prompt.startswith("User: one") and len(tokens) == len(prompt.split())


def test_fit_drops_oldest_turn_pairs_and_keeps_the_system_prompt():
    messages = [{"role": "system", "content": "sys"}]
    for i in range(5):
        messages += [{"role": "user", "content": f"q{i} " * 5}, {"role": "assistant", "content": f"a{i} " * 5}]
    messages.append({"role": "user", "content": "last question"})
    full = len(PlainFormat().render(messages).split())
    prompt, tokens, dropped = fit_conversation(messages, PlainFormat().render, _words, full - 10)
    assert dropped == 2 and len(tokens) <= full - 10
    assert prompt.startswith("sys\n\nUser: q1") and "q0" not in prompt and "last question" in prompt


def test_fit_refuses_when_the_last_message_alone_is_too_long():
    messages = [{"role": "system", "content": "s"}, {"role": "user", "content": "w " * 50}]
    with pytest.raises(ContextOverflow) as info:
        fit_conversation(messages, PlainFormat().render, _words, 10)
    assert "needs 53 tokens" in info.value.message and "larger context" in info.value.hint


def test_text_stream_holds_back_a_possible_stop_string_and_cuts_it():
    stream = _TextStream(["\n\nUser:"])
    shown = [stream.feed(piece)[0] for piece in (b" Hello", b" there", b"\n", b"\n", b"Us")]
    assert "".join(shown) == "Hello there"
    text, hit = stream.feed(b"er: next")
    assert hit and text == "" and stream.text == "Hello there"


def test_text_stream_releases_a_false_alarm_and_joins_split_utf8():
    stream = _TextStream(["\n\nUser:"])
    snowman = "☃".encode()
    assert stream.feed(b"a\n\n") == ("a", False)
    assert stream.feed(b"Uh") == ("\n\nUh", False)
    assert stream.feed(snowman[:2]) == ("", False)
    assert stream.feed(snowman[2:]) == ("☃", False)
    assert stream.flush("eos") == "" and stream.text == "a\n\nUh☃"
