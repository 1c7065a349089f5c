"""The fetch stage extracts and classifies pages as they arrive: the warehouse must be the one
the stages give when each runs on its own, page failures included.

The site: 30 article pages (enough for the process pool, so pages really cross into
workers), a copy of one of them under another URL (same canonical URL: only one may
be stored, the same one either way), a block page and a page too short to be an article.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime

import pytest
from http_server import respond, serve
from news_etl import pipeline
from news_etl.bench.site import render_page
from news_etl.config import Settings
from news_etl.parallel import MIN_ITEMS_FOR_POOL
from news_etl.pipeline import Batch
from seed_checks import ACROSS_WAREHOUSES, snapshot
from sqlalchemy import create_engine, text

DAY = date(2026, 11, 23)
ARTICLES = 30
BLOCKED = b"<html><head><title>Access denied</title></head><body><p>Request blocked.</p></body></html>"
SHORT = b"<html><head><title>Briefly</title></head><body><article><p>Nothing more to say here today.</p>" \
        b"</article></body></html>"


@pytest.fixture
def site_settings(pipeline_env: Settings, tmp_path):
    """Settings for a run over the test site (yielded while it is served) and its page URLs."""
    assert ARTICLES + 3 >= MIN_ITEMS_FOR_POOL and pipeline_env.workers > 1
    published = datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC)
    routes: dict = {}
    with serve(routes, keep_alive=True) as base:
        html = {f"/news/{i}.html": render_page(i, base, published).encode() for i in range(ARTICLES)}
        html |= {"/copy/3.html": html["/news/3.html"], "/blocked.html": BLOCKED, "/short.html": SHORT}
        items = "".join(f"<item><title>Story {k}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
                        f"<pubDate>{format_datetime(published - timedelta(minutes=k))}</pubDate></item>"
                        for k, path in enumerate(html))
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>{base}/</link>' \
               f"<description>d</description>{items}</channel></rss>"
        routes["/feed.xml"] = respond(200, feed.encode(), {"Content-Type": "application/rss+xml"})
        routes |= {path: respond(200, body, {"Content-Type": "text/html; charset=utf-8"})
                   for path, body in html.items()}
        catalogue = tmp_path / "overlap-feeds.yaml"
        catalogue.write_text(f"feeds:\n  - name: Overlap test\n    publisher: Overlap Media\n"
                             f"    homepage: {base}/\n    url: {base}/feed.xml\n    country: GB\n"
                             f"    language: en\n", encoding="utf-8")
        yield replace(pipeline_env, feeds_path=catalogue), base


def _run_stages(settings: Settings, process: bool) -> None:
    batch = Batch.for_day(DAY, "same-run")
    for feed in pipeline.start_batch(settings, batch):
        pipeline.poll_feed(settings, batch, feed["feed_id"])
    pipeline.fetch_pages(settings, batch, process=process)
    pipeline.extract_articles(settings, batch)
    pipeline.classify_articles(settings, batch)
    pipeline.load_partnerships(settings, batch)


def _rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_overlapped_fetch_gives_the_warehouse_of_the_staged_run(site_settings, tmp_path):
    settings, base = site_settings
    staged = settings.with_warehouse(f"sqlite:///{tmp_path / 'staged.db'}")
    overlapped = settings.with_warehouse(f"sqlite:///{tmp_path / 'overlapped.db'}")
    _run_stages(staged, process=False)
    _run_stages(overlapped, process=True)

    assert snapshot(overlapped.warehouse_url, ACROSS_WAREHOUSES) == snapshot(staged.warehouse_url, ACROSS_WAREHOUSES)
    stories = _rows(overlapped.warehouse_url, "SELECT count(*) FROM article_story")
    assert stories == [(ARTICLES,)], "every article gets its story, whichever stage classified it"


@pytest.mark.parametrize("warehouse_url", ["sqlite", "postgresql"], indirect=True)
def test_fetch_stage_extracts_and_classifies_and_records_the_pages_that_fail(site_settings):
    settings, base = site_settings
    batch = Batch.for_day(DAY, "overlap")
    for feed in pipeline.start_batch(settings, batch):
        pipeline.poll_feed(settings, batch, feed["feed_id"])
    pipeline.fetch_pages(settings, batch)

    url = settings.warehouse_url
    statuses = dict(_rows(url, "SELECT url, extract_status FROM raw_page"))
    assert statuses.pop(f"{base}/blocked.html") == "blocked"
    assert statuses.pop(f"{base}/short.html") == "not_article"
    assert set(statuses.values()) == {"ok"} and len(statuses) == ARTICLES + 1
    reasons = _rows(url, "SELECT extract_reason FROM raw_page WHERE extract_status <> 'ok'")
    assert len(reasons) == 2 and all(reason for (reason,) in reasons), "a failed page keeps why"
    assert _rows(url, "SELECT count(*) FROM article") == [(ARTICLES,)], "the copy is not stored twice"
    unclassified = _rows(url, "SELECT count(*) FROM article a LEFT JOIN article_classification c "
                              "ON c.article_id = a.article_id WHERE c.article_id IS NULL")
    assert unclassified == [(0,)], "the fetch stage classified what it extracted"

    assert pipeline.extract_articles(settings, batch)["articles_new"] == ARTICLES  # nothing left to extract
    assert pipeline.classify_articles(settings, batch)["articles"] == ARTICLES
    assert _rows(url, "SELECT count(*) FROM article_story") == [(ARTICLES,)]
