"""Memory pre-flight: the estimate against real training steps, verdicts, suggestions, the meter.

The calibration tests train tiny and small random-weight models for two steps
in a child process each (so the peak resident size is the run's own) and hold
the estimate to 25% of the measured peak. Run as a script, this file is that
child: ``python tests/test_training_memory.py '<case as JSON>'`` prints one JSON line.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from core.errors import ConfigError, OutOfMemory
from core.training.memory import (
    MemoryEstimate,
    ModelShape,
    PeakMeter,
    TrainPlan,
    estimate_peak,
    free_memory,
    preflight,
    raise_if_not_fit,
)

ROOT = Path(__file__).resolve().parent.parent
MiB, GiB = 2**20, 2**30
LINEARS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")

TINY = {"hidden_size": 64, "num_hidden_layers": 2, "intermediate_size": 172, "num_attention_heads": 4,
        "num_key_value_heads": 2, "vocab_size": 1000}
# Large enough that weights, optimizer states and activations outweigh the runtime (~430 MiB).
SMALL = {"hidden_size": 512, "num_hidden_layers": 8, "intermediate_size": 1376, "num_attention_heads": 8,
         "num_key_value_heads": 4, "vocab_size": 32000}
SMALL_GEMMA3 = {**SMALL, "head_dim": 64, "sliding_window": 128}
# The default model, Gemma 3 270M: the sizes in the gemma3.* keys of its GGUF's metadata.
GEMMA3_270M = {"hidden_size": 640, "num_hidden_layers": 18, "intermediate_size": 2048, "num_attention_heads": 4,
               "num_key_value_heads": 1, "head_dim": 256, "vocab_size": 262144, "sliding_window": 512}


@dataclass(frozen=True)
class Case:
    """One measured run: a random-weight model, a method, two training steps."""

    name: str
    config_class: str
    config: dict[str, Any]
    method: str
    checkpointing: bool
    batch: int
    seq: int
    rank: int = 8

    def model_config(self) -> Any:
        import transformers

        return getattr(transformers, self.config_class)(**self.config)

    def plan(self) -> TrainPlan:
        return TrainPlan(method=self.method, lora_rank=self.rank, lora_dropout=0.05, batch_size=self.batch,
                         seq_len=self.seq, gradient_checkpointing=self.checkpointing, compute_dtype="fp32")


CASES = [
    Case("tiny-llama-lora", "LlamaConfig", TINY, "lora", False, 2, 256),
    Case("tiny-llama-full-ckpt", "LlamaConfig", TINY, "full", True, 2, 256),
    Case("small-llama-lora", "LlamaConfig", SMALL, "lora", False, 1, 256),
    Case("small-llama-lora-ckpt", "LlamaConfig", SMALL, "lora", True, 2, 256),
    Case("small-llama-full", "LlamaConfig", SMALL, "full", False, 1, 256),
    Case("small-llama-full-ckpt", "LlamaConfig", SMALL, "full", True, 2, 256),
    Case("small-gemma3-full", "Gemma3TextConfig", SMALL_GEMMA3, "full", False, 2, 128),
    Case("small-llama-qlora", "LlamaConfig", SMALL, "qlora", False, 1, 256),
]
SLOW_CASES = [
    Case("gemma3-270m-lora", "Gemma3TextConfig", GEMMA3_270M, "lora", False, 1, 256, rank=16),
    Case("gemma3-270m-lora-ckpt", "Gemma3TextConfig", GEMMA3_270M, "lora", True, 2, 256, rank=16),
    Case("gemma3-270m-full", "Gemma3TextConfig", GEMMA3_270M, "full", False, 1, 128),
    Case("gemma3-270m-qlora", "Gemma3TextConfig", GEMMA3_270M, "qlora", False, 1, 256, rank=16),
]


# --------------------------------------------------------------------------- the child


def _child(case: Case) -> dict[str, Any]:
    """Build the model, train two steps as core.training.recipe does, measure; in a fresh process."""
    import psutil

    process = psutil.Process()
    import peft
    import torch
    import transformers
    from transformers.utils import logging as hf_logging

    if case.method == "qlora":
        import bitsandbytes  # noqa: F401
    hf_logging.set_verbosity_error()
    torch.set_num_threads(1)
    start = process.memory_info()  # the runtime, before any model: the estimate's overhead
    torch.manual_seed(0)
    model = _child_model(case, torch, transformers, peft)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-4)
    vocab = case.config["vocab_size"]
    ids = torch.randint(0, vocab, (case.batch, case.seq))
    mask, labels = torch.ones_like(ids), ids.clone()
    if case.batch > 1:  # the last example shorter and padded, as the recipe's batches are
        mask[-1, case.seq // 2:], labels[-1, case.seq // 2:] = 0, -100

    def step() -> None:  # core.training.recipe: Recipe._loss_sum and one turn of Recipe.train
        out = model(input_ids=ids, attention_mask=mask)
        logits = out.logits[:, -labels.shape[1]:, :][:, :-1, :].float()
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, vocab), labels[:, 1:].reshape(-1),
                                                 ignore_index=-100, reduction="sum")
        del out, logits
        (loss / int((labels[:, 1:] != -100).sum())).backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)

    with PeakMeter("cpu") as meter:
        for _ in range(2):  # the second step's backward has the optimizer states too
            step()
    end = process.memory_info()
    return {"baseline": start.rss, "peak": meter.peak, "seconds": meter.seconds,
            # file-backed resident pages (Linux): libraries, and a checkpoint the loader mapped
            "file_backed_growth": getattr(end, "shared", 0) - getattr(start, "shared", 0),
            "trainable": sum(p.numel() for p in params), "total": sum(p.numel() for p in model.parameters())}


def _child_model(case: Case, torch: Any, transformers: Any, peft: Any) -> Any:
    config = case.model_config()
    auto = transformers.AutoModelForCausalLM
    if case.method == "qlora":  # as core.training.base.load_for_training: a safetensors folder, nf4
        import tempfile

        quant = transformers.BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                                bnb_4bit_use_double_quant=True, bnb_4bit_compute_dtype=torch.float32)
        # the loader maps the file; the mapping outlives the folder
        with tempfile.TemporaryDirectory(prefix="hearth-qlora-") as folder:
            auto.from_config(config).save_pretrained(folder)
            model = auto.from_pretrained(folder, quantization_config=quant, dtype=torch.float32,
                                         device_map={"": "cpu"})
        model = peft.prepare_model_for_kbit_training(model, use_gradient_checkpointing=case.checkpointing)
    else:
        model = auto.from_config(config)
    if case.method in ("lora", "qlora"):
        model = peft.get_peft_model(model, peft.LoraConfig(r=case.rank, lora_alpha=2 * case.rank, lora_dropout=0.05,
                                                           target_modules=list(LINEARS), task_type="CAUSAL_LM"))
    if case.checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    model.train()
    return model


def _measure(case: Case) -> dict[str, Any]:
    # One intra-op thread: two children share the two cores, and torch's spinning
    # threads slow down tenfold when a core is taken.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), json.dumps(dataclasses.asdict(case))],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=280)
    if proc.returncode != 0:
        raise AssertionError(f"the training child for {case.name} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def measured(request: pytest.FixtureRequest):
    """Futures of the measurements of the selected cases, run two at a time from the start."""
    wanted = [item.callspec.params["case"] for item in request.session.items
              if item.module is request.module and "case" in getattr(getattr(item, "callspec", None), "params", {})]
    pool = ThreadPoolExecutor(max_workers=2)
    futures: dict[str, Future] = {}
    for case in wanted:
        if case.name not in futures:
            futures[case.name] = pool.submit(_measure, case)
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


def _check_against_measured(case: Case, measured: dict[str, Future]) -> None:
    got = measured[case.name].result()
    shape = ModelShape.from_config(case.model_config())
    estimate = estimate_peak(shape, case.plan(), runtime_baseline=got["baseline"])
    ratio = estimate.total / got["peak"]
    line = (f"{case.name}: estimate {estimate.total / MiB:,.0f} MiB, measured {got['peak'] / MiB:,.0f} MiB, "
            f"ratio {ratio:.3f} ({estimate.phase}; baseline {got['baseline'] / MiB:,.0f} MiB, "
            f"file-backed +{got['file_backed_growth'] / MiB:,.0f} MiB, {got['seconds']:.1f} s; {estimate.describe()})")
    print(line)
    if case.method != "qlora":  # the child's own count of what trains matches the shape's
        assert got["total"] - (got["trainable"] if case.method == "lora" else 0) == shape.total_params, line
    if case.method in ("lora", "qlora"):
        assert estimate.breakdown["trainable"] == got["trainable"] * 4, line
    assert 0.75 <= ratio <= 1.25, line


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_estimate_is_within_25_percent_of_the_measured_peak(case: Case, measured: dict[str, Future]) -> None:
    _check_against_measured(case, measured)


@pytest.mark.slow
@pytest.mark.parametrize("case", SLOW_CASES, ids=lambda c: c.name)
def test_estimate_holds_for_the_default_models_shape(case: Case, measured: dict[str, Future]) -> None:
    _check_against_measured(case, measured)


# --------------------------------------------------------------------------- the shape and the activations

ARCHITECTURES = {"llama": "LlamaConfig", "qwen2": "Qwen2Config", "qwen3": "Qwen3Config", "gemma3": "Gemma3TextConfig"}
MICRO = {"hidden_size": 128, "num_hidden_layers": 2, "intermediate_size": 344, "num_attention_heads": 4,
         "num_key_value_heads": 2, "head_dim": 32, "vocab_size": 512}


def _micro_config(arch: str, **extra: Any) -> Any:
    import transformers

    if arch == "gemma3":
        extra.setdefault("sliding_window", 32)
    return getattr(transformers, ARCHITECTURES[arch])(**MICRO, **extra)


@pytest.mark.parametrize("tied", [True, False])
@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_shape_counts_the_parameters_the_model_has(arch: str, tied: bool) -> None:
    import transformers

    config = _micro_config(arch, tie_word_embeddings=tied)
    model = transformers.AutoModelForCausalLM.from_config(config)
    shape = ModelShape.from_config(config)
    assert shape.total_params == sum(p.numel() for p in model.parameters())
    linear = sum(m.weight.numel() for name, m in model.named_modules() if name.rsplit(".", 1)[-1] in LINEARS)
    assert shape.linear_params == linear
    assert shape.embedding_params == config.vocab_size * config.hidden_size * (1 if tied else 2)
    assert (shape.num_heads, shape.num_kv_heads, shape.head_dim) == (4, 2, 32)


def test_shape_reads_a_dict_and_the_text_part_of_a_multimodal_config() -> None:
    import transformers

    text = _micro_config("gemma3")
    whole = transformers.Gemma3Config(text_config=text.to_dict())
    assert ModelShape.from_config(whole) == ModelShape.from_config(text)
    assert ModelShape.from_config(text.to_dict()) == ModelShape.from_config(text)
    assert ModelShape.from_config({"text_config": text.to_dict()}) == ModelShape.from_config(text)
    with pytest.raises(ConfigError, match="hidden_size"):
        ModelShape.from_config({"model_type": "mystery", "num_hidden_layers": 2})


def _saved_bytes(arch: str, method: str, dtype: str, batch: int = 2, seq: int = 64) -> int:
    """Bytes autograd keeps after a forward and the recipe's loss on a padded batch (parameters aside)."""
    import peft
    import torch
    import transformers

    torch.manual_seed(0)
    model = transformers.AutoModelForCausalLM.from_config(_micro_config(arch))
    model = model.to(torch.float32 if dtype == "fp32" else torch.bfloat16)
    if method == "lora":
        model = peft.get_peft_model(model, peft.LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05,
                                                           target_modules=list(LINEARS), task_type="CAUSAL_LM"))
    elif method == "prompt":
        model = peft.get_peft_model(model, peft.PromptTuningConfig(num_virtual_tokens=16, task_type="CAUSAL_LM"))
    model.train()
    ids = torch.randint(0, MICRO["vocab_size"], (batch, seq))
    mask = torch.ones_like(ids)
    mask[-1, seq // 2:] = 0
    params = {p.untyped_storage().data_ptr() for p in model.parameters()}
    seen: dict[int, int] = {}

    def pack(t: Any) -> Any:
        storage = t.untyped_storage()
        if storage.data_ptr() not in params:
            seen[storage.data_ptr()] = max(seen.get(storage.data_ptr(), 0), storage.nbytes())
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        logits = model(input_ids=ids, attention_mask=mask).logits[:, -seq:, :][:, :-1, :].float()
        torch.nn.functional.cross_entropy(logits.reshape(-1, MICRO["vocab_size"]), ids[:, 1:].reshape(-1))
    return sum(seen.values())


@pytest.mark.parametrize("dtype", ["fp32", "bf16"])
@pytest.mark.parametrize("method", ["full", "lora", "prompt"])
@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_activation_term_matches_what_autograd_keeps(arch: str, method: str, dtype: str) -> None:
    saved = _saved_bytes(arch, method, dtype)
    plan = TrainPlan(method=method, lora_rank=8, lora_dropout=0.05, virtual_tokens=16, batch_size=2, seq_len=64,
                     compute_dtype=dtype)
    estimate = estimate_peak(ModelShape.from_config(_micro_config(arch)), plan)
    tokens = 2 * (64 + (16 if method == "prompt" else 0))
    # the loss keeps one fp32 log-softmax, which the estimate counts under logits
    predicted = estimate.breakdown["activations"] + tokens * MICRO["vocab_size"] * 4
    assert 0.9 <= predicted / saved <= 1.1, f"predicted {predicted} bytes, autograd kept {saved}"


# --------------------------------------------------------------------------- the estimate's terms


def _llama_7b() -> ModelShape:
    import transformers

    # Llama 2 7B's config.json sizes (6.74 billion parameters)
    return ModelShape.from_config(transformers.LlamaConfig(
        hidden_size=4096, num_hidden_layers=32, intermediate_size=11008, num_attention_heads=32,
        num_key_value_heads=32, vocab_size=32000, tie_word_embeddings=False))


def test_seven_billion_parameters_at_their_precision() -> None:
    shape = _llama_7b()
    assert shape.total_params == 6_738_415_616  # Llama-2-7b's published parameter count
    bf16 = estimate_peak(shape, TrainPlan(method="lora", compute_dtype="bf16", device="cuda:0"))
    nf4 = estimate_peak(shape, TrainPlan(method="qlora", compute_dtype="bf16", device="cuda:0"))
    assert bf16.breakdown["weights"] == shape.total_params * 2
    # 4-bit layers with double-quantized absmax (0.516 bytes a weight) and fp32 embeddings, head and norms
    nf4_bytes = 0.5 + 1 / 64 + 4 / (64 * 256)
    rest = shape.embedding_params + shape.other_params
    assert nf4.breakdown["weights"] == int(shape.linear_params * nf4_bytes + rest * 4)
    assert 4.0 * GiB < nf4.breakdown["weights"] < 4.2 * GiB
    full = estimate_peak(shape, TrainPlan(method="full", compute_dtype="fp32", device="cuda:0"))
    assert full.phase == "optimizer step"
    assert full.breakdown["gradients"] == shape.total_params * 4
    assert full.breakdown["optimizer"] >= shape.total_params * 8
    eight_bit = estimate_peak(shape, TrainPlan(method="full", optimizer="adamw_8bit", device="cuda:0"))
    assert eight_bit.breakdown["optimizer"] < full.breakdown["optimizer"] / 3


def test_each_memory_saving_option_lowers_its_term() -> None:
    shape = _llama_7b()
    plan = TrainPlan(method="lora", batch_size=4, seq_len=2048, compute_dtype="bf16", device="cuda:0")
    base = estimate_peak(shape, plan).breakdown
    ckpt = estimate_peak(shape, dataclasses.replace(plan, gradient_checkpointing=True)).breakdown
    chunked = estimate_peak(shape, dataclasses.replace(plan, chunked_ce=True, ce_chunk_tokens=1024)).breakdown
    assert ckpt["activations"] < base["activations"] / 5
    # the unchunked loss: three fp32 copies of batch x seq x vocab plus the bf16 logits
    assert base["logits"] == 4 * 2048 * 32000 * 14
    # chunked: one chunk's fp32 logits, made into their gradient in place, and the bf16 logits of the matmul
    assert chunked["logits"] == 1024 * 32000 * 6
    half = estimate_peak(shape, dataclasses.replace(plan, batch_size=2)).breakdown
    assert half["activations"] == base["activations"] // 2


def test_plan_refuses_what_cannot_be() -> None:
    with pytest.raises(ConfigError, match="nf4"):
        TrainPlan(method="lora", weight_dtype="nf4")
    with pytest.raises(ConfigError, match="qlora"):
        TrainPlan(method="qlora", weight_dtype="bf16")
    with pytest.raises(ConfigError, match="gpu"):
        TrainPlan(device="gpu")
    with pytest.raises(ConfigError, match="method"):
        TrainPlan(method="dreambooth")
    assert TrainPlan(method="qlora").frozen_dtype == "nf4"
    assert TrainPlan(method="lora", compute_dtype="bf16").frozen_dtype == "bf16"


def test_plan_from_the_recipes_train_config() -> None:
    from core.training.recipe import TrainConfig

    config = TrainConfig(method="qlora", batch_size=2, grad_accum=4, lora_r=32, lora_dropout=0.0,
                         gradient_checkpointing=True, target_modules=("q_proj", "v_proj"))
    plan = TrainPlan.from_train_config(config, seq_len=768, device="cuda:0", compute_dtype="bf16")
    assert (plan.method, plan.frozen_dtype, plan.lora_rank, plan.lora_dropout) == ("qlora", "nf4", 32, 0.0)
    assert (plan.batch_size, plan.grad_accum, plan.seq_len, plan.device) == (2, 4, 768, "cuda:0")
    assert plan.target_modules == ("q_proj", "v_proj") and plan.gradient_checkpointing
    fallback = TrainPlan.from_train_config(TrainConfig(method="lora"), seq_len=256, targets=("q_proj",))
    assert fallback.target_modules == ("q_proj",)
    shape = ModelShape.from_config(_micro_config("llama"))
    two = estimate_peak(shape, plan).breakdown["trainable"]
    seven = estimate_peak(shape, dataclasses.replace(plan, target_modules=LINEARS)).breakdown["trainable"]
    # r x (in + out) of q (128 -> 128) and v (128 -> 2 kv heads x 32), in 2 layers, in fp32
    assert two == 32 * ((128 + 128) + (128 + 64)) * 2 * 4 < seven


# --------------------------------------------------------------------------- verdicts and suggestions


def test_seven_billion_lora_against_8_gib_does_not_fit_and_says_what_would() -> None:
    shape = _llama_7b()
    plan = TrainPlan(method="lora", batch_size=4, seq_len=1024, compute_dtype="bf16", device="cuda:0")
    verdict = preflight(shape, plan, free=8 * GiB)
    assert verdict.status == "does_not_fit"
    assert verdict.estimate.total > 13 * GiB  # the bf16 weights alone
    kinds = [s.kind for s in verdict.suggestions]
    assert {"checkpointing", "qlora", "batch", "dropout", "sequence", "chunked_ce"} <= set(kinds)
    totals = [s.estimate.total for s in verdict.suggestions]
    assert totals == sorted(totals)
    assert all(t < verdict.estimate.total for t in totals)
    qlora = next(s for s in verdict.suggestions if s.kind == "qlora")
    assert qlora.plan.method == "qlora" and qlora.plan.frozen_dtype == "nf4"
    assert qlora.estimate.breakdown["weights"] < verdict.estimate.breakdown["weights"] / 2.5
    ckpt = next(s for s in verdict.suggestions if s.kind == "checkpointing")
    assert ckpt.estimate.breakdown["activations"] < verdict.estimate.breakdown["activations"]
    # no single change is enough; QLoRA with checkpointing (and what else it takes) is
    best = verdict.best
    assert best is not None and best.kind == "combined"
    assert best.plan.method == "qlora" and best.plan.gradient_checkpointing
    assert best.estimate.total <= 0.85 * 8 * GiB
    assert preflight(shape, best.plan, free=8 * GiB).status == "fits"


def test_verdict_is_fits_tight_or_does_not_fit_by_share_of_free() -> None:
    shape = ModelShape.from_config(_micro_config("llama"))
    plan = TrainPlan(method="lora", seq_len=128)
    total = estimate_peak(shape, plan).total
    assert preflight(shape, plan, free=2 * total).status == "fits"
    assert preflight(shape, plan, free=2 * total).suggestions == ()
    tight = preflight(shape, plan, free=int(total / 0.9))
    assert tight.status == "tight" and tight.ok
    raise_if_not_fit(tight)  # a warning, not a refusal
    assert preflight(shape, plan, free=total - 1).status == "does_not_fit"
    assert preflight(shape, plan, "cuda:1", free=2 * total).estimate.device == "cuda:1"


def test_out_of_memory_names_the_numbers_and_the_best_suggestion() -> None:
    shape = _llama_7b()
    plan = TrainPlan(method="lora", seq_len=512, gradient_checkpointing=True, compute_dtype="bf16", device="cuda:0")
    verdict = preflight(shape, plan, free=12 * GiB)
    assert verdict.status == "does_not_fit"
    with pytest.raises(OutOfMemory) as raised:
        raise_if_not_fit(verdict)
    error = raised.value
    assert f"{verdict.estimate.total / GiB:.2f} GiB" in error.message
    assert "12.00 GiB is free" in error.message
    assert "cuda:0" in error.message
    best = verdict.best
    assert best is not None and best.kind == "qlora"  # the bf16 weights alone are more than 12 GiB
    assert error.hint.startswith(best.action)
    assert f"{best.estimate.total / GiB:.2f} GiB" in error.hint


def test_best_prefers_the_gentlest_change_that_fits() -> None:
    shape = _llama_7b()
    plan = TrainPlan(method="qlora", batch_size=8, seq_len=2048, compute_dtype="bf16", device="cuda:0")
    estimate = estimate_peak(shape, plan)
    ckpt = estimate_peak(shape, dataclasses.replace(plan, gradient_checkpointing=True))
    verdict = preflight(shape, plan, free=int(estimate.total * 0.8))
    assert ckpt.total <= 0.85 * verdict.free  # checkpointing alone is enough here
    assert verdict.best is not None and verdict.best.kind == "checkpointing"


# --------------------------------------------------------------------------- measuring


def test_peak_meter_sees_a_short_allocation_and_compares() -> None:
    import psutil

    before = psutil.Process().memory_info().rss
    with PeakMeter("cpu", interval=0.005) as meter:
        block = b"\x01" * (300 * MiB)  # written, so resident
        del block
    assert meter.peak >= before + 290 * MiB
    assert meter.seconds > 0
    estimate = MemoryEstimate({"weights": meter.peak // 2}, "backward", "cpu")
    assert meter.compare(estimate) == pytest.approx(0.5, rel=0.01)


def test_peak_meter_refuses_to_compare_before_measuring() -> None:
    with pytest.raises(ValueError, match="context manager"):
        PeakMeter().compare(MemoryEstimate({"weights": 1}, "backward", "cpu"))


def test_free_memory_on_cpu_is_what_the_system_has_available() -> None:
    import psutil

    free = free_memory("cpu")
    assert 0 < free <= psutil.virtual_memory().total


if __name__ == "__main__":
    fields = json.loads(sys.argv[1])
    print(json.dumps(_child(Case(**fields))))
