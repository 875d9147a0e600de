"""The BUM Desa registry: registration, legal status, grades, yearly figures and business units.

Every function checks all of its input before it writes anything; the caller's
session commits (a resolver's unit of work, a seed, a test).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import record
from core.auth import Role
from core.calendar import local_date
from core.errors import CettarError
from core.identity.models import Account
from core.notifications import notify
from core.regions.models import Region, RegionKind
from plugins.klinik_bumdes import labels
from plugins.klinik_bumdes.models import BusinessUnit, Enterprise, Grade, GradeChange, LegalStatus, Revenue, Sector
from plugins.klinik_bumdes.service import common
from plugins.klinik_bumdes.service.access import Access

#: The oldest founding year accepted (village enterprises date back to UU 32/2004 and PP 72/2005).
EARLIEST_YEAR = 2000
#: PP 11/2021, which gives a registered BUM Desa legal-entity status, was enacted on 2 February 2021.
LEGAL_ENTITY_SINCE = date(2021, 2, 2)
#: A sanity bound for amounts in rupiah (a thousand trillion), well within BIGINT and JSON numbers.
MAX_RUPIAH = 10**15
NAME_PREFIX = "BUM Desa"
LEGAL_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./-]{4,79}")
INITIAL_GRADE_REASON = "Peringkat saat tercatat di Klinik BUM Desa"


# -- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BumDesaFilter:
    regency_code: str | None = None
    district_code: str | None = None
    desa_code: str | None = None
    grade: Grade | None = None
    legal_status: LegalStatus | None = None
    sector: Sector | None = None
    search: str | None = None
    manager_account_id: int | None = None


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def bum_desas_query(f: BumDesaFilter | None = None) -> Select[Any]:
    """The registry, filtered; anyone may read it (personal fields are masked by the types)."""
    stmt = select(Enterprise)
    if f is None:
        return stmt
    if f.regency_code:
        stmt = stmt.where(col(Enterprise.regency_code) == f.regency_code.strip())
    if f.district_code:
        stmt = stmt.where(col(Enterprise.district_code) == f.district_code.strip())
    if f.desa_code:
        stmt = stmt.where(col(Enterprise.desa_code) == f.desa_code.strip())
    if f.grade is not None:
        stmt = stmt.where(col(Enterprise.grade) == f.grade)
    if f.legal_status is not None:
        stmt = stmt.where(col(Enterprise.legal_status) == f.legal_status)
    if f.sector is not None:
        stmt = stmt.where(
            exists().where(
                col(BusinessUnit.enterprise_id) == col(Enterprise.id),
                col(BusinessUnit.sector) == f.sector,
                col(BusinessUnit.active).is_(True),
            )
        )
    if f.search and f.search.strip():
        stmt = stmt.where(col(Enterprise.name).ilike(_like(" ".join(f.search.split())), escape="\\"))
    if f.manager_account_id is not None:
        stmt = stmt.where(col(Enterprise.manager_account_id) == f.manager_account_id)
    return stmt


async def by_ids(session: AsyncSession, model: Any, ids: Sequence[int | None]) -> list[Any]:
    """One row of ``model`` or None per id, in order."""
    wanted = [i for i in ids if i is not None]
    rows = (await session.execute(select(model).where(model.id.in_(wanted)))).scalars().all() if wanted else []
    found = {row.id: row for row in rows}
    return [found.get(i) if i is not None else None for i in ids]


async def get_enterprise(session: AsyncSession, enterprise_id: int, *, for_update: bool = False) -> Enterprise:
    stmt = select(Enterprise).where(col(Enterprise.id) == enterprise_id)
    if for_update:
        await common.lock_row(session, Enterprise, enterprise_id)
        stmt = stmt.with_for_update()
    found = (await session.execute(stmt)).scalar_one_or_none()
    if found is None:
        raise CettarError("NOT_FOUND", field="input.bumDesaId")
    return found


# -- checks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A desa with its kecamatan and kabupaten/kota."""

    desa: Region
    district_code: str
    regency_code: str


