"""Export: a run or a Hugging Face model to a verified GGUF, merged or as a LoRA-GGUF adapter.

:mod:`.merge` folds an adapter into its full-precision base, :mod:`.quantize`
runs llama.cpp's quantiser, :mod:`.verify` compares llama.cpp with torch,
:mod:`.run` holds the export and convert jobs, :mod:`.records` the exports
table. The verdict training asks for before it starts (can the result be exported?) is
:func:`converters.export_verdict`, below both training and export.
The submodules import torch and llama_cpp lazily; import them directly.
"""
