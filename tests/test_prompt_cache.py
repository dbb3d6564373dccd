"""Which part of the KV cache a prompt reuses: whole aligned chunks only, so replies never depend on history."""

from __future__ import annotations

import random

import pytest

from core.inference.cache import aligned_length, common_prefix, plan_prompt


def test_an_empty_cache_evaluates_the_prompt_in_aligned_chunks():
    plan = plan_prompt([], list(range(150)), chunk=64)
    assert plan.reuse == 0
    assert plan.chunks == ((0, 64), (64, 128), (128, 150))


def test_a_fully_cached_prompt_evaluates_its_last_chunk_again():
    tokens = list(range(150))
    # The tail [128, 150) was evaluated with the prompt, but it is not a whole chunk: it is not reusable.
    plan = plan_prompt(tokens[: aligned_length(150, 64)], tokens, chunk=64)
    assert (plan.reuse, plan.chunks) == (128, ((128, 150),))


def test_a_prompt_of_whole_chunks_keeps_one_chunk_to_evaluate():
    tokens = list(range(128))
    # Every chunk is cached, but the reply needs the logits of the last token: its chunk is evaluated again.
    assert plan_prompt(tokens, tokens, chunk=64).chunks == ((64, 128),)


def test_a_divergence_inside_a_chunk_drops_the_cache_back_to_its_start():
    cached = list(range(192))
    prompt = [*range(100), -1, *range(101, 200)]
    plan = plan_prompt(cached, prompt, chunk=64)
    assert plan.reuse == 64 and plan.chunks == ((64, 128), (128, 192), (192, 200))


def test_bad_chunk_and_empty_prompt():
    with pytest.raises(ValueError, match="at least 1"):
        plan_prompt([], [1, 2], chunk=0)
    assert plan_prompt([1, 2], [], chunk=4).chunks == ()
    assert common_prefix([1, 2, 3], [1, 2, 4, 5]) == 2


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_every_span_is_the_one_a_fresh_evaluation_would_use(chunk):
    """Whatever the cache holds, the spans evaluated are the tail of the spans of an empty cache.

    That is what makes a reply reproducible: each token's keys and values, and the
    last logits, come from a batch of the same tokens at the same positions.
    """
    rng = random.Random(0)
    for _ in range(300):
        prompt = [rng.randrange(5) for _ in range(rng.randrange(1, 200))]
        keep = rng.randrange(len(prompt) + 1)
        cached = prompt[:keep] + [rng.randrange(5) for _ in range(rng.randrange(50))]
        aligned = cached[: aligned_length(len(cached), chunk)]
        fresh = plan_prompt([], prompt, chunk)
        plan = plan_prompt(aligned, prompt, chunk)
        assert plan.reuse % chunk == 0 and plan.reuse <= common_prefix(aligned, prompt)
        assert plan.chunks == tuple(span for span in fresh.chunks if span[0] >= plan.reuse)
        assert plan.chunks[-1][1] == len(prompt)
