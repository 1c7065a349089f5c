"""Schema migrations: from empty to head on both dialects, matching the declared schema, idempotent."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from news_etl import warehouse as wh
from news_etl.schema_migrations import (
    POSTGRES_ONLY,
    VERSION_TABLE,
    SchemaVersionError,
    check_version,
    current_version,
    head_version,
)
from sqlalchemy import inspect


def test_migrations_build_exactly_the_declared_schema_and_rerun_cleanly(warehouse_url):
    engine = wh.make_engine(warehouse_url)
    try:
        with engine.connect() as conn:
            assert current_version(conn) is None
            with pytest.raises(SchemaVersionError, match="make migrate"):
                check_version(conn)
        wh.ensure_schema(engine)
        wh.ensure_schema(engine)  # a second run changes nothing and does not fail
        with engine.connect() as conn:
            assert current_version(conn) == head_version()
            check_version(conn)
            context = MigrationContext.configure(conn, opts={
                "version_table": VERSION_TABLE,
                "include_name": lambda name, kind, parent: name not in POSTGRES_ONLY,
            })
            diff = compare_metadata(context, wh.metadata)
        assert diff == [], diff
        views = set(inspect(engine).get_view_names())
        assert {"mart_partnerships", "mart_partnership_participants", "mart_feed_health"} <= views
    finally:
        engine.dispose()


def test_upgrade_from_the_previous_version_keeps_rows_and_adds_search(warehouse_url):
    from news_etl.schema_migrations import upgrade
    from sqlalchemy import text

    engine = wh.make_engine(warehouse_url)
    try:
        with engine.begin() as conn:
            upgrade(conn, "0001")
            conn.execute(text("INSERT INTO source (source_id, name) VALUES ('s', 'Src')"))
            conn.execute(text("INSERT INTO feed (feed_id, source_id, url, name) VALUES ('f', 's', 'https://x/f', 'F')"))
            conn.execute(text(
                "INSERT INTO raw_page (page_id, url, final_url, http_status, body_gz, batch_id) "
                "VALUES ('p', 'https://x/a', 'https://x/a', 200, :b, '2026-11-23')"), {"b": b"\x1f\x8b"})
            conn.execute(text(
                "INSERT INTO article (article_id, url, canonical_url, source_id, feed_id, page_id, title, "
                "body_text, word_count, content_hash, first_seen_at, batch_id) VALUES ('a', 'https://x/a', "
                "'https://x/a', 's', 'f', 'p', 'Trust signs Cerner deal', 'The trust will deploy Oracle Health', "
                "6, 'h', '2026-11-23 00:00:00', '2026-11-23')"))
        wh.ensure_schema(engine)
        with engine.connect() as conn:
            assert current_version(conn) == head_version()
            assert conn.execute(text("SELECT title FROM article")).scalar() == "Trust signs Cerner deal"
            if conn.dialect.name == "postgresql":
                hits = conn.execute(text("SELECT article_id FROM article WHERE search_vector @@ "
                                         "websearch_to_tsquery('english', 'cerner deploy')")).scalars().all()
                assert hits == ["a"]
    finally:
        engine.dispose()
