"""llama.cpp's own converter (``convert_hf_to_gguf.py`` of the engine's version), run as the tests' oracle.

``packaging/setup.sh --dev`` keeps its files next to the engine wheel (``packaging/llama_converter.sh``) and
writes where into ``.venv/.hearth-llama-converter``; ``HEARTH_LLAMA_CONVERTER`` may point elsewhere.

llama.cpp's converter names a byte-level BPE pre-tokenizer by hashing how the tokenizer splits a fixed text,
which only the tokenizers of published models pass; a tokenizer made in a test is told which pre-tokenizer it
is (``pre``), everything else the converter works out itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_RUN = """
import sys
sys.path.insert(0, sys.argv[1])
pre = sys.argv[2]
if pre:
    from conversion.base import TextModel
    TextModel.get_vocab_base_pre = lambda self, tokenizer: pre
sys.argv = ["convert_hf_to_gguf.py", *sys.argv[3:]]
from convert_hf_to_gguf import main
main()
"""


def converter_folder() -> Path:
    """Where llama.cpp's converter is kept; an AssertionError that says how to get it when it is not."""
    given = os.environ.get("HEARTH_LLAMA_CONVERTER")
    if not given:
        record = ROOT / ".venv" / ".hearth-llama-converter"
        given = record.read_text().strip() if record.is_file() else ""
    folder = Path(given) if given else None
    assert folder is not None and (folder / "convert_hf_to_gguf.py").is_file(), (
        "llama.cpp's converter is not kept on this machine: run bash packaging/setup.sh --dev "
        "(or set HEARTH_LLAMA_CONVERTER to a folder holding convert_hf_to_gguf.py, conversion/ and gguf-py/)")
    return folder


def convert_with_llama_cpp(folder: Path, out: Path, outtype: str = "f32", pre: str = "") -> Path:
    """``folder`` converted by llama.cpp's own converter into ``out``."""
    tool = converter_folder()
    done = subprocess.run([sys.executable, "-c", _RUN, str(tool), pre, str(folder), "--outfile", str(out),
                           "--outtype", outtype], capture_output=True, text=True, cwd=tool)
    assert done.returncode == 0, f"llama.cpp's converter failed on {folder}:\n{done.stderr[-3000:]}"
    return out
