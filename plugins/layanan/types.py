"""GraphQL types of applications: the private view (applicant and agency staff) and the public tracking view.

What a viewer sees is decided once, when the object is built for them (see
:mod:`plugins.layanan.access`): answers, attachments, address and reasons only for the
applicant and the processing agency's staff; internal notes and officer names only for
that staff. Every relation is loaded through a per-request DataLoader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import cast

import strawberry
from strawberry.scalars import JSON

from core import calendar
from core.access import may_see_personal_data
from core.auth import Principal
from core.identity.models import Account as AccountRow
from core.identity.models import Citizen as CitizenRow
from core.identity.permissions import VIEW_PERSONAL_DATA
from core.identity.validators import mask_nik
from core.regions.models import Region as RegionRow
from core.services import Delivery
from plugins.layanan import service as domain
from plugins.layanan.access import is_agency_staff, may_process, may_see_personal
from plugins.layanan.catalog_types import (
    DeliveryMethod,
    Service,
    ServiceAgency,
    ServiceFee,
    load_agency,
    service_of,
)
from plugins.layanan.models import Application as ApplicationRow
from plugins.layanan.models import Attachment as AttachmentRow
from plugins.layanan.models import HomeDelivery as DeliveryRow
from plugins.layanan.models import TimelineEntry as TimelineRow
from plugins.layanan.routes import download_url
from plugins.layanan.workflow import RUNNING, Actor, ApplicationStatus, CourierStatus, TimelineKind, targets_from
from schema import Info, Node, encode_global_id, group_loader, row_loader

ApplicationStatusEnum = strawberry.enum(
    ApplicationStatus,
    name="ApplicationStatus",
    description="Where an application is: SUBMITTED → VERIFIED → IN_PROCESS → READY → PICKED_UP or DELIVERED; "
    "or NEEDS_REVISION (back to the citizen), REJECTED, CANCELLED.",
)
CourierStatusEnum = strawberry.enum(CourierStatus, name="CourierStatus", description="Where a home delivery is.")
TimelineKindEnum = strawberry.enum(TimelineKind, name="TimelineEntryKind", description="What a timeline entry records.")


class UpdateKind(StrEnum):
    SUBMITTED = "submitted"
    STATUS_CHANGED = "status_changed"
    CLAIMED = "claimed"
    NOTE_ADDED = "note_added"
    DELIVERY_UPDATED = "delivery_updated"


UpdateKindEnum = strawberry.enum(UpdateKind, name="ApplicationUpdateKind", description="What changed.")


@dataclass(frozen=True)
class Preloaded:
    """An application's changing relations, read in one session (subscriptions live longer than a request)."""

    timeline: list[TimelineRow]
    attachments: list[AttachmentRow]
    delivery: DeliveryRow | None


def _working_days_left(row: ApplicationRow) -> int | None:
    if row.status not in RUNNING:
        return None
    today = domain.today()
    if today <= row.due_date:
        return calendar.working_days_between(today, row.due_date)
    return -calendar.working_days_between(row.due_date, today)


async def _account_name(info: Info, account_id: int | None) -> str | None:
    if account_id is None:
        return None
    row = await row_loader(info, AccountRow).load(account_id)
    return row.name if row else None


@strawberry.type(description="A file attached to an application (personal data: applicant and agency staff only).")
class ApplicationAttachment(Node):
    row: strawberry.Private[AttachmentRow]
    filename: str = strawberry.field(description="The name it was uploaded with.")
    content_type: str = strawberry.field(
        description="The type its content shows (not its name), e.g. `application/pdf`."
    )
    size: int = strawberry.field(description="Bytes.")
    round: int = strawberry.field(description="0: sent with the application; n: with its n-th resubmission.")
    uploaded_at: datetime
    sha256: str = strawberry.field(description="SHA-256 of the content.")
    withdrawn: bool = strawberry.field(description="The applicant withdrew it in a resubmission.")

    def node_key(self) -> str:
        assert self.row.id is not None
        return str(self.row.id)

    @strawberry.field(
        description="Where to download it (GET with your bearer token): for the applicant and the agency's staff."
    )
    def download_url(self) -> str:
        return download_url(encode_global_id("ApplicationAttachment", self.node_key()))

    @classmethod
    def from_row(cls, row: AttachmentRow) -> ApplicationAttachment:
        return cls(
            row=row,
            filename=row.filename,
            content_type=row.content_type,
            size=row.size,
            round=row.round,
            uploaded_at=row.uploaded_at,
            sha256=row.storage_key,
            withdrawn=row.withdrawn_at is not None,
        )


