"""The bridge between Airflow tasks and the pipeline: which batch a task works on, settings
with the ``news_warehouse`` Connection, and which failures deserve a retry.

Cheap to import (the DAG file imports it at parse time): the pipeline and Airflow's task
SDK are imported only when a task runs.
"""

from __future__ import annotations

import logging
from typing import Any

from airflow.sdk import BaseNotifier

from news_etl.config import Settings, load_settings, warehouse_url_is_set

LOGGER = logging.getLogger(__name__)
WAREHOUSE_CONN_ID = "news_warehouse"


def run_stage(stage: str, context: Any, *args: Any, **kwargs: Any) -> Any:
    """Run ``news_etl.pipeline.<stage>`` for the task instance's batch.

    Failures that a retry cannot fix (a feed that does not exist, a failed quality
    gate) become ``AirflowFailException`` so Airflow fails the task at once; anything
    else propagates and is retried with the task's backoff.
    """
    from airflow.sdk.exceptions import AirflowFailException

    from news_etl import pipeline
    from news_etl.warehouse import mask_url

    settings = task_settings()
    LOGGER.info("%s into warehouse %s", stage, mask_url(settings.warehouse_url))
    try:
        return getattr(pipeline, stage)(settings, batch_from_context(context), *args, **kwargs)
    except pipeline.FeedPollError as exc:
        if exc.retryable:
            raise
        raise AirflowFailException(str(exc)) from None
    except pipeline.QualityGateError as exc:
        raise AirflowFailException(str(exc)) from None


def validate_with_docs_link(context: Any) -> Any:
    """The ``validate`` task: the quality gate, with the task log pointing at its Data Docs page
    in the Airflow UI (logged first, so a failed gate's log has the link too)."""
    from airflow.configuration import conf

    base = (conf.get("api", "base_url", fallback=None) or "http://localhost:8080").rstrip("/")
    LOGGER.info("Data Docs of this validation: %s/news-etl/data-docs/index.html (Browse > Data quality)", base)
    return run_stage("validate_batch", context)


def run_reclassify(batch_id: str, context: Any) -> dict[str, Any]:
    """Reclassify one stored batch (``pipeline.reclassify_batch``); a failed gate fails the task at once."""
    from airflow.sdk.exceptions import AirflowFailException

    from news_etl import pipeline

    try:
        return pipeline.reclassify_batch(task_settings(), batch_id, context["run_id"])
    except pipeline.QualityGateError as exc:
        raise AirflowFailException(str(exc)) from None


def task_settings() -> Settings:
    """Settings from ``NEWS_ETL_*``; without ``NEWS_ETL_WAREHOUSE_URL`` the warehouse comes from
    the Airflow Connection ``news_warehouse`` when one is defined, else the SQLite default.

    The warehouse's password and URL are registered with Airflow's secrets masker, so they
    show as ``***`` in task logs whatever logs them (a URL from the environment is not a
    Connection: Airflow would not know it is secret)."""
    settings = load_settings()
    if not warehouse_url_is_set():
        from airflow.sdk import Connection
        from airflow.sdk.exceptions import AirflowNotFoundException

        try:
            conn = Connection.get(WAREHOUSE_CONN_ID)
        except AirflowNotFoundException:
            conn = None  # no Connection defined: the SQLite default stands
        if conn is not None:
            settings = settings.with_warehouse(connection_to_url(conn))
    mask_warehouse_secrets(settings.warehouse_url)
    return settings


def mask_warehouse_secrets(url: str) -> None:
    """Register the URL's password (as written and URL-encoded) and the whole URL with Airflow's
    secrets masker; a URL without a password is left readable."""
    from urllib.parse import quote, unquote

    from airflow.sdk.log import mask_secret
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        password = make_url(url).password
    except ArgumentError:
        mask_secret(url)  # unparsable: hide it whole rather than guess
        return
    if password:
        for secret in {str(password), quote(str(password), safe=""), unquote(str(password)), url}:
            mask_secret(secret)


def connection_to_url(conn: Any) -> str:
    """A SQLAlchemy URL for an Airflow Connection (postgres, sqlite or a generic URI)."""
    from sqlalchemy.engine import URL

    if conn.conn_type in ("postgres", "postgresql"):
        return URL.create(
            "postgresql+psycopg", username=conn.login, password=conn.password,
            host=conn.host, port=conn.port, database=conn.schema,
        ).render_as_string(hide_password=False)
    if conn.conn_type == "sqlite":
        return f"sqlite:///{conn.host}"
    return conn.get_uri()


def batch_from_context(context: Any) -> Any:
    """The batch a task instance works on: the run's logical day (its start for manual runs);
    a run created by ``airflow backfill`` is a backfill batch of that day."""
    from news_etl.pipeline import Batch

    dag_run = context["dag_run"]
    day = context.get("logical_date") or dag_run.run_after
    return Batch.for_day(day, context["run_id"], backfill=str(dag_run.run_type).endswith("backfill"))


class NewsAlertNotifier(BaseNotifier):
    """Airflow notifier (``on_failure_callback``) that posts to ``NEWS_ETL_ALERT_WEBHOOK_URL``
    and/or mails ``NEWS_ETL_ALERT_EMAIL_TO``.

    On ``validate`` it reports the failed quality gate; on ``poll_feed`` it reports the
    feeds that this batch's failure made unhealthy (a feed failing once is not news).
    """

    def notify(self, context: Any) -> None:
        from news_etl import alerts
        from news_etl import warehouse as wh

        settings = task_settings()
        if not (settings.alert_webhook_url or settings.alert_email):
            return
        ti = context["ti"]
        batch = batch_from_context(context)
        if ti.task_id == "validate":
            text = alerts.gate_failure_text(ti.dag_id, context["run_id"], batch.batch_id,
                                            str(context.get("exception") or "quality gate failed"),
                                            getattr(ti, "log_url", None))
        else:
            engine = wh.make_engine(settings.warehouse_url)
            try:
                feeds = alerts.newly_unhealthy_feeds(engine, batch.batch_id)
            finally:
                engine.dispose()
            if not feeds:
                return
            text = alerts.unhealthy_feeds_text(ti.dag_id, batch.batch_id, feeds)
        alerts.deliver(settings, text)
