"""Checking a run before it starts: the model's shape from the catalog alone, suggestions written back."""

from __future__ import annotations

from core.errors import ModelError
from core.models import import_gguf
from core.training.check import apply_suggestion, memory_verdict, model_config, train_checks
from core.training.memory import ModelShape
from core.training.recipe import TrainConfig
from core.training.run import TrainJob


def test_a_gguf_gives_its_shape_without_loading(workspace, tiny_gguf):
    record = import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    config = model_config(workspace, record)
    assert config["architectures"] == ["LlamaForCausalLM"] and config["hidden_size"] == 64
    # The parameter count from the shape is the file's own (written by converters.synthetic).
    assert ModelShape.from_config(config).total_params == record.parameters


def test_a_tight_plan_gets_a_suggestion_that_is_written_back(workspace, tiny_gguf):
    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    job = TrainJob(dataset="-", model="tiny", seq_len=512, device="cpu",
                   train=TrainConfig(method="lora", batch_size=8, lora_dropout=0.1))
    fits = memory_verdict(workspace, job)
    assert fits.status == "fits"
    squeezed = memory_verdict(workspace, job, free=int(fits.estimate.total * 0.9))
    assert squeezed.status == "does_not_fit" and squeezed.best is not None
    changed = apply_suggestion(job, squeezed.best)
    assert changed != job and changed.dataset == job.dataset
    after = memory_verdict(workspace, changed, free=int(fits.estimate.total * 0.9))
    assert after.estimate.total < squeezed.estimate.total
    for kind in ("batch", "checkpointing", "dropout"):
        suggestion = next((s for s in squeezed.suggestions if s.kind == kind), None)
        if suggestion is not None:
            plan, written = suggestion.plan, apply_suggestion(job, suggestion).train
            assert (written.batch_size, written.grad_accum, written.gradient_checkpointing, written.lora_dropout) == \
                (plan.batch_size, plan.grad_accum, plan.gradient_checkpointing, plan.lora_dropout)


def test_train_checks_gives_both_verdicts_and_never_raises(workspace, tiny_gguf):
    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    job = TrainJob(dataset="-", model="tiny", seq_len=512, device="cpu", train=TrainConfig(method="lora"))
    out = train_checks(workspace, job)
    assert out.job is job and out.verdict_error is None and out.export_error is None
    assert out.verdict.estimate.total == memory_verdict(workspace, job).estimate.total
    assert out.export == (True, True, "")  # a Llama LoRA exports both merged and as an adapter
    full = train_checks(workspace, TrainJob(dataset="-", model="tiny", seq_len=512, device="cpu",
                                            train=TrainConfig(method="full")))
    assert (full.export.merged, full.export.adapter) == (True, False)
    missing = train_checks(workspace, TrainJob(dataset="-", model="nothing-here", device="cpu"))
    assert missing.verdict is None and missing.export is None
    assert isinstance(missing.verdict_error, ModelError) and missing.export_error is missing.verdict_error
