"""Core's text (error messages and hints, pre-flight verdicts) in the interface's language.

Core words its messages in English f-strings; :mod:`desktop.i18n.core_strings`
turns each into a template (``"no dataset {0}"``) that lupdate puts in the
``.ts`` under the context ``core``. :func:`translate_core` finds the template a
message was made from and fills its translation with the values the message
holds, translated in turn when they are core text themselves (a converter's
reason inside an export verdict, a DataError's message after its file and
line). Without a translator, or when nothing matches, the text comes back as it
is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from PySide6.QtCore import QCoreApplication

__all__ = ["CONTEXT", "translate_core"]

CONTEXT = "core"
_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_WORD = re.compile(r"[A-Za-z]{2,}")
_LISTS = (", ", "; ")  # how core joins items (the parts of a memory estimate, combined suggestions)
_DEPTH = 4


@dataclass(frozen=True)
class _Template:
    source: str
    pieces: tuple[str, ...]  # the literal text around the placeholders: one more than there are of them
    order: tuple[int, ...]  # the placeholders' numbers, in the order they stand in the source
    literal: int  # characters of literal text: the more, the more specific
    anchor: str  # its longest piece, looked for before the pattern is tried
    short: bool  # one word around its values ("line {0}", "see {0}"): trusted only with plain or known values

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.pieces)


@cache
def _compiled(pieces: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(.*?)".join(re.escape(p) for p in pieces), re.DOTALL)


def _template(source: str) -> _Template:
    pieces = tuple(_PLACEHOLDER.split(source)[::2])
    order = tuple(int(n) for n in _PLACEHOLDER.findall(source))
    short = len(_WORD.findall("".join(pieces))) < 2
    return _Template(source, pieces, order, sum(len(p) for p in pieces), max(pieces, key=len), short)


@cache
def _templates() -> tuple[_Template, ...]:
    """Every template, the most literal text first (the most specific wins a tie of matches)."""
    from desktop.i18n.core_text import STRINGS

    found = [_template(s) for s in dict.fromkeys(STRINGS) if _PLACEHOLDER.search(s)]
    return tuple(sorted(found, key=lambda t: -t.literal))


@lru_cache(maxsize=4096)
def _match(text: str) -> tuple[str, tuple[str, ...], int] | None:
    """(template, the values in placeholder order, its literal length) of the most specific template ``text``
    was made from."""
    for template in _templates():
        first, last = template.pieces[0], template.pieces[-1]
        if template.anchor not in text or not text.startswith(first) or not text.endswith(last):
            continue
        found = template.pattern.fullmatch(text)
        if found is not None and template.short and not all(_plain(v) or _known(v) for v in found.groups()):
            continue  # "line {0}" is not "line 3, column 5: ..." from a library
        if found is not None:
            values = [""] * (max(template.order) + 1)
            for number, value in zip(template.order, found.groups(), strict=True):
                values[number] = value
            return template.source, tuple(values), template.literal
    return None


def _plain(value: str) -> bool:
    """A value without words around it: a name, a number (with its unit), a path, or a list of them."""
    return all(sum(bool(_WORD.search(token)) for token in item.split()) <= 1 for item in value.split(", "))


def _known(text: str) -> int:
    """How much of ``text`` a translation knows: all of it for an exact entry, a template's literal text."""
    if _exact(text) != text:
        return len(text)
    matched = _match(text)
    return matched[2] if matched else 0


def _fill(translation: str, values: list[str]) -> str:
    """``translation`` with its placeholders replaced; one with no value (a faulty translation) stays as it is."""
    def value(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return values[n] if n < len(values) else m.group(0)

    return _PLACEHOLDER.sub(value, translation)


def _exact(text: str) -> str:
    """The translation of ``text`` as it is; ``text`` itself when there is none (or an empty one)."""
    return QCoreApplication.translate(CONTEXT, text) or text


def _translate(text: str, depth: int) -> str:
    translated = _exact(text)
    if translated != text or depth > _DEPTH or not text.strip():
        return translated
    matched = _match(text)
    # "where: message" (a DataError's file and line) when its message is known better than the whole
    where = max(_positions(text, ": "), key=lambda at: _known(text[at + 2:]), default=None)
    if matched is not None and (where is None or _known(text[where + 2:]) <= matched[2]):
        source, values, _literal = matched
        return _fill(_exact(source), [_value(v, depth + 1) for v in values])
    return _composed(text, depth)


def _value(text: str, depth: int) -> str:
    """A value found in a message: a list whose every item is core text item by item, else as one text."""
    for sep in _LISTS:
        if sep in text:
            items = text.split(sep)
            if all(_known(item) for item in items):
                return sep.join(_translate(item, depth) for item in items)
    return _translate(text, depth)


def _composed(text: str, depth: int) -> str:
    """Text core put together from others, translated part by part where a part is core text: a list of
    suggestions (``a; b``), ``where: message`` (a DataError's file and line, a stage), ``message (detail)``."""
    items = text.split("; ")
    if len(items) > 1 and all(_known(item) for item in items):
        return "; ".join(_translate(item, depth + 1) for item in items)
    colons = sorted(_positions(text, ": "), key=lambda at: -_known(text[at + 2:]))
    if colons and _known(text[colons[0] + 2:]):
        at = colons[0]
        return f"{_translate(text[:at], depth + 1)}: {_translate(text[at + 2:], depth + 1)}"
    if text.endswith(")"):
        for at in _positions(text, " ("):
            if _known(text[:at]):
                return f"{_translate(text[:at], depth + 1)}{text[at:]}"
    if len(items) > 1:
        return "; ".join(_translate(item, depth + 1) for item in items)
    return text


def _positions(text: str, sep: str, most: int = 8) -> list[int]:
    found, at = [], text.find(sep)
    while at >= 0 and len(found) < most:
        found.append(at)
        at = text.find(sep, at + 1)
    return found


def translate_core(text: str) -> str:
    """``text`` from core in the interface's language (QCoreApplication's translators, context ``core``).

    An exact entry wins; else the most specific template that matches the whole text, its values translated
    when they are core text too. English (no translator, or no template) comes back unchanged.
    """
    if not text:
        return text
    return _translate(text, 0)
