# Set-up and everyday commands. `make serve` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= ../shared/corpus
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: install browser serve build generate check test test-fast eval bench fuzz lint format screenshots lock clean

install: $(STAMP)

# Pinned, hash-checked dependencies (the spaCy model included), then the package itself.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

serve: install
	$(BIN)/mkdocs serve --dev-addr $(HOST)

build: install
	$(BIN)/mkdocs build --strict

generate: install
	$(BIN)/briefings generate

check: install
	$(BIN)/briefings check

test: install browser
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not browser and not site"

eval: install
	$(BIN)/briefings eval $(CORPUS)/articles $(CORPUS)/gold --json build/eval.json

bench: install
	$(BIN)/python bench/run.py --corpus $(CORPUS)

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py --hypothesis-show-statistics

lint: install
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests

format: install
	$(BIN)/ruff format generator tests
	$(BIN)/ruff check --fix generator tests

screenshots: install browser
	$(BIN)/python tests/screenshots.py

# Re-pin requirements.lock from requirements.in (needs network access to PyPI).
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.lock requirements.in

clean:
	rm -rf site build .cache .pytest_cache .hypothesis
