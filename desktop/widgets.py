"""Small widgets the pages share: a progress line with cancel, a page title, a read-only table."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

__all__ = ["ProgressLine", "Table", "human_bytes", "human_count", "title"]


def title(text: str) -> QLabel:
    label = QLabel(f"<h2>{text}</h2>")
    label.setObjectName("pageTitle")
    return label


def human_bytes(n: int | float | None) -> str:
    if not n:
        return ""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return ""


def human_count(n: int | None) -> str:
    """Parameters as 270M, 1.2B."""
    if not n:
        return ""
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if n >= limit:
            return f"{n / limit:.3g}{suffix}"
    return str(n)


def _eta(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressLine(QWidget):
    """A task's progress bar, what it is doing, its remaining time, and a Cancel button."""

    cancelAsked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.label = QLabel()
        self.label.setMinimumWidth(200)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancelAsked)
        row.addWidget(self.bar, 1)
        row.addWidget(self.label, 2)
        row.addWidget(self.cancel_button)
        self._started = 0.0
        self._first: tuple[float, float] | None = None
        self.setVisible(False)

    def start(self, text: str = "", cancellable: bool = True) -> None:
        self._started, self._first = time.monotonic(), None
        self.bar.setRange(0, 0)  # busy until the first measure
        self.label.setText(text)
        self.cancel_button.setEnabled(cancellable)
        self.cancel_button.setVisible(cancellable)
        self.setVisible(True)

    def update_progress(self, done: float, total: float, text: str = "", eta: float | None = None) -> None:
        """Show ``done`` of ``total`` (total 0: unknown) and the time left: ``eta`` when the task knows it, else at
        the rate so far."""
        now = time.monotonic()
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(1000 * min(done / total, 1.0)))
            if self._first is None or done < self._first[1]:
                self._first = (now, done)
            elapsed, moved = now - self._first[0], done - self._first[1]
            if eta is None and moved > 0 and elapsed > 0:
                eta = (total - done) * elapsed / moved
            if eta is not None:
                left = self.tr("{0} left").format(_eta(eta))
                text = (text + " · " + left) if text else left
        else:
            self.bar.setRange(0, 0)
        if text:
            self.label.setText(text)

    def finish(self, text: str = "") -> None:
        self.bar.setRange(0, 1000)
        self.bar.setValue(1000)
        self.label.setText(text)
        self.cancel_button.setEnabled(False)


class Table(QTableWidget):
    """A read-only, row-selecting table filled from rows of values."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setWordWrap(False)

    def fill(self, rows: Sequence[Sequence[Any]], keys: Sequence[Any] | None = None,
             highlight: Sequence[bool] | None = None, tips: Sequence[str] | None = None) -> None:
        """Replace the rows; ``keys`` are kept on each row's first cell, ``highlight`` marks rows in red."""
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem("" if value is None else str(value))
                if c == 0 and keys is not None:
                    item.setData(Qt.ItemDataRole.UserRole, keys[r])
                if highlight is not None and highlight[r]:
                    item.setBackground(QColor(220, 60, 60, 60))
                if tips is not None and tips[r]:
                    item.setToolTip(tips[r])
                self.setItem(r, c, item)

    def current_key(self) -> Any:
        row = self.currentRow()
        item = self.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_key(self, key: Any) -> None:
        for row in range(self.rowCount()):
            if self.item(row, 0).data(Qt.ItemDataRole.UserRole) == key:
                self.selectRow(row)
                return
