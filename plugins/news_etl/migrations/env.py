"""Alembic environment for the warehouse: runs on the connection ``news_etl.schema_migrations`` hands in."""

from __future__ import annotations

from alembic import context
from news_etl.warehouse import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table="warehouse_schema_version",
    render_as_batch=True,  # SQLite alters tables by copying them; Alembic's batch mode does that
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
