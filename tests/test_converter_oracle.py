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


# GLM and Phi-3 need tokenizers of their own for llama.cpp's converter: tested below
BYTE_LEVEL_ROWS = [r for r in ROWS if r.gguf_arch not in ("chatglm", "glm4", "phi3")]


@pytest.mark.parametrize("row", BYTE_LEVEL_ROWS, ids=[r.id for r in BYTE_LEVEL_ROWS])
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


# GLM-4's turn layout: a turn ends where the next role's token begins
GLM_TEMPLATE = ("[gMASK]<sop>{% for m in messages %}{% if m.role == 'user' %}<|user|>{% elif m.role == 'system' %}"
                "<|system|>{% else %}<|assistant|>{% endif %}{{ '\n' + m.content }}{% endfor %}"
                "{% if add_generation_prompt %}<|assistant|>\n{% endif %}")


def _glm_tokenizer(base):
    """The test tokenizer with GLM-4's added tokens (llama.cpp's GLM converters look for some of them)."""
    import copy

    tokenizer = copy.deepcopy(base)
    tokenizer.add_special_tokens({"additional_special_tokens": [
        "<|endoftext|>", "[gMASK]", "<sop>", "<|system|>", "<|user|>", "<|assistant|>", "<|observation|>"]})
    tokenizer.chat_template = GLM_TEMPLATE
    return tokenizer


@pytest.mark.parametrize("row_id", ["glm", "glm4", "phi3"])
def test_llama_cpp_converter_agrees_on_glm_and_phi3(row_id, byte_tokenizer, sentencepiece_model, tmp_path):  # noqa: F811
    """The families added after llama.cpp's own: the same tensors; the settings differ only where llama.cpp's
    converter is wrong (GLM's context length: it writes ``seq_length``, or the hidden size when that is absent)
    or writes what the other leaves to llama.cpp's defaults."""
    from transformers import AutoTokenizer

    row = next(r for r in ROWS if r.id == row_id)
    folder = tmp_path / "model"
    if row_id == "phi3":  # Phi-3 ships Llama's SentencePiece tokenizer, which llama.cpp's converter insists on
        tokenizer, _sp = _hf_sentencepiece(sentencepiece_model, "llama")
        tokenizer.save_pretrained(folder)
        (folder / "tokenizer.model").write_bytes(sentencepiece_model)
    else:
        tokenizer = _glm_tokenizer(byte_tokenizer)
        tokenizer.save_pretrained(folder)
    row.build(len(tokenizer)).save_pretrained(folder)
    ours = converters.convert_hf(folder, tmp_path / "hearth.gguf", outtype="f32")
    theirs = convert_with_llama_cpp(folder, tmp_path / "llama-cpp.gguf", "f32", "gpt-2")
    our_kvs, our_tensors, our_types = _read(ours)
    their_kvs, their_tensors, their_types = _read(theirs)
    assert our_types == their_types
    assert all(np.array_equal(our_tensors[n], d) for n, d in their_tensors.items())
    arch = their_kvs["general.architecture"]
    wrong_there = {"chatglm.context_length"} if arch == "chatglm" else set()
    assert our_kvs["general.architecture"] == row.gguf_arch == arch
    if wrong_there:
        assert our_kvs["chatglm.context_length"] == 256 != their_kvs["chatglm.context_length"]
    left_to_defaults = {f"{arch}.attention.key_length", f"{arch}.attention.value_length", f"{arch}.vocab_size",
                        f"{arch}.attention.sliding_window", "tokenizer.ggml.add_bos_token",
                        "tokenizer.ggml.add_eos_token", "tokenizer.ggml.add_sep_token",
                        "tokenizer.ggml.add_space_prefix", "tokenizer.ggml.unknown_token_id",
                        "tokenizer.ggml.eot_token_id"}
    assert set(our_kvs) ^ set(their_kvs) <= left_to_defaults
    shared = (set(our_kvs) & set(their_kvs)) - wrong_there
    assert {k: our_kvs[k] for k in shared} == {k: their_kvs[k] for k in shared}
    if row_id != "phi3":  # GLM ends a turn by starting the next: <|user|> is its end-of-turn token in both
        assert our_kvs["tokenizer.ggml.eot_token_id"] == their_kvs["tokenizer.ggml.eot_token_id"] == \
               tokenizer.convert_tokens_to_ids("<|user|>")
    hf = AutoTokenizer.from_pretrained(folder)
    plain = [t for t in TEXTS if not t[:1].isspace() and "<|" not in t]
    assert _tokens(ours, plain) == [hf(t)["input_ids"] for t in plain]


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
