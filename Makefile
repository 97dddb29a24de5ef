# ParkLink: `make run` for a working site with demo data, `make test` for the whole suite.
PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
INSTALLED := $(VENV)/.installed

export PARKLINK_ENV ?= development

# Development links (emails, QR codes, .ics files) point where `make run` serves, e.g. PORT=8765;
# production sets SITE_URL itself and refuses to start without it.
run serve worker demo: export SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run serve worker install migrate demo test lint lint-imports types check-migrations check-translations messages lock ci clean

run: migrate demo
	@echo "ParkLink on http://$(HOST):$(PORT)/ (the worker and the scheduler run beside it; Ctrl-C stops all three)"
	@# run_development (operations app) starts the three as children that die with it, even on SIGKILL.
	@exec $(BIN)/python manage.py run_development $(HOST):$(PORT)

serve: migrate
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: migrate
	$(BIN)/python manage.py db_worker

install: $(INSTALLED)

$(INSTALLED): requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $(INSTALLED)

var:
	mkdir -p var

migrate: install var
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py createcachetable

# --- The production stack (issue 17; docs/production.md) ---
# gunicorn, the task worker and the scheduler, with settings from the environment (PARKLINK_ENV=production,
# SECRET_KEY, DATABASE_URL, ...). Ctrl-C stops all three; so does SIGTERM to deploy/serve_production.
.PHONY: serve-production
serve-production: migrate
	$(BIN)/python manage.py collectstatic --no-input -v 0
	@echo "ParkLink (PARKLINK_ENV=$(PARKLINK_ENV)) on $(HOST):$(PORT): gunicorn, the worker and the scheduler; Ctrl-C stops all three"
	@HOST=$(HOST) PORT=$(PORT) PARKLINK_BIN=$(BIN) exec deploy/serve_production
# --- end production stack ---

demo: migrate
	$(BIN)/python manage.py load_demo

test: install
	$(BIN)/pytest -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy .

# The import directions between apps, as the contracts in pyproject.toml declare them.
lint-imports: install
	$(BIN)/lint-imports

check-migrations: install
	$(BIN)/python manage.py makemigrations --check --dry-run

check-translations: install
	bash .ci/check_translations

# Refresh every catalogue after changing user-facing strings, then translate and compile.
messages: install
	$(BIN)/python manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=var --ignore=test-artifacts --add-location=file
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Regenerate the pinned requirements from pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml -o requirements/base.txt --python-version 3.12 -q
	$(BIN)/uv pip compile pyproject.toml --group dev -o requirements/dev.txt --python-version 3.12 -q

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var

.PHONY: bench bench-ror bench-scheduler bench-matching bench-hubs-briefing bench-web

# Benchmarks (timing lives here, not in tests): every benchmark, or one of them.
bench: bench-ror bench-scheduler bench-matching bench-hubs-briefing bench-web

bench-ror: install
	$(BIN)/python bench/ror_import.py

bench-scheduler: install
	$(BIN)/python bench/scheduler.py

bench-hubs-briefing: install
	$(BIN)/python bench/hubs_briefing.py

# Load test at network scale against gunicorn, beside a hello world (docs/scaling.md); BENCH_WEB_QUICK=1 to try it.
bench-web: install
	$(BIN)/python bench/web.py

# PAIRS="a.txt:b.txt c.txt:d.txt" measures those line-aligned files instead of NTREX-128.
bench-matching: install
	$(BIN)/python bench/cross_lingual_matching.py $(if $(PAIRS),--pairs "$(PAIRS)")
