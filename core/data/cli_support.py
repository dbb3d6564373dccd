"""What ``hearth data`` needs beyond the core calls: options from command-line text, and printing a version."""

from __future__ import annotations

import json
from itertools import islice

from rich.console import Console
from rich.markup import escape

from core.data.clean import CleanOptions
from core.data.split import SplitOptions
from core.data.versions import ImportJob, ImportOptions, get_dataset
from core.errors import ConfigError
from core.workspace import Workspace

__all__ = ["import_job", "parse_columns", "parse_split", "print_version"]


def parse_split(text: str) -> SplitOptions:
    """``0.9,0.05,0.05`` (ratios) or ``-1,50,50`` (counts, -1 for the rest) as split options."""
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        raise ConfigError(f"--split {text!r} is not three numbers", "e.g. --split 0.9,0.05,0.05 or -1,50,50") from None
    if len(values) != 3:
        raise ConfigError(f"--split {text!r} has {len(values)} parts; it needs train,validation,test",
                          "e.g. --split 0.9,0.05,0.05")
    if values[0] == -1:
        if not all(v == int(v) and v >= 0 for v in values[1:]):
            raise ConfigError(f"--split {text!r}: with -1 for train, validation and test are counts of records",
                              "e.g. --split -1,50,50")
        return SplitOptions(counts=tuple(int(v) for v in values))
    if any(v > 1 for v in values):
        # 80,10,10 could mean percentages or counts; a wrong guess would silently leave records out.
        raise ConfigError(f"--split {text!r} is neither ratios nor counts",
                          "give ratios that add up to 1 (0.8,0.1,0.1), or counts with -1 for the rest of train "
                          "(-1,100,100)")
    return SplitOptions(ratios=tuple(values))


def parse_columns(text: str | None) -> dict[str, str] | None:
    """``instruction=question,output=answer`` as a field -> column mapping."""
    if not text:
        return None
    pairs = [part.split("=", 1) for part in text.split(",")]
    if any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
        raise ConfigError(f"--columns {text!r} is not field=column pairs", "e.g. --columns instruction=q,output=a")
    return {field.strip(): column.strip() for field, column in pairs}


def import_job(path: str, *, format: str, split: str, dedup: str, near_threshold: float, model: str | None,
               name: str | None, columns: str | None, max_tokens: int, scrub_pii: bool, strict: bool, seed: int,
               seq_len: int) -> ImportJob:
    """The import job's settings from the command line's options (validated here, before the job starts)."""
    if dedup not in ("none", "exact", "near"):
        raise ConfigError(f"--dedup {dedup!r} is not one of none, exact, near", "e.g. --dedup near")
    clean = CleanOptions(dedup_exact=dedup != "none", dedup_near=dedup == "near", near_threshold=near_threshold,
                         max_tokens=max_tokens, scrub_pii=scrub_pii)
    split_options = parse_split(split)
    split_options = SplitOptions(ratios=split_options.ratios, counts=split_options.counts, seed=seed,
                                 near_threshold=near_threshold)
    options = ImportOptions(format=format, columns=parse_columns(columns), strict=strict, model=model,
                            seq_len=seq_len, clean=clean, split=split_options)
    from pathlib import Path

    return ImportJob(path=str(Path(path).resolve()), name=name, options=options)


def print_version(ws: Workspace, ref: str, console: Console, rejects: int = 10) -> None:
    """A version's source, counts per split, rejects by reason and the first rejects."""
    version = get_dataset(ws, ref)
    manifest, stats = version.manifest(), version.stats()
    console.print(f"[bold]{version.label}[/] ({version.format}) from {escape(manifest['source_path'])}")
    console.print(f"  {version.records} records: " + ", ".join(f"{k} {v}" for k, v in version.splits.items())
                  + f"; {version.rejected} rejected; tokens by {escape(manifest['model'])}", highlight=False)
    load = stats.get("load", {})
    if load.get("fixed"):
        console.print(f"  fixed on the way: {json.dumps(load.get('fixed_by_code', {}))}", highlight=False)
    if stats.get("rejected_by_code"):
        console.print("  rejected: " + ", ".join(f"{code} {n}" for code, n in stats["rejected_by_code"].items()),
                      highlight=False)
    for leak in stats.get("leaks", []):
        console.print(f"  [red]crosses splits:[/] {escape(leak)}")
    path = version.folder / "rejects.jsonl"
    with path.open(encoding="utf-8") as handle:
        for line in islice(handle, rejects):
            reject = json.loads(line)
            where = f"{reject['source']}:{reject['line']}" + (f" [{reject['field']}]" if reject["field"] else "")
            console.print(f"  - {escape(where)}: {escape(reject['reason'])}", highlight=False)
    if version.rejected > rejects:
        console.print(f"  ... all {version.rejected} rejects with their reasons: {path}", highlight=False)
    console.print(f"  files: {version.folder}", highlight=False)
