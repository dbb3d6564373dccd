"""Rendering records for training: chat template, label mask, truncation and packing.

A chat record becomes one string through a chat template (the model's own, or a
named one for a base model without one) plus the character spans of that
string the loss covers: each assistant reply with the end-of-turn marker that
closes it, so the model learns to stop. The spans are found by rendering
prefixes of the conversation, so any template that renders a conversation's
beginning as a prefix of the whole works, and one that does not is refused
with a :class:`TemplateError` naming it. A fast tokenizer's offset mapping then
turns the spans into labels: the token id where the loss looks, ``-100``
everywhere else. Labels are not shifted: position ``t`` holds the token the
model should predict from positions ``< t`` (the Hugging Face convention).

Examples longer than ``max_length`` are dropped, cut or refused, as configured,
and the caller is told which. Short examples can be packed into sequences of
``max_length`` tokens with position ids restarting at 0 for each; attention is
kept inside each example either by those position ids (flash attention, and
transformers' own mask building for sdpa, eager and flex attention when no mask
is passed) or by the 4D block-diagonal mask of :func:`block_causal_mask`.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import TYPE_CHECKING, Any, ClassVar

from core.config import check, option
from core.data.records import Record, Reject
from core.errors import ConfigError, DataError
from core.inference.templates import PlainFormat, TemplateError, TemplateFormat, render_template

if TYPE_CHECKING:
    import torch

__all__ = [
    "IGNORE_INDEX",
    "LOSS_MODES",
    "NAMED_TEMPLATES",
    "PACK_STRATEGIES",
    "TEMPLATE_NAMES",
    "TRUNCATION_POLICIES",
    "JinjaTemplate",
    "PackedSequence",
    "PlainTemplate",
    "RenderConfig",
    "RenderedRecord",
    "TokenizeResult",
    "TokenizedExample",
    "TrainingTemplate",
    "block_causal_mask",
    "collate_packed",
    "collate_padded",
    "flatten_packed",
    "missing_special_tokens",
    "named_template",
    "pack_bins",
    "pack_examples",
    "pad_token_id",
    "pick_template",
    "render_record",
    "template_for_tokenizer",
    "tokenize_record",
    "tokenize_records",
    "truncate",
]

log = logging.getLogger(__name__)

IGNORE_INDEX = -100
LOSS_MODES = ("assistant", "last", "all")
TRUNCATION_POLICIES = ("drop", "truncate_right", "error")
PACK_STRATEGIES = ("best_fit", "greedy")
TEMPLATE_NAMES = ("chatml", "gemma", "llama3", "plain")

Span = tuple[int, int]
ChatMessage = dict[str, str]

# Named templates for bases without one. Each closes every turn with its marker
# and opens the reply with the same header it writes for past replies.
_CHATML = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
# Gemma has no system role: the system prompt opens the first user turn.
_GEMMA = (
    "{{ bos_token }}"
    "{% if messages and messages[0]['role'] == 'system' %}"
    "{% set first_user_prefix = messages[0]['content'] | trim + '\\n\\n' %}{% set loop_messages = messages[1:] %}"
    "{% else %}{% set first_user_prefix = '' %}{% set loop_messages = messages %}{% endif %}"
    "{% for message in loop_messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('roles must alternate user/assistant after the system prompt') }}{% endif %}"
    "{% set role = 'model' if message['role'] == 'assistant' else message['role'] %}"
    "{{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else '') + message['content'] | trim"
    " + '<end_of_turn>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{% endif %}"
)
_LLAMA3 = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim"
    " + '<|eot_id|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}"
)
NAMED_TEMPLATES: Mapping[str, str] = {"chatml": _CHATML, "gemma": _GEMMA, "llama3": _LLAMA3}
_NAMED_SPECIAL_TOKENS = {
    "chatml": ("<|im_start|>", "<|im_end|>"),
    "gemma": ("<start_of_turn>", "<end_of_turn>"),
    "llama3": ("<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"),
}


# ---------------------------------------------------------------------------
# Templates


@dataclass(frozen=True)
class JinjaTemplate:
    """A Hugging Face style Jinja chat template, rendered in the sandbox.

    Attributes:
        name: "model" for the model's own template, else the named template's name.
        source: the Jinja text.
        bos_token, eos_token: the texts of the model's special tokens.
        special_tokens: marker texts the template needs as single tokens (named templates).
    """

    name: str
    source: str
    bos_token: str = ""
    eos_token: str = ""
    special_tokens: tuple[str, ...] = ()

    def render(self, messages: Sequence[ChatMessage], *, add_generation_prompt: bool = False) -> str:
        """The template's text for ``messages``."""
        return render_template(self.source, messages, bos_token=self.bos_token, eos_token=self.eos_token,
                               add_generation_prompt=add_generation_prompt)

    def render_turns(self, messages: Sequence[ChatMessage], turns: Sequence[int]) -> tuple[str, tuple[Span, ...]]:
        """The whole conversation's text and the span of each assistant message in ``turns``.

        Raises:
            TemplateError: the template fails, or renders a beginning of the
                conversation that is not a prefix of the whole.
        """
        full = self.render(messages)
        spans = [self._span(messages, full, i) for i in turns]
        # A template that marks no end of a reply (GLM's: a turn ends where the next role's token begins) would
        # never teach the model to stop: the last reply is closed with the EOS token, trained with it, as the
        # engine stops at EOS.
        # (the last reply's span ends where the text does; nothing after its content means no end marker)
        last = spans[-1][1] if spans else 0
        content = str(messages[turns[-1]]["content"]).rstrip() if spans else ""
        if content and self.eos_token and turns[-1] == len(messages) - 1 and full[:last].endswith(content):
            full = full[:last] + self.eos_token + full[last:]
            spans[-1] = (spans[-1][0], last + len(self.eos_token))
        return full, tuple(spans)

    def chat_format(self) -> TemplateFormat:
        """The format the chat engine uses to talk to a model trained with this template."""
        return TemplateFormat(self.source, self.bos_token, self.eos_token)

    def _span(self, messages: Sequence[ChatMessage], full: str, i: int) -> Span:
        # The reply starts where the prompt for it ends and stops where the
        # conversation up to it ends; whitespace after the end marker is glue.
        start = len(self._prefix(messages[:i], full, i, add_generation_prompt=True))
        end = len(self._prefix(messages[:i + 1], full, i + 1, add_generation_prompt=False))
        return start, start + len(full[start:end].rstrip())

    def _prefix(self, part: Sequence[ChatMessage], full: str, count: int, *, add_generation_prompt: bool) -> str:
        text = self.render(part, add_generation_prompt=add_generation_prompt)
        if not full.startswith(text):
            raise TemplateError(
                f"the chat template {self.name!r} renders the first {count} message(s)"
                f"{' with the generation prompt' if add_generation_prompt else ''} as text that is not the start of "
                "the whole conversation, so the assistant turns cannot be located for the loss",
                "train on the last turn only (loss_on='last') or on every token (loss_on='all'), or pick a named "
                "template (" + ", ".join(TEMPLATE_NAMES) + ")",
            )
        return text


