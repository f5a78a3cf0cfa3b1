#!/usr/bin/env bash
# screenshots.sh OUT_DIR: runs the real app under Xvfb on a fresh demo cohort and saves a
# PNG of every screen for every featured demo role (the app's --screenshots tour).
set -euo pipefail
out=${1:-docs/screenshots/all}
bin=${BIN:-bin/pursuit}
data=$(mktemp -d /tmp/pursuit-shots.XXXXXX)
trap 'kill "${xvfb:-}" 2>/dev/null || true; rm -rf "$data"' EXIT
"$bin" demo --preceptees 24 --data "$data/demo" >/dev/null
rm -rf "$out" && mkdir -p "$out"
Xvfb -displayfd 3 -screen 0 1280x860x24 -nolisten tcp 3>"$data/display" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -s "$data/display" ] && break; sleep 0.1; done
DISPLAY=:$(cat "$data/display") LANG=en_GB.UTF-8 timeout 300 "$bin" --data "$data/demo" --screenshots "$out"
echo "$(ls "$out" | wc -l) screenshots in $out"
