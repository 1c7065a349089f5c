"""Secrets: no password or token in task logs, the rendered DAG docs, the compose file or the HTML
report; the warehouse URL is masked in logs (Airflow's secrets masker, and our own redacted URL)."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Pw-s3cr3t@x!"  # '@' and '!' make the URL-encoded form differ from the raw one
ENCODED = "Pw-s3cr3t%40x%21"


def test_the_warehouse_password_is_masked_by_airflow(monkeypatch):
    from airflow.sdk.log import redact
    from news_etl.airflow_support import task_settings

    url = f"postgresql+psycopg://news:{ENCODED}@warehouse.internal:5432/news"
    monkeypatch.setenv("NEWS_ETL_WAREHOUSE_URL", url)
    task_settings()
    line = redact(f"could not connect to {url}; password {PASSWORD}")
    assert PASSWORD not in line and ENCODED not in line and "***" in line


@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_a_dag_run_leaks_no_password(pipeline_env, airflow_db, monkeypatch, capfd, caplog):
    """Every log record (before Airflow's masker: our code must not log secrets at all), the process
    output, the task log files, the data folder (HTML digest, Data Docs) and the DAG docs."""
    from airflow.dag_processing.dagbag import DagBag

    caplog.set_level(logging.INFO)
    # The shared server trusts loopback: any password works, so the run really uses this URL.
    url = pipeline_env.warehouse_url.replace("postgres@", f"postgres:{ENCODED}@")
    monkeypatch.setenv("NEWS_ETL_WAREHOUSE_URL", url)
    dag = DagBag(dag_folder=str(ROOT / "dags")).get_dag("healthcare_news_daily")
    assert dag.test(logical_date=datetime(2026, 11, 23, tzinfo=UTC)).state == "success"
    output = capfd.readouterr()
    logs = caplog.text + output.out + output.err
    assert "into warehouse postgresql+psycopg://postgres:***@" in logs  # our own line, redacted
    written = [p for d in (airflow_db / "logs", pipeline_env.data_dir) if d.exists() for p in d.rglob("*")
               if p.is_file()]
    assert any(p.name.startswith("digest-") for p in written)  # the HTML report is among them
    texts = {"captured logs": logs, "DAG docs": dag.doc_md or "",
             **{str(p): p.read_bytes().decode("utf-8", "replace") for p in written}}
    leaks = [where for where, content in texts.items() if PASSWORD in content or ENCODED in content]
    assert leaks == []


def test_the_compose_file_holds_no_literal_secret():
    compose = yaml.safe_load((ROOT / "docker-compose.yaml").read_text(encoding="utf-8"))
    findings = []
    for path, value in _strings(compose):
        secretish = re.search(r"PASSWORD|SECRET|TOKEN|API_KEY|FERNET", path, re.I)
        file_reference = path.endswith("_FILE") and re.fullmatch(r"/[\w./-]+", value.strip())  # where it lives
        if secretish and not file_reference and not re.fullmatch(r"\$\{[A-Z0-9_]+(:?[?-][^}]*)?\}", value.strip()):
            findings.append((path, value))
        for credential in re.findall(r"://[^/:@\s]*:([^@\s]+)@", value):  # user:password@ in a URL
            if not credential.startswith("${"):
                findings.append((path, value))
    assert findings == []


def _strings(node, path: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, str) and "=" in value:  # environment as a list of KEY=value
                key, _, item = value.partition("=")
                yield f"{path}.{key}", item
            else:
                yield from _strings(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node
