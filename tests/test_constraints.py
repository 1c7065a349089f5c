"""The warehouse's own constraints reject bad rows with an error that names what was wrong,
on SQLite and PostgreSQL alike, whatever code (or analyst) writes them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from news_etl import warehouse as wh
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

NOW = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.fixture
def stocked(warehouse_url):
    """A migrated warehouse holding one article, one organisation and one partnership."""
    engine = wh.make_engine(warehouse_url)
    wh.ensure_schema(engine)
    with engine.begin() as conn:
        conn.execute(insert(wh.source), {"source_id": "s", "name": "Src"})
        conn.execute(insert(wh.feed), {"feed_id": "f", "source_id": "s", "url": "https://x.test/feed", "name": "F"})
        conn.execute(insert(wh.raw_page), {"page_id": "p", "url": "https://x.test/a", "final_url": "https://x.test/a",
                                           "http_status": 200, "body_gz": b"", "batch_id": "2026-11-23"})
        conn.execute(insert(wh.article), _article("a", "https://x.test/a"))
        conn.execute(insert(wh.organization), {"org_id": "o", "name": "Org", "org_type": "provider"})
        conn.execute(insert(wh.partnership), _partnership("pp"))
    yield engine
    engine.dispose()


def _article(article_id: str, url: str, **overrides):
    row = {"article_id": article_id, "url": url, "canonical_url": url, "source_id": "s", "feed_id": "f",
           "page_id": "p", "title": "T", "body_text": "b", "word_count": 1, "content_hash": "h",
           "first_seen_at": NOW, "batch_id": "2026-11-23"}
    return {**row, **overrides}


def _partnership(partnership_id: str, **overrides):
    row = {"partnership_id": partnership_id, "article_id": "a", "partnership_type": "vendor_contract",
           "confidence": 0.9, "evidence": "e", "classifier_version": "v", "batch_id": "2026-11-23"}
    return {**row, **overrides}


BAD_ROWS = {
    "unknown partnership type": (wh.partnership, _partnership("p2", partnership_type="merger"), "ck_partnership_type"),
    "confidence above 1": (wh.partnership, _partnership("p3", confidence=2.0), "ck_partnership_confidence"),
    "unknown role": (wh.partnership_participant, {"partnership_id": "pp", "org_id": "o", "role": "friend"},
                     "ck_participant_role"),
    "participant of no stored organisation": (
        wh.partnership_participant, {"partnership_id": "pp", "org_id": "missing", "role": "vendor"}, "foreign key"),
    "partnership of no stored article": (wh.partnership, _partnership("p4", article_id="missing"), "foreign key"),
    "second article with the same canonical URL": (
        wh.article, _article("b", "https://x.test/a"), "canonical_url"),
    "article without a title": (wh.article, _article("c", "https://x.test/c", title=None), "title"),
    "unknown organisation type": (wh.organization, {"org_id": "o2", "name": "X", "org_type": "club"},
                                  "ck_organization_type"),
}


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_bad_row_is_rejected_with_a_named_reason_and_nothing_else_changes(stocked, case):
    table, row, reason = BAD_ROWS[case]
    with pytest.raises(IntegrityError) as caught, stocked.begin() as conn:
        conn.execute(insert(table), row)
    message = str(caught.value.orig).lower()
    assert reason.lower() in message or (reason == "foreign key" and "foreign" in message), message
    with stocked.connect() as conn:  # the failed transaction left the stored rows as they were
        assert conn.execute(wh.partnership.select()).all()[0].partnership_id == "pp"
        assert len(conn.execute(wh.article.select()).all()) == 1
