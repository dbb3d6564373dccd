"""The engine's CPU kernels: a portable build's variant chosen as llama.cpp would, AMX never."""

from __future__ import annotations

from pathlib import Path

from core.inference.native import choose_variant, cpu_variant, load_llama_cpp, variant_name


def test_the_best_variant_this_cpu_runs_is_chosen():
    # Scores as ggml's variants return them: 0 when the CPU lacks an instruction set the variant needs.
    scores = {"x64": 1, "sse42": 3, "haswell": 75, "skylakex": 0, "zen4": 0}
    assert choose_variant(scores) == "haswell"
    assert choose_variant({**scores, "skylakex": 163, "zen4": 1203}) == "zen4"


def test_the_amx_variant_is_never_chosen():
    assert choose_variant({"icelake": 600, "sapphirerapids": 9000}) == "icelake"
    assert choose_variant({"sapphirerapids": 9000}) is None
    assert choose_variant({"x64": 0}) is None


def test_variant_names_come_from_the_file_names():
    assert variant_name(Path("/x/libggml-cpu-haswell.so")) == "haswell"
    assert variant_name(Path("libggml-cpu-x64.so")) == "x64"


def test_the_installed_engine_loads_and_says_which_kernels_it_runs():
    llama_cpp = load_llama_cpp()
    assert load_llama_cpp() is llama_cpp  # once per process
    lib = Path(llama_cpp.__file__).parent / "lib"
    variants = sorted(variant_name(p) for p in lib.glob("libggml-cpu-*.so"))
    # setup.sh's build links its kernels in; the bundle's portable build carries variants.
    assert cpu_variant() in (variants or ["built in"])
    assert cpu_variant() != "sapphirerapids"


def test_a_backend_module_that_cannot_load_says_why(tmp_path):
    from core.inference.native import _why_not

    broken = tmp_path / "libggml-cuda.so"
    broken.write_bytes(b"not a shared library, and long enough for the loader to read its header" * 20)
    reason = _why_not(broken)
    assert reason.startswith("not loaded: ") and "ELF" in reason  # the loader's own words (invalid ELF header)
