"""Signing in and out, bearer tokens, password change and reset, and sign-in throttling."""

from __future__ import annotations

import asyncio
import contextlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import Actor, record
from core.auth import Principal, Role
from core.config import Settings
from core.db import Database, utcnow
from core.errors import CettarError
from core.events.outbox import emit
from core.identity.models import Account, LoginFailure, Officer, PasswordReset, PermissionGrant, Session
from core.identity.permissions import PermissionRegistry, effective_permissions
from core.identity.secrets import hash_password, needs_rehash, new_token, token_digest, verify_password
from core.identity.validators import check_password, normalise_email, normalise_phone

if TYPE_CHECKING:
    from core.runtime import Runtime

MAX_LOGIN_LENGTH = 254


@dataclass(frozen=True)
class SignedIn:
    token: str
    session: Session
    account: Account


def actor_of(account: Account, agency_id: int | None = None, request_id: str | None = None) -> Actor:
    return Actor(
        role=account.role.value,
        account_id=account.id,
        username=account.username,
        agency_id=agency_id,
        request_id=request_id,
    )


def login_key(login: str) -> str:
    """The throttling key of a name tried, whether or not an account has it."""
    return "user:" + login.strip().lower()[:MAX_LOGIN_LENGTH]


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


class LoginThrottle:
    """Counts failed sign-ins per name tried and per address in a sliding window.

    After ``login_slowdown_after`` failures each attempt waits longer (doubling
    from ``login_delay_seconds``, at most 8 s); from ``login_lockout_after``
    failures (``login_address_lockout_after`` for an address) attempts are refused
    with ``TOO_MANY_ATTEMPTS`` until the window has moved on. The key is the name
    as typed, so the answer is the same whether or not the account exists.
    Failures are written in their own transaction: they survive the refusal.
    """

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings

    async def _counts(self, keys: list[str], now: datetime) -> dict[str, tuple[int, datetime]]:
        since = now - timedelta(seconds=self.settings.login_window_seconds)
        async with self.database.session() as session:
            rows = await session.execute(
                select(col(LoginFailure.key), func.count(), func.min(col(LoginFailure.at)))
                .where(col(LoginFailure.key).in_(keys), col(LoginFailure.at) > since)
                .group_by(col(LoginFailure.key))
            )
            return {str(key): (int(count), _aware(oldest)) for key, count, oldest in rows}

    async def before_attempt(self, user_key: str, address_key: str | None, now: datetime | None = None) -> None:
        now = now or utcnow()
        keys = [user_key] + ([address_key] if address_key else [])
        counts = await self._counts(keys, now)
        limits = {user_key: self.settings.login_lockout_after}
        if address_key:
            limits[address_key] = self.settings.login_address_lockout_after
        window = timedelta(seconds=self.settings.login_window_seconds)
        for key, limit in limits.items():
            count, oldest = counts.get(key, (0, now))
            if count >= limit:
                retry_after = max(1, math.ceil((oldest + window - now).total_seconds()))
                raise CettarError("TOO_MANY_ATTEMPTS", retry_after=retry_after)
        failures = counts.get(user_key, (0, now))[0]
        if failures >= self.settings.login_slowdown_after and self.settings.login_delay_seconds > 0:
            excess = failures - self.settings.login_slowdown_after
            await asyncio.sleep(min(8.0, self.settings.login_delay_seconds * 2**excess))

    async def failed(self, user_key: str, address_key: str | None) -> None:
        expired = utcnow() - timedelta(seconds=self.settings.login_window_seconds)
        async with self.database.session() as session:
            await session.execute(delete(LoginFailure).where(col(LoginFailure.at) < expired))  # keep the table small
            session.add(LoginFailure(key=user_key))
            if address_key:
                session.add(LoginFailure(key=address_key))

    @staticmethod
    async def succeeded(session: AsyncSession, user_key: str) -> None:
        await session.execute(delete(LoginFailure).where(col(LoginFailure.key) == user_key))


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


async def agency_of(session: AsyncSession, account_id: int | None) -> int | None:
    if account_id is None:
        return None
    found = await session.execute(select(col(Officer.agency_id)).where(col(Officer.account_id) == account_id))
    return found.scalar_one_or_none()


