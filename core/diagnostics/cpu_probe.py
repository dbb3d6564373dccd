"""Execute one instruction of an x86 extension, to prove the CPU and the OS let it run.

``python -m core.diagnostics.cpu_probe avx512f`` prints ``ok`` and exits 0 when the
instruction ran; an extension the OS has not enabled kills the process with
SIGILL instead, which is why the caller runs this in a child process. A CPU
flag in /proc/cpuinfo says what the hardware has, not what a program may use.

AMX needs two things from Linux first: the process asks for permission to use
the tile data state (arch_prctl ARCH_REQ_XCOMP_PERM), and the tiles are
configured (LDTILECFG) before TILEZERO. The probe does both, as a correct
program would.
"""

from __future__ import annotations

import ctypes
import mmap
import sys

_RET = "c3"
_VZEROUPPER = "c5f877"
# feature (as /proc/cpuinfo names it) -> machine code of one instruction using it.
PROBES = {
    "avx": "c5fc57c0" + _VZEROUPPER,  # vxorps ymm0, ymm0, ymm0
    "avx2": "c5fdfec0" + _VZEROUPPER,  # vpaddd ymm0, ymm0, ymm0
    "fma": "c4e27db8c0" + _VZEROUPPER,  # vfmadd231ps ymm0, ymm0, ymm0
    "f16c": "c4e27d13c0" + _VZEROUPPER,  # vcvtph2ps ymm0, xmm0
    "avx512f": "62f17d48efc0" + _VZEROUPPER,  # vpxord zmm0, zmm0, zmm0
    "avx512_vnni": "62f27d4850c0" + _VZEROUPPER,  # vpdpbusd zmm0, zmm0, zmm0
    "avx512_bf16": "62f27e4852c0" + _VZEROUPPER,  # vdpbf16ps zmm0, zmm0, zmm0
    "avx_vnni": "c4e27d50c0" + _VZEROUPPER,  # {vex} vpdpbusd ymm0, ymm0, ymm0
    # ldtilecfg [rdi]; tilezero tmm0; tilerelease
    "amx_tile": "c4e2784907" "c4e27b49c0" "c4e27849c0",
    # The negative control: UD2 faults on every x86 CPU, proving a fault is seen.
    "ud2": "0f0b",
}
_ARCH_REQ_XCOMP_PERM = 0x1023
_XFEATURE_XTILEDATA = 18
_SYS_ARCH_PRCTL = 158  # x86_64


def _tile_config() -> ctypes.Array:
    cfg = (ctypes.c_uint8 * 64)()
    cfg[0] = 1  # palette 1
    ctypes.c_uint16.from_buffer(cfg, 16).value = 64  # tmm0: 64 bytes a row
    cfg[48] = 16  # tmm0: 16 rows
    return cfg


def run(feature: str) -> None:
    """Execute the probe instruction for ``feature`` in this process."""
    code = bytes.fromhex(PROBES[feature] + _RET)
    arg = None
    if feature == "amx_tile":
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.syscall(_SYS_ARCH_PRCTL, _ARCH_REQ_XCOMP_PERM, ctypes.c_ulong(_XFEATURE_XTILEDATA)) != 0:
            print("the kernel refused AMX tile data permission", file=sys.stderr)
            raise SystemExit(3)
        arg = _tile_config()
    page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    page.write(code)
    address = ctypes.addressof(ctypes.c_char.from_buffer(page))
    ctypes.CFUNCTYPE(None, ctypes.c_void_p)(address)(ctypes.addressof(arg) if arg is not None else None)
    print("ok")


if __name__ == "__main__":
    run(sys.argv[1])
