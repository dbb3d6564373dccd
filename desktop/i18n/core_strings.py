"""The text core shows a person (errors and their hints, pre-flight verdicts), as templates for Qt's translators.

Core and the converters are Qt-free, so their messages are English f-strings.
This module reads their source with :mod:`ast`, finds every message and hint
given to :class:`~core.errors.HearthError` and its subclasses (and the reasons
the converters, the data checks and the memory pre-flight give), and turns each
into a template: the literal text, with ``{0}``, ``{1}``... where an f-string
put a value. ``python -m desktop.i18n.strings`` writes them into
``core_text.py`` as ``QT_TRANSLATE_NOOP("core", ...)`` lines, which lupdate
reads; :mod:`desktop.i18n.core_messages` matches a message against them at run
time and fills the translation with the values it captured.

What it follows: literals, f-strings, ``+`` and implicit concatenation,
``"...".format(...)``, a conditional between strings (expanded into its
alternatives), a name assigned in the same function or module (each assignment
an alternative), a call of a function whose returns are strings, and a helper
whose parameter flows into an error's message (its callers' arguments then are
messages too). Anything else becomes a placeholder; a message that is only
placeholders is not a template (:func:`coverage` lists those raise sites).
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

__all__ = ["COMPOSED", "Site", "core_templates", "coverage", "extract", "write_module"]

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("core", "converters")
_OUT = Path(__file__).resolve().parent / "core_text.py"

# Text the pre-flight builds from data rather than from one string: the memory estimate's parts
# (core.training.memory.estimate_peak's breakdown keys, each "<key> <MiB>") and its peak phases.
COMPOSED = ("weights {0}", "trainable {0}", "gradients {0}", "optimizer {0}", "activations {0}", "logits {0}",
            "overhead {0}", "allocator {0}", "backward", "optimizer step")

# Functions whose every sentence (a string with a space in its text) reaches the window as a verdict.
_VERDICTS = {"core/training/memory.py": ("MemoryEstimate.describe", "MemoryVerdict.describe", "_candidates"),
             "converters/exportability.py": ("export_verdict",)}

# Module tables of messages (errno -> message, hint) that explain() formats with str.format.
_TABLES = {"core/errors.py": ("_OS_ERRORS", "_SQLITE_ERRORS")}

# Carriers besides the HearthError family: callee name -> (message argument index, keyword) pairs.
_CARRIERS: dict[str, tuple[tuple[int, str], ...]] = {
    "ConversionError": ((0, "message"),),
    "UnsupportedModel": ((2, "reason"),),
    "refuse": ((0, "reason"),),
    "Verdict": ((1, "reason"),),
    "Exportability": ((2, "reason"),),
    "Reject": ((3, "reason"),),
    "_Invalid": ((2, "reason"),),
    "option": ((99, "help"),),  # a config field's help: the hint of a ConfigError about it
}
_ERROR_ARGS = ((0, "message"), (1, "hint"))
_MAX_ALTERNATIVES = 24

Parts = tuple  # literal strings and None (a placeholder), in order


@dataclass
class Site:
    """One place core builds an error of the HearthError family: where, and the templates of its message."""

    file: str
    line: int
    callee: str
    message: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def covered(self) -> bool:
        return bool(self.message)


# -- turning an expression into templates --------------------------------------------------------------------


def _render(parts: Parts) -> str:
    out, n = [], 0
    for part in parts:
        if part is None:
            out.append(f"{{{n}}}")
            n += 1
        else:
            out.append(part)
    return "".join(out)


def _merge(parts: Parts) -> Parts:
    """Adjacent literals joined, adjacent placeholders kept as one (they cannot be told apart)."""
    out: list[str | None] = []
    for part in parts:
        if part == "":
            continue
        if out and part is not None and out[-1] is not None:
            out[-1] += part
        elif not (out and part is None and out[-1] is None):
            out.append(part)
    return tuple(out)


_HOLE: list[Parts] = [(None,)]


def _product(pieces: list[list[Parts]]) -> list[Parts]:
    count = 1
    for alternatives in pieces:
        count *= len(alternatives)
    if count > _MAX_ALTERNATIVES:  # the piece with the most alternatives becomes a value
        widest = max(range(len(pieces)), key=lambda i: len(pieces[i]))
        pieces = [*pieces[:widest], _HOLE, *pieces[widest + 1:]]
        return _product(pieces)
    return list(dict.fromkeys(_merge(tuple(p for parts in combo for p in parts)) for combo in product(*pieces)))


class _Module:
    """One source file: its top-level names and functions, for resolving names and calls."""

    def __init__(self, path: Path, extractor: _Extractor) -> None:
        self.path, self.extractor = path, extractor
        self.rel = path.relative_to(ROOT).as_posix()
        self.tree = ast.parse(path.read_text(encoding="utf-8"), filename=self.rel)
        self.assigns: dict[str, list[ast.expr]] = {}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.imports: dict[str, str] = {}
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        for node in self.tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                for name, value in _bindings(node):
                    self.assigns.setdefault(name, []).append(value)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[node.name] = node
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = alias.name
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        self.functions[f"{node.name}.{item.name}"] = item

    def function_of(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node
        return None

    def resolve(self, node: ast.expr | None, scope: ast.AST | None, depth: int = 0) -> list[Parts]:
        """The alternatives ``node`` can be, as parts (None where a value goes)."""
        if node is None or depth > 6:
            return _HOLE
        if isinstance(node, ast.Constant):
            return [(node.value,)] if isinstance(node.value, str) else _HOLE
        if isinstance(node, ast.JoinedStr):
            return _product([self._formatted(v, scope, depth) for v in node.values])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return _product([self.resolve(node.left, scope, depth + 1), self.resolve(node.right, scope, depth + 1)])
        if isinstance(node, ast.IfExp):
            both = self.resolve(node.body, scope, depth + 1) + self.resolve(node.orelse, scope, depth + 1)
            return list(dict.fromkeys(both))[:_MAX_ALTERNATIVES]
        if isinstance(node, ast.Name):
            return self._name(node.id, scope, depth)
        if isinstance(node, ast.Call):
            return self._call(node, scope, depth)
        return _HOLE

    def _formatted(self, value: ast.expr, scope: ast.AST | None, depth: int) -> list[Parts]:
        if not isinstance(value, ast.FormattedValue):
            return self.resolve(value, scope, depth + 1)
        if value.conversion != -1 or value.format_spec is not None:
            return _HOLE
        return self.resolve(value.value, scope, depth + 1)

    def _name(self, name: str, scope: ast.AST | None, depth: int) -> list[Parts]:
        if scope is not None:
            values = [v for node in ast.walk(scope) if isinstance(node, (ast.Assign, ast.AnnAssign))
                      and node.value is not None for n, v in _bindings(node) if n == name]
            values += [v for node in ast.walk(scope) if isinstance(node, ast.For)
                       for v in self._loop_values(node, name, scope)]
            if values:
                return self._union(values, scope, depth)
            args = scope.args if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
            if args is not None and name in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}:
                return _HOLE
        if name in self.assigns:
            return self._union(self.assigns[name], None, depth)
        return _HOLE

    def _loop_values(self, loop: ast.For, name: str, scope: ast.AST) -> list[ast.expr]:
        """The values ``for a, b in ROWS`` binds to ``name`` when ROWS is a literal list of tuples (or a name
        bound to one)."""
        if not isinstance(loop.target, ast.Tuple):
            return []
        index = next((i for i, t in enumerate(loop.target.elts) if isinstance(t, ast.Name) and t.id == name), None)
        rows = loop.iter
        items = isinstance(rows, ast.Call) and isinstance(rows.func, ast.Attribute) and rows.func.attr == "items"
        if items:  # for key, value in SOME_DICT.items()
            rows = rows.func.value
        if isinstance(rows, ast.Name):
            bound = [v for node in ast.walk(scope) if isinstance(node, (ast.Assign, ast.AnnAssign))
                     and node.value is not None for n, v in _bindings(node) if n == rows.id]
            rows = (bound or self.assigns.get(rows.id) or [None])[0]
        if items and index == 0:
            return []  # a dict's keys are names, kept as values
        if items and isinstance(rows, ast.Dict):
            rows = ast.List([ast.Tuple([k, v]) for k, v in zip(rows.keys, rows.values, strict=True) if k], ast.Load())
        if index is None or not isinstance(rows, (ast.List, ast.Tuple)):
            return []
        return [row.elts[index] for row in rows.elts
                if isinstance(row, ast.Tuple) and len(row.elts) == len(loop.target.elts)]

    def _union(self, values: list[ast.expr], scope: ast.AST | None, depth: int) -> list[Parts]:
        out: list[Parts] = []
        for value in values:
            if isinstance(value, ast.Constant) and value.value is None:
                continue  # "no reason yet": not a text
            out += self.resolve(value, scope, depth + 1)
        out = list(dict.fromkeys(out))
        return out if out and len(out) <= _MAX_ALTERNATIVES else _HOLE

    def _call(self, node: ast.Call, scope: ast.AST | None, depth: int) -> list[Parts]:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "format" and isinstance(func.value, ast.Constant) \
                and isinstance(func.value.value, str):
            return [_format_parts(func.value.value)]
        if isinstance(func, ast.Name):
            target = self.extractor.function(self, func.id)
            if target is not None:
                module, function = target
                returns = [n.value for n in ast.walk(function) if isinstance(n, ast.Return)]
                if returns and all(module.function_of(n) is function for n in returns):
                    found = module._union([r for r in returns if r is not None], function, depth + 1)
                    # phrases ("does not exist") are inlined; when some return is not one (a number with its
                    # unit, a type's name), the call stays a value and its phrases are templates of their own
                    phrases = [p for p in found if re.search(r"[A-Za-z]{4,}", "".join(x for x in p if x))]
                    if all(p in phrases or not p for p in found):
                        return phrases
                    self.extractor.templates.update(dict.fromkeys(_templates(phrases)))
        return _HOLE


def _bindings(node: ast.Assign | ast.AnnAssign) -> Iterator[tuple[str, ast.expr]]:
    """(name, value) of each name an assignment binds, tuples unpacked element by element."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        if isinstance(target, ast.Name):
            yield target.id, node.value
        elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) \
                and len(target.elts) == len(node.value.elts):
            for t, v in zip(target.elts, node.value.elts, strict=True):
                if isinstance(t, ast.Name):
                    yield t.id, v


