"""GraphQL types of the Klinik BUM Desa.

The registry, the experts, the programmes and the statistics are public; phone
numbers, e-mail addresses and personal names are shown only to the clinic's
handlers and to their owner (``Access.may_see_contact``). Consultations and their
sessions are built only for those who may see them. Every relation is loaded with a
per-request DataLoader, so a page of any size costs the same number of queries.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from core.calendar import local_date
from core.identity.models import Account as AccountRow
from core.identity.validators import mask_email, mask_phone
from core.regions.models import Region as RegionRow
from plugins.klinik_bumdes.context import access_of
from plugins.klinik_bumdes.models import BusinessUnit as UnitRow
from plugins.klinik_bumdes.models import ConsultationSession as SessionRow
from plugins.klinik_bumdes.models import Enrollment as EnrollmentRow
from plugins.klinik_bumdes.models import EnrollmentStatus as EnrollmentStatusValue
from plugins.klinik_bumdes.models import Enterprise as EnterpriseRow
from plugins.klinik_bumdes.models import Expert as ExpertRow
from plugins.klinik_bumdes.models import ExpertTopic as ExpertTopicRow
from plugins.klinik_bumdes.models import Grade as GradeValue
from plugins.klinik_bumdes.models import GradeChange as GradeChangeRow
from plugins.klinik_bumdes.models import LegalStatus as LegalStatusValue
from plugins.klinik_bumdes.models import Note as NoteRow
from plugins.klinik_bumdes.models import Outcome as OutcomeValue
from plugins.klinik_bumdes.models import Program as ProgramRow
from plugins.klinik_bumdes.models import Revenue as RevenueRow
from plugins.klinik_bumdes.models import Sector as SectorValue
from plugins.klinik_bumdes.models import SessionMode as SessionModeValue
from plugins.klinik_bumdes.models import SessionStatus as SessionStatusValue
from plugins.klinik_bumdes.models import Ticket as TicketRow
from plugins.klinik_bumdes.models import TicketAction as TicketActionValue
from plugins.klinik_bumdes.models import TicketStatus as TicketStatusValue
from plugins.klinik_bumdes.models import TicketStep as StepRow
from plugins.klinik_bumdes.models import Topic as TopicValue
from plugins.klinik_bumdes.service import common
from plugins.klinik_bumdes.service.consultations import number_of
from plugins.klinik_bumdes.service.statistics import GradeRow, RegencyRow, Statistics
from schema import Info, Node, Rupiah, group_loader, row_loader

Grade = strawberry.enum(
    GradeValue,
    name="BumDesaGrade",
    description="The province's grade of a BUM Desa: PEMULA (starting), BERKEMBANG (developing), MAJU (advanced).",
)
LegalStatus = strawberry.enum(
    LegalStatusValue,
    name="BumDesaLegalStatus",
    description="Legal-entity registration (PP 11/2021): NOT_REGISTERED; NAME_APPROVED (its name is approved in "
    "the Kemendesa information system); LEGAL_ENTITY (registered: it has a certificate number and date).",
)
Sector = strawberry.enum(SectorValue, name="BumDesaSector", description="The sector of a business unit.")
Topic = strawberry.enum(
    TopicValue,
    name="BumDesaTopic",
    description="What a consultation or coaching programme is about: LEGAL_ENTITY (legal-entity registration), "
    "BUSINESS_PERMIT (business permits, NIB), FINANCIAL_REPORT (financial reports), MANAGEMENT (governance and "
    "management), CAPITAL (capital and financing).",
)
ConsultationStatus = strawberry.enum(
    TicketStatusValue,
    name="BumDesaConsultationStatus",
    description="OPENED → ASSIGNED (to an expert) → SCHEDULED (a session is scheduled or was held) → RESOLVED "
    "(with an outcome) → CLOSED.",
)
ConsultationAction = strawberry.enum(
    TicketActionValue, name="BumDesaConsultationAction", description="A step in a consultation's history."
)
Outcome = strawberry.enum(
    OutcomeValue,
    name="BumDesaConsultationOutcome",
    description="How a consultation ended: SOLVED, PARTIALLY_SOLVED, REFERRED (to another agency), NOT_SOLVABLE.",
)
SessionMode = strawberry.enum(
    SessionModeValue, name="BumDesaSessionMode", description="ONLINE (with a meeting link) or ON_SITE (at a place)."
)
SessionStatus = strawberry.enum(
    SessionStatusValue, name="BumDesaSessionStatus", description="SCHEDULED, then HELD (with notes) or CANCELLED."
)
EnrollmentStatus = strawberry.enum(
    EnrollmentStatusValue,
    name="BumDesaEnrollmentStatus",
    description="ENROLLED, or WITHDRAWN (the seat was given back).",
)


async def _region_name(info: Info, code: str) -> str:
    region = await row_loader(info, RegionRow).load(code)
    return region.name if region else code


async def _account_name(info: Info, account_id: int | None) -> str | None:
    if account_id is None:
        return None
    account = await row_loader(info, AccountRow).load(account_id)
    return account.name if account else None


# -- the registry ------------------------------------------------------------------------------


@strawberry.type(description="A business unit (unit usaha) of a BUM Desa.")
class BumDesaUnit(Node):
    row: strawberry.Private[UnitRow]
    name: str = strawberry.field(description="e.g. `Wisata Edukasi Sapi Perah`.")
    sector: Sector = strawberry.field(description="The unit's sector.")  # type: ignore[valid-type]
    started_year: int | None = strawberry.field(description="The year it started; null when not known.")
    active: bool = strawberry.field(description="False for a unit that stopped trading.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: UnitRow) -> BumDesaUnit:
        return cls(row=row, name=row.name, sector=row.sector, started_year=row.started_year, active=row.active)

    @strawberry.field(description="The BUM Desa it belongs to.")
    async def bum_desa(self, info: Info) -> BumDesa:
        row = await row_loader(info, EnterpriseRow).load(self.row.enterprise_id)
        assert row is not None
        return BumDesa.from_row(row)


@strawberry.type(description="One grade of a BUM Desa's history: when it took effect and why.")
class BumDesaGradeChange:
    grade: Grade = strawberry.field(description="The grade from `effectiveOn`.")  # type: ignore[valid-type]
    previous_grade: Grade | None = strawberry.field(  # type: ignore[valid-type]
        description="The grade before; null for the grade it had when it entered the registry."
    )
    effective_on: date = strawberry.field(description="The day the grade took effect.")
    reason: str = strawberry.field(description="Why (an assessment, a decree…).")
    recorded_at: datetime = strawberry.field(description="When the clinic recorded it.")

    @classmethod
    def from_row(cls, row: GradeChangeRow) -> BumDesaGradeChange:
        return cls(
            grade=row.grade,
            previous_grade=row.previous_grade,
            effective_on=row.effective_on,
            reason=row.reason,
            recorded_at=row.recorded_at,
        )


@strawberry.type(description="A BUM Desa's figures for one year, in rupiah.")
class BumDesaRevenue:
    year: int = strawberry.field(description="The financial year.")
    revenue: Rupiah = strawberry.field(description="Revenue (pendapatan), rupiah.")
    net_profit: Rupiah | None = strawberry.field(
        description="Net result (laba bersih; negative for a loss), rupiah; null when not reported."
    )
    pades_contribution: Rupiah = strawberry.field(
        description="Contribution to the village's own income (PADes), rupiah; never above the revenue."
    )
    recorded_at: datetime = strawberry.field(description="When these figures were last recorded.")

    @classmethod
    def from_row(cls, row: RevenueRow) -> BumDesaRevenue:
        return cls(
            year=row.year,
            revenue=Rupiah(row.revenue),
            net_profit=None if row.net_profit is None else Rupiah(row.net_profit),
            pades_contribution=Rupiah(row.pades_contribution),
            recorded_at=row.recorded_at,
        )

    @strawberry.field(description="PADes contribution as a percentage of revenue (two decimals); null at zero revenue.")
    def contribution_percent(self) -> float | None:
        if not self.revenue:
            return None
        return round(100 * int(self.pades_contribution) / int(self.revenue), 2)


@strawberry.type(
    description="A BUM Desa (badan usaha milik desa): a village-owned enterprise in the Klinik BUM Desa "
    "registry, one per desa. Public, except its contacts."
)
class BumDesa(Node):
    row: strawberry.Private[EnterpriseRow]
    name: str = strawberry.field(description="`BUM Desa …`, ending with the desa's name.")
    desa_code: str = strawberry.field(description="Kemendagri code of its desa, e.g. `35.07.26.2003`.")
    kecamatan_code: str = strawberry.field(description="Code of its kecamatan, e.g. `35.07.26`.")
    regency_code: str = strawberry.field(description="Code of its kabupaten/kota, e.g. `35.07`.")
    established_year: int = strawberry.field(description="The year the desa founded it.")
    grade: Grade = strawberry.field(description="Its current grade; see `gradeHistory`.")  # type: ignore[valid-type]
    legal_status: LegalStatus = strawberry.field(description="Legal-entity registration.")  # type: ignore[valid-type]
    legal_number: str | None = strawberry.field(
        description="Number of the legal-entity registration certificate; null unless LEGAL_ENTITY."
    )
    legal_registered_on: date | None = strawberry.field(
        description="Date of the legal-entity registration; null unless LEGAL_ENTITY."
    )

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: EnterpriseRow) -> BumDesa:
        return cls(
            row=row,
            name=row.name,
            desa_code=row.desa_code,
            kecamatan_code=row.district_code,
            regency_code=row.regency_code,
            established_year=row.established_year,
            grade=row.grade,
            legal_status=row.legal_status,
            legal_number=row.legal_number,
            legal_registered_on=row.legal_registered_on,
        )

    @strawberry.field(description="Name of its desa.")
    async def desa_name(self, info: Info) -> str:
        return await _region_name(info, self.row.desa_code)

    @strawberry.field(description="Name of its kecamatan.")
    async def kecamatan_name(self, info: Info) -> str:
        return await _region_name(info, self.row.district_code)

    @strawberry.field(description="Name of its kabupaten/kota.")
    async def regency_name(self, info: Info) -> str:
        return await _region_name(info, self.row.regency_code)

    @strawberry.field(description="The director (direktur); only for the clinic's staff and its manager.")
    async def director_name(self, info: Info) -> str | None:
        access = await access_of(info)
        allowed = access.may_see_contact(owner_account_id=self.row.manager_account_id, enterprise_id=self.row.id)
        return self.row.director_name if allowed else None

    @strawberry.field(
        description="Contact phone (E.164); unmasked for the clinic's staff and its manager, masked for others."
    )
    async def contact_phone(self, info: Info) -> str | None:
        phone = self.row.contact_phone
        if phone is None:
            return None
        access = await access_of(info)
        allowed = access.may_see_contact(owner_account_id=self.row.manager_account_id, enterprise_id=self.row.id)
        return phone if allowed else mask_phone(phone)

    @strawberry.field(description="The manager's name; only for the clinic's staff and the manager.")
    async def manager_name(self, info: Info) -> str | None:
        access = await access_of(info)
        if not access.may_see_contact(owner_account_id=self.row.manager_account_id, enterprise_id=self.row.id):
            return None
        return await _account_name(info, self.row.manager_account_id)

    @strawberry.field(description="True when you are its manager: you may open consultations for it.")
    async def managed_by_me(self, info: Info) -> bool:
        return info.context.principal.owns(self.row.manager_account_id)

    @strawberry.field(description="Its business units, oldest first.")
    async def units(
        self,
        info: Info,
        include_inactive: Annotated[bool, strawberry.argument(description="Also units that stopped trading.")] = False,
    ) -> list[BumDesaUnit]:
        rows = await group_loader(info, UnitRow, UnitRow.enterprise_id, order_by=[UnitRow.id]).load(self.row.id)
        return [BumDesaUnit.from_row(r) for r in rows if include_inactive or r.active]

    @strawberry.field(description="Every grade it had, oldest first; the last is its current grade.")
    async def grade_history(self, info: Info) -> list[BumDesaGradeChange]:
        rows = await group_loader(
            info,
            GradeChangeRow,
            GradeChangeRow.enterprise_id,
            order_by=[GradeChangeRow.effective_on, GradeChangeRow.id],
        ).load(self.row.id)
        return [BumDesaGradeChange.from_row(r) for r in rows]

    async def _revenues(self, info: Info) -> list[RevenueRow]:
        return await group_loader(info, RevenueRow, RevenueRow.enterprise_id, order_by=[RevenueRow.year]).load(
            self.row.id
        )

    @strawberry.field(description="Its yearly figures, oldest year first.")
    async def revenues(self, info: Info) -> list[BumDesaRevenue]:
        return [BumDesaRevenue.from_row(r) for r in await self._revenues(info)]

    @strawberry.field(description="Its figures for one year; null when not reported.")
    async def revenue(
        self, info: Info, year: Annotated[int, strawberry.argument(description="The financial year.")]
    ) -> BumDesaRevenue | None:
        for row in await self._revenues(info):
            if row.year == year:
                return BumDesaRevenue.from_row(row)
        return None


# -- experts and consultations -----------------------------------------------------------------


@strawberry.type(description="An expert (tenaga ahli) from a partner university who takes consultations.")
class BumDesaExpert(Node):
    row: strawberry.Private[ExpertRow]
    name: str = strawberry.field(description="Name with academic titles, e.g. `Dr. Rina Kusumawati, S.E., M.Si.`.")
    university: str = strawberry.field(description="e.g. `Universitas Airlangga`.")
    faculty: str | None = strawberry.field(description="Faculty or department.")
    active: bool = strawberry.field(description="False for an expert who no longer takes consultations.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: ExpertRow) -> BumDesaExpert:
        return cls(row=row, name=row.name, university=row.university, faculty=row.faculty, active=row.active)

    @strawberry.field(description="The topics the expert takes consultations on.")
    async def topics(self, info: Info) -> list[Topic]:  # type: ignore[valid-type]
        rows = await group_loader(info, ExpertTopicRow, ExpertTopicRow.expert_id).load(self.row.id)
        order = list(TopicValue)
        return sorted((r.topic for r in rows), key=order.index)

    @strawberry.field(description="E-mail; for the clinic's staff and the expert, masked for others.")
    async def email(self, info: Info) -> str | None:
        if self.row.email is None:
            return None
        access = await access_of(info)
        return (
            self.row.email
            if access.may_see_contact(owner_account_id=self.row.account_id)
            else mask_email(self.row.email)
        )

    @strawberry.field(description="Phone (E.164); for the clinic's staff and the expert, masked for others.")
    async def phone(self, info: Info) -> str | None:
        if self.row.phone is None:
            return None
        access = await access_of(info)
        return (
            self.row.phone
            if access.may_see_contact(owner_account_id=self.row.account_id)
            else mask_phone(self.row.phone)
        )

    @strawberry.field(description="Username of the linked account; only for the clinic's staff and the expert.")
    async def account_username(self, info: Info) -> str | None:
        if self.row.account_id is None:
            return None
        access = await access_of(info)
        if not access.may_see_contact(owner_account_id=self.row.account_id):
            return None
        account = await row_loader(info, AccountRow).load(self.row.account_id)
        return account.username if account else None

    @strawberry.field(description="True when you are this expert (signed in with the linked account).")
    def is_me(self, info: Info) -> bool:
        return info.context.principal.owns(self.row.account_id)


@strawberry.type(description="A meeting of a consultation with its expert, online or on site.")
class BumDesaConsultationSession(Node):
    row: strawberry.Private[SessionRow]
    mode: SessionMode = strawberry.field(description="Online or on site.")  # type: ignore[valid-type]
    starts_at: datetime = strawberry.field(description="Start.")
    ends_at: datetime = strawberry.field(description="End.")
    meeting_url: str | None = strawberry.field(description="The meeting link of an online session.")
    place: str | None = strawberry.field(description="Where an on-site session takes place.")
    status: SessionStatus = strawberry.field(description="Scheduled, held or cancelled.")  # type: ignore[valid-type]
    notes: str | None = strawberry.field(description="What was discussed and agreed; set when it was held.")
    cancel_reason: str | None = strawberry.field(description="Why it was cancelled.")
    scheduled_at: datetime = strawberry.field(description="When it was scheduled.")
    closed_at: datetime | None = strawberry.field(description="When its notes were recorded or it was cancelled.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: SessionRow) -> BumDesaConsultationSession:
        return cls(
            row=row,
            mode=row.mode,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            meeting_url=row.meeting_url,
            place=row.place,
            status=row.status,
            notes=row.notes,
            cancel_reason=row.cancel_reason,
            scheduled_at=row.scheduled_at,
            closed_at=row.closed_at,
        )

    @strawberry.field(description="The expert who meets the BUM Desa.")
    async def expert(self, info: Info) -> BumDesaExpert:
        row = await row_loader(info, ExpertRow).load(self.row.expert_id)
        assert row is not None
        return BumDesaExpert.from_row(row)

    @strawberry.field(description="The consultation it belongs to.")
    async def consultation(self, info: Info) -> BumDesaConsultation:
        row = await row_loader(info, TicketRow).load(self.row.ticket_id)
        assert row is not None
        return BumDesaConsultation.from_row(row)


@strawberry.type(description="A note on a consultation.")
class BumDesaConsultationNote:
    row: strawberry.Private[NoteRow]
    body: str = strawberry.field(description="The note.")
    created_at: datetime = strawberry.field(description="When it was written.")

    @classmethod
    def from_row(cls, row: NoteRow) -> BumDesaConsultationNote:
        return cls(row=row, body=row.body, created_at=row.created_at)

    @strawberry.field(description="Who wrote it.")
    async def author_name(self, info: Info) -> str | None:
        return await _account_name(info, self.row.author_account_id)

    @strawberry.field(description="True when you wrote it.")
    def by_me(self, info: Info) -> bool:
        return info.context.principal.owns(self.row.author_account_id)


@strawberry.type(description="One step of a consultation: what was done, by whom, when, and the status after it.")
class BumDesaConsultationStep:
    row: strawberry.Private[StepRow]
    action: ConsultationAction = strawberry.field(description="What was done.")  # type: ignore[valid-type]
    status: ConsultationStatus = strawberry.field(description="The status after it.")  # type: ignore[valid-type]
    at: datetime = strawberry.field(description="When.")

    @classmethod
    def from_row(cls, row: StepRow) -> BumDesaConsultationStep:
        return cls(row=row, action=row.action, status=row.status, at=row.at)

    @strawberry.field(description="Who did it; null when done by the system.")
    async def actor_name(self, info: Info) -> str | None:
        return await _account_name(info, self.row.actor_account_id)


@strawberry.type(
    description="A consultation ticket of a BUM Desa at the clinic. Seen by the clinic's staff, the assigned "
    "expert and the manager who asked."
)
class BumDesaConsultation(Node):
    row: strawberry.Private[TicketRow]
    number: str = strawberry.field(description="The number to quote, e.g. `KBD-2026-000042`.")
    topic: Topic = strawberry.field(description="What it is about.")  # type: ignore[valid-type]
    subject: str = strawberry.field(description="One line.")
    description: str = strawberry.field(description="The question in full.")
    status: ConsultationStatus = strawberry.field(description="Where it is.")  # type: ignore[valid-type]
    outcome: Outcome | None = strawberry.field(description="How it ended; set when resolved.")  # type: ignore[valid-type]
    outcome_summary: str | None = strawberry.field(description="The expert's conclusion; set when resolved.")
    opened_at: datetime = strawberry.field(description="When it was opened.")
    assigned_at: datetime | None = strawberry.field(description="When it was (last) assigned to an expert.")
    resolved_at: datetime | None = strawberry.field(description="When it was resolved.")
    closed_at: datetime | None = strawberry.field(description="When it was closed.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: TicketRow) -> BumDesaConsultation:
        return cls(
            row=row,
            number=number_of(row),
            topic=row.topic,
            subject=row.subject,
            description=row.description,
            status=row.status,
            outcome=row.outcome,
            outcome_summary=row.outcome_summary,
            opened_at=row.opened_at,
            assigned_at=row.assigned_at,
            resolved_at=row.resolved_at,
            closed_at=row.closed_at,
        )

    @strawberry.field(description="The BUM Desa asking.")
    async def bum_desa(self, info: Info) -> BumDesa:
        row = await row_loader(info, EnterpriseRow).load(self.row.enterprise_id)
        assert row is not None
        return BumDesa.from_row(row)

    @strawberry.field(description="The expert assigned; null until assigned.")
    async def expert(self, info: Info) -> BumDesaExpert | None:
        if self.row.expert_id is None:
            return None
        row = await row_loader(info, ExpertRow).load(self.row.expert_id)
        return BumDesaExpert.from_row(row) if row else None

    @strawberry.field(description="The BUM Desa manager it is for; null when opened for a BUM Desa without one.")
    async def requester_name(self, info: Info) -> str | None:
        return await _account_name(info, self.row.requester_account_id)

    @strawberry.field(description="Its sessions, earliest first.")
    async def sessions(self, info: Info) -> list[BumDesaConsultationSession]:
        rows = await group_loader(
            info, SessionRow, SessionRow.ticket_id, order_by=[SessionRow.starts_at, SessionRow.id]
        ).load(self.row.id)
        return [BumDesaConsultationSession.from_row(r) for r in rows]

    @strawberry.field(description="Notes, oldest first.")
    async def notes(self, info: Info) -> list[BumDesaConsultationNote]:
        rows = await group_loader(info, NoteRow, NoteRow.ticket_id, order_by=[NoteRow.created_at, NoteRow.id]).load(
            self.row.id
        )
        return [BumDesaConsultationNote.from_row(r) for r in rows]

    @strawberry.field(description="Every step taken, oldest first: who did what, when.")
    async def history(self, info: Info) -> list[BumDesaConsultationStep]:
        rows = await group_loader(info, StepRow, StepRow.ticket_id, order_by=[StepRow.at, StepRow.id]).load(self.row.id)
        return [BumDesaConsultationStep.from_row(r) for r in rows]


# -- coaching programmes -----------------------------------------------------------------------


@strawberry.type(description="A BUM Desa's place in a coaching programme.")
class BumDesaCoachingEnrollment:
    row: strawberry.Private[EnrollmentRow]
    status: EnrollmentStatus = strawberry.field(description="Enrolled or withdrawn.")  # type: ignore[valid-type]
    enrolled_at: datetime = strawberry.field(description="When it (last) enrolled.")
    withdrawn_at: datetime | None = strawberry.field(description="When it gave its seat back.")

    @classmethod
    def from_row(cls, row: EnrollmentRow) -> BumDesaCoachingEnrollment:
        return cls(row=row, status=row.status, enrolled_at=row.enrolled_at, withdrawn_at=row.withdrawn_at)

    @strawberry.field(description="The BUM Desa enrolled.")
    async def bum_desa(self, info: Info) -> BumDesa:
        row = await row_loader(info, EnterpriseRow).load(self.row.enterprise_id)
        assert row is not None
        return BumDesa.from_row(row)

    @strawberry.field(description="The programme.")
    async def program(self, info: Info) -> BumDesaCoachingProgram:
        row = await row_loader(info, ProgramRow).load(self.row.program_id)
        assert row is not None
        return BumDesaCoachingProgram.from_row(row)


@strawberry.type(description="A coaching programme (pembinaan) for BUM Desa, with a capacity. Public.")
class BumDesaCoachingProgram(Node):
    row: strawberry.Private[ProgramRow]
    title: str = strawberry.field(description="e.g. `Bimtek Penyusunan Laporan Keuangan BUM Desa`.")
    description: str = strawberry.field(description="What it covers.")
    organizer: str = strawberry.field(description="Who runs it, e.g. DPMD Jatim with a partner university.")
    topic: Topic | None = strawberry.field(description="Its topic, if it has one.")  # type: ignore[valid-type]
    target_grade: Grade | None = strawberry.field(  # type: ignore[valid-type]
        description="Only BUM Desa of this grade may enrol; null: any."
    )
    mode: SessionMode = strawberry.field(description="Online or on site.")  # type: ignore[valid-type]
    place: str | None = strawberry.field(description="Where (on site), or the platform (online).")
    starts_on: date = strawberry.field(description="First day.")
    ends_on: date = strawberry.field(description="Last day.")
    enrollment_closes_on: date = strawberry.field(description="Last day to enrol.")
    capacity: int = strawberry.field(description="How many BUM Desa it takes.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: ProgramRow) -> BumDesaCoachingProgram:
        return cls(
            row=row,
            title=row.title,
            description=row.description,
            organizer=row.organizer,
            topic=row.topic,
            target_grade=row.target_grade,
            mode=row.mode,
            place=row.place,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            enrollment_closes_on=row.enrollment_closes_on,
            capacity=row.capacity,
        )

    async def _enrollments(self, info: Info) -> list[EnrollmentRow]:
        return await group_loader(
            info, EnrollmentRow, EnrollmentRow.program_id, order_by=[EnrollmentRow.enrolled_at, EnrollmentRow.id]
        ).load(self.row.id)

    @strawberry.field(description="The BUM Desa enrolled, in order of enrolment.")
    async def enrollments(
        self,
        info: Info,
        include_withdrawn: Annotated[bool, strawberry.argument(description="Also those who withdrew.")] = False,
    ) -> list[BumDesaCoachingEnrollment]:
        rows = await self._enrollments(info)
        return [
            BumDesaCoachingEnrollment.from_row(r)
            for r in rows
            if include_withdrawn or r.status is EnrollmentStatusValue.ENROLLED
        ]

    async def _enrolled(self, info: Info) -> int:
        return sum(1 for r in await self._enrollments(info) if r.status is EnrollmentStatusValue.ENROLLED)

    @strawberry.field(description="How many BUM Desa are enrolled.")
    async def enrolled_count(self, info: Info) -> int:
        return await self._enrolled(info)

    @strawberry.field(description="Seats left.")
    async def seats_left(self, info: Info) -> int:
        return max(self.capacity - await self._enrolled(info), 0)

    @strawberry.field(description="True until the last day to enrol (WIB).")
    def open_for_enrollment(self) -> bool:
        return local_date(common.now()) <= self.enrollment_closes_on


# -- statistics --------------------------------------------------------------------------------


@strawberry.type(description="BUM Desa of one grade, and their figures for the year asked.")
class BumDesaGradeStatistics:
    grade: Grade = strawberry.field(description="The grade.")  # type: ignore[valid-type]
    total: int = strawberry.field(description="How many BUM Desa have it.")
    reporting: int = strawberry.field(description="How many of them reported figures for the year.")
    revenue: Rupiah = strawberry.field(description="Their total revenue that year, rupiah.")
    pades_contribution: Rupiah = strawberry.field(description="Their total PADes contribution that year, rupiah.")

    @classmethod
    def from_row(cls, row: GradeRow) -> BumDesaGradeStatistics:
        return cls(
            grade=row.grade,
            total=row.total,
            reporting=row.reporting,
            revenue=Rupiah(row.revenue),
            pades_contribution=Rupiah(row.pades_contribution),
        )


@strawberry.type(
    description="BUM Desa of one kabupaten/kota: counts by grade and legal status, and the year's figures."
)
class BumDesaRegencyStatistics:
    regency_code: str = strawberry.field(description="Code of the kabupaten/kota, e.g. `35.07`.")
    regency_name: str = strawberry.field(description="Its name, e.g. `Malang`.")
    total: int = strawberry.field(description="BUM Desa in the registry.")
    pemula: int = strawberry.field(description="Of which graded PEMULA.")
    berkembang: int = strawberry.field(description="Of which graded BERKEMBANG.")
    maju: int = strawberry.field(description="Of which graded MAJU.")
    legal_entities: int = strawberry.field(description="Of which registered as legal entities.")
    reporting: int = strawberry.field(description="Of which reported figures for the year.")
    revenue: Rupiah = strawberry.field(description="Their total revenue that year, rupiah.")
    pades_contribution: Rupiah = strawberry.field(description="Their total PADes contribution that year, rupiah.")

    @classmethod
    def from_row(cls, row: RegencyRow) -> BumDesaRegencyStatistics:
        return cls(
            regency_code=row.regency_code,
            regency_name=row.regency_name,
            total=row.total,
            pemula=row.pemula,
            berkembang=row.berkembang,
            maju=row.maju,
            legal_entities=row.legal_entities,
            reporting=row.reporting,
            revenue=Rupiah(row.revenue),
            pades_contribution=Rupiah(row.pades_contribution),
        )


@strawberry.type(description="The registry in numbers, computed by the database when asked.")
class BumDesaStatistics:
    year: int = strawberry.field(description="The year the revenue figures are for.")
    total: int = strawberry.field(description="BUM Desa counted.")
    by_grade: list[BumDesaGradeStatistics] = strawberry.field(description="Per grade, PEMULA to MAJU.")
    by_regency: list[BumDesaRegencyStatistics] = strawberry.field(
        description="Per kabupaten/kota with at least one BUM Desa, by code."
    )

    @classmethod
    def build(cls, stats: Statistics) -> BumDesaStatistics:
        return cls(
            year=stats.year,
            total=stats.total,
            by_grade=[BumDesaGradeStatistics.from_row(g) for g in stats.by_grade],
            by_regency=[BumDesaRegencyStatistics.from_row(r) for r in stats.by_regency],
        )
