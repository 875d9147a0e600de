"""kinerja: the facts of each closed application, for the CETTAR scorecard

Revision ID: kinerja_0002
Revises: kinerja_0001
Create Date: 2026-12-01

One row per closed application (``picked_up``, ``delivered``, ``rejected``, ``cancelled``): its
agency, closing moment and the per-case figures of Cepat, Efektif/Efisien and Transparan
(completed, on time, working days to completion, delivered home, resubmissions, timeline
complete). A closed application does not change any more, so its facts are computed once, lazily,
by the scorecard (``plugins.kinerja.scorecard.figures.Query.fill_application_facts``), and the
scorecard sums them from the indexes on (agency, closing moment) and (closing moment), which carry
the summed columns (``INCLUDE`` on PostgreSQL: index-only scans).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "kinerja_0002"
down_revision: str | Sequence[str] | None = "kinerja_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SUMMED = ["completed", "on_time", "working_days", "delivered", "revisions", "timeline_complete"]


def upgrade() -> None:
    op.create_table(
        "kinerja_application_fact",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.Column("on_time", sa.Integer(), nullable=False),
        sa.Column("working_days", sa.Integer(), nullable=True),
        sa.Column("delivered", sa.Integer(), nullable=False),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("timeline_complete", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["layanan_application.id"]),
        sa.ForeignKeyConstraint(["agency_id"], ["core_agency.id"]),
        sa.PrimaryKeyConstraint("application_id"),
    )
    op.create_index(
        "ix_kinerja_application_fact_agency_closed",
        "kinerja_application_fact",
        ["agency_id", "closed_at"],
        postgresql_include=SUMMED,
    )
    op.create_index(
        "ix_kinerja_application_fact_closed",
        "kinerja_application_fact",
        ["closed_at"],
        postgresql_include=["agency_id", *SUMMED],
    )


def downgrade() -> None:
    op.drop_index("ix_kinerja_application_fact_closed", table_name="kinerja_application_fact")
    op.drop_index("ix_kinerja_application_fact_agency_closed", table_name="kinerja_application_fact")
    op.drop_table("kinerja_application_fact")
