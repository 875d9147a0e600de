"""Classes of the market school: scheduling, enrolment (seats enforced) and attendance (no GraphQL)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core import idempotency
from core.access import require_authenticated, scoped
from core.audit.chain import record
from core.auth import Principal
from core.calendar import WIB
from core.db import utcnow
from core.errors import CettarError
from core.events.outbox import emit
from core.notifications import notify
from plugins.sepasar_pedas import rules
from plugins.sepasar_pedas.models import Attendance, Certificate, Enrolment, SchoolClass, Topic, Trader
from plugins.sepasar_pedas.service import market_by_code, traders_by_id

MAX_HOURS = 12
MAX_DAYS_AHEAD = 366


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassQuery:
    market_code: str | None = None
    topic: Topic | None = None
    starts_after: datetime | None = None
    starts_before: datetime | None = None


async def classes_query(session: AsyncSession, principal: Principal, query: ClassQuery) -> Select[Any]:
    """Classes of the principal's agency (staff) or all (province admin)."""
    stmt = scoped(select(SchoolClass), principal, agency=col(SchoolClass.agency_id))
    if query.market_code is not None:
        market = await market_by_code(session, query.market_code, "filter.marketCode")
        stmt = stmt.where(col(SchoolClass.market_id) == market.id)
    if query.topic is not None:
        stmt = stmt.where(col(SchoolClass.topic) == query.topic)
    if query.starts_after is not None:
        stmt = stmt.where(col(SchoolClass.starts_at) >= query.starts_after)
    if query.starts_before is not None:
        stmt = stmt.where(col(SchoolClass.starts_at) < query.starts_before)
    return stmt


def my_enrolments_query(principal: Principal) -> Select[Any]:
    """The enrolments of the traders linked to the signed-in citizen."""
    require_authenticated(principal)
    return (
        select(Enrolment)
        .join(Trader, col(Trader.id) == col(Enrolment.trader_id))
        .where(col(Trader.account_id) == principal.account_id)
    )


async def classes_by_id(session: AsyncSession, ids: Sequence[int]) -> list[SchoolClass | None]:
    rows = (await session.execute(select(SchoolClass).where(col(SchoolClass.id).in_(list(ids))))).scalars()
    found = {row.id: row for row in rows}
    return [found.get(i) for i in ids]


async def enrolments_by_id(session: AsyncSession, ids: Sequence[int]) -> list[tuple[Enrolment, Trader] | None]:
    """Each enrolment with its trader (whose account and agency decide who may read it)."""
    stmt = (
        select(Enrolment, Trader)
        .join(Trader, col(Trader.id) == col(Enrolment.trader_id))
        .where(col(Enrolment.id).in_(list(ids)))
    )
    found = {enrolment.id: (enrolment, trader) for enrolment, trader in (await session.execute(stmt)).all()}
    return [found.get(i) for i in ids]


async def enrolled_class_ids(session: AsyncSession, principal: Principal, class_ids: Sequence[int]) -> set[int]:
    """The classes among ``class_ids`` in which a trader linked to ``principal`` is enrolled: such a
    trader reads the class (its title, venue, schedule), as they already do through their enrolment."""
    if principal.account_id is None or not class_ids:
        return set()
    stmt = (
        select(col(Enrolment.class_id))
        .join(Trader, col(Trader.id) == col(Enrolment.trader_id))
        .where(col(Trader.account_id) == principal.account_id, col(Enrolment.class_id).in_(list(class_ids)))
    )
    return {int(i) for i in (await session.execute(stmt)).scalars()}


def can_read_enrolment(principal: Principal, trader: Trader) -> bool:
    return principal.owns(trader.account_id) or rules.manages(principal, trader.agency_id)


