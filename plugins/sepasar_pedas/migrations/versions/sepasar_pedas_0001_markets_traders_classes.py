"""sepasar_pedas: markets, traders, classes, enrolments and certificates

Revision ID: sepasar_pedas_0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "sepasar_pedas_0001"
down_revision: str | None = None
branch_labels: Sequence[str] | None = ("sepasar_pedas",)
# The tables refer to core_region, core_agency and core_account.
depends_on: str | None = "core_0003"


def upgrade() -> None:
    op.create_table(
        "sepasar_pedas_market",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["core_agency.id"]),
        sa.ForeignKeyConstraint(["region_code"], ["core_region.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index("ix_sepasar_pedas_market_agency_id", "sepasar_pedas_market", ["agency_id"])
    op.create_index("ix_sepasar_pedas_market_region_code", "sepasar_pedas_market", ["region_code"])

    op.create_table(
        "sepasar_pedas_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("market_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("enrolled_count", sa.Integer(), nullable=False),
        sa.Column("instructor", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("capacity >= 1", name="ck_sepasar_pedas_class_capacity"),
        sa.CheckConstraint("enrolled_count >= 0 AND enrolled_count <= capacity", name="ck_sepasar_pedas_class_seats"),
        sa.ForeignKeyConstraint(["agency_id"], ["core_agency.id"]),
        sa.ForeignKeyConstraint(["market_id"], ["sepasar_pedas_market.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sepasar_pedas_class_agency_id", "sepasar_pedas_class", ["agency_id"])
    op.create_index("ix_sepasar_pedas_class_market_id", "sepasar_pedas_class", ["market_id"])
    op.create_index("ix_sepasar_pedas_class_starts_at", "sepasar_pedas_class", ["starts_at"])
    op.create_index("ix_sepasar_pedas_class_topic", "sepasar_pedas_class", ["topic"])

    op.create_table(
        "sepasar_pedas_trader",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("market_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("stall_number", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("commodity", sa.String(length=24), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["core_account.id"]),
        sa.ForeignKeyConstraint(["agency_id"], ["core_agency.id"]),
        sa.ForeignKeyConstraint(["market_id"], ["sepasar_pedas_market.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("market_id", "nik", name="uq_sepasar_pedas_trader_nik"),
        sa.UniqueConstraint("market_id", "stall_number", name="uq_sepasar_pedas_trader_stall"),
    )
    op.create_index("ix_sepasar_pedas_trader_account_id", "sepasar_pedas_trader", ["account_id"])
    op.create_index("ix_sepasar_pedas_trader_agency_id", "sepasar_pedas_trader", ["agency_id"])
    op.create_index("ix_sepasar_pedas_trader_market_id", "sepasar_pedas_trader", ["market_id"])
    op.create_index("ix_sepasar_pedas_trader_nik", "sepasar_pedas_trader", ["nik"])

    op.create_table(
        "sepasar_pedas_enrolment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("trader_id", sa.Integer(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attendance", sa.String(length=8), nullable=True),
        sa.Column("attendance_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["class_id"], ["sepasar_pedas_class.id"]),
        sa.ForeignKeyConstraint(["trader_id"], ["sepasar_pedas_trader.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("class_id", "trader_id", name="uq_sepasar_pedas_enrolment"),
    )
    op.create_index("ix_sepasar_pedas_enrolment_class_id", "sepasar_pedas_enrolment", ["class_id"])
    op.create_index("ix_sepasar_pedas_enrolment_trader_id", "sepasar_pedas_enrolment", ["trader_id"])

    op.create_table(
        "sepasar_pedas_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["enrolment_id"], ["sepasar_pedas_enrolment.id"]),
        sa.ForeignKeyConstraint(["issued_by"], ["core_account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("enrolment_id"),
    )


def downgrade() -> None:
    op.drop_table("sepasar_pedas_certificate")
    op.drop_table("sepasar_pedas_enrolment")
    op.drop_table("sepasar_pedas_trader")
    op.drop_table("sepasar_pedas_class")
    op.drop_table("sepasar_pedas_market")
