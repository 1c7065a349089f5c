"""The real DAG, run with ``dag.test()`` over the fixture feed on loopback HTTP, on both dialects."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from http_server import respond, serve
from news_etl.fixture_site import write_demo_catalogue
from seed_checks import assert_seed_labels_met, snapshot
from smtp_sink import smtp_sink
from sqlalchemy import create_engine, text

DAGS = Path(__file__).resolve().parents[1] / "dags"
LOGICAL_DATE = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.fixture(scope="module")
def dag(airflow_db):
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS)).get_dag("healthcare_news_daily")


def test_dag_run_loads_seeds_and_rerun_of_the_day_changes_nothing(dag, pipeline_env, fixture_site, caplog):
    url = pipeline_env.warehouse_url
    with caplog.at_level(logging.INFO, logger="news_etl"):
        run = dag.test(logical_date=LOGICAL_DATE)
    assert run.state == "success"
    assert "Data Docs of this validation: http" in caplog.text  # the validate log links to them
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


def test_warehouse_from_the_news_warehouse_connection(dag, pg_server_url, monkeypatch, tmp_path, fixture_site):
    """Without NEWS_ETL_WAREHOUSE_URL the tasks use the Airflow Connection ``news_warehouse``."""
    feeds = write_demo_catalogue(fixture_site, tmp_path / "feeds.yaml")
    for key, value in {"NEWS_ETL_FEEDS": str(feeds), "NEWS_ETL_ALLOW_HOSTS": "127.0.0.1",
                       "NEWS_ETL_HOST_DELAY_S": "0", "NEWS_ETL_DATA_DIR": str(tmp_path / "data")}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("NEWS_ETL_WAREHOUSE_URL", raising=False)
    database = pg_server_url.rsplit("/", 1)[1]
    monkeypatch.setenv("AIRFLOW_CONN_NEWS_WAREHOUSE", f"postgres://postgres@127.0.0.1:5432/{database}")
    run = dag.test(logical_date=LOGICAL_DATE)
    assert run.state == "success"
    assert_seed_labels_met(pg_server_url, fixture_site.base_url)


def test_failing_feeds_fail_only_their_own_task(dag, airflow_db, monkeypatch, tmp_path, fixture_site):
    """A 404 feed and a host that does not exist fail their mapped tasks; the rest is published."""
    url = _seeds_and_broken_feeds(monkeypatch, tmp_path, fixture_site, nowhere=True)
    run = dag.test(logical_date=LOGICAL_DATE)
    assert run.state == "success"
    states = {ti.map_index: ti.state for ti in run.get_task_instances() if ti.task_id == "poll_feed"}
    assert sorted(states.values()) == ["failed", "failed", "success"]
    assert all(ti.try_number == 1 for ti in run.get_task_instances() if ti.task_id == "poll_feed")
    engine = create_engine(url)
    with engine.connect() as conn:
        failures = dict(conn.execute(text(
            "SELECT f.name, fp.error_message FROM feed_poll fp JOIN feed f ON f.feed_id = fp.feed_id "
            "WHERE NOT fp.ok")).tuples().all())
        articles = conn.execute(text("SELECT count(*) FROM article")).scalar()
    engine.dispose()
    assert "HTTP 404" in failures["Gone"] and "cannot resolve" in failures["Nowhere"]
    assert articles == 5


def test_feed_turning_unhealthy_alerts_the_webhook_and_email(dag, airflow_db, monkeypatch, tmp_path, fixture_site):
    """Through Airflow's notifier: the third failed poll in a row posts one Slack-style message
    and sends one e-mail."""
    received: list[dict] = []

    def receiver(handler):
        length = int(handler.headers.get("Content-Length", 0))
        received.append(json.loads(handler.rfile.read(length)))
        respond(200, b"ok")(handler)

    with serve({"/hook": receiver}) as hook, smtp_sink() as (smtp_port, mails):
        _seeds_and_broken_feeds(monkeypatch, tmp_path, fixture_site, NEWS_ETL_ALERT_WEBHOOK_URL=f"{hook}/hook",
                                NEWS_ETL_ALERT_EMAIL_TO="oncall@example.org", NEWS_ETL_SMTP_HOST="127.0.0.1",
                                NEWS_ETL_SMTP_PORT=str(smtp_port))
        for day in (21, 22):
            assert dag.test(logical_date=datetime(2026, 11, day, tzinfo=UTC)).state == "success"
            assert received == [] and mails == []
        assert dag.test(logical_date=LOGICAL_DATE).state == "success"
    assert len(received) == 1
    assert "Gone" in received[0]["text"] and "unhealthy" in received[0]["text"]
    (mail,) = mails
    assert mail["To"] == "oncall@example.org" and "unhealthy" in mail["Subject"] and "Gone" in mail.get_payload()


def _seeds_and_broken_feeds(monkeypatch, tmp_path, fixture_site, nowhere: bool = False, **extra: str) -> str:
    """Settings for a catalogue of the seed feed, a feed answering 404 and (optionally) an unknown
    host; returns the warehouse URL."""
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        "feeds:\n"
        f"  - {{name: Seeds, publisher: Seed fixtures, homepage: {fixture_site.base_url}/,"
        f" url: {fixture_site.feed_url}, country: GB}}\n"
        f"  - {{name: Gone, publisher: Gone Media, homepage: {fixture_site.base_url}/,"
        f" url: {fixture_site.base_url}/missing.xml, country: US}}\n"
        + ("  - {name: Nowhere, publisher: Nowhere News, homepage: https://nowhere.invalid/,"
           " url: https://nowhere.invalid/feed, country: US}\n" if nowhere else "")
    )
    url = f"sqlite:///{tmp_path / 'w.db'}"
    env = {"NEWS_ETL_FEEDS": str(feeds), "NEWS_ETL_ALLOW_HOSTS": "127.0.0.1", "NEWS_ETL_HOST_DELAY_S": "0",
           "NEWS_ETL_DATA_DIR": str(tmp_path / "data"), "NEWS_ETL_WAREHOUSE_URL": url, **extra}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return url
