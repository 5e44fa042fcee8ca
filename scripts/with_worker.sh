#!/usr/bin/env bash
# Run a web server with the background worker (manage.py run_worker) beside it: one
# command brings up both, and when the server stops (Ctrl-C, or it exits) the worker is
# stopped too, after the task it is running.
#   scripts/with_worker.sh COMMAND [ARG...]     (make run, make serve)
# The server stays in the foreground and gets Ctrl-C itself; the worker runs in a
# session of its own, so it is asked to stop once, by this script, and finishes cleanly.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ $# -eq 0 ]; then
    echo "usage: scripts/with_worker.sh COMMAND [ARG...]" >&2
    exit 2
fi

setsid .venv/bin/python manage.py run_worker &
worker=$!

stop_worker() {
    if kill -0 "$worker" 2>/dev/null; then
        kill -TERM "$worker" 2>/dev/null
        wait "$worker" 2>/dev/null
    fi
}
trap stop_worker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$@"
