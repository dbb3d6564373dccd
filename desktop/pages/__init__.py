"""The window's pages, one module each: chat, models, data, train, export, settings."""
