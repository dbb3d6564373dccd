"""The chat page, driven through the real window offscreen: a streamed reply appears, a reply stops."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from core.chat import conversations as conv

pytestmark = pytest.mark.desktop
pytest_plugins = ["tests.desktop_fixtures"]


def test_a_message_gets_a_streamed_reply(qtbot, window, workspace):
    page = window.chat
    assert window.engine_label.text().endswith("ready")
    page.sampling.set_values(temperature=0.0, max_tokens=24)
    chunks: list[str] = []
    page.replyChunk.connect(chunks.append)
    qtbot.keyClicks(page.input, "the quick brown fox")
    with qtbot.waitSignal(page.replyFinished, timeout=30_000) as finished:
        qtbot.keyClick(page.input, Qt.Key.Key_Return)
    reply = finished.args[0]
    assert len(chunks) > 1 and "".join(chunks) == reply.text  # it streamed, piece by piece
    user, assistant = page.view.bubbles()
    assert (user.role, user.text) == ("user", "the quick brown fox")
    assert assistant.text == reply.text and assistant.body.text().startswith(reply.text.strip()[:10])
    assert "tokens/s" in assistant.toolTip()  # the reply's metrics on hover
    assert page.input.toPlainText() == ""
    [listed] = conv.list_conversations(workspace)
    assert page.conversations.list.item(0).text() == listed.title == "the quick brown fox"


def test_escape_stops_a_reply_and_keeps_what_arrived(qtbot, window, workspace):
    page = window.chat
    page.sampling.set_values(temperature=1.0, seed=3, max_tokens=3000)
    page.input.setPlainText("tell me everything")
    with qtbot.waitSignal(page.replyChunk, timeout=30_000):
        page.send_button.click()
    assert page.stop_button.isEnabled() and not page.send_button.isEnabled()
    with qtbot.waitSignal(page.replyFinished, timeout=30_000) as finished:
        qtbot.keyClick(page.input, Qt.Key.Key_Escape)
    reply = finished.args[0]
    assert reply.stop_reason == "stopped" and reply.metrics["generated_tokens"] < 3000
    assistant = page.view.bubbles()[-1]
    assert assistant.status == "cut" and "[cut short]" in assistant.body.text()
    stored = conv.active_branch(workspace, page.session.id)[-1]
    assert stored.status == "cut" and stored.content == reply.text
    assert page.send_button.isEnabled() and not page.stop_button.isEnabled()


def test_regenerate_keeps_both_replies_as_branches(qtbot, window, workspace):
    page = window.chat
    page.sampling.set_values(temperature=1.0, seed=1, max_tokens=8)
    page.input.setPlainText("hello")
    with qtbot.waitSignal(page.replyFinished, timeout=30_000):
        page.send()
    first = page.view.bubbles()[-1].message_id
    page.sampling.set_values(seed=2)
    with qtbot.waitSignal(page.replyFinished, timeout=30_000):
        page.view.bubbles()[-1].regenerate_button.click()
    last = page.view.bubbles()[-1]
    assert last.message_id != first
    assert [m.id for m in conv.siblings(workspace, last.message_id)] == [first, last.message_id]
    assert last.findChild(type(last.title), "branchLabel").text() == "2/2"


def test_edit_and_resend_makes_a_branch_and_keeps_the_old_one(qtbot, window, workspace):
    page = window.chat
    page.sampling.set_values(temperature=0.0, max_tokens=6)
    page.input.setPlainText("first question")
    with qtbot.waitSignal(page.replyFinished, timeout=30_000):
        page.send()
    old_question = page.view.bubbles()[0].message_id
    page.start_edit(old_question)
    assert page.input.toPlainText() == "first question" and page.editing_label.isVisible()
    page.input.setPlainText("second question")
    with qtbot.waitSignal(page.replyFinished, timeout=30_000):
        qtbot.keyClick(page.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    user, _assistant = page.view.bubbles()
    assert user.text == "second question" and user.findChild(type(user.title), "branchLabel").text() == "2/2"
    assert len(conv.list_messages(workspace, page.session.id)) == 4  # nothing overwritten
    [back] = [b for b in user.findChildren(QToolButton) if b.text() == "‹"]
    back.click()  # back to the first branch
    assert page.view.bubbles()[0].text == "first question"


def test_loading_a_model_moves_the_status_bar_through_the_services_signal(qtbot, window, tiny_gguf):
    seen: list[float] = []
    window.engine.loadProgress.connect(seen.append)
    with qtbot.waitSignal(window.engine.modelChanged, timeout=60_000):
        window.engine.load(str(tiny_gguf))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    assert window.load_bar.value() == 100
