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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuda", action="store_true", help="add the CUDA backend")
    parser.add_argument("--version", required=True, help="llama-cpp-python version")
    opts = parser.parse_args()
    args = cmake_args(cpu_flags(), opts.cuda)
    joined = " ".join(args)
    digest = hashlib.sha256(f"{opts.version} {platform.machine()} {joined}".encode()).hexdigest()[:12]
    key = f"{opts.version}-{'cuda' if opts.cuda else 'cpu'}-{digest}"
    print(f"CMAKE_ARGS={shlex.quote(joined)}")
    print(f"ENGINE_KEY={shlex.quote(key)}")


if __name__ == "__main__":
    main()
