"""In-app notifications for a person, and the ``cettar_notify`` hook that delivers them elsewhere.

A plugin calls :func:`notify` in the transaction of the change it tells about
(a status change, an answer). The notification row and an outbox event
``notification.created`` are written together: nothing is stored if the change
rolls back, and nothing acknowledged is lost. The dispatcher then calls every
plugin's ``cettar_notify(notification)`` (SMS, e-mail, WhatsApp…); the person reads
them in the app (``myNotifications`` in the ``akun`` plugin).

Titles and bodies are given in both languages and must not carry data the person
may not see; the outbox payload holds ids only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.db import utcnow
from core.events.outbox import emit
from core.notifications.models import NotificationRow

EVENT = "notification.created"


@dataclass(frozen=True)
class Notification:
    """What ``cettar_notify`` receives."""

    id: int
    account_id: int
    kind: str
    title_id: str
    title_en: str
    body_id: str
    body_en: str
    target_type: str | None
    target_key: str | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: NotificationRow) -> Notification:
        assert row.id is not None
        return cls(
            id=row.id,
            account_id=row.account_id,
            kind=row.kind,
            title_id=row.title_id,
            title_en=row.title_en,
            body_id=row.body_id,
            body_en=row.body_en,
            target_type=row.target_type,
            target_key=row.target_key,
            created_at=row.created_at,
        )


async def notify(
    session: AsyncSession,
    *,
    account_id: int,
    kind: str,
    title: tuple[str, str],
    body: tuple[str, str],
    source: str,
    target_type: str | None = None,
    target_key: str | None = None,
) -> NotificationRow:
    """Store an in-app notification for ``account_id`` and emit ``notification.created``.

    ``kind`` is ``<plugin>.<what>`` (``layanan.status_changed``); ``title`` and ``body``
    are ``(Bahasa Indonesia, English)``; ``target_type``/``target_key`` name the node it
    is about (a GraphQL type and its node key) so an app can open it.
    """
    row = NotificationRow(
        account_id=account_id,
        kind=kind,
        title_id=title[0],
        title_en=title[1],
        body_id=body[0],
        body_en=body[1],
        target_type=target_type,
        target_key=target_key,
    )
    session.add(row)
    await session.flush()
    emit(session, EVENT, {"notification_id": row.id, "account_id": account_id, "kind": kind}, source=source)
    return row


def notifications_query(account_id: int, *, unread_only: bool = False) -> Select[NotificationRow]:
    """One person's notifications (newest first is the caller's order), unread ones only if asked."""
    statement = select(NotificationRow).where(col(NotificationRow.account_id) == account_id)
    if unread_only:
        statement = statement.where(col(NotificationRow.read_at).is_(None))
    return statement


async def unread_count(session: AsyncSession, account_id: int) -> int:
    statement = select(func.count()).select_from(notifications_query(account_id, unread_only=True).subquery())
    return int((await session.execute(statement)).scalar_one())


async def mark_read(session: AsyncSession, account_id: int, ids: Sequence[int] | None) -> int:
    """Mark ``ids`` (or, with ``None``, every unread one) of ``account_id``'s notifications read.

    Another person's notification ids are ignored; returns how many changed.
    """
    statement = (
        update(NotificationRow)
        .where(col(NotificationRow.account_id) == account_id, col(NotificationRow.read_at).is_(None))
        .values(read_at=utcnow())
    )
    if ids is not None:
        statement = statement.where(col(NotificationRow.id).in_(list(ids)))
    result = await session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


__all__ = ["EVENT", "Notification", "NotificationRow", "mark_read", "notifications_query", "notify", "unread_count"]
