#!/usr/bin/env bash
# Run once by the postgres image on a new data volume (/docker-entrypoint-initdb.d): creates the
# forum's five databases, each owned by a user of its own, so a service can read and change its
# own data and nothing else. The services create their schemas themselves at start-up.
#
# Each password comes from FORUM_<SERVICE>_DB_PASSWORD, or from the file named by
# FORUM_<SERVICE>_DB_PASSWORD_FILE (e.g. a Docker secret); docker-compose.yml passes development
# defaults when neither is set.
set -euo pipefail

password_of() {
    local variable="$1" file_variable="${1}_FILE"
    if [ -n "${!file_variable:-}" ]; then
        cat "${!file_variable}"
    elif [ -n "${!variable:-}" ]; then
        printf '%s' "${!variable}"
    else
        echo "init-databases.sh: set $variable or $file_variable" >&2
        exit 1
    fi
}

create_database() {
    local database="$1" user="$2" password="$3"
    # psql variables quote the names and the password, whatever characters they hold.
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v database="$database" -v user="$user" -v password="$password" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"user" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
}

create_database forum_posts forum_posts "$(password_of FORUM_POSTS_DB_PASSWORD)"
create_database forum_comments forum_comments "$(password_of FORUM_COMMENTS_DB_PASSWORD)"
create_database forum_engagement forum_engagement "$(password_of FORUM_ENGAGEMENT_DB_PASSWORD)"
create_database forum_notifications forum_notifications "$(password_of FORUM_NOTIFICATIONS_DB_PASSWORD)"
create_database forum_gateway forum_gateway "$(password_of FORUM_GATEWAY_DB_PASSWORD)"

# Search needs these two; creating them here means the gateway's user needs no superuser rights.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname forum_gateway <<'SQL'
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
SQL
