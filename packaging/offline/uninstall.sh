#!/bin/sh
# Remove Hearth as installed by install.sh. The workspace (models, datasets, runs, conversations)
# stays unless --purge is given.
set -eu
prefix='@PREFIX@' bindir='@BINDIR@' apps='@APPS@'
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
rm -rf "$prefix"
echo "Hearth is uninstalled."
if [ "$purge" = 1 ]; then
  rm -rf "$workspace"
  echo "The workspace $workspace is removed."
else
  echo "Your workspace is kept: $workspace (uninstall.sh --purge removes it too)."
fi
