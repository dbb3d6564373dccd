"""A training run as a job, end to end on a tiny model: outputs, a SIGKILL mid-run, and resume."""

from __future__ import annotations

import dataclasses
import json
import os
import signal

import pytest

from core.errors import DataError
from core.jobs import Cancelled, Done, Failed, Log, Metric, Progress, start_job
from core.training.recipe import TrainConfig
from core.training.run import TrainJob
from core.training.store import get_run, list_runs
from tests.tiny import tiny_model_and_dataset


@pytest.fixture
def setup(workspace, tmp_path):
    """A tiny base model in the catalog and a dataset version built on it."""
    tiny_model_and_dataset(workspace, tmp_path)
    return workspace


def job(**train) -> TrainJob:
    config = TrainConfig(**{"method": "lora", "lr": 2e-2, "max_steps": 6, "batch_size": 2, "lora_r": 4,
                            "save_every": 2, "warmup_ratio": 0.0, **train})
    return TrainJob(dataset="qa", model="tiny", train=config, seq_len=128, template="chatml", device="cpu")


def test_run_trains_and_leaves_an_adapter(setup):
    handle = start_job(setup, dataclasses.replace(job(), run_id="run-given"))
    events = list(handle.follow(timeout=120))
    final = events[-1]
    assert isinstance(final, Done), final
    assert final.result["run"] == "run-given"  # the id the caller gave, not one derived from the job's
    steps = [e for e in events if isinstance(e, Progress) and e.message.startswith("loss")]
    assert steps and all(e.eta is not None and e.eta >= 0 for e in steps) and steps[-1].eta == 0
    losses = [e.value for e in events if isinstance(e, Metric) and e.name == "loss"]
    assert len(losses) == 6 and losses[-1] < losses[0]
    run = get_run(setup, final.result["run"])
    assert run.state == "done" and run.step == 6 and run.total_steps == 6
    adapter = run.folder / "adapter"
    assert (adapter / "adapter_model.safetensors").is_file() and (adapter / "adapter_config.json").is_file()
    assert "<|im_start|>" in (adapter / "chat_template.jinja").read_text()
    assert json.loads((adapter / "chat_format.json").read_text())["name"] == "chatml"
    assert (adapter / "tokenizer.json").is_file()
    summary = json.loads((run.folder / "summary.json").read_text())
    assert summary["best_val_loss"] is not None
    # The pre-flight's estimate and the measured peak are both reported, and agree within 25%.
    assert 0.75 <= summary["memory_estimate_mib"] / summary["memory_peak_mib"] <= 1.25
    assert any(isinstance(e, Log) and e.message.startswith("training needs about") for e in events)


def test_killed_run_resumes_from_its_last_checkpoint(setup):
    handle = start_job(setup, job(max_steps=40, lr=1e-3))
    for event in handle.follow(timeout=120):
        if isinstance(event, Metric) and event.name == "loss" and event.step == 5:
            os.kill(handle.pid, signal.SIGKILL)
            break
    assert isinstance(handle.wait(60), Failed)
    [run] = list_runs(setup)
    assert run.state == "crashed"  # its row said running; its job's record says the process died
    checkpoints = sorted(p.name for p in (run.folder / "checkpoints").glob("step-*"))
    assert checkpoints and checkpoints[-1] == "step-000004"  # what was fully written before the kill

    resumed = start_job(setup, TrainJob(resume=run.id))
    events = list(resumed.follow(timeout=300))
    assert isinstance(events[-1], Done), events[-1]
    assert any(isinstance(e, Log) and "from step 4" in e.message for e in events)
    steps = [e.step for e in events if isinstance(e, Metric) and e.name == "loss"]
    assert steps[0] == 5 and steps[-1] == 40
    assert get_run(setup, run.id).state == "done"
    assert not list((run.folder / "checkpoints").glob(".*partial*"))  # what the kill left was swept


def test_dataset_longer_than_the_sequence_fails_early(setup):
    handle = start_job(setup, TrainJob(dataset="qa", model="tiny", train=TrainConfig(method="lora", max_steps=2),
                                seq_len=16, template="chatml", device="cpu"))
    final = handle.wait(120)
    assert isinstance(final, Failed) and final.error_type == DataError.__name__
    assert "fits in 16 tokens" in final.message and "--seq-len" in final.hint
    assert list_runs(setup)[0].state == "failed"


def test_cancel_keeps_a_checkpoint_of_the_step_it_reached_and_resumes(setup):
    handle = start_job(setup, job(max_steps=40, lr=1e-3, save_every=100))
    for event in handle.follow(timeout=120):
        if isinstance(event, Metric) and event.name == "loss" and event.step == 3:
            handle.cancel()
    assert isinstance(handle.wait(60), Cancelled)
    [run] = list_runs(setup)
    assert run.state == "cancelled"
    steps = sorted(int(p.name.split("-")[1]) for p in (run.folder / "checkpoints").glob("step-*"))
    assert steps and steps[-1] >= 3  # save_every is 100: this one was written by the cancel
    resumed = start_job(setup, TrainJob(resume=run.id))
    events = list(resumed.follow(timeout=300))
    first = next(e.step for e in events if isinstance(e, Metric) and e.name == "loss")
    assert first == steps[-1] + 1 and isinstance(events[-1], Done)


def test_qlora_run_on_the_cpu(setup):
    handle = start_job(setup, job(method="qlora", max_steps=3))
    events = list(handle.follow(timeout=300))
    assert isinstance(events[-1], Done), events[-1]
    assert sum(1 for e in events if isinstance(e, Metric) and e.name == "loss") == 3
    run = get_run(setup, events[-1].result["run"])
    config = json.loads((run.folder / "adapter" / "adapter_config.json").read_text())
    assert config["peft_type"] == "LORA" and config["r"] == 4


def test_prompt_tuning_run_says_before_training_that_it_cannot_be_exported(setup):
    handle = start_job(setup, job(method="prompt", max_steps=1, lr=1e-2))
    events = list(handle.follow(timeout=120))
    assert isinstance(events[-1], Done), events[-1]
    notices = [i for i, e in enumerate(events) if isinstance(e, Log) and e.message.startswith("export:")]
    first_loss = next(i for i, e in enumerate(events) if isinstance(e, Metric) and e.name == "loss")
    assert notices and notices[0] < first_loss
    assert "virtual tokens" in events[notices[0]].message and events[notices[0]].level == "WARNING"


def test_a_missing_dataset_or_model_fails_before_a_run_is_recorded(setup):
    for settings, named in (({"dataset": "nosuch", "model": "tiny"}, "nosuch"),
                            ({"dataset": "qa", "model": "no-such-model"}, "no-such-model")):
        final = start_job(setup, TrainJob(**settings, device="cpu")).wait(60)
        assert isinstance(final, Failed) and named in final.message and final.hint
    assert list_runs(setup) == []


def test_a_loss_that_stops_being_a_number_fails_the_run_at_that_step(setup):
    handle = start_job(setup, job(lr=1e30, max_steps=6))  # finite, but the weights overflow after one step
    events = list(handle.follow(timeout=120))
    final = events[-1]
    assert isinstance(final, Failed), final
    assert "training stopped at step" in final.message and "learning rate" in final.hint
    [run] = list_runs(setup)
    assert run.state == "failed" and run.step < 6


def test_numbers_that_are_not_finite_or_absurd_are_refused_by_the_settings():
    from core.errors import ConfigError

    for bad in ({"lr": float("nan")}, {"lr": float("inf")}, {"epochs": float("nan")}, {"max_steps": 2**63 - 1}):
        with pytest.raises(ConfigError):
            TrainConfig(**bad)


def test_a_lost_database_is_reported_and_the_repair_lists_what_is_on_disk_again(setup, hearth_home, tmp_path):
    import shutil
    import subprocess

    from tests.conftest import ROOT, hearth_command

    done = start_job(setup, job(max_steps=2)).wait(120)
    assert isinstance(done, Done), done
    killed = start_job(setup, job(max_steps=40, lr=1e-3))
    for event in killed.follow(timeout=120):
        if isinstance(event, Metric) and event.name == "loss" and event.step == 3:
            os.kill(killed.pid, signal.SIGKILL)
            break
    killed.wait(60)
    before = {run.id: run.state for run in list_runs(setup)}
    assert sorted(before.values()) == ["crashed", "done"]

    def hearth(*args: str, home=hearth_home) -> subprocess.CompletedProcess:
        return subprocess.run(hearth_command(*args), capture_output=True, text=True, cwd=ROOT, timeout=300,
                              env={**os.environ, "HEARTH_HOME": str(home), "COLUMNS": "200"})

    (hearth_home / "hearth.db").write_bytes(b"")  # as a full disk or a crash of the machine can leave it
    for command in (("data", "list"), ("runs", "list"), ("models", "list")):
        refused = hearth(*command)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert "is empty (0 bytes)" in refused.stderr and "hearth doctor --repair" in refused.stderr
    assert (hearth_home / "hearth.db").stat().st_size == 0  # nothing was written over it

    repaired = hearth("doctor", "--repair")
    assert repaired.returncode == 0, repaired.stderr
    assert "the old database was set aside as hearth.db.damaged-" in repaired.stdout
    data, runs, models = hearth("data", "list"), hearth("runs", "list"), hearth("models", "list")
    assert "qa:v1" in data.stdout and "tiny" in models.stdout, (data.stdout, models.stdout)
    for run_id in before:
        assert run_id in runs.stdout
    from core.workspace import Workspace

    rebuilt = {run.id: run.state for run in list_runs(Workspace(hearth_home))}
    assert rebuilt == before  # done with its summary; the killed one crashed, and resumable

    # The database keeps workspace paths relative: the whole folder moved elsewhere still works.
    moved = tmp_path / "moved-workspace"
    shutil.move(hearth_home, moved)
    shown = hearth("data", "show", "qa", home=moved)
    assert shown.returncode == 0 and "qa:v1" in shown.stdout, shown.stderr
    resumed = start_job(Workspace(moved), TrainJob(resume=next(r for r, s in before.items() if s == "crashed")))
    final = resumed.wait(300)
    assert isinstance(final, Done), final


def test_a_run_ended_by_sigterm_reads_as_crashed_at_once_and_cancel_says_so(setup, hearth_home):
    import subprocess

    from tests.conftest import ROOT, hearth_command

    handle = start_job(setup, job(max_steps=40, lr=1e-3))
    for event in handle.follow(timeout=120):
        if isinstance(event, Metric) and event.name == "loss" and event.step == 3:
            os.kill(handle.pid, signal.SIGTERM)
            break
    handle.wait(60)
    [run] = list_runs(setup)  # read right after the process ended: no run stays "running"
    assert run.state == "crashed"
    cancel = subprocess.run(hearth_command("runs", "cancel", run.id), capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "HEARTH_HOME": str(hearth_home)}, timeout=60)
    assert cancel.returncode == 0
    assert f"run {run.id} is not running (it is crashed)" in cancel.stdout
    assert f"hearth runs resume {run.id}" in cancel.stdout
