"""The chat engine: llama.cpp in a child process, chat formats, sampling options."""

from core.inference.engine import Engine, LoadCancelled, ModelInfo, Reply
from core.inference.options import LoadOptions, SamplingOptions
from core.inference.prompt import ContextOverflow
from core.inference.templates import PlainFormat, TemplateError, TemplateFormat

__all__ = [
    "ContextOverflow",
    "Engine",
    "LoadCancelled",
    "LoadOptions",
    "ModelInfo",
    "PlainFormat",
    "Reply",
    "SamplingOptions",
    "TemplateError",
    "TemplateFormat",
]