async def desa_place(session: AsyncSession, code: str, field: str) -> Place:
    """The desa ``code`` names; a kelurahan (or any other region) is refused with ``BUMDES_NOT_A_DESA``."""
    region = await session.get(Region, code.strip())
    if region is None:
        raise CettarError("NOT_FOUND", field=field)
    if region.kind is not RegionKind.DESA:
        kind_id, kind_en = labels.REGION_KINDS[region.kind]
        raise CettarError("BUMDES_NOT_A_DESA", field=field, region=region.code, kind_id=kind_id, kind_en=kind_en)
    district = await session.get(Region, region.parent_code) if region.parent_code else None
    if district is None or district.parent_code is None:
        raise CettarError("NOT_FOUND", field=field)
    return Place(desa=region, district_code=district.code, regency_code=district.parent_code)


def check_name(value: str, desa_name: str, field: str = "input.name") -> str:
    """``BUM Desa <…> <nama desa>`` (Permendesa PDTT 3/2021): the phrase first, the desa's name last."""
    name = " ".join(value.split())
    starts = name.casefold().startswith(NAME_PREFIX.casefold() + " ")
    ends = name.casefold().endswith(" " + desa_name.casefold())
    if not (starts and ends) or len(name) > 120:
        raise CettarError("BUMDES_INVALID_NAME", field=field, desa=desa_name)
    return NAME_PREFIX + name[len(NAME_PREFIX) :]


async def ensure_name_free(session: AsyncSession, name: str, *, except_id: int | None = None) -> None:
    stmt = select(col(Enterprise.id)).where(func.lower(col(Enterprise.name)) == name.lower())
    if except_id is not None:
        stmt = stmt.where(col(Enterprise.id) != except_id)
    if (await session.execute(stmt)).first():
        raise CettarError("BUMDES_NAME_TAKEN", field="input.name")


async def check_legal(
    session: AsyncSession,
    status: LegalStatus,
    number: str | None,
    registered_on: date | None,
    *,
    established_year: int,
    today: date,
    except_id: int | None = None,
) -> tuple[str | None, date | None]:
    """The certificate number and date that go with ``status`` (both for a legal entity, neither otherwise)."""
    number = " ".join(number.split()) if number and number.strip() else None
    wanted = status is LegalStatus.LEGAL_ENTITY
    if (number is not None) != wanted:
        raise CettarError("BUMDES_LEGAL_ENTITY_INCOMPLETE", field="input.legalNumber")
    if (registered_on is not None) != wanted:
        raise CettarError("BUMDES_LEGAL_ENTITY_INCOMPLETE", field="input.legalRegisteredOn")
    if number is None or registered_on is None:
        return None, None
    if not LEGAL_NUMBER.fullmatch(number) or not any(ch.isdigit() for ch in number):
        raise common.invalid(
            "input.legalNumber",
            "Nomor sertifikat: 5 sampai 80 huruf, angka, spasi, titik, garis miring atau tanda hubung.",
            "A certificate number has 5 to 80 letters, digits, spaces, dots, slashes or hyphens.",
        )
    earliest = max(LEGAL_ENTITY_SINCE, date(established_year, 1, 1))
    if not earliest <= registered_on <= today:
        raise common.invalid(
            "input.legalRegisteredOn",
            f"Tanggal pendaftaran badan hukum harus antara {earliest.isoformat()} dan hari ini.",
            f"The legal-entity registration date must lie between {earliest.isoformat()} and today.",
        )
    stmt = select(col(Enterprise.id)).where(func.lower(col(Enterprise.legal_number)) == number.lower())
    if except_id is not None:
        stmt = stmt.where(col(Enterprise.id) != except_id)
    if (await session.execute(stmt)).first():
        raise CettarError("BUMDES_LEGAL_NUMBER_TAKEN", field="input.legalNumber")
    return number, registered_on


