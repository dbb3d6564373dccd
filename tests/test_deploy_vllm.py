"""``hearth deploy --target vllm``: a run's weights as the Hugging Face folder vLLM serves.

The run is a tiny random Llama (``converters.synthetic``) with a LoRA of random, non-zero weights, recorded as a
finished training leaves it. What the folder holds is checked against Hearth itself: the model it loads in
transformers answers greedily, token for token, as the adapter merged into its base by Hearth's own loader; its
tokenizer's chat template renders what Hearth's chat renders; and every ``vllm serve`` option in its launch
script and Dockerfile is one vLLM 0.34.0 parses, with a value it accepts (``tests/assets/vllm_serve_options.json``,
read from vLLM's source by ``packaging/vllm_options.py``).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from core.errors import HearthError
from core.inference.templates import PlainFormat
from core.workspace import utc_now
from tests.test_deploy import _deploy

OPTIONS = json.loads((Path(__file__).parent / "assets" / "vllm_serve_options.json").read_text())
QUESTIONS = [[{"role": "user", "content": "What is the boiling point of water?"}],
             [{"role": "system", "content": "Answer briefly."}, {"role": "user", "content": "Name a colour."},
              {"role": "assistant", "content": "Blue."}, {"role": "user", "content": "Another one?"}],
             [{"role": "user", "content": "Line one\nline two, and {{ braces }}?"}]]


@pytest.fixture
def trained(workspace, tmp_path):
    """A finished LoRA run on a tiny catalog base: (workspace, run id, its adapter folder, the base's folder)."""
    import peft
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from converters.synthetic import write_tiny_llama
    from core.models import import_gguf
    from core.training.base import prepare_base

    gguf = write_tiny_llama(tmp_path / "tiny.gguf", quant="F32", hidden=64, ffn=128, context=512, seed=3)
    import_gguf(workspace, gguf, "tiny-base", copy=False)
    base = prepare_base(workspace, "tiny-base").folder

    def run(run_id: str, *, method: str = "lora", use_dora: bool = False, r: int = 4) -> Path:
        folder = workspace.folder("runs") / run_id
        adapter = folder / "adapter"
        model = AutoModelForCausalLM.from_pretrained(base)
        if method == "prompt":
            config = peft.PromptTuningConfig(num_virtual_tokens=4, task_type=peft.TaskType.CAUSAL_LM)
        else:
            config = peft.LoraConfig(r=r, lora_alpha=2 * r, target_modules=["q_proj", "v_proj", "down_proj"],
                                     init_lora_weights=False, use_dora=use_dora, task_type=peft.TaskType.CAUSAL_LM)
        peft.get_peft_model(model, config).save_pretrained(adapter)
        AutoTokenizer.from_pretrained(base).save_pretrained(adapter)
        (adapter / "chat_format.json").write_text(json.dumps({"kind": "plain", "name": "plain",
                                                              **PlainFormat().__dict__}))
        (folder / "summary.json").write_text(json.dumps({"method": method, "base": "tiny-base", "source_gguf": None,
                                                         "config": {"dataset": "qa"}}))
        with workspace.db() as conn:
            conn.execute("INSERT INTO runs (id, model, dataset, method, state, folder, created_at, updated_at) "
                         "VALUES (?, 'tiny-base', 'qa', ?, 'done', ?, ?, ?)",
                         (run_id, method, str(folder), utc_now(), utc_now()))
        return adapter

    return workspace, run, base


def _greedy(model, ids: list[int], n: int = 12) -> list[int]:
    import torch

    with torch.no_grad():
        out = model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                             max_new_tokens=n, do_sample=False, eos_token_id=None, pad_token_id=0)
    return out[0, len(ids):].tolist()


def _hearth_prompt_ids(adapter: Path, messages: list[dict]) -> list[int]:
    """The ids Hearth's training and chat give the prompt: its plain format, its tokenizer as training reads."""
    from transformers import AutoTokenizer

    from core.training.base import as_llama_cpp_reads

    tokenizer = as_llama_cpp_reads(AutoTokenizer.from_pretrained(adapter))
    return tokenizer(PlainFormat().render(messages), add_special_tokens=True)["input_ids"]


