"""The teacher of a distilling run: which model it is, whether it can teach this student, and its logits.

A teacher is a catalog model (prepared for torch as any base is) or a finished training run: its adapter on
the base it was trained from, merged, or its full weights. :func:`teacher_logits_steps` checks, before any
weight is loaded, that the teacher and the student share a vocabulary and that the teacher fits in the memory
free now; then it takes the teacher's top-k logits at every trained token of every training example from the
cache (:func:`core.training.distill.cached_teacher_topk`), or runs the teacher once to make them. The teacher
is let go before the student is loaded, so a run's peak is the larger of the two, never their sum.
"""

from __future__ import annotations

import dataclasses
import gc
import json
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.data.render import collate_padded
from core.errors import ConfigError, HearthError, OutOfMemory
from core.jobs.events import Event, Log
from core.models.catalog import find_model, sha256_file
from core.training.base import TrainingBase, load_for_training, load_tokenizer, prepare_base_steps
from core.training.distill import (
    IGNORE,
    DistillConfig,
    TopK,
    cached_teacher_topk_steps,
    check_same_vocabulary,
    topk_cache_path,
)
from core.training.footprint import trim_heap
from core.training.memory import ModelShape, free_memory
from core.training.store import get_run
from core.workspace import Workspace

__all__ = ["Teacher", "resolve_teacher", "teacher_logits_steps"]

CACHE_FOLDER = ".distill-cache"  # under the workspace's models folder, beside the dequantised bases
TEACHER_BATCH = 8  # examples per teacher forward pass
_HEADROOM = 1.25  # the teacher's weights, and its activations and one chunk of logits beside them


@dataclass(frozen=True)
class Teacher:
    """A teacher ready to load: its base, and the adapter or full weights of a run on it.

    Attributes:
        ref: what finds this very teacher again (a catalog model's id, a run's whole id).
        label: what the log and the errors call it.
        identity: what names its weights exactly (the cache's key): the base's file digest, and the run's
            weights' digest for a run.
        base: the base it loads from (a run's base for a run).
        adapter: a run's PEFT adapter folder, merged into the base when loaded.
        weights: a full fine-tune's model folder, loaded in place of the base's weights.
    """

    ref: str
    label: str
    identity: str
    base: TrainingBase
    adapter: Path | None = None
    weights: Path | None = None

    def load(self, device: str) -> Any:
        """The teacher's model on ``device``, in evaluation mode (the adapter merged in)."""
        base = dataclasses.replace(self.base, folder=self.weights) if self.weights else self.base
        model, _ = load_for_training(base, method="full" if self.weights else "lora", device=device)
        if self.adapter is not None:
            import peft

            model = peft.PeftModel.from_pretrained(model, str(self.adapter)).merge_and_unload()
        for p in model.parameters():
            p.requires_grad_(False)
        return model.eval()


def resolve_teacher(ws: Workspace, ref: str) -> Generator[Event, None, Teacher]:
    """The teacher named ``ref``: a catalog model (name or id), else a finished training run (id or prefix).

    Raises:
        ConfigError: no model or run has that name, or the run cannot teach (not finished; prompt or prefix
            tuning, whose virtual tokens cannot be merged into the weights).
    """
    ref = ref.strip()
    record = find_model(ws, ref)
    if record is not None:
        base = yield from prepare_base_steps(ws, record)
        return Teacher(record.id, record.name, f"model:{record.sha256 or base.folder.name}", base)
    try:
        run = get_run(ws, ref)
    except HearthError as exc:
        raise ConfigError(f"the teacher {ref!r} is neither a catalog model nor a training run",
                          "name a model (hearth models list) or a finished run (hearth runs list)") from exc
    if run.state != "done":
        raise ConfigError(f"the teacher run {run.id} is {run.state}, not done",
                          f"finish it first (hearth train --resume {run.id}), or pick another teacher")
    if run.method in ("prompt", "prefix"):
        raise ConfigError(f"the teacher run {run.id} used {run.method} tuning: its virtual tokens cannot be merged "
                          "into the weights the teacher's logits are read from",
                          "distil from a LoRA, QLoRA or full fine-tune, or from a catalog model")
    saved = json.loads((run.folder / "config.json").read_text(encoding="utf-8"))
    base = yield from prepare_base_steps(ws, saved.get("model"))
    on = f"run:{run.id}:{base.folder.name}"  # the base too: a run's adapter means nothing without it
    if run.method == "full":
        weights = run.folder / "model"
        digest = ",".join(sha256_file(f) for f in sorted(weights.glob("*.safetensors")))
        return Teacher(run.id, f"run {run.id}", f"{on}:{digest}", base, weights=weights)
    adapter = run.folder / "adapter"
    digest = ",".join(sha256_file(adapter / name) for name in ("adapter_model.safetensors", "adapter_config.json"))
    return Teacher(run.id, f"run {run.id} ({base.name} with its adapter)", f"{on}:{digest}", base, adapter=adapter)


