"""Rules for what goes into the model and what comes out of it: refuse a request, redact or stop an answer.

The server applies them to every request (``hearth serve --rules FILE``), the chat to every message and reply
(``hearth chat --rules FILE``, the window's Settings).

A rules file (JSON) holds two lists, ``input`` and ``output``; each rule has a ``name`` (what a refusal or the
metrics call it) and one test:

    {"input": [
        {"name": "no-secrets", "pattern": "(?i)\\\\bpassword\\\\s*[:=]"},
        {"name": "short-questions", "max_chars": 20000}
     ],
     "output": [
        {"name": "card-numbers", "pattern": "\\\\b(?:\\\\d[ -]?){13,16}\\\\b", "action": "redact",
         "replacement": "[card number]"},
        {"name": "banned-words", "words": ["foo", "bar"], "action": "stop"}
     ]}

``pattern`` is a regular expression; ``words`` a list matched whole and without regard to case; ``max_chars``
a length. An input rule refuses the request (a 400 naming the rule). An output rule either ``redact``\\ s what
it matches (``replacement``, "[redacted]" by default) or ``stop``\\ s the answer where the match begins
(``finish_reason`` "content_filter"). A streamed answer is filtered as it streams: text is held back until no
match could still begin in it (``max_match_chars``, 200 by default, bounds how long a match may be), so a match
split between two chunks is caught all the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import ConfigError, HearthError

__all__ = ["OutputFilter", "RuleRefused", "Rules"]

_HINT = "see the rules file format in the README (hearth serve --rules FILE)"


class RuleRefused(HearthError):
    """A text broke an input rule; ``rule`` names it."""

    def __init__(self, rule: str) -> None:
        super().__init__(f"refused by the input rule {rule!r}", "change the text, or the rules file")
        self.rule = rule


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str] | None = None
    max_chars: int | None = None
    action: str = "refuse"
    replacement: str = "[redacted]"
    max_match: int = 200


@dataclass(frozen=True)
class Rules:
    """The input and output rules of a server (none: everything passes)."""

    input: tuple[_Rule, ...] = ()
    output: tuple[_Rule, ...] = ()
    hits: dict[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls, path: Path | str) -> Rules:
        """Read a rules file.

        Raises:
            ConfigError: the file cannot be read, is not JSON of the form above, or a rule is malformed (named).
        """
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read the rules file {path}: {exc}", _HINT) from exc
        if not isinstance(data, dict) or set(data) - {"input", "output"}:
            raise ConfigError(f"the rules file {path} must be an object with the lists input and output", _HINT)
        return cls(tuple(_rule(r, "input") for r in data.get("input", [])),
                   tuple(_rule(r, "output") for r in data.get("output", [])))

    def check_input(self, texts: list[str]) -> None:
        """Refuse a request whose text breaks an input rule.

        Raises:
            RuleRefused: naming the rule.
        """
        for rule in self.input:
            for text in texts:
                broken = (len(text) > rule.max_chars) if rule.max_chars is not None else \
                    rule.pattern is not None and rule.pattern.search(text) is not None
                if broken:
                    self.hits[rule.name] = self.hits.get(rule.name, 0) + 1
                    raise RuleRefused(rule.name)

    def output_filter(self) -> OutputFilter:
        return OutputFilter(self)


def _rule(data: Any, side: str) -> _Rule:
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
        raise ConfigError(f"every {side} rule needs a name: {data!r}", _HINT)
    name = data["name"]
    tests = [k for k in ("pattern", "words", "max_chars") if k in data]
    if len(tests) != 1:
        raise ConfigError(f"rule {name!r} must have one of pattern, words or max_chars", _HINT)
    action = data.get("action", "refuse" if side == "input" else "redact")
    allowed = ("refuse",) if side == "input" else ("redact", "stop")
    if action not in allowed:
        raise ConfigError(f"rule {name!r}: the action of an {side} rule is one of {', '.join(allowed)}, not "
                          f"{action!r}", _HINT)
    pattern = None
    if "pattern" in data:
        try:
            pattern = re.compile(data["pattern"])
        except (re.error, TypeError) as exc:
            raise ConfigError(f"rule {name!r}: the pattern is not a regular expression: {exc}", _HINT) from exc
    elif "words" in data:
        words = data["words"]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise ConfigError(f"rule {name!r}: words must be a list of texts", _HINT)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    max_chars = data.get("max_chars")
    if max_chars is not None and (not isinstance(max_chars, int) or max_chars < 1):
        raise ConfigError(f"rule {name!r}: max_chars must be a whole number of at least 1", _HINT)
    if side == "output" and max_chars is not None:
        raise ConfigError(f"rule {name!r}: max_chars is an input rule (the length of an answer is max_tokens)",
                          _HINT)
    return _Rule(name, pattern, max_chars, action, str(data.get("replacement", "[redacted]")),
                 int(data.get("max_match_chars", 200)))


class OutputFilter:
    """One answer's text through the output rules, chunk by chunk."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.held = ""
        self.stopped = False
        self.hold = max((r.max_match for r in rules.output), default=0)

    def feed(self, text: str) -> str:
        """Add a chunk; return the text that is safe to send now (empty once stopped)."""
        if self.stopped:
            return ""
        self.held += text
        safe, self.held = self._apply(self.held, final=False)
        return safe

    def finish(self) -> str:
        """The text still held back, once the answer is over."""
        if self.stopped:
            return ""
        safe, self.held = self._apply(self.held, final=True)
        return safe

    def whole(self, text: str) -> str:
        return self.feed(text) + self.finish()

    def _apply(self, text: str, final: bool) -> tuple[str, str]:
        """(what can go out, what must wait). Matches are found in all the text held, so that what follows a
        match (a word boundary, a longer match) is seen; a match that runs into the held-back tail, or that ends
        where the text ends for now, waits whole for the next chunk."""
        cut = len(text) if final or not self.hold else max(len(text) - self.hold, 0)
        found = [(m, rule) for rule in self.rules.output for m in rule.pattern.finditer(text)]  # type: ignore[union-attr]
        moved = True
        while moved:  # a lower cut can leave another match straddling it: until none does
            moved = False
            for m, _rule in found:
                if m.start() < cut and (m.end() > cut or (not final and m.end() == len(text))):
                    cut, moved = m.start(), True
        done = sorted(((m, rule) for m, rule in found if m.end() <= cut and m.end() > m.start()),
                      key=lambda pair: pair[0].start())
        out, at = [], 0
        for m, rule in done:
            if m.start() < at:
                continue  # overlaps a match already handled
            self.rules.hits[rule.name] = self.rules.hits.get(rule.name, 0) + 1
            out.append(text[at:m.start()])
            if rule.action == "stop":
                self.stopped = True
                return "".join(out), ""
            out.append(rule.replacement)
            at = m.end()
        out.append(text[at:cut])
        return "".join(out), text[cut:]
