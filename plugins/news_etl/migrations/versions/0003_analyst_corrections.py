"""analyst corrections

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analyst_correction",
        sa.Column("correction_id", sa.String(length=64), nullable=False, comment="any unique id the analyst chooses"),
        sa.Column(
            "action",
            sa.String(length=30),
            nullable=False,
            comment="reject_partnership, set_type, add_participant, remove_participant, merge_organization",
        ),
        sa.Column(
            "article_id",
            sa.String(length=32),
            nullable=True,
            comment="the story whose partnership is corrected (keys survive reclassification)",
        ),
        sa.Column(
            "org_id",
            sa.String(length=32),
            nullable=True,
            comment="participant added/removed, or the organisation merged away",
        ),
        sa.Column("partnership_type", sa.String(length=30), nullable=True, comment="the type to use (set_type)"),
        sa.Column(
            "into_org_id", sa.String(length=32), nullable=True, comment="the organisation kept (merge_organization)"
        ),
        sa.Column("note", sa.Text(), nullable=True, comment="why"),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "action IN ('reject_partnership', 'set_type', 'add_participant', 'remove_participant', 'merge_organization')",
            name="ck_correction_action",
        ),
        sa.CheckConstraint(
            "partnership_type IS NULL OR partnership_type IN ('vendor_contract', 'strategic_alliance', 'technology_collaboration', 'data_network', 'research_collaboration')",
            name="ck_correction_type",
        ),
        sa.PrimaryKeyConstraint("correction_id"),
        comment="Analysts' corrections, applied by the marts; never touched by the pipeline, so they survive reruns, backfills and reclassification.",
    )


def downgrade() -> None:
    op.drop_table("analyst_correction")