def _check_fits(teacher: Teacher, device: str) -> int:
    """The teacher's estimated bytes while it runs; refused when more than the memory free now."""
    import torch
    from transformers import AutoConfig

    shape = ModelShape.from_config(AutoConfig.from_pretrained(str(teacher.base.folder), local_files_only=True))
    # load_for_training's choice: bfloat16 on a GPU that has it, float32 elsewhere
    width = 2 if device != "cpu" and torch.cuda.is_available() and torch.cuda.is_bf16_supported() else 4
    need = int(shape.total_params * width * _HEADROOM)
    free = free_memory("cuda:0" if device == "cuda" else device)
    if need > free:
        raise OutOfMemory(f"the teacher ({teacher.label}) needs about {need >> 20:,} MiB to run and "
                          f"{free >> 20:,} MiB are free on {device}",
                          "close what else uses the memory, or pick a smaller teacher")
    return need


def teacher_logits_steps(ws: Workspace, config: DistillConfig, student: TrainingBase, student_tokenizer: Any,
                         examples: Sequence[Any], *, dataset: str, device: str,
                         pad_id: int) -> Generator[Event, None, tuple[TopK, str]]:
    """The teacher's top-k at the trained tokens of each of ``examples`` (one count per example), and what finds
    this teacher again (:attr:`Teacher.ref`, for a resume).

    Args:
        config: the distillation settings (its teacher is not empty).
        student: the student's base; student_tokenizer: its tokenizer.
        examples: the training examples, as the recipe trains on them.
        dataset: what names the rendered examples (the version, template, sequence length, trained tokens).
        device: where the teacher runs (the run's device).
        pad_id: the student's pad id, for the teacher's padded batches.

    Raises:
        ConfigError: an unknown teacher, or one whose vocabulary is not the student's.
        OutOfMemory: the teacher does not fit in the memory free now.
    """
    teacher = yield from resolve_teacher(ws, config.teacher)
    check_same_vocabulary(load_tokenizer(teacher.base), student_tokenizer, teacher=teacher.label,
                          student=student.name)
    path = topk_cache_path(ws.folder("models") / CACHE_FOLDER, teacher.identity, dataset, config.top_k)
    path.parent.mkdir(parents=True, exist_ok=True)
    batches = [collate_padded(examples[i:i + TEACHER_BATCH], pad_id) for i in range(0, len(examples), TEACHER_BATCH)]
    loaded: list[Any] = []

    def load() -> Any:
        need = _check_fits(teacher, device)
        log_lines.append(f"ran the teacher {teacher.label} once (about {need >> 20:,} MiB; let go before the "
                         "student loads)")
        loaded.append(teacher.load(device))
        return loaded[-1]

    log_lines: list[str] = []
    yield Log(f"distilling from {teacher.label}: alpha {config.alpha}, temperature {config.temperature}, "
              f"top {config.top_k} logits")
    try:
        topk, cached = yield from cached_teacher_topk_steps(load, batches, config.top_k, path,
                                                            vocab_size=len(student_tokenizer),
                                                            metadata={"teacher": teacher.identity})
    finally:
        loaded.clear()
        gc.collect()
        trim_heap()
        if device != "cpu":
            import torch

            torch.cuda.empty_cache()  # the teacher's blocks, back for the student
    for line in log_lines:
        yield Log(line)
    yield Log(f"the teacher's logits {'from the cache' if cached else 'computed and cached'}: {path.name}, "
              f"{sum(topk.counts):,} tokens")
    counts = tuple(sum(1 for label in e.labels[1:] if label != IGNORE) for e in examples)
    if sum(counts) != sum(topk.counts):
        raise HearthError(f"the teacher's logits cover {sum(topk.counts)} tokens and the examples train "
                          f"{sum(counts)}", f"delete {path} and start the run again")
    return TopK(topk.values, topk.indices, counts), teacher.ref
