# Two set-up commands (see README): `make demo` and `make test`. Both build a local
# virtual environment in .venv, so they work where the system Python refuses installs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := $(CURDIR)/.demo/tracker.json

.PHONY: demo test venv clean

# PYTHONWARNINGS: setuptools' notes on editable installs are for package authors; the
# set-up output keeps to what a user needs.
$(BIN)/tracker: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet -e '.[test]'
	@touch $@

venv: $(BIN)/tracker

# The sample's status report, from a throwaway database (never your real data folder).
demo: venv
	@rm -rf .demo && mkdir -p .demo
	$(BIN)/tracker --db $(DEMO_DB) import sample_data/cn-kz-strategic-dialogue.json
	$(BIN)/tracker --db $(DEMO_DB) report

test: venv
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) .demo
