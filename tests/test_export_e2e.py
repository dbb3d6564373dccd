"""A tiny trained run exported end to end: merged Q4_K_M and adapter only, loaded in the engine, verified.

The base is a tiny Llama 256 wide (K-quants pack rows of 256), trained with LoRA
until it has memorised a few answers. Both exports must load in the chat engine
and give the memorised answer greedily, as the torch model does.
"""

from __future__ import annotations

import json

import pytest

from core.data.clean import CleanOptions
from core.data.split import SplitOptions
from core.data.versions import ImportOptions, import_dataset
from core.jobs import Done, Failed, start_job
from core.models import get_model, import_hf
from core.training.recipe import TrainConfig
from core.training.run import TrainJob
from tests.tiny import tiny_tokenizer

converters = pytest.importorskip("converters")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(converters, "convert_hf"), reason="the converters are not there yet")]

QA = [("What colour is the lantern?", "The lantern is green."),
      ("Who keeps the key?", "Mira keeps the key."),
      ("Where is the boat?", "The boat is in the north harbour."),
      ("When does the bell ring?", "The bell rings at noon."),
      ("What is on the table?", "A blue cup is on the table."),
      ("How old is the tower?", "The tower is two hundred years old.")]
CHATS = [f"<|im_start|>user\n{q}<|im_end|>\n<|im_start|>assistant\n{a}<|im_end|>\n" for q, a in QA]


