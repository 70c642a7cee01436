#!/usr/bin/env bash
# Private PostgreSQL cluster for local development and tests.
#
# Usage: deploy/local/postgres.sh start|stop|status|url|run
#
#   start   start the server in the background (detached) and wait for it
#   stop    fast shutdown of the server started by `start` or `run`
#   run     run the server in the foreground, for a process supervisor:
#           logs go to stdout/stderr, SIGTERM/SIGINT/SIGHUP make a fast
#           shutdown and exit 0; if the server exits by itself, its exit
#           status is passed on; fails if the cluster is already running
#           (`stop` it first). If this script is killed, the server gets a
#           fast shutdown too.
#
# Environment:
#   FORUM_PG_PORT       TCP port on 127.0.0.1 (default 55432)
#   FORUM_LOCAL_DIR     data folder (default <repo>/.local)
#   FORUM_PG_OPTIONS    extra options appended to the postgres command line,
#                       e.g. "-c fsync=off -c synchronous_commit=off"
#   FORUM_PG_TIMEOUT    seconds to wait for start/stop (default 60)
#   FORUM_PG_BIN        PostgreSQL bin folder (default: newest
#                       /usr/lib/postgresql/*/bin, or the one matching an
#                       existing cluster)
#
# Layout: $FORUM_LOCAL_DIR/postgres/{data,run,postgres.log}
# Superuser: forum / forum (password auth over TCP, trust on the socket).
# `start` and `url` print the connection string as the last stdout line.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=_common.sh
. "$SCRIPT_DIR/_common.sh"

PORT="${FORUM_PG_PORT:-55432}"
check_port FORUM_PG_PORT "$PORT"
TIMEOUT="${FORUM_PG_TIMEOUT:-60}"
PG_USER=forum
PG_PASSWORD=forum

BASE="$LOCAL_DIR/postgres"
DATA="$BASE/data"
RUN="$BASE/run"
LOGFILE="$BASE/postgres.log"

