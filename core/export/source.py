"""What an export needs to know about a finished run: weights, base, chat format, held-out text.

A run's folder holds ``summary.json`` (method, base, source GGUF, the dataset
version it trained on, the whole training config), and ``adapter/`` or
``model/`` with the tokenizer and the chat format it trained with:
``chat_template.jinja`` and ``chat_format.json`` (kind "template", or "plain"
for the User:/Assistant: turn format). Every GGUF
Hearth exports carries that format, so the model is prompted as it learned:
the template itself, or for the plain format a Jinja template that renders
exactly what :class:`~core.inference.templates.PlainFormat` renders, with the
stop strings beside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core import __version__
from core.data.render import JinjaTemplate, PlainTemplate, render_record
from core.data.versions import read_split
from core.errors import HearthError
from core.inference.templates import PlainFormat, TemplateFormat
from core.training.provenance import TrainedOn, trained_on
from core.training.store import get_run
from core.workspace import Workspace

__all__ = ["RunSource", "gguf_metadata", "held_out_texts", "plain_jinja", "read_run", "stop_strings",
           "trained_dataset", "training_template"]

_HELD_OUT_RECORDS = 64


@dataclass(frozen=True)
class RunSource:
    """A finished run, as an export reads it."""

    id: str
    folder: Path
    method: str
    base: str  # the catalog name of the base model
    source_gguf: Path | None
    dataset: str
    weights: Path  # adapter/ (PEFT) or model/ (full fine-tuning)
    summary: dict[str, Any]
    config: dict[str, Any]  # the TrainJob, as saved
    chat_format: dict[str, Any]  # chat_format.json: kind, name, and the format's fields
    created_at: str = ""  # when the run started (to infer the dataset version of a run that recorded none)

    @property
    def use_dora(self) -> bool:
        return bool(self.config.get("train", {}).get("use_dora"))

    @property
    def plain_default(self) -> bool:
        """The run trained with the plain turn format and the labels the chat engine uses by default."""
        return self.chat_format.get("kind") == "plain" and _plain_format(self.chat_format) == PlainFormat()

    @property
    def chat_template(self) -> str:
        """The Jinja template the run trained with (for the plain format, its Jinja equivalent)."""
        if self.chat_format.get("kind") == "plain":
            return plain_jinja(_plain_format(self.chat_format))
        path = self.weights / "chat_template.jinja"
        return path.read_text(encoding="utf-8") if path.is_file() else self.chat_format.get("template", "")


def read_run(ws: Workspace, ref: str) -> RunSource:
    """The finished run ``ref`` (an id or a unique prefix).

    Raises:
        HearthError: no such run, it has not finished, or its outputs are missing.
    """
    run = get_run(ws, ref)
    hint = f"export a finished run (hearth runs list); resume this one with: hearth runs resume {run.id}"
    if run.state != "done":
        raise HearthError(f"run {run.id} is {run.state}, not done: there is nothing final to export", hint)
    try:
        summary = json.loads((run.folder / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise HearthError(f"run {run.id} has no readable summary.json in {run.folder}: {exc}", hint) from exc
    method = summary.get("method") or run.method
    weights = run.folder / ("model" if method == "full" else "adapter")
    if not weights.is_dir():
        raise HearthError(f"run {run.id} has no {weights.name}/ folder in {run.folder}",
                          "the run's outputs were moved or deleted; train it again")
    chat_format = {}
    if (weights / "chat_format.json").is_file():
        chat_format = json.loads((weights / "chat_format.json").read_text(encoding="utf-8"))
    config = summary.get("config") or {}
    source = summary.get("source_gguf")
    return RunSource(id=run.id, folder=run.folder, method=method, base=summary.get("base") or run.model,
                     source_gguf=Path(source) if source else None, dataset=config.get("dataset") or run.dataset,
                     weights=weights, summary=summary, config=config, chat_format=chat_format,
                     created_at=run.created_at)


# -- the chat format -----------------------------------------------------------------------------------------------


def _plain_format(chat_format: dict[str, Any]) -> PlainFormat:
    fields = {k: chat_format[k] for k in ("system_prefix", "user_prefix", "assistant_prefix", "turn_separator")
              if k in chat_format}
    return PlainFormat(**fields)


def _literal(text: str) -> str:
    # A JSON string is a valid Jinja string literal with the same escapes.
    return json.dumps(text, ensure_ascii=False)


def plain_jinja(fmt: PlainFormat) -> str:
    """A Jinja chat template that renders what ``fmt.render`` renders (and, for training text, the EOS after the
    last reply), for GGUF readers that know templates but not Hearth's plain format."""
    labels = (f"{{% set labels = {{'system': {_literal(fmt.system_prefix)}, 'user': {_literal(fmt.user_prefix)}, "
              f"'assistant': {_literal(fmt.assistant_prefix)}}} %}}")
    sep = _literal(fmt.turn_separator)
    return (
        labels
        + "{% for message in messages %}"
        + f"{{% if not loop.first %}}{{{{ {sep} }}}}{{% endif %}}"
        + "{{ labels[message['role']] + message['content'] | trim }}"
        + "{% endfor %}"
        + "{% if add_generation_prompt %}"
        + f"{{% if messages %}}{{{{ {sep} }}}}{{% endif %}}{{{{ {_literal(fmt.assistant_prefix.rstrip())} }}}}"
        + "{% elif messages and messages[-1]['role'] == 'assistant' %}{{ eos_token }}{% endif %}"
    )


