"""Dataset definitions from other tools: each entry of a LLaMA-Factory ``dataset_info.json`` or of an Axolotl
config's ``datasets:`` list becomes a dataset version.

A definition names a data file and says how to read it: which column holds the prompt, under which key a message
keeps its role, what the roles are called. Each entry Hearth can read is translated into an
:class:`~core.data.mapping.ItemMapping` and its file imported through the ordinary import
(:func:`~core.data.versions.import_steps`: the same checks, cleaning and split); the version's manifest keeps the
mapping (``options.mapping``) and where it came from (``definition``: the file and its sha256, the entry as given,
and what was not applied). What cannot be mapped is listed with the reason, never dropped quietly:

- data that is not on this machine (``hf_hub_url``, ``ms_hub_url``, ``om_hub_url``, ``cloud_file_name``, an Axolotl
  ``path`` like ``org/name`` that is no local file, a URL) and loading scripts (``script_url``): Hearth works
  offline and runs no dataset code;
- preference and RL data (LLaMA-Factory ``ranking`` and ``kto_tag``, an Axolotl config with ``rl:``), images,
  video and audio: a Hearth record is one text conversation;
- Axolotl types other than alpaca, sharegpt, chat_template and completion, and custom prompt formats.

LLaMA-Factory's rules are followed as its parser reads them: ``columns`` and ``tags``, when given, replace the
defaults as a whole (a column or tag they leave out is not used); the user's turn of an alpaca item is the prompt
and the query joined by a newline; earlier turns come from ``history`` as ``[user, assistant]`` pairs; a system
message is the first message or the ``system`` column. Axolotl paths are looked up beside the config first, then
in the current folder. An Axolotl entry's version is named ``NAME-N`` (N its place in ``datasets:``, from 1; NAME
the config's file name unless one is given).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from core.config import check, from_dict, option
from core.data.formats import load_records
from core.data.mapping import ItemMapping
from core.data.readers import FILE_KINDS
from core.data.versions import ImportOptions, import_steps
from core.errors import DataError
from core.jobs.events import Event, Log
from core.jobs.runner import Control
from core.jobs.steps import checked, drain
from core.workspace import Workspace, not_a_regular_file

__all__ = ["DefinitionImportJob", "DefinitionPlan", "PlannedEntry", "SkippedEntry", "definition_kind",
           "import_definition", "import_definition_steps", "plan_definition", "run_definition_import"]

LLAMA_FACTORY, AXOLOTL = "LLaMA-Factory", "Axolotl"
# The largest definition file read; LLaMA-Factory's own dataset_info.json is some 20 kB.
_MAX_BYTES = 5_000_000
_OFFLINE = "Hearth works offline: download the data, and name the local file in the definition"

# LLaMA-Factory: where an entry's data comes from, in the order its parser tries them (file_name last).
_LF_REMOTE = {
    "hf_hub_url": "a Hugging Face Hub dataset",
    "ms_hub_url": "a ModelScope dataset",
    "om_hub_url": "a Modelers (OpenMind) dataset",
    "script_url": "a dataset loading script (Hearth runs no dataset code)",
    "cloud_file_name": "a file in cloud storage",
}
_LF_KEYS = {"file_name", "formatting", "ranking", "subset", "split", "folder", "num_samples", "columns", "tags",
            "file_sha1", "revision", *_LF_REMOTE}
_LF_COLUMNS = {"alpaca": ("prompt", "query", "response", "history", "system", "tools"),
               "sharegpt": ("messages", "system", "tools")}
_LF_TAGS = {"role_tag": "from", "content_tag": "value", "user_tag": "human", "assistant_tag": "gpt",
            "observation_tag": "observation", "function_tag": "function_call", "system_tag": "system"}

# Axolotl: the keys each type is read with; other keys are listed as not applied.
_AX_KEYS = {"path", "type", "ds_type", "data_files", "split", "name"}
_AX_TYPE_KEYS = {
    "alpaca": set(),
    "sharegpt": {"field_human", "field_model", "conversation"},
    "chat_template": {"field_messages", "message_property_mappings", "message_field_role", "message_field_content",
                      "roles", "field_system", "drop_system_message", "roles_to_train", "train_on_eos",
                      "chat_template", "chat_template_jinja"},
    "completion": {"field"},
}
_AX_DS_TYPES = {"json": (".json", ".jsonl", ".ndjson"), "csv": (".csv",), "parquet": (".parquet",)}
_AX_DEFAULT_ROLES = {"human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant",
                     "system": "system"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_NOT_PROMPT_TEXT = "Hearth renders each record with the model's chat template"


@dataclass(frozen=True)
class PlannedEntry:
    """An entry that will be imported: its data file, read through its mapping.

    Attributes:
        entry: the entry as the definition names it (a LLaMA-Factory name, ``datasets #2`` for Axolotl).
        name: the dataset version's name.
        path: the local data file.
        mapping: where each part of an item is.
        given: the entry as the definition gives it.
        notes: what the entry asks that the import does not apply.
    """

    entry: str
    name: str
    path: Path
    mapping: ItemMapping
    given: dict[str, Any]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkippedEntry:
    """An entry that cannot be imported, and why."""

    entry: str
    reason: str


@dataclass(frozen=True)
class DefinitionPlan:
    """What a definition file holds: the entries to import and those skipped, with the reason."""

    tool: str
    path: Path
    sha256: str
    entries: tuple[PlannedEntry, ...]
    skipped: tuple[SkippedEntry, ...]

    def provenance(self, entry: PlannedEntry) -> dict[str, Any]:
        """Where a version came from, for its manifest."""
        return {"tool": self.tool, "path": str(self.path.resolve()), "sha256": self.sha256, "entry": entry.entry,
                "given": json.loads(json.dumps(entry.given, default=str)), "notes": list(entry.notes)}


class _Skip(Exception):
    """An entry that cannot be mapped; becomes a SkippedEntry."""


# -- which tool ------------------------------------------------------------------------------------------------


def definition_kind(path: Path | str) -> str | None:
    """The tool whose dataset definition ``path`` is (LLaMA-Factory or Axolotl), or None for a data file.

    A ``.yml`` or ``.yaml`` file is taken for an Axolotl config (Hearth reads no data in YAML); a ``.json`` file is a
    LLaMA-Factory definition when its top level is an object of objects, one at least with ``file_name`` or a hub
    address.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        return AXOLOTL
    if suffix != ".json" or not_a_regular_file(path) is not None or path.stat().st_size > _MAX_BYTES:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None  # the import of a data file says what is wrong with it
    if (isinstance(data, dict) and data and all(isinstance(v, dict) for v in data.values())
            and any(key in v for v in data.values() for key in ("file_name", *_LF_REMOTE))):
        return LLAMA_FACTORY
    return None


# -- the plan --------------------------------------------------------------------------------------------------


def plan_definition(path: Path | str, name: str | None = None) -> DefinitionPlan:
    """Read a definition file: the entries to import (each file found, each mapped column checked) and those skipped.

    Args:
        path: a LLaMA-Factory ``dataset_info.json`` or an Axolotl config.
        name: LLaMA-Factory: the one entry to import (every entry when None); Axolotl: the prefix of the versions'
            names (the config's file name when None).

    Raises:
        DataError: the file is no definition or is malformed; the named entry is missing or cannot be imported; a
            local data file is missing; a file lacks a column the entry names; nothing at all can be imported.
    """
    path = Path(path)
    tool = definition_kind(path)
    if tool is None:
        raise DataError("this is not a LLaMA-Factory dataset_info.json or an Axolotl config",
                        "give the definition file itself, or import the data file with hearth data import FILE",
                        file=str(path))
    data, sha = _read(path, tool)
    read = _llama_factory if tool == LLAMA_FACTORY else _axolotl
    results = read(path, data, name)
    entries = tuple(r for r in results if isinstance(r, PlannedEntry))
    skipped = tuple(r for r in results if isinstance(r, SkippedEntry))
    if not entries:
        reasons = "; ".join(f"{s.entry}: {s.reason}" for s in skipped)
        raise DataError(f"no entry of {path.name} can be imported: {reasons}",
                        "download remote data and name the local files in the definition, or convert the data to "
                        "a format Hearth maps", file=str(path))
    for entry in entries:
        _check_columns(path, entry)
    return DefinitionPlan(tool, path, sha, entries, skipped)


def _read(path: Path, tool: str) -> tuple[Any, str]:
    reason = not_a_regular_file(path)
    if reason is not None:
        raise DataError(f"the definition {reason}", "check the path", file=str(path))
    raw = path.read_bytes()
    if len(raw) > _MAX_BYTES:
        raise DataError(f"the file is {len(raw):,} bytes, too large for a dataset definition",
                        "give the dataset_info.json or the Axolotl config itself", file=str(path))
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError("the definition is not UTF-8 text", "save it as UTF-8", file=str(path)) from exc
    if tool == LLAMA_FACTORY:
        return json.loads(text), sha
    import yaml

    try:
        return yaml.safe_load(text), sha
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", "fix the config at that place",
                        file=str(path), line=mark.line + 1 if mark is not None else None) from exc


