#!/usr/bin/env bash
# make run: set up everything and serve the portal on HOST:PORT (default 127.0.0.1:8000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
if [ "${1:-}" = "--dev" ]; then
    export DJANGO_DEBUG=${DJANGO_DEBUG:-true}
    exec .venv/bin/python manage.py runserver "$HOST:$PORT"
fi
# `make run` is a local preview: DEBUG stays off (real error pages, hashed static files), and the
# secret key is generated once into var/ unless the environment gives one.
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    mkdir -p var
    [ -f var/secret_key ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' >var/secret_key
    export DJANGO_SECRET_KEY=$(cat var/secret_key)
fi
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-false}
export DJANGO_SECURE_COOKIES=${DJANGO_SECURE_COOKIES:-false}
export DJANGO_HSTS_SECONDS=${DJANGO_HSTS_SECONDS:-0}
export DJANGO_SERVE_MEDIA=${DJANGO_SERVE_MEDIA:-true}
echo "==> serving the Seoul Policy Archive on http://$HOST:$PORT/ (Ctrl-C to stop; 'make stop' stops PostgreSQL)"
exec .venv/bin/gunicorn archive_portal.wsgi:application --bind "$HOST:$PORT" \
    --workers "${WEB_CONCURRENCY:-3}" --access-logfile - --forwarded-allow-ips="${FORWARDED_ALLOW_IPS:-127.0.0.1}"
