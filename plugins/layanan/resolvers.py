"""Root query and mutation fields of layanan: thin, they call :mod:`plugins.layanan.service`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, cast

import strawberry
from sqlalchemy import select
from sqlmodel import col

from core.auth import Principal, Role
from core.errors import CettarError
from core.pagination import decode_cursor, encode_cursor
from core.services import Delivery, ServiceDefinition
from core.storage import UploadLike
from plugins.layanan import catalog, inputs
from plugins.layanan import service as domain
from plugins.layanan.access import PROCESS, may_read, may_see_personal
from plugins.layanan.catalog_types import Service, ServiceChannel, service_of
from plugins.layanan.models import Application as ApplicationRow
from plugins.layanan.models import Attachment as AttachmentRow
from plugins.layanan.tracking import normalise
from plugins.layanan.types import (
    Application,
    ApplicationAttachment,
    ApplicationStatusEnum,
    ApplicationTimelineEntry,
    TrackedApplication,
)
from plugins.layanan.workflow import ApplicationStatus
from schema import (
    Connection,
    Edge,
    HasPermission,
    HasRole,
    Info,
    IsAuthenticated,
    PageInfo,
    allow,
    decode_int_id,
    int_key,
    paginate,
)

CITIZEN = HasRole(Role.CITIZEN)
OFFICERS = HasRole(Role.OFFICER, Role.AGENCY_ADMIN)


def _principal(info: Info) -> Principal:
    return info.context.principal


def _application_id(value: strawberry.ID, field: str = "input.applicationId") -> int:
    return decode_int_id(str(value), "Application", field)


def _tracking_number(text: str, field: str = "trackingNumber") -> str:
    number = normalise(text)
    if number is None:
        raise CettarError("INVALID_TRACKING_NUMBER", field=field)
    return number


# -- the catalog -----------------------------------------------------------------------------------


def _service_page(
    info: Info,
    found: list[ServiceDefinition],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection[Service]:
    """A keyset page of the (in-memory, code-ordered) catalog, with the same rules as every connection."""
    settings = info.context.runtime.settings
    if first is not None and last is not None:
        raise CettarError(
            "VALIDATION_FAILED",
            field="last",
            message_id="Isi first atau last, bukan keduanya.",
            message_en="Give either first or last, not both.",
        )
    for name, size in (("first", first), ("last", last)):
        if size is not None and size < 0:
            raise CettarError(
                "VALIDATION_FAILED",
                field=name,
                message_id=f"{name} tidak boleh negatif.",
                message_en=f"{name} must not be negative.",
            )
        if size is not None and size > settings.max_page_size:
            raise CettarError("PAGE_SIZE_EXCEEDED", field=name, max=settings.max_page_size)
    window = found
    if after:
        (key,) = decode_cursor(after, 1, "after")
        window = [s for s in window if s.code > str(key)]
    if before:
        (key,) = decode_cursor(before, 1, "before")
        window = [s for s in window if s.code < str(key)]
    if last is not None:
        page = window[-last:] if last else []
        has_next, has_previous = before is not None, len(window) > last
    else:
        size = first if first is not None else min(settings.default_page_size, settings.max_page_size)
        page = window[:size]
        has_next, has_previous = len(window) > size, after is not None
    registry = info.context.runtime.services
    edges = [Edge(cursor=encode_cursor([s.code]), node=Service.build(s, registry.owner(s.code))) for s in page]
    total = len(found)

    async def count() -> int:
        return total

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )


@strawberry.field(
    description="The public services catalog, ordered by code; filter by agency, family (the plugin offering them), "
    "a search in names, descriptions and keywords, or a channel."
)
def services(
    info: Info,
    agency_code: Annotated[
        str | None,
        strawberry.argument(description="Services an agency offers, e.g. `dispendukcapil-3578` (per-region ones too)."),
    ] = None,
    family: Annotated[str | None, strawberry.argument(description="e.g. `adminduk`, `samsat`.")] = None,
    search: Annotated[str | None, strawberry.argument(description="Words that must all appear.")] = None,
    channel: ServiceChannel | None = None,  # type: ignore[valid-type]
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Service]:
    found = catalog.find_services(
        info.context.runtime.services, agency_code=agency_code, family=family, search=search, channel=channel
    )
    return _service_page(info, found, first, after, last, before)


@strawberry.field(description="One service by its code (e.g. `adminduk.kk`); null if there is none.")
def service(info: Info, code: str) -> Service | None:
    return service_of(info, code.strip())


# -- reading applications ----------------------------------------------------------------------------


@strawberry.field(
    description="Track an application by its tracking number, without signing in: service, status and its history, "
    "due date. Nothing personal. Null when no application has that number."
)
async def track_application(info: Info, tracking_number: str) -> TrackedApplication | None:
    number = _tracking_number(tracking_number)
    async with info.context.db() as session:
        row = await domain.by_tracking_number(session, number)
    return TrackedApplication.from_row(row) if row else None


@strawberry.field(
    description="One application by its tracking number, in full, if it is yours or your agency's; null otherwise.",
    extensions=[allow(IsAuthenticated())],
)
async def application(info: Info, tracking_number: str) -> Application | None:
    number = _tracking_number(tracking_number)
    async with info.context.db() as session:
        row = await domain.by_tracking_number(session, number)
    principal = _principal(info)
    return Application.build(row, principal) if row and may_read(principal, row) else None


@strawberry.field(
    description="Your own applications, newest first.",
    extensions=[allow(IsAuthenticated())],
)
async def my_applications(
    info: Info,
    status: Annotated[
        list[ApplicationStatusEnum] | None,  # type: ignore[valid-type]
        strawberry.argument(description="Only these statuses."),
    ] = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Application]:
    principal = _principal(info)
    return await paginate(
        info,
        domain.my_applications_query(principal, status),
        [ApplicationRow.id],
        key_of=lambda row: (row.id,),
        convert=lambda row: Application.build(row, principal),
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(
    description="Your agency's applications, earliest due date first (officers and agency admins holding "
    "`layanan.process`). Without `status`: SUBMITTED, VERIFIED, IN_PROCESS and READY.",
    extensions=[allow(OFFICERS, HasPermission(PROCESS))],
)
async def application_queue(
    info: Info,
    status: Annotated[
        list[ApplicationStatusEnum] | None,  # type: ignore[valid-type]
        strawberry.argument(description="Only these statuses."),
    ] = None,
    service_code: Annotated[str | None, strawberry.argument(description="Only this service.")] = None,
    overdue: Annotated[
        bool | None, strawberry.argument(description="true: only overdue ones; false: none overdue.")
    ] = None,
    mine: Annotated[bool, strawberry.argument(description="Only those you claimed.")] = False,
    unclaimed: Annotated[bool, strawberry.argument(description="Only those nobody claimed.")] = False,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Application]:
    principal = _principal(info)
    statement = domain.queue_query(
        principal, statuses=status, service_code=service_code, overdue=overdue, mine=mine, unclaimed=unclaimed
    )
    return await paginate(
        info,
        statement,
        [ApplicationRow.due_date, ApplicationRow.id],
        key_of=lambda row: (row.due_date, row.id),
        convert=lambda row: Application.build(row, principal),
        first=first,
        after=after,
        last=last,
        before=before,
    )


# -- mutations -------------------------------------------------------------------------------------


@strawberry.mutation(
    description="A citizen applies for a service: answers, attachments (multipart request) and the delivery choice.",
    extensions=[allow(CITIZEN)],
)
async def submit_application(info: Info, input: inputs.SubmitApplicationInput) -> inputs.SubmitApplicationPayload:
    delivery = input.delivery or inputs.DeliveryInput()
    address = None
    if delivery.address is not None:
        a = delivery.address
        address = domain.Address(a.recipient_name, a.phone, a.street, a.region_code, a.postal_code, a.note)
    data = domain.Submission(
        service_code=input.service_code,
        answers=input.answers,
        delivery_method=Delivery(delivery.method),
        address=address,
        idempotency_key=input.idempotency_key,
        uploads=cast("list[UploadLike]", list(input.attachments or [])),
    )
    async with info.context.db() as session:
        row = await domain.submit(session, info.context.runtime, _principal(info), data)
    return inputs.SubmitApplicationPayload(application=Application.build(row, _principal(info)))


@strawberry.mutation(
    description="The applicant sends corrected answers (and files) for an application returned for revision; "
    "the time limit counts again from now.",
    extensions=[allow(CITIZEN)],
)
async def resubmit_application(info: Info, input: inputs.ResubmitApplicationInput) -> inputs.ResubmitApplicationPayload:
    withdraw = [
        decode_int_id(str(v), "ApplicationAttachment", f"input.withdrawAttachmentIds.{i}")
        for i, v in enumerate(input.withdraw_attachment_ids or [])
    ]
    data = domain.Resubmission(
        application_id=_application_id(input.application_id),
        answers=input.answers,
        uploads=cast("list[UploadLike]", list(input.attachments or [])),
        withdraw_attachment_ids=withdraw,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await domain.resubmit(session, info.context.runtime, _principal(info), data)
    return inputs.ResubmitApplicationPayload(application=Application.build(row, _principal(info)))


@strawberry.mutation(
    description="Agency staff move an application on: verify, process, mark ready, hand over at the counter, "
    "return it for revision or reject it (the last two with a reason).",
    extensions=[allow(OFFICERS, HasPermission(PROCESS))],
)
async def transition_application(
    info: Info, input: inputs.TransitionApplicationInput
) -> inputs.TransitionApplicationPayload:
    async with info.context.db() as session:
        row = await domain.transition(
            session,
            info.context.runtime,
            _principal(info),
            _application_id(input.application_id),
            ApplicationStatus(input.status),
            input.reason,
        )
    return inputs.TransitionApplicationPayload(application=Application.build(row, _principal(info)))


@strawberry.mutation(
    description="The applicant cancels an application before it is verified (or while it is back with them).",
    extensions=[allow(CITIZEN)],
)
async def cancel_application(info: Info, input: inputs.CancelApplicationInput) -> inputs.CancelApplicationPayload:
    async with info.context.db() as session:
        row = await domain.transition(
            session,
            info.context.runtime,
            _principal(info),
            _application_id(input.application_id),
            ApplicationStatus.CANCELLED,
            input.reason,
        )
    return inputs.CancelApplicationPayload(application=Application.build(row, _principal(info)))


@strawberry.mutation(
    description="An officer takes an application to handle (an agency admin may take it over from another).",
    extensions=[allow(OFFICERS, HasPermission(PROCESS))],
)
async def claim_application(info: Info, input: inputs.ClaimApplicationInput) -> inputs.ClaimApplicationPayload:
    async with info.context.db() as session:
        row = await domain.claim(session, _principal(info), _application_id(input.application_id))
    return inputs.ClaimApplicationPayload(application=Application.build(row, _principal(info)))


@strawberry.mutation(
    description="Add an internal note to an application (only the processing agency's staff read it).",
    extensions=[allow(OFFICERS, HasPermission(PROCESS))],
)
async def add_application_note(info: Info, input: inputs.AddApplicationNoteInput) -> inputs.AddApplicationNotePayload:
    async with info.context.db() as session:
        row, note = await domain.add_note(session, _principal(info), _application_id(input.application_id), input.text)
    built = Application.build(row, _principal(info))
    return inputs.AddApplicationNotePayload(
        application=built, note=ApplicationTimelineEntry.build(note, staff=True, personal=True)
    )


@strawberry.mutation(
    description="Agency staff record where a home delivery is; DELIVERED (with who received it) completes it.",
    extensions=[allow(OFFICERS, HasPermission(PROCESS))],
)
async def update_delivery(info: Info, input: inputs.UpdateDeliveryInput) -> inputs.UpdateDeliveryPayload:
    data = domain.DeliveryUpdate(
        application_id=_application_id(input.application_id),
        status=input.status,
        courier=input.courier,
        courier_tracking_number=input.courier_tracking_number,
        received_by=input.received_by,
    )
    async with info.context.db() as session:
        row = await domain.update_delivery(session, info.context.runtime, _principal(info), data)
    return inputs.UpdateDeliveryPayload(application=Application.build(row, _principal(info)))


@strawberry.mutation(
    description="The applicant confirms that the product was delivered to them.", extensions=[allow(CITIZEN)]
)
async def confirm_delivery(info: Info, input: inputs.ConfirmDeliveryInput) -> inputs.ConfirmDeliveryPayload:
    async with info.context.db() as session:
        row = await domain.transition(
            session,
            info.context.runtime,
            _principal(info),
            _application_id(input.application_id),
            ApplicationStatus.DELIVERED,
            received_by=input.received_by,
        )
    return inputs.ConfirmDeliveryPayload(application=Application.build(row, _principal(info)))


# -- node(id:) -------------------------------------------------------------------------------------


async def resolve_application_nodes(info: Info, keys: Sequence[str]) -> list[Application | None]:
    principal = _principal(info)
    wanted = [int_key(k) for k in keys]
    ids = [i for i in wanted if i is not None]
    async with info.context.db() as session:
        rows = {
            r.id: r
            for r in (await session.execute(select(ApplicationRow).where(col(ApplicationRow.id).in_(ids)))).scalars()
        }
    result: list[Application | None] = []
    for key in wanted:
        row = rows.get(key) if key is not None else None
        result.append(Application.build(row, principal) if row is not None and may_read(principal, row) else None)
    return result


async def resolve_attachment_nodes(info: Info, keys: Sequence[str]) -> list[ApplicationAttachment | None]:
    principal = _principal(info)
    wanted = [int_key(k) for k in keys]
    ids = [i for i in wanted if i is not None]
    async with info.context.db() as session:
        statement = select(AttachmentRow, ApplicationRow).join(
            ApplicationRow, col(ApplicationRow.id) == col(AttachmentRow.application_id)
        )
        pairs: dict[Any, tuple[AttachmentRow, ApplicationRow]] = {
            a.id: (a, app) for a, app in (await session.execute(statement.where(col(AttachmentRow.id).in_(ids)))).all()
        }
    result: list[ApplicationAttachment | None] = []
    for key in wanted:
        pair = pairs.get(key) if key is not None else None
        visible = pair is not None and may_see_personal(principal, pair[1])
        result.append(ApplicationAttachment.from_row(pair[0]) if visible and pair else None)
    return result


async def resolve_service_nodes(info: Info, keys: Sequence[str]) -> list[Service | None]:
    return [service_of(info, key) for key in keys]
