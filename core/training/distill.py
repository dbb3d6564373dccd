"""Logit distillation from a teacher that shares the student's tokenizer.

The student learns from the teacher's whole next-token distribution, not only
from the one token the data holds. The teacher runs once, before training:
:func:`teacher_topk` keeps its ``k`` largest logits (values and token ids) at
every position the loss trains on, and :func:`cached_teacher_topk` keeps them in
a safetensors file named for the teacher, the dataset and ``k``, so a second
run on the same data does not load the teacher at all. :func:`distill_loss`
then mixes, at the trained positions only::

    alpha * T^2 * KL(teacher_T || student_T)  +  (1 - alpha) * cross-entropy(labels)

where ``teacher_T`` is the softmax of the teacher's top-k logits divided by the
temperature ``T`` (renormalised over those k tokens) and ``student_T`` the
student's log-softmax of its logits divided by ``T`` over the whole
vocabulary, read at the teacher's k tokens. The ``T^2`` keeps the KL's
gradients on the scale of the cross-entropy's as ``T`` grows (Hinton et al.,
2015, "Distilling the Knowledge in a Neural Network", section 2).

Comparing probabilities token by token only means something when token ``i``
is the same piece of text for both models: :func:`check_same_vocabulary`
refuses two tokenizers that differ, with the reason.

Positions follow the training recipe: a batch's labels are unshifted (label
``t`` is the token at ``t``), the logits at ``t`` predict label ``t + 1``, and
the trained positions are read in row-major order (``labels[:, 1:] != -100``).
:func:`distill_loss` takes logits and labels already aligned (``logits[:, :-1]``
with ``labels[:, 1:]``), with one top-k row per trained position.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import logging
import time
from collections.abc import Callable, Generator, Iterable, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config import check, option
from core.errors import ConfigError
from core.jobs.events import Event, Progress
from core.jobs.steps import drain
from core.training.loss import chunk_tokens
from core.workspace import atomic_write_bytes

__all__ = [
    "DistillConfig",
    "TopK",
    "cached_teacher_topk",
    "cached_teacher_topk_steps",
    "check_same_vocabulary",
    "distill_loss",
    "linear_distill_loss",
    "load_topk",
    "save_topk",
    "teacher_topk",
    "teacher_topk_steps",
    "tokens_digest",
    "topk_cache_path",
]

log = logging.getLogger(__name__)

IGNORE = -100
CACHE_FORMAT = 1


@dataclass(frozen=True)
class DistillConfig:
    """Whether and how a run learns from a teacher's logits as well as from the data's answers."""

    teacher: str = option("", help="distil from this teacher: a catalog model, or a finished run (its adapter on its "
                          "base); it must share the student's tokenizer. Empty: no distillation")
    alpha: float = option(0.5, help="the weight of the KL to the teacher; the rest goes to the data's own answers "
                          "(1: the teacher only)", min=0.0, max=1.0)
    temperature: float = option(2.0, help="softens both models' distributions in the KL term (above 1 the "
                                "teacher's runners-up count more)", min=0.1, max=20.0)
    top_k: int = option(64, help="the teacher's largest logits kept per token (computed once, cached on disk)",
                        min=1, max=4096)

    def __post_init__(self) -> None:
        check(self)

    @property
    def active(self) -> bool:
        return bool(self.teacher.strip())


@dataclass(frozen=True)
class TopK:
    """The teacher's ``k`` largest logits at each trained position of a sequence of batches.

    Attributes:
        values: (N, k) float32 logits, largest first.
        indices: (N, k) int32 token ids.
        counts: the trained positions of each batch, in order; they sum to N.
    """

    values: Any
    indices: Any
    counts: tuple[int, ...]

    @property
    def k(self) -> int:
        return int(self.values.shape[1])

    @functools.cached_property
    def _starts(self) -> tuple[int, ...]:
        return (0, *itertools.accumulate(self.counts))

    def batch(self, number: int) -> tuple[Any, Any]:
        """(values, indices) of batch ``number``."""
        start, end = self._starts[number], self._starts[number + 1]
        return self.values[start:end], self.indices[start:end]

    def batches(self, numbers: Sequence[int]) -> tuple[Any, Any]:
        """(values, indices) of several batches, one after another (e.g. the examples of a training batch)."""
        import torch

        parts = [self.batch(n) for n in numbers]
        return torch.cat([p[0] for p in parts]), torch.cat([p[1] for p in parts])


# -- the teacher -----------------------------------------------------------------------------------------------


def teacher_topk(model: Any, batches: Iterable[dict[str, Any]], k: int, *, vocab_size: int | None = None) -> TopK:
    """The teacher's top-``k`` logits at every trained position of ``batches``; see :func:`teacher_topk_steps`."""
    return drain(teacher_topk_steps(model, batches, k, vocab_size=vocab_size))


