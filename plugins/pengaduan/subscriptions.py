"""Live updates: a complaint for its reporter (and whoever may read it), the queue of an agency's staff.

Events carry ids only; each pushed complaint is read again, with the subscriber's
visibility, in a session of its own, and built for the subscriber — so a
subscription shows exactly what a query would.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from core.auth import Role
from core.errors import CettarError
from core.events import Event
from plugins.pengaduan import service
from plugins.pengaduan.inputs import ComplaintQueueEvent
from plugins.pengaduan.types import Complaint
from schema import HasRole, Info, IsAuthenticated, allow, decode_int_id

PREFIX = "pengaduan.complaint_"


async def _fresh(info: Info) -> None:
    """Forget what the operation's loaders cached and end its read transaction: a subscription
    lives for many pushes, and each must show the complaint as it is now."""
    uow = info.context.uow
    uow.loaders.clear()
    await uow.rollback()


def _action(event: Event) -> str:
    name = event.name.removeprefix(PREFIX)
    return str(event.payload.get("action") or name)


@strawberry.subscription(
    description="Each change of one complaint (a step, a message, a support): meant for its reporter, open to "
    "anyone signed in who may read it. Fails with NOT_FOUND when you may not.",
    extensions=[allow(IsAuthenticated())],
)
async def complaint_updated(
    info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Global ID of the `Complaint`.")]
) -> AsyncGenerator[Complaint, None]:
    complaint_id = decode_int_id(str(id), "Complaint", "id")
    principal = info.context.principal
    runtime = info.context.runtime
    async with runtime.database.session() as session:
        if await service.get_complaint(session, complaint_id, runtime=runtime, principal=principal) is None:
            raise CettarError("NOT_FOUND", field="id")

    def about_it(event: Event) -> bool:
        return event.name.startswith(PREFIX) and event.payload.get("complaint_id") == complaint_id

    async with runtime.broker.subscribe(about_it) as events:
        async for _event in events:
            await _fresh(info)
            async with runtime.database.session() as session:
                row = await service.get_complaint(session, complaint_id, runtime=runtime, principal=principal)
            if row is not None:
                yield Complaint.build(row, principal)


@strawberry.subscription(
    description="Your agency's queue (officers and agency admins): each change of a complaint disposed or "
    "forwarded to your agency — new dispositions, reopenings, the reporter's messages, escalations.",
    extensions=[allow(HasRole(Role.OFFICER, Role.AGENCY_ADMIN))],
)
async def complaint_queue(info: Info) -> AsyncGenerator[ComplaintQueueEvent, None]:
    principal = info.context.principal
    runtime = info.context.runtime
    agency_id = principal.agency_id

    def for_my_agency(event: Event) -> bool:
        return agency_id is not None and event.name.startswith(PREFIX) and event.payload.get("agency_id") == agency_id

    async with runtime.broker.subscribe(for_my_agency) as events:
        async for event in events:
            await _fresh(info)
            complaint_id = int(event.payload["complaint_id"])
            async with runtime.database.session() as session:
                row = await service.get_complaint(session, complaint_id, runtime=runtime, principal=principal)
            if row is not None and row.agency_id == agency_id:
                yield ComplaintQueueEvent(action=_action(event), complaint=Complaint.build(row, principal))
