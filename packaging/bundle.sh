#!/usr/bin/env bash
# Build the offline bundle on a connected machine: dist/hearth-<version>-linux-x86_64-<variant>[-with-model].tar.gz,
# its .sha256 and its manifest. See packaging/bundle.py for what is inside and why.
#
#   bash packaging/bundle.sh [--variant cpu|cuda] [--with-default-model] [--out DIR] [--keep-folder]
#
# cpu: the portable engine (every x86-64 CPU) and torch's CPU build. cuda: the same engine with llama.cpp's
# CUDA backend added as one more module (packaging/engine_cuda.sh: nvcc needed, a long compile once per
# machine), and torch's CUDA build from PyPI with the CUDA libraries both use; it runs on the CPU where no
# NVIDIA driver is found.
#
# Environment: PYTHON, the CPython copied into the bundle (default python3; 3.11 or newer, built with a
# shared libpython, with pip); HEARTH_TORCH (default torch==2.13.0: the CPU build on Hearth's machines for
# cpu, PyPI's CUDA 13 build for cuda); HEARTH_CUDA_ARCHS and HEARTH_CUDA_HOME as engine_cuda.sh reads them.
set -euo pipefail
cd "$(dirname "$0")/.."
args=() out=dist keep=0 variant=cpu
while [ $# -gt 0 ]; do
  case "$1" in
    --with-default-model) args+=(--with-default-model) ;;
    --variant) variant=${2:-}; case "$variant" in cpu|cuda) ;; *) echo "bundle.sh: --variant is cpu or cuda" >&2; exit 2 ;; esac; shift ;;
    --out) out=$2; shift ;;
    --keep-folder) keep=1 ;;
    *) echo "bundle.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
python=${PYTHON:-python3}
started=$(date +%s)
version=$(sed -n 's/^LLAMA_CPP_VERSION=//p' packaging/setup.sh)
wheel=$(bash packaging/engine_wheel.sh "$python" "$version" --portable)
if [ "$variant" = cuda ]; then
  module=$(bash packaging/engine_cuda.sh "$python" "$version")
  # The CPU engine's wheel with the CUDA module added, kept beside the module.
  cuda_wheel="$(dirname "$module")/$(basename "$wheel")"
  if [ ! -f "$cuda_wheel" ]; then
    cp "$wheel" "$cuda_wheel.partial.whl"
    "$python" packaging/engine_modules.py "$cuda_wheel.partial.whl" --add "$module"
    mv "$cuda_wheel.partial.whl" "$cuda_wheel"
  fi
  wheel=$cuda_wheel
  args+=(--cuda-architectures "$(cat "$(dirname "$module")/architectures.txt")")
fi
mkdir -p "$out"
folder=$("$python" packaging/bundle.py --out "$out" --variant "$variant" --engine-wheel "$wheel" \
         --torch "${HEARTH_TORCH:-torch==2.13.0}" ${args[@]+"${args[@]}"} | tail -n 1)
name=$(basename "$folder")
echo "== packing $name.tar.gz" >&2
tar -C "$out" -cf - "$name" | gzip -6 > "$out/$name.tar.gz.partial"
mv "$out/$name.tar.gz.partial" "$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
cp "$folder/manifest.json" "$out/$name.manifest.json"
[ "$keep" = 1 ] || rm -rf "$folder"
echo "$out/$name.tar.gz: $(du -m "$out/$name.tar.gz" | cut -f1) MB, built in $(( $(date +%s) - started )) s" >&2
echo "$out/$name.tar.gz"
