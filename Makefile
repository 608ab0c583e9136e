# Thin wrappers over scripts/. `make run` and `make test` work on a fresh clone.
.PHONY: run dev test stop lint fmt bench messages lock audit clean

ARGS ?=

run:            ## set everything up and serve the portal with its seed content (gunicorn)
	@bash scripts/run.sh

dev:            ## same set-up, Django's autoreloading development server
	@bash scripts/run.sh --dev

test:           ## throwaway PostgreSQL, lint, migrations check, the whole pytest suite (ARGS="-k news")
	@bash scripts/test.sh $(ARGS)

stop:           ## stop the project-local PostgreSQL cluster
	@bash scripts/pg.sh stop var/pg

lint:
	@bash scripts/setup.sh >/dev/null && .venv/bin/ruff check . && .venv/bin/ruff format --check .

fmt:
	@bash scripts/setup.sh >/dev/null && .venv/bin/ruff check --fix . && .venv/bin/ruff format .

bench:          ## load generate_bench_data volumes into the local cluster and measure pages
	@bash scripts/bench.sh

messages:       ## refresh the project-wide catalog locale/ko (apps keep their own, see docs/DEVELOPING.md)
	@bash scripts/messages.sh

lock:           ## requirements*.txt with hashes from pyproject.toml (run after changing it; ARGS=--upgrade)
	@[ -x .venv/bin/python ] || python3 -m venv .venv; bash scripts/lock.sh $(ARGS)

audit:          ## known vulnerabilities in the locked dependencies (pip-audit)
	@bash scripts/setup.sh >/dev/null && .venv/bin/pip-audit --require-hashes --disable-pip -r requirements.txt -r requirements-dev.txt

clean:
	rm -rf .venv var staticfiles
