"""A training run as a job: base, dataset version, recipe, outputs, and resume.

``run_training`` prepares the base (a cached safetensors folder for a GGUF),
renders the dataset version's splits with the model's chat template (or a named
one for a base without), refuses early when nothing fits the sequence length,
trains with :class:`~core.training.recipe.Recipe`, and leaves in
``runs/<id>/``: config.json (its dataset the exact version, NAME:vN, resolved
when the run starts), checkpoints/, adapter/ (PEFT, safetensors) or model/
(full weights), the tokenizer and chat template used, and summary.json (with
the version's id: :mod:`core.training.provenance`).
A run killed at any point resumes from its last checkpoint with ``resume``.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from converters import export_verdict
from core.config import check, from_dict, load_config, option, save_config, to_dict
from core.data.render import RenderConfig, pad_token_id, pick_template, tokenize_records
from core.data.versions import get_dataset, read_split
from core.errors import ConfigError, DataError, HearthError
from core.jobs.events import Artifact, Event, Log, Metric
from core.jobs.runner import Control, JobCancelled, new_id
from core.jobs.steps import checked
from core.models.catalog import get_model
from core.training.base import load_for_training, load_tokenizer, prepare_base_steps, save_tokenizer
from core.training.distill import DistillConfig
from core.training.memory import ModelShape, PeakMeter, TrainPlan, preflight, raise_if_not_fit
from core.training.presets import fit_batch, resolve_device
from core.training.provenance import trained_on, version_record
from core.training.recipe import Recipe, TrainConfig
from core.training.store import get_run, insert_run, update_run
from core.training.teacher import teacher_logits_steps
from core.workspace import Workspace, atomic_write_json, require_free_space

__all__ = ["TrainJob", "run_training"]


@dataclass(frozen=True)
class TrainJob:
    """What to train: a base model, a dataset version and how; or a run to resume."""

    KIND: ClassVar[str] = "train"
    TARGET: ClassVar[str] = "core.training.run:run_training"

    dataset: str = option("", help="the dataset version, NAME or NAME:vN")
    model: str | None = option(None, help="the base model (catalog name); the default model when empty")
    train: TrainConfig = option(default_factory=TrainConfig, help="the training settings")
    seq_len: int = option(1024, help="tokens per training example; longer ones are dropped and counted", min=16)
    template: str = option("auto", help="the chat template: auto uses the model's own, or chatml, gemma, llama3, "
                           "plain for a base model without one")
    loss_on: str = option("assistant", help="which tokens train: assistant turns, the last turn, or all",
                          choices=("assistant", "last", "all"))
    device: str = option("auto", help="cpu, cuda, or auto (a GPU when there is one)")
    resume: str | None = option(None, help="continue this run from its last checkpoint")
    run_id: str | None = option(None, help="the new run's id; one is made when the run starts if empty")
    fit_batch: bool = option(False, help="halve the batch (doubling accumulation) until the memory pre-flight "
                             "says the run fits")
    distill: DistillConfig = option(default_factory=DistillConfig, help="learn from a teacher's logits too")

    def __post_init__(self) -> None:
        check(self)
        if not self.dataset and not self.resume:
            raise HearthError("a training run needs a dataset", "give one with -d NAME (hearth data list)")
        if self.distill.active and self.train.method in ("prompt", "prefix"):
            raise ConfigError(f"distillation trains through LoRA, QLoRA or full fine-tuning, not "
                              f"{self.train.method} tuning", "pick --method lora or qlora, or train without a teacher")


def _start_or_resume(ws: Workspace, job: TrainJob, control: Control) -> tuple[TrainJob, Path, bool]:
    if job.resume:
        run = get_run(ws, job.resume)
        saved = load_config(TrainJob, run.folder / "config.json")
        update_run(ws, run.id, state="running", job_id=control.job_id)
        return saved, run.folder, True
    # ``job.dataset`` is the exact version (NAME:vN) here: see _pin_dataset.
    run_id = job.run_id or new_id("run")
    folder = ws.folder("runs") / run_id
    folder.mkdir(parents=True)
    save_config(job, folder / "config.json")
    insert_run(ws, run_id, model=job.model or "(default)", dataset=job.dataset, method=job.train.method,
               folder=folder, job_id=control.job_id)
    return job, folder, False


def run_training(config: TrainJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The job: train, or resume, a run; returns a summary of where its outputs are."""
    job = config if isinstance(config, TrainJob) else from_dict(TrainJob, config)
    ws = control.ws
    if not job.resume:  # the cheap checks first: no run is recorded, no model prepared, for a wrong name
        job = yield from _pin_dataset(ws, job)
        if job.model:
            get_model(ws, job.model)
    job, folder, resuming = _start_or_resume(ws, job, control)
    run_id = folder.name
    try:
        if resuming:
            job = yield from _pin_resumed(ws, job, folder)
        base = yield from prepare_base_steps(ws, job.model)
        control.check()
        yield from _export_notice(base, job)
        device = resolve_device(job.device)
        estimate, fitted = yield from _preflight(ws, base, job, device, fit=job.fit_batch and not resuming)
        if fitted != job:  # the batch the run will really use, kept for a resume
            job = fitted
            save_config(job, folder / "config.json")
        teacher = None
        if job.distill.active:  # the teacher runs, and is let go, before the student loads (and its meter starts)
            tokenizer = load_tokenizer(base)
            train, validation, template = _examples(ws, job, base, tokenizer)
            teacher, ref = yield from checked(teacher_logits_steps(
                ws, job.distill, base, tokenizer, train, dataset=_rendered_identity(ws, job, template),
                device=device, pad_id=pad_token_id(tokenizer)), control)
            if ref != job.distill.teacher:  # a resume must find this very teacher, not what the name means then
                job = dataclasses.replace(job, distill=dataclasses.replace(job.distill, teacher=ref))
                save_config(job, folder / "config.json")
        # The version trained on, read before training: one removed meanwhile is refused now, not hours later.
        dataset = version_record(get_dataset(ws, job.dataset))
        with PeakMeter(device) as meter:
            model, tokenizer = load_for_training(base, method=job.train.method, device=device)
            if teacher is None:
                train, validation, template = _examples(ws, job, base, tokenizer)
            yield Log(f"{len(train)} training and {len(validation)} validation examples, template {template.name}")
            recipe = Recipe(model, tokenizer, train, validation, job.train, folder, targets=base.target_modules,
                            distill=job.distill, teacher=teacher)
            del tokenizer  # not needed to train (Recipe.setup trims the heap after it): loaded again to save
            recipe.setup(resume=resuming)
            update_run(ws, run_id, total_steps=recipe.total_steps)
            try:
                for event in recipe.train(control):
                    if isinstance(event, Metric) and event.name == "loss":
                        update_run(ws, run_id, step=event.step)
                    yield event
            except JobCancelled:
                # Stopped on request between steps: keep exactly where it got to, to resume from.
                if recipe.state["step"] > 0:
                    recipe.save_checkpoint()
                raise
        yield Log(f"memory: estimated {estimate.total / 2**20:.0f} MiB, measured peak {meter.peak / 2**20:.0f} MiB "
                  f"(estimate / measured {meter.compare(estimate):.2f})")
        memory = {"memory_estimate_mib": round(estimate.total / 2**20), "memory_peak_mib": round(meter.peak / 2**20)}
        outputs = _save_outputs(recipe, load_tokenizer(base), template, folder, job, base, memory,
                                dataset=dataset)
    except BaseException as exc:
        update_run(ws, run_id, state="cancelled" if isinstance(exc, JobCancelled) else "failed")
        raise
    update_run(ws, run_id, state="done", metrics=outputs["summary"])
    for path in outputs["artifacts"]:
        yield Artifact(str(path), "adapter" if path.name == "adapter" else "model")
    return {"run": run_id, "folder": str(folder), "dataset": job.dataset, **outputs["summary"]}


