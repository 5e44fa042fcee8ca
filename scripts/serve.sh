#!/usr/bin/env bash
# The production-like server on loopback: production settings (DEBUG off), gunicorn,
# static files collected and served by WhiteNoise with hashed names and far-future
# headers, media served by the app, and the background worker beside gunicorn
# (scripts/with_worker.sh: Ctrl-C stops both). Secrets nobody gave are made once into .local/.
#   scripts/serve.sh [HOST] [PORT]      (make serve HOST=... PORT=...)
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${1:-127.0.0.1}
PORT=${2:-8000}
mkdir -p .local

local_secret() {  # local_secret FILE -> a random value kept in .local/FILE
    if [ ! -s ".local/$1" ]; then
        (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))' > ".local/$1")
    fi
    cat ".local/$1"
}

export DJANGO_SETTINGS_MODULE=clinic_site.settings.production
export SECRET_KEY=${SECRET_KEY:-$(local_secret secret-key)}
# The same key dev settings made, so applications stored under `make run` stay readable.
export APPLICATION_ENCRYPTION_KEY=${APPLICATION_ENCRYPTION_KEY:-$(local_secret application-encryption-key)}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-${SITE_URL:-http://$HOST:$PORT}}
export SITE_URL=${SITE_URL:-$WAGTAILADMIN_BASE_URL}
# Plain http on loopback: no https redirect, cookies without the Secure flag.
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}
export SECURE_COOKIES=${SECURE_COOKIES:-0}
export SECURE_HSTS_SECONDS=${SECURE_HSTS_SECONDS:-0}
export SERVE_MEDIA=${SERVE_MEDIA:-1}
WORKERS=${WEB_CONCURRENCY:-$(( 2 * $(nproc) + 1 ))}

.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo_content
.venv/bin/python manage.py sync_site_url
.venv/bin/python manage.py ensure_admin
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py warm_site

echo "Serving with $WORKERS gunicorn workers on http://$HOST:$PORT/, and the background worker"
exec scripts/with_worker.sh .venv/bin/gunicorn clinic_site.wsgi:application \
    --bind "$HOST:$PORT" --workers "$WORKERS" \
    --access-logfile - --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
    --graceful-timeout 10 --timeout 30
