"""Root fields for identity and access: thin, they call the core identity services."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Annotated

import strawberry
from sqlalchemy import select
from sqlmodel import col

from core.access import can_read
from core.audit.models import AuditRecord as AuditRow
from core.audit.trail import TrailFilter, trail_query
from core.auth import Principal
from core.errors import CettarError
from core.identity import accounts, credentials
from core.identity.models import Account as AccountRow
from core.identity.models import Officer as OfficerRow
from core.identity.models import Session as SessionRow
from core.identity.permissions import GRANT_PERMISSIONS, READ_AUDIT
from core.regions.models import Agency as AgencyRow
from plugins.akun import inputs
from plugins.akun.types import Account, AccountSession, AuditRecord, Officer, PermissionInfo, Training
from schema import STAFF, Connection, HasPermission, Info, IsAuthenticated, allow, decode_int_id, int_key, paginate


def _principal(info: Info) -> Principal:
    return info.context.principal


def _client_address(info: Info) -> str | None:
    client = info.context.request.client
    return client.host if client else None


def _key(global_id: strawberry.ID, type_name: str, field: str) -> int:
    return decode_int_id(str(global_id), type_name, field)


async def _agency_id(info: Info, code: str, field: str = "agencyCode") -> int:
    async with info.context.db() as session:
        found = (await session.execute(select(col(AgencyRow.id)).where(col(AgencyRow.code) == code.strip()))).first()
    if found is None:
        raise CettarError("NOT_FOUND", field=field)
    return int(found[0])


async def _account(info: Info, row: AccountRow) -> Account:
    async with info.context.db() as session:
        agency_id = await credentials.agency_of(session, row.id)
    return Account.build(row, _principal(info), agency_id)


# -- queries ---------------------------------------------------------------------------------


@strawberry.field(description="The signed-in account; null when anonymous.")
async def me(info: Info) -> Account | None:
    principal = _principal(info)
    if principal.account_id is None:
        return None
    async with info.context.db() as session:
        row = await session.get(AccountRow, principal.account_id)
    return None if row is None else Account.build(row, principal, principal.agency_id)


@strawberry.field(
    description="Officers you may see: your agency's (officers and agency admins) or all (province admin).",
    extensions=[allow(STAFF)],
)
async def officers(
    info: Info,
    agency_code: str | None = None,
    search: Annotated[str | None, strawberry.argument(description="Part of the name.")] = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Officer]:
    agency_id = await _agency_id(info, agency_code) if agency_code else None
    principal = _principal(info)
    return await paginate(
        info,
        accounts.officers_query(principal, agency_id=agency_id, search=search),
        [OfficerRow.account_id],
        key_of=lambda row: (row.account_id,),
        convert=lambda row: Officer.build(row, principal),
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(
    description="The audit trail, newest first: your agency's records (agency admin) or all (province admin).",
    extensions=[allow(HasPermission(READ_AUDIT))],
)
async def audit_trail(
    info: Info,
    filter: inputs.AuditFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[AuditRecord]:
    trail_filter = None
    if filter is not None:
        agency_id = await _agency_id(info, filter.agency_code, "filter.agencyCode") if filter.agency_code else None
        trail_filter = TrailFilter(
            action=filter.action,
            username=filter.username,
            target_type=filter.target_type,
            target_id=filter.target_id,
            agency_id=agency_id,
            since=filter.since,
            until=filter.until,
        )
    statement = trail_query(_principal(info), trail_filter)
    return await paginate(
        info,
        statement,
        [AuditRow.seq],
        key_of=lambda row: (row.seq,),
        convert=AuditRecord.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(
    description="Every permission declared by the platform and its plugins.",
    extensions=[allow(HasPermission(GRANT_PERMISSIONS))],
)
def permissions(info: Info) -> list[PermissionInfo]:
    registry = info.context.runtime.permissions
    return [
        PermissionInfo(
            name=p.name, description=p.description, plugin=registry.owner(p.name), default_roles=sorted(p.roles)
        )
        for p in registry.all()
    ]


# -- mutations -------------------------------------------------------------------------------


@strawberry.mutation(description="A citizen creates their account (one per NIK). Sign in afterwards with `login`.")
async def register_citizen(info: Info, input: inputs.RegisterCitizenInput) -> inputs.RegisterCitizenPayload:
    data = accounts.CitizenRegistration(**dataclasses.asdict(input))
    async with info.context.db() as session:
        row = await accounts.register_citizen(session, data)
        owner = await credentials.principal_of(session, info.context.runtime.permissions, row, None)
    return inputs.RegisterCitizenPayload(account=Account.build(row, owner, None))


@strawberry.mutation(
    description="Sign in with a username (or e-mail or phone) and password. Repeated failures are slowed, then refused."
)
async def login(info: Info, username: str, password: str) -> inputs.LoginPayload:
    context = info.context
    async with context.db() as session:
        signed = await credentials.login(
            session,
            context.runtime.database,
            context.runtime.settings,
            context.runtime.permissions,
            username,
            password,
            address=_client_address(info),
            user_agent=context.request.headers.get("user-agent"),
            request_id=context.request_id,
        )
    return inputs.LoginPayload(
        token=signed.token,
        expires_at=signed.session.expires_at,
        account=Account.build(signed.account, signed.principal, signed.principal.agency_id),
    )


@strawberry.mutation(description="Revoke the token of this request (or every session of the account).")
async def logout(info: Info, input: inputs.LogoutInput | None = None) -> inputs.LogoutPayload:
    async with info.context.db() as session:
        revoked = await credentials.logout(session, _principal(info), everywhere=bool(input and input.everywhere))
    return inputs.LogoutPayload(revoked=revoked)


@strawberry.mutation(
    description="Sign out one of your sessions (a lost phone, say). See them with `me { sessions }`.",
    extensions=[allow(IsAuthenticated())],
)
async def revoke_session(info: Info, input: inputs.RevokeSessionInput) -> inputs.RevokeSessionPayload:
    principal = _principal(info)
    session_id = _key(input.session_id, "AccountSession", "sessionId")
    async with info.context.db() as session:
        await credentials.revoke_own_session(session, principal, session_id)
        row = await session.get(AccountRow, principal.account_id)
    assert row is not None
    return inputs.RevokeSessionPayload(account=Account.build(row, principal, principal.agency_id))


@strawberry.mutation(
    description="Change your password; your other sessions are revoked.", extensions=[allow(IsAuthenticated())]
)
async def change_password(info: Info, input: inputs.ChangePasswordInput) -> inputs.ChangePasswordPayload:
    context = info.context
    async with context.db() as session:
        row = await credentials.change_password(
            session,
            context.runtime.database,
            context.runtime.settings,
            _principal(info),
            input.current_password,
            input.new_password,
        )
    return inputs.ChangePasswordPayload(account=await _account(info, row))


@strawberry.mutation(description="Ask for a password reset code by SMS or e-mail. The answer never reveals an account.")
async def request_password_reset(
    info: Info, input: inputs.RequestPasswordResetInput
) -> inputs.RequestPasswordResetPayload:
    async with info.context.db() as session:
        await credentials.request_reset(
            session,
            info.context.runtime.database,
            info.context.runtime.settings,
            input.username,
            address=_client_address(info),
        )
    return inputs.RequestPasswordResetPayload(accepted=True)


@strawberry.mutation(description="Choose a new password with a reset or activation code; every session is revoked.")
async def reset_password(info: Info, input: inputs.ResetPasswordInput) -> inputs.ResetPasswordPayload:
    async with info.context.db() as session:
        await credentials.reset_password(session, input.code, input.new_password)
    return inputs.ResetPasswordPayload(done=True)


@strawberry.mutation(
    description="Add an officer: an agency admin to their agency, the province admin anywhere.",
    extensions=[allow(STAFF)],
)
async def create_officer(info: Info, input: inputs.CreateOfficerInput) -> inputs.CreateOfficerPayload:
    agency_id = await _agency_id(info, input.agency_code)
    data = accounts.OfficerData(
        username=input.username,
        name=input.name,
        nip=input.nip,
        agency_id=agency_id,
        position=input.position,
        grade=input.grade,
        role=input.role,
        korpri_member=input.korpri_member,
        korpri_number=input.korpri_number,
        email=input.email,
        phone=input.phone,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        created = await accounts.create_officer(session, info.context.runtime.settings, _principal(info), data)
    return inputs.CreateOfficerPayload(
        officer=Officer.build(created.officer, _principal(info)), activation_code=created.activation_code
    )


@strawberry.mutation(
    description="Change an officer's post, grade, KORPRI data, agency or role, or disable the account.",
    extensions=[allow(STAFF)],
)
async def update_officer(info: Info, input: inputs.UpdateOfficerInput) -> inputs.UpdateOfficerPayload:
    account_id = _key(input.officer_id, "Officer", "officerId")
    changes = accounts.OfficerChanges(
        position=input.position,
        grade=input.grade,
        korpri_member=input.korpri_member,
        korpri_number=input.korpri_number,
        agency_id=await _agency_id(info, input.agency_code) if input.agency_code else None,
        role=input.role,
        active=input.active,
    )
    async with info.context.db() as session:
        _account_row, officer = await accounts.update_officer(session, _principal(info), account_id, changes)
    return inputs.UpdateOfficerPayload(officer=Officer.build(officer, _principal(info)))


@strawberry.mutation(description="Record a training an officer completed.", extensions=[allow(STAFF)])
async def add_officer_training(info: Info, input: inputs.AddOfficerTrainingInput) -> inputs.AddOfficerTrainingPayload:
    account_id = _key(input.officer_id, "Officer", "officerId")
    fields = dataclasses.asdict(input)
    del fields["officer_id"]
    data = accounts.TrainingData(**fields)
    async with info.context.db() as session:
        training = await accounts.add_training(session, _principal(info), account_id, data)
        officer = await session.get(OfficerRow, account_id)
    assert officer is not None
    return inputs.AddOfficerTrainingPayload(
        officer=Officer.build(officer, _principal(info)), training=Training.from_row(training)
    )


async def _grant(info: Info, input: inputs.GrantPermissionInput, revoke: bool) -> inputs.GrantPermissionPayload:
    account_id = _key(input.account_id, "Account", "accountId") if input.account_id is not None else None
    async with info.context.db() as session:
        await accounts.grant(
            session,
            info.context.runtime.permissions,
            _principal(info),
            input.permission,
            role=input.role,
            account_id=account_id,
            revoke=revoke,
        )
    return inputs.GrantPermissionPayload(permission=input.permission, granted=not revoke)


@strawberry.mutation(
    description="Grant a permission to a role (province admin) or to an account (its agency admin).",
    extensions=[allow(HasPermission(GRANT_PERMISSIONS))],
)
async def grant_permission(info: Info, input: inputs.GrantPermissionInput) -> inputs.GrantPermissionPayload:
    return await _grant(info, input, revoke=False)


@strawberry.mutation(
    description="Take back a permission granted to a role or an account.",
    extensions=[allow(HasPermission(GRANT_PERMISSIONS))],
)
async def revoke_permission(info: Info, input: inputs.GrantPermissionInput) -> inputs.GrantPermissionPayload:
    return await _grant(info, input, revoke=True)


# -- node(id:) -------------------------------------------------------------------------------


async def resolve_account_nodes(info: Info, keys: Sequence[str]) -> list[Account | None]:
    principal = _principal(info)
    wanted = [int_key(k) for k in keys]
    ids = [i for i in wanted if i is not None]
    async with info.context.db() as session:
        rows = {
            row.id: row
            for row in (await session.execute(select(AccountRow).where(col(AccountRow.id).in_(ids)))).scalars()
        }
        agencies = {
            int(a): int(g)
            for a, g in await session.execute(
                select(col(OfficerRow.account_id), col(OfficerRow.agency_id)).where(col(OfficerRow.account_id).in_(ids))
            )
        }
    result: list[Account | None] = []
    for key in wanted:
        row = rows.get(key) if key is not None else None
        agency_id = agencies.get(row.id) if row and row.id else None
        visible = row is not None and can_read(principal, owner_id=row.id, agency_id=agency_id)
        result.append(Account.build(row, principal, agency_id) if visible and row else None)
    return result


async def resolve_officer_nodes(info: Info, keys: Sequence[str]) -> list[Officer | None]:
    principal = _principal(info)
    wanted = [int_key(k) for k in keys]
    ids = [i for i in wanted if i is not None]
    async with info.context.db() as session:
        statement = select(OfficerRow).where(col(OfficerRow.account_id).in_(ids))
        rows = {row.account_id: row for row in (await session.execute(statement)).scalars()}
    result: list[Officer | None] = []
    for key in wanted:
        row = rows.get(key) if key is not None else None
        visible = row is not None and can_read(principal, owner_id=row.account_id, agency_id=row.agency_id)
        result.append(Officer.build(row, principal) if visible and row else None)
    return result


async def resolve_session_nodes(info: Info, keys: Sequence[str]) -> list[AccountSession | None]:
    """Only one's own open sessions; anyone else's look missing."""
    principal = _principal(info)
    wanted = [int_key(k) for k in keys]
    if principal.account_id is None:
        return [None] * len(keys)
    ids = [i for i in wanted if i is not None]
    statement = credentials.open_sessions_query(principal.account_id).where(col(SessionRow.id).in_(ids))
    async with info.context.db() as session:
        rows = {row.id: row for row in (await session.execute(statement)).scalars()}
    return [
        AccountSession.from_row(rows[key], principal.session_id) if key is not None and key in rows else None
        for key in wanted
    ]
