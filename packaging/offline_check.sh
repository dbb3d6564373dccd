#!/usr/bin/env bash
# Install an offline bundle and use it as a new user would at a site with no network, timing each step.
#
#   bash packaging/offline_check.sh dist/hearth-<version>-linux-x86_64-cpu-with-model.tar.gz [OUT_DIR]
#
# Runs as root (for unshare). Everything after the copy runs inside `unshare -n`: a network namespace
# with only a loopback that is down, so any attempt to reach the network fails. The user is new (an
# empty HOME, no caches), and PATH holds only the shell tools install.sh and the checks use: no
# Python, no compiler. Steps: unpack, install.sh, hearth doctor, hearth chat -p, hearth quickstart
# (2 training steps, 4 questions: train -> export -> evaluate), hearth gui for 20 s offscreen, then on
# an Xvfb screen with Qt's xcb plugin (a screenshot is kept in OUT_DIR). Needs Debian's xvfb,
# xdotool and imagemagick on the checking machine (they are not part of the bundle).
set -uo pipefail
archive=$(readlink -f "$1")
out=$(readlink -f "${2:-/tmp/hearth-offline-check}")
mkdir -p "$out"
[ "$(id -u)" = 0 ] || { echo "offline_check.sh: run as root (unshare -n needs it)" >&2; exit 2; }

tools=$(mktemp -d)
for tool in sh bash tar gzip sha256sum cat cp mv ln rm mkdir chmod ls readlink dirname basename sed awk grep \
            sort head tail tr wc cut mktemp uname id getconf ldd date sleep kill timeout env du find Xvfb xdotool \
            import xwininfo strace; do
  path=$(command -v "$tool") && ln -s "$path" "$tools/$tool"
done

export CHECK_ARCHIVE=$archive CHECK_OUT=$out CHECK_TOOLS=$tools
unshare -n bash <<'INSIDE'
set -uo pipefail
export HOME=$(mktemp -d /tmp/hearth-user.XXXX) PATH=$CHECK_TOOLS LANG=C.UTF-8
unset XDG_DATA_HOME XDG_CACHE_HOME XDG_CONFIG_HOME HEARTH_HOME PYTHONPATH VIRTUAL_ENV DISPLAY
cd "$HOME"
failed=0
step() {  # step NAME COMMAND...: run, time, keep the output
  local name=$1; shift
  local start=$(date +%s.%N)
  "$@" > "$CHECK_OUT/$name.log" 2>&1
  local rc=$?
  printf '%-28s %6.1f s  exit %s\n' "$name" "$(echo "$(date +%s.%N) $start" | awk '{print $1 - $2}')" "$rc"
  [ "$rc" = 0 ] || { failed=1; tail -n 5 "$CHECK_OUT/$name.log"; }
}
gui_for_20s() {  # the window runs 20 s without an error: still alive, nothing on standard error
  hearth gui > "$CHECK_OUT/gui-$1.out" 2>&1 &
  local pid=$!
  sleep 20
  [ "$1" = xcb ] && import -window root "$CHECK_OUT/gui-xcb.png"
  kill -0 "$pid" || { echo "the window process ended early"; cat "$CHECK_OUT/gui-$1.out"; return 1; }
  kill "$pid"; wait "$pid"
  # The window's own output, and the engine's log (the model loads in a child process).
  ! grep -E "Traceback|[Ee]rror:|Aborted|SIGABRT|core dumped|Fatal" "$CHECK_OUT/gui-$1.out" \
      "$HOME/.local/share/hearth/logs/"*.log
}
echo "network interfaces in this namespace: $(awk -F: 'NR > 2 {printf "%s ", $1}' /proc/net/dev)(lo is down)"
echo "python on PATH: $(command -v python3 || echo none); compiler: $(command -v cc gcc || echo none)"
step unpack tar xzf "$CHECK_ARCHIVE"
bundle=$(ls -d "$HOME"/hearth-*/ | head -n 1)
traced() {  # traced NAME COMMAND...: run under strace when there is one, recording socket calls
  if command -v strace > /dev/null; then strace -f -qq -e trace=socket,connect -o "$CHECK_OUT/$1.strace" "${@:2}"
  else "${@:2}"; fi
}
internet_calls() { cat "$CHECK_OUT"/*.strace 2>/dev/null | grep -cE "AF_INET6?[,)]" ; }
step install traced install sh "$bundle/install.sh"
export PATH="$HOME/.local/bin:$PATH"
rm -rf "$bundle"
step doctor hearth doctor
step first-chat traced first-chat hearth chat -p "What is the capital of France?" --temperature 0
echo "internet sockets opened or connected by install.sh and the first chat (strace): $(internet_calls)"
step quickstart hearth quickstart --max-steps 2 --limit 4
merged=$(grep -o '[A-Za-z0-9_.-]*-q4_k_m' "$CHECK_OUT/quickstart.log" | head -n 1)
step chat-with-tuned hearth chat -m "${merged:-no-merged-export-found}" -p "What does an empty K2 weigh?" --temperature 0
QT_QPA_PLATFORM=offscreen step gui-offscreen gui_for_20s offscreen
Xvfb :77 -screen 0 1400x900x24 > "$CHECK_OUT/xvfb.log" 2>&1 &
xvfb=$!
sleep 2
DISPLAY=:77 QT_QPA_PLATFORM=xcb step gui-xcb gui_for_20s xcb
kill "$xvfb"
echo "installed size: $(du -sm "$HOME/.local/share/hearth-app" | cut -f1) MB; workspace: $(du -sm "$HOME/.local/share/hearth" | cut -f1) MB"
grep -E "CPU kernels|No problems|problem" "$CHECK_OUT/doctor.log"
exit $failed
INSIDE
rc=$?
rm -rf "$tools"
echo "logs and the screenshot: $out"
exit $rc
