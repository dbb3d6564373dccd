"""The deploy job: a fine-tuned model handed to a serving engine as a folder that is complete on its own.

``run_deploy`` resolves the source (:mod:`.source`: a run's newest exports, an export, or a catalog model),
has the target write its files (:data:`TARGETS`: llama-server now), then writes ``deploy.json`` (the
manifest: where the model came from, every file with its sha256, the launch arguments) and ``README.md``
(what the folder is, how to start it, the files' sizes and sha256, the model card). The folder is built as
``<out>.partial`` and renamed into place whole (:mod:`.bundle`).
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from core import __version__
from core.config import check, from_dict, option, to_dict
from core.deploy.bundle import KEY_FILE, MANIFEST, MANIFEST_FORMAT, check_out, file_entry, publish, staging
from core.deploy.kubernetes_options import check_options
from core.deploy.source import VARIANTS, Deployable, describe_source, resolve_source, resolve_trained
from core.errors import ConfigError
from core.jobs.events import Artifact, Event, Log
from core.jobs.runner import Control
from core.workspace import atomic_write_text, utc_now

__all__ = ["ENGINES", "MANIFEST", "README", "TARGETS", "DeployJob", "resolve", "run_deploy", "weights_kind"]

# target -> its module in this package, which holds ``build(job, deployable, stage, out, control)``
TARGETS: dict[str, str] = {"llama-server": "llama_server", "vllm": "vllm", "kubernetes": "kubernetes"}
ENGINES = ("llama-server", "vllm")  # what a Kubernetes deployment's pods run
README = "README.md"
_ALIAS = re.compile(r"[^\s,]{1,128}")


@dataclass(frozen=True)
class DeployJob:
    """What to deploy, to which serving engine, and how it serves."""

    KIND: ClassVar[str] = "deploy"
    TARGET: ClassVar[str] = "core.deploy.run:run_deploy"

    source: str = option("", help="what to deploy: a run (its id or a unique prefix: its newest exports), an "
                         "export's name, or a catalog model")
    target: str = option("llama-server", help="what the folder is for: llama-server (llama.cpp's multi-user "
                         "server, GGUF), vllm (vLLM, a Hugging Face folder for GPUs), kubernetes (manifests that run "
                         "either engine in a cluster)", choices=tuple(TARGETS))
    engine: str = option("llama-server", help="kubernetes: the serving engine its pods run", choices=ENGINES)
    dtype: str = option("bfloat16", help="vllm: the precision of the Hugging Face weights (bfloat16 is what "
                        "vLLM runs Gemma and most current models in; float32 keeps the merge's own numbers)",
                        choices=("bfloat16", "float16", "float32"))
    namespace: str = option("hearth", help="kubernetes: the namespace of every object (its manifest creates it)")
    replicas: int = option(1, help="kubernetes: the pods that serve from the start (the autoscaler's least)",
                           min=1, max=1000)
    max_replicas: int = option(3, help="kubernetes: the most pods the autoscaler may run (each with its GPUs); "
                               "as many as --replicas: no autoscaler", min=1, max=1000)
    gpus: int | None = option(None, help="kubernetes: NVIDIA GPUs each pod asks for (nvidia.com/gpu); empty: 1 for "
                              "vllm, 0 for llama-server (CPUs only)", min=0, max=64)
    cpu: str = option("", help="kubernetes: the CPUs each pod asks for, as Kubernetes writes them (4, 500m); "
                      "empty: 4 (2 for llama-server beside a GPU)")
    memory: str = option("", help="kubernetes: the memory each pod asks for and may use at most (16Gi); empty: "
                         "worked out from the model's size")
    storage_class: str = option("", help="kubernetes: the StorageClass of the model's volume; empty: the "
                                "cluster's default")
    access_mode: str = option("ReadWriteOnce", help="kubernetes: how pods share the model's volume: "
                              "ReadWriteOnce (all on one node) or ReadWriteMany (NFS, CephFS: on any node)",
                              choices=("ReadWriteOnce", "ReadWriteMany"))
    image: str = option("", help="kubernetes: the engine's container image (at an offline site, its copy in "
                        "the site's registry); empty: the official image of the version Hearth was checked with")
    out: str = option("", help="the folder to write: new, or empty (or an earlier deployment, with --force)")
    variant: str = option("auto", help="merged (one model) or adapter (the base and the adapter applied on it: a "
                          "LoRA-GGUF for llama-server, the PEFT adapter for vllm); auto: merged when the run has a "
                          "merged export (for vllm, merged)", choices=VARIANTS)
    host: str = option("127.0.0.1", help="the address the server listens on (loopback unless told otherwise; "
                       "0.0.0.0 for every network)")
    port: int = option(0, help="the port the server listens on; 0: the engine's own (llama-server 8080, vLLM "
                       "8000)", min=0, max=65535)
    parallel: int = option(4, help="requests served at once (slots; each gets ctx / parallel tokens of context)",
                           min=1, max=512)
    ctx: int = option(0, help="the context of all the slots together, in tokens; 0: the model's trained context "
                      "(4096 when its GGUF does not say)", min=0)
    threads: int = option(0, help="llama-server: CPU threads; 0: llama-server decides", min=0, max=1024)
    prompt_cache: bool = option(False, help="llama-server: reuse the cached start of a prompt between requests "
                                "(faster long chats); off, each prompt is read whole as Hearth's engine reads it, so "
                                "greedy answers are Hearth's own (measured: 96 of 96, against 75 with the cache)")
    name: str | None = option(None, help="the model's name in the API (what clients send as \"model\"); the "
                              "export's or model's name when empty")
    force: bool = option(False, help="replace the earlier deployment in the folder (its api-key.txt is kept)")

    def __post_init__(self) -> None:
        check(self)
        if not self.source:
            raise ConfigError("a deploy needs a source", "give a run's id, an export's name or a catalog model")
        if not self.out:
            raise ConfigError("a deploy needs a folder to write", "give it with --out DIR")
        if not self.host.strip() or any(c.isspace() for c in self.host):
            raise ConfigError(f"DeployJob.host is {self.host!r}; it must be an address", "for example 127.0.0.1")
        if self.name is not None and self.name and not _ALIAS.fullmatch(self.name):
            raise ConfigError(f"DeployJob.name is {self.name!r}; it must be up to 128 characters, without spaces "
                              "or commas", "for example my-model")
        if self.target == "kubernetes":
            check_options(self)


def _target(name: str) -> Any:
    return importlib.import_module(f"core.deploy.{TARGETS[name]}")


def weights_kind(job: DeployJob) -> str:
    """What the target serves: "gguf" (llama-server) or "hf" (vLLM: a Hugging Face folder)."""
    engine = job.engine if job.target == "kubernetes" else job.target
    return "hf" if engine == "vllm" else "gguf"


def resolve(ws: Any, job: DeployJob) -> Deployable:
    """The job's source, resolved to the weights its target serves.

    Raises:
        HearthError: the source cannot be deployed to that target.
    """
    if weights_kind(job) == "hf":
        return resolve_trained(ws, job.source, job.variant)
    return resolve_source(ws, job.source, job.variant)


def run_deploy(config: DeployJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The job: write the deployment folder (see the module's docstring); returns where it is and how to start it.

    Raises:
        HearthError: the source cannot be deployed, or the folder cannot be written.
    """
    job = config if isinstance(config, DeployJob) else from_dict(DeployJob, config)
    out = Path(job.out).expanduser().resolve()
    check_out(out, job.force)
    deployable = resolve(control.ws, job)
    yield Log(f"deploying {describe_source(deployable)} to {job.target} in {out}", "INFO", __name__)
    for note in deployable.notes:
        yield Log(note, "WARNING", __name__)
    target = _target(job.target)
    with staging(out) as stage:
        built = yield from target.build(job, deployable, stage, out, control)
        manifest = _manifest(job, deployable, built)
        atomic_write_text(stage / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        files = [*built.files, file_entry(stage / MANIFEST, "manifest")]
        atomic_write_text(stage / README, _readme(job, deployable, built, files))
        for name in (MANIFEST, README):  # (written as private temporary files first)
            (stage / name).chmod(0o644)
        publish(stage, out)
    for entry in [*files, {"name": README}]:
        yield Artifact(str(out / entry["name"]), "gguf" if entry["name"].endswith(".gguf") else "file")
    return {"out": str(out), "target": job.target, "variant": deployable.variant,
            "name": built.launch.get("served_model_name", deployable.name),
            "start": str(out / built.launch["script"]), "url": built.launch.get("url"),
            "files": [e["name"] for e in files]}


def _manifest(job: DeployJob, deployable: Deployable, built: Any) -> dict[str, Any]:
    return {
        "format": MANIFEST_FORMAT,
        "version": 1,
        "hearth": __version__,
        "created_at": utc_now(),
        "target": job.target,
        "variant": deployable.variant,
        "source": {"ref": job.source, **deployable.provenance()},
        "chat": {"format": deployable.chat_format,
                 "template_file": built.launch.get("chat_template_file", "chat_template.jinja"),
                 "stop_strings": list(deployable.stop_strings), "bos_token": deployable.bos_token,
                 "eos_token": deployable.eos_token, "trained_context": deployable.context_length},
        "launch": built.launch,
        "files": built.files,  # (README.md, this file and the API key are not listed)
        "settings": to_dict(job),
    }


# -- README.md -----------------------------------------------------------------------------------------------------


def _size(n: int) -> str:
    return f"{n / 2**30:.2f} GiB" if n >= 2**30 else f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def _readme(job: DeployJob, deployable: Deployable, built: Any, files: list[dict[str, Any]]) -> str:
    alias = built.launch.get("served_model_name", deployable.name)
    served_by = f"{job.engine} on Kubernetes" if job.target == "kubernetes" else job.target
    if not deployable.files:  # Hugging Face weights, written by the target
        what = ("the fine-tune merged into its base, as a Hugging Face folder" if deployable.variant == "merged"
                and deployable.trained else "its base as a Hugging Face folder and the PEFT adapter applied on it"
                if deployable.variant == "adapter" else "a model as a Hugging Face folder")
    else:
        what = ("a merged fine-tune in one GGUF" if deployable.variant == "merged" and deployable.run_id
                else "a base GGUF and the LoRA-GGUF adapter applied on it" if deployable.variant == "adapter"
                else "a model in one GGUF")
    origin = [f"run `{deployable.run_id}`" if deployable.run_id else "",
              f"export `{deployable.export.name}`" if deployable.export else "",
              f"catalog model `{deployable.model}`" if deployable.model and not deployable.run_id else ""]
    lines = [
        f"# {alias}, served by {served_by}",
        "",
        f"This folder serves {deployable.name}, {what}, with {served_by}. It was written by Hearth {__version__} "
        f"(`hearth deploy {job.source} --target {job.target}"
        + (f" --engine {job.engine}" if job.target == "kubernetes" else "") + "`) from "
        + ", ".join(o for o in origin if o) + ", "
        "and needs nothing else from Hearth: " + ("run `install.sh` where `kubectl` reaches the cluster. "
                                                  if job.target == "kubernetes" else "move it to the server as it "
                                                  "is. ") + "`deploy.json` says the same for "
        "programs.",
        "",
        *[f"> {note}." for note in deployable.notes],
        *([""] if deployable.notes else []),
        *built.readme,
        "## Files",
        "",
        "| file | what | size | sha256 |",
        "|---|---|---|---|",
        *[f"| `{e['name']}` | {e['role']} | {_size(e['bytes'])} | `{e['sha256']}` |" for e in files],
        "",
        f"`{KEY_FILE}` (the API key, mode 0600) is not listed: it is a secret. Check the files with "
        "`sha256sum FILE` against the table.",
        "",
        "## Model card",
        "",
        *_card(deployable),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _card(deployable: Deployable) -> list[str]:
    """The export's card, its headings two levels down (it goes under "Model card")."""
    if not deployable.card:
        licence = f" Its licence: {deployable.license}." if deployable.license else ""
        return [f"No model card: {deployable.name} was not exported by Hearth.{licence} Its own terms apply to "
                "it and to its use."]
    lines, fenced = [], False
    for line in deployable.card.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        lines.append("##" + line if line.startswith("#") and not fenced else line)
    return lines
