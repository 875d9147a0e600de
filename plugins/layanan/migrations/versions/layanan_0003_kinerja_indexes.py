"""layanan: indexes for the kinerja figures — applications closed in a period per agency, per officer, in all

Revision ID: layanan_0003
Revises: layanan_0002
Create Date: 2026-12-01

The CETTAR scorecard (plugin ``kinerja``) aggregates the applications completed or closed in a
period (``closed_at``) for one agency, the agencies of a region, or the province; the officer
figures do the same per ``assigned_officer_id``; the Akuntabel measure reads the status changes
of a period (``layanan_timeline.at``) and, for Transparan, each closed application's status changes in
time order (``application_id, at, id``); the officer figures read status changes by actor and time.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "layanan_0003"
down_revision: str | Sequence[str] | None = "layanan_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_layanan_application_agency_closed", "layanan_application", ["agency_id", "closed_at"]),
    ("ix_layanan_application_officer_closed", "layanan_application", ["assigned_officer_id", "closed_at"]),
    ("ix_layanan_application_closed", "layanan_application", ["closed_at"]),
    ("ix_layanan_timeline_at", "layanan_timeline", ["at"]),
    ("ix_layanan_timeline_actor_at", "layanan_timeline", ["actor_id", "at"]),
)
#: Transparan: each closed application's status changes in time order, read from the index alone on PostgreSQL.
TIMELINE_ORDER = "ix_layanan_timeline_application_at"
TIMELINE_ORDER_INCLUDE = ["kind", "from_status", "to_status"]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_index(
        TIMELINE_ORDER,
        "layanan_timeline",
        ["application_id", "at", "id"],
        postgresql_include=TIMELINE_ORDER_INCLUDE,
    )


def downgrade() -> None:
    op.drop_index(TIMELINE_ORDER, table_name="layanan_timeline")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
