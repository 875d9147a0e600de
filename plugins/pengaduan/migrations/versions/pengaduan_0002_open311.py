"""open311: integrators' API keys and the GeoReport-only fields of Open311 service requests

Revision ID: pengaduan_0002
Revises: pengaduan_0001
Create Date: 2026-11-29 14:19:34
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "pengaduan_0002"
down_revision: str | Sequence[str] | None = "pengaduan_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pengaduan_open311_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("integrator", sa.String(length=120), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("response_mode", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_account_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_account_id", sa.Integer(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("requests_filed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_account_id"], ["core_account.id"]),
        sa.ForeignKeyConstraint(["revoked_by_account_id"], ["core_account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest"),
    )
    op.create_index("ix_pengaduan_open311_key_prefix", "pengaduan_open311_key", ["prefix"])

    op.create_table(
        "pengaduan_open311_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.Column("service_code", sa.String(length=64), nullable=False),
        sa.Column("address_string", sa.String(length=500), nullable=True),
        sa.Column("address_id", sa.String(length=64), nullable=True),
        sa.Column("media_url", sa.String(length=2000), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["pengaduan_complaint.id"]),
        sa.ForeignKeyConstraint(["key_id"], ["pengaduan_open311_key.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("complaint_id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_pengaduan_open311_request_key_id", "pengaduan_open311_request", ["key_id"])


def downgrade() -> None:
    op.drop_index("ix_pengaduan_open311_request_key_id", table_name="pengaduan_open311_request")
    op.drop_table("pengaduan_open311_request")
    op.drop_index("ix_pengaduan_open311_key_prefix", table_name="pengaduan_open311_key")
    op.drop_table("pengaduan_open311_key")
