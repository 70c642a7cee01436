#!/usr/bin/env bash
# Writes secrets.env beside this script, which the overlay turns into the Secret forum-secrets:
# the gateway's EC P-256 token signing key and its public key (for the services), the secret the
# gateways derive anonymous viewer keys from, and a password for each service's database user
# and for RabbitMQ. A value already in secrets.env is kept. Keep the file secret (git-ignored);
# give the same passwords to the database users and the broker user "forum".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
umask 077
touch secrets.env

has() { grep -q "^$1=" secrets.env; }

# Hex: safe inside connection strings and amqp:// URIs without escaping.
for name in posts-db-password comments-db-password engagement-db-password notifications-db-password \
    gateway-db-password rabbitmq-password; do
    has "$name" || printf '%s=%s\n' "$name" "$(openssl rand -hex 24)" >> secrets.env
done
has views-secret || printf 'views-secret=%s\n' "$(openssl rand -base64 32)" >> secrets.env

if ! has signing-key; then
    private="$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null)"
    public="$(printf '%s\n' "$private" | openssl pkey -pubout 2>/dev/null)"
    # One line each, newlines written as \n, which the services turn back into PEM.
    oneline() { printf '%s' "$1" | awk 'BEGIN { ORS = "\\n" } { print }'; }
    printf 'signing-key=%s\npublic-key=%s\n' "$(oneline "$private")" "$(oneline "$public")" >> secrets.env
fi
echo "secrets.env holds: $(cut -d= -f1 secrets.env | paste -sd' ')" >&2
