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
	$(MANAGE) ensure_admin

backup: install ## Save the database and media to backups/clinic-<time>.tar.gz (or BACKUP_DIR)
	$(MANAGE) backup_site

restore: install ## Replace the database and media with a backup's (make restore FILE=backups/...)
	@test -n "$(FILE)" || { echo "Name the archive: make restore FILE=backups/clinic-YYYYmmdd-HHMMSS.tar.gz" >&2; exit 2; }
	$(MANAGE) restore_site "$(FILE)"

serve: install ## Production-like: gunicorn, DEBUG off, WhiteNoise, page cache (make serve PORT=8011)
	scripts/serve.sh $(HOST) $(PORT)

bench: install ## Benchmark the production-like server on loopback and print the figures
	$(BIN)/python scripts/bench.py

run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: setup ## Set up, then serve the site on $(HOST):$(PORT) (make run PORT=8011)
	@echo "Site:  http://$(HOST):$(PORT)/"
	@echo "Admin: http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

browser: ## Install Debian's Chromium and fonts for the browser tests, when missing
	bash scripts/install_browser.sh

test: $(VENV)/.installed-test browser ## Every test: the exercises plugin's alone, then the site's (browser tests included)
	$(BIN)/pytest exercises/tests $(PYTEST_ARGS)
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-test ## Every test but the browser tests (no browser needed)
	$(BIN)/pytest exercises/tests $(PYTEST_ARGS)
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-plugin: $(VENV)/.installed-test ## The exercises plugin's own tests, with the plugin as the only project app
	$(BIN)/pytest exercises/tests $(PYTEST_ARGS)

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

.PHONY: help install setup backup restore run serve bench browser test test-fast test-plugin fuzz lint import-graph format migrations-check
