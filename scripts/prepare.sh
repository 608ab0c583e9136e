#!/usr/bin/env bash
# Everything `make run` needs before serving: dependencies, database, schema, translations,
# static files, seed content. Sourced by scripts/run.sh (its exports carry over). Idempotent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
if [ -z "${DATABASE_URL:-}" ]; then
    bash scripts/pg.sh start var/pg
    bash scripts/createdb.sh var/pg portal
fi
# `make run` is a local preview: DEBUG stays off (real error pages, hashed static files); the secret
# key is generated once into var/ unless the environment gives one, and plain http is allowed.
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    mkdir -p var
    [ -s var/secret_key ] || .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' >var/secret_key
    chmod 600 var/secret_key
    export DJANGO_SECRET_KEY=$(cat var/secret_key)
fi
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-false}
export DJANGO_SECURE_COOKIES=${DJANGO_SECURE_COOKIES:-false}
export DJANGO_HSTS_SECONDS=${DJANGO_HSTS_SECONDS:-0}
# A local preview: staff without an authenticator may sign in (production requires one for
# superusers and reviewers; `manage.py add_totp_device USERNAME` sets one up).
export DJANGO_ADMIN_REQUIRE_2FA=${DJANGO_ADMIN_REQUIRE_2FA:-false}
PY=.venv/bin/python
echo "==> migrate"
$PY manage.py migrate --noinput -v 0
echo "==> compile translations"
$PY manage.py compilemessages --ignore=.venv --ignore=var -v 0
echo "==> collect static files"
$PY manage.py collectstatic --noinput -v 0
echo "==> load seed content"
$PY manage.py load_seed_content
