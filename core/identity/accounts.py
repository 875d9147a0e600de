"""Citizens register themselves; admins manage officers, their trainings and permissions."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core import idempotency
from core.access import manages, require, require_permission, scoped
from core.audit.chain import record
from core.auth import Principal, Role
from core.config import Settings
from core.errors import CettarError
from core.identity.credentials import issue_reset, personal_words, revoke_sessions
from core.identity.models import Account, Citizen, Officer, PermissionGrant, Training
from core.identity.permissions import GRANT_PERMISSIONS, MANAGE_OFFICERS, PermissionRegistry
from core.identity.secrets import hash_password
from core.identity.validators import (
    check_password,
    normalise_email,
    normalise_phone,
    parse_nik,
    parse_nip,
)
from core.regions.models import Agency

#: Permissions only the province admin gives: the power to grant and to manage staff.
ADMIN_ONLY = frozenset({GRANT_PERMISSIONS, MANAGE_OFFICERS})
USERNAME = re.compile(r"^[a-z][a-z0-9._-]{2,31}$")
GRADES = frozenset(
    f"{rank}/{step}"
    for rank, steps in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
    for step in steps
) | frozenset({"IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"})  # PNS golongan, then PPPK grades


def check_username(value: str, field: str = "username") -> str:
    username = value.strip().lower()
    if not USERNAME.match(username) or username.isdigit():
        raise CettarError("INVALID_USERNAME", field=field)
    return username


def optional_text(value: str | None, max_length: int, field: str) -> str | None:
    """A trimmed optional text of at most ``max_length`` characters (None when empty)."""
    text = " ".join((value or "").split())
    if len(text) > max_length:
        raise CettarError("VALIDATION_FAILED", field=field)
    return text or None


def check_name(value: str, field: str = "name") -> str:
    name = " ".join(value.split())
    if not 2 <= len(name) <= 120:
        raise CettarError("VALIDATION_FAILED", field=field)
    return name


async def _ensure_unique(session: AsyncSession, username: str, email: str | None, phone: str | None) -> None:
    checks: list[tuple[Any, object, str, str, str]] = [
        (col(Account.username), username, "username", "Nama pengguna", "username"),
        (col(Account.email), email, "email", "Alamat e-mail", "e-mail address"),
        (col(Account.phone), phone, "phone", "Nomor telepon", "phone number"),
    ]
    for column, value, field, what, what_en in checks:
        if value is not None and (await session.execute(select(col(Account.id)).where(column == value))).first():
            raise CettarError("ACCOUNT_EXISTS", field=field, what_id=what, what_en=what_en)


async def _new_account(
    session: AsyncSession, username: str, role: Role, name: str, email: str | None, phone: str | None, password: str
) -> Account:
    await _ensure_unique(session, username, email, phone)
    account = Account(
        username=username, role=role, name=name, email=email, phone=phone, password_hash=hash_password(password)
    )
    session.add(account)
    await session.flush()
    return account


@dataclass(frozen=True)
class CitizenRegistration:
    username: str
    name: str
    nik: str
    password: str
    phone: str | None = None
    email: str | None = None
    idempotency_key: str | None = None


async def register_citizen(session: AsyncSession, data: CitizenRegistration) -> Account:
    """Create a citizen's account; one account per NIK. Every input is checked before anything is written."""
    username = check_username(data.username)
    name = check_name(data.name)
    nik = parse_nik(data.nik, field="nik")
    phone = normalise_phone(data.phone, field="phone") if data.phone else None
    email = normalise_email(data.email, field="email") if data.email else None
    if phone is None and email is None:
        raise CettarError("CONTACT_REQUIRED", field="phone")
    check_password(data.password, field="password", avoid=personal_words(username, name, email, nik.nik))
    digest = idempotency.fingerprint({"u": username, "n": name, "nik": nik.nik, "p": phone, "e": email})
    earlier = await idempotency.replay(
        session, scope="anonymous", key=data.idempotency_key, operation="registerCitizen", digest=digest
    )
    if earlier is not None:
        account = await session.get(Account, int(earlier))
        assert account is not None
        return account
    if (await session.execute(select(col(Citizen.account_id)).where(col(Citizen.nik) == nik.nik))).first():
        raise CettarError("ACCOUNT_EXISTS", field="nik", what_id="NIK", what_en="NIK")
    account = await _new_account(session, username, Role.CITIZEN, name, email, phone, data.password)
    session.add(
        Citizen(
            account_id=account.id,  # type: ignore[arg-type]
            nik=nik.nik,
            nik_regency_code=nik.regency_code,
            in_province=nik.in_province,
            birth_date=nik.birth_date,
            sex=nik.sex,
        )
    )
    idempotency.remember(
        session,
        scope="anonymous",
        key=data.idempotency_key,
        operation="registerCitizen",
        digest=digest,
        target_id=account.id,
    )
    record(
        session,
        "account.registered",
        target_type="Account",
        target_id=account.id,
        detail={"role": Role.CITIZEN.value, "inProvince": nik.in_province},
    )
    return account


