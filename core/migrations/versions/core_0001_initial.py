"""core: regions, agencies, event outbox

Revision ID: core_0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "core_0001"
down_revision: str | None = None
branch_labels: Sequence[str] | None = ("core",)
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "core_region",
        sa.Column("code", sa.String(13), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False, index=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("parent_code", sa.String(13), sa.ForeignKey("core_region.code"), nullable=True, index=True),
    )
    op.create_index("ix_core_region_name", "core_region", ["name"])
    op.create_table(
        "core_agency",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("region_code", sa.String(13), sa.ForeignKey("core_region.code"), nullable=False, index=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("core_agency.id"), nullable=True, index=True),
    )
    op.create_table(
        "core_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, index=True),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim_token", sa.String(32), nullable=True, index=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True, index=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.String(500), nullable=True),
    )
    op.create_table(
        "core_event_delivery",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("core_outbox.id"), nullable=False, index=True),
        sa.Column("handler", sa.String(160), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("event_id", "handler"),
    )


def downgrade() -> None:
    op.drop_table("core_event_delivery")
    op.drop_table("core_outbox")
    op.drop_table("core_agency")
    op.drop_table("core_region")
