#!/usr/bin/env bash
# window-test.sh: the real-window test (cmd/pursuit/window_test.go and its journeys) under
# Xvfb, at each screen size at once: the app in its real GLFW window, driven with xdotool,
# checked after every step. Screenshots go to docs/screenshots/all/WxH/ (ignored by git).
#   WINDOW_SIZES="1366x768 1024x700"  the screens to try
#   WINDOW_RUN=^TestWindow            which tests (go test -run)
#   WINDOW_VERBOSE=1                  every test's name and time
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${WINDOW_SIZES:-1366x768 1024x700}
tmp=$(mktemp -d /tmp/pursuit-window.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT
# Built as the app is (make build): the same tags, so the window tested is the one shipped.
go test -c -tags no_emoji -o "$tmp/window.test" ./cmd/pursuit/
run_size() {  # run_size WxH: one Xvfb, one run of the tests, the log in $tmp/WxH.log
    local size=$1 display xvfb status=0
    Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$tmp/$size.display" >"$tmp/$size.xvfb" 2>&1 &
    xvfb=$!
    for _ in $(seq 100); do [ -s "$tmp/$size.display" ] && break; sleep 0.1; done
    display=:$(cat "$tmp/$size.display")
    (cd cmd/pursuit && DISPLAY=$display LANG=en_GB.UTF-8 PURSUIT_TEST_WINDOW=1 \
        "$tmp/window.test" -test.count=1 -test.timeout=10m -test.run "${WINDOW_RUN:-^TestWindow}" ${WINDOW_VERBOSE:+-test.v}) \
        >"$tmp/$size.log" 2>&1 || status=$?
    kill "$xvfb" 2>/dev/null || true
    return $status
}
declare -A runs
for size in $sizes; do
    run_size "$size" &
    runs[$size]=$!
    pids+=("${runs[$size]}")
done
status=0
for size in $sizes; do
    s=0
    wait "${runs[$size]}" || s=$?
    echo "== the real window at $size: $([ $s -eq 0 ] && echo passed || echo FAILED)"
    grep -v '^\(20[0-9][0-9]/.*\(Fyne error\|Cause:\|At: \)\)' "$tmp/$size.log" || true
    [ $s -eq 0 ] || status=1
done
exit $status
