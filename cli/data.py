"""``hearth data``: import (validate, clean, split), list, show, stats and remove dataset versions.

``hearth data import`` also takes another tool's dataset definition (a LLaMA-Factory dataset_info.json, an Axolotl
config): each entry it can map becomes a version, and each it cannot is listed with the reason.
"""

from __future__ import annotations

import json
import os
from itertools import islice
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from cli.common import console, friendly_errors
from cli.jobs import follow_in_terminal
from cli.options import Group, config_options
from core.errors import ConfigError

if TYPE_CHECKING:  # the data pipeline is imported by the commands that use it, so that --help starts fast
    from core.data.definitions import DefinitionImportJob
    from core.data.split import SplitOptions
    from core.data.versions import ImportJob
    from core.workspace import Workspace

__all__ = ["app", "generate_job", "import_job", "parse_columns", "parse_split", "print_definition_import",
           "print_version"]

app = typer.Typer(help="Datasets: import (validate, clean, split), list, show, stats, remove.", no_args_is_help=True)


def parse_split(text: str) -> SplitOptions:
    """``0.9,0.05,0.05`` (ratios) or ``-1,50,50`` (counts, -1 for the rest) as split options."""
    from core.data.split import SplitOptions

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


def import_job(path: str, *, split: str, dedup: str, columns: str | None, seed: int, name: str | None,
               options: dict[str, Any], clean: dict[str, Any]) -> ImportJob | DefinitionImportJob:
    """The import job's settings from the command line's options (validated here, before the job starts): a
    data file's import, or that of every entry of a dataset definition (see :mod:`core.data.definitions`)."""
    from pathlib import Path

    from core.data.clean import CleanOptions
    from core.data.definitions import DefinitionImportJob, definition_kind, plan_definition
    from core.data.split import SplitOptions
    from core.data.versions import ImportJob, ImportOptions, check_source

    if dedup not in ("none", "exact", "near"):
        raise ConfigError(f"--dedup {dedup!r} is not one of none, exact, near", "e.g. --dedup near")
    clean_options = CleanOptions(dedup_exact=dedup != "none", dedup_near=dedup == "near", **clean)
    split_options = parse_split(split)
    split_options = SplitOptions(ratios=split_options.ratios, counts=split_options.counts, seed=seed,
                                 near_threshold=clean_options.near_threshold, near_on=clean_options.near_on)
    settings = ImportOptions(columns=parse_columns(columns), clean=clean_options, split=split_options, **options)
    # Absolute, not resolved: a link loop is refused with a message (resolve() would raise).
    source = check_source(os.path.abspath(Path(path).expanduser()))  # before a job starts for nothing
    if definition_kind(source) is not None:
        if settings.columns or settings.format != "auto":
            raise ConfigError("--columns and --format are for a data file; a dataset definition maps the columns "
                              "of each entry itself", "leave them out, or correct the entry in the definition")
        plan_definition(source, name)  # a malformed definition, a missing file or column: before the job starts
        return DefinitionImportJob(path=str(source), name=name, options=settings)
    return ImportJob(path=str(source), name=name, options=settings)


def print_version(ws: Workspace, ref: str, console: Console, rejects: int = 10) -> None:
    """A version's source, counts per split, rejects by reason and the first rejects."""
    from core.data.versions import get_dataset

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


def print_definition_import(ws: Workspace, result: dict[str, Any], console: Console) -> int:
    """Each entry of a definition's import: the versions made, with their mapping, then those skipped or failed,
    with the reason; returns the exit code (1 when an entry failed)."""
    for entry in result["imported"]:
        seen = " (already imported: the same file, mapping and options)" if entry["recognised"] else ""
        console.print(f"[bold]{escape(entry['entry'])}[/] -> {entry['dataset']}{seen}: {escape(entry['mapping'])}",
                      highlight=False)
        for note in entry["notes"]:
            console.print(f"  [yellow]note:[/] {escape(note)}", highlight=False)
        print_version(ws, entry["dataset"], console, rejects=3)
    for skipped in result["skipped"]:
        console.print(f"[yellow]skipped[/] {escape(skipped['entry'])}: {escape(skipped['reason'])}", highlight=False)
    for failed in result["failed"]:
        console.print(f"[red]failed[/] {escape(failed['entry'])}: {escape(failed['error'])}", highlight=False)
    console.print(f"{result['tool']} definition {escape(result['definition'])}: {len(result['imported'])} imported, "
                  f"{len(result['skipped'])} skipped, {len(result['failed'])} failed", highlight=False)
    return 1 if result["failed"] else 0


