"""The DAG file: imports cleanly, is acyclic, every task retries and has a timeout, and
parsing it touches no database, Connection or network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

DAGS = Path(__file__).resolve().parents[1] / "dags"


@pytest.fixture(scope="module")
def dagbag(airflow_db):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_dag_files_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "healthcare_news_daily" in dagbag.dag_ids


def test_dag_shape_and_operational_settings(dagbag):
    dag = dagbag.get_dag("healthcare_news_daily")
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.doc_md and "great expectations" in dag.doc_md.lower()
    assert {"news", "healthcare-it"} <= set(dag.tags)
    assert set(dag.task_ids) == {
        "start_batch", "poll_feed", "fetch_pages", "extract_articles", "classify_articles",
        "load_partnerships", "validate", "publish",
    }
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
        assert task.retry_exponential_backoff, task.task_id
        assert task.execution_timeout is not None, task.task_id
        assert task.owner == "news-etl"
    dag.topological_sort()  # raises on a cycle
    publish = dag.get_task("publish")
    assert {o.uri for o in publish.outlets} >= {"news-warehouse://warehouse/article"}
    assert dag.get_task("fetch_pages").trigger_rule == "all_done_min_one_success"


def test_reclassify_dag_is_manual_and_thin(dagbag):
    dag = dagbag.get_dag("healthcare_news_reclassify")
    assert dag.schedule is None or str(dag.timetable.summary).lower() in ("none", "never")
    assert set(dag.params) == {"since", "until"}
    assert set(dag.task_ids) == {"finished_batches", "reclassify"}
    for task in dag.tasks:
        assert task.retries >= 1 and task.execution_timeout is not None and task.owner == "news-etl"
    assert dag.get_task("reclassify").max_active_tis_per_dagrun == 1


def test_parsing_opens_no_database_connection_or_socket(monkeypatch, airflow_db):
    from airflow.dag_processing.dagbag import DagBag

    opened: list[str] = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, *a: opened.append(f"socket {a}"))

    def on_connect(*args):
        opened.append("sqlalchemy connect")

    def no_connection(conn_id):
        opened.append(f"connection {conn_id}")
        raise AssertionError("Connection looked up at parse time")

    monkeypatch.setattr("airflow.sdk.execution_time.context._get_connection", no_connection)
    event.listen(Engine, "connect", on_connect)
    try:
        bag = DagBag(dag_folder=str(DAGS), collect_dags=False)
        for path in sorted(DAGS.glob("*.py")):
            bag.process_file(str(path))
    finally:
        event.remove(Engine, "connect", on_connect)
    assert opened == []
    assert bag.import_errors == {}
