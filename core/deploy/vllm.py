"""The vLLM target: the fine-tune as a Hugging Face folder that vLLM's OpenAI server loads, for GPU serving.

``--variant merged`` (the default) writes ``model/``: the adapter merged into its base in float32, then saved
in the precision asked for (``--dtype``, bfloat16 by default) as safetensors, with the tokenizer the run trained
with, its chat template in ``tokenizer_config.json`` and ``chat_template.jinja``, and a
``generation_config.json`` whose ``eos_token_id`` lists every token the model ends a reply with.
``--variant adapter`` writes ``base/`` (the base in that precision, the same tokenizer and template) and
``adapter/`` (the PEFT adapter as trained), served with ``--enable-lora``: several fine-tunes of one base can
then share a GPU.

Beside them: ``serve.sh`` (``vllm serve`` with every argument spelled out), a ``Dockerfile`` on vLLM's official
OpenAI server image, and ``api-key.txt``. Every option was checked against vLLM 0.34.0's parser, read
from its source (``tests/assets/vllm_serve_options.json``, made by ``packaging/vllm_options.py``).

vLLM's behaviour that the choices here follow (read in vLLM 0.34.0's source):

- ``--api-key`` (or ``VLLM_API_KEY``) guards ``/v1/*`` only: ``/health`` and ``/metrics`` answer anyone who
  reaches the port, so it listens on loopback unless told otherwise.
- ``--max-lora-rank`` takes one of a fixed set of ranks (:data:`LORA_RANKS`): the smallest one at or above the
  adapter's own is given.
- Stop strings cannot be set for the server as a whole (``generation_config.json`` carries sampling values and
  end tokens, not strings): the end tokens stop a reply; a client sends the format's stop strings in ``stop``
  where a turn label could follow (the README lists them).
"""

from __future__ import annotations

import json
import shlex
import shutil
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import __version__
from core.deploy.bundle import KEY_FILE, ensure_api_key, file_entry
from core.deploy.llama_server import LOOPBACK, Built, launch_args, url_host
from core.deploy.source import Deployable
from core.errors import HearthError
from core.jobs.events import Event, Log
from core.jobs.runner import Control
from core.jobs.steps import checked, in_background

if TYPE_CHECKING:
    from core.deploy.run import DeployJob

__all__ = ["ADAPTER_DIR", "BASE_DIR", "DOCKERFILE", "IMAGE", "LORA_RANKS", "METRICS", "MODEL_DIR", "PORT", "SCRIPT",
           "VLLM_VERSION", "build", "lora_rank", "merge_precision", "place_model", "serve_options"]

VLLM_VERSION = "0.34.0"  # the release whose options and metrics were read (its source distribution)
IMAGE = f"vllm/vllm-openai:v{VLLM_VERSION}"
PORT = 8000  # vLLM's own default
MODEL_DIR, BASE_DIR, ADAPTER_DIR = "model", "base", "adapter"
SCRIPT = "serve.sh"
DOCKERFILE = "Dockerfile"
LORA_RANKS = (1, 8, 16, 32, 64, 128, 256, 320, 512)  # --max-lora-rank's choices
# The metrics the README points at (vllm/v1/metrics/loggers.py; a counter with Prometheus' _total).
METRICS = ("vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
           "vllm:prompt_tokens_total", "vllm:generation_tokens_total", "vllm:request_success_total",
           "vllm:num_preemptions_total", "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total",
           "vllm:time_to_first_token_seconds_bucket", "vllm:inter_token_latency_seconds_bucket",
           "vllm:e2e_request_latency_seconds_bucket", "vllm:request_queue_time_seconds_bucket")
# Adapter settings vLLM's LoRA layers cannot apply: the adapter is merged instead.
_UNSERVABLE = {"use_dora": "DoRA (a magnitude vector vLLM's LoRA layers do not apply)",
               "modules_to_save": "whole modules saved beside the LoRA (vLLM loads only the LoRA matrices)"}


# -- the weights ---------------------------------------------------------------------------------------------------