async def citizen_account(session: AsyncSession, username: str, field: str) -> Account:
    """An active citizen account by username (the manager of a BUM Desa, an expert's account)."""
    found = (
        await session.execute(select(Account).where(col(Account.username) == username.strip().lower()))
    ).scalar_one_or_none()
    if found is None:
        raise CettarError("NOT_FOUND", field=field)
    if found.role is not Role.CITIZEN or not found.active:
        raise CettarError("BUMDES_ACCOUNT_NOT_CITIZEN", field=field)
    return found


def established(value: int, today: date, field: str = "input.establishedYear") -> int:
    return common.year(value, field, earliest=EARLIEST_YEAR, latest=today.year)


# -- registration and changes ----------------------------------------------------------------


@dataclass(frozen=True)
class BumDesaData:
    name: str
    desa_code: str
    established_year: int
    grade: Grade
    legal_status: LegalStatus = LegalStatus.NOT_REGISTERED
    legal_number: str | None = None
    legal_registered_on: date | None = None
    director_name: str | None = None
    contact_phone: str | None = None
    manager_username: str | None = None
    grade_reason: str | None = None
    idempotency_key: str | None = None


async def register(
    session: AsyncSession, access: Access, data: BumDesaData, *, now: datetime | None = None
) -> Enterprise:
    """Add a BUM Desa to the registry (one per desa) with its first grade."""
    access.require_manage()
    moment = now or common.now()
    today = local_date(moment)
    place = await desa_place(session, data.desa_code, "input.desaCode")
    name = check_name(data.name, place.desa.name)
    year = established(data.established_year, today)
    director = common.optional_text(data.director_name, "input.directorName", max_length=120)
    phone = common.phone(data.contact_phone, "input.contactPhone")
    reason = (
        common.text(data.grade_reason, "input.gradeReason", min_length=10, max_length=500)
        if data.grade_reason is not None
        else INITIAL_GRADE_REASON
    )
    manager = (
        await citizen_account(session, data.manager_username, "input.managerUsername")
        if data.manager_username
        else None
    )
    payload = {
        "name": name,
        "desa": place.desa.code,
        "year": year,
        "grade": data.grade.value,
        "reason": reason,
        "legal": [data.legal_status.value, data.legal_number, str(data.legal_registered_on)],
        "director": director,
        "phone": phone,
        "manager": manager.id if manager else None,
    }

    async def load(enterprise_id: int) -> Enterprise | None:
        return await session.get(Enterprise, enterprise_id)

    async def check_free() -> tuple[str | None, date | None]:
        """One BUM Desa per desa, per name and per certificate number (typed errors naming the field)."""
        taken = await session.execute(select(col(Enterprise.id)).where(col(Enterprise.desa_code) == place.desa.code))
        if taken.first():
            raise CettarError("BUMDES_DESA_TAKEN", field="input.desaCode", region=place.desa.code)
        await ensure_name_free(session, name)
        return await check_legal(
            session,
            data.legal_status,
            data.legal_number,
            data.legal_registered_on,
            established_year=year,
            today=today,
        )

    async def create() -> tuple[Enterprise, int]:
        legal_number, legal_on = await check_free()
        enterprise = Enterprise(
            name=name,
            desa_code=place.desa.code,
            district_code=place.district_code,
            regency_code=place.regency_code,
            established_year=year,
            legal_status=data.legal_status,
            legal_number=legal_number,
            legal_registered_on=legal_on,
            grade=data.grade,
            director_name=director,
            contact_phone=phone,
            manager_account_id=manager.id if manager else None,
            created_at=moment,
            updated_at=moment,
        )
        try:
            async with session.begin_nested():
                session.add(enterprise)
                await session.flush()
        except IntegrityError:
            # Another registration for the same desa, name or certificate committed after our checks:
            # checking again now names what was taken, like the checks above would have.
            await check_free()
            raise CettarError("BUMDES_DESA_TAKEN", field="input.desaCode", region=place.desa.code) from None
        assert enterprise.id is not None
        session.add(
            GradeChange(
                enterprise_id=enterprise.id,
                grade=data.grade,
                previous_grade=None,
                effective_on=today,
                reason=reason,
                recorded_by_account_id=access.account_id,
                recorded_at=moment,
            )
        )
        record(
            session,
            "klinik_bumdes.bumdesa_registered",
            target_type="BumDesa",
            target_id=enterprise.id,
            target_agency_id=access.agency_id,
            detail={"desaCode": place.desa.code, "grade": data.grade.value},
        )
        common.event(session, "bumdesa_registered", bum_desa_id=enterprise.id, regency_code=place.regency_code)
        if manager is not None:
            await _tell_manager_linked(session, enterprise, manager.id)
        return enterprise, enterprise.id

    return await common.create_once(
        session,
        account_id=access.account_id,
        key=data.idempotency_key,
        operation="registerBumDesa",
        payload=payload,
        load=load,
        create=create,
    )


