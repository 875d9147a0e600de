"""Children under five: registration, length/height measurements (stunting flag) and immunisation doses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.access import require
from core.audit.chain import record
from core.auth import Principal
from core.calendar import today
from core.errors import CettarError
from core.events import emit
from core.identity.validators import Sex, parse_nik
from plugins.gayatri import domain, growth
from plugins.gayatri.access import can_read_child, visible_children
from plugins.gayatri.domain import ChildSex, HeightForAge, Position
from plugins.gayatri.immunisation import Dose
from plugins.gayatri.models import Child, Immunisation, Measurement
from plugins.gayatri.service import (
    agency_id,
    cadre_of,
    check_kelurahan,
    insert_once,
    once,
    require_recorder,
    required_text,
)

#: Plausible bounds for a length/height in cm and a weight in kg of a child under five.
HEIGHT_RANGE_CM = (35.0, 130.0)
WEIGHT_RANGE_KG = (0.5, 40.0)


# -- reading ---------------------------------------------------------------------------------


def latest_measurements() -> Any:
    """A subquery: each child's latest measurement (by date, then by id), one row per child."""
    ranked = select(
        col(Measurement.child_id).label("child_id"),
        col(Measurement.category).label("category"),
        func.row_number()
        .over(
            partition_by=col(Measurement.child_id),
            order_by=(col(Measurement.measured_on).desc(), col(Measurement.id).desc()),
        )
        .label("rank"),
    ).subquery()
    return select(ranked.c.child_id, ranked.c.category).where(ranked.c.rank == 1).subquery()


def children_query(
    principal: Principal,
    *,
    kelurahan_code: str | None = None,
    category: HeightForAge | None = None,
    stunted: bool | None = None,
    search: str | None = None,
) -> Select[Any]:
    """The children ``principal`` may see, filtered by kelurahan, latest height-for-age category or name."""
    statement = visible_children(select(Child), principal)
    if kelurahan_code is not None:
        statement = statement.where(col(Child.kelurahan_code) == kelurahan_code.strip())
    if search:
        escaped = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(col(Child.name).ilike(f"%{escaped}%", escape="\\"))
    if category is not None or stunted is not None:
        latest = latest_measurements()
        statement = statement.join(latest, latest.c.child_id == col(Child.id))
        if category is not None:
            statement = statement.where(latest.c.category == category.value)
        if stunted is not None:
            stunting = [c.value for c in domain.STUNTING]
            statement = statement.where(
                latest.c.category.in_(stunting) if stunted else latest.c.category.not_in(stunting)
            )
    return statement


async def visible_child(session: AsyncSession, principal: Principal, child_id: int) -> Child:
    """The child, or ``NOT_FOUND`` (also when ``principal`` may not see it)."""
    child = await session.get(Child, child_id)
    viewer = await cadre_of(session, principal.account_id)
    require(child is not None and can_read_child(principal, child, viewer))
    assert child is not None and child.id is not None
    return child


async def children_by_id(session: AsyncSession, principal: Principal, ids: Sequence[int]) -> list[Child | None]:
    statement = visible_children(select(Child).where(col(Child.id).in_(list(ids))), principal)
    found = {row.id: row for row in (await session.execute(statement)).scalars()}
    return [found.get(i) for i in ids]


# -- registering a child ---------------------------------------------------------------------


@dataclass(frozen=True)
class ChildData:
    name: str
    sex: ChildSex
    birth_date: date
    kelurahan_code: str
    mother_name: str
    nik: str | None = None
    mother_nik: str | None = None
    idempotency_key: str | None = None


def _check_nik(value: str | None, field: str, *, birth: date | None, sex: ChildSex) -> str | None:
    """A valid NIK (``INVALID_NIK``) whose birth date and sex agree (``GAYATRI_NIK_MISMATCH``)."""
    if value is None or not value.strip():
        return None
    nik = parse_nik(value, field=field)
    if birth is not None and nik.birth_date != birth:
        raise CettarError("GAYATRI_NIK_MISMATCH", field=field, what_id="tanggal lahir", what_en="birth date")
    if nik.sex is not Sex(sex.value):
        raise CettarError("GAYATRI_NIK_MISMATCH", field=field, what_id="jenis kelamin", what_en="sex")
    return nik.nik


async def register_child(session: AsyncSession, principal: Principal, data: ChildData) -> Child:
    region = await check_kelurahan(session, data.kelurahan_code, "input.kelurahanCode")
    await require_recorder(session, principal, region.code, "input.kelurahanCode")
    name = required_text(data.name, "input.name", max_length=120)
    mother_name = required_text(data.mother_name, "input.motherName", max_length=120)
    now = today()
    if data.birth_date > now:
        raise CettarError("GAYATRI_DATE_INVALID", field="input.birthDate")
    age = growth.completed_months(data.birth_date, now)
    if age > growth.MAX_AGE_MONTHS:
        raise CettarError("GAYATRI_AGE_OUT_OF_RANGE", field="input.birthDate", age=age)
    nik = _check_nik(data.nik, "input.nik", birth=data.birth_date, sex=data.sex)
    mother_nik = _check_nik(data.mother_nik, "input.motherNik", birth=None, sex=ChildSex.FEMALE)
    health = await agency_id(session, domain.HEALTH_AGENCY)

    async def create() -> Child:
        registered = CettarError("GAYATRI_CHILD_ALREADY_REGISTERED", field="input.nik")
        if nik is not None and (await session.execute(select(col(Child.id)).where(col(Child.nik) == nik))).first():
            raise registered
        child = Child(
            name=name,
            nik=nik,
            sex=data.sex,
            birth_date=data.birth_date,
            kelurahan_code=region.code,
            mother_name=mother_name,
            mother_nik=mother_nik,
            agency_id=health,
            registered_by=principal.account_id,
        )
        await insert_once(session, child, registered)
        record(
            session, "gayatri.child_registered", target_type="GayatriChild", target_id=child.id, target_agency_id=health
        )
        return child

    return await once(
        session,
        principal,
        key=data.idempotency_key,
        operation="registerGayatriChild",
        payload={
            "n": name,
            "s": data.sex.value,
            "b": data.birth_date,
            "k": region.code,
            "m": mother_name,
            "nik": nik,
            "mnik": mother_nik,
        },
        load=lambda pk: session.get(Child, pk),
        create=create,
        target_id=lambda child: child.id,
    )


