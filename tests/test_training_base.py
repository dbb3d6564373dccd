"""Training bases: GGUF files dequantised into a cache, HF folders as they are, QLoRA's NF4 on the CPU."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from converters.synthetic import TINY_TEXT, write_tiny_llama
from core.errors import ConfigError, ModelError, UnsupportedArchitecture
from core.jobs.events import Log, Progress
from core.models import import_gguf, import_hf, sha256_file
from core.training.base import (
    CACHE_FOLDER,
    DEFAULT_TARGETS,
    MANIFEST,
    TrainingBase,
    architecture_family,
    cache_path,
    load_for_training,
    prepare_base,
    prepare_base_steps,
    run_prepare_base,
)
from core.workspace import TEMP_MARK
from tests.test_converters import sentencepiece_model  # noqa: F401  (a fixture)

VOCAB = 312  # the tiny GGUF's vocabulary: 3 specials, 256 bytes, 53 letter pieces
TEMPLATE = "{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}</s>{% endfor %}"

# One row per family Hearth trains: the tiny config's class and its extra arguments.
FAMILY_CONFIGS = {
    "llama": ("LlamaConfig", {}),
    "qwen2": ("Qwen2Config", {}),
    "qwen3": ("Qwen3Config", {"head_dim": 16}),
    "gemma3": ("Gemma3TextConfig", {"head_dim": 16, "sliding_window": 64}),
    "glm": ("GlmConfig", {"head_dim": 16}),
    "glm4": ("Glm4Config", {"head_dim": 16}),
    "phi3": ("Phi3Config", {}),
}
ARCHITECTURES = {"llama": "LlamaForCausalLM", "qwen2": "Qwen2ForCausalLM", "qwen3": "Qwen3ForCausalLM",
                 "gemma3": "Gemma3ForCausalLM", "glm": "GlmForCausalLM", "glm4": "Glm4ForCausalLM",
                 "phi3": "Phi3ForCausalLM"}


# -- helpers -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tiny_tokenizer_folder(tmp_path_factory: pytest.TempPathFactory, tiny_gguf: Path) -> Path:
    """The tiny GGUF's vocabulary as a transformers tokenizer folder, with a chat template."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(tiny_gguf.parent), gguf_file=tiny_gguf.name)
    tokenizer.chat_template = TEMPLATE
    folder = tmp_path_factory.mktemp("tiny-tokenizer")
    tokenizer.save_pretrained(str(folder))
    return folder


def make_hf_folder(folder: Path, tokenizer_folder: Path | None, family: str = "llama", *, seed: int = 0):
    """A tiny random-weight model of ``family`` saved as safetensors (with the tiny tokenizer); returns the model."""
    import torch
    import transformers

    class_name, extra = FAMILY_CONFIGS[family]
    config = getattr(transformers, class_name)(
        hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
        vocab_size=VOCAB, max_position_embeddings=256, bos_token_id=1, eos_token_id=2, pad_token_id=0, **extra)
    torch.manual_seed(seed)
    model = transformers.AutoModelForCausalLM.from_config(config).eval()
    model.save_pretrained(str(folder), safe_serialization=True)
    if tokenizer_folder is not None:
        for file in tokenizer_folder.iterdir():
            (folder / file.name).write_bytes(file.read_bytes())
    return model


