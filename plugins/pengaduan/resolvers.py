"""Root fields: thin — arguments in, a service call, a typed result or a typed error out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, cast

import strawberry
from graphql.language import FieldNode
from sqlalchemy import select
from sqlmodel import col

from core.auth import Principal, Role
from core.errors import CettarError
from core.storage import DOCUMENTS, IMAGES, CheckedFile, UploadLike, check_uploads
from plugins.pengaduan import community, inputs, lifecycle, service
from plugins.pengaduan.categories import CATEGORIES
from plugins.pengaduan.models import Channel as ChannelValue
from plugins.pengaduan.models import Complaint as ComplaintRow
from plugins.pengaduan.models import ComplaintMessage as MessageRow
from plugins.pengaduan.types import Complaint, ComplaintCategory, ComplaintMessage
from schema import (
    STAFF,
    Connection,
    HasPermission,
    HasRole,
    Info,
    IsAuthenticated,
    Upload,
    allow,
    decode_int_id,
    int_key,
    paginate,
)

#: Photos and scanned documents.
ATTACHMENT_TYPES = DOCUMENTS | IMAGES
#: What the reporter of an anonymous complaint attaches: pictures, whose identifying metadata is stripped.
ANONYMOUS_ATTACHMENT_TYPES = IMAGES
CITIZEN = HasRole(Role.CITIZEN)
FILTER = "Which complaints; every filter is optional."


def _principal(info: Info) -> Principal:
    return info.context.principal


def _complaint_id(global_id: strawberry.ID, field: str = "input.complaintId") -> int:
    try:
        return decode_int_id(str(global_id), "Complaint", field)
    except CettarError as error:  # a malformed ID names `id` whatever field it came in (schema.node)
        raise CettarError("INVALID_ID", field=field) from error


async def _uploads(info: Info, uploads: Sequence[Upload] | None, *, anonymous_reporter: bool) -> list[CheckedFile]:
    """The uploads, checked by content and size before anything is stored. An anonymous reporter attaches
    pictures only: their metadata is stripped (``privacy``), a document's (a PDF's author, its XMP) is not."""
    settings = info.context.runtime.settings
    return await check_uploads(
        cast("Sequence[UploadLike] | None", uploads),
        field="input.attachments",
        max_bytes=int(settings.max_attachment_mib * 2**20),
        allowed=ANONYMOUS_ATTACHMENT_TYPES if anonymous_reporter else ATTACHMENT_TYPES,
    )


async def _acts_as_anonymous_reporter(info: Info, complaint_id: int) -> bool:
    """Whether the caller is the reporter of the anonymous complaint ``complaint_id`` (their own account id is
    compared with the complaint's reporter: nothing is revealed to anyone else)."""
    principal = _principal(info)
    if principal.account_id is None:
        return False
    async with info.context.db() as session:
        row = await service.get_complaint(session, complaint_id)
    return row is not None and row.anonymous and service.is_reporter(principal, row)


def _alone(info: Info, anonymous_reporter: bool) -> None:
    """A reporter's action on an anonymous complaint must be the operation's only root field: records of other
    mutations in the same request (and transaction) would carry the reporter's name next to it in the audit trail.
    Checked before anything is written or stored (files are not rolled back)."""
    if not anonymous_reporter:
        return
    selections = info.operation.selection_set.selections
    if len(selections) != 1 or not isinstance(selections[0], FieldNode):
        raise CettarError("COMPLAINT_ANONYMOUS_ALONE")


def _build(info: Info, row: ComplaintRow) -> Complaint:
    return Complaint.build(row, _principal(info))


async def _filter(info: Info, f: inputs.ComplaintFilter | None) -> service.ComplaintFilter | None:
    if f is None:
        return None
    agency_id = None
    if f.agency_code:
        async with info.context.db() as session:
            agency_id = await service.agency_id_by_code(session, f.agency_code.strip())
        if agency_id is None:
            raise CettarError("COMPLAINT_UNKNOWN_AGENCY", field="filter.agencyCode", agency=f.agency_code.strip())
    for name, value in (("createdAfter", f.created_after), ("createdBefore", f.created_before)):
        if value is not None and value.tzinfo is None:
            raise CettarError(
                "VALIDATION_FAILED",
                field=f"filter.{name}",
                message_id="Waktu harus menyertakan zona waktu, mis. 2026-11-29T08:00:00+07:00.",
                message_en="The time must carry its offset, e.g. 2026-11-29T08:00:00+07:00.",
            )
    from core.calendar import today

    return service.ComplaintFilter(
        statuses=list(f.statuses or []),
        categories=list(f.categories or []),
        kinds=list(f.kinds or []),
        region_code=f.region_code,
        agency_id=agency_id,
        service_code=f.service_code,
        created_after=f.created_after,
        created_before=f.created_before,
        overdue_on=today() if f.overdue else None,
        moderation=list(f.moderation or []),
    )


# -- queries ---------------------------------------------------------------------------------


@strawberry.field(description="The complaint categories, in display order.")
def complaint_categories() -> list[ComplaintCategory]:
    return [ComplaintCategory.build(c) for c in CATEGORIES]


@strawberry.field(
    description="Complaints you may see, newest first: public ones for everyone; also your own, those disposed "
    "to your agency (now or before), your complaint unit's (verifiers), hidden ones (moderators); all for the "
    "province admin."
)
async def complaints(
    info: Info,
    filter: Annotated[inputs.ComplaintFilter | None, strawberry.argument(description=FILTER)] = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Complaint]:
    f = await _filter(info, filter)
    principal = _principal(info)
    async with info.context.db() as session:
        stmt = await service.complaints_query(session, info.context.runtime, principal, f)
    return await paginate(
        info,
        stmt,
        [ComplaintRow.id],
        key_of=lambda row: (row.id,),
        convert=lambda row: Complaint.build(row, principal),
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(
    description="The complaints you filed, anonymous and confidential ones included, newest first.",
    extensions=[allow(IsAuthenticated())],
)
async def my_complaints(
    info: Info,
    filter: Annotated[inputs.ComplaintFilter | None, strawberry.argument(description=FILTER)] = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Complaint]:
    f = await _filter(info, filter)
    principal = _principal(info)
    return await paginate(
        info,
        service.my_complaints_query(principal, f),
        [ComplaintRow.id],
        key_of=lambda row: (row.id,),
        convert=lambda row: Complaint.build(row, principal),
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(description="A complaint by its tracking number; null when it does not exist or you may not see it.")
async def complaint(
    info: Info,
    tracking_number: Annotated[str, strawberry.argument(description="`ADU-XXXX-XXXX`.")],
) -> Complaint | None:
    principal = _principal(info)
    async with info.context.db() as session:
        row = await service.get_complaint_by_tracking_number(session, tracking_number)
        if row is None or row.id is None:
            return None
        visible = await service.get_complaint(session, row.id, runtime=info.context.runtime, principal=principal)
    return None if visible is None else Complaint.build(visible, principal)


# -- mutations: filing -----------------------------------------------------------------------


@strawberry.mutation(
    description="File a complaint, an aspiration or a request for information (citizens). Anonymous: your "
    "identity is never shown; confidential: the complaint is never public.",
    extensions=[allow(CITIZEN)],
)
async def file_complaint(info: Info, input: inputs.FileComplaintInput) -> inputs.FileComplaintPayload:
    principal = _principal(info)
    if input.channel is ChannelValue.API:
        raise CettarError(
            "VALIDATION_FAILED",
            field="input.channel",
            message_id="Kanal API khusus untuk integrator (Open311); pilih WEB, APP, SMS, WHATSAPP, SOCIAL_MEDIA "
            "atau COUNTER.",
            message_en="The API channel is for integrators (Open311); choose WEB, APP, SMS, WHATSAPP, SOCIAL_MEDIA "
            "or COUNTER.",
        )
    _alone(info, input.anonymous)
    checked = await _uploads(info, input.attachments, anonymous_reporter=input.anonymous)
    async with info.context.db() as session:
        row = await service.file_complaint(
            session,
            info.context.runtime,
            reporter_account_id=principal.account_id,
            external_reporter=None,
            title=input.title,
            text=input.text,
            category=input.category,
            agency_code=input.agency_code,
            service_code=input.service_code,
            region_code=input.region_code,
            latitude=input.latitude,
            longitude=input.longitude,
            channel=ChannelValue(input.channel),
            anonymous=input.anonymous,
            confidential=input.confidential,
            attachments=checked,
            idempotency_key=input.idempotency_key,
            source="graphql",
            kind=input.kind,
        )
    return inputs.FileComplaintPayload(complaint=_build(info, row))


# -- mutations: the complaint unit -----------------------------------------------------------


@strawberry.mutation(
    description="Verify a submitted or held complaint and dispose it to an agency (complaint unit verifiers).",
    extensions=[allow(HasPermission(service.VERIFY))],
)
async def verify_complaint(info: Info, input: inputs.VerifyComplaintInput) -> inputs.VerifyComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await lifecycle.verify_complaint(
            session,
            info.context.runtime,
            _principal(info),
            complaint_id,
            agency_code=input.agency_code,
            note=input.note,
        )
    return inputs.VerifyComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Hold a submitted complaint until the reporter completes it (complaint unit verifiers).",
    extensions=[allow(HasPermission(service.VERIFY))],
)
async def hold_complaint(info: Info, input: inputs.HoldComplaintInput) -> inputs.HoldComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await lifecycle.hold_complaint(
            session, info.context.runtime, _principal(info), complaint_id, reason=input.reason
        )
    return inputs.HoldComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Close a submitted or held complaint as outside the regional government's authority "
    "(complaint unit verifiers).",
    extensions=[allow(HasPermission(service.VERIFY))],
)
async def mark_complaint_not_our_authority(
    info: Info, input: inputs.MarkComplaintNotOurAuthorityInput
) -> inputs.MarkComplaintNotOurAuthorityPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await lifecycle.mark_not_our_authority(
            session, info.context.runtime, _principal(info), complaint_id, reason=input.reason
        )
    return inputs.MarkComplaintNotOurAuthorityPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Archive a submitted or held complaint without processing it (complaint unit verifiers).",
    extensions=[allow(HasPermission(service.VERIFY))],
)
async def archive_complaint(info: Info, input: inputs.ArchiveComplaintInput) -> inputs.ArchiveComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await lifecycle.archive_complaint(
            session, info.context.runtime, _principal(info), complaint_id, reason=input.reason
        )
    return inputs.ArchiveComplaintPayload(complaint=_build(info, row))


