"""Provenance to the end: a run records the dataset version it trained on, its export verifies on that version and
names it, removing a model removes the caches made from it, and ``hearth exports`` lists, shows and removes.

The dataset "qa" gets a second version after the run: its records differ from the first's, so a held-out text
from the wrong version is told apart by its words.
"""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from core.data.clean import CleanOptions
from core.data.split import SplitOptions
from core.data.versions import ImportOptions, get_dataset, import_dataset, read_split, remove_dataset
from core.jobs.runner import Control
from core.jobs.steps import drain
from core.workspace import utc_now
from tests.tiny import FACTS, tiny_model_and_dataset, tiny_tokenizer

# The second version's records: no question of the first's is among them.
LATER = [(f"Where does the ferry {i} stop on Sunday?", f"Lumen Support: ferry {i} stops at pier {i * 3}.")
         for i in range(12)]


class _Flag:
    def is_set(self):
        return False


def _control(ws, name: str) -> Control:
    folder = ws.folder("jobs") / name
    folder.mkdir(exist_ok=True)
    return Control(name, folder, ws, _Flag())


def _import(ws, tmp_path, pairs, file: str):
    data = tmp_path / file
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": q},
                                                     {"role": "assistant", "content": a}]}) + "\n"
                            for q, a in pairs))
    return import_dataset(ws, data, ImportOptions(model="tiny", clean=CleanOptions(dedup_near=False),
                                                  split=SplitOptions(counts=(-1, 2, 0))), name="qa")


def _questions(version, split: str = "validation") -> list[str]:
    return [r.messages[0].content for r in read_split(version, split)]


def _finished_run(ws, run_id: str, dataset: str, *, record: dict | None, created_at: str | None = None):
    """A finished LoRA run's row and folder as training leaves them; ``record``: its summary's dataset_version
    (None: a run from before runs recorded it)."""
    folder = ws.folder("runs") / run_id
    (folder / "adapter").mkdir(parents=True)
    summary = {"method": "lora", "base": "tiny", "source_gguf": None,
               "config": {"dataset": dataset, "train": {"method": "lora"}}}
    if record is not None:
        summary["dataset_version"] = record
    (folder / "summary.json").write_text(json.dumps(summary))
    (folder / "config.json").write_text(json.dumps(summary["config"]))
    (folder / "adapter" / "chat_format.json").write_text(json.dumps({"kind": "plain", "name": "plain"}))
    with ws.db() as conn:
        conn.execute("INSERT INTO runs (id, model, dataset, method, state, folder, created_at, updated_at) "
                     "VALUES (?, 'tiny', ?, 'lora', 'done', ?, ?, ?)",
                     (run_id, dataset, str(folder), created_at or utc_now(), utc_now()))


@pytest.fixture
def two_versions(workspace, tmp_path):
    """The tiny model, qa:v1 (FACTS), and the tokenizer to render with; qa:v2 is imported by each test."""
    tiny_model_and_dataset(workspace, tmp_path)
    return get_dataset(workspace, "qa:v1"), tiny_tokenizer([q + a for q, a in FACTS + LATER])


# -- the version a run records ------------------------------------------------------------------------------------


def test_a_run_pins_the_newest_version_when_it_starts(workspace, two_versions, tmp_path):
    from core.training.run import TrainJob, _pin_dataset

    events = []
    job = drain(_pin_dataset(workspace, TrainJob(dataset="qa")), events.append)
    assert job.dataset == "qa:v1"
    assert any("qa:v1" in getattr(e, "message", "") for e in events)
    _import(workspace, tmp_path, LATER, "later.jsonl")
    assert drain(_pin_dataset(workspace, TrainJob(dataset="qa"))).dataset == "qa:v2"  # the newest when it starts
    assert drain(_pin_dataset(workspace, TrainJob(dataset="qa:v1"))).dataset == "qa:v1"


def test_the_held_out_text_comes_from_the_version_the_run_recorded(workspace, two_versions, tmp_path):
    from core.export.source import held_out_texts, read_run
    from core.training.provenance import version_record

    v1, tokenizer = two_versions
    _finished_run(workspace, "run-1", "qa:v1", record=version_record(v1))
    v2 = _import(workspace, tmp_path, LATER, "later.jsonl")
    assert v2.label == "qa:v2" and get_dataset(workspace, "qa").label == "qa:v2"

    texts, where = held_out_texts(workspace, read_run(workspace, "run-1"), tokenizer)
    assert where.startswith("the validation split of qa:v1")
    assert len(texts) == 2
    for question in _questions(v1):
        assert sum(question in t for t in texts) == 1, question
    assert not any(q in t for q, _ in LATER for t in texts)  # not a word of the newer version