STAFF_ROLES_CREATABLE = {
    Role.AGENCY_ADMIN: frozenset({Role.OFFICER}),
    Role.PROVINCE_ADMIN: frozenset({Role.OFFICER, Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN}),
}


@dataclass(frozen=True)
class OfficerData:
    username: str
    name: str
    nip: str
    agency_id: int
    position: str
    grade: str
    role: Role = Role.OFFICER
    korpri_member: bool = True
    korpri_number: str | None = None
    email: str | None = None
    phone: str | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class NewOfficer:
    account: Account
    officer: Officer
    activation_code: str | None
    """A one-time code the officer uses with ``resetPassword`` to choose a password (shown once)."""


def activation_ttl(settings: Settings) -> timedelta:
    return timedelta(hours=settings.activation_ttl_hours)


def check_grade(value: str, field: str = "grade") -> str:
    grade = value.strip().upper().replace(" ", "")
    grade = grade[:-1] + grade[-1].lower() if "/" in grade else grade
    if grade not in GRADES:
        raise CettarError("VALIDATION_FAILED", field=field)
    return grade


async def create_officer(
    session: AsyncSession, settings: Settings, principal: Principal, data: OfficerData
) -> NewOfficer:
    """An agency admin adds an officer to their agency; the province admin adds staff anywhere."""
    require_permission(principal, MANAGE_OFFICERS)
    if not principal.is_province_admin and not principal.in_agency(data.agency_id):
        raise CettarError("FORBIDDEN", field="agencyId")
    if data.role not in STAFF_ROLES_CREATABLE.get(principal.role, frozenset()):
        raise CettarError("FORBIDDEN", field="role")
    username = check_username(data.username)
    name = check_name(data.name)
    nip = parse_nip(data.nip, field="nip")
    position = check_name(data.position, field="position")
    grade = check_grade(data.grade)
    phone = normalise_phone(data.phone, field="phone") if data.phone else None
    email = normalise_email(data.email, field="email") if data.email else None
    if await session.get(Agency, data.agency_id) is None:
        raise CettarError("NOT_FOUND", field="agencyId")
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint(
        {"u": username, "nip": nip.nip, "a": data.agency_id, "r": data.role.value, "pos": position, "g": grade}
    )
    earlier = await idempotency.replay(
        session, scope=scope, key=data.idempotency_key, operation="createOfficer", digest=digest
    )
    if earlier is not None:  # a retry: the same officer, and a new code (the first answer may have been lost)
        account, officer = await _officer_pair(session, int(earlier))
        return NewOfficer(account, officer, issue_reset(session, account, activation_ttl(settings)))
    if (await session.execute(select(col(Officer.account_id)).where(col(Officer.nip) == nip.nip))).first():
        raise CettarError("ACCOUNT_EXISTS", field="nip", what_id="NIP", what_en="NIP")
    # The password is unusable until the officer activates the account with the code.
    account = await _new_account(session, username, data.role, name, email, phone, secrets.token_urlsafe(32))
    officer = Officer(
        account_id=account.id,  # type: ignore[arg-type]
        nip=nip.nip,
        agency_id=data.agency_id,
        position=position,
        grade=grade,
        korpri_member=data.korpri_member,
        korpri_number=optional_text(data.korpri_number, 32, "korpriNumber"),
    )
    session.add(officer)
    code = issue_reset(session, account, activation_ttl(settings))
    idempotency.remember(
        session, scope=scope, key=data.idempotency_key, operation="createOfficer", digest=digest, target_id=account.id
    )
    record(
        session,
        "officer.created",
        target_type="Officer",
        target_id=account.id,
        target_agency_id=data.agency_id,
        detail={"agencyId": data.agency_id, "role": data.role.value, "position": position, "grade": grade},
    )
    return NewOfficer(account, officer, code)


