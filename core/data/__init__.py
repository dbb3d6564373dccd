"""Datasets: load any common format with validation, clean, split, describe, render for training.

- :mod:`.versions`: importing a file as a dataset version (a job), and the versions of a workspace.
- :mod:`.definitions`: another tool's dataset definition (LLaMA-Factory, Axolotl), each entry imported as a version
  through a :mod:`.mapping` of its columns and roles.
- :mod:`.generate`: a local teacher model answers prompts, or rewrites them first (:mod:`.paraphrase`); the kept
  answers become a version (a job). :mod:`.teacher` runs the teacher in the engine.
- :mod:`.formats`, :mod:`.readers`: reading every format, with a reason for each record left out.
- :mod:`.clean`, :mod:`.split`: normalising, deduplicating, scrubbing; train / validation / test.
- :mod:`.render`, :mod:`.tokenize`: conversations rendered with a chat template, tokenised for training.
- :mod:`.stats`, :mod:`.preview`: what a version holds, and a preview before importing.

What callers use is importable from here; each name is loaded from its module on first use (PEP 562), so
importing this package costs nothing and the modules that import torch are loaded only when asked for.
"""

from __future__ import annotations

from core.lazy import lazy_getattr

# name -> the module (in this package) that defines it
_NAMES: dict[str, str] = {
    "DatasetVersion": "versions",
    "ImportJob": "versions",
    "GenerateJob": "generate",
    "DefinitionImportJob": "definitions",
    "ItemMapping": "mapping",
    "import_definition": "definitions",
    "plan_definition": "definitions",
    "ImportOptions": "versions",
    "get_dataset": "versions",
    "list_datasets": "versions",
    "remove_dataset": "versions",
    "CleanOptions": "clean",
    "SplitOptions": "split",
    "ReadOptions": "formats",
    "FORMATS": "records",
    "ImportPreview": "preview",
    "preview_import": "preview",
    "format_stats": "stats",
}

__all__ = sorted(_NAMES)
__getattr__ = lazy_getattr(__name__, _NAMES)