def test_an_older_run_that_recorded_only_a_name_uses_the_version_it_started_on(workspace, two_versions, tmp_path):
    from core.export.source import held_out_texts, read_run, trained_dataset

    v1, tokenizer = two_versions
    _finished_run(workspace, "run-old", "qa", record=None)  # started while qa:v1 was the newest
    _import(workspace, tmp_path, LATER, "later.jsonl")
    source = read_run(workspace, "run-old")
    used = trained_dataset(workspace, source)
    assert (used.label, used.id, used.recorded) == ("qa:v1", v1.id, False)
    assert "recorded only the name 'qa'" in used.note and "imported before the run started" in used.note
    texts, _ = held_out_texts(workspace, source, tokenizer, used)
    assert texts and all(any(q in t for t in texts) for q in _questions(v1))


def test_a_version_number_taken_by_another_import_is_not_used(workspace, two_versions, tmp_path):
    from core.export.source import held_out_texts, read_run
    from core.training.provenance import version_record

    v1, tokenizer = two_versions
    _finished_run(workspace, "run-1", "qa:v1", record=version_record(v1))
    remove_dataset(workspace, "qa:v1")
    reused = _import(workspace, tmp_path, LATER, "later.jsonl")
    assert reused.label == "qa:v1" and reused.id != v1.id  # the number is free again: another import took it
    texts, where = held_out_texts(workspace, read_run(workspace, "run-1"), tokenizer)
    assert texts == [] and "qa:v1 is now another import" in where


