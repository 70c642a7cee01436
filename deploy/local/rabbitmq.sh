#!/usr/bin/env bash
# Private RabbitMQ node (with the management plugin) for local development
# and tests, run from the Debian rabbitmq-server binaries but with its own
# ports, Erlang cookie, epmd and data folder.
#
# Usage: deploy/local/rabbitmq.sh start|stop|status|url|mgmt-url|run
#
#   start   start the node in the background (detached) and wait for it
#   stop    stop the node started by `start` or `run` (and its epmd)
#   run     run the node in the foreground, for a process supervisor:
#           logs go to stdout/stderr (and to the log folder as usual),
#           SIGTERM/SIGINT/SIGHUP stop it cleanly and exit 0; if the node
#           exits by itself, its epmd is stopped and the exit status of
#           rabbitmq-server is passed on (1 if the node crashed, which the
#           wrapper reports as 0); fails if the node is already
#           running (`stop` it first). If this script is killed, the node
#           is stopped too (its epmd is cleaned up by the next start/run/stop).
#
# Environment:
#   FORUM_RABBITMQ_PORT             AMQP port on 127.0.0.1 (default 55672)
#   FORUM_RABBITMQ_DIST_PORT        Erlang distribution port (default 55682)
#   FORUM_RABBITMQ_MANAGEMENT_PORT  management HTTP port (default 55673)
#   FORUM_EPMD_PORT                 private epmd port (default 54369)
#   FORUM_LOCAL_DIR                 data folder (default <repo>/.local)
#   FORUM_RABBITMQ_TIMEOUT          seconds to wait for start/stop (default 90)
#
# Layout: $FORUM_LOCAL_DIR/rabbitmq/{home,mnesia,log,rabbitmq.conf,...}
# User guest/guest (allowed on loopback only, RabbitMQ's default).
# `start` and `url` print the AMQP URL as the last stdout line.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=_common.sh
. "$SCRIPT_DIR/_common.sh"

PORT="${FORUM_RABBITMQ_PORT:-55672}"
# Always explicit: RabbitMQ's default (AMQP port + 20000) is > 65535 for
# high AMQP ports, and then the node fails to boot while exiting with 0.
DIST_PORT="${FORUM_RABBITMQ_DIST_PORT:-55682}"
MGMT_PORT="${FORUM_RABBITMQ_MANAGEMENT_PORT:-55673}"
EPMD_PORT="${FORUM_EPMD_PORT:-54369}"
TIMEOUT="${FORUM_RABBITMQ_TIMEOUT:-90}"
check_port FORUM_RABBITMQ_PORT "$PORT"
check_port FORUM_RABBITMQ_DIST_PORT "$DIST_PORT"
check_port FORUM_RABBITMQ_MANAGEMENT_PORT "$MGMT_PORT"
check_port FORUM_EPMD_PORT "$EPMD_PORT"
if [ "$EPMD_PORT" = 4369 ]; then
    die "FORUM_EPMD_PORT must not be 4369 (the system epmd port); the private node uses its own epmd"
fi
if [ "$(printf '%s\n' "$PORT" "$DIST_PORT" "$MGMT_PORT" "$EPMD_PORT" | sort -u | wc -l)" -ne 4 ]; then
    die "AMQP ($PORT), dist ($DIST_PORT), management ($MGMT_PORT) and epmd ($EPMD_PORT) ports must all differ"
fi

RABBIT_BIN=/usr/lib/rabbitmq/bin
BASE="$LOCAL_DIR/rabbitmq"
PIDFILE="$BASE/rabbitmq.pid"
STATEFILE="$BASE/running.env"
STARTUP_LOG="$BASE/log/startup.log"
NODE="forum-$PORT@localhost"

amqp_url() { printf 'amqp://guest:guest@127.0.0.1:%s/\n' "$PORT"; }
mgmt_url() { printf 'http://guest:guest@127.0.0.1:%s/\n' "$MGMT_PORT"; }

usage() {
    echo "usage: $0 start|stop|status|url|mgmt-url|run" >&2
    exit 2
}

# ------------------------------------------------------------ environment

