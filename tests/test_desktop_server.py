"""The server page: start on a free port, answer a request with the key it made, log it, stop."""

from __future__ import annotations

import socket

import httpx
import pytest

pytestmark = pytest.mark.desktop
pytest_plugins = ["tests.desktop_fixtures"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_server_page_serves_with_its_key_logs_requests_and_stops(qtbot, workspace, tiny_gguf):
    from core.models import import_gguf
    from desktop.pages.server import ServerPage

    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    page = ServerPage(workspace)
    qtbot.addWidget(page)
    assert [page.model.itemText(i) for i in range(page.model.count())] == ["tiny"]
    assert page.key.text() == ""
    page.bind.setCurrentIndex(1)  # the local network: a key is made at once
    key = page.key.text()
    assert len(key) >= 32 and f"Bearer {key}" in page.snippets.toPlainText()
    page.bind.setCurrentIndex(0)  # back to this computer, keeping the key
    page.port.setValue(_free_port())
    with qtbot.waitSignal(page.stateChanged, timeout=60_000, check_params_cb=lambda s, _d: s == "serving"):
        page.toggle()
    assert not page.port.isEnabled() and page.status.text().startswith("Serving at http://127.0.0.1:")
    url = f"http://127.0.0.1:{page.port.value()}/v1"
    qtbot.waitUntil(lambda: _answers(f"{url}/models", key), timeout=30_000)
    assert httpx.get(f"{url}/models").status_code == 401  # the key it made is needed
    with qtbot.waitSignal(page.recorded, timeout=60_000):
        reply = httpx.post(f"{url}/chat/completions", headers={"Authorization": f"Bearer {key}"}, timeout=60,
                           json={"model": "tiny", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 3})
    assert reply.status_code == 200
    assert page.log.rowCount() == 1 and page.log.item(0, 1).text() == "/v1/chat/completions"
    assert page.log.item(0, 3).text() == "200" and page.log.item(0, 4).text() == "3"
    page._redraw()
    assert sum(page.rate_curve.getData()[1]) == 1  # the chart counts it
    page.stop()
    assert page.port.isEnabled() and page.status.text() == "Stopped."
    qtbot.waitUntil(lambda: not _answers(f"{url}/models", key), timeout=30_000)  # its thread ends meanwhile


def _answers(url: str, key: str) -> bool:
    try:
        return httpx.get(url, headers={"Authorization": f"Bearer {key}"}, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_while_the_server_serves_the_chat_shares_its_engine(qtbot, window, workspace, tiny_gguf):
    """One copy of the model: the chat's replies go through the server's batching engine while it serves (the
    chat's own engine process ends), and the chat's own engine comes back when the server stops."""
    from core.models import import_gguf
    from core.serve import SharedEngine

    import_gguf(workspace, tiny_gguf, "tiny", copy=False)
    own = window.engine.engine
    assert own.alive
    page, chat = window.server, window.chat
    page.refresh_models()
    page.model.setCurrentText("tiny")
    page.port.setValue(_free_port())
    serving = qtbot.waitSignal(page.stateChanged, timeout=60_000, check_params_cb=lambda s, _d: s == "serving")
    with qtbot.waitSignal(window.engine.modelChanged, timeout=60_000), serving:
        page.toggle()
    assert window.engine.shared and isinstance(window.engine.engine, SharedEngine)
    qtbot.waitUntil(lambda: not own.alive, timeout=30_000)  # the chat's own engine process ended
    host = page.running.host
    chat.sampling.set_values(temperature=0.0, max_tokens=5)
    chat.input.setPlainText("hello there")
    with qtbot.waitSignal(chat.replyFinished, timeout=60_000) as finished:
        chat.send()
    reply = finished.args[0]
    assert reply.metrics["generated_tokens"] > 0 and chat.view.bubbles()[-1].text == reply.text
    assert host.engine.loads == 1  # the server's copy answered the chat: nothing else was loaded

    with qtbot.waitSignal(window.engine.modelChanged, timeout=60_000):
        page.stop()
    assert not window.engine.shared and window.engine.engine is own and own.alive
    chat.input.setPlainText("and again")
    with qtbot.waitSignal(chat.replyFinished, timeout=60_000):
        chat.send()
