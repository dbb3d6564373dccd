"""Typed, frozen configuration with help text, validation and JSON round trips.

A config is a frozen dataclass whose fields are declared with :func:`option`,
which keeps the help text (and optional choices and bounds) in the field's
metadata. The CLI, the desktop forms and the saved JSON are all built from that
one declaration, so they never drift apart::

    @dataclass(frozen=True)
    class TrainConfig:
        lr: float = option(2e-4, help="peak learning rate", min=0.0)
        method: str = option("qlora", help="...", choices=("qlora", "lora"))

        def __post_init__(self) -> None:
            check(self)

Loading from JSON tolerates unknown keys (a warning names them) and raises a
:class:`ConfigError` that names the key and the value for anything missing or
of the wrong type.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import logging
import math
import types
import typing
from dataclasses import MISSING, dataclass
from pathlib import Path
from typing import Any, TypeVar

from core.errors import ConfigError
from core.workspace import atomic_write_json

__all__ = ["FieldHelp", "check", "describe", "from_dict", "load_config", "option", "save_config", "to_dict"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def option(
    default: Any = MISSING,
    *,
    help: str,
    choices: tuple[Any, ...] | None = None,
    min: float | None = None,
    max: float | None = None,
    default_factory: Any = MISSING,
) -> Any:
    """Declare a config field with its help text and optional choices or bounds."""
    metadata = {"help": help, "choices": choices, "min": min, "max": max}
    return dataclasses.field(default=default, default_factory=default_factory, metadata=metadata)


@dataclass(frozen=True)
class FieldHelp:
    """What a form or ``--help`` needs to know about one field."""

    name: str
    type: Any
    default: Any
    help: str
    choices: tuple[Any, ...] | None
    min: float | None
    max: float | None
    required: bool


def describe(cls: type) -> list[FieldHelp]:
    """The fields of config class ``cls`` with their help, in declaration order."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if f.default is not MISSING:
            default = f.default
        elif f.default_factory is not MISSING:
            default = f.default_factory()
        else:
            default = None
        required = f.default is MISSING and f.default_factory is MISSING
        meta = f.metadata
        out.append(
            FieldHelp(f.name, hints[f.name], default, meta.get("help", ""), meta.get("choices"),
                      meta.get("min"), meta.get("max"), required)
        )
    return out


def check(cfg: Any) -> None:
    """Validate every field of ``cfg`` against its type, choices and bounds.

    Call it from ``__post_init__``.

    Raises:
        ConfigError: naming the field, the bad value and what was expected.
    """
    name = type(cfg).__name__
    for info in describe(type(cfg)):
        value = getattr(cfg, info.name)
        where = f"{name}.{info.name}"
        _convert(value, info.type, where, strict=True)
        if isinstance(value, float) and not math.isfinite(value):  # nan passes every comparison below
            raise ConfigError(f"{where} is {value!r}; it must be a finite number", info.help)
        if info.choices is not None and value not in info.choices:
            raise ConfigError(
                f"{where} is {value!r}; it must be one of {', '.join(map(repr, info.choices))}",
                info.help,
            )
        if info.min is not None and value is not None and value < info.min:
            raise ConfigError(f"{where} is {value!r}; it must be at least {info.min}", info.help)
        if info.max is not None and value is not None and value > info.max:
            raise ConfigError(f"{where} is {value!r}; it must be at most {info.max}", info.help)


def to_dict(cfg: Any) -> dict[str, Any]:
    """A JSON-ready dict of ``cfg`` (paths as strings, enums as values)."""
    return {f.name: _plain(getattr(cfg, f.name)) for f in dataclasses.fields(cfg)}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def from_dict(cls: type[T], data: Any, source: str = "") -> T:
    """Build config ``cls`` from a dict read from JSON.

    Unknown keys are ignored with a warning. Values are converted where JSON
    cannot say the type (a path, an enum, a tuple).

    Raises:
        ConfigError: a required key is missing, or a value has the wrong type.
    """
    where = source or cls.__name__
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a JSON object, got {type(data).__name__}",
                          "the file must hold one JSON object of settings")
    known = {info.name: info for info in describe(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        log.warning("%s: ignoring unknown keys %s", where, ", ".join(unknown))
    kwargs = {}
    for key, info in known.items():
        if key not in data:
            if info.required:
                raise ConfigError(f"{where}: missing key {key!r} ({info.help})",
                                  f"add \"{key}\" to the settings")
            continue
        kwargs[key] = _convert(data[key], info.type, f"{where}: key {key!r}", strict=False)
    return cls(**kwargs)


def save_config(cfg: Any, path: Path | str) -> None:
    """Write ``cfg`` as JSON to ``path`` atomically."""
    atomic_write_json(path, to_dict(cfg))


def load_config(cls: type[T], path: Path | str) -> T:
    """Read config ``cls`` from the JSON file at ``path``.

    Raises:
        ConfigError: the file is missing or malformed (with line and column),
            or a key is missing or wrong (with the key and the value).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc.strerror}", "check the path") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})",
            "fix the file at that place, or delete it to start from the defaults",
        ) from exc
    return from_dict(cls, data, source=str(path))


def _type_error(where: str, value: Any, expected: str) -> ConfigError:
    return ConfigError(f"{where} is {value!r} ({type(value).__name__}); expected {expected}",
                       f"give {expected}")


def _convert(value: Any, tp: Any, where: str, strict: bool) -> Any:
    """Check ``value`` against type ``tp``; when not strict, convert JSON forms too."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in (a for a in args if a is not type(None)):
            try:
                return _convert(value, arg, where, strict)
            except ConfigError as exc:
                errors.append(exc)
        raise errors[0]
    if origin is typing.Literal:
        if value not in args:
            raise _type_error(where, value, "one of " + ", ".join(map(repr, args)))
        return value
    if origin in (tuple, list):
        if not isinstance(value, (list, tuple)):
            raise _type_error(where, value, "a list")
        item = args[0] if args else Any
        items = [_convert(v, item, f"{where}[{i}]", strict) for i, v in enumerate(value)]
        if strict:
            return value
        return tuple(items) if origin is tuple else items
    if origin is dict:
        if not isinstance(value, dict):
            raise _type_error(where, value, "an object")
        return value
    if isinstance(tp, type):
        return _convert_plain(value, tp, where, strict)
    return value


def _convert_plain(value: Any, tp: type, where: str, strict: bool) -> Any:
    if isinstance(value, tp) and not (tp in (int, float) and isinstance(value, bool)):
        return value
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return value if strict else float(value)
    if not strict:
        if tp is Path and isinstance(value, str):
            return Path(value)
        if issubclass(tp, enum.Enum):
            try:
                return tp(value)
            except ValueError:
                pass
            raise _type_error(where, value, "one of " + ", ".join(repr(m.value) for m in tp))
        if dataclasses.is_dataclass(tp) and isinstance(value, dict):
            return from_dict(tp, value, source=where)
    names = {int: "a whole number", float: "a number", str: "text", bool: "true or false", Path: "a path"}
    raise _type_error(where, value, names.get(tp, f"a {tp.__name__}"))