def _import_options() -> tuple[Group, ...]:
    from core.data.clean import CleanOptions
    from core.data.split import SplitOptions
    from core.data.versions import ImportOptions

    return (Group("options", ImportOptions, ("format", "model", "strict", "seq_len", "max_line_bytes")),
            Group("clean", CleanOptions, ("near_threshold", "near_on", "min_tokens", "max_tokens", "scrub_pii")),
            Group("shuffle", SplitOptions, ("seed",)))


# The split, the deduplication and the columns are written as text here (0.9,0.05,0.05; near; q=question), which
# import_job turns into the settings; the other options are the settings' own (cli.options).
@config_options(_import_options)
def data_import(
    path: Annotated[str, typer.Argument(help="A .jsonl, .json, .csv, .tsv, .txt or .parquet file; or a dataset "
                                        "definition: a LLaMA-Factory dataset_info.json or an Axolotl config.")],
    options: dict[str, Any],
    clean: dict[str, Any],
    shuffle: dict[str, Any],
    split: Annotated[str, typer.Option(help="train,validation,test as ratios (0.9,0.05,0.05) or counts "
                                       "(-1,50,50; -1 is the rest).")] = "0.9,0.05,0.05",
    dedup: Annotated[str, typer.Option(help="none, exact or near (near also removes exact copies).")] = "near",
    name: Annotated[str | None, typer.Option(help="The dataset's name (default: the file name). For a "
                                             "dataset_info.json, the entry to import (default: every entry, each "
                                             "under its own name); for an Axolotl config, the prefix of the names "
                                             "NAME-1, NAME-2, ... (default: the config's file name).")] = None,
    columns: Annotated[str | None, typer.Option(help="Field=column pairs for tables, e.g. "
                                                "instruction=question,output=answer.")] = None,
) -> None:
    """Import a dataset: validate every item, clean, split, and save it as a new version (or one version per entry
    of a LLaMA-Factory or Axolotl dataset definition)."""
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        job = import_job(path, split=split, dedup=dedup, columns=columns, seed=shuffle["seed"], name=name,
                         options=options, clean=clean)
        handle = start_job(Workspace(), job)
        code = follow_in_terminal(handle)
        if code == 0 and "imported" in handle.final.result:
            code = print_definition_import(Workspace(), handle.final.result, console)
        elif code == 0:
            result = handle.final.result
            if result["recognised"]:
                console.print(f"already imported as {result['dataset']} (the same file with the same options)")
            print_version(Workspace(), result["dataset"], console)
    raise typer.Exit(code)


def _generate_options() -> tuple[Group, ...]:
    from core.data.generate import GenerateJob
    from core.inference import SamplingOptions

    fields = ("teacher", "source", "mode", "variants", "keep_original", "paraphrase_instruction",
              "paraphrase_temperature", "adapter", "adapter_scale", "split", "system", "system_in_data",
              "chat_format", "limit", "min_chars", "max_chars", "check_language", "exclude", "exclude_threshold",
              "n_ctx", "parallel")
    return (Group("settings", GenerateJob, fields, flags={"teacher": ("-t",), "source": ("-s",)},
                  required=("teacher", "source")),
            # unset: the generation's own defaults (a fixed seed) fill what is not given, not the chat's
            Group("sampling", SamplingOptions, ("temperature", "top_p", "max_tokens", "seed"), unset=True))


