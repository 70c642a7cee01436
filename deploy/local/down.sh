#!/usr/bin/env bash
# Stops the private RabbitMQ node and PostgreSQL cluster started by up.sh
# (or by rabbitmq.sh / postgres.sh). Data is kept. Idempotent.
# Same environment variables as postgres.sh and rabbitmq.sh.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=_common.sh
. "$SCRIPT_DIR/_common.sh"

rc=0
"$SCRIPT_DIR/rabbitmq.sh" stop || rc=1
"$SCRIPT_DIR/postgres.sh" stop || rc=1
[ "$rc" -eq 0 ] || die "some servers could not be stopped (see above)"