# Everything the server and rabbitmqctl need to find *this* node and none
# of the system installation (/etc/rabbitmq, /var/lib/rabbitmq, port 4369).
rabbit_env() {
    export HOME="$BASE/home"
    export RABBITMQ_NODENAME="$NODE"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="$PORT"
    export RABBITMQ_DIST_PORT="$DIST_PORT"
    export RABBITMQ_MNESIA_BASE="$BASE/mnesia"
    export RABBITMQ_LOG_BASE="$BASE/log"
    export RABBITMQ_PID_FILE="$PIDFILE"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$BASE/enabled_plugins"
    export RABBITMQ_CONFIG_FILE="$BASE/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$BASE/advanced.config"
    export RABBITMQ_CONF_ENV_FILE="$BASE/rabbitmq-env.conf"
    export ERL_EPMD_ADDRESS=127.0.0.1
    export ERL_EPMD_PORT="$EPMD_PORT"
    export ERL_CRASH_DUMP="$BASE/log/erl_crash.dump"
    # Erlang distribution (node and CLI tools) on loopback only.
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    unset RABBITMQ_USE_LONGNAME RABBITMQ_ALLOW_INPUT NOTIFY_SOCKET
}

check_binaries() {
    if [ ! -x "$RABBIT_BIN/rabbitmq-server" ] || [ ! -x "$RABBIT_BIN/rabbitmqctl" ]; then
        die "RabbitMQ not found in $RABBIT_BIN; run: sudo $SCRIPT_DIR/install.sh"
    fi
    command -v curl >/dev/null 2>&1 || die "curl is required; run: sudo $SCRIPT_DIR/install.sh"
    command -v flock >/dev/null 2>&1 || die "flock (util-linux) is required"
    if ! getent hosts localhost >/dev/null 2>&1; then
        die "host name 'localhost' does not resolve (add '127.0.0.1 localhost' to /etc/hosts)"
    fi
}

prepare_dirs() { # [run]
    ensure_local_dir
    (umask 022 && mkdir -p "$BASE")
    mkdir -p "$BASE/mnesia" "$BASE/log"
    (umask 077 && mkdir -p "$BASE/home")
    chmod 700 "$BASE/home"
    local cookie="$BASE/home/.erlang.cookie"
    if [ ! -s "$cookie" ]; then
        (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F' >"$cookie")
    fi
    chmod 600 "$cookie"
    printf '[rabbitmq_management].\n' >"$BASE/enabled_plugins"
    cat >"$BASE/rabbitmq.conf" <<EOF
# Generated by deploy/local/rabbitmq.sh; rewritten on every start.
management.tcp.port = $MGMT_PORT
management.tcp.ip = 127.0.0.1
EOF
    if [ "${1:-}" = run ]; then
        # Foreground: the log also goes to stdout, for the supervisor
        # (log.file must then be named, or the file log is dropped).
        cat >>"$BASE/rabbitmq.conf" <<EOF
log.console = true
log.console.level = info
log.console.use_colors = off
log.file = $NODE.log
EOF
    fi
    : >"$BASE/rabbitmq-env.conf"
}

# ------------------------------------------------------------------ state

# Pid of the running beam of our node, from the pid file, or empty.
running_pid() {
    local pid
    [ -f "$PIDFILE" ] || return 0
    pid="$(tr -dc '0-9' <"$PIDFILE" 2>/dev/null || true)"
    if pid_is "$pid" beam.smp; then
        echo "$pid"
    fi
}

load_state() { # -> R_PORT R_MGMT_PORT R_EPMD_PORT R_NODE R_LAUNCHER (of the last start)
    R_PORT=""
    R_MGMT_PORT=""
    R_EPMD_PORT=""
    R_NODE=""
    R_LAUNCHER=""
    if [ -f "$STATEFILE" ]; then
        R_PORT="$(sed -n 's/^PORT=//p' "$STATEFILE")"
        R_MGMT_PORT="$(sed -n 's/^MGMT_PORT=//p' "$STATEFILE")"
        R_EPMD_PORT="$(sed -n 's/^EPMD_PORT=//p' "$STATEFILE")"
        R_NODE="$(sed -n 's/^NODE=//p' "$STATEFILE")"
        R_LAUNCHER="$(sed -n 's/^LAUNCHER=//p' "$STATEFILE")"
    fi
}

log_tail() {
    local f
    for f in "$STARTUP_LOG" "$BASE/log/$NODE.log"; do
        if [ -s "$f" ]; then
            echo "---- last lines of $f ----" >&2
            tail -n 40 "$f" >&2 || true
        fi
    done
    echo "----" >&2
}

mgmt_ready() {
    curl -fsS -o /dev/null --max-time 5 -u guest:guest "http://127.0.0.1:$MGMT_PORT/api/overview" 2>/dev/null
}

# Pids of processes that belong to this instance: anything started with our
# marker in its environment (wrapper script, beam, erl_child_setup, the epmd
# the node spawned) plus an epmd serving our epmd port.
our_processes() { # epmd_port
    local p pid comm e marker=0 epmd_port=0
    local -a envv
    for p in /proc/[0-9]*; do
        pid="${p#/proc/}"
        { [ "$pid" = "$$" ] || [ "$pid" = "$BASHPID" ]; } && continue
        envv=()
        { mapfile -d '' -t envv <"$p/environ"; } 2>/dev/null || continue
        marker=0
        epmd_port=0
        for e in "${envv[@]}"; do
            case "$e" in
                "FORUM_RABBITMQ_INSTANCE=$BASE") marker=1 ;;
                "ERL_EPMD_PORT=$1") epmd_port=1 ;;
            esac
        done
        if [ "$marker" = 1 ]; then
            echo "$pid"
        elif [ "$epmd_port" = 1 ]; then
            comm=""
            { read -r comm <"$p/comm"; } 2>/dev/null || true
            [ "$comm" = epmd ] && echo "$pid"
        fi
    done
    return 0
}