async def _tell_manager_linked(session: AsyncSession, enterprise: Enterprise, account_id: int | None) -> None:
    if account_id is None:
        return
    await notify(
        session,
        account_id=account_id,
        kind="klinik_bumdes.manager_linked",
        title=("Anda pengelola BUM Desa", "You manage a BUM Desa"),
        body=(
            f"Akun Anda ditautkan sebagai pengelola {enterprise.name}. Anda dapat mengajukan konsultasi ke "
            "Klinik BUM Desa.",
            f"Your account is linked as the manager of {enterprise.name}. You can now open consultations with "
            "the Klinik BUM Desa.",
        ),
        source=common.SOURCE,
        target_type="BumDesa",
        target_key=str(enterprise.id),
    )


@dataclass(frozen=True)
class BumDesaChanges:
    """Only the fields given change; an empty text clears an optional field."""

    name: str | None = None
    established_year: int | None = None
    legal_status: LegalStatus | None = None
    legal_number: str | None = None
    legal_registered_on: date | None = None
    director_name: str | None = None
    contact_phone: str | None = None
    manager_username: str | None = None
    remove_manager: bool = False


async def update(
    session: AsyncSession, access: Access, enterprise_id: int, changes: BumDesaChanges, *, now: datetime | None = None
) -> Enterprise:
    access.require_manage()
    moment = now or common.now()
    today = local_date(moment)
    enterprise = await get_enterprise(session, enterprise_id, for_update=True)
    desa = await session.get(Region, enterprise.desa_code)
    assert desa is not None
    name = check_name(changes.name, desa.name) if changes.name is not None else enterprise.name
    if name.lower() != enterprise.name.lower():
        await ensure_name_free(session, name, except_id=enterprise.id)
    year = (
        established(changes.established_year, today)
        if changes.established_year is not None
        else enterprise.established_year
    )
    revenue_years = await session.execute(
        select(func.min(col(Revenue.year))).where(col(Revenue.enterprise_id) == enterprise.id)
    )
    first_report = revenue_years.scalar_one_or_none()
    if first_report is not None and year > first_report:
        raise common.invalid(
            "input.establishedYear",
            f"Sudah ada laporan tahun {first_report}; tahun berdiri tidak boleh sesudahnya.",
            f"Figures for {first_report} are recorded; the year of establishment cannot be later.",
        )
    legal_given = (
        changes.legal_status is not None or changes.legal_number is not None or changes.legal_registered_on is not None
    )
    status = changes.legal_status or enterprise.legal_status
    legal_number, legal_on = enterprise.legal_number, enterprise.legal_registered_on
    if legal_given:
        keep = status is LegalStatus.LEGAL_ENTITY
        legal_number, legal_on = await check_legal(
            session,
            status,
            changes.legal_number if changes.legal_number is not None else (legal_number if keep else None),
            changes.legal_registered_on if changes.legal_registered_on is not None else (legal_on if keep else None),
            established_year=year,
            today=today,
            except_id=enterprise.id,
        )
    director = (
        common.optional_text(changes.director_name, "input.directorName", max_length=120)
        if changes.director_name is not None
        else enterprise.director_name
    )
    phone = (
        common.phone(changes.contact_phone, "input.contactPhone")
        if changes.contact_phone is not None
        else enterprise.contact_phone
    )
    if changes.remove_manager and changes.manager_username:
        raise common.invalid(
            "input.removeManager",
            "Isi managerUsername atau removeManager, bukan keduanya.",
            "Give managerUsername or removeManager, not both.",
        )
    manager_id = enterprise.manager_account_id
    if changes.manager_username:
        manager_id = (await citizen_account(session, changes.manager_username, "input.managerUsername")).id
    elif changes.remove_manager:
        manager_id = None

    status_changed = status is not enterprise.legal_status
    manager_changed = manager_id != enterprise.manager_account_id
    enterprise.name = name
    enterprise.established_year = year
    enterprise.legal_status = status
    enterprise.legal_number = legal_number
    enterprise.legal_registered_on = legal_on
    enterprise.director_name = director
    enterprise.contact_phone = phone
    enterprise.manager_account_id = manager_id
    enterprise.updated_at = moment
    await session.flush()
    record(
        session,
        "klinik_bumdes.bumdesa_updated",
        target_type="BumDesa",
        target_id=enterprise.id,
        target_agency_id=access.agency_id,
        detail={"legalStatus": status.value, "managerChanged": manager_changed},
    )
    if status_changed:
        common.event(session, "legal_status_changed", bum_desa_id=enterprise.id, legal_status=status.value)
    if manager_changed:
        await _tell_manager_linked(session, enterprise, manager_id)
    return enterprise


