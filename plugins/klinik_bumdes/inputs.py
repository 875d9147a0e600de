"""Filters, inputs and payloads of the Klinik BUM Desa (one ``input`` in, one payload out)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from plugins.klinik_bumdes.models import LegalStatus as LegalStatusValue
from plugins.klinik_bumdes.types import (
    BumDesa,
    BumDesaCoachingEnrollment,
    BumDesaCoachingProgram,
    BumDesaConsultation,
    BumDesaConsultationNote,
    BumDesaConsultationSession,
    BumDesaExpert,
    BumDesaGradeChange,
    BumDesaRevenue,
    BumDesaUnit,
    ConsultationStatus,
    Grade,
    LegalStatus,
    Outcome,
    Sector,
    SessionMode,
    Topic,
)
from schema import Rupiah

IDEMPOTENCY = "Retrying with the same key returns what the first attempt created."

# -- filters -----------------------------------------------------------------------------------


@strawberry.input(description="Filters of the BUM Desa registry; all optional, combined with AND.")
class BumDesaFilter:
    regency_code: str | None = strawberry.field(default=None, description="A kabupaten/kota, e.g. `35.07`.")
    kecamatan_code: str | None = strawberry.field(default=None, description="A kecamatan, e.g. `35.07.26`.")
    desa_code: str | None = strawberry.field(default=None, description="A desa, e.g. `35.07.26.2003`.")
    grade: Grade | None = strawberry.field(default=None, description="Current grade.")  # type: ignore[valid-type]
    legal_status: LegalStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Legal-entity registration status."
    )
    sector: Sector | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Has an active business unit in this sector."
    )
    search: str | None = strawberry.field(default=None, description="Part of the name.")
    managed_by_me: bool = strawberry.field(default=False, description="Only the BUM Desa you manage.")


@strawberry.input(description="Filters of the experts; all optional.")
class BumDesaExpertFilter:
    topic: Topic | None = strawberry.field(default=None, description="Takes this topic.")  # type: ignore[valid-type]
    university: str | None = strawberry.field(default=None, description="Exact university name (any case).")
    active: bool | None = strawberry.field(default=None, description="Only active (true) or inactive (false).")
    search: str | None = strawberry.field(default=None, description="Part of the name.")


@strawberry.input(description="Filters of the consultations you may see; all optional.")
class BumDesaConsultationFilter:
    status: ConsultationStatus | None = strawberry.field(default=None, description="Status.")  # type: ignore[valid-type]
    topic: Topic | None = strawberry.field(default=None, description="Topic.")  # type: ignore[valid-type]
    bum_desa_id: strawberry.ID | None = strawberry.field(default=None, description="One BUM Desa's.")
    expert_id: strawberry.ID | None = strawberry.field(default=None, description="Assigned to this expert.")
    assigned_to_me: bool = strawberry.field(default=False, description="Only those assigned to you (experts).")


@strawberry.input(description="Filters of the coaching programmes; all optional.")
class BumDesaCoachingProgramFilter:
    topic: Topic | None = strawberry.field(default=None, description="Topic.")  # type: ignore[valid-type]
    target_grade: Grade | None = strawberry.field(default=None, description="Meant for this grade.")  # type: ignore[valid-type]
    upcoming: bool | None = strawberry.field(default=None, description="True: not ended yet; false: ended (WIB dates).")
    open_for_enrollment: bool | None = strawberry.field(
        default=None, description="True: enrolment still open; false: closed."
    )


# -- the registry ------------------------------------------------------------------------------


@strawberry.input(description="A BUM Desa enters the registry (clinic staff). One per desa.")
class RegisterBumDesaInput:
    name: str = strawberry.field(
        description="`BUM Desa <…> <desa name>`, e.g. `BUM Desa Sumber Sejahtera Pujon Kidul`."
    )
    desa_code: str = strawberry.field(description="Kemendagri code of a desa (not a kelurahan).")
    established_year: int = strawberry.field(description="The year the desa founded it.")
    grade: Grade = strawberry.field(description="Its grade now; the first entry of its history.")  # type: ignore[valid-type]
    grade_reason: str | None = strawberry.field(
        default=None, description="Why it has that grade (10 to 500 characters); by default: graded on entry."
    )
    legal_status: LegalStatus = strawberry.field(  # type: ignore[valid-type]
        default=LegalStatusValue.NOT_REGISTERED, description="Legal-entity registration status."
    )
    legal_number: str | None = strawberry.field(
        default=None, description="Certificate number; required for LEGAL_ENTITY, refused otherwise."
    )
    legal_registered_on: date | None = strawberry.field(
        default=None, description="Certificate date; required for LEGAL_ENTITY, refused otherwise."
    )
    director_name: str | None = strawberry.field(default=None, description="The director (direktur).")
    contact_phone: str | None = strawberry.field(default=None, description="Contact phone (0812…, +62…).")
    manager_username: str | None = strawberry.field(
        default=None, description="Username of the citizen account of its manager, who may then open consultations."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The BUM Desa registered.")
class RegisterBumDesaPayload:
    bum_desa: BumDesa = strawberry.field(description="The new entry.")


@strawberry.input(description="Change a BUM Desa's details; only the fields given change.")
class UpdateBumDesaInput:
    bum_desa_id: strawberry.ID = strawberry.field(description="The BUM Desa.")
    name: str | None = strawberry.field(default=None, description="New name (same rule as at registration).")
    established_year: int | None = strawberry.field(default=None, description="Year founded.")
    legal_status: LegalStatus | None = strawberry.field(default=None, description="New status.")  # type: ignore[valid-type]
    legal_number: str | None = strawberry.field(default=None, description="Certificate number (LEGAL_ENTITY).")
    legal_registered_on: date | None = strawberry.field(default=None, description="Certificate date (LEGAL_ENTITY).")
    director_name: str | None = strawberry.field(default=None, description="Director; an empty text clears it.")
    contact_phone: str | None = strawberry.field(default=None, description="Contact phone; an empty text clears it.")
    manager_username: str | None = strawberry.field(default=None, description="Link this citizen as its manager.")
    remove_manager: bool = strawberry.field(default=False, description="Unlink its manager.")


@strawberry.type(description="The BUM Desa after the change.")
class UpdateBumDesaPayload:
    bum_desa: BumDesa = strawberry.field(description="The BUM Desa.")


@strawberry.input(description="A new grade with the day it took effect and why; the history keeps the old one.")
class ChangeBumDesaGradeInput:
    bum_desa_id: strawberry.ID = strawberry.field(description="The BUM Desa.")
    grade: Grade = strawberry.field(description="The new grade (not the current one).")  # type: ignore[valid-type]
    effective_on: date = strawberry.field(description="From the last change's date up to today.")
    reason: str = strawberry.field(description="10 to 500 characters: the assessment or decree behind it.")


@strawberry.type(description="The BUM Desa with its new grade, and the history entry.")
class ChangeBumDesaGradePayload:
    bum_desa: BumDesa = strawberry.field(description="The BUM Desa.")
    change: BumDesaGradeChange = strawberry.field(description="The new entry of its grade history.")


@strawberry.input(description="A year's figures (one row per year; recording a year again corrects it).")
class RecordBumDesaRevenueInput:
    bum_desa_id: strawberry.ID = strawberry.field(description="The BUM Desa.")
    year: int = strawberry.field(description="From the year it was founded up to this year.")
    revenue: Rupiah = strawberry.field(description="Revenue, rupiah, zero or more.")
    pades_contribution: Rupiah = strawberry.field(
        description="Contribution to PADes, rupiah: at most the revenue, and at most the net profit when given."
    )
    net_profit: Rupiah | None = strawberry.field(
        default=None, description="Net result, rupiah (negative for a loss); at most the revenue."
    )


@strawberry.type(description="The BUM Desa and the year's figures.")
class RecordBumDesaRevenuePayload:
    bum_desa: BumDesa = strawberry.field(description="The BUM Desa.")
    revenue: BumDesaRevenue = strawberry.field(description="The figures recorded.")


@strawberry.input(description="A new business unit of a BUM Desa.")
class AddBumDesaUnitInput:
    bum_desa_id: strawberry.ID = strawberry.field(description="The BUM Desa.")
    name: str = strawberry.field(description="3 to 120 characters, unique within the BUM Desa.")
    sector: Sector = strawberry.field(description="Its sector.")  # type: ignore[valid-type]
    started_year: int | None = strawberry.field(default=None, description="Not before the BUM Desa was founded.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The unit added.")
class AddBumDesaUnitPayload:
    unit: BumDesaUnit = strawberry.field(description="The new unit.")


@strawberry.input(description="Change a business unit; only the fields given change.")
class UpdateBumDesaUnitInput:
    unit_id: strawberry.ID = strawberry.field(description="The unit.")
    name: str | None = strawberry.field(default=None, description="New name.")
    sector: Sector | None = strawberry.field(default=None, description="New sector.")  # type: ignore[valid-type]
    started_year: int | None = strawberry.field(default=None, description="Year it started.")
    active: bool | None = strawberry.field(default=None, description="False when it stopped trading.")


@strawberry.type(description="The unit after the change.")
class UpdateBumDesaUnitPayload:
    unit: BumDesaUnit = strawberry.field(description="The unit.")


# -- experts -----------------------------------------------------------------------------------


@strawberry.input(description="A new expert from a partner university (clinic staff).")
class AddBumDesaExpertInput:
    name: str = strawberry.field(description="Name with academic titles.")
    university: str = strawberry.field(description="e.g. `Universitas Brawijaya`.")
    topics: list[Topic] = strawberry.field(description="At least one topic.")  # type: ignore[valid-type]
    faculty: str | None = strawberry.field(default=None, description="Faculty or department.")
    email: str | None = strawberry.field(default=None, description="E-mail address.")
    phone: str | None = strawberry.field(default=None, description="Phone (0812…, +62…).")
    account_username: str | None = strawberry.field(
        default=None, description="A citizen account to link: the expert then sees the consultations assigned to them."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The expert added.")
class AddBumDesaExpertPayload:
    expert: BumDesaExpert = strawberry.field(description="The new expert.")


@strawberry.input(description="Change an expert; only the fields given change.")
class UpdateBumDesaExpertInput:
    expert_id: strawberry.ID = strawberry.field(description="The expert.")
    name: str | None = strawberry.field(default=None, description="Name.")
    university: str | None = strawberry.field(default=None, description="University.")
    faculty: str | None = strawberry.field(default=None, description="Faculty; an empty text clears it.")
    topics: list[Topic] | None = strawberry.field(default=None, description="Replaces the topics.")  # type: ignore[valid-type]
    email: str | None = strawberry.field(default=None, description="E-mail; an empty text clears it.")
    phone: str | None = strawberry.field(default=None, description="Phone; an empty text clears it.")
    account_username: str | None = strawberry.field(default=None, description="Link this citizen account.")
    unlink_account: bool = strawberry.field(default=False, description="Unlink the account.")
    active: bool | None = strawberry.field(default=None, description="False: takes no new consultations.")


@strawberry.type(description="The expert after the change.")
class UpdateBumDesaExpertPayload:
    expert: BumDesaExpert = strawberry.field(description="The expert.")


# -- consultations -----------------------------------------------------------------------------


@strawberry.input(description="Ask the clinic for help: a BUM Desa's manager for it, or staff on its behalf.")
class OpenBumDesaConsultationInput:
    bum_desa_id: strawberry.ID = strawberry.field(description="The BUM Desa (you must be its manager).")
    topic: Topic = strawberry.field(description="What it is about.")  # type: ignore[valid-type]
    subject: str = strawberry.field(description="5 to 160 characters.")
    description: str = strawberry.field(description="20 to 4000 characters: the situation and the question.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The consultation opened.")
class OpenBumDesaConsultationPayload:
    consultation: BumDesaConsultation = strawberry.field(description="The new consultation (OPENED).")


@strawberry.input(description="Give a consultation to an expert who takes its topic (clinic staff).")
class AssignBumDesaConsultationInput:
    consultation_id: strawberry.ID = strawberry.field(description="An OPENED or ASSIGNED consultation.")
    expert_id: strawberry.ID = strawberry.field(description="An active expert taking the consultation's topic.")


@strawberry.type(description="The consultation after assignment.")
class AssignBumDesaConsultationPayload:
    consultation: BumDesaConsultation = strawberry.field(description="The consultation (ASSIGNED).")


@strawberry.input(description="Schedule a session with the assigned expert (clinic staff or the expert).")
class ScheduleBumDesaConsultationSessionInput:
    consultation_id: strawberry.ID = strawberry.field(description="An ASSIGNED or SCHEDULED consultation.")
    mode: SessionMode = strawberry.field(description="Online or on site.")  # type: ignore[valid-type]
    starts_at: datetime = strawberry.field(description="In the future, with a time zone offset (+07:00 for WIB).")
    ends_at: datetime = strawberry.field(description="15 minutes to 8 hours after the start.")
    meeting_url: str | None = strawberry.field(default=None, description="https link; required online.")
    place: str | None = strawberry.field(default=None, description="Where; required on site.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The session scheduled and its consultation.")
class ScheduleBumDesaConsultationSessionPayload:
    consultation: BumDesaConsultation = strawberry.field(description="The consultation (SCHEDULED).")
    session: BumDesaConsultationSession = strawberry.field(description="The new session.")


@strawberry.input(description="The session took place: record its notes (the expert or clinic staff).")
class CompleteBumDesaConsultationSessionInput:
    session_id: strawberry.ID = strawberry.field(description="A SCHEDULED session that has started.")
    notes: str = strawberry.field(description="10 to 8000 characters: what was discussed and agreed.")


@strawberry.type(description="The session held and its consultation.")
class CompleteBumDesaConsultationSessionPayload:
    consultation: BumDesaConsultation = strawberry.field(description="The consultation.")
    session: BumDesaConsultationSession = strawberry.field(description="The session (HELD).")


@strawberry.input(description="Call off a scheduled session (the expert or clinic staff).")
class CancelBumDesaConsultationSessionInput:
    session_id: strawberry.ID = strawberry.field(description="A SCHEDULED session.")
    reason: str = strawberry.field(description="5 to 300 characters.")


@strawberry.type(description="The session cancelled and its consultation.")
class CancelBumDesaConsultationSessionPayload:
    consultation: BumDesaConsultation = strawberry.field(description="The consultation.")
    session: BumDesaConsultationSession = strawberry.field(description="The session (CANCELLED).")


@strawberry.input(description="A note on a consultation that is not closed (anyone who sees it).")
class AddBumDesaConsultationNoteInput:
    consultation_id: strawberry.ID = strawberry.field(description="The consultation.")
    body: str = strawberry.field(description="2 to 4000 characters.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The note added and its consultation.")
class AddBumDesaConsultationNotePayload:
    consultation: BumDesaConsultation = strawberry.field(description="The consultation.")
    note: BumDesaConsultationNote = strawberry.field(description="The new note.")


@strawberry.input(description="Resolve a consultation with an outcome (the expert or clinic staff).")
class ResolveBumDesaConsultationInput:
    consultation_id: strawberry.ID = strawberry.field(
        description="A consultation with a session held and none still scheduled."
    )
    outcome: Outcome = strawberry.field(description="How it ended.")  # type: ignore[valid-type]
    summary: str = strawberry.field(description="10 to 4000 characters: the conclusion and advice.")


@strawberry.type(description="The consultation resolved.")
class ResolveBumDesaConsultationPayload:
    consultation: BumDesaConsultation = strawberry.field(description="The consultation (RESOLVED).")


@strawberry.input(description="Close a resolved consultation (its requester or clinic staff).")
class CloseBumDesaConsultationInput:
    consultation_id: strawberry.ID = strawberry.field(description="A RESOLVED consultation.")


@strawberry.type(description="The consultation closed.")
class CloseBumDesaConsultationPayload:
    consultation: BumDesaConsultation = strawberry.field(description="The consultation (CLOSED).")


# -- coaching programmes -----------------------------------------------------------------------


@strawberry.input(description="A new coaching programme (clinic staff).")
class CreateBumDesaCoachingProgramInput:
    title: str = strawberry.field(description="5 to 160 characters.")
    description: str = strawberry.field(description="20 to 4000 characters.")
    organizer: str = strawberry.field(description="Who runs it.")
    mode: SessionMode = strawberry.field(description="Online or on site.")  # type: ignore[valid-type]
    starts_on: date = strawberry.field(description="First day, today or later.")
    ends_on: date = strawberry.field(description="Last day, within a year of the first.")
    enrollment_closes_on: date = strawberry.field(description="Last day to enrol: from today to the first day.")
    capacity: int = strawberry.field(description="1 to 1000 BUM Desa.")
    topic: Topic | None = strawberry.field(default=None, description="Its topic.")  # type: ignore[valid-type]
    target_grade: Grade | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Only BUM Desa of this grade may enrol."
    )
    place: str | None = strawberry.field(default=None, description="Where; required on site.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The programme created.")
class CreateBumDesaCoachingProgramPayload:
    program: BumDesaCoachingProgram = strawberry.field(description="The new programme.")


@strawberry.input(description="Enrol a BUM Desa (its manager, or clinic staff for any).")
class EnrollBumDesaInCoachingProgramInput:
    program_id: strawberry.ID = strawberry.field(description="A programme still open for enrolment.")
    bum_desa_id: strawberry.ID = strawberry.field(description="The BUM Desa.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The programme and the enrolment.")
class EnrollBumDesaInCoachingProgramPayload:
    program: BumDesaCoachingProgram = strawberry.field(description="The programme.")
    enrollment: BumDesaCoachingEnrollment = strawberry.field(description="The enrolment (ENROLLED).")


@strawberry.input(description="Give a seat back before the programme starts (its manager or clinic staff).")
class WithdrawBumDesaCoachingEnrollmentInput:
    program_id: strawberry.ID = strawberry.field(description="The programme.")
    bum_desa_id: strawberry.ID = strawberry.field(description="The BUM Desa enrolled.")


@strawberry.type(description="The programme and the enrolment withdrawn.")
class WithdrawBumDesaCoachingEnrollmentPayload:
    program: BumDesaCoachingProgram = strawberry.field(description="The programme.")
    enrollment: BumDesaCoachingEnrollment = strawberry.field(description="The enrolment (WITHDRAWN).")
