"""Root mutation fields: decode the input, call the service in the request's unit of work, build the payload.

Who may call each one is decided by the service (``Access``), so the rules hold for
the CLI, seeds and tests too; the field only requires a signed-in caller.
"""

from __future__ import annotations

import strawberry
from strawberry.extensions.field_extension import FieldExtension

from plugins.klinik_bumdes import inputs
from plugins.klinik_bumdes.context import access_of, key
from plugins.klinik_bumdes.service import coaching, consultations, experts, registry
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
)
from schema import Info, IsAuthenticated, allow


def signed_in() -> list[FieldExtension]:
    """Anonymous callers get ``UNAUTHENTICATED``; the service decides the rest (``FORBIDDEN``…)."""
    return [allow(IsAuthenticated())]


def _bum_desa(value: strawberry.ID, field: str = "input.bumDesaId") -> int:
    return key(value, "BumDesa", field)


def _consultation(value: strawberry.ID) -> int:
    return key(value, "BumDesaConsultation", "input.consultationId")


def _session(value: strawberry.ID) -> int:
    return key(value, "BumDesaConsultationSession", "input.sessionId")


def _program(value: strawberry.ID) -> int:
    return key(value, "BumDesaCoachingProgram", "input.programId")


# -- the registry ------------------------------------------------------------------------------