def lora_rank(deployable: Deployable) -> int | None:
    """The adapter's rank (the largest of its ranks), for ``--max-lora-rank``; None for merged weights."""
    if deployable.variant != "adapter" or deployable.trained is None:
        return None
    config = _adapter_config(deployable)
    ranks = [int(config.get("r") or 8), *(int(r) for r in (config.get("rank_pattern") or {}).values())]
    return max(ranks)


def _adapter_config(deployable: Deployable) -> dict[str, Any]:
    from core.export.merge import adapter_config

    assert deployable.trained is not None
    return adapter_config(deployable.trained.weights)


def _check_servable(deployable: Deployable) -> None:
    """Refuse an adapter that vLLM would load wrongly or not at all (before anything is written)."""
    if deployable.variant != "adapter":
        return
    config = _adapter_config(deployable)
    kind = str(config.get("peft_type", "")).upper()
    if kind != "LORA":
        raise HearthError(f"run {deployable.run_id}'s adapter is {kind or 'of an unknown kind'}: vLLM serves LoRA "
                          "adapters only", "deploy it merged (drop --variant adapter)")
    for key, what in _UNSERVABLE.items():
        if config.get(key):
            raise HearthError(f"run {deployable.run_id}'s adapter uses {what}", "deploy it merged (drop --variant "
                              "adapter): the merge folds it into the weights")
    rank = lora_rank(deployable) or 0
    if rank > LORA_RANKS[-1]:
        raise HearthError(f"run {deployable.run_id}'s adapter has rank {rank}; vLLM serves ranks up to "
                          f"{LORA_RANKS[-1]}", "deploy it merged (drop --variant adapter)")


def place_model(job: DeployJob, deployable: Deployable, dest: Path,
                control: Control) -> Generator[Event, None, list[dict[str, Any]]]:
    """Write the weights into ``dest`` (``model/``, or ``base/`` and ``adapter/``); return their file entries,
    named relative to ``dest``.

    Raises:
        HearthError: the adapter cannot be served by vLLM; the weights cannot be loaded.
    """
    from core.training.base import prepare_base_steps

    _check_servable(deployable)
    trained, record = deployable.trained, deployable.base_model
    assert record is not None
    full = trained is not None and trained.method == "full"
    base_folder = None
    if not full:
        base = yield from checked(prepare_base_steps(control.ws, record), control)
        base_folder = base.folder
    tokenizer_from = trained.weights if trained is not None and \
        (trained.weights / "tokenizer_config.json").is_file() else (trained.weights if full else base_folder)
    if deployable.variant == "adapter":
        assert trained is not None and base_folder is not None
        yield Log(f"writing the base {record.name} in {job.dtype} to {BASE_DIR}/, and the adapter beside it",
                  "INFO", __name__)
        yield from in_background(control, f"writing {BASE_DIR}/", _save_weights, base_folder, None, job.dtype,
                                 dest / BASE_DIR, compute=job.dtype, with_progress=False)
        _copy_adapter(trained.weights, dest / ADAPTER_DIR)
        folders = [dest / BASE_DIR, dest / ADAPTER_DIR]
        hf_folder = dest / BASE_DIR
    else:
        weights = trained.weights if full else base_folder
        adapter = trained.weights if trained is not None and not full else None
        what = f"merging the adapter into {record.name}" if adapter else f"writing {deployable.name}"
        compute = merge_precision(record.parameters, job.dtype) if adapter else job.dtype
        if compute != "float32" and job.dtype != "float32":
            yield Log(f"the merge is computed in {compute}: {record.name} in float32 would not fit in the memory "
                      "free now", "WARNING", __name__)
        yield Log(f"{what} ({compute}), saved in {job.dtype} to {MODEL_DIR}/", "INFO", __name__)
        yield from in_background(control, what, _save_weights, weights, adapter, job.dtype, dest / MODEL_DIR,
                                 compute=compute, with_progress=False)
        folders = [dest / MODEL_DIR]
        hf_folder = dest / MODEL_DIR
    _save_tokenizer(Path(tokenizer_from), hf_folder, deployable)
    _write_generation_config(hf_folder, deployable)
    files = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            path.chmod(0o644)
            entry = file_entry(path, _role(folder.name, path.name))
            files.append({**entry, "name": str(path.relative_to(dest))})
    return files


