# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help run demo test test-faults lint airflow summary migrate eval constraints clean

help:
	@echo "make run      - today's daily run through Airflow into data/warehouse.db, then a summary"
	@echo "make test     - the test suite (SQLite and PostgreSQL, real Airflow DAG runs)"
	@echo "make test-faults - only the fault and hostile-input suites (tests/faults; part of make test)"
	@echo "make demo     - the same run, offline, against the seed fixtures on loopback HTTP"
	@echo "make airflow  - Airflow standalone with the UI on http://localhost:8080"
	@echo "make summary  - the latest batch's summary"
	@echo "make migrate  - create or upgrade the warehouse schema in place (NEWS_ETL_WAREHOUSE_URL)"
	@echo "make eval     - classifier precision/recall/F1 on seeds/ + seeds/devset/ (fails below thresholds)"
	@echo "make lint     - ruff"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/news-etl airflow-run

demo: $(STAMP)
	$(BIN)/news-etl demo

summary: $(STAMP)
	$(BIN)/news-etl summary

migrate: $(STAMP)
	$(BIN)/news-etl migrate

eval: $(STAMP)
	$(BIN)/news-etl eval

test: $(STAMP)
	$(BIN)/pytest

test-faults: $(STAMP)
	$(BIN)/pytest tests/faults

lint: $(STAMP)
	$(BIN)/ruff check .

airflow: $(STAMP)
	$(BIN)/news-etl airflow-standalone

constraints:
	rm -rf /tmp/news-etl-constraints && $(PYTHON) -m venv /tmp/news-etl-constraints
	/tmp/news-etl-constraints/bin/pip install --quiet -r requirements.txt -r requirements-dev.txt
	(echo "# Fully resolved set for Python 3.11 (Airflow's recommended constraints practice)."; \
	 echo "# Regenerate: make constraints"; \
	 /tmp/news-etl-constraints/bin/pip freeze --exclude-editable) > constraints.txt

clean:
	rm -rf $(VENV) build .pytest_cache
