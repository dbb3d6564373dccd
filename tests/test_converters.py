"""The converters against llama.cpp: HF -> GGUF logits, LoRA -> GGUF on its base, tokenizers, refusals.

Every reference number is computed in the test: torch's logits for the same
ids (the model the file was converted from) and the Hugging Face tokenizer's
ids for the same text. The tolerance, 1e-3 of the logits' range, is 10 to
1000 times the difference seen between these F32 files and torch (1e-5 to
3e-3 of logits ranging over about 20).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
import torch

import converters
from converters.gguf_file import read_header
from tests.tiny import SPECIALS, tiny_causal_lm, tiny_tokenizer

CORPUS = [
    "Hello world! The quick brown fox jumps over the lazy dog.",
    "I've been 'told he's there, 'RE you sure? We'Ve a'lL 3 33 333 3333 3.14",
    "我想在apple工作1314151天～ 机器学习很有趣。",
    "def square(x):\n    return x ** 2  # the square\n\nprint(square(12))\n",
    "emoji 🚀🦙 ✅ 😶\u200d🌫️ and runs    of   spaces\t\ttabs\n\n\nnewlines",
    "<|im_start|>user\nWhat is a fox?<|im_end|>\n<|im_start|>assistant\nAn animal.<|im_end|>\n",
]
# What the tokenizers are checked on: the corpus, and text they did not see.
TEXTS = [*CORPUS, "Ünïcödé naïve café — «quotes» 12345678 ½", "   leading\n  \n \t trailing   ", "",
         "нещо на Български ------======= ''''''```````\"\"\"\"......!!!!!!??????"]
TEMPLATE = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
F32 = 0  # GGML_TYPE_F32, for an exact KV cache


# -- tiny models, one row per registered architecture (and variants) -------------------------------------


def _mistral(vocab: int):
    import transformers as tf

    torch.manual_seed(0)
    config = tf.MistralConfig(vocab_size=vocab, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                              num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                              sliding_window=None, initializer_range=0.3)
    return tf.MistralForCausalLM(config).eval()


def _llama3_rope(vocab: int):
    import transformers as tf

    torch.manual_seed(0)
    rope = {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 8.0, "low_freq_factor": 1.0,
            "high_freq_factor": 4.0, "original_max_position_embeddings": 64}
    config = tf.LlamaConfig(vocab_size=vocab, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                            num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                            rope_parameters=rope, tie_word_embeddings=True, initializer_range=0.3)
    return tf.LlamaForCausalLM(config).eval()


def _gemma3_multimodal(vocab: int):
    import transformers as tf

    text = {"vocab_size": vocab, "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
            "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "max_position_embeddings": 256,
            "initializer_range": 0.3, "sliding_window": 64, "query_pre_attn_scalar": 16}
    vision = {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1, "num_attention_heads": 2,
              "image_size": 28, "patch_size": 14}
    config = tf.Gemma3Config(text_config=text, vision_config=vision, mm_tokens_per_image=4,
                             image_token_index=vocab - 1, boi_token_index=vocab - 3, eoi_token_index=vocab - 2)
    torch.manual_seed(0)
    return tf.Gemma3ForConditionalGeneration(config).eval()


GLM_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_up_proj", "down_proj"]
PHI3_TARGETS = ["qkv_proj", "o_proj", "gate_up_proj", "down_proj"]  # (fused, as the checkpoints keep them)


@dataclass(frozen=True)
class Row:
    id: str
    architecture: str
    build: Callable[[int], torch.nn.Module]
    gguf_arch: str
    lora_targets: list[str] | str = field(default_factory=lambda: TARGETS)


ROWS = [
    Row("llama", "LlamaForCausalLM", lambda v: tiny_causal_lm("llama", v), "llama"),
    Row("llama3-rope-tied", "LlamaForCausalLM", _llama3_rope, "llama"),
    Row("mistral", "MistralForCausalLM", _mistral, "llama"),
    Row("qwen2", "Qwen2ForCausalLM", lambda v: tiny_causal_lm("qwen2", v), "qwen2"),
    Row("qwen3", "Qwen3ForCausalLM", lambda v: tiny_causal_lm("qwen3", v), "qwen3"),
    # six layers: five sliding-window layers and a global one, each kind with its own rope base
    Row("gemma3", "Gemma3ForCausalLM", lambda v: tiny_causal_lm("gemma3", v, layers=6), "gemma3"),
    Row("gemma3-multimodal", "Gemma3ForConditionalGeneration", _gemma3_multimodal, "gemma3",
        r".*language_model.*\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)"),
    Row("glm", "GlmForCausalLM", lambda v: tiny_causal_lm("glm", v), "chatglm", GLM_TARGETS),
    Row("glm4", "Glm4ForCausalLM", lambda v: tiny_causal_lm("glm4", v), "glm4", GLM_TARGETS),
    Row("phi3", "Phi3ForCausalLM", lambda v: tiny_causal_lm("phi3", v), "phi3", PHI3_TARGETS),
]

ROW = {r.id: r for r in ROWS}


@dataclass
class Family:
    row: Row
    model: torch.nn.Module
    folder: Path
    f32: Path
    ids: list[int]


@pytest.fixture(scope="module")
def byte_tokenizer():
    tok = tiny_tokenizer(CORPUS)
    tok.chat_template = TEMPLATE
    return tok


@pytest.fixture(scope="module", params=ROWS, ids=[r.id for r in ROWS])
def family(request, byte_tokenizer, tmp_path_factory) -> Family:
    row: Row = request.param
    folder = tmp_path_factory.mktemp(row.id)
    model = row.build(len(byte_tokenizer))
    model.save_pretrained(folder)
    byte_tokenizer.save_pretrained(folder)
    f32 = converters.convert_hf(folder, folder.parent / f"{row.id}-f32.gguf", outtype="f32")
    # about 190 tokens: more than Gemma's 64-token sliding window
    return Family(row, model, folder, f32, byte_tokenizer("".join(CORPUS[:4]))["input_ids"])


def llama_logits(path: Path, ids: list[int], lora: Path | None = None) -> np.ndarray:
    import llama_cpp

    # logits_all keeps n_ctx rows of vocabulary-sized logits: no more context than the ids need
    llm = llama_cpp.Llama(str(path), logits_all=True, n_ctx=max(32, len(ids)), n_threads=2, verbose=False, type_k=F32,
                          type_v=F32, lora_path=str(lora) if lora else None)
    try:
        llm.eval(ids)
        return np.array(llm.scores[: len(ids)], dtype=np.float32)
    finally:
        llm.close()


def torch_logits(model: torch.nn.Module, ids: list[int]) -> np.ndarray:
    with torch.no_grad():
        return model(input_ids=torch.tensor([ids])).logits[0].float().numpy()


def assert_logits_match(got: np.ndarray, want: np.ndarray) -> None:
    assert got.shape == want.shape
    np.testing.assert_array_equal(got.argmax(-1), want.argmax(-1))
    tolerance = 1e-3 * float(want.max() - want.min())
    assert float(np.abs(got - want).max()) < tolerance


# -- the registry ----------------------------------------------------------------------------------------


def test_every_registered_architecture_has_a_row_and_a_module():
    from converters.registry import converter_class

    assert {r.architecture for r in ROWS} == set(converters.supported_architectures())
    for name, module in converters.ARCHITECTURE_MODULES.items():
        cls = converter_class(name)
        assert cls.__module__ == f"converters.{module}" and name in cls.hf_architectures


def test_asking_costs_no_torch_import():
    import subprocess
    import sys

    code = ("import sys, converters; v = converters.can_export('Gemma3ForCausalLM'); "
            "print(v.ok, v.gguf_arch, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "gemma3", "False"]


@pytest.mark.parametrize("model", ["GPT2LMHeadModel", {"architectures": ["MadeUpForCausalLM"], "hidden_size": 8}])
def test_an_unsupported_architecture_is_refused_with_the_supported_list(model):
    verdict = converters.can_export(model)
    assert not verdict.ok and verdict.gguf_arch is None
    assert all(name in verdict.reason for name in converters.supported_architectures())
    with pytest.raises(converters.UnsupportedModel) as caught:
        converters.gguf_arch_for(model if isinstance(model, dict) else {"architectures": [model]})
    assert caught.value.supported == converters.supported_architectures()


def test_a_setting_llama_cpp_cannot_reproduce_is_refused(family):
    config = json.loads((family.folder / "config.json").read_text())
    assert converters.can_export(family.folder) == converters.Verdict(True, "", family.row.architecture,
                                                                      family.row.gguf_arch)
    text = config.get("text_config", config)
    text["rope_parameters"] = {"rope_type": "yarn", "factor": 4.0, "rope_theta": 10000.0}
    verdict = converters.can_export(config)
    assert not verdict.ok and "yarn" in verdict.reason and family.row.architecture in verdict.reason


def test_gemma3_attention_scale_other_than_head_dim_is_refused():
    config = {"architectures": ["Gemma3ForCausalLM"], "hidden_size": 64, "intermediate_size": 128,
              "num_hidden_layers": 2, "num_attention_heads": 4, "head_dim": 16, "vocab_size": 300,
              "query_pre_attn_scalar": 32}
    verdict = converters.can_export(config)
    assert not verdict.ok and "query_pre_attn_scalar" in verdict.reason
    assert converters.can_export({**config, "query_pre_attn_scalar": 16}).ok


# -- HF -> GGUF against torch ----------------------------------------------------------------------------


def test_f32_logits_equal_torch(family):
    assert_logits_match(llama_logits(family.f32, family.ids), torch_logits(family.model, family.ids))


def test_tensor_names_agree_with_gguf_py(family):
    import gguf
    from safetensors import safe_open

    from converters.registry import converter_for

    arch = converter_for(json.loads((family.folder / "config.json").read_text()))
    model_arch = {v: k for k, v in gguf.MODEL_ARCH_NAMES.items()}[arch.gguf_arch]
    names = gguf.get_tensor_name_map(model_arch, arch.n_layers)
    with safe_open(str(family.folder / "model.safetensors"), "pt") as f:
        for name in f.keys():  # noqa: SIM118
            mapped = arch.map_tensor(name, torch.empty(f.get_slice(name).get_shape(), device="meta"))
            if mapped:
                assert mapped[0][0] == names.get_name(arch.normalize_name(name), try_suffixes=(".weight", ".bias"))


def _convert_and_compare(family: Family, tmp_path: Path, outtype: str) -> tuple[Path, float]:
    """Convert to ``outtype`` and return the file and how often llama.cpp's top token is torch's."""
    calls = []
    path = converters.convert_hf(family.folder, tmp_path / "m.gguf", outtype=outtype,
                                 progress=lambda done, total: calls.append((done, total)))
    header = read_header(path)
    assert calls == [(i, len(header.tensors)) for i in range(1, len(header.tensors) + 1)]
    vectors = {t for shape, t in header.tensors.values() if len(shape) == 1}
    assert vectors == {0}  # vectors (norms, biases) stay F32
    got, want = llama_logits(path, family.ids), torch_logits(family.model, family.ids)
    return path, float((got.argmax(-1) == want.argmax(-1)).mean())


def test_f16_keeps_the_top_token(family, tmp_path):
    path, agreement = _convert_and_compare(family, tmp_path, "f16")
    assert agreement >= 0.98 and read_header(path).kvs["general.file_type"].value == 1


ONE_FAMILY = pytest.mark.parametrize("family", [ROW["llama"]], indirect=True, ids=["llama"])


# Q8_0 also rounds the activations to 8 bits in llama.cpp's matrix products, so fewer near-ties survive.
@ONE_FAMILY
@pytest.mark.parametrize("outtype,agreement", [("bf16", 0.95), ("q8_0", 0.85)])
def test_bf16_and_q8_0_keep_the_top_token(family, tmp_path, outtype, agreement):
    import gguf

    path, measured = _convert_and_compare(family, tmp_path, outtype)
    assert measured >= agreement
    stored = next(t for t in gguf.GGUFReader(str(path)).tensors if t.name == "blk.0.ffn_up.weight")
    assert stored.tensor_type.name == outtype.upper()
    decoded = gguf.quants.dequantize(stored.data, stored.tensor_type)
    weight = family.model.state_dict()["model.layers.0.mlp.up_proj.weight"].numpy()
    # bf16 keeps 8 bits of mantissa; a Q8_0 block's step is max|block|/127
    assert np.abs(decoded - weight).max() <= np.abs(weight).max() / 127


# -- LoRA -> GGUF against PEFT ---------------------------------------------------------------------------


def _peft(model: torch.nn.Module, folder: Path, seed: int = 1, **lora):
    from peft import LoraConfig, get_peft_model

    peft_model = get_peft_model(copy.deepcopy(model), LoraConfig(**{"r": 4, "lora_alpha": 8, **lora}))
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, param in peft_model.named_parameters():
            if "lora_B" in name:  # PEFT starts B at zero; a random B makes the adapter change the logits
                param.copy_(torch.randn(param.shape, generator=generator) * 0.2)
    peft_model.save_pretrained(folder)
    return peft_model.eval()


def test_lora_on_its_base_equals_peft(family, tmp_path):
    peft_model = _peft(family.model, tmp_path / "adapter", target_modules=family.row.lora_targets)
    assert converters.can_export_adapter(tmp_path / "adapter", family.folder).ok
    out = converters.convert_lora(tmp_path / "adapter", family.folder, tmp_path / "adapter.gguf")
    header = read_header(out)
    assert header.kvs["general.type"].value == b"adapter" and header.kvs["adapter.type"].value == b"lora"
    base = torch_logits(family.model, family.ids)
    want = torch_logits(peft_model, family.ids)
    assert np.abs(want - base).max() > 0.05 * float(base.max() - base.min())  # the adapter matters
    assert_logits_match(llama_logits(family.f32, family.ids, lora=out), want)


@ONE_FAMILY
def test_rslora_and_per_module_alpha_and_rank_scale_as_peft(family, tmp_path):
    peft_model = _peft(family.model, tmp_path / "adapter", target_modules=TARGETS, use_rslora=True,
                       alpha_pattern={"v_proj": 2}, rank_pattern={"o_proj": 2})
    out = converters.convert_lora(tmp_path / "adapter", family.folder, tmp_path / "adapter.gguf")
    assert read_header(out).kvs["adapter.lora.alpha"].value == pytest.approx(8 * 2.0)  # alpha * sqrt(r)
    assert_logits_match(llama_logits(family.f32, family.ids, lora=out), torch_logits(peft_model, family.ids))


def test_adapters_llama_cpp_cannot_apply_are_refused(tmp_path):
    model = tiny_causal_lm("llama", 300)
    _peft(model, tmp_path / "dora", target_modules=["q_proj", "v_proj"], use_dora=True)
    verdict = converters.can_export_adapter(tmp_path / "dora")
    assert not verdict.ok and "DoRA" in verdict.reason and "merged" in verdict.reason
    with pytest.raises(converters.ConversionError, match="DoRA"):
        converters.convert_lora(tmp_path / "dora", model.config.to_dict() | {"architectures": ["LlamaForCausalLM"]},
                                tmp_path / "x.gguf")
    assert not (tmp_path / "x.gguf").exists()
    _peft(model, tmp_path / "saved", target_modules=["q_proj"], modules_to_save=["lm_head"])
    verdict = converters.can_export_adapter(tmp_path / "saved")
    assert not verdict.ok and "lm_head" in verdict.reason


# -- tokenizers ------------------------------------------------------------------------------------------


def _vocab_only(path: Path):
    import llama_cpp

    return llama_cpp.Llama(str(path), vocab_only=True, verbose=False)


def assert_same_tokens(folder: Path, gguf_path: Path, texts: list[str] = TEXTS) -> None:
    """llama.cpp tokenises each text as the tokenizer transformers loads from ``folder`` (the one training used)."""
    from transformers import AutoTokenizer

    hf_tokenizer = AutoTokenizer.from_pretrained(folder)
    llm = _vocab_only(gguf_path)
    try:
        for text in texts:
            want = hf_tokenizer(text)["input_ids"]
            assert llm.tokenize(text.encode(), add_bos=True, special=True) == want, text
    finally:
        llm.close()


def _convert_with(tokenizer, tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    tiny_causal_lm("llama", len(tokenizer), layers=1).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return converters.convert_hf(folder, tmp_path / "model.gguf", outtype="f16")


def _byte_level(pre, *, ignore_merges: bool = False):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(ignore_merges=ignore_merges))
    tok.pre_tokenizer = pre
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, special_tokens=SPECIALS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(CORPUS * 3, trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<bos>", eos_token="<eos>", pad_token="<pad>")


def _pre_tokenizer(name: str):
    from tokenizers import Regex, pre_tokenizers

    from converters.tokenizer import _LLAMA3_RE, _QWEN2_RE

    raw = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    return {
        "gpt-2": pre_tokenizers.ByteLevel(add_prefix_space=False),
        "smollm": pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                           pre_tokenizers.ByteLevel(add_prefix_space=False)]),
        "llama-bpe": pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(_LLAMA3_RE), "isolated"), raw]),
        "qwen2": pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(_QWEN2_RE), "isolated"), raw]),
        "whitespace": pre_tokenizers.Whitespace(),  # no llama.cpp pre-tokenizer splits like this
    }[name]


@pytest.mark.parametrize("pre", ["gpt-2", "smollm", "llama-bpe", "qwen2"])
def test_byte_level_bpe_tokenises_as_hf(tmp_path, pre):
    path = _convert_with(_byte_level(_pre_tokenizer(pre), ignore_merges=pre == "llama-bpe"), tmp_path)
    kvs = read_header(path).kvs
    assert kvs["tokenizer.ggml.model"].value == b"gpt2" and kvs["tokenizer.ggml.pre"].value == pre.encode()
    assert_same_tokens(tmp_path / "model", path)


@pytest.fixture(scope="module")
def sentencepiece_model() -> bytes:
    """A SentencePiece BPE with byte fallback, trained on the corpus."""
    import io

    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS * 20), model_writer=buffer, vocab_size=420, model_type="bpe",
        byte_fallback=True, character_coverage=1.0, normalization_rule_name="identity",
        remove_extra_whitespaces=False, split_digits=True, allow_whitespace_only_pieces=True,
        user_defined_symbols=["<|im_start|>", "<|im_end|>"], unk_id=0, bos_id=1, eos_id=2, pad_id=3, minloglevel=2)
    return buffer.getvalue()


def _hf_sentencepiece(model: bytes, layout: str):
    """The transformers tokenizer of a SentencePiece model: its pieces, and every split of a piece into two
    pieces as a merge, ranked by the piece's score (as transformers converts SentencePiece models)."""
    import sentencepiece as spm
    from transformers import GemmaTokenizer, LlamaTokenizer

    sp = spm.SentencePieceProcessor(model_proto=model)
    pieces = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    merges = sorted(((piece[:cut], piece[cut:], sp.get_score(i)) for piece, i in pieces.items()
                     for cut in range(1, len(piece)) if piece[:cut] in pieces and piece[cut:] in pieces),
                    key=lambda m: (-m[2], pieces[m[0]], pieces[m[1]]))
    cls = GemmaTokenizer if layout == "gemma" else LlamaTokenizer
    names = {"unk_token": "<unk>", "bos_token": "<s>", "eos_token": "</s>", "pad_token": "<pad>"}
    # legacy=False: the layout Llama 2, Mistral and TinyLlama ship (Metaspace, a '▁' before the first word only)
    return cls(vocab=pieces, merges=[(a, b) for a, b, _ in merges], add_bos_token=True, legacy=layout == "gemma",
               additional_special_tokens=["<|im_start|>", "<|im_end|>"], **names), sp


