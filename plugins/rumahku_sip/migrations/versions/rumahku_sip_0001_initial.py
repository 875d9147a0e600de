"""housing developments, units, PSU handover, problems, surveys, tax objects

Revision ID: rumahku_sip_0001
Revises:
Create Date: 2026-11-29 14:24:44.397343
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "rumahku_sip_0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("rumahku_sip",)
depends_on: str | Sequence[str] | None = "core_0003"


def upgrade() -> None:
    op.create_table(
        "rumahku_sip_developer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("nib", sa.String(length=13), nullable=True),
        sa.Column("association", sa.String(length=60), nullable=True),
        sa.Column("office_address", sa.String(length=300), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["core_agency.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("nib"),
    )
    with op.batch_alter_table("rumahku_sip_developer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_developer_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "rumahku_sip_development",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("developer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("desa_code", sa.String(length=13), nullable=False),
        sa.Column("kecamatan_code", sa.String(length=13), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("segment", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("planned_units", sa.Integer(), nullable=False),
        sa.Column("land_area_m2", sa.Integer(), nullable=True),
        sa.Column("boundary", sa.JSON(), nullable=True),
        sa.Column("boundary_area_m2", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("planned_units >= 0", name="ck_rumahku_sip_development_planned_units"),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["core_agency.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["desa_code"],
            ["core_region.code"],
        ),
        sa.ForeignKeyConstraint(
            ["developer_id"],
            ["rumahku_sip_developer.id"],
        ),
        sa.ForeignKeyConstraint(
            ["kecamatan_code"],
            ["core_region.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("developer_id", "name", name="uq_rumahku_sip_development_developer_name"),
    )
    with op.batch_alter_table("rumahku_sip_development", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_development_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_development_desa_code"), ["desa_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_development_developer_id"), ["developer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_development_kecamatan_code"), ["kecamatan_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_development_status"), ["status"], unique=False)

    op.create_table(
        "rumahku_sip_handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("development_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("proposed_by", sa.Integer(), nullable=True),
        sa.Column("field_verified_on", sa.Date(), nullable=True),
        sa.Column("verification_notes", sa.String(length=2000), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("verified_by", sa.Integer(), nullable=True),
        sa.Column("bast_number", sa.String(length=80), nullable=True),
        sa.Column("bast_date", sa.Date(), nullable=True),
        sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handed_over_by", sa.Integer(), nullable=True),
        sa.Column("refused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refused_by", sa.Integer(), nullable=True),
        sa.Column("refusal_reason", sa.String(length=2000), nullable=True),
        sa.ForeignKeyConstraint(
            ["development_id"],
            ["rumahku_sip_development.id"],
        ),
        sa.ForeignKeyConstraint(
            ["handed_over_by"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["refused_by"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["verified_by"],
            ["core_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bast_number"),
    )
    with op.batch_alter_table("rumahku_sip_handover", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_handover_development_id"), ["development_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_handover_status"), ["status"], unique=False)

    op.create_table(
        "rumahku_sip_permit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("development_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("number", sa.String(length=80), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["development_id"],
            ["rumahku_sip_development.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "number", name="uq_rumahku_sip_permit_kind_number"),
    )
    with op.batch_alter_table("rumahku_sip_permit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_permit_development_id"), ["development_id"], unique=False)

    op.create_table(
        "rumahku_sip_survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("development_id", sa.Integer(), nullable=False),
        sa.Column("flown_on", sa.Date(), nullable=False),
        sa.Column("operator", sa.String(length=120), nullable=False),
        sa.Column("area_m2", sa.Integer(), nullable=False),
        sa.Column("orthophoto", sa.String(length=500), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("area_m2 > 0", name="ck_rumahku_sip_survey_area"),
        sa.ForeignKeyConstraint(
            ["development_id"],
            ["rumahku_sip_development.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["core_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rumahku_sip_survey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_survey_development_id"), ["development_id"], unique=False)

    op.create_table(
        "rumahku_sip_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("development_id", sa.Integer(), nullable=False),
        sa.Column("block", sa.String(length=10), nullable=False),
        sa.Column("number", sa.String(length=10), nullable=False),
        sa.Column("house_type", sa.String(length=16), nullable=False),
        sa.Column("building_area_m2", sa.Integer(), nullable=False),
        sa.Column("land_area_m2", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["development_id"],
            ["rumahku_sip_development.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("development_id", "block", "number", name="uq_rumahku_sip_unit_block_number"),
    )
    with op.batch_alter_table("rumahku_sip_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_unit_development_id"), ["development_id"], unique=False)

    op.create_table(
        "rumahku_sip_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["rumahku_sip_handover.id"],
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"],
            ["core_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rumahku_sip_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_document_handover_id"), ["handover_id"], unique=False)

    op.create_table(
        "rumahku_sip_facility",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("development_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("area_m2", sa.Integer(), nullable=True),
        sa.Column("built", sa.Boolean(), nullable=False),
        sa.Column("handover_status", sa.String(length=16), nullable=False),
        sa.Column("handover_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["development_id"],
            ["rumahku_sip_development.id"],
        ),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["rumahku_sip_handover.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rumahku_sip_facility", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_facility_development_id"), ["development_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_facility_handover_id"), ["handover_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_facility_handover_status"), ["handover_status"], unique=False)

    op.create_table(
        "rumahku_sip_tax_object",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("development_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("nop", sa.String(length=18), nullable=False),
        sa.Column("linked_by", sa.Integer(), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["development_id"],
            ["rumahku_sip_development.id"],
        ),
        sa.ForeignKeyConstraint(
            ["linked_by"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["rumahku_sip_unit.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nop"),
        sa.UniqueConstraint("unit_id"),
    )
    with op.batch_alter_table("rumahku_sip_tax_object", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_tax_object_development_id"), ["development_id"], unique=False)

    op.create_table(
        "rumahku_sip_handover_item",
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"],
            ["rumahku_sip_facility.id"],
        ),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["rumahku_sip_handover.id"],
        ),
        sa.PrimaryKeyConstraint("handover_id", "facility_id"),
    )
    with op.batch_alter_table("rumahku_sip_handover_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_handover_item_facility_id"), ["facility_id"], unique=False)

    op.create_table(
        "rumahku_sip_problem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("development_id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=True),
        sa.Column("survey_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("reported_by", sa.Integer(), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolution", sa.String(length=2000), nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["development_id"],
            ["rumahku_sip_development.id"],
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"],
            ["rumahku_sip_facility.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reported_by"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["rumahku_sip_survey.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rumahku_sip_problem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumahku_sip_problem_development_id"), ["development_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_problem_facility_id"), ["facility_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_problem_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_problem_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_rumahku_sip_problem_survey_id"), ["survey_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rumahku_sip_problem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_problem_survey_id"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_problem_status"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_problem_kind"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_problem_facility_id"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_problem_development_id"))

    op.drop_table("rumahku_sip_problem")
    with op.batch_alter_table("rumahku_sip_handover_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_handover_item_facility_id"))

    op.drop_table("rumahku_sip_handover_item")
    with op.batch_alter_table("rumahku_sip_tax_object", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_tax_object_development_id"))

    op.drop_table("rumahku_sip_tax_object")
    with op.batch_alter_table("rumahku_sip_facility", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_facility_handover_status"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_facility_handover_id"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_facility_development_id"))

    op.drop_table("rumahku_sip_facility")
    with op.batch_alter_table("rumahku_sip_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_document_handover_id"))

    op.drop_table("rumahku_sip_document")
    with op.batch_alter_table("rumahku_sip_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_unit_development_id"))

    op.drop_table("rumahku_sip_unit")
    with op.batch_alter_table("rumahku_sip_survey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_survey_development_id"))

    op.drop_table("rumahku_sip_survey")
    with op.batch_alter_table("rumahku_sip_permit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_permit_development_id"))

    op.drop_table("rumahku_sip_permit")
    with op.batch_alter_table("rumahku_sip_handover", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_handover_status"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_handover_development_id"))

    op.drop_table("rumahku_sip_handover")
    with op.batch_alter_table("rumahku_sip_development", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_development_status"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_development_kecamatan_code"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_development_developer_id"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_development_desa_code"))
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_development_agency_id"))

    op.drop_table("rumahku_sip_development")
    with op.batch_alter_table("rumahku_sip_developer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumahku_sip_developer_agency_id"))

    op.drop_table("rumahku_sip_developer")
