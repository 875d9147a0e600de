"""layanan: applications, their timeline, attachments and home deliveries

Revision ID: layanan_0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "layanan_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("layanan",)
# Applications refer to core_account, core_agency and core_region.
depends_on: str | Sequence[str] | None = "core_0003"


def upgrade() -> None:
    op.create_table(
        "layanan_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tracking_number", sa.String(length=20), nullable=False),
        sa.Column("service_code", sa.String(length=64), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("delivery_method", sa.String(length=16), nullable=False),
        sa.Column("time_limit_days", sa.Integer(), nullable=False),
        sa.Column("fee_amount", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("clock_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ready_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assigned_officer_id", sa.Integer(), nullable=True),
        sa.Column("revision_count", sa.Integer(), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["core_agency.id"]),
        sa.ForeignKeyConstraint(["applicant_id"], ["core_account.id"]),
        sa.ForeignKeyConstraint(["assigned_officer_id"], ["core_account.id"]),
        sa.ForeignKeyConstraint(["region_code"], ["core_region.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tracking_number", name="uq_layanan_application_tracking_number"),
    )
    op.create_index(
        "ix_layanan_application_agency_due", "layanan_application", ["agency_id", "due_date", "id"], unique=False
    )
    op.create_index("ix_layanan_application_applicant", "layanan_application", ["applicant_id", "id"], unique=False)
    op.create_index("ix_layanan_application_service_code", "layanan_application", ["service_code"], unique=False)
    op.create_index("ix_layanan_application_status", "layanan_application", ["status"], unique=False)

    op.create_table(
        "layanan_timeline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=True),
        sa.Column("courier_status", sa.String(length=24), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["core_account.id"]),
        sa.ForeignKeyConstraint(["application_id"], ["layanan_application.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_layanan_timeline_application", "layanan_timeline", ["application_id", "id"], unique=False)

    op.create_table(
        "layanan_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["layanan_application.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_layanan_attachment_application", "layanan_attachment", ["application_id", "id"], unique=False)

    op.create_table(
        "layanan_delivery",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("recipient_name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("street", sa.String(length=300), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("postal_code", sa.String(length=5), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("courier", sa.String(length=60), nullable=True),
        sa.Column("courier_tracking_number", sa.String(length=60), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["layanan_application.id"]),
        sa.ForeignKeyConstraint(["region_code"], ["core_region.code"]),
        sa.PrimaryKeyConstraint("application_id"),
    )


def downgrade() -> None:
    op.drop_table("layanan_delivery")
    op.drop_index("ix_layanan_attachment_application", table_name="layanan_attachment")
    op.drop_table("layanan_attachment")
    op.drop_index("ix_layanan_timeline_application", table_name="layanan_timeline")
    op.drop_table("layanan_timeline")
    op.drop_index("ix_layanan_application_status", table_name="layanan_application")
    op.drop_index("ix_layanan_application_service_code", table_name="layanan_application")
    op.drop_index("ix_layanan_application_applicant", table_name="layanan_application")
    op.drop_index("ix_layanan_application_agency_due", table_name="layanan_application")
    op.drop_table("layanan_application")
