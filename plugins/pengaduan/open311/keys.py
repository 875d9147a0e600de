"""Integrators' API keys: the province admin issues, lists and revokes them; ``POST requests`` checks them.

A key is ``o311_`` and 256 random bits (URL-safe base64). Only its SHA-256 is
stored (as ``core.identity.secrets`` does for session tokens), with its first
characters (``prefix``) so an admin can tell keys apart. The key itself is shown
once, in the answer to ``issueOpen311Key``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import record
from core.auth import Principal, Role
from core.db import utcnow
from core.errors import CettarError
from core.idempotency import fingerprint, remember, replay, scope_of
from core.identity.secrets import token_digest
from plugins.pengaduan.open311.models import Open311Key, Open311Request, ResponseMode
from plugins.pengaduan.open311.wire import Open311Error, Problem, forbidden
from plugins.pengaduan.service import has_controls

KEY_PREFIX = "o311_"
PREFIX_LENGTH = len(KEY_PREFIX) + 8
INTEGRATOR_LENGTH = (2, 120)
CONTACT_LENGTH = (3, 200)
ISSUE_OPERATION = "pengaduan.issueOpen311Key"
#: Service requests one key may file in any hour (a soft limit: two racing requests may both pass).
HOURLY_LIMIT = 600
HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class IssuedKey:
    row: Open311Key
    api_key: str


def new_key() -> tuple[str, str]:
    """A new API key and the digest to store."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    return key, token_digest(key)


def _require_province_admin(principal: Principal) -> None:
    if not principal.is_authenticated:
        raise CettarError("UNAUTHENTICATED")
    if principal.role is not Role.PROVINCE_ADMIN:
        raise CettarError("FORBIDDEN")


def _text(value: str, field: str, bounds: tuple[int, int]) -> str:
    value = " ".join(value.split())
    low, high = bounds
    if not low <= len(value) <= high or has_controls(value):
        raise CettarError(
            "VALIDATION_FAILED",
            field=field,
            message_id=f"Isi {low} sampai {high} karakter, tanpa karakter kendali.",
            message_en=f"Give {low} to {high} characters, with no control characters.",
        )
    return value


async def issue(
    session: AsyncSession,
    principal: Principal,
    *,
    integrator: str,
    contact: str,
    response_mode: ResponseMode = ResponseMode.REALTIME,
    idempotency_key: str | None = None,
) -> IssuedKey:
    """Issue a key to an integrator (province admin only).

    Retrying with the same ``idempotency_key`` returns the same key record with a
    fresh secret: the first answer was lost, so its secret is replaced and stops working.
    """
    _require_province_admin(principal)
    integrator = _text(integrator, "input.integrator", INTEGRATOR_LENGTH)
    contact = _text(contact, "input.contact", CONTACT_LENGTH)
    if has_controls(idempotency_key):
        raise CettarError("VALIDATION_FAILED", field="input.idempotencyKey")
    scope = scope_of(principal.account_id)
    digest = fingerprint({"integrator": integrator, "contact": contact, "response_mode": str(response_mode)})
    api_key, key_digest = new_key()
    earlier = await replay(session, scope=scope, key=idempotency_key, operation=ISSUE_OPERATION, digest=digest)
    if earlier is not None:
        row = await session.get(Open311Key, int(earlier))
        assert row is not None, "an idempotency record names a key that is gone"
        if row.revoked_at is None:
            row.digest, row.prefix = key_digest, api_key[:PREFIX_LENGTH]
            session.add(row)
            await session.flush()
            record(session, "pengaduan.open311_key_reissued", target_type="Open311Key", target_id=row.id)
        return IssuedKey(row, api_key)
    row = Open311Key(
        integrator=integrator,
        contact=contact,
        prefix=api_key[:PREFIX_LENGTH],
        digest=key_digest,
        response_mode=response_mode,
        created_by_account_id=principal.account_id,
    )
    session.add(row)
    await session.flush()
    remember(session, scope=scope, key=idempotency_key, operation=ISSUE_OPERATION, digest=digest, target_id=row.id)
    record(
        session,
        "pengaduan.open311_key_issued",
        target_type="Open311Key",
        target_id=row.id,
        detail={"integrator": integrator, "prefix": row.prefix, "response_mode": str(response_mode)},
    )
    return IssuedKey(row, api_key)


async def revoke(session: AsyncSession, principal: Principal, key_id: int) -> Open311Key:
    """Revoke a key (province admin only); revoking a revoked key changes nothing."""
    _require_province_admin(principal)
    row = await session.get(Open311Key, key_id)
    if row is None:
        raise CettarError("NOT_FOUND", field="input.keyId")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        row.revoked_by_account_id = principal.account_id
        session.add(row)
        await session.flush()
        record(session, "pengaduan.open311_key_revoked", target_type="Open311Key", target_id=row.id)
    return row


def keys_query(principal: Principal, *, include_revoked: bool = False) -> Select[Any]:
    """The keys the province admin lists (newest first is the caller's order)."""
    _require_province_admin(principal)
    statement = select(Open311Key)
    if not include_revoked:
        statement = statement.where(col(Open311Key.revoked_at).is_(None))
    return statement


async def authenticate(session: AsyncSession, api_key: str | None) -> Open311Key:
    """The active key ``api_key`` names; 403 when it is missing, unknown or revoked."""
    if api_key is None:
        raise forbidden(
            "api_key wajib untuk mengirim laporan; mintalah kepada Pemerintah Provinsi Jawa Timur.",
            "An api_key is required to submit a request; ask the Jawa Timur provincial government for one.",
        )
    row = (
        await session.execute(select(Open311Key).where(col(Open311Key.digest) == token_digest(api_key)))
    ).scalar_one_or_none()
    if row is None:
        raise forbidden("api_key tidak valid.", "Invalid api_key received -- can't proceed with create_request.")
    if row.revoked_at is not None:
        raise forbidden("api_key ini telah dicabut.", "This api_key has been revoked.")
    return row


async def mark_used(session: AsyncSession, key_id: int, at: datetime) -> None:
    """Count one more request filed with the key (one UPDATE, safe from concurrent requests)."""
    await session.execute(
        update(Open311Key)
        .where(col(Open311Key.id) == key_id)
        .values(requests_filed=col(Open311Key.requests_filed) + 1, last_used_at=at)
    )


async def check_rate(session: AsyncSession, key: Open311Key, now: datetime) -> None:
    """429 when the key filed :data:`HOURLY_LIMIT` requests in the past hour; ``Retry-After`` says when to retry."""
    filed, oldest = (
        await session.execute(
            select(func.count(), func.min(col(Open311Request.created_at))).where(
                col(Open311Request.key_id) == key.id, col(Open311Request.created_at) > now - HOUR
            )
        )
    ).one()
    if filed < HOURLY_LIMIT:
        return
    if oldest.tzinfo is None:  # SQLite keeps no offset in an aggregate
        oldest = oldest.replace(tzinfo=now.tzinfo)
    retry_after = max(1, int((oldest + HOUR - now).total_seconds()) + 1)
    raise Open311Error(
        Problem(
            429,
            f"Kunci ini sudah mengirim {HOURLY_LIMIT} laporan dalam satu jam; coba lagi dalam {retry_after} detik.",
            f"This key filed {HOURLY_LIMIT} requests in the past hour; try again in {retry_after} seconds.",
        ),
        headers={"Retry-After": str(retry_after)},
    )
