"""Signing in and out, bearer tokens, password change and reset, and sign-in throttling."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import Actor, record
from core.auth import Principal, Role
from core.config import Settings
from core.db import Database, utcnow
from core.errors import CettarError
from core.events.outbox import emit
from core.identity.models import Account, Citizen, Officer, PasswordReset, PermissionGrant, Session
from core.identity.permissions import PermissionRegistry, effective_permissions
from core.identity.secrets import hash_password, needs_rehash, new_token, token_digest, verify_password
from core.identity.throttle import MAX_LOGIN_LENGTH, Throttle, address_key, name_key
from core.identity.validators import check_password, normalise_email, normalise_phone

if TYPE_CHECKING:
    from core.runtime import Runtime


@dataclass(frozen=True)
class SignedIn:
    token: str
    session: Session
    account: Account
    principal: Principal
    """Whom the token stands for, with the account's agency and permissions."""


def actor_of(account: Account, agency_id: int | None = None, request_id: str | None = None) -> Actor:
    return Actor(
        role=account.role.value,
        account_id=account.id,
        username=account.username,
        agency_id=agency_id,
        request_id=request_id,
    )


async def find_account(session: AsyncSession, login: str) -> Account | None:
    """The account whose username, e-mail or phone number is ``login``."""
    login = login.strip()
    if not login or len(login) > MAX_LOGIN_LENGTH:
        return None
    candidates = [col(Account.username) == login.lower()]
    if "@" in login:
        with contextlib.suppress(CettarError):
            candidates.append(col(Account.email) == normalise_email(login))
    elif any(ch.isdigit() for ch in login):
        with contextlib.suppress(CettarError):
            candidates.append(col(Account.phone) == normalise_phone(login))
    return (await session.execute(select(Account).where(or_(*candidates)))).scalars().first()


async def agency_of(session: AsyncSession, account_id: int | None) -> int | None:
    if account_id is None:
        return None
    found = await session.execute(select(col(Officer.agency_id)).where(col(Officer.account_id) == account_id))
    return found.scalar_one_or_none()


async def login(
    session: AsyncSession,
    database: Database,
    settings: Settings,
    registry: PermissionRegistry,
    username: str,
    password: str,
    *,
    address: str | None = None,
    user_agent: str | None = None,
    request_id: str | None = None,
) -> SignedIn:
    """Check the password and open a session; the same error for a wrong name or password."""
    attempt = await Throttle(database, settings).attempt(name_key(username), address_key(address))
    account = await find_account(session, username)
    valid = verify_password(account.password_hash if account else None, password)
    if account is None or not valid or not account.active:
        raise CettarError("INVALID_CREDENTIALS")  # the attempt stays written down
    if account.demo and settings.is_production:
        raise CettarError("DEMO_ACCOUNT_REFUSED")
    await Throttle.succeeded(session, attempt)
    if needs_rehash(account.password_hash):  # hashing parameters were raised since it was set
        account.password_hash = hash_password(password)
    token, digest = new_token()
    signed = Session(
        account_id=account.id,  # type: ignore[arg-type]
        token_hash=digest,
        expires_at=utcnow() + timedelta(hours=settings.session_ttl_hours),
        address=(address or None) and address[:64],
        user_agent=(user_agent or None) and user_agent[:200],
    )
    session.add(signed)
    await session.flush()
    agency_id = await agency_of(session, account.id)
    record(
        session,
        "account.login",
        target_type="Account",
        target_id=account.id,
        actor=actor_of(account, agency_id, request_id),
    )
    principal = await principal_of(session, registry, account, agency_id, session_id=signed.id)
    return SignedIn(token=token, session=signed, account=account, principal=principal)