def cache_entries(ws) -> list[str]:
    root = ws.folder("models") / CACHE_FOLDER
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def dead_pid() -> int:
    """The pid of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def logits(model, ids):
    import torch

    with torch.no_grad():
        return model(torch.tensor([ids])).logits[0].float()


# -- GGUF bases --------------------------------------------------------------------------------------------------


def test_gguf_base_is_dequantised_into_a_cache_that_matches_the_gguf(workspace, tiny_gguf: Path) -> None:
    import torch
    import transformers
    from transformers import AutoModelForCausalLM, AutoTokenizer

    record = import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    events: list = []
    base = prepare_base(workspace, "tiny", progress=events.append)

    sha = sha256_file(tiny_gguf)
    assert base.built_cache
    assert base.folder == cache_path(workspace, sha) == workspace.folder("models") / CACHE_FOLDER / sha[:16]
    assert (base.name, base.architecture, base.family) == ("tiny", "LlamaForCausalLM", "llama")
    assert (base.bos_token, base.bos_token_id, base.eos_token, base.eos_token_id) == ("<s>", 1, "</s>", 2)
    assert base.source_gguf == record.path and base.chat_template is None
    files = {p.name for p in base.folder.iterdir()}
    assert {"config.json", "generation_config.json", "model.safetensors", "tokenizer.json", MANIFEST} <= files
    manifest = json.loads((base.folder / MANIFEST).read_text())
    assert manifest["source_sha256"] == sha and manifest["transformers"] == transformers.__version__
    assert manifest["dtype"] == "float32" and manifest["files"]["model.safetensors"] > 0
    assert "quantization_config" not in json.loads((base.folder / "config.json").read_text())
    assert any(isinstance(e, Log) for e in events) and any(isinstance(e, Progress) for e in events)
    assert cache_entries(workspace) == [base.folder.name]  # no temporary folder left

    # The differential check: the cache gives the logits transformers computes from the GGUF itself.
    direct = AutoModelForCausalLM.from_pretrained(str(tiny_gguf.parent), gguf_file=tiny_gguf.name)
    direct_tokenizer = AutoTokenizer.from_pretrained(str(tiny_gguf.parent), gguf_file=tiny_gguf.name)
    model, tokenizer = load_for_training(base, method="lora", device="cpu")
    ids = tokenizer(TINY_TEXT).input_ids
    assert ids == direct_tokenizer(TINY_TEXT).input_ids and ids[0] == 1 and len(ids) > 10
    assert model.dtype == torch.float32
    torch.testing.assert_close(logits(model, ids), logits(direct, ids), rtol=0, atol=0)

    stamp = (base.folder / MANIFEST).stat().st_mtime_ns
    again = prepare_base(workspace, "tiny")
    assert not again.built_cache and again.folder == base.folder
    assert (again.bos_token, again.eos_token_id, again.architecture) == ("<s>", 2, "LlamaForCausalLM")
    assert (base.folder / MANIFEST).stat().st_mtime_ns == stamp


def test_damaged_cache_is_built_again(workspace, tiny_gguf: Path) -> None:
    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    base = prepare_base(workspace, "tiny")
    (base.folder / "model.safetensors").write_bytes(b"truncated")
    again = prepare_base(workspace, "tiny")
    assert again.built_cache
    manifest = json.loads((again.folder / MANIFEST).read_text())
    assert (again.folder / "model.safetensors").stat().st_size == manifest["files"]["model.safetensors"] > 1000
    assert cache_entries(workspace) == [again.folder.name]


@pytest.mark.parametrize("how", ["a step raises", "the caller throws"])
def test_failed_preparation_leaves_no_cache(workspace, tiny_gguf: Path, monkeypatch: pytest.MonkeyPatch,
                                            how: str) -> None:
    import core.training.base as base_module

    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    seen_temp: list[str] = []
    if how == "a step raises":
        save = base_module._save_weights

        def save_then_fail(model, folder: Path) -> None:
            save(model, folder)  # a whole weights file, then the failure
            seen_temp.extend(cache_entries(workspace))
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(base_module, "_save_weights", save_then_fail)
        with pytest.raises(OSError, match="No space"):
            prepare_base(workspace, "tiny")
        monkeypatch.undo()
    else:
        steps = prepare_base_steps(workspace, "tiny")
        for event in steps:
            if isinstance(event, Progress) and event.message.startswith("writing the tokenizer"):
                break
        seen_temp.extend(cache_entries(workspace))
        with pytest.raises(RuntimeError, match="killed"):
            steps.throw(RuntimeError("killed"))

    assert len(seen_temp) == 1 and TEMP_MARK in seen_temp[0] and str(os.getpid()) in seen_temp[0]
    assert cache_entries(workspace) == []
    base = prepare_base(workspace, "tiny")
    assert base.built_cache and cache_entries(workspace) == [base.folder.name]


def test_half_cache_of_a_dead_process_is_swept(workspace, tiny_gguf: Path) -> None:
    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    key = sha256_file(tiny_gguf)[:16]
    left = workspace.folder("models") / CACHE_FOLDER / f".{key}{TEMP_MARK}{dead_pid()}-abc123"
    left.mkdir(parents=True)
    (left / "model.safetensors").write_bytes(b"half")
    base = prepare_base(workspace, "tiny")
    assert not left.exists() and cache_entries(workspace) == [key] == [base.folder.name]


def test_job_cancelled_while_writing_removes_its_temporary_folder(workspace, tiny_gguf: Path) -> None:
    from core.jobs.runner import JobCancelled

    import_gguf(workspace, tiny_gguf, "tiny", copy=False)

    class Control:
        folder = workspace.folder("jobs") / "prepare-1"
        ws = workspace
        cancelled = False

        def check(self) -> None:
            if self.cancelled:
                raise JobCancelled()

    control = Control()
    job = run_prepare_base({"model": "tiny"}, control)
    seen = []
    with pytest.raises(JobCancelled):
        for event in job:
            if isinstance(event, Progress) and event.message == "writing the weights":
                seen = cache_entries(workspace)
                control.cancelled = True
    assert len(seen) == 1 and TEMP_MARK in seen[0]
    assert cache_entries(workspace) == []

    control.cancelled = False
    job = run_prepare_base({"model": "tiny"}, control)
    while True:
        try:
            next(job)
        except StopIteration as done:
            summary = done.value
            break
    assert summary["built_cache"] and summary["family"] == "llama"
    assert Path(summary["folder"]).name == cache_entries(workspace)[0]


# -- HF folders --------------------------------------------------------------------------------------------------


def test_every_family_has_a_test_row() -> None:
    assert set(FAMILY_CONFIGS) == set(DEFAULT_TARGETS) == set(ARCHITECTURES)


@pytest.mark.parametrize("family", sorted(FAMILY_CONFIGS))
def test_hf_folder_is_a_base_as_it_is(workspace, tmp_path: Path, tiny_tokenizer_folder: Path, family: str) -> None:
    import torch
    from torch import nn

    reference = make_hf_folder(tmp_path / family, tiny_tokenizer_folder, family)
    record = import_hf(workspace, tmp_path / family, f"tiny-{family}")
    base = prepare_base(workspace, record.name)

    assert base.folder == record.path and not base.built_cache and base.source_gguf is None
    assert (base.architecture, base.family) == (ARCHITECTURES[family], family)
    assert base.chat_template == TEMPLATE == base.template
    assert (base.bos_token, base.bos_token_id, base.eos_token, base.eos_token_id) == ("<s>", 1, "</s>", 2)
    assert cache_entries(workspace) == []

    model, tokenizer = load_for_training(base, method="lora", device="cpu")
    assert type(model).__name__ == ARCHITECTURES[family] and model.dtype == torch.float32
    ids = tokenizer(TINY_TEXT).input_ids
    torch.testing.assert_close(logits(model, ids), logits(reference, ids))
    linear = {name.rpartition(".")[2] for name, module in model.named_modules() if isinstance(module, nn.Linear)}
    assert set(base.target_modules) <= linear


@pytest.mark.parametrize("family", sorted(FAMILY_CONFIGS))
def test_qlora_loads_nf4_with_double_quantisation_on_the_cpu(workspace, tmp_path: Path, tiny_tokenizer_folder: Path,
                                                             family: str) -> None:
    import bitsandbytes as bnb
    import torch

    reference = make_hf_folder(tmp_path / family, tiny_tokenizer_folder, family)
    base = prepare_base(workspace, import_hf(workspace, tmp_path / family, f"tiny-{family}").name)
    model, tokenizer = load_for_training(base, method="qlora", device="cpu")

    quantised = {name: m for name, m in model.named_modules() if isinstance(m, bnb.nn.Linear4bit)}
    assert len(quantised) == len(DEFAULT_TARGETS[family]) * 2  # every projection of both layers
    assert {name.rpartition(".")[2] for name in quantised} == set(DEFAULT_TARGETS[family])
    for module in quantised.values():
        state = module.weight.quant_state
        assert state.quant_type == "nf4" and state.nested  # nested: the scales are quantised too
        assert module.weight.dtype == torch.uint8
    ids = tokenizer(TINY_TEXT).input_ids
    out, ref = logits(model, ids), logits(reference, ids)
    assert torch.isfinite(out).all()
    # NF4 of random weights moves the logits, but keeps them close to the fp32 model's (cosine over the vocabulary).
    assert torch.nn.functional.cosine_similarity(out, ref, dim=-1).min() > 0.9


def test_dtype_by_name(workspace, tmp_path: Path, tiny_tokenizer_folder: Path) -> None:
    import torch

    make_hf_folder(tmp_path / "m", tiny_tokenizer_folder)
    base = prepare_base(workspace, import_hf(workspace, tmp_path / "m", "m").name)
    model, _ = load_for_training(base, method="full", device="cpu", dtype="bf16")
    assert model.dtype == torch.bfloat16
    with pytest.raises(ConfigError, match="int8"):
        load_for_training(base, method="full", device="cpu", dtype="int8")


def test_load_refuses_unknown_method_and_missing_gpu(tmp_path: Path) -> None:
    import torch

    base = TrainingBase("m", tmp_path, "LlamaForCausalLM", "llama", None, None, None, None, None, None, None, False)
    with pytest.raises(ConfigError, match="dora"):
        load_for_training(base, method="dora", device="cpu")
    with pytest.raises(ConfigError, match="not a torch device"):
        load_for_training(base, method="lora", device="gpu0")
    if not torch.cuda.is_available():
        with pytest.raises(ConfigError, match="no CUDA GPU"):
            load_for_training(base, method="lora", device="cuda")


# -- refusals ----------------------------------------------------------------------------------------------------


def test_unsupported_architecture_is_refused(workspace, tmp_path: Path, tiny_tokenizer_folder: Path) -> None:
    from transformers import GPT2Config, GPT2LMHeadModel

    GPT2LMHeadModel(GPT2Config(n_embd=64, n_layer=2, n_head=4, vocab_size=VOCAB)).save_pretrained(str(tmp_path / "g"))
    record = import_hf(workspace, tmp_path / "g", "tiny-gpt2")
    with pytest.raises(UnsupportedArchitecture, match="GPT2LMHeadModel") as caught:
        prepare_base(workspace, record.name)
    assert "Qwen3" in caught.value.hint and "Gemma 3" in caught.value.hint

    gguf = write_tiny_llama(tmp_path / "phi.gguf", quant="F32", architecture="phi2")
    import_gguf(workspace, gguf, "tiny-phi", copy=False)
    with pytest.raises(UnsupportedArchitecture, match="'phi2'"):
        prepare_base(workspace, "tiny-phi")
    assert cache_entries(workspace) == []  # refused before any loading


@pytest.mark.parametrize(("config", "family"), [
    ({"architectures": ["MistralForCausalLM"]}, "llama"),
    ({"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2"}, "qwen2"),
    ({"model_type": "gemma3_text"}, "gemma3"),  # transformers' config of a GGUF names no class
    ({"architectures": ["Gemma3ForConditionalGeneration"], "model_type": "gemma3"}, None),
    ({"architectures": ["PhiForCausalLM"], "model_type": "llama"}, None),  # the class decides, not the type
    ({"architectures": ["Phi3ForCausalLM"], "model_type": "phi3"}, "phi3"),
    ({"architectures": ["GlmForCausalLM"], "model_type": "glm"}, "glm"),
])
def test_architecture_family(config: dict, family: str | None) -> None:
    if family is None:
        with pytest.raises(UnsupportedArchitecture, match=config["architectures"][0]):
            architecture_family(config)
    else:
        assert architecture_family(config) == family


def test_quantised_hf_folder_is_refused(workspace, tmp_path: Path, tiny_tokenizer_folder: Path) -> None:
    make_hf_folder(tmp_path / "q", tiny_tokenizer_folder)
    config = json.loads((tmp_path / "q" / "config.json").read_text())
    config["quantization_config"] = {"quant_method": "gptq", "bits": 4}
    (tmp_path / "q" / "config.json").write_text(json.dumps(config))
    import_hf(workspace, tmp_path / "q", "q")
    with pytest.raises(ModelError, match="already quantised \\(gptq\\)"):
        prepare_base(workspace, "q")


def test_hf_folder_without_tokenizer_is_refused(workspace, tmp_path: Path) -> None:
    make_hf_folder(tmp_path / "bare", None)
    import_hf(workspace, tmp_path / "bare", "bare")
    with pytest.raises(ModelError, match="no tokenizer") as caught:
        prepare_base(workspace, "bare")
    assert "tokenizer.json" in caught.value.hint


# -- the default model -------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_default_gemma_base(workspace) -> None:
    """The one test on the real default model: about 80 s to dequantise on 2 cores, then seconds."""
    import time

    import llama_cpp
    import numpy as np

    base = prepare_base(workspace)  # None: the default model, assembled from its package
    assert base.built_cache and base.name == "gemma-3-270m-q4_k_m"
    assert (base.architecture, base.family) == ("Gemma3ForCausalLM", "gemma3")
    assert (base.bos_token, base.bos_token_id, base.eos_token, base.eos_token_id) == ("<bos>", 2, "<eos>", 1)
    manifest = json.loads((base.folder / MANIFEST).read_text())
    # 268,098,176 parameters (the embedding tied to the output) in fp32, as measured when this was written.
    assert manifest["parameters"] == 268_098_176 and manifest["dtype"] == "float32"
    assert 1.07e9 < manifest["files"]["model.safetensors"] < 1.08e9

    started = time.monotonic()
    assert not prepare_base(workspace).built_cache
    assert time.monotonic() - started < 10

    model, tokenizer = load_for_training(base, method="lora", device="cpu")
    ids = tokenizer("The capital of France is").input_ids
    engine = llama_cpp.Llama(str(base.source_gguf), n_ctx=64, logits_all=True, verbose=False)
    assert engine.tokenize(b"The capital of France is", add_bos=True) == ids
    engine.eval(ids)
    reference = np.array(engine.scores[: len(ids)])
    ours = logits(model, ids).numpy()
    # llama.cpp multiplies Q4_K weights by Q8_K activations, so the logits differ slightly (cosine >= 0.998
    # and the same next token everywhere when measured), never by much.
    cosine = (ours * reference).sum(-1) / np.linalg.norm(ours, axis=-1) / np.linalg.norm(reference, axis=-1)
    assert cosine.min() > 0.99
    assert (ours.argmax(-1) == reference.argmax(-1)).all()


def test_a_first_word_prefix_tokenizer_trains_and_saves_as_llama_cpp_reads_it(tmp_path, sentencepiece_model):  # noqa: F811
    """Llama 2's layout in transformers 5 (Metaspace "first") puts no '▁' after a special token; llama.cpp does, so
    training reads chat text as llama.cpp will serve it, and the saved tokenizer (run, merge) loads that way again."""
    import json

    import llama_cpp
    from transformers import AutoTokenizer

    import converters
    from core.training.base import as_llama_cpp_reads, save_tokenizer
    from tests.test_converters import _hf_sentencepiece
    from tests.tiny import tiny_causal_lm

    tokenizer, _sp = _hf_sentencepiece(sentencepiece_model, "llama")
    folder = tmp_path / "model"
    tokenizer.save_pretrained(folder)
    tiny_causal_lm("llama", len(tokenizer), layers=1).save_pretrained(folder)
    gguf = converters.convert_hf(folder, tmp_path / "model.gguf", outtype="f32")
    chat = "<|im_start|>user\nHello world<|im_end|>\n<|im_start|>assistant\nHi there<|im_end|>\n"
    llm = llama_cpp.Llama(str(gguf), vocab_only=True, verbose=False)
    try:
        served = llm.tokenize(chat.encode(), add_bos=False, special=True)
    finally:
        llm.close()
    as_loaded = AutoTokenizer.from_pretrained(folder)
    assert as_loaded(chat, add_special_tokens=False)["input_ids"] != served  # transformers' own reading differs
    trained = as_llama_cpp_reads(AutoTokenizer.from_pretrained(folder))
    assert trained(chat, add_special_tokens=False)["input_ids"] == served
    save_tokenizer(trained, tmp_path / "saved")
    assert json.loads((tmp_path / "saved" / "tokenizer_config.json").read_text())["legacy"] is True
    reloaded = AutoTokenizer.from_pretrained(tmp_path / "saved")
    assert reloaded(chat, add_special_tokens=False)["input_ids"] == served
