"""
# Healthcare-IT news: reclassify stored articles

Manual only ("Trigger DAG w/ config"). Runs the current partnership classifier again over
the articles already in the warehouse, then loads, validates and publishes each batch as
the daily run would; nothing is fetched. Use it after a classifier or gazetteer change.

| param | meaning |
| --- | --- |
| `since` | first batch day, `YYYY-MM-DD` (empty: the oldest) |
| `until` | last batch day, `YYYY-MM-DD` (empty: the newest) |

One mapped task per finished batch, one at a time (they share the organisation rows);
a batch whose quality gate fails stays unpublished and fails only its own task.
Same code as `news-etl reclassify`.
"""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
from airflow.sdk import Param, dag, task
from news_etl.airflow_support import run_reclassify, task_settings

DAY = {"type": ["null", "string"], "format": "date"}
default_args = {
    "owner": "news-etl",
    "retries": 1,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": 2.0,
    "execution_timeout": timedelta(minutes=60),
}


@dag(
    dag_id="healthcare_news_reclassify",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["news", "healthcare-it", "maintenance"],
    params={"since": Param(None, **DAY, description="first batch day"),
            "until": Param(None, **DAY, description="last batch day")},
    doc_md=__doc__,
)
def healthcare_news_reclassify():
    @task
    def finished_batches(**context) -> list[str]:
        from news_etl.pipeline import finished_batches

        since, until = (context["params"].get(k) for k in ("since", "until"))
        return finished_batches(task_settings(), since and date.fromisoformat(since),
                                until and date.fromisoformat(until))

    @task(max_active_tis_per_dagrun=1)
    def reclassify(batch_id: str, **context) -> dict:
        return run_reclassify(batch_id, context)

    reclassify.expand(batch_id=finished_batches())


healthcare_news_reclassify()