def teacher_topk_steps(model: Any, batches: Iterable[dict[str, Any]], k: int, *,
                       vocab_size: int | None = None) -> Generator[Event, None, TopK]:
    """The teacher's top-``k`` logits at every trained position of ``batches``.

    The logits are made only at the trained positions, a chunk at a time (with a
    262k vocabulary, a batch's full logits would not fit beside the model).

    Args:
        model: a transformers causal LM (``get_decoder()`` and ``get_output_embeddings()``).
        batches: dicts with "input_ids" and unshifted "labels" (B, S), and "attention_mask" or
            "position_ids" when the batch is padded or packed.
        k: how many logits to keep per position.
        vocab_size: only the first this many logits compete (the tokenizer's size: a model's output
            layer is often padded past its vocabulary with rows no token uses).

    Yields:
        Progress after each batch (with an ETA when ``batches`` has a length).

    Returns:
        The values and indices on the CPU, with each batch's count of positions.

    Raises:
        ConfigError: ``k`` is below 1 or above the vocabulary.
    """
    import torch

    weight = model.get_output_embeddings().weight
    vocab = min(weight.shape[0], vocab_size or weight.shape[0])
    if not 1 <= k <= vocab:
        raise ConfigError(f"distillation top-k is {k}; it must be between 1 and the vocabulary ({vocab})",
                          "use a k such as 32 or 64")
    softcap = getattr(model.config, "final_logit_softcapping", None)
    device = weight.device
    values, indices, counts = [], [], []
    total = len(batches) if isinstance(batches, Sized) else None
    was_training = model.training
    model.eval()
    started = time.perf_counter()
    try:
        with torch.no_grad():
            for done, batch in enumerate(batches, 1):
                keep = batch["labels"][:, 1:] != IGNORE
                inputs = {key: batch[key].to(device) for key in ("input_ids", "attention_mask", "position_ids")
                          if key in batch}
                hidden = model.get_decoder()(**inputs, use_cache=False).last_hidden_state[:, :-1]
                v, i = _topk_rows(hidden[keep.to(device)], weight[:vocab], k, softcap)
                values.append(v)
                indices.append(i)
                counts.append(int(keep.sum()))
                eta = (time.perf_counter() - started) / done * (total - done) if total else None
                yield Progress(done, total or 0, "the teacher reads the training examples", unit="batch", eta=eta)
    finally:
        model.train(was_training)
    empty = torch.empty((0, k))
    return TopK(torch.cat(values) if values else empty, torch.cat(indices) if indices else empty.int(),
                tuple(counts))


def _topk_rows(hidden: Any, weight: Any, k: int, softcap: float | None) -> tuple[Any, Any]:
    import torch

    chunk = chunk_tokens(weight.shape[0])
    values, indices = [], []
    for start in range(0, hidden.shape[0], chunk):
        logits = (hidden[start:start + chunk] @ weight.t()).float()
        if softcap:
            logits = torch.tanh(logits / softcap) * softcap
        v, i = logits.topk(k, dim=-1)
        values.append(v.cpu())
        indices.append(i.to(torch.int32).cpu())
    if not values:
        return torch.empty((0, k)), torch.empty((0, k), dtype=torch.int32)
    return torch.cat(values), torch.cat(indices)