@dataclass(frozen=True)
class PlainTemplate:
    """The User:/Assistant: turn format the chat engine uses for a model without a template.

    What a reply is trained to follow is exactly the prompt
    :meth:`PlainFormat.render` gives the engine. A reply trains on its text
    (with the space after the label) and on what ends it: the turn separator
    when a turn follows, the EOS token after the last reply.
    """

    format: PlainFormat = field(default_factory=PlainFormat)
    bos_token: str = ""
    eos_token: str = ""
    name: ClassVar[str] = "plain"
    special_tokens: ClassVar[tuple[str, ...]] = ()

    def render_turns(self, messages: Sequence[ChatMessage], turns: Sequence[int]) -> tuple[str, tuple[Span, ...]]:
        """The whole conversation's text and the span of each assistant message in ``turns``.

        Raises:
            TemplateError: a message has a role the format has no label for.
        """
        text, spans = "", {}
        for i, message in enumerate(messages):
            label = self._label(message["role"])
            text += self.format.turn_separator if i else ""
            start = len(text) + len(label.rstrip())
            text += label + message["content"].strip()
            closing = self.format.turn_separator if i + 1 < len(messages) else self.eos_token
            spans[i] = (start, len(text) + len(closing))
        if messages and messages[-1]["role"] == "assistant":
            text += self.eos_token
        return text, tuple(spans[i] for i in turns)

    def chat_format(self) -> PlainFormat:
        """The format the chat engine uses to talk to a model trained with this template."""
        return self.format

    def _label(self, role: str) -> str:
        labels = {"system": self.format.system_prefix, "user": self.format.user_prefix,
                  "assistant": self.format.assistant_prefix}
        if role not in labels:
            raise TemplateError(f"the plain format has no label for role {role!r}",
                                "use the roles system, user and assistant")
        return labels[role]


