"""Coaching programmes (pembinaan) with a capacity, and the BUM Desa enrolled in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import record
from core.auth import Role
from core.calendar import local_date
from core.errors import CettarError
from core.notifications import notify
from plugins.klinik_bumdes.models import Enrollment, EnrollmentStatus, Enterprise, Grade, Program, SessionMode, Topic
from plugins.klinik_bumdes.service import common
from plugins.klinik_bumdes.service.access import Access
from plugins.klinik_bumdes.service.registry import get_enterprise

MAX_CAPACITY = 1000
MAX_LENGTH = timedelta(days=366)


@dataclass(frozen=True)
class ProgramFilter:
    topic: Topic | None = None
    target_grade: Grade | None = None
    #: Only programmes that have not ended (``True``) or only those that have (``False``).
    upcoming: bool | None = None
    open_for_enrollment: bool | None = None


def programs_query(f: ProgramFilter | None = None, *, today: date | None = None) -> Select[Any]:
    stmt = select(Program)
    if f is None:
        return stmt
    day = today or local_date(common.now())
    if f.topic is not None:
        stmt = stmt.where(col(Program.topic) == f.topic)
    if f.target_grade is not None:
        stmt = stmt.where(col(Program.target_grade) == f.target_grade)
    if f.upcoming is not None:
        stmt = stmt.where(col(Program.ends_on) >= day if f.upcoming else col(Program.ends_on) < day)
    if f.open_for_enrollment is not None:
        is_open = col(Program.enrollment_closes_on) >= day
        stmt = stmt.where(is_open if f.open_for_enrollment else ~is_open)
    return stmt


@dataclass(frozen=True)
class ProgramData:
    title: str
    description: str
    organizer: str
    mode: SessionMode
    starts_on: date
    ends_on: date
    enrollment_closes_on: date
    capacity: int
    topic: Topic | None = None
    target_grade: Grade | None = None
    place: str | None = None
    idempotency_key: str | None = None


async def create_program(
    session: AsyncSession, access: Access, data: ProgramData, *, now: datetime | None = None
) -> Program:
    access.require_manage()
    moment = now or common.now()
    today = local_date(moment)
    title = common.text(data.title, "input.title", min_length=5, max_length=160)
    description = common.text(data.description, "input.description", min_length=20, max_length=4000, multiline=True)
    organizer = common.text(data.organizer, "input.organizer", min_length=3, max_length=160)
    place = common.optional_text(data.place, "input.place", max_length=200)
    if data.mode is SessionMode.ON_SITE and place is None:
        raise CettarError("BUMDES_SESSION_LOCATION_REQUIRED", field="input.place")
    if not 1 <= data.capacity <= MAX_CAPACITY:
        raise common.invalid(
            "input.capacity",
            f"Kuota antara 1 dan {MAX_CAPACITY} BUM Desa.",
            f"The capacity lies between 1 and {MAX_CAPACITY} BUM Desa.",
        )
    if data.starts_on < today:
        raise common.invalid(
            "input.startsOn", "Program tidak dapat dimulai di masa lalu.", "A programme cannot start in the past."
        )
    if not data.starts_on <= data.ends_on <= data.starts_on + MAX_LENGTH:
        raise common.invalid(
            "input.endsOn",
            "Program berakhir pada atau sesudah hari mulai, paling lama setahun.",
            "A programme ends on or after its first day, within a year.",
        )
    if not today <= data.enrollment_closes_on <= data.starts_on:
        raise common.invalid(
            "input.enrollmentClosesOn",
            "Pendaftaran ditutup antara hari ini dan hari mulai program.",
            "Enrolment closes between today and the programme's first day.",
        )

    async def create() -> tuple[Program, int]:
        taken = await session.execute(
            select(col(Program.id)).where(
                func.lower(col(Program.title)) == title.lower(), col(Program.starts_on) == data.starts_on
            )
        )
        if taken.first():
            raise CettarError("CONFLICT", field="input.title")
        program = Program(
            title=title,
            description=description,
            organizer=organizer,
            topic=data.topic,
            target_grade=data.target_grade,
            mode=data.mode,
            place=place,
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            enrollment_closes_on=data.enrollment_closes_on,
            capacity=data.capacity,
            created_by_account_id=access.account_id,
            created_at=moment,
        )
        session.add(program)
        await session.flush()
        assert program.id is not None
        record(
            session,
            "klinik_bumdes.program_created",
            target_type="BumDesaCoachingProgram",
            target_id=program.id,
            target_agency_id=access.agency_id,
            detail={"capacity": data.capacity, "startsOn": data.starts_on.isoformat()},
        )
        common.event(session, "program_created", program_id=program.id)
        return program, program.id

    async def load(program_id: int) -> Program | None:
        return await session.get(Program, program_id)

    return await common.create_once(
        session,
        account_id=access.account_id,
        key=data.idempotency_key,
        operation="createBumDesaCoachingProgram",
        payload={
            "title": title,
            "description": description,
            "organizer": organizer,
            "mode": data.mode.value,
            "dates": [data.starts_on.isoformat(), data.ends_on.isoformat(), data.enrollment_closes_on.isoformat()],
            "capacity": data.capacity,
            "topic": data.topic and data.topic.value,
            "grade": data.target_grade and data.target_grade.value,
            "place": place,
        },
        load=load,
        create=create,
    )


def _may_enrol(access: Access, enterprise: Enterprise) -> None:
    """The clinic's staff enrol any BUM Desa; a manager enrols their own."""
    principal = access.principal
    if not principal.is_authenticated:
        raise CettarError("UNAUTHENTICATED")
    if access.manage or principal.owns(enterprise.manager_account_id):
        return
    if principal.role is Role.CITIZEN:
        raise CettarError("BUMDES_NOT_MANAGER", field="input.bumDesaId")
    raise CettarError("FORBIDDEN")


