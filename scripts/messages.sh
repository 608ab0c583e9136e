#!/usr/bin/env bash
# make messages: refresh the project-wide Korean catalog (locale/ko) from archive_portal/ and the
# project templates only. Each app keeps its own catalog (<app>/locale/ko) for its Python code
# and its templates/<app>/ (see docs/DEVELOPING.md); running makemessages over the whole tree
# would pull those messages into this catalog untranslated and empty the apps' catalogs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
ignores=(--ignore=.venv --ignore=var --ignore=tests --ignore=staticfiles --ignore='*.egg-info')
for app in news publications training sdg_plan; do
    ignores+=(--ignore="$app/*" --ignore="templates/$app/*")
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# makemessages writes to every locale/ directory it finds: keep the apps' catalogs out of its reach.
for app in news publications training sdg_plan; do
    [ -d "$app/locale" ] && cp -a "$app/locale" "$tmp/$app"
done
DJANGO_DEBUG=true .venv/bin/python manage.py makemessages -l ko "${ignores[@]}" --no-obsolete
# The JavaScript's words (static/js/, the admin's body editor): locale/ko/LC_MESSAGES/djangojs.po.
DJANGO_DEBUG=true .venv/bin/python manage.py makemessages -l ko -d djangojs "${ignores[@]}" --no-obsolete
for app in news publications training sdg_plan; do
    if [ -d "$tmp/$app" ]; then rm -rf "$app/locale" && cp -a "$tmp/$app" "$app/locale"; fi
done