def test_runs_show_names_the_version(workspace, two_versions, tmp_path):
    from cli.train import runs_app
    from core.training.provenance import version_record

    v1, _ = two_versions
    _finished_run(workspace, "run-1", "qa:v1", record=version_record(v1))
    _finished_run(workspace, "run-old", "qa", record=None)
    _import(workspace, tmp_path, LATER, "later.jsonl")
    shown = CliRunner().invoke(runs_app, ["show", "run-1"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert f"dataset_version: qa:v1 (id {v1.id})" in shown.output
    old = CliRunner().invoke(runs_app, ["show", "run-old"], env={"COLUMNS": "200"})
    assert "dataset_version: qa:v1" in old.output and "recorded only the name" in old.output


# -- a trained run, exported after a newer version -----------------------------------------------------------------


def test_an_export_verifies_on_the_runs_own_version_and_names_it(workspace, two_versions, tmp_path, monkeypatch):
    """Trained on qa (then qa:v1), exported after qa:v2 arrived: the verification's texts, the card, the report,
    export.json and the GGUF's metadata are all of qa:v1."""
    converters = pytest.importorskip("converters")
    if not hasattr(converters, "convert_hf"):
        pytest.skip("the converters are not there yet")
    import core.export.run as export_run
    from core.export.run import ExportJob, run_export
    from core.export.verify import VerifyGates
    from core.models import get_model
    from core.training.recipe import TrainConfig
    from core.training.run import TrainJob, run_training

    v1, _ = two_versions
    config = TrainConfig(method="lora", lr=1e-2, max_steps=2, batch_size=2, lora_r=4, save_every=100,
                         warmup_ratio=0.0)
    job = TrainJob(dataset="qa", model="tiny", train=config, seq_len=128, template="chatml", device="cpu")
    result = drain(run_training(job, _control(workspace, "train-test")))
    run_dir = workspace.folder("runs") / result["run"]
    assert json.loads((run_dir / "config.json").read_text())["dataset"] == "qa:v1"
    assert json.loads((run_dir / "summary.json").read_text())["dataset_version"]["id"] == v1.id

    _import(workspace, tmp_path, LATER, "later.jsonl")
    seen = []
    real = export_run.verify_gguf

    def spy(*args, **kwargs):
        seen.append(kwargs["texts"])
        return real(*args, **kwargs)

    monkeypatch.setattr(export_run, "verify_gguf", spy)
    events = []
    # (The gates are test_export's business; this tiny random model's F32 logits differ by about 0.2% of their
    # range, measured here, over the 0.1% the exact gate allows.)
    gates = VerifyGates(tokenizer_parity=False, logit_tolerance=0.01)
    done = drain(run_export(ExportJob(run=result["run"], quant="f32", name="tiny-f32", gates=gates),
                            _control(workspace, "export-test")), events.append)
    assert done["export"] == "tiny-f32"
    [texts] = seen
    assert all(any(q in t for t in texts) for q in _questions(v1))
    assert not any(q in t for q, _ in LATER for t in texts)
    assert any(f"trained on qa:v1 (id {v1.id})" in getattr(e, "message", "") for e in events)

    folder = workspace.folder("exports") / "tiny-f32"
    report = json.loads((folder / "verification.json").read_text())
    assert report["text"]["source"].startswith("the validation split of qa:v1")
    assert report["dataset"] == {"label": "qa:v1", "id": v1.id, "source_sha256": v1.source_sha256,
                                 "recorded": True}
    assert json.loads((folder / "export.json").read_text())["dataset"]["id"] == v1.id
    assert f"- **Dataset**: qa:v1 (version id `{v1.id}`)" in (folder / "README.md").read_text()
    kv = get_model(workspace, "tiny-f32").metadata["kv"]
    assert (kv["hearth.dataset"], kv["hearth.dataset_id"]) == ("qa:v1", v1.id)


# -- removing a model removes its caches ---------------------------------------------------------------------------


def _topk_cache(ws, name: str, teacher: str | None) -> None:
    import torch

    from core.training.distill import TopK, save_topk
    from core.training.teacher import CACHE_FOLDER

    folder = ws.folder("models") / CACHE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    topk = TopK(torch.zeros(3, 2), torch.zeros(3, 2, dtype=torch.int32), (3,))
    save_topk(folder / f"topk-{name}.safetensors", topk, {"teacher": teacher} if teacher else None)


def test_models_remove_removes_the_training_cache_made_from_it(workspace, tiny_gguf):
    from cli.models import app
    from core.models import find_model, import_gguf
    from core.training.base import cache_path, prepare_base

    record = import_gguf(workspace, tiny_gguf, "tiny-gguf", copy=True)
    cache = prepare_base(workspace, "tiny-gguf").folder
    assert cache == cache_path(workspace, record.sha256) and cache.is_dir()
    other = workspace.folder("models") / ".training-cache" / "0123456789abcdef"  # another model's cache
    shutil.copytree(cache, other)
    manifest = json.loads((other / "hearth-cache.json").read_text())
    (other / "hearth-cache.json").write_text(json.dumps({**manifest, "source_sha256": "0123456789abcdef" * 4}))
    _topk_cache(workspace, "mine", f"model:{record.sha256}")
    _topk_cache(workspace, "its-run", f"run:run-9:{record.sha256[:16]}:abc,def")
    _topk_cache(workspace, "others", "model:" + "f" * 64)
    _topk_cache(workspace, "unnamed", None)

    removed = CliRunner().invoke(app, ["remove", "tiny-gguf"], env={"COLUMNS": "400"})
    assert removed.exit_code == 0, removed.output
    assert find_model(workspace, "tiny-gguf") is None and not record.path.exists()
    assert not cache.exists() and other.is_dir()
    assert f"removed its cache {cache}" in removed.output
    left = sorted(p.name for p in (workspace.folder("models") / ".distill-cache").iterdir())
    assert left == ["topk-others.safetensors", "topk-unnamed.safetensors"]
    assert "kept" in removed.output and "1 distillation cache file(s) that do not name their teacher" in removed.output


def test_models_remove_keep_files_keeps_the_cache(workspace, tiny_gguf):
    from core.models import import_gguf
    from core.training.base import prepare_base
    from core.training.caches import remove_model_and_caches

    shutil.copyfile(tiny_gguf, workspace.folder("models") / "kept.gguf")
    import_gguf(workspace, workspace.folder("models") / "kept.gguf", "kept", copy=False)
    cache = prepare_base(workspace, "kept").folder
    record, caches = remove_model_and_caches(workspace, "kept", delete_files=False)
    assert record.path.is_file() and cache.is_dir()
    assert [(p, why) for p, _, why in caches.kept] == [(cache, "the model's files were kept, and so are the caches "
                                                               "made from them")]


# -- hearth exports -------------------------------------------------------------------------------------------------


def _export(ws, name: str, kind: str, gguf, *, run_id: str | None, base=None, dataset: dict | None = None):
    """An export as core.export.run leaves it: folder (GGUF, checksum, report, card, export.json), row, and for a
    merged one its catalog model."""
    from core.export.store import add_export, keep_record
    from core.models import add_gguf_record, inspect_gguf, sha256_file

    folder = ws.folder("exports") / name
    folder.mkdir()
    path = folder / f"{name}.gguf"
    shutil.copyfile(gguf, path)
    sha = sha256_file(path)
    (folder / f"{path.name}.sha256").write_text(f"{sha}  {path.name}\n")
    (folder / "README.md").write_text(f"# {name}\n")
    (folder / "verification.json").write_text(json.dumps({
        "passed": True, "kind": "exact", "text": {"source": "the validation split of qa:v1", "tokens": 42},
        "logits": {"top1_agreement": 1.0, "perplexity_gguf": 300.5, "perplexity_torch": 300.4}}))
    model = base.name if base is not None else name
    if kind == "merged":
        model = add_gguf_record(ws, inspect_gguf(path), sha, name=name, source=f"export:{run_id}").name
    record = add_export(ws, name=name, kind=kind, run_id=run_id, folder=folder, path=path, quantization="F32",
                        model=model, base_path=base.path if base is not None else None,
                        size_bytes=path.stat().st_size, sha256=sha, verification="passed")
    keep_record(ws, record, source=f"export:{run_id}", plain=False, base_converted=False, dataset=dataset)
    return record


def test_exports_list_show_and_remove(workspace, two_versions, tiny_gguf):
    from cli.export import exports_app
    from core.export.store import list_exports
    from core.models import find_model, get_model
    from core.training.provenance import version_record

    v1, _ = two_versions
    _finished_run(workspace, "run-1", "qa:v1", record=version_record(v1))
    dataset = {**version_record(v1), "recorded": True}
    merged = _export(workspace, "tiny-f32", "merged", tiny_gguf, run_id="run-1", dataset=dataset)
    # An adapter export applied on the merged export's GGUF (a run fine-tuned from that merged model).
    adapter = _export(workspace, "tiny-lora", "adapter", tiny_gguf, run_id="run-1",
                      base=get_model(workspace, "tiny-f32"))
    runner = CliRunner()
    env = {"COLUMNS": "400"}

    listed = runner.invoke(exports_app, ["list"], env=env)
    assert listed.exit_code == 0, listed.output
    rows = {line.split()[0]: line.split() for line in listed.output.splitlines()[1:]}
    assert rows["tiny-f32"][:3] == ["tiny-f32", "merged", "F32"] and rows["tiny-f32"][5:7] == ["passed", "run-1"]
    assert rows["tiny-lora"][1] == "adapter"
    assert "tiny-lora" in listed.output

    shown = runner.invoke(exports_app, ["show", "tiny-f32"], env=env)
    assert shown.exit_code == 0, shown.output
    for text in (f"dataset: qa:v1 (id {v1.id})", f"sha256: {merged.sha256}", "run: run-1",
                 "catalog models: tiny-f32", "passed the exact gate on 42 tokens of the validation split of qa:v1",
                 "top-1 agreement 100.00%", "tiny-f32.gguf.sha256", "export.json"):
        assert text in shown.output, text
    # An export that recorded no version (made before exports did) shows its run's, and says so.
    older = runner.invoke(exports_app, ["show", "tiny-lora"], env=env)
    assert f"dataset: qa:v1 (id {v1.id}); the export did not record the dataset version" in older.output

    refused = runner.invoke(exports_app, ["remove", "tiny-f32", "--yes"], env=env)
    assert refused.exit_code == 1 and "export tiny-lora applies on tiny-f32.gguf" in refused.output
    assert merged.folder.is_dir() and find_model(workspace, "tiny-f32") is not None

    kept = runner.invoke(exports_app, ["remove", "tiny-lora"], input="n\n", env=env)
    assert kept.exit_code == 1 and adapter.folder.is_dir() and len(list_exports(workspace)) == 2
    gone = runner.invoke(exports_app, ["remove", "tiny-lora"], input="y\n", env=env)
    assert gone.exit_code == 0, gone.output
    assert not adapter.folder.exists() and [e.name for e in list_exports(workspace)] == ["tiny-f32"]
    assert find_model(workspace, "tiny-f32") is not None  # its base: another export's, not removed with it

    asked = runner.invoke(exports_app, ["remove", "tiny-f32"], input="y\n", env=env)
    assert asked.exit_code == 0, asked.output
    assert "the catalog model(s) tiny-f32 go too" in asked.output
    assert "removed export tiny-f32 and model(s) tiny-f32" in asked.output
    assert not merged.folder.exists() and list_exports(workspace) == []
    assert find_model(workspace, "tiny-f32") is None
    assert not [p for p in workspace.folder("exports").iterdir()]  # nothing left aside either


def test_an_export_whose_folder_cannot_move_is_left_whole(workspace, tiny_gguf, monkeypatch):
    import core.export.store as store
    from core.errors import HearthError
    from core.models import find_model

    record = _export(workspace, "tiny-f32", "merged", tiny_gguf, run_id=None)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store.os, "replace", refuse)
    with pytest.raises(HearthError, match="cannot remove the folder of export tiny-f32"):
        store.remove_export(workspace, "tiny-f32")
    assert record.folder.is_dir() and store.get_export(workspace, "tiny-f32") == record
    assert find_model(workspace, "tiny-f32") is not None
