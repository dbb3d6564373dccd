"""The train page: the pre-flight follows the form, a tiny run plots its loss live, and cancel stops it."""

from __future__ import annotations

import pytest

from core.chat import conversations as conv
from core.jobs import Cancelled
from core.training.store import list_runs
from tests.tiny import tiny_model_and_dataset

pytestmark = pytest.mark.desktop
pytest_plugins = ["tests.desktop_fixtures"]


@pytest.fixture
def tiny_base(workspace, tmp_path):
    """A tiny Llama in the catalog as "tiny" and a dataset version "qa" measured with its tokenizer."""
    tiny_model_and_dataset(workspace, tmp_path)


def _fill(page, **train):
    page.refresh()
    page.form.set_values(dataset="qa:v1", model="tiny", seq_len=128, template="chatml", device="cpu",
                         train={"method": "lora", "lr": 2e-2, "max_steps": 400, "batch_size": 2, "lora_r": 4,
                                "save_every": 2, "warmup_ratio": 0.0, **train})


def test_preflight_follows_the_form(qtbot, window, tiny_base):
    from core.training.recipe import TrainConfig

    page = window.train
    window.show_page("train")
    lr = page.form.subforms["train"].editors["lr"].widget
    assert lr.toolTip() == TrainConfig.__dataclass_fields__["lr"].metadata["help"]  # help text as the tooltip
    with qtbot.waitSignal(page.checked, timeout=30_000) as first:
        _fill(page)
    assert first.args[0].verdict is not None, first.args[0]
    small = first.args[0].verdict
    assert small.status == "fits" and page.preflight.text().startswith("<b")
    assert "LoRA-GGUF adapter: yes" in page.exportability.text() or "unavailable" in page.exportability.text()
    with qtbot.waitSignal(page.checked, timeout=30_000) as second:
        page.form.set_values(train={"batch_size": 8})
    assert second.args[0].verdict.estimate.total > small.estimate.total  # a bigger batch needs more


def test_a_tiny_run_plots_its_loss_and_cancels(qtbot, window, workspace, tiny_base):
    page = window.train
    window.show_page("train")
    _fill(page)
    page.start_button.click()
    assert not page.start_button.isEnabled() and window.jobs.running
    qtbot.waitUntil(lambda: len(page.plot.points["loss"]) >= 2, timeout=120_000)
    steps = [step for step, _loss in page.plot.points["loss"]]
    assert steps[:2] == [1, 2]
    assert page.plot.train.getData()[0] is not None and len(page.plot.train.getData()[0]) >= 2  # drawn
    with qtbot.waitSignal(page.runEnded, timeout=60_000) as ended:
        page.progress.cancel_button.click()
    assert isinstance(ended.args[0], Cancelled)
    [run] = list_runs(workspace)
    assert run.state == "cancelled" and 0 < run.step < 400
    assert page.start_button.isEnabled() and not window.jobs.running
    page.runs.select_key(run.id)
    assert page.resume_button.isEnabled()


@pytest.mark.slow
def test_a_finished_run_exports_and_chats_with_its_adapter(qtbot, window, workspace, tiny_base):
    from core.jobs import Done

    train = window.train
    _fill(train, max_steps=4)
    with qtbot.waitSignal(train.runEnded, timeout=300_000) as ended:
        train.start()
    assert isinstance(ended.args[0], Done), ended.args[0]
    page = window.export
    window.show_page("export")
    page.refresh()
    page.runs.selectRow(0)
    assert page.export_button.isEnabled()
    page.form.set_values(adapter_only=True, verify=False)
    with qtbot.waitSignal(page.exportEnded, timeout=600_000) as exported:
        page.export_button.click()
    assert isinstance(exported.args[0], Done), exported.args[0]
    assert page.exports.rowCount() == 1 and page.chat_button.isEnabled()
    # the adapter export names the format its run trained with, for whoever prompts it (compare, generate)
    from core.export.store import list_exports, trained_chat_format

    adapter, run = list_exports(workspace)[0].path, list_runs(workspace)[0]
    assert trained_chat_format(workspace, adapter) == str(run.folder / "adapter" / "chat_format.json")
    assert trained_chat_format(workspace, workspace.root / "elsewhere.gguf") is None
    with qtbot.waitSignal(window.engine.modelChanged, timeout=60_000):
        page.chat_button.click()
    chat = window.chat
    assert window.current_page() is chat and chat.adapters.paths()
    chat.sampling.set_values(temperature=0.0, max_tokens=4)
    chat.input.setPlainText("What is fact 1 about the K1?")
    with qtbot.waitSignal(chat.replyFinished, timeout=60_000):
        chat.send()
    reply = conv.active_branch(workspace, chat.session.id)[-1]
    assert [a["path"] for a in reply.adapters] == chat.adapters.paths()  # the reply was made with the adapter on