@pytest.mark.parametrize("source", ["tokenizer.model", "tokenizer.json"])
@pytest.mark.parametrize("layout", ["gemma", "llama"])
def test_sentencepiece_bpe_tokenises_as_hf(tmp_path, sentencepiece_model, layout, source, caplog):
    tokenizer, sp = _hf_sentencepiece(sentencepiece_model, layout)
    folder = tmp_path / "model"
    tokenizer.save_pretrained(folder)
    if source == "tokenizer.model":
        (folder / "tokenizer.model").write_bytes(sentencepiece_model)
    tiny_causal_lm("llama", len(tokenizer), layers=1).save_pretrained(folder)
    path = converters.convert_hf(folder, tmp_path / "model.gguf", outtype="f16")
    kvs = read_header(path).kvs
    assert kvs["tokenizer.ggml.model"].value == b"llama" and kvs["tokenizer.ggml.add_bos_token"].value is True
    types = kvs["tokenizer.ggml.token_type"].value
    assert types[sp.piece_to_id("<0x0A>")] == 6 and types[sp.piece_to_id("<|im_end|>")] == 3  # byte, control
    if source == "tokenizer.model":
        normal = [i for i, t in enumerate(types) if t == 1]
        scores = kvs["tokenizer.ggml.scores"].value
        assert len(normal) > 100 and [scores[i] for i in normal] == [sp.get_score(i) for i in normal]
    if layout == "gemma":
        assert kvs["tokenizer.ggml.add_space_prefix"].value is False
        assert_same_tokens(folder, path)
        return
    # Metaspace(prepend_scheme="first"): a '▁' before the first word, which llama.cpp's add_space_prefix gives.
    assert kvs["tokenizer.ggml.add_space_prefix"].value is True
    assert_same_tokens(folder, path, [t for t in TEXTS if not t[:1].isspace() and "<|" not in t])
    # What llama.cpp cannot express, and the conversion says: HF puts no '▁' before text that starts with
    # whitespace, nor after a special token inside the input; llama.cpp, as SentencePiece itself, does. Such
    # text gets exactly HF's tokens of the text with that space written out, nothing else differs.
    assert "prepend_scheme 'first'" in caplog.text and "follows a special token" in caplog.text
    _assert_one_space_more(folder, path, {"   leading\n  \n \t trailing   ": " " + "   leading\n  \n \t trailing   ",
                                          "<|im_start|>user\nHi<|im_end|>": "<|im_start|> user\nHi<|im_end|>"})


