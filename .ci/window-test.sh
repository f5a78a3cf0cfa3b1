#!/usr/bin/env bash
# window-test.sh: the real-window test (cmd/pursuit/window_test.go) under Xvfb, once per
# screen size: the app in its real GLFW window, driven with xdotool, checked after every
# step. Screenshots go to docs/screenshots/all/WxH/ (ignored by git) for a person to look at.
#   WINDOW_SIZES="1366x768 1024x700"  the screens to try
#   WINDOW_RUN=^TestWindow            which tests (go test -run)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${WINDOW_SIZES:-1366x768 1024x700}
tmp=$(mktemp -d /tmp/pursuit-window.XXXXXX)
xvfb=
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$tmp"' EXIT
status=0
for size in $sizes; do
    rm -f "$tmp/display"
    Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
    xvfb=$!
    for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
    echo "== the real window at $size (display :$(cat "$tmp/display"))"
    DISPLAY=:$(cat "$tmp/display") LANG=en_GB.UTF-8 PURSUIT_TEST_WINDOW=1 \
        go test -count=1 -timeout 10m -run "${WINDOW_RUN:-^TestWindow}" ${WINDOW_VERBOSE:+-v} ./cmd/pursuit/ || status=1
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
done
exit $status
