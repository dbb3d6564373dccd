#!/bin/sh
# Remove Hearth as installed by install.sh (this script lives in the installation's folder). The
# workspace (models, datasets, runs, conversations) stays unless --purge is given.
set -eu
prefix=$(cd "$(dirname "$0")" && pwd)
[ -f "$prefix/.hearth-install" ] || { echo "uninstall.sh: $prefix holds no Hearth installation" >&2; exit 1; }
bindir=$(sed -n 's/^bindir=//p' "$prefix/.hearth-install")
apps=$(sed -n 's/^apps=//p' "$prefix/.hearth-install")
purge=0
for arg in "$@"; do
  case "$arg" in
    --purge) purge=1 ;;
    *) echo "uninstall.sh: unknown option $arg (--purge also removes the workspace)" >&2; exit 2 ;;
  esac
done
if [ "$(readlink "$bindir/hearth" 2>/dev/null)" = "$prefix/current/bin/hearth" ]; then rm -f "$bindir/hearth"; fi
rm -f "$apps/hearth.desktop"
workspace=${HEARTH_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/hearth}
# Only what install.sh made; the folder itself goes if nothing else is left in it.
rm -rf "$prefix/versions" "$prefix/current" "$prefix/current.new" "$prefix/.hearth-install" "$prefix/uninstall.sh"
rmdir "$prefix" 2>/dev/null || true
echo "Hearth is uninstalled."
if [ "$purge" = 1 ]; then
  rm -rf "$workspace"
  echo "The workspace $workspace is removed."
else
  echo "Your workspace is kept: $workspace (uninstall.sh --purge removes it too)."
fi