TrainingTemplate = JinjaTemplate | PlainTemplate


def named_template(name: str, *, bos_token: str = "", eos_token: str = "",
                   plain: PlainFormat | None = None) -> TrainingTemplate:
    """One of the templates Hearth ships for bases without their own.

    Args:
        name: one of :data:`TEMPLATE_NAMES`.
        bos_token, eos_token: the texts of the model's special tokens.
        plain: the labels of the "plain" format (the engine's defaults if None).

    Raises:
        ConfigError: the name is unknown.
    """
    _choose(name, TEMPLATE_NAMES, "template")
    if name == "plain":
        return PlainTemplate(plain or PlainFormat(), bos_token, eos_token)
    return JinjaTemplate(name, NAMED_TEMPLATES[name], bos_token, eos_token, _NAMED_SPECIAL_TOKENS[name])


def pick_template(chat_template: str | Mapping[str, str] | None, *, name: str = "auto", fallback: str = "plain",
                  bos_token: str = "", eos_token: str = "") -> TrainingTemplate:
    """The model's own chat template if it has one, else the named fallback.

    Args:
        chat_template: the model's template (``tokenizer.chat_template``), a
            mapping of named templates (its "default" is used), or None.
        name: "auto" to prefer the model's template, or a name that forces that template.
        fallback: the named template for a model without one.
        bos_token, eos_token: the texts of the model's special tokens.

    Raises:
        ConfigError: ``name`` or ``fallback`` is not a known template.
    """
    _choose(name, ("auto", *TEMPLATE_NAMES), "template")
    _choose(fallback, TEMPLATE_NAMES, "fallback template")
    if isinstance(chat_template, Mapping):
        chat_template = chat_template.get("default")
    if name != "auto":
        return named_template(name, bos_token=bos_token, eos_token=eos_token)
    if chat_template and chat_template.strip():
        return JinjaTemplate("model", chat_template, bos_token, eos_token)
    return named_template(fallback, bos_token=bos_token, eos_token=eos_token)


def template_for_tokenizer(tokenizer: Any, *, name: str = "auto", fallback: str = "plain") -> TrainingTemplate:
    """:func:`pick_template` with the template and special tokens a Hugging Face tokenizer carries.

    Logs a warning when a named template's markers are not single tokens of the tokenizer.
    """
    template = pick_template(getattr(tokenizer, "chat_template", None), name=name, fallback=fallback,
                             bos_token=getattr(tokenizer, "bos_token", None) or "",
                             eos_token=getattr(tokenizer, "eos_token", None) or "")
    missing = missing_special_tokens(template, tokenizer)
    if missing:
        log.warning("the tokenizer has no single token for %s of the %r template; they will be split into "
                    "several tokens (add them as special tokens to train them as one)", ", ".join(missing),
                    template.name)
    return template


def missing_special_tokens(template: TrainingTemplate, tokenizer: Any) -> tuple[str, ...]:
    """The template's marker texts that are not single tokens of ``tokenizer``."""
    token_id = _view(tokenizer, template).token_id
    return tuple(t for t in template.special_tokens if token_id(t) is None)


# ---------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class RenderedRecord:
    """A record's text as the model sees it and the character spans the loss covers.

    Attributes:
        text: the rendered text (without any BOS the tokenizer adds itself).
        spans: the (start, end) character ranges that train, in order.
        kind: the record's kind, "chat" or "text".
    """

    text: str
    spans: tuple[Span, ...]
    kind: str

    def trained_text(self) -> list[str]:
        """The text of each span."""
        return [self.text[a:b] for a, b in self.spans]


