#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with the secrets of a compose run:
#   - an EC P-256 key pair for signing tokens: the gateway gets the private key, the services
#     the public one;
#   - the secret every gateway replica derives the daily salt of anonymous viewer keys from;
#   - fresh passwords for PostgreSQL, each service's database user and RabbitMQ, in place of
#     the development defaults in docker-compose.yml.
# Run it once before the first `docker compose up` (the database passwords are set when the
# PostgreSQL volume is created). A value already in .env is kept. Keep .env secret (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
umask 077
touch .env

has() { grep -q "^$1=" .env; }

# Hex: safe inside connection strings and amqp:// URIs without escaping.
add_secret() {
    if ! has "$1"; then
        printf '%s="%s"\n' "$1" "$(openssl rand -hex 24)" >> .env
        echo "wrote $1 to .env" >&2
    fi
}

if ! has FORUM_VIEWS_SECRET; then
    printf 'FORUM_VIEWS_SECRET="%s"\n' "$(openssl rand -base64 32)" >> .env
    echo "wrote the view-counting secret to .env" >&2
fi
for name in POSTGRES_PASSWORD FORUM_POSTS_DB_PASSWORD FORUM_COMMENTS_DB_PASSWORD \
    FORUM_ENGAGEMENT_DB_PASSWORD FORUM_NOTIFICATIONS_DB_PASSWORD FORUM_GATEWAY_DB_PASSWORD \
    FORUM_RABBITMQ_PASSWORD; do
    add_secret "$name"
done

if has FORUM_SIGNING_KEY; then
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