async def change_grade(
    session: AsyncSession,
    access: Access,
    enterprise_id: int,
    grade: Grade,
    effective_on: date,
    reason: str,
    *,
    now: datetime | None = None,
) -> tuple[Enterprise, GradeChange]:
    """Record a new grade with its date and reason; the history keeps every change."""
    access.require_manage()
    moment = now or common.now()
    enterprise = await get_enterprise(session, enterprise_id, for_update=True)
    if grade is enterprise.grade:
        raise CettarError("BUMDES_GRADE_UNCHANGED", field="input.grade", grade=grade.value)
    latest = await session.execute(
        select(func.max(col(GradeChange.effective_on))).where(col(GradeChange.enterprise_id) == enterprise.id)
    )
    earliest = latest.scalar_one_or_none() or date(enterprise.established_year, 1, 1)
    if not earliest <= effective_on <= local_date(moment):
        raise CettarError("BUMDES_GRADE_DATE_OUT_OF_ORDER", field="input.effectiveOn", earliest=earliest.isoformat())
    why = common.text(reason, "input.reason", min_length=10, max_length=500)
    change = GradeChange(
        enterprise_id=enterprise.id,  # type: ignore[arg-type]
        grade=grade,
        previous_grade=enterprise.grade,
        effective_on=effective_on,
        reason=why,
        recorded_by_account_id=access.account_id,
        recorded_at=moment,
    )
    session.add(change)
    enterprise.grade = grade
    enterprise.updated_at = moment
    await session.flush()
    record(
        session,
        "klinik_bumdes.grade_changed",
        target_type="BumDesa",
        target_id=enterprise.id,
        target_agency_id=access.agency_id,
        detail={"grade": grade.value, "previousGrade": change.previous_grade and change.previous_grade.value},
    )
    common.event(
        session,
        "grade_changed",
        bum_desa_id=enterprise.id,
        grade=grade.value,
        previous_grade=change.previous_grade.value if change.previous_grade else None,
    )
    if enterprise.manager_account_id is not None:
        await notify(
            session,
            account_id=enterprise.manager_account_id,
            kind="klinik_bumdes.grade_changed",
            title=("Peringkat BUM Desa berubah", "BUM Desa grade changed"),
            body=(
                f"{enterprise.name} kini berperingkat {grade.value} (sejak {effective_on.isoformat()}).",
                f"{enterprise.name} is now graded {grade.value} (since {effective_on.isoformat()}).",
            ),
            source=common.SOURCE,
            target_type="BumDesa",
            target_key=str(enterprise.id),
        )
    return enterprise, change