def render_record(record: Record, template: TrainingTemplate, loss_on: str = "assistant") -> RenderedRecord:
    """Render ``record`` with ``template`` and find the spans the loss covers.

    Args:
        record: a chat or text record.
        template: the chat template (ignored for text records).
        loss_on: "assistant" (every assistant turn), "last" (the last
            assistant turn) or "all" (every token). Text records train on all.

    Raises:
        ConfigError: ``loss_on`` is unknown.
        TemplateError: the template cannot render the record, or its prefixes
            do not match the whole (the message names the template and the record).
    """
    _choose(loss_on, LOSS_MODES, "loss_on")
    if record.kind == "text":
        text = "\n".join(m.content for m in record.messages)
        return RenderedRecord(text, ((0, len(text)),), "text")
    messages = [{"role": m.role, "content": m.content} for m in record.messages]
    try:
        text, spans = template.render_turns(messages, _turns(messages, loss_on))
    except TemplateError as exc:
        raise TemplateError(f"{record.source}:{record.line}: {exc.message}", exc.hint) from exc
    if loss_on == "all":
        spans = ((0, len(text)),)
    return RenderedRecord(text, tuple(s for s in spans if s[1] > s[0]), record.kind)


def _turns(messages: Sequence[ChatMessage], loss_on: str) -> list[int]:
    if loss_on == "all":
        return []
    replies = [i for i, m in enumerate(messages) if m["role"] == "assistant"]
    return replies[-1:] if loss_on == "last" else replies


# ---------------------------------------------------------------------------
# Tokenizing


@dataclass(frozen=True)
class TokenizedExample:
    """One record as token ids and labels (``-100`` where the loss does not look).

    Attributes:
        input_ids: the token ids, BOS included where the model wants one.
        labels: the target for each position, unshifted, or ``-100``.
        source, line: where the record came from.
        truncated: whether the end was cut off to fit ``max_length``.
    """

    input_ids: tuple[int, ...]
    labels: tuple[int, ...]
    source: str
    line: int
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.input_ids)

    @property
    def num_trained(self) -> int:
        """How many labels the loss uses (the first position is never predicted)."""
        return sum(label != IGNORE_INDEX for label in self.labels[1:])


@dataclass(frozen=True)
class _TokenizerView:
    """The little Hearth needs from a fast tokenizer, the same for both kinds."""

    encode: Callable[[str, bool], tuple[list[int], list[Span]]]
    token_id: Callable[[str], int | None]
    prefix: tuple[int, ...]  # what the tokenizer puts before a text (BOS)
    suffix: tuple[int, ...]  # and after it
    eos_id: int | None


def tokenize_record(record: Record, tokenizer: Any, template: TrainingTemplate, *, loss_on: str = "assistant",
                    text_eos: bool = True) -> TokenizedExample:
    """Render ``record`` and tokenize it, with labels only on the trained spans.

    A token trains when it starts inside a trained span. The tokenizer's BOS is
    added unless the rendered text already begins with it. A text record trains
    on every token and ends with EOS (as the tokenizer adds it, or when
    ``text_eos``); a chat record ends as its template ends it.

    Args:
        record: the record.
        tokenizer: a ``transformers`` fast tokenizer or a ``tokenizers.Tokenizer``.
        template: the chat template.
        loss_on: "assistant", "last" or "all" (see :func:`render_record`).
        text_eos: end each text record with the EOS token.

    Raises:
        ConfigError: the tokenizer is not a fast one, or ``loss_on`` is unknown.
        TemplateError: the template cannot render the record.
    """
    view = _view(tokenizer, template)
    rendered = render_record(record, template, loss_on)
    ids, offsets = view.encode(rendered.text, False)
    trained = [any(a <= start < b for a, b in rendered.spans) for start, _ in offsets]
    labels = [tid if on else IGNORE_INDEX for tid, on in zip(ids, trained, strict=True)]
    edge_label = rendered.kind == "text" or loss_on == "all"
    prefix = () if tuple(ids[:len(view.prefix)]) == view.prefix else view.prefix
    suffix = _suffix(view, ids, text_eos) if rendered.kind == "text" else ()
    input_ids = (*prefix, *ids, *suffix)
    labels = [*_edge(prefix, edge_label), *labels, *_edge(suffix, edge_label)]
    return TokenizedExample(input_ids, tuple(labels), record.source, record.line)


