"""The chat page: conversations on the left, the messages in the middle, model and sampling on the right.

Every engine call goes through :class:`~desktop.engine.EngineService`, so the
window stays responsive while a model loads or a reply streams. The
conversation itself (what is stored, branches, regenerate, edit) is
:class:`core.chat.ChatSession`; this page only shows it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.chat import ChatSession, chat_models
from core.chat import conversations as conv
from core.errors import ConfigError, EngineCrashed, HearthError
from core.inference import Reply, SamplingOptions
from core.inference.filters import Rules
from core.workspace import Workspace
from desktop.dialogs import ask, show_error
from desktop.engine import CRASHED, GENERATING, LOADING, READY, EngineService
from desktop.forms import ChoiceEditor, ConfigForm
from desktop.pages.chat_widgets import AdapterList, ChatInput, MessageBubble, MessageView

__all__ = ["ChatPage"]


class ConversationList(QWidget):
    """Search, the conversations newest first, and their menu (rename, export, delete)."""

    chosen = Signal(str)
    newAsked = Signal()
    deleted = Signal(str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        self.new_button = QPushButton(self.tr("&New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.new_button.clicked.connect(self.newAsked)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        # Searching scans the database, so wait for a pause in typing.
        self._search_debounce = QTimer(self)
        self._search_debounce.setSingleShot(True)
        self._search_debounce.setInterval(200)
        self._search_debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_debounce.start)
        self.list = QListWidget()
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemActivated.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.list.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.ItemDataRole.UserRole)))
        for widget in (self.new_button, self.search, self.list):
            layout.addWidget(widget)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self.list, self._rename_current)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self._delete_current)
        self.setMinimumWidth(180)

    def refresh(self, *_: Any, select: str | None = None) -> None:
        current = select or self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for c in conv.list_conversations(self.ws, search=self.search.text() or None):
            item = QListWidgetItem(c.title or self.tr("New conversation"))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(f"{c.model or ''} · {c.updated_at[:16].replace('T', ' ')}")
            self.list.addItem(item)
            if c.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _menu(self, pos: Any) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), self._rename_current)
        menu.addAction(self.tr("Export…"), self._export_current)
        menu.addAction(self.tr("Delete"), self._delete_current)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _rename_current(self) -> None:
        conv_id = self.current_id()
        if conv_id is None:
            return
        title, ok = QInputDialog.getText(self, self.tr("Rename conversation"), self.tr("Title:"),
                                         text=self.list.currentItem().text())
        if ok and title.strip():
            self._guard(lambda: conv.rename_conversation(self.ws, conv_id, title))
            self.refresh()

    def _export_current(self) -> None:
        conv_id = self.current_id()
        if conv_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export conversation"), "conversation.md",
                                              self.tr("Markdown (*.md);;JSON (*.json)"))
        if path:
            self._guard(lambda: conv.export_conversation(self.ws, conv_id, path))

    def _delete_current(self) -> None:
        conv_id = self.current_id()
        if conv_id is None:
            return

        def answered(index: int) -> None:
            if index == 0:
                self._guard(lambda: conv.delete_conversation(self.ws, conv_id))
                self.deleted.emit(conv_id)
                self.refresh()

        ask(self, self.tr("Delete conversation"), self.tr("Delete “{0}” and all its messages?")
            .format(self.list.currentItem().text()),
            [(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole),
             (self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)], answered)

    def _guard(self, fn: Any) -> None:
        try:
            fn()
        except HearthError as exc:
            show_error(self, exc)


class ChatPage(QWidget):
    """Talk to the loaded model.

    Signals (for the window and tests): ``replyStarted``, ``replyChunk`` (each
    streamed piece), ``replyFinished`` (the Reply), ``replyFailed`` (the exception).
    """

    replyStarted = Signal()
    replyChunk = Signal(str)
    replyFinished = Signal(object)
    replyFailed = Signal(object)

    def __init__(self, ws: Workspace, engine: EngineService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.engine = ws, engine
        self.rules_file = ""  # the Settings' rules file (desktop.preferences), "" for none
        self.session: ChatSession | None = None
        self._editing: str | None = None
        self._reply_bubble: MessageBubble | None = None
        self._call: Any = None
        self.conversations = ConversationList(ws)
        self.conversations.chosen.connect(self.open_conversation)
        self.conversations.newAsked.connect(self.new_conversation)
        self.conversations.deleted.connect(lambda cid: self.new_conversation() if self._is_open(cid) else None)
        splitter = QSplitter()
        splitter.addWidget(self.conversations)
        splitter.addWidget(self._centre())
        splitter.addWidget(self._side_panel())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 640, 300])
        QVBoxLayout(self).addWidget(splitter)
        self._shortcuts()
        engine.stateChanged.connect(self._engine_state)
        engine.modelChanged.connect(self._model_changed)
        engine.notice.connect(self.show_notice)
        self.conversations.refresh()
        self.refresh_models()
        self._engine_state(engine.state, engine.detail)

    # -- layout ---------------------------------------------------------------
    def _centre(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 8)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setStyleSheet("QLabel#notice { background: rgba(240, 180, 40, 0.18); border: 1px solid "
                                  "rgba(200, 140, 20, 0.5); border-radius: 6px; padding: 6px; }")
        self.notice.setVisible(False)
        self.notice_close = QToolButton()
        self.notice_close.setText(self.tr("Dismiss"))
        self.notice_close.setVisible(False)
        self.notice_close.clicked.connect(lambda: (self.notice.setVisible(False), self.notice_close.setVisible(False)))
        self.view = MessageView()
        self.editing_label = QLabel()
        self.editing_label.setVisible(False)
        self.input = ChatInput()
        self.input.setObjectName("chatInput")
        self.input.setPlaceholderText(self.tr("Type a message. Enter sends, Shift+Enter starts a new line."))
        self.input.setAccessibleName(self.tr("Message"))
        self.input.sendAsked.connect(self.send)
        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setToolTip(self.tr("Send (Enter or Ctrl+Enter)"))
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton(self.tr("S&top"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        composer = QHBoxLayout()
        composer.addWidget(self.input, 1)
        composer.addLayout(buttons)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.notice_close, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(notice_row)
        for widget in (self.view, self.editing_label):
            layout.addWidget(widget)
        layout.setStretchFactor(self.view, 1)
        layout.addLayout(composer)
        return box

    def _side_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 8, 8, 8)
        model_box = QGroupBox(self.tr("Model"))
        form = QFormLayout(model_box)
        self.model_picker = ChoiceEditor()
        self.model_picker.combo.setObjectName("modelPicker")
        self.model_picker.combo.setToolTip(self.tr("The GGUF model to chat with (from the Models page)"))
        self.model_picker.combo.activated.connect(self._pick_model)
        form.addRow(self.tr("Model"), self.model_picker.widget)
        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setPlaceholderText(self.tr("Instructions sent before every turn (optional)"))
        self.system_prompt.setMaximumHeight(80)
        self.system_prompt.setAccessibleName(self.tr("System prompt"))
        form.addRow(self.tr("System prompt"), self.system_prompt)
        sampling_box = QGroupBox(self.tr("Sampling"))
        self.sampling = ConfigForm(SamplingOptions, exclude=("stop",))
        QVBoxLayout(sampling_box).addWidget(self.sampling)
        adapter_box = QGroupBox(self.tr("Adapters"))
        adapter_layout = QVBoxLayout(adapter_box)
        self.adapters = AdapterList()
        self.adapters.changed.connect(self._apply_adapters)
        add = QPushButton(self.tr("Add adapter…"))
        add.setToolTip(self.tr("Switch on a LoRA-GGUF adapter over the loaded model"))
        add.clicked.connect(self._add_adapter)
        adapter_layout.addWidget(self.adapters)
        adapter_layout.addWidget(add)
        for widget in (model_box, sampling_box, adapter_box):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(280)
        return scroll

    def _shortcuts(self) -> None:
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.stop)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.send)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_conversation)
        QShortcut(QKeySequence("Ctrl+R"), self, self.regenerate)

    # -- models -----------------------------------------------------------------
    def refresh_models(self) -> None:
        """The model picker's list: the catalog's GGUF models, and the loaded model if it is a file."""
        items = [(m.name, m.name) for m in chat_models(self.ws)]
        loaded = self.engine.model
        in_catalog = loaded is not None and loaded.name in [name for name, _ in items]
        if loaded is not None and not in_catalog:
            items.append((loaded.name, loaded.path))
        self.model_picker.set_items(items)
        if loaded is not None:
            self.model_picker.set(loaded.name if in_catalog else loaded.path)

    def _pick_model(self, _index: int) -> None:
        ref = self.model_picker.get()
        current = self.engine.model
        if ref and (current is None or ref not in (current.name, current.path)):
            self.engine.load(ref)

    def _model_changed(self, model: Any) -> None:
        self.refresh_models()
        if model is not None and self.adapters.adapters():  # a load drops the adapters: put them back
            self._apply_adapters(self.adapters.adapters())
        if model is not None and self.session is not None:
            self.session = ChatSession(self.ws, self.engine.engine, model, conversation_id=self.session.id,
                                       sampling=self.session.sampling)
            conv.set_model(self.ws, self.session.id, model.name)

    @property
    def can_send(self) -> bool:
        """A model is loaded (after a crash the engine restarts and reloads it on the next message)."""
        return self.engine.state in (READY, CRASHED) and self.engine.model is not None

    def _engine_state(self, state: str, detail: str) -> None:
        busy = state == GENERATING
        self.send_button.setEnabled(self.can_send)
        self.stop_button.setEnabled(busy)
        if state == LOADING:
            self.view.set_placeholder(self.tr("Loading {0}…").format(detail))
        elif state == READY:
            self.view.set_placeholder(self.tr("Chatting with {0}. Ask anything.").format(detail))
        elif state not in (GENERATING,):
            self.view.set_placeholder(self.tr("No model is loaded. Pick one under Model, or import one on the "
                                              "Models page."))

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(True)
        self.notice_close.setVisible(True)

    # -- adapters ---------------------------------------------------------------
    def _add_adapter(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a LoRA-GGUF adapter"), str(self.ws.root),
                                              self.tr("GGUF adapters (*.gguf)"))
        if path:
            self.adapters.add(path)

    def add_adapter(self, path: str, scale: float = 1.0) -> None:
        self.adapters.add(path, scale)

    def _apply_adapters(self, adapters: list[tuple[str, float]]) -> None:
        if self.engine.model is None:
            return
        self.engine.set_adapters(adapters, failed=lambda exc: show_error(self, exc, title=self.tr("Adapter")))

    # -- conversations ----------------------------------------------------------
    def _is_open(self, conversation_id: str) -> bool:
        return self.session is not None and self.session.id == conversation_id

    def new_conversation(self) -> None:
        if self.busy:
            return
        self.session = None
        self._cancel_edit()
        self.view.clear()
        self.system_prompt.clear()
        self.conversations.list.clearSelection()
        self._engine_state(self.engine.state, self.engine.detail)
        self.input.setFocus()

    def open_conversation(self, conversation_id: str) -> None:
        if self.busy or self._is_open(conversation_id):
            return
        model = self.engine.model
        if model is None:
            show_error(self, HearthError(self.tr("no model is loaded"), self.tr("pick a model first")))
            return
        self.session = ChatSession(self.ws, self.engine.engine, model, conversation_id=conversation_id,
                                   sampling=self._sampling() or SamplingOptions())
        self.system_prompt.setPlainText(self.session.conversation.system_prompt)
        self._cancel_edit()
        self.show_history()

    def show_history(self) -> None:
        """Draw the active branch of the open conversation from the database."""
        self.view.clear()
        if self.session is None:
            return
        # One query for every message, grouped by parent, instead of one per bubble.
        children: dict[str | None, list[str]] = {}
        for m in conv.list_messages(self.ws, self.session.id):
            children.setdefault(m.parent_id, []).append(m.id)
        for message in self.session.history():
            siblings = children.get(message.parent_id, [message.id])
            bubble = MessageBubble(message.role, message.content, message_id=message.id, status=message.status,
                                   siblings=siblings)
            if message.role == "assistant":
                bubble.finish(message.status, message.metrics)
            bubble.editAsked.connect(self.start_edit)
            bubble.regenerateAsked.connect(lambda _id: self.regenerate())
            bubble.branchAsked.connect(self._switch_branch)
            self.view.add(bubble)

    def _switch_branch(self, message_id: str) -> None:
        if self.session is None or self.busy:
            return
        conv.switch_branch(self.ws, self.session.id, message_id)
        self.show_history()

    # -- sending ----------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._call is not None and not self._call.ended

    def _sampling(self) -> SamplingOptions | None:
        try:
            return self.sampling.value()
        except ConfigError as exc:
            show_error(self, exc, title=self.tr("Sampling"))
            return None

    def _rules(self) -> Rules | None:
        """The rules file of the Settings, read again at each message (an edit counts at once); None when it
        cannot be read (said in a dialog: nothing is sent unguarded)."""
        if not self.rules_file:
            return Rules()
        try:
            return Rules.load(self.rules_file)
        except ConfigError as exc:
            show_error(self, exc, title=self.tr("Rules"))
            return None

    def _ready_session(self) -> ChatSession | None:
        sampling = self._sampling()
        model = self.engine.model
        rules = self._rules()
        if sampling is None or rules is None:
            return None
        if model is None:
            show_error(self, HearthError(self.tr("no model is loaded"), self.tr("pick a model first")))
            return None
        system = self.system_prompt.toPlainText().strip()
        if self.session is None:
            self.session = ChatSession(self.ws, self.engine.engine, model, system_prompt=system, sampling=sampling)
        else:
            self.session.sampling = sampling
            if system != self.session.conversation.system_prompt:
                self.session.set_system_prompt(system)
        self.session.rules = rules
        return self.session

    def send(self) -> None:
        """Send what is in the input box (or resend the message being edited)."""
        text = self.input.toPlainText().strip()
        if not text or self.busy or not self.can_send:
            return
        session = self._ready_session()
        if session is None:
            return
        editing, self._editing = self._editing, None
        self.input.clear()
        self._cancel_edit()
        if editing:
            self._start(lambda: session.edit(editing, text), text, replace_from=editing)
        else:
            self._start(lambda: session.send(text), text)

    def regenerate(self) -> None:
        """Another reply to the last question, kept beside the old one."""
        if self.busy or not self.can_send or self.session is None or not self.view.bubbles():
            return
        session = self._ready_session()
        if session is None:
            return
        bubbles = self.view.bubbles()
        if bubbles and bubbles[-1].role == "assistant":
            self.view._layout.removeWidget(bubbles[-1])
            bubbles[-1].deleteLater()
        self._start(session.regenerate, None)

    def start_edit(self, message_id: str) -> None:
        if self.busy or self.session is None:
            return
        message = conv.get_message(self.ws, message_id)
        self._editing = message_id
        self.input.setPlainText(message.content)
        self.input.setFocus()
        self.editing_label.setText(self.tr("Editing a question: sending makes a new branch (Esc cancels)."))
        self.editing_label.setVisible(True)

    def _cancel_edit(self) -> None:
        self._editing = None
        self.editing_label.setVisible(False)

    def _start(self, start: Any, text: str | None, replace_from: str | None = None) -> None:
        if replace_from is not None:  # the edited question and what followed it leave the view
            bubbles = self.view.bubbles()
            index = next((i for i, b in enumerate(bubbles) if b.message_id == replace_from), len(bubbles))
            for bubble in bubbles[index:]:
                self.view._layout.removeWidget(bubble)
                bubble.deleteLater()
        if text is not None:
            self.view.add(MessageBubble("user", text))
        self._reply_bubble = self.view.add(MessageBubble("assistant", status="pending"))
        self.view.start_streaming(self._reply_bubble)
        self._call = self.engine.stream(start, item=self._on_item, done=self._on_done, failed=self._on_failed)
        self.replyStarted.emit()

    def _on_item(self, item: Any) -> None:
        if isinstance(item, str) and self._reply_bubble is not None:
            self._reply_bubble.append(item)
            self.replyChunk.emit(item)

    def _on_done(self, reply: Reply) -> None:
        self.view.stop_streaming()
        self.show_history()
        self.conversations.refresh(select=self.session.id if self.session else None)
        self.replyFinished.emit(reply)

    def _on_failed(self, exc: BaseException) -> None:
        self.view.stop_streaming()
        self.show_history()
        self.conversations.refresh(select=self.session.id if self.session else None)
        retry = self.regenerate if isinstance(exc, EngineCrashed) else None
        title = self.tr("The engine stopped") if isinstance(exc, EngineCrashed) else self.tr("No reply")
        show_error(self, exc, title=title, retry=retry)
        self.replyFailed.emit(exc)

    def stop(self) -> None:
        """Stop the reply being streamed (Esc); or leave editing."""
        if self.busy:
            self.engine.stop()
        elif self._editing:
            self._cancel_edit()
            self.input.clear()
