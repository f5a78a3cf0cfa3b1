#!/usr/bin/env bash
# startup.sh: measures the real window on the 200-preceptee demo cohort under Xvfb: time
# from starting the program to its window on screen, and resident memory after the lead has
# signed in and the cohort overview has loaded. Prints one line per figure.
set -euo pipefail
bin=${BIN:-bin/pursuit}
data=${DATA:-/tmp/pursuit-bench-demo}
[ -f "$data/pursuit.db" ] || "$bin" demo --preceptees 200 --data "$data" >/dev/null
tmp=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
Xvfb -displayfd 3 -screen 0 1280x860x24 -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=:$(cat "$tmp/display") LANG=en_GB.UTF-8
"$bin" --data "$data" >/dev/null 2>&1 &
app=$!
t0=$(date +%s%N)
for _ in $(seq 1000); do
    xdotool search --onlyvisible --name '^Pursuit' >/dev/null 2>&1 && break
    sleep 0.005
done
t1=$(date +%s%N)
echo "cold start to window on screen: $(( (t1 - t0) / 1000000 )) ms"
sleep 1
echo "resident memory at the sign-in screen: $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$app/status)"
win=$(xdotool search --onlyvisible --name '^Pursuit' | head -1)
xdotool windowfocus "$win"; sleep 0.3
xdotool type --delay 20 lead; xdotool key Tab; xdotool type --delay 20 pursuit-demo; xdotool key Return
sleep 4
echo "resident memory, lead signed in with the cohort overview: $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$app/status)"