async def class_for(
    session: AsyncSession, principal: Principal, class_id: int, permission: str, field: str
) -> SchoolClass:
    """The class, for someone holding ``permission`` in its agency; NOT_FOUND for anyone else."""
    (row,) = await classes_by_id(session, [class_id])
    rules.require_manager(principal, permission, row.agency_id if row else None, field)
    assert row is not None
    return row


# -- scheduling -------------------------------------------------------------------------------


def _check_schedule(starts_at: datetime, ends_at: datetime, now: datetime, field: str) -> None:
    if (
        starts_at <= now
        or starts_at > now + timedelta(days=MAX_DAYS_AHEAD)
        or ends_at <= starts_at
        or ends_at - starts_at > timedelta(hours=MAX_HOURS)
    ):
        raise CettarError("SEPASAR_INVALID_SCHEDULE", field=field, max_hours=MAX_HOURS)


def _check_capacity(capacity: int, settings: rules.SepasarSettings) -> int:
    if not 1 <= capacity <= settings.max_class_capacity:
        raise CettarError("SEPASAR_INVALID_CAPACITY", field="input.capacity", max=settings.max_class_capacity)
    return capacity


@dataclass(frozen=True)
class ClassData:
    title: str
    topic: Topic
    venue: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    market_code: str | None = None
    instructor: str | None = None


async def schedule_class(
    session: AsyncSession,
    principal: Principal,
    settings: rules.SepasarSettings,
    data: ClassData,
    idempotency_key: str | None = None,
) -> SchoolClass:
    agency = await rules.school_agency(session, settings.agency_code)
    rules.require_manager(principal, rules.MANAGE_CLASSES, agency.id)
    assert agency.id is not None
    title = rules.text(data.title, "input.title", min_length=3, max_length=160)
    venue = rules.text(data.venue, "input.venue", min_length=3, max_length=200)
    instructor = rules.optional_text(data.instructor, "input.instructor", max_length=120)
    _check_schedule(data.starts_at, data.ends_at, utcnow(), "input.startsAt")
    capacity = _check_capacity(data.capacity, settings)
    market_id = None
    if data.market_code is not None:
        market = await market_by_code(session, data.market_code, "input.marketCode")
        if market.agency_id != agency.id:
            raise CettarError("NOT_FOUND", field="input.marketCode")
        market_id = market.id
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint({"class": asdict(data)})
    earlier = await idempotency.replay(
        session,
        scope=scope,
        key=idempotency_key,
        operation="scheduleSepasarClass",
        digest=digest,
        field="input.idempotencyKey",
    )
    if earlier is not None:
        return await class_for(session, principal, int(earlier), rules.MANAGE_CLASSES, "input.idempotencyKey")
    row = SchoolClass(
        agency_id=agency.id,
        market_id=market_id,
        title=title,
        topic=data.topic,
        venue=venue,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        capacity=capacity,
        instructor=instructor,
    )
    session.add(row)
    await session.flush()
    idempotency.remember(
        session, scope=scope, key=idempotency_key, operation="scheduleSepasarClass", digest=digest, target_id=row.id
    )
    record(
        session,
        "sepasar_pedas.class_scheduled",
        target_type="SepasarClass",
        target_id=row.id,
        target_agency_id=agency.id,
        detail={"topic": row.topic.value, "capacity": capacity},
    )
    emit(session, "sepasar_pedas.class_scheduled", {"class_id": row.id}, source=rules.PLUGIN)
    return row


@dataclass(frozen=True)
class ClassChanges:
    title: str | None = None
    venue: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    capacity: int | None = None
    instructor: str | None = None