def test_the_gate_passes_a_first_word_prefix_and_fails_one_planted_wrong(tmp_path, sentencepiece_model, monkeypatch):
    """The SentencePiece Llama layout verified as an export is: tokenisation equal but for the one leading-space
    rule (counted apart, not a failure); the same file with the prefix switched off fails loudly."""
    import converters.tokenizer as tokenizer_module
    from core.export.verify import TOKENIZER_TEXTS, verify_gguf

    tokenizer, _sp = _hf_sentencepiece(sentencepiece_model, "llama")
    folder = tmp_path / "model"
    tokenizer.save_pretrained(folder)
    tiny_causal_lm("llama", len(tokenizer), layers=1).save_pretrained(folder)
    good = converters.convert_hf(folder, tmp_path / "good.gguf", outtype="f32")
    report = verify_gguf(good, folder, texts=["the quick brown fox"], kind="top1")
    tokens = report["tokenizer"]
    # the fixed texts and a chat-shaped one; two differ by the rule llama.cpp cannot express: the text that
    # starts with whitespace, and the chat text after its special tokens (transformers' own "first" reading)
    assert tokens["texts"] == len(TOKENIZER_TEXTS) + 1 and tokens["mismatches"] == []
    differing = [d["text"] for d in tokens["space_prefix_differences"]]
    assert len(differing) == 2 and differing[0][:1].isspace() and "<|im_end|>" in differing[1]
    assert tokens["identical"] == len(TOKENIZER_TEXTS) - 1
    assert not any("tokenises" in f for f in report["failures"])

    monkeypatch.setattr(tokenizer_module, "_spm_space_prefix", lambda _json: False)  # planted wrong
    bad = converters.convert_hf(folder, tmp_path / "bad.gguf", outtype="f32")
    report = verify_gguf(bad, folder, texts=["the quick brown fox"], kind="top1")
    assert not report["passed"] and len(report["tokenizer"]["mismatches"]) >= 4
    assert any("tokenises" in f and "differently" in f for f in report["failures"])