def _check_columns(definition: Path, entry: PlannedEntry) -> None:
    """Open the entry's file through its mapping (which checks the columns it names) before anything is imported."""
    try:
        with load_records(entry.path, mapping=entry.mapping):
            pass
        entry.mapping.check_named(entry.path)
    except DataError as exc:
        raise DataError(f"{definition.name}, entry {entry.entry}: {exc.message}",
                        exc.hint or "correct the entry, or import the other entries on their own") from exc


def _malformed(definition: Path, entry: str, what: str) -> DataError:
    return DataError(f"entry {entry} {what}", "correct the entry; each tool's documentation lists its keys",
                     file=str(definition))


def _strings(definition: Path, entry: str, given: dict[str, Any], key: str) -> dict[str, str | None] | None:
    """An entry's mapping of names (columns, tags, message_property_mappings), checked to map text to text."""
    value = given.get(key)
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, (str, type(None))) for v in value.values()):
        raise _malformed(definition, entry, f"has {key} {value!r}; it must map names to column or key names")
    return {str(k): v for k, v in value.items()}


def _local_file(definition: Path, entry: str, given: str, base: Path, *,
                data_files: list[str] | None = None) -> Path:
    """The data file an entry names (a folder holding one data file is that file).

    Raises:
        _Skip: a folder of several files, or a file Hearth does not read.
        DataError: nothing is there.
    """
    path = Path(given).expanduser()
    path = path if path.is_absolute() else base / path
    if path.is_dir():
        files = ([path / f for f in data_files] if data_files else
                 sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in FILE_KINDS))
        if len(files) != 1:
            raise _Skip(f"{path} is a folder of {len(files)} data files; Hearth imports one file as one version: "
                        "give each file an entry of its own")
        path = files[0]
    reason = not_a_regular_file(path)
    if reason is not None:
        raise DataError(f"entry {entry} names {given!r}, and {path} {reason}",
                        f"put the data there, correct the path (relative to {base}), or import the other entries "
                        "on their own", file=str(definition))
    suffix = path.suffix.lower()
    if suffix == ".txt" or suffix not in FILE_KINDS:
        raise _Skip(f"{path.name}: a definition maps the columns of JSON, JSON Lines, CSV or Parquet data, not "
                    f"{suffix or 'extension-less'} files (import plain text on its own: hearth data import FILE)")
    return path


