"""The server page: start and stop the local OpenAI-compatible API, with its key, snippets, log and charts.

The server runs in a thread of the window's process (``server.run.Running``) with its batching engine; while it
serves, the chat page's replies go through that engine too (``EngineService.share``), so one copy of a model is
in memory, and the chat's own engine comes back when the server stops. Binding beyond this computer needs a
key: one is made when the local network is chosen, and can be copied.
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections import deque
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import HearthError
from core.inference import LoadOptions
from core.serve import ServeOptions, served_models
from core.workspace import Workspace
from desktop.dialogs import show_error
from desktop.plots import themed

__all__ = ["ServerPage"]

_LOG_ROWS = 200
_WINDOW_S = 120  # seconds the charts show


class ServerPage(QWidget):
    """Model, address, port, slots and key; Start/Stop; how to call it; the requests as they come."""

    stateChanged = Signal(str, str)  # from the server's thread: state, detail
    recorded = Signal(dict)  # from the server's thread: one request's record

    def __init__(self, ws: Workspace, engine: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.engine = engine  # the window's EngineService, which shares the server's engine while it serves
        self.running: Any = None
        self._serial = 0
        self.state = "stopped"
        self._per_second: deque[tuple[float, int, list[float]]] = deque()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(QLabel("<h2>" + self.tr("Server") + "</h2>"))
        layout.addWidget(QLabel(self.tr("An OpenAI-compatible API for other programs on this computer or your "
                                        "network: several requests are answered together.")))
        layout.addWidget(self._settings_box())
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("&Start the server"))
        self.start_button.setObjectName("serverStart")
        self.start_button.clicked.connect(self.toggle)
        self.status = QLabel(self.tr("Stopped."))
        self.status.setObjectName("serverStatus")
        self.status.setWordWrap(True)
        row.addWidget(self.start_button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self.snippets = QPlainTextEdit()
        self.snippets.setReadOnly(True)
        self.snippets.setMaximumHeight(120)
        layout.addWidget(QLabel(self.tr("Call it from a terminal or from Python:")))
        layout.addWidget(self.snippets)
        charts = QHBoxLayout()
        self.rate_plot, self.rate_curve = self._plot(self.tr("requests per second"))
        self.ttft_plot, self.ttft_curve = self._plot(self.tr("time to first token (s)"))
        charts.addWidget(self.rate_plot)
        charts.addWidget(self.ttft_plot)
        layout.addLayout(charts)
        self.log = QTableWidget(0, 6)
        self.log.setObjectName("serverLog")
        self.log.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Route"), self.tr("Model"), self.tr("Status"),
                                            self.tr("Tokens"), self.tr("Seconds")])
        self.log.horizontalHeader().setStretchLastSection(True)
        self.log.setColumnWidth(1, 190)
        self.log.setWordWrap(False)
        self.log.verticalHeader().setVisible(False)
        layout.addWidget(self.log, 1)
        self.stateChanged.connect(self._state)
        self.recorded.connect(self._record)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._redraw)
        self.timer.start(1000)
        self.refresh_models()
        self._update_snippets()

    # -- the settings ----------------------------------------------------------------------------------------
    def _settings_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Settings"))
        form = QFormLayout(box)
        self.model = QComboBox()
        self.model.setObjectName("serverModel")
        self.bind = QComboBox()
        self.bind.addItem(self.tr("This computer only"), "127.0.0.1")
        self.bind.addItem(self.tr("The local network (needs the key)"), "0.0.0.0")
        self.bind.currentIndexChanged.connect(self._bind_changed)
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(8080)
        self.port.valueChanged.connect(self._update_snippets)
        self.parallel = QSpinBox()
        self.parallel.setRange(1, 16)
        self.parallel.setValue(4)
        self.key = QLineEdit()
        self.key.setObjectName("serverKey")
        self.key.setReadOnly(True)
        self.key.setPlaceholderText(self.tr("none: only programs on this computer can call it"))
        keys = QHBoxLayout()
        keys.addWidget(self.key, 1)
        make = QPushButton(self.tr("New key"))
        make.clicked.connect(self.new_key)
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.key.text()))
        keys.addWidget(make)
        keys.addWidget(copy)
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Who can call it"), self.bind)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Replies decoded together"), self.parallel)
        form.addRow(self.tr("API key"), keys)
        return box

    def showEvent(self, event: Any) -> None:
        if self.running is None:  # exports made since appear without a restart
            self.refresh_models()
        super().showEvent(event)

    def refresh_models(self) -> None:
        current = self.model.currentText()
        self.model.clear()
        for model in served_models(self.ws):
            self.model.addItem(model.id)
        if current:
            self.model.setCurrentText(current)

    def new_key(self) -> None:
        self.key.setText(secrets.token_urlsafe(32))
        self._update_snippets()

    def _bind_changed(self) -> None:
        if self.bind.currentData() != "127.0.0.1" and not self.key.text():
            self.new_key()  # the network needs a key: one is made at once
        self._update_snippets()

    def _update_snippets(self) -> None:
        host = "127.0.0.1" if self.bind.currentData() == "127.0.0.1" else _this_address()
        url = f"http://{host}:{self.port.value()}/v1"
        key = self.key.text() or "none"
        auth = f' -H "Authorization: Bearer {key}"' if self.key.text() else ""
        model = self.model.currentText() or "MODEL"
        self.snippets.setPlainText(
            f'curl {url}/chat/completions{auth} -H "Content-Type: application/json" \\\n'
            f'  -d \'{{"model": "{model}", "messages": [{{"role": "user", "content": "Hello"}}]}}\'\n\n'
            f"from openai import OpenAI\n"
            f'client = OpenAI(base_url="{url}", api_key="{key}")\n'
            f'print(client.chat.completions.create(model="{model}", messages=[{{"role": "user", "content": '
            f'"Hello"}}]).choices[0].message.content)')

    # -- start and stop --------------------------------------------------------------------------------------
    def toggle(self) -> None:
        if self.running is not None:
            self.stop()
            return
        from server.run import Running

        try:
            options = ServeOptions(host=self.bind.currentData(), port=self.port.value(),
                                   parallel=self.parallel.value())
            keys = [self.key.text()] if self.key.text() else []
            if not self.model.currentText():
                raise HearthError(self.tr("There is no model to serve."), self.tr("Import one on the Models page."))
            self._serial += 1
            serial = self._serial  # a stopped server's late word must not reach the next one
            self.running = Running(self.ws, options, LoadOptions(n_ctx=2048), model=self.model.currentText(),
                                   api_keys=keys, on_record=self.recorded.emit,
                                   on_state=lambda state, detail: self._from(serial, state, detail))
        except Exception as exc:
            self.running = None
            show_error(self, exc, title=self.tr("The server could not start"))
            return
        self._set_editable(False)
        self.start_button.setText(self.tr("&Stop the server"))

    def _from(self, serial: int, state: str, detail: str) -> None:
        if serial == self._serial:
            self.stateChanged.emit(state, detail)

    def stop(self) -> None:
        """Stop the server; its thread ends in the background (open streams get a moment to finish)."""
        running, self.running = self.running, None
        if self.engine is not None:
            self.engine.unshare()
        if running is not None:
            self._serial += 1
            threading.Thread(target=running.stop, name="hearth-serve-stop", daemon=True).start()
        self._set_editable(True)
        self.start_button.setText(self.tr("&Start the server"))
        self.status.setText(self.tr("Stopped."))
        self.state = "stopped"

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.model, self.bind, self.port, self.parallel):
            widget.setEnabled(editable)

    def _state(self, state: str, detail: str) -> None:
        self.state = state
        texts = {"loading": self.tr("Loading {0}…"), "serving": self.tr("Serving at {0}"),
                 "stopped": self.tr("Stopped."), "failed": self.tr("Failed: {0}")}
        self.status.setText(texts[state].format(detail))
        if state == "serving" and self.engine is not None and self.running is not None:
            self.engine.share(self.running.host)
        if state == "failed":
            self.stop()
            self.status.setText(texts["failed"].format(detail))
            self.state = "failed"

    # -- the log and the charts ------------------------------------------------------------------------------
    def _record(self, record: dict[str, Any]) -> None:
        self.log.insertRow(0)
        tokens = record.get("completion_tokens")
        values = [record.get("time", "")[11:19], record.get("route", ""), record.get("model", ""),
                  str(record.get("status", "")), "" if tokens is None else str(tokens),
                  f"{record.get('latency_s', 0):.2f}"]
        for column, value in enumerate(values):
            self.log.setItem(0, column, QTableWidgetItem(value))
        while self.log.rowCount() > _LOG_ROWS:
            self.log.removeRow(self.log.rowCount() - 1)
        second = int(time.monotonic())
        if not self._per_second or self._per_second[-1][0] != second:
            self._per_second.append((second, 0, []))
        _, count, ttfts = self._per_second[-1]
        if record.get("ttft_s") is not None:
            ttfts.append(record["ttft_s"])
        self._per_second[-1] = (second, count + 1, ttfts)

    def _redraw(self) -> None:
        now = int(time.monotonic())
        while self._per_second and self._per_second[0][0] < now - _WINDOW_S:
            self._per_second.popleft()
        xs = [second - now for second, _, _ in self._per_second]
        self.rate_curve.setData(xs, [count for _, count, _ in self._per_second])
        points = [(second - now, sorted(t)[len(t) // 2]) for second, _, t in self._per_second if t]
        self.ttft_curve.setData([x for x, _ in points], [y for _, y in points])

    def _plot(self, label: str) -> tuple[pg.PlotWidget, Any]:
        plot = pg.PlotWidget()
        themed(plot)
        plot.setMinimumHeight(140)
        plot.setMaximumHeight(190)  # the request log below gets the rest
        plot.setLabel("left", label)
        plot.setLabel("bottom", self.tr("seconds ago"))
        curve = plot.plot([], [], pen=pg.mkPen("#d9691f", width=2), symbol="o", symbolSize=4)
        return plot, curve


def _this_address() -> str:
    """This computer's address on the local network (for the snippets), or its name."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            return probe.getsockname()[0]
    except OSError:
        return socket.gethostname()