def _format_parts(text: str) -> Parts:
    parts: list[str | None] = []
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        parts.append(literal)
        if name is not None:
            parts.append(None)
    return _merge(tuple(parts))


def _templates(alternatives: list[Parts], *, words: int = 2) -> list[str]:
    """The templates among ``alternatives`` worth translating: words and a space in their literal text (a lone
    word is a name, a key or a field, kept as it is)."""
    out = []
    for parts in alternatives:
        literal = "".join(p for p in parts if p is not None)
        text = _render(parts)
        sentence = " " in literal.strip() or (None in parts and " " in text)  # "entry {0} {1}" is one too
        if re.search(r"[A-Za-z]{2,}", literal) and (words < 2 or sentence) and text == text.strip():
            out.append(text)
    return out


# -- finding what carries a message ---------------------------------------------------------------------------


class _Extractor:
    def __init__(self, files: list[Path]) -> None:
        self.modules = [_Module(path, self) for path in files]
        self.errors = _error_classes(self.modules)
        self.sites: list[Site] = []
        self.templates: dict[str, None] = {}

    def function(self, module: _Module, name: str) -> tuple[_Module, ast.FunctionDef | ast.AsyncFunctionDef] | None:
        if name in module.functions:
            return module, module.functions[name]
        if name in module.imports:
            real = module.imports[name]
            found = [(m, m.functions[real]) for m in self.modules if real in m.functions]
            return found[0] if len(found) == 1 else None
        return None

    def _own_init(self) -> None:
        """The error classes with an ``__init__`` of their own: which of its arguments are the message and the
        hint, and the message it makes when none is given (its default, or what it passes to its base)."""
        self.spec = {name: _ERROR_ARGS for name in self.errors}
        self.made: dict[str, list[str]] = {}
        for module in self.modules:
            if not module.rel.startswith("core/"):
                continue
            for cls in ast.walk(module.tree):
                init = module.functions.get(f"{getattr(cls, 'name', '')}.__init__")
                if not isinstance(cls, ast.ClassDef) or cls.name not in self.errors or init is None:
                    continue
                params = [a.arg for a in (*init.args.posonlyargs, *init.args.args) if a.arg != "self"]
                keyword = [a.arg for a in init.args.kwonlyargs]
                self.spec[cls.name] = tuple((params.index(n) if n in params else 99, n)
                                            for n in ("message", "hint") if n in params or n in keyword)
                defaults = dict(zip(params[len(params) - len(init.args.defaults):], init.args.defaults, strict=True))
                made = [c for c in ast.walk(init) if isinstance(c, ast.Call) and _callee(c) == "super().__init__"]
                given = defaults.get("message") or (made[0].args[0] if made and made[0].args else None)
                self.made[cls.name] = _templates(module.resolve(given, init), words=1) if given is not None else []

    def carriers(self) -> dict[str, tuple[tuple[int, str], ...]]:
        """Callee name -> message arguments: the error classes, the converters' and data's carriers, and the
        helpers whose parameters flow into one of them (found until no new one appears)."""
        self._own_init()
        carriers = self.spec | _CARRIERS
        while True:
            new = {}
            for module in self.modules:
                for call, args in _calls(module, carriers):
                    function = module.function_of(call)
                    if function is None or function.name in carriers or function.name == "__init__":
                        continue
                    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args) if a.arg != "self"]
                    flowing = tuple((params.index(n), n) for expr in args for n in _names(expr) if n in params)
                    if flowing:
                        new[function.name] = flowing
            if not new.keys() - carriers.keys():
                return carriers
            carriers |= {k: v for k, v in new.items() if k not in carriers}

    def run(self) -> None:
        carriers = self.carriers()
        for module in self.modules:
            self._messages(module, carriers)
            self._verdicts(module)
            self._tables(module)

    def _messages(self, module: _Module, carriers: dict[str, tuple[tuple[int, str], ...]]) -> None:
        """The templates of every carrier's message and hint in ``module``; each error built in core is a site."""
        for call, args in _calls(module, carriers):
            scope = module.function_of(call)
            found = [_templates(module.resolve(expr, scope)) for expr in args]
            for templates in found:
                self.templates.update(dict.fromkeys(templates))
            name = _callee(call)
            if name in self.errors and module.rel.startswith("core/"):
                given = self.spec[name] and self.spec[name][0][1] == "message" and args[0] is not None
                message = found[0] if given else self.made.get(name, [])
                self.templates.update(dict.fromkeys(message))
                self.sites.append(Site(module.rel, call.lineno, name, message, ast.unparse(call)[:160]))

    def _verdicts(self, module: _Module) -> None:
        for qualname in _VERDICTS.get(module.rel, ()):
            function = module.functions.get(qualname)
            for expr in _sentences(module, function) if function is not None else ():
                self.templates.update(dict.fromkeys(_templates(module.resolve(expr, function))))

    def _tables(self, module: _Module) -> None:
        for table in _TABLES.get(module.rel, ()):
            for value in module.assigns.get(table, []):
                for row in (n for n in ast.walk(value) if isinstance(n, ast.Tuple)):
                    texts = [module.resolve(e, None) for e in row.elts[-2:]]  # (key..., message, hint)
                    self.templates.update(dict.fromkeys(t for alt in texts for t in _templates(
                        [_format_parts(_render(parts)) for parts in alt if None not in parts])))


