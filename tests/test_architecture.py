"""The package layout holds: no import cycle anywhere in core, and its rooms form a strict order.

import-linter (``lint-imports``, run by .ci/run) checks the layers declared in pyproject.toml; this test
checks what a layers contract cannot see: that no two modules of core import each other in a circle,
including through function-level imports (grimp reads those too).
"""

from __future__ import annotations

import grimp


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("core", include_external_packages=False)


def test_no_import_cycle_between_modules_of_core():
    graph = _graph()
    cycles = sorted((module, imported) for module in graph.modules
                    for imported in graph.find_modules_directly_imported_by(module)
                    if graph.chain_exists(importer=imported, imported=module))
    assert cycles == []


def test_the_rooms_of_core_import_each_other_without_a_cycle():
    graph = _graph()

    def room(module: str) -> str:
        return ".".join(module.split(".")[:2])

    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if room(module) != room(imported) and room(imported) != "core":
                edges.setdefault(room(module), set()).add(room(imported))
    order: list[str] = []
    remaining = {r: set(deps) for r, deps in edges.items()}
    for deps in edges.values():
        for dep in deps:
            remaining.setdefault(dep, set())
    while remaining:  # peel off the rooms that import nothing left; a cycle leaves some that never do
        free = sorted(r for r, deps in remaining.items() if not deps & remaining.keys())
        assert free, f"rooms that import each other in a circle: {sorted(remaining)}"
        order += free
        for r in free:
            del remaining[r]
    assert order.index("core.errors") < order.index("core.workspace") < order.index("core.training") \
        < order.index("core.export") < order.index("core.quickstart")


def test_the_front_doors_name_what_callers_use_and_load_it_only_when_asked():
    import subprocess
    import sys

    code = ("import sys, core.data, core.training, core.export\n"
            "rooms = ('core.data.', 'core.training.', 'core.export.')\n"
            "before = sorted(m for m in sys.modules if m.startswith(rooms))\n"
            "from core.training import TrainJob\nfrom core.export import ExportRecord\n"
            "from core.data import ReadOptions\n"
            "print(before, TrainJob.__module__, ExportRecord.__module__, ReadOptions.__module__)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["[]", "core.training.run", "core.export.store", "core.data.formats"], proc.stderr
