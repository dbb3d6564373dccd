"""Command-line options made from the settings' own declarations (``core.config.option``).

A setting is declared once, in its dataclass: its type, default, help, choices and bounds. The desktop builds
its forms from that declaration, the saved JSON follows it, and here the commands get their options from it,
so ``hearth train --help`` and the training form say the same thing and accept the same values::

    def _sampling() -> tuple[Group, ...]:
        from core.inference import SamplingOptions

        return (Group("sampling", SamplingOptions, ("temperature", "top_p")),)

    @config_options(_sampling)
    def chat(model: ..., sampling: dict[str, Any]) -> None:
        SamplingOptions(**sampling)

Each :class:`Group` adds one option per field it names (``--top-p`` for ``top_p``) and hands the command a
dict of their values under the group's name. ``unset=True`` makes every option default to None (left to a
preset), which the command resolves.

The settings live beside the code that uses them, which imports numpy, torch or the engine; so a command
with such options is made when it is used (:class:`LazyCommand`), and ``hearth --help`` imports none of it.
"""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import typer
import typer.core
import typer.main

__all__ = ["ConfigCommand", "Group", "LazyCommand", "config_options"]


@dataclass(frozen=True)
class Group:
    """The fields of one settings class that become options of a command, passed on as one dict."""

    name: str
    cls: type
    fields: Sequence[str]
    unset: bool = False  # every option defaults to None: the command fills in what is left unset
    flags: Mapping[str, Sequence[str]] = field(default_factory=dict)  # field -> its option names, e.g. ("-m",)
    names: Mapping[str, str] = field(default_factory=dict)  # field -> its option's name when not the field's
    required: Sequence[str] = ()  # fields the command cannot do without (their declared default is a blank)


def _plain_type(tp: Any) -> tuple[Any, bool]:
    """``int | None`` -> (int, True); ``float`` -> (float, False)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def _help(info: Any) -> str:
    # As declared (the desktop's forms show the same words), as a sentence.
    return info.help if info.help.endswith(".") else info.help + "."


def _parameter(group: Group, info: Any) -> inspect.Parameter:
    base, optional = _plain_type(info.type)
    if base not in (int, float, str, bool):
        raise TypeError(f"{group.cls.__name__}.{info.name} ({info.type}) has no command-line form")
    name = group.names.get(info.name, info.name).replace("_", "-")
    flags = list(group.flags.get(info.name, ()))
    decls = [f"--{name}/--no-{name}" if base is bool else f"--{name}", *flags]
    kind: Any = Literal[tuple(info.choices)] if info.choices else base  # typer lists a Literal's values
    if optional or group.unset:
        kind = typing.Optional[kind]  # noqa: UP045 (a runtime type for typer)
    extra: dict[str, Any] = {} if base is bool else {"min": info.min, "max": info.max}
    if info.choices:
        extra["case_sensitive"] = False  # Q4_K_M is q4_k_m
    option = typer.Option(*decls, help=_help(info), show_default=not group.unset and info.name not in group.required,
                          **extra)
    if info.name in group.required:
        default: Any = inspect.Parameter.empty
    else:
        default = None if group.unset else info.default
    return inspect.Parameter(f"{group.name}__{info.name}", inspect.Parameter.KEYWORD_ONLY, default=default,
                             annotation=Annotated[kind, option])


@dataclass(frozen=True)
class ConfigCommand:
    """A command function and the settings whose options it takes, joined when the command is used."""

    function: Callable[..., Any]
    groups: Callable[[], Sequence[Group]]

    @property
    def help(self) -> str:
        return inspect.getdoc(self.function) or ""

    def with_options(self) -> Callable[..., Any]:
        """The function with one keyword parameter per option, as typer reads it."""
        from core.config import describe

        groups = tuple(self.groups())
        own = inspect.signature(self.function)
        hints = typing.get_type_hints(self.function, include_extras=True)
        kept = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in own.parameters.values()
                if p.name not in {g.name for g in groups}]
        added: list[inspect.Parameter] = []
        for group in groups:
            described = {info.name: info for info in describe(group.cls)}
            unknown = [name for name in group.fields if name not in described]
            if unknown:
                raise TypeError(f"{group.cls.__name__} has no field {', '.join(unknown)}")
            added += [_parameter(group, described[name]) for name in group.fields]

        @functools.wraps(self.function)
        def run(**values: Any) -> Any:
            for group in groups:
                values[group.name] = {name: values.pop(f"{group.name}__{name}") for name in group.fields}
            return self.function(**values)

        parameters = [*kept, *added]
        run.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": own.return_annotation}
        del run.__wrapped__  # typer reads the signature above, not the function's own
        return run


def config_options(groups: Callable[[], Sequence[Group]]) -> Callable[[Callable[..., Any]], ConfigCommand]:
    """Give a command the options of the groups ``groups()`` returns (called when the command is used)."""
    return lambda function: ConfigCommand(function, groups)


class LazyCommand(typer.core.TyperCommand):
    """A command listed by its help line and made (options and all) only when it runs or shows its help."""

    def __init__(self, name: str, command: ConfigCommand) -> None:
        help_text = command.help
        super().__init__(name=name, help=help_text, short_help=help_text.split("\n\n")[0].replace("\n", " "))
        self._source = command
        self._made: Any = None

    def made(self) -> Any:
        if self._made is None:
            app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
            app.command(self.name)(self._source.with_options())
            self._made = typer.main.get_command(app)
        return self._made

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        return self.made().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        return self.made().invoke(ctx)