# -- the cache -------------------------------------------------------------------------------------------------


def topk_cache_path(folder: Path | str, teacher: str, dataset: str, k: int) -> Path:
    """The cache file of a teacher's top-k on a dataset.

    Args:
        folder: where the caches live.
        teacher: what names the teacher's weights exactly (its name and file sha256, or its adapter too).
        dataset: what names the rendered dataset (version, template, sequence length, which tokens train).
        k: logits kept per position.
    """
    key = json.dumps({"format": CACHE_FORMAT, "teacher": teacher, "dataset": dataset, "k": k}, sort_keys=True)
    return Path(folder) / f"topk-{hashlib.sha256(key.encode()).hexdigest()[:20]}.safetensors"


def tokens_digest(batches: Iterable[dict[str, Any]]) -> str:
    """A sha256 of the batches' input ids and labels: the cache is used only for the very tokens it was made on."""
    digest = hashlib.sha256()
    for batch in batches:
        for key in ("input_ids", "labels"):
            tensor = batch[key].contiguous().cpu()
            digest.update(f"{key}{tuple(tensor.shape)}".encode())
            digest.update(tensor.numpy().tobytes())
    return digest.hexdigest()


def save_topk(path: Path | str, topk: TopK, metadata: dict[str, str] | None = None) -> None:
    """Write ``topk`` to ``path`` as safetensors, through a temporary file renamed into place whole."""
    from safetensors.torch import save

    meta = {**(metadata or {}), "format": str(CACHE_FORMAT), "k": str(topk.k),
            "counts": json.dumps(list(topk.counts))}
    atomic_write_bytes(path, save({"values": topk.values.contiguous(), "indices": topk.indices.contiguous()},
                                  metadata=meta))


def load_topk(path: Path | str) -> tuple[TopK, dict[str, str]]:
    """The top-k saved at ``path``, and the file's metadata.

    Raises:
        ConfigError: the file is not a top-k cache this version of Hearth wrote.
    """
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="pt") as handle:
            meta = handle.metadata() or {}
            values, indices = handle.get_tensor("values"), handle.get_tensor("indices")
        counts = tuple(int(n) for n in json.loads(meta["counts"]))
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise ConfigError(f"{path} is not a readable distillation cache: {exc}",
                          "delete it; the teacher's logits are computed again") from exc
    if meta.get("format") != str(CACHE_FORMAT) or sum(counts) != values.shape[0]:
        raise ConfigError(f"{path} is a distillation cache of another format or is damaged",
                          "delete it; the teacher's logits are computed again")
    return TopK(values, indices, counts), meta


def cached_teacher_topk(load_teacher: Callable[[], Any], batches: Sequence[dict[str, Any]], k: int, path: Path | str, *,
                        vocab_size: int | None = None) -> tuple[TopK, bool]:
    """The teacher's top-k from the cache or computed once; see :func:`cached_teacher_topk_steps`."""
    return drain(cached_teacher_topk_steps(load_teacher, batches, k, path, vocab_size=vocab_size))


def cached_teacher_topk_steps(load_teacher: Callable[[], Any], batches: Sequence[dict[str, Any]], k: int,
                              path: Path | str, *, vocab_size: int | None = None,
                              metadata: dict[str, str] | None = None) -> Generator[Event, None, tuple[TopK, bool]]:
    """The teacher's top-k on ``batches`` from the cache at ``path``, or computed once and saved there.

    A cache made on other tokens (a changed template or sequence length under the same key) is not used: it
    is computed again and replaced.

    Args:
        load_teacher: returns the teacher; called only when the cache cannot be used, so a run whose
            cache is good never loads the teacher.
        batches, k, vocab_size: as :func:`teacher_topk`.
        path: the cache file, from :func:`topk_cache_path`.
        metadata: kept in the file beside the tokens' digest (``teacher``: what names the teacher's weights, so
            that removing a model can find the caches of its logits).

    Returns:
        (top-k, whether it came from the cache).
    """
    path = Path(path)
    digest = tokens_digest(batches)
    if path.is_file():
        try:
            topk, meta = load_topk(path)
        except ConfigError as exc:
            log.warning("%s", exc)
        else:
            if meta.get("tokens") == digest and topk.k == k and len(topk.counts) == len(batches):
                return topk, True
            log.warning("distillation cache %s was made on other tokens; computing the teacher's logits again",
                        path)
    topk = yield from teacher_topk_steps(load_teacher(), batches, k, vocab_size=vocab_size)
    save_topk(path, topk, {**(metadata or {}), "tokens": digest})
    return topk, False