# -- LLaMA-Factory ---------------------------------------------------------------------------------------------


def _llama_factory(path: Path, data: Any, name: str | None) -> list[PlannedEntry | SkippedEntry]:
    if name is not None and name not in data:
        raise DataError(f"{path.name} has no entry {name!r}; its entries are: {', '.join(data)}",
                        "give one of them with --name, or leave --name out to import every entry", file=str(path))
    results = []
    for entry in [name] if name is not None else list(data):
        given = data[entry]
        try:
            results.append(_lf_entry(path, entry, given))
        except _Skip as skip:
            if name is not None:
                raise DataError(f"entry {entry!r} cannot be imported: {skip}", "import another entry with --name, "
                                "or leave --name out to import every entry that can be", file=str(path)) from None
            results.append(SkippedEntry(entry, str(skip)))
    return results


def _lf_entry(path: Path, entry: str, given: Any) -> PlannedEntry:
    if not isinstance(given, dict):
        raise _malformed(path, repr(entry), "is not an object of settings")
    remote = next((key for key in _LF_REMOTE if key in given), None)
    if remote is not None:
        raise _Skip(f"{_LF_REMOTE[remote]} ({remote}: {given[remote]!r}); {_OFFLINE}")
    if not isinstance(given.get("file_name"), str):
        raise _malformed(path, repr(entry), f"has no file_name (nor {', '.join(_LF_REMOTE)})")
    formatting = given.get("formatting", "alpaca")
    if formatting not in _LF_COLUMNS:
        raise _Skip(f"formatting {formatting!r}: LLaMA-Factory documents alpaca and sharegpt, the two Hearth maps")
    columns = _strings(path, repr(entry), given, "columns")
    tags = _strings(path, repr(entry), given, "tags")
    _lf_refuse(given, columns)
    mapping = _lf_alpaca(columns) if formatting == "alpaca" else _lf_sharegpt(columns, tags)
    file = _local_file(path, repr(entry), given["file_name"], path.parent)
    return PlannedEntry(entry, entry, file, mapping, given, _lf_notes(given, formatting, columns, tags))


