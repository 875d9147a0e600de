"""Subscriptions: an application's changes for its applicant and agency, new arrivals for an agency's queue.

A subscription outlives the request that opened it, so each pushed application is read
afresh in its own session (with its timeline, attachments and delivery) when its event
arrives; who may receive what is decided when the subscription starts and again for
every event.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.errors import CettarError
from core.events import Event
from plugins.layanan import service as domain
from plugins.layanan.access import PROCESS, is_agency_staff, may_see_personal
from plugins.layanan.models import Application as ApplicationRow
from plugins.layanan.models import Attachment as AttachmentRow
from plugins.layanan.models import HomeDelivery as DeliveryRow
from plugins.layanan.models import TimelineEntry as TimelineRow
from plugins.layanan.resolvers import OFFICERS, _tracking_number
from plugins.layanan.types import Application, ApplicationUpdate, Preloaded, UpdateKind
from plugins.layanan.workflow import ApplicationStatus
from schema import HasPermission, Info, IsAuthenticated, allow

KINDS = {
    domain.SUBMITTED_EVENT: UpdateKind.SUBMITTED,
    domain.STATUS_EVENT: UpdateKind.STATUS_CHANGED,
    domain.CLAIMED_EVENT: UpdateKind.CLAIMED,
    domain.NOTE_EVENT: UpdateKind.NOTE_ADDED,
    domain.DELIVERY_EVENT: UpdateKind.DELIVERY_UPDATED,
}


async def _fresh(session: AsyncSession, application_id: int) -> tuple[ApplicationRow, Preloaded] | None:
    row = await domain.get_application(session, application_id)
    if row is None:
        return None
    timeline = list(
        (
            await session.execute(
                select(TimelineRow)
                .where(col(TimelineRow.application_id) == application_id)
                .order_by(col(TimelineRow.id))
            )
        ).scalars()
    )
    attachments = list(
        (
            await session.execute(
                select(AttachmentRow)
                .where(col(AttachmentRow.application_id) == application_id)
                .order_by(col(AttachmentRow.id))
            )
        ).scalars()
    )
    delivery = await session.get(DeliveryRow, application_id)
    return row, Preloaded(timeline=timeline, attachments=attachments, delivery=delivery)


async def _update(info: Info, event: Event) -> ApplicationUpdate | None:
    principal = info.context.principal
    async with info.context.runtime.database.session() as session:
        found = await _fresh(session, int(event.payload["application_id"]))
    if found is None:
        return None
    row, preloaded = found
    if not may_see_personal(principal, row):
        return None
    return ApplicationUpdate(
        kind=KINDS[event.name], at=event.created_at, application=Application.build(row, principal, preloaded)
    )


@strawberry.subscription(
    description="Every change of one application, as it happens: for its applicant (status, delivery) and the "
    "processing agency's staff (also claims and notes). Anyone else gets NOT_FOUND.",
    extensions=[allow(IsAuthenticated())],
)
async def application_updated(info: Info, tracking_number: str) -> AsyncGenerator[ApplicationUpdate, None]:
    principal = info.context.principal
    number = _tracking_number(tracking_number)
    async with info.context.runtime.database.session() as session:
        row = await domain.by_tracking_number(session, number)
    if row is None or not may_see_personal(principal, row):
        raise CettarError("NOT_FOUND", field="trackingNumber")
    wanted = domain.APPLICATION_EVENTS if is_agency_staff(principal, row) else domain.APPLICANT_EVENTS
    application_id = row.id

    def accepts(event: Event) -> bool:
        return event.name in wanted and event.payload.get("application_id") == application_id

    async with info.context.runtime.broker.subscribe(accepts) as events:
        async for event in events:
            update = await _update(info, event)
            if update is not None:
                yield update


@strawberry.subscription(
    description="New applications arriving in your agency's queue: submitted, or resubmitted after a revision "
    "(officers and agency admins holding `layanan.process`).",
    extensions=[allow(OFFICERS, HasPermission(PROCESS))],
)
async def application_arrived(
    info: Info,
    service_code: Annotated[str | None, strawberry.argument(description="Only this service.")] = None,
) -> AsyncGenerator[ApplicationUpdate, None]:
    agency_id = info.context.principal.agency_id
    code = service_code.strip() if service_code else None

    def accepts(event: Event) -> bool:
        payload = event.payload
        arrived = event.name == domain.SUBMITTED_EVENT or (
            event.name == domain.STATUS_EVENT and payload.get("to") == ApplicationStatus.SUBMITTED.value
        )
        return (
            arrived and payload.get("agency_id") == agency_id and (code is None or payload.get("service_code") == code)
        )

    async with info.context.runtime.broker.subscribe(accepts) as events:
        async for event in events:
            update = await _update(info, event)
            if update is not None:
                yield update