def _role(folder: str, name: str) -> str:
    if name.endswith(".safetensors"):
        return "adapter weights" if folder == ADAPTER_DIR else "weights"
    if name.startswith("tokenizer") or name in ("special_tokens_map.json", "chat_template.jinja"):
        return "tokenizer"
    return "configuration"


def merge_precision(parameters: int | None, dtype: str) -> str:
    """float32 for the merge when its weights fit in half the memory free now, else ``dtype`` itself (a 7B model
    in float32 needs 28 GB)."""
    import psutil

    if dtype == "float32" or not parameters or parameters * 4 <= psutil.virtual_memory().available // 2:
        return "float32"
    return dtype


def _save_weights(weights: Path, adapter: Path | None, dtype: str, out: Path, *, compute: str = "float32") -> None:
    """``weights`` (with ``adapter`` merged in, in ``compute`` precision) saved in ``dtype`` as safetensors."""
    import torch
    from transformers import AutoModelForCausalLM

    from core.export.merge import load_with_adapter

    if adapter is not None:
        model = load_with_adapter(adapter, weights, dtype=compute)
        with torch.no_grad():
            model = model.merge_and_unload(safe_merge=True)
    else:
        model = AutoModelForCausalLM.from_pretrained(str(weights), dtype=getattr(torch, compute),
                                                     local_files_only=True)
    model = model.to(getattr(torch, dtype))
    model.config.torch_dtype = getattr(torch, dtype)
    model.save_pretrained(str(out), safe_serialization=True)
    (out / "generation_config.json").unlink(missing_ok=True)  # (written again from the trained end tokens)


def _copy_adapter(adapter: Path, out: Path) -> None:
    """The PEFT adapter as trained: its config and weights (Hearth's own files stay behind)."""
    out.mkdir(parents=True)
    for name in ("adapter_config.json", "adapter_model.safetensors"):
        if not (adapter / name).is_file():
            raise HearthError(f"the adapter folder {adapter} has no {name}", "train the run again")
        shutil.copyfile(adapter / name, out / name)


def _save_tokenizer(source: Path, out: Path, deployable: Deployable) -> None:
    """The tokenizer as training read it, with the trained chat template as its own."""
    from transformers import AutoTokenizer

    from core.training.base import as_llama_cpp_reads, save_tokenizer

    tokenizer = as_llama_cpp_reads(AutoTokenizer.from_pretrained(str(source), local_files_only=True))
    template = chat_template(deployable, tokenizer)
    tokenizer.chat_template = template
    save_tokenizer(tokenizer, out)
    config_path = out / "tokenizer_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    if config.get("chat_template") != template:  # (transformers 5 keeps it in its own file)
        config["chat_template"] = template
        config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "chat_template.jinja").write_text(template, encoding="utf-8")


def chat_template(deployable: Deployable, tokenizer: Any) -> str:
    """The trained template as vLLM needs it: vLLM tokenises a rendered chat without adding special tokens
    (the template is to carry them), so where the tokenizer starts every text with its BOS and the template
    does not write it (Hearth's plain format), ``{{ bos_token }}`` is put first: the ids are then those the
    model trained on."""
    template = deployable.chat_template
    bos = tokenizer.bos_token_id
    adds_bos = bos is not None and tokenizer("x", add_special_tokens=True)["input_ids"][:1] == [bos]
    return "{{ bos_token }}" + template if adds_bos and "bos_token" not in template else template


