#!/usr/bin/env bash
# make bench: a benchmark database (portal_bench in the local cluster, or BENCH_DATABASE_URL) with
# generate_bench_data volumes, served by gunicorn on 127.0.0.1:8099, each page requested
# repeatedly; prints p50/p95 latency and requests per second. Measures, never asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${BENCH_DATABASE_URL:-}" ]; then
    bash scripts/pg.sh start var/pg
    bash scripts/createdb.sh var/pg portal_bench
    BENCH_DATABASE_URL="postgres://postgres@$(cd var/pg && pwd | sed 's|/|%2F|g')/portal_bench"
fi
export DATABASE_URL=$BENCH_DATABASE_URL
export DJANGO_DEBUG=false DJANGO_SECRET_KEY=bench-only DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_HSTS_SECONDS=0
PY=.venv/bin/python
$PY manage.py migrate --noinput -v 0
$PY manage.py compilemessages --ignore=.venv --ignore=var -v 0
$PY manage.py collectstatic --noinput -v 0
$PY manage.py load_seed_content >/dev/null
if $PY manage.py help import_sdg_plan >/dev/null 2>&1; then $PY manage.py import_sdg_plan >/dev/null; fi
$PY manage.py generate_bench_data --news "${BENCH_NEWS:-100000}" --publications "${BENCH_PUBLICATIONS:-20000}"
$PY manage.py dbshell -- -qc "VACUUM ANALYZE" >/dev/null
if curl -fs http://127.0.0.1:8099/healthz >/dev/null 2>&1; then
    echo "port 8099 is taken by another server (an earlier benchmark?): stop it first" >&2
    exit 1
fi
.venv/bin/gunicorn config.wsgi:application --bind 127.0.0.1:8099 --workers 2 \
    --log-level warning >var/bench-gunicorn.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 50); do curl -fs http://127.0.0.1:8099/healthz >/dev/null 2>&1 && break; sleep 0.2; done
$PY scripts/bench_pages.py http://127.0.0.1:8099 "${BENCH_REQUESTS:-200}"
