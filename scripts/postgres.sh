#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for tests and benchmarks.
#   scripts/postgres.sh start   -> installs Debian's postgresql if missing, starts a
#                                  server in a temporary folder, prints DATABASE_URL
#   scripts/postgres.sh stop    -> stops it and removes the folder
# The state lives in .local/postgres (path, port) so that stop finds what start made.
set -euo pipefail

cd "$(dirname "$0")/.."
STATE_DIR=.local/postgres
# A free loopback port unless one is asked for: another server may hold 54329.
PORT=${PGPORT_TEST:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_postgres() {
    if [ -z "$(find_bin)" ]; then
        echo "Installing PostgreSQL from Debian's packages..." >&2
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    fi
}

# initdb refuses to run as root; on a root machine the server runs as the postgres user.
as_db_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    install_postgres
    local bin data
    bin=$(find_bin)
    if [ -f "$STATE_DIR/data_dir" ] && as_db_user "$bin/pg_ctl" -D "$(cat "$STATE_DIR/data_dir")" status >/dev/null 2>&1; then
        echo "postgres://clinic:clinic@127.0.0.1:$(cat "$STATE_DIR/port")/clinic"
        return
    fi
    mkdir -p "$STATE_DIR"
    data=$(mktemp -d /tmp/clinic-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    as_db_user "$bin/initdb" -D "$data/data" -U clinic --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_db_user "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    as_db_user "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U clinic clinic
    echo "$data/data" > "$STATE_DIR/data_dir"
    echo "$PORT" > "$STATE_DIR/port"
    echo "postgres://clinic:clinic@127.0.0.1:$PORT/clinic"
}

stop() {
    local bin data
    bin=$(find_bin) || true
    [ -f "$STATE_DIR/data_dir" ] || return 0
    data=$(cat "$STATE_DIR/data_dir")
    if [ -n "$bin" ]; then
        as_db_user "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$(dirname "$data")" "$STATE_DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