# -- the loss --------------------------------------------------------------------------------------------------


def distill_loss(student_logits: Any, labels: Any, topk_values: Any, topk_indices: Any, temperature: float,
                 alpha: float, *, reduction: str = "mean") -> Any:
    """``alpha * T^2 * KL(teacher_T || student_T) + (1 - alpha) * cross-entropy``, at the labelled positions.

    Args:
        student_logits: (..., V) logits, aligned with ``labels`` (the logits at a position predict its label).
        labels: (...) target ids, -100 where the loss does not look.
        topk_values, topk_indices: (M, k) the teacher's top-k at the M labelled positions, in row-major
            order (:func:`teacher_topk`); unused, and may be None, when ``alpha`` is 0.
        temperature: divides both models' logits in the KL term (above 1 the teacher's runners-up count more).
        alpha: the KL term's weight, from 0 (hard labels only) to 1 (the teacher only).
        reduction: "mean" per labelled position, or "sum" (the recipe sums and divides by a window's tokens).

    Returns:
        A 0-dim fp32 tensor, differentiable in ``student_logits``.

    Raises:
        ValueError: a temperature, alpha or reduction out of range, or top-k rows that do not match the labels.
    """
    if reduction not in ("mean", "sum"):
        raise ValueError(f"distill_loss: reduction {reduction!r} must be mean or sum")
    keep = labels != IGNORE
    targets = labels[keep]
    total, _, _ = _mixed(student_logits[keep].float(), targets, topk_values, topk_indices, temperature, alpha)
    return total / max(int(targets.numel()), 1) if reduction == "mean" else total


def linear_distill_loss(hidden: Any, weight: Any, targets: Any, topk_values: Any, topk_indices: Any,
                        temperature: float, alpha: float, *, softcap: float | None = None,
                        chunk: int | None = None) -> tuple[Any, float, float]:
    """:func:`distill_loss` summed, through the output layer a chunk of tokens at a time.

    With a 262k vocabulary a batch's logits would be most of a step's memory (as for the plain loss,
    :mod:`core.training.loss`): each chunk's logits are made, used and dropped, and made again in the backward
    pass (activation checkpointing), so only one chunk's exist at a time.

    Args:
        hidden: (N, H) hidden states of the trained tokens; targets: (N,) their labels, none ignored.
        weight: (V, H) the output layer; softcap: the model's final logit soft-cap, if any.
        topk_values, topk_indices: (N, k) the teacher's top-k at those tokens.

    Returns:
        The summed loss (a 0-dim tensor, differentiable in ``hidden`` and ``weight``), the summed KL and the
        summed cross-entropy against the labels (numbers, for the log).
    """
    import torch
    from torch.utils.checkpoint import checkpoint

    if alpha > 0.0 and (topk_values is None or topk_values.shape[0] != hidden.shape[0]):
        rows = None if topk_values is None else topk_values.shape[0]
        raise ValueError(f"linear_distill_loss: {rows} teacher rows for {hidden.shape[0]} trained tokens")
    chunk = chunk or chunk_tokens(weight.shape[0])
    grads = torch.is_grad_enabled() and (hidden.requires_grad or weight.requires_grad)
    total, parts = hidden.new_zeros((), dtype=torch.float32), [0.0, 0.0]
    for start in range(0, hidden.shape[0], chunk):
        part = slice(start, start + chunk)
        args = (hidden[part], weight, targets[part], None if topk_values is None else topk_values[part],
                None if topk_indices is None else topk_indices[part], temperature, alpha, softcap)
        loss, logged = checkpoint(_chunk, *args, use_reentrant=False) if grads else _chunk(*args)
        total = total + loss
        parts = [a + float(b) for a, b in zip(parts, logged, strict=True)]
    return total, parts[0], parts[1]


