"""What a deployment serves: a run's newest exports, one export, or a catalog model, resolved to files.

``hearth deploy SOURCE`` names a run (its id or a unique prefix), an export (its name or id) or a catalog
model. Every way ends in a :class:`Deployable`: the GGUF files to hand over (a merged model, or a base and
the LoRA-GGUF adapter applied on it), each with the sha256 the workspace recorded, and how the model is to
be prompted: the chat template it was trained with (for Hearth's plain turn format, the Jinja template that
renders exactly that format) and the stop strings beside it. A serving engine needs nothing else from
Hearth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import HearthError, ModelError
from core.export.source import RunSource, plain_jinja, read_run, stop_strings
from core.export.store import ExportRecord, list_exports
from core.inference.templates import PlainFormat, TemplateFormat
from core.models import find_model
from core.models.catalog import ModelRecord
from core.models.gguf_info import GGUFInfo, inspect_gguf
from core.workspace import Workspace

__all__ = ["VARIANTS", "Deployable", "ModelFile", "describe_source", "resolve_source", "resolve_trained"]

VARIANTS = ("auto", "merged", "adapter")


@dataclass(frozen=True)
class ModelFile:
    """A file of the model to hand over, and the sha256 the workspace recorded for it (None when it did not)."""

    role: str  # "model" (a whole GGUF), "base" (the GGUF an adapter applies on), "adapter" (a LoRA-GGUF)
    path: Path
    sha256: str | None


@dataclass(frozen=True)
class Deployable:
    """A model resolved for serving: its files, its prompt format and where it came from."""

    name: str  # the name it is served under unless told otherwise
    variant: str  # "merged" (one GGUF) or "adapter" (a base GGUF and a LoRA-GGUF)
    files: tuple[ModelFile, ...]
    chat_template: str  # Jinja, as the model was trained to be prompted
    chat_format: str  # "plain" (Hearth's turn format, as Jinja) or "template"
    stop_strings: tuple[str, ...]
    context_length: int | None  # the model's trained context, when its GGUF says
    bos_token: str = ""
    eos_token: str = ""
    run_id: str | None = None
    export: ExportRecord | None = None
    model: str | None = None  # the catalog model (a merged export's, or the base an adapter applies on)
    card: str | None = None  # the export's model card (its README.md), when there is one
    license: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)  # what the person should know (an unverified export)
    # Hugging Face weights (vLLM): the run whose weights are served (None: a catalog model as it is), and the
    # catalog model they apply on; ``files`` is empty, the target writes the weights itself.
    trained: RunSource | None = None
    base_model: ModelRecord | None = None

    def file(self, role: str) -> ModelFile | None:
        return next((f for f in self.files if f.role == role), None)

    def provenance(self) -> dict[str, Any]:
        """Where the model came from, for the manifest."""
        export = self.export
        return {
            "run": self.run_id,
            "export": None if export is None else {"id": export.id, "name": export.name, "kind": export.kind,
                                                   "quantization": export.quantization,
                                                   "verification": export.verification,
                                                   "created_at": export.created_at},
            "model": self.model,
        }


def resolve_source(ws: Workspace, ref: str, variant: str = "auto") -> Deployable:
    """What ``ref`` names, ready to deploy as ``variant`` (see :data:`VARIANTS`; auto: merged when there is one).

    ``ref`` is tried as a run id, an export's name or id and a catalog model's name (exactly, in that order),
    then as the prefix of a run id.

    Raises:
        HearthError: nothing has that name; a run is not finished or has no export of that variant; the
            files are gone; a catalog model is a Hugging Face folder.
    """
    if variant not in VARIANTS:
        raise HearthError(f"unknown variant {variant!r}", "give one of: " + ", ".join(VARIANTS))
    if _run_ids(ws, ref, exact=True):
        return _from_run(ws, ref, variant)
    export = next((e for e in list_exports(ws) if ref in (e.name, e.id)), None)
    if export is not None:
        return _from_export(ws, export, variant)
    model = find_model(ws, ref)
    if model is not None:
        return _from_model(ws, model, variant)
    if _run_ids(ws, ref, exact=False):
        return _from_run(ws, ref, variant)
    raise HearthError(f"no run, export or catalog model named {ref!r}",
                      "give a run's id (hearth runs list), an export's name, or a model's name (hearth models list)")


def _run_ids(ws: Workspace, ref: str, *, exact: bool) -> list[str]:
    with ws.db() as conn:
        if exact:
            return [r["id"] for r in conn.execute("SELECT id FROM runs WHERE id = ?", (ref,))]
        return [r["id"] for r in conn.execute("SELECT id FROM runs WHERE substr(id, 1, ?) = ?", (len(ref), ref))]


# -- a run: its newest exports -------------------------------------------------------------------------------------


def _from_run(ws: Workspace, ref: str, variant: str) -> Deployable:
    source = read_run(ws, ref)  # refuses a run that is not done, or whose outputs are gone
    newest = {kind: _newest(list_exports(ws, source.id), kind) for kind in ("merged", "adapter")}
    if not any(newest.values()):
        raise HearthError(f"run {source.id} has no export yet: there is no GGUF to deploy",
                          f"export it first: hearth export {source.id} (merged), or hearth export {source.id} "
                          "--adapter-only (base + adapter); then deploy again")
    kind = variant if variant != "auto" else ("merged" if newest["merged"] else "adapter")
    export = newest[kind]
    if export is None:
        flag = "" if kind == "merged" else " --adapter-only"
        raise HearthError(f"run {source.id} has no {kind} export",
                          f"export it: hearth export {source.id}{flag}; or deploy the "
                          f"{'adapter' if kind == 'merged' else 'merged'} export it has (--variant "
                          f"{'adapter' if kind == 'merged' else 'merged'})")
    return _from_export(ws, export, kind, source)


def _newest(exports: list[ExportRecord], kind: str) -> ExportRecord | None:
    """The newest export of ``kind`` that passed its verification, else the newest of that kind."""
    of_kind = [e for e in exports if e.kind == kind]  # (list_exports gives the newest first)
    return next((e for e in of_kind if e.verification == "passed"), of_kind[0] if of_kind else None)


# -- an export -----------------------------------------------------------------------------------------------------


def _from_export(ws: Workspace, export: ExportRecord, variant: str, source: RunSource | None = None) -> Deployable:
    if export.kind == "model":  # a converted Hugging Face model: a catalog model with no run behind it
        model = find_model(ws, export.model or export.name)
        if model is None:
            raise HearthError(f"export {export.name} is no longer in the catalog", "convert the model again")
        return _from_model(ws, model, variant, export)
    if variant not in ("auto", export.kind):
        raise HearthError(f"export {export.name} is {'an' if export.kind == 'adapter' else 'a'} {export.kind} "
                          f"export, not {variant}", f"deploy it as it is (--variant {export.kind})")
    if source is None and export.run_id:
        try:
            source = read_run(ws, export.run_id)
        except HearthError as exc:
            if export.kind == "adapter":  # the trained format is kept in the run's adapter folder only
                raise HearthError(f"the run of adapter export {export.name}, {export.run_id}, cannot be read "
                                  f"({exc.message}): the chat format it trained with is unknown",
                                  "deploy a merged export instead (it carries its template)") from exc
    if source is None:  # a merged export whose run is gone: its GGUF carries the trained template
        model = find_model(ws, export.model or export.name)
        if model is None:
            raise HearthError(f"export {export.name}: neither its run nor its catalog model can be found",
                              "export the run again")
        return _from_model(ws, model, variant, export)
    notes = () if export.verification == "passed" else (
        f"export {export.name} was not verified against torch (exported with --no-verify)",)
    if export.kind == "merged":
        _exists(export.path, f"the GGUF of export {export.name}")
        info = inspect_gguf(export.path)
        files = (ModelFile("model", export.path, export.sha256),)
    else:
        base = _adapter_base(ws, export)
        info = inspect_gguf(base.path)
        files = (base, ModelFile("adapter", export.path, export.sha256))
    model = find_model(ws, export.model) if export.model else None
    return _trained(source, info, name=export.name, variant=export.kind, files=files, run_id=source.id,
                    export=export, model=export.model, card=_card(export),
                    license=model.license if model else None, notes=notes)


def _adapter_base(ws: Workspace, export: ExportRecord) -> ModelFile:
    _exists(export.path, f"the adapter of export {export.name}")
    if export.base_path is None:
        raise HearthError(f"adapter export {export.name} does not say which GGUF it applies on",
                          "export the run again with --adapter-only")
    _exists(export.base_path, f"the base GGUF of adapter export {export.name}")
    model = find_model(ws, export.model) if export.model else None
    recorded = model.sha256 if model is not None and Path(model.path).resolve() == export.base_path.resolve() else None
    return ModelFile("base", export.base_path, recorded)


def _card(export: ExportRecord) -> str | None:
    path = Path(export.folder) / "README.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _trained(source: RunSource, info: GGUFInfo, **values: Any) -> Deployable:
    """A run's export, prompted as the run trained: its template, its stop strings."""
    eos = info.eos_token or ""
    plain = source.chat_format.get("kind") == "plain"
    return Deployable(chat_template=source.chat_template, chat_format="plain" if plain else "template",
                      stop_strings=tuple(stop_strings(source, eos)), context_length=info.context_length,
                      bos_token=info.bos_token or "", eos_token=eos, **values)