async def authenticate(
    session: AsyncSession, registry: PermissionRegistry, token: str, settings: Settings
) -> Principal | None:
    """The principal of a bearer token, or None when it is unknown, expired or revoked."""
    if not token.isascii() or len(token) > 200:
        return None
    # One round trip: the session, its account, the officer's agency and every grant
    # to the account or its role (one row per grant, or one row with none).
    rows = (
        await session.execute(
            select(Session, Account, col(Officer.agency_id), col(PermissionGrant.permission))
            .join(Account, col(Account.id) == col(Session.account_id))
            .outerjoin(Officer, col(Officer.account_id) == col(Account.id))
            .outerjoin(
                PermissionGrant,
                or_(
                    col(PermissionGrant.account_id) == col(Account.id),
                    col(PermissionGrant.role) == col(Account.role),
                ),
            )
            .where(col(Session.token_hash) == token_digest(token))
        )
    ).all()
    if not rows:
        return None
    signed, account, agency_id, _grant = rows[0]
    if signed.revoked_at is not None or signed.expires_at <= utcnow() or not account.active:
        return None
    if account.demo and settings.is_production:
        return None
    return Principal(
        role=account.role,
        account_id=account.id,
        username=account.username,
        agency_id=agency_id,
        permissions=registry.effective(account.role, (grant for *_rest, grant in rows)),
        session_id=signed.id,
    )


async def principal_of(
    session: AsyncSession,
    registry: PermissionRegistry,
    account: Account,
    agency_id: int | None,
    session_id: int | None = None,
) -> Principal:
    """The principal an account acts as, with its effective permissions."""
    return Principal(
        role=account.role,
        account_id=account.id,
        username=account.username,
        agency_id=agency_id,
        permissions=await effective_permissions(session, registry, account.role, account.id),
        session_id=session_id,
    )


async def principal_for_token(runtime: Runtime, token: str) -> Principal | None:
    """The principal of a bearer token, in its own short transaction (None when it is not valid)."""
    async with runtime.database.session() as session:
        return await authenticate(session, runtime.permissions, token, runtime.settings)