def _assert_one_space_more(folder: Path, gguf_path: Path, written_out: dict[str, str]) -> None:
    from transformers import AutoTokenizer

    hf_tokenizer = AutoTokenizer.from_pretrained(folder)
    llm = _vocab_only(gguf_path)
    try:
        for text, spaced in written_out.items():
            got = llm.tokenize(text.encode(), add_bos=False, special=True)
            assert got != hf_tokenizer(text, add_special_tokens=False)["input_ids"], text
            assert got == hf_tokenizer(spaced, add_special_tokens=False)["input_ids"], text
    finally:
        llm.close()


def test_a_sentencepiece_model_alone_tokenises_as_sentencepiece(tmp_path, sentencepiece_model):
    """Without tokenizer.json the vocabulary, scores, types and flags come from tokenizer.model itself."""
    import sentencepiece as spm

    folder = tmp_path / "model"
    sp = spm.SentencePieceProcessor(model_proto=sentencepiece_model)
    tiny_causal_lm("llama", sp.get_piece_size(), layers=1).save_pretrained(folder)
    (folder / "tokenizer.model").write_bytes(sentencepiece_model)
    path = converters.convert_hf(folder, tmp_path / "model.gguf", outtype="f16")
    kvs = read_header(path).kvs
    assert kvs["tokenizer.ggml.add_space_prefix"].value is True
    assert kvs["tokenizer.ggml.tokens"].value == [sp.id_to_piece(i).encode() for i in range(sp.get_piece_size())]
    llm = _vocab_only(path)
    try:
        # (around its user-defined symbols SentencePiece adds '▁' at the start only, llama.cpp after them too)
        for text in [t for t in TEXTS if "<|" not in t]:
            assert llm.tokenize(text.encode(), add_bos=False, special=True) == sp.encode(text), text
    finally:
        llm.close()


