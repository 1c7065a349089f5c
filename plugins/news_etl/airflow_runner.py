"""``make run``: one logical day through the real Airflow DAG, from the command line.

Uses ``airflow dags test``, which executes the DAG's tasks (retries, trigger rules,
mapping and all) without needing a scheduler, and reruns the day even when Airflow's
metadata already holds a run for it. While it runs, progress is read from the
warehouse's ``stage_run`` table; Airflow's own log goes to ``data/logs/``.
"""

from __future__ import annotations

import configparser
import fcntl
import importlib.metadata
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from news_etl import warehouse as wh
from news_etl.config import PROJECT_ROOT, Settings
from news_etl.pipeline import batch_summary

DAG_ID = "healthcare_news_daily"
MIGRATED_STAMP = ".news-etl-metadata-db.json"  # in AIRFLOW_HOME: what our last `airflow db migrate` left
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
    """Create or upgrade Airflow's metadata database, unless our last migrate left it current.

    ``airflow db migrate`` costs seconds of start-up even when there is nothing to do, on
    every ``make run``. After a successful migrate we note what it left (the installed
    Airflow distributions and the database's Alembic revision); when both still match,
    the migrate is skipped. Anything we cannot read for certain runs the migrate.
    """
    stamp = Path(env["AIRFLOW_HOME"]) / MIGRATED_STAMP
    state = metadata_db_state(env)
    if state is not None and _read_json(stamp) == state:
        log.write(f"Airflow metadata database at revision {state['revision']}: `airflow db migrate` skipped\n")
        log.flush()
        return
    result = subprocess.run(airflow_command("db", "migrate"), env=env, stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"`airflow db migrate` failed; see {log.name}")
    state = metadata_db_state(env)
    if state is not None:
        stamp.write_text(json.dumps(state), encoding="utf-8")


def metadata_db_state(env: dict[str, str]) -> dict[str, Any] | None:
    """The installed Airflow distributions and the metadata database's Alembic revision,
    or None when the database's URL or revision cannot be read without Airflow itself."""
    url = _metadata_db_url(env)
    if url is None:
        return None
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
            return None  # connecting would create an empty file
        engine = create_engine(parsed, poolclass=NullPool)
        try:
            with engine.connect() as conn:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        finally:
            engine.dispose()
    except (SQLAlchemyError, ImportError, ValueError):
        return None  # no database yet, a driver we lack, or a URL we cannot parse
    if revision is None:
        return None
    return {"revision": revision, "url": url, "distributions": _airflow_distributions()}


def _metadata_db_url(env: dict[str, str]) -> str | None:
    """``[database] sql_alchemy_conn`` as Airflow would read it, for the plain cases only:
    the environment variable, else ``airflow.cfg``; a ``_cmd``/``_secret`` source gives None."""
    if any(f"AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_{suffix}" in env for suffix in ("CMD", "SECRET")):
        return None
    if url := env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"):
        return url
    config = configparser.ConfigParser(interpolation=None)
    try:
        config.read(env.get("AIRFLOW_CONFIG") or Path(env["AIRFLOW_HOME"]) / "airflow.cfg", encoding="utf-8")
    except configparser.Error:
        return None
    if config.has_option("database", "sql_alchemy_conn_cmd") or config.has_option(
            "database", "sql_alchemy_conn_secret"):
        return None
    return config.get("database", "sql_alchemy_conn", fallback=None)


def _airflow_distributions() -> dict[str, str]:
    """Versions of Airflow and its providers: any of them may bring database migrations."""
    return dict(sorted(
        (dist.metadata["Name"].lower(), dist.version) for dist in importlib.metadata.distributions()
        if (dist.metadata["Name"] or "").lower().startswith("apache-airflow")
    ))


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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