async def _program(session: AsyncSession, program_id: int) -> Program:
    await common.lock_row(session, Program, program_id)
    found = (
        await session.execute(select(Program).where(col(Program.id) == program_id).with_for_update())
    ).scalar_one_or_none()
    if found is None:
        raise CettarError("NOT_FOUND", field="input.programId")
    return found


async def enroll(
    session: AsyncSession,
    access: Access,
    program_id: int,
    enterprise_id: int,
    *,
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> tuple[Program, Enrollment]:
    """Enrol a BUM Desa: before enrolment closes, of the targeted grade, once, within the capacity."""
    moment = now or common.now()
    enterprise = await get_enterprise(session, enterprise_id)
    _may_enrol(access, enterprise)
    # The programme's row is locked: two enrolments at once cannot both take the last seat.
    program = await _program(session, program_id)

    async def create() -> tuple[tuple[Program, Enrollment], int]:
        if local_date(moment) > program.enrollment_closes_on:
            raise CettarError(
                "BUMDES_ENROLLMENT_CLOSED", field="input.programId", closes_on=program.enrollment_closes_on.isoformat()
            )
        if program.target_grade is not None and enterprise.grade is not program.target_grade:
            raise CettarError("BUMDES_GRADE_NOT_TARGETED", field="input.bumDesaId", grade=program.target_grade.value)
        existing = (
            await session.execute(
                select(Enrollment).where(
                    col(Enrollment.program_id) == program.id, col(Enrollment.enterprise_id) == enterprise.id
                )
            )
        ).scalar_one_or_none()
        if existing is not None and existing.status is EnrollmentStatus.ENROLLED:
            raise CettarError("BUMDES_ALREADY_ENROLLED", field="input.bumDesaId")
        taken = await session.execute(
            select(func.count())
            .select_from(Enrollment)
            .where(col(Enrollment.program_id) == program.id, col(Enrollment.status) == EnrollmentStatus.ENROLLED)
        )
        if int(taken.scalar_one()) >= program.capacity:
            raise CettarError("BUMDES_PROGRAM_FULL", field="input.programId", capacity=program.capacity)
        enrollment = existing or Enrollment(
            program_id=program.id,  # type: ignore[arg-type]
            enterprise_id=enterprise.id,  # type: ignore[arg-type]
            status=EnrollmentStatus.ENROLLED,
        )
        enrollment.status = EnrollmentStatus.ENROLLED
        enrollment.enrolled_by_account_id = access.account_id
        enrollment.enrolled_at = moment
        enrollment.withdrawn_at = None
        session.add(enrollment)
        await session.flush()
        assert enrollment.id is not None
        record(
            session,
            "klinik_bumdes.enrolled",
            target_type="BumDesaCoachingProgram",
            target_id=program.id,
            target_agency_id=access.agency_id,
            detail={"bumDesaId": enterprise.id},
        )
        common.event(session, "enrolled", program_id=program.id, bum_desa_id=enterprise.id)
        if enterprise.manager_account_id is not None and not access.principal.owns(enterprise.manager_account_id):
            await notify(
                session,
                account_id=enterprise.manager_account_id,
                kind="klinik_bumdes.enrolled",
                title=("Terdaftar di program pembinaan", "Enrolled in a coaching programme"),
                body=(
                    f"{enterprise.name} terdaftar di {program.title} ({program.starts_on.isoformat()}).",
                    f"{enterprise.name} is enrolled in {program.title} ({program.starts_on.isoformat()}).",
                ),
                source=common.SOURCE,
                target_type="BumDesaCoachingProgram",
                target_key=str(program.id),
            )
        return (program, enrollment), enrollment.id

    async def load(enrollment_id: int) -> tuple[Program, Enrollment] | None:
        enrollment = await session.get(Enrollment, enrollment_id)
        return None if enrollment is None else (program, enrollment)

    return await common.create_once(
        session,
        account_id=access.account_id,
        key=idempotency_key,
        operation="enrollBumDesaInCoachingProgram",
        payload={"program": program.id, "bumDesa": enterprise.id},
        load=load,
        create=create,
    )


async def withdraw(
    session: AsyncSession, access: Access, program_id: int, enterprise_id: int, *, now: datetime | None = None
) -> tuple[Program, Enrollment]:
    """Give the seat back, until the programme starts."""
    moment = now or common.now()
    enterprise = await get_enterprise(session, enterprise_id)
    _may_enrol(access, enterprise)
    program = await _program(session, program_id)
    enrollment = (
        await session.execute(
            select(Enrollment).where(
                col(Enrollment.program_id) == program.id,
                col(Enrollment.enterprise_id) == enterprise.id,
                col(Enrollment.status) == EnrollmentStatus.ENROLLED,
            )
        )
    ).scalar_one_or_none()
    if enrollment is None:
        raise CettarError("NOT_FOUND", field="input.bumDesaId")
    if local_date(moment) >= program.starts_on:
        raise CettarError("BUMDES_ENROLLMENT_CLOSED", field="input.programId", closes_on=program.starts_on.isoformat())
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.withdrawn_at = moment
    await session.flush()
    record(
        session,
        "klinik_bumdes.enrollment_withdrawn",
        target_type="BumDesaCoachingProgram",
        target_id=program.id,
        target_agency_id=access.agency_id,
        detail={"bumDesaId": enterprise.id},
    )
    common.event(session, "enrollment_withdrawn", program_id=program.id, bum_desa_id=enterprise.id)
    return program, enrollment
