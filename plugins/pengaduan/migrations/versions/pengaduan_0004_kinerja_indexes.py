"""pengaduan: indexes for the kinerja figures — complaints by unit and filing, closing; steps; dispositions

Revision ID: pengaduan_0004
Revises: pengaduan_0003
Create Date: 2026-12-01

The CETTAR scorecard (plugin ``kinerja``) reads the complaints filed in a period per complaint unit
(Tanggap: verification), those closed in a period (Transparan), each complaint's first step of an
action (its verification decision, its follow-up), the dispositions made in a period per agency
(follow-up), and the steps of a period (Akuntabel); the officer figures read each officer's steps
(``actor_account_id``) in a period.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "pengaduan_0004"
down_revision: str | Sequence[str] | None = "pengaduan_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_pengaduan_complaint_unit_created", "pengaduan_complaint", ["unit_agency_id", "created_at"]),
    ("ix_pengaduan_complaint_closed", "pengaduan_complaint", ["closed_at"]),
    ("ix_pengaduan_step_complaint_action_at", "pengaduan_step", ["complaint_id", "action", "at"]),
    ("ix_pengaduan_step_actor_at", "pengaduan_step", ["actor_account_id", "at"]),
    ("ix_pengaduan_step_at", "pengaduan_step", ["at"]),
    ("ix_pengaduan_disposition_agency_at", "pengaduan_disposition", ["agency_id", "at"]),
    ("ix_pengaduan_disposition_at", "pengaduan_disposition", ["at"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
