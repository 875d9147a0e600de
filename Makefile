# CETTAR — the two commands of the README, and a few more for developers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/cettar-posyandu
# Reinstall whenever a pyproject changes.
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml $(EXAMPLE)/pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000
DBS    ?= sqlite,postgresql
# Folders with a package.json whose npm packages tests drive against a live server
# (tests/http_audit: the GraphQL over HTTP audit). Add a folder here to have `make test` install it.
NPM_DIRS := tests/http_audit
NPM_STAMPS := $(addsuffix /node_modules/.package-lock.json,$(NPM_DIRS))

.PHONY: run test lint check serve install clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("CETTAR needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]" -e $(EXAMPLE)
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

## make run: install, migrate the SQLite database, load reference and demo data, serve.
run: $(STAMP)
	$(BIN)/cettar db upgrade
	$(BIN)/cettar seed --demo
	$(BIN)/cettar serve --host $(HOST) --port $(PORT)

# npm writes node_modules/.package-lock.json last: absent or older than the lock file, install.
%/node_modules/.package-lock.json: %/package-lock.json
	npm ci --prefix $* --no-audit --no-fund

## make test: the whole suite on SQLite and PostgreSQL (127.0.0.1:5432), plus the example plugin's.
test: $(STAMP) $(NPM_STAMPS)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest --cettar-db=$(DBS) tests $(EXAMPLE)/tests

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) cettar.db cettar.db-wal cettar.db-shm .pytest_cache .mypy_cache .ruff_cache $(addsuffix /node_modules,$(NPM_DIRS))