def end_token_ids(folder: Path, deployable: Deployable) -> list[int]:
    """The ids of the tokens a reply ends with: the EOS, and each stop string that is one special token
    (Gemma's ``<end_of_turn>``, ChatML's ``<|im_end|>``)."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    ids = [tokenizer.eos_token_id] if tokenizer.eos_token_id is not None else []
    special = set(tokenizer.all_special_tokens) | {str(t) for t in tokenizer.added_tokens_decoder.values()
                                                   if getattr(t, "special", False)}
    for stop in deployable.stop_strings:
        if stop in special:
            token = tokenizer.convert_tokens_to_ids(stop)
            if isinstance(token, int) and token != tokenizer.unk_token_id:
                ids.append(token)
    return list(dict.fromkeys(ids))


def _write_generation_config(folder: Path, deployable: Deployable) -> None:
    ids = end_token_ids(folder, deployable)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    generation = {"bos_token_id": config.get("bos_token_id"), "eos_token_id": ids if len(ids) != 1 else ids[0],
                  "pad_token_id": config.get("pad_token_id"), "transformers_version": config.get(
                      "transformers_version")}
    (folder / "generation_config.json").write_text(
        json.dumps({k: v for k, v in generation.items() if v is not None}, indent=2) + "\n", encoding="utf-8")


# -- vllm serve ----------------------------------------------------------------------------------------------------


def serve_options(job: DeployJob, deployable: Deployable, model_dir: str, adapter_dir: str | None, *, host: str,
                  port: int, alias: str) -> list[tuple[str, ...]]:
    """``vllm serve``'s options after the model's folder (``model_dir``), each with its value. The API key is not
    among them: vLLM reads it from ``VLLM_API_KEY``, which keeps it out of the process list."""
    options: list[tuple[str, ...]] = [("--served-model-name", alias), ("--dtype", job.dtype),
                                      ("--generation-config", "auto"), ("--host", host), ("--port", str(port)),
                                      ("--max-num-seqs", str(job.parallel))]
    if job.ctx:
        options.append(("--max-model-len", str(job.ctx)))
    if adapter_dir is not None:
        rank = lora_rank(deployable) or 8
        module = {"name": alias, "path": adapter_dir, "base_model_name": f"{alias}-base"}
        options += [("--enable-lora",), ("--lora-modules", json.dumps(module, ensure_ascii=False)),
                    ("--max-lora-rank", str(next(r for r in LORA_RANKS if r >= rank)))]
        options[0] = ("--served-model-name", f"{alias}-base")  # (the adapter takes the name clients send)
    return options


def _command(model_dir: str, options: list[tuple[str, ...]]) -> list[str]:
    return ["vllm", "serve", model_dir, *launch_args(options)]


def build(job: DeployJob, deployable: Deployable, stage: Path, out: Path,
          control: Control) -> Generator[Event, None, Built]:
    """Write the vLLM folder into ``stage`` (to become ``out``)."""
    port = job.port or PORT
    files = yield from place_model(job, deployable, stage, control)
    alias = job.name or deployable.name
    adapter_dir = f"./{ADAPTER_DIR}" if deployable.variant == "adapter" else None
    model_dir = f"./{BASE_DIR if adapter_dir else MODEL_DIR}"
    options = serve_options(job, deployable, model_dir, adapter_dir, host=job.host, port=port, alias=alias)
    if job.host not in LOOPBACK:
        yield Log(f"vLLM will listen on {job.host}: its API key guards /v1 only (not /metrics nor /health), and "
                  "it speaks plain HTTP; put a TLS proxy in front of it", "WARNING", __name__)
    ensure_api_key(stage, out)
    script = stage / SCRIPT
    script.write_text(_serve_script(deployable, model_dir, options), encoding="utf-8")
    script.chmod(0o755)
    (stage / DOCKERFILE).write_text(_dockerfile(job, deployable, alias, port), encoding="utf-8")
    (stage / ".dockerignore").write_text(f"{KEY_FILE}\n", encoding="utf-8")
    files += [file_entry(script, "launch script"), file_entry(stage / DOCKERFILE, "Dockerfile")]
    url = f"http://{url_host(job.host)}:{port}"
    launch = {"program": "vllm", "vllm_version": VLLM_VERSION, "image": IMAGE,
              "command": _command(model_dir, options), "script": SCRIPT, "dockerfile": DOCKERFILE,
              "api_key_file": KEY_FILE, "api_key_env": "VLLM_API_KEY", "url": f"{url}/v1",
              "health": f"{url}/health", "metrics": f"{url}/metrics", "host": job.host, "port": port,
              "served_model_name": alias, "dtype": job.dtype,
              "chat_template_file": f"{model_dir.removeprefix('./')}/chat_template.jinja", "parallel": job.parallel,
              "max_model_len": job.ctx or None, "lora_rank": lora_rank(deployable),
              "stop_strings_for_clients": list(deployable.stop_strings)}
    return Built(files, launch, _readme(deployable, launch, files))


def _serve_script(deployable: Deployable, model_dir: str, options: list[tuple[str, ...]]) -> str:
    lines = ["  " + " ".join(shlex.quote(part) for part in option) for option in options]
    return "\n".join([
        "#!/usr/bin/env bash",
        f"# Serve {deployable.name} with vLLM {VLLM_VERSION}'s OpenAI-compatible server (a GPU machine).",
        f"# Written by Hearth {__version__} (hearth deploy --target vllm); README.md says what each argument is for.",
        "# Arguments given to this script go to vllm serve after these (a later --port wins).",
        "set -euo pipefail",
        'cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"',
        "if ! command -v vllm >/dev/null 2>&1; then",
        f'  echo "serve.sh: vllm not found; pip install vllm=={VLLM_VERSION}, or build the Dockerfile" >&2',
        "  exit 127",
        "fi",
        f"if [ -z \"${{VLLM_API_KEY:-}}\" ] && [ -s {KEY_FILE} ]; then",
        f"  VLLM_API_KEY=\"$(tr -d '\\n' < {KEY_FILE})\"",
        "  export VLLM_API_KEY",
        "fi",
        "args=(",
        *lines,
        ")",
        f'exec vllm serve {shlex.quote(model_dir)} "${{args[@]}}" "$@"',
        "",
    ])


def _dockerfile(job: DeployJob, deployable: Deployable, alias: str, port: int) -> str:
    """vLLM's image with the folder's weights copied in, serving on every address of the container."""
    adapter = f"/models/{ADAPTER_DIR}" if deployable.variant == "adapter" else None
    model = f"/models/{BASE_DIR if adapter else MODEL_DIR}"
    options = serve_options(job, deployable, model, adapter, host="0.0.0.0", port=port, alias=alias)
    return "\n".join([
        f"# vLLM {VLLM_VERSION}'s official OpenAI server image, serving {deployable.name}.",
        f"# Written by Hearth {__version__}. Build and run (README.md): docker build -t NAME . && docker run --gpus "
        f"all -p {port}:{port} -e VLLM_API_KEY=\"$(cat {KEY_FILE})\" NAME",
        "# The image's entrypoint is vLLM's OpenAI server; CMD gives the model's folder and the options.",
        f"FROM {IMAGE}",
        "ENV HF_HUB_OFFLINE=1",
        *([f"COPY {BASE_DIR} /models/{BASE_DIR}", f"COPY {ADAPTER_DIR} /models/{ADAPTER_DIR}"] if adapter
          else [f"COPY {MODEL_DIR} /models/{MODEL_DIR}"]),
        f"EXPOSE {port}",
        "CMD " + json.dumps([model, *launch_args(options)], ensure_ascii=False),
        "",
    ])


def _readme(deployable: Deployable, launch: dict[str, Any], files: list[dict[str, Any]]) -> list[str]:
    alias, url, port = launch["served_model_name"], launch["url"], launch["port"]
    weights = sum(f["bytes"] for f in files if f["name"].endswith(".safetensors"))
    what = (f"`{BASE_DIR}/` (the base {deployable.model} in {launch['dtype']}) and `{ADAPTER_DIR}/` (the PEFT "
            f"adapter as trained, rank {launch['lora_rank']}), served together with `--enable-lora`: requests for "
            f"`{alias}` get the fine-tune, `{alias}-base` the base"
            if deployable.variant == "adapter" else
            f"`{MODEL_DIR}/`: " + ("the adapter merged into its base in float32, saved in " if deployable.trained
                                   and deployable.trained.method != "full" else "the weights in ") + launch["dtype"])
    stops = ", ".join(f"`{s!r}`" for s in deployable.stop_strings) or "none beyond the end tokens"
    return [
        "## What it is",
        "",
        f"A Hugging Face folder for vLLM {VLLM_VERSION}: {what} ({weights / 2**20:,.1f} MiB of safetensors). The "
        f"tokenizer is the one the model trained with; its chat template (`tokenizer_config.json`, and "
        f"`chat_template.jinja` beside it) renders the format it trained with"
        + (" (Hearth's plain turn format, written as Jinja)" if deployable.chat_format == "plain" else "")
        + "; `generation_config.json` ends a reply at every end token of that format.",
        "",
        "It was not run on a GPU by Hearth: the folder was checked to load in transformers and to give the same "
        "greedy answers as the model Hearth trained, and `vllm serve`'s arguments against vLLM's own option list "
        f"(version {VLLM_VERSION}).",
        "",
        "## Start it",
        "",
        "On a machine with an NVIDIA GPU and vLLM installed:",
        "",
        "```sh",
        f"pip install vllm=={VLLM_VERSION}",
        f"./{SCRIPT}                      # reads the key from {KEY_FILE} into VLLM_API_KEY",
        f'curl {url}/chat/completions -H "Authorization: Bearer $(cat {KEY_FILE})" \\',
        "  -H 'Content-Type: application/json' \\",
        f"  -d '{{\"model\": \"{alias}\", \"messages\": [{{\"role\": \"user\", \"content\": \"Hello\"}}], "
        f"\"stop\": {json.dumps(list(deployable.stop_strings), ensure_ascii=False)}}}'",
        "```",
        "",
        "Or in a container, from vLLM's official image (the folder is copied into the image; to keep the image "
        f"small, mount the folder instead: `-v \"$PWD\":/models:ro` and `{IMAGE}` with the same arguments):",
        "",
        "```sh",
        f"docker build -t {alias.lower()}-vllm .",
        f"docker run --gpus all --ipc=host -p {port}:{port} -e VLLM_API_KEY=\"$(cat {KEY_FILE})\" "
        f"{alias.lower()}-vllm",
        "```",
        "",
        f"- The command: `{' '.join(shlex.quote(p) for p in launch['command'])}`.",
        f"- The key: every `/v1` request needs it (`Authorization: Bearer KEY`). vLLM does not guard `/health` "
        f"and `/metrics` with it: keep the port ({launch['host']}) away from untrusted networks, or put a proxy "
        "in front.",
        f"- Stop strings: {stops}. vLLM cannot set them for the whole server: the end tokens stop a reply, and a "
        "client sends these in `stop` (as above) so a reply never runs into a next turn.",
        f"- `--max-num-seqs {launch['parallel']}` requests are decoded together"
        + (f"; `--max-model-len {launch['max_model_len']}`" if launch["max_model_len"] else
           "; the context is the model's own (`--max-model-len` to shorten it and save GPU memory)") + ".",
        "- Prometheus: `/metrics` (vLLM's own names, `" + "`, `".join(METRICS[:5]) + "`, ...).",
        "",
        "## TensorRT-LLM",
        "",
        f"The `{MODEL_DIR if deployable.variant == 'merged' else BASE_DIR}/` folder is also what NVIDIA's "
        "TensorRT-LLM starts from (not built or run by Hearth): its `trtllm-serve` loads a Hugging Face folder "
        "with its PyTorch backend, or `trtllm-build` compiles an engine from a checkpoint converted by the "
        "model family's `convert_checkpoint.py`. Give it the same chat template and stop strings.",
        "",
    ]
