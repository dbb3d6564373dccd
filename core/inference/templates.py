"""Turning a conversation into the prompt text a model expects.

A model's own chat template (``tokenizer.chat_template`` in its GGUF, or an
override the user set) is rendered in Jinja's immutable sandbox: templates come
from downloaded files, and one that reaches for Python internals fails with a
:class:`TemplateError` instead of running. A model without a template (a base
model, like the default Gemma 3 270M) gets :class:`PlainFormat`, a readable
turn format whose labels the user can change.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.config import check, option
from core.errors import HearthError

__all__ = ["END_OF_TURN_MARKERS", "ChatFormat", "PlainFormat", "TemplateError", "TemplateFormat",
           "chat_format_from_dict", "render_template"]

# Texts that close a turn in the common template families; those present in a
# template become stop strings, so a reply ends even where the token is not EOG.
END_OF_TURN_MARKERS = ("<end_of_turn>", "<|im_end|>", "<|eot_id|>", "<|end|>", "<|endoftext|>", "</s>",
                       "<|end_of_text|>", "<|return|>")

ChatMessage = dict[str, str]


class TemplateError(HearthError):
    """A chat template cannot be rendered (broken, unsafe, or rejects the messages)."""


def _raise(message: str) -> None:
    raise TemplateError(f"the chat template refused the conversation: {message}",
                        "check the roles and order of the messages, or set another template for this model")


def _tojson(value: Any, indent: int | None = None, separators: Any = None, sort_keys: bool = False,
            ensure_ascii: bool = False) -> str:
    # As Hugging Face renders templates: no HTML escaping, non-ASCII kept, so a
    # prompt renders here exactly as it did in training.
    return json.dumps(value, indent=indent, separators=separators, sort_keys=sort_keys, ensure_ascii=ensure_ascii)


# What one rendering may cost. The sandbox stops a template reaching for Python's internals, not one that spins or
# fills memory (nested loops over range(100000), "x" * 10**9): these bound it. Real templates render in well
# under a millisecond, loop over the messages, and write a few kilobytes per message.
RENDER_SECONDS = 2.0
RENDER_MAX_CHARS = 8_000_000
RENDER_MAX_STEPS = 2_000_000  # iterations of all the template's loops together

# The name each {% for %} of a template iterates through (put in by _compile), which counts against the budget.
_LOOP_GUARD = "hearth_loop_guard"


class _Budget:
    """The time and loop steps left to one rendering."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + RENDER_SECONDS
        self.steps = RENDER_MAX_STEPS

    def check(self, steps: int = 0) -> None:
        self.steps -= steps
        if self.steps < 0:
            raise TemplateError(f"the chat template loops more than {RENDER_MAX_STEPS:,} times and was stopped",
                                "use the model's original template, or set a plain one")
        if time.monotonic() > self.deadline:
            raise TemplateError(f"the chat template took more than {RENDER_SECONDS:g} s to render and was stopped",
                                "use the model's original template, or set a plain one")

    def loop(self, values: Any) -> Iterator[Any]:
        """What a {% for %} iterates over, one step of the budget per item (the clock read every 256)."""
        for i, value in enumerate(values):
            self.steps -= 1
            if self.steps < 0 or i % 256 == 0:
                self.check()
            yield value


def _bounded_binop(env: Any, context: Any, operator: str, left: Any, right: Any) -> Any:
    """``*`` and ``**`` in a template, refused where the result would be huge."""
    if operator == "**" and isinstance(right, (int, float)) and abs(right) > 1024:
        raise TemplateError("the chat template computes a power too large to hold", "use a working template")
    if operator == "*":
        sized = next((v for v in (left, right) if isinstance(v, (str, list, tuple))), None)
        times = right if sized is left else left
        if sized is not None and isinstance(times, int) and len(sized) * times > RENDER_MAX_CHARS:
            raise TemplateError(f"the chat template builds a text longer than {RENDER_MAX_CHARS:,} characters",
                                "use the model's original template, or set a plain one")
    return env.binop_table[operator](left, right)


@functools.lru_cache(maxsize=1)
def _sandbox():
    from jinja2.ext import loopcontrols
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Bounded(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            return _bounded_binop(self, context, operator, left, right)

    env = Bounded(trim_blocks=True, lstrip_blocks=True, autoescape=False, extensions=[loopcontrols])
    env.filters["tojson"] = _tojson
    env.globals["raise_exception"] = _raise
    env.globals["strftime_now"] = lambda fmt: datetime.now().strftime(fmt)
    return env


@functools.lru_cache(maxsize=16)
def _compile(template: str):
    """The template, each of its loops made to iterate through the budget's guard."""
    from jinja2 import nodes

    env = _sandbox()
    tree = env.parse(template)
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.Name(_LOOP_GUARD, "load"), [loop.iter], [], None, None).set_lineno(loop.lineno)
    return env.from_string(tree)


