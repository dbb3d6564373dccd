"""The model catalog: GGUF files and Hugging Face folders a workspace knows, checked before use.

- :mod:`core.models.gguf_info`: check a GGUF file and read its metadata.
- :mod:`core.models.hf_folder`: check a Hugging Face folder (safetensors only).
- :mod:`core.models.catalog`: import, list, show, remove; template overrides.
- :mod:`core.models.download`: fetch from the Hugging Face hub, as a job, when online.
- :mod:`core.models.default`: the packaged Gemma 3 270M default model and its terms notice.
"""

from core.models.catalog import (
    ModelRecord,
    ProgressCallback,
    add_gguf_record,
    check_model_files,
    find_model,
    get_model,
    import_gguf,
    import_hf,
    list_models,
    remove_model,
    set_template_override,
    sha256_file,
)
from core.models.default import DEFAULT_MODEL_NAME, DEFAULT_MODEL_PACKAGE, ensure_default_model, gemma_terms_notice
from core.models.download import (
    DownloadConfig,
    check_online,
    choose_files,
    download_model,
    run_download,
    start_download,
)
from core.models.gguf_info import END_OF_TURN_MARKERS, GGUFInfo, inspect_gguf
from core.models.hf_folder import HFInfo, inspect_hf_folder

__all__ = [
    "DEFAULT_MODEL_NAME",
    "DEFAULT_MODEL_PACKAGE",
    "END_OF_TURN_MARKERS",
    "DownloadConfig",
    "GGUFInfo",
    "HFInfo",
    "ModelRecord",
    "ProgressCallback",
    "add_gguf_record",
    "check_model_files",
    "check_online",
    "choose_files",
    "download_model",
    "ensure_default_model",
    "find_model",
    "gemma_terms_notice",
    "get_model",
    "import_gguf",
    "import_hf",
    "inspect_gguf",
    "inspect_hf_folder",
    "list_models",
    "remove_model",
    "run_download",
    "set_template_override",
    "sha256_file",
    "start_download",
]