# -- mutations: the agency -------------------------------------------------------------------


@strawberry.mutation(
    description="Forward a complaint to another agency, keeping its history (the current agency's staff holding "
    "`pengaduan.forward`, or the complaint unit's verifiers).",
    extensions=[allow(STAFF)],
)
async def forward_complaint(info: Info, input: inputs.ForwardComplaintInput) -> inputs.ForwardComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await lifecycle.forward_complaint(
            session,
            info.context.runtime,
            _principal(info),
            complaint_id,
            agency_code=input.agency_code,
            reason=input.reason,
        )
    return inputs.ForwardComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Start working on a complaint disposed to your agency (tindak lanjut), within 5 working days.",
    extensions=[allow(HasPermission(service.HANDLE))],
)
async def follow_up_complaint(info: Info, input: inputs.FollowUpComplaintInput) -> inputs.FollowUpComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await lifecycle.follow_up_complaint(
            session, info.context.runtime, _principal(info), complaint_id, note=input.note
        )
    return inputs.FollowUpComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Report a complaint your agency handles as resolved; the reporter confirms or reopens it.",
    extensions=[allow(HasPermission(service.HANDLE))],
)
async def resolve_complaint(info: Info, input: inputs.ResolveComplaintInput) -> inputs.ResolveComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await lifecycle.resolve_complaint(
            session, info.context.runtime, _principal(info), complaint_id, note=input.note
        )
    return inputs.ResolveComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Write in a complaint's thread: its reporter, the staff of the agency handling it, its verifiers.",
    extensions=[allow(IsAuthenticated())],
)
async def post_complaint_message(
    info: Info, input: inputs.PostComplaintMessageInput
) -> inputs.PostComplaintMessagePayload:
    complaint_id = _complaint_id(input.complaint_id)
    anonymous_reporter = await _acts_as_anonymous_reporter(info, complaint_id)
    _alone(info, anonymous_reporter)
    checked = await _uploads(info, input.attachments, anonymous_reporter=anonymous_reporter)
    principal = _principal(info)
    async with info.context.db() as session:
        row, message = await lifecycle.post_message(
            session, info.context.runtime, principal, complaint_id, text=input.text, attachments=checked
        )
    return inputs.PostComplaintMessagePayload(
        complaint=_build(info, row),
        message=ComplaintMessage.build(message, principal, row),
    )