async def update_class(
    session: AsyncSession,
    principal: Principal,
    settings: rules.SepasarSettings,
    class_id: int,
    changes: ClassChanges,
) -> SchoolClass:
    row = await class_for(session, principal, class_id, rules.MANAGE_CLASSES, "input.classId")
    now = utcnow()
    if changes.starts_at is not None or changes.ends_at is not None:
        if row.starts_at <= now:
            raise CettarError("SEPASAR_CLASS_STARTED", field="input.startsAt")
        starts_at = changes.starts_at or row.starts_at
        ends_at = changes.ends_at or row.ends_at
        _check_schedule(starts_at, ends_at, now, "input.startsAt")
        row.starts_at, row.ends_at = starts_at, ends_at
    if changes.capacity is not None:
        capacity = _check_capacity(changes.capacity, settings)
        # Conditional: an enrolment committing meanwhile cannot be squeezed out.
        result = await session.execute(
            update(SchoolClass)
            .where(col(SchoolClass.id) == row.id, col(SchoolClass.enrolled_count) <= capacity)
            .values(capacity=capacity)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) != 1:
            await session.refresh(row)
            raise CettarError("SEPASAR_CAPACITY_BELOW_ENROLMENT", field="input.capacity", enrolled=row.enrolled_count)
        await session.refresh(row, ["capacity", "enrolled_count"])
    if changes.title is not None:
        row.title = rules.text(changes.title, "input.title", min_length=3, max_length=160)
    if changes.venue is not None:
        row.venue = rules.text(changes.venue, "input.venue", min_length=3, max_length=200)
    if changes.instructor is not None:
        row.instructor = rules.optional_text(changes.instructor, "input.instructor", max_length=120)
    await session.flush()
    record(
        session,
        "sepasar_pedas.class_updated",
        target_type="SepasarClass",
        target_id=row.id,
        target_agency_id=row.agency_id,
        detail={"fields": sorted(k for k, v in asdict(changes).items() if v is not None)},
    )
    return row


# -- enrolment --------------------------------------------------------------------------------


async def enrol(
    session: AsyncSession, principal: Principal, class_id: int, trader_id: int, idempotency_key: str | None = None
) -> tuple[Enrolment, SchoolClass]:
    """Enrol a trader: before the class starts, once, while seats are left."""
    row = await class_for(session, principal, class_id, rules.MANAGE_CLASSES, "input.classId")
    (trader,) = await traders_by_id(session, [trader_id])
    if trader is None or trader.agency_id != row.agency_id:
        raise CettarError("NOT_FOUND", field="input.traderId")
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint({"class": class_id, "trader": trader_id})
    earlier = await idempotency.replay(
        session,
        scope=scope,
        key=idempotency_key,
        operation="enrolSepasarTrader",
        digest=digest,
        field="input.idempotencyKey",
    )
    if earlier is not None:
        (found,) = await enrolments_by_id(session, [int(earlier)])
        assert found is not None
        return found[0], row
    if not trader.active:
        raise CettarError("SEPASAR_TRADER_INACTIVE", field="input.traderId")
    if row.starts_at <= utcnow():
        raise CettarError("SEPASAR_ENROLMENT_CLOSED", field="input.classId")
    taken = select(col(Enrolment.id)).where(col(Enrolment.class_id) == row.id, col(Enrolment.trader_id) == trader.id)
    if (await session.execute(taken)).first():
        raise CettarError("SEPASAR_ALREADY_ENROLLED", field="input.traderId")
    # Take a seat only if one is left, in one statement: two officers enrolling at once
    # cannot both take the last seat (the loser sees rowcount 0).
    seat = await session.execute(
        update(SchoolClass)
        .where(col(SchoolClass.id) == row.id, col(SchoolClass.enrolled_count) < col(SchoolClass.capacity))
        .values(enrolled_count=col(SchoolClass.enrolled_count) + 1)
        .execution_options(synchronize_session=False)
    )
    if getattr(seat, "rowcount", 0) != 1:
        raise CettarError("SEPASAR_CLASS_FULL", field="input.classId", capacity=row.capacity)
    enrolment = Enrolment(class_id=row.id, trader_id=trader.id)  # type: ignore[arg-type]
    # The same trader enrolled by two requests at once: the unique constraint decides, the loser is told why.
    await rules.insert_once(session, enrolment, CettarError("SEPASAR_ALREADY_ENROLLED", field="input.traderId"))
    await session.refresh(row, ["enrolled_count", "capacity"])
    idempotency.remember(
        session, scope=scope, key=idempotency_key, operation="enrolSepasarTrader", digest=digest, target_id=enrolment.id
    )
    record(
        session,
        "sepasar_pedas.trader_enrolled",
        target_type="SepasarEnrolment",
        target_id=enrolment.id,
        target_agency_id=row.agency_id,
        detail={"classId": row.id, "traderId": trader.id},
    )
    emit(
        session,
        "sepasar_pedas.trader_enrolled",
        {"enrolment_id": enrolment.id, "class_id": row.id, "trader_id": trader.id},
        source=rules.PLUGIN,
    )
    if trader.account_id is not None:
        when = row.starts_at.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")
        await notify(
            session,
            account_id=trader.account_id,
            kind="sepasar_pedas.enrolled",
            title=("Terdaftar di kelas SEPASAR PEDAS", "Enrolled in a SEPASAR PEDAS class"),
            body=(
                f"Anda terdaftar di kelas {row.title}, mulai {when}.",
                f"You are enrolled in {row.title}, starting {when}.",
            ),
            source=rules.PLUGIN,
            target_type="SepasarEnrolment",
            target_key=str(enrolment.id),
        )
    return enrolment, row


