"""The dataset version a run trained on: recorded when the run starts, read back by export and ``hearth runs show``.

A run records the exact version. A bare ``NAME`` given to a run is resolved to that name's newest version when
the run starts, and the run's config.json keeps ``NAME:vN``, so a resume and an export use that very version and
never a version imported afterwards; its summary.json keeps the version's id and source sha256
(``dataset_version``), which tell the version apart from a later import that reused its number.

A run started before runs recorded their version kept only what it was given, often a bare name. For it the
version is inferred: the newest version of that name imported before the run started; whoever reads it is told
that the run did not record one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.data.versions import DatasetVersion, get_dataset, list_datasets
from core.errors import HearthError
from core.training.store import RunRecord
from core.workspace import Workspace, read_json_object

__all__ = ["TrainedOn", "run_dataset", "trained_on", "version_record"]


@dataclass(frozen=True)
class TrainedOn:
    """The dataset version a run trained on, and that version as the workspace holds it now.

    Attributes:
        label: ``NAME:vN``; for an older run whose version is gone or cannot be inferred, what it recorded.
        id: the version's id (``NAME-vN-<sha256 prefix>``), when known.
        source_sha256: the sha256 of the file the version was imported from, when known.
        version: that version, None when it is no longer in the workspace (removed, or its number reused).
        recorded: whether the run recorded its version (False: inferred from a bare name, or unknown).
        note: what a reader should be told: why the version is missing, or that it was inferred; empty when the
            run recorded its version and the workspace still holds it.
    """

    label: str
    id: str | None
    source_sha256: str | None
    version: DatasetVersion | None
    recorded: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The version as an export records it (verification.json, export.json)."""
        return {"label": self.label, "id": self.id, "source_sha256": self.source_sha256, "recorded": self.recorded,
                **({"note": self.note} if self.note else {})}

    def describe(self) -> str:
        """One line: the label, its id, and the note when there is one."""
        text = self.label + (f" (id {self.id})" if self.id else "")
        return f"{text}; {self.note}" if self.note else text


def run_dataset(ws: Workspace, run: RunRecord) -> TrainedOn:
    """The version the run ``run`` trained on (or trains on, while it runs), from its folder's files."""
    config, summary = (read_json_object(run.folder / name) for name in ("config.json", "summary.json"))
    return trained_on(ws, str(config.get("dataset") or run.dataset), record=summary.get("dataset_version"),
                      started=run.created_at)


def version_record(version: DatasetVersion) -> dict[str, str]:
    """What a run's summary.json keeps of the version it trained on (``dataset_version``)."""
    return {"label": version.label, "id": version.id, "source_sha256": version.source_sha256}


def trained_on(ws: Workspace, dataset: str, *, record: dict[str, Any] | None = None, started: str = "") -> TrainedOn:
    """The version a run trained on.

    Args:
        ws: the workspace.
        dataset: what the run's config.json names: ``NAME:vN`` (recorded by the run), or for an older run
            what it was given (a bare ``NAME``, or a version's id).
        record: the run's ``dataset_version`` (summary.json), when it finished after runs recorded it.
        started: when the run started (its ``created_at``), to infer the version of an older run.
    """
    if record and record.get("label"):
        return _recorded(ws, str(record["label"]), record.get("id"), record.get("source_sha256"))
    name, _, number = dataset.partition(":")
    if number:
        return _recorded(ws, dataset, None, None)
    exact = [v for v in list_datasets(ws) if v.id == dataset]
    if exact:  # an id names one version exactly
        return _recorded(ws, exact[0].label, exact[0].id, exact[0].source_sha256)
    return _inferred(ws, name, started)


def _recorded(ws: Workspace, label: str, version_id: str | None, sha: str | None) -> TrainedOn:
    try:
        version = get_dataset(ws, label)
    except HearthError:
        return TrainedOn(label, version_id, sha, None, True, f"{label} is no longer in the workspace")
    if version_id and version.id != version_id:
        return TrainedOn(label, version_id, sha, None, True,
                         f"{label} is now another import (id {version.id}) than the one the run trained on")
    return TrainedOn(label, version.id, version.source_sha256, version, True)


def _inferred(ws: Workspace, name: str, started: str) -> TrainedOn:
    """An older run's version: the newest of its name imported before it started (else the newest now)."""
    versions = sorted((v for v in list_datasets(ws) if v.name == name), key=lambda v: v.version)
    before = [v for v in versions if started and v.created_at <= started]
    unrecorded = f"the run recorded only the name {name!r}, not its version"
    if before:
        version = before[-1]
        note = f"{unrecorded}: {version.label} is the newest version of it imported before the run started"
    elif versions:
        version = versions[-1]
        note = f"{unrecorded}, and no version of it left was imported before the run started: {version.label} " \
               "is its newest version now"
    else:
        return TrainedOn(name, None, None, None, False, f"{unrecorded}, and no version of it is left")
    try:
        get_dataset(ws, version.label)  # (listed, but its files may be gone)
    except HearthError:
        return TrainedOn(version.label, version.id, version.source_sha256, None, False,
                         f"{note}, and its files are gone")
    return TrainedOn(version.label, version.id, version.source_sha256, version, False, note)
