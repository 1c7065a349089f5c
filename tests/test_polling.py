"""Feed scheduling: failing feeds back off, quiet feeds are polled less often, per-source settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from http_server import respond, serve
from news_etl.config import load_settings
from news_etl.pipeline import Batch, FeedPollError, poll_feed, start_batch
from news_etl.polling import is_healthy, next_poll_at
from sqlalchemy import create_engine, text

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failed", "failures", "unchanged", "minimum", "expected"),
    [
        (True, 1, 0, 0, timedelta(0)),
        (True, 2, 0, 0, timedelta(0)),
        (True, 3, 0, 0, timedelta(days=2) - timedelta(hours=1)),
        (True, 4, 0, 0, timedelta(days=4) - timedelta(hours=1)),
        (True, 30, 0, 0, timedelta(days=14) - timedelta(hours=1)),
        (False, 0, 2, 0, timedelta(0)),
        (False, 0, 3, 0, timedelta(hours=5)),
        (False, 0, 5, 0, timedelta(hours=23)),
        (False, 0, 40, 0, timedelta(hours=71)),
        (False, 0, 0, 12, timedelta(hours=11)),
    ],
)
def test_next_poll_at(failed, failures, unchanged, minimum, expected):
    due = next_poll_at(NOW, failed=failed, consecutive_failures=failures, unchanged_polls=unchanged,
                       min_interval_h=minimum)
    assert due - NOW == expected


def test_health_threshold():
    assert is_healthy(2) and not is_healthy(3)


def test_failing_feed_is_backed_off_skipped_and_shown_unhealthy(tmp_path):
    seen: list[dict[str, str]] = []

    def broken(handler):
        seen.append(dict(handler.headers))
        respond(500, b"oops")(handler)

    with serve({"/feed.xml": broken}) as base:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(
            "feeds:\n"
            f"  - name: Flaky\n    publisher: Flaky Media\n    homepage: {base}/\n    url: {base}/feed.xml\n"
            "    country: US\n    user_agent: 'special-agent/2 (+https://example.org/contact)'\n"
            "    headers: {X-Api-Key: abc}\n"
        )
        url = f"sqlite:///{tmp_path / 'w.db'}"
        settings = load_settings({"NEWS_ETL_FEEDS": str(feeds), "NEWS_ETL_WAREHOUSE_URL": url,
                                  "NEWS_ETL_ALLOW_HOSTS": "127.0.0.1", "NEWS_ETL_HOST_DELAY_S": "0",
                                  "NEWS_ETL_DATA_DIR": str(tmp_path)})
        for day in range(1, 5):
            batch = Batch.for_day(datetime(2026, 11, day, tzinfo=UTC), f"d{day}")
            (feed,) = start_batch(settings, batch)
            with pytest.raises(FeedPollError) as err:
                poll_feed(settings, batch, feed["feed_id"])
            assert err.value.retryable
            if day == 3:  # third failure in a row: backed off for two days
                break
        batch = Batch.for_day(datetime(2026, 11, 4, tzinfo=UTC), "d4")
        start_batch(settings, batch)
        assert poll_feed(settings, batch, feed["feed_id"])["outcome"] == "skipped"
    assert len(seen) == 3
    assert seen[0]["User-Agent"] == "special-agent/2 (+https://example.org/contact)"
    assert seen[0]["X-Api-Key"] == "abc"
    engine = create_engine(url)
    with engine.connect() as conn:
        health = conn.execute(text(
            "SELECT is_healthy, consecutive_failures, last_outcome, last_http_status FROM mart_feed_health"
        )).one()
        outcomes = conn.execute(text("SELECT outcome FROM feed_poll ORDER BY batch_id")).scalars().all()
    engine.dispose()
    assert tuple(health) == (0, 3, "failed", 500) or tuple(health) == (False, 3, "failed", 500)
    assert outcomes == ["failed", "failed", "failed", "skipped"]


def test_json_feed_is_polled_over_http_into_entries(tmp_path):
    """A site that offers only a JSON Feed (application/feed+json) is polled like an RSS one."""
    body = (b'{"version": "https://jsonfeed.org/version/1.1", "items": ['
            b'{"id": "j1", "url": "/news/a", "title": "A", "date_published": "2026-11-02T08:00:00Z"},'
            b'{"id": "j2", "url": "/news/b", "title": "B"}]}')
    with serve({"/feed.json": respond(200, body, {"Content-Type": "application/feed+json"})}) as base:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(f"feeds:\n  - {{name: J, publisher: J Media, homepage: '{base}/', "
                         f"url: '{base}/feed.json', country: GB}}\n")
        url = f"sqlite:///{tmp_path / 'w.db'}"
        settings = load_settings({"NEWS_ETL_FEEDS": str(feeds), "NEWS_ETL_WAREHOUSE_URL": url,
                                  "NEWS_ETL_ALLOW_HOSTS": "127.0.0.1", "NEWS_ETL_HOST_DELAY_S": "0",
                                  "NEWS_ETL_DATA_DIR": str(tmp_path)})
        batch = Batch.for_day(datetime(2026, 11, 2, tzinfo=UTC), "d2")
        (feed,) = start_batch(settings, batch)
        assert poll_feed(settings, batch, feed["feed_id"])["outcome"] == "fetched"
    engine = create_engine(url)
    with engine.connect() as conn:
        urls = conn.execute(text("SELECT url FROM feed_entry ORDER BY url")).scalars().all()
        poll = conn.execute(text("SELECT outcome, entries_seen, bozo FROM feed_poll")).one()
    engine.dispose()
    assert urls == [f"{base}/news/a", f"{base}/news/b"]
    assert tuple(poll) == ("fetched", 2, None)
