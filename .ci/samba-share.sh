#!/usr/bin/env bash
# samba-share.sh: a real SMB share on loopback, mounted as a folder, for the sync tests.
#
#   .ci/samba-share.sh start DIR           install what is missing, start smbd, mount, write DIR/env
#   .ci/samba-share.sh stop DIR            unmount and stop; quiet when already stopped
#   .ci/samba-share.sh kill-children DIR   SIGKILL the smbd processes serving connections, as if
#                                          they died mid-write; the parent keeps listening
#   .ci/samba-share.sh restart-server DIR [DOWN_SECONDS]
#                                          stop the whole smbd, leave it down DOWN_SECONDS (0),
#                                          start it again on the same port, wait for the mount
#   .ci/samba-share.sh wait DIR [SECONDS]  wait until the mounted share lists again (30)
#
# What the client sees (measured): after kill-children, smbnetfs reconnects and reopens the file
# at the same offset, so a write in flight completes intact and the client sees no error. Only
# a server that is down when the client next talks to it gives the client EIO mid-write (and
# leaves a partial file): use restart-server with DOWN_SECONDS > 0 while the write runs.
#
# Production syncs through a Windows mapped drive. There is no cifs kernel module here, so the
# share is mounted with smbnetfs (FUSE) instead; it reports every server error as EIO and, after
# one, fails every call for its negative-cache time (3 s by default, 200 ms here; turning the
# cache off with neg_cache=false hangs smbnetfs 0.6.3 before it mounts). It reads '?' in a name
# as a URL query and ':' as a stream name, so such names silently land elsewhere.
# See ../shared/notes/smb-share-testing.md.
#
# Everything lives under DIR: smb.conf, Samba's state, logs, the exported folder (DIR/export,
# what the server writes to disk) and the mount (DIR/mnt). DIR/env holds KEY=value lines for
# the shell and for sync/smbtest. Needs root: smbnetfs mounts without fusermount only as root,
# and force user = root keeps the exported files readable by the tests.
set -euo pipefail

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
PORTS=(4450 4451 4452 4453 4454 4455 4456 4457 4458 4459 4460 4461 4462 4463 4464 4465 4466 4467 4468 4469 4470)
PASSWORD=pursuit-test

die() { echo "samba-share: $*" >&2; exit 1; }

usage() { die "usage: $0 start|stop|kill-children|restart-server|wait DIR [SECONDS]"; }