def _unigram():
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram())
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.train_from_iterator(CORPUS * 3, trainers.UnigramTrainer(vocab_size=200, show_progress=False,
                                                                  special_tokens=["<unk>"], unk_token="<unk>"))
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>")


@pytest.mark.parametrize("build,reason", [
    (_unigram, "Unigram"),
    (lambda: _byte_level(_pre_tokenizer("whitespace")), "pre-tokenizer"),
    (lambda: _byte_level(_pre_tokenizer("llama-bpe"), ignore_merges=False), "ignore_merges"),
])
def test_tokenizers_llama_cpp_would_split_differently_are_refused(tmp_path, build, reason):
    with pytest.raises(converters.ConversionError, match=reason):
        _convert_with(build(), tmp_path)
    assert not (tmp_path / "model.gguf").exists()
    verdict = converters.can_export(tmp_path / "model")  # known before training, not after
    assert not verdict.ok and reason in verdict.reason


@pytest.mark.parametrize("family", [ROW["qwen3"]], indirect=True, ids=["qwen3"])
def test_special_tokens_template_and_metadata_are_written(family, byte_tokenizer, tmp_path):
    kvs = read_header(family.f32).kvs
    ids = byte_tokenizer.convert_tokens_to_ids
    assert kvs["tokenizer.ggml.bos_token_id"].value == ids("<bos>")
    assert kvs["tokenizer.ggml.eos_token_id"].value == ids("<eos>")
    assert kvs["tokenizer.ggml.padding_token_id"].value == ids("<pad>")
    assert kvs["tokenizer.ggml.eot_token_id"].value == ids("<|im_end|>")
    assert kvs["tokenizer.ggml.add_bos_token"].value is False  # the tiny tokenizer adds none
    assert kvs["tokenizer.chat_template"].value == TEMPLATE.encode()
    assert kvs["general.type"].value == b"model" and kvs["general.file_type"].value == 0
    assert kvs["qwen3.block_count"].value == 2 and kvs["qwen3.attention.head_count_kv"].value == 2

    metadata = {"hearth.method": "qlora", "hearth.steps": 120, "hearth.learning_rate": 2e-4, "hearth.merged": True,
                "general.name": "tuned"}
    out = converters.convert_hf(family.folder, tmp_path / "m.gguf", outtype="f16", chat_template="{{ x }}",
                                metadata={**metadata, "hearth.unset": None})
    kvs = read_header(out).kvs
    assert "hearth.unset" not in kvs
    assert kvs["tokenizer.chat_template"].value == b"{{ x }}"
    assert {k: kvs[k].value for k in metadata} == {**metadata, "hearth.method": b"qlora", "general.name": b"tuned"}