def _pin_dataset(ws: Workspace, job: TrainJob) -> Generator[Event, None, TrainJob]:
    """The job with its dataset as the exact version (``NAME:vN``) it trains on: a bare name is its newest now.

    The run's config.json keeps that version, so that a resume, an export's held-out text and its model card
    use it, never a version imported after the run started (:mod:`core.training.provenance`).
    """
    version = get_dataset(ws, job.dataset)
    if version.label != job.dataset:
        yield Log(f"dataset {job.dataset}: version {version.label} (id {version.id})")
    return dataclasses.replace(job, dataset=version.label)


def _pin_resumed(ws: Workspace, job: TrainJob, folder: Path) -> Generator[Event, None, TrainJob]:
    """A resumed run's job, its dataset pinned (and saved) if the run started before runs recorded versions."""
    if ":" in job.dataset:
        return job
    used = trained_on(ws, job.dataset, started=get_run(ws, folder.name).created_at)
    if used.version is None:  # resumed as it was: _examples says what is missing
        return job
    if used.note:
        yield Log(f"{used.note}; the run goes on with {used.label}", "WARNING")
    job = dataclasses.replace(job, dataset=used.label)
    save_config(job, folder / "config.json")
    update_run(ws, folder.name, dataset=used.label)
    return job


def _export_notice(base: Any, job: TrainJob) -> Iterator[Event]:
    """Say before training, not after, when what this run makes cannot become a GGUF (or only merged)."""
    merged_ok, _, reason = export_verdict(base, job.train.method, use_dora=job.train.use_dora)
    if reason:
        yield Log(f"export: {reason}", "INFO" if merged_ok else "WARNING")


def _longest_batch_row(ws: Workspace, job: TrainJob) -> int:
    """The longest example a batch can hold: the sequence length, or less when the dataset's longest is shorter.

    A micro-batch holds at most batch x this many tokens, padded or packed, so the activations are estimated
    for it rather than for the sequence length the dataset never reaches. The dataset's counts are of the
    records' text; the template's labels and special tokens add a little, hence the margin.
    """
    try:
        longest = get_dataset(ws, job.dataset).stats()["splits"]["train"]["tokens"]["max"]
    except (HearthError, KeyError, TypeError, OSError, ValueError):
        return job.seq_len
    return min(job.seq_len, int(longest * 1.1) + 16) if longest else job.seq_len


