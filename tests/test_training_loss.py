"""The fused chunked cross-entropy against torch's, values and gradients."""

from __future__ import annotations

import pytest
import torch

from core.training.loss import chunk_tokens, linear_cross_entropy


def reference(hidden, weight, targets, softcap):
    logits = hidden @ weight.t()
    if softcap:
        logits = torch.tanh(logits / softcap) * softcap
    return torch.nn.functional.cross_entropy(logits, targets, reduction="sum")


@pytest.mark.parametrize("softcap", [None, 4.0])
@pytest.mark.parametrize("chunk", [1, 7, 1000])  # a token at a time, ragged chunks, one chunk
def test_loss_and_gradients_equal_torchs(softcap, chunk):
    torch.manual_seed(0)
    hidden = (3 * torch.randn(37, 16)).requires_grad_()
    weight = torch.randn(50, 16).requires_grad_()
    targets = torch.randint(0, 50, (37,))
    ours = linear_cross_entropy(hidden, weight, targets, softcap=softcap, chunk=chunk)
    (0.5 * ours).backward()  # the incoming gradient scales what the forward pass made
    grads = hidden.grad.clone(), weight.grad.clone()
    hidden.grad = weight.grad = None
    expected = reference(hidden, weight, targets, softcap)
    (0.5 * expected).backward()
    torch.testing.assert_close(ours, expected, rtol=1e-6, atol=0)
    torch.testing.assert_close(grads[0], hidden.grad, rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(grads[1], weight.grad, rtol=1e-5, atol=1e-5)


def test_a_frozen_weight_gets_no_gradient_and_no_grad_mode_only_computes_the_loss():
    torch.manual_seed(1)
    hidden, weight, targets = torch.randn(9, 8).requires_grad_(), torch.randn(20, 8), torch.randint(0, 20, (9,))
    loss = linear_cross_entropy(hidden, weight, targets, chunk=4)
    loss.backward()
    assert weight.grad is None and hidden.grad is not None
    with torch.no_grad():
        again = linear_cross_entropy(hidden, weight, targets, chunk=4)
    assert not again.requires_grad
    torch.testing.assert_close(again, reference(hidden, weight, targets, None).detach())


def test_chunks_are_sized_by_the_vocabulary():
    assert chunk_tokens(262_144) == 64  # Gemma 3: 64 MiB of fp32 logits
    assert chunk_tokens(32_000) == 524
    assert chunk_tokens(10**9) == 1