def _error_classes(modules: list[_Module]) -> set[str]:
    classes = {"HearthError"}
    bases = {node.name: {b.id for b in node.bases if isinstance(b, ast.Name)}
             for module in modules if module.rel.startswith("core/")
             for node in ast.walk(module.tree) if isinstance(node, ast.ClassDef)}
    while True:
        more = {name for name, of in bases.items() if of & classes} - classes
        if not more:
            return classes
        classes |= more


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        if func.attr == "__init__" and isinstance(func.value, ast.Call) and _callee(func.value) == "super":
            return "super().__init__"
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _calls(module: _Module, carriers: dict[str, tuple[tuple[int, str], ...]]) -> Iterator[tuple[ast.Call, list]]:
    """Each call of a carrier in ``module`` with the expressions it gives as messages (None when not given)."""
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call):
            continue
        name = _callee(node)
        if name == "super().__init__":
            cls = _class_of(module, node)
            if cls is None or (cls.name not in module.extractor.errors and cls.name not in _CARRIERS):
                continue
            spec = _ERROR_ARGS
        elif name in carriers:
            spec = carriers[name]
        else:
            continue
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        args = [node.args[i] if i < len(node.args) and not isinstance(node.args[i], ast.Starred)
                else keywords.get(key) for i, key in spec]
        if name == "super().__init__" or name in module.extractor.errors or any(a is not None for a in args):
            yield node, args