# -- measurements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasurementData:
    child_id: int
    measured_on: date
    height_cm: float
    position: Position
    weight_kg: float | None = None
    idempotency_key: str | None = None


def _check_range(value: float, bounds: tuple[float, float], field: str, unit: str) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise CettarError(
            "VALIDATION_FAILED",
            field=field,
            message_id=f"Harus antara {low:g} dan {high:g} {unit}.",
            message_en=f"Must be between {low:g} and {high:g} {unit}.",
        )


async def record_measurement(session: AsyncSession, principal: Principal, data: MeasurementData) -> Measurement:
    child = await visible_child(session, principal, data.child_id)
    await require_recorder(session, principal, child.kelurahan_code, "input.childId")
    _check_range(data.height_cm, HEIGHT_RANGE_CM, "input.heightCm", "cm")
    if data.weight_kg is not None:
        _check_range(data.weight_kg, WEIGHT_RANGE_KG, "input.weightKg", "kg")
    if not child.birth_date <= data.measured_on <= today():
        raise CettarError("GAYATRI_DATE_INVALID", field="input.measuredOn")
    height_mm = round(data.height_cm * 10)
    assessment = growth.assess(child.sex, child.birth_date, data.measured_on, height_mm / 10, data.position)
    if assessment is None:
        age = growth.completed_months(child.birth_date, data.measured_on)
        raise CettarError("GAYATRI_AGE_OUT_OF_RANGE", field="input.measuredOn", age=age)
    if not assessment.plausible:
        raise CettarError(
            "GAYATRI_IMPLAUSIBLE_MEASUREMENT",
            field="input.heightCm",
            height=f"{height_mm / 10:.1f}",
            age=assessment.age_months,
            z=f"{assessment.z:.1f}",
        )
    weight_g = None if data.weight_kg is None else round(data.weight_kg * 1000)
    child_id = data.child_id

    async def create() -> Measurement:
        measurement = Measurement(
            child_id=child_id,
            measured_on=data.measured_on,
            age_months=assessment.age_months,
            height_mm=height_mm,
            weight_g=weight_g,
            position=data.position,
            haz=round(assessment.z, 4),
            category=assessment.category,
            recorded_by=principal.account_id,
        )
        session.add(measurement)
        await session.flush()
        record(
            session,
            "gayatri.measurement_recorded",
            target_type="GayatriMeasurement",
            target_id=measurement.id,
            target_agency_id=child.agency_id,
            detail={"child_id": child.id, "category": assessment.category.value},
        )
        emit(
            session,
            "gayatri.measurement_recorded",
            # Ids only: whether the child is stunted is health data about a named child; a handler
            # allowed to know it reads the measurement.
            {"measurement_id": measurement.id, "child_id": child.id, "kelurahan_code": child.kelurahan_code},
            source="gayatri",
        )
        return measurement

    return await once(
        session,
        principal,
        key=data.idempotency_key,
        operation="recordGayatriMeasurement",
        payload={
            "c": child.id,
            "d": data.measured_on,
            "h": height_mm,
            "w": weight_g,
            "p": data.position.value,
        },
        load=lambda pk: session.get(Measurement, pk),
        create=create,
        target_id=lambda measurement: measurement.id,
    )


# -- immunisation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DoseData:
    child_id: int
    dose: Dose
    given_on: date
    idempotency_key: str | None = None


async def record_dose(session: AsyncSession, principal: Principal, data: DoseData) -> Immunisation:
    child = await visible_child(session, principal, data.child_id)
    await require_recorder(session, principal, child.kelurahan_code, "input.childId")
    if not child.birth_date <= data.given_on <= today():
        raise CettarError("GAYATRI_DATE_INVALID", field="input.givenOn")

    async def create() -> Immunisation:
        taken = select(col(Immunisation.id)).where(
            and_(col(Immunisation.child_id) == child.id, col(Immunisation.dose) == data.dose)
        )
        recorded = CettarError("GAYATRI_DOSE_ALREADY_RECORDED", field="input.dose")
        if (await session.execute(taken)).first() is not None:
            raise recorded
        dose = Immunisation(
            child_id=data.child_id, dose=data.dose, given_on=data.given_on, recorded_by=principal.account_id
        )
        await insert_once(session, dose, recorded)
        record(
            session,
            "gayatri.dose_recorded",
            target_type="GayatriChild",
            target_id=child.id,
            target_agency_id=child.agency_id,
            detail={"dose": data.dose.value},
        )
        return dose

    return await once(
        session,
        principal,
        key=data.idempotency_key,
        operation="recordGayatriImmunisation",
        payload={"c": child.id, "d": data.dose.value, "on": data.given_on},
        load=lambda pk: session.get(Immunisation, pk),
        create=create,
        target_id=lambda dose: dose.id,
    )