def _suffix(view: _TokenizerView, ids: list[int], text_eos: bool) -> tuple[int, ...]:
    if view.suffix or not text_eos or view.eos_id is None or (ids and ids[-1] == view.eos_id):
        return view.suffix
    return (view.eos_id,)


def _edge(ids: tuple[int, ...], trained: bool) -> list[int]:
    return list(ids) if trained else [IGNORE_INDEX] * len(ids)


def _view(tokenizer: Any, template: TrainingTemplate | None = None) -> _TokenizerView:
    if isinstance(tokenizer, _TokenizerView):
        return tokenizer
    from tokenizers import Tokenizer

    if isinstance(tokenizer, Tokenizer):
        backend = _untruncated(tokenizer)

        def encode(text: str, special: bool) -> tuple[list[int], list[Span]]:
            enc = backend.encode(text, add_special_tokens=special)
            return enc.ids, enc.offsets

        eos_text = template.eos_token if template else ""
        eos_id = backend.token_to_id(eos_text) if eos_text else None
        return _finish_view(encode, backend.token_to_id, eos_id)
    if getattr(tokenizer, "is_fast", False) and hasattr(tokenizer, "backend_tokenizer"):
        def encode(text: str, special: bool) -> tuple[list[int], list[Span]]:
            enc = tokenizer(text, add_special_tokens=special, return_offsets_mapping=True)
            return list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]

        return _finish_view(encode, tokenizer.backend_tokenizer.token_to_id, tokenizer.eos_token_id)
    raise ConfigError(f"rendering for training needs a fast tokenizer; got {type(tokenizer).__name__}",
                      "load the model's tokenizer.json (AutoTokenizer with use_fast=True)")


def _finish_view(encode: Callable[[str, bool], tuple[list[int], list[Span]]], token_id: Callable[[str], int | None],
                 eos_id: int | None) -> _TokenizerView:
    # What the tokenizer adds around a text: encode a probe with and without.
    bare, _ = encode("Hello", False)
    full, _ = encode("Hello", True)
    prefix, suffix = tuple(full), ()
    for k in range(len(full) - len(bare) + 1):
        if bare and full[k:k + len(bare)] == bare:
            prefix, suffix = tuple(full[:k]), tuple(full[k + len(bare):])
            break
    return _TokenizerView(encode, token_id, prefix, suffix, eos_id)


def _untruncated(tokenizer: Any) -> Any:
    # Truncation or padding left on the tokenizer would cut silently: work on a copy without.
    if tokenizer.truncation is None and tokenizer.padding is None:
        return tokenizer
    copy = type(tokenizer).from_str(tokenizer.to_str())
    copy.no_truncation()
    copy.no_padding()
    return copy


# ---------------------------------------------------------------------------
# Truncation and the dataset


def truncate(example: TokenizedExample, max_length: int, policy: str = "drop") -> TokenizedExample | Reject:
    """Fit ``example`` into ``max_length`` tokens.

    Args:
        example: the tokenized example.
        max_length: the most tokens a training sequence may hold.
        policy: "drop" (return a Reject), "truncate_right" (cut the end, labels
            stay aligned; a Reject when nothing trainable is left) or "error".

    Returns:
        The example (``truncated`` set when cut), or a Reject with code "too_long".

    Raises:
        DataError: the example is too long and the policy is "error".
        ConfigError: the policy is unknown.
    """
    _choose(policy, TRUNCATION_POLICIES, "truncation")
    if len(example) <= max_length:
        return example
    reason = f"{len(example)} tokens, more than max_length {max_length}"
    if policy == "error":
        raise DataError(reason, "raise the sequence length (hearth train --seq-len N), shorten the record, or set "
                        "truncation to drop or truncate_right",
                        file=example.source, line=example.line)
    if policy == "drop":
        return Reject(example.source, example.line, "", f"{reason}; dropped", "too_long")
    cut = replace(example, input_ids=example.input_ids[:max_length], labels=example.labels[:max_length],
                  truncated=True)
    if cut.num_trained == 0:
        return Reject(example.source, example.line, "", f"{reason}; nothing to train on is left after cutting",
                      "too_long")
    return cut


