# The two commands a newcomer needs: `make run` and `make test`. Both set everything up.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
export PORT ?= 8000
# Where PYTHONDONTWRITEBYTECODE is set (our CI machine sets it), every process would compile
# each module it imports, and pytest every test module, afresh: some seconds of CPU each.
# Their compiled files go to __pycache__/, which git ignores.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help setup run test checks lint typecheck test-db-template pytest browser-test seed-london bench clean

help:
	@echo "make run    set up, load the demo network and serve it on http://127.0.0.1:$(PORT)"
	@echo "make test   set up, then lint, type-check and run the whole test suite"

.venv/.synced: uv.lock pyproject.toml scripts/bootstrap
	@scripts/bootstrap
	@touch $@

# Our own modules compiled too (into the ignored __pycache__/), for the same reason as the
# packages in scripts/bootstrap; only what changed since is compiled again.
setup: .venv/.synced
	@$(PY) -m compileall -q -j 0 reconnect tests bench scripts conftest.py manage.py >/dev/null

run: export RECONNECT_DEMO ?= 1
run: setup
	$(PY) manage.py migrate --no-input --verbosity 0
	$(PY) manage.py seed_demo --if-empty
	scripts/serve

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck: setup
	.venv/bin/mypy reconnect bench

# The migrated database every test database is copied from (tests/database_template.py),
# for DATABASE_URL's engine; built only when the migrations changed.
test-db-template: setup
	$(PY) -m tests.database_template

pytest: setup test-db-template
	$(PY) manage.py makemigrations --check --dry-run --settings reconnect.settings.test
	.venv/bin/pytest -n 2 --dist loadfile -m "not browser and not transactional"
	@# Tests that commit for real empty the database as they end: a serial pass of their own.
	.venv/bin/pytest -p no:xdist -m "transactional and not browser"

# Real Chromium (Debian's /usr/bin/chromium), driven by Playwright; .ci/run installs it.
# Without it this fails, never skips: a green run must mean the pages were checked.
browser-test: export CHROMIUM ?= /usr/bin/chromium
browser-test: setup
	@if [ ! -x "$$CHROMIUM" ]; then \
	  echo "Browser tests need Chromium at $$CHROMIUM: apt-get install chromium, or set CHROMIUM=/path." >&2; \
	  exit 1; fi
	.venv/bin/pytest -m browser -p no:xdist

# The linters and the template's migrations each keep one CPU busy: side by side. (No
# --output-sync: macOS's make 3.81 does not know it, and these few lines read well mixed.)
test: setup
	@$(MAKE) --no-print-directory -j 2 checks test-db-template
	@$(MAKE) --no-print-directory pytest browser-test

checks: lint typecheck

seed-london: setup
	$(PY) manage.py migrate --no-input --verbosity 0
	$(PY) manage.py seed_demo --scale london

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf .venv .tools var/static
