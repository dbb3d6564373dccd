"""Hearth's streaming HF -> GGUF export against a load-everything converter, side by side.

Hearth's side converts the model folder to an F16 GGUF with ``converters.convert_hf``
(the header first, then one tensor at a time read from the safetensors file),
then quantises that file to Q4_K_M with llama.cpp's quantiser
(``core.export.quantize``). The baseline is what a simple converter does: load
the whole model with transformers in float32, encode every tensor to F16 and
hand them all to ``gguf.GGUFWriter``, which keeps them in memory until it writes
the file. It uses Hearth's tensor names, transforms and types and the same
tokenizer keys, so both F16 files should hold the same tensors; the script checks
that they do. The quantiser is not run on the baseline's file: its input would
be the same tensors, so it would do the same work.

Each step runs in its own process; printed per step: seconds, peak RSS, the RSS
after the imports, and the most of the RSS that was file-backed (resident pages
of mapped files: the safetensors weights, the quantiser's input), with Hearth /
baseline ratios and the peak as a share of the model's F32 size. The peak is the
child's VmHWM (Linux), not its ru_maxrss: a child's ru_maxrss starts at the
parent's RSS at the spawn (Linux keeps the high-water mark of the address space
an exec replaces), and the parent holds a model when --model small-llama builds one.
The Q4_K_M file is then loaded by llama.cpp and asked for one greedy token, so a
broken file is not timed as a success.

With no --model it uses the default model (Gemma 3 270M Q4_K_M) through its
training cache (an fp32 safetensors folder, built once in the workspace).
``--model small-llama`` builds a random Llama (hidden 1024, 8 layers, 32k
vocabulary) in a temp folder instead, for a quick check.

Run: .venv/bin/python benchmarks/export_speed.py [--model default|small-llama] [--threads 2]
(e.g. with HEARTH_HOME=/tmp/hearth-bench-home, so the training cache is built once).
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
import json, os, sys, threading, time
sys.path.insert(0, sys.argv[1])
args = json.loads(sys.argv[2])
from pathlib import Path

def status_mib(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0

import torch
import gguf
from converters import convert_hf
from converters.gguf_file import typed
from converters.registry import converter_for, load_config
from converters.tokenizer import gguf_tokenizer_kvs, hf_tokenizer_kvs
from converters.writer import OUTTYPES, choose_type, encode
from core.export.quantize import quantize
startup = status_mib("VmHWM")

def baseline(folder, out, tokenizer_gguf):
    """Load all, encode all, write all: every F16 array is held until the writer writes the file."""
    from transformers import AutoModelForCausalLM
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)
    arch = converter_for(load_config(Path(folder)))
    qtype, file_type = OUTTYPES["f16"]
    writer = gguf.GGUFWriter(out, arch.gguf_arch)
    kvs = {"general.type": typed("model"), "general.name": typed(Path(folder).name),
           "general.file_type": typed(int(file_type)), **{k: typed(v) for k, v in arch.hparams().items()}}
    mapped = [m for name, tensor in model.state_dict().items() for m in arch.map_tensor(name, tensor)]
    mapped += arch.extra_tensors()
    n_vocab = next(t.shape[0] for name, t in mapped if name == "token_embd.weight")
    kvs.update(gguf_tokenizer_kvs(tokenizer_gguf) if tokenizer_gguf else hf_tokenizer_kvs(folder, n_vocab=n_vocab))
    for key, kv in kvs.items():
        writer.add_key_value(key, kv.value, kv.type, kv.sub_type)
    for name, tensor in mapped:
        writer.add_tensor(name, encode(tensor, choose_type(name, tuple(tensor.shape), qtype)))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()

file_peak = [0.0]
def watch_file_pages():
    # Mapped weight files count in RSS while their pages stay resident; sampled, as the kernel keeps no peak of it.
    while True:
        file_peak[0] = max(file_peak[0], status_mib("RssFile"))
        time.sleep(0.02)
threading.Thread(target=watch_file_pages, daemon=True).start()
start, cpu = time.perf_counter(), sum(os.times()[:2])
if args["step"] == "hearth-convert":
    convert_hf(args["folder"], args["out"], outtype="f16", tokenizer_gguf=args["tokenizer_gguf"])
elif args["step"] == "hearth-quantise":
    quantize(args["src"], args["out"], "q4_k_m", threads=args["threads"])
else:
    baseline(args["folder"], args["out"], args["tokenizer_gguf"])
seconds, cpu = time.perf_counter() - start, sum(os.times()[:2]) - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "startup_mib": startup, "file_mib": file_peak[0],
                  "peak_mib": status_mib("VmHWM")}))
'''


def small_llama(folder: Path) -> None:
    """A Llama-shaped model of about 170M parameters (hidden 1024) with random weights and a tiny tokenizer."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    sys.path.insert(0, str(ROOT))
    from tests.tiny import tiny_tokenizer

    texts = [json.loads(line)["messages"][-1]["content"] for line in DATA.open(encoding="utf-8")]
    tok = tiny_tokenizer(texts, vocab_size=2000)
    torch.manual_seed(0)
    model = LlamaForCausalLM(LlamaConfig(vocab_size=32000, hidden_size=1024, intermediate_size=2816,
                                         num_hidden_layers=8, num_attention_heads=16, num_key_value_heads=4))
    model.save_pretrained(folder)
    tok.save_pretrained(folder)


