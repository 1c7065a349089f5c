"""Fetching as a trusted crawler, end to end through the pipeline: conditional polls, no
refetching, the address guard on feed entries, encodings, malformed feeds, duplicates."""

from __future__ import annotations

from datetime import date

import pytest
from http_server import respond, serve
from news_etl.config import load_settings
from news_etl.pipeline import Batch, run_once
from sqlalchemy import create_engine, text

DAY1, DAY2 = date(2026, 11, 23), date(2026, 11, 24)
PAGE = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def settings_for(tmp_path, feeds_yaml: str, allow: str = "127.0.0.1", warehouse_url: str | None = None):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(feeds_yaml, encoding="utf-8")
    return load_settings({
        "NEWS_ETL_FEEDS": str(feeds), "NEWS_ETL_WAREHOUSE_URL": warehouse_url or f"sqlite:///{tmp_path / 'w.db'}",
        "NEWS_ETL_ALLOW_HOSTS": allow, "NEWS_ETL_HOST_DELAY_S": "0",
        "NEWS_ETL_DATA_DIR": str(tmp_path / "data"), "NEWS_ETL_WORKERS": "1",
    })


def catalogue(*feeds: tuple[str, str]) -> str:
    return "feeds:\n" + "".join(
        f"  - {{name: {name}, publisher: {name} Media, homepage: 'http://127.0.0.1/', url: '{url}', country: GB}}\n"
        for name, url in feeds
    )


def query(settings, sql: str):
    engine = create_engine(settings.warehouse_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).all()
    finally:
        engine.dispose()


def test_second_day_costs_one_conditional_request(tmp_path, fixture_site):
    settings = settings_for(tmp_path, catalogue(("Seeds", fixture_site.feed_url)))
    fixture_site.reset_counts()
    assert run_once(settings, Batch.for_day(DAY1, "d1"))["articles_new"] == 5
    first = list(fixture_site.requests)
    fixture_site.reset_counts()
    summary = run_once(settings, Batch.for_day(DAY2, "d2"))
    second = list(fixture_site.requests)
    assert summary["status"] == "published" and summary["articles_new"] == 0
    assert len(first) == 7  # feed, robots.txt, five pages
    assert second == [("/feed.xml", 304, 0)]
    assert query(settings, "SELECT http_status, entries_seen FROM feed_poll WHERE batch_id = '2026-11-24'") == [
        (304, 0)]


def rss(items: list[tuple[str, str]], encoding: str = "utf-8", title: str = "Feed") -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t, link in items)
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>{title}</title>'
            f"{body}</channel></rss>").encode(encoding)


def article(title: str) -> bytes:
    paragraphs = "".join(
        f"<p>{title}, part {n}: the regional hospital group described step {n} of its plan to replace "
        f"paper charts with shared electronic records across {n + 2} sites.</p>"
        for n in range(1, 7)
    )
    return PAGE.format(title=title, body=paragraphs).encode()


def test_feed_entries_pointing_inside_our_network_are_refused_and_recorded(tmp_path):
    html = {"Content-Type": "text/html"}
    routes = {"/ok": respond(200, article("Good story"), html)}
    with serve(routes) as base:
        port = base.rsplit(":", 1)[1]
        feed = rss([("Good", f"{base}/ok"), ("Metadata", "http://169.254.169.254/latest/meta-data/"),
                    ("Loopback", f"http://127.0.0.2:{port}/ok"), ("Local", f"http://localhost:{port}/ok")])
        routes["/feed.xml"] = respond(200, feed, {"Content-Type": "application/rss+xml"})
        settings = settings_for(tmp_path, catalogue(("Feed", f"{base}/feed.xml")))
        summary = run_once(settings, Batch.for_day(DAY1, "d1"))
    assert summary["articles_new"] == 1 and summary["pages_failed"] == 3
    refused = query(settings, "SELECT url, error_class FROM page_fetch WHERE NOT ok ORDER BY url")
    assert {e for _, e in refused} == {"BlockedURLError"}
    assert any("169.254.169.254" in u for u, _ in refused)


@pytest.mark.parametrize("encoding", ["windows-1252", "utf-16"])
def test_feeds_in_other_encodings_decode(tmp_path, encoding):
    html = {"Content-Type": "text/html"}
    title = "Café “quotes” – naïve"
    routes = {"/a": respond(200, article("Story A"), html)}
    with serve(routes) as base:
        routes["/feed.xml"] = respond(200, rss([(title, f"{base}/a")], encoding),
                                      {"Content-Type": f"application/rss+xml; charset={encoding}"})
        settings = settings_for(tmp_path, catalogue(("Feed", f"{base}/feed.xml")))
        run_once(settings, Batch.for_day(DAY1, "d1"))
    assert query(settings, "SELECT title FROM feed_entry") == [(title,)]


