"""complaints

Revision ID: pengaduan_0001
Revises:
Create Date: 2026-11-29 14:18:39.715547
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "pengaduan_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("pengaduan",)
depends_on: str | Sequence[str] | None = "core_0003"


def upgrade() -> None:

    op.create_table(
        "pengaduan_complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tracking_number", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("moderation", sa.String(length=16), nullable=False),
        sa.Column("flag_count", sa.Integer(), nullable=False),
        sa.Column("support_count", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("regency_code", sa.String(length=5), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("service_code", sa.String(length=64), nullable=True),
        sa.Column("requested_agency_id", sa.Integer(), nullable=True),
        sa.Column("unit_agency_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("reporter_account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disposed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("followed_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("rating_comment", sa.String(length=500), nullable=True),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["core_agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["core_region.code"],
        ),
        sa.ForeignKeyConstraint(
            ["reporter_account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["requested_agency_id"],
            ["core_agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_agency_id"],
            ["core_agency.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tracking_number"),
    )
    with op.batch_alter_table("pengaduan_complaint", schema=None) as batch_op:
        batch_op.create_index("ix_pengaduan_complaint_agency_id_id", ["agency_id", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengaduan_complaint_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengaduan_complaint_regency_code"), ["regency_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengaduan_complaint_region_code"), ["region_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_pengaduan_complaint_reporter_account_id"), ["reporter_account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pengaduan_complaint_status"), ["status"], unique=False)
        batch_op.create_index("ix_pengaduan_complaint_status_due_on", ["status", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengaduan_complaint_unit_agency_id"), ["unit_agency_id"], unique=False)

    op.create_table(
        "pengaduan_disposition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("from_agency_id", sa.Integer(), nullable=True),
        sa.Column("by_account_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["core_agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["by_account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["pengaduan_complaint.id"],
        ),
        sa.ForeignKeyConstraint(
            ["from_agency_id"],
            ["core_agency.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("complaint_id", "seq", name="uq_pengaduan_disposition_seq"),
    )
    with op.batch_alter_table("pengaduan_disposition", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pengaduan_disposition_agency_id_complaint_id", ["agency_id", "complaint_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pengaduan_disposition_complaint_id"), ["complaint_id"], unique=False)

    op.create_table(
        "pengaduan_external_reporter",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("first_name", sa.String(length=80), nullable=True),
        sa.Column("last_name", sa.String(length=80), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("device_id", sa.String(length=120), nullable=True),
        sa.Column("account_id", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["pengaduan_complaint.id"],
        ),
        sa.PrimaryKeyConstraint("complaint_id"),
    )
    op.create_table(
        "pengaduan_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["pengaduan_complaint.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("complaint_id", "account_id", name="uq_pengaduan_flag"),
    )
    with op.batch_alter_table("pengaduan_flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pengaduan_flag_account_id"), ["account_id"], unique=False)

    op.create_table(
        "pengaduan_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("author_kind", sa.String(length=16), nullable=False),
        sa.Column("author_account_id", sa.Integer(), nullable=True),
        sa.Column("author_agency_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["author_agency_id"],
            ["core_agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["pengaduan_complaint.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pengaduan_message", schema=None) as batch_op:
        batch_op.create_index("ix_pengaduan_message_complaint_id_id", ["complaint_id", "id"], unique=False)

    op.create_table(
        "pengaduan_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("from_status", sa.String(length=24), nullable=True),
        sa.Column("to_status", sa.String(length=24), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_account_id", sa.Integer(), nullable=True),
        sa.Column("actor_agency_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("escalation_level", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["actor_agency_id"],
            ["core_agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["core_agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["pengaduan_complaint.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pengaduan_step", schema=None) as batch_op:
        batch_op.create_index("ix_pengaduan_step_complaint_id_id", ["complaint_id", "id"], unique=False)

    op.create_table(
        "pengaduan_support",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["pengaduan_complaint.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("complaint_id", "account_id", name="uq_pengaduan_support"),
    )
    with op.batch_alter_table("pengaduan_support", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pengaduan_support_account_id"), ["account_id"], unique=False)

    op.create_table(
        "pengaduan_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["pengaduan_complaint.id"],
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["pengaduan_message.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pengaduan_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pengaduan_attachment_complaint_id"), ["complaint_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pengaduan_attachment_message_id"), ["message_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("pengaduan_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pengaduan_attachment_message_id"))
        batch_op.drop_index(batch_op.f("ix_pengaduan_attachment_complaint_id"))

    op.drop_table("pengaduan_attachment")
    with op.batch_alter_table("pengaduan_support", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pengaduan_support_account_id"))

    op.drop_table("pengaduan_support")
    with op.batch_alter_table("pengaduan_step", schema=None) as batch_op:
        batch_op.drop_index("ix_pengaduan_step_complaint_id_id")

    op.drop_table("pengaduan_step")
    with op.batch_alter_table("pengaduan_message", schema=None) as batch_op:
        batch_op.drop_index("ix_pengaduan_message_complaint_id_id")

    op.drop_table("pengaduan_message")
    with op.batch_alter_table("pengaduan_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pengaduan_flag_account_id"))

    op.drop_table("pengaduan_flag")
    op.drop_table("pengaduan_external_reporter")
    with op.batch_alter_table("pengaduan_disposition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pengaduan_disposition_complaint_id"))
        batch_op.drop_index("ix_pengaduan_disposition_agency_id_complaint_id")

    op.drop_table("pengaduan_disposition")
    with op.batch_alter_table("pengaduan_complaint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pengaduan_complaint_unit_agency_id"))
        batch_op.drop_index("ix_pengaduan_complaint_status_due_on")
        batch_op.drop_index(batch_op.f("ix_pengaduan_complaint_status"))
        batch_op.drop_index(batch_op.f("ix_pengaduan_complaint_reporter_account_id"))
        batch_op.drop_index(batch_op.f("ix_pengaduan_complaint_region_code"))
        batch_op.drop_index(batch_op.f("ix_pengaduan_complaint_regency_code"))
        batch_op.drop_index(batch_op.f("ix_pengaduan_complaint_category"))
        batch_op.drop_index("ix_pengaduan_complaint_agency_id_id")

    op.drop_table("pengaduan_complaint")