def test_tokenizer_copied_verbatim_from_a_gguf(tmp_path):
    from converters.synthetic import TINY_TEXT, write_tiny_llama

    source = write_tiny_llama(tmp_path / "source.gguf", quant="F32")
    n_tokens = len(read_header(source).kvs["tokenizer.ggml.tokens"].value)
    folder = tmp_path / "model"
    tiny_causal_lm("gemma3", n_tokens, layers=1).save_pretrained(folder)
    path = converters.convert_hf(folder, tmp_path / "m.gguf", tokenizer_gguf=source, chat_template="T")
    copied = {k: v for k, v in read_header(path).kvs.items() if k.startswith("tokenizer.")}
    original = {k: v for k, v in read_header(source).kvs.items() if k.startswith("tokenizer.")}
    assert copied.pop("tokenizer.chat_template").value == b"T"
    assert copied == original
    first, second = _vocab_only(source), _vocab_only(path)
    try:
        assert second.tokenize(TINY_TEXT.encode()) == first.tokenize(TINY_TEXT.encode())
    finally:
        first.close()
        second.close()
    with pytest.raises(converters.ConversionError, match="not this model's base"):
        converters.convert_hf(folder, tmp_path / "x.gguf", tokenizer_gguf=_three_token_gguf(tmp_path))


def _three_token_gguf(tmp_path: Path) -> Path:
    """A GGUF whose tokenizer has fewer tokens than the tiny Gemma above has embeddings."""
    import gguf

    writer = gguf.GGUFWriter(str(tmp_path / "other.gguf"), "llama")
    writer.add_tokenizer_model("llama")
    writer.add_token_list(["<unk>", "<s>", "</s>"])
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return tmp_path / "other.gguf"


# -- the default model -----------------------------------------------------------------------------------


def test_gemma3_tensor_names_are_those_of_the_default_gguf(default_gguf, byte_tokenizer, tmp_path):
    header = read_header(default_gguf)
    layers = header.kvs["gemma3.block_count"].value
    folder = tmp_path / "model"
    tiny_causal_lm("gemma3", len(byte_tokenizer), layers=layers).save_pretrained(folder)
    byte_tokenizer.save_pretrained(folder)
    ours = read_header(converters.convert_hf(folder, tmp_path / "m.gguf")).tensors
    assert set(ours) == set(header.tensors)
    assert all(len(ours[n][0]) == len(header.tensors[n][0]) for n in ours)


