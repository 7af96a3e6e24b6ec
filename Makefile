# dvcbot: `make run` to chat, `make test` to run the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
DVCBOT  := $(VENV)/bin/dvcbot
STAMP   := $(VENV)/.installed-stamp

# Python 3.10 is required by Rasa 3.6. Use PYTHON310=/path/to/python3.10 to choose one.
PYTHON310 ?= $(shell for c in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	  if $$c -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then echo $$c; break; fi; done)

.PHONY: help setup system-deps run train test bench bench-nlu kb-validate clean

help:
	@echo "make run        set up, train when needed, start dvcbot and chat in the terminal"
	@echo "make test       set up and run the whole test suite"
	@echo "make train      train the Rasa model if nlu_data/, domain.yml or config.yml changed"
	@echo "make bench-nlu  train on the training split and score the held-out split"
	@echo "make bench      all benchmarks: NLU, load (vs Rasa's starter bot, 1 -> 2 replicas), fuzz, catalogue search, receipt photos"
	@echo "make kb-validate  check the knowledge base YAML"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "error: Python 3.10 is needed (Rasa 3.6 runs only on 3.10)." >&2; \
	  echo "  Install it, e.g. 'pyenv install 3.10' or 'apt-get install python3.10 python3.10-venv'," >&2; \
	  echo "  or point to it: make $(MAKECMDGOALS) PYTHON310=/path/to/python3.10" >&2; \
	  exit 1; fi
	@if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then \
	  echo "creating $(VENV) with $(PYTHON310)"; rm -rf $(VENV); $(PYTHON310) -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

train: setup
	$(DVCBOT) train

run: setup
	$(DVCBOT) train
	$(DVCBOT) run

system-deps:
	@bash scripts/install-system-deps.sh

# two workers (the 2-core machine): each test file, and the integration and scale folders,
# run whole on one worker (tests/conftest.py); TEST_WORKERS=0 runs in this process
TEST_WORKERS ?= 2

test: setup system-deps
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

bench-nlu: setup
	$(DVCBOT) bench nlu

bench: setup
	$(DVCBOT) bench all

kb-validate: setup
	$(DVCBOT) kb validate

clean:
	rm -rf models var .pytest_cache
