"""Training bases: a catalog model made ready for transformers to train from.

A base is a Hugging Face folder of safetensors, used as it is, or a GGUF file.
transformers reads a GGUF with ``gguf_file=`` but keeps its GGUF quantizer
attached: it refuses a ``quantization_config`` (QLoRA's NF4) beside it, and
``save_pretrained`` refuses the model. So a GGUF base is dequantised once into
a cached folder of the workspace, and training loads that folder::

    models/.training-cache/<sha256 prefix of the GGUF>/
        config.json, generation_config.json     the model's configs
        model.safetensors                       the dequantised weights (fp32 up to 1B parameters, bf16 above)
        tokenizer.json, tokenizer_config.json   the tokenizer transformers builds from the GGUF's vocabulary
        hearth-cache.json                       the manifest: source sha256, versions, file sizes

The folder is built under a temporary name and renamed into place whole, so a
killed preparation leaves no half cache; the manifest is written last and lists
every file with its size, so a cache damaged later is found and built again.
The GGUF itself stays the base for exporting a LoRA adapter.

Loading the default model (Gemma 3 270M, a 262,144-token vocabulary) from its
GGUF takes over a minute on a small CPU; the cache loads in seconds afterwards.
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core import __version__
from core.config import check, from_dict, option
from core.errors import ConfigError, HearthError, ModelError, OutOfMemory, UnsupportedArchitecture
from core.jobs.events import Event, Log, Progress
from core.jobs.runner import Control
from core.jobs.steps import checked, drain
from core.models.catalog import ModelRecord, check_model_files, get_model, sha256_file
from core.models.default import ensure_default_model
from core.training.footprint import file_mappings, release_file_pages, trim_heap
from core.workspace import TEMP_MARK, Workspace, atomic_write_json, remove_dead_temp_folders, utc_now

__all__ = [
    "CACHE_FOLDER",
    "DEFAULT_TARGETS",
    "FAMILIES",
    "MANIFEST",
    "METHODS",
    "PrepareBaseJob",
    "TrainingBase",
    "architecture_family",
    "as_llama_cpp_reads",
    "cache_path",
    "load_for_training",
    "load_tokenizer",
    "prepare_base",
    "prepare_base_steps",
    "run_prepare_base",
    "save_tokenizer",
]

log = logging.getLogger(__name__)

METHODS = ("qlora", "lora", "full", "prompt", "prefix")
CACHE_FOLDER = ".training-cache"
MANIFEST = "hearth-cache.json"
CACHE_FORMAT = 1
_SHA_PREFIX = 16
# Up to this size the cache keeps fp32: exactly the GGUF's dequantised values, and what CPU training
# computes in (the default model: 268M parameters, 1.07 GB). Above it, bf16 halves the disk and memory.
_FP32_MAX_PARAMETERS = 1_000_000_000

# HF model classes Hearth trains, by family (SmolLM and TinyLlama are LlamaForCausalLM).
FAMILIES: dict[str, str] = {
    "LlamaForCausalLM": "llama",
    "MistralForCausalLM": "llama",
    "Qwen2ForCausalLM": "qwen2",
    "Qwen3ForCausalLM": "qwen3",
    "Gemma3ForCausalLM": "gemma3",
    "GlmForCausalLM": "glm",
    "Glm4ForCausalLM": "glm4",
    "Phi3ForCausalLM": "phi3",
}
# For configs that do not name their class (transformers' config of a GGUF).
_MODEL_TYPES = {"llama": "llama", "mistral": "llama", "qwen2": "qwen2", "qwen3": "qwen3", "gemma3_text": "gemma3",
                "phi3": "phi3"}
# GGUF ``general.architecture`` values, checked before the minute-long load (transformers reads no GLM GGUF).
_GGUF_ARCHITECTURES = {"llama": "llama", "mistral": "llama", "qwen2": "qwen2", "qwen3": "qwen3", "gemma3": "gemma3",
                       "phi3": "phi3"}
_PROJECTIONS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
# GLM and Phi-3 keep the MLP's gate and up in one linear (gate_up_proj); Phi-3 q, k and v too (qkv_proj).
_GLM_PROJECTIONS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_up_proj", "down_proj")
DEFAULT_TARGETS: dict[str, tuple[str, ...]] = {
    "llama": _PROJECTIONS,
    "qwen2": _PROJECTIONS,
    "qwen3": _PROJECTIONS,
    "gemma3": _PROJECTIONS,
    "glm": _GLM_PROJECTIONS,
    "glm4": _GLM_PROJECTIONS,
    "phi3": ("qkv_proj", "o_proj", "gate_up_proj", "down_proj"),
}
_SUPPORTED = ("Llama family (Llama, Mistral, SmolLM, TinyLlama), Qwen2/Qwen2.5, Qwen3, Gemma 3 text models "
              "(Gemma3ForCausalLM: 270M, 1B), GLM-4 (GlmForCausalLM, Glm4ForCausalLM) and Phi-3 (Phi3ForCausalLM)")
_HINT_SUPPORTED = f"Hearth trains {_SUPPORTED}; pick one of those as the base"
_DTYPES = {"float32": "float32", "fp32": "float32", "bfloat16": "bfloat16", "bf16": "bfloat16",
           "float16": "float16", "fp16": "float16"}


@dataclass(frozen=True)
class TrainingBase:
    """A model ready to be loaded for training.

    ``folder`` is what ``from_pretrained`` loads: the catalog's Hugging Face
    folder as it is, or the dequantised cache of a GGUF. ``source_gguf`` is the
    GGUF a cache was made from (the base an exported LoRA adapter applies to),
    None for a Hugging Face base. ``built_cache`` is True when this preparation
    dequantised the GGUF, False when it reused a cache or needed none.
    """

    name: str
    folder: Path
    architecture: str
    family: str
    chat_template: str | None
    template_override: str | None
    bos_token: str | None
    eos_token: str | None
    bos_token_id: int | None
    eos_token_id: int | None
    source_gguf: Path | None
    built_cache: bool

    @property
    def template(self) -> str | None:
        """The chat template in force: the catalog's override if set, else the model's own."""
        return self.template_override if self.template_override is not None else self.chat_template

    @property
    def target_modules(self) -> tuple[str, ...]:
        """The default LoRA target modules of this base's family."""
        return DEFAULT_TARGETS[self.family]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (paths as text, templates left out)."""
        return {"name": self.name, "folder": str(self.folder), "architecture": self.architecture,
                "family": self.family, "has_chat_template": self.template is not None,
                "bos_token": self.bos_token, "eos_token": self.eos_token, "bos_token_id": self.bos_token_id,
                "eos_token_id": self.eos_token_id,
                "source_gguf": str(self.source_gguf) if self.source_gguf else None, "built_cache": self.built_cache}


# -- architectures ---------------------------------------------------------------------------------------------


def architecture_family(config: Any) -> str:
    """The family ("llama", "qwen2", "qwen3", "gemma3") of a model config.

    Args:
        config: a transformers config, or the dict of a ``config.json``. Its
            ``architectures`` decide; a config without them (one read from a
            GGUF) is judged by its ``model_type``.

    Raises:
        UnsupportedArchitecture: the model is of no family Hearth trains.
    """
    if isinstance(config, Mapping):
        names, model_type = config.get("architectures"), config.get("model_type")
    else:
        names, model_type = getattr(config, "architectures", None), getattr(config, "model_type", None)
    names = [n for n in names or () if isinstance(n, str)]
    for name in names:
        if name in FAMILIES:
            return FAMILIES[name]
    if not names and model_type in _MODEL_TYPES:
        return _MODEL_TYPES[model_type]
    what = ", ".join(names) or f"model type {model_type!r}"
    raise UnsupportedArchitecture(f"{what} is not an architecture Hearth can train", _HINT_SUPPORTED)


def _gguf_family(record: ModelRecord) -> str:
    family = _GGUF_ARCHITECTURES.get(record.architecture or "")
    if family is None:
        raise UnsupportedArchitecture(
            f"model {record.name!r} is a GGUF of architecture {record.architecture!r}, which Hearth cannot train",
            _HINT_SUPPORTED)
    return family


# -- preparing ---------------------------------------------------------------------------------------------------


def cache_path(ws: Workspace, sha256: str) -> Path:
    """The folder the dequantised cache of the GGUF with this sha256 lives in."""
    return ws.folder("models") / CACHE_FOLDER / sha256[:_SHA_PREFIX]


def prepare_base(ws: Workspace, model_ref: str | ModelRecord | None = None, *,
                 progress: Callable[[Event], None] | None = None) -> TrainingBase:
    """Make a catalog model ready to train from; see :func:`prepare_base_steps`.

    Args:
        progress: called with each Progress and Log event; without it, Log events go to the logger.
    """
    def to_log(event: Event) -> None:
        if isinstance(event, Log):
            log.log(logging.getLevelName(event.level), "%s", event.message)

    return drain(prepare_base_steps(ws, model_ref), progress or to_log)


def prepare_base_steps(ws: Workspace,
                       model_ref: str | ModelRecord | None = None) -> Generator[Event, None, TrainingBase]:
    """The preparation, step by step: yields Progress and Log events, returns the base.

    A Hugging Face folder is checked and used as it is. A GGUF is dequantised
    into ``models/.training-cache/<sha256 prefix>/`` the first time, and that
    cache reused afterwards (built again if it is incomplete or damaged).

    Args:
        ws: the workspace.
        model_ref: a catalog model's name or id, its record, or None for the default model.

    Raises:
        ModelError: no such model, its files are gone or damaged, it is already
            quantised (an HF folder), or transformers cannot read it.
        UnsupportedArchitecture: the model is of no family Hearth trains.
        OutOfMemory: the dequantised weights do not fit in memory.
    """
    record = _resolve(ws, model_ref)
    check_model_files(record)
    if record.format == "hf":
        return (yield from _hf_steps(record))
    return (yield from _gguf_steps(ws, record))


def _resolve(ws: Workspace, model_ref: str | ModelRecord | None) -> ModelRecord:
    if isinstance(model_ref, ModelRecord):
        return model_ref
    if model_ref is None:
        return ensure_default_model(ws)
    return get_model(ws, model_ref)


def _hf_steps(record: ModelRecord) -> Generator[Event, None, TrainingBase]:
    config = _read_config(record.path)
    family = architecture_family(config)
    if isinstance(config.get("quantization_config"), dict):
        method = config["quantization_config"].get("quant_method", "a quantisation method")
        raise ModelError(f"model {record.name!r} is already quantised ({method}); Hearth trains from full-precision "
                         "weights and quantises them itself for QLoRA",
                         "import the model's unquantised (bf16, fp16 or fp32) safetensors folder instead")
    yield Progress(0, 1, f"reading the tokenizer of {record.name}")
    tokenizer = _load_tokenizer(record.path)
    yield Progress(1, 1, f"{record.name} is ready to train from")
    return TrainingBase(name=record.name, folder=record.path, architecture=config["architectures"][0], family=family,
                        chat_template=record.chat_template, template_override=record.template_override,
                        **_special_tokens(tokenizer), source_gguf=None, built_cache=False)


def _gguf_steps(ws: Workspace, record: ModelRecord) -> Generator[Event, None, TrainingBase]:
    family = _gguf_family(record)  # before the minute-long load
    yield Progress(0, 0, f"checking the training cache of {record.name}")
    sha = record.sha256 or sha256_file(record.path)
    cache = cache_path(ws, sha)
    manifest = _complete_manifest(cache, sha)
    built = manifest is None
    if built:
        manifest = yield from _build_cache(record, sha, cache, family)
    else:
        yield Progress(1, 1, f"reusing the dequantised {record.name} in {cache}")
    return TrainingBase(
        name=record.name, folder=cache, architecture=manifest["architecture"], family=manifest["family"],
        chat_template=record.chat_template, template_override=record.template_override,
        **{key: manifest.get(key) for key in ("bos_token", "eos_token", "bos_token_id", "eos_token_id")},
        source_gguf=record.path, built_cache=built)


def _build_cache(record: ModelRecord, sha: str, cache: Path,
                 family: str) -> Generator[Event, None, dict[str, Any]]:
    """Dequantise the GGUF into ``cache``, through a temporary folder renamed into place whole."""
    root = cache.parent
    root.mkdir(parents=True, exist_ok=True)
    remove_dead_temp_folders(root)
    if cache.exists():
        yield Log(f"the training cache {cache} is incomplete or damaged; building it again", "WARNING", __name__)
        _discard(cache)
    dtype = "float32" if (record.parameters or 0) <= _FP32_MAX_PARAMETERS else "bfloat16"
    yield Log(f"dequantising {record.path.name} into a {dtype} safetensors cache for training; "
              "reading a large vocabulary and its weights from a GGUF takes a minute or more", "INFO", __name__)
    yield Progress(0, 4, "reading the tokenizer from the GGUF")
    tokenizer = _gguf_tokenizer(record)
    yield Progress(1, 4, "loading and dequantising the weights")
    model = _gguf_model(record, dtype)
    tmp = root / f".{cache.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(3)}"
    tmp.mkdir()
    try:
        yield Progress(2, 4, "writing the weights")
        _save_weights(model, tmp)
        yield Progress(3, 4, "writing the tokenizer and configs")
        if record.chat_template:  # transformers does not carry the GGUF's template over
            tokenizer.chat_template = record.chat_template
        tokenizer.save_pretrained(str(tmp))
        manifest = _manifest(record, sha, model, family, dtype, tokenizer, tmp)
        atomic_write_json(tmp / MANIFEST, manifest)
        _fsync_tree(tmp)
        manifest = _place(tmp, cache, sha) or manifest
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    size = sum(manifest["files"].values())
    yield Log(f"training cache of {record.name} written: {cache} ({size / 1e6:,.1f} MB)", "INFO", __name__)
    yield Progress(4, 4, f"{record.name} is ready to train from")
    return manifest


def _gguf_tokenizer(record: ModelRecord) -> Any:
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(record.path.parent), gguf_file=record.path.name,
                                             local_files_only=True)
    except Exception as exc:  # transformers raises many kinds for a vocabulary it cannot convert
        raise ModelError(f"transformers cannot build a tokenizer from {record.path.name}: {exc}",
                         "the GGUF needs its tokenizer.ggml.* vocabulary; use the model's Hugging Face folder "
                         "instead") from exc


def _gguf_model(record: ModelRecord, dtype: str) -> Any:
    import torch
    from transformers import AutoModelForCausalLM, GgufConfig

    try:
        # dequantize=True: dense weights, never the packed GGUF layers newer transformers can keep.
        return AutoModelForCausalLM.from_pretrained(
            str(record.path.parent), gguf_file=record.path.name, dtype=getattr(torch, dtype),
            quantization_config=GgufConfig(dequantize=True), local_files_only=True)
    except MemoryError as exc:
        raise OutOfMemory(f"dequantising {record.name} ({record.parameters or 0:,} parameters, {dtype}) "
                          "ran out of memory", "close other programs, or pick a smaller base model") from exc
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise ModelError(f"transformers cannot load the weights of {record.path.name}: {exc}",
                         "check the file with: hearth models show " + record.name) from exc


def _save_weights(model: Any, folder: Path) -> None:
    """Save a GGUF-loaded model as a plain transformers model, without the GGUF quantizer."""
    import torch
    from transformers import AutoModelForCausalLM

    config = copy.deepcopy(model.config)
    config.__dict__.pop("quantization_config", None)  # else from_pretrained would look for a GGUF again
    with torch.device("meta"):  # no second copy of the weights: load_state_dict assigns the loaded tensors
        plain = AutoModelForCausalLM.from_config(config, dtype=model.dtype)
    plain.load_state_dict(model.state_dict(), assign=True, strict=True)
    plain.tie_weights()
    plain.generation_config = copy.deepcopy(model.generation_config)
    plain.save_pretrained(str(folder), safe_serialization=True)


def _manifest(record: ModelRecord, sha: str, model: Any, family: str, dtype: str, tokenizer: Any,
              folder: Path) -> dict[str, Any]:
    import torch
    import transformers


    architecture = type(model).__name__
    if architecture_family({"architectures": [architecture]}) != family:
        raise UnsupportedArchitecture(f"transformers read the {record.architecture} GGUF {record.name!r} as "
                                      f"{architecture}, of another family than expected", _HINT_SUPPORTED)
    return {
        "format": CACHE_FORMAT, "source_sha256": sha, "source_path": str(record.path), "model": record.name,
        "architecture": architecture, "family": family, "dtype": dtype,
        "parameters": sum(p.numel() for p in model.parameters()), **_special_tokens(tokenizer),
        "transformers": transformers.__version__, "torch": torch.__version__, "hearth": __version__,
        "created_at": utc_now(),
        "files": {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file()},
    }


def _complete_manifest(cache: Path, sha: str) -> dict[str, Any] | None:
    """The cache's manifest if the cache is complete and made from this GGUF; None otherwise."""
    try:
        manifest = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != CACHE_FORMAT:
        return None
    files = manifest.get("files")
    if manifest.get("source_sha256") != sha or not isinstance(files, dict) or not files:
        return None
    for name, size in files.items():
        path = cache / name
        if not path.is_file() or path.stat().st_size != size:
            log.warning("training cache %s: %s is missing or has changed", cache, name)
            return None
    return manifest


