#!/usr/bin/env bash
# Set up Hearth in ./.venv: torch, the llama.cpp engine, the application.
#
#   bash packaging/setup.sh          the application
#   bash packaging/setup.sh --dev    the application and the test tools
#
# Safe to run again: what is already in place is kept. The engine is compiled
# once per machine and its wheel kept in a cache keyed by its build flags.
#
# Environment:
#   HEARTH_TORCH        pip requirement for torch (default torch==2.13.0, see README)
#   HEARTH_CUDA         1: build the engine with CUDA; 0: CPU only; auto (default):
#                       CUDA when nvidia-smi lists a GPU
#   HEARTH_WHEEL_CACHE  where built engine wheels are kept
#                       (default ~/.cache/hearth/wheels)
#   PYTHON              the interpreter for the venv (default python3, 3.10 or newer)
set -euo pipefail
cd "$(dirname "$0")/.."

extra=""
for arg in "$@"; do
  case "$arg" in
    --dev) extra="[dev]" ;;
    *) echo "setup.sh: unknown option $arg (use --dev)" >&2; exit 2 ;;
  esac
done

LLAMA_CPP_VERSION=0.3.36
python=${PYTHON:-python3}
venv=.venv
say() { printf '\n== %s\n' "$*"; }

if [ ! -x "$venv/bin/python" ]; then
  say "creating $venv with $($python --version)"
  "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check)

cuda=0
case "${HEARTH_CUDA:-auto}" in
  1) cuda=1 ;;
  auto) if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q GPU; then cuda=1; fi ;;
esac

# torch first, so that the range in pyproject.toml is already met and pip does
# not pick a multi-GB build on its own.
if ! "$venv/bin/python" -c "import torch" >/dev/null 2>&1; then
  say "installing ${HEARTH_TORCH:-torch==2.13.0}"
  "${pip[@]}" install "${HEARTH_TORCH:-torch==2.13.0}"
fi

# The engine: llama-cpp-python compiled here from its source distribution with
# portable flags (packaging/engine_flags.py says why); never a prebuilt wheel.
flag_args=()
[ "$cuda" = 1 ] && flag_args+=(--cuda)
wheel=$(bash packaging/engine_wheel.sh "$venv/bin/python" "$LLAMA_CPP_VERSION" ${flag_args[@]+"${flag_args[@]}"})
eval "$("$python" packaging/engine_flags.py --version "$LLAMA_CPP_VERSION" ${flag_args[@]+"${flag_args[@]}"} | grep ENGINE_KEY)"
installed_key=$(cat "$venv/.hearth-engine" 2>/dev/null || true)
if [ "$installed_key" != "$ENGINE_KEY" ]; then
  say "installing the engine built as $ENGINE_KEY"
  "${pip[@]}" install --force-reinstall --no-deps "$wheel"
  echo "$ENGINE_KEY" > "$venv/.hearth-engine"
fi

say "installing Hearth$extra"
"${pip[@]}" install -e ".$extra"

if [ -n "$extra" ]; then  # the tests compare Hearth's converters with llama.cpp's own, of the engine's version
  bash packaging/llama_converter.sh "$venv/bin/python" "$LLAMA_CPP_VERSION" > "$venv/.hearth-llama-converter"
fi

say "checking the engine"
"$venv/bin/hearth" doctor --engine-only
