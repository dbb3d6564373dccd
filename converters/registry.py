"""The registry of architecture converters, and the questions asked of it before any work.

Each family module (``llama.py``, ``qwen.py``, ``gemma.py``) registers its
classes with :func:`register` under the Hugging Face class names they convert.
The modules are imported only when one of their names is asked for: the map in
``converters/__init__.py`` says which module holds which name, so asking
whether a model can be exported costs no torch import.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import ConversionError, UnsupportedModel, Verdict

if TYPE_CHECKING:
    from .base import ArchConverter

__all__ = ["GGUF_BASES", "can_export", "converter_for", "gguf_arch_for", "load_config", "register",
           "supported_architectures"]

_REGISTRY: dict[str, type[ArchConverter]] = {}
_C = TypeVar("_C", bound="type[ArchConverter]")


def register(*hf_architectures: str) -> Callable[[_C], _C]:
    """Register the decorated class as the converter of these Hugging Face class names."""

    def decorate(cls: _C) -> _C:
        for name in hf_architectures:
            if name in _REGISTRY and _REGISTRY[name] is not cls:
                raise RuntimeError(f"{name} is registered twice: {_REGISTRY[name].__name__} and {cls.__name__}")
            _REGISTRY[name] = cls
        cls.hf_architectures = (*cls.__dict__.get("hf_architectures", ()), *hf_architectures)
        return cls

    return decorate


def _modules() -> Mapping[str, str]:
    from . import ARCHITECTURE_MODULES

    return ARCHITECTURE_MODULES


def supported_architectures() -> list[str]:
    """The Hugging Face class names Hearth can convert, sorted."""
    return sorted(_modules())


def converter_class(architecture: str) -> type[ArchConverter]:
    """The converter class registered for ``architecture``, importing its module on first use.

    Raises:
        UnsupportedModel: no family module converts this class.
    """
    module = _modules().get(architecture)
    if module is None:
        raise UnsupportedModel(architecture, supported_architectures())
    if architecture not in _REGISTRY:
        importlib.import_module(f"{__package__}.{module}")
    if architecture not in _REGISTRY:  # the map and the module disagree: a bug, not a user error
        raise RuntimeError(f"converters.{module} does not register {architecture}")
    return _REGISTRY[architecture]


# GGUF architecture -> the Hugging Face class whose converter writes it, for a base that is a GGUF file.
GGUF_BASES: Mapping[str, str] = {
    "llama": "LlamaForCausalLM",
    "qwen2": "Qwen2ForCausalLM",
    "qwen3": "Qwen3ForCausalLM",
    "gemma3": "Gemma3ForCausalLM",
    "phi3": "Phi3ForCausalLM",  # (transformers reads no chatglm or glm4 GGUF)
}


def load_config(model: str | Path | Mapping[str, Any]) -> dict[str, Any]:
    """The Hugging Face config of ``model``: a folder, a config.json path, a config dict, or a GGUF file
    (whose architecture keys give the config a LoRA needs).

    Raises:
        ConversionError: no config.json there, or it is not JSON (or not GGUF).
    """
    if isinstance(model, Mapping):
        return dict(model)
    path = Path(model)
    if path.suffix == ".gguf" and path.is_file():
        from .gguf_file import config_from_gguf

        return config_from_gguf(path, GGUF_BASES)
    if path.is_dir():
        path = path / "config.json"
    if not path.is_file():
        raise ConversionError(f"{path} does not exist: point at a Hugging Face model folder that has a config.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConversionError(f"{path} cannot be read as JSON ({exc}); re-save the model with save_pretrained") from exc


def architecture_of(config: Mapping[str, Any]) -> str:
    """The Hugging Face class name a config declares.

    Raises:
        UnsupportedModel: the config names no architecture.
    """
    names = config.get("architectures") or []
    if not names:
        raise UnsupportedModel(None, supported_architectures(),
                               "the config names no architecture (its 'architectures' list is empty); re-save the "
                               f"model with save_pretrained; supported: {', '.join(supported_architectures())}")
    return str(names[0])


def converter_for(config: Mapping[str, Any]) -> ArchConverter:
    """A converter instance for this config; it has checked every setting it depends on.

    Raises:
        UnsupportedModel: the architecture, or one of its settings, cannot be converted.
    """
    return converter_class(architecture_of(config))(config)


def _subject(model: str | Path | Mapping[str, Any]) -> dict[str, Any]:
    """A config for ``model``; a bare class name becomes a config that declares only it."""
    if isinstance(model, str) and "/" not in model and "\\" not in model and not Path(model).exists():
        return {"architectures": [model]}
    return load_config(model)


def can_export(model: str | Path | Mapping[str, Any], *, tokenizer: bool = True) -> Verdict:
    """Whether ``model`` can be converted to GGUF, and why not.

    Args:
        model: a Hugging Face folder, a config.json path, a config dict, a GGUF
            file, or a class name such as ``"LlamaForCausalLM"``. A bare class
            name is judged by its name only; a config is checked setting by setting.
        tokenizer: for a folder, also check that llama.cpp can reproduce the
            tokenizer saved there (loads it with transformers: a second or two).
    """
    try:
        config = _subject(model)
        architecture = architecture_of(config)
        cls = converter_class(architecture)
        if set(config) != {"architectures"}:
            cls(config)
        if tokenizer and not isinstance(model, Mapping) and Path(model).is_dir():
            from .tokenizer import check_tokenizer

            check_tokenizer(Path(model))
    except UnsupportedModel as exc:
        return Verdict(False, str(exc), exc.architecture)
    except ConversionError as exc:
        return Verdict(False, str(exc))
    return Verdict(True, "", architecture, cls.gguf_arch)


def gguf_arch_for(hf_config: Mapping[str, Any]) -> str:
    """The GGUF ``general.architecture`` a Hugging Face config converts to.

    Raises:
        UnsupportedModel: the architecture has no converter.
    """
    return converter_class(architecture_of(hf_config)).gguf_arch
