"""Turning a conversation into the prompt text a model expects.

A model's own chat template (``tokenizer.chat_template`` in its GGUF, or an
override the user set) is rendered in Jinja's immutable sandbox: templates come
from downloaded files, and one that reaches for Python internals fails with a
:class:`TemplateError` instead of running. A model without a template (a base
model, like the default Gemma 3 270M) gets :class:`PlainFormat`, a readable
turn format whose labels the user can change.
"""

from __future__ import annotations

import contextvars
import functools
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.config import check, option
from core.errors import HearthError

__all__ = ["END_OF_TURN_MARKERS", "ChatFormat", "PlainFormat", "TemplateError", "TemplateFormat",
           "chat_format_from_dict", "chat_format_named", "render_template"]

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
# fills memory (nested loops over range(100000), "x" * 10**9, a string doubled in a loop): these bound it. Real
# templates are a few kilobytes, render in well under a millisecond, loop over the messages, and write a few
# kilobytes per message.
RENDER_SECONDS = 2.0
RENDER_MAX_CHARS = 8_000_000  # written, and the longest text or list made on the way
RENDER_MAX_STEPS = 500_000  # loop iterations and calls, all together
TEMPLATE_MAX_CHARS = 1_000_000

_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("hearth_template_budget", default=None)
# Names the compiled template calls (put into its tree by _compile): each loop's items, each ~ concatenation.
_LOOP_GUARD, _SIZE_GUARD = "hearth_loop_guard", "hearth_size_guard"


def _too_much(what: str) -> TemplateError:
    return TemplateError(f"the chat template {what} and was stopped",
                         "use the model's original template, or set a plain one")


class _Budget:
    """The time, steps and characters left to one rendering."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + RENDER_SECONDS
        self.steps = RENDER_MAX_STEPS
        self.chars = RENDER_MAX_CHARS

    def step(self, n: int = 1) -> None:
        self.steps -= n
        if self.steps < 0:
            raise _too_much(f"loops or calls more than {RENDER_MAX_STEPS:,} times")
        if self.steps % 16 == 0 and time.monotonic() > self.deadline:
            raise _too_much(f"took more than {RENDER_SECONDS:g} s to render")

    def write(self, n: int) -> None:
        self.chars -= n
        if self.chars < 0:
            raise _too_much(f"wrote more than {RENDER_MAX_CHARS:,} characters")

    def loop(self, values: Any, literal: int = 0) -> Iterator[Any]:
        """What a {% for %} iterates over: a step per item, and the literal text of the loop's body written."""
        for value in values:
            self.step()
            if literal:
                self.write(literal)
            yield value


def _budget() -> _Budget | None:
    return _BUDGET.get()


def _sized(value: Any) -> Any:
    """``value``, unless it is a text or list longer than a rendering may make."""
    if isinstance(value, (str, list, tuple, dict)) and len(value) > RENDER_MAX_CHARS:
        raise _too_much(f"made a value of {len(value):,} items or characters")
    return value


def _check_sizes(args: Sequence[Any]) -> None:
    """Refuse arguments asking for a huge result: a width, a count, a format with a huge field."""
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > RENDER_MAX_CHARS:
            raise _too_much(f"asked for a size of {arg:,}")
        if isinstance(arg, str) and _HUGE_FIELD.search(arg):
            raise _too_much("formats a field wider than it may write")


_HUGE_FIELD = re.compile(r"(%[-+ #0]*|\{[^{}]*?:[^{}]*?)\d{8,}")


def _bounded_binop(env: Any, context: Any, operator: str, left: Any, right: Any) -> Any:
    """``*``, ``**``, ``%`` and ``+`` in a template, refused where the result would be huge."""
    if (operator == "**" and isinstance(left, int) and isinstance(right, int)
            and ((right > 1024 and abs(left) > 1) or left.bit_length() * max(right, 0) > 10**6)):
        raise _too_much("computes a power too large to hold")
    if operator == "*":
        sized = next((v for v in (left, right) if isinstance(v, (str, list, tuple))), None)
        times = right if sized is left else left
        if sized is not None and isinstance(times, int) and len(sized) * times > RENDER_MAX_CHARS:
            raise _too_much(f"builds a value longer than {RENDER_MAX_CHARS:,}")
    if operator == "%" and isinstance(left, str):
        _check_sizes([left])
    return _sized(env.binop_table[operator](left, right))