kill_private_epmd() { # epmd_port
    local port="$1" pid
    [ -n "$port" ] || return 0
    if command -v epmd >/dev/null 2>&1; then
        epmd -port "$port" -kill >/dev/null 2>&1 || true
    fi
    for pid in $(our_processes "$port"); do
        if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = epmd ]; then
            kill -TERM "$pid" 2>/dev/null || true
            wait_pid_gone "$pid" 5 || kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}

# Kill whatever is left of this instance (after a crash or a failed stop).
sweep() { # epmd_port
    local pids pid
    pids="$(our_processes "$1")"
    [ -n "$pids" ] || return 0
    log "cleaning up leftover processes: $(echo "$pids" | tr '\n' ' ')"
    for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in $pids; do wait_pid_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true; done
    for pid in $pids; do wait_pid_gone "$pid" 5 || log "warning: pid $pid did not exit"; done
}

# A failed boot can leave the beam (it does not always halt), its wrapper
# and epmd running: print the logs, clean up, and fail.
start_failed() { # message
    log_tail
    log "cleaning up after the failed start"
    local pid
    pid="$(running_pid)"
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null || true
        wait_pid_gone "$pid" 15 || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PIDFILE" "$STATEFILE"
    kill_private_epmd "$EPMD_PORT"
    sweep "$EPMD_PORT"
    die "$1"
}

# -------------------------------------------------------------- commands

# Returns 0 when ready, 1 on a stop signal (`run`); fails the start
# (start_failed) otherwise.
wait_ready() { # beam_pid launcher_pid
    local pid="$1" launcher="$2" deadline=$((SECONDS + TIMEOUT))

    # 1. The node writes its pid file early during boot; if the launcher
    #    exits before that (bad config, port in use, ...), boot failed.
    while [ -z "$pid" ]; do
        pid="$(running_pid)"
        [ -n "$pid" ] && break
        [ -n "$STOP_SIGNAL" ] && return 1
        if [ -n "$launcher" ] && ! proc_alive "$launcher"; then
            start_failed "rabbitmq-server exited during startup"
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            start_failed "rabbitmq-server did not write its pid file within ${TIMEOUT}s"
        fi
        sleep 0.2 || true
    done

    # 2. Wait for the broker to finish booting (fails if the beam dies).
    #    In the background, so that a stop signal interrupts the `wait`;
    #    timeout(1) runs in its own process group, which is killed then.
    local left=$((deadline - SECONDS)) waiter rc=0
    [ "$left" -lt 5 ] && left=5
    timeout $((left + 15)) "$RABBIT_BIN/rabbitmqctl" -n "$NODE" wait --timeout "$left" "$PIDFILE" </dev/null >"$BASE/log/wait.log" 2>&1 &
    waiter=$!
    wait "$waiter" || rc=$?
    if [ -n "$STOP_SIGNAL" ]; then
        kill -TERM -- "-$waiter" 2>/dev/null || true
        wait_pid_gone "$waiter" 5 || kill -KILL -- "-$waiter" 2>/dev/null || true
        return 1
    fi
    if [ "$rc" -ne 0 ]; then
        cat "$BASE/log/wait.log" >&2 || true
        start_failed "RabbitMQ node $NODE did not start"
    fi

    # 3. The test fixtures use the management HTTP API: wait for it too.
    until mgmt_ready; do
        [ -n "$STOP_SIGNAL" ] && return 1
        if ! pid_is "$pid" beam.smp; then
            start_failed "RabbitMQ node exited during startup"
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            start_failed "management API on 127.0.0.1:$MGMT_PORT did not answer within ${TIMEOUT}s"
        fi
        sleep 0.2 || true
    done
    if ! port_open "$PORT"; then
        start_failed "node is up but nothing listens on 127.0.0.1:$PORT"
    fi
}