# -- mutations: the reporter -----------------------------------------------------------------


@strawberry.mutation(
    description="Complete your held complaint; it waits for verification again.", extensions=[allow(CITIZEN)]
)
async def supplement_complaint(info: Info, input: inputs.SupplementComplaintInput) -> inputs.SupplementComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    anonymous_reporter = await _acts_as_anonymous_reporter(info, complaint_id)
    _alone(info, anonymous_reporter)
    checked = await _uploads(info, input.attachments, anonymous_reporter=anonymous_reporter)
    async with info.context.db() as session:
        row = await lifecycle.supplement_complaint(
            session, info.context.runtime, _principal(info), complaint_id, text=input.text, attachments=checked
        )
    return inputs.SupplementComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Reopen your resolved complaint within the reopen period (`CETTAR_PENGADUAN_REOPEN_DAYS` working days).",
    extensions=[allow(CITIZEN)],
)
async def reopen_complaint(info: Info, input: inputs.ReopenComplaintInput) -> inputs.ReopenComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    _alone(info, await _acts_as_anonymous_reporter(info, complaint_id))
    async with info.context.db() as session:
        row = await lifecycle.reopen_complaint(
            session, info.context.runtime, _principal(info), complaint_id, reason=input.reason
        )
    return inputs.ReopenComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Confirm your resolved complaint and rate the handling (1-5); it is closed.",
    extensions=[allow(CITIZEN)],
)
async def close_complaint(info: Info, input: inputs.CloseComplaintInput) -> inputs.CloseComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    _alone(info, await _acts_as_anonymous_reporter(info, complaint_id))
    async with info.context.db() as session:
        row = await lifecycle.close_complaint(
            session, info.context.runtime, _principal(info), complaint_id, rating=input.rating, comment=input.comment
        )
    return inputs.CloseComplaintPayload(complaint=_build(info, row))


