"""The pieces of the chat page: message bubbles, the message view, the input box, the adapter list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["AdapterList", "ChatInput", "MessageBubble", "MessageView", "metrics_text"]


def metrics_text(metrics: dict[str, Any]) -> str:
    """One line of a reply's measurements, for its tooltip."""
    if "tokens_per_s" not in metrics:
        return metrics.get("error", "")
    translate = QCoreApplication.translate
    parts = [translate("chat", "{0} tokens/s").format(f"{metrics['tokens_per_s']:.1f}"),
             translate("chat", "first token {0} s").format(f"{metrics.get('ttft_s', 0):.2f}"),
             translate("chat", "{0} tokens").format(metrics.get("generated_tokens", 0)),
             translate("chat", "prompt {0} ({1} cached)").format(metrics.get("prompt_tokens", 0),
                                                                  metrics.get("cached_tokens", 0))]
    if metrics.get("stop_reason") in ("length", "context_full", "stopped", "content_filter"):
        parts.append(translate("chat", "ended: {0}").format(metrics["stop_reason"]))
    return " · ".join(parts)


class MessageBubble(QFrame):
    """One message: its role, its text rendered as Markdown, and its actions.

    Signals carry the message id: ``copyAsked`` (the text), ``editAsked``,
    ``regenerateAsked``, ``branchAsked`` (the sibling's id to switch to).
    """

    editAsked = Signal(str)
    regenerateAsked = Signal(str)
    branchAsked = Signal(str)

    def __init__(self, role: str, text: str = "", *, message_id: str = "", status: str = "complete",
                 siblings: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role, self.message_id, self.status = role, message_id, status
        self._text = text
        self.setObjectName(f"bubble_{role}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        tint = "rgba(217, 105, 31, 0.10)" if role == "user" else "rgba(127, 127, 127, 0.06)"
        self.setStyleSheet(f"QFrame#bubble_{role} {{ background: {tint}; border: 1px solid rgba(127, 127, 127, 0.25);"
                           " border-radius: 8px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.addLayout(self._header(siblings))
        self.body = QLabel()
        self.body.setObjectName("messageText")
        self.body.setTextFormat(Qt.TextFormat.MarkdownText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.setOpenExternalLinks(False)
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.body)
        self._render()

    def _header(self, siblings: Sequence[str]) -> QHBoxLayout:
        row = QHBoxLayout()
        names = {"user": self.tr("You"), "assistant": self.tr("Assistant"), "system": self.tr("System")}
        self.title = QLabel(f"<b>{names.get(self.role, self.role)}</b>")
        row.addWidget(self.title)
        if len(siblings) > 1 and self.message_id in siblings:
            row.addWidget(self._branch_switcher(list(siblings)))
        row.addStretch(1)
        self.copy_button = self._tool(self.tr("Copy"), self.tr("Copy this message"), self.copy)
        row.addWidget(self.copy_button)
        if self.role == "user":
            row.addWidget(self._tool(self.tr("Edit"), self.tr("Edit and resend as a new branch"),
                                     lambda: self.editAsked.emit(self.message_id)))
        elif self.role == "assistant":
            self.regenerate_button = self._tool(self.tr("Regenerate"), self.tr("Another reply, as a new branch"),
                                                lambda: self.regenerateAsked.emit(self.message_id))
            row.addWidget(self.regenerate_button)
        return row

    def _branch_switcher(self, siblings: list[str]) -> QWidget:
        index = siblings.index(self.message_id)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        back = self._tool("‹", self.tr("Previous branch"), lambda: self.branchAsked.emit(siblings[index - 1]))
        ahead = self._tool("›", self.tr("Next branch"), lambda: self.branchAsked.emit(siblings[index + 1]))
        back.setEnabled(index > 0)
        ahead.setEnabled(index < len(siblings) - 1)
        label = QLabel(f"{index + 1}/{len(siblings)}")
        label.setObjectName("branchLabel")
        for widget in (back, label, ahead):
            row.addWidget(widget)
        return box

    @staticmethod
    def _tool(text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    @property
    def text(self) -> str:
        return self._text

    def _render(self) -> None:
        shown = self._text or ("…" if self.status == "pending" else "")
        if self.status == "cut" and self._text:
            shown += "\n\n*" + self.tr("[cut short]") + "*"
        elif self.status == "error":
            shown += "\n\n*" + self.tr("[failed]") + "*"
        self.body.setText(shown)

    def append(self, piece: str) -> None:
        self._text += piece

    def refresh(self) -> None:
        self._render()

    def finish(self, status: str, metrics: dict[str, Any]) -> None:
        self.status = status
        self.setToolTip(metrics_text(metrics))
        self._render()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self._text)


class MessageView(QScrollArea):
    """The messages of the active branch, newest at the bottom; follows a streaming reply."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner.setObjectName("messageArea")
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(16, 12, 16, 12)
        self._layout.setSpacing(10)
        self._layout.addStretch(1)
        self.setWidget(inner)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setObjectName("chatPlaceholder")
        self._layout.insertWidget(0, self.placeholder)
        self._flush = QTimer(self)
        self._flush.setInterval(50)  # render a streaming reply at most 20 times a second
        self._flush.timeout.connect(self._render_streaming)
        self._streaming: MessageBubble | None = None

    def bubbles(self) -> list[MessageBubble]:
        return [self._layout.itemAt(i).widget() for i in range(self._layout.count())
                if isinstance(self._layout.itemAt(i).widget(), MessageBubble)]

    def clear(self) -> None:
        for bubble in self.bubbles():
            self._layout.removeWidget(bubble)
            bubble.deleteLater()
        self._streaming = None
        self._flush.stop()

    def add(self, bubble: MessageBubble) -> MessageBubble:
        self._layout.insertWidget(self._layout.count() - 1, bubble)
        self.placeholder.setVisible(False)
        QTimer.singleShot(0, self.scroll_to_end)
        return bubble

    def set_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.placeholder.setVisible(not self.bubbles() and bool(text))

    def start_streaming(self, bubble: MessageBubble) -> None:
        self._streaming = bubble
        self._flush.start()

    def stop_streaming(self) -> None:
        self._flush.stop()
        if self._streaming is not None:
            self._streaming.refresh()
        self._streaming = None

    def _render_streaming(self) -> None:
        if self._streaming is not None:
            bar = self.verticalScrollBar()
            at_end = bar.value() >= bar.maximum() - 40
            self._streaming.refresh()
            if at_end:
                QTimer.singleShot(0, self.scroll_to_end)

    def scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())


class ChatInput(QPlainTextEdit):
    """The message box: Enter or Ctrl+Enter sends, Shift+Enter starts a new line."""

    sendAsked = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & \
                Qt.KeyboardModifier.ShiftModifier:
            self.sendAsked.emit()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(400, 72)


class AdapterList(QWidget):
    """LoRA-GGUF adapters, each switched on or off and scaled; ``changed`` carries [(path, scale)]."""

    changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, QCheckBox, QSlider, QWidget]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(self.tr("No adapters. Add a LoRA-GGUF file, or export a run as an adapter."))
        self.empty.setWordWrap(True)
        self._layout.addWidget(self.empty)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(lambda: self.changed.emit(self.adapters()))

    def paths(self) -> list[str]:
        return [path for path, *_ in self._rows]

    def add(self, path: str, scale: float = 1.0) -> None:
        if path in self.paths():
            return
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        check = QCheckBox(Path(path).name)
        check.setChecked(True)
        check.setToolTip(path)
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(0, 200)
        slider.setValue(round(scale * 100))
        slider.setToolTip(self.tr("Scale: how strongly the adapter acts (0 to 2)"))
        slider.setAccessibleName(self.tr("Adapter scale"))
        value = QLabel(f"{scale:.2f}")
        value.setMinimumWidth(32)
        slider.valueChanged.connect(lambda v: value.setText(f"{v / 100:.2f}"))
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this adapter"))
        remove.clicked.connect(lambda: self._remove(path))
        for widget in (check, slider, value, remove):
            line.addWidget(widget)
        check.toggled.connect(self._debounce.start)
        slider.valueChanged.connect(self._debounce.start)
        self._rows.append((path, check, slider, row))
        self._layout.addWidget(row)
        self.empty.setVisible(False)
        self._debounce.start()

    def _remove(self, path: str) -> None:
        for entry in list(self._rows):
            if entry[0] == path:
                self._rows.remove(entry)
                entry[3].deleteLater()
        self.empty.setVisible(not self._rows)
        self._debounce.start()

    def adapters(self) -> list[tuple[str, float]]:
        """[(path, scale)], scale 0 for one switched off."""
        return [(path, slider.value() / 100 if check.isChecked() else 0.0) for path, check, slider, _ in self._rows]
