# The README's commands. Each target creates/uses .venv; nothing needs installing by hand
# except Python 3.11+, make, and (for the browser and Virtuoso tests) Debian packages,
# which `make system-deps` installs with apt-get (run as root; .ci/run calls it).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SOURCES := $(shell find ontology shapes data -name '*.ttl' 2>/dev/null)

.PHONY: help run test test-fast build validate bench lint catalogs system-deps clean
help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/osce-kg assets
	touch $(STAMP)

dist/build.json: $(STAMP) $(SOURCES)
	$(BIN)/osce-kg build

build: dist/build.json  ## build the graph into dist/ if missing or older than its sources

run: dist/build.json  ## install, build if needed, and serve on http://127.0.0.1:8080/
	$(BIN)/osce-kg serve

test: $(STAMP)  ## run the whole test suite (browser, Virtuoso and live servers included)
	$(BIN)/python -m pytest

test-fast: $(STAMP)  ## all but the browser, Virtuoso, live-server, whole-harvest and most pySHACL tests (~50 s)
	$(BIN)/python -m pytest -m "not slow and not browser and not virtuoso"

validate: $(STAMP)  ## validate data/ against shapes/
	$(BIN)/osce-kg validate

lint: $(STAMP)  ## ruff over the code and the tests
	$(BIN)/ruff check src tests bench server.py

bench: $(STAMP)  ## benchmarks (not tests): osce-kg beside the peers, report in bench-out/
	bash bench/run.sh

catalogs: $(STAMP)  ## extract the interface's strings into the .po catalogs (then translate the new ones)
	$(BIN)/pybabel -q extract --no-location --sort-output --omit-header -F babel.cfg -o src/osce_kg/web/translations/messages.pot src
	$(BIN)/pybabel -q update --no-wrap --no-fuzzy-matching --ignore-obsolete -i src/osce_kg/web/translations/messages.pot -d src/osce_kg/web/translations

system-deps:  ## Debian packages: browser, Virtuoso, jemalloc (needs root)
	bash .ci/system-deps.sh

clean:
	rm -rf dist $(VENV) node_modules
