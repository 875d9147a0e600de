"""GraphQL types of complaints.

No type here holds an account: the reporter appears only as ``isMine`` (true for the
reporter alone) and ``reporterName`` (null for an anonymous complaint, whoever asks),
staff only as a name and an agency. Every object is built for one viewer
(``viewer``), so what a field shows depends on who asks, the same in a list, a nested
field, ``node(id:)`` and a subscription.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from sqlalchemy import select
from sqlmodel import col

from core.auth import Principal
from core.calendar import today
from core.errors import CettarError
from core.identity.models import Account as AccountRow
from core.pagination import encode_cursor
from core.regions.models import Agency as AgencyRow
from core.regions.models import Region as RegionRow
from plugins.pengaduan import loaders
from plugins.pengaduan import models as m
from plugins.pengaduan.categories import Category, category
from plugins.pengaduan.models import Complaint as ComplaintRow
from plugins.pengaduan.routes import download_url
from plugins.pengaduan.service import OPEN_STATUSES, VERIFY, is_public, is_reporter
from plugins.pengaduan.settings import settings_of
from schema import Connection, Edge, Info, Node, PageInfo, encode_global_id, paginate, row_loader

ComplaintStatus = strawberry.enum(
    m.ComplaintStatus,
    name="ComplaintStatus",
    description="Where a complaint stands (SP4N-LAPOR!). Open: SUBMITTED, HELD, DISPOSED, IN_PROGRESS, REOPENED; "
    "closed: RESOLVED (may still be reopened), CLOSED, NOT_OUR_AUTHORITY, ARCHIVED.",
)
ComplaintKind = strawberry.enum(
    m.ComplaintKind,
    name="ComplaintKind",
    description="A complaint (pengaduan), an aspiration (aspirasi) or a request for information.",
)
ComplaintChannel = strawberry.enum(
    m.Channel, name="ComplaintChannel", description="Where the complaint came in; API is an integrator (Open311)."
)
ComplaintModeration = strawberry.enum(
    m.ModerationState,
    name="ComplaintModeration",
    description="Community moderation: VISIBLE; HIDDEN after enough citizens reported it; REMOVED by a moderator.",
)
ComplaintActorKind = strawberry.enum(
    m.ActorKind,
    name="ComplaintActorKind",
    description="Who took a step or wrote a message: the REPORTER (never named), STAFF, or the SYSTEM (a job).",
)
ComplaintStepAction = strawberry.enum(
    m.StepAction, name="ComplaintStepAction", description="What a step of the complaint's history did."
)
ComplaintFlagReason = strawberry.enum(
    m.FlagReason, name="ComplaintFlagReason", description="Why a citizen reports a public complaint."
)


def _english(info: Info) -> bool:
    return info.context.language == "en"


@strawberry.type(description="A complaint category (kategori laporan).")
class ComplaintCategory:
    code: str = strawberry.field(description="Stable code, e.g. `administrasi_kependudukan`.")
    name_id: str = strawberry.field(description="Name in Bahasa Indonesia.")
    name_en: str = strawberry.field(description="Name in English.")
    description_id: str = strawberry.field(description="What it covers, in Bahasa Indonesia.")
    description_en: str = strawberry.field(description="What it covers, in English.")

    @strawberry.field(description="Name in the language of `Accept-Language`.")
    def name(self, info: Info) -> str:
        return self.name_en if _english(info) else self.name_id

    @classmethod
    def build(cls, c: Category) -> ComplaintCategory:
        return cls(
            code=c.code,
            name_id=c.name_id,
            name_en=c.name_en,
            description_id=c.description_id,
            description_en=c.description_en,
        )


@strawberry.type(description="An agency a complaint concerns (fetch the full `Agency` with `node(id: agencyId)`).")
class ComplaintAgency:
    agency_id: strawberry.ID = strawberry.field(description="Global ID of the `Agency`.")
    code: str = strawberry.field(description="Agency code, e.g. `dispendukcapil-3578`.")
    name: str = strawberry.field(description="Agency name.")

    @classmethod
    def build(cls, row: AgencyRow) -> ComplaintAgency:
        return cls(agency_id=strawberry.ID(encode_global_id("Agency", row.code)), code=row.code, name=row.name)


async def _agency(info: Info, agency_id: int | None) -> ComplaintAgency | None:
    if agency_id is None:
        return None
    row = await row_loader(info, AgencyRow).load(agency_id)
    return ComplaintAgency.build(row) if row else None


async def _staff_name(info: Info, account_id: int | None) -> str | None:
    if account_id is None:
        return None
    row = await row_loader(info, AccountRow).load(account_id)
    return row.name if row else None


async def involved(info: Info, viewer: Principal, row: ComplaintRow) -> bool:
    """Whether ``viewer`` reads ``row`` for who they are, not only because it is public: its reporter, the staff
    of the agencies it was disposed to, its verifiers (its unit's, the province unit's), the province admin —
    those who may see a named reporter's name and download the files. With the page's loaders, no query of its own.
    """
    if is_reporter(viewer, row) or viewer.is_province_admin:
        return True
    if not viewer.is_staff or viewer.agency_id is None:
        return False
    if viewer.agency_id in {d.agency_id for d in await loaders.dispositions(info).load(row.id or 0)}:
        return True
    if not viewer.has(VERIFY):
        return False
    if viewer.in_agency(row.unit_agency_id):
        return True
    own = await row_loader(info, AgencyRow).load(viewer.agency_id)
    return own is not None and own.code == settings_of(info.context.runtime).province_unit


@strawberry.type(description="A file attached to a complaint or to a message (checked by its content).")
class ComplaintAttachment:
    filename: str = strawberry.field(
        description="The file's name; `lampiran-<n>.<ext>` for an anonymous reporter's files."
    )
    content_type: str = strawberry.field(description="The type its content shows: application/pdf, image/jpeg…")
    size: int = strawberry.field(description="Bytes.")
    sha256: str = strawberry.field(description="SHA-256 of the content (its storage key).")
    created_at: datetime = strawberry.field(description="When it was attached.")
    download_url: str = strawberry.field(
        description="Where to GET the file with your bearer token: for the reporter, the staff of the agencies "
        "it was disposed to, its verifiers and the province admin (others get 404)."
    )

    @classmethod
    def build(cls, row: m.ComplaintAttachment) -> ComplaintAttachment:
        assert row.id is not None
        return cls(
            download_url=download_url(row.id),
            filename=row.filename,
            content_type=row.content_type,
            size=row.size,
            sha256=row.key,
            created_at=row.created_at,
        )


@strawberry.type(description="One step of a complaint's history: what, when, by whom (never the reporter's name), why.")
class ComplaintStep:
    action: ComplaintStepAction = strawberry.field(description="What the step did.")  # type: ignore[valid-type]
    from_status: ComplaintStatus | None = strawberry.field(  # type: ignore[valid-type]
        description="The status before; null for the filing."
    )
    to_status: ComplaintStatus = strawberry.field(description="The status after.")  # type: ignore[valid-type]
    actor_kind: ComplaintActorKind = strawberry.field(  # type: ignore[valid-type]
        description="REPORTER, STAFF or SYSTEM."
    )
    escalation_level: int | None = strawberry.field(
        description="For ESCALATED: 1 agency admin / complaint unit, 2 province admin."
    )
    reason: str | None = strawberry.field(description="Why: the officer's note, the reason to hold, to forward…")
    at: datetime = strawberry.field(description="When it was taken.")
    row: strawberry.Private[m.ComplaintStep]
    viewer_is_staff: strawberry.Private[bool]

    @classmethod
    def build(cls, row: m.ComplaintStep, viewer: Principal) -> ComplaintStep:
        return cls(
            action=row.action,
            from_status=row.from_status,
            to_status=row.to_status,
            actor_kind=row.actor_kind,
            escalation_level=row.escalation_level,
            reason=row.reason,
            at=row.at,
            row=row,
            viewer_is_staff=viewer.is_staff or viewer.is_province_admin,
        )

    @strawberry.field(description="The agency of the officer who took it; null for the reporter and the system.")
    async def actor_agency(self, info: Info) -> ComplaintAgency | None:
        return await _agency(info, self.row.actor_agency_id)

    @strawberry.field(
        description="The officer who took it, for staff viewers only; always null for the reporter and the system."
    )
    async def actor_name(self, info: Info) -> str | None:
        if not self.viewer_is_staff or self.row.actor_kind is not m.ActorKind.STAFF:
            return None
        return await _staff_name(info, self.row.actor_account_id)

    @strawberry.field(description="The agency it was disposed, forwarded or escalated to, if any.")
    async def agency(self, info: Info) -> ComplaintAgency | None:
        return await _agency(info, self.row.agency_id)


@strawberry.type(description="A disposition to an agency; a complaint's list of them is its forwarding history.")
class ComplaintDisposition:
    seq: int = strawberry.field(description="1 for the first disposition, 2, 3… for each forwarding.")
    reason: str | None = strawberry.field(description="The note or the reason to forward.")
    at: datetime = strawberry.field(description="When it was disposed.")
    row: strawberry.Private[m.ComplaintDisposition]

    @classmethod
    def build(cls, row: m.ComplaintDisposition) -> ComplaintDisposition:
        return cls(seq=row.seq, reason=row.reason, at=row.at, row=row)

    @strawberry.field(description="The agency it went to.")
    async def agency(self, info: Info) -> ComplaintAgency:
        found = await _agency(info, self.row.agency_id)
        assert found is not None
        return found

    @strawberry.field(description="The agency it came from; null for the first disposition.")
    async def from_agency(self, info: Info) -> ComplaintAgency | None:
        return await _agency(info, self.row.from_agency_id)


@strawberry.type(description="A message in the thread between the handling officers and the reporter.")
class ComplaintMessage(Node):
    author_kind: ComplaintActorKind = strawberry.field(  # type: ignore[valid-type]
        description="REPORTER (never named) or STAFF."
    )
    text: str = strawberry.field(description="The message.")
    created_at: datetime = strawberry.field(description="When it was written.")
    is_mine: bool = strawberry.field(description="Whether you wrote it.")
    row: strawberry.Private[m.ComplaintMessage]
    complaint: strawberry.Private[ComplaintRow]
    viewer: strawberry.Private[Principal]
    viewer_is_staff: strawberry.Private[bool]

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def build(cls, row: m.ComplaintMessage, viewer: Principal, complaint: ComplaintRow) -> ComplaintMessage:
        reporter = is_reporter(viewer, complaint)
        mine = reporter if row.author_kind is m.ActorKind.REPORTER else viewer.owns(row.author_account_id)
        return cls(
            author_kind=row.author_kind,
            text=row.text,
            created_at=row.created_at,
            is_mine=mine,
            row=row,
            complaint=complaint,
            viewer=viewer,
            viewer_is_staff=viewer.is_staff or viewer.is_province_admin,
        )

    @strawberry.field(description="The officer's agency; null for the reporter.")
    async def author_agency(self, info: Info) -> ComplaintAgency | None:
        return await _agency(info, self.row.author_agency_id)

    @strawberry.field(description="The officer who wrote it, for staff viewers; always null for the reporter.")
    async def author_name(self, info: Info) -> str | None:
        if not self.viewer_is_staff or self.row.author_kind is not m.ActorKind.STAFF:
            return None
        return await _staff_name(info, self.row.author_account_id)

    @strawberry.field(
        description="Files attached to this message: for those who may download them (see "
        "`Complaint.attachments`); empty for everyone else."
    )
    async def attachments(self, info: Info) -> list[ComplaintAttachment]:
        if not await involved(info, self.viewer, self.complaint):
            return []
        rows = await loaders.message_attachments(info).load(self.row.id or 0)
        return [ComplaintAttachment.build(r) for r in rows]


@strawberry.type(
    description="A complaint, an aspiration or a request for information (SP4N-LAPOR!). "
    "The reporter's identity is never shown for an anonymous complaint, to anyone."
)
class Complaint(Node):
    tracking_number: str = strawberry.field(description="`ADU-XXXX-XXXX`: the number to read out and track it by.")
    kind: ComplaintKind = strawberry.field(  # type: ignore[valid-type]
        description="A complaint, an aspiration or a request for information."
    )
    title: str = strawberry.field(description="A short summary, as the reporter wrote it.")
    text: str = strawberry.field(description="What happened, where and when, as the reporter wrote it.")
    status: ComplaintStatus = strawberry.field(description="Where it stands.")  # type: ignore[valid-type]
    channel: ComplaintChannel = strawberry.field(description="Where it came in.")  # type: ignore[valid-type]
    anonymous: bool = strawberry.field(description="The reporter's identity is hidden from everyone, officers too.")
    confidential: bool = strawberry.field(
        description="Not public: only the reporter, the agencies it was disposed to and its verifiers see it."
    )
    moderation: ComplaintModeration = strawberry.field(  # type: ignore[valid-type]
        description="VISIBLE, or HIDDEN/REMOVED by community moderation."
    )
    support_count: int = strawberry.field(description="Citizens who support it (ikut melapor).")
    region_code: str = strawberry.field(description="The desa/kelurahan, e.g. `35.78.01.1001`.")
    latitude: float | None = strawberry.field(description="Where it happened (WGS 84), if the reporter said.")
    longitude: float | None = strawberry.field(description="Where it happened (WGS 84), if the reporter said.")
    service_code: str | None = strawberry.field(description="The public service concerned, if the reporter named one.")
    created_at: datetime = strawberry.field(description="When it was filed.")
    updated_at: datetime = strawberry.field(description="When anything about it last changed (a step, a message).")
    status_changed_at: datetime = strawberry.field(description="When its status last changed.")
    verified_at: datetime | None = strawberry.field(description="When the complaint unit verified it.")
    disposed_at: datetime | None = strawberry.field(description="When it was last disposed or forwarded.")
    followed_up_at: datetime | None = strawberry.field(description="When the agency first followed it up.")
    first_answered_at: datetime | None = strawberry.field(description="When an officer first replied in the thread.")
    resolved_at: datetime | None = strawberry.field(description="When the agency last reported it resolved.")
    closed_at: datetime | None = strawberry.field(
        description="When it was closed: confirmed, refused, archived or closed after the reopen period."
    )
    due_on: date | None = strawberry.field(
        description="The WIB date by which the current step must be done (verification, follow-up, resolution), "
        "or the last day to reopen a RESOLVED complaint."
    )
    escalation_level: int = strawberry.field(
        description="0 on time; 1 escalated to the agency admin (or complaint unit); 2 to the province admin."
    )
    reopen_count: int = strawberry.field(description="How many times the reporter reopened it.")
    rating: int | None = strawberry.field(description="Satisfaction 1-5 the reporter gave when closing it.")
    rating_comment: str | None = strawberry.field(description="The reporter's comment with the rating.")
    is_mine: bool = strawberry.field(description="Whether you filed it (true for its reporter only).")
    row: strawberry.Private[ComplaintRow]
    viewer: strawberry.Private[Principal]

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def build(cls, row: ComplaintRow, viewer: Principal) -> Complaint:
        return cls(
            tracking_number=row.tracking_number,
            kind=row.kind,
            title=row.title,
            text=row.text,
            status=row.status,
            channel=row.channel,
            anonymous=row.anonymous,
            confidential=row.confidential,
            moderation=row.moderation,
            support_count=row.support_count,
            region_code=row.region_code,
            latitude=row.latitude,
            longitude=row.longitude,
            service_code=row.service_code,
            created_at=row.created_at,
            updated_at=row.updated_at,
            status_changed_at=row.status_changed_at,
            verified_at=row.verified_at,
            disposed_at=row.disposed_at,
            followed_up_at=row.followed_up_at,
            first_answered_at=row.first_answered_at,
            resolved_at=row.resolved_at,
            closed_at=row.closed_at,
            due_on=row.due_on,
            escalation_level=row.escalation_level,
            reopen_count=row.reopen_count,
            rating=row.rating,
            rating_comment=row.rating_comment,
            is_mine=is_reporter(viewer, row),
            row=row,
            viewer=viewer,
        )

    @strawberry.field(description="Open (someone on the government side must act) or closed, as Open311 counts it.")
    def is_open(self) -> bool:
        return self.row.status in OPEN_STATUSES

    @strawberry.field(description="Whether everyone can see it: not confidential, verified, not hidden.")
    def is_public(self) -> bool:
        return is_public(self.row)

    @strawberry.field(description="Whether the current step's deadline has passed (WIB).")
    def overdue(self) -> bool:
        return self.row.status in OPEN_STATUSES and self.row.due_on is not None and self.row.due_on < today()

    @strawberry.field(description="Its category.")
    def category(self) -> ComplaintCategory:
        found = category(self.row.category)
        if found is None:  # a category removed from the list after filing
            return ComplaintCategory(
                code=self.row.category,
                name_id=self.row.category,
                name_en=self.row.category,
                description_id="",
                description_en="",
            )
        return ComplaintCategory.build(found)

    @strawberry.field(description="Name of its desa/kelurahan.")
    async def region_name(self, info: Info) -> str:
        region = await row_loader(info, RegionRow).load(self.row.region_code)
        return region.name if region else self.row.region_code

    @strawberry.field(description="The agency it is disposed to now; null before verification.")
    async def agency(self, info: Info) -> ComplaintAgency | None:
        return await _agency(info, self.row.agency_id)

    @strawberry.field(description="The agency the reporter named (or that offers the service named), if any.")
    async def requested_agency(self, info: Info) -> ComplaintAgency | None:
        return await _agency(info, self.row.requested_agency_id)

    @strawberry.field(description="The complaint unit that verifies it (the Diskominfo of its kabupaten/kota).")
    async def unit_agency(self, info: Info) -> ComplaintAgency:
        found = await _agency(info, self.row.unit_agency_id)
        assert found is not None
        return found

    @strawberry.field(
        description="The reporter's name: null for an anonymous complaint whoever asks; otherwise shown to the "
        "reporter, the staff of the agencies it was disposed to, its verifiers and the province admin."
    )
    async def reporter_name(self, info: Info) -> str | None:
        row = self.row
        if row.anonymous or not await involved(info, self.viewer, row):
            return None
        if row.reporter_account_id is not None:
            account = await row_loader(info, AccountRow).load(row.reporter_account_id)
            return account.name if account else None
        external = await row_loader(info, m.ExternalReporterRow).load(row.id)
        if external is None:
            return None
        return " ".join(p for p in (external.first_name, external.last_name) if p) or None

    @strawberry.field(description="Whether you support it; null when you are not signed in.")
    async def supported_by_me(self, info: Info) -> bool | None:
        if self.viewer.account_id is None:
            return None
        return await loaders.supported_by_me(info).load(self.row.id or 0)

    @strawberry.field(
        description="Files the reporter attached when filing or completing it: for those who may download them "
        "(the reporter, the staff of the agencies it was disposed to, its verifiers, the province admin); "
        "empty for everyone else."
    )
    async def attachments(self, info: Info) -> list[ComplaintAttachment]:
        if not await involved(info, self.viewer, self.row):
            return []
        rows = await loaders.complaint_attachments(info).load(self.row.id or 0)
        return [ComplaintAttachment.build(r) for r in rows if r.message_id is None]

    @strawberry.field(description="Its history, oldest first: every step, who (never the reporter), when and why.")
    async def steps(self, info: Info) -> list[ComplaintStep]:
        rows = await loaders.steps(info).load(self.row.id or 0)
        return [ComplaintStep.build(r, self.viewer) for r in rows]

    @strawberry.field(description="Every disposition, oldest first: the agencies it went to and why.")
    async def dispositions(self, info: Info) -> list[ComplaintDisposition]:
        rows = await loaders.dispositions(info).load(self.row.id or 0)
        return [ComplaintDisposition.build(r) for r in rows]

    @strawberry.field(
        description="The thread between the handling officers and the reporter, oldest first. A first page "
        "(`first` alone) is loaded for a whole list of complaints at once; page on with `after`."
    )
    async def messages(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ComplaintMessage]:
        viewer, complaint = self.viewer, self.row
        complaint_id = self.row.id or 0
        if after is None and before is None and last is None:
            return await _first_messages(info, complaint, first, viewer)
        return await paginate(
            info,
            select(m.ComplaintMessage).where(col(m.ComplaintMessage.complaint_id) == complaint_id),
            [m.ComplaintMessage.id],
            key_of=lambda r: (r.id,),
            convert=lambda r: ComplaintMessage.build(r, viewer, complaint),
            first=first,
            after=after,
            last=last,
            before=before,
        )


async def _first_messages(
    info: Info, complaint: ComplaintRow, first: int | None, viewer: Principal
) -> Connection[ComplaintMessage]:
    """The first page of a thread through the page-wide loaders (the same page and cursors as ``paginate``)."""
    settings = info.context.runtime.settings
    if first is not None and first < 0:
        raise CettarError(
            "VALIDATION_FAILED",
            field="first",
            message_en="first must not be negative.",
            message_id="first tidak boleh negatif.",
        )
    if first is not None and first > settings.max_page_size:
        raise CettarError("PAGE_SIZE_EXCEEDED", field="first", max=settings.max_page_size)
    size = first if first is not None else min(settings.default_page_size, settings.max_page_size)
    complaint_id = complaint.id or 0
    rows = await loaders.first_messages(info, size).load(complaint_id) if size else []
    page = rows[:size]
    edges = [Edge(cursor=encode_cursor((r.id,)), node=ComplaintMessage.build(r, viewer, complaint)) for r in page]

    async def count() -> int:
        return await loaders.message_counts(info).load(complaint_id)

    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > size,
            has_previous_page=False,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )
