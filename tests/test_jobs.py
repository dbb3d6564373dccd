"""The job runner: each way a job can end is decided and recorded by the parent."""

from __future__ import annotations

import os
import signal

import pytest

from core.jobs import (
    Artifact,
    Cancelled,
    Done,
    Failed,
    Log,
    Metric,
    Progress,
    get_job,
    read_events,
    start_function,
)
from core.jobs.store import follow_events
from core.workspace import TEMP_MARK
from tests import job_samples


def _temps(root):
    return sorted(p.name for p in root.rglob(f"*{TEMP_MARK}*"))


@pytest.fixture
def good_artifact(hearth_home):
    """The last good version of an artifact, which no failed job may damage."""
    path = hearth_home / "exports" / "model.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("good model v1\n")
    return path


def _first_progress(handle):
    for event in handle.follow(timeout=60):
        if isinstance(event, Progress):
            return event
    raise AssertionError("the job ended before reporting progress")


def test_successful_job_streams_events_and_records_them(workspace, good_artifact):
    handle = start_function(workspace, "sample", job_samples.succeed, {"steps": 3})
    seen = list(handle.follow(timeout=60))

    assert [e.done for e in seen if isinstance(e, Progress)] == [1, 2, 3]
    assert [round(e.value, 3) for e in seen if isinstance(e, Metric)] == [1.0, 0.5, 0.333]
    assert any(isinstance(e, Log) and "starting with" in e.message for e in seen)
    assert isinstance(seen[-1], Done) and seen[-1].result == {"steps": 3}
    assert handle.wait(30) == seen[-1]
    assert good_artifact.read_text() == "good model v2\n"
    assert any(isinstance(e, Artifact) for e in seen)
    # The file holds what the parent saw, in order, and replays to the same events.
    assert read_events(handle.events_path) == seen
    rec = get_job(workspace, handle.id)
    assert (rec.state, rec.exit_code) == ("done", 0)
    assert rec.started_at and rec.ended_at


@pytest.mark.parametrize(
    ("target", "message", "hint"),
    [
        (job_samples.raise_plain, "ValueError: the data ran out at record 7", ""),
        (job_samples.raise_hearth, "lr is -1.0; it must be at least 0", "give a positive learning rate"),
    ],
)
def test_job_that_raises_is_failed_with_its_message(workspace, target, message, hint):
    handle = start_function(workspace, "sample", target, {})
    final = handle.wait(60)

    assert isinstance(final, Failed) and not final.crashed
    assert (final.message, final.hint) == (message, hint)
    assert "Traceback" in final.traceback
    rec = get_job(workspace, handle.id)
    assert (rec.state, rec.message) == ("failed", message)


def test_os_exit_is_a_crash_and_leaves_nothing_half_written(workspace, good_artifact):
    handle = start_function(workspace, "sample", job_samples.exit_midway, {"code": 3})
    final = handle.wait(60)

    assert isinstance(final, Failed) and final.crashed
    assert final.exit_code == 3
    assert "exited with code 3" in final.message
    assert "about to leave without a word" in final.log_tail
    assert good_artifact.read_text() == "good model v1\n"
    assert _temps(workspace.root) == []
    rec = get_job(workspace, handle.id)
    assert (rec.state, rec.exit_code) == ("crashed", 3)


def test_exit_code_zero_without_a_result_is_still_a_crash(workspace):
    final = start_function(workspace, "sample", job_samples.exit_midway, {"code": 0}).wait(60)
    assert isinstance(final, Failed) and final.crashed and final.exit_code == 0


def test_sigkill_from_outside_is_a_crash(workspace, good_artifact):
    handle = start_function(workspace, "sample", job_samples.wait_for_kill, {})
    _first_progress(handle)
    assert len(_temps(workspace.root)) == 1  # the write in progress

    os.kill(handle.pid, signal.SIGKILL)
    final = handle.wait(60)

    assert isinstance(final, Failed) and final.crashed
    assert final.exit_code == -signal.SIGKILL
    assert "SIGKILL" in final.message
    assert good_artifact.read_text() == "good model v1\n"
    assert _temps(workspace.root) == []
    assert get_job(workspace, handle.id).state == "crashed"


def test_segfault_is_a_crash(workspace):
    final = start_function(workspace, "sample", job_samples.segfault, {}).wait(60)
    assert isinstance(final, Failed) and final.crashed
    assert final.exit_code == -signal.SIGSEGV
    assert "SIGSEGV" in final.message
    assert "Fatal Python error: Segmentation fault" in final.log_tail


def test_cooperative_cancel(workspace):
    handle = start_function(workspace, "sample", job_samples.cooperative, {}, grace=30)
    _first_progress(handle)
    handle.cancel()
    final = handle.wait(60)

    assert final == Cancelled("cooperative")
    rec = get_job(workspace, handle.id)
    assert (rec.state, rec.exit_code) == ("cancelled", 0)


@pytest.mark.parametrize(("ignore_sigterm", "how", "code"), [(False, "terminated", -signal.SIGTERM),
                                                             (True, "killed", -signal.SIGKILL)])
def test_cancel_escalates_to_signals(workspace, good_artifact, ignore_sigterm, how, code):
    handle = start_function(workspace, "sample", job_samples.ignore_cancel, {"ignore_sigterm": ignore_sigterm},
                       grace=0.5)
    _first_progress(handle)
    handle.cancel()
    final = handle.wait(60)

    assert final == Cancelled(how)
    rec = get_job(workspace, handle.id)
    assert (rec.state, rec.exit_code) == ("cancelled", code)
    assert good_artifact.read_text() == "good model v1\n"
    assert _temps(workspace.root) == []


def test_cancel_from_another_process_through_the_job_folder(workspace):
    from core.jobs import request_cancel

    handle = start_function(workspace, "sample", job_samples.cooperative, {}, grace=30)
    _first_progress(handle)
    request_cancel(get_job(workspace, handle.id).folder)
    assert handle.wait(60) == Cancelled("cooperative")


def test_follow_events_from_the_file_matches_the_parent(workspace):
    handle = start_function(workspace, "sample", job_samples.succeed, {"steps": 4, "note": "line\u2028sep \x85 end"})
    followed = list(follow_events(workspace, handle.id[:12], poll=0.05))
    seen_by_parent = list(handle.follow(timeout=60))
    assert followed == seen_by_parent == read_events(handle.events_path)
    assert isinstance(followed[-1], Done)
    assert any(isinstance(e, Log) and "\u2028" in e.message for e in followed)


def test_ctrl_c_reaching_the_job_does_not_end_it(workspace):
    handle = start_function(workspace, "sample", job_samples.cooperative, {}, grace=30)
    _first_progress(handle)
    os.kill(handle.pid, signal.SIGINT)  # a terminal's Ctrl+C reaches the whole process group
    with pytest.raises(TimeoutError):
        handle.wait(1.0)
    handle.cancel()
    assert handle.wait(60) == Cancelled("cooperative")


def test_a_job_without_a_living_runner_is_marked_interrupted(workspace):
    from core.jobs.store import insert_job, update_job

    folder = workspace.folder("jobs") / "orphan"
    folder.mkdir()
    insert_job(workspace, "orphan", "train", folder)
    # A pid that cannot be alive, for both the job and the process that ran it.
    update_job(workspace, "orphan", state="running", pid=2**22 + 1, owner_pid=2**22 + 1)
    assert get_job(workspace, "orphan").state == "interrupted"


def test_a_pid_the_system_gave_to_a_newer_process_is_not_taken_for_the_job(workspace):
    import subprocess

    from core.jobs.store import insert_job, update_job

    folder = workspace.folder("jobs") / "reused"
    folder.mkdir()
    insert_job(workspace, "reused", "train", folder)
    newer = subprocess.Popen(["sleep", "30"])  # alive, but started long after the job below
    try:
        # The record's processes started at other moments than the ones that now hold these pids.
        update_job(workspace, "reused", state="running", pid=newer.pid, owner_pid=newer.pid, pid_started=1,
                   owner_started=1)
        assert get_job(workspace, "reused").state == "interrupted"
    finally:
        newer.kill()
        newer.wait()


def test_replay_skips_a_line_cut_short(tmp_path):
    from core.jobs.events import event_line

    path = tmp_path / "events.jsonl"
    path.write_text(event_line(Progress(1, 2)) + event_line(Done({"a": 1})).rstrip("\n")[:-5])
    assert read_events(path) == [Progress(1, 2)]


def test_job_target_must_be_importable(workspace):
    from core.errors import JobError

    def local_job(config, control):
        yield Progress(0)

    with pytest.raises(JobError, match="module-level"):
        start_function(workspace, "sample", local_job, {})


def test_every_job_spec_names_a_job_function_and_a_kind_of_its_own():
    import dataclasses
    import importlib

    from core.data.generate import GenerateJob
    from core.data.versions import ImportJob
    from core.eval.compare import CompareJob
    from core.eval.judge import JudgeJob
    from core.eval.run import EvalConfig
    from core.export.run import ConvertJob, ExportJob
    from core.jobs.demo import DemoConfig
    from core.models.download import DownloadConfig
    from core.training.run import TrainJob

    specs = (ImportJob, GenerateJob, EvalConfig, CompareJob, JudgeJob, ConvertJob, ExportJob, DemoConfig,
             DownloadConfig, TrainJob)
    for spec in specs:
        module, _, name = spec.TARGET.partition(":")
        assert callable(getattr(importlib.import_module(module), name)), spec.TARGET
        # Class variables, not fields: they are neither saved with the job nor shown in a form.
        assert {"KIND", "TARGET"}.isdisjoint(f.name for f in dataclasses.fields(spec))
    assert len({spec.KIND for spec in specs}) == len(specs)


def test_start_job_refuses_settings_that_do_not_name_their_job(workspace):
    from core.errors import JobError
    from core.jobs import start_job

    with pytest.raises(JobError, match="does not name its job"):
        start_job(workspace, {"steps": 3})


def test_a_job_is_recorded_as_its_kind_and_gets_its_workspace(workspace):
    from core.jobs import start_job
    from core.jobs.demo import DemoConfig

    handle = start_job(workspace, DemoConfig(steps=1, step_seconds=0.0))
    assert isinstance(handle.wait(60), Done)
    assert get_job(workspace, handle.id).kind == "demo"
    final = start_function(workspace, "sample", job_samples.report_workspace, {}).wait(60)
    assert isinstance(final, Done)
    assert final.result == {"workspace": str(workspace.root), "jobs": str(workspace.folder("jobs"))}


def test_a_job_whose_parent_is_killed_goes_on_and_records_its_own_end(hearth_home):
    import subprocess
    import time

    from core.jobs import Done, Progress
    from core.jobs.store import get_job, list_jobs, read_events
    from core.workspace import Workspace
    from tests.conftest import ROOT, hearth_command

    parent = subprocess.Popen(hearth_command("jobs", "demo", "--steps", "20", "--step-seconds", "0.1"), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "HEARTH_HOME": str(hearth_home)})
    ws = Workspace(hearth_home)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        jobs = list_jobs(ws)
        if jobs and jobs[0].events_path.exists() and len(jobs[0].events_path.read_text().splitlines()) >= 3:
            break
        time.sleep(0.05)
    os.kill(parent.pid, signal.SIGKILL)  # the command is gone; its job is not
    parent.wait(10)
    job = jobs[0]
    while time.monotonic() < deadline and get_job(ws, job.id).state in ("starting", "running"):
        time.sleep(0.1)
    record = get_job(ws, job.id)
    assert record.state == "done", record
    events = read_events(job.events_path)
    assert isinstance(events[-1], Done)
    assert max(e.done for e in events if isinstance(e, Progress)) == 20  # every step after the kill is there
