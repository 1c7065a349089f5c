"""Schema migrations: from empty to head on both dialects, matching the declared schema, idempotent."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from news_etl import warehouse as wh
from news_etl.schema_migrations import (
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
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            diff = compare_metadata(context, wh.metadata)
        assert diff == [], diff
        views = set(inspect(engine).get_view_names())
        assert {"mart_partnerships", "mart_partnership_participants", "mart_feed_health"} <= views
    finally:
        engine.dispose()
