#!/usr/bin/env bash
# Runs every test of the forum against a real PostgreSQL and a real RabbitMQ, started privately
# for this run from the machine's own binaries (installed first if missing and run as root),
# and stopped again at the end. Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

bash deploy/local/install.sh --browser

set -a
# shellcheck source=deploy/local/test-servers.env
. deploy/local/test-servers.env
FORUM_LOCAL_DIR="$PWD/.local/test"
set +a

stop_servers() {
    bash deploy/local/rabbitmq.sh stop >/dev/null 2>&1 || true
    bash deploy/local/postgres.sh stop >/dev/null 2>&1 || true
}
trap stop_servers EXIT

FORUM_TEST_POSTGRES="$(bash deploy/local/postgres.sh start | tail -n 1)"
FORUM_TEST_RABBITMQ="$(bash deploy/local/rabbitmq.sh start | tail -n 1)"
FORUM_TEST_RABBITMQ_MANAGEMENT="$(bash deploy/local/rabbitmq.sh mgmt-url | tail -n 1)"
export FORUM_TEST_POSTGRES FORUM_TEST_RABBITMQ FORUM_TEST_RABBITMQ_MANAGEMENT

# The fault suite (Category=Faults, about two minutes on servers of its own) is part of every
# run; ./test.sh --filter "Category!=Faults" leaves it out, --filter Category=Faults runs it alone.
report="$FORUM_LOCAL_DIR/fault-suite-report.txt"
rm -f "$report"
# The whole run is also kept in a log, so that a failure far up in a long run is repeated at the
# end where it is seen: each failed test with its message and the top of its stack.
log="$FORUM_LOCAL_DIR/test-run.log"
mkdir -p "$FORUM_LOCAL_DIR"
status=0
dotnet test Forum.slnx -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
if [ -f "$report" ]; then
    echo
    echo "==== Fault suite report ===="
    cat "$report"
fi
if [ "$status" -ne 0 ]; then
    echo
    echo "==== Failed tests (full log: $log) ===="
    awk '/^  Failed /{n=40} n>0{print; n--; if (/^  (Passed|Standard Output|Skipped) /) n=0}' "$log" | grep -v '^  Passed ' || true
fi
exit "$status"