def _place(tmp: Path, cache: Path, sha: str) -> dict[str, Any] | None:
    """Rename ``tmp`` into place; None when placed, the other cache's manifest if another process was first."""
    try:
        os.replace(tmp, cache)
    except OSError:
        manifest = _complete_manifest(cache, sha)
        if manifest is None:
            raise
        shutil.rmtree(tmp, ignore_errors=True)
        return manifest
    _fsync_folder(cache.parent)
    return None


def _discard(cache: Path) -> None:
    """Remove a damaged cache, renaming it aside first so its name is free at once."""
    aside = cache.with_name(f".{cache.name}.removing-{secrets.token_hex(3)}")
    os.replace(cache, aside)
    shutil.rmtree(aside, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on every platform (Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _read_config(folder: Path) -> dict[str, Any]:
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {folder / 'config.json'}: {exc}",
                         "import the model folder again (hearth models import FOLDER)") from exc
    if not isinstance(config, dict):
        raise ModelError(f"{folder / 'config.json'} is not a JSON object", "import the model folder again")
    return config


def load_tokenizer(base: TrainingBase) -> Any:
    """The base's tokenizer, as :func:`load_for_training` returns it.

    Raises:
        ModelError: the folder has no tokenizer transformers can load.
    """
    return _load_tokenizer(base.folder)


def _load_tokenizer(folder: Path) -> Any:
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    except Exception as exc:  # a missing or foreign tokenizer surfaces as OSError, ValueError, TypeError, ...
        raise ModelError(f"the model folder {folder} has no tokenizer transformers can load: {exc}",
                         "training needs the model's tokenizer files (tokenizer.json and tokenizer_config.json) "
                         "beside its weights; import the complete folder") from exc
    return as_llama_cpp_reads(tokenizer)


def as_llama_cpp_reads(tokenizer: Any) -> Any:
    """``tokenizer``, made to split text as llama.cpp will read the exported model, where the two differ.

    A SentencePiece-style tokenizer whose Metaspace puts '▁' before the first word of the input only
    (``prepend_scheme`` "first": ``legacy: false``, as Llama 2, Mistral and TinyLlama load in transformers 5)
    puts none before text that follows a special token; llama.cpp, as SentencePiece itself and as those models
    were trained, does. Chat prompts are made of such text, so training reads it as llama.cpp will: "always"
    (the one difference left, a '▁' before text that starts with whitespace, llama.cpp cannot express).
    """
    pre = _metaspace(tokenizer)
    if pre.get("prepend_scheme") == "first":
        from tokenizers import pre_tokenizers

        tokenizer.backend_tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=pre.get("replacement", "▁"),
                                                         prepend_scheme="always", split=bool(pre.get("split")))
        log.info("the tokenizer puts '▁' before the first word only; training puts it after special tokens "
                 "too, as llama.cpp reads the exported model")
    return tokenizer


