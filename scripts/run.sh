#!/usr/bin/env bash
# make run: set up everything and serve the portal on HOST:PORT (default 127.0.0.1:8000).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--dev" ]; then
    export DJANGO_DEBUG=${DJANGO_DEBUG:-true}
fi
source scripts/prepare.sh
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
source scripts/site_url.sh
if [ "${1:-}" = "--dev" ]; then
    exec .venv/bin/python manage.py runserver "$HOST:$PORT"
fi
echo "==> serving the Seoul Policy Archive on http://$HOST:$PORT/ (links in emails: $SITE_URL; Ctrl-C to stop; 'make stop' stops PostgreSQL)"
exec .venv/bin/gunicorn config.wsgi:application --bind "$HOST:$PORT" \
    --workers "${WEB_CONCURRENCY:-3}" --access-logfile - \
    --forwarded-allow-ips="${FORWARDED_ALLOW_IPS:-127.0.0.1}"
