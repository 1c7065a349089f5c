"""Versioned schema migrations (Alembic), the same on SQLite and PostgreSQL.

``upgrade`` brings a warehouse of any earlier version to the current one in place,
keeping its rows; ``current_version``/``head_version`` let the DAG refuse to load into
a warehouse whose schema it does not know. The version lives in the table
``warehouse_schema_version``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "warehouse_schema_version"
# Columns that exist on PostgreSQL only and are managed by migrations, not declared in
# ``warehouse.metadata``: (table, column) -> (type, meaning), for the data dictionary.
POSTGRES_ONLY_COLUMNS = {
    ("article", "search_vector"): (
        "TSVECTOR (generated, stored)",
        "full-text index of title (weight A) and body (weight B), GIN index `ix_article_search_vector`; "
        "PostgreSQL only. Search with `search_vector @@ websearch_to_tsquery('english', '...')`",
    ),
}
# Every such object by name (schema comparisons ignore them).
POSTGRES_ONLY = {column for _, column in POSTGRES_ONLY_COLUMNS} | {"ix_article_search_vector"}


class SchemaVersionError(RuntimeError):
    """The warehouse's schema version is not the one this code was written for."""


def upgrade(conn: Connection, revision: str = "head") -> None:
    """Migrate the warehouse to ``revision`` (default: the newest) inside the caller's transaction."""
    command.upgrade(_config(conn), revision)


def current_version(conn: Connection) -> str | None:
    """The warehouse's schema version (None for an empty warehouse)."""
    return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def head_version() -> str:
    """The schema version this code expects."""
    head = ScriptDirectory.from_config(_config(None)).get_current_head()
    assert head is not None, "no migrations found"
    return head


def check_version(conn: Connection) -> None:
    """Raise ``SchemaVersionError`` unless the warehouse is at the expected version."""
    current, head = current_version(conn), head_version()
    if current != head:
        raise SchemaVersionError(
            f"warehouse schema is at {current or 'nothing'}, this code needs {head}: run `make migrate`"
        )


def _config(conn: Connection | None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config
