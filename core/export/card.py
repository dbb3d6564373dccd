"""The model card (README.md) written beside every export."""

from __future__ import annotations

import json
from typing import Any

from core import __version__

__all__ = ["model_card"]

_TITLES = {"merged": "merged fine-tune", "adapter": "LoRA adapter", "model": "converted model"}


def _size(n: int) -> str:
    return f"{n / 2**30:.2f} GiB" if n >= 2**30 else f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 1024:.1f} KiB"


def _verification(report: dict[str, Any] | None) -> list[str]:
    if report is None:
        return ["Not verified (exported with --no-verify)."]
    logits, tokens = report["logits"], report["tokenizer"]
    lines = [
        f"**{'Passed' if report['passed'] else 'Failed'}** the `{report['kind']}` gate, comparing llama.cpp with "
        f"torch on {report['text']['tokens']} tokens of {report['text']['source']}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| top-1 agreement | {logits['top1_agreement']:.2%} |",
        f"| largest logit difference | {logits['max_abs_diff']:.4g} ({logits['relative_max_diff']:.3%} of the range) |",
        f"| perplexity, torch | {logits['perplexity_torch']:.4g} |",
        f"| perplexity, GGUF | {logits['perplexity_gguf']:.4g} (x{logits['perplexity_ratio']:.3f}) |",
        f"| tokenisation identical | {tokens['identical']} of {tokens['texts']} reference texts |",
    ]
    if tokens.get("space_prefix_differences"):
        lines.append(f"| one more '▁' before a run of text (SentencePiece's rule, not HF's) | "
                     f"{len(tokens['space_prefix_differences'])} text(s) |")
    lines += [f"- {f}" for f in report["failures"]]
    return lines


def _dataset(info: dict[str, Any]) -> str:
    """The dataset version the run trained on, its id, and what a reader must know about it."""
    text = f"{info['dataset']}" + (f" (version id `{info['dataset_id']}`)" if info.get("dataset_id") else "")
    return text + (f" — {info['dataset_note']}" if info.get("dataset_note") else "")


def model_card(info: dict[str, Any]) -> str:
    """The Markdown card of an export.

    Args:
        info: name, kind, file, size, quant, base, base_license, chat_command,
            and for a run: run, method, dataset (the version's label), dataset_id and dataset_note (what a
            reader must know: the run did not record its version, or it is gone), config, metrics; verification
            (the report, or None).
    """
    kind = info["kind"]
    lines = [f"# {info['name']}", "", f"A {_TITLES[kind]} exported to GGUF by Hearth {__version__}.", ""]
    base_file = f" (GGUF: `{info['base_file']}`)" if info.get("base_file") else ""
    lines += [f"- **File**: `{info['file']}` ({_size(info['size'])}, {info['quant'].upper()})",
              f"- **Base model**: {info['base']}{base_file}"]
    if info.get("run"):
        lines += [f"- **Method**: {info['method']}", f"- **Dataset**: {_dataset(info)}", f"- **Run**: {info['run']}"]
    lines += [f"- **Chat**: `{info['chat_command']}`", ""]
    if kind == "adapter":
        lines += ["The adapter is applied on the base GGUF when the model is loaded (llama.cpp: `--lora FILE`); "
                  "its scale can be changed without reloading the base.", ""]
    if info.get("metrics"):
        lines += ["## Training", "", "| metric | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in info["metrics"].items() if v is not None]
        lines += ["", "<details><summary>Training configuration</summary>", "", "```json",
                  json.dumps(info.get("config", {}), indent=2, ensure_ascii=False), "```", "", "</details>", ""]
    lines += ["## Verification", "", *_verification(info.get("verification")), ""]
    licence = info.get("base_license")
    lines += ["## Licence", "",
              f"This file is derived from {info['base']} and carries its licence"
              + (f" ({licence})" if licence else "")
              + ": the base model's terms apply to it and to its use, as do the terms of the training data.", ""]
    return "\n".join(lines)
