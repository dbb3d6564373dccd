#!/usr/bin/env bash
# Print the folder holding llama.cpp's own converter (convert_hf_to_gguf.py, conversion/, gguf-py/) from the
# source distribution of the llama-cpp-python version Hearth's engine is built from, fetching that sdist from
# the package registry first if no copy is kept. The tests use it as an oracle for Hearth's converters.
#
#   bash packaging/llama_converter.sh PYTHON VERSION
#
# Kept in ${HEARTH_WHEEL_CACHE:-~/.cache/hearth/wheels}/llama.cpp-converter-VERSION/, next to the engine
# wheels (pip's own cache makes a second download cheap). Messages go to standard error, the folder alone to
# standard output.
set -euo pipefail
python=$1 version=$2
root="${HEARTH_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hearth/wheels}"
dest="$root/llama.cpp-converter-$version"
if [ ! -f "$dest/convert_hf_to_gguf.py" ]; then
  printf '\n== keeping llama.cpp'"'"'s converter of llama-cpp-python %s (the tests'"'"' oracle)\n' "$version" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  "$python" -m pip --disable-pip-version-check download --no-deps --no-binary :all: -d "$work" \
    "llama-cpp-python==$version" >&2
  top="llama_cpp_python-$version/vendor/llama.cpp"
  tar -xzf "$work"/llama_cpp_python-"$version".tar.gz -C "$work" \
    "$top/convert_hf_to_gguf.py" "$top/conversion" "$top/gguf-py" "$top/LICENSE"
  rm -rf "$dest.partial" && mkdir -p "$dest.partial"
  mv "$work/$top"/* "$dest.partial"/
  rm -rf "$dest" && mv "$dest.partial" "$dest"
fi
echo "$dest"
