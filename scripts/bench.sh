#!/usr/bin/env bash
# make bench: a benchmark database (portal_bench in the local cluster, or BENCH_DATABASE_URL) with
# generate_bench_data volumes, served by gunicorn on 127.0.0.1:8099 the way production runs it
# (DEBUG off, the Dockerfile's 3 sync workers; WEB_CONCURRENCY overrides). Prints:
#   1. the latency table (search and lists, page cache off): p50/p95 at 2 concurrent clients
#      (BENCH_REQUESTS per page, 200; 0 skips it);
#   2. the throughput tables: wrk at 16 connections, BENCH_SECONDS (3) per page, with a warm
#      page cache and with it off, each beside a static file of the home page's size served by
#      the same gunicorn through whitenoise. Also written to var/bench-results.md.
# Measures, never asserts. Needs wrk (Debian package `wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install wrk" >&2; exit 1; }
bash scripts/setup.sh
if [ -z "${BENCH_DATABASE_URL:-}" ]; then
    bash scripts/pg.sh start var/pg
    bash scripts/createdb.sh var/pg portal_bench
    BENCH_DATABASE_URL="postgres://postgres@$(cd var/pg && pwd | sed 's|/|%2F|g')/portal_bench"
fi
export DATABASE_URL=$BENCH_DATABASE_URL
export DJANGO_DEBUG=false DJANGO_SECRET_KEY=bench-only DJANGO_ALLOWED_HOSTS=127.0.0.1,testserver
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
mkdir -p var
echo "==> choosing the pages, counting their queries"
$PY scripts/bench_pages.py prepare var/bench-pages.json staticfiles
rm -f var/bench-throughput.json
BASE=http://127.0.0.1:8099
WORKERS=${WEB_CONCURRENCY:-3}
server=
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi; }
trap stop_server EXIT INT TERM
start_server() {  # $1: PAGE_CACHE_SECONDS
    PAGE_CACHE_SECONDS=$1 .venv/bin/gunicorn config.wsgi:application --bind 127.0.0.1:8099 \
        --workers "$WORKERS" --log-level warning >>var/bench-gunicorn.log 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -fs $BASE/healthz >/dev/null 2>&1 && return; sleep 0.2; done
    echo "gunicorn did not start: see var/bench-gunicorn.log" >&2; exit 1
}

echo "==> page cache off: gunicorn, $WORKERS sync workers"
start_server 0
if [ "${BENCH_REQUESTS:-200}" != 0 ]; then
    echo "latency (page cache off; 2 concurrent clients, ${BENCH_REQUESTS:-200} requests per page):"
    $PY scripts/bench_pages.py latency $BASE "${BENCH_REQUESTS:-200}"
fi
$PY scripts/bench_pages.py throughput $BASE var/bench-pages.json "page cache off" var/bench-throughput.json
stop_server

echo "==> warm page cache: gunicorn, $WORKERS sync workers"
start_server 600
$PY scripts/bench_pages.py throughput $BASE var/bench-pages.json "warm page cache" var/bench-throughput.json
stop_server

$PY scripts/bench_pages.py report var/bench-pages.json var/bench-throughput.json | tee var/bench-results.md
