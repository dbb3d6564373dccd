#!/bin/sh
# Install Hearth from this unpacked bundle. Needs no network, no compiler and no Python: only
# sh, tar's coreutils (cp, mv, ln, sha256sum) and glibc as new as manifest.json's glibc_min.
#
#   ./install.sh                 for this user: ~/.local/share/hearth-app, ~/.local/bin/hearth
#   ./install.sh --system        for all users: /opt/hearth, /usr/local/bin/hearth (as root)
#   ./install.sh --prefix DIR    into DIR (an empty or new folder, or an earlier installation); with
#                                --system the command and menu entry are for all users, else for this one
#
# Every file is checked against files.sha256 first: a damaged or incomplete bundle is refused and
# nothing is installed. The new version is copied beside the old one and switched in at the end,
# so an interrupted install leaves the previous version working. The workspace (models, datasets,
# runs: ~/.local/share/hearth or HEARTH_HOME) is never touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
prefix='' bindir=$HOME/.local/bin apps=$data/applications system=0
while [ $# -gt 0 ]; do
  case "$1" in
    --system) system=1 bindir=/usr/local/bin apps=/usr/share/applications ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
              prefix=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$prefix" ] || { [ "$system" = 1 ] && prefix=/opt/hearth || prefix=$data/hearth-app; }
fail() { printf 'install.sh: %s\n' "$1" >&2; [ -n "${2:-}" ] && printf 'hint: %s\n' "$2" >&2; exit 1; }

[ "$(uname -m)" = x86_64 ] || fail "this bundle is for x86-64 Linux, this machine is $(uname -m)"
need=$(sed -n 's/.*"glibc_min": "\([0-9.]*\)".*/\1/p' "$here/manifest.json" 2>/dev/null || true)
have=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
if [ -n "$need" ] && [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n 1)" != "$need" ]; then
  fail "this bundle needs glibc $need or newer; this system has $have" "install on a newer Linux, or build the bundle on a machine with an older glibc"
fi
[ -f "$here/files.sha256" ] && [ -f "$here/VERSION" ] || fail "this folder is not a whole Hearth bundle (files.sha256 or VERSION is missing)" "unpack the archive again: tar xzf hearth-*.tar.gz"
echo "checking $(wc -l < "$here/files.sha256") files ..."
log=$(mktemp)
if ! (cd "$here" && sha256sum --quiet --strict -c files.sha256) >"$log" 2>&1; then
  bad=$(grep -v 'WARNING' "$log" | head -n 3 | tr '\n' ';')
  rm -f "$log"
  fail "the bundle is damaged or incomplete, nothing was installed: ${bad:-the checksum list is unreadable}" "copy the archive again, check it with sha256sum -c hearth-*.tar.gz.sha256, and unpack it afresh"
fi
rm -f "$log"

version=$(cat "$here/VERSION")
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
# Only a folder that is empty or already holds Hearth: uninstall.sh removes what is in it.
if [ -n "$(ls -A "$prefix")" ] && [ ! -f "$prefix/.hearth-install" ]; then
  fail "$prefix is not empty and holds no Hearth installation" "choose an empty or new folder, e.g. --prefix $prefix/hearth"
fi
mkdir -p "$prefix/versions" "$bindir" "$apps"
printf 'bindir=%s\napps=%s\n' "$bindir" "$apps" > "$prefix/.hearth-install"
dest=$prefix/versions/$version
[ -e "$dest" ] && dest=$prefix/versions/$version.reinstalled-$$  # the running copy stays until the switch
rm -rf "$dest.partial"
echo "installing Hearth $version into $prefix ..."
mkdir "$dest.partial"
for part in bin runtime app manifest.json VERSION; do
  cp -a "$here/$part" "$dest.partial/"
done
mv "$dest.partial" "$dest"
# Switch: 'current' points to the new copy in one rename; only then is anything old removed.
ln -sfn "versions/$(basename "$dest")" "$prefix/current.new"
mv -T "$prefix/current.new" "$prefix/current"
for old in "$prefix"/versions/*; do
  [ "$old" = "$dest" ] || rm -rf "$old"
done

cp "$here/uninstall.sh" "$prefix/uninstall.sh"
chmod +x "$prefix/uninstall.sh"
ln -sfn "$prefix/current/bin/hearth" "$bindir/hearth"
escaped=$(printf '%s' "$prefix" | sed 's/[\\|&]/\\&/g')
sed "s|@PREFIX@|$escaped|g" "$here/hearth.desktop" > "$apps/hearth.desktop"

echo "Hearth $version is installed: $bindir/hearth (uninstall: $prefix/uninstall.sh)"
case ":$PATH:" in
  *":$bindir:"*) ;;
  *) echo "$bindir is not on your PATH; add it, e.g.: echo 'export PATH=\"$bindir:\$PATH\"' >> ~/.profile" ;;
esac
