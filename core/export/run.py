"""Export jobs: a run (or a Hugging Face folder) to a verified, registered GGUF in ``exports/<name>/``.

``run_export`` takes a finished run either way:

- merged: the adapter merged into the full-precision base (:mod:`.merge`; a
  full fine-tune is already whole), converted to GGUF (F32 for small models,
  F16 otherwise), quantised by llama.cpp (:mod:`.quantize`), verified against
  the torch model (:mod:`.verify`) and added to the catalog, so that
  ``hearth chat -m NAME`` finds it;
- adapter only: the LoRA converted to a LoRA-GGUF that llama.cpp applies on the
  base at load. The base is the GGUF the run's base was dequantised from, or,
  for a Hugging Face base, that base converted and quantised too (added to the
  catalog as ``NAME-base``).

``run_convert`` does the same for a plain Hugging Face model: convert,
quantise, verify, register.

Everything is built in a temporary folder of ``exports/`` and renamed into
place whole, so a cancelled, failed or killed export leaves no half file under
a real name. The folder then holds the GGUF, ``verification.json``, a model
card (README.md), ``<file>.sha256`` and ``export.json``. A missed verification
gate fails the export and says which; its report stays in the job's folder.

A run's export is verified on the validation split of the dataset version the
run trained on, never on a version imported after it; the card, the GGUF's
``hearth.dataset``, ``verification.json`` and ``export.json`` name that version.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from converters import export_verdict
from core.config import check, from_dict, option
from core.errors import HearthError, ModelError, UnsupportedArchitecture
from core.export.card import model_card
from core.export.merge import DTYPES, merge_adapter
from core.export.quantize import QUANT_TYPES, quantize_steps
from core.export.source import RunSource, gguf_metadata, held_out_texts, read_run, stop_strings, trained_dataset
from core.export.store import ExportRecord, add_export, check_export_name, keep_record
from core.export.verify import FIXED_TEXT, VerifyGates, verify_gguf
from core.jobs.events import Artifact, Event, Log
from core.jobs.runner import Control
from core.jobs.steps import checked, in_background
from core.models.catalog import ModelRecord, add_gguf_record, get_model, set_template_override, sha256_file
from core.models.gguf_info import inspect_gguf
from core.models.hf_folder import inspect_hf_folder
from core.training.base import prepare_base_steps
from core.training.provenance import TrainedOn
from core.workspace import (
    TEMP_MARK,
    Workspace,
    atomic_write_json,
    atomic_write_text,
    remove_dead_temp_folders,
    require_free_space,
)

__all__ = ["ConvertJob", "ExportJob", "run_convert", "run_export"]

# Up to this many parameters the intermediate GGUF is F32: exact, and cheap at that size.
_F32_INTERMEDIATE_MAX = 100_000_000


@dataclass(frozen=True)
class ExportJob:
    """What to export from a run, and how."""

    KIND: ClassVar[str] = "export"
    TARGET: ClassVar[str] = "core.export.run:run_export"

    run: str = option("", help="the run to export: its id or a unique prefix")
    quant: str = option("q4_k_m", help="the GGUF type: q4_k_m (the usual choice), q4_0, q5_k_m, q6_k, q8_0, f16, "
                        "or f32", choices=tuple(QUANT_TYPES))
    adapter_only: bool = option(False, help="export the LoRA as a LoRA-GGUF applied on the base at load, instead "
                                "of merging it into the base")
    verify: bool = option(True, help="compare the GGUF with the torch model and fail when a gate is missed")
    name: str | None = option(None, help="the export's name (its folder, and its catalog name); from the run and "
                              "the type when empty")
    merge_dtype: str = option("float32", help="the precision the adapter is merged in", choices=DTYPES)
    gates: VerifyGates = option(default_factory=VerifyGates, help="what the verification requires")

    def __post_init__(self) -> None:
        check(self)
        if not self.run:
            raise HearthError("an export needs a run", "give its id (hearth runs list)")


@dataclass(frozen=True)
class ConvertJob:
    """A Hugging Face model folder to convert, quantise, verify and add to the catalog."""

    KIND: ClassVar[str] = "convert"
    TARGET: ClassVar[str] = "core.export.run:run_convert"

    folder: str = option("", help="the Hugging Face model folder (config.json and safetensors)")
    quant: str = option("q4_k_m", help="the GGUF type", choices=tuple(QUANT_TYPES))
    verify: bool = option(True, help="compare the GGUF with the torch model and fail when a gate is missed")
    name: str | None = option(None, help="the export's name; from the folder and the type when empty")
    gates: VerifyGates = option(default_factory=VerifyGates, help="what the verification requires")

    def __post_init__(self) -> None:
        check(self)
        if not self.folder:
            raise HearthError("a conversion needs a model folder", "give the folder of a Hugging Face model")


@contextmanager
def _staging(ws: Workspace, name: str) -> Iterator[Path]:
    """A temporary folder in exports/ for ``name``; removed unless the caller renamed it into place."""
    exports = ws.folder("exports")
    remove_dead_temp_folders(exports)
    stage = exports / f".{name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(3)}"
    stage.mkdir()
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _converters() -> Any:
    try:
        import converters
    except ImportError as exc:
        raise HearthError(f"the GGUF converters cannot be imported: {exc}", "reinstall Hearth") from exc
    if not hasattr(converters, "convert_hf"):
        raise HearthError("this Hearth has no GGUF converters yet", "update Hearth")
    return converters


def _converting(converters: Any, control: Control, message: str, fn: Callable[..., Any], *args: Any,
                **kwargs: Any) -> Generator[Event, None, Any]:
    """A converter call in the background, its errors turned into Hearth's."""
    try:
        return (yield from in_background(control, message, fn, *args, **kwargs))
    except converters.UnsupportedModel as exc:
        raise UnsupportedArchitecture(str(exc), "supported: " + ", ".join(converters.supported_architectures())
                                      ) from exc
    except converters.ConversionError as exc:
        raise ModelError(f"the conversion to GGUF failed: {exc}", "export it merged, or with another type; the "
                         "job's output.log has the details") from exc


