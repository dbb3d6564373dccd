"""Choose the CMake flags for building llama.cpp (through llama-cpp-python) on this machine.

Run by ``packaging/setup.sh`` before any dependency is installed, so it uses the
standard library only. It prints shell assignments:

    CMAKE_ARGS='...'   the flags for the llama.cpp build
    ENGINE_KEY='...'   a short key naming this build (flags + version), used as
                       the folder of the cached wheel so that a wheel built with
                       other flags is never reused by mistake

Why not ``-march=native`` (llama.cpp's default): on the cloud VMs Hearth is
developed on, the CPU lists AMX and a native build compiles llama.cpp's AMX
kernels in, and the first decode of a quantised model kills the process. It was
seen as SIGILL on ``tilezero`` on one VM, and (2026-11-28, llama-cpp-python
0.3.36) as a general-protection fault on ``ldtilecfg`` inside
``ggml_backend_amx_mul_mat`` on another, where ``hearth doctor``'s own AMX probe
runs fine: the kernels, not only the OS, are at fault. So the build is portable
(GGML_NATIVE=OFF), turns on the x86 extensions this CPU lists, and never AMX.

``--portable`` gives the flags of the engine that goes to other machines (the
offline bundle): llama.cpp's CPU backend built once per instruction-set level
(x64, SSE4.2, AVX, AVX2, AVX-512 and AVX-VNNI families) as loadable modules
beside the library, of which ``core.inference.native`` loads the best one the
CPU runs. The AMX variant is built too (ggml has no switch to leave it out) but
never loaded, and never packed. The modules do not reach llama-cpp-python's
wheel by themselves (``engine_modules.py`` says why and adds them).
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import shlex
from pathlib import Path

# ggml option -> /proc/cpuinfo flag that must be present for it.
_X86_OPTIONS = {
    "GGML_AVX": "avx",
    "GGML_AVX2": "avx2",
    "GGML_AVX_VNNI": "avx_vnni",
    "GGML_FMA": "fma",
    "GGML_F16C": "f16c",
    "GGML_AVX512": "avx512f",
    "GGML_AVX512_VBMI": "avx512vbmi",
    "GGML_AVX512_VNNI": "avx512_vnni",
    "GGML_AVX512_BF16": "avx512_bf16",
}
_ALWAYS_OFF = ("GGML_AMX_TILE", "GGML_AMX_INT8", "GGML_AMX_BF16", "GGML_CPU_ALL_VARIANTS")


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> set[str]:
    """The instruction-set flags the kernel reports for the first CPU."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def cmake_args(flags: set[str], cuda: bool) -> list[str]:
    """The llama.cpp CMake arguments for a machine with these CPU flags."""
    args = ["-DGGML_NATIVE=OFF", "-DLLAVA_BUILD=OFF"]
    if platform.machine() in ("x86_64", "AMD64"):
        for option, flag in _X86_OPTIONS.items():
            args.append(f"-D{option}={'ON' if flag in flags else 'OFF'}")
        args += [f"-D{option}=OFF" for option in _ALWAYS_OFF]
    if cuda:
        args.append("-DGGML_CUDA=on")
    return args


def portable_args(cuda: bool) -> list[str]:
    """The CMake arguments of an engine that runs on every x86-64 CPU with the best kernels each has."""
    args = ["-DGGML_NATIVE=OFF", "-DLLAVA_BUILD=OFF", "-DGGML_BACKEND_DL=ON", "-DGGML_CPU_ALL_VARIANTS=ON",
            # Relative: installed into the package's own lib folder, where core.inference.native looks.
            "-DGGML_BACKEND_DIR=llama_cpp/lib"]
    if cuda:
        args.append("-DGGML_CUDA=on")
    return args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuda", action="store_true", help="add the CUDA backend")
    parser.add_argument("--portable", action="store_true",
                        help="every x86-64 CPU, kernels chosen at run time (for the offline bundle)")
    parser.add_argument("--version", required=True, help="llama-cpp-python version")
    opts = parser.parse_args()
    args = portable_args(opts.cuda) if opts.portable else cmake_args(cpu_flags(), opts.cuda)
    joined = " ".join(args)
    digest = hashlib.sha256(f"{opts.version} {platform.machine()} {joined}".encode()).hexdigest()[:12]
    kind = f"{'cuda' if opts.cuda else 'cpu'}{'-portable' if opts.portable else ''}"
    key = f"{opts.version}-{kind}-{digest}"
    print(f"CMAKE_ARGS={shlex.quote(joined)}")
    print(f"ENGINE_KEY={shlex.quote(key)}")


if __name__ == "__main__":
    main()
