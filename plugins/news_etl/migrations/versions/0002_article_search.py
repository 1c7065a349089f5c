"""Full-text search over articles on PostgreSQL.

Revision ID: 0002
Revises: 0001

Adds ``article.search_vector``, a stored ``tsvector`` generated from the title (weight A)
and the body (weight B), with a GIN index, so analysts can search the news from their BI
tool (``WHERE search_vector @@ websearch_to_tsquery('english', 'epic AND nhs')``).
SQLite has no tsvector; there the revision changes nothing.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(body_text, '')), 'B')) STORED"
    )
    op.execute(
        "COMMENT ON COLUMN article.search_vector IS 'full-text index of title (A) and body (B); PostgreSQL only'"
    )
    op.execute("CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_article_search_vector")
    op.execute("ALTER TABLE article DROP COLUMN IF EXISTS search_vector")
