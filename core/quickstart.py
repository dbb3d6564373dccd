"""The quickstart: the default model and the example dataset to a tuned, exported, evaluated model in one go.

Each stage is an ordinary job (import, train, export, evaluate), started and
followed through a ``run_job`` callable the caller gives (the CLI shows each
with a progress bar; a test just waits). What each stage produced is written
to ``quickstart/state.json`` in the workspace as soon as it finishes, so an
interrupted quickstart resumes where it stopped: a finished stage is not run
again, and a training run that was stopped continues from its last checkpoint.

Stages: the model, the dataset, training, the LoRA-GGUF adapter on the
original base, the merged quantised GGUF, then the base, the adapter and the
merged file answering the held-out questions greedily.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from core.config import check, from_dict, option, to_dict
from core.data.versions import ImportOptions, import_dataset
from core.errors import HearthError
from core.eval.run import EvalConfig
from core.export.quantize import check_quant
from core.export.run import ExportJob
from core.export.store import get_export
from core.jobs import JobSpec, new_id
from core.models.catalog import get_model
from core.models.default import ensure_default_model
from core.training.presets import default_lr
from core.training.recipe import TrainConfig
from core.training.run import TrainJob
from core.training.store import get_run
from core.workspace import Workspace, atomic_write_json

__all__ = ["EXAMPLE_DATA", "EXAMPLE_TEST", "STAGES", "QuickstartConfig", "QuickstartResult", "quickstart",
           "saved_config", "stage_failed"]

log = logging.getLogger(__name__)

_ASSETS = Path(__file__).resolve().parent.parent / "assets" / "datasets"
EXAMPLE_DATA = _ASSETS / "lumen_support.jsonl"
EXAMPLE_TEST = _ASSETS / "lumen_support_test.jsonl"
STAGES = ("model", "data", "train", "export-adapter", "export-merged", "eval-base", "eval-adapter", "eval-merged")

class RunJob(Protocol):
    """Starts the job ``spec`` is for, follows it to its end and returns its result; raises HearthError when it
    did not finish."""

    def __call__(self, spec: JobSpec) -> dict[str, Any]: ...


@dataclass(frozen=True)
class QuickstartConfig:
    """What the quickstart trains and how; every value has a CPU-friendly default."""

    model: str | None = option(None, help="the base model; the default model (Gemma 3 270M) when empty")
    data: str = option(str(EXAMPLE_DATA), help="the training dataset file")
    test_data: str = option(str(EXAMPLE_TEST), help="held-out questions with their expected answers")
    method: str = option("qlora", help="qlora or lora", choices=("qlora", "lora"))
    epochs: float = option(3.0, help="passes over the training split", min=0.1)
    lr: float = option(3e-4, help="peak learning rate", min=0.0)
    lora_r: int = option(16, help="LoRA rank", min=1)
    batch_size: int = option(4, help="examples per step", min=1)
    seq_len: int = option(256, help="tokens per example", min=16)
    max_steps: int = option(0, help="stop training after this many steps; 0 runs the epochs", min=0)
    quant: str = option("q4_k_m", help="the type of the merged GGUF")
    eval_limit: int = option(0, help="evaluate at most this many held-out questions; 0 for all", min=0)
    max_tokens: int = option(64, help="the longest evaluated answer in tokens", min=1)
    device: str = option("auto", help="cpu, cuda, or auto (a GPU when there is one)")

    def __post_init__(self) -> None:
        check(self)

        object.__setattr__(self, "quant", check_quant(self.quant))


@dataclass(frozen=True)
class QuickstartResult:
    """Where everything is: the run, the two exports, and the evaluation of each model."""

    run: str
    adapter: dict[str, Any]
    merged: dict[str, Any]
    evals: dict[str, str]  # base / adapter / merged -> result JSON
    base_model: str


def _state_path(ws: Workspace) -> Path:
    return ws.root / "quickstart" / "state.json"


def _load_state(ws: Workspace, config: QuickstartConfig, resume: bool) -> dict[str, Any]:
    import json

    path = _state_path(ws)
    if resume and path.is_file():
        state = json.loads(path.read_text(encoding="utf-8"))
        if state.get("config") == to_dict(config):
            return state
        raise HearthError("the quickstart to resume used other settings",
                          "resume it with saved_config() as its settings (the CLI does), or start a new one")
    return {"config": to_dict(config), "done": {}}


def saved_config(ws: Workspace, **changes: Any) -> QuickstartConfig | None:
    """The settings of the last quickstart in ``ws`` with ``changes`` (None values ignored); None when none ran."""
    path = _state_path(ws)
    if not path.is_file():
        return None
    config = from_dict(QuickstartConfig, json.loads(path.read_text(encoding="utf-8"))["config"])
    return dataclasses.replace(config, **{k: v for k, v in changes.items() if v is not None})


def _save_state(ws: Workspace, state: dict[str, Any]) -> None:
    path = _state_path(ws)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_json(path, state)


def quickstart(ws: Workspace, config: QuickstartConfig, run_job: RunJob, *, resume: bool = False,
               say: Callable[[str], None] = log.info) -> QuickstartResult:
    """Run (or resume) every stage and return where the results are.

    Raises:
        HearthError: a stage failed or was cancelled (the state kept so far lets ``resume`` continue).
    """
    state = _load_state(ws, config, resume)
    done: dict[str, Any] = state["done"]
    for number, stage in enumerate(STAGES, 1):
        if stage in done and _still_there(ws, stage, done[stage]):
            say(f"[{number}/{len(STAGES)}] {stage}: done before, kept")
            continue
        for later in STAGES[number - 1:]:  # what came after a stage made again was made from the old one
            done.pop(later, None)
        say(f"[{number}/{len(STAGES)}] {stage}")
        started = time.perf_counter()
        try:
            done[stage] = _STEPS[stage](ws, config, run_job, done, state)
        except HearthError as exc:
            _save_state(ws, state)
            raise stage_failed(stage, exc.message) from exc
        state.setdefault("seconds", {})[stage] = round(time.perf_counter() - started, 1)
        _save_state(ws, state)
    return QuickstartResult(done["train"]["run"], done["export-adapter"], done["export-merged"],
                            {k: done[f"eval-{k}"]["output"] for k in ("base", "adapter", "merged")},
                            done["model"]["name"])


def _still_there(ws: Workspace, stage: str, value: dict[str, Any]) -> bool:
    """Whether what a finished stage made still exists (a removed export is made again)."""
    paths = [value.get(k) for k in ("path", "output") if value.get(k)]
    return all(Path(p).exists() for p in paths)


def _model(ws: Workspace, config: QuickstartConfig, run_job: RunJob, done: dict, state: dict) -> dict[str, Any]:
    record = get_model(ws, config.model) if config.model else ensure_default_model(ws)
    return {"name": record.name, "path": str(record.path)}


def _data(ws: Workspace, config: QuickstartConfig, run_job: RunJob, done: dict, state: dict) -> dict[str, Any]:
    # Token counts by the base model's own tokenizer, as training will see them.
    version = import_dataset(ws, config.data, ImportOptions(model=done["model"]["name"]))
    return {"dataset": version.label}


def _train(ws: Workspace, config: QuickstartConfig, run_job: RunJob, done: dict, state: dict) -> dict[str, Any]:
    earlier = _earlier_run(ws, state.get("run_started"))
    if earlier is not None and not Path(earlier.folder).is_dir():
        earlier = None
    if earlier is not None and earlier.state == "done" and (Path(earlier.folder) / "adapter").is_dir():
        return {"run": earlier.id, "path": str(earlier.folder)}
    if earlier is not None and not any((Path(earlier.folder) / "checkpoints").glob("step-*")):
        earlier = None  # stopped before its first checkpoint: nothing to resume from, start a new run
    if earlier is not None:
        job = TrainJob(resume=earlier.id)
    else:
        train = TrainConfig(method=config.method, epochs=config.epochs, lr=config.lr or default_lr(config.method),
                            lora_r=config.lora_r, batch_size=config.batch_size, max_steps=config.max_steps)
        job = TrainJob(dataset=done["data"]["dataset"], model=done["model"]["name"], train=train,
                       seq_len=config.seq_len, device=config.device, fit_batch=True, run_id=new_id("run"))
        # Kept before the run starts, so that an interrupted run is resumed, not started again.
        state["run_started"] = job.run_id
        _save_state(ws, state)
    result = run_job(job)
    return {"run": result["run"], "path": result["folder"]}


def _earlier_run(ws: Workspace, run_id: str | None) -> Any:
    if not run_id:
        return None
    try:
        return get_run(ws, run_id)
    except HearthError:
        return None  # the job ended before its run was recorded: start again


def _export(adapter_only: bool) -> Callable[..., dict[str, Any]]:
    def step(ws: Workspace, config: QuickstartConfig, run_job: RunJob, done: dict, state: dict) -> dict[str, Any]:
        run_id = done["train"]["run"]
        name = _free_export_name(ws, f"{run_id}-{'lora' if adapter_only else config.quant}")
        existing = _existing_export(ws, name)
        if existing is not None:
            return existing
        job = ExportJob(run=run_id, adapter_only=adapter_only, quant=config.quant, name=name)
        result = run_job(job)
        record = get_export(ws, result["export"])
        # The GGUF the adapter applies on: the base's own file, or its conversion for a Hugging Face base.
        return {**result, "base_path": str(record.base_path) if record.base_path else None}
    return step


def _existing_export(ws: Workspace, name: str) -> dict[str, Any] | None:
    """An export of this name whose file is still there, as the export job's result would describe it."""
    try:
        record = get_export(ws, name)
    except HearthError:
        return None
    if not Path(record.path).is_file():
        return None
    return {"export": record.name, "kind": record.kind, "path": str(record.path), "chat": record.chat_command(),
            "base_path": str(record.base_path) if record.base_path else None}


