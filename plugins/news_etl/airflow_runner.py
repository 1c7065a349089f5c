"""``make run``: one logical day through the real Airflow DAG, from the command line.

Uses ``airflow dags test``, which executes the DAG's tasks (retries, trigger rules,
mapping and all) without needing a scheduler, and reruns the day even when Airflow's
metadata already holds a run for it. While it runs, progress is read from the
warehouse's ``stage_run`` table; Airflow's own log goes to ``data/logs/``.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from news_etl import warehouse as wh
from news_etl.config import PROJECT_ROOT, Settings
from news_etl.pipeline import batch_summary

DAG_ID = "healthcare_news_daily"
Progress = Callable[[str, dict[str, Any]], None] | None


def airflow_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Airflow commands: an ``AIRFLOW_HOME`` already set is honoured,
    otherwise ``airflow_home/`` in the project; our DAGs and plugins folders; no examples."""
    env = dict(os.environ if base is None else base)
    env.setdefault("AIRFLOW_HOME", str(PROJECT_ROOT / "airflow_home"))
    env.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(PROJECT_ROOT / "dags"))
    env.setdefault("AIRFLOW__CORE__PLUGINS_FOLDER", str(PROJECT_ROOT / "plugins"))
    env.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    env.setdefault("NEWS_ETL_HOME", str(PROJECT_ROOT))
    return env


def airflow_command(*args: str) -> list[str]:
    """The ``airflow`` CLI of this virtualenv."""
    return [str(Path(sys.executable).with_name("airflow")), *args]


def run_day_through_airflow(settings: Settings, day: date, progress: Progress = None) -> tuple[bool, dict]:
    """Run ``day`` through Airflow; returns (published?, summary). Concurrent calls queue."""
    env = airflow_env()
    logs = settings.data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"airflow-run-{day.isoformat()}.log"
    with open(settings.data_dir / ".airflow-run.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second `make run` waits, then reruns the day
        with open(log_path, "w") as log:
            _ensure_metadata_db(env, log)
            started = datetime.now(UTC).replace(tzinfo=None)
            proc = subprocess.Popen(airflow_command("dags", "test", DAG_ID, day.isoformat()),
                                    env=env, stdout=log, stderr=subprocess.STDOUT)
            _follow(settings, day.isoformat(), started, proc, progress)
    engine = wh.make_engine(settings.warehouse_url)
    try:
        summary = batch_summary(engine, day.isoformat())
    finally:
        engine.dispose()
    ok = proc.returncode == 0 and summary.get("status") == "published"
    if not ok:
        print(f"Airflow's log of this run: {log_path}", file=sys.stderr)
    return ok, summary


def _ensure_metadata_db(env: dict[str, str], log: Any) -> None:
    """Create or upgrade Airflow's metadata database (fast when already current)."""
    result = subprocess.run(airflow_command("db", "migrate"), env=env, stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"`airflow db migrate` failed; see {log.name}")


def _follow(settings: Settings, batch_id: str, started: datetime, proc: subprocess.Popen,
            progress: Progress) -> None:
    """Report each stage as it completes, until the Airflow process ends."""
    seen: set[str] = set()
    engine = wh.make_engine(settings.warehouse_url)
    try:
        while True:
            done = proc.poll() is not None
            if progress is not None:
                for stage, counts in _completed_stages(engine, batch_id, started):
                    if stage not in seen:
                        seen.add(stage)
                        progress(stage, counts)
            if done:
                return
            time.sleep(0.5)
    finally:
        engine.dispose()


def _completed_stages(engine: Any, batch_id: str, since: datetime) -> list[tuple[str, dict]]:
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(wh.stage_run.c.stage, wh.stage_run.c.counts, wh.stage_run.c.finished_at)
                .where(wh.stage_run.c.batch_id == batch_id).order_by(wh.stage_run.c.finished_at)
            ).all()
    except SQLAlchemyError:
        return []  # schema not created yet by start_batch
    return [
        (stage, json.loads(counts or "{}"))
        for stage, counts, finished in rows
        if finished is not None and finished.replace(tzinfo=None) >= since
    ]