@dataclass(frozen=True)
class RenderConfig:
    """How records become training sequences."""

    template: str = option("auto", help="'auto' uses the model's own chat template, or fallback_template when it "
                                        "has none; a name forces that template",
                           choices=("auto", *TEMPLATE_NAMES))
    fallback_template: str = option("plain", help="the template for a base model without one (plain is the "
                                                  "format the chat engine uses for such a model)",
                                    choices=TEMPLATE_NAMES)
    loss_on: str = option("assistant", help="which tokens the loss covers: every assistant turn, the last one, or all",
                          choices=LOSS_MODES)
    max_length: int = option(2048, help="the most tokens in one training sequence", min=8)
    truncation: str = option("drop", help="what to do with a longer example: drop it, cut its end, or stop with "
                                          "an error", choices=TRUNCATION_POLICIES)
    text_eos: bool = option(True, help="end each plain-text record with the EOS token")
    packing: bool = option(False, help="pack several short examples into each sequence")
    pack_strategy: str = option("best_fit", help="best_fit (longest first, into the fullest sequence that has "
                                                 "room) or greedy (in order)", choices=PACK_STRATEGIES)

    def __post_init__(self) -> None:
        check(self)


@dataclass(frozen=True)
class TokenizeResult:
    """The examples that train, the records that were dropped and why, and the template used."""

    examples: tuple[TokenizedExample, ...]
    rejects: tuple[Reject, ...]
    template: TrainingTemplate

    @property
    def truncated(self) -> int:
        """How many examples were cut to fit."""
        return sum(e.truncated for e in self.examples)

    @property
    def dropped(self) -> int:
        """How many records were left out."""
        return len(self.rejects)


def tokenize_records(records: Iterable[Record], tokenizer: Any, config: RenderConfig | None = None, *,
                     template: TrainingTemplate | None = None) -> TokenizeResult:
    """Render, tokenize and fit every record, counting what was dropped or cut.

    Args:
        records: the records.
        tokenizer: a ``transformers`` fast tokenizer or a ``tokenizers.Tokenizer``.
        config: the settings (the defaults if None).
        template: the chat template; by default picked from the tokenizer and config.

    Raises:
        DataError: an example is too long and ``config.truncation`` is "error".
        TemplateError: the template cannot render a record.
    """
    config = config or RenderConfig()
    template = template or template_for_tokenizer(tokenizer, name=config.template, fallback=config.fallback_template)
    view = _view(tokenizer, template)
    examples, rejects = [], []
    for record in records:
        example = tokenize_record(record, view, template, loss_on=config.loss_on, text_eos=config.text_eos)
        kept = truncate(example, config.max_length, config.truncation) if example.num_trained else Reject(
            record.source, record.line, "messages", "nothing to train on (no assistant reply)", "nothing_to_train")
        if isinstance(kept, Reject):
            rejects.append(replace(kept, excerpt=record.text()[:80]))
        else:
            examples.append(kept)
    result = TokenizeResult(tuple(examples), tuple(rejects), template)
    log.info("rendered %d examples with the %r template: %d cut to %d tokens, %d dropped", len(examples),
             template.name, result.truncated, config.max_length, result.dropped)
    return result


# ---------------------------------------------------------------------------
# Packing


@dataclass(frozen=True)
class PackedSequence:
    """Several examples in one sequence, each attending only to itself.

    Attributes:
        input_ids: the examples' ids, one after another.
        labels: their labels, with the first label of each example set to
            ``-100`` (it would be predicted from the example before).
        position_ids: 0, 1, ... restarting at each example.
        lengths: the length of each example.
        examples: (source, line) of each example.
    """

    input_ids: tuple[int, ...]
    labels: tuple[int, ...]
    position_ids: tuple[int, ...]
    lengths: tuple[int, ...]
    examples: tuple[tuple[str, int], ...]

    def __len__(self) -> int:
        return len(self.input_ids)

    @property
    def cu_seqlens(self) -> tuple[int, ...]:
        """Where each example starts, and the end (flash attention's ``cu_seqlens``)."""
        return (0, *accumulate(self.lengths))


