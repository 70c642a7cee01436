#!/usr/bin/env bash
# Installs what the private local servers need on Debian 12:
#   - PostgreSQL server + contrib (initdb under /usr/lib/postgresql/*/bin,
#     extensions unaccent and pg_trgm)
#   - RabbitMQ (Debian's rabbitmq-server package)
#   - curl, util-linux (setpriv, flock)
#   --browser: also chromium and fonts-nanum (browser tests)
#
# Fast no-op when everything is present. As root it installs what is
# missing; otherwise it prints what to install and exits 1.
#
# Installing the Debian packages may start the *system* PostgreSQL (5432)
# or RabbitMQ/epmd (5672/4369) services; they are left alone: the private
# servers of postgres.sh / rabbitmq.sh use other ports and folders.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=_common.sh
. "$SCRIPT_DIR/_common.sh"

BROWSER=0
for arg in "$@"; do
    case "$arg" in
        --browser) BROWSER=1 ;;
        -h | --help)
            echo "usage: $0 [--browser]" >&2
            exit 0
            ;;
        *)
            echo "usage: $0 [--browser]" >&2
            exit 2
            ;;
    esac
done

# ------------------------------------------------------------- detection

MISSING=()
add_missing() {
    local p
    for p in "$@"; do
        case " ${MISSING[*]:-} " in *" $p "*) ;; *) MISSING+=("$p") ;; esac
    done
}

newest_pg_bin() {
    find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1
}

detect() {
    MISSING=()
    local bin ver
    bin="$(newest_pg_bin)"
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ] || [ ! -x "$bin/pg_isready" ]; then
        add_missing postgresql postgresql-contrib
    else
        ver="$(basename "$(dirname "$bin")")"
        if [ ! -f "/usr/share/postgresql/$ver/extension/unaccent.control" ] ||
            [ ! -f "/usr/share/postgresql/$ver/extension/pg_trgm.control" ]; then
            add_missing postgresql-contrib
        fi
    fi
    command -v psql >/dev/null 2>&1 || add_missing postgresql
    if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || [ ! -x /usr/lib/rabbitmq/bin/rabbitmqctl ]; then
        add_missing rabbitmq-server
    fi
    command -v curl >/dev/null 2>&1 || add_missing curl
    { command -v setpriv && command -v flock && command -v setsid; } >/dev/null 2>&1 || add_missing util-linux
    if [ "$BROWSER" = 1 ]; then
        command -v chromium >/dev/null 2>&1 || add_missing chromium
        if ! dpkg-query -W -f='${Status}' fonts-nanum 2>/dev/null | grep -q 'install ok installed'; then
            add_missing fonts-nanum
        fi
    fi
}

detect
if [ "${#MISSING[@]}" -eq 0 ]; then
    log "all required packages are present"
    exit 0
fi

if ! is_root; then
    log "missing packages: ${MISSING[*]}"
    log "install them as root, e.g.:"
    flag=""
    [ "$BROWSER" = 1 ] && flag=" --browser"
    log "  sudo $0$flag"
    log "or: sudo apt-get install --no-install-recommends ${MISSING[*]}"
    exit 1
fi

command -v apt-get >/dev/null 2>&1 || die "apt-get not found; this script supports Debian 12"

# ------------------------------------------------------------ installing

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
UPDATED=0

apt_update() {
    log "apt-get update"
    apt-get -q -o DPkg::Lock::Timeout=300 update >&2 || die "apt-get update failed"
    UPDATED=1
}

# True when apt knows an installable version of every given package.
locatable() {
    local p
    for p in "$@"; do
        apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]' || return 1
    done
}

log "installing: ${MISSING[*]}"
if ! locatable "${MISSING[@]}"; then
    apt_update
fi
if ! apt-get install "${APT_OPTS[@]}" "${MISSING[@]}" </dev/null >&2; then
    # Package lists may be stale (removed versions): refresh once and retry.
    [ "$UPDATED" = 1 ] && die "apt-get install failed"
    apt_update
    apt-get install "${APT_OPTS[@]}" "${MISSING[@]}" </dev/null >&2 || die "apt-get install failed"
fi

# Debian's packages may have started the system services (PostgreSQL on
# 5432, RabbitMQ on 5672 with epmd on 4369). They are not ours and use
# other ports than the private servers, so they are left running.
INSTALLED=" ${MISSING[*]} "
case "$INSTALLED" in
    *" rabbitmq-server "*)
        if port_open 5672 || port_open 4369; then
            log "note: the system RabbitMQ/epmd (5672/4369) is running; left alone (the private node uses other ports)"
        fi
        ;;
esac
case "$INSTALLED" in
    *" postgresql "*)
        if port_open 5432; then
            log "note: the system PostgreSQL (5432) is running; left alone (the private cluster uses another port)"
        fi
        ;;
esac

detect
if [ "${#MISSING[@]}" -ne 0 ]; then
    die "still missing after install: ${MISSING[*]}"
fi
log "done"