# -- a catalog model -----------------------------------------------------------------------------------------------


def _from_model(ws: Workspace, model: ModelRecord, variant: str, export: ExportRecord | None = None) -> Deployable:
    """A catalog model, prompted as Hearth's chat prompts it: its template override, its own template, or the
    plain turn format."""
    if variant == "adapter":
        raise HearthError(f"{model.name} is a catalog model: it has no adapter to serve beside a base",
                          "deploy a run whose adapter was exported (hearth export RUN --adapter-only), or drop "
                          "--variant adapter")
    if model.format != "gguf":
        raise HearthError(f"{model.name} is a Hugging Face folder; llama-server serves GGUF files",
                          f"convert it first (hearth convert {model.path}) and deploy the GGUF")
    if export is None:  # a merged export registered this model: deploy that export, with its run's template
        made = next((e for e in list_exports(ws) if e.kind == "merged" and e.model == model.name), None)
        if made is not None:
            return _from_export(ws, made, "merged")
    _exists(model.path, f"the GGUF of model {model.name}")
    info = inspect_gguf(model.path)
    eos, bos = info.eos_token or "", info.bos_token or ""
    return Deployable(name=model.name, variant="merged", files=(ModelFile("model", model.path, model.sha256),),
                      **_catalog_prompting(model, bos, eos), context_length=info.context_length, bos_token=bos,
                      eos_token=eos, run_id=export.run_id if export else None, export=export, model=model.name,
                      card=_card(export) if export else None, license=model.license)