def pack_examples(examples: Sequence[TokenizedExample], max_length: int,
                  strategy: str = "best_fit") -> tuple[PackedSequence, ...]:
    """Pack whole examples into sequences of at most ``max_length`` tokens.

    Args:
        examples: tokenized examples, each at most ``max_length`` long.
        max_length: the capacity of one sequence.
        strategy: "best_fit" (longest first, each into the fullest sequence
            with room: fewer, fuller sequences) or "greedy" (in the given
            order, a new sequence when the next does not fit).

    Raises:
        ConfigError: an example is longer than ``max_length``, or the strategy is unknown.
    """
    return tuple(_join([examples[i] for i in b]) for b in pack_bins(examples, max_length, strategy))


def pack_bins(examples: Sequence[TokenizedExample], max_length: int,
              strategy: str = "best_fit") -> list[list[int]]:
    """Which examples :func:`pack_examples` puts in each sequence: their indices, in the order they are joined.

    For a caller that keeps something per example (a teacher's logits) and must find it in the packed rows.

    Raises:
        ConfigError: as :func:`pack_examples`.
    """
    _choose(strategy, PACK_STRATEGIES, "pack_strategy")
    lengths = [len(e) for e in examples]
    too_long = [e for e in examples if len(e) > max_length]
    if too_long:
        first = too_long[0]
        raise ConfigError(f"{len(too_long)} example(s) are longer than the packing length {max_length}, the first "
                          f"{first.source}:{first.line} with {len(first)} tokens",
                          "truncate or drop examples with the same max_length before packing")
    bins = _best_fit(lengths, max_length) if strategy == "best_fit" else _greedy(lengths, max_length)
    return [sorted(b) for b in bins]


def _best_fit(lengths: Sequence[int], capacity: int) -> list[list[int]]:
    bins: list[list[int]] = []
    free: list[tuple[int, int]] = []  # (room left, bin), sorted
    for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        at = bisect.bisect_left(free, (lengths[i], -1))
        if at < len(free):
            room, b = free.pop(at)
        else:
            room, b = capacity, len(bins)
            bins.append([])
        bins[b].append(i)
        if room - lengths[i] > 0:
            bisect.insort(free, (room - lengths[i], b))
    return bins


def _greedy(lengths: Sequence[int], capacity: int) -> list[list[int]]:
    bins: list[list[int]] = []
    room = 0
    for i, length in enumerate(lengths):
        if length > room:
            bins.append([])
            room = capacity
        bins[-1].append(i)
        room -= length
    return bins


def _join(examples: Sequence[TokenizedExample]) -> PackedSequence:
    ids, labels, positions = [], [], []
    for e in examples:
        ids += e.input_ids
        labels += [IGNORE_INDEX, *e.labels[1:]]
        positions += range(len(e))
    return PackedSequence(tuple(ids), tuple(labels), tuple(positions), tuple(len(e) for e in examples),
                          tuple((e.source, e.line) for e in examples))


def block_causal_mask(lengths: Sequence[int], *, total_length: int | None = None, dtype: Any = None,
                      boolean: bool = False) -> torch.Tensor:
    """The 4D attention mask that keeps each packed example to itself.

    Position ``q`` may attend to ``k`` when both are in the same example and
    ``k <= q``. Padding after the examples (up to ``total_length``) is a block
    of its own, so no row is empty.

    Args:
        lengths: the length of each example, in order.
        total_length: the sequence length with padding (the sum of lengths if None).
        dtype: the float dtype of the additive mask (float32 if None).
        boolean: return True where attention is allowed instead of an additive mask.

    Returns:
        A (1, 1, T, T) tensor: additive (0 allowed, the dtype's minimum
        blocked; for eager and sdpa attention) or boolean.
    """
    import torch

    total = sum(lengths)
    width = total if total_length is None else total_length
    if width < total:
        raise ValueError(f"total_length {width} is shorter than the examples ({total} tokens)")
    blocks = [*lengths, *([width - total] if width > total else [])]
    owner = torch.repeat_interleave(torch.arange(len(blocks)), torch.tensor(blocks, dtype=torch.long))
    allowed = (owner[:, None] == owner[None, :]) & torch.ones(width, width, dtype=torch.bool).tril()
    if boolean:
        return allowed[None, None]
    dtype = dtype or torch.float32
    return torch.zeros(width, width, dtype=dtype).masked_fill(~allowed, torch.finfo(dtype).min)[None, None]