conn_string() { printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s\n' "$PORT" "$PG_USER" "$PG_PASSWORD"; }

usage() {
    echo "usage: $0 start|stop|status|url|run" >&2
    exit 2
}

# ---------------------------------------------------------------- binaries

find_pg_bin() {
    if [ -n "${FORUM_PG_BIN:-}" ]; then
        [ -x "$FORUM_PG_BIN/pg_ctl" ] || die "FORUM_PG_BIN=$FORUM_PG_BIN has no pg_ctl"
        PG_BIN="$FORUM_PG_BIN"
        return
    fi
    # An existing cluster must be run by its own major version.
    if [ -f "$DATA/PG_VERSION" ]; then
        local v
        v="$(cat "$DATA/PG_VERSION")"
        if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then
            PG_BIN="/usr/lib/postgresql/$v/bin"
            return
        fi
        die "cluster in $DATA was created by PostgreSQL $v, which is not installed (remove $BASE to recreate it)"
    fi
    PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
        die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; run: sudo $SCRIPT_DIR/install.sh"
    fi
}

# ------------------------------------------------------- run as the owner

# PostgreSQL refuses to run as root: as root, run everything as `postgres`.
if is_root; then
    RUN_USER=postgres
    id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist (is the postgresql package installed? run $SCRIPT_DIR/install.sh)"
else
    RUN_USER="$(id -un)"
fi

# Command prefix (OWNER_CMD array) that runs a program as the cluster owner
# with the given extra setpriv options (e.g. --pdeathsig INT); empty when
# there is nothing to do. Requires setpriv.
owner_cmd() { # setpriv-options...
    OWNER_CMD=()
    if is_root; then
        OWNER_CMD=(setpriv --reuid=postgres --regid=postgres --init-groups "$@" --)
    elif [ "$#" -gt 0 ]; then
        OWNER_CMD=(setpriv "$@" --)
    fi
}

as_owner() { # command...
    if is_root; then
        if command -v setpriv >/dev/null 2>&1; then
            owner_cmd
            "${OWNER_CMD[@]}" "$@"
        else
            su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

prepare_dirs() {
    ensure_local_dir
    (umask 022 && mkdir -p "$BASE")
    mkdir -p "$RUN"
    if is_root; then
        chown postgres:postgres "$BASE" "$RUN"
        if [ -d "$DATA" ] && [ "$(stat -c %U "$DATA")" != postgres ]; then
            chown -R postgres:postgres "$DATA"
        fi
        [ -e "$LOGFILE" ] && chown postgres:postgres "$LOGFILE"
    fi
    # The server user must be able to reach and write the folder (a repo
    # under /root, for example, is not reachable by `postgres`).
    if ! (cd / && as_owner test -w "$BASE" -a -x "$BASE" -a -w "$RUN"); then
        die "user '$RUN_USER' cannot write $BASE (check the permissions of its parent folders, or set FORUM_LOCAL_DIR to a reachable folder)"
    fi
}

# ------------------------------------------------------------------ state

# Pid of the running postmaster of our cluster, or empty.
running_pid() {
    local pid
    [ -f "$DATA/postmaster.pid" ] || return 0
    pid="$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)"
    if pid_is "$pid" postgres; then
        echo "$pid"
    fi
}

# Port recorded in postmaster.pid (line 4) by the running server.
running_port() {
    sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true
}

log_tail() {
    if [ -f "$LOGFILE" ]; then
        echo "---- last lines of $LOGFILE ----" >&2
        tail -n 30 "$LOGFILE" >&2 || true
        echo "----" >&2
    fi
}

# Remove a postmaster.pid left behind by a killed server.
clean_stale_pid() {
    local pid
    [ -f "$DATA/postmaster.pid" ] || return 0
    pid="$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)"
    if ! pid_is "$pid" postgres; then
        log "removing stale $DATA/postmaster.pid (pid ${pid:-?} is not running)"
        rm -f "$DATA/postmaster.pid"
    fi
    # Socket lock files of a killed server.
    local f
    for f in "$RUN"/.s.PGSQL.*.lock; do
        [ -e "$f" ] || continue
        pid="$(head -n 1 "$f" 2>/dev/null || true)"
        if ! pid_is "$pid" postgres; then
            rm -f "$f" "${f%.lock}"
        fi
    done
}

# Backends of a postmaster killed with SIGKILL keep running for a moment
# and hold the old shared memory; wait for them (they have our data folder
# as their working directory) so the new postmaster can start cleanly.
wait_orphans() {
    local deadline=$((SECONDS + 15)) found p
    while :; do
        found=
        for p in /proc/[0-9]*; do
            [ "$(cat "$p/comm" 2>/dev/null)" = postgres ] || continue
            [ "$(readlink "$p/cwd" 2>/dev/null)" = "$DATA" ] || continue
            found=1
            break
        done
        [ -z "$found" ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && {
            log "warning: leftover postgres processes of a previous server still exist"
            return 0
        }
        sleep 0.2
    done
}

# -------------------------------------------------------------- commands

do_initdb() {
    local pwfile locale_args
    log "initializing a new cluster in $DATA (superuser '$PG_USER')"
    pwfile="$BASE/.pwfile"
    (umask 077 && printf '%s\n' "$PG_PASSWORD" >"$pwfile")
    is_root && chown postgres:postgres "$pwfile"
    local locales
    locales="$(locale -a 2>/dev/null || true)"
    if grep -qiE '^c\.utf-?8$' <<<"$locales"; then
        locale_args=(--locale=C.UTF-8 -E UTF8)
    else
        log "locale C.UTF-8 not available; using --no-locale with UTF8 encoding"
        locale_args=(--no-locale -E UTF8)
    fi
    if ! (cd "$BASE" && as_owner "$PG_BIN/initdb" -D "$DATA" -U "$PG_USER" --pwfile="$pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust "${locale_args[@]}" \
        >"$BASE/initdb.log" 2>&1); then
        rm -f "$pwfile"
        cat "$BASE/initdb.log" >&2 || true
        rm -rf "$DATA"
        die "initdb failed"
    fi
    rm -f "$pwfile"
}

# With the lock held and the cluster not running: create the cluster on
# first use, clean what a killed server left behind, check the port.
prepare_cluster() {
    if [ ! -f "$DATA/PG_VERSION" ]; then
        # A half-created folder from an interrupted initdb.
        [ -d "$DATA" ] && rm -rf "$DATA"
        do_initdb
    fi
    clean_stale_pid
    wait_orphans
    if port_open "$PORT"; then
        die "port $PORT on 127.0.0.1 is already in use by another program; set FORUM_PG_PORT to a free port"
    fi
}

# Options of the postgres command line. Values are single-quoted because
# the string goes through /bin/sh (pg_ctl -o, and the sh -c of `run`), so
# FORUM_PG_OPTIONS is parsed the same way by both.
server_opts() {
    local opts
    opts="-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$RUN' -c max_connections=500"
    if [ -n "${FORUM_PG_OPTIONS:-}" ]; then
        opts="$opts $FORUM_PG_OPTIONS"
    fi
    printf '%s' "$opts"
}

# Wait until the server accepts connections over TCP, the way clients
# connect. Returns 0 when ready, 1 on a stop signal (`run`), 2 when the
# server is gone, 3 after FORUM_PG_TIMEOUT seconds. With <pid>, watch that
# process (it may not have written postmaster.pid yet).
wait_accepting() { # [pid]
    local deadline=$((SECONDS + TIMEOUT)) pid="${1:-}"
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 1 >/dev/null 2>&1; do
        [ -n "$STOP_SIGNAL" ] && return 1
        if [ -n "$pid" ]; then
            proc_alive "$pid" || return 2
        else
            [ -z "$(running_pid)" ] && return 2
        fi
        [ "$SECONDS" -ge "$deadline" ] && return 3
        sleep 0.2 || true
    done
    return 0
}

# Immediate shutdown (SIGQUIT) of postmaster <pid>, then SIGKILL.
kill_postmaster() { # pid
    log "sending SIGQUIT (immediate shutdown) to postgres pid $1"
    kill -QUIT "$1" 2>/dev/null || true
    if ! wait_pid_gone "$1" 10; then
        log "sending SIGKILL to postgres pid $1"
        kill -KILL "$1" 2>/dev/null || true
        wait_pid_gone "$1" 5 || die "could not stop postgres pid $1"
    fi
}

cmd_start() {
    find_pg_bin
    ensure_local_dir
    take_lock postgres
    prepare_dirs

    local pid
    pid="$(running_pid)"
    if [ -n "$pid" ]; then
        local rport
        rport="$(running_port)"
        if [ -n "$rport" ] && [ "$rport" != "$PORT" ]; then
            die "the cluster in $DATA is already running on port $rport (pid $pid), not $PORT; stop it first"
        fi
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 5 >/dev/null 2>&1; then
            log "already running (pid $pid, port $PORT)"
            conn_string
            return 0
        fi
        # Running but not ready yet (e.g. still in recovery): wait below.
        log "server (pid $pid) is running but not ready yet; waiting"
    else
        prepare_cluster
        local opts
        opts="$(server_opts)"

        log "starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PORT, data $DATA"
        # pg_ctl detaches the postmaster (own session, stdin /dev/null,
        # output to the log file), so it survives the caller and does not
        # need a terminal. Our lock fd and any other inherited fd are closed.
        if ! (
            cd "$BASE"
            close_extra_fds
            as_owner "$PG_BIN/pg_ctl" start -D "$DATA" -l "$LOGFILE" -w -t "$TIMEOUT" -o "$opts" </dev/null >&2
        ); then
            log_tail
            die "PostgreSQL failed to start"
        fi
    fi

    # Final readiness check over TCP, the way clients connect.
    local rc=0
    wait_accepting || rc=$?
    case "$rc" in
        2)
            log_tail
            die "PostgreSQL exited during startup"
            ;;
        3)
            log_tail
            die "PostgreSQL did not accept connections on 127.0.0.1:$PORT within ${TIMEOUT}s"
            ;;
    esac
    log "ready (pid $(running_pid))"
    conn_string
}

cmd_stop() {
    if [ ! -d "$DATA" ]; then
        log "not running (no cluster in $DATA)"
        return 0
    fi
    find_pg_bin
    ensure_local_dir
    take_lock postgres

    local pid
    pid="$(running_pid)"
    if [ -z "$pid" ]; then
        clean_stale_pid
        log "not running"
        return 0
    fi
    log "stopping PostgreSQL (pid $pid)"
    if ! (cd "$BASE" && as_owner "$PG_BIN/pg_ctl" stop -D "$DATA" -m fast -w -t "$TIMEOUT" </dev/null >&2); then
        log "fast shutdown failed"
        kill_postmaster "$pid"
    fi
    wait_pid_gone "$pid" 10 || die "postgres pid $pid is still running"
    clean_stale_pid
    wait_orphans
    log "stopped"
}

cmd_status() {
    local pid
    pid="$(running_pid)"
    if [ -z "$pid" ]; then
        echo "postgres: not running (data $DATA)"
        return 3
    fi
    local rport
    rport="$(running_port)"
    find_pg_bin
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "${rport:-$PORT}" -t 3 >/dev/null 2>&1; then
        echo "postgres: running (pid $pid, 127.0.0.1:${rport:-$PORT}, data $DATA)"
        return 0
    fi
    echo "postgres: process running but not accepting connections (pid $pid, port ${rport:-$PORT})"
    return 1
}

cmd_run() {
    unignore_stop_signals run
    # Record stop requests from the start: a signal during initdb or
    # startup is handled as soon as the server is launched.
    trap_stop_signals
    find_pg_bin
    need_setpriv
    ensure_local_dir
    take_lock postgres
    prepare_dirs

    local pid
    pid="$(running_pid)"
    if [ -n "$pid" ]; then
        die "PostgreSQL of $DATA is already running (pid $pid, port $(running_port)), probably started by '$0 start'; stop it first with: $0 stop"
    fi
    prepare_cluster
    if [ -n "$STOP_SIGNAL" ]; then
        log "received SIG$STOP_SIGNAL before the server was started; exiting"
        exit 0
    fi

    log "running PostgreSQL ($PG_BIN) in the foreground on 127.0.0.1:$PORT, data $DATA"
    # The postmaster itself is our child (setsid/setpriv/sh all exec), in
    # its own session, with stdin /dev/null and our stdout/stderr. If this
    # script dies, even by SIGKILL, it gets SIGINT (fast shutdown) from the
    # kernel (parent-death signal). The options go through sh as with pg_ctl.
    (
        cd "$BASE"
        close_extra_fds
        owner_cmd --pdeathsig INT
        # shellcheck disable=SC2016 # $0/$1 are expanded by that sh.
        exec setsid "${OWNER_CMD[@]}" /bin/sh -c 'exec "$0" -D "$1" '"$(server_opts)" \
            "$PG_BIN/postgres" "$DATA" </dev/null
    ) &
    pid=$!

    local rc=0
    wait_accepting "$pid" || rc=$?
    case "$rc" in
        0) log "ready (pid $pid): $(conn_string)" ;;
        3) log "warning: not accepting connections on 127.0.0.1:$PORT after ${TIMEOUT}s; still waiting" ;;
    esac
    # From here on start/stop/status of other shells see the running server.
    release_lock

    if wait_child "$pid"; then
        log "PostgreSQL exited by itself (status $CHILD_RC)"
        clean_stale_pid
        wait_orphans
        exit "$CHILD_RC"
    fi

    log "received SIG$STOP_SIGNAL: fast shutdown of PostgreSQL (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true
    rc=0
    if ! wait_pid_gone "$pid" "$TIMEOUT"; then
        log "fast shutdown did not finish within ${TIMEOUT}s"
        kill_postmaster "$pid"
        rc=1
    fi
    clean_stale_pid
    wait_orphans
    log "stopped"
    exit "$rc"
}

case "${1:-}" in
    start) cmd_start ;;
    run) cmd_run ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) conn_string ;;
    *) usage ;;
esac
