#!/usr/bin/env bash
# Print the path of a llama-cpp-python wheel built with Hearth's flags, compiling it first if no
# wheel with the same flags is cached. Messages go to standard error, the path alone to standard output.
#
#   bash packaging/engine_wheel.sh PYTHON VERSION [--cuda] [--portable]
#
# PYTHON builds the wheel (it needs pip); the flags come from packaging/engine_flags.py, and the
# wheel is kept in ${HEARTH_WHEEL_CACHE:-~/.cache/hearth/wheels}/<ENGINE_KEY>/.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$1 version=$2
shift 2
eval "$("$python" packaging/engine_flags.py --version "$version" "$@")"
cache="${HEARTH_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hearth/wheels}/$ENGINE_KEY"
wheel=$(ls "$cache"/llama_cpp_python-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
  printf '\n== compiling the llama.cpp engine as %s (a few minutes; once per machine)\n' "$ENGINE_KEY" >&2
  echo "CMAKE_ARGS=$CMAKE_ARGS" >&2
  rm -rf "$cache.partial" && mkdir -p "$cache.partial"
  build_args=()
  case " $* " in  # a portable build's backend modules are taken from its build folder (engine_modules.py)
    *" --portable "*) build_dir=$(mktemp -d); build_args=(--config-settings="build-dir=$build_dir") ;;
  esac
  CMAKE_ARGS="$CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}" \
    "$python" -m pip --disable-pip-version-check wheel --no-deps --no-binary llama-cpp-python --no-cache-dir \
    ${build_args[@]+"${build_args[@]}"} -w "$cache.partial" "llama-cpp-python==$version" >&2
  if [ ${#build_args[@]} -gt 0 ]; then
    "$python" packaging/engine_modules.py "$cache.partial"/llama_cpp_python-*.whl "$build_dir"
    rm -rf "$build_dir"
  fi
  rm -rf "$cache" && mv "$cache.partial" "$cache"
  wheel=$(ls "$cache"/llama_cpp_python-*.whl | head -n 1)
fi
echo "ENGINE_KEY=$ENGINE_KEY" >&2
echo "$wheel"
