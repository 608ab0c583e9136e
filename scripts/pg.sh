#!/usr/bin/env bash
# A project-local PostgreSQL cluster: `pg.sh start DIR` (initdb on first use) | `pg.sh stop DIR`.
# The server listens on a unix socket inside DIR only. PostgreSQL refuses to run as root, so as
# root the server commands run as the `postgres` user. The cluster is created with a UTF-8 aware
# locale: under plain C, pg_trgm extracts no trigrams from Hangul.
set -euo pipefail
cmd=${1:?usage: pg.sh start|stop DIR}
dir=${2:?usage: pg.sh start|stop DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
PGBIN=${PGBIN:-}
if [ -z "$PGBIN" ]; then
    for candidate in /usr/lib/postgresql/*/bin; do PGBIN=$candidate; done
fi
if [ ! -x "$PGBIN/pg_ctl" ]; then
    echo "PostgreSQL server binaries not found (set PGBIN or apt-get install postgresql)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

data="$dir/data"
case "$cmd" in
start)
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$dir"
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        as_owner "$PGBIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
            --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_owner "$PGBIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=${PG_FSYNC:-on}" \
            start >/dev/null || { tail -20 "$dir/server.log" >&2; exit 1; }
    fi
    ;;
stop)
    if [ -f "$data/PG_VERSION" ]; then
        as_owner "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
*)
    echo "usage: pg.sh start|stop DIR" >&2
    exit 2
    ;;
esac
