# Run `make help` for the list. Everything installs into .venv; nothing is global.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the site's requirements

setup: install ## Migrate, load the demo content and make sure an admin account exists
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) sync_site_url
	$(MANAGE) ensure_admin

backup: install ## Save the database and media to backups/clinic-<time>.tar.gz (or BACKUP_DIR)
	$(MANAGE) backup_site

restore: install ## Replace the database and media with a backup's (make restore FILE=backups/...)
	@test -n "$(FILE)" || { echo "Name the archive: make restore FILE=backups/clinic-YYYYmmdd-HHMMSS.tar.gz" >&2; exit 2; }
	$(MANAGE) restore_site "$(FILE)"

serve: install ## Production-like: gunicorn and the background worker, DEBUG off, WhiteNoise, page cache (make serve PORT=8011)
	scripts/serve.sh $(HOST) $(PORT)

bench: install ## Benchmark the production-like server on loopback and print the figures
	$(BIN)/python scripts/bench.py

bench-first-view: install ## Time a routine's first view after new photos are published, with and without the worker's renditions
	$(BIN)/python scripts/bench_first_view.py

bench-intake: $(VENV)/.installed-test ## Time the admin's application listing, views and CSV export with 10,000 applications, on SQLite and on DATABASE_URL (BENCH_ARGS="--applications 1000")
	$(BIN)/python scripts/bench_intake.py $(BENCH_ARGS)

run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: export SITE_URL ?= $(WAGTAILADMIN_BASE_URL)
run: setup ## Set up, then serve the site on $(HOST):$(PORT) with the background worker (make run PORT=8011)
	@echo "Site:  http://$(HOST):$(PORT)/"
	@echo "Admin: http://$(HOST):$(PORT)/admin/"
	@echo "Worker: scheduled publishing, renditions, retention purge (Ctrl-C stops both)"
	scripts/with_worker.sh $(MANAGE) runserver $(HOST):$(PORT)

browser: ## Install Debian's Chromium and fonts for the browser tests, when missing
	bash scripts/install_browser.sh

# The suites run on every core (at most 4 worker processes; TEST_WORKERS=0 runs them in
# this process). A worker takes a module's tests in a row and an idle worker steals the
# queue's tail, so no worker waits on the slow modules (a module's shared fixtures are
# then built at most once per worker). The browser tests run in one process: one live
# site, one browser.
TEST_WORKERS ?= auto
PARALLEL := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --maxprocesses=4 --dist worksteal)
# pytest exits with 5 when PYTEST_ARGS (say -k) leaves one of the runs nothing to run.
pytest = $(BIN)/pytest $(1) $(PYTEST_ARGS) || test $$? -eq 5

test: $(VENV)/.installed-test browser ## Every test: the exercises plugin's alone, then the site's (browser tests included)
	$(call pytest,exercises/tests $(PARALLEL))
	$(call pytest,-m "not browser" $(PARALLEL))
	$(call pytest,-m browser)

test-fast: $(VENV)/.installed-test ## Every test but the browser tests (no browser needed)
	$(call pytest,exercises/tests $(PARALLEL))
	$(call pytest,-m "not browser" $(PARALLEL))

test-plugin: $(VENV)/.installed-test ## The exercises plugin's own tests, with the plugin as the only project app
	$(call pytest,exercises/tests $(PARALLEL))

fuzz: $(VENV)/.installed-test ## Nightly-style fuzzing: 10,000 new random examples per endpoint test (FUZZ_EXAMPLES=...)
	FUZZ_EXAMPLES=$(or $(FUZZ_EXAMPLES),10000) FUZZ_RANDOM=1 $(BIN)/pytest -m fuzz tests/fuzz --hypothesis-show-statistics $(PYTEST_ARGS)

lint: $(VENV)/.installed-test import-graph ## Check the Python code with ruff, and the import graph
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

import-graph: ## Fail on an import cycle or an app importing one above it (scripts/import_graph.py)
	$(PYTHON) scripts/import_graph.py

format: $(VENV)/.installed-test ## Format the Python code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=clinic_site.settings.test $(MANAGE) makemigrations --check --dry-run

.PHONY: help install setup backup restore run serve bench bench-intake browser test test-fast test-plugin fuzz lint import-graph format migrations-check
