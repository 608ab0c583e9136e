#!/usr/bin/env bash
# Creates .venv and installs the locked dependencies (requirements-dev.txt: every package pinned
# with its hashes, pip --require-hashes). Fast when nothing changed: the install is skipped while
# the lock is older than the stamp.
#
# The lock is made from pyproject.toml by `make lock` (scripts/lock.sh). When pyproject.toml's
# dependency lists no longer match the digest written in the lock (someone added a dependency, a
# merge brought one), the lock is made again here first, with a note to commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    "$PYTHON" -m venv .venv
fi
want=$(.venv/bin/python scripts/lock_digest.py)
have=$(sed -n 's/^# dependencies-digest: \([0-9a-f]*\).*/\1/p' requirements-dev.txt 2>/dev/null | head -1)
have_prod=$(sed -n 's/^# dependencies-digest: \([0-9a-f]*\).*/\1/p' requirements.txt 2>/dev/null | head -1)
if [ "$want" != "$have" ] || [ "$want" != "$have_prod" ]; then
    echo "==> pyproject.toml's dependencies changed since the lock: making it again (commit requirements*.txt)"
    bash scripts/lock.sh
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ requirements-dev.txt -nt "$stamp" ]; then
    echo "==> installing the locked dependencies (requirements-dev.txt, hashes checked)"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
        -r requirements-dev.txt
    touch "$stamp"
fi