def _lf_refuse(given: dict[str, Any], columns: dict[str, str | None] | None) -> None:
    columns = columns or {}
    if given.get("ranking") or columns.get("chosen") or columns.get("rejected"):
        raise _Skip("preference data (ranking: a chosen and a rejected reply); Hearth trains on one reply per "
                    "prompt (supervised fine-tuning)")
    if columns.get("kto_tag"):
        raise _Skip("KTO data (kto_tag: a good or bad label per reply); Hearth trains on one reply per prompt")
    media = [f"{kind} column {columns[kind]!r}" for kind in ("images", "videos", "audios") if columns.get(kind)]
    if media:
        raise _Skip(f"multimodal data ({', '.join(media)}); Hearth trains on text only")


def _lf_alpaca(columns: dict[str, str | None] | None) -> ItemMapping:
    if columns is None:  # LLaMA-Factory's defaults; the input column may be absent
        return ItemMapping(format="alpaca", prompt="instruction", query="input", response="output",
                           named=("instruction",))
    prompt, query, response, history, system = (columns.get(k) for k in ("prompt", "query", "response", "history",
                                                                         "system"))
    if response is None:
        raise _Skip("columns name no response column: without replies there is nothing to train on")
    if prompt is None and query is None:
        raise _Skip("columns name neither a prompt nor a query column: there is no user turn")
    named = tuple(c for c in (prompt, query, history, system) if c is not None)
    return ItemMapping(format="alpaca", prompt=prompt, query=query, response=response, history=history,
                       system=system, join="\n", named=named)


def _lf_sharegpt(columns: dict[str, str | None] | None, tags: dict[str, str | None] | None) -> ItemMapping:
    messages = columns.get("messages") if columns is not None else "conversations"
    system = columns.get("system") if columns is not None else None
    if messages is None:
        raise _Skip("columns name no messages column")
    tag = dict(_LF_TAGS) if tags is None else {key: tags.get(key) for key in _LF_TAGS}
    if tag["role_tag"] is None or tag["content_tag"] is None:
        raise _Skip("tags name no role_tag or no content_tag: the messages cannot be read")
    roles = {tag[f"{role}_tag"]: role for role in ("user", "assistant", "system") if tag[f"{role}_tag"]}
    unsupported = {tag[key]: what for key, what in (("observation_tag", "a tool result (observation)"),
                                                    ("function_tag", "a tool call (function_call)")) if tag[key]}
    return ItemMapping(format="sharegpt", messages=messages, role_key=tag["role_tag"],
                       content_key=tag["content_tag"], roles=roles, unsupported=unsupported, system=system,
                       named=(system,) if system is not None else ())


