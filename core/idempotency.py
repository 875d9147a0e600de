"""Idempotency keys: a retried create returns what the first attempt created."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Column, UniqueConstraint, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel, col

from core.db import UTCDateTime, utcnow
from core.errors import CettarError

MAX_KEY_LENGTH = 120


class IdempotencyRecord(SQLModel, table=True):
    """The outcome of the first request made with a key, per scope (an account, or anonymous)."""

    __tablename__ = "core_idempotency"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=64)
    key: str = Field(max_length=MAX_KEY_LENGTH)
    operation: str = Field(max_length=120)
    fingerprint: str = Field(max_length=64)
    target_id: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


def fingerprint(payload: dict[str, Any]) -> str:
    """A digest of a request's input (leave secrets out of ``payload``)."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scope_of(account_id: int | None) -> str:
    return f"account:{account_id}" if account_id is not None else "anonymous"


async def replay(
    session: AsyncSession, *, scope: str, key: str | None, operation: str, digest: str, field: str = "idempotencyKey"
) -> str | None:
    """The target id created by an earlier request with this key, or None for a new key.

    The same key with another operation or another input is refused.
    """
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        raise CettarError("VALIDATION_FAILED", field=field)
    found = (
        await session.execute(
            select(IdempotencyRecord).where(col(IdempotencyRecord.scope) == scope, col(IdempotencyRecord.key) == key)
        )
    ).scalar_one_or_none()
    if found is None:
        return None
    if found.operation != operation or found.fingerprint != digest:
        raise CettarError("IDEMPOTENCY_KEY_REUSED", field=field)
    return found.target_id


def remember(
    session: AsyncSession, *, scope: str, key: str | None, operation: str, digest: str, target_id: object
) -> None:
    """Record what this key created (in the same transaction as the creation)."""
    if key is not None:
        session.add(
            IdempotencyRecord(scope=scope, key=key, operation=operation, fingerprint=digest, target_id=str(target_id))
        )
