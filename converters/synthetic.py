"""A tiny Llama-architecture GGUF with random weights, for engine self-checks and tests.

It exercises what a real model does on the first decode (embedding lookup,
RMS norm, rotary attention, a SwiGLU feed-forward, quantised matrix products)
in well under a megabyte, so ``hearth doctor`` can prove the engine build runs
on this CPU without any model on disk.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["TINY_TEXT", "write_tiny_llama", "write_tiny_lora"]

# Text the tiny vocabulary covers (letters and spaces; anything else falls back to bytes).
TINY_TEXT = "the quick brown fox jumps over the lazy dog"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _vocab() -> tuple[list[str], list[float], list[int]]:
    import gguf

    tokens = ["<unk>", "<s>", "</s>"]
    types = [gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
    tokens += [f"<0x{b:02X}>" for b in range(256)]
    types += [gguf.TokenType.BYTE] * 256
    pieces = ["\u2581"] + list(_LETTERS) + ["\u2581" + c for c in _LETTERS]
    tokens += pieces
    types += [gguf.TokenType.NORMAL] * len(pieces)
    scores = [0.0] * 259 + [float(len(p)) - 10.0 for p in pieces]
    return tokens, scores, [int(t) for t in types]


def write_tiny_llama(path: Path | str, *, seed: int = 0, quant: str = "Q4_0",
                     hidden: int = 64, layers: int = 2, heads: int = 4, kv_heads: int = 2,
                     ffn: int = 128, context: int = 256, architecture: str = "llama") -> Path:
    """Write a random-weight Llama GGUF to ``path`` and return the path.

    Args:
        quant: the type of the matrices: "Q4_0", "Q8_0", "F16" or "F32".
            Norms stay F32, as in real exports.
        architecture: the name written as general.architecture; anything but
            "llama" makes a file llama.cpp must refuse.
    """
    import gguf

    path = Path(path)
    rng = np.random.default_rng(seed)
    tokens, scores, types = _vocab()
    head_dim = hidden // heads
    writer = gguf.GGUFWriter(str(path), architecture)
    writer.add_name("hearth-tiny-llama")
    writer.add_context_length(context)
    writer.add_embedding_length(hidden)
    writer.add_block_count(layers)
    writer.add_feed_forward_length(ffn)
    writer.add_head_count(heads)
    writer.add_head_count_kv(kv_heads)
    writer.add_rope_dimension_count(head_dim)
    writer.add_layer_norm_rms_eps(1e-5)
    file_types = {"F32": gguf.LlamaFileType.ALL_F32, "F16": gguf.LlamaFileType.MOSTLY_F16,
                  "Q8_0": gguf.LlamaFileType.MOSTLY_Q8_0, "Q4_0": gguf.LlamaFileType.MOSTLY_Q4_0}
    writer.add_file_type(file_types[quant])
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(False)

    def matrix(name: str, rows: int, cols: int) -> None:
        data = (rng.standard_normal((rows, cols)) / np.sqrt(cols)).astype(np.float32)
        _add(writer, name, data, quant)

    def norm(name: str) -> None:
        writer.add_tensor(name, (1.0 + 0.1 * rng.standard_normal(hidden)).astype(np.float32))

    matrix("token_embd.weight", len(tokens), hidden)
    for i in range(layers):
        norm(f"blk.{i}.attn_norm.weight")
        matrix(f"blk.{i}.attn_q.weight", hidden, hidden)
        matrix(f"blk.{i}.attn_k.weight", kv_heads * head_dim, hidden)
        matrix(f"blk.{i}.attn_v.weight", kv_heads * head_dim, hidden)
        matrix(f"blk.{i}.attn_output.weight", hidden, hidden)
        norm(f"blk.{i}.ffn_norm.weight")
        matrix(f"blk.{i}.ffn_gate.weight", ffn, hidden)
        matrix(f"blk.{i}.ffn_up.weight", ffn, hidden)
        matrix(f"blk.{i}.ffn_down.weight", hidden, ffn)
    norm("output_norm.weight")
    matrix("output.weight", len(tokens), hidden)

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def _add(writer, name: str, data: np.ndarray, quant: str) -> None:
    import gguf

    if quant == "F32":
        writer.add_tensor(name, data)
    elif quant == "F16":
        writer.add_tensor(name, data.astype(np.float16))
    else:
        qtype = gguf.GGMLQuantizationType[quant]
        writer.add_tensor(name, gguf.quants.quantize(data, qtype), raw_shape=None, raw_dtype=qtype)


def write_tiny_lora(path: Path | str, *, seed: int = 1, rank: int = 4, alpha: float = 8.0, hidden: int = 64,
                    layers: int = 2, heads: int = 4, kv_heads: int = 2, architecture: str = "llama",
                    strength: float = 1.0) -> Path:
    """Write a random LoRA-GGUF adapter for the attention projections of a tiny Llama.

    The sizes must match the base made by :func:`write_tiny_llama` for llama.cpp
    to accept it; other sizes or another ``architecture`` make a mismatched
    adapter, for testing the refusal.
    """
    import gguf

    path = Path(path)
    rng = np.random.default_rng(seed)
    kv_dim = kv_heads * (hidden // heads)
    writer = gguf.GGUFWriter(str(path), architecture)
    writer.add_string("general.type", "adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", alpha)
    writer.add_name("hearth-tiny-lora")
    for i in range(layers):
        for name, rows in (("attn_q", hidden), ("attn_v", kv_dim)):
            # llama.cpp wants A as (rank, in) and B as (out, rank) in numpy's row-major shapes.
            a = (rng.standard_normal((rank, hidden)) / np.sqrt(hidden)).astype(np.float32)
            b = (strength * rng.standard_normal((rows, rank))).astype(np.float32)
            writer.add_tensor(f"blk.{i}.{name}.weight.lora_a", a)
            writer.add_tensor(f"blk.{i}.{name}.weight.lora_b", b)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