def _lf_notes(given: dict[str, Any], formatting: str, columns: dict[str, Any] | None,
              tags: dict[str, Any] | None) -> tuple[str, ...]:
    notes = []
    if columns and columns.get("tools"):
        notes.append(f"the tools column {columns['tools']!r} is kept in each record's meta, not trained on")
    if given.get("num_samples") is not None:
        notes.append(f"num_samples {given['num_samples']} is not applied: every item is imported")
    if given.get("split", "train") != "train":
        notes.append(f"split {given['split']!r} is not applied: a local file is one split, and Hearth makes its "
                     "own train / validation / test split")
    for key in ("subset", "folder", "revision", "file_sha1"):
        if given.get(key) is not None:
            notes.append(f"{key} {given[key]!r} is not applied to a local file")
    if tags is not None and formatting == "alpaca":
        notes.append("tags apply to sharegpt data; not used for alpaca")
    ignored = sorted(set(given) - _LF_KEYS)
    ignored += sorted(f"columns.{k}" for k in set(columns or {}) - set(_LF_COLUMNS[formatting]))
    ignored += sorted(f"tags.{k}" for k in set(tags or {}) - set(_LF_TAGS)) if formatting == "sharegpt" else []
    if ignored:
        notes.append(f"not applied (LLaMA-Factory does not read them for {formatting} data): {', '.join(ignored)}")
    return tuple(notes)


# -- Axolotl ---------------------------------------------------------------------------------------------------


def _axolotl(path: Path, data: Any, prefix: str | None) -> list[PlannedEntry | SkippedEntry]:
    datasets = data.get("datasets") if isinstance(data, dict) else None
    if not isinstance(datasets, list) or not datasets:
        raise DataError("this is not an Axolotl config: it has no datasets: list",
                        "an Axolotl config lists its data under datasets:, each entry with a path and a type; a "
                        "dataset file is read as .jsonl, .json, .csv, .tsv, .txt or .parquet", file=str(path))
    prefix = prefix or path.stem
    results: list[PlannedEntry | SkippedEntry] = []
    for n, given in enumerate(datasets, 1):
        entry = f"datasets #{n}"
        try:
            if data.get("rl"):
                raise _Skip(f"preference or RL data (rl: {data['rl']}); Hearth trains on one reply per prompt")
            results.append(_ax_entry(path, entry, f"{prefix}-{n}", given))
        except _Skip as skip:
            results.append(SkippedEntry(entry, str(skip)))
    for key, what in (("test_datasets", "an evaluation set"), ("pretraining_dataset", "pre-training data")):
        others = data.get(key) or []
        for n, _ in enumerate(others if isinstance(others, list) else [others], 1):
            results.append(SkippedEntry(f"{key} #{n}", f"{what} ({key}); Hearth imports the datasets: entries "
                                        "(import this file on its own: hearth data import FILE)"))
    return results


def _ax_entry(path: Path, entry: str, name: str, given: Any) -> PlannedEntry:
    if not isinstance(given, dict) or not isinstance(given.get("path"), str):
        raise _malformed(path, entry, "has no path")
    kind = given.get("type")
    if isinstance(kind, dict):
        raise _Skip("a custom prompt format (type given as fields and format strings); Hearth renders through the "
                    "model's chat template: give the entry type alpaca, sharegpt or chat_template")
    if not isinstance(kind, str):
        raise _Skip("no type: Axolotl needs one to read the entry")
    build = _AX_TYPES.get(kind)
    if build is None:
        raise _Skip(f"type {kind!r} is a prompt format Hearth does not map (it maps alpaca, sharegpt, "
                    "chat_template and completion); convert the data to one of these")
    mapping, notes = build(path, entry, given)
    file = _ax_file(path, entry, given)
    notes += _ax_notes(given, kind)
    return PlannedEntry(entry, name, file, mapping, given, tuple(notes))


def _ax_file(definition: Path, entry: str, given: dict[str, Any]) -> Path:
    raw: str = given["path"]
    if _URL.match(raw):
        raise _Skip(f"remote data ({raw}); {_OFFLINE}")
    candidates = [Path(raw).expanduser()] if Path(raw).expanduser().is_absolute() else [
        definition.parent / raw, Path.cwd() / raw]
    local = next((c for c in candidates if c.exists()), None)
    if local is None and _HUB_ID.match(raw) and Path(raw).suffix.lower() not in (*FILE_KINDS, ".arrow"):
        raise _Skip(f"a Hugging Face Hub dataset ({raw}); {_OFFLINE}")
    data_files = given.get("data_files")
    data_files = [data_files] if isinstance(data_files, str) else data_files
    base = local.parent if local is not None else definition.parent
    file = _local_file(definition, entry, str(local or raw), base, data_files=data_files)
    ds_type = given.get("ds_type")
    if ds_type is not None and file.suffix.lower() not in _AX_DS_TYPES.get(ds_type, ()):
        raise _Skip(f"ds_type {ds_type!r} with the file {file.name}: Hearth reads a file by its extension (.jsonl, "
                    ".json, .csv, .parquet); rename it to match its content")
    return file


