#!/usr/bin/env bash
# make test: a throwaway PostgreSQL cluster (removed afterwards), then lint, migrations check and
# the whole pytest suite. Arguments go to pytest; with arguments, lint is skipped (quick loops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
PY=.venv/bin/python
if [ $# -eq 0 ]; then
    echo "==> ruff"
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .
    echo "==> import contracts (lint-imports)"
    .venv/bin/lint-imports --no-cache
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/portal-test-pg.XXXXXX")
cleanup() {
    bash scripts/pg.sh stop "$tmp" || true
    rm -rf "$tmp"
}
trap cleanup EXIT
PG_FSYNC=off bash scripts/pg.sh start "$tmp"
bash scripts/createdb.sh "$tmp" portal
export DATABASE_URL="postgres://postgres@$(printf %s "$tmp" | sed 's|/|%2F|g')/portal"
# Production settings (DEBUG off) over plain http: the live server and the test client speak http.
export DJANGO_DEBUG=false DJANGO_SECRET_KEY=test-secret-key DJANGO_ALLOWED_HOSTS=testserver,localhost,127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_HSTS_SECONDS=0
echo "==> compile translations, collect static files"
$PY manage.py compilemessages --ignore=.venv --ignore=var -v 0
$PY manage.py collectstatic --noinput -v 0
if [ $# -eq 0 ]; then
    echo "==> makemigrations --check"
    $PY manage.py makemigrations --check --dry-run
fi
echo "==> pytest"
$PY -m pytest "$@"
