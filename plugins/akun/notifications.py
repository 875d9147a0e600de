"""Your in-app notifications: list them, count the unread ones, mark them read, and hear new ones.

Other plugins write notifications with ``core.notifications.notify`` (a status
change of an application, an answer to a complaint); the core then calls every
``cettar_notify`` hook to send them by SMS, e-mail or WhatsApp. Each person sees
only their own.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from datetime import datetime

import strawberry
from sqlmodel import col

from core.errors import CettarError
from core.events import Event
from core.notifications import EVENT, NotificationRow, mark_read, notifications_query, unread_count
from schema import Connection, Info, IsAuthenticated, Node, allow, decode_int_id, encode_global_id, int_key, paginate


@strawberry.type(description="A message to you about something that changed: your application, your complaint…")
class Notification(Node):
    notification_id: strawberry.Private[int]
    kind: str = strawberry.field(description="What happened, `<plugin>.<what>`, e.g. `layanan.status_changed`.")
    title: str = strawberry.field(description="A short title, in the language of `Accept-Language`.")
    body: str = strawberry.field(description="The message, in the language of `Accept-Language`.")
    target_id: strawberry.ID | None = strawberry.field(
        description="The global ID of what it is about (open it with `node(id:)`), when it is about one thing."
    )
    target_type: str | None = strawberry.field(description="The GraphQL type of `targetId`, e.g. `Application`.")
    created_at: datetime
    read_at: datetime | None = strawberry.field(description="When you marked it read; null while unread.")

    def node_key(self) -> str:
        return str(self.notification_id)

    @classmethod
    def from_row(cls, row: NotificationRow, language: str) -> Notification:
        assert row.id is not None
        english = language == "en"
        target = (
            strawberry.ID(encode_global_id(row.target_type, row.target_key))
            if row.target_type and row.target_key
            else None
        )
        return cls(
            notification_id=row.id,
            kind=row.kind,
            title=row.title_en if english else row.title_id,
            body=row.body_en if english else row.body_id,
            target_id=target,
            target_type=row.target_type,
            created_at=row.created_at,
            read_at=row.read_at,
        )


@strawberry.type
class MarkNotificationsReadPayload:
    marked: int = strawberry.field(description="How many of your unread notifications are now read.")
    unread: int = strawberry.field(description="How many remain unread.")


def _account_id(info: Info) -> int:
    account_id = info.context.principal.account_id
    if account_id is None:  # guarded by IsAuthenticated; a principal without an account has none
        raise CettarError("UNAUTHENTICATED")
    return account_id


@strawberry.field(
    description="Your notifications, newest first; `unreadOnly` keeps the unread ones.",
    extensions=[allow(IsAuthenticated())],
)
async def my_notifications(
    info: Info,
    unread_only: bool = False,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Notification]:
    language = info.context.language
    return await paginate(
        info,
        notifications_query(_account_id(info), unread_only=unread_only),
        [NotificationRow.id],
        key_of=lambda row: (row.id,),
        convert=lambda row: Notification.from_row(row, language),
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(description="How many of your notifications are unread.", extensions=[allow(IsAuthenticated())])
async def unread_notification_count(info: Info) -> int:
    async with info.context.db() as session:
        return await unread_count(session, _account_id(info))


@strawberry.mutation(
    description="Mark notifications read: those in `ids`, or all of yours when `ids` is left out. "
    "IDs of notifications that are not yours change nothing.",
    extensions=[allow(IsAuthenticated())],
)
async def mark_notifications_read(info: Info, ids: list[strawberry.ID] | None = None) -> MarkNotificationsReadPayload:
    keys = None if ids is None else [decode_int_id(str(i), "Notification", f"ids.{n}") for n, i in enumerate(ids)]
    account_id = _account_id(info)
    async with info.context.db() as session:
        marked = await mark_read(session, account_id, keys)
        unread = await unread_count(session, account_id)
    return MarkNotificationsReadPayload(marked=marked, unread=unread)


@strawberry.subscription(
    description="Each new notification for you, as soon as it is stored.", extensions=[allow(IsAuthenticated())]
)
async def notification_added(info: Info) -> AsyncGenerator[Notification, None]:
    account_id = _account_id(info)
    language = info.context.language

    def mine(event: Event) -> bool:
        return event.name == EVENT and event.payload.get("account_id") == account_id

    async with info.context.runtime.broker.subscribe(mine) as events:
        async for event in events:
            async with info.context.runtime.database.session() as session:
                row = await session.get(NotificationRow, int(event.payload["notification_id"]))
            if row is not None and row.account_id == account_id:
                yield Notification.from_row(row, language)


async def resolve_notification_nodes(info: Info, keys: Sequence[str]) -> list[Notification | None]:
    """``node(id:)``: your own notifications only."""
    account_id = info.context.principal.account_id
    ids = [int_key(key) for key in keys]
    wanted = {i for i in ids if i is not None}
    found: dict[int | None, NotificationRow] = {}
    if account_id is not None and wanted:
        async with info.context.db() as session:
            rows = await session.execute(notifications_query(account_id).where(col(NotificationRow.id).in_(wanted)))
            found = {row.id: row for row in rows.scalars()}
    language = info.context.language
    return [Notification.from_row(found[i], language) if i in found else None for i in ids]