def test_a_lora_for_gemma3_applies_to_the_default_gguf(default_gguf, tmp_path):
    """An adapter converted against the GGUF base itself loads on the Q4_K_M file llama.cpp's converter made."""
    from safetensors.torch import save_file

    from converters.registry import load_config

    config = load_config(default_gguf)
    assert converters.can_export(default_gguf).gguf_arch == "gemma3"
    hidden, q_dim = config["hidden_size"], config["num_attention_heads"] * config["head_dim"]
    shapes = {"self_attn.q_proj": (q_dim, hidden), "self_attn.o_proj": (hidden, q_dim),
              "mlp.down_proj": (hidden, config["intermediate_size"])}
    generator = torch.Generator().manual_seed(0)
    tensors = {}
    for layer in range(config["num_hidden_layers"]):
        for module, (out_dim, in_dim) in shapes.items():
            prefix = f"base_model.model.model.layers.{layer}.{module}"
            tensors[f"{prefix}.lora_A.weight"] = torch.randn(2, in_dim, generator=generator) * 0.05
            tensors[f"{prefix}.lora_B.weight"] = torch.randn(out_dim, 2, generator=generator) * 0.05
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    save_file(tensors, adapter / "adapter_model.safetensors")
    (adapter / "adapter_config.json").write_text(json.dumps({"peft_type": "LORA", "r": 2, "lora_alpha": 4}))
    out = converters.convert_lora(adapter, default_gguf, tmp_path / "adapter.gguf")
    ids = [2, 651, 4320, 8864, 38960, 236764]
    base, tuned = llama_logits(default_gguf, ids), llama_logits(default_gguf, ids, lora=out)
    assert np.isfinite(tuned).all() and np.abs(tuned - base).max() > 1e-2

    tensors["base_model.model.model.layers.0.mlp.down_proj.lora_A.weight"] = torch.zeros(2, hidden)
    save_file(tensors, adapter / "adapter_model.safetensors")
    with pytest.raises(converters.ConversionError, match="not the adapter's base"):
        converters.convert_lora(adapter, default_gguf, tmp_path / "wrong.gguf")


# -- streaming -------------------------------------------------------------------------------------------


def _rss(key: str = "VmRSS") -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) * 1024
    raise LookupError


def _glibc_trim() -> Callable[[int], int]:
    import ctypes

    try:
        _rss()
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, LookupError, AttributeError):
        pytest.skip("needs Linux's /proc/self/status and glibc")


def test_convert_hf_holds_one_tensor_at_a_time(byte_tokenizer, tmp_path):
    import gc

    trim = _glibc_trim()
    from safetensors.torch import save_file

    layers, hidden, ffn = 8, 256, 2048
    folder = tmp_path / "model"
    tiny = tiny_causal_lm("llama", len(byte_tokenizer), hidden=hidden, layers=layers)
    tiny.config.intermediate_size = ffn
    tiny.config.architectures = ["LlamaForCausalLM"]
    tiny.config.save_pretrained(folder)
    byte_tokenizer.save_pretrained(folder)
    generator = torch.Generator().manual_seed(0)
    shapes = {n: tuple(p.shape) for n, p in tiny.state_dict().items()}
    for i in range(layers):
        for name in ("gate_proj", "up_proj"):
            shapes[f"model.layers.{i}.mlp.{name}.weight"] = (ffn, hidden)
        shapes[f"model.layers.{i}.mlp.down_proj.weight"] = (hidden, ffn)
    # bf16 as most checkpoints are: each tensor becomes a float32 copy in memory when it is read
    tensors = {n: torch.randn(s, generator=generator).to(torch.bfloat16) for n, s in shapes.items()}
    total = sum(t.numel() * 4 for t in tensors.values())
    save_file(tensors, folder / "model.safetensors")
    del tensors, tiny
    gc.collect()
    trim(0)  # give the memory freed above back to the system, or the conversion would reuse it unseen
    baseline, peak = _rss("RssAnon"), [0]
    converters.convert_hf(folder, tmp_path / "m.gguf", outtype="f16",
                          progress=lambda done, n: peak.__setitem__(0, max(peak[0], _rss("RssAnon"))))
    # the largest tensor is 2 MiB in F32: streaming holds a few copies of it, never the 57 MiB of the model
    assert total > 48 * 2**20 and peak[0] - baseline < total / 3


def test_convert_hf_holds_a_block_of_a_big_tensor_at_a_time(byte_tokenizer, tmp_path, monkeypatch):
    """An F32 checkpoint whose embedding and output layer are most of it: the resident set (the process's
    memory and the pages of mapped files) grows by a few blocks, not by the embedding or the file."""
    import gc

    from converters import writer

    trim = _glibc_trim()
    vocab, hidden = 16384, 512
    folder = tmp_path / "model"
    model = tiny_causal_lm("llama", vocab, hidden=hidden)
    model.config.architectures = ["LlamaForCausalLM"]
    model.save_pretrained(folder)
    byte_tokenizer.save_pretrained(folder)
    total = sum(p.numel() * 4 for p in model.state_dict().values())
    del model
    monkeypatch.setattr(writer, "BLOCK_BYTES", 2**20)
    converters.convert_hf(folder, tmp_path / "warm.gguf", outtype="f16")  # imports, page cache
    gc.collect()
    trim(0)
    baseline, peak, real_encode = _rss(), [0], writer.encode

    def encode(tensor, qtype):  # each block is in memory with its encoding here
        data = real_encode(tensor, qtype)
        peak[0] = max(peak[0], _rss())
        return data

    monkeypatch.setattr(writer, "encode", encode)
    converters.convert_hf(folder, tmp_path / "m.gguf", outtype="f16")
    assert (tmp_path / "m.gguf").read_bytes() == (tmp_path / "warm.gguf").read_bytes()
    # the embedding is 32 MiB in F32, q and k (transformed whole) 1 MiB each, a block 1 MiB
    assert total > 64 * 2**20 and peak[0] > 0 and peak[0] - baseline < 8 * 2**20, (peak[0] - baseline) / 2**20


