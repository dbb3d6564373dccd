#!/usr/bin/env bash
# Print the path of llama.cpp's CUDA backend module (libggml-cuda.so) for the portable engine, compiling
# it first if none with the same flags is cached. Messages go to standard error, the path alone to
# standard output.
#
#   bash packaging/engine_cuda.sh PYTHON VERSION
#
# The portable engine carries each backend as a loadable module (packaging/engine_flags.py), so the
# CUDA variant of the offline bundle is the CPU engine plus this one module: only the CUDA backend is
# compiled here, from the same llama-cpp-python source distribution, not the thirteen CPU variants again.
#
# Needs nvcc and cuBLAS's headers. Where the CUDA toolkit lacks cuBLAS (nvcc alone, as on Hearth's build
# VMs), a toolkit is put together in the cache from the toolkit and the registry packages nvidia-cublas and
# nvidia-cuda-runtime at the versions torch pins, so the module links against the cuBLAS the bundle carries.
#
# Environment:
#   HEARTH_CUDA_HOME    the CUDA toolkit (default: CUDA_HOME, CUDA_PATH, /usr/local/cuda, the folder above nvcc)
#   HEARTH_CUDA_ARCHS   CMAKE_CUDA_ARCHITECTURES (default: llama.cpp's own list for the toolkit; every
#                       architecture is a full compile, roughly 20 to 25 minutes each on 2 cores)
#   HEARTH_CUBLAS       pip requirements for cuBLAS (default: the versions torch 2.13.0 pins)
set -euo pipefail
cd "$(dirname "$0")/.."
python=$1 version=$2
eval "$("$python" packaging/engine_flags.py --version "$version" --portable --cuda)"
cache_root="${HEARTH_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hearth/wheels}"
archs=${HEARTH_CUDA_ARCHS:-}
key="$ENGINE_KEY-$(printf '%s' "$archs" | sha256sum | cut -c1-8)"
module="$cache_root/$key/libggml-cuda.so"
if [ -f "$module" ]; then
  echo "CUDA module $key (cached)" >&2
  echo "$module"
  exit 0
fi

cuda_home=""
nvcc_home=$(command -v nvcc >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v nvcc)")")" || true)
for candidate in "${HEARTH_CUDA_HOME:-}" "${CUDA_HOME:-}" "${CUDA_PATH:-}" /usr/local/cuda "$nvcc_home"; do
  # A toolkit has nvcc and the runtime's headers (an nvcc on the PATH may be a wrapper script elsewhere).
  if [ -n "$candidate" ] && [ -x "$candidate/bin/nvcc" ] && { [ -f "$candidate/include/cuda_runtime.h" ] ||
       [ -f "$candidate/targets/x86_64-linux/include/cuda_runtime.h" ]; }; then
    cuda_home=$(readlink -f "$candidate"); break
  fi
done
[ -n "$cuda_home" ] || { echo "engine_cuda.sh: no CUDA toolkit found (nvcc and its headers); set HEARTH_CUDA_HOME" >&2; exit 2; }

# An interrupted build is taken up where it stopped: the partial folder (source, toolkit, objects) is kept.
work="$cache_root/$key.partial"
mkdir -p "$work"
toolkit=$cuda_home
if [ -d "$work/toolkit" ]; then
  toolkit="$work/toolkit"
elif [ ! -f "$cuda_home/include/cublas_v2.h" ] && [ ! -f "$cuda_home/targets/x86_64-linux/include/cublas_v2.h" ]; then
  echo "== $cuda_home has no cuBLAS: adding it from the registry packages" >&2
  rm -rf "$work/toolkit.partial" "$work/wheels" "$work/unpacked"
  toolkit="$work/toolkit.partial"
  cp -a "$cuda_home/." "$toolkit"
  "$python" -m pip --disable-pip-version-check download --no-deps -d "$work/wheels" \
    ${HEARTH_CUBLAS:-nvidia-cublas==13.1.1.3 nvidia-cuda-runtime==13.0.96} >&2
  for w in "$work"/wheels/*.whl; do "$python" -m zipfile -e "$w" "$work/unpacked"; done
  target="$toolkit/targets/x86_64-linux"
  [ -d "$target/include" ] || { echo "engine_cuda.sh: $cuda_home has no targets/x86_64-linux; give a CUDA toolkit with cuBLAS (HEARTH_CUDA_HOME)" >&2; exit 2; }
  for header in "$work"/unpacked/nvidia/cu*/include/*.h; do  # the toolkit's own headers win
    [ -e "$target/include/$(basename "$header")" ] || cp "$header" "$target/include/"
  done
  for lib in "$work"/unpacked/nvidia/cu*/lib/libcublas*.so.*; do
    cp "$lib" "$target/lib/"
    ln -sf "$(basename "$lib")" "$target/lib/$(basename "$lib" | sed 's/\.so\..*/.so/')"
  done
  mv "$toolkit" "$work/toolkit" && toolkit="$work/toolkit"
fi

if ! ls -d "$work"/src/llama_cpp_python-*/vendor/llama.cpp >/dev/null 2>&1; then
  echo "== downloading llama-cpp-python $version's source" >&2
  rm -rf "$work/src"
  "$python" -m pip --disable-pip-version-check download --no-deps --no-binary :all: -d "$work/src" \
    "llama-cpp-python==$version" >&2
  tar -C "$work/src" -xzf "$work"/src/llama_cpp_python-*.tar.gz
fi
source_dir=$(ls -d "$work"/src/llama_cpp_python-*/vendor/llama.cpp)

arch_args=()
[ -n "$archs" ] && arch_args=(-DCMAKE_CUDA_ARCHITECTURES="$archs")
echo "== compiling the CUDA backend as $key (long: once per machine)" >&2
# shellcheck disable=SC2086  # CMAKE_ARGS is a list of flags
PATH="$toolkit/bin:$PATH" cmake -S "$source_dir" -B "$work/build" $CMAKE_ARGS ${arch_args[@]+"${arch_args[@]}"} \
  -DCUDAToolkit_ROOT="$toolkit" -DCMAKE_CUDA_COMPILER="$toolkit/bin/nvcc" -DGGML_CUDA_NO_VMM=ON \
  -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF \
  -DLLAMA_BUILD_SERVER=OFF -DCMAKE_BUILD_TYPE=Release | tee "$work/configure.log" >&2
PATH="$toolkit/bin:$PATH" cmake --build "$work/build" --target ggml-cuda \
  --parallel "${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}" >&2
built=$(find "$work/build" -name 'libggml-cuda.so' -type f | head -n 1)
[ -n "$built" ] || { echo "engine_cuda.sh: the build left no libggml-cuda.so" >&2; exit 1; }
rm -rf "$work/out" && mkdir -p "$work/out" && cp "$built" "$work/out/libggml-cuda.so"
sed -n 's/.*Using CMAKE_CUDA_ARCHITECTURES=\([^ ]*\).*/\1/p' "$work/configure.log" | tail -n 1 > "$work/out/architectures.txt"
[ -s "$work/out/architectures.txt" ] || printf '%s\n' "${archs:-llama.cpp default}" > "$work/out/architectures.txt"
rm -rf "$cache_root/$key" && mv "$work/out" "$cache_root/$key" && rm -rf "$work"
echo "$module"