def _check_convertible(converters: Any, folder: Path) -> None:
    verdict = converters.can_export(folder)
    if not verdict.ok:
        raise UnsupportedArchitecture(f"{folder} cannot be converted to GGUF: {verdict.reason}",
                                      "supported: " + ", ".join(converters.supported_architectures()))


def _parameters(folder: Path) -> int:
    return inspect_hf_folder(folder).parameters


def _to_gguf(converters: Any, control: Control, folder: Path, work: Path, dest: Path, quant: str, *,
             chat_template: str | None, tokenizer_gguf: Path | None, metadata: dict[str, Any],
             keep: dict[str, str] | None = None) -> Generator[Event, None, dict[str, Any]]:
    """Convert an HF folder and quantise it into ``dest``; returns the sizes."""
    small = _parameters(folder) <= _F32_INTERMEDIATE_MAX
    outtype = "f32" if quant == "f32" or (small and quant != "f16") else "f16"
    intermediate = dest if quant in ("f16", "f32") else work / f"intermediate-{outtype}.gguf"
    yield Log(f"converting {folder.name} to a GGUF ({outtype.upper()})", "INFO", __name__)
    yield from _converting(converters, control, f"converting to GGUF {outtype.upper()}", converters.convert_hf,
                           folder, intermediate, outtype=outtype, chat_template=chat_template,
                           tokenizer_gguf=tokenizer_gguf, metadata=metadata)
    sizes = {"intermediate": outtype, "intermediate_bytes": intermediate.stat().st_size}
    if intermediate != dest:
        result = yield from quantize_steps(intermediate, dest, quant, control=control, keep=keep)
        yield Log(f"quantised {outtype.upper()} {result.size_before / 2**20:.1f} MiB -> {quant.upper()} "
                  f"{result.size_after / 2**20:.1f} MiB ({result.ratio:.0%})", "INFO", __name__)
        intermediate.unlink()
    sizes["bytes"] = dest.stat().st_size
    return sizes


