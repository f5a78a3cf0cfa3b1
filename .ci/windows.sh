#!/usr/bin/env bash
# windows.sh [SCREENSHOT.png]: builds dist/pursuit.exe (make windows), checks the PE (GUI
# PE32+ x86-64, the version resource carries FyneApp.toml's version, a DPI-aware manifest,
# only system DLLs imported), then smoke-tests it under Debian's wine in a throwaway prefix:
# --version, demo + check on a C:\ data folder, and the window opening under Xvfb, saved as
# SCREENSHOT.png (default /tmp/pursuit-windows-shot.png). Exits non-zero on any failed check.
#
# Under Debian 12's Wine 8.0 a Go >= 1.22 exe needs ProcessPrng from bcryptprimitives.dll,
# which Wine only has from 8.13: .ci/wine/processprng.c is a test-only stand-in, built here
# and copied into the throwaway prefix. Real Windows 10+ has the DLL; nothing extra ships.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"

SHOT=${1:-/tmp/pursuit-windows-shot.png}
EXE=dist/pursuit.exe
VERSION=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILD=$(sed -n 's/^ *Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
[[ -n $VERSION && -n $BUILD ]] || { echo "windows.sh: no Version/Build in FyneApp.toml" >&2; exit 1; }

say() { printf '== %s\n' "$*"; }
fail() { printf 'windows.sh: FAILED: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
T_ALL=$(now)
T=$T_ALL
took() { local t; t=$(now); awk -v a="$T" -v b="$t" -v w="$1" 'BEGIN { printf "   %-40s %6.1f s\n", w, b - a }'; T=$t; }

# ---- build -----------------------------------------------------------------------------
say "make windows"
make --no-print-directory windows
took "make windows"
[[ -f $EXE ]] || fail "$EXE was not built"
say "$EXE: $(stat -c %s "$EXE") bytes"

# ---- the PE ----------------------------------------------------------------------------
desc=$(file -b "$EXE")
[[ $desc == *"PE32+ executable (GUI) x86-64"* ]] || fail "file says '$desc', not a PE32+ GUI x86-64 executable"
echo "   file: $desc"

rc=$(x86_64-w64-mingw32-windres -i "$EXE" -O rc) || fail "windres could not read the resources of $EXE"
# windres writes the fixed versions as "0, 1, 0, 1".
for want in "FILEVERSION ${VERSION//./, }, $BUILD" "PRODUCTVERSION ${VERSION//./, }, 0" \
            "VALUE \"ProductVersion\", \"$VERSION\"" "VALUE \"FileVersion\", \"$VERSION.$BUILD\"" \
            "VALUE \"ProductName\", \"Pursuit\"" "RT_GROUP_ICON"; do
    grep -qF "$want" <<<"$rc" || fail "version resource: no '$want' in $EXE (windres -O rc)"
done
echo "   version resource: $VERSION (file version $VERSION.$BUILD), icon present"
grep -qiF "permonitorv2" <<<"$rc" || fail "no per-monitor-DPI-aware manifest (PerMonitorV2) in $EXE"
echo "   manifest: per-monitor DPI aware"

dlls=$(x86_64-w64-mingw32-objdump -p "$EXE" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -fu)
[[ -n $dlls ]] || fail "objdump found no imported DLLs in $EXE"
bad=()
for d in $dlls; do
    case ${d,,} in
        kernel32.dll|user32.dll|gdi32.dll|shell32.dll|opengl32.dll|msvcrt.dll|advapi32.dll|\
        ole32.dll|oleaut32.dll|comdlg32.dll|comctl32.dll|shlwapi.dll|winmm.dll|ws2_32.dll|\
        ntdll.dll|dwmapi.dll|imm32.dll|version.dll|uxtheme.dll|setupapi.dll|bcrypt.dll|\
        crypt32.dll|iphlpapi.dll|dnsapi.dll|userenv.dll|secur32.dll|winspool.drv) ;;
        *) bad+=("$d") ;;
    esac