async def revoke_sessions(
    session: AsyncSession, account_id: int, *, only: int | None = None, except_session: int | None = None
) -> int:
    """Revoke the open sessions of an account — just ``only``, or all but ``except_session``; returns how many."""
    conditions = [col(Session.account_id) == account_id, col(Session.revoked_at).is_(None)]
    if only is not None:
        conditions.append(col(Session.id) == only)
    if except_session is not None:
        conditions.append(col(Session.id) != except_session)
    result = await session.execute(update(Session).where(*conditions).values(revoked_at=utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def open_sessions_query(account_id: int) -> Select[Session]:
    """An account's sessions that still work: not revoked, not expired."""
    return select(Session).where(
        col(Session.account_id) == account_id, col(Session.revoked_at).is_(None), col(Session.expires_at) > utcnow()
    )


async def revoke_own_session(session: AsyncSession, principal: Principal, session_id: int) -> None:
    """Sign out one of one's own sessions (a lost phone, say); someone else's answers NOT_FOUND."""
    if principal.account_id is None:
        raise CettarError("UNAUTHENTICATED")
    if not await revoke_sessions(session, principal.account_id, only=session_id):
        raise CettarError("NOT_FOUND", field="sessionId")
    record(session, "account.session_revoked", target_type="Account", target_id=principal.account_id)


async def logout(session: AsyncSession, principal: Principal, *, everywhere: bool = False) -> int:
    """Revoke the principal's token (or all its tokens); returns how many were revoked."""
    if principal.account_id is None or principal.session_id is None:
        raise CettarError("UNAUTHENTICATED")
    revoked = await revoke_sessions(session, principal.account_id, only=None if everywhere else principal.session_id)
    record(session, "account.logout", target_type="Account", target_id=principal.account_id, detail={"all": everywhere})
    return revoked


async def change_password(
    session: AsyncSession, database: Database, settings: Settings, principal: Principal, current: str, new: str
) -> Account:
    """Change one's own password; every other session is revoked."""
    if principal.account_id is None:
        raise CettarError("UNAUTHENTICATED")
    account = await session.get(Account, principal.account_id)
    if account is None:
        raise CettarError("UNAUTHENTICATED")
    attempt = await Throttle(database, settings).attempt(name_key(account.username), None)
    if not verify_password(account.password_hash, current):
        raise CettarError("INVALID_CREDENTIALS", field="currentPassword")
    await Throttle.succeeded(session, attempt)
    check_password(new, field="newPassword", avoid=await _personal_words(session, account))
    account.password_hash = hash_password(new)
    account.password_changed_at = utcnow()
    await revoke_sessions(session, principal.account_id, except_session=principal.session_id)
    record(session, "account.password_changed", target_type="Account", target_id=account.id)
    return account


def personal_words(username: str, name: str, email: str | None, nik: str | None = None) -> list[str]:
    """What a password must not contain: the username, the name's words, the e-mail's local part, the NIK."""
    return [username, *name.split(), *(email or "").split("@")[:1], *([nik] if nik else [])]


async def _personal_words(session: AsyncSession, account: Account) -> list[str]:
    citizen = await session.get(Citizen, account.id) if account.role is Role.CITIZEN else None
    return personal_words(account.username, account.name, account.email, citizen.nik if citizen else None)


def issue_reset(session: AsyncSession, account: Account, valid_for: timedelta) -> str:
    """Create a one-time code for ``account``, valid for ``valid_for``; returns it (to deliver, never to log)."""
    token, digest = new_token()
    session.add(
        PasswordReset(
            account_id=account.id,  # type: ignore[arg-type]
            token_hash=digest,
            expires_at=utcnow() + valid_for,
        )
    )
    return token


async def request_reset(
    session: AsyncSession, database: Database, settings: Settings, login: str, *, address: str | None = None
) -> None:
    """Start a password reset; answers the same whether or not the account exists.

    Throttled like sign-in (per name and per address), so it cannot flood a
    person with messages. The code goes out through the event
    ``identity.password_reset_requested`` (``{accountId, channel, code}``), which
    a notification plugin delivers by e-mail or SMS; an account with neither gets
    no code (its admin issues a new activation code instead).
    """
    await Throttle(database, settings).attempt(name_key(login, "reset"), address_key(address))
    account = await find_account(session, login)
    if account is None or not account.active or not (account.email or account.phone):
        return
    token = issue_reset(session, account, timedelta(minutes=settings.password_reset_ttl_minutes))
    channel = "email" if account.email else "sms"
    emit(
        session,
        "identity.password_reset_requested",
        {"accountId": account.id, "channel": channel, "code": token},
        source="core",
    )
    record(session, "account.password_reset_requested", target_type="Account", target_id=account.id)


async def reset_password(session: AsyncSession, code: str, new: str) -> Account:
    """Set a new password with a reset code; the code is used up and every session revoked."""
    found = (
        await session.execute(select(PasswordReset).where(col(PasswordReset.token_hash) == token_digest(code)))
    ).scalar_one_or_none()
    if found is None or found.used_at is not None or found.expires_at <= utcnow():
        raise CettarError("RESET_TOKEN_INVALID", field="code")
    account = await session.get(Account, found.account_id)
    if account is None or not account.active:
        raise CettarError("RESET_TOKEN_INVALID", field="code")
    check_password(new, field="newPassword", avoid=await _personal_words(session, account))
    # Use the code up with a conditional UPDATE: of two requests racing with one code, one wins.
    claimed = await session.execute(
        update(PasswordReset)
        .where(col(PasswordReset.id) == found.id, col(PasswordReset.used_at).is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        raise CettarError("RESET_TOKEN_INVALID", field="code")
    # Every other open code of the account is void from now on.
    await session.execute(
        update(PasswordReset)
        .where(col(PasswordReset.account_id) == found.account_id, col(PasswordReset.used_at).is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    account.password_hash = hash_password(new)
    account.password_changed_at = utcnow()
    await revoke_sessions(session, found.account_id)
    record(
        session,
        "account.password_reset",
        target_type="Account",
        target_id=account.id,
        actor=actor_of(account, await agency_of(session, account.id)),
    )
    return account
