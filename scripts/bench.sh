#!/usr/bin/env bash
# make bench: a benchmark database (portal_bench in the local cluster, or BENCH_DATABASE_URL) with
# generate_bench_data volumes (BENCH_NEWS, 100,000 news items; BENCH_PUBLICATIONS, 20,000
# publications), served by gunicorn on 127.0.0.1:8099 the way production runs it (DEBUG off, the
# Dockerfile's 3 sync workers and access log; WEB_CONCURRENCY overrides). Measures:
#   1. the latency table (search and lists: a gunicorn with the page cache and the search
#      results cache off, SEARCH_RESULTS_CACHE=false, so every request is a real search; the
#      fragments on, as in production): p50/p95 at 2 concurrent
#      clients (BENCH_REQUESTS per page, 100; 0 skips it);
#   2. the throughput tables: wrk at 16 connections, BENCH_SECONDS (3) per page, with the page
#      cache off (fragments on, as in production) and warm, each page's one-second runs each
#      between two one-second runs of its own static file (the page's bytes, same size) served
#      by the same gunicorn through whitenoise (this doubles the wrk time: 17 pages x
#      (BENCH_SECONDS + 1) more per table);
# and writes docs/benchmark.md (the machine, load average, stage times, the tables, the check
# against issue 13's targets). Measures, never asserts. Needs wrk (Debian package `wrk`).
#
# The data is generated after the migrations, never migrated: when the database has migrations
# to apply (main moved on), the local benchmark database is dropped and built again, so no data
# migration ever runs over 100,000 rows here (they batch their work anyway,
# archive_portal/lib/batches.py). BENCH_FRESH=1 rebuilds it in any case.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install wrk" >&2; exit 1; }
mkdir -p var
: >var/bench-stages.tsv
stage_started=$(date +%s.%N)
stage_done() {  # $1: the stage's name; records the time since the previous stage ended
    local now seconds
    now=$(date +%s.%N)
    seconds=$(awk -v a="$now" -v b="$stage_started" 'BEGIN { printf "%.1f", a - b }')
    printf '%s\t%s\n' "$1" "$seconds" >>var/bench-stages.tsv
    echo "==> $1: $seconds s"
    stage_started=$now
}

bash scripts/setup.sh
PY=.venv/bin/python
export DJANGO_DEBUG=false DJANGO_SECRET_KEY=bench-only DJANGO_ALLOWED_HOSTS=127.0.0.1,testserver
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_HSTS_SECONDS=0
if [ -z "${BENCH_DATABASE_URL:-}" ]; then
    bash scripts/pg.sh start var/pg
    socket=$(cd var/pg && pwd)
    BENCH_DATABASE_URL="postgres://postgres@$(echo "$socket" | sed 's|/|%2F|g')/portal_bench"
    bash scripts/createdb.sh var/pg portal_bench
    if [ "${BENCH_FRESH:-0}" = 1 ] || ! DATABASE_URL=$BENCH_DATABASE_URL \
        $PY manage.py migrate --check >/dev/null 2>&1; then
        echo "==> a fresh benchmark database (migrations first, then the data)"
        psql -h "$socket" -U postgres -d postgres -qc 'DROP DATABASE "portal_bench" WITH (FORCE)'
        bash scripts/createdb.sh var/pg portal_bench
    fi
fi
export DATABASE_URL=$BENCH_DATABASE_URL
stage_done "set-up (venv, PostgreSQL)"
$PY manage.py migrate --noinput -v 0
stage_done "migrate"
$PY manage.py compilemessages --ignore=.venv --ignore=var -v 0
$PY manage.py collectstatic --noinput -v 0
stage_done "translations, static files"
$PY manage.py load_seed_content >/dev/null
if $PY manage.py help import_sdg_plan >/dev/null 2>&1; then $PY manage.py import_sdg_plan >/dev/null; fi
stage_done "seed content"
$PY manage.py generate_bench_data --news "${BENCH_NEWS:-100000}" --publications "${BENCH_PUBLICATIONS:-20000}"
stage_done "generate_bench_data"
$PY manage.py dbshell -- -qc "VACUUM ANALYZE" >/dev/null
stage_done "VACUUM ANALYZE"

if curl -fs http://127.0.0.1:8099/healthz >/dev/null 2>&1; then
    echo "port 8099 is taken by another server (an earlier benchmark?): stop it first" >&2
    exit 1
fi
# The 1-minute load average every 5 s while measuring: the machine may be shared.
: >var/bench-load.txt
(while true; do echo "$(date +%s) $(cut -d' ' -f1 /proc/loadavg)" >>var/bench-load.txt; sleep 5; done) &
sampler=$!
BASE=http://127.0.0.1:8099
WORKERS=${WEB_CONCURRENCY:-3}
export WEB_CONCURRENCY=$WORKERS
server=
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi; }
stop_all() { stop_server; kill "$sampler" 2>/dev/null || true; }
trap stop_all EXIT INT TERM
start_server() {  # $1: PAGE_CACHE_SECONDS, $2: FRAGMENT_CACHE_SECONDS (600). As the
    # Dockerfile's CMD, access log included.
    PAGE_CACHE_SECONDS=$1 FRAGMENT_CACHE_SECONDS=${2:-600} .venv/bin/gunicorn config.wsgi:application --bind 127.0.0.1:8099 \
        --workers "$WORKERS" --access-logfile - --forwarded-allow-ips=127.0.0.1 \
        >>var/bench-gunicorn.log 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -fs $BASE/healthz >/dev/null 2>&1 && return; sleep 0.2; done
    echo "gunicorn did not start: see var/bench-gunicorn.log" >&2; exit 1
}

echo "==> choosing the pages, counting their queries (in-process)"
$PY scripts/bench_pages.py prepare var/bench-pages.json staticfiles
stage_done "pages chosen, queries counted"
rm -f var/bench-throughput.json var/bench-latency.json

if [ "${BENCH_REQUESTS:-100}" != 0 ]; then
    echo "==> page cache and search results cache off: gunicorn, $WORKERS sync workers"
    SEARCH_RESULTS_CACHE=false start_server 0
    echo "latency (every search run; 2 concurrent clients, ${BENCH_REQUESTS:-100} requests per page):"
    $PY scripts/bench_pages.py latency $BASE "${BENCH_REQUESTS:-100}" var/bench-latency.json
    stop_server
    stage_done "latency table"
fi
echo "==> page cache off, cached fragments on: gunicorn, $WORKERS sync workers"
start_server 0
$PY scripts/bench_pages.py throughput $BASE var/bench-pages.json "page cache off" var/bench-throughput.json
stop_server
stage_done "throughput, page cache off"

echo "==> warm page cache: gunicorn, $WORKERS sync workers"
start_server 600
$PY scripts/bench_pages.py throughput $BASE var/bench-pages.json "warm page cache" var/bench-throughput.json
stop_server
stage_done "throughput, warm page cache"
kill "$sampler" 2>/dev/null || true

$PY scripts/bench_pages.py report var >docs/benchmark.md
cat docs/benchmark.md
echo "==> written to docs/benchmark.md"