def _verify(control: Control, gates: VerifyGates, gguf: Path, reference: Path, texts: list[str], source: str,
            dataset: TrainedOn | None = None, **kwargs: Any) -> Generator[Event, None, dict[str, Any]]:
    report = yield from in_background(control, "verifying against torch", verify_gguf, gguf, reference,
                                    texts=texts, gates=gates, text_source=source, with_progress=False, **kwargs)
    if dataset is not None:  # which version the held-out text came from (or would have: see its note)
        report["dataset"] = dataset.to_dict()
    logits = report["logits"]
    yield Log(f"verification ({report['kind']}): top-1 agreement {logits['top1_agreement']:.2%}, "
              f"perplexity {logits['perplexity_gguf']:.4g} vs torch {logits['perplexity_torch']:.4g}, "
              f"tokenisation {report['tokenizer']['identical']}/{report['tokenizer']['texts']} identical",
              "INFO", __name__)
    return report


def _gate(report: dict[str, Any] | None, control: Control) -> None:
    """Fail the export when the report missed a gate; the report is kept in the job's folder."""
    if report is None:
        return
    kept = control.folder / "verification.json"
    atomic_write_json(kept, report)
    if not report["passed"]:
        raise HearthError("the export failed verification: " + "; ".join(report["failures"]),
                          f"the report is in {kept}; try a type that keeps more (q8_0, f16), or export with "
                          "--no-verify to keep the file anyway")


def _finish(ws: Workspace, stage: Path, name: str, gguf: Path, report: dict[str, Any] | None,
            card: dict[str, Any]) -> tuple[Path, str]:
    """Write the card, the checksum and the report, then rename the folder into place; returns (file, sha256)."""
    for leftover in (stage / "work",):
        shutil.rmtree(leftover, ignore_errors=True)
    digests = {path: sha256_file(path) for path in sorted(stage.glob("*.gguf"))}  # with a base converted for it
    for path, digest in digests.items():
        atomic_write_text(stage / f"{path.name}.sha256", f"{digest}  {path.name}\n")
    if report is not None:
        atomic_write_json(stage / "verification.json", report)
    atomic_write_text(stage / "README.md", model_card({**card, "file": gguf.name, "size": gguf.stat().st_size,
                                                       "verification": report}))
    final = ws.folder("exports") / name
    os.replace(stage, final)
    return final / gguf.name, digests[gguf]


def _artifacts(folder: Path) -> Iterator[Event]:
    for path in sorted(folder.iterdir()):
        kind = "gguf" if path.suffix == ".gguf" else "file"
        yield Artifact(str(path), kind)


# -- a run --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Made:
    """What the merged or the adapter path made, for the catalog and the job's result."""

    gguf: Path
    report: dict[str, Any] | None  # the verification's, None when skipped
    card: dict[str, Any]
    sizes: dict[str, Any] = field(default_factory=dict)
    plain: bool = False  # merged: chats with the plain turn format the run trained with
    base_gguf: Path | None = None  # adapter: the GGUF it applies on
    base_name: str | None = None  # adapter: that base's catalog name
    base_converted: bool = False  # adapter: the base was converted here and joins the catalog beside the export
    dataset: dict[str, Any] | None = None  # the dataset version the run trained on (TrainedOn.to_dict)


