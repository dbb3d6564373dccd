#!/usr/bin/env bash
# Build the offline bundle on a connected machine: dist/hearth-<version>-linux-x86_64-cpu[-with-model].tar.gz,
# its .sha256 and its manifest. See packaging/bundle.py for what is inside and why.
#
#   bash packaging/bundle.sh [--with-default-model] [--out DIR] [--keep-folder]
#
# Environment: PYTHON, the CPython copied into the bundle (default python3; 3.11 or newer, built with a
# shared libpython, with pip); HEARTH_TORCH (default torch==2.13.0, the CPU build on Hearth's machines).
set -euo pipefail
cd "$(dirname "$0")/.."
args=() out=dist keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --with-default-model) args+=(--with-default-model) ;;
    --variant) [ "${2:-}" = cpu ] || { echo "bundle.sh: only --variant cpu is built so far" >&2; exit 2; }; shift ;;
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
mkdir -p "$out"
folder=$("$python" packaging/bundle.py --out "$out" --engine-wheel "$wheel" --torch "${HEARTH_TORCH:-torch==2.13.0}" \
         ${args[@]+"${args[@]}"} | tail -n 1)
name=$(basename "$folder")
echo "== packing $name.tar.gz" >&2
tar -C "$out" -cf - "$name" | gzip -6 > "$out/$name.tar.gz.partial"
mv "$out/$name.tar.gz.partial" "$out/$name.tar.gz"
(cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
cp "$folder/manifest.json" "$out/$name.manifest.json"
[ "$keep" = 1 ] || rm -rf "$folder"
echo "$out/$name.tar.gz: $(du -m "$out/$name.tar.gz" | cut -f1) MB, built in $(( $(date +%s) - started )) s" >&2
echo "$out/$name.tar.gz"