def default_model() -> tuple[Path, Path]:
    """The default model's training cache (fp32 safetensors) and its original GGUF (for the tokenizer)."""
    sys.path.insert(0, str(ROOT))
    from core.training.base import prepare_base
    from core.workspace import Workspace

    base = prepare_base(Workspace(), None)
    return base.folder, base.source_gguf


def run_step(step: str, threads: int, **args: object) -> dict:
    args = {"step": step, "threads": threads, **{k: str(v) if isinstance(v, Path) else v for k, v in args.items()}}
    env = {**os.environ, "OMP_NUM_THREADS": str(threads)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), json.dumps(args)], capture_output=True, text=True,
                         env=env, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"{step} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def warm_page_cache(folder: Path) -> None:
    """Read the weights once, so neither side pays for the first read from disk."""
    for path in folder.glob("*.safetensors"):
        with path.open("rb") as handle:
            while handle.read(1 << 24):
                pass


def same_tensors(a: Path, b: Path) -> bool:
    """Whether two GGUF files hold the same tensors: names, types, shapes and bytes."""
    import gguf
    import numpy as np

    ta = {t.name: t for t in gguf.GGUFReader(a).tensors}
    tb = {t.name: t for t in gguf.GGUFReader(b).tensors}
    return ta.keys() == tb.keys() and all(
        ta[n].tensor_type == tb[n].tensor_type and list(ta[n].shape) == list(tb[n].shape)
        and np.array_equal(ta[n].data.view(np.uint8), tb[n].data.view(np.uint8)) for n in ta)


def first_token(path: Path, threads: int) -> str:
    """One greedy token from llama.cpp, loading the file as a chat would."""
    import llama_cpp

    llm = llama_cpp.Llama(model_path=str(path), n_ctx=256, n_threads=threads, verbose=False)
    try:
        reply = llm("The capital of France is", max_tokens=1, temperature=0.0)
        return reply["choices"][0]["text"]
    finally:
        llm.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("default", "small-llama"), default="default")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="torch and quantiser threads")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if opts.model == "small-llama":
            folder, tokenizer_gguf = tmp / "small-llama", None
            small_llama(folder)
        else:
            folder, tokenizer_gguf = default_model()
        f32_mib = sum(p.stat().st_size for p in folder.glob("*.safetensors")) / 2**20
        warm_page_cache(folder)
        f16, base_f16, q4 = tmp / "hearth-f16.gguf", tmp / "baseline-f16.gguf", tmp / "hearth-q4_k_m.gguf"
        base = run_step("baseline-convert", opts.threads, folder=folder, out=base_f16, tokenizer_gguf=tokenizer_gguf)
        conv = run_step("hearth-convert", opts.threads, folder=folder, out=f16, tokenizer_gguf=tokenizer_gguf)
        quant = run_step("hearth-quantise", opts.threads, src=f16, out=q4)
        same = same_tensors(f16, base_f16)
        token = first_token(q4, opts.threads)
        sizes = {p: p.stat().st_size / 2**20 for p in (base_f16, f16, q4)}
    print(f"{opts.model}: {folder.name}, F32 safetensors {f32_mib:,.0f} MiB, {opts.threads} threads")
    rows = (("baseline: load all + GGUFWriter", base, base_f16), ("Hearth: convert_hf (stream)", conv, f16),
            ("Hearth: quantise F16 -> Q4_K_M", quant, q4))
    for name, side, path in rows:
        print(f"{name:32} {side['seconds']:6.1f} s  peak {side['peak_mib']:6.0f} MiB "
              f"= {side['peak_mib'] / f32_mib:4.2f} of F32 (imports {side['startup_mib']:3.0f}, "
              f"file-backed up to {side['file_mib']:4.0f})  -> {sizes[path]:4.0f} MiB file")
    print(f"ratios Hearth / baseline (F16 conversion): time {conv['seconds'] / base['seconds']:.2f}x, "
          f"peak RSS {conv['peak_mib'] / base['peak_mib']:.2f}x")
    print(f"F16 files hold the same tensors: {'yes' if same else 'NO'}; the quantiser is not run on the baseline's")
    print(f"Q4_K_M loads in llama.cpp, first greedy token {token!r}")


if __name__ == "__main__":
    main()
