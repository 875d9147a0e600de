"""klinik_bumdes: the BUM Desa registry, experts, consultations and coaching programmes

Revision ID: klinik_bumdes_0001
Revises:
Create Date: 2026-11-29

Portable to SQLite and PostgreSQL: enumerations are plain strings (``core.db.StrEnumType``),
timestamps ``TIMESTAMP WITH TIME ZONE`` (``core.db.UTCDateTime``), money ``BIGINT`` rupiah.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "klinik_bumdes_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("klinik_bumdes",)
# The tables refer to core_region, core_account (core_0001/0002); core_0003 is the core head it was made on.
depends_on: str | Sequence[str] | None = "core_0003"

WHEN = sa.DateTime(timezone=True)


def _account(name: str, nullable: bool = True) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.Integer, sa.ForeignKey("core_account.id"), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "klinik_bumdes_enterprise",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("desa_code", sa.String(13), sa.ForeignKey("core_region.code"), nullable=False),
        sa.Column("district_code", sa.String(13), sa.ForeignKey("core_region.code"), nullable=False, index=True),
        sa.Column("regency_code", sa.String(13), sa.ForeignKey("core_region.code"), nullable=False, index=True),
        sa.Column("established_year", sa.Integer, nullable=False),
        sa.Column("legal_status", sa.String(24), nullable=False, index=True),
        sa.Column("legal_number", sa.String(80), nullable=True),
        sa.Column("legal_registered_on", sa.Date, nullable=True),
        sa.Column("grade", sa.String(16), nullable=False, index=True),
        sa.Column("director_name", sa.String(120), nullable=True),
        sa.Column("contact_phone", sa.String(16), nullable=True),
        sa.Column("manager_account_id", sa.Integer, sa.ForeignKey("core_account.id"), nullable=True, index=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.UniqueConstraint("desa_code", name="uq_klinik_bumdes_enterprise_desa_code"),
        sa.UniqueConstraint("name", name="uq_klinik_bumdes_enterprise_name"),
        sa.UniqueConstraint("legal_number", name="uq_klinik_bumdes_enterprise_legal_number"),
        sa.CheckConstraint(
            "(legal_status = 'legal_entity') = (legal_number IS NOT NULL AND legal_registered_on IS NOT NULL)",
            name="ck_klinik_bumdes_enterprise_legal_entity",
        ),
    )
    op.create_table(
        "klinik_bumdes_unit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "enterprise_id", sa.Integer, sa.ForeignKey("klinik_bumdes_enterprise.id"), nullable=False, index=True
        ),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("sector", sa.String(24), nullable=False, index=True),
        sa.Column("started_year", sa.Integer, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.UniqueConstraint("enterprise_id", "name", name="uq_klinik_bumdes_unit_enterprise_id_name"),
    )
    op.create_table(
        "klinik_bumdes_grade_change",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "enterprise_id", sa.Integer, sa.ForeignKey("klinik_bumdes_enterprise.id"), nullable=False, index=True
        ),
        sa.Column("grade", sa.String(16), nullable=False),
        sa.Column("previous_grade", sa.String(16), nullable=True),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        _account("recorded_by_account_id"),
        sa.Column("recorded_at", WHEN, nullable=False),
    )
    op.create_table(
        "klinik_bumdes_revenue",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "enterprise_id", sa.Integer, sa.ForeignKey("klinik_bumdes_enterprise.id"), nullable=False, index=True
        ),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column("revenue", sa.BigInteger, nullable=False),
        sa.Column("net_profit", sa.BigInteger, nullable=True),
        sa.Column("pades_contribution", sa.BigInteger, nullable=False),
        _account("recorded_by_account_id"),
        sa.Column("recorded_at", WHEN, nullable=False),
        sa.UniqueConstraint("enterprise_id", "year", name="uq_klinik_bumdes_revenue_enterprise_id_year"),
        sa.CheckConstraint("revenue >= 0", name="ck_klinik_bumdes_revenue_revenue"),
        sa.CheckConstraint(
            "pades_contribution >= 0 AND pades_contribution <= revenue", name="ck_klinik_bumdes_revenue_pades"
        ),
    )
    op.create_table(
        "klinik_bumdes_expert",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("university", sa.String(120), nullable=False, index=True),
        sa.Column("faculty", sa.String(120), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("phone", sa.String(16), nullable=True),
        _account("account_id"),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.UniqueConstraint("account_id", name="uq_klinik_bumdes_expert_account_id"),
    )
    op.create_table(
        "klinik_bumdes_expert_topic",
        sa.Column("expert_id", sa.Integer, sa.ForeignKey("klinik_bumdes_expert.id"), primary_key=True),
        sa.Column("topic", sa.String(24), primary_key=True),
    )
    op.create_table(
        "klinik_bumdes_ticket",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "enterprise_id", sa.Integer, sa.ForeignKey("klinik_bumdes_enterprise.id"), nullable=False, index=True
        ),
        sa.Column("topic", sa.String(24), nullable=False, index=True),
        sa.Column("subject", sa.String(160), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("requester_account_id", sa.Integer, sa.ForeignKey("core_account.id"), nullable=True, index=True),
        _account("opened_by_account_id"),
        sa.Column("expert_id", sa.Integer, sa.ForeignKey("klinik_bumdes_expert.id"), nullable=True, index=True),
        sa.Column("outcome", sa.String(24), nullable=True),
        sa.Column("outcome_summary", sa.Text, nullable=True),
        sa.Column("opened_at", WHEN, nullable=False),
        sa.Column("assigned_at", WHEN, nullable=True),
        sa.Column("resolved_at", WHEN, nullable=True),
        sa.Column("closed_at", WHEN, nullable=True),
    )
    op.create_table(
        "klinik_bumdes_ticket_step",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("klinik_bumdes_ticket.id"), nullable=False, index=True),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _account("actor_account_id"),
        sa.Column("at", WHEN, nullable=False),
    )
    op.create_table(
        "klinik_bumdes_session",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("klinik_bumdes_ticket.id"), nullable=False, index=True),
        sa.Column("expert_id", sa.Integer, sa.ForeignKey("klinik_bumdes_expert.id"), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("starts_at", WHEN, nullable=False),
        sa.Column("ends_at", WHEN, nullable=False),
        sa.Column("meeting_url", sa.String(300), nullable=True),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("cancel_reason", sa.String(300), nullable=True),
        _account("scheduled_by_account_id"),
        sa.Column("scheduled_at", WHEN, nullable=False),
        _account("closed_by_account_id"),
        sa.Column("closed_at", WHEN, nullable=True),
        sa.CheckConstraint("ends_at > starts_at", name="ck_klinik_bumdes_session_period"),
    )
    op.create_index("ix_klinik_bumdes_session_expert_id_starts_at", "klinik_bumdes_session", ["expert_id", "starts_at"])
    op.create_table(
        "klinik_bumdes_note",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ticket_id", sa.Integer, sa.ForeignKey("klinik_bumdes_ticket.id"), nullable=False, index=True),
        _account("author_account_id"),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "klinik_bumdes_program",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(160), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("organizer", sa.String(160), nullable=False),
        sa.Column("topic", sa.String(24), nullable=True),
        sa.Column("target_grade", sa.String(16), nullable=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("place", sa.String(200), nullable=True),
        sa.Column("starts_on", sa.Date, nullable=False, index=True),
        sa.Column("ends_on", sa.Date, nullable=False),
        sa.Column("enrollment_closes_on", sa.Date, nullable=False),
        sa.Column("capacity", sa.Integer, nullable=False),
        _account("created_by_account_id"),
        sa.Column("created_at", WHEN, nullable=False),
        sa.UniqueConstraint("title", "starts_on", name="uq_klinik_bumdes_program_title_starts_on"),
        sa.CheckConstraint("capacity > 0", name="ck_klinik_bumdes_program_capacity"),
        sa.CheckConstraint("ends_on >= starts_on", name="ck_klinik_bumdes_program_period"),
        sa.CheckConstraint("enrollment_closes_on <= starts_on", name="ck_klinik_bumdes_program_enrollment"),
    )
    op.create_table(
        "klinik_bumdes_enrollment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("program_id", sa.Integer, sa.ForeignKey("klinik_bumdes_program.id"), nullable=False, index=True),
        sa.Column(
            "enterprise_id", sa.Integer, sa.ForeignKey("klinik_bumdes_enterprise.id"), nullable=False, index=True
        ),
        sa.Column("status", sa.String(16), nullable=False),
        _account("enrolled_by_account_id"),
        sa.Column("enrolled_at", WHEN, nullable=False),
        sa.Column("withdrawn_at", WHEN, nullable=True),
        sa.UniqueConstraint("program_id", "enterprise_id", name="uq_klinik_bumdes_enrollment_program_id_enterprise_id"),
    )


def downgrade() -> None:
    for table in (
        "klinik_bumdes_enrollment",
        "klinik_bumdes_program",
        "klinik_bumdes_note",
        "klinik_bumdes_session",
        "klinik_bumdes_ticket_step",
        "klinik_bumdes_ticket",
        "klinik_bumdes_expert_topic",
        "klinik_bumdes_expert",
        "klinik_bumdes_revenue",
        "klinik_bumdes_grade_change",
        "klinik_bumdes_unit",
        "klinik_bumdes_enterprise",
    ):
        op.drop_table(table)
