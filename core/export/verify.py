"""Verifying an exported GGUF against the torch model it came from.

The same token ids go through both: torch (the Hugging Face weights, with the
PEFT adapter for an adapter export) and llama.cpp (the GGUF, with the LoRA-GGUF
adapter). What must agree depends on how faithful the GGUF's weights are:

- ``exact`` (F32 weights): the most likely next token is the same at every
  position (a near tie, within the tolerance, counts as the same) and the
  largest logit difference stays under ``logit_tolerance`` of the logit range;
- ``top1`` (F16, BF16, Q8_0, or an adapter on the very GGUF a base was
  dequantised from): the most likely next token agrees at ``top1_agreement``
  of the positions or more;
- ``perplexity`` (4 to 6 bits): the GGUF's perplexity on the held-out text is
  at most ``perplexity_ratio`` times the torch model's;
- ``rounding`` (an adapter on the quantised GGUF its base was dequantised
  from, like the default Q4_K_M model): torch computes with the very weights
  the GGUF holds, and only llama.cpp's rounding of activations to 8 bits
  differs. That rounding flips the top token at a few percent of positions
  (measured on Gemma 3 270M Q4_K_M: 93 to 95% agreement) but hardly moves the
  perplexity (measured: x0.99 to x1.01), so the perplexity must stay within
  ``rounding_perplexity_ratio`` of torch's.

Every comparison reports top-1 agreement, logit differences and both
perplexities, whichever gate applies. A held-out text shorter than half of
``max_tokens`` is topped up with a fixed English paragraph, so that a tiny
validation split does not leave the gate to chance.

Tokenisation is checked too: llama.cpp must split a fixed set of texts
(English, Chinese, code, emoji, runs of whitespace) into the very ids the
Hugging Face tokenizer gives. The report is a JSON-ready dict; ``failures``
says in words which gate was missed and by how much.
"""

from __future__ import annotations

import gc
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from converters.gguf_file import read_header
from core.config import check, option, to_dict
from core.export.merge import load_with_adapter
from core.inference.scoring import Scorer, perplexity
from core.models.gguf_info import inspect_gguf
from core.workspace import utc_now

__all__ = ["FIXED_TEXT", "KINDS", "TOKENIZER_TEXTS", "VerifyGates", "gate_kind", "verify_gguf"]

log = logging.getLogger(__name__)

KINDS = ("exact", "top1", "perplexity", "rounding")
# Checked for identical tokenisation: scripts, code, emoji (with a joiner), whitespace runs.
TOKENIZER_TEXTS = (
    "The quick brown fox jumps over the lazy dog. It's 3:45 p.m., isn't it?",
    "机器学习模型可以在本地运行，不需要网络。你好，世界！",
    "def add(a: int, b: int) -> int:\n    return a + b  # sum\n\nprint(add(2, 40))\n",
    "Emoji: 🔥🚀 👩‍💻 ✅ — done 🎉",
    "  leading,   three spaces,\t\ttabs,\n\n\nnewlines and trailing   ",
    "Ünïcödé: café, naïve, Straße, Ελληνικά, русский, ½ ∑ ≤ ∞",
)
# Held-out text when there is no validation split to render (hearth convert, a run without one).
FIXED_TEXT = (
    "A language model predicts the next token from the ones before it. Exported to GGUF, the same model "
    "runs in llama.cpp on an ordinary laptop, and it should predict the same tokens there as it did in "
    "the framework it was trained in. This paragraph is the yardstick: plain English, a number or two "
    "(42, 3.14), and a list: apples, pears, plums."
)


@dataclass(frozen=True)
class VerifyGates:
    """What an export must satisfy; saved in its verification.json."""

    logit_tolerance: float = option(1e-3, help="F32: the largest logit difference allowed, as a share of the "
                                    "logit range", min=0.0)
    top1_agreement: float = option(0.98, help="F16, Q8_0 (and an adapter on its own GGUF base): the share of "
                                   "positions whose most likely next token must agree", min=0.0, max=1.0)
    perplexity_ratio: float = option(1.5, help="4 to 6 bits: the highest perplexity allowed, as a multiple of "
                                     "the torch model's", min=1.0)
    rounding_perplexity_ratio: float = option(1.05, help="an adapter on the quantised GGUF its base came from: "
                                              "the highest perplexity allowed, as a multiple of the torch model's "
                                              "(same weights; only the rounding of activations differs)", min=1.0)
    tokenizer_parity: bool = option(True, help="require llama.cpp to tokenise the fixed multilingual texts "
                                    "exactly as the Hugging Face tokenizer does")
    max_tokens: int = option(256, help="tokens of held-out text to compare on", min=8, max=8192)

    def __post_init__(self) -> None:
        check(self)