def stop_strings(source: RunSource, eos_token: str = "") -> list[str]:
    """The texts a reply stops at, as the run trained: end-of-turn markers, the EOS, the next turn's label."""
    if source.chat_format.get("kind") == "plain":
        stops = _plain_format(source.chat_format).stop_strings()
    else:
        stops = TemplateFormat(source.chat_template, eos_token=eos_token).stop_strings()
    return list(dict.fromkeys([*stops, *([eos_token] if eos_token else [])]))


def training_template(source: RunSource, tokenizer: Any) -> Any:
    """The run's template as :mod:`core.data.render` renders records with it."""
    bos, eos = tokenizer.bos_token or "", tokenizer.eos_token or ""
    if source.chat_format.get("kind") == "plain":
        return PlainTemplate(_plain_format(source.chat_format), bos, eos)
    return JinjaTemplate(source.chat_format.get("name", "model"), source.chat_template, bos, eos)


def trained_dataset(ws: Workspace, source: RunSource) -> TrainedOn:
    """The dataset version the run trained on: the one it recorded, or for an older run the one inferred."""
    return trained_on(ws, source.dataset, record=source.summary.get("dataset_version"), started=source.created_at)


def held_out_texts(ws: Workspace, source: RunSource, tokenizer: Any,
                   used: TrainedOn | None = None) -> tuple[list[str], str]:
    """The validation records of the version the run trained on, rendered with its template, and where they came
    from; never those of a version imported after the run.

    Falls back to no text (the verifier's fixed paragraph) when that version is gone or its validation split is
    empty.

    Args:
        used: the run's version, when the caller has it (:func:`trained_dataset`).
    """
    used = used or trained_dataset(ws, source)
    version = used.version
    if version is None:
        return [], f"a fixed English paragraph ({used.note})"
    try:
        records = []
        for record in read_split(version, "validation"):
            records.append(record)
            if len(records) >= _HELD_OUT_RECORDS:
                break
    except (HearthError, OSError):
        return [], f"a fixed English paragraph ({version.label} cannot be read)"
    if not records:
        return [], f"a fixed English paragraph ({version.label} has no validation split)"
    template = training_template(source, tokenizer)
    texts = [render_record(r, template, "all").text for r in records]
    return texts, f"the validation split of {version.label}, rendered with the {template.name} template"


def gguf_metadata(source: RunSource | None, *, name: str, kind: str, base: str, stops: list[str],
                  dataset: TrainedOn | None = None) -> dict[str, Any]:
    """The key/values every exported GGUF carries: its name, and Hearth's own (``hearth.*``).

    Values are plain scalars; lists and the training config are JSON text.
    """
    meta: dict[str, Any] = {"general.name": name, "hearth.version": __version__, "hearth.export.kind": kind,
                            "hearth.base_model": base}
    if stops:
        meta["hearth.stop_strings"] = json.dumps(stops, ensure_ascii=False)
    if source is not None:
        meta.update({
            "hearth.run": source.id, "hearth.method": source.method,
            "hearth.dataset": dataset.label if dataset else source.dataset,
            "hearth.chat_format": source.chat_format.get("kind", "template"),
            "hearth.training_config": json.dumps(source.config, sort_keys=True, ensure_ascii=False),
        })
        if dataset is not None and dataset.id:
            meta["hearth.dataset_id"] = dataset.id
    return meta