def pad_token_id(tokenizer: Any) -> int:
    """The id a batch pads with: the tokenizer's pad token, else its end of sequence."""
    return tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id


def collate_padded(examples: Sequence[TokenizedExample], pad_token_id: int) -> dict[str, torch.Tensor]:
    """A batch of one example per row, padded on the right to the longest.

    Returns:
        "input_ids", "labels" (``-100`` on the padding) and "attention_mask" as (B, T) long tensors.
    """
    import torch

    if not examples:
        raise ValueError("collate_padded needs at least one example")
    width = max(len(e.input_ids) for e in examples)
    ids = torch.full((len(examples), width), pad_token_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE_INDEX, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    for row, e in enumerate(examples):
        n = len(e.input_ids)
        ids[row, :n] = torch.tensor(e.input_ids)
        labels[row, :n] = torch.tensor(e.labels)
        mask[row, :n] = 1
    return {"input_ids": ids, "labels": labels, "attention_mask": mask}


def collate_packed(sequences: Sequence[PackedSequence], pad_token_id: int, *, attention_mask: bool = False,
                   dtype: Any = None) -> dict[str, torch.Tensor]:
    """A padded batch of packed sequences.

    Padding gets label ``-100`` and position ids restarting at 0, so that
    transformers, given position ids and no mask, treats it as one more
    example. With ``attention_mask`` the batch also holds the (B, 1, T, T)
    block-diagonal mask, for attention code that does not read packing from
    position ids.

    Returns:
        "input_ids", "labels", "position_ids" as (B, T) long tensors, and
        "attention_mask" when asked for.
    """
    import torch

    if not sequences:
        raise ValueError("collate_packed needs at least one sequence")
    width = max(len(s) for s in sequences)
    rows: dict[str, list[list[int]]] = {"input_ids": [], "labels": [], "position_ids": []}
    for s in sequences:
        pad = width - len(s)
        rows["input_ids"].append([*s.input_ids, *[pad_token_id] * pad])
        rows["labels"].append([*s.labels, *[IGNORE_INDEX] * pad])
        rows["position_ids"].append([*s.position_ids, *range(pad)])
    batch = {key: torch.tensor(value, dtype=torch.long) for key, value in rows.items()}
    if attention_mask:
        batch["attention_mask"] = torch.cat([block_causal_mask(s.lengths, total_length=width, dtype=dtype)
                                             for s in sequences])
    return batch


def flatten_packed(sequences: Sequence[PackedSequence]) -> dict[str, Any]:
    """Packed sequences as one row with flash attention's sequence boundaries.

    Returns:
        "input_ids", "labels", "position_ids" as (1, N) long tensors, and the
        transformers flash attention keywords "cu_seq_lens_q"/"cu_seq_lens_k"
        (int32 example boundaries) and "max_length_q"/"max_length_k".
    """
    import torch

    if not sequences:
        raise ValueError("flatten_packed needs at least one sequence")
    lengths = [n for s in sequences for n in s.lengths]
    cu = torch.tensor([0, *accumulate(lengths)], dtype=torch.int32)
    batch: dict[str, Any] = {key: torch.tensor([[v for s in sequences for v in getattr(s, key)]], dtype=torch.long)
                             for key in ("input_ids", "labels", "position_ids")}
    batch.update(cu_seq_lens_q=cu, cu_seq_lens_k=cu, max_length_q=max(lengths), max_length_k=max(lengths))
    return batch


def _choose(value: str, choices: Sequence[str], what: str) -> None:
    if value not in choices:
        raise ConfigError(f"{what} is {value!r}; it must be one of {', '.join(map(repr, choices))}",
                          f"pick one of {', '.join(choices)}")