def gate_kind(quantization: str | None) -> str:
    """The gate a GGUF of this type is held to: exact, top1 or perplexity."""
    name = (quantization or "").upper()
    if name in ("F32", "ALL_F32"):
        return "exact"
    if name in ("F16", "MOSTLY_F16", "BF16", "MOSTLY_BF16", "Q8_0", "MOSTLY_Q8_0"):
        return "top1"
    return "perplexity"


# -- the inputs --------------------------------------------------------------------------------------------------


def _tokenizer(folders: Sequence[Path | None]) -> Any:
    from transformers import AutoTokenizer

    for folder in folders:
        if folder is not None and (Path(folder) / "tokenizer_config.json").is_file():
            return AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    raise FileNotFoundError(f"no tokenizer in {', '.join(str(f) for f in folders if f)}")


def _sequences(tokenizer: Any, texts: Sequence[str], max_tokens: int) -> list[list[int]]:
    """Token ids of each text (with the BOS the tokenizer adds, once), up to ``max_tokens`` in all."""
    out, left = [], max_tokens
    for text in texts:
        ids = list(tokenizer(text, add_special_tokens=True)["input_ids"])
        bos = tokenizer.bos_token_id
        if len(ids) > 1 and bos is not None and ids[0] == ids[1] == bos:  # the text began with the BOS text
            ids = ids[1:]
        ids = ids[:left]
        if len(ids) >= 2:
            out.append(ids)
            left -= len(ids)
        if left < 2:
            break
    return out


def _torch_logits(reference: Path, adapter: Path | None, sequences: list[list[int]]) -> list[np.ndarray]:
    import torch
    from transformers import AutoModelForCausalLM


    if adapter is not None:
        model = load_with_adapter(adapter, reference, dtype="float32")
    else:
        model = AutoModelForCausalLM.from_pretrained(str(reference), dtype=torch.float32, use_safetensors=True,
                                                     local_files_only=True).eval()
    try:
        with torch.no_grad():
            return [model(torch.tensor([ids])).logits[0].float().numpy() for ids in sequences]
    finally:
        del model
        gc.collect()


def _gguf_scores(gguf: Path, adapter: Path | None, sequences: list[list[int]],
                 texts: Sequence[str]) -> tuple[list[np.ndarray], list[list[int]]]:
    """llama.cpp's logits of ``sequences`` and tokens of ``texts`` (special-token texts read as those tokens)."""
    n_ctx = max(len(s) for s in sequences)
    with Scorer(gguf, n_ctx=n_ctx, adapter=adapter) as scorer:
        logits = [scorer.logits(ids) for ids in sequences]
        tokens = [scorer.tokenize(text, special=True) for text in texts]
    return logits, tokens


def _chat_shaped(tokenizer: Any) -> str | None:
    """A text with the tokenizer's special tokens inside it, as every chat prompt has (None without any)."""
    skip = {tokenizer.unk_token, tokenizer.pad_token}
    specials = [t for t in tokenizer.all_special_tokens if t not in skip]
    if not specials:
        return None
    opening, closing = specials[0], specials[-1]
    return (f"{opening}user\nWhat is 2 + 2? Answer briefly.{closing}\n{opening}assistant\n"
            f"It is 4.{closing}\n")


# -- the comparison ----------------------------------------------------------------------------------------------