# -- mutations: community --------------------------------------------------------------------


@strawberry.mutation(description="Support (ikut melapor) a public complaint, once.", extensions=[allow(CITIZEN)])
async def support_complaint(info: Info, input: inputs.SupportComplaintInput) -> inputs.SupportComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await community.support_complaint(session, info.context.runtime, _principal(info), complaint_id)
    return inputs.SupportComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Report a public complaint as spam or offensive, once; enough reports hide it until moderated.",
    extensions=[allow(CITIZEN)],
)
async def report_complaint(info: Info, input: inputs.ReportComplaintInput) -> inputs.ReportComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    principal = _principal(info)
    async with info.context.db() as session:
        row = await community.flag_complaint(
            session, info.context.runtime, principal, complaint_id, reason=input.reason
        )
        visible = await service.get_complaint(session, complaint_id, runtime=info.context.runtime, principal=principal)
    return inputs.ReportComplaintPayload(complaint=None if visible is None else _build(info, row))


@strawberry.mutation(
    description="Show a hidden complaint again and clear its reports (moderators).",
    extensions=[allow(HasPermission(service.MODERATE))],
)
async def restore_complaint(info: Info, input: inputs.RestoreComplaintInput) -> inputs.RestoreComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await community.moderate_complaint(
            session, info.context.runtime, _principal(info), complaint_id, restore=True, reason=input.note
        )
    return inputs.RestoreComplaintPayload(complaint=_build(info, row))


@strawberry.mutation(
    description="Remove a hidden complaint from the public list; it is still handled (moderators).",
    extensions=[allow(HasPermission(service.MODERATE))],
)
async def remove_complaint(info: Info, input: inputs.RemoveComplaintInput) -> inputs.RemoveComplaintPayload:
    complaint_id = _complaint_id(input.complaint_id)
    async with info.context.db() as session:
        row = await community.moderate_complaint(
            session, info.context.runtime, _principal(info), complaint_id, restore=False, reason=input.reason
        )
    return inputs.RemoveComplaintPayload(complaint=_build(info, row))


# -- node(id:) -------------------------------------------------------------------------------


async def resolve_complaint_nodes(info: Info, keys: Sequence[str]) -> list[Complaint | None]:
    """``node(id:)``: a complaint, or ``None`` when it is missing or you may not see it."""
    ids = [int_key(key) for key in keys]
    principal = _principal(info)
    async with info.context.db() as session:
        rows = await service.visible_complaints(
            session, info.context.runtime, principal, [i for i in ids if i is not None]
        )
    found = {row.id: row for row in rows if row is not None}
    return [Complaint.build(found[i], principal) if i in found else None for i in ids]


async def resolve_message_nodes(info: Info, keys: Sequence[str]) -> list[ComplaintMessage | None]:
    """``node(id:)``: a message of a complaint you may see."""
    ids = [i for i in (int_key(key) for key in keys) if i is not None]
    principal = _principal(info)
    async with info.context.db() as session:
        messages = {
            row.id: row
            for row in (await session.execute(select(MessageRow).where(col(MessageRow.id).in_(ids)))).scalars()
        }
        complaint_ids = sorted({row.complaint_id for row in messages.values()})
        visible = await service.visible_complaints(session, info.context.runtime, principal, complaint_ids)
    complaints_by_id = {row.id: row for row in visible if row is not None}
    result: list[ComplaintMessage | None] = []
    for key in keys:
        message = messages.get(int_key(key))
        parent = complaints_by_id.get(message.complaint_id) if message else None
        if message is None or parent is None:
            result.append(None)
        else:
            result.append(ComplaintMessage.build(message, principal, parent))
    return result