@strawberry.type(description="The home delivery of an application's product: address, courier and receipt.")
class HomeDelivery:
    row: strawberry.Private[DeliveryRow]
    recipient_name: str
    street: str = strawberry.field(description="Street, number, RT/RW.")
    region_code: str = strawberry.field(description="The desa/kelurahan, e.g. `35.78.01.1001`.")
    postal_code: str | None
    note: str | None = strawberry.field(description="Directions for the courier.")
    status: CourierStatusEnum  # type: ignore[valid-type]
    courier: str | None = strawberry.field(description="The courier company, e.g. `PT Pos Indonesia`.")
    courier_tracking_number: str | None = strawberry.field(description="The courier's own tracking number (resi).")
    updated_at: datetime
    delivered_at: datetime | None
    received_by: str | None = strawberry.field(description="Who received it at the door.")

    @classmethod
    def build(cls, row: DeliveryRow) -> HomeDelivery:
        return cls(
            row=row,
            recipient_name=row.recipient_name,
            street=row.street,
            region_code=row.region_code,
            postal_code=row.postal_code,
            note=row.note,
            status=row.status,
            courier=row.courier,
            courier_tracking_number=row.courier_tracking_number,
            updated_at=row.updated_at,
            delivered_at=row.delivered_at,
            received_by=row.received_by,
        )

    @strawberry.field(description="The recipient's phone number in E.164.")
    def phone(self) -> str:
        return self.row.phone

    @strawberry.field(description="The name of the desa/kelurahan.")
    async def region_name(self, info: Info) -> str | None:
        region = await row_loader(info, RegionRow).load(self.row.region_code)
        return region.name if region else None


@strawberry.type(description="Something that happened to an application: what, when, by whom (role) and why.")
class ApplicationTimelineEntry:
    row: strawberry.Private[TimelineRow]
    staff: strawberry.Private[bool]
    kind: TimelineKindEnum  # type: ignore[valid-type]
    at: datetime
    from_status: ApplicationStatusEnum | None  # type: ignore[valid-type]
    to_status: ApplicationStatusEnum | None  # type: ignore[valid-type]
    courier_status: CourierStatusEnum | None = strawberry.field(  # type: ignore[valid-type]
        description="For DELIVERY_UPDATED: where the delivery is."
    )
    actor_role: str = strawberry.field(description="`citizen`, `officer`, `agency_admin` or `system`.")
    text: str | None = strawberry.field(
        description="The reason of a revision request, rejection or cancellation, or an internal note."
    )

    @classmethod
    def build(cls, row: TimelineRow, *, staff: bool, personal: bool) -> ApplicationTimelineEntry:
        """``personal``: the viewer may read reasons (applicant, agency staff); ``staff``: officer names."""
        return cls(
            row=row,
            staff=staff,
            kind=row.kind,
            at=row.at,
            from_status=row.from_status,
            to_status=row.to_status,
            courier_status=row.courier_status,
            actor_role=row.actor_role,
            text=row.text if personal else None,
        )

    @strawberry.field(description="The officer's name: for the processing agency's staff only (null for others).")
    async def actor_name(self, info: Info) -> str | None:
        return await _account_name(info, self.row.actor_id) if self.staff else None


