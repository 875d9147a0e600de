"""inovasi: innovations and awards

Revision ID: inovasi_0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "inovasi_0001"
down_revision: str | None = None
branch_labels: Sequence[str] | None = ("inovasi",)
# inovasi_innovation refers to core_agency and core_region.
depends_on: str | None = "core_0003"


def upgrade() -> None:
    op.create_table(
        "inovasi_innovation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("acronym_meaning", sa.String(length=300), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("year_started", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=80), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("plugin", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("year_started IS NULL OR year_started >= 1945", name="ck_inovasi_year_started"),
        sa.ForeignKeyConstraint(["agency_id"], ["core_agency.id"]),
        sa.ForeignKeyConstraint(["region_code"], ["core_region.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_inovasi_innovation_agency_id", "inovasi_innovation", ["agency_id"])
    op.create_index("ix_inovasi_innovation_category", "inovasi_innovation", ["category"])
    op.create_index("ix_inovasi_innovation_plugin", "inovasi_innovation", ["plugin"])
    op.create_index("ix_inovasi_innovation_region_code", "inovasi_innovation", ["region_code"])

    op.create_table(
        "inovasi_award",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("innovation_id", sa.Integer(), nullable=False),
        sa.Column("competition", sa.String(length=200), nullable=False),
        sa.Column("competition_key", sa.String(length=200), nullable=False),
        sa.Column("rank", sa.String(length=16), nullable=False),
        sa.Column("rank_number", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=200), nullable=True),
        sa.Column("awarded_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("rank_number >= 1", name="ck_inovasi_award_rank_number"),
        sa.ForeignKeyConstraint(["innovation_id"], ["inovasi_innovation.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("innovation_id", "competition_key", "rank", "year", name="uq_inovasi_award"),
    )
    op.create_index("ix_inovasi_award_competition_key", "inovasi_award", ["competition_key"])
    op.create_index("ix_inovasi_award_innovation_id", "inovasi_award", ["innovation_id"])
    op.create_index("ix_inovasi_award_rank", "inovasi_award", ["rank"])
    op.create_index("ix_inovasi_award_year", "inovasi_award", ["year"])


def downgrade() -> None:
    op.drop_table("inovasi_award")
    op.drop_table("inovasi_innovation")
