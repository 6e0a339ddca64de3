# Set-up and everyday commands. `make serve` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
CORPUS ?= ../shared/corpus
# Every corpus `make eval` scores (each a folder with articles/ and gold/).
CORPORA ?= ../shared/corpus ../shared/corpus-gum
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: install install-dev browser serve build generate dist check test test-fast eval bench fuzz lint format screenshots lock clean

install: $(RUNTIME)
install-dev: $(DEV)

# Exactly the locked set, hash-checked, with nothing re-resolved: --no-deps over a complete lock
# (tests/test_install.py checks the lock's closure), then `pip check`. No release published after
# the lock was written can change what is installed. The runtime lock is wheels only; the pinned
# setuptools it installs then builds the project (and the one sdist of the dev lock).
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
$(RUNTIME): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --no-deps --require-hashes --only-binary :all: --no-compile -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PIP) check
	touch $(RUNTIME)

$(DEV): $(RUNTIME) requirements-dev.lock
	$(PIP) install --no-deps --require-hashes --no-build-isolation -r requirements-dev.lock
	$(PIP) check
	touch $(DEV)

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

# A wheel of the project (templates, theme override and assets inside) for another site.
dist: install
	$(PIP) wheel --no-deps --no-build-isolation --wheel-dir dist .

check: install
	$(BIN)/briefings check

# Lint (ruff and mypy, a few seconds once mypy's cache is warm) first: a type error fails fast.
test: install-dev browser lint
	$(BIN)/python -m pytest -q

test-fast: install-dev
	$(BIN)/python -m pytest -q -m "not browser and not site"

eval: install-dev
	$(BIN)/briefings eval $(CORPORA) --json build/eval.json

bench: install-dev
	$(BIN)/python bench/run.py --corpus $(CORPUS)

fuzz: install-dev
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py --hypothesis-show-statistics

# mypy reads its settings (files, strictness, untyped third-party modules) from pyproject.toml.
lint: install-dev
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff format generator tests
	$(BIN)/ruff check --fix generator tests

screenshots: install-dev browser
	$(BIN)/python tests/screenshots.py

# Re-pin both locks from requirements.in and requirements-dev.in (needs the package index).
# Existing pins are kept where they still fit; the locks name no index, mirror or local path.
LOCK_TOOLS := build/lock-tools
PIP_COMPILE := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	$(LOCK_TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock:
	test -x $(LOCK_TOOLS)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_TOOLS) && \
	  $(LOCK_TOOLS)/bin/pip install --quiet --upgrade pip pip-tools; }
	$(PIP_COMPILE) -o requirements.lock requirements.in
	$(PIP_COMPILE) -o requirements-dev.lock requirements-dev.in

clean:
	rm -rf site build .cache .pytest_cache .hypothesis .mypy_cache
