"""Hearth's training recipe against a plain transformers Trainer + PEFT setup, side by side.

Same base, data, sequence length, batch, method, threads and number of steps;
each side runs in its own process. The baseline is what a tutorial writes: the
tokenizer and model loaded with from_pretrained, peft's
prepare_model_for_kbit_training (its default turns gradient checkpointing on),
a collator padding to the longest in the batch, the model's own forward with
full logits, Trainer defaults. Hearth runs as ``hearth train`` does: the base
loaded by core.training.base (mapped weight pages nobody uses released), the
tokenizer dropped once the data is tokenized, the recipe with its defaults
(examples packed without padding, the loss only at trained tokens, fused and
chunked), and once more with gradient checkpointing (which also returns freed
memory to the system at once). Printed: tokens/s (non-padding tokens through
the model, wall time), tokens per CPU-second, peak RSS, Hearth / baseline
ratios (targets: >= 1.3x tokens/s, <= 0.7x memory) and Hearth's memory
pre-flight estimate against the measured peak.

Run: .venv/bin/python benchmarks/train_speed.py [--model default|small-llama] [--method qlora] [--steps 6]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "assets" / "datasets" / "lumen_support.jsonl"

CHILD = r'''
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
args = json.loads(sys.argv[2])
import psutil
import torch
torch.manual_seed(0)
from core.data.records import Record
from core.data.render import RenderConfig, tokenize_records

def examples_of(tok):
    records = [Record.from_dict({"messages": json.loads(l)["messages"], "source": "d", "line": i})
               for i, l in enumerate(open(args["data"], encoding="utf-8"))]
    rendered = tokenize_records(records, tok, RenderConfig(template="plain", max_length=args["seq_len"])).examples
    return list(rendered)[: args["batch"] * args["steps"]]

targets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
estimate = None
if args["side"] == "hearth":
    from pathlib import Path
    import transformers
    from core.training.base import TrainingBase, load_for_training
    from core.training.memory import ModelShape, TrainPlan, estimate_peak
    from core.training.recipe import Recipe, TrainConfig
    runtime = psutil.Process().memory_info().rss
    base = TrainingBase("bench", Path(args["folder"]), "", "", None, None, None, None, None, None, None, False)
    model, tok = load_for_training(base, method=args["method"], device="cpu")
    examples = examples_of(tok)
    cfg = TrainConfig(method=args["method"], max_steps=args["steps"], batch_size=args["batch"], lora_r=16,
                      save_every=10**6, warmup_ratio=0.0, gradient_checkpointing=args["checkpointing"])
    plan = TrainPlan.from_train_config(cfg, seq_len=max(len(e.input_ids) for e in examples), targets=tuple(targets))
    estimate = estimate_peak(ModelShape.from_config(model.config), plan, runtime_baseline=runtime).total
    recipe = Recipe(model, tok, examples, [], cfg, Path(args["tmp"]) / "run", targets=targets)
    del tok  # as core.training.run: the tokenizer is not kept through training
    recipe.setup()
    start, cpu = time.perf_counter(), sum(os.times()[:2])
    for _ in recipe.train():
        pass
else:
    import peft
    from transformers import (AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig, DataCollatorForSeq2Seq,
                              Trainer, TrainingArguments)
    tok = AutoTokenizer.from_pretrained(args["folder"])
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    examples = examples_of(tok)
    quant = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                               bnb_4bit_compute_dtype=torch.float32) if args["method"] == "qlora" else None
    model = AutoModelForCausalLM.from_pretrained(args["folder"], quantization_config=quant, dtype=torch.float32)
    if args["method"] == "qlora":
        model = peft.prepare_model_for_kbit_training(model)  # its default: gradient checkpointing on
    model = peft.get_peft_model(model, peft.LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05,
                                                       target_modules=targets, task_type="CAUSAL_LM"))
    rows = [{"input_ids": list(e.input_ids), "labels": list(e.labels), "attention_mask": [1] * len(e.input_ids)}
            for e in examples]
    targs = TrainingArguments(output_dir=args["tmp"], per_device_train_batch_size=args["batch"],
                              max_steps=args["steps"], learning_rate=2e-4, report_to=[], save_strategy="no",
                              logging_strategy="no", use_cpu=True, dataloader_num_workers=0, disable_tqdm=True)
    trainer = Trainer(model=model, args=targs, train_dataset=rows,
                      data_collator=DataCollatorForSeq2Seq(tok, padding="longest", label_pad_token_id=-100))
    start, cpu = time.perf_counter(), sum(os.times()[:2])
    trainer.train()
seconds, cpu = time.perf_counter() - start, sum(os.times()[:2]) - cpu
print(json.dumps({"tokens": sum(len(e.input_ids) for e in examples), "seconds": seconds, "cpu": cpu,
                  "estimate": estimate,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
'''


def small_llama(folder: Path) -> None:
    """A Llama-shaped model of about 60M parameters with a 32k vocabulary, random weights, and a tokenizer."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    sys.path.insert(0, str(ROOT))
    from tests.tiny import tiny_tokenizer

    texts = [json.loads(line)["messages"][-1]["content"] for line in DATA.open(encoding="utf-8")]
    tok = tiny_tokenizer(texts, vocab_size=2000)
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=32000, hidden_size=512, intermediate_size=1408,
                                         num_hidden_layers=8, num_attention_heads=8, num_key_value_heads=4))
    model.save_pretrained(folder)
    tok.save_pretrained(folder)


