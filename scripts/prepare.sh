#!/usr/bin/env bash
# Everything `make run` and the benchmark need before serving: dependencies, database, schema,
# translations, static files, seed content. Safe to run again: each step is idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DATABASE_URL:-}" ]; then
    bash scripts/pg.sh start var/pg
    bash scripts/createdb.sh var/pg portal
fi
PY=.venv/bin/python
echo "==> migrate"
$PY manage.py migrate --noinput -v 0
echo "==> compile translations"
$PY manage.py compilemessages --ignore=.venv --ignore=var -v 0
echo "==> collect static files"
$PY manage.py collectstatic --noinput -v 0
echo "==> load seed content"
$PY manage.py load_seed_content