def render_template(template: str, messages: Sequence[ChatMessage], *, bos_token: str = "", eos_token: str = "",
                    add_generation_prompt: bool = True, **extra: Any) -> str:
    """Render a Hugging Face style chat template in a sandbox.

    Raises:
        TemplateError: the template does not parse, tries something the sandbox
            forbids (attribute access to internals, mutation), rejects the
            messages with ``raise_exception``, or runs past a bound
            (``RENDER_SECONDS``, ``RENDER_MAX_CHARS``, ``RENDER_MAX_STEPS``).
    """
    import jinja2
    from jinja2.sandbox import SecurityError

    budget = _Budget()
    try:
        compiled = _compile(template)
        pieces, size = [], 0
        for piece in compiled.generate(messages=list(messages), bos_token=bos_token, eos_token=eos_token,
                                       add_generation_prompt=add_generation_prompt, **extra,
                                       **{_LOOP_GUARD: budget.loop}):
            pieces.append(piece)
            size += len(piece)
            if size > RENDER_MAX_CHARS:
                raise TemplateError(f"the chat template wrote more than {RENDER_MAX_CHARS:,} characters and was "
                                    "stopped", "use the model's original template, or set a plain one")
            budget.check()
        return "".join(pieces)
    except TemplateError:
        raise
    except SecurityError as exc:
        raise TemplateError(f"the chat template tried something unsafe and was stopped: {exc}",
                            "use the model's original template, or set a plain one with /template") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"the chat template is broken: {exc}",
                            "set a working template for this model, or clear the override") from exc
    except Exception as exc:  # a template can fail in many ways; none may crash the engine
        raise TemplateError(f"the chat template failed: {type(exc).__name__}: {exc}",
                            "set a working template for this model") from exc


@dataclass(frozen=True)
class PlainFormat:
    """A readable turn format for models without a chat template."""

    system_prefix: str = option("", help="text before the system prompt")
    user_prefix: str = option("User: ", help="text before each user turn")
    assistant_prefix: str = option("Assistant: ", help="text before each assistant turn")
    turn_separator: str = option("\n\n", help="text between turns")

    def __post_init__(self) -> None:
        check(self)

    def render(self, messages: Sequence[ChatMessage]) -> str:
        """The prompt text, ending with the assistant's label for the reply.

        The label's trailing space is left out: tokenizers expect the reply to
        begin with it, and the engine strips it from what it shows.
        """
        labels = {"system": self.system_prefix, "user": self.user_prefix, "assistant": self.assistant_prefix}
        turns = [labels[m["role"]] + m["content"].strip() for m in messages]
        return self.turn_separator.join([*turns, self.assistant_prefix.rstrip()])

    def stop_strings(self) -> list[str]:
        """Where a reply ends: when the model starts the next user turn."""
        sep = self.turn_separator
        return [s for s in (sep + self.user_prefix.strip(), sep + self.system_prefix.strip()) if s.strip()]


@dataclass(frozen=True)
class TemplateFormat:
    """A model's Jinja chat template with the texts of its special tokens."""

    template: str
    bos_token: str = ""
    eos_token: str = ""

    def render(self, messages: Sequence[ChatMessage]) -> str:
        return render_template(self.template, messages, bos_token=self.bos_token, eos_token=self.eos_token)

    def stop_strings(self) -> list[str]:
        markers = [m for m in END_OF_TURN_MARKERS if m in self.template]
        if self.eos_token and self.eos_token in self.template and self.eos_token not in markers:
            markers.append(self.eos_token)
        return markers


ChatFormat = PlainFormat | TemplateFormat


def chat_format_from_dict(data: dict[str, Any]) -> ChatFormat:
    """The chat format a run saved as chat_format.json: ``{"kind": "plain"|"template", ...its fields}``.

    Raises:
        HearthError: the file names a kind this version does not know.
    """
    kind = data.get("kind")
    if kind == "template" and not isinstance(data.get("template"), str):
        raise HearthError("chat_format.json names a template kind but holds no template",
                          "train the run again, or write the template into the file's \"template\" key")
    if kind == "template":
        return TemplateFormat(data["template"], data.get("bos_token", ""), data.get("eos_token", ""))
    if kind == "plain":
        fields = ("system_prefix", "user_prefix", "assistant_prefix", "turn_separator")
        return PlainFormat(**{k: data[k] for k in fields if k in data})
    raise HearthError(f"unknown chat format kind {kind!r} in chat_format.json",
                      "the run was written by another Hearth version; train it again or fix the file")