def _bounded_filter(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes([*args[1:], *kwargs.values()])
        plain = [a for a in args if isinstance(a, str)]
        if name == "replace" and len(plain) >= 3:  # the text, the old, the new
            text, old, new = plain[:3]
            if (text.count(old) if old else len(text) + 1) * len(new) > RENDER_MAX_CHARS:
                raise _too_much(f"replaces its way past {RENDER_MAX_CHARS:,} characters")
        budget = _budget()
        if budget is not None:
            budget.step()
        return _sized(fn(*args, **kwargs))
    return bounded


def _finalize(value: Any) -> Any:
    """Every {{ ... }} written, even into a {% set %} block, counts against the characters a rendering may write."""
    budget = _budget()
    if budget is not None:
        budget.write(len(value) if isinstance(value, str) else 16)
    return value


@functools.lru_cache(maxsize=1)
def _sandbox():
    from jinja2.ext import loopcontrols
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Bounded(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%", "+"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            return _bounded_binop(self, context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            # Every call (a function, a method, a macro, loop() of a recursive loop) is a step of the budget.
            budget = _budget()
            if budget is not None:
                budget.step()
            # The text a method is called on ('{:999999999}'.format, wrapped by the sandbox), and the arguments.
            owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
            _check_sizes([owner, *args, *kwargs.values()])
            return _sized(super().call(__context, __obj, *args, **kwargs))

    env = Bounded(trim_blocks=True, lstrip_blocks=True, autoescape=False, extensions=[loopcontrols],
                  finalize=_finalize)
    env.filters["tojson"] = _tojson
    env.filters = {name: _bounded_filter(name, fn) for name, fn in env.filters.items()}
    env.globals["raise_exception"] = _raise
    env.globals["strftime_now"] = lambda fmt: datetime.now().strftime(fmt)
    env.globals[_LOOP_GUARD] = lambda values, literal=0: _loop(values, literal)
    env.globals[_SIZE_GUARD] = _sized
    return env


def _loop(values: Any, literal: int) -> Iterator[Any]:
    budget = _budget()
    return iter(values) if budget is None else budget.loop(values, literal)


@functools.lru_cache(maxsize=16)
def _compile(template: str):
    """The template, each loop made to iterate through the budget's guard (charged the literal text of its body),
    each ~ concatenation through the size guard."""
    from jinja2 import nodes

    env = _sandbox()
    tree = env.parse(template)
    for loop in tree.find_all(nodes.For):
        literal = sum(len(data.data) for data in loop.find_all(nodes.TemplateData))
        guard = nodes.Call(nodes.Name(_LOOP_GUARD, "load"), [loop.iter, nodes.Const(literal)], [], None, None)
        loop.iter = guard.set_lineno(loop.lineno)
    for parent in list(tree.find_all(nodes.Node)):
        for name, child in list(parent.iter_fields()):
            if isinstance(child, nodes.Concat):
                setattr(parent, name, _size_guard(nodes, child))
            elif isinstance(child, list):
                setattr(parent, name, [_size_guard(nodes, c) if isinstance(c, nodes.Concat) else c for c in child])
    return env.from_string(tree)


def _size_guard(nodes: Any, concat: Any) -> Any:
    return nodes.Call(nodes.Name(_SIZE_GUARD, "load"), [concat], [], None, None).set_lineno(concat.lineno)


def render_template(template: str, messages: Sequence[ChatMessage], *, bos_token: str = "", eos_token: str = "",
                    add_generation_prompt: bool = True, **extra: Any) -> str:
    """Render a Hugging Face style chat template in a sandbox.

    Raises:
        TemplateError: the template does not parse, tries something the sandbox
            forbids (attribute access to internals, mutation), rejects the
            messages with ``raise_exception``, or runs past a bound
            (``RENDER_SECONDS``, ``RENDER_MAX_CHARS``, ``RENDER_MAX_STEPS``,
            ``TEMPLATE_MAX_CHARS``).
    """
    import jinja2
    from jinja2.sandbox import SecurityError

    if len(template) > TEMPLATE_MAX_CHARS:
        raise TemplateError(f"the chat template is {len(template):,} characters long, more than the "
                            f"{TEMPLATE_MAX_CHARS:,} a template may be", "set a working template for this model")
    token = _BUDGET.set(_Budget())
    try:
        compiled = _compile(template)
        return compiled.render(messages=list(messages), bos_token=bos_token, eos_token=eos_token,
                               add_generation_prompt=add_generation_prompt, **extra)
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
    finally:
        _BUDGET.reset(token)


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


def chat_format_named(choice: str, template: str | None, info: Any) -> ChatFormat:
    """The chat format ``choice`` names: auto (``template``, else the loaded model's own, else plain), plain, or
    the path of a chat_format.json a run saved. ``info`` is the engine's ModelInfo (chat_template, bos_token,
    eos_token).

    Raises:
        HearthError: ``choice`` is a path with no file.
    """
    if choice == "plain":
        return PlainFormat()
    if choice != "auto":
        from pathlib import Path

        path = Path(choice)
        if not path.is_file():
            raise HearthError(f"no chat format file at {path}",
                              "give auto, plain, or the chat_format.json saved in a run's adapter folder")
        return chat_format_from_dict(json.loads(path.read_text(encoding="utf-8")))
    template = template or info.chat_template
    return TemplateFormat(template, info.bos_token, info.eos_token) if template else PlainFormat()
