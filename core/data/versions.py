"""Dataset versions: an import turns a file into an immutable, registered version in the workspace.

An import reads the file (validating every item), cleans the records, splits
them, describes them, and writes ``datasets/<name>/v<N>/``:

    train.jsonl, validation.jsonl, test.jsonl   the normalised records per split
    rejects.jsonl                               every item not kept, with file, line, field and reason
    stats.json                                  counts, token lengths per split, what was dropped and why
    manifest.json                               the source file and its sha256, the options, the model

The folder is built under a temporary name and renamed into place whole, then
registered in ``hearth.db``. Importing the same file with the same options
again returns the existing version.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from core import __version__
from core.config import check, from_dict, option, to_dict
from core.data.clean import CleanOptions
from core.data.formats import RecordStream, load_records
from core.data.importing import SPLIT_FILES, Built, build_version
from core.data.mapping import ItemMapping
from core.data.records import FORMATS, Record, Reject
from core.data.split import MINHASH_SEED, SplitOptions
from core.data.tokenize import TokenCounter, token_counter
from core.errors import ConfigError, DataError, HearthError
from core.jobs.events import Event, Progress
from core.jobs.runner import Control
from core.jobs.steps import checked, drain
from core.workspace import (
    TEMP_MARK,
    Workspace,
    atomic_write_json,
    not_a_regular_file,
    remove_dead_temp_folders,
    require_free_space,
    utc_now,
)

__all__ = ["DatasetVersion", "ImportJob", "ImportOptions", "check_source", "get_dataset", "import_dataset",
           "import_steps", "list_datasets", "read_split", "recover_datasets", "remove_dataset", "run_import"]

log = logging.getLogger(__name__)
_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class ImportOptions:
    """How a dataset file becomes a version (the name aside, these decide whether an import is new)."""

    format: str = option("auto", help="the dataset format; auto detects it", choices=("auto", *FORMATS))
    columns: dict[str, str] | None = option(None, help="format field -> file column, for CSV/TSV/Parquet "
                                            "or JSON with other key names")
    strict: bool = option(False, help="fail on the first item that cannot be used instead of skipping it")
    model: str | None = option(None, help="the model whose tokenizer measures lengths; the default model if none")
    seq_len: int = option(2048, help="the training sequence length, for the share of records it would cut",
                          min=16)
    text_chunk_tokens: int = option(1024, help="the longest chunk of plain text, in tokens", min=16)
    max_line_bytes: int = option(10_000_000, help="a longer line (or CSV row) is rejected as too long", min=1,
                                 max=2**31 - 1)
    clean: CleanOptions = option(default_factory=CleanOptions, help="cleaning steps")
    split: SplitOptions = option(default_factory=SplitOptions, help="train / validation / test split")
    mapping: ItemMapping | None = option(None, help="where each part of an item is, for a file laid out by another "
                                         "tool (from its dataset definition); instead of format and columns")

    def __post_init__(self) -> None:
        check(self)
        if self.mapping is not None and (self.columns or self.format != "auto"):
            raise ConfigError("ImportOptions: a mapping gives the format and the columns itself",
                              "give either the mapping (a dataset definition), or --format and --columns")


@dataclass(frozen=True)
class DatasetVersion:
    """One registered, immutable dataset version."""

    id: str
    name: str
    version: int
    folder: Path
    source_path: str
    source_sha256: str
    format: str
    records: int
    rejected: int
    splits: dict[str, int]
    created_at: str
    recognised: bool = False  # True when an import found this version already there

    @property
    def label(self) -> str:
        return f"{self.name}:v{self.version}"

    def stats(self) -> dict[str, Any]:
        return json.loads((self.folder / "stats.json").read_text(encoding="utf-8"))

    def manifest(self) -> dict[str, Any]:
        return json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))


def _version(ws: Workspace, row, recognised: bool = False) -> DatasetVersion:
    data = dict(row)
    data["folder"] = ws.located(data["folder"])
    data["splits"] = json.loads(data["splits"])
    data.pop("options_sha256")
    return DatasetVersion(**data, recognised=recognised)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _options_sha256(options: ImportOptions) -> str:
    return _sha256_of(to_dict(options))


def _sha256_of(options: dict[str, Any]) -> str:
    if options.get("mapping") is None:  # the options of an import without a mapping hash as before mappings existed
        options = {key: value for key, value in options.items() if key != "mapping"}
    for part in ("clean", "split"):  # and so do those that compare whole records, as all did before near_on
        if isinstance(options.get(part), dict) and options[part].get("near_on") == "whole":
            options = {**options, part: {k: v for k, v in options[part].items() if k != "near_on"}}
    return hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()


# -- importing ---------------------------------------------------------------------------------------------------


def import_dataset(ws: Workspace, path: Path | str, options: ImportOptions | None = None, *, name: str | None = None,
                   progress: Callable[[Progress], None] | None = None) -> DatasetVersion:
    """Import a dataset file as a new version (or recognise it as an existing one).

    Args:
        path: the dataset file.
        options: how to read, clean and split it.
        name: the dataset's name; the file name without its suffix by default.
        progress: called with Progress events as the file is read.

    Raises:
        DataError: the file cannot be read as a dataset, or (strict) an item fails,
            or nothing is left to train on.
        ConfigError: an option is out of range.
    """
    return drain(import_steps(ws, path, options or ImportOptions(), name=name), progress)


def check_source(path: Path | str) -> Path:
    """``path``, when it is a file to import; checked before any work (a front end asks before starting a job).

    Raises:
        DataError: it is missing, a folder, a named pipe, a device or a file of /proc, or a link that loops.
    """
    path = Path(path)
    reason = not_a_regular_file(path)
    if reason is not None:
        raise DataError(f"the dataset file {path} {reason}", "check the path; give the dataset file itself",
                        file=str(path))
    return path


def import_steps(ws: Workspace, path: Path | str, options: ImportOptions, *, name: str | None = None,
                 rejects: Sequence[Reject] = (), provenance: dict[str, Any] | None = None,
                 definition: dict[str, Any] | None = None) -> Generator[Progress, None, DatasetVersion]:
    """The import, step by step: yields Progress while reading, returns the version.

    ``rejects``: items left out before the file was written (a generator's filters), listed and counted with the
    import's own; ``provenance``: how the file was made, kept in the manifest as ``generated``; ``definition``:
    the other tool's dataset definition the file was named in (:mod:`.definitions`), kept as ``definition``.
    """
    path = check_source(path)
    source_sha, options_sha = _sha256(path), _options_sha256(options)
    existing = _find(ws, source_sha, options_sha)
    if existing is not None:
        return existing

    # The version's files hold each record once, rendered as JSON (rarely more than twice the source), and the
    # import spills the records (once more) and their MinHash signatures (512 bytes a record at 128 permutations,
    # about a two-turn record's size) beside them while it runs.
    require_free_space(ws.folder("datasets"), 4 * path.stat().st_size, f"importing {path.name}")
    model, count = token_counter(ws, options.model)
    name = _NAME.sub("-", name or path.stem).strip("-.") or "dataset"
    partial = _partial_folder(ws, name)
    try:
        with _open_records(path, options, count) as stream:
            built = yield from build_version(partial, stream, options.clean, options.split, _split_options(options),
                                             count, seq_len=options.seq_len, strict=options.strict, rejects=rejects,
                                             source=path)
        stats = {**built.stats, "model": model, "load": built.summary, "rejected_by_code": built.rejected_by_code,
                 "leaks": built.leaks}
        manifest = {"source_path": str(path.resolve()), "source_sha256": source_sha, "options": to_dict(options),
                    "model": model, "format": built.summary["format"], "hearth": __version__,
                    "created_at": utc_now()}
        if provenance is not None:
            manifest["generated"] = provenance
        if definition is not None:
            manifest["definition"] = definition
        return _publish(ws, name, partial, built, stats, manifest, options_sha)
    except OSError as exc:
        raise DataError(f"could not write the dataset version to {partial.parent}: {exc.strerror or exc}",
                        "check the free disk space and the permissions of the workspace") from exc
    finally:
        _discard(partial)


def _split_options(options: ImportOptions) -> SplitOptions:
    """The split's options, without a second grouping pass when cleaning already removed every near pair."""
    clean, split = options.clean, options.split
    same_sketch = ((clean.near_on, clean.shingles, clean.word_ngram, clean.char_ngram, clean.num_perm, clean.seed)
                   == (split.near_on, split.shingles, split.word_ngram, split.char_ngram, split.num_perm,
                       MINHASH_SEED))
    if clean.dedup_near and same_sketch and clean.near_threshold <= split.near_threshold:
        # Exact copies were removed too; the leakage check after the split still verifies this.
        return dataclasses.replace(split, group_near_duplicates=False)
    return split


def _open_records(path: Path, options: ImportOptions, count: TokenCounter) -> RecordStream:
    return load_records(path, format=options.format, columns=options.columns, strict=options.strict,
                        count_tokens=count, text_chunk_tokens=options.text_chunk_tokens,
                        max_line_bytes=options.max_line_bytes, mapping=options.mapping)


def _find(ws: Workspace, source_sha: str, options_sha: str) -> DatasetVersion | None:
    with ws.db() as conn:
        row = conn.execute("SELECT * FROM datasets WHERE source_sha256 = ? AND options_sha256 = ?",
                           (source_sha, options_sha)).fetchone()
    if row is None or not ws.located(row["folder"]).is_dir():
        if row is not None:  # registered but its folder is gone: forget it, import again
            with ws.db() as conn:
                conn.execute("DELETE FROM datasets WHERE id = ?", (row["id"],))
        return None
    return _version(ws, row, recognised=True)


def _partial_folder(ws: Workspace, name: str) -> Path:
    """The folder a new version of ``name`` is built in (its spills too), renamed into place whole when complete;
    those of imports killed before (their process ended) go first."""
    folder = ws.folder("datasets") / name
    if folder.is_dir():
        remove_dead_temp_folders(folder)
    partial = folder / f".import{TEMP_MARK}{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    return partial


def _discard(partial: Path) -> None:
    """Remove what is left of a partial version (nothing, once it is renamed into place)."""
    shutil.rmtree(partial, ignore_errors=True)
    with contextlib.suppress(OSError):  # the dataset's own folder, when this was to be its first version
        partial.parent.rmdir()


def _publish(ws: Workspace, name: str, partial: Path, built: Built, stats: dict, manifest: dict,
             options_sha: str) -> DatasetVersion:
    """Write the statistics and manifest, rename the partial folder to the next version and register it."""
    with ws.db() as conn:
        version = conn.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM datasets WHERE name = ?",
                               (name,)).fetchone()[0]
    # Folders left without a record (a database moved aside, a kill before registering) keep their numbers.
    on_disk = [int(p.name[1:]) for p in (ws.folder("datasets") / name).glob("v*") if p.name[1:].isdigit()]
    version = max([version, *(n + 1 for n in on_disk)])
    final = ws.folder("datasets") / name / f"v{version}"
    try:
        atomic_write_json(partial / "stats.json", stats)
        atomic_write_json(partial / "manifest.json", manifest)
        os.replace(partial, final)  # the version appears whole or not at all
    except OSError as exc:
        raise DataError(f"could not write the dataset version to {final}: {exc.strerror or exc}",
                        "check the free disk space and the permissions of the workspace") from exc
    counts = {split: built.splits.get(split, 0) for split in SPLIT_FILES}
    dataset_id = f"{name}-v{version}-{manifest['source_sha256'][:8]}"
    try:
        with ws.db() as conn:
            conn.execute("INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (dataset_id, name, version, ws.stored(final), manifest["source_path"],
                          manifest["source_sha256"], options_sha, manifest["format"], sum(counts.values()),
                          built.rejected, json.dumps(counts), manifest["created_at"]))
    except HearthError:
        # Another import of the same file and options registered first: keep that one, drop ours.
        shutil.rmtree(final, ignore_errors=True)
        existing = _find(ws, manifest["source_sha256"], options_sha)
        if existing is None:
            raise
        return existing
    log.info("dataset %s:v%d written to %s", name, version, final)
    return get_dataset(ws, f"{name}:v{version}")


