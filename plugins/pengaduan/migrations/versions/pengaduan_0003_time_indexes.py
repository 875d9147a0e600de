"""time indexes: complaints by filing time (Open311 GET requests, createdAfter/Before), a key's recent requests

Revision ID: pengaduan_0003
Revises: pengaduan_0002
Create Date: 2026-11-30 09:00:00

``GET /open311/v2/requests`` selects complaints by ``created_at`` (the most recent 90 days by default)
and orders them by ``created_at, id`` descending; ``complaints(filter: {createdAfter, createdBefore})``
filters on it too. The hourly limit of an Open311 key counts that key's requests of the past hour.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "pengaduan_0003"
down_revision: str | Sequence[str] | None = "pengaduan_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_pengaduan_complaint_created_at_id", "pengaduan_complaint", ["created_at", "id"])
    op.create_index(
        "ix_pengaduan_open311_request_key_id_created_at", "pengaduan_open311_request", ["key_id", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_pengaduan_open311_request_key_id_created_at", table_name="pengaduan_open311_request")
    op.drop_index("ix_pengaduan_complaint_created_at_id", table_name="pengaduan_complaint")
