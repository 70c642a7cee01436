# shellcheck shell=bash
# Shared helpers for the deploy/local/*.sh scripts. Source it, do not run it.
#
# Sets:
#   REPO_ROOT  repository root (resolved from this file's location)
#   LOCAL_DIR  data folder for the private servers
#              (default <repo>/.local, override with FORUM_LOCAL_DIR)

# Resolve the repository root from the script location, not from $PWD,
# so the scripts work when called from anywhere.
_COMMON_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$_COMMON_DIR/../.." && pwd -P)"
LOCAL_DIR="${FORUM_LOCAL_DIR:-$REPO_ROOT/.local}"

# Servers are started with a clean, predictable locale; C.UTF-8 is
# always available on Debian (built into libc).
export LC_ALL=C.UTF-8 2>/dev/null || true

_script_name="$(basename "$0" .sh)"

log() { printf '[%s] %s\n' "$_script_name" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$_script_name" "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Validate a TCP port number given in an env var.
check_port() { # name value
    case "$2" in
        '' | *[!0-9]*) die "$1 must be a number (got '$2')" ;;
    esac
    if [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then
        die "$1 must be between 1 and 65535 (got $2)"
    fi
}

# True when something accepts TCP connections on 127.0.0.1:<port>.
port_open() { # port
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when <pid> is alive and its executable name is <comm>
# (protects against pid reuse after a crash or reboot).
pid_is() { # pid comm
    local pid="$1" comm="$2" actual
    proc_alive "$pid" || return 1
    actual="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
    [ "$actual" = "$comm" ]
}

# True when <pid> exists and is not a zombie.
proc_alive() { # pid
    case "$1" in '' | *[!0-9]*) return 1 ;; esac
    [ -d "/proc/$1" ] || return 1
    ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# Wait until <pid> is gone; returns 1 after <seconds>.
wait_pid_gone() { # pid seconds
    local pid="$1" deadline=$((SECONDS + $2))
    while proc_alive "$pid"; do
        [ "$SECONDS" -ge "$deadline" ] && return 1
        sleep 0.1
    done
    return 0
}

# Create the data folder and make it git-ignored by itself (a .gitignore
# containing '*' inside it), so nothing here is ever committed even if
# the repository's own .gitignore does not list it.
ensure_local_dir() {
    if [ ! -d "$LOCAL_DIR" ]; then
        (umask 022 && mkdir -p "$LOCAL_DIR") || die "cannot create $LOCAL_DIR"
    fi
    if [ ! -e "$LOCAL_DIR/.gitignore" ]; then
        printf '# Private local servers (deploy/local); never commit.\n*\n' >"$LOCAL_DIR/.gitignore"
    fi
}

# Serialize concurrent start/stop calls for one service.
# The lock fd (9) must not leak into the servers; callers launch servers
# with 9>&- (see close_extra_fds).
take_lock() { # name
    local lockfile="$LOCAL_DIR/.$1.lock"
    exec 9>>"$lockfile" || die "cannot open lock file $lockfile"
    if ! flock -w 120 9; then
        die "another '$1' start/stop is still running (lock $lockfile)"
    fi
}

# Close every fd above 2 in the current (sub)shell, so a long-running
# server does not keep pipes of the caller (or our lock) open.
close_extra_fds() {
    local fd
    for fd in "/proc/$BASHPID/fd/"*; do
        fd="${fd##*/}"
        case "$fd" in '' | *[!0-9]*) continue ;; esac
        if [ "$fd" -gt 2 ]; then
            eval "exec $fd>&-" 2>/dev/null || true
        fi
    done
}

# Release the lock of take_lock (a `run` keeps going once the server is
# up, and must not block start/stop/status calls of other shells).
release_lock() {
    flock -u 9 2>/dev/null || true
    exec 9>&-
}

# ------------------------------------------------- foreground mode (run)
#
# `run` keeps the server as a child of the script, for a process
# supervisor. SIGTERM, SIGINT and SIGHUP only record the request in
# STOP_SIGNAL (a `wait` in progress returns at once); the caller then
# stops the server cleanly and exits. The server itself runs in its own
# session, so a Ctrl-C on a terminal reaches only this script.

STOP_SIGNAL=""
CHILD_RC=0

# A script started in the background by a non-interactive shell (`cmd &`)
# has SIGINT (and SIGQUIT) ignored, and bash cannot trap a signal that was
# ignored on entry. So `run` re-execs itself once (same pid) with SIGINT
# and SIGTERM reset to their defaults. (A SIGHUP ignored by nohup stays so.)
unignore_stop_signals() { # script-args...
    local ign
    ign="$(sed -n 's/^SigIgn:[[:space:]]*//p' "/proc/$$/status" 2>/dev/null || true)"
    case "$ign" in '' | *[!0-9a-fA-F]*) return 0 ;; esac
    # Bit n-1 stands for signal n: SIGINT (2) 0x2, SIGTERM (15) 0x4000.
    if (((16#$ign & 0x4002) == 0)); then
        unset _FORUM_SIGNALS_RESET
        return 0
    fi
    if [ -z "${_FORUM_SIGNALS_RESET:-}" ] && env --default-signal=INT true 2>/dev/null; then
        exec env --default-signal=INT,TERM _FORUM_SIGNALS_RESET=1 "$BASH" "$0" "$@"
    fi
    log "warning: SIGINT or SIGTERM is ignored by this process and cannot be trapped"
}

trap_stop_signals() {
    trap 'STOP_SIGNAL=TERM' TERM
    trap 'STOP_SIGNAL=INT' INT
    trap 'STOP_SIGNAL=HUP' HUP
}

need_setpriv() {
    command -v setpriv >/dev/null 2>&1 || die "setpriv (util-linux) is required for 'run'"
}

# Wait for the child <pid> to exit or for a stop signal.
# Returns 0 when the child exited (its status in CHILD_RC), 1 when a stop
# signal arrived (the child may still be running). After trapped signals,
# bash 5.2 may report a wrong status (128+n) for a child that exited
# normally, so the caller judges a requested stop by what it observes.
# shellcheck disable=SC2034 # CHILD_RC is read by the caller.
wait_child() { # pid
    local rc
    while [ -z "$STOP_SIGNAL" ]; do
        rc=0
        wait "$1" || rc=$?
        [ -n "$STOP_SIGNAL" ] && return 1
        # > 128 without a stop signal: interrupted, child still there.
        if [ "$rc" -gt 128 ] && kill -0 "$1" 2>/dev/null; then
            continue
        fi
        CHILD_RC=$rc
        return 0
    done
    return 1
}