def default_model_folder() -> Path:
    sys.path.insert(0, str(ROOT))
    from core.training.base import prepare_base
    from core.workspace import Workspace

    return prepare_base(Workspace(), None).folder


def run_side(side: str, folder: Path, opts: argparse.Namespace, tmp: str, checkpointing: bool = False) -> dict:
    args = {"side": side, "folder": str(folder), "data": str(DATA), "seq_len": opts.seq_len, "batch": opts.batch,
            "steps": opts.steps, "method": opts.method, "tmp": tmp, "checkpointing": checkpointing}
    env = {**os.environ, "OMP_NUM_THREADS": str(opts.threads)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), json.dumps(args)], capture_output=True, text=True,
                         env=env, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"{side} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("default", "small-llama"), default="default")
    parser.add_argument("--method", choices=("qlora", "lora"), default="qlora")
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--seq-len", type=int, default=256)
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads, the same on every side")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "small-llama"
        if opts.model == "small-llama":
            small_llama(folder)
        else:
            folder = default_model_folder()
        sides = {"Trainer + PEFT (baseline)": run_side("baseline", folder, opts, tmp),
                 "Hearth recipe (defaults)": run_side("hearth", folder, opts, tmp),
                 "Hearth, gradient_checkpointing": run_side("hearth", folder, opts, tmp, checkpointing=True)}
    print(f"{opts.model}, {opts.method}, {opts.steps} steps of {opts.batch} x <= {opts.seq_len} tokens, "
          f"{opts.threads} CPU threads")
    report(sides)


def report(sides: dict[str, dict]) -> None:
    """One line per side: speed and peak, and for Hearth the ratios to the baseline and the pre-flight estimate."""
    base = next(iter(sides.values()))
    base_rate = base["tokens"] / base["seconds"]
    print(f"{'':31}{'tokens/s':>9}{'per CPU-s':>10}{'peak MiB':>9}{'speed':>7}{'memory':>7}{'estimate MiB':>19}")
    for name, side in sides.items():
        rate = side["tokens"] / side["seconds"]
        line = f"{name:31}{rate:9.1f}{side['tokens'] / side['cpu']:10.1f}{side['peak_mib']:9.0f}"
        if side is not base:
            estimate = side["estimate"] / 2**20
            line += (f"{rate / base_rate:6.2f}x{side['peak_mib'] / base['peak_mib']:6.2f}x"
                     f"{estimate:9,.0f} ({estimate / side['peak_mib']:.2f}x)")
        print(line)
    print("targets: speed >= 1.3x, memory <= 0.7x. tokens/s is wall time, which other load on the machine skews "
          "(per CPU-s less so); peak RSS is not skewed")


if __name__ == "__main__":
    main()