def _serve_args(out: Path) -> tuple[str, list[str]]:
    """(the model folder, the options) serve.sh hands to vllm serve, parsed back as the shell would."""
    script = (out / "serve.sh").read_text()
    block = re.search(r"^args=\(\n(.*?)^\)$", script, re.S | re.M).group(1)
    model = re.search(r"^exec vllm serve (\S+) ", script, re.M).group(1)
    return model, shlex.split(block)


def _check_against_vllm(args: list[str]) -> dict[str, list[str]]:
    """Parse ``args`` as vLLM 0.34.0's ``vllm serve`` would: every option known, each with what it takes."""
    given: dict[str, list[str]] = {}
    i = 0
    while i < len(args):
        name = args[i]
        assert name in OPTIONS["options"], f"vllm serve {OPTIONS['vllm']} has no option {name}"
        spec = OPTIONS["options"][name]
        if spec["takes"] == "switch":
            given[name], i = [], i + 1
            continue
        values = []
        i += 1
        while i < len(args) and not args[i].startswith("--"):
            values.append(args[i])
            i += 1
        assert len(values) == 1 if spec["takes"] == "value" else len(values) >= 1, (name, values)
        for value in values:
            assert "choices" not in spec or value in spec["choices"], (name, value, spec["choices"])
        given[name] = values
    return given


def test_merged_folder_loads_in_transformers_and_answers_as_the_trained_model(trained):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from core.export.merge import load_with_adapter

    ws, make_run, base = trained
    adapter = make_run("run-vllm-1")
    out = ws.root / "deployed"
    result, _ = _deploy(ws, source="run-vllm-1", target="vllm", out=str(out), dtype="float32")
    assert result["variant"] == "merged" and (out / "model" / "model.safetensors").is_file()
    tokenizer = AutoTokenizer.from_pretrained(out / "model")
    folder_model = AutoModelForCausalLM.from_pretrained(out / "model").eval()
    hearth_model = load_with_adapter(adapter, base).merge_and_unload()
    plain_base = AutoModelForCausalLM.from_pretrained(base).eval()
    differs = 0
    for messages in QUESTIONS:
        # the folder's own chat template renders what Hearth's chat renders (and the BOS, which vLLM does not
        # add to a chat: the template carries it); tokenised as vLLM does, the ids are those training used
        rendered = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        assert rendered == tokenizer.bos_token + PlainFormat().render(messages)
        ids = tokenizer(rendered, add_special_tokens=False)["input_ids"]
        assert ids == _hearth_prompt_ids(adapter, messages)
        answer = _greedy(folder_model, ids)
        assert answer == _greedy(hearth_model, ids)
        differs += answer != _greedy(plain_base, ids)
    assert differs >= 1  # the fine-tune is in the folder: its answers are not the base's
    generation = json.loads((out / "model" / "generation_config.json").read_text())
    assert generation["eos_token_id"] == tokenizer.eos_token_id
    manifest = json.loads((out / "deploy.json").read_text())
    assert manifest["target"] == "vllm" and manifest["launch"]["dtype"] == "float32"
    assert {f["name"] for f in manifest["files"]} >= {"model/model.safetensors", "model/tokenizer_config.json",
                                                      "model/chat_template.jinja", "serve.sh", "Dockerfile"}


def test_bfloat16_is_the_default_and_what_the_folder_says(trained):
    from safetensors import safe_open

    ws, make_run, _ = trained
    make_run("run-vllm-2")
    out = ws.root / "bf16"
    _deploy(ws, source="run-vllm-2", target="vllm", out=str(out))
    with safe_open(out / "model" / "model.safetensors", "pt") as f:
        dtypes = {str(f.get_tensor(k).dtype) for k in f.keys()}  # noqa: SIM118 (safe_open has no iterator)
    assert dtypes == {"torch.bfloat16"}
    config = json.loads((out / "model" / "config.json").read_text())
    assert config.get("dtype", config.get("torch_dtype")) == "bfloat16"
    model, args = _serve_args(out)
    assert model == "./model" and _check_against_vllm(args)["--dtype"] == ["bfloat16"]


