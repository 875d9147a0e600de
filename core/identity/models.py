"""Tables for accounts, citizens, officers, sessions and permission grants."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Index, text
from sqlmodel import Field, SQLModel

from core.auth import Role
from core.db import StrEnumType, UTCDateTime, utcnow
from core.identity.validators import Sex


class Account(SQLModel, table=True):
    """Anyone who signs in: a citizen, an officer, an agency admin or a province admin."""

    __tablename__ = "core_account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=32)
    role: Role = Field(sa_type=StrEnumType(Role, 16), index=True)
    name: str = Field(max_length=120)
    email: str | None = Field(default=None, unique=True, max_length=254)
    phone: str | None = Field(default=None, unique=True, max_length=16)
    password_hash: str = Field(max_length=200)
    active: bool = True
    demo: bool = Field(default=False, description="Created by `cettar seed --demo`; refused in production.")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    password_changed_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Citizen(SQLModel, table=True):
    """A citizen's (warga) identity: the NIK and what it encodes."""

    __tablename__ = "core_citizen"

    account_id: int = Field(foreign_key="core_account.id", primary_key=True)
    nik: str = Field(unique=True, max_length=16)
    nik_regency_code: str = Field(max_length=5, index=True, description="The kabupaten/kota of first registration.")
    in_province: bool = Field(description="False when the NIK was issued outside Jawa Timur.")
    birth_date: date
    sex: Sex = Field(sa_type=StrEnumType(Sex, 8))


class Officer(SQLModel, table=True):
    """A civil servant (ASN) working in an agency; officers and agency admins both have one."""

    __tablename__ = "core_officer"

    account_id: int = Field(foreign_key="core_account.id", primary_key=True)
    nip: str = Field(unique=True, max_length=18)
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    position: str = Field(max_length=120, description="Jabatan.")
    grade: str = Field(max_length=8, description="Golongan/ruang, e.g. III/a.")
    korpri_member: bool = True
    korpri_number: str | None = Field(default=None, max_length=32)


class Training(SQLModel, table=True):
    """A training an officer completed, e.g. Pelatihan Dasar CPNS at BPSDM Provinsi Jawa Timur."""

    __tablename__ = "core_officer_training"

    id: int | None = Field(default=None, primary_key=True)
    officer_id: int = Field(foreign_key="core_officer.account_id", index=True)
    name: str = Field(max_length=160)
    organizer: str = Field(max_length=160)
    cohort: str | None = Field(default=None, max_length=32, description="Angkatan.")
    year: int
    certificate_number: str | None = Field(default=None, max_length=64)


class Session(SQLModel, table=True):
    """A bearer token: only its SHA-256 is stored; it expires and can be revoked."""

    __tablename__ = "core_session"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="core_account.id", index=True)
    token_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=200)


class PasswordReset(SQLModel, table=True):
    """A one-time password reset code (stored hashed), valid for a short time."""

    __tablename__ = "core_password_reset"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="core_account.id", index=True)
    token_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))


class LoginFailure(SQLModel, table=True):
    """One failed sign-in, keyed by the name tried (``user:…``) and by the address (``addr:…``)."""

    __tablename__ = "core_login_failure"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=120, index=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False, index=True))


class PermissionGrant(SQLModel, table=True):
    """A permission given to every account of a role, or to one account."""

    __tablename__ = "core_permission_grant"
    __table_args__ = (
        CheckConstraint("(role IS NULL) <> (account_id IS NULL)", name="ck_core_permission_grant_one_grantee"),
        Index(
            "uq_core_permission_grant_role",
            "permission",
            "role",
            unique=True,
            sqlite_where=text("role IS NOT NULL"),
            postgresql_where=text("role IS NOT NULL"),
        ),
        Index(
            "uq_core_permission_grant_account",
            "permission",
            "account_id",
            unique=True,
            sqlite_where=text("account_id IS NOT NULL"),
            postgresql_where=text("account_id IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    permission: str = Field(max_length=120, index=True)
    role: Role | None = Field(default=None, sa_type=StrEnumType(Role, 16))
    account_id: int | None = Field(default=None, foreign_key="core_account.id", index=True)
    granted_by: int | None = Field(default=None, foreign_key="core_account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