def _ax_alpaca(definition: Path, entry: str, given: dict[str, Any]) -> tuple[ItemMapping, list[str]]:
    mapping = ItemMapping(format="alpaca", prompt="instruction", query="input", response="output", join="\n\n",
                          named=("instruction",))
    return mapping, ["the user's turn is the instruction and the input joined by a blank line; Axolotl's alpaca "
                     f"prompt (### Instruction: ...) is not added: {_NOT_PROMPT_TEXT}"]


def _ax_sharegpt(definition: Path, entry: str, given: dict[str, Any]) -> tuple[ItemMapping, list[str]]:
    roles = dict(_AX_DEFAULT_ROLES)
    for key, role in (("field_human", "user"), ("field_model", "assistant")):
        if isinstance(given.get(key), str):
            roles[given[key]] = role
    mapping = ItemMapping(format="sharegpt", messages="conversations", role_key="from", content_key="value",
                          roles=roles, unsupported={"tool": "a tool turn"})
    return mapping, []


def _ax_chat_template(definition: Path, entry: str, given: dict[str, Any]) -> tuple[ItemMapping, list[str]]:
    properties = _strings(definition, entry, given, "message_property_mappings") or {}
    role_key = properties.get("role") or given.get("message_field_role") or "role"
    content_key = properties.get("content") or given.get("message_field_content") or "content"
    messages = given.get("field_messages") or "messages"
    if not all(isinstance(v, str) for v in (role_key, content_key, messages)):
        raise _malformed(definition, entry, "names its messages, roles or contents by something other than text")
    roles, unsupported = _ax_roles(definition, entry, given.get("roles"))
    system = given.get("field_system") or "system"
    if not isinstance(system, str):
        raise _malformed(definition, entry, f"has field_system {system!r}; it must name the system column")
    mapping = ItemMapping(format="openai", messages=messages, role_key=role_key, content_key=content_key,
                          roles=roles, unsupported=unsupported, system=system,
                          drop_system=bool(given.get("drop_system_message")),
                          named=(system,) if "field_system" in given else ())
    notes = [f"message property {k!r} is not kept" for k in properties if k not in ("role", "content")]
    return mapping, notes


