#!/usr/bin/env bash
# make lock: requirements.txt (production, with the s3 extra the Docker image uses) and
# requirements-dev.txt (tests and tools) from pyproject.toml, every package pinned with its
# hashes (pip-tools). Run it after changing pyproject.toml and commit the result; setup.sh does
# it by itself when it finds the lock out of date. Existing pins are kept where they still fit
# (pip-compile's default); `make lock ARGS=--upgrade` moves everything to the newest releases.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if [ ! -x .venv/bin/pip-compile ]; then
    # Only the tool itself is installed unpinned, once, to make the first lock.
    $PY -m pip install --quiet --disable-pip-version-check "pip-tools>=7.4"
fi
digest=$($PY scripts/lock_digest.py)
compile() {
    local out=$1
    shift
    .venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
        --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
        --resolver=backtracking --output-file "$out.new" "$@" pyproject.toml
    { echo "# dependencies-digest: $digest (scripts/lock_digest.py; remade by 'make lock')"; cat "$out.new"; } >"$out"
    rm -f "$out.new"
}
echo "==> locking requirements.txt and requirements-dev.txt from pyproject.toml (pip-compile, hashes)"
[ -f requirements.txt ] && cp requirements.txt requirements.txt.new
compile requirements.txt --extra s3 "${@}"
[ -f requirements-dev.txt ] && cp requirements-dev.txt requirements-dev.txt.new
compile requirements-dev.txt --extra dev "${@}"
