#!/usr/bin/env bash
# Print the path of a llama-server (llama.cpp's multi-user OpenAI-compatible server) built from the llama.cpp
# source that the llama-cpp-python version Hearth's engine is built from vendors, compiling it first if no
# build with the same flags is kept. The folders `hearth deploy --target llama-server` writes run it.
#
#   bash packaging/llama_server.sh PYTHON VERSION [--cuda]
#
# PYTHON fetches that version's source distribution (pip download: pip's cache makes a second fetch cheap,
# and PIP_NO_INDEX=1 PIP_FIND_LINKS=DIR takes it from a folder on a site with no network). The CMake flags
# are the engine's (packaging/engine_flags.py: no -march=native, the x86 extensions this CPU lists, never
# AMX; --cuda adds the CUDA backend), plus a static program without the embedded web UI, whose assets
# llama.cpp's build would otherwise download. It takes about ten minutes on a few cores.
#
# Kept in ${HEARTH_WHEEL_CACHE:-~/.cache/hearth/wheels}/llama-server-<ENGINE_KEY>/llama-server, next to the
# engine wheels. Messages go to standard error, the path alone to standard output; install it with
#   sudo install -m 0755 "$(bash packaging/llama_server.sh .venv/bin/python 0.3.36)" /usr/local/bin/llama-server
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: bash packaging/llama_server.sh PYTHON VERSION [--cuda]" >&2
  exit 2
fi
python=$1 version=$2
shift 2
for arg in "$@"; do
  if [ "$arg" != "--cuda" ]; then
    echo "llama_server.sh: unknown option $arg (the only one is --cuda)" >&2
    exit 2
  fi
done
eval "$("$python" packaging/engine_flags.py --version "$version" "$@")"
root="${HEARTH_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hearth/wheels}"
dest="$root/llama-server-$ENGINE_KEY"
if [ ! -x "$dest/llama-server" ]; then
  if ! command -v cmake >/dev/null 2>&1; then
    echo "llama_server.sh: cmake is needed (apt install cmake build-essential, or: $python -m pip install cmake)" >&2
    exit 1
  fi
  printf '\n== compiling llama-server of llama-cpp-python %s as %s (about ten minutes; once per machine)\n' \
    "$version" "$ENGINE_KEY" >&2
  echo "CMAKE_ARGS=$CMAKE_ARGS" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  "$python" -m pip --disable-pip-version-check download --no-deps --no-binary :all: -d "$work" \
    "llama-cpp-python==$version" >&2
  tar -xzf "$work/llama_cpp_python-$version.tar.gz" -C "$work"
  src="$work/llama_cpp_python-$version/vendor/llama.cpp"
  read -r -a engine_args <<< "$CMAKE_ARGS"
  cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release "${engine_args[@]}" -DBUILD_SHARED_LIBS=OFF \
    -DLLAMA_BUILD_COMMON=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF >&2
  cmake --build "$work/build" --config Release --target llama-server \
    -j "${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}" >&2
  rm -rf "$dest.partial" && mkdir -p "$dest.partial"
  cp "$work/build/bin/llama-server" "$dest.partial/llama-server"
  cp "$src/LICENSE" "$dest.partial/LICENSE"
  printf 'llama-server from llama-cpp-python %s (vendor/llama.cpp)\nCMAKE_ARGS=%s\n' "$version" "$CMAKE_ARGS" \
    > "$dest.partial/BUILD"
  # (a CUDA build cannot start on a machine without NVIDIA's driver; it is kept all the same)
  "$dest.partial/llama-server" --version >&2 || echo "llama_server.sh: the program does not start here" >&2
  rm -rf "$dest" && mv "$dest.partial" "$dest"
fi
echo "$dest/llama-server"
