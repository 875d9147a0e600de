"""Inputs and payloads of the complaint mutations (one ``input`` in, one payload out)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from plugins.pengaduan import models as m
from plugins.pengaduan.types import (
    Complaint,
    ComplaintChannel,
    ComplaintFlagReason,
    ComplaintKind,
    ComplaintMessage,
    ComplaintModeration,
    ComplaintStatus,
)
from schema import Upload

COMPLAINT_ID = "Global ID of the `Complaint`."


@strawberry.input(description="Which complaints to list; every filter is optional and they combine.")
class ComplaintFilter:
    statuses: list[ComplaintStatus] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Any of these statuses."
    )
    categories: list[str] | None = strawberry.field(default=None, description="Any of these category codes.")
    kinds: list[ComplaintKind] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Any of these kinds."
    )
    region_code: str | None = strawberry.field(
        default=None, description="In this region or under it: `35.78` is all of Kota Surabaya."
    )
    agency_code: str | None = strawberry.field(default=None, description="Disposed to this agency now.")
    service_code: str | None = strawberry.field(default=None, description="About this public service.")
    created_after: datetime | None = strawberry.field(default=None, description="Filed at or after (with offset).")
    created_before: datetime | None = strawberry.field(default=None, description="Filed before (with offset).")
    overdue: bool | None = strawberry.field(
        default=None, description="True: only open complaints whose current deadline has passed."
    )
    moderation: list[ComplaintModeration] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Any of these moderation states (moderators: HIDDEN is their queue)."
    )


@strawberry.input(description="File a complaint, an aspiration or a request for information.")
class FileComplaintInput:
    title: str = strawberry.field(description="5 to 150 characters.")
    text: str = strawberry.field(description="What happened, where and when: 20 to 5000 characters.")
    category: str = strawberry.field(description="A code of `complaintCategories`, e.g. `infrastruktur`.")
    region_code: str = strawberry.field(description="The desa/kelurahan it happened in, e.g. `35.01.01.2001`.")
    kind: ComplaintKind = strawberry.field(  # type: ignore[valid-type]
        default=m.ComplaintKind.COMPLAINT, description="COMPLAINT (default), ASPIRATION or INFORMATION_REQUEST."
    )
    agency_code: str | None = strawberry.field(default=None, description="The agency concerned, if you know it.")
    service_code: str | None = strawberry.field(
        default=None, description="The public service concerned (a catalog code, e.g. `adminduk.kk`), if any."
    )
    latitude: float | None = strawberry.field(default=None, description="With `longitude`, inside Jawa Timur.")
    longitude: float | None = strawberry.field(default=None, description="With `latitude`, inside Jawa Timur.")
    channel: ComplaintChannel = strawberry.field(  # type: ignore[valid-type]
        default=m.Channel.APP,
        description="Where it was filed: WEB, APP (default), SMS, WHATSAPP, SOCIAL_MEDIA, COUNTER.",
    )
    anonymous: bool = strawberry.field(
        default=False, description="Hide your identity from everyone, officers too (the complaint may be public)."
    )
    confidential: bool = strawberry.field(default=False, description="Keep the complaint itself out of public view.")
    attachments: list[Upload] | None = strawberry.field(
        default=None, description="Photos or documents (PDF, JPEG, PNG, WebP), at most 10 (multipart request)."
    )
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the complaint the first attempt filed."
    )


@strawberry.type(description="The complaint filed.")
class FileComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="Verify a submitted (or held) complaint and dispose it to the responsible agency.")
class VerifyComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    agency_code: str = strawberry.field(description="The agency it goes to, e.g. `dispendukcapil-3578`.")
    note: str | None = strawberry.field(default=None, description="A note for the agency (shown in the history).")


@strawberry.type(description="The verified and disposed complaint.")
class VerifyComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="A decision on a complaint that needs a reason shown in its history.")
class HoldComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    reason: str = strawberry.field(description="What the reporter must complete.")


@strawberry.type(description="The held complaint.")
class HoldComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="Close a complaint as outside the regional government's authority.")
class MarkComplaintNotOurAuthorityInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    reason: str = strawberry.field(description="Whose authority it is and where to turn.")


@strawberry.type(description="The closed complaint.")
class MarkComplaintNotOurAuthorityPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="Archive a complaint without processing it.")
class ArchiveComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    reason: str = strawberry.field(description="Why: a duplicate, unclear after holding, not a complaint…")


@strawberry.type(description="The archived complaint.")
class ArchiveComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="The reporter completes a held complaint.")
class SupplementComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    text: str = strawberry.field(description="What was missing (at most 5000 characters).")
    attachments: list[Upload] | None = strawberry.field(default=None, description="More photos or documents.")


@strawberry.type(description="The complaint, waiting for verification again.")
class SupplementComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="Forward a complaint to another agency (any kabupaten/kota or the province).")
class ForwardComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    agency_code: str = strawberry.field(description="The agency it goes to, e.g. `dinkes-jatim`.")
    reason: str = strawberry.field(description="Why that agency is responsible.")


@strawberry.type(description="The forwarded complaint.")
class ForwardComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="The agency starts working on a complaint (tindak lanjut).")
class FollowUpComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    note: str = strawberry.field(description="What the agency does about it (shown in the history).")


@strawberry.type(description="The complaint, in progress.")
class FollowUpComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="A message in a complaint's thread.")
class PostComplaintMessageInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    text: str = strawberry.field(description="At most 5000 characters.")
    attachments: list[Upload] | None = strawberry.field(default=None, description="Photos or documents.")


@strawberry.type(description="The message and its complaint.")
class PostComplaintMessagePayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")
    message: ComplaintMessage = strawberry.field(description="The message written.")


@strawberry.input(description="The agency reports a complaint resolved.")
class ResolveComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    note: str = strawberry.field(description="What was done.")


@strawberry.type(description="The resolved complaint.")
class ResolveComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="The reporter reopens a resolved complaint (within the reopen period).")
class ReopenComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    reason: str = strawberry.field(description="What is still not resolved.")


@strawberry.type(description="The reopened complaint.")
class ReopenComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="The reporter confirms the resolution and rates it.")
class CloseComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    rating: int = strawberry.field(description="Satisfaction from 1 (very dissatisfied) to 5 (very satisfied).")
    comment: str | None = strawberry.field(default=None, description="At most 500 characters.")


@strawberry.type(description="The closed complaint.")
class CloseComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="Support (ikut melapor) a public complaint.")
class SupportComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)


@strawberry.type(description="The supported complaint.")
class SupportComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="Report a public complaint as spam or offensive.")
class ReportComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    reason: ComplaintFlagReason = strawberry.field(description="SPAM or OFFENSIVE.")  # type: ignore[valid-type]


@strawberry.type(description="The reported complaint.")
class ReportComplaintPayload:
    complaint: Complaint | None = strawberry.field(
        description="The complaint; null when your report hid it (it waits for a moderator)."
    )


@strawberry.input(description="A moderator shows a hidden complaint again.")
class RestoreComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    note: str | None = strawberry.field(default=None, description="Why it is fine.")


@strawberry.type(description="The restored complaint.")
class RestoreComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.input(description="A moderator removes a hidden complaint from the public list (it is still handled).")
class RemoveComplaintInput:
    complaint_id: strawberry.ID = strawberry.field(description=COMPLAINT_ID)
    reason: str = strawberry.field(description="Why: spam, offensive language…")


@strawberry.type(description="The removed complaint.")
class RemoveComplaintPayload:
    complaint: Complaint = strawberry.field(description="The complaint as it is now.")


@strawberry.type(description="A change to a complaint in your agency's queue.")
class ComplaintQueueEvent:
    action: str = strawberry.field(
        description="What happened: a `ComplaintStepAction` value in lower case (`forwarded`, `reopened`…), "
        "`message` or `supported`."
    )
    complaint: Complaint = strawberry.field(description="The complaint as it is now, as you may see it.")