def _catalog_prompting(model: ModelRecord, bos: str, eos: str) -> dict[str, Any]:
    """How Hearth's chat prompts a catalog model: its template override, its own template, or the plain format."""
    plain = model.template_override == "plain" or not model.template
    fmt = PlainFormat() if plain else TemplateFormat(model.template or "", bos, eos)
    template = plain_jinja(fmt) if isinstance(fmt, PlainFormat) else fmt.template
    stops = list(dict.fromkeys([*fmt.stop_strings(), *([eos] if eos else [])]))
    return {"chat_template": template, "chat_format": "plain" if plain else "template", "stop_strings": tuple(stops)}


# -- Hugging Face weights (vLLM) -----------------------------------------------------------------------------------


def resolve_trained(ws: Workspace, ref: str, variant: str = "auto") -> Deployable:
    """What ``ref`` names, for an engine that serves Hugging Face weights: a finished run (its adapter merged
    into its base, or the base and the adapter apart; a full fine-tune's own weights), the run of an export, or
    a catalog model as it is. The weights are written by the target (:mod:`.vllm`); the Deployable says what
    they are and how the model is prompted.

    Raises:
        HearthError: nothing has that name; the run is not finished, tuned prompts or prefixes (no weights
            change), or a full fine-tune asked for as an adapter; its base is gone from the catalog.
    """
    if variant not in VARIANTS:
        raise HearthError(f"unknown variant {variant!r}", "give one of: " + ", ".join(VARIANTS))
    if not _run_ids(ws, ref, exact=True):
        export = next((e for e in list_exports(ws) if ref in (e.name, e.id)), None)
        if export is not None and export.run_id:
            ref = export.run_id  # (an export's GGUF is quantised: its run's own weights are served instead)
        else:
            model = find_model(ws, export.model or export.name) if export is not None else find_model(ws, ref)
            if model is not None:
                return _hf_model(ws, model, variant)
            if not _run_ids(ws, ref, exact=False):
                raise HearthError(f"no run, export or catalog model named {ref!r}",
                                  "give a run's id (hearth runs list), an export's name, or a model's name "
                                  "(hearth models list)")
    source = read_run(ws, ref)
    if source.method in ("prompt", "prefix"):
        raise HearthError(f"run {source.id} used {source.method} tuning: it learned virtual tokens, not weights, "
                          "and vLLM has no way to load them", "train the same dataset with --method lora or qlora "
                          "to deploy it")
    kind = "adapter" if variant == "adapter" else "merged"
    if kind == "adapter" and source.method == "full":
        raise HearthError(f"run {source.id} is a full fine-tune: it has no adapter to serve beside a base",
                          "deploy it merged (drop --variant adapter)")
    base = find_model(ws, source.base)
    if base is None:
        raise HearthError(f"the base model of run {source.id}, {source.base!r}, is no longer in the catalog",
                          "import it again under the same name (hearth models import), then deploy")
    bos, eos = _special_tokens(source.weights)
    plain = source.chat_format.get("kind") == "plain"
    fmt = "plain turn" if plain else "model's chat"
    card = (f"Fine-tuned from {base.name} by Hearth run `{source.id}` ({source.method}, dataset "
            f"`{source.dataset}`), prompted with the {fmt} format it "
            f"trained with." + (f" The base's licence: {base.license}; its terms apply to this model and to its "
                                f"use." if base.license else ""))
    return Deployable(name=source.id, variant=kind, files=(), chat_template=source.chat_template,
                      chat_format="plain" if plain else "template", stop_strings=tuple(stop_strings(source, eos)),
                      context_length=None, bos_token=bos, eos_token=eos, run_id=source.id, model=base.name,
                      card=card, license=base.license, trained=source, base_model=base)