def run_export(config: ExportJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The job: export a finished run (see the module's docstring); returns where the export is."""
    job = config if isinstance(config, ExportJob) else from_dict(ExportJob, config)
    ws = control.ws
    source = read_run(ws, job.run)
    kind = "adapter" if job.adapter_only else "merged"
    _check_method(source, kind)
    converters = _converters()
    name = check_export_name(ws, job.name or f"{source.id}-{'lora' if job.adapter_only else job.quant}")
    with _staging(ws, name) as stage:
        (stage / "work").mkdir()
        if kind == "merged":
            made = yield from _merged(ws, job, source, converters, stage, name, control)
        else:
            made = yield from _adapter(ws, job, source, converters, stage, name, control)
        path, sha = _finish(ws, stage, name, made.gguf, made.report, made.card)
    record = _register(ws, kind, name, path, sha, source.id, job.quant, made)
    yield from _artifacts(path.parent)
    return {"export": name, "kind": kind, "path": str(path), "bytes": path.stat().st_size,
            "verification": record.verification, "chat": record.chat_command(), **made.sizes}


def _check_method(source: RunSource, kind: str) -> None:
    if source.method in ("prompt", "prefix"):
        reason = export_verdict(None, source.method).reason
        raise HearthError(f"run {source.id} used {source.method} tuning: {reason}",
                          "train the same dataset with --method lora or qlora to export it")
    if kind == "adapter" and source.method == "full":
        raise HearthError(f"run {source.id} is a full fine-tune: it has no adapter to export",
                          "export it merged (without --adapter-only)")


def _base_record(ws: Workspace, source: RunSource) -> ModelRecord:
    try:
        return get_model(ws, source.base)
    except HearthError as exc:
        raise HearthError(f"the base model of run {source.id}, {source.base!r}, is no longer in the catalog",
                          "import it again under the same name (hearth models import), then export") from exc


def _prepare_base(ws: Workspace, source: RunSource, control: Control) -> Generator[Event, None, Any]:
    return (yield from checked(prepare_base_steps(ws, _base_record(ws, source)), control))


def _held_out(ws: Workspace, source: RunSource, folder: Path) -> Generator[Event, None, tuple[list[str], str,
                                                                                             TrainedOn]]:
    """(texts, where from, the dataset version the run trained on): that version's validation split, never a
    newer version's; the log says which, and when the run did not record it."""
    from transformers import AutoTokenizer

    used = trained_dataset(ws, source)
    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    texts, where = held_out_texts(ws, source, tokenizer, used)
    yield Log(f"run {source.id} trained on {used.label}" + (f" (id {used.id})" if used.id else "")
              + f"; the held-out text: {where}", "INFO", __name__)
    if used.note:
        yield Log(f"dataset of run {source.id}: {used.note}", "WARNING", __name__)
    return texts, where, used


# The GGUF names of the linears a LoRA-family adapter can change.
_ADAPTED = {"q_proj": "attn_q", "k_proj": "attn_k", "v_proj": "attn_v", "o_proj": "attn_output",
            "gate_proj": "ffn_gate", "up_proj": "ffn_up", "down_proj": "ffn_down",
            "qkv_proj": "attn_qkv", "gate_up_proj": "ffn_up"}  # (Phi-3's and GLM's fused linears)
_COARSE = ("q4_k_m", "q4_0", "q5_k_m")


def _keep_adapted(record: ModelRecord, source: RunSource, quant: str) -> dict[str, str] | None:
    """Tensors to keep at Q8_0 when a merged adapter would be quantised back onto its base's own grid.

    The dequantised weights of a Q4_K_M base sit exactly on Q4_K's grid, and a LoRA's change is mostly
    smaller than half a step of it: quantised again to the same type, most of it rounds back to where it
    was (measured on the quickstart: the merged Q4_K_M kept 37% of the adapter's ROUGE-L gain, and none of
    its exact match). Into another type the rounding is not systematic, so nothing is kept then.
    """
    same_grid = record.format == "gguf" and (record.quantization or "").lower() == quant
    if source.method == "full" or quant not in _COARSE or not same_grid:
        return None
    names = sorted({_ADAPTED[m] for m in _adapter_targets(source) if m in _ADAPTED})
    return {r"blk\.\d+\.(" + "|".join(names) + r")\.weight": "q8_0"} if names else None


def _adapter_targets(source: RunSource) -> list[str]:
    """The module names the run's adapter changed (all linears when its config does not say)."""
    try:
        config = json.loads((Path(source.weights) / "adapter_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return list(_ADAPTED)
    targets = config.get("target_modules") or list(_ADAPTED)
    return [targets] if isinstance(targets, str) else list(targets)


def _merged(ws: Workspace, job: ExportJob, source: RunSource, converters: Any, stage: Path, name: str,
            control: Control) -> Generator[Event, None, dict[str, Any]]:
    record = _base_record(ws, source)
    if record.parameters:  # merged weights (fp32), the F16 GGUF made from them, and the quantised file
        require_free_space(ws.folder("exports"), record.parameters * (4 + 2 + 1), f"exporting {name}")
    if source.method == "full":
        merged = source.weights
        _check_convertible(converters, merged)
    else:
        base = yield from _prepare_base(ws, source, control)
        _check_convertible(converters, base.folder)
        merged = stage / "work" / "merged"
        yield Log(f"merging the adapter into {base.name} in {job.merge_dtype}", "INFO", __name__)
        yield from in_background(control, "merging the adapter", merge_adapter, source.weights, base.folder, merged,
                               dtype=job.merge_dtype, with_progress=False)
    texts, where, used = yield from _held_out(ws, source, merged)
    stops = stop_strings(source, _eos_text(merged))
    metadata = gguf_metadata(source, name=name, kind="merged", base=record.name, stops=stops, dataset=used)
    gguf = stage / f"{name}.gguf"
    keep = _keep_adapted(record, source, job.quant)
    if keep:
        yield Log(f"the base is already {record.quantization}: the matrices the adapter changed stay at Q8_0 "
                  f"(the file grows), since quantising them again onto the base's own grid would round the "
                  f"fine-tuning away; for the smallest file, export the adapter alone (--adapter-only)",
                  "INFO", __name__)
        metadata = {**metadata, "hearth.kept_q8_0": next(iter(keep))}
    sizes = yield from _to_gguf(converters, control, merged, stage / "work", gguf, job.quant,
                                chat_template=source.chat_template or None,
                                tokenizer_gguf=record.path if record.format == "gguf" else None, metadata=metadata,
                                keep=keep)
    report = None
    if job.verify:
        report = yield from _verify(control, job.gates, gguf, merged, texts, where, used)
        _gate(report, control)
    card = _run_card(source, record, name, "merged", job.quant, used, f"hearth chat -m {name}")
    return _Made(gguf, report, card, sizes=sizes, plain=source.plain_default, dataset=used.to_dict())


def _adapter(ws: Workspace, job: ExportJob, source: RunSource, converters: Any, stage: Path, name: str,
             control: Control) -> Generator[Event, None, dict[str, Any]]:
    verdict = converters.can_export_adapter(source.weights)
    if not verdict.ok:
        raise HearthError(f"the adapter of run {source.id} cannot be exported as a LoRA-GGUF: {verdict.reason}",
                          "export it merged instead (without --adapter-only)")
    record = _base_record(ws, source)
    if record.format != "gguf":
        check_export_name(ws, f"{name}-base")  # the base, converted, joins the catalog under this name
    base = yield from _prepare_base(ws, source, control)
    _check_convertible(converters, base.folder)
    texts, where, used = yield from _held_out(ws, source, source.weights)
    stops = stop_strings(source, _eos_text(source.weights))
    metadata = gguf_metadata(source, name=name, kind="adapter", base=record.name, stops=stops, dataset=used)
    metadata["hearth.chat_template"] = source.chat_template
    if record.format == "gguf":
        base_gguf, base_name = record.path, record.name
        # The torch base is this very GGUF dequantised: only the activations' rounding differs.
        gate = "exact" if (record.quantization or "").upper() == "F32" else "rounding"
    else:
        base_gguf, base_name = stage / f"{name}-base.gguf", f"{name}-base"
        base_meta = gguf_metadata(None, name=base_name, kind="model", base=record.name, stops=stops)
        yield from _to_gguf(converters, control, base.folder, stage / "work", base_gguf, job.quant,
                            chat_template=source.chat_template or None, tokenizer_gguf=None, metadata=base_meta)
        gate = None  # by the base's type
    gguf = stage / f"{name}.gguf"
    yield Log(f"converting the adapter to a LoRA-GGUF for {base_gguf.name}", "INFO", __name__)
    yield from _converting(converters, control, "converting the adapter", converters.convert_lora, source.weights,
                           base.folder, gguf, metadata=metadata)
    report = None
    if job.verify:
        report = yield from _verify(control, job.gates, base_gguf, base.folder, texts, where, used, kind=gate,
                                    adapter=gguf, torch_adapter=source.weights)
        _gate(report, control)
    command = f"hearth chat -m {base_name} --adapter {ws.folder('exports') / name / gguf.name}"
    card = {**_run_card(source, record, name, "adapter", "f32", used, command), "base_file": base_gguf.name}
    return _Made(gguf, report, card, base_gguf=base_gguf, base_name=base_name, base_converted=record.format != "gguf",
                 dataset=used.to_dict())


def _eos_text(folder: Path) -> str:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder), local_files_only=True).eos_token or ""


def _run_card(source: RunSource, record: ModelRecord, name: str, kind: str, quant: str, used: TrainedOn,
              command: str) -> dict[str, Any]:
    metrics = {k: source.summary.get(k) for k in ("steps", "total_steps", "tokens", "best_val_loss", "template")}
    return {"name": name, "kind": kind, "quant": quant, "base": record.name, "base_license": record.license,
            "run": source.id, "method": source.method, "dataset": used.label, "dataset_id": used.id,
            "dataset_note": used.note, "config": source.config, "metrics": metrics, "chat_command": command}


def _register(ws: Workspace, kind: str, name: str, path: Path, sha: str, run_id: str | None, quant: str,
              made: _Made) -> ExportRecord:
    """Add the export to the catalog (merged, converted, or a converted base) and to ``exports``."""
    source = f"export:{run_id}" if run_id else f"export:{name}"
    try:
        if kind == "adapter":
            assert made.base_name is not None and made.base_gguf is not None
            model, base_path = made.base_name, made.base_gguf
            if made.base_converted:  # moved with the export into its folder
                base_path = path.parent / made.base_gguf.name
                add_gguf_record(ws, inspect_gguf(base_path), sha256_file(base_path), name=model, source=source)
        else:
            model, base_path = add_gguf_record(ws, inspect_gguf(path), sha, name=name, source=source).name, None
            if made.plain:
                set_template_override(ws, model, "plain")
        record = add_export(ws, name=name, kind=kind, run_id=run_id, folder=path.parent, path=path,
                            quantization="F32" if kind == "adapter" else quant.upper(), model=model,
                            base_path=base_path, size_bytes=path.stat().st_size, sha256=sha,
                            verification="passed" if made.report is not None else "skipped")
        keep_record(ws, record, source=source, plain=made.plain, base_converted=made.base_converted,
                    dataset=made.dataset)
        return record
    except BaseException:
        shutil.rmtree(path.parent, ignore_errors=True)
        raise


# -- a plain Hugging Face model ----------------------------------------------------------------------------------


def run_convert(config: ConvertJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The job: convert, quantise, verify and register a Hugging Face model folder."""
    job = config if isinstance(config, ConvertJob) else from_dict(ConvertJob, config)
    ws = control.ws
    folder = Path(job.folder).expanduser().resolve()
    info = inspect_hf_folder(folder)
    converters = _converters()
    _check_convertible(converters, folder)
    name = check_export_name(ws, job.name or f"{folder.name}-{job.quant}")
    with _staging(ws, name) as stage:
        (stage / "work").mkdir()
        gguf = stage / f"{name}.gguf"
        metadata = gguf_metadata(None, name=name, kind="model", base=folder.name, stops=[])
        sizes = yield from _to_gguf(converters, control, folder, stage / "work", gguf, job.quant, chat_template=None,
                                    tokenizer_gguf=None, metadata=metadata)
        report = None
        if job.verify:
            report = yield from _verify(control, job.gates, gguf, folder, [FIXED_TEXT], "a fixed English paragraph")
            _gate(report, control)
        card = {"name": name, "kind": "model", "quant": job.quant, "base": folder.name, "base_license": info.license,
                "chat_command": f"hearth chat -m {name}"}
        path, sha = _finish(ws, stage, name, gguf, report, card)
    record = _register(ws, "model", name, path, sha, None, job.quant, _Made(gguf, report, card, sizes=sizes))
    yield from _artifacts(path.parent)
    return {"export": name, "kind": "model", "path": str(path), "bytes": path.stat().st_size,
            "verification": record.verification, "chat": record.chat_command(), **sizes}