# With the lock held and the node not running: clean what a killed node
# left behind (pid file, wrapper, beam, epmd) and check the ports.
prepare_launch() {
    if [ -f "$PIDFILE" ]; then
        log "removing stale pid file $PIDFILE"
        rm -f "$PIDFILE"
    fi
    load_state
    sweep "${R_EPMD_PORT:-$EPMD_PORT}"
    [ -n "$R_EPMD_PORT" ] && [ "$R_EPMD_PORT" != "$EPMD_PORT" ] && kill_private_epmd "$R_EPMD_PORT"

    local p
    for p in "$PORT" "$DIST_PORT" "$MGMT_PORT"; do
        if port_open "$p"; then
            die "port $p on 127.0.0.1 is already in use by another program (see FORUM_RABBITMQ_*_PORT)"
        fi
    done
}

# Launch rabbitmq-server as a background child of this script, in a new
# session (setsid), with stdin /dev/null and without our lock or other
# inherited fds. The wrapper script stays in front of the beam and turns
# SIGTERM into a clean shutdown. Sets LAUNCHER and writes STATEFILE.
#   start: nohup, output to the startup log; the node outlives the caller
#          and runs without a terminal.
#   run:   output to our stdout/stderr; the wrapper gets SIGTERM from the
#          kernel if this script dies, even by SIGKILL (parent-death signal).
launch_server() { # start|run
    local mode="$1"
    [ "$mode" = start ] && : >"$STARTUP_LOG"
    (
        close_extra_fds
        cd "$BASE"
        export FORUM_RABBITMQ_INSTANCE="$BASE"
        if [ "$mode" = run ]; then
            exec setsid setpriv --pdeathsig TERM -- "$RABBIT_BIN/rabbitmq-server" </dev/null
        fi
        exec setsid nohup "$RABBIT_BIN/rabbitmq-server" </dev/null >>"$STARTUP_LOG" 2>&1
    ) &
    LAUNCHER=$!
    cat >"$STATEFILE" <<EOF
PORT=$PORT
MGMT_PORT=$MGMT_PORT
DIST_PORT=$DIST_PORT
EPMD_PORT=$EPMD_PORT
NODE=$NODE
LAUNCHER=$LAUNCHER
EOF
}

cmd_start() {
    check_binaries
    ensure_local_dir
    take_lock rabbitmq
    prepare_dirs
    rabbit_env

    local pid
    pid="$(running_pid)"
    if [ -n "$pid" ]; then
        load_state
        if [ -n "$R_PORT" ] && { [ "$R_PORT" != "$PORT" ] || [ "$R_MGMT_PORT" != "$MGMT_PORT" ] || [ "$R_EPMD_PORT" != "$EPMD_PORT" ]; }; then
            die "RabbitMQ from $BASE is already running with other ports (AMQP $R_PORT, management $R_MGMT_PORT, epmd $R_EPMD_PORT); stop it first"
        fi
        if port_open "$PORT" && mgmt_ready; then
            log "already running (pid $pid, node $NODE)"
            amqp_url
            return 0
        fi
        log "node is running (pid $pid) but not ready yet; waiting"
        wait_ready "$pid" ""
        log "ready (pid $pid)"
        amqp_url
        return 0
    fi

    # Not running: clean what a killed node left behind.
    prepare_launch
    log "starting RabbitMQ node $NODE (AMQP 127.0.0.1:$PORT, management $MGMT_PORT, dist $DIST_PORT, epmd $EPMD_PORT), data $BASE"
    launch_server start
    wait_ready "" "$LAUNCHER"
    log "ready (pid $(running_pid))"
    amqp_url
}

cmd_stop() {
    if [ ! -d "$BASE" ]; then
        log "not running (no data in $BASE)"
        return 0
    fi
    ensure_local_dir
    take_lock rabbitmq
    stop_node
}

