"""A folder ``hearth deploy --target vllm`` wrote, loaded in transformers, against the torch model Hearth trained.

vLLM itself needs a GPU; what it would load is checked here on the CPU: the folder's ``model/`` (or ``base/`` and
``adapter/``) through transformers, prompted with the folder's own chat template, against the run's adapter
merged into its base by Hearth (float32, Hearth's own loader), prompted with the format the run trained with.
For each held-out question of a comparison:

- the prompt's token ids from the folder's tokenizer and template equal those Hearth's format and training
  tokenizer give (counted);
- greedy decoding (up to the comparison's max tokens, ending at the folder's ``generation_config`` end tokens)
  gives the same tokens from both (counted; the first differences shown). A folder in bfloat16 is also compared
  with Hearth's model cast to bfloat16, to tell the rounding of the precision from any other difference.

Run: HEARTH_HOME=WORKSPACE .venv/bin/python benchmarks/deploy_vllm_check.py --folder DIR --run RUN
        --comparison NAME [--limit N]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def greedy(model, ids: list[int], max_tokens: int, ends: set[int]) -> list[int]:
    import torch

    with torch.no_grad():
        out = model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                             max_new_tokens=max_tokens, do_sample=False, eos_token_id=sorted(ends),
                             pad_token_id=sorted(ends)[0], top_p=None, top_k=None, temperature=None)
    tokens = out[0, len(ids):].tolist()
    cut = next((i for i, t in enumerate(tokens) if t in ends), None)
    return tokens if cut is None else tokens[:cut + 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--run", required=True, help="the run the folder was deployed from")
    parser.add_argument("--comparison", required=True, help="a comparison whose questions are held out")
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions; 0 for all")
    args = parser.parse_args()

    import peft
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from core.eval.compare import get_comparison
    from core.export.merge import load_with_adapter
    from core.export.source import read_run
    from core.inference.templates import PlainFormat, TemplateFormat
    from core.training.base import as_llama_cpp_reads, prepare_base
    from core.workspace import Workspace

    ws = Workspace()
    comparison = get_comparison(ws, args.comparison)
    questions = comparison.questions[:args.limit or None]
    source = read_run(ws, args.run)
    adapter_variant = (args.folder / "adapter").is_dir()
    hf = args.folder / ("base" if adapter_variant else "model")
    dtype = json.loads((hf / "config.json").read_text()).get("dtype") or "float32"

    started = time.perf_counter()
    folder_tokenizer = AutoTokenizer.from_pretrained(hf)
    folder_model = AutoModelForCausalLM.from_pretrained(hf, dtype=getattr(torch, dtype))
    if adapter_variant:
        folder_model = peft.PeftModel.from_pretrained(folder_model, args.folder / "adapter")
    folder_model.eval()
    generation = json.loads((hf / "generation_config.json").read_text())
    ends = generation["eos_token_id"]
    ends = set(ends if isinstance(ends, list) else [ends])

    base = prepare_base(ws, source.base).folder
    hearth = load_with_adapter(source.weights, base, dtype="float32")
    with torch.no_grad():
        hearth = hearth.merge_and_unload(safe_merge=True).eval()
    hearth_cast = copy.deepcopy(hearth).to(getattr(torch, dtype)) if dtype != "float32" else None
    training_tokenizer = as_llama_cpp_reads(AutoTokenizer.from_pretrained(source.weights))
    if source.chat_format.get("kind") == "plain":
        fields = {k: source.chat_format[k] for k in ("system_prefix", "user_prefix", "assistant_prefix",
                                                      "turn_separator") if k in source.chat_format}
        fmt = PlainFormat(**fields)
    else:
        fmt = TemplateFormat(source.chat_template, training_tokenizer.bos_token or "",
                             training_tokenizer.eos_token or "")
    print(f"{hf} ({dtype}{', with adapter/' if adapter_variant else ''}) and run {source.id} merged by Hearth "
          f"(float32) loaded in {time.perf_counter() - started:.1f} s; {len(questions)} questions, up to "
          f"{comparison.max_tokens} tokens, end tokens {sorted(ends)}")

    same_prompt = same = same_cast = 0
    differences = []
    answering = time.perf_counter()
    for number, question in enumerate(questions, 1):
        messages = list(question.messages)
        text = folder_tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        ids = folder_tokenizer(text, add_special_tokens=False)["input_ids"]  # (as vLLM tokenises a chat)
        theirs = fmt.render(messages)
        hearth_ids = training_tokenizer(theirs, add_special_tokens=not theirs.startswith(
            training_tokenizer.bos_token or "\0"))["input_ids"]  # (as Hearth's engine: BOS once)
        same_prompt += ids == hearth_ids
        answer = greedy(folder_model, ids, comparison.max_tokens, ends)
        expected = greedy(hearth, hearth_ids, comparison.max_tokens, ends)
        same += answer == expected
        if hearth_cast is not None:
            same_cast += answer == greedy(hearth_cast, hearth_ids, comparison.max_tokens, ends)
        if answer != expected:
            differences.append((number, question.question, folder_tokenizer.decode(expected),
                                folder_tokenizer.decode(answer)))
    total = len(questions)
    print(f"{total} questions in {time.perf_counter() - answering:.1f} s: prompt ids equal in {same_prompt}/{total}; "
          f"greedy tokens equal to Hearth's float32 model in {same}/{total}"
          + (f", to Hearth's model cast to {dtype} in {same_cast}/{total}" if hearth_cast is not None else ""))
    for number, question, expected, answer in differences[:5]:
        print(f"  #{number} {question!r}\n    Hearth: {expected!r}\n    folder: {answer!r}")


if __name__ == "__main__":
    main()
