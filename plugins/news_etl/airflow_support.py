"""What the DAG's tasks need from Airflow: the batch of the run, and settings with the
``news_warehouse`` Connection. Imported inside tasks only, never at DAG parse time."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.engine import URL

from news_etl.config import Settings, load_settings, warehouse_url_is_set
from news_etl.pipeline import Batch

LOGGER = logging.getLogger(__name__)
WAREHOUSE_CONN_ID = "news_warehouse"


def task_settings() -> Settings:
    """Settings from ``NEWS_ETL_*``; without ``NEWS_ETL_WAREHOUSE_URL`` the warehouse comes from
    the Airflow Connection ``news_warehouse`` when one is defined, else the SQLite default."""
    settings = load_settings()
    if warehouse_url_is_set():
        return settings
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        conn = Connection.get(WAREHOUSE_CONN_ID)
    except AirflowNotFoundException:
        return settings
    return settings.with_warehouse(connection_to_url(conn))


def connection_to_url(conn: Any) -> str:
    """A SQLAlchemy URL for an Airflow Connection (postgres, sqlite or a generic URI)."""
    if conn.conn_type in ("postgres", "postgresql"):
        return URL.create(
            "postgresql+psycopg", username=conn.login, password=conn.password,
            host=conn.host, port=conn.port, database=conn.schema,
        ).render_as_string(hide_password=False)
    if conn.conn_type == "sqlite":
        return f"sqlite:///{conn.host}"
    return conn.get_uri()


def batch_from_context(context: Any) -> Batch:
    """The batch a task instance works on: the run's logical day (or its start for manual runs)."""
    day = context.get("logical_date") or context["dag_run"].run_after
    return Batch.for_day(day, context["run_id"])