# With the lock held: stop the node (rabbitmqctl stop, escalating to
# signals), wait for the wrapper, stop the private epmd and kill whatever
# is left of this instance. NODE_KILLED=1 when the beam needed SIGKILL.
stop_node() {
    NODE_KILLED=0
    load_state
    # Stop the node that was started, even if the env changed since.
    [ -n "$R_PORT" ] && PORT="$R_PORT"
    [ -n "$R_EPMD_PORT" ] && EPMD_PORT="$R_EPMD_PORT"
    [ -n "$R_NODE" ] && NODE="$R_NODE"
    rabbit_env

    local pid
    pid="$(running_pid)"
    if [ -n "$pid" ]; then
        log "stopping RabbitMQ node $NODE (pid $pid)"
        if ! timeout "$TIMEOUT" "$RABBIT_BIN/rabbitmqctl" -n "$NODE" stop "$PIDFILE" </dev/null >"$BASE/log/stop.log" 2>&1; then
            cat "$BASE/log/stop.log" >&2 || true
            log "rabbitmqctl stop failed; sending SIGTERM to pid $pid"
            kill -TERM "$pid" 2>/dev/null || true
        fi
        if ! wait_pid_gone "$pid" 30; then
            log "pid $pid still running; sending SIGKILL"
            NODE_KILLED=1
            kill -KILL "$pid" 2>/dev/null || true
            wait_pid_gone "$pid" 10 || die "could not stop beam pid $pid"
        fi
    else
        log "node not running; cleaning up leftovers if any"
    fi
    if [ -n "$R_LAUNCHER" ] && [ "$(cat "/proc/$R_LAUNCHER/comm" 2>/dev/null)" = rabbitmq-server ]; then
        wait_pid_gone "$R_LAUNCHER" 10 || true
    fi
    rm -f "$PIDFILE"
    # epmd outlives the node: stop our private one (never the system one).
    kill_private_epmd "$EPMD_PORT"
    sweep "$EPMD_PORT"
    rm -f "$STATEFILE"
    log "stopped"
}

cmd_status() {
    local pid
    pid="$(running_pid)"
    if [ -z "$pid" ]; then
        echo "rabbitmq: not running (data $BASE)"
        return 3
    fi
    load_state
    [ -n "$R_PORT" ] && PORT="$R_PORT"
    [ -n "$R_MGMT_PORT" ] && MGMT_PORT="$R_MGMT_PORT"
    if port_open "$PORT" && mgmt_ready; then
        echo "rabbitmq: running (pid $pid, node ${R_NODE:-$NODE}, AMQP 127.0.0.1:$PORT, management 127.0.0.1:$MGMT_PORT)"
        return 0
    fi
    echo "rabbitmq: process running but not ready (pid $pid, node ${R_NODE:-$NODE})"
    return 1
}

cmd_run() {
    unignore_stop_signals run
    # Record stop requests from the start: a signal during startup stops
    # the node as soon as possible.
    trap_stop_signals
    check_binaries
    need_setpriv
    ensure_local_dir
    take_lock rabbitmq
    prepare_dirs run
    rabbit_env

    local pid
    pid="$(running_pid)"
    if [ -n "$pid" ]; then
        die "RabbitMQ node of $BASE is already running (pid $pid), probably started by '$0 start'; stop it first with: $0 stop"
    fi
    prepare_launch
    if [ -n "$STOP_SIGNAL" ]; then
        log "received SIG$STOP_SIGNAL before the node was started; exiting"
        exit 0
    fi

    log "running RabbitMQ node $NODE in the foreground (AMQP 127.0.0.1:$PORT, management $MGMT_PORT, dist $DIST_PORT, epmd $EPMD_PORT), data $BASE"
    launch_server run
    local launcher="$LAUNCHER"
    if wait_ready "" "$launcher"; then
        log "ready (pid $(running_pid)): $(amqp_url), management http://127.0.0.1:$MGMT_PORT/"
    fi
    # From here on start/stop/status of other shells see the running node.
    release_lock

    if wait_child "$launcher"; then
        log "rabbitmq-server exited by itself (status $CHILD_RC); cleaning up"
        # The wrapper exits 0 even when the beam crashed; a node that stops
        # normally (e.g. `stop` from another shell) removes its pid file.
        if [ "$CHILD_RC" -eq 0 ] && [ -f "$PIDFILE" ]; then
            log "the node did not remove its pid file: it crashed or was killed (see $BASE/log)"
            CHILD_RC=1
        fi
        take_lock rabbitmq
        stop_node
        exit "$CHILD_RC"
    fi

    log "received SIG$STOP_SIGNAL: stopping RabbitMQ node $NODE"
    take_lock rabbitmq
    stop_node
    exit "$NODE_KILLED"
}

case "${1:-}" in
    start) cmd_start ;;
    run) cmd_run ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) amqp_url ;;
    mgmt-url) mgmt_url ;;
    *) usage ;;
esac