def _ax_roles(definition: Path, entry: str, given: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Axolotl's ``roles`` (a role -> the names it has in the file) as Hearth's name -> role, and what is left out."""
    if given is None:
        return dict(_AX_DEFAULT_ROLES), {"tool": "a tool turn"}
    if not isinstance(given, dict):
        raise _malformed(definition, entry, f"has roles {given!r}; it must map each role to a list of names")
    roles, unsupported = {}, {}
    for target, names in given.items():
        for source in [names] if isinstance(names, str) else names or []:
            if not isinstance(source, str):
                raise _malformed(definition, entry, f"has roles.{target} {names!r}; it must be a list of names")
            if target in ("system", "user", "assistant"):
                roles[source] = target
            else:
                unsupported[source] = f"a {target} turn"
    return roles, unsupported


def _ax_completion(definition: Path, entry: str, given: dict[str, Any]) -> tuple[ItemMapping, list[str]]:
    column = given.get("field") or "text"
    if not isinstance(column, str):
        raise _malformed(definition, entry, f"has field {column!r}; it must name the text column")
    return ItemMapping(format="text", text=column), []


_AX_TYPES: dict[str, Callable[[Path, str, dict[str, Any]], tuple[ItemMapping, list[str]]]] = {
    "alpaca": _ax_alpaca,
    "sharegpt": _ax_sharegpt,
    "chat_template": _ax_chat_template,
    "completion": _ax_completion,
}


def _ax_notes(given: dict[str, Any], kind: str) -> list[str]:
    notes = []
    if given.get("split") not in (None, "train"):
        notes.append(f"split {given['split']!r} is not applied: a local file is one split, and Hearth makes its "
                     "own train / validation / test split")
    if given.get("name") is not None:
        notes.append(f"name {given['name']!r} (a subset of a hub dataset) is not applied to a local file")
    for key in ("conversation", "chat_template", "chat_template_jinja"):
        if given.get(key):
            notes.append(f"{key} is not applied: {_NOT_PROMPT_TEXT}")
    if given.get("roles_to_train") not in (None, ["assistant"]) or given.get("train_on_eos") is not None:
        notes.append("roles_to_train and train_on_eos are not applied: what the loss covers is chosen when "
                     "training (hearth train's loss_on: every assistant turn, the last one, or all)")
    ignored = sorted(set(given) - _AX_KEYS - _AX_TYPE_KEYS[kind])
    if ignored:
        notes.append(f"not applied: {', '.join(ignored)}")
    return notes


# -- importing -------------------------------------------------------------------------------------------------


def import_definition_steps(ws: Workspace, plan: DefinitionPlan,
                            options: ImportOptions) -> Generator[Event, None, dict[str, Any]]:
    """Import each planned entry as a dataset version, one after the other; yields progress and logs.

    An entry whose import fails (no usable record) is listed under ``failed`` and the others go on.

    Returns:
        ``imported`` (entry, dataset, recognised, records, rejected, mapping, notes), ``skipped`` (entry, reason)
        and ``failed`` (entry, error).
    """
    for skipped in plan.skipped:
        yield Log(f"skipped {skipped.entry}: {skipped.reason}", "WARNING")
    imported, failed = [], []
    for n, entry in enumerate(plan.entries, 1):
        yield Log(f"{entry.entry} ({n} of {len(plan.entries)}): {entry.path} read as {entry.mapping.describe()}")
        for note in entry.notes:
            yield Log(f"{entry.entry}: {note}", "WARNING")
        settings = dataclasses.replace(options, format="auto", columns=None, mapping=entry.mapping)
        try:
            version = yield from import_steps(ws, entry.path, settings, name=entry.name,
                                              definition=plan.provenance(entry))
        except DataError as exc:
            failed.append({"entry": entry.entry, "error": str(exc)})
            yield Log(f"{entry.entry} was not imported: {exc}", "ERROR")
            continue
        imported.append({"entry": entry.entry, "dataset": version.label, "recognised": version.recognised,
                         "records": version.records, "rejected": version.rejected,
                         "mapping": entry.mapping.describe(), "notes": list(entry.notes)})
    return {"definition": str(plan.path), "tool": plan.tool, "imported": imported,
            "skipped": [dataclasses.asdict(s) for s in plan.skipped], "failed": failed}


def import_definition(ws: Workspace, path: Path | str, options: ImportOptions | None = None, *,
                      name: str | None = None, progress: Callable[[Event], None] | None = None) -> dict[str, Any]:
    """Import the entries of a dataset definition in this process (see :func:`plan_definition` for ``name``).

    Raises:
        DataError: as :func:`plan_definition`.
    """
    plan = plan_definition(path, name)
    return drain(import_definition_steps(ws, plan, options or ImportOptions()), progress)


@dataclass(frozen=True)
class DefinitionImportJob:
    KIND: ClassVar[str] = "data-import-definition"
    TARGET: ClassVar[str] = "core.data.definitions:run_definition_import"

    path: str = option(help="the dataset definition: a LLaMA-Factory dataset_info.json or an Axolotl config")
    name: str | None = option(None, help="LLaMA-Factory: the entry to import (every entry when none); Axolotl: the "
                              "prefix of the versions' names, NAME-1, NAME-2, ... (the config's file name when none)")
    options: ImportOptions = option(default_factory=ImportOptions, help="how each entry's file is imported (its "
                                    "mapping comes from the definition)")

    def __post_init__(self) -> None:
        check(self)


def run_definition_import(config: DefinitionImportJob | dict,
                          control: Control) -> Generator[Event, None, dict[str, Any]]:
    """The definition's import as a job (``hearth data import dataset_info.json``)."""
    job = config if isinstance(config, DefinitionImportJob) else from_dict(DefinitionImportJob, config)
    plan = plan_definition(job.path, job.name)
    return (yield from checked(import_definition_steps(control.ws, plan, job.options), control))
