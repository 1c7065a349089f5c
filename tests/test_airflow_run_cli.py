"""``make run``'s path: ``news-etl airflow-run`` drives the real DAG through ``airflow dags test``
in a subprocess; a rerun and two concurrent runs of the day leave one clean run's warehouse."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from news_etl.airflow_runner import MIGRATED_STAMP, metadata_db_state
from news_etl.fixture_site import write_demo_catalogue
from seed_checks import snapshot

CLI = str(Path(sys.executable).with_name("news-etl"))


def _airflow_run(tmp_path: Path, airflow_db: Path, feeds: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(airflow_db),
        "NEWS_ETL_FEEDS": str(feeds),
        "NEWS_ETL_ALLOW_HOSTS": "127.0.0.1",
        "NEWS_ETL_HOST_DELAY_S": "0",
        "NEWS_ETL_DATA_DIR": str(tmp_path / "data"),
        "NEWS_ETL_WAREHOUSE_URL": f"sqlite:///{tmp_path / 'warehouse.db'}",
        "NEWS_ETL_WORKERS": "1",
    }
    return subprocess.Popen([CLI, "airflow-run", "--date", "2026-11-23"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_airflow_run_summary_rerun_and_concurrent_runs(tmp_path, airflow_db, fixture_site):
    feeds = write_demo_catalogue(fixture_site, tmp_path / "feeds.yaml")
    first = _airflow_run(tmp_path, airflow_db, feeds)
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, out + err
    assert "Batch 2026-11-23: PUBLISHED" in out
    assert "articles stored   5 new" in out and "partnerships      5 this batch" in out
    url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    clean = snapshot(url)

    # Two more runs of the same day at once: they queue on the run lock and converge.
    runs = [_airflow_run(tmp_path, airflow_db, feeds) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=900)
        assert run.returncode == 0, out + err
    assert snapshot(url) == clean

    # The first run migrated Airflow's database and noted it; the later ones skipped the migrate.
    stamp = json.loads((airflow_db / MIGRATED_STAMP).read_text(encoding="utf-8"))
    assert stamp == metadata_db_state({**os.environ, "AIRFLOW_HOME": str(airflow_db)})
    log = (tmp_path / "data" / "logs" / "airflow-run-2026-11-23.log").read_text(encoding="utf-8")
    assert f"at revision {stamp['revision']}: `airflow db migrate` skipped" in log


def _home(tmp_path: Path, conn: str | None) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    if conn is not None:
        (home / "airflow.cfg").write_text(f"[core]\nload_examples = False\n[database]\nsql_alchemy_conn = {conn}\n",
                                          encoding="utf-8")
    return {"AIRFLOW_HOME": str(home)}


def test_metadata_db_state_reads_the_revision_from_the_configured_database(tmp_path):
    db = tmp_path / "meta.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('abc123')")
    state = metadata_db_state(_home(tmp_path, f"sqlite:///{db}"))
    assert state is not None and state["revision"] == "abc123" and state["url"] == f"sqlite:///{db}"
    assert "apache-airflow-core" in state["distributions"]
    # The environment variable wins over airflow.cfg, as in Airflow.
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('def456')")
    env = {**_home(tmp_path, f"sqlite:///{db}"), "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{other}"}
    assert metadata_db_state(env)["revision"] == "def456"


def test_metadata_db_state_is_unknown_whenever_it_cannot_be_read_for_certain(tmp_path):
    missing = tmp_path / "missing.db"
    assert metadata_db_state(_home(tmp_path, f"sqlite:///{missing}")) is None
    assert not missing.exists()  # looking did not create an empty database
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert metadata_db_state(_home(tmp_path, f"sqlite:///{empty}")) is None  # never migrated
    assert metadata_db_state(_home(tmp_path, None)) is None  # no airflow.cfg yet
    secret = {**_home(tmp_path, f"sqlite:///{empty}"), "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD": "cat conn"}
    assert metadata_db_state(secret) is None
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert metadata_db_state(_home(tmp_path, unreachable)) is None
