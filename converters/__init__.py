"""GGUF writers: HF -> GGUF and LoRA -> GGUF converters, one module per architecture family.

Built on the ``gguf`` library. Imports neither ``core`` nor ``desktop``.
"""
