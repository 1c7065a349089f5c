# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: help run demo test test-faults e2e lint airflow summary migrate eval bench bench-smoke bench-warehouse constraints clean

help:
	@echo "make run      - today's daily run through Airflow into data/warehouse.db, then a summary"
	@echo "make test     - the test suite (SQLite and PostgreSQL, real Airflow DAG runs)"
	@echo "make test-faults - only the fault and hostile-input suites (tests/faults; part of make test)"
	@echo "make e2e      - the CeleryExecutor deployment end to end on loopback (two workers, a worker killed, UI)"
	@echo "make demo     - the same run, offline, against the seed fixtures on loopback HTTP"
	@echo "make airflow  - Airflow standalone with the UI on http://localhost:8080"
	@echo "make summary  - the latest batch's summary"
	@echo "make migrate  - create or upgrade the warehouse schema in place (NEWS_ETL_WAREHOUSE_URL)"
	@echo "make eval     - classifier precision/recall/F1 on seeds/ + seeds/devset/ (fails below thresholds)"
	@echo "make lint     - ruff"
	@echo "make bench    - benchmarks: extraction F1 and speed, pipeline throughput at N=100/1,000/10,000, peers"
	@echo "make bench-smoke - the same at N=100 on a few benchmark pages (CI): checks every figure is produced"
	@echo "make bench-warehouse - load rows/s and quality-gate time for 10,000 synthetic articles (SQLite, PostgreSQL)"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-dev.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $(STAMP)

# dclint ships the Compose Specification's JSON schema that tests/test_compose.py validates against.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

venv: $(STAMP) $(NODE_STAMP)

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

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/news-etl bench --sizes 100,1000,10000

bench-smoke: $(STAMP)
	$(BIN)/news-etl bench --smoke --out build/bench-smoke

bench-warehouse: $(STAMP)
	$(BIN)/news-etl bench-warehouse --articles $${ARTICLES:-10000} --output build/bench/warehouse.json

e2e: $(STAMP)
	$(BIN)/pytest tests/test_e2e_celery.py --e2e -s -p no:cacheprovider

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
	rm -rf $(VENV) node_modules build .pytest_cache