def _chunk(hidden: Any, weight: Any, targets: Any, values: Any, indices: Any, temperature: float, alpha: float,
           softcap: float | None) -> tuple[Any, Any]:
    import torch

    logits = (hidden @ weight.t()).float()
    if softcap:
        logits = torch.tanh(logits / softcap) * softcap
    total, kl, ce = _mixed(logits, targets, values, indices, temperature, alpha)
    return total, torch.stack([kl.detach(), ce.detach()])


def _mixed(logits: Any, targets: Any, values: Any, indices: Any, temperature: float,
           alpha: float) -> tuple[Any, Any, Any]:
    """The summed mixed loss of (N, V) logits at N trained tokens, the summed KL alone and the summed
    cross-entropy alone (made without gradients when alpha is 1, for the log)."""
    import torch
    import torch.nn.functional as F

    if not temperature > 0 or not 0.0 <= alpha <= 1.0:
        raise ValueError(f"distillation: temperature {temperature} must be above 0, alpha {alpha} within [0, 1]")
    total = kl = logits.new_zeros(())
    if alpha < 1.0:
        ce = F.cross_entropy(logits, targets, reduction="sum")
        total = total + (1.0 - alpha) * ce
    else:
        with torch.no_grad():
            ce = F.cross_entropy(logits, targets, reduction="sum")
    if alpha > 0.0:
        if values is None or values.shape[0] != logits.shape[0]:
            rows = None if values is None else values.shape[0]
            raise ValueError(f"distill_loss: {rows} teacher rows for {logits.shape[0]} labelled positions")
        teacher = F.log_softmax(values.to(logits.device).float() / temperature, dim=-1)
        student = F.log_softmax(logits / temperature, dim=-1).gather(1, indices.to(logits.device).long())
        kl = (teacher.exp() * (teacher - student)).sum()
        total = total + alpha * temperature**2 * kl
    return total, kl, ce


# -- the vocabulary --------------------------------------------------------------------------------------------


def check_same_vocabulary(teacher_tokenizer: Any, student_tokenizer: Any, *, teacher: str = "the teacher",
                          student: str = "the student") -> None:
    """Refuse a teacher whose tokens are not the student's, token for token.

    Raises:
        ConfigError: the two vocabularies differ; the message says how, the hint what to do.
    """
    ours, theirs = student_tokenizer.get_vocab(), teacher_tokenizer.get_vocab()
    if ours == theirs:
        return
    only_teacher = sorted(set(theirs) - set(ours), key=theirs.__getitem__)
    only_student = sorted(set(ours) - set(theirs), key=ours.__getitem__)
    moved = sorted((t for t in set(ours) & set(theirs) if ours[t] != theirs[t]), key=ours.__getitem__)
    parts = [f"{teacher} has {len(theirs):,} tokens and {student} {len(ours):,}"]
    if only_teacher:
        parts.append(f"{len(only_teacher):,} only in {teacher} (such as {only_teacher[0]!r})")
    if only_student:
        parts.append(f"{len(only_student):,} only in {student} (such as {only_student[0]!r})")
    if moved:
        token = moved[0]
        parts.append(f"{len(moved):,} with other ids (such as {token!r}: {theirs[token]} in {teacher}, "
                     f"{ours[token]} in {student})")
    raise ConfigError(
        f"{teacher} and {student} do not share a vocabulary: {'; '.join(parts)}. Logit distillation compares "
        "the two models' probabilities token by token, so token ids must mean the same text in both",
        "pick a teacher of the student's family that uses the same tokenizer (the Gemma 3 sizes share one, "
        "as do the Qwen2.5 sizes), or distil through text instead: hearth data generate with the teacher, "
        "then train the student on that version")