[ $# -ge 2 ] || usage
cmd=$1
[ "$(id -u)" -eq 0 ] || die "must run as root (smbnetfs mounts without fusermount only as root)"
if [ "$cmd" = start ]; then
    mkdir -p "$2"
elif [ ! -d "$2" ]; then
    [ "$cmd" = stop ] && exit 0
    die "no such folder: $2"
fi
DIR=$(cd "$2" && pwd)
# DIR/env is read by Go without a shell, so its values must need no quoting.
[[ $DIR =~ ^[A-Za-z0-9._/+-]+$ ]] || die "DIR must be a plain path (letters, digits, ._/+-): $DIR"
CONF=$DIR/smb.conf
ENV=$DIR/env
MNT=$DIR/mnt
EXPORT=$DIR/export
LOG=$DIR/smbd.log

# now_ms: milliseconds, for timeouts that must not depend on how long each probe takes.
now_ms() { date +%s%3N; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# env_get KEY: a value from DIR/env, empty when absent.
env_get() { [ -f "$ENV" ] && sed -n "s/^$1=//p" "$ENV" | tail -1 || true; }

port_free() { [ -z "$(ss -Hltn "( sport = :$1 )")" ]; }

mounted() { grep -qs " $MNT fuse" /proc/mounts; }

log_tail() { echo "--- last lines of $1:" >&2; tail -n 20 "$1" >&2 2>/dev/null || true; }

write_conf() {
    local port=$1 s=$DIR/state
    mkdir -p "$s"/{lock,state,cache,private,pid,ncalrpc,bind-dns,usershares,log} "$EXPORT"
    # Every path Samba would otherwise take from /var or /run is here, so two shares (or a
    # system Samba) never share a lock file, and stop leaves nothing behind outside DIR.
    cat >"$CONF" <<EOF
[global]
    server role = standalone server
    interfaces = lo
    bind interfaces only = yes
    smb ports = $port
    disable netbios = yes
    server min protocol = SMB2_02
    lock directory = $s/lock
    state directory = $s/state
    cache directory = $s/cache
    private dir = $s/private
    pid directory = $s/pid
    ncalrpc dir = $s/ncalrpc
    binddns dir = $s/bind-dns
    usershare path = $s/usershares
    passdb backend = tdbsam:$s/private/passdb.tdb
    map to guest = Bad User
    load printers = no
    printing = bsd
    printcap name = /dev/null
    disable spoolss = yes
    log level = 1
    # Logs go to stdout (--debug-stdout); this only keeps the cores directory out of /var/log.
    log file = $s/log/log.%m

[share]
    path = $EXPORT
    read only = no
    guest ok = yes
    force user = root
    vfs objects = streams_xattr
EOF
}

# start_smbd PORT: starts smbd in the background and waits until it listens.
start_smbd() {
    local port=$1 deadline pid
    # Its own process group (no --no-process-group): stop can signal smbd and every helper
    # it forked at once, without touching the caller. All fds go to files so a caller that
    # reads this script's output (go test's exec) does not wait for smbd to exit.
    smbd --foreground -s "$CONF" --debug-stdout </dev/null >>"$LOG" 2>&1 &
    pid=$!
    deadline=$(($(now_ms) + 10000))
    until ! port_free "$port"; do
        alive "$pid" || { log_tail "$LOG"; die "smbd exited before listening on port $port"; }
        [ "$(now_ms)" -lt "$deadline" ] || {
            log_tail "$LOG"; kill -TERM "$pid" 2>/dev/null || true
            die "smbd did not listen on port $port within 10 s"
        }
        sleep 0.1
    done
    SMBD_PID=$pid
}

# stop_smbd PID: TERM to its process group (helpers such as samba-dcerpcd included), then KILL.
stop_smbd() {
    local pid=$1 i
    alive "$pid" || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 100); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
        echo "samba-share: smbd $pid ignored TERM for 10 s; killing" >&2
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    # Children of the old group that outlived the parent would keep serving stale handles.
    kill -KILL -- "-$pid" 2>/dev/null || true
}

# wait_share SECONDS: until the mounted share lists. smbnetfs answers EIO for a while after
# any server error, so a single failed probe means nothing.
wait_share() {
    local secs=$1 share deadline err
    share=$(env_get PURSUIT_SMB_SHARE)
    [ -n "$share" ] || die "no share in $ENV; run start first"
    deadline=$(($(now_ms) + secs * 1000))
    until err=$(ls "$share" 2>&1 >/dev/null); do
        [ "$(now_ms)" -lt "$deadline" ] || {
            log_tail "$DIR/smbnetfs.log"; log_tail "$LOG"
            die "share $share not listable within ${secs} s: $err"
        }
        sleep 0.25
    done
}

write_env() {
    local port=$1 pid=$2
    cat >"$ENV.tmp" <<EOF
PURSUIT_SMB_SHARE=$MNT/127.0.0.1:$port/share
PURSUIT_SMB_EXPORT=$EXPORT
PURSUIT_SMB_PORT=$port
PURSUIT_SMB_CONF=$CONF
PURSUIT_SMBD_PID=$pid
PURSUIT_SMB_CTL=$SELF
PURSUIT_SMB_DIR=$DIR
EOF
    mv "$ENV.tmp" "$ENV"
}

do_stop() {
    local fpid i
    if mounted; then
        umount "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null ||
            echo "samba-share: could not unmount $MNT" >&2
    fi
    fpid=$(cat "$DIR/smbnetfs.pid" 2>/dev/null || true)
    for i in $(seq 50); do alive "$fpid" || break; sleep 0.1; done
    alive "$fpid" && kill -TERM "$fpid" 2>/dev/null || true
    stop_smbd "$(env_get PURSUIT_SMBD_PID)"
    rm -f "$ENV" "$DIR/smbnetfs.pid"
}

do_start() {
    local port="" p t0 fpid deadline share
    t0=$(now_ms)
    if [ -f "$ENV" ] || mounted; then
        echo "samba-share: $DIR was already started; stopping it first" >&2
        do_stop
    fi
    "$(dirname "$SELF")/apt-install" "$(dirname "$SELF")/apt-samba-packages.txt"
    for p in "${PORTS[@]}"; do port_free "$p" && { port=$p; break; }; done
    [ -n "$port" ] || die "no free port in ${PORTS[0]}..${PORTS[-1]}"
    write_conf "$port"
    : >"$LOG"
    # smbnetfs logs on as this user (its auth line below); a Samba user needs no Unix account.
    out=$(printf '%s\n%s\n' "$PASSWORD" "$PASSWORD" | smbpasswd -c "$CONF" -s -a root 2>&1) ||
        { echo "$out" >&2; die "smbpasswd failed"; }
    start_smbd "$port"

    mkdir -p "$MNT" "$DIR/home/.smb"
    # smbnetfs and libsmbclient read ~/.smb; a private HOME keeps the user's own config out.
    cat >"$DIR/home/.smb/smbnetfs.conf" <<EOF
smb_query_browsers false
show_hidden_hosts true
neg_cache_timeout 200
auth "root" "$PASSWORD"
EOF
    cat >"$DIR/home/.smb/smb.conf" <<EOF
[global]
    client min protocol = SMB2_02
EOF
    chmod 600 "$DIR/home/.smb/smbnetfs.conf"
    HOME=$DIR/home smbnetfs "$MNT" -f \
        -o "config=$DIR/home/.smb/smbnetfs.conf,use_libsecret=false" \
        </dev/null >"$DIR/smbnetfs.log" 2>&1 &
    fpid=$!
    echo "$fpid" >"$DIR/smbnetfs.pid"
    deadline=$(($(now_ms) + 10000))
    until mounted; do
        alive "$fpid" || { log_tail "$DIR/smbnetfs.log"; stop_smbd "$SMBD_PID"; die "smbnetfs exited before mounting"; }
        [ "$(now_ms)" -lt "$deadline" ] || {
            kill -KILL "$fpid" 2>/dev/null || true; stop_smbd "$SMBD_PID"; log_tail "$DIR/smbnetfs.log"
            die "smbnetfs did not mount $MNT within 10 s"
        }
        sleep 0.1
    done
    write_env "$port" "$SMBD_PID"
    (wait_share 30) || { do_stop; exit 1; }
    share=$(env_get PURSUIT_SMB_SHARE)
    echo "samba-share: $share ready in $(($(now_ms) - t0)) ms" >&2
    cat "$ENV"
}

do_kill_children() {
    local port parent pids deadline
    port=$(env_get PURSUIT_SMB_PORT)
    parent=$(env_get PURSUIT_SMBD_PID)
    [ -n "$port" ] || die "no share in $ENV; run start first"
    # The client may not have connected yet when a test asks; give it a moment.
    deadline=$(($(now_ms) + 3000))
    while :; do
        pids=$(ss -tnpH state established "( sport = :$port )" | grep -o 'pid=[0-9]*' |
            cut -d= -f2 | sort -u | grep -vx "$parent" || true)
        [ -n "$pids" ] && break
        [ "$(now_ms)" -lt "$deadline" ] || die "no established connection on port $port to kill"
        sleep 0.1
    done
    # shellcheck disable=SC2086
    kill -KILL $pids
    echo "samba-share: killed smbd $(echo $pids)" >&2
}

do_restart_server() {
    local down=${1:-0} port old t0
    [[ $down =~ ^[0-9]+([.][0-9]+)?$ ]] || die "DOWN_SECONDS must be a number: $down"
    t0=$(now_ms)
    port=$(env_get PURSUIT_SMB_PORT)
    old=$(env_get PURSUIT_SMBD_PID)
    [ -n "$port" ] || die "no share in $ENV; run start first"
    stop_smbd "$old"
    sleep "$down"
    start_smbd "$port"
    write_env "$port" "$SMBD_PID"
    wait_share 30
    echo "samba-share: smbd restarted (pid $old -> $SMBD_PID), share back in $(($(now_ms) - t0)) ms" >&2
}

case $cmd in
start) do_start ;;
stop) do_stop ;;
kill-children) do_kill_children ;;
restart-server) do_restart_server "${3:-0}" ;;
wait) wait_share "${3:-30}" ;;
*) usage ;;
esac