def generate_job(name: str, settings: dict[str, Any], sampling: dict[str, Any], refusals: str | None) -> Any:
    """The generation's settings from the command line's options (validated here, before the job starts)."""
    import dataclasses
    from pathlib import Path

    from core.data.generate import GenerateJob

    given = {k: v for k, v in sampling.items() if v is not None}
    chosen = dataclasses.replace(GenerateJob.__dataclass_fields__["sampling"].default_factory(), **given)
    extra: dict[str, Any] = {}
    if refusals:
        try:
            lines = Path(refusals).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f"cannot read the refusal phrases in {refusals}: {exc.strerror or exc}",
                              "give a text file with one phrase a line") from None
        extra["refusals"] = tuple(line.strip() for line in lines if line.strip())
    return GenerateJob(name=name, sampling=chosen, **settings, **extra)


@config_options(_generate_options)
def data_generate(
    name: Annotated[str, typer.Argument(help="The new dataset's name (a new version of it if it exists).")],
    settings: dict[str, Any],
    sampling: dict[str, Any],
    refusals: Annotated[str | None, typer.Option(help="A text file of refusal phrases, one a line, instead of the "
                                                 "built-in English and Chinese ones.")] = None,
) -> None:
    """A teacher model answers prompts (or rewrites each and answers the rewrites: --mode paraphrase); the kept
    answers become a new dataset version (a stopped run continues)."""
    from core.export.store import trained_chat_format
    from core.jobs import start_job
    from core.workspace import Workspace

    with friendly_errors():
        if settings.get("adapter") and settings.get("chat_format", "auto") == "auto":
            # An adapter export answers in the format its run trained with (the data room cannot look that up).
            trained = trained_chat_format(Workspace(), settings["adapter"])
            if trained:
                settings["chat_format"] = trained
                console.print(f"the teacher's adapter answers in the format its run trained with: {trained}",
                              highlight=False)
        job = generate_job(name, settings, sampling, refusals)
        handle = start_job(Workspace(), job)
        code = follow_in_terminal(handle)
        if code == 0:
            result = handle.final.result
            asked = f"{result['prompts']} prompts" + (f" ({result['questions']} questions with the rewrites)"
                                                      if "questions" in result else "")
            console.print(f"{asked}: " + ", ".join(f"{k} {n}" for k, n in result["counts"].items() if n or k == "kept")
                          + f" ({result['resumed']} answered before)", highlight=False)
            print_version(Workspace(), result["dataset"], console)
    raise typer.Exit(code)


@app.command("list")
def data_list() -> None:
    """The dataset versions in the workspace."""
    from rich.table import Table

    from core.data.versions import list_datasets
    from core.workspace import Workspace

    with friendly_errors():
        versions = list_datasets(Workspace())
    table = Table("dataset", "format", "records", "train", "validation", "test", "rejected", "created", box=None)
    for v in versions:
        table.add_row(v.label, v.format, str(v.records), *(str(v.splits.get(s, 0)) for s in
                                                            ("train", "validation", "test")),
                      str(v.rejected), v.created_at[:19])
    console.print(table if versions else "no datasets yet: hearth data import FILE")


@app.command("show")
def data_show(ref: Annotated[str, typer.Argument(help="NAME or NAME:vN.")],
              rejects: Annotated[int, typer.Option(help="How many rejects to list.")] = 20) -> None:
    """A version's source, options, counts, and its rejects with their reasons."""
    from core.workspace import Workspace

    with friendly_errors():
        print_version(Workspace(), ref, console, rejects=rejects)


@app.command("stats")
def data_stats(ref: Annotated[str, typer.Argument(help="NAME or NAME:vN.")]) -> None:
    """Token lengths per split, the longest examples, the share that would be cut."""
    from core.data.stats import format_stats
    from core.data.versions import get_dataset
    from core.workspace import Workspace

    with friendly_errors():
        version = get_dataset(Workspace(), ref)
    console.print(format_stats(version.stats()), highlight=False, markup=False)


@app.command("remove")
def data_remove(ref: Annotated[str, typer.Argument(help="NAME:vN, or NAME for its newest version.")]) -> None:
    """Remove a dataset version and its files."""
    from core.data.versions import remove_dataset
    from core.workspace import Workspace

    with friendly_errors():
        version = remove_dataset(Workspace(), ref)
    console.print(f"removed {version.label}")
