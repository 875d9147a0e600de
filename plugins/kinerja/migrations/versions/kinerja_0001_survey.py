"""kinerja: the citizen satisfaction survey (SKM, PermenPANRB 14/2017)

Revision ID: kinerja_0001
Revises:
Create Date: 2026-12-01

One row per answered survey: a completed application or a closed complaint (exactly one of them,
each answered once: unique columns), the agency that served, the service, the officer who handled
it, when, the nine scores (1-4, CHECK constraints) and an optional comment (at most 1000
characters). Indexed by (agency, time), (officer, time) and time for the period aggregates.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "kinerja_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("kinerja",)
# kinerja_survey_response refers to core_agency, core_account, layanan_application and pengaduan_complaint.
depends_on: str | Sequence[str] | None = ("core_0003", "layanan_0001", "pengaduan_0001")

SCORES = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


def upgrade() -> None:
    op.create_table(
        "kinerja_survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("service_code", sa.String(length=64), nullable=True),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in SCORES),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(application_id IS NULL AND complaint_id IS NOT NULL) OR (application_id IS NOT NULL AND complaint_id IS NULL)",
            name="ck_kinerja_survey_response_one_subject",
        ),
        sa.CheckConstraint("comment IS NULL OR length(comment) <= 1000", name="ck_kinerja_survey_response_comment"),
        *(sa.CheckConstraint(f"{name} BETWEEN 1 AND 4", name=f"ck_kinerja_survey_response_{name}") for name in SCORES),
        sa.ForeignKeyConstraint(["application_id"], ["layanan_application.id"]),
        sa.ForeignKeyConstraint(["complaint_id"], ["pengaduan_complaint.id"]),
        sa.ForeignKeyConstraint(["agency_id"], ["core_agency.id"]),
        sa.ForeignKeyConstraint(["officer_id"], ["core_account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("application_id", name="uq_kinerja_survey_response_application"),
        sa.UniqueConstraint("complaint_id", name="uq_kinerja_survey_response_complaint"),
    )
    op.create_index(
        "ix_kinerja_survey_response_agency_answered", "kinerja_survey_response", ["agency_id", "answered_at"]
    )
    op.create_index(
        "ix_kinerja_survey_response_officer_answered", "kinerja_survey_response", ["officer_id", "answered_at"]
    )
    op.create_index("ix_kinerja_survey_response_answered", "kinerja_survey_response", ["answered_at"])


def downgrade() -> None:
    op.drop_index("ix_kinerja_survey_response_answered", table_name="kinerja_survey_response")
    op.drop_index("ix_kinerja_survey_response_officer_answered", table_name="kinerja_survey_response")
    op.drop_index("ix_kinerja_survey_response_agency_answered", table_name="kinerja_survey_response")
    op.drop_table("kinerja_survey_response")
