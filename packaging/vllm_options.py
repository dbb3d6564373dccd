"""Read the options of ``vllm serve`` out of vLLM's source, for the test that checks Hearth's vLLM deployments.

vLLM cannot be imported here (it needs a CUDA build of torch), so its argument parser is not run: this script
reads the Python source of a vLLM release with :mod:`ast` instead and writes what each option takes, as
``tests/assets/vllm_serve_options.json``:

    python -m pip download --no-deps --no-binary :all: vllm==0.34.0 && tar -xzf vllm-0.34.0.tar.gz
    python packaging/vllm_options.py vllm-0.34.0 > tests/assets/vllm_serve_options.json

What it reads, as vLLM's ``make_arg_parser`` builds the parser: every ``add_argument("--name", ...)`` in
``vllm/engine/arg_utils.py`` (the engine's options; ``**model_kwargs["dtype"]`` names the config field that
gives the type) and in ``vllm/entrypoints/common/cli_args.py`` (the server's own), and the fields of the
frontend's dataclasses there (``--`` + the field's name). A field
annotated ``bool`` becomes a switch with its ``--no-`` form (argparse's BooleanOptionalAction, as vLLM's
``get_kwargs`` makes it); a ``Literal[...]``, or a name bound to one, gives the choices.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path
from typing import Any

_ENGINE = "vllm/engine/arg_utils.py"
_FRONTEND = "vllm/entrypoints/common/cli_args.py"
_CONFIGS = "vllm/config"


def _aliases(trees: list[ast.Module]) -> dict[str, ast.expr]:
    """Module-level ``Name = <type>`` bindings (``ModelDType = Literal[...]``)."""
    found: dict[str, ast.expr] = {}
    for tree in trees:
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                found[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                found[node.target.id] = node.value  # (``X: TypeAlias = Literal[...]``)
    return found


def _fields(trees: list[ast.Module]) -> dict[str, dict[str, ast.expr]]:
    """class name -> its annotated fields."""
    classes: dict[str, dict[str, ast.expr]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                fields = classes.setdefault(node.name, {})
                for item in node.body:
                    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        fields[item.target.id] = item.annotation
    return classes


def _describe(annotation: ast.expr | None, aliases: dict[str, ast.expr], depth: int = 0) -> dict[str, Any]:
    """What an option of this type takes: a switch, or a value (with its choices when they are fixed)."""
    if annotation is None or depth > 5:
        return {"takes": "value"}
    if isinstance(annotation, ast.Name):
        if annotation.id == "bool":
            return {"takes": "switch"}
        if annotation.id in aliases:
            return _describe(aliases[annotation.id], aliases, depth + 1)
        return {"takes": "value"}
    if isinstance(annotation, ast.Subscript) and isinstance(annotation.value, ast.Name) \
            and annotation.value.id == "Literal":
        items = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        if not all(isinstance(i, ast.Constant) for i in items):  # (a Literal of names: no fixed choices read)
            return {"takes": "value"}
        return {"takes": "value", "choices": [str(i.value) for i in items]}
    if isinstance(annotation, ast.Subscript) and isinstance(annotation.value, ast.Name) \
            and annotation.value.id in ("list", "set", "tuple"):
        return {"takes": "values"}  # (nargs="+")
    if isinstance(annotation, ast.BinOp):  # a union: as vLLM's get_kwargs reads one
        sides = _union(annotation)
        parts = [_describe(side, aliases, depth + 1) for side in sides]
        if any(p["takes"] == "switch" for p in parts):
            return {"takes": "switch"}
        choices = [c for p in parts for c in p.get("choices", [])]
        if choices:
            return {"takes": "value", "choices": choices}
        if any(p["takes"] == "values" for p in parts):
            return {"takes": "values"}
    return {"takes": "value"}


def _union(annotation: ast.expr) -> list[ast.expr]:
    """The parts of ``A | B | None``, None left out."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return [*_union(annotation.left), *_union(annotation.right)]
    return [] if isinstance(annotation, ast.Constant) and annotation.value is None else [annotation]


def _kwargs_sources(tree: ast.Module) -> dict[str, str]:
    """``model_kwargs = get_kwargs(ModelConfig)`` -> {"model_kwargs": "ModelConfig"}."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name) and getattr(node.value.func, "id", "") == "get_kwargs" \
                and node.value.args and isinstance(node.value.args[0], ast.Name):
            found[node.targets[0].id] = node.value.args[0].id
    return found


def read_options(root: Path) -> dict[str, dict[str, Any]]:
    """``--option`` -> what it takes, for ``vllm serve`` of the vLLM source tree at ``root``."""
    engine = ast.parse((root / _ENGINE).read_text(encoding="utf-8"))
    frontend = ast.parse((root / _FRONTEND).read_text(encoding="utf-8"))
    configs = [ast.parse(p.read_text(encoding="utf-8")) for p in sorted((root / _CONFIGS).rglob("*.py"))]
    trees = [engine, frontend, *configs]
    aliases, classes, sources = _aliases(trees), _fields(trees), _kwargs_sources(engine)
    options: dict[str, dict[str, Any]] = {}

    def add(names: list[str], described: dict[str, Any]) -> None:
        for name in names:
            options[name] = described
            if described["takes"] == "switch" and name.startswith("--"):
                options["--no-" + name[2:]] = described

    for node in (n for tree in (engine, frontend) for n in ast.walk(tree)):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument"):
            continue
        names = [a.value for a in node.args if isinstance(a, ast.Constant) and str(a.value).startswith("-")]
        if not names:
            continue
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        field_type = None
        for spread in (k.value for k in node.keywords if k.arg is None):  # **model_kwargs["dtype"]
            for sub in ast.walk(spread):
                if isinstance(sub, ast.Subscript) and isinstance(sub.value, ast.Name) \
                        and isinstance(sub.slice, ast.Constant):
                    owner = classes.get(sources.get(sub.value.id, ""), {})
                    field_type = owner.get(sub.slice.value, field_type)
        action = keywords.get("action")
        if action is not None and any(kind in ast.unparse(action) for kind in ("BooleanOptional", "store_true")):
            add(names, {"takes": "switch"})
        elif "choices" in keywords and isinstance(keywords["choices"], (ast.List, ast.Tuple)):
            add(names, {"takes": "value", "choices": [str(ast.literal_eval(c)) for c in keywords["choices"].elts]})
        else:
            add(names, _describe(field_type, aliases))
    for cls in ("BaseFrontendArgs", "FrontendArgs"):
        for field, annotation in classes.get(cls, {}).items():
            add(["--" + field.replace("_", "-")], _describe(annotation, aliases))
    return dict(sorted(options.items()))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python packaging/vllm_options.py VLLM_SOURCE_FOLDER", file=sys.stderr)
        return 2
    root = Path(argv[1])
    version = next((line.split(":", 1)[1].strip() for line in (root / "PKG-INFO").read_text().splitlines()
                    if line.startswith("Version:")), "unknown") if (root / "PKG-INFO").is_file() else "unknown"
    print(json.dumps({"vllm": version, "read_from": [_ENGINE, _FRONTEND, _CONFIGS + "/"],
                      "how": "packaging/vllm_options.py (ast, not vLLM's own parser)",
                      "options": read_options(root)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