# -- attendance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceEntry:
    trader_id: int
    present: bool


async def record_attendance(
    session: AsyncSession, principal: Principal, class_id: int, entries: Sequence[AttendanceEntry]
) -> tuple[SchoolClass, list[Enrolment]]:
    """Mark enrolled traders present or absent, once the class has started (corrections allowed
    until a certificate is issued)."""
    row = await class_for(session, principal, class_id, rules.MANAGE_CLASSES, "input.classId")
    if row.starts_at > utcnow():
        raise CettarError("SEPASAR_CLASS_NOT_STARTED", field="input.classId")
    if not entries:
        raise CettarError(
            "VALIDATION_FAILED",
            field="input.entries",
            message_id="Isi presensi paling sedikit satu peserta.",
            message_en="Give the attendance of at least one trader.",
        )
    enrolments = {
        e.trader_id: e
        for e in (await session.execute(select(Enrolment).where(col(Enrolment.class_id) == row.id))).scalars()
    }
    certified = {
        int(i)
        for i in (
            await session.execute(
                select(col(Certificate.enrolment_id)).where(
                    col(Certificate.enrolment_id).in_([e.id for e in enrolments.values()])
                )
            )
        ).scalars()
    }
    seen: set[int] = set()
    now = utcnow()
    changed: list[Enrolment] = []
    for index, entry in enumerate(entries):
        field = f"input.entries.{index}.traderId"
        enrolment = enrolments.get(entry.trader_id)
        if enrolment is None or entry.trader_id in seen:
            raise CettarError("SEPASAR_NOT_ENROLLED", field=field)
        seen.add(entry.trader_id)
        attendance = Attendance.PRESENT if entry.present else Attendance.ABSENT
        if enrolment.id in certified and attendance is not Attendance.PRESENT:
            raise CettarError("SEPASAR_ATTENDANCE_LOCKED", field=field)
        enrolment.attendance, enrolment.attendance_recorded_at = attendance, now
        changed.append(enrolment)
    await session.flush()
    present = sum(1 for e in changed if e.attendance is Attendance.PRESENT)
    record(
        session,
        "sepasar_pedas.attendance_recorded",
        target_type="SepasarClass",
        target_id=row.id,
        target_agency_id=row.agency_id,
        detail={"present": present, "absent": len(changed) - present},
    )
    emit(
        session,
        "sepasar_pedas.attendance_recorded",
        {"class_id": row.id, "enrolment_ids": [e.id for e in changed]},
        source=rules.PLUGIN,
    )
    return row, changed
