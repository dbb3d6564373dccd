"""Export: a run or a Hugging Face model to a verified GGUF, merged or as a LoRA-GGUF adapter.

:mod:`.merge` folds an adapter into its full-precision base, :mod:`.quantize`
runs llama.cpp's quantiser, :mod:`.verify` compares llama.cpp with torch,
:mod:`.run` holds the export and convert jobs, :mod:`.records` the exports
table, and :mod:`.preflight` the verdict training asks for before it starts.
The submodules import torch and llama_cpp lazily; import them directly.
"""
