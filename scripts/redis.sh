#!/usr/bin/env bash
# A throwaway Redis server on loopback for tests and benchmarks.
#   scripts/redis.sh start   -> installs Debian's redis-server if missing, starts it on a
#                               free port, prints REDIS_URL
#   scripts/redis.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
STATE_DIR=.local/redis

start() {
    if ! command -v redis-server >/dev/null; then
        echo "Installing redis-server from Debian's packages..." >&2
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
    fi
    mkdir -p "$STATE_DIR"
    local port dir
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    dir=$(mktemp -d /tmp/clinic-redis.XXXXXX)
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" --appendonly no \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 50); do
        redis-cli -p "$port" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    echo "$dir" > "$STATE_DIR/dir"
    echo "redis://127.0.0.1:$port/0"
}

stop() {
    [ -f "$STATE_DIR/dir" ] || return 0
    local dir
    dir=$(cat "$STATE_DIR/dir")
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    rm -rf "$dir" "$STATE_DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