async def _officer_pair(session: AsyncSession, account_id: int) -> tuple[Account, Officer]:
    account = await session.get(Account, account_id)
    officer = await session.get(Officer, account_id)
    if account is None or officer is None:
        raise CettarError("NOT_FOUND", field="officerId")
    return account, officer


@dataclass(frozen=True)
class OfficerChanges:
    position: str | None = None
    grade: str | None = None
    korpri_member: bool | None = None
    korpri_number: str | None = None
    agency_id: int | None = None
    role: Role | None = None
    active: bool | None = None


async def update_officer(
    session: AsyncSession, principal: Principal, account_id: int, changes: OfficerChanges
) -> tuple[Account, Officer]:
    """Change an officer's post; moving between agencies and changing roles is for the province admin."""
    require_permission(principal, MANAGE_OFFICERS)
    account, officer = await _officer_pair(session, account_id)
    require(manages(principal, agency_id=officer.agency_id, role=account.role))
    changed: dict[str, Any] = {}
    if changes.position is not None:
        officer.position = changed["position"] = check_name(changes.position, field="position")
    if changes.grade is not None:
        officer.grade = changed["grade"] = check_grade(changes.grade)
    if changes.korpri_member is not None:
        officer.korpri_member = changed["korpriMember"] = changes.korpri_member
    if changes.korpri_number is not None:
        officer.korpri_number = optional_text(changes.korpri_number, 32, "korpriNumber")
        changed["korpriNumber"] = "changed"  # the number itself stays out of the trail
    if changes.agency_id is not None and changes.agency_id != officer.agency_id:
        if not principal.is_province_admin:
            raise CettarError("FORBIDDEN", field="agencyId")
        if await session.get(Agency, changes.agency_id) is None:
            raise CettarError("NOT_FOUND", field="agencyId")
        officer.agency_id = changed["agencyId"] = changes.agency_id
    if changes.role is not None and changes.role != account.role:
        if not principal.is_province_admin or changes.role not in STAFF_ROLES_CREATABLE[Role.PROVINCE_ADMIN]:
            raise CettarError("FORBIDDEN", field="role")
        account.role = changes.role
        changed["role"] = changes.role.value
    if changes.active is not None and changes.active != account.active:
        if principal.owns(account_id):
            raise CettarError("FORBIDDEN", field="active")
        account.active = changed["active"] = changes.active
    if "agencyId" in changed or "role" in changed or changed.get("active") is False:
        await revoke_sessions(session, account_id)  # a changed post takes effect at the next sign-in
    record(
        session,
        "officer.updated",
        target_type="Officer",
        target_id=account_id,
        target_agency_id=officer.agency_id,
        detail=changed,
    )
    return account, officer


@dataclass(frozen=True)
class TrainingData:
    name: str
    organizer: str
    year: int
    cohort: str | None = None
    certificate_number: str | None = None