def test_adapter_variant_is_the_base_and_the_peft_adapter_for_enable_lora(trained):
    import peft
    from transformers import AutoModelForCausalLM

    from core.export.merge import load_with_adapter

    ws, make_run, base = trained
    adapter = make_run("run-vllm-3", r=12)
    out = ws.root / "lora"
    _deploy(ws, source="run-vllm-3", target="vllm", out=str(out), variant="adapter", dtype="float32",
            name="helper")
    assert sorted(p.name for p in (out / "adapter").iterdir()) == ["adapter_config.json", "adapter_model.safetensors"]
    served = peft.PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(out / "base"), out / "adapter")
    ids = _hearth_prompt_ids(adapter, QUESTIONS[0])
    assert _greedy(served.eval(), ids) == _greedy(load_with_adapter(adapter, base), ids)
    model, args = _serve_args(out)
    given = _check_against_vllm(args)
    assert model == "./base" and "--enable-lora" in given
    assert given["--max-lora-rank"] == ["16"]  # rank 12: the smallest of vLLM's ranks that holds it
    assert json.loads(given["--lora-modules"][0]) == {"name": "helper", "path": "./adapter",
                                                      "base_model_name": "helper-base"}
    assert given["--served-model-name"] == ["helper-base"]


def test_dockerfile_runs_the_same_options_in_vllms_image(trained):
    ws, make_run, _ = trained
    make_run("run-vllm-4")
    out = ws.root / "docker"
    _deploy(ws, source="run-vllm-4", target="vllm", out=str(out), parallel=8, ctx=256)
    lines = (out / "Dockerfile").read_text().splitlines()
    assert "FROM vllm/vllm-openai:v" + OPTIONS["vllm"] in lines
    assert "COPY model /models/model" in lines
    command = json.loads(next(line for line in lines if line.startswith("CMD "))[4:])
    assert command[0] == "/models/model"
    given = _check_against_vllm(command[1:])
    assert given["--host"] == ["0.0.0.0"] and given["--port"] == ["8000"]
    assert given["--max-num-seqs"] == ["8"] and given["--max-model-len"] == ["256"]
    assert "api-key.txt" in (out / ".dockerignore").read_text()  # the key stays out of the image
    _, args = _serve_args(out)
    assert _check_against_vllm(args)["--host"] == ["127.0.0.1"]  # serve.sh: loopback unless told
    assert "VLLM_API_KEY" in (out / "serve.sh").read_text() and "--api-key" not in args  # not in `ps`


@pytest.mark.parametrize(("kind", "options", "message"), [
    ("prompt", {}, "virtual tokens"),
    ("dora", {"variant": "adapter"}, "DoRA"),
    ("full", {"variant": "adapter"}, "full fine-tune"),
])
def test_what_vllm_cannot_serve_is_refused_with_the_way_out(trained, kind, options, message):
    ws, make_run, _ = trained
    if kind == "full":
        make_run("run-x")
        with ws.db() as conn:
            conn.execute("UPDATE runs SET method = 'full' WHERE id = 'run-x'")
        summary = ws.folder("runs") / "run-x" / "summary.json"
        summary.write_text(summary.read_text().replace('"lora"', '"full"'))
        (ws.folder("runs") / "run-x" / "model").mkdir()
    else:
        make_run("run-x", method="prompt" if kind == "prompt" else "lora", use_dora=kind == "dora")
    out = ws.root / "refused"
    with pytest.raises(HearthError, match=message) as caught:
        _deploy(ws, source="run-x", target="vllm", out=str(out), **options)
    assert caught.value.hint and not out.exists()
