"""story clusters, people and quotes

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_story",
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column(
            "story_id",
            sa.String(length=32),
            nullable=False,
            comment="article_id of the story's first article: copies, syndications and rewrites share it",
        ),
        sa.Column(
            "similarity",
            sa.Float(),
            nullable=False,
            comment="estimated overlap with the article it matched (1 = founder)",
        ),
        sa.Column(
            "fingerprint",
            sa.Text(),
            nullable=False,
            comment="MinHash signature of word 5-shingles and their count (hex)",
        ),
        sa.Column("fingerprint_version", sa.String(length=20), nullable=False),
        sa.Column("batch_id", sa.String(length=10), nullable=False, comment="batch that assigned it"),
        sa.ForeignKeyConstraint(["article_id"], ["article.article_id"]),
        sa.PrimaryKeyConstraint("article_id"),
        comment="One row per article: the story (one announcement, however many outlets carry it) it belongs to.",
    )
    op.create_index("ix_article_story_story", "article_story", ["story_id"])
    op.create_table(
        "person",
        sa.Column(
            "person_id",
            sa.String(length=32),
            nullable=False,
            comment="hash of the normalised name and the organisation key",
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "org_id", sa.String(length=32), nullable=True, comment="the organisation the news gives them"
        ),
        sa.Column(
            "title",
            sa.String(length=300),
            nullable=True,
            comment="their title in the latest article that quoted them",
        ),
        sa.ForeignKeyConstraint(["org_id"], ["organization.org_id"]),
        sa.PrimaryKeyConstraint("person_id"),
        comment="One row per person quoted in the news (a name at an organisation).",
    )
    op.create_table(
        "quote",
        sa.Column("quote_id", sa.String(length=32), nullable=False, comment="hash of article, person and words"),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column(
            "title", sa.String(length=300), nullable=True, comment="the speaker's title as this article gave it"
        ),
        sa.Column("quote_text", sa.Text(), nullable=False, comment="the words quoted"),
        sa.Column("batch_id", sa.String(length=10), nullable=False, comment="batch that loaded it"),
        sa.ForeignKeyConstraint(["article_id"], ["article.article_id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.person_id"]),
        sa.PrimaryKeyConstraint("quote_id"),
        comment="One row per quoted statement in an article.",
    )
    op.create_index("ix_quote_article", "quote", ["article_id"])
    op.create_index("ix_quote_person", "quote", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_quote_person", table_name="quote")
    op.drop_index("ix_quote_article", table_name="quote")
    op.drop_table("quote")
    op.drop_table("person")
    op.drop_index("ix_article_story_story", table_name="article_story")
    op.drop_table("article_story")
