#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with a fresh EC P-256 key pair for signing tokens:
# the gateway gets the private key, the services the public one; and the secret every gateway
# replica derives the daily salt of anonymous viewer keys from. Run it once before
# `docker compose up`; keep .env secret (it is git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
umask 077
if ! { [ -e .env ] && grep -q '^FORUM_VIEWS_SECRET=' .env; }; then
    printf 'FORUM_VIEWS_SECRET="%s"\n' "$(openssl rand -base64 32)" >> .env
    echo "wrote the view-counting secret to .env" >&2
fi
if [ -e .env ] && grep -q '^FORUM_SIGNING_KEY=' .env; then
    echo ".env already holds a signing key; remove it to make a new one" >&2
    exit 0
fi
private="$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null)"
public="$(printf '%s\n' "$private" | openssl pkey -pubout 2>/dev/null)"
# One line each, newlines written as \n, which the services turn back into PEM.
oneline() { printf '%s' "$1" | awk 'BEGIN { ORS = "\\n" } { print }'; }
{
    printf 'FORUM_SIGNING_KEY="%s"\n' "$(oneline "$private")"
    printf 'FORUM_PUBLIC_KEY="%s"\n' "$(oneline "$public")"
} >> .env
echo "wrote the token signing key pair to .env" >&2
