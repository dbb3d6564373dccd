"""Hearth's training recipe against a plain transformers Trainer + PEFT setup, side by side.

Same base, data, sequence length, batch, method and number of steps; each side
runs in its own process. The baseline is what a tutorial writes: a collator
padding to the longest in the batch, the model's own forward with full logits,
Trainer defaults. Hearth's recipe computes the loss only at trained tokens, a
chunk at a time. Printed: tokens/s (non-padding tokens through the model) and
peak RSS, with Hearth / baseline ratios (targets: >= 1.3x tokens/s, <= 0.7x memory).

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
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
args = json.loads(sys.argv[2])
import torch
torch.manual_seed(0)
from core.data.records import Record
from core.data.render import RenderConfig, tokenize_records
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

tok = AutoTokenizer.from_pretrained(args["folder"])
if tok.pad_token is None:
    tok.pad_token = tok.eos_token
records = [Record.from_dict({"messages": json.loads(l)["messages"], "source": "d", "line": i})
           for i, l in enumerate(open(args["data"], encoding="utf-8"))]
examples = tokenize_records(records, tok, RenderConfig(template="plain", max_length=args["seq_len"])).examples
examples = list(examples)[: args["batch"] * args["steps"]]
tokens = sum(len(e.input_ids) for e in examples)
quant = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                           bnb_4bit_compute_dtype=torch.float32) if args["method"] == "qlora" else None
model = AutoModelForCausalLM.from_pretrained(args["folder"], quantization_config=quant, dtype=torch.float32)
targets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
start = time.perf_counter()
if args["side"] == "hearth":
    from pathlib import Path
    from core.training.recipe import Recipe, TrainConfig
    cfg = TrainConfig(method=args["method"], max_steps=args["steps"], batch_size=args["batch"], lora_r=16,
                      save_every=10**6, warmup_ratio=0.0)
    recipe = Recipe(model, tok, examples, [], cfg, Path(args["tmp"]) / "run", targets=targets)
    recipe.setup()
    start = time.perf_counter()
    for _ in recipe.train():
        pass
else:
    import peft
    from transformers import DataCollatorForSeq2Seq, Trainer, TrainingArguments
    if args["method"] == "qlora":
        model = peft.prepare_model_for_kbit_training(model)
    model = peft.get_peft_model(model, peft.LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05,
                                                       target_modules=targets, task_type="CAUSAL_LM"))
    rows = [{"input_ids": list(e.input_ids), "labels": list(e.labels), "attention_mask": [1] * len(e.input_ids)}
            for e in examples]
    targs = TrainingArguments(output_dir=args["tmp"], per_device_train_batch_size=args["batch"],
                              max_steps=args["steps"], learning_rate=2e-4, report_to=[], save_strategy="no",
                              logging_strategy="no", use_cpu=True, dataloader_num_workers=0, disable_tqdm=True)
    trainer = Trainer(model=model, args=targs, train_dataset=rows,
                      data_collator=DataCollatorForSeq2Seq(tok, padding="longest", label_pad_token_id=-100))
    start = time.perf_counter()
    trainer.train()
seconds = time.perf_counter() - start
print(json.dumps({"tokens": tokens, "seconds": seconds,
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


def run_side(side: str, folder: Path, opts: argparse.Namespace, tmp: str) -> dict:
    args = {"side": side, "folder": str(folder), "data": str(DATA), "seq_len": opts.seq_len, "batch": opts.batch,
            "steps": opts.steps, "method": opts.method, "tmp": tmp}
    env = {**os.environ, "OMP_NUM_THREADS": str(os.cpu_count())}
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
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "small-llama"
        if opts.model == "small-llama":
            small_llama(folder)
        else:
            folder = default_model_folder()
        base = run_side("baseline", folder, opts, tmp)
        ours = run_side("hearth", folder, opts, tmp)
    rate = {k: v["tokens"] / v["seconds"] for k, v in (("base", base), ("ours", ours))}
    print(f"{opts.model}, {opts.method}, {opts.steps} steps of {opts.batch} x <= {opts.seq_len} tokens, "
          f"{os.cpu_count()} CPU threads")
    print(f"Trainer + PEFT (baseline)  {rate['base']:8.1f} tokens/s   peak {base['peak_mib']:7.0f} MiB")
    print(f"Hearth recipe              {rate['ours']:8.1f} tokens/s   peak {ours['peak_mib']:7.0f} MiB")
    print(f"ratios: speed {rate['ours'] / rate['base']:.2f}x (target >= 1.3), "
          f"memory {ours['peak_mib'] / base['peak_mib']:.2f}x (target <= 0.7)")


if __name__ == "__main__":
    main()
