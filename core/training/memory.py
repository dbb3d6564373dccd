"""Memory pre-flight for training: estimate the peak before a run, measure it during.

Before a run starts, :func:`estimate_peak` adds up what the run will hold at its
busiest moment (weights at their precision, adapters, gradients, optimizer
states, activations for batch x sequence, logits, and the runtime's own
footprint), :func:`preflight` compares that with what the device has free and
says whether it fits, with suggestions that would make it fit, and
:func:`raise_if_not_fit` turns a refusal into :class:`~core.errors.OutOfMemory`.
During the run :class:`PeakMeter` measures the real peak, so a run can report
estimated against measured.

The estimate reads only the model's config (:class:`ModelShape`), never its
weights. Its activation terms are calibrated by counting the tensors autograd
saves in transformers' eager/SDPA decoder layers (see ``_PROFILES``) and checked
against the measured peak RSS of real training steps on CPU in
``tests/test_training_memory.py``.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any

from core.config import check, option
from core.errors import ConfigError, OutOfMemory
from core.training.loss import chunk_tokens
from core.training.recipe import CE_CHUNK

__all__ = [
    "CPU_COMPUTE_RUNTIME",
    "CPU_HEAP_RETENTION",
    "CPU_RUNTIME_BASELINE",
    "CUDA_CONTEXT",
    "CUDA_FRAGMENTATION",
    "TIGHT_SHARE",
    "MemoryEstimate",
    "MemoryVerdict",
    "ModelShape",
    "PeakMeter",
    "Suggestion",
    "TrainPlan",
    "estimate_peak",
    "free_memory",
    "preflight",
    "raise_if_not_fit",
]

log = logging.getLogger(__name__)

MiB = 2**20
GiB = 2**30

# Resident memory of a Python process that has imported torch, transformers and
# peft (and bitsandbytes, which costs nothing until used), before it builds a model.
# Measured on Linux x86-64 with torch 2.13 CPU, transformers 5.24, peft 0.21: 428-435
# MiB. A run should pass the baseline it measured in its own process instead.
CPU_RUNTIME_BASELINE = 430 * MiB
# What the first forward and backward add to that: intra-op thread pools, oneDNN and
# autograd state (measured 25-35 MiB with a model too small to matter).
CPU_COMPUTE_RUNTIME = 32 * MiB
# Freed memory that glibc's malloc keeps. glibc raises its mmap threshold to the size
# of each large block freed (up to 32 MiB), so after the first step every tensor under
# that comes from the heap, which keeps its freed, fragmented space; larger tensors are
# mapped and unmapped. Measured 0.3-0.5 of the step's heap-sized activations (as many
# as without checkpointing, which recomputes them) on Linux, up to 0.9 once.
CPU_HEAP_RETENTION = 0.45
_MMAP_THRESHOLD_MAX = 32 * MiB
# What the CUDA context and torch's kernels take on the GPU outside the caching
# allocator (typical for torch 2.x with lazy module loading; not measured here), and
# the caching allocator's reserved-but-unallocated share of the step's churn.
CUDA_CONTEXT = 512 * MiB
CUDA_FRAGMENTATION = 0.1
# Above this share of the free memory a plan is "tight": it may fit, but
# fragmentation or another program can tip it over.
TIGHT_SHARE = 0.85

_DTYPE_BYTES = {"fp32": 4.0, "bf16": 2.0, "fp16": 2.0,
                # 4-bit NF4 with double quantization, as core.training.base loads it: an
                # 8-bit absmax per block of 64 and an fp32 scale per 256 of those.
                "nf4": 0.5 + 1 / 64 + 4 / (64 * 256)}
# AdamW state bytes per trainable parameter: two states like the parameter (torch's
# AdamW makes them with zeros_like), or bitsandbytes' blockwise 8-bit states (one
# byte each plus an fp32 absmax per block of 256).
_ADAM8_BYTES = 2 * (1 + 4 / 256)
_LINEARS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
_METHODS = ("qlora", "lora", "full", "prompt", "prefix")
_DEVICE = re.compile(r"cpu|cuda(:\d+)?")


# --------------------------------------------------------------------------- model shape


@dataclass(frozen=True)
class _Profile:
    """Bytes autograd saves per token per decoder layer, as coefficients of (hidden size,
    query width heads x head_dim, key/value width kv_heads x head_dim, intermediate size).

    ``frozen``: the layer's weights do not train (LoRA, QLoRA, prompt and prefix
    tuning, before counting the adapters themselves), so linears and norms keep
    nothing for a weight gradient. ``trained``: full fine-tuning, where every
    linear keeps its input and every norm its normalised input. ``half`` rows
    are for bf16/fp16 compute, where RMSNorm still keeps fp32 copies.
    """

    frozen_fp32: tuple[int, int, int, int]
    trained_fp32: tuple[int, int, int, int]
    frozen_half: tuple[int, int, int, int]
    trained_half: tuple[int, int, int, int]


# Counted with torch.autograd.graph.saved_tensors_hooks on transformers 5.x models
# (SDPA attention, CPU), varying one dimension at a time. Llama and Qwen2 keep the same
# tensors; Qwen3 adds q/k norms; Gemma 3 adds two norms per layer and q/k norms. Other
# architectures are estimated as Llama. On top of these: the LoRA adapters (``_adapter_bytes``), and K and V
# expanded to every query head, which transformers does whenever attention gets an
# explicit mask (padding, sliding windows).
_PROFILES = {
    "llama": _Profile((8, 8, 8, 12), (24, 8, 8, 16), (8, 4, 4, 6), (16, 4, 4, 8)),
    "qk_norm": _Profile((8, 12, 12, 12), (24, 16, 16, 16), (8, 8, 8, 6), (16, 10, 10, 8)),
    "gemma": _Profile((16, 12, 12, 12), (40, 16, 16, 16), (16, 8, 8, 6), (36, 12, 12, 8)),
}
_FAMILY = {"qwen3": "qk_norm", "gemma3": "gemma", "gemma3_text": "gemma"}
# LoRA adapters whose linears read the same input: in fp32 that input is kept once.
_INPUT_GROUPS = (("q_proj", "k_proj", "v_proj", "qkv_proj"), ("gate_proj", "up_proj", "gate_up_proj"), ("down_proj",))


@dataclass(frozen=True)
class ModelShape:
    """The numbers of a decoder-only transformer that its training memory depends on.

    Parameters are split three ways because each part is stored differently
    under QLoRA: ``embedding_params`` are the vocabulary matrices (the input
    embedding, and the output head when it is not tied to it), ``linear_params``
    the linear weights inside the decoder layers (what 4-bit quantization and
    LoRA act on), ``other_params`` the rest (norms, biases).
    """

    model_type: str
    hidden_size: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    head_dim: int
    intermediate_size: int
    vocab_size: int
    tied_embeddings: bool
    embedding_params: int
    linear_params: int
    other_params: int

    @property
    def total_params(self) -> int:
        return self.embedding_params + self.linear_params + self.other_params

    @property
    def family(self) -> str:
        """The activation profile used for this architecture (Llama-like unless known otherwise)."""
        return _FAMILY.get(self.model_type, "llama")

    def linear_dims(self) -> dict[str, tuple[int, int]]:
        """(in, out) features of each linear in a decoder layer, by module name."""
        h, q, kv, i = self.hidden_size, self.num_heads * self.head_dim, self.num_kv_heads * self.head_dim, \
            self.intermediate_size
        if self.model_type == "phi3":  # q, k and v in one linear, gate and up in another
            return {"qkv_proj": (h, q + 2 * kv), "o_proj": (q, h), "gate_up_proj": (h, 2 * i), "down_proj": (i, h)}
        if self.model_type in ("glm", "glm4"):  # gate and up in one linear
            return {"q_proj": (h, q), "k_proj": (h, kv), "v_proj": (h, kv), "o_proj": (q, h),
                    "gate_up_proj": (h, 2 * i), "down_proj": (i, h)}
        return {"q_proj": (h, q), "k_proj": (h, kv), "v_proj": (h, kv), "o_proj": (q, h),
                "gate_proj": (h, i), "up_proj": (h, i), "down_proj": (i, h)}

    @classmethod
    def from_config(cls, config: Any) -> ModelShape:
        """Read the shape from a transformers config (or a dict of one), without building the model.

        A multimodal config contributes its text model. The parameter count
        assumes a gated MLP (gate, up, down) as in Llama, Mistral, Qwen and Gemma.

        Raises:
            ConfigError: the config lacks a size the estimate needs.
        """
        if hasattr(config, "get_text_config"):
            config = config.get_text_config()
        elif isinstance(config, dict) and isinstance(config.get("text_config"), dict):
            config = config["text_config"]
        get = config.get if isinstance(config, dict) else lambda k, d=None: getattr(config, k, d)
        model_type = str(get("model_type", "") or "")
        try:
            h, layers, heads = int(get("hidden_size")), int(get("num_hidden_layers")), int(get("num_attention_heads"))
            inter, vocab = int(get("intermediate_size")), int(get("vocab_size"))
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"the model config ({model_type or 'unknown type'}) lacks a size the memory "
                              f"estimate needs: {exc}", "use a decoder-only model config with hidden_size, "
                              "num_hidden_layers, num_attention_heads, intermediate_size and vocab_size") from exc
        kv = int(get("num_key_value_heads") or heads)
        head_dim = int(get("head_dim") or h // heads)
        tied = bool(get("tie_word_embeddings", True))
        q, kvw = heads * head_dim, kv * head_dim
        linear = h * q + 2 * h * kvw + q * h + 3 * h * inter
        norms, biases = 2 * h, 0
        family = _FAMILY.get(model_type, "llama")
        if family == "gemma":
            norms += 2 * h + 2 * head_dim
        elif family == "qk_norm":
            norms += 2 * head_dim
        if get("attention_bias", False):
            biases += q + 2 * kvw + h
        elif model_type == "qwen2":  # Qwen2 always has q/k/v biases and no flag for them
            biases += q + 2 * kvw
        if get("mlp_bias", False):
            biases += 2 * inter + h
        embedding = vocab * h * (1 if tied else 2)
        return cls(model_type, h, layers, heads, kv, head_dim, inter, vocab, tied,
                   embedding_params=embedding, linear_params=layers * linear,
                   other_params=layers * (norms + biases) + h)


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class TrainPlan:
    """What a run will do, as far as memory is concerned."""

    method: str = option("lora", help="how the model is tuned", choices=_METHODS)
    lora_rank: int = option(16, help="LoRA rank r (lora, qlora)", min=1, max=4096)
    target_modules: tuple[str, ...] = option(_LINEARS, help="linear layers LoRA adapts, by name, in every layer")
    adapted_linears: int | None = option(None, help="number of adapted linear layers in the whole model; "
                                         "overrides target_modules when the names are not the usual ones", min=1)
    lora_dropout: float = option(0.05, help="dropout on the LoRA input (lora, qlora)", min=0.0, max=1.0)
    virtual_tokens: int = option(20, help="virtual tokens of prompt or prefix tuning", min=1, max=4096)
    batch_size: int = option(1, help="sequences per micro-batch", min=1)
    grad_accum: int = option(1, help="micro-batches accumulated per optimizer step", min=1)
    seq_len: int = option(512, help="tokens per sequence", min=1)
    gradient_checkpointing: bool = option(False, help="recompute each layer's activations in backward")
    weight_dtype: str | None = option(None, help="precision of the frozen weights (nf4 for qlora); "
                                      "default: nf4 for qlora, else the compute dtype",
                                      choices=(None, "fp32", "bf16", "fp16", "nf4"))
    compute_dtype: str = option("fp32", help="precision activations are computed in",
                                choices=("fp32", "bf16", "fp16"))
    optimizer: str = option("adamw", help="optimizer", choices=("adamw", "adamw_8bit"))
    chunked_ce: bool = option(False, help="compute the loss over the vocabulary a chunk of tokens at a time")
    ce_chunk_tokens: int = option(0, help="tokens per cross-entropy chunk; 0 sizes the chunk as the recipe does "
                                  "(64 MiB of fp32 logits)", min=0)
    device: str = option("cpu", help='where the run trains: "cpu" or "cuda:N"')

    def __post_init__(self) -> None:
        check(self)
        if not _DEVICE.fullmatch(self.device):
            raise ConfigError(f'TrainPlan.device is {self.device!r}; it must be "cpu" or "cuda:N"',
                              'write "cpu", "cuda" or "cuda:0"')
        if self.weight_dtype == "nf4" and self.method != "qlora":
            raise ConfigError(f"TrainPlan.weight_dtype is 'nf4' with method {self.method!r}",
                              "4-bit weights are for qlora only; choose method qlora or another dtype")
        if self.method == "qlora" and self.weight_dtype not in (None, "nf4"):
            raise ConfigError(f"TrainPlan.weight_dtype is {self.weight_dtype!r} with method 'qlora'",
                              "qlora keeps its frozen weights in nf4; leave weight_dtype unset")

    @classmethod
    def from_train_config(cls, config: Any, *, seq_len: int, device: str = "cpu", compute_dtype: str = "fp32",
                          targets: tuple[str, ...] = ()) -> TrainPlan:
        """The plan of a run set up with :class:`core.training.recipe.TrainConfig`.

        Args:
            config: the run's training settings.
            seq_len: the longest tokenized example (batches are padded to it).
            device: "cpu" or "cuda:N".
            compute_dtype: what the model is loaded and computes in.
            targets: the LoRA targets the recipe falls back on; when neither says,
                all seven linears are assumed, the most memory.
        """
        modules = tuple(config.target_modules) or tuple(targets) or _LINEARS
        return cls(method=config.method, lora_rank=config.lora_r, target_modules=modules,
                   lora_dropout=config.lora_dropout, virtual_tokens=config.num_virtual_tokens,
                   batch_size=config.batch_size, grad_accum=config.grad_accum, seq_len=seq_len,
                   gradient_checkpointing=config.gradient_checkpointing, compute_dtype=compute_dtype,
                   device=str(device),
                   # The recipe computes the loss a chunk at a time except for prompt and prefix tuning.
                   chunked_ce=config.method not in ("prompt", "prefix"), ce_chunk_tokens=CE_CHUNK)

    @property
    def frozen_dtype(self) -> str:
        """The storage dtype of the base weights."""
        if self.weight_dtype:
            return self.weight_dtype
        return "nf4" if self.method == "qlora" else self.compute_dtype


# --------------------------------------------------------------------------- the estimate


@dataclass(frozen=True)
class MemoryEstimate:
    """The estimated peak of a run, in bytes, with what makes it up at that moment.

    ``breakdown`` has ``weights`` (the base model), ``trainable`` (adapter or
    prompt parameters; 0 for full fine-tuning, whose trainable parameters are
    the weights), ``gradients``, ``optimizer`` (states, plus the step's
    temporaries when the peak is the step), ``activations``, ``logits``,
    ``overhead`` (the runtime) and ``allocator`` (freed memory the allocator
    keeps). ``phase`` says when the peak is: at the start
    of ``backward`` (every activation alive) or at the ``optimizer step``
    (every gradient alive, activations freed).
    """

    breakdown: dict[str, int]
    phase: str
    device: str

    @property
    def total(self) -> int:
        return sum(self.breakdown.values())

    def describe(self) -> str:
        """One line: the total and its parts in MiB."""
        parts = ", ".join(f"{k} {_mib(v)}" for k, v in self.breakdown.items() if v)
        return f"{_human(self.total)} at the {self.phase} on {self.device} ({parts})"


def _trainable_count(shape: ModelShape, plan: TrainPlan) -> int:
    """Parameters the optimizer updates."""
    if plan.method == "full":
        return shape.total_params
    if plan.method == "prompt":  # one embedding row per virtual token
        return plan.virtual_tokens * shape.hidden_size
    if plan.method == "prefix":  # a key and a value per virtual token per layer (upper bound: hidden wide)
        return plan.virtual_tokens * shape.num_layers * 2 * shape.hidden_size
    # LoRA: A (in x r) and B (r x out) for every adapted linear
    dims = shape.linear_dims()
    if plan.adapted_linears is not None:
        mean = sum(i + o for i, o in dims.values()) / len(dims)
        return int(plan.lora_rank * mean * plan.adapted_linears)
    per_layer = sum(i + o for name, (i, o) in dims.items() if _targets(plan, name))
    return plan.lora_rank * per_layer * shape.num_layers


def _targets(plan: TrainPlan, name: str) -> bool:
    return "all-linear" in plan.target_modules or name in plan.target_modules


def _adapted(shape: ModelShape, plan: TrainPlan) -> dict[str, float]:
    """Adapted linears per decoder layer, by name (fractions when only a count is known)."""
    names = shape.linear_dims()
    if plan.method not in ("lora", "qlora"):
        return {}
    if plan.adapted_linears is not None:
        share = plan.adapted_linears / (shape.num_layers * len(names))
        return {name: share for name in names}
    return {name: 1.0 for name in names if _targets(plan, name)}


def _weight_bytes(shape: ModelShape, plan: TrainPlan) -> int:
    """The base model at its storage precision.

    Under QLoRA only the decoder layers' linears are 4-bit. Embeddings, the
    output head and norms are not quantized, and peft's
    prepare_model_for_kbit_training (which the recipe calls) upcasts them to
    fp32 whatever the compute dtype.
    """
    dtype = plan.frozen_dtype
    if dtype == "nf4":
        rest = shape.embedding_params + shape.other_params
        return int(shape.linear_params * _DTYPE_BYTES["nf4"] + rest * 4)
    return int(shape.total_params * _DTYPE_BYTES[dtype])


def _adapter_bytes(shape: ModelShape, plan: TrainPlan) -> float:
    """What LoRA adapters keep per token per layer (measured like ``_PROFILES``).

    Each keeps its A output (r fp32 values, for B). With dropout, each keeps
    its own dropped-out input and mask: 8 bytes per input feature. Without,
    in fp32 the adapters keep their input, once for linears that share it
    (o_proj's input is kept by attention already); in bf16/fp16 peft casts
    the input to the adapter's fp32 in every adapter, which keeps the copy.
    """
    adapted = _adapted(shape, plan)
    dims = shape.linear_dims()
    total = sum(4 * plan.lora_rank * n for n in adapted.values())
    if plan.lora_dropout > 0 or plan.compute_dtype != "fp32":
        per_feature = 8 if plan.lora_dropout > 0 else 4
        return total + sum(per_feature * dims[name][0] * n for name, n in adapted.items())
    for group in _INPUT_GROUPS:
        share = max((adapted.get(name, 0.0) for name in group), default=0.0)
        width = next((dims[name][0] for name in group if name in dims), 0)  # (the linears a family has)
        total += 4 * width * min(1.0, share)
    return total


def _activation_bytes(shape: ModelShape, plan: TrainPlan) -> int:
    """What the forward pass keeps for backward, for one micro-batch.

    Per decoder layer and token: the profile's bytes (``_Profile``), the
    adapters' (``_adapter_bytes``), and K and V expanded to every query head
    (2 x (query width - kv width) values; transformers expands them when
    attention has a mask, as padded batches do). Outside the layers about 4
    hidden-wide values per token (embedding output, final norm, head input).
    With gradient checkpointing each layer keeps only its input (hidden
    wide), and backward recomputes one layer at a time, so one layer's full
    set comes back on top.
    """
    prof = _PROFILES[shape.family]
    half = plan.compute_dtype != "fp32"
    trained = plan.method == "full"
    coef = {(False, False): prof.frozen_fp32, (True, False): prof.trained_fp32,
            (False, True): prof.frozen_half, (True, True): prof.trained_half}[(trained, half)]
    cbytes = _DTYPE_BYTES[plan.compute_dtype]
    q, kv = shape.num_heads * shape.head_dim, shape.num_kv_heads * shape.head_dim
    per_layer = coef[0] * shape.hidden_size + coef[1] * q + coef[2] * kv + coef[3] * shape.intermediate_size
    per_layer += _adapter_bytes(shape, plan) + 2 * (q - kv) * cbytes
    tokens = plan.batch_size * _seq(plan)
    outside = 4 * shape.hidden_size * cbytes
    if plan.gradient_checkpointing:
        kept = shape.num_layers * shape.hidden_size * cbytes + per_layer
    else:
        kept = shape.num_layers * per_layer
    return int(tokens * (kept + outside))


def _seq(plan: TrainPlan) -> int:
    """Positions the model runs over: prompt tuning prepends its virtual tokens."""
    return plan.seq_len + (plan.virtual_tokens if plan.method == "prompt" else 0)


def _logit_bytes(shape: ModelShape, plan: TrainPlan) -> int:
    """Logits and the loss's copies of them, at their busiest.

    Through the model's forward (prompt and prefix tuning), the loss upcasts
    the logits to fp32 and log-softmaxes them; the log-softmax output is kept
    for backward, which adds the NLL gradient and the log-softmax gradient:
    three batch x seq x vocab fp32 tensors alive at once (at the end of the
    forward: the logits, a contiguous copy and the log-softmax), plus the
    logits themselves when they are bf16/fp16. Chunked cross-entropy
    (core.training.loss) turns one chunk of tokens' fp32 logits into their
    gradient in place and frees it before the next: one copy, plus the
    logits as the matmul made them when that is bf16/fp16.
    """
    tokens = plan.batch_size * _seq(plan)
    half = 0 if plan.compute_dtype == "fp32" else _DTYPE_BYTES[plan.compute_dtype]
    if not plan.chunked_ce:
        return int(tokens * shape.vocab_size * (3 * 4 + half))
    tokens = min(tokens, plan.ce_chunk_tokens or chunk_tokens(shape.vocab_size))
    return int(tokens * shape.vocab_size * (4 + half))


def estimate_peak(shape: ModelShape, plan: TrainPlan, *, runtime_baseline: int | None = None) -> MemoryEstimate:
    """Estimate the peak memory of training ``shape`` as ``plan`` says, on ``plan.device``.

    The peak is the larger of two moments (between them activations turn
    into gradients layer by layer, so nothing in between is higher):

    * start of backward: weights + adapters + optimizer states + every saved
      activation + the logits and the loss's copies + the gradients already
      there (all of them when accumulating, or for small adapters; for full
      fine-tuning the vocabulary matrix's, which comes first);
    * optimizer step: weights + adapters + optimizer states + every gradient
      + the step's temporaries (torch's AdamW makes two tensors the size of a
      parameter, per parameter on CPU, for all at once with CUDA's foreach).

    Gradients and AdamW states take the trainable parameters' dtype (fp32 for
    adapters, which peft keeps in fp32; the weight dtype for full
    fine-tuning). ``overhead`` is the runtime: on CPU the resident size of a
    process that imported torch, transformers and peft (``runtime_baseline``
    when measured, else :data:`CPU_RUNTIME_BASELINE`) plus
    :data:`CPU_COMPUTE_RUNTIME`; on CUDA the context (:data:`CUDA_CONTEXT`).
    ``allocator`` is memory freed but kept by the allocator: glibc's heap on
    CPU (:data:`CPU_HEAP_RETENTION`), the caching allocator on CUDA.

    Args:
        shape: the model, from :meth:`ModelShape.from_config`.
        plan: the run.
        runtime_baseline: the resident bytes of the run's process after its
            imports, before the model is built, if measured (CPU only).

    Returns:
        The estimate, its breakdown at the peak moment, and which moment it is.
    """
    on_cpu = plan.device == "cpu"
    trainable = _trainable_count(shape, plan)
    tbytes = _DTYPE_BYTES[plan.frozen_dtype] if plan.method == "full" else 4.0
    grads = int(trainable * tbytes)
    states = int(trainable * (_ADAM8_BYTES if plan.optimizer == "adamw_8bit" else 2 * tbytes))
    early_grads = grads
    if plan.method == "full" and plan.grad_accum == 1:
        early_grads = int(shape.vocab_size * shape.hidden_size * tbytes)
    activations, logits = _activation_bytes(shape, plan), _logit_bytes(shape, plan)
    if on_cpu:
        # checkpointing recomputes every layer in backward: the heap sees them all all the same
        churn = _activation_bytes(shape, replace(plan, gradient_checkpointing=False))
        overhead = (CPU_RUNTIME_BASELINE if runtime_baseline is None else runtime_baseline) + CPU_COMPUTE_RUNTIME
        if logits / 3 < _MMAP_THRESHOLD_MAX:  # one fp32 copy of the logits comes from the heap too
            churn += logits
        allocator = int(CPU_HEAP_RETENTION * churn)
    else:
        overhead, allocator = CUDA_CONTEXT, int(CUDA_FRAGMENTATION * (activations + logits))
    held = {"weights": _weight_bytes(shape, plan), "trainable": 0 if plan.method == "full" else trainable * 4}
    runtime = {"overhead": overhead, "allocator": allocator}
    backward = {**held, "gradients": early_grads, "optimizer": states, "activations": activations,
                "logits": logits, **runtime}
    step = {**held, "gradients": grads, "optimizer": states + _step_temporaries(shape, plan, grads, tbytes),
            "activations": 0, "logits": 0, **runtime}
    if sum(step.values()) > sum(backward.values()):
        return MemoryEstimate(step, "optimizer step", plan.device)
    return MemoryEstimate(backward, "backward", plan.device)


def _step_temporaries(shape: ModelShape, plan: TrainPlan, grads: int, tbytes: float) -> int:
    """AdamW's temporaries: sqrt(v) and its quotient, per parameter on CPU, for all parameters on CUDA."""
    if plan.optimizer == "adamw_8bit":
        return 0  # bitsandbytes updates in place, block by block
    if plan.device != "cpu":
        return grads
    if plan.method == "full":
        largest = max(shape.vocab_size * shape.hidden_size, *(i * o for i, o in shape.linear_dims().values()))
    else:
        largest = max(1, _trainable_count(shape, plan) // shape.num_layers)
    return int(2 * largest * tbytes)


# --------------------------------------------------------------------------- the pre-flight


def free_memory(device: str = "cpu") -> int:
    """Bytes free for a run on ``device``: available RAM on CPU, free GPU memory on CUDA.

    On CUDA this initialises the context if nothing has yet.
    """
    if device == "cpu":
        import psutil

        return int(psutil.virtual_memory().available)
    import torch

    free, _total = torch.cuda.mem_get_info(torch.device(device))
    return int(free)


@dataclass(frozen=True)
class Suggestion:
    """A change to the plan, and what the estimate would be with it.

    ``kind`` is one of ``checkpointing``, ``batch``, ``dropout``, ``sequence``,
    ``qlora``, ``chunked_ce`` or ``combined`` (several of them at once).
    """

    kind: str
    action: str
    plan: TrainPlan
    estimate: MemoryEstimate


# The order a person would rather try them in: same results first, then fewer tokens
# per step, then a different method.
_PREFERENCE = ("checkpointing", "batch", "dropout", "sequence", "qlora", "chunked_ce", "combined")


@dataclass(frozen=True)
class MemoryVerdict:
    """Whether a plan fits: ``fits``, ``tight`` (over 85% of free) or ``does_not_fit``.

    ``suggestions`` (for tight and does_not_fit) are ordered by impact, the
    lowest estimate first.
    """

    status: str
    estimate: MemoryEstimate
    free: int
    device: str
    suggestions: tuple[Suggestion, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """False only when the plan does not fit."""
        return self.status != "does_not_fit"

    @property
    def best(self) -> Suggestion | None:
        """The suggestion to act on: among those that would make the plan fit (else at least not
        overflow), the one a person would rather try; else the one that saves most."""
        for limit in (TIGHT_SHARE * self.free, self.free):
            enough = [s for s in self.suggestions if s.estimate.total <= limit]
            if enough:
                return min(enough, key=lambda s: _PREFERENCE.index(s.kind))
        return self.suggestions[0] if self.suggestions else None

    def describe(self) -> str:
        return (f"training needs about {_human(self.estimate.total)} on {self.device}, "
                f"{_human(self.free)} is free ({self.estimate.describe()})")


def _status(total: int, free: int) -> str:
    if total > free:
        return "does_not_fit"
    return "tight" if total > TIGHT_SHARE * free else "fits"


def _candidates(plan: TrainPlan) -> dict[str, tuple[str, TrainPlan]]:
    """Single changes that lower memory, by kind, each with a sentence a person can act on."""
    out = {}
    if not plan.gradient_checkpointing:
        out["checkpointing"] = ("enable gradient checkpointing", replace(plan, gradient_checkpointing=True))
    if plan.batch_size > 1:
        b, a = plan.batch_size // 2, plan.grad_accum * 2
        out["batch"] = (f"halve the batch to {b} and double gradient accumulation to {a}",
                        replace(plan, batch_size=b, grad_accum=a))
    if plan.method in ("lora", "qlora") and plan.lora_dropout > 0:
        out["dropout"] = ("turn LoRA dropout off (each adapter keeps its own dropped-out copy of its input)",
                          replace(plan, lora_dropout=0.0))
    if plan.seq_len > 256:
        out["sequence"] = (f"shorten sequences to {plan.seq_len // 2} tokens",
                           replace(plan, seq_len=plan.seq_len // 2))
    if plan.method in ("lora", "full"):
        what = "LoRA" if plan.method == "lora" else "full fine-tuning"
        out["qlora"] = (f"use QLoRA (4-bit base weights) instead of {what}",
                        replace(plan, method="qlora", weight_dtype=None))
    if not plan.chunked_ce:
        out["chunked_ce"] = ("compute the loss a chunk of tokens at a time (chunked cross-entropy)",
                             replace(plan, chunked_ce=True))
    return out


def preflight(shape: ModelShape, plan: TrainPlan, device: str | None = None, *, free: int | None = None,
              runtime_baseline: int | None = None) -> MemoryVerdict:
    """Estimate the run's peak and compare it with what ``device`` has free.

    A plan over 85% of the free memory is ``tight`` (a warning is logged), over
    100% ``does_not_fit``. Then the verdict carries suggestions: each single
    change that lowers the estimate, with the estimate it gives, lowest first;
    when none alone brings the plan under 85%, also the combination of them,
    applied in order of impact until it does.

    Args:
        shape: the model.
        plan: the run; ``device`` overrides ``plan.device``.
        free: bytes free, if already known (else :func:`free_memory`). When
            checking from inside the run's own process on CPU, add that
            process's resident size, since the estimate counts it as overhead.
        runtime_baseline: see :func:`estimate_peak`.
    """
    if device is not None and device != plan.device:
        plan = replace(plan, device=device)
    free = free_memory(plan.device) if free is None else free
    estimate = estimate_peak(shape, plan, runtime_baseline=runtime_baseline)
    status = _status(estimate.total, free)
    suggestions: list[Suggestion] = []
    if status != "fits":
        suggestions = _suggestions(shape, plan, estimate, free, runtime_baseline)
    verdict = MemoryVerdict(status, estimate, free, plan.device, tuple(suggestions))
    if status == "tight":
        log.warning("memory is tight: %s", verdict.describe())
    return verdict


def _suggestions(shape: ModelShape, plan: TrainPlan, estimate: MemoryEstimate, free: int,
                 baseline: int | None) -> list[Suggestion]:
    singles = []
    for kind, (action, changed) in _candidates(plan).items():
        est = estimate_peak(shape, changed, runtime_baseline=baseline)
        if est.total < estimate.total:
            singles.append(Suggestion(kind, action, changed, est))
    singles.sort(key=lambda s: s.estimate.total)
    target = TIGHT_SHARE * free
    if len(singles) > 1 and singles[0].estimate.total > target:
        combined, actions = plan, []
        for single in singles:  # apply in order of impact until it fits
            action, combined = _candidates(combined)[single.kind]
            actions.append(action)
            est = estimate_peak(shape, combined, runtime_baseline=baseline)
            if est.total <= target:
                break
        singles.append(Suggestion("combined", "; ".join(actions), combined, est))
        singles.sort(key=lambda s: s.estimate.total)
    return singles


def raise_if_not_fit(verdict: MemoryVerdict) -> None:
    """Raise :class:`OutOfMemory` when the plan does not fit, with the numbers and the best suggestion.

    A ``tight`` plan passes (the pre-flight logged a warning).
    """
    if verdict.ok:
        return
    best = verdict.best
    if best is None:
        hint = "free memory (close other programs), or choose a smaller model"
    else:
        hint = f"{best.action} (estimated {_human(best.estimate.total)})"
    raise OutOfMemory(f"training needs about {_human(verdict.estimate.total)} on {verdict.device} but only "
                      f"{_human(verdict.free)} is free ({verdict.estimate.describe()})", hint)


# --------------------------------------------------------------------------- measuring


class PeakMeter:
    """Measure the peak memory of what runs inside ``with PeakMeter(device) as meter:``.

    On CPU, a background thread samples the process's resident size every
    ``interval`` seconds; ``resource.getrusage``'s lifetime maximum sharpens it
    when that maximum rose inside the block (so it happened there). On CUDA the
    caching allocator's peak of allocated bytes is read as well.

    Attributes after the block: ``peak`` (bytes; on CPU the resident peak, on
    CUDA the allocator's peak), ``rss_peak``, ``cuda_peak`` (None on CPU),
    ``seconds``.
    """

    def __init__(self, device: str = "cpu", interval: float = 0.02) -> None:
        self.device = device
        self.interval = interval
        self.rss_peak = 0
        self.cuda_peak: int | None = None
        self.seconds = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._maxrss_before = 0

    def __enter__(self) -> PeakMeter:
        import psutil

        self._process = psutil.Process()
        self.rss_peak = self._process.memory_info().rss
        self._maxrss_before = _maxrss()
        if self.device != "cpu":
            import torch

            torch.cuda.synchronize(self.device)
            torch.cuda.reset_peak_memory_stats(self.device)
        self._start = time.perf_counter()
        self._thread = threading.Thread(target=self._sample, name="hearth-peak-meter", daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.rss_peak = max(self.rss_peak, self._process.memory_info().rss)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.seconds = time.perf_counter() - self._start
        self.rss_peak = max(self.rss_peak, self._process.memory_info().rss)
        after = _maxrss()
        if after > self._maxrss_before:  # the lifetime peak was set inside the block
            self.rss_peak = max(self.rss_peak, after)
        if self.device != "cpu":
            import torch

            torch.cuda.synchronize(self.device)
            self.cuda_peak = int(torch.cuda.max_memory_allocated(self.device))

    @property
    def peak(self) -> int:
        return self.rss_peak if self.cuda_peak is None else self.cuda_peak

    def compare(self, estimate: MemoryEstimate) -> float:
        """Estimated over measured peak (1.0 is exact; above 1 the estimate was generous).

        On CUDA the allocator's count leaves out the context and its own
        reserve, so the estimate's overhead and allocator terms are left out.
        """
        if self.peak <= 0:
            raise ValueError("nothing was measured; use PeakMeter as a context manager around the run")
        total = estimate.total
        if self.cuda_peak is not None:
            total -= estimate.breakdown.get("overhead", 0) + estimate.breakdown.get("allocator", 0)
        return total / self.peak


def _maxrss() -> int:
    """The process's lifetime peak resident size in bytes (0 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(value if sys.platform == "darwin" else value * 1024)  # kilobytes on Linux


def _mib(n: int) -> str:
    return f"{n / MiB:,.1f} MiB" if n < 10 * MiB else f"{n / MiB:,.0f} MiB"


def _human(n: int) -> str:
    return f"{n / GiB:.2f} GiB" if n >= GiB else _mib(n)