@strawberry.mutation(description="Add a BUM Desa to the registry (clinic staff).", extensions=signed_in())
async def register_bum_desa(info: Info, input: inputs.RegisterBumDesaInput) -> inputs.RegisterBumDesaPayload:
    access = await access_of(info)
    data = registry.BumDesaData(
        name=input.name,
        desa_code=input.desa_code,
        established_year=input.established_year,
        grade=input.grade,
        grade_reason=input.grade_reason,
        legal_status=input.legal_status,
        legal_number=input.legal_number,
        legal_registered_on=input.legal_registered_on,
        director_name=input.director_name,
        contact_phone=input.contact_phone,
        manager_username=input.manager_username,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await registry.register(session, access, data)
    return inputs.RegisterBumDesaPayload(bum_desa=BumDesa.from_row(row))


@strawberry.mutation(
    description="Change a BUM Desa's name, legal status, contacts or manager (clinic staff).", extensions=signed_in()
)
async def update_bum_desa(info: Info, input: inputs.UpdateBumDesaInput) -> inputs.UpdateBumDesaPayload:
    access = await access_of(info)
    enterprise_id = _bum_desa(input.bum_desa_id)
    changes = registry.BumDesaChanges(
        name=input.name,
        established_year=input.established_year,
        legal_status=input.legal_status,
        legal_number=input.legal_number,
        legal_registered_on=input.legal_registered_on,
        director_name=input.director_name,
        contact_phone=input.contact_phone,
        manager_username=input.manager_username,
        remove_manager=input.remove_manager,
    )
    async with info.context.db() as session:
        row = await registry.update(session, access, enterprise_id, changes)
    return inputs.UpdateBumDesaPayload(bum_desa=BumDesa.from_row(row))


@strawberry.mutation(
    description="Record a BUM Desa's new grade with its date and reason (clinic staff).", extensions=signed_in()
)
async def change_bum_desa_grade(info: Info, input: inputs.ChangeBumDesaGradeInput) -> inputs.ChangeBumDesaGradePayload:
    access = await access_of(info)
    enterprise_id = _bum_desa(input.bum_desa_id)
    async with info.context.db() as session:
        row, change = await registry.change_grade(
            session, access, enterprise_id, input.grade, input.effective_on, input.reason
        )
    return inputs.ChangeBumDesaGradePayload(bum_desa=BumDesa.from_row(row), change=BumDesaGradeChange.from_row(change))


@strawberry.mutation(
    description="Record or correct a year's revenue and PADes contribution (clinic staff).", extensions=signed_in()
)
async def record_bum_desa_revenue(
    info: Info, input: inputs.RecordBumDesaRevenueInput
) -> inputs.RecordBumDesaRevenuePayload:
    access = await access_of(info)
    enterprise_id = _bum_desa(input.bum_desa_id)
    data = registry.RevenueData(
        year=input.year,
        revenue=int(input.revenue),
        pades_contribution=int(input.pades_contribution),
        net_profit=None if input.net_profit is None else int(input.net_profit),
    )
    async with info.context.db() as session:
        row, figures = await registry.record_revenue(session, access, enterprise_id, data)
    return inputs.RecordBumDesaRevenuePayload(bum_desa=BumDesa.from_row(row), revenue=BumDesaRevenue.from_row(figures))


@strawberry.mutation(description="Add a business unit to a BUM Desa (clinic staff).", extensions=signed_in())
async def add_bum_desa_unit(info: Info, input: inputs.AddBumDesaUnitInput) -> inputs.AddBumDesaUnitPayload:
    access = await access_of(info)
    enterprise_id = _bum_desa(input.bum_desa_id)
    data = registry.UnitData(
        name=input.name, sector=input.sector, started_year=input.started_year, idempotency_key=input.idempotency_key
    )
    async with info.context.db() as session:
        unit = await registry.add_unit(session, access, enterprise_id, data)
    return inputs.AddBumDesaUnitPayload(unit=BumDesaUnit.from_row(unit))


@strawberry.mutation(description="Change a business unit (clinic staff).", extensions=signed_in())
async def update_bum_desa_unit(info: Info, input: inputs.UpdateBumDesaUnitInput) -> inputs.UpdateBumDesaUnitPayload:
    access = await access_of(info)
    unit_id = key(input.unit_id, "BumDesaUnit", "input.unitId")
    changes = registry.UnitChanges(
        name=input.name, sector=input.sector, started_year=input.started_year, active=input.active
    )
    async with info.context.db() as session:
        unit = await registry.update_unit(session, access, unit_id, changes)
    return inputs.UpdateBumDesaUnitPayload(unit=BumDesaUnit.from_row(unit))


# -- experts -----------------------------------------------------------------------------------


@strawberry.mutation(description="Add an expert from a partner university (clinic staff).", extensions=signed_in())
async def add_bum_desa_expert(info: Info, input: inputs.AddBumDesaExpertInput) -> inputs.AddBumDesaExpertPayload:
    access = await access_of(info)
    data = experts.ExpertData(
        name=input.name,
        university=input.university,
        topics=list(input.topics),
        faculty=input.faculty,
        email=input.email,
        phone=input.phone,
        account_username=input.account_username,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await experts.add_expert(session, access, data)
    return inputs.AddBumDesaExpertPayload(expert=BumDesaExpert.from_row(row))


@strawberry.mutation(
    description="Change an expert's details, topics, account or activity (clinic staff).", extensions=signed_in()
)
async def update_bum_desa_expert(
    info: Info, input: inputs.UpdateBumDesaExpertInput
) -> inputs.UpdateBumDesaExpertPayload:
    access = await access_of(info)
    expert_id = key(input.expert_id, "BumDesaExpert", "input.expertId")
    changes = experts.ExpertChanges(
        name=input.name,
        university=input.university,
        faculty=input.faculty,
        topics=list(input.topics) if input.topics is not None else None,
        email=input.email,
        phone=input.phone,
        account_username=input.account_username,
        unlink_account=input.unlink_account,
        active=input.active,
    )
    async with info.context.db() as session:
        row = await experts.update_expert(session, access, expert_id, changes)
    return inputs.UpdateBumDesaExpertPayload(expert=BumDesaExpert.from_row(row))


# -- consultations -----------------------------------------------------------------------------


@strawberry.mutation(
    description="Open a consultation for your BUM Desa (its manager), or for any (clinic staff).",
    extensions=signed_in(),
)
async def open_bum_desa_consultation(
    info: Info, input: inputs.OpenBumDesaConsultationInput
) -> inputs.OpenBumDesaConsultationPayload:
    access = await access_of(info)
    data = consultations.OpenData(
        enterprise_id=_bum_desa(input.bum_desa_id),
        topic=input.topic,
        subject=input.subject,
        description=input.description,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        ticket = await consultations.open_ticket(session, access, data)
    return inputs.OpenBumDesaConsultationPayload(consultation=BumDesaConsultation.from_row(ticket))


@strawberry.mutation(description="Assign a consultation to an expert (clinic staff).", extensions=signed_in())
async def assign_bum_desa_consultation(
    info: Info, input: inputs.AssignBumDesaConsultationInput
) -> inputs.AssignBumDesaConsultationPayload:
    access = await access_of(info)
    ticket_id = _consultation(input.consultation_id)
    expert_id = key(input.expert_id, "BumDesaExpert", "input.expertId")
    async with info.context.db() as session:
        ticket = await consultations.assign(session, access, ticket_id, expert_id)
    return inputs.AssignBumDesaConsultationPayload(consultation=BumDesaConsultation.from_row(ticket))


@strawberry.mutation(
    description="Schedule a session with the assigned expert, online or on site (clinic staff or the expert).",
    extensions=signed_in(),
)
async def schedule_bum_desa_consultation_session(
    info: Info, input: inputs.ScheduleBumDesaConsultationSessionInput
) -> inputs.ScheduleBumDesaConsultationSessionPayload:
    access = await access_of(info)
    data = consultations.SessionData(
        ticket_id=_consultation(input.consultation_id),
        mode=input.mode,
        starts_at=input.starts_at,
        ends_at=input.ends_at,
        meeting_url=input.meeting_url,
        place=input.place,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        ticket, meeting = await consultations.schedule_session(session, access, data)
    return inputs.ScheduleBumDesaConsultationSessionPayload(
        consultation=BumDesaConsultation.from_row(ticket), session=BumDesaConsultationSession.from_row(meeting)
    )


@strawberry.mutation(
    description="Record the notes of a session that took place (the expert or clinic staff).", extensions=signed_in()
)
async def complete_bum_desa_consultation_session(
    info: Info, input: inputs.CompleteBumDesaConsultationSessionInput
) -> inputs.CompleteBumDesaConsultationSessionPayload:
    access = await access_of(info)
    session_id = _session(input.session_id)
    async with info.context.db() as session:
        ticket, meeting = await consultations.complete_session(session, access, session_id, input.notes)
    return inputs.CompleteBumDesaConsultationSessionPayload(
        consultation=BumDesaConsultation.from_row(ticket), session=BumDesaConsultationSession.from_row(meeting)
    )


@strawberry.mutation(description="Cancel a scheduled session (the expert or clinic staff).", extensions=signed_in())
async def cancel_bum_desa_consultation_session(
    info: Info, input: inputs.CancelBumDesaConsultationSessionInput
) -> inputs.CancelBumDesaConsultationSessionPayload:
    access = await access_of(info)
    session_id = _session(input.session_id)
    async with info.context.db() as session:
        ticket, meeting = await consultations.cancel_session(session, access, session_id, input.reason)
    return inputs.CancelBumDesaConsultationSessionPayload(
        consultation=BumDesaConsultation.from_row(ticket), session=BumDesaConsultationSession.from_row(meeting)
    )


@strawberry.mutation(
    description="Add a note to a consultation (its requester, its expert or clinic staff).", extensions=signed_in()
)
async def add_bum_desa_consultation_note(
    info: Info, input: inputs.AddBumDesaConsultationNoteInput
) -> inputs.AddBumDesaConsultationNotePayload:
    access = await access_of(info)
    ticket_id = _consultation(input.consultation_id)
    async with info.context.db() as session:
        ticket, note = await consultations.add_note(
            session, access, ticket_id, input.body, idempotency_key=input.idempotency_key
        )
    return inputs.AddBumDesaConsultationNotePayload(
        consultation=BumDesaConsultation.from_row(ticket), note=BumDesaConsultationNote.from_row(note)
    )


@strawberry.mutation(
    description="Resolve a consultation with an outcome (the expert or clinic staff).", extensions=signed_in()
)
async def resolve_bum_desa_consultation(
    info: Info, input: inputs.ResolveBumDesaConsultationInput
) -> inputs.ResolveBumDesaConsultationPayload:
    access = await access_of(info)
    ticket_id = _consultation(input.consultation_id)
    async with info.context.db() as session:
        ticket = await consultations.resolve(session, access, ticket_id, input.outcome, input.summary)
    return inputs.ResolveBumDesaConsultationPayload(consultation=BumDesaConsultation.from_row(ticket))


@strawberry.mutation(
    description="Close a resolved consultation (its requester or clinic staff).", extensions=signed_in()
)
async def close_bum_desa_consultation(
    info: Info, input: inputs.CloseBumDesaConsultationInput
) -> inputs.CloseBumDesaConsultationPayload:
    access = await access_of(info)
    ticket_id = _consultation(input.consultation_id)
    async with info.context.db() as session:
        ticket = await consultations.close(session, access, ticket_id)
    return inputs.CloseBumDesaConsultationPayload(consultation=BumDesaConsultation.from_row(ticket))


# -- coaching programmes -----------------------------------------------------------------------


@strawberry.mutation(description="Create a coaching programme (clinic staff).", extensions=signed_in())
async def create_bum_desa_coaching_program(
    info: Info, input: inputs.CreateBumDesaCoachingProgramInput
) -> inputs.CreateBumDesaCoachingProgramPayload:
    access = await access_of(info)
    data = coaching.ProgramData(
        title=input.title,
        description=input.description,
        organizer=input.organizer,
        mode=input.mode,
        starts_on=input.starts_on,
        ends_on=input.ends_on,
        enrollment_closes_on=input.enrollment_closes_on,
        capacity=input.capacity,
        topic=input.topic,
        target_grade=input.target_grade,
        place=input.place,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        program = await coaching.create_program(session, access, data)
    return inputs.CreateBumDesaCoachingProgramPayload(program=BumDesaCoachingProgram.from_row(program))


@strawberry.mutation(
    description="Enrol a BUM Desa in a coaching programme (its manager, or clinic staff for any).",
    extensions=signed_in(),
)
async def enroll_bum_desa_in_coaching_program(
    info: Info, input: inputs.EnrollBumDesaInCoachingProgramInput
) -> inputs.EnrollBumDesaInCoachingProgramPayload:
    access = await access_of(info)
    program_id, enterprise_id = _program(input.program_id), _bum_desa(input.bum_desa_id)
    async with info.context.db() as session:
        program, enrollment = await coaching.enroll(
            session, access, program_id, enterprise_id, idempotency_key=input.idempotency_key
        )
    return inputs.EnrollBumDesaInCoachingProgramPayload(
        program=BumDesaCoachingProgram.from_row(program), enrollment=BumDesaCoachingEnrollment.from_row(enrollment)
    )


@strawberry.mutation(
    description="Withdraw a BUM Desa from a programme before it starts (its manager or clinic staff).",
    extensions=signed_in(),
)
async def withdraw_bum_desa_coaching_enrollment(
    info: Info, input: inputs.WithdrawBumDesaCoachingEnrollmentInput
) -> inputs.WithdrawBumDesaCoachingEnrollmentPayload:
    access = await access_of(info)
    program_id, enterprise_id = _program(input.program_id), _bum_desa(input.bum_desa_id)
    async with info.context.db() as session:
        program, enrollment = await coaching.withdraw(session, access, program_id, enterprise_id)
    return inputs.WithdrawBumDesaCoachingEnrollmentPayload(
        program=BumDesaCoachingProgram.from_row(program), enrollment=BumDesaCoachingEnrollment.from_row(enrollment)
    )


MUTATIONS = (
    register_bum_desa,
    update_bum_desa,
    change_bum_desa_grade,
    record_bum_desa_revenue,
    add_bum_desa_unit,
    update_bum_desa_unit,
    add_bum_desa_expert,
    update_bum_desa_expert,
    open_bum_desa_consultation,
    assign_bum_desa_consultation,
    schedule_bum_desa_consultation_session,
    complete_bum_desa_consultation_session,
    cancel_bum_desa_consultation_session,
    add_bum_desa_consultation_note,
    resolve_bum_desa_consultation,
    close_bum_desa_consultation,
    create_bum_desa_coaching_program,
    enroll_bum_desa_in_coaching_program,
    withdraw_bum_desa_coaching_enrollment,
)
