"""Keyset pagination (never OFFSET) over any SQLAlchemy select."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import CettarError

R = TypeVar("R")
SessionProvider = Callable[[], AbstractAsyncContextManager[AsyncSession]]


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and "t" in value:
        return datetime.fromisoformat(value["t"])
    if isinstance(value, dict) and "d" in value:
        return date.fromisoformat(value["d"])
    return value


def encode_cursor(key: Sequence[Any]) -> str:
    raw = json.dumps([_encode_value(v) for v in key], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int, field: str) -> tuple[Any, ...]:
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode())
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != width:
            raise ValueError
        return tuple(_decode_value(v) for v in values)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise CettarError("INVALID_CURSOR", field=field) from None


@dataclass
class Page(Generic[R]):
    rows: list[R]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    count: Callable[[], Awaitable[int]]


@dataclass(frozen=True)
class PageRequest:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


async def keyset_page(
    use_session: SessionProvider,
    stmt: Select[Any],
    order_by: Sequence[Any],
    request: PageRequest,
    *,
    max_size: int,
    default_size: int,
    key_of: Callable[[Any], Sequence[Any]],
    descending: bool = False,
) -> Page[Any]:
    """One page of ``stmt`` ordered by the unique key ``order_by``.

    ``key_of(row)`` returns a row's key values in ``order_by`` order. Pages are
    selected with ``WHERE (key) > (cursor)`` and ``LIMIT n + 1``.
    """
    if request.first is not None and request.last is not None:
        raise CettarError(
            "VALIDATION_FAILED",
            field="last",
            message_en="Give either first or last, not both.",
            message_id="Isi first atau last, bukan keduanya.",
        )
    for name, size in (("first", request.first), ("last", request.last)):
        if size is not None and size < 0:
            raise CettarError(
                "VALIDATION_FAILED",
                field=name,
                message_en=f"{name} must not be negative.",
                message_id=f"{name} tidak boleh negatif.",
            )
        if size is not None and size > max_size:
            raise CettarError("PAGE_SIZE_EXCEEDED", field=name, max=max_size)
    backward = request.last is not None
    size = request.last if backward else (request.first if request.first is not None else default_size)
    assert size is not None
    key = tuple_(*order_by)
    width = len(order_by)
    query = stmt
    if request.after:
        after = decode_cursor(request.after, width, "after")
        query = query.where(key < tuple_(*after) if descending else key > tuple_(*after))
    if request.before:
        before = decode_cursor(request.before, width, "before")
        query = query.where(key > tuple_(*before) if descending else key < tuple_(*before))
    reverse = backward != descending
    query = query.order_by(*[c.desc() if reverse else c.asc() for c in order_by]).limit(size + 1)
    async with use_session() as session:
        rows = list((await session.execute(query)).scalars().all()) if size else []
    extra = len(rows) > size
    rows = rows[:size]
    if backward:
        rows.reverse()

    async def count() -> int:
        async with use_session() as session:
            total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
        return int(total or 0)

    return Page(
        rows=rows,
        cursors=[encode_cursor(key_of(r)) for r in rows],
        has_next=extra if not backward else request.before is not None,
        has_previous=extra if backward else request.after is not None,
        count=count,
    )