def _free_export_name(ws: Workspace, name: str) -> str:
    """``name``, or ``name-2``, ``name-3``... when an export of that name lost its file."""
    candidate, n = name, 1
    while True:
        try:
            record = get_export(ws, candidate)
        except HearthError:
            return candidate
        if Path(record.path).is_file():
            return candidate
        n += 1
        candidate = f"{name}-{n}"


def _evaluate(which: str) -> Callable[..., dict[str, Any]]:
    def step(ws: Workspace, config: QuickstartConfig, run_job: RunJob, done: dict, state: dict) -> dict[str, Any]:
        run_folder = Path(done["train"]["path"])
        # Every model gets the prompt format the tuned one was trained with, so the comparison is fair.
        chat_format = run_folder / "adapter" / "chat_format.json"
        base_gguf = done["export-adapter"]["base_path"]
        model = {"base": base_gguf, "adapter": base_gguf, "merged": done["export-merged"]["path"]}[which]
        adapter = done["export-adapter"]["path"] if which == "adapter" else None
        label = {"base": "base", "adapter": "tuned (adapter)", "merged": f"tuned ({config.quant.upper()})"}[which]
        output = run_folder / "eval" / f"{which}.json"
        job = EvalConfig(model=model, data=config.test_data, adapter=adapter, limit=config.eval_limit,
                         chat_format=str(chat_format) if chat_format.is_file() else "auto",
                         max_tokens=config.max_tokens, label=label, output=str(output))
        return run_job(job)
    return step


_STEPS: dict[str, Callable[..., dict[str, Any]]] = {
    "model": _model, "data": _data, "train": _train,
    "export-adapter": _export(True), "export-merged": _export(False),
    "eval-base": _evaluate("base"), "eval-adapter": _evaluate("adapter"), "eval-merged": _evaluate("merged"),
}


def stage_failed(stage: str, message: str) -> HearthError:
    """The error a caller raises from ``run_job`` when a stage's job did not finish."""
    return HearthError(f"the quickstart stopped at {stage}: {message}",
                       "fix what the message says, then continue with: hearth quickstart --resume")
