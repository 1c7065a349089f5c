"""initial schema

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organization",
        sa.Column("org_id", sa.String(length=32), nullable=False, comment="hash of the resolved organisation key"),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("org_type", sa.String(length=20), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.CheckConstraint(
            "org_type IN ('provider', 'vendor', 'academic', 'payer', 'government', 'network', 'other')",
            name="ck_organization_type",
        ),
        sa.PrimaryKeyConstraint("org_id"),
        comment="One row per real-world organisation.",
    )
    op.create_table(
        "pipeline_run",
        sa.Column("batch_id", sa.String(length=10), nullable=False, comment="the run's logical day, YYYY-MM-DD"),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False, comment="start of the logical day (UTC)"),
        sa.Column(
            "run_id", sa.String(length=250), nullable=True, comment="Airflow run id (or cli__...) of the latest attempt"
        ),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message", sa.Text(), nullable=True, comment="why the batch failed, when it did"),
        sa.CheckConstraint("status IN ('running', 'validated', 'published', 'failed')", name="ck_pipeline_run_status"),
        sa.PrimaryKeyConstraint("batch_id"),
        comment="One row per daily batch: write, audit, publish state.",
    )
    op.create_table(
        "raw_page",
        sa.Column("page_id", sa.String(length=32), nullable=False, comment="hash of the requested URL"),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("final_url", sa.String(length=2000), nullable=False, comment="URL after redirects"),
        sa.Column("http_status", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=200), nullable=True),
        sa.Column("body_gz", sa.LargeBinary(), nullable=False, comment="gzip of the page bytes as served"),
        sa.Column("encoding", sa.String(length=40), nullable=True, comment="charset the server declared, if any"),
        sa.Column("batch_id", sa.String(length=10), nullable=False, comment="batch that fetched it"),
        sa.Column(
            "extract_status",
            sa.String(length=20),
            nullable=True,
            comment="NULL until extracted; ok or a failure status",
        ),
        sa.Column("extract_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("page_id"),
        sa.UniqueConstraint("url"),
        comment="Landing store: one row per fetched article page, compressed, for replay.",
    )
    op.create_table(
        "source",
        sa.Column("source_id", sa.String(length=32), nullable=False, comment="hash of the publisher name"),
        sa.Column("name", sa.String(length=200), nullable=False, comment="publisher, e.g. Healthcare IT News"),
        sa.Column("homepage", sa.String(length=2000), nullable=True, comment="publisher's home page URL"),
        sa.Column("country_code", sa.String(length=2), nullable=True, comment="ISO 3166-1 alpha-2 of the publisher"),
        sa.PrimaryKeyConstraint("source_id"),
        sa.UniqueConstraint("name"),
        comment="One row per news publisher.",
    )
    op.create_table(
        "dq_validation_result",
        sa.Column("batch_id", sa.String(length=10), nullable=False),
        sa.Column("suite", sa.String(length=100), nullable=False),
        sa.Column("expectation", sa.String(length=300), nullable=False, comment="type and column(s)"),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("observed_value", sa.Text(), nullable=True),
        sa.Column("unexpected_count", sa.BigInteger(), nullable=True),
        sa.Column("validated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["pipeline_run.batch_id"],
        ),
        sa.PrimaryKeyConstraint("batch_id", "suite", "expectation"),
        comment="One row per batch, suite and expectation: the latest validation result.",
    )
    op.create_table(
        "feed",
        sa.Column("feed_id", sa.String(length=32), nullable=False, comment="hash of the feed URL"),
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False, comment="RSS/Atom URL"),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("etag", sa.String(length=500), nullable=True, comment="validator from the last 200 answer"),
        sa.Column("last_modified", sa.String(length=100), nullable=True, comment="validator from the last 200 answer"),
        sa.Column(
            "user_agent",
            sa.String(length=500),
            nullable=True,
            comment="per-source User-Agent override from the catalogue",
        ),
        sa.Column(
            "extra_headers", sa.Text(), nullable=True, comment="JSON object of extra request headers from the catalogue"
        ),
        sa.Column(
            "min_poll_interval_h",
            sa.Float(),
            server_default="0",
            nullable=False,
            comment="never poll more often than this (catalogue setting)",
        ),
        sa.Column("consecutive_failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "unchanged_polls",
            sa.Integer(),
            server_default="0",
            nullable=False,
            comment="polls in a row without new entries (drives adaptive polling)",
        ),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "next_poll_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="not polled before this (backoff / adaptive)",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.source_id"],
        ),
        sa.PrimaryKeyConstraint("feed_id"),
        sa.UniqueConstraint("url"),
        comment="One row per feed in the catalogue.",
    )
    op.create_table(
        "organization_alias",
        sa.Column("alias", sa.String(length=300), nullable=False, comment="a name the news used for the organisation"),
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.org_id"],
        ),
        sa.PrimaryKeyConstraint("alias", "org_id"),
        comment="One row per (surface name, organisation).",
    )
    op.create_table(
        "page_fetch",
        sa.Column("batch_id", sa.String(length=10), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("bytes", sa.BigInteger(), nullable=True),
        sa.Column("elapsed_ms", sa.Integer(), nullable=True),
        sa.Column("error_class", sa.String(length=100), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["pipeline_run.batch_id"],
        ),
        sa.PrimaryKeyConstraint("batch_id", "url"),
        comment="One row per batch and page URL: the outcome of the latest fetch.",
    )
    op.create_table(
        "stage_run",
        sa.Column("batch_id", sa.String(length=10), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("counts", sa.Text(), nullable=True, comment="JSON object of the stage's counts"),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["pipeline_run.batch_id"],
        ),
        sa.PrimaryKeyConstraint("batch_id", "stage"),
        comment="One row per batch and stage: the latest completion and its counts.",
    )
    op.create_table(
        "article",
        sa.Column("article_id", sa.String(length=32), nullable=False, comment="hash of canonical_url"),
        sa.Column("url", sa.String(length=2000), nullable=False, comment="link as the feed gave it (normalised)"),
        sa.Column("canonical_url", sa.String(length=2000), nullable=False),
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("feed_id", sa.String(length=32), nullable=False),
        sa.Column("page_id", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=500), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False, comment="sha256 of the normalised body"),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False, comment="as_of of the first batch"),
        sa.Column("batch_id", sa.String(length=10), nullable=False, comment="batch that first stored it"),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["feed.feed_id"],
        ),
        sa.ForeignKeyConstraint(
            ["page_id"],
            ["raw_page.page_id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.source_id"],
        ),
        sa.PrimaryKeyConstraint("article_id"),
        sa.UniqueConstraint("canonical_url"),
        comment="One row per news article (by canonical URL).",
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index("ix_article_batch", ["batch_id"], unique=False)
        batch_op.create_index("ix_article_content_hash", ["content_hash"], unique=False)
        batch_op.create_index("ix_article_published_at", ["published_at"], unique=False)

    op.create_table(
        "feed_entry",
        sa.Column("entry_id", sa.String(length=32), nullable=False, comment="hash of feed_id and GUID"),
        sa.Column("feed_id", sa.String(length=32), nullable=False),
        sa.Column("guid", sa.String(length=2000), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False, comment="normalised article link"),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=500), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_batch_id", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["feed.feed_id"],
        ),
        sa.PrimaryKeyConstraint("entry_id"),
        sa.UniqueConstraint("feed_id", "guid", name="uq_feed_entry_guid"),
        comment="One row per item a feed listed.",
    )
    with op.batch_alter_table("feed_entry", schema=None) as batch_op:
        batch_op.create_index("ix_feed_entry_url", ["url"], unique=False)

    op.create_table(
        "feed_poll",
        sa.Column("batch_id", sa.String(length=10), nullable=False),
        sa.Column("feed_id", sa.String(length=32), nullable=False),
        sa.Column("polled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False, comment="fetched, not_modified, skipped or failed"),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("bytes", sa.BigInteger(), nullable=True),
        sa.Column("elapsed_ms", sa.Integer(), nullable=True),
        sa.Column("entries_seen", sa.Integer(), server_default="0", nullable=False),
        sa.Column("entries_new", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "bozo", sa.Text(), nullable=True, comment="feedparser's reason when the feed was malformed but readable"
        ),
        sa.Column("error_class", sa.String(length=100), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.CheckConstraint("outcome IN ('fetched', 'not_modified', 'skipped', 'failed')", name="ck_feed_poll_outcome"),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["pipeline_run.batch_id"],
        ),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["feed.feed_id"],
        ),
        sa.PrimaryKeyConstraint("batch_id", "feed_id"),
        comment="One row per batch and feed: the outcome of the day's latest poll.",
    )
    op.create_table(
        "article_classification",
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("classifier_version", sa.String(length=20), nullable=False),
        sa.Column("is_partnership", sa.Boolean(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False, comment="JSON: partnerships with participants"),
        sa.Column("batch_id", sa.String(length=10), nullable=False, comment="batch that classified it"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.article_id"],
        ),
        sa.PrimaryKeyConstraint("article_id"),
        comment="Staging: the classifier's verdict per article, loaded into partnership tables.",
    )
    op.create_table(
        "partnership",
        sa.Column("partnership_id", sa.String(length=32), nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("partnership_type", sa.String(length=30), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False, comment="the sentence(s) the decision rests on"),
        sa.Column("classifier_version", sa.String(length=20), nullable=False),
        sa.Column("batch_id", sa.String(length=10), nullable=False, comment="batch that loaded it"),
        sa.CheckConstraint(
            "partnership_type IN ('vendor_contract', 'strategic_alliance', 'technology_collaboration', 'data_network', 'research_collaboration')",
            name="ck_partnership_type",
        ),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_partnership_confidence"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.article_id"],
        ),
        sa.PrimaryKeyConstraint("partnership_id"),
        comment="One row per partnership a story announces.",
    )
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.create_index("ix_partnership_article", ["article_id"], unique=False)

    op.create_table(
        "partnership_participant",
        sa.Column("partnership_id", sa.String(length=32), nullable=False),
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("mention", sa.String(length=300), nullable=True, comment="how the article named the party"),
        sa.CheckConstraint(
            "role IN ('provider', 'vendor', 'academic', 'payer', 'government', 'network', 'other')",
            name="ck_participant_role",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organization.org_id"],
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnership.partnership_id"],
        ),
        sa.PrimaryKeyConstraint("partnership_id", "org_id"),
        comment="One row per party to a partnership.",
    )


def downgrade() -> None:
    op.drop_table("partnership_participant")
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_index("ix_partnership_article")

    op.drop_table("partnership")
    op.drop_table("article_classification")
    op.drop_table("feed_poll")
    with op.batch_alter_table("feed_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_feed_entry_url")

    op.drop_table("feed_entry")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_published_at")
        batch_op.drop_index("ix_article_content_hash")
        batch_op.drop_index("ix_article_batch")

    op.drop_table("article")
    op.drop_table("stage_run")
    op.drop_table("page_fetch")
    op.drop_table("organization_alias")
    op.drop_table("feed")
    op.drop_table("dq_validation_result")
    op.drop_table("source")
    op.drop_table("raw_page")
    op.drop_table("pipeline_run")
    op.drop_table("organization")
