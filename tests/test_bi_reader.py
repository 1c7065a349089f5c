"""The PostgreSQL role for BI tools reads the marts and nothing else."""

from __future__ import annotations

from datetime import date

import pytest
from news_etl import warehouse as wh
from news_etl.pipeline import Batch, run_once
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError


@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_bi_reader_reads_marts_only(pipeline_env):
    settings = pipeline_env
    run_once(settings, Batch.for_day(date(2026, 11, 23), "bi"))
    engine = wh.make_engine(settings.warehouse_url)
    assert "mart_partnerships" in wh.grant_bi_reader(engine, "bi-test-password")
    wh.ensure_schema(engine)  # marts are recreated on every run: the grants must survive
    engine.dispose()

    url = make_url(settings.warehouse_url).set(username="bi_reader", password="bi-test-password")
    reader = create_engine(url)
    try:
        with reader.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM mart_partnerships")).scalar() == 5
            assert conn.execute(text("SELECT count(*) FROM mart_feed_health")).scalar() == 1
        for statement in ("SELECT count(*) FROM article", "SELECT count(*) FROM feed_poll",
                          "DELETE FROM partnership", "INSERT INTO source (source_id, name) VALUES ('x', 'x')"):
            with reader.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
                conn.execute(text(statement))
    finally:
        reader.dispose()
