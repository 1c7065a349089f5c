"""``make run``'s path: ``news-etl airflow-run`` drives the real DAG through ``airflow dags test``
in a subprocess; a rerun and two concurrent runs of the day leave one clean run's warehouse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
