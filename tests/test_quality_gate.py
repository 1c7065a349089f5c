"""The Great Expectations gate: a corrupted batch is not published, its failures are stored,
and the next clean batch publishes again; on both dialects."""

from __future__ import annotations

from datetime import date

import pytest
from news_etl import warehouse as wh
from news_etl.pipeline import Batch, QualityGateError, publish_batch, run_once, start_batch, validate_batch
from sqlalchemy import text


def test_corrupted_batch_fails_the_gate_and_is_never_served(pipeline_env):
    settings = pipeline_env
    assert run_once(settings, Batch.for_day(date(2026, 11, 23), "d1"))["status"] == "published"
    bad = Batch.for_day(date(2026, 11, 24), "d2")
    start_batch(settings, bad)
    engine = wh.make_engine(settings.warehouse_url)
    with engine.begin() as conn:
        _corrupt(conn, bad.batch_id)
    with pytest.raises(QualityGateError) as failure:
        validate_batch(settings, bad)
    message = str(failure.value)
    for expected in ("same URL", "future", "at least two participants", "confidence"):
        assert expected in message, message
    with pytest.raises(QualityGateError, match="not validated"):
        publish_batch(settings, bad)

    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM pipeline_run WHERE batch_id = '2026-11-24'")).scalar() == "failed"
        failed = conn.execute(text(
            "SELECT count(*) FROM dq_validation_result WHERE batch_id = '2026-11-24' AND NOT success "
            "AND severity = 'critical'")).scalar()
        served = conn.execute(text("SELECT count(*) FROM mart_partnerships WHERE batch_id = '2026-11-24'")).scalar()
        kept = conn.execute(text("SELECT count(*) FROM partnership WHERE batch_id = '2026-11-24'")).scalar()
    assert failed >= 4 and served == 0 and kept == 1  # failing rows stay for diagnosis, unserved

    assert run_once(settings, Batch.for_day(date(2026, 11, 25), "d3"))["status"] == "published"
    with engine.connect() as conn:
        statuses = dict(conn.execute(text("SELECT batch_id, status FROM pipeline_run")).tuples().all())
        served = conn.execute(text("SELECT count(*) FROM mart_partnerships")).scalar()
    engine.dispose()
    assert statuses == {"2026-11-23": "published", "2026-11-24": "failed", "2026-11-25": "published"}
    assert served == 5


def _corrupt(conn, batch_id: str) -> None:
    """A duplicate URL, a future date, a one-party partnership and a confidence of 2."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
    else:  # a warehouse whose database lacks the CHECK: the gate must still catch it
        conn.execute(text("ALTER TABLE partnership DROP CONSTRAINT ck_partnership_confidence"))
    source = conn.execute(text("SELECT * FROM article LIMIT 1")).mappings().one()
    conn.execute(text(
        "INSERT INTO article (article_id, url, canonical_url, source_id, feed_id, page_id, title, body_text, "
        "word_count, content_hash, first_seen_at, batch_id, published_at) VALUES ('bad1', :url, :canon, :src, "
        ":feed, :page, 'Copied', :body, 300, 'x', '2026-11-24 00:00:00', :b, '2031-01-01 00:00:00')"
    ), {"url": source["url"], "canon": source["canonical_url"] + "?copy=1", "src": source["source_id"],
        "feed": source["feed_id"], "page": source["page_id"], "body": source["body_text"], "b": batch_id})
    org = conn.execute(text("SELECT org_id FROM organization LIMIT 1")).scalar()
    conn.execute(text(
        "INSERT INTO partnership (partnership_id, article_id, partnership_type, confidence, evidence, "
        "classifier_version, batch_id) VALUES ('p-bad', 'bad1', 'vendor_contract', 2, 'x', 'test', :b)"
    ), {"b": batch_id})
    conn.execute(text("INSERT INTO partnership_participant (partnership_id, org_id, role) "
                      "VALUES ('p-bad', :o, 'vendor')"), {"o": org})
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")
