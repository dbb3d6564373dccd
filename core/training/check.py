"""Checks of a training run before it starts, cheap enough to repeat as a form changes.

:func:`memory_verdict` runs the memory pre-flight of :mod:`core.training.memory`
on a :class:`~core.training.run.TrainJob` from the catalog alone: the model's
shape comes from its ``config.json`` (a Hugging Face folder, or a GGUF's
training cache once built) or, for a GGUF not yet prepared, from the GGUF's own
metadata. No weights are read. :func:`train_checks` adds the export check to it,
the base's config read once for both. :func:`apply_suggestion` turns one of the
verdict's suggestions back into the job's settings.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from converters import Exportability, export_verdict
from core.errors import ConfigError, HearthError
from core.models import ensure_default_model
from core.models.catalog import ModelRecord, get_model
from core.training.base import DEFAULT_TARGETS, architecture_family, cache_path
from core.training.memory import MemoryVerdict, ModelShape, Suggestion, TrainPlan, preflight
from core.training.presets import default_lr, resolve_device
from core.workspace import Workspace

if TYPE_CHECKING:
    from core.training.run import TrainJob

__all__ = ["TrainChecks", "apply_suggestion", "base_record", "memory_verdict", "model_config", "train_checks"]

# GGUF general.architecture -> (HF model_type, HF class)
_GGUF_TO_HF = {"llama": ("llama", "LlamaForCausalLM"), "mistral": ("mistral", "MistralForCausalLM"),
               "qwen2": ("qwen2", "Qwen2ForCausalLM"), "qwen3": ("qwen3", "Qwen3ForCausalLM"),
               "gemma3": ("gemma3_text", "Gemma3ForCausalLM"), "phi3": ("phi3", "Phi3ForCausalLM")}
_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def base_record(ws: Workspace, model: str | None) -> ModelRecord:
    """The catalog record of a run's base: ``model``, or the default model (assembled on first use)."""
    if model:
        return get_model(ws, model)

    return ensure_default_model(ws)


def _gguf_config(record: ModelRecord) -> dict[str, Any]:
    kv = record.metadata.get("kv", {})
    arch = record.architecture or ""
    model_type, cls = _GGUF_TO_HF.get(arch, (arch, ""))

    def get(key: str) -> Any:
        return kv.get(f"{arch}.{key}")

    hidden, heads = get("embedding_length"), get("attention.head_count")
    if not hidden or not heads:
        raise ConfigError(f"the GGUF {record.name!r} does not give its sizes ({arch}.embedding_length, "
                          f"{arch}.attention.head_count)", "import the model's Hugging Face folder to train from it")
    config = {"model_type": model_type, "architectures": [cls] if cls else [], "hidden_size": hidden,
              "num_hidden_layers": get("block_count"), "num_attention_heads": heads,
              "num_key_value_heads": get("attention.head_count_kv") or heads,
              "head_dim": get("attention.key_length") or hidden // heads,
              "intermediate_size": get("feed_forward_length"),
              "vocab_size": record.metadata.get("vocab_size")}
    config["tie_word_embeddings"] = _tied(config, record.parameters)
    return config


def _tied(config: dict[str, Any], parameters: int | None) -> bool:
    """Whether the output head shares the embedding: the count that lands nearer the file's own."""
    if not parameters:
        return True
    totals = {tied: ModelShape.from_config({**config, "tie_word_embeddings": tied}).total_params
              for tied in (True, False)}
    return abs(totals[True] - parameters) <= abs(totals[False] - parameters)


def model_config(ws: Workspace, record: ModelRecord) -> dict[str, Any]:
    """The model's config as a dict: its ``config.json``, or one read from the GGUF's metadata.

    Raises:
        ConfigError: the model does not give the sizes the estimate needs.
    """
    if record.format == "hf":
        return json.loads((Path(record.path) / "config.json").read_text(encoding="utf-8"))
    if record.sha256:
        cached = cache_path(ws, record.sha256) / "config.json"
        if cached.is_file():
            return json.loads(cached.read_text(encoding="utf-8"))
    return _gguf_config(record)



def memory_verdict(ws: Workspace, job: Any, *, free: int | None = None,
                   config: dict[str, Any] | None = None) -> MemoryVerdict:
    """The memory pre-flight of ``job`` (a TrainJob) as the run itself would make it, before loading anything.

    Args:
        free: bytes free, when known; measured on the job's device otherwise.
        config: the base's config (:func:`model_config`), when already read.

    Raises:
        ModelError: the base model is not in the catalog.
        ConfigError: its config lacks a size the estimate needs.
    """
    if config is None:
        config = model_config(ws, base_record(ws, job.model))
    shape = ModelShape.from_config(config)
    device = resolve_device(job.device)
    try:  # the family's own linears (GLM and Phi-3 fuse some)
        targets = DEFAULT_TARGETS[architecture_family(config)]
    except HearthError:
        targets = _TARGETS
    plan = TrainPlan.from_train_config(job.train, seq_len=job.seq_len, device="cuda:0" if device == "cuda" else device,
                                       targets=targets)
    return preflight(shape, plan, free=free)


@dataclass(frozen=True)
class TrainChecks:
    """The memory pre-flight and the export check of one job; each holds its result or the error it met."""

    job: TrainJob
    verdict: MemoryVerdict | None = None
    verdict_error: Exception | None = None
    export: Exportability | None = None
    export_error: Exception | None = None


def train_checks(ws: Workspace, job: TrainJob) -> TrainChecks:
    """The memory pre-flight and the export check of ``job``, its base's config read once.

    Nothing is raised: each check's failure is returned in its place, so a form can always show what happened.
    """
    try:
        config = model_config(ws, base_record(ws, job.model))
    except (HearthError, OSError, ValueError) as exc:
        return TrainChecks(job, verdict_error=exc, export_error=exc)
    verdict = export = verdict_error = export_error = None
    try:
        verdict = memory_verdict(ws, job, config=config)
    except (HearthError, OSError, ValueError) as exc:
        verdict_error = exc
    try:
        export = export_verdict(config, job.train.method, use_dora=job.train.use_dora)
    except (HearthError, OSError) as exc:
        export_error = exc
    return TrainChecks(job, verdict, verdict_error, export, export_error)


def apply_suggestion(job: Any, suggestion: Suggestion) -> Any:
    """``job`` (a TrainJob) changed as ``suggestion`` says: the plan's settings written back to the job."""
    plan: TrainPlan = suggestion.plan
    train = dataclasses.replace(job.train, method=plan.method, batch_size=plan.batch_size,
                                grad_accum=plan.grad_accum, lora_dropout=plan.lora_dropout,
                                gradient_checkpointing=plan.gradient_checkpointing)
    if plan.method != job.train.method:
        train = dataclasses.replace(train, lr=default_lr(plan.method))
    return dataclasses.replace(job, train=train, seq_len=plan.seq_len)
