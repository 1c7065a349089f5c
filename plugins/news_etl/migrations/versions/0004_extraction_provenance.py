"""extraction provenance: where title, author and date came from; untrusted dates flagged

Revision ID: 0004
Revises: 0003

Adds nullable columns only (``ALTER TABLE ... ADD COLUMN`` on both dialects, no table
copy): rows stored before this revision keep NULL provenance until re-extracted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SOURCE = "where the value came from: feed, page_metadata or page_text"
COLUMNS = [
    ("title_source", sa.String(length=20), SOURCE),
    ("author_source", sa.String(length=20), SOURCE),
    ("published_at_source", sa.String(length=20), SOURCE),
    ("page_published_at", sa.DateTime(timezone=True), "the date the page itself claims, trusted or not"),
    ("published_at_flag", sa.String(length=20),
     "why a date was not trusted: future (after the batch day) or before_feed "
     "(page date long before the feed entry); NULL when every date agreed"),
]


def upgrade() -> None:
    for name, type_, comment in COLUMNS:
        op.add_column("article", sa.Column(name, type_, nullable=True, comment=comment))


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        for name, _, _ in reversed(COLUMNS):
            batch.drop_column(name)