async def add_training(session: AsyncSession, principal: Principal, account_id: int, data: TrainingData) -> Training:
    require_permission(principal, MANAGE_OFFICERS)
    account, officer = await _officer_pair(session, account_id)
    require(manages(principal, agency_id=officer.agency_id, role=account.role))
    if not 1950 <= data.year <= 2100:
        raise CettarError("VALIDATION_FAILED", field="year")
    training = Training(
        officer_id=account_id,
        name=check_name(data.name, field="name"),
        organizer=check_name(data.organizer, field="organizer"),
        year=data.year,
        cohort=optional_text(data.cohort, 32, "cohort"),
        certificate_number=optional_text(data.certificate_number, 64, "certificateNumber"),
    )
    session.add(training)
    await session.flush()
    record(
        session,
        "officer.training_added",
        target_type="Officer",
        target_id=account_id,
        target_agency_id=officer.agency_id,
        detail={"training": training.name, "year": training.year},
    )
    return training


def officers_query(principal: Principal, *, agency_id: int | None = None, search: str | None = None) -> Select[Officer]:
    """Officers the principal may read: colleagues of their agency, or all for the province admin."""
    statement = select(Officer).join(Account, col(Account.id) == col(Officer.account_id))
    if agency_id is not None:
        statement = statement.where(col(Officer.agency_id) == agency_id)
    if search:
        statement = statement.where(col(Account.name).ilike(f"%{search.strip()}%"))
    return scoped(statement, principal, owner=col(Officer.account_id), agency=col(Officer.agency_id))


async def grant(
    session: AsyncSession,
    registry: PermissionRegistry,
    principal: Principal,
    permission: str,
    *,
    role: Role | None = None,
    account_id: int | None = None,
    revoke: bool = False,
) -> PermissionGrant | None:
    """Grant (or revoke) a permission to a role or an account.

    The province admin grants anything to any role or account. An agency admin
    grants to the officers of their agency only, and only permissions they hold
    themselves or that are declared ``grantable_by`` their role — never the power
    to grant or to manage officers.
    """
    require_permission(principal, GRANT_PERMISSIONS)
    if permission not in registry:
        raise CettarError("NOT_FOUND", field="permission")
    if (role is None) == (account_id is None):
        raise CettarError("VALIDATION_FAILED", field="role")
    if not principal.is_province_admin:
        if role is not None:
            raise CettarError("FORBIDDEN", field="role")
        grantable = principal.has(permission) or principal.role in registry.get(permission).grantable_by
        if permission in ADMIN_ONLY or not grantable:
            raise CettarError("FORBIDDEN", field="permission")
    target_agency: int | None = None
    if account_id is not None:
        target = await session.get(Account, account_id)
        officer = await session.get(Officer, account_id)
        target_agency = officer.agency_id if officer else None
        if not principal.is_province_admin:
            # Accounts outside one's agency do not exist for an agency admin; a fellow admin
            # or oneself is visible but not theirs to grant to.
            require(target is not None and principal.in_agency(target_agency))
            assert target is not None
            if not manages(principal, agency_id=target_agency, role=target.role):
                raise CettarError("FORBIDDEN", field="accountId")
        if target is None:
            raise CettarError("NOT_FOUND", field="accountId")
    existing = (
        await session.execute(
            select(PermissionGrant).where(
                col(PermissionGrant.permission) == permission,
                col(PermissionGrant.role) == role if role is not None else col(PermissionGrant.role).is_(None),
                col(PermissionGrant.account_id) == account_id
                if account_id is not None
                else col(PermissionGrant.account_id).is_(None),
            )
        )
    ).scalar_one_or_none()
    detail = {"permission": permission, "role": role.value if role else None, "accountId": account_id}
    if revoke:
        if existing is not None:
            await session.delete(existing)
            record(
                session,
                "permission.revoked",
                target_type="Permission",
                target_id=permission,
                target_agency_id=target_agency,
                detail=detail,
            )
        return None
    if existing is None:
        existing = PermissionGrant(
            permission=permission, role=role, account_id=account_id, granted_by=principal.account_id
        )
        session.add(existing)
        await session.flush()
        record(
            session,
            "permission.granted",
            target_type="Permission",
            target_id=permission,
            target_agency_id=target_agency,
            detail=detail,
        )
    return existing
