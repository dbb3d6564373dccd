"""Fitting a conversation into the context: the oldest turns go first, the system prompt stays."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.errors import HearthError
from core.inference.templates import ChatMessage

__all__ = ["ContextOverflow", "fit_conversation"]



class ContextOverflow(HearthError):
    """Even the newest message alone does not fit in the context."""


def fit_conversation(messages: Sequence[ChatMessage], render: Callable[[Sequence[ChatMessage]], str],
                     tokenize: Callable[[str], list[int]], budget: int) -> tuple[str, list[int], int]:
    """Render ``messages`` into a prompt of at most ``budget`` tokens.

    Whole turns are dropped from the oldest while the prompt is too long; system
    messages and the last message are always kept.

    Returns:
        The prompt, its tokens, and how many messages were dropped.

    Raises:
        ContextOverflow: the system prompt and the last message alone exceed the budget.
    """
    kept = list(messages)
    dropped = 0
    while True:
        prompt = render(kept)
        tokens = tokenize(prompt)
        count = len(tokens)
        if count <= budget:
            return prompt, tokens, dropped
        droppable = [i for i, m in enumerate(kept[:-1]) if m["role"] != "system"]
        if not droppable:
            raise ContextOverflow(
                f"the message needs {count} tokens with the system prompt, more than the {budget} the context "
                "leaves for the prompt",
                "shorten the message or the system prompt, lower max tokens, or load the model with a larger context",
            )
        # A user turn goes with the assistant reply that answered it.
        first = droppable[0]
        take = 2 if first + 1 < len(kept) - 1 and kept[first + 1]["role"] == "assistant" else 1
        del kept[first:first + take]
        dropped += take
