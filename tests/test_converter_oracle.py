"""Hearth's converters against llama.cpp's own (``convert_hf_to_gguf.py`` of the engine's version, see
``tests/llama_oracle.py``): the same tiny models converted by both give the same tensors, the same settings
and the same tokens; where Hearth is deliberately different, a test says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import converters
from converters.errors import ConversionError
from converters.gguf_file import read_header
from tests.llama_oracle import convert_with_llama_cpp
from tests.test_converters import (  # noqa: F401  (byte_tokenizer, sentencepiece_model: fixtures used here)
    ROWS,
    TEXTS,
    Row,
    _hf_sentencepiece,
    _vocab_only,
    byte_tokenizer,
    sentencepiece_model,
)
from tests.tiny import tiny_causal_lm

# Written by Hearth only, each what llama.cpp otherwise works out or guesses (and does the same for these
# models): the explicit "no" to BOS/EOS adding, the end-of-turn and unknown tokens, Qwen 2's head size, Gemma
# 3's per-layer sliding-window pattern. Written by llama.cpp only: the vocabulary size, which it also reads
# from the token list.
HEARTH_ONLY = {"tokenizer.ggml.add_bos_token", "tokenizer.ggml.add_eos_token", "tokenizer.ggml.eot_token_id",
               "tokenizer.ggml.unknown_token_id", "qwen2.attention.key_length", "qwen2.attention.value_length",
               "gemma3.attention.sliding_window_pattern"}


def _read(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray], dict[str, str]]:
    from gguf import GGUFReader

    reader = GGUFReader(str(path))
    kvs = {f.name: f.contents() for f in reader.fields.values()
           if not f.name.startswith(("GGUF.", "general.")) or f.name == "general.architecture"}
    return kvs, {t.name: np.array(t.data) for t in reader.tensors}, {t.name: t.tensor_type.name for t in reader.tensors}


def _both(folder: Path, out: Path) -> tuple[Path, Path]:
    ours = converters.convert_hf(folder, out / "hearth.gguf", outtype="f32")
    return ours, convert_with_llama_cpp(folder, out / "llama-cpp.gguf", "f32")


def _tokens(path: Path, texts: list[str]) -> list[list[int]]:
    llm = _vocab_only(path)
    try:
        return [llm.tokenize(t.encode(), add_bos=True, special=True) for t in texts]
    finally:
        llm.close()


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_llama_cpp_converter_writes_the_same_tensors_settings_and_tokens(row: Row, byte_tokenizer, tmp_path):  # noqa: F811
    from transformers import AutoTokenizer

    folder = tmp_path / "model"
    byte_tokenizer.save_pretrained(folder)
    row.build(len(byte_tokenizer)).save_pretrained(folder)
    # as loaded next to its config (a Qwen 2 folder's tokenizer gains <|endoftext|>): llama.cpp's converter wants
    # an embedding for every id, where Hearth leaves an id past the embeddings out and says so
    hf = AutoTokenizer.from_pretrained(folder)
    if len(hf) != len(byte_tokenizer):
        row.build(len(hf)).save_pretrained(folder)
    ours = converters.convert_hf(folder, tmp_path / "hearth.gguf", outtype="f32")
    # the tokenizer made in the test is told which pre-tokenizer it is (llama.cpp knows published ones by hash)
    pre = read_header(ours).kvs["tokenizer.ggml.pre"].value.decode()
    theirs = convert_with_llama_cpp(folder, tmp_path / "llama-cpp.gguf", "f32", pre)
    our_kvs, our_tensors, our_types = _read(ours)
    their_kvs, their_tensors, their_types = _read(theirs)

    assert our_tensors.keys() == their_tensors.keys() and our_types == their_types
    for name, data in their_tensors.items():
        # llama 3's rope_freqs: the same formula, rounded once differently (1 ulp)
        assert np.allclose(our_tensors[name], data, rtol=1e-6, atol=0) if name == "rope_freqs.weight" \
            else np.array_equal(our_tensors[name], data), name
    arch = their_kvs["general.architecture"]
    assert set(their_kvs) - set(our_kvs) <= {f"{arch}.vocab_size"}
    assert set(our_kvs) - set(their_kvs) <= HEARTH_ONLY
    assert {k: v for k, v in our_kvs.items() if k in their_kvs} == \
           {k: v for k, v in their_kvs.items() if k in our_kvs}
    want = [hf(t)["input_ids"] for t in TEXTS]
    assert _tokens(ours, TEXTS) == want == _tokens(theirs, TEXTS)


def test_the_sentencepiece_llama_layout_against_llama_cpp(sentencepiece_model, tmp_path):  # noqa: F811
    """Metaspace 'first' (legacy: false): both converters keep the first-word '▁' and agree on ordinary text.
    Deliberately different: a text starting with whitespace. Both put one '▁' more than HF there (llama.cpp
    cannot do otherwise); Hearth's scores follow HF's merge order, so its pieces are HF's for the text with
    that space written out, where llama.cpp's converter takes SentencePiece-style scores that split it
    otherwise."""
    from transformers import AutoTokenizer

    tokenizer, _sp = _hf_sentencepiece(sentencepiece_model, "llama")
    folder = tmp_path / "model"
    tokenizer.save_pretrained(folder)
    tiny_causal_lm("llama", len(tokenizer), layers=1).save_pretrained(folder)
    ours, theirs = _both(folder, tmp_path)
    our_kvs, our_tensors, _ = _read(ours)
    their_kvs, their_tensors, _ = _read(theirs)
    assert all(np.array_equal(our_tensors[n], d) for n, d in their_tensors.items())
    # (llama.cpp's converter leaves the key out, and llama.cpp's default for a SentencePiece vocabulary is True)
    assert our_kvs["tokenizer.ggml.add_space_prefix"] is their_kvs.get("tokenizer.ggml.add_space_prefix", True)
    assert our_kvs["tokenizer.ggml.add_space_prefix"] is True
    assert our_kvs["tokenizer.ggml.tokens"] == their_kvs["tokenizer.ggml.tokens"]

    hf = AutoTokenizer.from_pretrained(folder)
    plain = [t for t in TEXTS if not t[:1].isspace() and "<|" not in t]
    assert _tokens(ours, plain) == [hf(t)["input_ids"] for t in plain] == _tokens(theirs, plain)
    leading = "  leading,   three spaces"
    assert _tokens(ours, [leading]) == [hf(" " + leading)["input_ids"]]
    assert _tokens(theirs, [leading]) != _tokens(ours, [leading])


def test_hearth_refuses_a_gemma3_scale_llama_cpp_would_convert_and_compute_wrongly(byte_tokenizer, tmp_path):  # noqa: F811
    """Gemma 3 scales attention by query_pre_attn_scalar ** -0.5; llama.cpp's graph uses head_dim. llama.cpp's
    converter writes such a config anyway (a file that answers differently from the model); Hearth refuses."""
    import transformers as tf

    config = tf.Gemma3TextConfig(vocab_size=len(byte_tokenizer), hidden_size=64, intermediate_size=128,
                                 num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, head_dim=16,
                                 query_pre_attn_scalar=32, sliding_window=64, max_position_embeddings=256)
    folder = tmp_path / "model"
    tf.Gemma3ForCausalLM(config).save_pretrained(folder)
    byte_tokenizer.save_pretrained(folder)
    with pytest.raises(ConversionError, match="query_pre_attn_scalar"):
        converters.convert_hf(folder, tmp_path / "hearth.gguf", outtype="f32")
    assert convert_with_llama_cpp(folder, tmp_path / "llama-cpp.gguf", "f32", "gpt-2").is_file()