def _class_of(module: _Module, node: ast.AST) -> ast.ClassDef | None:
    while node in module.parents:
        node = module.parents[node]
        if isinstance(node, ast.ClassDef):
            return node
    return None


def _names(expr: ast.expr | None) -> list[str]:
    """Names whose value becomes (part of) the text of ``expr``: itself, or the values of an f-string or sum."""
    if isinstance(expr, ast.Name):
        return [expr.id]
    if isinstance(expr, ast.JoinedStr):
        return [n for v in expr.values if isinstance(v, ast.FormattedValue) and v.conversion == -1
                for n in _names(v.value)]
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _names(expr.left) + _names(expr.right)
    return []


def _sentences(module: _Module, function: ast.AST) -> Iterator[ast.expr]:
    """The outermost string expressions in ``function`` whose text holds a space (docstrings, keys and
    comparisons left out)."""
    skip: set[int] = set()
    body = getattr(function, "body", [])
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        skip.add(id(body[0].value))
    for node in ast.walk(function):
        if isinstance(node, ast.Compare):
            skip.update(id(n) for n in ast.walk(node))
        elif isinstance(node, ast.Dict):
            skip.update(id(n) for k in node.keys if k is not None for n in ast.walk(k))
        elif isinstance(node, (ast.JoinedStr, ast.BinOp, ast.IfExp)):
            skip.update(id(n) for n in ast.walk(node) if n is not node)
    for node in ast.walk(function):
        if id(node) in skip or not isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp, ast.IfExp)):
            continue
        if isinstance(node, ast.Constant) and not (isinstance(node.value, str) and " " in node.value):
            continue
        yield node


