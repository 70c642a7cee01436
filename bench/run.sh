#!/usr/bin/env bash
# Benchmarks the forum in one run and writes bench/results.md: builds Release, starts a private
# PostgreSQL and RabbitMQ (deploy/local, on ports of their own), then the load generator starts
# the services, the gateway and the bare Kestrel reference as Release processes, seeds the forum
# through its APIs, runs every scenario beside its reference and writes the table. Everything it
# started is stopped at the end, on failure and on Ctrl-C too. Never part of ./test.sh.
#
# Usage: bench/run.sh [--quick] [--fresh]
#   --quick  a smaller forum and 3 s runs, about 4 minutes
#   --fresh  seed afresh: by default a run reuses the seeded databases that an earlier run kept
#            (in the private PostgreSQL's folder) if the services, the gateway, the contracts
#            and the seeding code are committed and unchanged since; seeding through the APIs is
#            most of a run's time on two cores
#
# Environment: FORUM_BENCH_PORT (first of five HTTP ports, default 61600), FORUM_BENCH_OUTPUT
# (default bench/results.md; the services' logs go to logs/ beside it), and the deploy/local
# variables (FORUM_PG_PORT, FORUM_RABBITMQ_PORT, ... , FORUM_LOCAL_DIR), whose defaults here keep
# clear of a development run's and a test run's servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export FORUM_LOCAL_DIR="${FORUM_LOCAL_DIR:-$PWD/.local/bench}"
export FORUM_PG_PORT="${FORUM_PG_PORT:-55462}"
export FORUM_RABBITMQ_PORT="${FORUM_RABBITMQ_PORT:-55712}"
export FORUM_RABBITMQ_DIST_PORT="${FORUM_RABBITMQ_DIST_PORT:-55722}"
export FORUM_RABBITMQ_MANAGEMENT_PORT="${FORUM_RABBITMQ_MANAGEMENT_PORT:-55713}"
export FORUM_EPMD_PORT="${FORUM_EPMD_PORT:-54389}"

bash deploy/local/install.sh

echo "Building Release"
for project in services/posts/Forum.Posts services/comments/Forum.Comments \
    services/engagement/Forum.Engagement services/notifications/Forum.Notifications gateway/Forum.Gateway tools/Forum.Cli bench/Forum.Bench; do
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly | grep -vE "^ *$|Build succeeded|Warning\(s\)|Error\(s\)|Time Elapsed" || true
done

run_id="forum-bench-$$-$RANDOM"
bench=""
cleanup() {
    # The load generator stops what it started on SIGTERM; anything left of this run goes too.
    if [ -n "$bench" ] && kill -0 "$bench" 2>/dev/null; then
        kill -TERM "$bench" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$bench" 2>/dev/null || break; sleep 0.1; done
    fi
    for pid in $(grep -lsxzF "FORUM_BENCH_RUN_ID=$run_id" /proc/[0-9]*/environ | cut -d/ -f3); do
        kill -KILL "$pid" 2>/dev/null || true
    done
    bash deploy/local/rabbitmq.sh stop >/dev/null 2>&1 || true
    bash deploy/local/postgres.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

echo "Starting PostgreSQL and RabbitMQ"
postgres="$(bash deploy/local/postgres.sh start | tail -n 1)"
rabbitmq="$(bash deploy/local/rabbitmq.sh start | tail -n 1)"
management="$(bash deploy/local/rabbitmq.sh mgmt-url | tail -n 1)"

# The kept seed belongs to the committed code that wrote and projected it; uncommitted changes seed afresh.
seed_key=()
if git rev-parse --git-dir >/dev/null 2>&1 \
    && [ -z "$(git status --porcelain -- services gateway contracts bench/Forum.Bench/Seeding)" ]; then
    seed_key=(--seed-key "$(git rev-parse HEAD:services HEAD:gateway HEAD:contracts HEAD:bench/Forum.Bench/Seeding | sha256sum | cut -c1-16)")
fi

FORUM_BENCH_RUN_ID="$run_id" dotnet bench/Forum.Bench/bin/Release/net10.0/Forum.Bench.dll \
    --postgres "$postgres" --rabbitmq "$rabbitmq" --rabbitmq-management "$management" \
    --port "${FORUM_BENCH_PORT:-61600}" --output "${FORUM_BENCH_OUTPUT:-bench/results.md}" "${seed_key[@]}" "$@" &
bench=$!
wait "$bench"