@dataclass(frozen=True)
class RevenueData:
    year: int
    revenue: int
    pades_contribution: int
    net_profit: int | None = None


async def record_revenue(
    session: AsyncSession, access: Access, enterprise_id: int, data: RevenueData, *, now: datetime | None = None
) -> tuple[Enterprise, Revenue]:
    """Record (or correct) a year's figures: one row per year, revenue ≥ 0, PADes ≤ revenue and ≤ profit."""
    access.require_manage()
    moment = now or common.now()
    # Locked: two recordings of one year at once are then one recording and one correction.
    enterprise = await get_enterprise(session, enterprise_id, for_update=True)
    latest = local_date(moment).year
    if not enterprise.established_year <= data.year <= latest:
        raise CettarError(
            "BUMDES_REVENUE_YEAR_INVALID", field="input.year", earliest=enterprise.established_year, latest=latest
        )
    for field, value, low in (
        ("input.revenue", data.revenue, 0),
        ("input.padesContribution", data.pades_contribution, 0),
        ("input.netProfit", data.net_profit, -MAX_RUPIAH),
    ):
        if value is not None and not low <= value <= MAX_RUPIAH:
            raise common.invalid(
                field,
                f"Nilai rupiah harus antara {low} dan {MAX_RUPIAH}.",
                f"The amount in rupiah must lie between {low} and {MAX_RUPIAH}.",
            )
    if data.net_profit is not None and data.net_profit > data.revenue:
        raise common.invalid(
            "input.netProfit",
            "Laba bersih tidak boleh melebihi pendapatan.",
            "The net profit cannot exceed the revenue.",
        )
    if data.pades_contribution > data.revenue:
        raise CettarError(
            "BUMDES_CONTRIBUTION_EXCEEDS_REVENUE",
            field="input.padesContribution",
            contribution=data.pades_contribution,
            limit=data.revenue,
            what_id="pendapatan",
            what_en="the revenue",
        )
    if data.net_profit is not None and data.pades_contribution > max(data.net_profit, 0):
        raise CettarError(
            "BUMDES_CONTRIBUTION_EXCEEDS_REVENUE",
            field="input.padesContribution",
            contribution=data.pades_contribution,
            limit=max(data.net_profit, 0),
            what_id="laba bersih",
            what_en="the net profit",
        )
    existing = (
        await session.execute(
            select(Revenue)
            .where(col(Revenue.enterprise_id) == enterprise.id, col(Revenue.year) == data.year)
            .with_for_update()
        )
    ).scalar_one_or_none()
    row = existing or Revenue(enterprise_id=enterprise.id, year=data.year, revenue=0, pades_contribution=0)  # type: ignore[arg-type]
    row.revenue = data.revenue
    row.net_profit = data.net_profit
    row.pades_contribution = data.pades_contribution
    row.recorded_by_account_id = access.account_id
    row.recorded_at = moment
    session.add(row)
    await session.flush()
    record(
        session,
        "klinik_bumdes.revenue_recorded",
        target_type="BumDesa",
        target_id=enterprise.id,
        target_agency_id=access.agency_id,
        detail={"year": data.year, "corrected": existing is not None},
    )
    common.event(session, "revenue_recorded", bum_desa_id=enterprise.id, year=data.year)
    return enterprise, row