@strawberry.type(description="An application for a public service, as its applicant and the processing agency see it.")
class Application(Node):
    row: strawberry.Private[ApplicationRow]
    viewer: strawberry.Private[Principal]
    personal: strawberry.Private[bool]
    staff: strawberry.Private[bool]
    preloaded: strawberry.Private[Preloaded | None]
    tracking_number: str = strawberry.field(
        description="`LYN-XXXXX-XXXXX-C`: read it out, track it with `trackApplication`."
    )
    service_code: str = strawberry.field(description="The service applied for, e.g. `adminduk.kk`.")
    status: ApplicationStatusEnum  # type: ignore[valid-type]
    submitted_at: datetime
    updated_at: datetime
    due_date: date = strawberry.field(
        description="Last working day to be ready (WIB): the service's time limit counted in working days from the "
        "submission — or from the latest resubmission after a revision."
    )
    ready_at: datetime | None = strawberry.field(description="When it became READY.")
    closed_at: datetime | None = strawberry.field(
        description="When it was picked up, delivered, rejected or cancelled."
    )
    time_limit_days: int = strawberry.field(description="The service's time limit at submission, in working days.")
    fee: int = strawberry.field(
        description="What this application costs, in rupiah, fixed at submission: for a service whose fee depends "
        "on the answers (`standard.feeVaries`), the fee of these answers. See `feeDetails` for its legal basis."
    )
    delivery_method: DeliveryMethod  # type: ignore[valid-type]
    region_code: str | None = strawberry.field(description="The region the application belongs to.")
    revision_count: int = strawberry.field(description="How many times it was resubmitted after a revision.")

    def node_key(self) -> str:
        assert self.row.id is not None
        return str(self.row.id)

    @classmethod
    def build(cls, row: ApplicationRow, viewer: Principal, preloaded: Preloaded | None = None) -> Application:
        return cls(
            row=row,
            viewer=viewer,
            personal=may_see_personal(viewer, row),
            staff=is_agency_staff(viewer, row),
            preloaded=preloaded,
            tracking_number=row.tracking_number,
            service_code=row.service_code,
            status=row.status,
            submitted_at=row.submitted_at,
            updated_at=row.updated_at,
            due_date=row.due_date,
            ready_at=row.ready_at,
            closed_at=row.closed_at,
            time_limit_days=row.time_limit_days,
            fee=row.fee_amount,
            delivery_method=row.delivery_method,
            region_code=row.region_code,
            revision_count=row.revision_count,
        )

    @strawberry.field(description="The service (null if the plugin offering it is no longer enabled).")
    def service(self, info: Info) -> Service | None:
        return service_of(info, self.row.service_code)

    @strawberry.field(description="The agency processing it.")
    async def agency(self, info: Info) -> ServiceAgency | None:
        return await load_agency(info, self.row.agency_id)

    @strawberry.field(
        description="This application's fee as fixed at submission (or at a resubmission with other answers): the "
        "amount, the regulation that sets it and how it is paid. The texts are empty for applications submitted "
        "before fees were recorded per application."
    )
    def fee_details(self) -> ServiceFee:
        return ServiceFee(
            amount=self.row.fee_amount,
            legal_basis=self.row.fee_legal_basis,
            description_id=self.row.fee_description_id,
            description_en=self.row.fee_description_en,
        )

    @strawberry.field(
        description="True while the agency has it (SUBMITTED, VERIFIED, IN_PROCESS) and today (WIB) is after its due date."
    )
    def overdue(self) -> bool:
        return domain.is_overdue(self.row)

    @strawberry.field(
        description="Working days from today (WIB) to the due date while the clock runs; negative when overdue; "
        "null otherwise."
    )
    def working_days_left(self) -> int | None:
        return _working_days_left(self.row)

    @strawberry.field(description="Whether it was ready by its due date; null until it is ready.")
    def completed_on_time(self) -> bool | None:
        if self.row.ready_at is None:
            return None
        return calendar.local_date(self.row.ready_at) <= self.row.due_date

    @strawberry.field(
        description="The reason of the latest revision request, rejection or cancellation (personal data)."
    )
    def status_reason(self) -> str | None:
        return self.row.status_reason if self.personal else None

    @strawberry.field(description="The form answers, by field code (personal data: null for anyone else).")
    def answers(self) -> JSON | None:
        return cast(JSON, self.row.answers) if self.personal else None

    @strawberry.field(description="The applicant's name (personal data).")
    async def applicant_name(self, info: Info) -> str | None:
        return await _account_name(info, self.row.applicant_id) if self.personal else None

    @strawberry.field(
        description="The applicant's NIK (personal data), masked unless you hold `identity.personal_data.view`."
    )
    async def applicant_nik(self, info: Info) -> str | None:
        if not self.personal:
            return None
        citizen = await row_loader(info, CitizenRow).load(self.row.applicant_id)
        if citizen is None:
            return None
        reveal = may_see_personal_data(
            self.viewer,
            owner_id=self.row.applicant_id,
            handling_agency_id=self.row.agency_id,
            permission=VIEW_PERSONAL_DATA,
        )
        return citizen.nik if reveal else mask_nik(citizen.nik)

    @strawberry.field(description="The officer handling it (agency staff only).")
    async def assigned_officer_name(self, info: Info) -> str | None:
        return await _account_name(info, self.row.assigned_officer_id) if self.staff else None

    async def _timeline(self, info: Info) -> list[TimelineRow]:
        if self.preloaded is not None:
            return self.preloaded.timeline
        loader = group_loader(info, TimelineRow, TimelineRow.application_id, order_by=[TimelineRow.id])
        return await loader.load(self.row.id)

    @strawberry.field(
        description="What happened, oldest first. Internal notes and officer names only for the agency's staff; "
        "reasons only for the applicant and the staff."
    )
    async def timeline(self, info: Info) -> list[ApplicationTimelineEntry]:
        rows = await self._timeline(info)
        shown = [r for r in rows if self.staff or r.kind is not TimelineKind.NOTE]
        return [ApplicationTimelineEntry.build(r, staff=self.staff, personal=self.personal) for r in shown]

    @strawberry.field(description="The attached files (personal data: null for anyone else).")
    async def attachments(self, info: Info, include_withdrawn: bool = False) -> list[ApplicationAttachment] | None:
        if not self.personal:
            return None
        if self.preloaded is not None:
            rows = self.preloaded.attachments
        else:
            loader = group_loader(info, AttachmentRow, AttachmentRow.application_id, order_by=[AttachmentRow.id])
            rows = await loader.load(self.row.id)
        return [ApplicationAttachment.from_row(r) for r in rows if include_withdrawn or r.withdrawn_at is None]

    @strawberry.field(description="The home delivery (personal data); null for pickup and for anyone else.")
    async def delivery(self, info: Info) -> HomeDelivery | None:
        if not self.personal:
            return None
        if self.preloaded is not None:
            row = self.preloaded.delivery
        else:
            row = await row_loader(info, DeliveryRow).load(self.row.id)
        return HomeDelivery.build(row) if row else None

    @strawberry.field(description="The statuses you may move it to now (with `transitionApplication` and friends).")
    def next_statuses(self) -> list[ApplicationStatusEnum]:  # type: ignore[valid-type]
        if self.viewer.owns(self.row.applicant_id):
            actor = Actor.APPLICANT
        elif may_process(self.viewer, self.row):
            actor = Actor.STAFF
        else:
            return []
        targets = targets_from(self.row.status, actor)
        if self.row.delivery_method is not Delivery.HOME_DELIVERY:
            targets = [t for t in targets if t is not ApplicationStatus.DELIVERED]
        return targets