def _compare(torch_logits: list[np.ndarray], gguf_logits: list[np.ndarray], sequences: list[list[int]],
             tolerance: float) -> dict[str, Any]:
    width = min(torch_logits[0].shape[-1], gguf_logits[0].shape[-1])
    ref = np.concatenate([t[:, :width] for t in torch_logits])
    got = np.concatenate([g[:, :width] for g in gguf_logits])
    logit_range = float(ref.max() - ref.min()) or 1.0
    rows = np.arange(len(ref))
    ref_top, got_top = ref.argmax(-1), got.argmax(-1)
    # A near tie in the reference is no disagreement: which of two equal logits wins is rounding.
    tie = ref[rows, ref_top] - ref[rows, got_top] <= tolerance * logit_range
    diff = np.abs(ref - got)
    return {
        "positions": len(ref),
        "vocab_compared": width,
        "vocab_torch": int(torch_logits[0].shape[-1]),
        "vocab_gguf": int(gguf_logits[0].shape[-1]),
        "top1_agreement": round(float((ref_top == got_top).mean()), 6),
        "top1_agreement_with_ties": round(float(((ref_top == got_top) | tie).mean()), 6),
        "max_abs_diff": float(diff.max()),
        "mean_abs_diff": float(diff.mean()),
        "logit_range": logit_range,
        "relative_max_diff": float(diff.max() / logit_range),
        "perplexity_torch": perplexity(list(zip(torch_logits, sequences, strict=True))),
        "perplexity_gguf": perplexity(list(zip(gguf_logits, sequences, strict=True))),
    }


def _tokenizer_parity(tokenizer: Any, texts: Sequence[str], llama_tokens: list[list[int]],
                      space_prefix: bool = False) -> dict[str, Any]:
    """Compare llama.cpp's tokens of each text with the HF tokenizer's (special-token texts read as tokens).

    One difference is allowed, and counted apart: with ``space_prefix`` (a SentencePiece-style tokenizer
    that puts '▁' before the first word), llama.cpp, like SentencePiece itself, puts one before every run of
    text: before one that starts with whitespace too, and after each special token, where HF's Metaspace may
    not (always / first). Such a text is accepted only when llama.cpp's tokens are exactly HF's tokens of the
    text with those spaces written out.
    """
    mismatches, known = [], []
    specials = sorted(set(tokenizer.all_special_tokens), key=len, reverse=True)
    for text, got in zip(texts, llama_tokens, strict=True):
        want = list(tokenizer(text, add_special_tokens=False)["input_ids"])
        spaced = _spaced_out(text, specials) if want != got and space_prefix else text
        if spaced != text and got == list(tokenizer(spaced, add_special_tokens=False)["input_ids"]):
            known.append({"text": text, "difference": "one more '▁' before a run of text that starts with "
                          "whitespace or follows a special token (as SentencePiece gives)"})
        elif want != got:
            at = next((i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got)))
            mismatches.append({"text": text, "first_difference": at, "hf": want[at:at + 8],
                               "llama_cpp": got[at:at + 8]})
    return {"texts": len(texts), "identical": len(texts) - len(mismatches) - len(known), "mismatches": mismatches,
            "space_prefix_differences": known}


def _spaced_out(text: str, specials: Sequence[str]) -> str:
    """``text`` with a space before its first run of text and after each special token in it: what llama.cpp's
    '▁' prefix adds where HF's Metaspace may not."""
    out, at, run_start = [], 0, True
    while at < len(text):
        token = next((s for s in specials if s and text.startswith(s, at)), None)
        if token is not None:
            out.append(token)
            at += len(token)
            run_start = True
            continue
        if run_start:
            out.append(" ")
            run_start = False
        out.append(text[at])
        at += 1
    return "".join(out)


def _failures(kind: str, logits: dict[str, Any], tokens: dict[str, Any], gates: VerifyGates) -> list[str]:
    out = []
    # NaN passes every comparison below: a model whose outputs are not numbers must fail here.
    broken = [name for name in ("max_abs_diff", "relative_max_diff", "perplexity_torch", "perplexity_gguf",
                                "perplexity_ratio") if not math.isfinite(logits[name])]
    if broken:
        out.append("the comparison with torch is not a number (" + ", ".join(f"{n} {logits[n]}" for n in broken)
                   + "): the model's outputs are not finite; was it trained with a loss that went NaN?")
    if kind == "exact":
        if logits["top1_agreement_with_ties"] < 1.0:
            wrong = round((1 - logits["top1_agreement_with_ties"]) * logits["positions"])
            out.append(f"the most likely next token differs from torch's at {wrong} of {logits['positions']} "
                       "positions (F32 must agree everywhere)")
        if logits["relative_max_diff"] > gates.logit_tolerance:
            out.append(f"the largest logit difference from torch is {logits['max_abs_diff']:.4g}, "
                       f"{logits['relative_max_diff']:.3%} of the logit range (allowed: {gates.logit_tolerance:.3%})")
    elif kind == "top1":
        if logits["top1_agreement_with_ties"] < gates.top1_agreement:
            out.append(f"the most likely next token agrees with torch's at {logits['top1_agreement_with_ties']:.1%} "
                       f"of {logits['positions']} positions (required: {gates.top1_agreement:.1%})")
    else:
        allowed = gates.perplexity_ratio if kind == "perplexity" else gates.rounding_perplexity_ratio
        if logits["perplexity_ratio"] > allowed:
            out.append(f"the perplexity on the held-out text is {logits['perplexity_gguf']:.4g} against torch's "
                       f"{logits['perplexity_torch']:.4g}: {logits['perplexity_ratio']:.3f} times (allowed: "
                       f"{allowed:.3f})")
    if gates.tokenizer_parity and tokens["mismatches"]:
        first = tokens["mismatches"][0]["text"]
        out.append(f"llama.cpp tokenises {len(tokens['mismatches'])} of {tokens['texts']} reference texts "
                   f"differently from the Hugging Face tokenizer (first: {first[:40]!r})")
    return out