# -- business units --------------------------------------------------------------------------


async def _ensure_unit_name_free(
    session: AsyncSession, enterprise_id: int, name: str, except_id: int | None = None
) -> None:
    stmt = select(col(BusinessUnit.id)).where(
        col(BusinessUnit.enterprise_id) == enterprise_id, func.lower(col(BusinessUnit.name)) == name.lower()
    )
    if except_id is not None:
        stmt = stmt.where(col(BusinessUnit.id) != except_id)
    if (await session.execute(stmt)).first():
        raise CettarError("BUMDES_UNIT_NAME_TAKEN", field="input.name")


@dataclass(frozen=True)
class UnitData:
    name: str
    sector: Sector
    started_year: int | None = None
    idempotency_key: str | None = None


async def add_unit(
    session: AsyncSession, access: Access, enterprise_id: int, data: UnitData, *, now: datetime | None = None
) -> BusinessUnit:
    access.require_manage()
    moment = now or common.now()
    # Locked: two units of one name added at once cannot both pass the name check.
    enterprise = await get_enterprise(session, enterprise_id, for_update=True)
    name = common.text(data.name, "input.name", min_length=3, max_length=120)
    started = (
        common.year(
            data.started_year,
            "input.startedYear",
            earliest=enterprise.established_year,
            latest=local_date(moment).year,
        )
        if data.started_year is not None
        else None
    )

    async def create() -> tuple[BusinessUnit, int]:
        await _ensure_unit_name_free(session, enterprise.id, name)  # type: ignore[arg-type]
        unit = BusinessUnit(enterprise_id=enterprise.id, name=name, sector=data.sector, started_year=started)  # type: ignore[arg-type]
        session.add(unit)
        await session.flush()
        assert unit.id is not None
        record(
            session,
            "klinik_bumdes.unit_added",
            target_type="BumDesaUnit",
            target_id=unit.id,
            target_agency_id=access.agency_id,
            detail={"bumDesaId": enterprise.id, "sector": data.sector.value},
        )
        common.event(session, "unit_added", bum_desa_id=enterprise.id, unit_id=unit.id)
        return unit, unit.id

    async def load(unit_id: int) -> BusinessUnit | None:
        return await session.get(BusinessUnit, unit_id)

    return await common.create_once(
        session,
        account_id=access.account_id,
        key=data.idempotency_key,
        operation="addBumDesaUnit",
        payload={"bumDesa": enterprise.id, "name": name, "sector": data.sector.value, "started": started},
        load=load,
        create=create,
    )


@dataclass(frozen=True)
class UnitChanges:
    name: str | None = None
    sector: Sector | None = None
    started_year: int | None = None
    active: bool | None = None


async def update_unit(
    session: AsyncSession, access: Access, unit_id: int, changes: UnitChanges, *, now: datetime | None = None
) -> BusinessUnit:
    access.require_manage()
    moment = now or common.now()
    unit = await session.get(BusinessUnit, unit_id)
    if unit is None:
        raise CettarError("NOT_FOUND", field="input.unitId")
    enterprise = await get_enterprise(session, unit.enterprise_id)
    if changes.name is not None:
        name = common.text(changes.name, "input.name", min_length=3, max_length=120)
        await _ensure_unit_name_free(session, unit.enterprise_id, name, except_id=unit.id)
        unit.name = name
    if changes.sector is not None:
        unit.sector = changes.sector
    if changes.started_year is not None:
        unit.started_year = common.year(
            changes.started_year,
            "input.startedYear",
            earliest=enterprise.established_year,
            latest=local_date(moment).year,
        )
    if changes.active is not None:
        unit.active = changes.active
    await session.flush()
    record(
        session,
        "klinik_bumdes.unit_updated",
        target_type="BumDesaUnit",
        target_id=unit.id,
        target_agency_id=access.agency_id,
        detail={"active": unit.active, "sector": unit.sector.value},
    )
    return unit
