"""Round-trips: awkward text from the web is stored exactly, or cleaned by the one stated rule
(``news_etl.markup.plain_text``: NUL and control characters removed, white space collapsed,
tags removed; organisation names cut to their 300-character column), on SQLite and PostgreSQL.
A title read from the page also goes through the extractor's own cleaning (``page_rule``).

Titles travel the whole way (feed, page, extraction, warehouse); organisation names enter
through the load stage's input (the classifier's stored verdict) and are read back from
``organization``, ``organization_alias`` and ``partnership_participant``. Every write is a
bound-parameter statement, so SQL in a title is just text.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from html import escape

import pytest
from http_server import respond, serve
from news_etl.pipeline import Batch, load_partnerships, publish_batch, run_once, validate_batch
from news_etl.warehouse import stable_id
from sqlalchemy import create_engine, text

DAY = date(2026, 11, 23)
AWKWARD = {
    "quotes": "O'Brien & \"Partners\" say `hi`",
    "semicolons": "first; second; third;",
    "sql": "'); DROP TABLE article; --",
    "nul": "before\x00after",
    "long": "Long title " + "x" * 10_000,
    "emoji": "Health 🏥 and AI 🤖 team up 👩🏽‍⚕️",
    "combining": "Cafe\u0301 Zu\u0308rich clinic",  # decomposed accents: kept from the feed, composed from the page
    "rtl": "מרכז רפואי شراكة صحية partner",
}
BODY = " ".join(["The regional health network signed an agreement with a software company to deploy "
                 "its scheduling platform across twelve clinics over the next two years."] * 4)


def rule(value: str, limit: int | None = None) -> str:
    """What the warehouse must hold for ``value``: the stated cleaning rule, spelled out independently."""
    cleaned = " ".join(value.replace("\x00", "").split())
    return cleaned[:limit] if limit else cleaned


def page_rule(value: str) -> str:
    """A title read from the page: the same rule, in composed form (NFC, as the extractor gives all
    page text, so copies of one story hash alike), and we keep 500 characters."""
    return unicodedata.normalize("NFC", rule(value, 500))


def test_awkward_titles_round_trip_through_the_pipeline(pipeline_env, monkeypatch, tmp_path):
    routes = {"/robots.txt": respond(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})}
    with serve(routes) as base:
        items = ""
        for name, title in AWKWARD.items():
            xml_title = escape(title.replace("\x00", ""), quote=False) + ("&#0;" if name == "nul" else "")
            items += (f"<item><title>{xml_title}</title><link>{base}/{name}</link>"
                      f"<pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate></item>")
            page = (f"<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title></head>"
                    f"<body><article><p>{BODY}</p></article></body></html>").encode()
            routes[f"/{name}"] = respond(200, page, {"Content-Type": "text/html; charset=utf-8"})
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
        routes["/feed.xml"] = respond(200, feed.encode("utf-8"), {"Content-Type": "application/rss+xml"})
        (tmp_path / "awkward.yaml").write_text(
            f"feeds:\n  - {{name: Awkward, publisher: Awkward Press, homepage: {base}/, url: {base}/feed.xml,"
            " country: GB}\n", encoding="utf-8")
        monkeypatch.setenv("NEWS_ETL_FEEDS", str(tmp_path / "awkward.yaml"))
        from news_etl.config import load_settings

        settings = load_settings()
        run_once(settings, Batch.for_day(DAY, "awkward"))
    engine = create_engine(settings.warehouse_url)
    with engine.connect() as conn:
        entries = dict(conn.execute(text("SELECT url, title FROM feed_entry")).all())
        articles = dict(conn.execute(text("SELECT url, title FROM article")).all())
        tables = set(conn.execute(text("SELECT count(*) FROM article")).scalars())
    engine.dispose()
    assert tables == {len(AWKWARD)}  # the DROP TABLE title dropped nothing
    for name, title in AWKWARD.items():
        assert entries[f"{base}/{name}"] == rule(title), name
        assert articles[f"{base}/{name}"] == page_rule(title), name


def test_awkward_organisation_names_round_trip_through_the_load(pipeline_env, tmp_path):
    batch = Batch.for_day(DAY, "orgs")
    assert run_once(pipeline_env, batch)["status"] == "published"
    engine = create_engine(pipeline_env.warehouse_url)
    with engine.begin() as conn:
        article_id = conn.execute(text("SELECT min(article_id) FROM article_classification")).scalar()
        findings = json.loads(conn.execute(text("SELECT findings FROM article_classification WHERE article_id = :a"),
                                           {"a": article_id}).scalar())
        findings["partnerships"] = [{
            "type": "vendor_contract", "confidence": 0.9, "evidence": AWKWARD["sql"],
            "participants": [{"key": f"awkward {name}", "name": value, "org_type": "vendor", "role": "vendor",
                              "country": None, "mentions": [value]} for name, value in AWKWARD.items()],
        }]
        conn.execute(text("UPDATE article_classification SET findings = :f WHERE article_id = :a"),
                     {"f": json.dumps(findings), "a": article_id})
    load_partnerships(pipeline_env, batch)
    validate_batch(pipeline_env, batch)
    publish_batch(pipeline_env, batch)
    with engine.connect() as conn:
        for name, value in AWKWARD.items():
            org_id = stable_id("org", f"awkward {name}")
            stored = conn.execute(text("SELECT name FROM organization WHERE org_id = :o"), {"o": org_id}).scalar()
            aliases = conn.execute(text("SELECT alias FROM organization_alias WHERE org_id = :o"),
                                   {"o": org_id}).scalars().all()
            mention = conn.execute(text("SELECT mention FROM partnership_participant WHERE org_id = :o"),
                                   {"o": org_id}).scalar()
            assert stored == rule(value, 300) and aliases == [stored] and mention == stored, name
        marts = conn.execute(text("SELECT m.organization_name FROM mart_partnership_participants m "
                                  "JOIN partnership p ON p.partnership_id = m.partnership_id WHERE p.article_id = :a"),
                             {"a": article_id}).scalars().all()
    engine.dispose()
    assert sorted(marts) == sorted(rule(v, 300) for v in AWKWARD.values())
    digest = (pipeline_env.data_dir / "reports" / "latest.html").read_text(encoding="utf-8")
    assert escape(rule(AWKWARD["quotes"]), quote=True) in digest and AWKWARD["emoji"] in digest


@pytest.mark.parametrize("value", list(AWKWARD.values()), ids=list(AWKWARD))
def test_the_rule_is_the_product_rule(value):
    from news_etl.markup import plain_text

    assert plain_text(value) == rule(value)
