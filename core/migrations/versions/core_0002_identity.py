"""core: accounts, citizens, officers, sessions, permissions, audit trail, idempotency keys

Revision ID: core_0002
Revises: core_0001
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "core_0002"
down_revision: str | None = "core_0001"
branch_labels: Sequence[str] | None = None
depends_on: str | None = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "core_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
        sa.UniqueConstraint("phone"),
        sa.UniqueConstraint("username"),
    )
    op.create_index(op.f("ix_core_account_role"), "core_account", ["role"], unique=False)
    op.create_table(
        "core_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=32), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=120), nullable=False),
        sa.Column("target_type", sa.String(length=64), nullable=True),
        sa.Column("target_id", sa.String(length=64), nullable=True),
        sa.Column("target_agency_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("seq"),
    )
    op.create_index(op.f("ix_core_audit_account_id"), "core_audit", ["account_id"], unique=False)
    op.create_index(op.f("ix_core_audit_action"), "core_audit", ["action"], unique=False)
    op.create_index(op.f("ix_core_audit_agency_id"), "core_audit", ["agency_id"], unique=False)
    op.create_index(op.f("ix_core_audit_at"), "core_audit", ["at"], unique=False)
    op.create_index(op.f("ix_core_audit_target_id"), "core_audit", ["target_id"], unique=False)
    op.create_index(op.f("ix_core_audit_target_agency_id"), "core_audit", ["target_agency_id"], unique=False)
    op.create_table(
        "core_audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "core_idempotency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("operation", sa.String(length=120), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("target_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("scope", "key"),
    )
    op.create_table(
        "core_login_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_core_login_failure_at"), "core_login_failure", ["at"], unique=False)
    op.create_index(op.f("ix_core_login_failure_key"), "core_login_failure", ["key"], unique=False)
    op.create_table(
        "core_citizen",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("nik_regency_code", sa.String(length=5), nullable=False),
        sa.Column("in_province", sa.Boolean(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
        ),
        sa.PrimaryKeyConstraint("account_id"),
        sa.UniqueConstraint("nik"),
    )
    op.create_index(op.f("ix_core_citizen_nik_regency_code"), "core_citizen", ["nik_regency_code"], unique=False)
    op.create_table(
        "core_password_reset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index(op.f("ix_core_password_reset_account_id"), "core_password_reset", ["account_id"], unique=False)
    op.create_table(
        "core_permission_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("permission", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("granted_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["granted_by"],
            ["core_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.CheckConstraint("(role IS NULL) <> (account_id IS NULL)", name="ck_core_permission_grant_one_grantee"),
    )
    # One grant per permission and role, and per permission and account (NULLs never collide in UNIQUE).
    op.create_index(
        "uq_core_permission_grant_role",
        "core_permission_grant",
        ["permission", "role"],
        unique=True,
        sqlite_where=sa.text("role IS NOT NULL"),
        postgresql_where=sa.text("role IS NOT NULL"),
    )
    op.create_index(
        "uq_core_permission_grant_account",
        "core_permission_grant",
        ["permission", "account_id"],
        unique=True,
        sqlite_where=sa.text("account_id IS NOT NULL"),
        postgresql_where=sa.text("account_id IS NOT NULL"),
    )
    op.create_index(op.f("ix_core_permission_grant_account_id"), "core_permission_grant", ["account_id"], unique=False)
    op.create_index(op.f("ix_core_permission_grant_permission"), "core_permission_grant", ["permission"], unique=False)
    op.create_table(
        "core_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index(op.f("ix_core_session_account_id"), "core_session", ["account_id"], unique=False)
    op.create_table(
        "core_officer",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("nip", sa.String(length=18), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.String(length=120), nullable=False),
        sa.Column("grade", sa.String(length=8), nullable=False),
        sa.Column("korpri_member", sa.Boolean(), nullable=False),
        sa.Column("korpri_number", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["core_account.id"],
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["core_agency.id"],
        ),
        sa.PrimaryKeyConstraint("account_id"),
        sa.UniqueConstraint("nip"),
    )
    op.create_index(op.f("ix_core_officer_agency_id"), "core_officer", ["agency_id"], unique=False)
    op.create_table(
        "core_officer_training",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("organizer", sa.String(length=160), nullable=False),
        sa.Column("cohort", sa.String(length=32), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("certificate_number", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["core_officer.account_id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_core_officer_training_officer_id"), "core_officer_training", ["officer_id"], unique=False)
    op.bulk_insert(
        sa.table(
            "core_audit_head", sa.column("id", sa.Integer), sa.column("seq", sa.Integer), sa.column("hash", sa.String)
        ),
        [{"id": 1, "seq": 0, "hash": GENESIS}],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_core_officer_training_officer_id"), table_name="core_officer_training")
    op.drop_table("core_officer_training")
    op.drop_index(op.f("ix_core_officer_agency_id"), table_name="core_officer")
    op.drop_table("core_officer")
    op.drop_index(op.f("ix_core_session_account_id"), table_name="core_session")
    op.drop_table("core_session")
    op.drop_index(op.f("ix_core_permission_grant_permission"), table_name="core_permission_grant")
    op.drop_index(op.f("ix_core_permission_grant_account_id"), table_name="core_permission_grant")
    op.drop_index("uq_core_permission_grant_account", table_name="core_permission_grant")
    op.drop_index("uq_core_permission_grant_role", table_name="core_permission_grant")
    op.drop_table("core_permission_grant")
    op.drop_index(op.f("ix_core_password_reset_account_id"), table_name="core_password_reset")
    op.drop_table("core_password_reset")
    op.drop_index(op.f("ix_core_citizen_nik_regency_code"), table_name="core_citizen")
    op.drop_table("core_citizen")
    op.drop_index(op.f("ix_core_login_failure_key"), table_name="core_login_failure")
    op.drop_index(op.f("ix_core_login_failure_at"), table_name="core_login_failure")
    op.drop_table("core_login_failure")
    op.drop_table("core_idempotency")
    op.drop_table("core_audit_head")
    op.drop_index(op.f("ix_core_audit_target_agency_id"), table_name="core_audit")
    op.drop_index(op.f("ix_core_audit_target_id"), table_name="core_audit")
    op.drop_index(op.f("ix_core_audit_at"), table_name="core_audit")
    op.drop_index(op.f("ix_core_audit_agency_id"), table_name="core_audit")
    op.drop_index(op.f("ix_core_audit_action"), table_name="core_audit")
    op.drop_index(op.f("ix_core_audit_account_id"), table_name="core_audit")
    op.drop_table("core_audit")
    op.drop_index(op.f("ix_core_account_role"), table_name="core_account")
    op.drop_table("core_account")
