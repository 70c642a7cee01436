#!/usr/bin/env bash
# Runs the whole forum on this machine, no Docker needed: installs what is missing (as root),
# then the Aspire AppHost starts a private PostgreSQL and RabbitMQ, the three services, the
# gateway on http://127.0.0.1:8080 and the dashboard on http://127.0.0.1:18888.
# Stop it with Ctrl-C or SIGTERM; it leaves no process behind.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

bash deploy/local/install.sh
dotnet build deploy/Forum.AppHost -c Release -nologo -v quiet -clp:ErrorsOnly

export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${FORUM_DASHBOARD_URL:-http://127.0.0.1:18888}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${FORUM_OTLP_URL:-http://127.0.0.1:18889}"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${FORUM_RESOURCE_SERVICE_URL:-http://127.0.0.1:18890}"
# There is no developer certificate on a fresh machine; everything listens on loopback only.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true

# The AppHost stops every process it started on SIGTERM or SIGINT (and waits for the private
# servers); its orchestrator (dcp) notices a moment later and exits too. Everything the run
# starts inherits FORUM_RUN_ID, so this script returns only once no such process is left.
run_id="forum-run-$$-$RANDOM"
FORUM_RUN_ID="$run_id" dotnet deploy/Forum.AppHost/bin/Release/net10.0/Forum.AppHost.dll "$@" &
apphost=$!
trap 'kill -TERM "$apphost" 2>/dev/null || true' TERM INT HUP
status=0
while kill -0 "$apphost" 2>/dev/null; do
    status=0
    wait "$apphost" || status=$?
done
for _ in $(seq 1 300); do
    grep -qslxzF "FORUM_RUN_ID=$run_id" /proc/[0-9]*/environ || break
    sleep 0.1
done
exit "$status"
