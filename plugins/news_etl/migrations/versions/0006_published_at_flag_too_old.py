"""published_at_flag may also say too_old

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD = ("why a date was not trusted: future (after the batch day) or before_feed "
       "(page date long before the feed entry); NULL when every date agreed")
NEW = ("why a date was not trusted: future (after the batch day), before_feed (page date "
       "long before the feed entry) or too_old (before 1995); NULL when every date agreed")


def upgrade() -> None:
    _comment(NEW, OLD)


def downgrade() -> None:
    _comment(OLD, NEW)


def _comment(comment: str, existing: str) -> None:
    # SQLite keeps no column comments: nothing to change there.
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("article", "published_at_flag", existing_type=sa.String(length=20),
                        comment=comment, existing_comment=existing, existing_nullable=True)
