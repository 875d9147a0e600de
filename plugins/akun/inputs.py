"""Inputs and payloads of the account mutations (one ``input`` in, one payload out)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from core.auth import Role
from plugins.akun.types import Account, Officer, RoleEnum, Training


@strawberry.input(description="A citizen signs up. Give a phone number, an e-mail address, or both.")
class RegisterCitizenInput:
    username: str = strawberry.field(description="3 to 32 characters: a-z, 0-9, `.`, `_`, `-`; starts with a letter.")
    name: str = strawberry.field(description="Full name as on the KTP.")
    nik: str = strawberry.field(description="NIK, 16 digits.")
    password: str = strawberry.field(description="At least 10 characters, not only digits.")
    phone: str | None = strawberry.field(default=None, description="Indonesian (0812…) or international (+…).")
    email: str | None = None
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the account the first attempt created."
    )


@strawberry.type
class RegisterCitizenPayload:
    account: Account


@strawberry.type(description="A signed-in session: send `Authorization: Bearer <token>` with every request.")
class LoginPayload:
    token: str = strawberry.field(description="Opaque bearer token; shown once, stored only as a hash.")
    expires_at: datetime
    account: Account


@strawberry.input
class LogoutInput:
    everywhere: bool = strawberry.field(default=False, description="Revoke every session of the account.")


@strawberry.type
class LogoutPayload:
    revoked: int = strawberry.field(description="How many sessions were revoked.")


@strawberry.input
class RevokeSessionInput:
    session_id: strawberry.ID = strawberry.field(description="An `AccountSession` ID from `me { sessions }`.")


@strawberry.type
class RevokeSessionPayload:
    account: Account


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str


@strawberry.type
class ChangePasswordPayload:
    account: Account


@strawberry.input
class RequestPasswordResetInput:
    username: str = strawberry.field(description="Username, e-mail address or phone number.")


@strawberry.type
class RequestPasswordResetPayload:
    accepted: bool = strawberry.field(
        description="Always true: whether the account exists is not revealed. The code is sent by SMS or e-mail."
    )


@strawberry.input
class ResetPasswordInput:
    code: str = strawberry.field(description="The reset or activation code.")
    new_password: str


@strawberry.type
class ResetPasswordPayload:
    done: bool


@strawberry.input(description="A new officer (ASN). They choose their password with the activation code.")
class CreateOfficerInput:
    username: str
    name: str
    nip: str = strawberry.field(description="NIP, 18 digits.")
    agency_code: str = strawberry.field(description="The agency, e.g. `dispendukcapil-3578`.")
    position: str = strawberry.field(description="Jabatan.")
    grade: str = strawberry.field(description="Golongan/ruang, e.g. `III/a` (or a PPPK grade such as `IX`).")
    role: RoleEnum = Role.OFFICER  # type: ignore[valid-type]
    korpri_member: bool = True
    korpri_number: str | None = None
    email: str | None = None
    phone: str | None = None
    idempotency_key: str | None = None


@strawberry.type
class CreateOfficerPayload:
    officer: Officer
    activation_code: str | None = strawberry.field(
        description="One-time code for `resetPassword`, to hand to the officer. Shown once; null on a retry."
    )


@strawberry.input
class UpdateOfficerInput:
    officer_id: strawberry.ID
    position: str | None = None
    grade: str | None = None
    korpri_member: bool | None = None
    korpri_number: str | None = None
    agency_code: str | None = strawberry.field(default=None, description="Move to another agency (province admin).")
    role: RoleEnum | None = strawberry.field(default=None, description="Change role (province admin).")  # type: ignore[valid-type]
    active: bool | None = strawberry.field(default=None, description="False disables sign-in and revokes sessions.")


@strawberry.type
class UpdateOfficerPayload:
    officer: Officer


@strawberry.input
class AddOfficerTrainingInput:
    officer_id: strawberry.ID
    name: str = strawberry.field(description="e.g. `Pelatihan Dasar CPNS`.")
    organizer: str = strawberry.field(description="e.g. `BPSDM Provinsi Jawa Timur`.")
    year: int
    cohort: str | None = strawberry.field(default=None, description="Angkatan.")
    certificate_number: str | None = None


@strawberry.type
class AddOfficerTrainingPayload:
    officer: Officer
    training: Training


@strawberry.input(description="Give exactly one of `role` and `accountId`.")
class GrantPermissionInput:
    permission: str
    role: RoleEnum | None = None  # type: ignore[valid-type]
    account_id: strawberry.ID | None = None


@strawberry.type
class GrantPermissionPayload:
    permission: str
    granted: bool


@strawberry.input(description="Filters of the audit trail; all optional.")
class AuditFilter:
    action: str | None = strawberry.field(default=None, description="Exact action, or a prefix ending in `.`.")
    username: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    agency_code: str | None = None
    since: datetime | None = None
    until: datetime | None = None
