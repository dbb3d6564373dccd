"""Cross-entropy through the output layer without holding the logits.

With a 262k-token vocabulary (Gemma 3) the logits of a batch are most of a
training step's memory: a tensor of tokens x vocabulary, and autograd's
log-softmax output, its gradient and the gradient of the logits beside it.
:func:`linear_cross_entropy` computes the summed loss a chunk of tokens at a
time and, in the same pass, the gradients: softmax minus one-hot, made in
place in the chunk's logits, times the output weight. Only one chunk's logits
exist at any moment, nothing of them is kept for the backward pass (which
scales the gradients already made by the incoming one), and the output weight
is read twice per chunk instead of three times (forward, recomputation,
backward).
"""

from __future__ import annotations

from typing import Any

__all__ = ["CHUNK_BYTES", "chunk_tokens", "linear_cross_entropy"]

# The fp32 logits of one chunk: 64 tokens of a 262k vocabulary, 512 of a 32k one.
CHUNK_BYTES = 64 * 2**20


def chunk_tokens(vocab_size: int, budget: int | None = None) -> int:
    """Tokens per chunk so that one chunk's fp32 logits take at most ``budget`` bytes (:data:`CHUNK_BYTES`)."""
    return max(1, (CHUNK_BYTES if budget is None else budget) // (4 * vocab_size))


def linear_cross_entropy(hidden: Any, weight: Any, targets: Any, *, softcap: float | None = None,
                         chunk: int | None = None) -> Any:
    """Summed cross-entropy of ``softmax(hidden @ weight.T)`` (soft-capped if asked) against ``targets``.

    Args:
        hidden: (N, H) hidden states of the tokens that train.
        weight: (V, H) output layer weight.
        targets: (N,) token ids to predict, every one valid (no ignore index).
        softcap: the final logit soft-cap (``tanh(z / c) * c``), if the model has one.
        chunk: tokens per chunk; by default :func:`chunk_tokens` of the vocabulary.

    Returns:
        A 0-dim fp32 tensor; differentiable in ``hidden`` and ``weight`` when either requires grad.
    """
    import torch

    chunk = chunk or chunk_tokens(weight.shape[0])
    if torch.is_grad_enabled() and (hidden.requires_grad or weight.requires_grad):
        return _LinearCrossEntropy.apply(hidden, weight, targets, softcap, chunk)
    with torch.no_grad():
        return _loss_and_grads(hidden, weight, targets, softcap, chunk, None, None)


def _loss_and_grads(hidden: Any, weight: Any, targets: Any, softcap: float | None, chunk: int,
                    grad_hidden: Any, grad_weight: Any) -> Any:
    """The summed loss; the gradients of the sum written into ``grad_hidden`` and added to ``grad_weight``."""
    import torch

    total = hidden.new_zeros((), dtype=torch.float32)
    for start in range(0, hidden.shape[0], chunk):
        part = slice(start, start + chunk)
        out = None if grad_hidden is None else grad_hidden[part]
        total = total + _chunk(hidden[part], weight, targets[part], softcap, out, grad_weight)
    return total


def _chunk(hidden: Any, weight: Any, targets: Any, softcap: float | None, grad_hidden: Any, grad_weight: Any) -> Any:
    import torch

    logits = (hidden @ weight.t()).float()
    slope = None
    if softcap:
        logits.div_(softcap).tanh_()
        if grad_hidden is not None or grad_weight is not None:
            slope = 1 - logits * logits  # d(c tanh(z / c)) / dz
        logits.mul_(softcap)
    picked = logits.gather(1, targets[:, None]).squeeze(1)
    peak = logits.amax(dim=1, keepdim=True)
    sums = logits.sub_(peak).exp_().sum(dim=1, keepdim=True)  # the logits' buffer now holds exp(z - max)
    loss = (sums.log() + peak).squeeze(1).sub_(picked).sum()
    if grad_hidden is None and grad_weight is None:
        return loss
    grad = logits.div_(sums)  # softmax, then minus one at the targets
    grad[torch.arange(grad.shape[0], device=grad.device), targets] -= 1
    if slope is not None:
        grad.mul_(slope)
    grad = grad.to(weight.dtype)
    if grad_hidden is not None:
        grad_hidden.copy_(grad @ weight)
    if grad_weight is not None:
        grad_weight.addmm_(grad.t(), hidden.to(weight.dtype))
    return loss


def _autograd_function() -> Any:
    import torch

    class LinearCrossEntropy(torch.autograd.Function):
        """The loss with its gradients made in the forward pass; backward only scales them."""

        @staticmethod
        def forward(ctx: Any, hidden: Any, weight: Any, targets: Any, softcap: float | None, chunk: int) -> Any:
            ctx.grad_hidden = torch.empty_like(hidden) if ctx.needs_input_grad[0] else None
            ctx.grad_weight = torch.zeros_like(weight) if ctx.needs_input_grad[1] else None
            return _loss_and_grads(hidden, weight, targets, softcap, chunk, ctx.grad_hidden, ctx.grad_weight)

        @staticmethod
        def backward(ctx: Any, grad_out: Any) -> tuple[Any, ...]:
            grads = [g if g is None else g.mul_(grad_out.to(g.dtype)) for g in (ctx.grad_hidden, ctx.grad_weight)]
            ctx.grad_hidden = ctx.grad_weight = None  # a second backward through the same loss is not supported
            return grads[0], grads[1], None, None, None

    return LinearCrossEntropy


class _Lazy:
    """The autograd function, made on first use so that importing this module does not import torch."""

    _fn: Any = None

    def apply(self, *args: Any) -> Any:
        if _Lazy._fn is None:
            _Lazy._fn = _autograd_function()
        return _Lazy._fn.apply(*args)


_LinearCrossEntropy = _Lazy()
