"""``hearth doctor`` and the engine build it checks."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest

from core.diagnostics import hardware
from core.diagnostics.selfcheck import parse_system_info
from tests.conftest import ROOT, hearth_command, load_script

_flags = load_script("packaging/engine_flags.py")
cmake_args, portable_args = _flags.cmake_args, _flags.portable_args

x86_linux = pytest.mark.skipif(platform.machine() != "x86_64" or sys.platform != "linux",
                               reason="the instruction probes are x86-64 Linux machine code")


def test_parse_system_info():
    text = "CPU : SSE3 = 1 | AVX2 = 1 | AMX_INT8 = 0 | OPENMP = 1 | \n"
    assert parse_system_info(text) == {"SSE3": "1", "AVX2": "1", "AMX_INT8": "0", "OPENMP": "1"}


def test_build_flags_follow_the_cpu_and_never_enable_amx():
    if platform.machine() != "x86_64":
        pytest.skip("x86 flags only")
    laptop = cmake_args({"avx", "avx2", "fma", "f16c", "amx_tile", "amx_int8"}, cuda=False)
    assert "-DGGML_NATIVE=OFF" in laptop
    assert "-DGGML_AVX2=ON" in laptop and "-DGGML_AVX512=OFF" in laptop
    assert {"-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF"} <= set(laptop)
    assert "-DGGML_CUDA=on" not in laptop
    server = cmake_args({"avx", "avx2", "avx512f", "avx512_vnni"}, cuda=True)
    assert "-DGGML_AVX512=ON" in server and "-DGGML_AVX512_VNNI=ON" in server
    assert "-DGGML_CUDA=on" in server


def test_portable_flags_leave_the_instruction_sets_to_run_time():
    args = portable_args(cuda=False)
    assert {"-DGGML_NATIVE=OFF", "-DGGML_BACKEND_DL=ON", "-DGGML_CPU_ALL_VARIANTS=ON"} <= set(args)
    assert not [a for a in args if a.startswith(("-DGGML_AVX", "-DGGML_AMX"))]  # each variant sets its own
    assert "-DGGML_CUDA=on" in portable_args(cuda=True)


@x86_linux
def test_probe_sees_a_faulting_instruction():
    runs, detail = hardware._run_probe("ud2")
    assert not runs and detail == "SIGILL on the probe instruction"


@x86_linux
def test_probe_runs_what_the_engine_was_built_with():
    # The installed engine uses AVX2 (see the next test); then AVX2 must run here.
    assert "avx2" in hardware.cpu_flags()
    assert hardware._run_probe("avx2") == (True, "ran")


def test_installed_engine_is_the_portable_build():
    """The engine in this environment was built by packaging/setup.sh's flags, not another wheel."""
    proc = subprocess.run([sys.executable, "-m", "core.diagnostics.selfcheck", "engine"], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    engine = json.loads(proc.stdout.strip().splitlines()[-1])
    assert engine["ok"] and engine["logits_finite"] and engine["tokens"] > 5
    features = engine["features"]
    assert not [k for k, v in features.items() if k.startswith("AMX") and v == "1"]
    expected = {arg[len("-DGGML_"):].split("=")[0]: arg.endswith("=ON")
                for arg in cmake_args(hardware.cpu_flags(), cuda=False) if arg.endswith(("=ON", "=OFF"))}
    for name in ("AVX", "AVX2", "FMA", "F16C", "AVX512", "AVX512_VNNI", "AVX_VNNI"):
        if name in expected:
            assert (features.get(name) == "1") == expected[name], name


@pytest.fixture(scope="module")
def doctor_report(tmp_path_factory):
    home = tmp_path_factory.mktemp("doctor-home")
    proc = subprocess.run(hearth_command("doctor", "--json"), capture_output=True, text=True, cwd=ROOT,
                          timeout=600, env={**os.environ, "HEARTH_HOME": str(home)})
    return proc, json.loads(proc.stdout), home


def test_doctor_reports_this_machine(doctor_report):
    proc, report, home = doctor_report
    assert proc.returncode == 0, report["problems"]
    assert report["workspace"]["path"] == str(home.resolve())
    assert report["cpu"]["logical"] == os.cpu_count()
    assert report["engine"]["ok"]
    assert report["torch"]["version"].startswith(report["packages"]["torch"].split("+")[0])
    assert report["torch"]["bitsandbytes"]["nf4_4bit"] in (True, False)
    listed = hardware.cpu_flags()
    for name, info in report["cpu"]["instructions"].items():
        assert info["advertised"] == (name in listed), name
        if not info["advertised"] and sys.platform == "linux":
            assert info["runs"] is False


def test_doctor_text_report_is_readable(tmp_path):
    proc = subprocess.run(hearth_command("doctor"), capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, "HEARTH_HOME": str(tmp_path), "COLUMNS": "120"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for heading in ("CPU instruction sets", "torch", "bitsandbytes 4-bit", "Engine", "Workspace"):
        assert heading in proc.stdout
    assert "No problems found." in proc.stdout


def test_broken_engine_is_reported_not_fatal(tmp_path):
    fake = tmp_path / "fake"
    fake.mkdir()
    # An engine whose native library aborts on load, as a bad build would.
    (fake / "llama_cpp.py").write_text("import os\nos.abort()\n")
    env = {**os.environ, "PYTHONPATH": f"{fake}{os.pathsep}{ROOT}", "HEARTH_HOME": str(tmp_path / "home")}
    proc = subprocess.run(hearth_command("doctor", "--engine-only", "--json"), capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=env)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["engine"]["error"] == "the engine check crashed (killed by SIGABRT)"
    assert report["problems"] and "rebuild" in report["problems"][0]["hint"]
