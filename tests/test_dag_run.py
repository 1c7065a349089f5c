"""The real DAG, run with ``dag.test()`` over the fixture feed on loopback HTTP, on both dialects."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from seed_checks import assert_seed_labels_met, snapshot
from sqlalchemy import create_engine, text

DAGS = Path(__file__).resolve().parents[1] / "dags"
LOGICAL_DATE = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.fixture(scope="module")
def dag(airflow_db):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS)).get_dag("healthcare_news_daily")


def test_dag_run_loads_seeds_and_rerun_of_the_day_changes_nothing(dag, pipeline_env, fixture_site):
    url = pipeline_env.warehouse_url
    run = dag.test(logical_date=LOGICAL_DATE)
    assert run.state == "success"
    assert_seed_labels_met(url, fixture_site.base_url)
    before = snapshot(url)

    again = dag.test(logical_date=LOGICAL_DATE)
    assert again.state == "success"
    assert snapshot(url) == before
    engine = create_engine(url)
    with engine.connect() as conn:
        status = conn.execute(text("SELECT status FROM pipeline_run")).scalars().all()
        failed_checks = conn.execute(text("SELECT count(*) FROM dq_validation_result WHERE NOT success")).scalar()
    engine.dispose()
    assert status == ["published"]
    assert failed_checks == 0
