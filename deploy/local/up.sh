#!/usr/bin/env bash
# Starts the private PostgreSQL cluster and RabbitMQ node (installing
# missing packages first when run as root). Idempotent.
#
# Usage: deploy/local/up.sh [--browser]   (--browser is passed to install.sh)
#
# Prints, on stdout, shell assignments usable with eval:
#   FORUM_PG_CONNECTION='Host=127.0.0.1;Port=55432;Username=forum;Password=forum'
#   FORUM_RABBITMQ_URL='amqp://guest:guest@127.0.0.1:55672/'
#   FORUM_RABBITMQ_MANAGEMENT_URL='http://guest:guest@127.0.0.1:55673/'
# Same environment variables as postgres.sh and rabbitmq.sh.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=_common.sh
. "$SCRIPT_DIR/_common.sh"

if is_root; then
    "$SCRIPT_DIR/install.sh" "$@"
fi

pg="$("$SCRIPT_DIR/postgres.sh" start | tail -n 1)" || die "PostgreSQL did not start"
amqp="$("$SCRIPT_DIR/rabbitmq.sh" start | tail -n 1)" || die "RabbitMQ did not start"
mgmt="$("$SCRIPT_DIR/rabbitmq.sh" mgmt-url)"

printf "FORUM_PG_CONNECTION='%s'\n" "$pg"
printf "FORUM_RABBITMQ_URL='%s'\n" "$amqp"
printf "FORUM_RABBITMQ_MANAGEMENT_URL='%s'\n" "$mgmt"