def _hf_model(ws: Workspace, model: ModelRecord, variant: str) -> Deployable:
    if variant == "adapter":
        raise HearthError(f"{model.name} is a catalog model: it has no adapter to serve beside a base",
                          "deploy a LoRA or QLoRA run with --variant adapter, or drop --variant adapter")
    if model.format == "gguf":
        _exists(model.path, f"the GGUF of model {model.name}")
        info = inspect_gguf(model.path)
        bos, eos = info.bos_token or "", info.eos_token or ""
    else:
        bos, eos = _special_tokens(Path(model.path))
    return Deployable(name=model.name, variant="merged", files=(), **_catalog_prompting(model, bos, eos),
                      context_length=None, bos_token=bos, eos_token=eos, model=model.name, license=model.license,
                      base_model=model)


def _special_tokens(folder: Path) -> tuple[str, str]:
    """(bos, eos) as a Hugging Face folder's tokenizer_config.json names them ("" where it does not)."""
    try:
        config = json.loads((Path(folder) / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", ""

    def text(value: Any) -> str:
        return value.get("content", "") if isinstance(value, dict) else value if isinstance(value, str) else ""

    return text(config.get("bos_token")), text(config.get("eos_token"))


def _exists(path: Path, what: str) -> None:
    if not Path(path).is_file():
        raise ModelError(f"{what} is missing: {path}", "export or import it again, then deploy")


def describe_source(deployable: Deployable) -> str:
    """One line: what is deployed, for the job's log."""
    files = ", ".join(f"{f.role} {Path(f.path).name}" for f in deployable.files)
    return f"{deployable.name} ({deployable.variant}: {files}; chat format {deployable.chat_format}, stops " \
           f"{json.dumps(list(deployable.stop_strings), ensure_ascii=False)})"