@strawberry.type(description="One status change in the public tracking view: what and when, nothing personal.")
class TrackedStatus:
    status: ApplicationStatusEnum  # type: ignore[valid-type]
    at: datetime


@strawberry.type(
    description="What anyone holding the tracking number may see: the service, the status and its history, the due "
    "date. No answers, no names, no reasons."
)
class TrackedApplication:
    row: strawberry.Private[ApplicationRow]
    tracking_number: str
    service_code: str
    status: ApplicationStatusEnum  # type: ignore[valid-type]
    submitted_at: datetime
    due_date: date = strawberry.field(description="Last working day to be ready (WIB).")
    delivery_method: DeliveryMethod  # type: ignore[valid-type]

    @classmethod
    def from_row(cls, row: ApplicationRow) -> TrackedApplication:
        return cls(
            row=row,
            tracking_number=row.tracking_number,
            service_code=row.service_code,
            status=row.status,
            submitted_at=row.submitted_at,
            due_date=row.due_date,
            delivery_method=row.delivery_method,
        )

    @strawberry.field(description="The service applied for.")
    def service(self, info: Info) -> Service | None:
        return service_of(info, self.row.service_code)

    @strawberry.field(description="The agency processing it.")
    async def agency(self, info: Info) -> ServiceAgency | None:
        return await load_agency(info, self.row.agency_id)

    @strawberry.field(description="True while the agency has it and today (WIB) is after its due date.")
    def overdue(self) -> bool:
        return domain.is_overdue(self.row)

    @strawberry.field(description="Where a home delivery is; null for pickup.")
    async def courier_status(self, info: Info) -> CourierStatusEnum | None:  # type: ignore[valid-type]
        row = await row_loader(info, DeliveryRow).load(self.row.id)
        return row.status if row else None

    @strawberry.field(description="The status changes, oldest first.")
    async def timeline(self, info: Info) -> list[TrackedStatus]:
        loader = group_loader(info, TimelineRow, TimelineRow.application_id, order_by=[TimelineRow.id])
        rows = await loader.load(self.row.id)
        return [
            TrackedStatus(status=r.to_status, at=r.at)
            for r in rows
            if r.kind is TimelineKind.STATUS_CHANGED and r.to_status is not None
        ]


@strawberry.type(description="A change pushed by a subscription.")
class ApplicationUpdate:
    kind: UpdateKindEnum  # type: ignore[valid-type]
    at: datetime = strawberry.field(description="When the change was committed.")
    application: Application


__all__ = [
    "Application",
    "ApplicationAttachment",
    "ApplicationStatusEnum",
    "ApplicationTimelineEntry",
    "ApplicationUpdate",
    "CourierStatusEnum",
    "HomeDelivery",
    "Preloaded",
    "TrackedApplication",
    "TrackedStatus",
    "UpdateKind",
]
