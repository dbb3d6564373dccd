"""Put a portable engine's backend modules into its wheel.

llama.cpp built with ``GGML_BACKEND_DL`` writes its CPU variants (and any GPU
backend) as loadable modules, ``libggml-cpu-haswell.so`` and so on, and
installs them into ``GGML_BACKEND_DIR``. llama-cpp-python 0.3.36 gives CMake
that folder as a path relative to its source tree, which CMake makes absolute
in the temporary source folder pip builds in: the modules never reach the
wheel. This step adds them from the build folder (pip's
``--config-settings=build-dir=...``) into the wheel's ``llama_cpp/lib``, where
``core.inference.native`` loads them, and records them in the wheel's RECORD.
The AMX variant is left out (packaging/engine_flags.py says why).

Run: python packaging/engine_modules.py WHEEL BUILD_DIR     (the CPU variants of a portable build)
     python packaging/engine_modules.py WHEEL --add MODULE...  (another backend: the CUDA variant's
                                                                libggml-cuda.so, built by engine_cuda.sh)
"""

from __future__ import annotations

import base64
import hashlib
import sys
import zipfile
from pathlib import Path

LEFT_OUT = ("libggml-cpu-sapphirerapids.so",)


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def backend_modules(build_dir: Path) -> list[Path]:
    """The backend modules a GGML_BACKEND_DL build left in ``build_dir``'s ``bin``."""
    found = [p for p in sorted((build_dir / "bin").glob("libggml-*.so"))
             if not p.name.startswith("libggml-base") and p.name not in LEFT_OUT]
    if not any(p.name.startswith("libggml-cpu-") for p in found):
        raise SystemExit(f"no CPU backend modules in {build_dir}/bin: was it built with GGML_BACKEND_DL?")
    return found


def add_modules(wheel: Path, modules: list[Path]) -> None:
    """Rewrite ``wheel`` with ``modules`` in ``llama_cpp/lib`` and RECORD updated (atomically)."""
    partial = wheel.with_suffix(".partial")
    with zipfile.ZipFile(wheel) as old, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as new:
        record_name = next(n for n in old.namelist() if n.endswith(".dist-info/RECORD"))
        added = {f"llama_cpp/lib/{m.name}": m.read_bytes() for m in modules}
        for item in old.infolist():
            if item.filename != record_name and item.filename not in added:
                new.writestr(item, old.read(item))
        for name, data in added.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o755 << 16
            new.writestr(info, data, zipfile.ZIP_DEFLATED)
        record = [line for line in old.read(record_name).decode().splitlines()
                  if line and line.split(",")[0] not in added]
        record += [_record_line(name, data) for name, data in added.items()]
        new.writestr(record_name, "\n".join(record) + "\n")
    partial.replace(wheel)


def main() -> None:
    if len(sys.argv) >= 4 and sys.argv[2] == "--add":
        wheel, modules = Path(sys.argv[1]), [Path(m) for m in sys.argv[3:]]
        missing = [str(m) for m in modules if not m.is_file()]
        if missing:
            raise SystemExit(f"no such module: {', '.join(missing)}")
    elif len(sys.argv) == 3:
        wheel, modules = Path(sys.argv[1]), backend_modules(Path(sys.argv[2]))
    else:
        raise SystemExit("\n".join(__doc__.strip().splitlines()[-3:]))
    add_modules(wheel, modules)
    print(f"added {', '.join(m.name for m in modules)} to {wheel.name}", file=sys.stderr)


if __name__ == "__main__":
    main()