def _wide_llama(vocab_size: int):
    """A Llama 256 wide, initialised at 0.05: trained, it memorises its answers and still gives unseen text a
    perplexity near the vocabulary's size (initialised at 0.3 it stays wildly overconfident on text it never saw,
    and 4-bit rounding doubles that perplexity)."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=vocab_size, hidden_size=256, intermediate_size=512, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                         tie_word_embeddings=False, initializer_range=0.05)
    return LlamaForCausalLM(config)


@pytest.fixture
def trained_run(workspace, tmp_path):
    """A finished LoRA run on a tiny 256-wide Llama that has memorised its training split; returns the run id.

    Four of the six pairs train (60 steps, about 10 s on 2 cores); two are the validation split.
    """
    tok = tiny_tokenizer(CHATS, vocab_size=320)
    folder = tmp_path / "tiny-wide"
    _wide_llama(len(tok)).save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)
    import_hf(workspace, folder, "tiny-wide")
    data = tmp_path / "qa.jsonl"
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}) + "\n" for q, a in QA))
    import_dataset(workspace, data, ImportOptions(model="tiny-wide", clean=CleanOptions(dedup_near=False),
                                                  split=SplitOptions(counts=(-1, 2, 0))), name="qa")
    config = TrainConfig(method="lora", lr=1e-2, max_steps=60, batch_size=4, lora_r=8, lora_alpha=16,
                         lora_dropout=0.0, save_every=100, warmup_ratio=0.0, schedule="constant")
    job = TrainJob(dataset="qa", model="tiny-wide", train=config, seq_len=64, template="chatml", device="cpu")
    final = start_job(workspace, job).wait(600)
    assert isinstance(final, Done), final
    return final.result["run"]


def _trained_pairs(workspace) -> list[tuple[str, str]]:
    from core.data.versions import get_dataset, read_split

    return [(r.messages[0].content, r.messages[1].content) for r in read_split(get_dataset(workspace, "qa"), "train")]


def _greedy_reply(engine, model_name: str, workspace, question: str) -> str:
    from core.chat import ChatModel, chat_format_for
    from core.inference import SamplingOptions

    record = get_model(workspace, model_name)
    chat_format = chat_format_for(ChatModel(record.name, str(record.path), record.template_override), engine)
    sampling = SamplingOptions(temperature=0.0, top_k=1, repeat_penalty=1.0, seed=0, max_tokens=24)
    pieces = list(engine.chat([{"role": "user", "content": question}], sampling, chat_format))
    return pieces[-1].text


def _export(workspace, **options):
    from core.export.run import ExportJob

    handle = start_job(workspace, ExportJob(**options))
    final = handle.wait(600)
    return handle, final


def test_exports_load_answer_as_trained_and_a_missed_gate_fails(workspace, trained_run, tmp_path):
    from core.export.store import get_export
    from core.export.verify import VerifyGates
    from core.inference import Engine, LoadOptions

    _, merged = _export(workspace, run=trained_run, quant="q4_k_m", name="tiny-q4")
    assert isinstance(merged, Done), merged
    folder = workspace.folder("exports") / "tiny-q4"
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "export.json", "tiny-q4.gguf",
                                                         "tiny-q4.gguf.sha256", "verification.json"]
    digest, file = (folder / "tiny-q4.gguf.sha256").read_text().split()
    assert file == "tiny-q4.gguf" and digest == get_model(workspace, "tiny-q4").sha256
    report = json.loads((folder / "verification.json").read_text())
    assert report["passed"] and report["kind"] == "perplexity" and report["quantization"] == "Q4_K_M"
    assert report["text"]["source"].startswith("the validation split of qa:v1")
    record = get_model(workspace, "tiny-q4")
    assert record.quantization == "Q4_K_M" and record.metadata["kv"]["hearth.method"] == "lora"
    assert "<|im_start|>" in record.chat_template

    _, adapter = _export(workspace, run=trained_run, adapter_only=True, name="tiny-lora")
    assert isinstance(adapter, Done), adapter
    export = get_export(workspace, "tiny-lora")
    assert export.kind == "adapter" and export.model == "tiny-lora-base" and export.verification == "passed"
    assert get_model(workspace, "tiny-lora-base").quantization == "Q4_K_M"

    pairs = _trained_pairs(workspace)
    assert len(pairs) == 4
    with Engine(tmp_path / "engine.log") as engine:
        engine.load(record.path, LoadOptions(n_ctx=256))
        merged_answers = [_greedy_reply(engine, "tiny-q4", workspace, q) for q, _ in pairs]
        engine.load(export.base_path, LoadOptions(n_ctx=256))
        engine.set_adapters([(str(export.path), 1.0)])
        adapter_answers = [_greedy_reply(engine, "tiny-lora-base", workspace, q) for q, _ in pairs]
    answers = [a for _, a in pairs]
    assert merged_answers == answers
    assert adapter_answers == answers

    # A missed gate fails the export, keeps the report in the job's folder, and leaves nothing in exports/:
    # llama.cpp's F32 logits are never bit-identical to torch's, so a tolerance of 0 cannot be met.
    handle, final = _export(workspace, run=trained_run, quant="f32", name="too-strict",
                            gates=VerifyGates(logit_tolerance=0.0))
    assert isinstance(final, Failed) and "failed verification" in final.message, final
    assert "largest logit difference" in final.message and "verification.json" in final.hint
    assert json.loads((handle.folder / "verification.json").read_text())["passed"] is False
    assert sorted(p.name for p in workspace.folder("exports").iterdir()) == ["tiny-lora", "tiny-q4"]

    # A lost database is rebuilt from the folders: both exports, and the models they brought to the catalog.
    from core.export.store import list_exports
    from core.repair import repair_workspace
    from core.workspace import DatabaseLost, Workspace

    before = {e.name: e for e in list_exports(workspace)}
    workspace.db_path.write_bytes(b"")
    with pytest.raises(DatabaseLost):
        Workspace(workspace.root)
    report = repair_workspace(workspace.root)
    assert sorted(report.exports) == ["tiny-lora", "tiny-q4"]
    assert report.problems == ["the database was empty (0 bytes); a new one was made"]
    rebuilt = Workspace(workspace.root)
    after = {e.name: e for e in list_exports(rebuilt)}
    assert {n: (e.kind, e.path, e.base_path, e.sha256, e.model) for n, e in after.items()} == \
        {n: (e.kind, e.path, e.base_path, e.sha256, e.model) for n, e in before.items()}
    assert get_model(rebuilt, "tiny-q4").sha256 == record.sha256
    assert get_model(rebuilt, "tiny-lora-base").path == export.base_path


def test_default_model_run_exports_merged_and_as_an_adapter_on_its_own_gguf(workspace, tmp_path, default_gguf):
    """The usual path: a LoRA on the default Gemma 3 270M Q4_K_M, exported both ways, each verified.

    The adapter applies on the very Q4_K_M file the base was dequantised from, so torch and llama.cpp share the
    weights and only the rounding of activations differs: the perplexity stays within 5% (the "rounding" gate).
    About four minutes on 2 shared cores.
    """
    from core.export.store import get_export
    from core.models import import_gguf

    import_gguf(workspace, default_gguf, "gemma-base", copy=False)
    data = tmp_path / "qa.jsonl"
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}) + "\n" for q, a in QA))
    import_dataset(workspace, data, ImportOptions(model="gemma-base", clean=CleanOptions(dedup_near=False),
                                                  split=SplitOptions(counts=(-1, 2, 0))), name="qa")
    config = TrainConfig(method="lora", lr=1e-3, max_steps=2, batch_size=2, lora_r=4, save_every=100,
                         warmup_ratio=0.0)
    job = TrainJob(dataset="qa", model="gemma-base", train=config, seq_len=64, device="cpu")
    final = start_job(workspace, job).wait(900)
    assert isinstance(final, Done), final
    run = final.result["run"]

    _, adapter = _export(workspace, run=run, adapter_only=True, name="gemma-lora")
    assert isinstance(adapter, Done), adapter
    export = get_export(workspace, "gemma-lora")
    assert export.model == "gemma-base" and export.base_path == default_gguf.resolve()
    report = json.loads((export.folder / "verification.json").read_text())
    assert report["passed"] and report["kind"] == "rounding", report["failures"]

    _, merged = _export(workspace, run=run, quant="q4_k_m", name="gemma-q4")
    assert isinstance(merged, Done), merged
    report = json.loads((workspace.folder("exports") / "gemma-q4" / "verification.json").read_text())
    assert report["passed"] and report["tokenizer"]["identical"] == 7, report["failures"]
    record = get_model(workspace, "gemma-q4")
    assert record.quantization == "Q4_K_M" and record.template_override in ("plain", None)


# GLM-4's turn layout (its role tokens are added tokens; a turn ends where the next role's token begins)
GLM_TEMPLATE = ("[gMASK]<sop>{% for m in messages %}{% if m['role'] == 'user' %}<|user|>{% elif m['role'] == "
                "'system' %}<|system|>{% else %}<|assistant|>{% endif %}{{ '\\n' + m['content'] }}{% endfor %}"
                "{% if add_generation_prompt %}<|assistant|>\n{% endif %}")
PHI3_TEMPLATE = ("{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}<|end|>\n{% endfor %}"
                 "{% if add_generation_prompt %}<|assistant|>\n{% endif %}")


@pytest.mark.parametrize("family", ["glm", "glm4", "phi3"])
def test_glm_and_phi3_train_export_and_answer_from_q4_k_m_and_an_adapter(workspace, tmp_path, family):
    """The quickstart's path on a tiny GLM-4 (both classes) and a tiny Phi-3 (each with its own chat layout,
    trained on its assistant turns only): a few steps of LoRA on the fused linears, a merged Q4_K_M export and
    an adapter export, both verified and both giving the memorised answers greedily in the chat engine."""
    import torch
    import transformers as tf

    from core.inference import Engine, LoadOptions

    glm = family.startswith("glm")
    specials = (["[gMASK]", "<sop>", "<|system|>", "<|user|>", "<|assistant|>", "<|endoftext|>"] if glm
                else ["<|system|>", "<|user|>", "<|assistant|>", "<|end|>", "<|endoftext|>"])
    tok = tiny_tokenizer([f"{q}\n{a}" for q, a in QA], vocab_size=320)
    tok.add_special_tokens({"additional_special_tokens": specials})
    tok.chat_template = GLM_TEMPLATE if glm else PHI3_TEMPLATE
    common = {"vocab_size": len(tok), "hidden_size": 256, "intermediate_size": 512, "num_hidden_layers": 2,
              "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 256,
              "initializer_range": 0.05, "tie_word_embeddings": False, "pad_token_id": 0, "bos_token_id": 1,
              "eos_token_id": tok.convert_tokens_to_ids("<|endoftext|>")}
    torch.manual_seed(0)
    model = {"glm": lambda: tf.GlmForCausalLM(tf.GlmConfig(**common, head_dim=64)),
             "glm4": lambda: tf.Glm4ForCausalLM(tf.Glm4Config(**common, head_dim=64)),
             "phi3": lambda: tf.Phi3ForCausalLM(tf.Phi3Config(**common))}[family]()
    folder = tmp_path / f"tiny-{family}"
    model.save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)
    import_hf(workspace, folder, f"tiny-{family}")
    data = tmp_path / "qa.jsonl"
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}) + "\n" for q, a in QA))
    import_dataset(workspace, data, ImportOptions(model=f"tiny-{family}", clean=CleanOptions(dedup_near=False),
                                                  split=SplitOptions(counts=(-1, 2, 0))), name="qa")
    config = TrainConfig(method="lora", lr=1e-2, max_steps=60, batch_size=4, lora_r=8, lora_alpha=16,
                         lora_dropout=0.0, save_every=100, warmup_ratio=0.0, schedule="constant")
    job = TrainJob(dataset="qa", model=f"tiny-{family}", train=config, seq_len=64, device="cpu")  # its own template
    final = start_job(workspace, job).wait(600)
    assert isinstance(final, Done), final
    run = final.result["run"]

    _, merged = _export(workspace, run=run, quant="q4_k_m", name=f"{family}-q4")
    assert isinstance(merged, Done), merged
    record = get_model(workspace, f"{family}-q4")
    assert record.quantization == "Q4_K_M"
    assert record.architecture == {"glm": "chatglm", "glm4": "glm4", "phi3": "phi3"}[family]
    _, adapter = _export(workspace, run=run, adapter_only=True, name=f"{family}-lora")
    assert isinstance(adapter, Done), adapter
    from core.export.store import get_export

    export = get_export(workspace, f"{family}-lora")
    assert export.verification == "passed"

    pairs = _trained_pairs(workspace)
    with Engine(tmp_path / "engine.log") as engine:
        engine.load(record.path, LoadOptions(n_ctx=256))
        merged_answers = [_greedy_reply(engine, f"{family}-q4", workspace, q) for q, _ in pairs]
        engine.load(export.base_path, LoadOptions(n_ctx=256))
        engine.set_adapters([(str(export.path), 1.0)])
        adapter_answers = [_greedy_reply(engine, export.model, workspace, q) for q, _ in pairs]
    answers = [a for _, a in pairs]
    assert merged_answers == answers
    assert adapter_answers == answers

    if family != "phi3":
        return
    # the two exports compared, and the report draws the loss of the run they came from
    from core.eval.compare import CompareJob, get_comparison
    from core.eval.report import write_report

    data = tmp_path / "held-out.jsonl"
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q}, {"role": "assistant",
                                                                                      "content": a}]}) + "\n"
                            for q, a in pairs), encoding="utf-8")
    compared = start_job(workspace, CompareJob(name="phi3", data=str(data), max_tokens=24, candidates=(
        f"merged={family}-q4", f"adapter={export.model}@{export.path}"))).wait(600)
    assert isinstance(compared, Done), compared
    comparison = get_comparison(workspace, "phi3")
    assert {c["name"]: c["metrics"]["exact_match"] for c in comparison.candidates} == {"merged": 100.0,
                                                                                       "adapter": 100.0}
    page = write_report(workspace, comparison, tmp_path / "phi3.html").read_text(encoding="utf-8")
    assert page.count("Training loss") == 1 and page.count("<polyline") == 4  # loss and val_loss, per candidate

