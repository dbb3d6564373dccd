"""Chat: a conversation with a model in the engine, and the conversations kept in the workspace.

- :mod:`core.chat.session`: the session the window and the terminal share (send, stop, regenerate, edit,
  adapters), and which models can be chatted with.
- :mod:`core.chat.conversations`: the branching conversation store (SQLite), search and export.
"""

from core.chat.session import ChatModel, ChatSession, chat_format_for, chat_models, check_text, resolve_chat_model

__all__ = ["ChatModel", "ChatSession", "chat_format_for", "chat_models", "check_text", "resolve_chat_model"]