def verify_gguf(gguf: Path | str, reference: Path | str, *, texts: Sequence[str], kind: str | None = None,
                adapter: Path | str | None = None, torch_adapter: Path | str | None = None,
                gates: VerifyGates | None = None, text_source: str = "") -> dict[str, Any]:
    """Compare a GGUF (with an optional LoRA-GGUF adapter) with the torch model it came from.

    Args:
        gguf: the exported GGUF, or the base GGUF an adapter export applies to.
        reference: the Hugging Face folder of the torch model (the merged model, or the base).
        texts: the held-out texts, e.g. the run's validation records rendered with its template.
        kind: the gate (see :data:`KINDS`); by default from the GGUF's quantisation.
        adapter: the LoRA-GGUF adapter applied in llama.cpp.
        torch_adapter: the PEFT adapter folder applied in torch (with ``adapter``).
        gates: the thresholds.
        text_source: where the texts came from, for the report.

    Returns:
        The report: ``passed``, ``failures`` (sentences), the measurements and the gates.
    """
    gates = gates or VerifyGates()
    gguf, reference = Path(gguf), Path(reference)
    adapter_path = Path(adapter) if adapter else None
    torch_adapter_path = Path(torch_adapter) if torch_adapter else None
    quantization = inspect_gguf(gguf).quantization
    kind = kind or gate_kind(quantization)
    if kind not in KINDS:
        raise ValueError(f"unknown verification kind {kind!r}")
    tokenizer = _tokenizer([torch_adapter_path, reference])
    texts = [t for t in texts if t.strip()]
    sequences = _sequences(tokenizer, texts, gates.max_tokens)
    held_out = sum(len(s) for s in sequences)
    if held_out < gates.max_tokens // 2:
        sequences += _sequences(tokenizer, [FIXED_TEXT], gates.max_tokens - held_out)
        text_source = (f"{text_source or 'the given texts'} and a fixed English paragraph" if held_out
                       else "a fixed English paragraph")
    torch_logits = _torch_logits(reference, torch_adapter_path, sequences)
    checked = [*TOKENIZER_TEXTS, *filter(None, [_chat_shaped(tokenizer)])]
    gguf_logits, llama_tokens = _gguf_scores(gguf, adapter_path, sequences, checked)
    logits = _compare(torch_logits, gguf_logits, sequences, gates.logit_tolerance)
    logits["perplexity_ratio"] = logits["perplexity_gguf"] / logits["perplexity_torch"]
    space_prefix = read_header(gguf).kvs.get("tokenizer.ggml.add_space_prefix")
    tokens = _tokenizer_parity(tokenizer, checked, llama_tokens, bool(space_prefix and space_prefix.value))
    failures = _failures(kind, logits, tokens, gates)
    log.info("verified %s (%s, %s): %s", gguf.name, quantization, kind, "; ".join(failures) or "passed")
    return {
        "passed": not failures, "failures": failures, "kind": kind, "gguf": str(gguf), "quantization": quantization,
        "adapter": str(adapter_path) if adapter_path else None, "reference": str(reference),
        "text": {"source": text_source or "given texts", "sequences": len(sequences),
                 "tokens": sum(len(s) for s in sequences)},
        "logits": logits, "tokenizer": tokens, "gates": to_dict(gates), "created_at": utc_now(),
    }