# -- the public face ------------------------------------------------------------------------------------------


def _files() -> list[Path]:
    return sorted(p for source in SOURCES for p in (ROOT / source).rglob("*.py"))


def extract(files: list[Path] | None = None) -> tuple[list[str], list[Site]]:
    """(templates, raise sites) of ``files`` (core and converters by default)."""
    extractor = _Extractor(_files() if files is None else files)
    extractor.run()
    templates = list(dict.fromkeys([*extractor.templates, *COMPOSED]))
    return templates, extractor.sites


def core_templates() -> list[str]:
    """Every template of core's text, in source order, without repeats."""
    return extract()[0]


def coverage(sites: list[Site] | None = None) -> tuple[int, int, list[Site]]:
    """(raise sites whose message became a template, all raise sites, the sites left without one)."""
    sites = extract()[1] if sites is None else sites
    left = [s for s in sites if not s.covered]
    return len(sites) - len(left), len(sites), left


def write_module(path: Path = _OUT) -> Path:
    lines = ['"""Generated by ``python -m desktop.i18n.strings``: the text core shows a person (errors, hints,',
             'pre-flight verdicts) as templates for the translators; see desktop.i18n.core_strings."""',
             "# ruff: noqa: E501", "",
             "from PySide6.QtCore import QT_TRANSLATE_NOOP", "", "STRINGS = ["]
    lines += [f"    QT_TRANSLATE_NOOP('core', {text!r})," for text in core_templates()]
    lines.append("]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    templates, sites = extract()
    covered, total, left = coverage(sites)
    print(f"{len(templates)} templates; {covered}/{total} raise sites covered")
    for site in left:
        print(f"  {site.file}:{site.line}: {site.source}")