async def login(
    session: AsyncSession,
    database: Database,
    settings: Settings,
    username: str,
    password: str,
    *,
    address: str | None = None,
    user_agent: str | None = None,
    request_id: str | None = None,
) -> SignedIn:
    """Check the password and open a session; the same error for a wrong name or password."""
    throttle = LoginThrottle(database, settings)
    user_key, address_key = login_key(username), (f"addr:{address}" if address else None)
    await throttle.before_attempt(user_key, address_key)
    account = await find_account(session, username)
    valid = verify_password(account.password_hash if account else None, password)
    if account is None or not valid or not account.active:
        await throttle.failed(user_key, address_key)
        raise CettarError("INVALID_CREDENTIALS")
    if account.demo and settings.is_production:
        raise CettarError("DEMO_ACCOUNT_REFUSED")
    await throttle.succeeded(session, user_key)
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
    return SignedIn(token=token, session=signed, account=account)


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
    granted = {str(grant) for *_rest, grant in rows if grant is not None and str(grant) in registry}
    return Principal(
        role=account.role,
        account_id=account.id,
        username=account.username,
        agency_id=agency_id,
        permissions=registry.defaults(account.role) | granted,
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


async def revoke_sessions(session: AsyncSession, account_id: int, *, except_session: int | None = None) -> int:
    """Revoke every open session of an account (but ``except_session``); returns how many."""
    conditions = [col(Session.account_id) == account_id, col(Session.revoked_at).is_(None)]
    if except_session is not None:
        conditions.append(col(Session.id) != except_session)
    result = await session.execute(update(Session).where(*conditions).values(revoked_at=utcnow()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def logout(session: AsyncSession, principal: Principal, *, everywhere: bool = False) -> int:
    """Revoke the principal's token (or all its tokens); returns how many were revoked."""
    if principal.account_id is None or principal.session_id is None:
        raise CettarError("UNAUTHENTICATED")
    if everywhere:
        revoked = await revoke_sessions(session, principal.account_id)
    else:
        result = await session.execute(
            update(Session)
            .where(col(Session.id) == principal.session_id, col(Session.revoked_at).is_(None))
            .values(revoked_at=utcnow())
        )
        revoked = int(result.rowcount or 0)  # type: ignore[attr-defined]
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
    throttle = LoginThrottle(database, settings)
    key = login_key(account.username)
    await throttle.before_attempt(key, None)
    if not verify_password(account.password_hash, current):
        await throttle.failed(key, None)
        raise CettarError("INVALID_CREDENTIALS", field="currentPassword")
    check_password(new, field="newPassword", avoid=_personal_strings(account))
    account.password_hash = hash_password(new)
    account.password_changed_at = utcnow()
    await revoke_sessions(session, principal.account_id, except_session=principal.session_id)
    record(session, "account.password_changed", target_type="Account", target_id=account.id)
    return account


def _personal_strings(account: Account) -> list[str]:
    values = [account.username, *(account.name.split())]
    if account.email:
        values.append(account.email.split("@")[0])
    return values


async def issue_reset(session: AsyncSession, settings: Settings, account: Account) -> str:
    """Create a one-time reset code for ``account``; returns it (to be delivered, never logged)."""
    token, digest = new_token()
    session.add(
        PasswordReset(
            account_id=account.id,  # type: ignore[arg-type]
            token_hash=digest,
            expires_at=utcnow() + timedelta(minutes=settings.password_reset_ttl_minutes),
        )
    )
    return token


async def request_reset(session: AsyncSession, settings: Settings, login: str) -> None:
    """Start a password reset; answers the same whether or not the account exists.

    The code goes out through the event ``identity.password_reset_requested``,
    which a notification plugin delivers by SMS or e-mail.
    """
    account = await find_account(session, login)
    if account is None or not account.active or account.role is Role.ANONYMOUS:
        return
    token = await issue_reset(session, settings, account)
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
    check_password(new, field="newPassword", avoid=_personal_strings(account))
    # Use the code up with a conditional UPDATE: of two requests racing with one code, one wins.
    claimed = await session.execute(
        update(PasswordReset)
        .where(col(PasswordReset.id) == found.id, col(PasswordReset.used_at).is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        raise CettarError("RESET_TOKEN_INVALID", field="code")
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