done
[[ ${#bad[@]} -eq 0 ]] || fail "$EXE imports non-system DLLs: ${bad[*]} (they would have to ship with it)"
echo "   imports: $(tr '\n' ' ' <<<"$dlls")"
took "PE checks"

# ---- wine: a throwaway prefix ----------------------------------------------------------
.ci/apt-install .ci/apt-windows-packages.txt .ci/apt-test-packages.txt
TMPD=$(mktemp -d /tmp/pursuit-wine.XXXXXX)
XVFB_PID=''; APP_PID=''
export WINEPREFIX=$TMPD/prefix WINEARCH=win64 WINEDEBUG=-all
# No prompts to download Mono/Gecko into the fresh prefix (the app needs neither).
export WINEDLLOVERRIDES='mscoree,mshtml='
cleanup() {
    local st=$?
    set +e
    [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null
    [[ -d $WINEPREFIX ]] && timeout 20 wineserver -k 2>/dev/null
    [[ -n $APP_PID ]] && wait "$APP_PID" 2>/dev/null
    [[ -n $XVFB_PID ]] && { kill "$XVFB_PID" 2>/dev/null; wait "$XVFB_PID" 2>/dev/null; }
    rm -rf "$TMPD"
    exit "$st"
}
trap cleanup EXIT
trap 'exit 130' INT; trap 'exit 143' TERM

say "wine $(wine --version 2>/dev/null) in $WINEPREFIX"
unset DISPLAY WAYLAND_DISPLAY
timeout 180 wineboot --init >"$TMPD/wineboot.log" 2>&1 ||
    fail "wineboot could not create the prefix: $(tail -5 "$TMPD/wineboot.log")"
timeout 60 wineserver -w || fail "wineserver did not go idle after wineboot"
sys32=$WINEPREFIX/drive_c/windows/system32
[[ -d $sys32 ]] || fail "the new prefix has no $sys32"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$sys32/bcryptprimitives.dll" .ci/wine/processprng.c -ladvapi32 ||
    fail "could not build the ProcessPrng shim (.ci/wine/processprng.c)"
took "wine prefix + ProcessPrng shim"

winrun() {  # winrun SECONDS ARGS...: the exe under wine, output to $TMPD/out, fails loudly
    local secs=$1 st=0; shift
    timeout "$secs" wine "$EXE" "$@" </dev/null >"$TMPD/out" 2>&1 || st=$?
    # The first lines say why (a Go runtime abort puts its reason before the stack trace).
    [[ $st -eq 124 ]] && fail "pursuit.exe $* did not finish within ${secs}s: $(head -4 "$TMPD/out")"
    [[ $st -eq 0 ]] || fail "pursuit.exe $* exited $st: $(head -4 "$TMPD/out")"
    sed 's/^/   | /' "$TMPD/out" | head -5
}
say "pursuit.exe --version"
winrun 60 --version
grep -q "^pursuit $VERSION (windows/amd64" "$TMPD/out" || fail "--version does not say 'pursuit $VERSION (windows/amd64 …)'"
took "--version"

say 'pursuit.exe demo --preceptees 2 --data C:\pursuit-demo'
winrun 180 demo --preceptees 2 --data 'C:\pursuit-demo'
[[ -n $(ls -A "$WINEPREFIX/drive_c/pursuit-demo" 2>/dev/null) ]] || fail 'demo left C:\pursuit-demo empty'
took "demo"
say 'pursuit.exe check --data C:\pursuit-demo'
winrun 180 check --data 'C:\pursuit-demo'
took "check"
# Wait for the prefix to go idle: a GUI started while the headless wineserver is still
# running fails in GLFW with "Failed to create helper window".
timeout 60 wineserver -w || fail "wineserver did not go idle"

# ---- the window under Xvfb -------------------------------------------------------------
say "the window under Xvfb"
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$TMPD/display" >"$TMPD/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do [[ -s $TMPD/display ]] && break; sleep 0.1; done
[[ -s $TMPD/display ]] || fail "Xvfb did not start: $(tail -3 "$TMPD/xvfb.log")"
export DISPLAY=:$(tr -dc 0-9 <"$TMPD/display")
LANG=en_GB.UTF-8 timeout 300 wine "$EXE" --data 'C:\pursuit-demo' </dev/null >"$TMPD/gui.log" 2>&1 &
APP_PID=$!
wid=$(timeout 120 xdotool search --sync --onlyvisible --name '^Pursuit' 2>/dev/null | head -n 1) || true
if [[ -z $wid ]]; then
    kill -0 "$APP_PID" 2>/dev/null && why="no visible window named 'Pursuit…' within 120 s" ||
        why="pursuit.exe exited before its window appeared"
    fail "$why: $(tail -5 "$TMPD/gui.log")"
fi
echo "   window: \"$(xdotool getwindowname "$wid")\" $(xdotool getwindowgeometry "$wid" | sed -n 's/.*Geometry: //p')"
took "window appeared"
sleep 4   # let it paint
mkdir -p "$(dirname "$SHOT")"
import -display "$DISPLAY" -window root "$SHOT" || fail "screenshot to $SHOT failed"
kill -0 "$APP_PID" 2>/dev/null || fail "pursuit.exe exited after its window appeared: $(tail -5 "$TMPD/gui.log")"
colours=$(convert "$SHOT" -format '%k' info:)
[[ $colours -gt 16 ]] || fail "the screenshot $SHOT is nearly blank ($colours colours)"
echo "   screenshot: $SHOT ($colours colours)"
took "screenshot"
awk -v a="$T_ALL" -v b="$(now)" 'BEGIN { printf "== windows.sh: all checks passed in %.0f s\n", b - a }'
