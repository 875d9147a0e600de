"""Small pieces every service module uses: the clock, input checks, idempotency, events."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from core import idempotency
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.identity.validators import normalise_email, normalise_phone

SOURCE = "klinik_bumdes"
T = TypeVar("T")


def now() -> datetime:
    """The current moment (UTC). Every service reads the time here, so tests can move it."""
    return utcnow()


def invalid(field: str, message_id: str, message_en: str) -> CettarError:
    """``VALIDATION_FAILED`` on ``field`` with a message in both languages."""
    return CettarError("VALIDATION_FAILED", field=field, message_id=message_id, message_en=message_en)


def text(value: str, field: str, *, min_length: int = 1, max_length: int, multiline: bool = False) -> str:
    """A trimmed text of ``min_length`` to ``max_length`` characters (spaces collapsed unless ``multiline``)."""
    cleaned = value.strip() if multiline else " ".join(value.split())
    if not min_length <= len(cleaned) <= max_length:
        raise invalid(
            field,
            f"Isi {min_length} sampai {max_length} karakter.",
            f"Give {min_length} to {max_length} characters.",
        )
    return cleaned


def optional_text(value: str | None, field: str, *, max_length: int) -> str | None:
    if value is None or not value.strip():
        return None
    return text(value, field, max_length=max_length)


def phone(value: str | None, field: str) -> str | None:
    return normalise_phone(value, field=field) if value and value.strip() else None


def email(value: str | None, field: str) -> str | None:
    return normalise_email(value, field=field) if value and value.strip() else None


def year(value: int, field: str, *, earliest: int, latest: int) -> int:
    if not earliest <= value <= latest:
        raise invalid(
            field, f"Tahun harus antara {earliest} dan {latest}.", f"The year must lie between {earliest} and {latest}."
        )
    return value


async def create_once(
    session: AsyncSession,
    *,
    account_id: int | None,
    key: str | None,
    operation: str,
    payload: dict[str, Any],
    load: Callable[[int], Awaitable[T | None]],
    create: Callable[[], Awaitable[tuple[T, int]]],
    field: str = "input.idempotencyKey",
) -> T:
    """Create something once per idempotency key: a retry returns what the first attempt created.

    ``create()`` returns the new object and its id; ``load(id)`` finds it again on a retry.
    """
    scope = idempotency.scope_of(account_id)
    digest = idempotency.fingerprint(payload)
    earlier = await idempotency.replay(session, scope=scope, key=key, operation=operation, digest=digest, field=field)
    if earlier is not None:
        found = await load(int(earlier))
        if found is not None:
            return found
    created, created_id = await create()
    idempotency.remember(session, scope=scope, key=key, operation=operation, digest=digest, target_id=created_id)
    return created


async def lock_row(session: AsyncSession, model: Any, row_id: int) -> None:
    """Hold row ``row_id`` of ``model`` until this transaction ends, on both databases.

    Call it before the ``SELECT … FOR UPDATE`` that reads the row. PostgreSQL locks the row
    there; SQLite ignores ``FOR UPDATE`` and reads outside any transaction until the first
    write, so two requests could both count the last free seat. On SQLite a no-op
    ``UPDATE`` of the row starts the write transaction first: a second request doing the
    same waits until the first commits, then reads what it wrote.
    """
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(
            update(model).where(model.id == row_id).values(id=model.id).execution_options(synchronize_session=False)
        )


def event(session: AsyncSession, what: str, **payload: Any) -> None:
    """Emit ``klinik_bumdes.<what>`` with ids only (never personal data)."""
    emit(session, f"{SOURCE}.{what}", payload, source=SOURCE)
