"""
# Healthcare-IT news: daily ingestion

Polls the healthcare-IT news feeds of `NEWS_ETL_FEEDS`, fetches the article pages they
link to, extracts clean text and metadata, classifies partnership announcements,
loads the warehouse and publishes the day's batch to the BI marts **only if** the
Great Expectations gate passes.

| task | what it does | on failure |
| --- | --- | --- |
| `start_batch` | creates the schema, syncs the catalogue, opens the batch | fix the feeds file, clear |
| `poll_feed` (one per feed) | conditional GET, new entries into `feed_entry` | that feed only; see `feed_poll` |
| `fetch_pages` | new pages into `raw_page`, each extracted and classified on arrival | per page; `page_fetch` |
| `extract_articles` | extraction of stored pages not extracted yet (after a crash) | per page; `raw_page` |
| `classify_articles` | verdicts of articles without one, and the batch's story clusters | retried |
| `load_partnerships` | organisations, partnerships and participants | retried; one transaction |
| `validate` | GX suites over the batch's rows, run as SQL in the warehouse | see `dq_validation_result` |
| `publish` | marks the batch published: the BI marts show it from now on | — |

Every stage writes in one transaction keyed by the batch (the logical day), so clearing
and rerunning any task, or the whole day, converges on the same warehouse.
Settings: `NEWS_ETL_*` environment variables (see README); without
`NEWS_ETL_WAREHOUSE_URL` the warehouse is the Connection `news_warehouse` if defined.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, Param, dag, get_current_context, task
from news_etl.airflow_support import NewsAlertNotifier, run_stage, validate_with_docs_link

WAREHOUSE_TABLES = ("article", "organization", "partnership", "partnership_participant")
PUBLISHED = [Asset(name=f"news_warehouse.{t}", uri=f"news-warehouse://warehouse/{t}") for t in WAREHOUSE_TABLES]

default_args = {
    "owner": "news-etl",
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(minutes=30),
}


@dag(
    dag_id="healthcare_news_daily",
    schedule="@daily",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["news", "healthcare-it", "etl"],
    params={"refetch": Param(False, type="boolean", description="download the day's pages again")},
    doc_md=__doc__,
)
def healthcare_news_daily():
    @task
    def start_batch(**context) -> list[dict[str, str]]:
        return run_stage("start_batch", context)

    @task(map_index_template="{{ feed_name }}", execution_timeout=timedelta(minutes=5),
          on_failure_callback=[NewsAlertNotifier()])
    def poll_feed(feed: dict[str, str], **context) -> dict:
        get_current_context()["feed_name"] = feed["name"]  # shown as the map index in the UI
        return run_stage("poll_feed", context, feed["feed_id"])

    @task(trigger_rule="all_done_min_one_success")  # failed feeds do not hold back the others
    def fetch_pages(**context) -> dict:
        return run_stage("fetch_pages", context, refetch=bool(context["params"]["refetch"]))

    @task
    def extract_articles(**context) -> dict:
        return run_stage("extract_articles", context)

    @task
    def classify_articles(**context) -> dict:
        return run_stage("classify_articles", context)

    @task
    def load_partnerships(**context) -> dict:
        return run_stage("load_partnerships", context)

    @task(on_failure_callback=[NewsAlertNotifier()])
    def validate(**context) -> dict:
        return validate_with_docs_link(context)

    @task(outlets=PUBLISHED)
    def publish(**context) -> dict:
        return run_stage("publish_batch", context)

    feeds = start_batch()
    polls = poll_feed.expand(feed=feeds)
    pages = fetch_pages()
    [feeds, polls] >> pages
    pages >> extract_articles() >> classify_articles() >> load_partnerships() >> validate() >> publish()


healthcare_news_daily()
