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
# Folders with a package.json whose npm packages the tests use (`make test` runs `npm ci` in each):
# tests/http_audit: the GraphQL over HTTP audit (graphql-http); tests/clients: graphql-ws and Apollo Client;
# tests/federation: @apollo/gateway composing two live subgraphs; tests/schema_check: GraphQL Inspector,
# which checks schema/schema.graphql for breaking changes. Add a folder here to have `make test` install it.
NPM_DIRS := tests/http_audit tests/clients tests/federation tests/schema_check
NPM_STAMPS := $(addsuffix /node_modules/.package-lock.json,$(NPM_DIRS))

.PHONY: run test lint check serve install clean chromium graphiql-assets

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
test: $(STAMP) $(NPM_STAMPS) chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest --cettar-db=$(DBS) tests $(EXAMPLE)/tests

# Chromium for the GraphiQL browser test (tests/test_graphiql_browser.py): Debian's package,
# driven by Playwright; never `playwright install`, which downloads browsers from a CDN.
# `sudo -n` never waits for a password: without root or password-less sudo, say what to run.
APT_CHROMIUM := env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
NO_CHROMIUM := Chromium is missing and could not be installed without root or password-less sudo (sudo -n): install Debian's chromium package yourself (sudo apt-get install chromium); never playwright install, which downloads browsers from a CDN
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && $(APT_CHROMIUM); \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then \
	    { sudo -n apt-get update && sudo -n $(APT_CHROMIUM); } || { echo "$(NO_CHROMIUM)" >&2; exit 1; }; \
	  else echo "$(NO_CHROMIUM)" >&2; exit 1; fi; }

## make graphiql-assets: re-vendor GraphiQL from npm into schema/graphiql/static/vendor/ (schema/graphiql/README.md).
graphiql-assets:
	node schema/graphiql/vendor.mjs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) cettar.db cettar.db-wal cettar.db-shm .pytest_cache .mypy_cache .ruff_cache tests/artifacts $(addsuffix /node_modules,$(NPM_DIRS))