def save_tokenizer(tokenizer: Any, folder: Path | str) -> None:
    """``tokenizer.save_pretrained(folder)``, and what transformers leaves out for it to load the same again.

    transformers 5 builds a Llama tokenizer's pre-tokenizer from its ``legacy`` flag, not from tokenizer.json,
    and does not save the flag: a tokenizer that prepends '▁' to every text (:func:`as_llama_cpp_reads`) says
    ``legacy: true`` in its tokenizer_config.json, so the export and the converter read it as training did.
    """
    tokenizer.save_pretrained(str(folder))
    config_path = Path(folder) / "tokenizer_config.json"
    if _metaspace(tokenizer).get("prepend_scheme") == "always" and config_path.is_file():
        config = json.loads(config_path.read_text(encoding="utf-8"))
        if config.get("legacy") is not True:
            atomic_write_json(config_path, {**config, "legacy": True})


def _metaspace(tokenizer: Any) -> dict[str, Any]:
    """The tokenizer's pre-tokenizer when it is a Metaspace (as tokenizer.json writes it), else {}."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    pre = (json.loads(backend.to_str()).get("pre_tokenizer") or {}) if backend is not None else {}
    return pre if pre.get("type") == "Metaspace" else {}


def _special_tokens(tokenizer: Any) -> dict[str, Any]:
    return {"bos_token": tokenizer.bos_token, "eos_token": tokenizer.eos_token,
            "bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id}


# -- loading -----------------------------------------------------------------------------------------------------


class _NotAboutHubKernels(logging.Filter):
    """Drops the warnings a refused hub kernel leaves (see :func:`_no_hub_kernels`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "kernels-community" not in record.getMessage()


def _no_hub_kernels() -> None:
    """Keep training off the network: bitsandbytes 0.50, imported on a CPU with AVX512-BF16, asks the Hugging Face
    hub (through the ``kernels`` package) for a compiled kernel, ``kernels-community/quantization-bitsandbytes``,
    to download and run. Before it is imported, this process's hub goes offline (training loads local files only),
    so nothing is fetched and bitsandbytes keeps its own kernel; the two warnings about the refusal are dropped.
    The hub is offline only while bitsandbytes is imported (a download elsewhere in the process is not affected)."""
    import sys

    if "bitsandbytes" in sys.modules:
        return
    try:
        import huggingface_hub.constants as hub
    except ImportError:
        return
    for name in ("kernels._internals.hf_hub", "bitsandbytes.backends.cpu.ops"):
        logging.getLogger(name).addFilter(_NotAboutHubKernels())
    was, hub.HF_HUB_OFFLINE = hub.HF_HUB_OFFLINE, True
    try:
        import bitsandbytes  # noqa: F401  (its CPU kernels are chosen as it is imported)
    except ImportError:
        pass  # no bitsandbytes: QLoRA says so where it is asked for
    finally:
        hub.HF_HUB_OFFLINE = was


def load_for_training(base: TrainingBase, *, method: str, device: Any = "cpu", dtype: Any = None) -> tuple[Any, Any]:
    """Load the base's model and tokenizer for a training method.

    ``qlora`` loads the weights in 4-bit NF4 with double quantisation
    (bitsandbytes; on the CPU too), computing in ``dtype``. The other methods
    load them in ``dtype``. Pickle weights are never loaded.

    Args:
        base: from :func:`prepare_base`.
        method: one of :data:`METHODS`.
        device: "cpu", "cuda", "cuda:N" (a torch device or its name).
        dtype: a torch dtype or its name; by default float32 on the CPU and
            bfloat16 on a GPU that has it. On a GPU without bf16: float16 for
            QLoRA's compute (float32 for Gemma 3, whose activations overflow
            float16), float32 otherwise.

    Returns:
        (model, tokenizer).

    Raises:
        ConfigError: an unknown method, device or dtype, or a GPU asked for where torch sees none.
        UnsupportedArchitecture: the base is of no family Hearth trains.
        HearthError: QLoRA without bitsandbytes installed.
        ModelError: the folder's files cannot be loaded.
        OutOfMemory: the model does not fit on the device.
    """
    _no_hub_kernels()
    import torch
    from transformers import AutoModelForCausalLM

    if method not in METHODS:
        raise ConfigError(f"training method {method!r} is unknown", f"use one of: {', '.join(METHODS)}")
    device = _device(device)
    family = architecture_family(_read_config(base.folder))
    torch_dtype = _dtype(dtype, device, method, family)
    kwargs: dict[str, Any] = {"dtype": torch_dtype, "use_safetensors": True, "local_files_only": True}
    if device.type != "cpu":
        kwargs["device_map"] = {"": device}
    if method == "qlora":
        kwargs["quantization_config"] = _nf4_config(torch_dtype)
        kwargs["device_map"] = {"": device}
    tokenizer = _load_tokenizer(base.folder)
    files = list(base.folder.glob("*.safetensors"))
    earlier = file_mappings(files)  # another model of these files, already loaded: its pages are its own
    try:
        model = AutoModelForCausalLM.from_pretrained(str(base.folder), **kwargs)
    except (torch.OutOfMemoryError, MemoryError) as exc:
        raise OutOfMemory(f"{base.name} does not fit on {device} for {method} in {torch_dtype}",
                          "use qlora, a smaller base, or close what else uses the memory") from exc
    except OSError as exc:
        raise ModelError(f"cannot load the weights of {base.name} from {base.folder}: {exc}",
                         "prepare the base again; a damaged cache is rebuilt") from exc
    # QLoRA read the fp32 linears from the mapped file to quantise them: their pages need not stay resident.
    released = release_file_pages(model, files, keep=earlier)
    trim_heap()
    log.info("loaded %s (%s) for %s on %s in %s; %d MiB of weight file pages released", base.name,
             type(model).__name__, method, device, torch_dtype, released >> 20)
    return model, tokenizer


def _device(device: Any) -> Any:
    import torch

    try:
        device = torch.device(device)
    except (RuntimeError, TypeError, ValueError) as exc:
        raise ConfigError(f"device {device!r} is not a torch device", "use cpu, cuda or cuda:N") from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError(f"device {device} was asked for, but torch sees no CUDA GPU",
                          "train on the cpu, or install a CUDA build of torch and the GPU's driver")
    return device


def _dtype(dtype: Any, device: Any, method: str, family: str) -> Any:
    import torch

    if dtype is not None:
        if isinstance(dtype, torch.dtype):
            return dtype
        name = _DTYPES.get(str(dtype).lower().removeprefix("torch."))
        if name is None:
            raise ConfigError(f"dtype {dtype!r} is not one Hearth trains in", "use float32, bfloat16 or float16")
        return getattr(torch, name)
    if device.type != "cuda":
        return torch.float32
    if torch.cuda.is_bf16_supported():
        return torch.bfloat16
    if method == "qlora" and family != "gemma3":
        return torch.float16
    return torch.float32


def _nf4_config(compute_dtype: Any) -> Any:
    try:
        import bitsandbytes  # noqa: F401
    except ImportError as exc:
        raise HearthError("QLoRA needs bitsandbytes, which is not installed",
                          "install it (pip install bitsandbytes), or train with method lora") from exc
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                              bnb_4bit_compute_dtype=compute_dtype)


# -- as a job ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrepareBaseJob:
    model: str | None = option(None, help="the catalog model to prepare for training; the default model if none")

    def __post_init__(self) -> None:
        check(self)


def run_prepare_base(config: PrepareBaseJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The preparation as a job: progress and log events, then the base's summary."""
    job = config if isinstance(config, PrepareBaseJob) else from_dict(PrepareBaseJob, config)
    ws = control.ws
    # checked() closes the steps on a cancel, so the temporary folder goes now, not at garbage collection.
    base = yield from checked(prepare_base_steps(ws, job.model), control)
    return base.to_dict()