def _preflight(ws: Workspace, base: Any, job: TrainJob, device: str, *,
               fit: bool) -> Generator[Event, None, tuple[Any, TrainJob]]:
    """Estimate the run's peak memory before loading anything; refuse with a suggestion when it cannot fit.

    With ``fit``, the batch is first halved (accumulation doubled) until the estimate fits.

    Returns:
        The estimate, and the job with the batch it will use.
    """
    from transformers import AutoConfig


    shape = ModelShape.from_config(AutoConfig.from_pretrained(str(base.folder), local_files_only=True))
    where = "cuda:0" if device == "cuda" else device
    seq_len = _longest_batch_row(ws, job)

    def verdict_for(config: TrainConfig) -> Any:
        plan = TrainPlan.from_train_config(config, seq_len=seq_len, device=where, targets=base.target_modules)
        return preflight(shape, plan)

    if fit:
        fitted = fit_batch(job.train, lambda config: verdict_for(config).status == "fits")
        if fitted != job.train:
            yield Log(f"batch {fitted.batch_size} x accumulation {fitted.grad_accum} to fit in memory")
        job = dataclasses.replace(job, train=fitted, fit_batch=False)
    verdict = verdict_for(job.train)
    yield Log(verdict.describe(), "WARNING" if verdict.status != "fits" else "INFO")
    if verdict.status == "tight" and verdict.best is not None:
        yield Log(f"to leave more room: {verdict.best}", "WARNING")
    raise_if_not_fit(verdict)
    parts = verdict.estimate.breakdown
    weights = parts["trainable"] or parts["weights"]  # what a checkpoint and the result hold: the adapter, or all
    disk = (job.train.keep_checkpoints + 1) * (weights + parts["optimizer"]) + weights
    require_free_space(ws.folder("runs"), disk, f"this run (its {job.train.keep_checkpoints} checkpoints and result)")
    return verdict.estimate, job


def _examples(ws: Workspace, job: TrainJob, base: Any, tokenizer: Any) -> tuple[list, list, Any]:
    version = get_dataset(ws, job.dataset)
    # "plain" as a model's template override means the plain turn format, as in the chat engine.
    name = "plain" if base.template_override == "plain" and job.template == "auto" else job.template
    own = None if name == "plain" else base.template
    template = pick_template(own, name=name, bos_token=base.bos_token or "", eos_token=base.eos_token or "")
    render = RenderConfig(template=name, loss_on=job.loss_on, max_length=job.seq_len, truncation="drop")
    train = tokenize_records(read_split(version, "train"), tokenizer, render, template=template)
    if not train.examples:
        raise DataError(f"none of the {train.dropped} training examples of {version.label} fits in {job.seq_len} "
                        "tokens", "raise --seq-len, or import the dataset with shorter records")
    validation = tokenize_records(read_split(version, "validation"), tokenizer, render, template=template)
    return list(train.examples), list(validation.examples), template


def _rendered_identity(ws: Workspace, job: TrainJob, template: Any) -> str:
    """What decides the training examples' tokens (a key of the teacher's cache)."""
    version = get_dataset(ws, job.dataset)
    return f"{version.id}:{template.name}:{job.seq_len}:{job.loss_on}"


def _save_outputs(recipe: Any, tokenizer: Any, template: Any, folder: Path, job: TrainJob,
                  base: Any, memory: dict[str, int], *, dataset: dict[str, str]) -> dict[str, Any]:
    """The final adapter (or weights), tokenizer and template, written whole beside the checkpoints.

    ``dataset``: the version trained on (:func:`~core.training.provenance.version_record`), kept in
    summary.json as ``dataset_version``.
    """
    name = "model" if job.train.method == "full" else "adapter"
    final = folder / name
    partial = folder / f".{name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    recipe.model.save_pretrained(str(partial), safe_serialization=True)
    save_tokenizer(tokenizer, partial)
    # The format the model was trained with, for export and chat: a Jinja template, or the plain turn format.
    chat_format = template.chat_format()
    if getattr(chat_format, "template", None):
        (partial / "chat_template.jinja").write_text(chat_format.template, encoding="utf-8")
    kind = "template" if getattr(chat_format, "template", None) else "plain"
    atomic_write_json(partial / "chat_format.json", {"kind": kind, "name": template.name, **to_dict(chat_format)})
    shutil.rmtree(final, ignore_errors=True)
    os.replace(partial, final)
    summary = {"steps": recipe.state["step"], "total_steps": recipe.total_steps, "tokens": recipe.state["tokens"],
               "best_val_loss": recipe.state["best_val"], "method": job.train.method, "template": template.name,
               "base": base.name, "source_gguf": str(base.source_gguf) if base.source_gguf else None, **memory}
    atomic_write_json(folder / "summary.json", {**summary, "dataset_version": dataset, "config": to_dict(job)})
    return {"summary": summary, "artifacts": [final]}