@pytest.mark.parametrize("outtype", ["f32", "q8_0"])
def test_tensors_written_a_row_at_a_time_are_those_written_whole(family, tmp_path, monkeypatch, outtype):
    """Every family's transforms that row_local says act row by row do: one-row blocks give the same file."""
    from converters import writer

    whole = family.f32
    if outtype != "f32":
        monkeypatch.setattr(writer, "BLOCK_BYTES", 2**40)
        whole = converters.convert_hf(family.folder, tmp_path / "whole.gguf", outtype=outtype)
    monkeypatch.setattr(writer, "BLOCK_BYTES", 1)
    rows = converters.convert_hf(family.folder, tmp_path / "rows.gguf", outtype=outtype)
    assert rows.read_bytes() == whole.read_bytes()


def _cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])


def _garbled_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[8:16] = b"not json"
    path.write_bytes(bytes(data))


def _int8_tensor(path: Path) -> None:
    from safetensors.torch import load_file, save_file

    tensors = load_file(path)
    tensors["model.norm.weight"] = tensors["model.norm.weight"].to(torch.int8)
    save_file(tensors, path)


@pytest.mark.parametrize(("damage", "message"), [(_cut_short, "cut short"),
                                                 (_garbled_header, "not a whole safetensors file"),
                                                 (_int8_tensor, "stored as I8: a quantized checkpoint")])
def test_damaged_or_quantized_weights_are_refused(byte_tokenizer, tmp_path, damage, message):
    folder = tmp_path / "model"
    tiny_causal_lm("llama", len(byte_tokenizer)).save_pretrained(folder)
    byte_tokenizer.save_pretrained(folder)
    damage(folder / "model.safetensors")
    with pytest.raises(converters.ConversionError, match=message):
        converters.convert_hf(folder, tmp_path / "m.gguf")
    assert not (tmp_path / "m.gguf").exists()


def _rstrip_like_phi3(folder: Path) -> None:
    """Phi-3's tokenizer: every added token swallows the whitespace on its right, but <unk>, <s>, <|endoftext|>."""
    keep = ("<unk>", "<s>", "<|endoftext|>")
    data = json.loads((folder / "tokenizer.json").read_text())
    for token in data["added_tokens"]:
        token["rstrip"] = token["content"] not in keep
    (folder / "tokenizer.json").write_text(json.dumps(data))
    config = json.loads((folder / "tokenizer_config.json").read_text())
    for token in config.get("added_tokens_decoder", {}).values():
        token["rstrip"] = token["content"] not in keep
    (folder / "tokenizer_config.json").write_text(json.dumps(config))


def test_the_name_written_makes_llama_cpp_strip_as_phi3s_tokenizer_does(tmp_path, sentencepiece_model):
    """llama.cpp applies Phi-3's right-strip to a file whose general.name says phi3, and refuses one whose
    vocabulary lacks Phi-3's tokens: the name says phi3 exactly when the tokenizer strips that way."""
    from transformers import AutoTokenizer

    tokenizer, _sp = _hf_sentencepiece(sentencepiece_model, "llama")
    tokenizer.add_special_tokens({"additional_special_tokens": ["<|user|>", "<|assistant|>", "<|end|>",
                                                                "<|endoftext|>"]})
    chat = "<|user|>\nHello there<|end|>\n<|assistant|>\nHi!<|end|>\n"

    stripping = tmp_path / "support-bot"
    tokenizer.save_pretrained(stripping)
    tiny_causal_lm("phi3", len(tokenizer), layers=1).save_pretrained(stripping)
    _rstrip_like_phi3(stripping)
    path = converters.convert_hf(stripping, tmp_path / "stripping.gguf", outtype="f32")
    assert read_header(path).kvs["general.name"].value == b"support-bot (phi3)"
    hf = AutoTokenizer.from_pretrained(stripping)
    llm = _vocab_only(path)
    try:
        got = llm.tokenize(chat.encode(), add_bos=False, special=True)
    finally:
        llm.close()
    # the "\n" after each token swallowed alike (the tokenizer as training reads it: a '▁' after special tokens)
    from core.training.base import as_llama_cpp_reads

    assert got == as_llama_cpp_reads(hf)(chat, add_special_tokens=False)["input_ids"]

    plain = tmp_path / "Phi-3-mini"  # a name that says phi3 on a tokenizer that does not strip
    tokenizer.save_pretrained(plain)
    tiny_causal_lm("phi3", len(tokenizer), layers=1).save_pretrained(plain)
    path = converters.convert_hf(plain, tmp_path / "plain.gguf", outtype="f32")
    assert read_header(path).kvs["general.name"].value == b"Phi 3-mini"
    other = tmp_path / "phi3-distill"  # another family's file named so: llama.cpp would refuse its vocabulary
    tokenizer.save_pretrained(other)
    tiny_causal_lm("llama", len(tokenizer), layers=1).save_pretrained(other)
    path = converters.convert_hf(other, tmp_path / "other.gguf", outtype="f32")
    assert read_header(path).kvs["general.name"].value == b"phi 3-distill"
    _vocab_only(path).close()  # it loads