# -- the catalog -------------------------------------------------------------------------------------------------


def recover_datasets(ws: Workspace) -> tuple[list[str], list[str]]:
    """Register again every dataset version whose folder is in the workspace but not in its database (after the
    database was lost). A version's folder holds all it needs: its manifest and splits. Returns (the labels
    recovered, problems: the folders that could not be, with the reason)."""
    with ws.db() as conn:
        known = {ws.located(row["folder"]) for row in conn.execute("SELECT folder FROM datasets")}
    recovered, problems = [], []
    for manifest_path in sorted(ws.folder("datasets").glob("*/v*/manifest.json")):
        folder = manifest_path.parent
        version, name = folder.name[1:], folder.parent.name
        if folder in known or not version.isdigit():  # (a version being written has another name)
            continue
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            counts = {split: _count_lines(folder / file) for split, file in SPLIT_FILES.items()}
            row = (f"{name}-v{version}-{manifest['source_sha256'][:8]}", name, int(version), ws.stored(folder),
                   manifest["source_path"], manifest["source_sha256"], _sha256_of(manifest["options"]),
                   manifest["format"], sum(counts.values()), _count_lines(folder / "rejects.jsonl"),
                   json.dumps(counts), manifest["created_at"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problems.append(f"{ws.stored(folder)}: its manifest.json cannot be read ({type(exc).__name__}: {exc})")
            continue
        with ws.db() as conn:
            conn.execute("INSERT OR IGNORE INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        recovered.append(f"{name}:v{version}")
    return recovered, problems


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def list_datasets(ws: Workspace) -> list[DatasetVersion]:
    """Every dataset version, newest first."""
    with ws.db() as conn:
        rows = conn.execute("SELECT * FROM datasets ORDER BY created_at DESC, name, version DESC").fetchall()
    return [_version(ws, r) for r in rows]


def get_dataset(ws: Workspace, ref: str) -> DatasetVersion:
    """``NAME`` (its newest version), ``NAME:vN`` or an id.

    Raises:
        DataError: no such dataset or version, or its folder was deleted (or moved) by hand.
    """
    name, _, version = ref.partition(":")
    number = int(version[1:]) if version[:1] == "v" and version[1:].isdigit() else None
    with ws.db() as conn:
        if version:
            row = conn.execute("SELECT * FROM datasets WHERE name = ? AND version = ?", (name, number)).fetchone()
        else:
            row = conn.execute("SELECT * FROM datasets WHERE name = ? OR id = ? ORDER BY version DESC LIMIT 1",
                               (name, name)).fetchone()
    if row is None:
        known = sorted({d.name for d in list_datasets(ws)})
        raise DataError(f"no dataset {ref!r}", f"known datasets: {', '.join(known)}" if known
                        else "import one with: hearth data import FILE")
    version_ = _version(ws, row)
    if not (version_.folder / "manifest.json").is_file():
        raise DataError(f"dataset {version_.label} is listed, but its files are gone from {version_.folder}",
                        f"import it again (hearth data import {version_.source_path}), or run "
                        "`hearth doctor --repair` to forget what is no longer on disk")
    return version_


def read_split(version: DatasetVersion, split: str = "train") -> Iterator[Record]:
    """The records of one split of a version, streamed."""
    if split not in SPLIT_FILES:
        raise HearthError(f"no split {split!r}", f"one of: {', '.join(SPLIT_FILES)}")
    with (version.folder / SPLIT_FILES[split]).open(encoding="utf-8") as handle:
        for line in handle:
            yield Record.from_dict(json.loads(line))


def remove_dataset(ws: Workspace, ref: str) -> DatasetVersion:
    """Remove one version (``NAME:vN``) or, given a bare name, its newest version; its folder goes too."""
    version = get_dataset(ws, ref)
    with ws.db() as conn:
        conn.execute("DELETE FROM datasets WHERE id = ?", (version.id,))
    shutil.rmtree(version.folder, ignore_errors=True)
    return version


# -- as a job ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportJob:
    KIND: ClassVar[str] = "data-import"
    TARGET: ClassVar[str] = "core.data.versions:run_import"

    path: str = option(help="the dataset file")
    name: str | None = option(None, help="the dataset's name")
    options: ImportOptions = option(default_factory=ImportOptions, help="how to import")

    def __post_init__(self) -> None:
        check(self)


def run_import(config: ImportJob | dict, control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The import as a job (``hearth data import``): progress events, then the version's summary."""
    job = config if isinstance(config, ImportJob) else from_dict(ImportJob, config)
    ws = control.ws
    version = yield from checked(import_steps(ws, job.path, job.options, name=job.name), control)
    return {"dataset": version.label, "recognised": version.recognised, "records": version.records,
            "rejected": version.rejected, "splits": version.splits, "folder": str(version.folder)}
