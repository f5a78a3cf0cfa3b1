#!/usr/bin/env bash
# startup.sh: measures the real window on a demo cohort under Xvfb (DATA, default the
# 200-preceptee bench demo; N preceptees when it must be built): the time from starting the
# program to its window on screen, and its memory at the sign-in screen and with the lead
# signed in on the cohort overview. Memory is VmRSS, and its two parts: RssAnon (the app's
# own: Go heap, SQLite, C allocations) and RssFile (mapped files, mostly the libraries; under
# Xvfb that includes ~63 MB of Mesa's software OpenGL, which a PC with a GPU driver lacks).
# Then the lead goes TRIPS times (default 40) to the programmes and back, as a lead at work
# does, and the memory is measured again: it must level off, not grow with every trip.
set -euo pipefail
bin=${BIN:-bin/pursuit}
data=${DATA:-/tmp/pursuit-bench-demo}
[ -f "$data/pursuit.db" ] || "$bin" demo --preceptees "${N:-200}" --data "$data" >/dev/null
tmp=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$tmp/display" >/dev/null 2>&1 &
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
# Then the sign-in drawn: the middle of the window's right half turns from the NHS blue the
# window first shows to the sign-in's white (the window is 1280×720, centred on the screen).
for _ in $(seq 400); do
    import -window root -crop 1x1+1003+384 -depth 8 txt:- 2>/dev/null | grep -q '#FFFFFF' && break
    sleep 0.005
done
t2=$(date +%s%N)
echo "cold start to window on screen: $(( (t1 - t0) / 1000000 )) ms; to the sign-in drawn in it: $(( (t2 - t0) / 1000000 )) ms"
memory() {  # memory WHAT: VmRSS, RssAnon and RssFile of the app, in MB, and how much of
    # RssAnon is the software renderer's own writable pages (libLLVM, swrast/gallium)
    mesa=$(awk '/^[0-9a-f]+-[0-9a-f]+ / { lib = ($6 ~ /libLLVM|swrast|gallium|libGLX_mesa|dri/) }
        /^Anonymous:/ && lib { kb += $2 } END { printf "%.0f", kb / 1024 }' /proc/$app/smaps)
    awk -v what="$1" -v mesa="$mesa" '/^(VmRSS|RssAnon|RssFile):/ { m[$1] = $2 / 1024 }
        END { printf "memory %s: VmRSS %.0f MB, RssAnon %.0f MB (of which %d MB the software renderer'"'"'s: the app'"'"'s own %.0f MB), RssFile %.0f MB\n",
            what, m["VmRSS:"], m["RssAnon:"], mesa, m["RssAnon:"] - mesa, m["RssFile:"] }' /proc/$app/status
}
sleep 2
memory "at the sign-in screen"
win=$(xdotool search --onlyvisible --name '^Pursuit' | head -1)
xdotool windowfocus "$win"; sleep 0.3
xdotool type --delay 20 lead; xdotool key Tab; xdotool type --delay 20 pursuit-demo; xdotool key Return
sleep "${SETTLE:-8}"
memory "with the lead signed in on the cohort"
trips=${TRIPS:-40}
for _ in $(seq "$trips"); do
    xdotool key ctrl+2; sleep 1.5; xdotool key ctrl+1; sleep 1.5
done
memory "after $trips trips to the programmes and back"
