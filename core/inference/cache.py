"""How much of the KV cache a new prompt may reuse, so that a reply never depends on what came before.

llama.cpp's kernels do not round alike for a batch of one token and for a batch
of many, nor for batches of different sizes: the same prompt evaluated in one
batch of 40 tokens, or as 39 cached tokens and then a batch of one, gives
logits that differ in the last bits, and a sampled (or near-tied greedy) reply
can take another token from there. So the engine evaluates every prompt in
chunks aligned to fixed positions — tokens [0, C), [C, 2C), ... and the rest —
each chunk one batch, and keeps from the cache only whole chunks that were
evaluated that way. Every token's keys and values, and the logits the reply
starts from, are then computed by the same batches whatever the cache held
before: the reply depends only on the prompt, the model, its adapters and the
sampling settings. The price is re-evaluating up to C tokens of a prompt whose
start is cached, plus the previous reply (its tokens were decoded one at a
time, which a fresh evaluation of the conversation would not do).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PROMPT_CHUNK", "PromptPlan", "aligned_length", "common_prefix", "plan_prompt"]

# Tokens per aligned chunk. benchmarks/chat_speed.py --chunks measures the
# choice: smaller chunks reuse more of a cached prompt but read long prompts
# in smaller batches.
PROMPT_CHUNK = 64


@dataclass(frozen=True)
class PromptPlan:
    """What to do with a prompt: keep ``reuse`` cached tokens, then evaluate each span as one batch."""

    reuse: int
    chunks: tuple[tuple[int, int], ...]


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """The number of leading tokens ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def aligned_length(n_tokens: int, chunk: int) -> int:
    """How many of a prompt's ``n_tokens`` were evaluated in whole aligned chunks."""
    return n_tokens // chunk * chunk


def plan_prompt(aligned: Sequence[int], tokens: Sequence[int], chunk: int = PROMPT_CHUNK) -> PromptPlan:
    """Plan the evaluation of ``tokens`` given the cached tokens that were evaluated in whole aligned chunks.

    At least one token is always evaluated, so that the plan ends with the
    logits of the prompt's last token; the last span is the only one that may
    be shorter than ``chunk``.

    Args:
        aligned: the tokens at the start of the cache that were evaluated as whole chunks of ``chunk`` tokens.
        tokens: the prompt.
        chunk: the chunk size in tokens (at most the engine's batch size).

    Returns:
        The number of cached tokens to keep (a multiple of ``chunk``) and the [start, end) spans to evaluate.
    """
    if chunk < 1:
        raise ValueError(f"chunk must be at least 1, not {chunk}")
    if not tokens:
        return PromptPlan(0, ())
    reuse = aligned_length(min(common_prefix(aligned, tokens), len(tokens) - 1), chunk)
    spans = tuple((start, min(start + chunk, len(tokens))) for start in range(reuse, len(tokens), chunk))
    return PromptPlan(reuse, spans)