def test_broken_feed_is_used_with_its_reason_and_same_story_in_two_feeds_is_stored_once(tmp_path):
    html = {"Content-Type": "text/html"}
    routes = {"/story": respond(200, article("Shared story"), html)}
    with serve(routes) as base:
        broken = rss([("Shared", f"{base}/story?utm_source=a")]).replace(b"</channel>", b"<item><title>x</channel>")
        routes["/a.xml"] = respond(200, broken, {"Content-Type": "application/rss+xml"})
        routes["/b.xml"] = respond(200, rss([("Shared again", f"{base}/story#top")]),
                                   {"Content-Type": "application/rss+xml"})
        settings = settings_for(tmp_path, catalogue(("A", f"{base}/a.xml"), ("B", f"{base}/b.xml")))
        summary = run_once(settings, Batch.for_day(DAY1, "d1"))
    assert summary["feeds_failed"] == 0 and summary["articles_new"] == 1
    bozo = query(settings, "SELECT f.name, p.bozo FROM feed_poll p JOIN feed f USING (feed_id) ORDER BY f.name")
    assert bozo[0][1] and bozo[1][1] is None
    assert query(settings, "SELECT count(*) FROM raw_page") == [(1,)]


def test_unreadable_feed_fails_alone_with_a_reason(tmp_path, fixture_site):
    routes = {"/junk.xml": respond(200, b"\x00\x01\x02 definitely not a feed", {"Content-Type": "text/xml"})}
    with serve(routes) as base:
        settings = settings_for(tmp_path, catalogue(("Junk", f"{base}/junk.xml"), ("Seeds", fixture_site.feed_url)))
        summary = run_once(settings, Batch.for_day(DAY1, "d1"))
    assert summary["feeds_failed"] == 1 and summary["articles_new"] == 5
    assert summary["feed_failures"][0]["error"].startswith("FeedParseError")


def dated_rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
                   for t, link, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{body}</channel></rss>'.encode()


def test_backfill_takes_its_day_and_overlapping_runs_never_duplicate(tmp_path, warehouse_url):
    html = {"Content-Type": "text/html"}
    routes = {"/old": respond(200, article("Old story"), html), "/new": respond(200, article("New story"), html)}
    with serve(routes) as base:
        routes["/feed.xml"] = respond(200, dated_rss([
            ("Old", f"{base}/old", "Sun, 01 Nov 2026 09:00:00 +0000"),
            ("New", f"{base}/new", "Mon, 23 Nov 2026 09:00:00 +0000"),
        ]), {"Content-Type": "application/rss+xml"})
        settings = settings_for(tmp_path, catalogue(("Feed", f"{base}/feed.xml")), warehouse_url=warehouse_url)
        backfill = Batch.for_day(date(2026, 11, 1), "backfill__2026-11-01", backfill=True)
        assert run_once(settings, backfill)["articles_new"] == 1
        assert query(settings, "SELECT url FROM article") == [(f"{base}/old",)]
        assert run_once(settings, Batch.for_day(DAY1, "scheduled"))["articles_new"] == 1
        run_once(settings, backfill)  # the backfill again, overlapping what is stored
        run_once(settings, Batch.for_day(date(2026, 11, 23), "backfill__2026-11-23", backfill=True))
    rows = query(settings, "SELECT url, batch_id FROM article ORDER BY url")
    assert rows == [(f"{base}/new", "2026-11-23"), (f"{base}/old", "2026-11-01")]
    assert query(settings, "SELECT count(*) FROM raw_page") == [(2,)]
    assert query(settings, "SELECT count(*), count(DISTINCT entry_id) FROM feed_entry") == [(2, 2)]
    assert query(settings, "SELECT count(*), count(DISTINCT article_id) FROM article_classification") == [(2, 2)]


def test_refetch_updates_the_article_but_not_when_it_was_first_seen(tmp_path):
    html = {"Content-Type": "text/html"}
    routes = {"/s": respond(200, article("First version"), html)}
    with serve(routes) as base:
        routes["/feed.xml"] = respond(200, rss([("S", f"{base}/s")]), {"Content-Type": "application/rss+xml"})
        settings = settings_for(tmp_path, catalogue(("Feed", f"{base}/feed.xml")))
        run_once(settings, Batch.for_day(DAY1, "d1"))
        routes["/s"] = respond(200, article("Corrected version"), html)
        run_once(settings, Batch.for_day(DAY1, "d1-again"))
        assert "First version" in query(settings, "SELECT body_text FROM article")[0][0]  # not refetched
        run_once(settings, Batch.for_day(DAY1, "d1-refetch"), refetch=True)
    (body, first_seen, batch_id), = query(settings, "SELECT body_text, first_seen_at, batch_id FROM article")
    assert "Corrected version" in body and "First version" not in body
    assert batch_id == "2026-11-23" and str(first_seen).startswith("2026-11-23")
    assert query(settings, "SELECT count(*) FROM article_classification") == [(1,)]


def test_pages_disallowed_by_robots_txt_are_recorded_and_the_rest_fetched(tmp_path):
    html = {"Content-Type": "text/html"}
    routes = {
        "/robots.txt": respond(200, b"User-agent: *\nDisallow: /members/\n", {"Content-Type": "text/plain"}),
        "/news/open": respond(200, article("Open story"), html),
        "/members/locked": respond(200, article("Locked story"), html),
    }
    with serve(routes) as base:
        routes["/feed.xml"] = respond(200, rss([("Open", f"{base}/news/open"), ("Locked", f"{base}/members/locked")]),
                                      {"Content-Type": "application/rss+xml"})
        settings = settings_for(tmp_path, catalogue(("Feed", f"{base}/feed.xml")))
        summary = run_once(settings, Batch.for_day(DAY1, "d1"))
    assert summary["articles_new"] == 1
    assert query(settings, "SELECT error_class FROM page_fetch WHERE NOT ok") == [("RobotsDisallowedError",)]
