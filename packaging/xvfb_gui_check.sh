#!/bin/bash
# Run under a virtual screen: xvfb-run -a -s "-screen 0 1400x900x24" packaging/xvfb_gui_check.sh
# (Debian: xvfb xdotool imagemagick, and Qt's xcb libraries such as libxcb-cursor0 libxkbcommon-x11-0).
# Open the README's main command under Xvfb, type a question, press Enter, and take screenshots.
cd "$(dirname "$0")/.."
export HEARTH_HOME=${HEARTH_HOME:-$(mktemp -d)}
.venv/bin/hearth gui > ${OUT:-/tmp}/gui.log 2>&1 &
PID=$!
for i in $(seq 1 60); do
  WID=$(xdotool search --name "Hearth" 2>/dev/null | head -1)
  [ -n "$WID" ] && break
  sleep 1
done
echo "window: $WID after $i s"
sleep 12
import -window root ${OUT:-/tmp}/gui_loaded.png
xdotool mousemove 630 735 click 1; sleep 1
xdotool type --delay 30 "Why do cats purr?"
xdotool key Return
sleep 4
import -window root ${OUT:-/tmp}/gui_streaming.png
sleep 15
import -window root ${OUT:-/tmp}/gui_answered.png
kill $PID; wait $PID; echo "exit $?"
