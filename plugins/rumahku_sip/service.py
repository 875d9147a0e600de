"""Developers, developments, permits and housing units: plain async functions, no GraphQL.

Every write checks all of its input before it adds anything to the session, and the
caller's unit of work commits once, so a refusal leaves nothing behind. Shared
checks (texts, dates, the desa, idempotency, loading what a principal may see) live
here and are used by ``psu`` and ``monitoring`` too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import record
from core.auth import Principal, Role
from core.calendar import today
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.idempotency import fingerprint, remember, replay, scope_of
from core.identity.models import Account
from core.regions.models import Agency, Region, RegionKind
from plugins.rumahku_sip.access import MANAGE, can_see, require_staff
from plugins.rumahku_sip.errors import invalid
from plugins.rumahku_sip.geo import check_boundary
from plugins.rumahku_sip.models import (
    Developer,
    Development,
    DevelopmentStatus,
    HousingSegment,
    Permit,
    PermitKind,
    Unit,
    UnitStatus,
)

SOURCE = "rumahku_sip"
GRESIK = "35.25"
VILLAGE_KINDS = frozenset({RegionKind.DESA, RegionKind.KELURAHAN})
EARLIEST = date(1970, 1, 1)
MAX_PLANNED_UNITS = 50_000
MAX_UNITS_PER_REQUEST = 100
MAX_HECTARES = 5_000.0
NIB = re.compile(r"^\d{13}$")
HOUSE_TYPE = re.compile(r"^(\d{2,3})/(\d{2,4})$")
LABEL = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,9}$")


# -- shared checks ------------------------------------------------------------------------------


def text(value: str | None, field: str, max_length: int, *, required: bool = True, min_length: int = 1) -> str | None:
    """``value`` with its whitespace collapsed; refused when empty (if required), too short or too long."""
    cleaned = " ".join((value or "").split())
    if not cleaned:
        if required:
            raise invalid(field, "Wajib diisi.", "This is required.")
        return None
    if len(cleaned) < min_length:
        raise invalid(field, f"Paling sedikit {min_length} karakter.", f"At least {min_length} characters.")
    if len(cleaned) > max_length:
        raise invalid(field, f"Paling banyak {max_length} karakter.", f"At most {max_length} characters.")
    return cleaned


def required_text(value: str | None, field: str, max_length: int, *, min_length: int = 1) -> str:
    cleaned = text(value, field, max_length, min_length=min_length)
    assert cleaned is not None
    return cleaned


def past_date(value: date, field: str, *, not_before: date = EARLIEST) -> date:
    """A date that is not in the future (WIB) and not before ``not_before``."""
    if value > today():
        raise invalid(field, "Tanggal tidak boleh di masa depan.", "The date cannot be in the future.")
    if value < not_before:
        raise invalid(
            field,
            f"Tanggal tidak boleh sebelum {not_before.isoformat()}.",
            f"The date cannot be before {not_before.isoformat()}.",
        )
    return value


def hectares_to_m2(value: float, field: str, *, maximum: float = MAX_HECTARES) -> int:
    if not 0 < value <= maximum:
        raise invalid(
            field,
            f"Luas harus lebih dari 0 dan paling besar {maximum:g} ha.",
            f"The area must be over 0 and at most {maximum:g} ha.",
        )
    return round(value * 10_000)


async def check_desa(session: AsyncSession, code: str, field: str) -> Region:
    """A desa or kelurahan of Kabupaten Gresik; typed errors for any other code."""
    code = code.strip()
    if not code.startswith(f"{GRESIK}."):
        raise CettarError("HOUSING_DESA_OUTSIDE_GRESIK", field=field, region=code[:20])
    region = await session.get(Region, code)
    if region is None or region.kind not in VILLAGE_KINDS:
        raise CettarError("HOUSING_DESA_UNKNOWN", field=field, region=code[:20])
    return region


async def agency_id_of(session: AsyncSession, code: str) -> int:
    """The id of the agency that runs Rumahku SIP (``CETTAR_RUMAHKU_SIP_AGENCY_CODE``)."""
    found = (await session.execute(select(col(Agency.id)).where(col(Agency.code) == code))).scalar_one_or_none()
    if found is None:
        raise CettarError("NOT_FOUND", field="agencyCode")
    return int(found)


@dataclass(frozen=True)
class Idempotent:
    """What :func:`idempotent` found: the earlier target id (or None) and what to remember."""

    scope: str
    key: str | None
    operation: str
    digest: str
    earlier: int | None

    def remember(self, session: AsyncSession, target_id: int | None) -> None:
        remember(
            session, scope=self.scope, key=self.key, operation=self.operation, digest=self.digest, target_id=target_id
        )


async def idempotent(
    session: AsyncSession, principal: Principal, key: str | None, operation: str, payload: dict[str, Any]
) -> Idempotent:
    scope, digest = scope_of(principal.account_id), fingerprint(payload)
    earlier = await replay(
        session, scope=scope, key=key, operation=operation, digest=digest, field="input.idempotencyKey"
    )
    return Idempotent(scope, key, operation, digest, int(earlier) if earlier is not None else None)


@dataclass(frozen=True)
class Visible:
    """A development the principal may read, with its developer."""

    development: Development
    developer: Developer

    @property
    def id(self) -> int:
        assert self.development.id is not None
        return self.development.id


async def visible_development(session: AsyncSession, principal: Principal, development_id: int, field: str) -> Visible:
    """The development, or NOT_FOUND when it does not exist or the principal may not read it."""
    row = await session.get(Development, development_id)
    developer = await session.get(Developer, row.developer_id) if row is not None else None
    if row is None or developer is None:
        raise CettarError("NOT_FOUND", field=field)
    if not can_see(principal, agency_id=row.agency_id, developer_account_id=developer.account_id):
        raise CettarError("NOT_FOUND", field=field)
    return Visible(row, developer)


async def managed_development(
    session: AsyncSession, principal: Principal, development_id: int, field: str, permission: str = MANAGE
) -> Visible:
    """A development the principal may change: NOT_FOUND when hidden, FORBIDDEN without the permission."""
    visible = await visible_development(session, principal, development_id, field)
    require_staff(principal, visible.development.agency_id, permission)
    return visible


def touch(development: Development) -> None:
    development.updated_at = utcnow()


# -- developers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeveloperData:
    name: str
    nib: str | None = None
    association: str | None = None
    office_address: str | None = None
    idempotency_key: str | None = None


async def register_developer(
    session: AsyncSession, principal: Principal, agency_code: str, data: DeveloperData
) -> Developer:
    agency_id = await agency_id_of(session, agency_code)
    require_staff(principal, agency_id, MANAGE)
    name = required_text(data.name, "input.name", 160, min_length=3)
    nib = text(data.nib, "input.nib", 13, required=False)
    if nib is not None and not NIB.match(nib):
        raise invalid("input.nib", "NIB harus 13 angka.", "An NIB has 13 digits.")
    association = text(data.association, "input.association", 60, required=False)
    address = text(data.office_address, "input.officeAddress", 300, required=False)
    payload = {"name": name, "nib": nib, "association": association, "office_address": address}
    once = await idempotent(session, principal, data.idempotency_key, "rumahku_sip.register_developer", payload)
    if once.earlier is not None:
        earlier = await session.get(Developer, once.earlier)
        assert earlier is not None
        return earlier
    same_name = select(col(Developer.id)).where(func.lower(col(Developer.name)) == name.lower())
    if (await session.execute(same_name)).first():
        raise CettarError("HOUSING_DEVELOPER_EXISTS", field="input.name", what_id="nama", what_en="name")
    if nib and (await session.execute(select(col(Developer.id)).where(col(Developer.nib) == nib))).first():
        raise CettarError("HOUSING_DEVELOPER_EXISTS", field="input.nib", what_id="NIB", what_en="NIB")
    developer = Developer(agency_id=agency_id, name=name, nib=nib, association=association, office_address=address)
    session.add(developer)
    await session.flush()
    once.remember(session, developer.id)
    record(
        session,
        "rumahku_sip.developer_registered",
        target_type="HousingDeveloper",
        target_id=developer.id,
        target_agency_id=agency_id,
    )
    emit(session, "rumahku_sip.developer_registered", {"developer_id": developer.id}, source=SOURCE)
    return developer


async def link_developer_account(
    session: AsyncSession, principal: Principal, developer_id: int, username: str | None
) -> Developer:
    """Link a citizen account to act for the developer (or unlink with ``username=None``)."""
    developer = await session.get(Developer, developer_id)
    if developer is None or not can_see(principal, agency_id=developer.agency_id, developer_account_id=None):
        raise CettarError("NOT_FOUND", field="input.developerId")
    require_staff(principal, developer.agency_id, MANAGE)
    account_id: int | None = None
    if username is not None and username.strip():
        account = (
            await session.execute(select(Account).where(col(Account.username) == username.strip().lower()))
        ).scalar_one_or_none()
        if account is None:
            raise CettarError("NOT_FOUND", field="input.username")
        taken = await session.execute(
            select(col(Developer.id)).where(col(Developer.account_id) == account.id, col(Developer.id) != developer_id)
        )
        if account.role is not Role.CITIZEN or not account.active or taken.first():
            raise CettarError("HOUSING_ACCOUNT_NOT_CITIZEN", field="input.username")
        account_id = account.id
    developer.account_id = account_id
    session.add(developer)
    await session.flush()
    record(
        session,
        "rumahku_sip.developer_account_linked" if account_id else "rumahku_sip.developer_account_unlinked",
        target_type="HousingDeveloper",
        target_id=developer.id,
        target_agency_id=developer.agency_id,
    )
    return developer


# -- developments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PermitData:
    kind: PermitKind
    number: str
    issued_on: date


@dataclass(frozen=True)
class DevelopmentData:
    developer_id: int
    name: str
    desa_code: str
    address: str
    segment: HousingSegment
    status: DevelopmentStatus
    planned_units: int
    land_area_hectares: float | None = None
    boundary: Any = None
    permits: Sequence[PermitData] = ()
    idempotency_key: str | None = None


def _planned_units(value: int, field: str) -> int:
    if not 1 <= value <= MAX_PLANNED_UNITS:
        raise invalid(
            field,
            f"Jumlah unit rencana harus 1 sampai {MAX_PLANNED_UNITS}.",
            f"Planned units must be 1 to {MAX_PLANNED_UNITS}.",
        )
    return value


def _normalise_permits(permits: Sequence[PermitData], field: str, *, single: bool = False) -> list[PermitData]:
    """Permits with their numbers trimmed and upper-cased; ``field`` is the list (or, ``single``, the permit)."""
    checked: list[PermitData] = []
    seen: set[tuple[PermitKind, str]] = set()
    for index, permit in enumerate(permits):
        at = field if single else f"{field}.{index}"
        number = required_text(permit.number, f"{at}.number", 80, min_length=3).upper()
        past_date(permit.issued_on, f"{at}.issuedOn")
        kind = PermitKind(permit.kind)
        if (kind, number) in seen:
            raise CettarError("HOUSING_PERMIT_EXISTS", field=f"{at}.number", kind=kind.name, number=number)
        seen.add((kind, number))
        checked.append(PermitData(kind, number, permit.issued_on))
    return checked


async def _ensure_new_permits(
    session: AsyncSession, permits: Sequence[PermitData], field: str, *, single: bool = False
) -> None:
    """HOUSING_PERMIT_EXISTS for a permit (kind and number) already recorded for any development."""
    for index, permit in enumerate(permits):
        exists = await session.execute(
            select(col(Permit.id)).where(col(Permit.kind) == permit.kind, col(Permit.number) == permit.number)
        )
        if exists.first():
            at = field if single else f"{field}.{index}"
            raise CettarError(
                "HOUSING_PERMIT_EXISTS", field=f"{at}.number", kind=permit.kind.name, number=permit.number
            )


async def register_development(
    session: AsyncSession, principal: Principal, agency_code: str, data: DevelopmentData
) -> Development:
    agency_id = await agency_id_of(session, agency_code)
    require_staff(principal, agency_id, MANAGE)
    developer = await session.get(Developer, data.developer_id)
    if developer is None or developer.agency_id != agency_id:
        raise CettarError("NOT_FOUND", field="input.developerId")
    name = required_text(data.name, "input.name", 160, min_length=3)
    desa = await check_desa(session, data.desa_code, "input.desaCode")
    address = required_text(data.address, "input.address", 300, min_length=5)
    planned = _planned_units(data.planned_units, "input.plannedUnits")
    land = (
        hectares_to_m2(data.land_area_hectares, "input.landAreaHectares")
        if data.land_area_hectares is not None
        else None
    )
    boundary, boundary_area = check_boundary(data.boundary) if data.boundary is not None else (None, None)
    permits = _normalise_permits(data.permits, "input.permits")
    payload = {
        "developer": developer.id,
        "name": name,
        "desa": desa.code,
        "address": address,
        "segment": data.segment,
        "status": data.status,
        "planned": planned,
        "land": land,
        "boundary": boundary,
        "permits": [(p.kind, p.number, p.issued_on) for p in permits],
    }
    once = await idempotent(session, principal, data.idempotency_key, "rumahku_sip.register_development", payload)
    if once.earlier is not None:
        earlier = await session.get(Development, once.earlier)
        assert earlier is not None
        return earlier

    async def ensure_new() -> None:
        duplicate = await session.execute(
            select(col(Development.id)).where(
                col(Development.developer_id) == developer.id, func.lower(col(Development.name)) == name.lower()
            )
        )
        if duplicate.first():
            raise CettarError("HOUSING_DEVELOPMENT_EXISTS", field="input.name", name=name)
        await _ensure_new_permits(session, permits, "input.permits")

    await ensure_new()
    assert desa.parent_code is not None
    development = Development(
        agency_id=agency_id,
        developer_id=developer.id or 0,
        name=name,
        desa_code=desa.code,
        kecamatan_code=desa.parent_code,
        address=address,
        segment=HousingSegment(data.segment),
        status=DevelopmentStatus(data.status),
        planned_units=planned,
        land_area_m2=land,
        boundary=boundary,
        boundary_area_m2=boundary_area,
        created_by=principal.account_id,
    )
    try:
        async with session.begin_nested():
            session.add(development)
            await session.flush()
            assert development.id is not None
            for permit in permits:
                session.add(
                    Permit(
                        development_id=development.id,
                        kind=permit.kind,
                        number=permit.number,
                        issued_on=permit.issued_on,
                    )
                )
            await session.flush()
    except IntegrityError:
        # The same development or permit was registered by another request after our checks: name it.
        await ensure_new()
        raise CettarError("HOUSING_DEVELOPMENT_EXISTS", field="input.name", name=name) from None
    assert development.id is not None
    once.remember(session, development.id)
    record(
        session,
        "rumahku_sip.development_registered",
        target_type="HousingDevelopment",
        target_id=development.id,
        target_agency_id=agency_id,
        detail={"desa_code": desa.code, "permits": len(permits)},
    )
    emit(
        session,
        "rumahku_sip.development_registered",
        {"development_id": development.id, "developer_id": developer.id, "desa_code": desa.code},
        source=SOURCE,
    )
    await session.flush()
    return development


@dataclass(frozen=True)
class DevelopmentChanges:
    name: str | None = None
    address: str | None = None
    status: DevelopmentStatus | None = None
    planned_units: int | None = None
    land_area_hectares: float | None = None
    boundary: Any = None


async def update_development(
    session: AsyncSession, principal: Principal, development_id: int, changes: DevelopmentChanges
) -> Development:
    visible = await managed_development(session, principal, development_id, "input.developmentId")
    development = visible.development
    changed: list[str] = []
    if changes.name is not None:
        name = required_text(changes.name, "input.name", 160, min_length=3)
        duplicate = await session.execute(
            select(col(Development.id)).where(
                col(Development.developer_id) == development.developer_id,
                func.lower(col(Development.name)) == name.lower(),
                col(Development.id) != development.id,
            )
        )
        if duplicate.first():
            raise CettarError("HOUSING_DEVELOPMENT_EXISTS", field="input.name", name=name)
        development.name = name
        changed.append("name")
    if changes.address is not None:
        development.address = required_text(changes.address, "input.address", 300, min_length=5)
        changed.append("address")
    if changes.planned_units is not None:
        planned = _planned_units(changes.planned_units, "input.plannedUnits")
        units = await unit_count(session, visible.id)
        if planned < units:
            raise invalid(
                "input.plannedUnits",
                f"Sudah tercatat {units} unit; rencana tidak boleh lebih kecil.",
                f"{units} units are already recorded; the plan cannot be smaller.",
            )
        development.planned_units = planned
        changed.append("planned_units")
    if changes.land_area_hectares is not None:
        development.land_area_m2 = hectares_to_m2(changes.land_area_hectares, "input.landAreaHectares")
        changed.append("land_area")
    if changes.boundary is not None:
        development.boundary, development.boundary_area_m2 = check_boundary(changes.boundary)
        changed.append("boundary")
    if changes.status is not None and changes.status != development.status:
        development.status = DevelopmentStatus(changes.status)
        changed.append("status")
    if not changed:
        raise invalid("input", "Tidak ada yang diubah.", "Nothing to change.")
    touch(development)
    session.add(development)
    await session.flush()
    record(
        session,
        "rumahku_sip.development_updated",
        target_type="HousingDevelopment",
        target_id=development.id,
        target_agency_id=development.agency_id,
        detail={"changed": changed},
    )
    emit(
        session,
        "rumahku_sip.development_updated",
        {"development_id": development.id, "changed": changed},
        source=SOURCE,
    )
    return development


async def add_permit(
    session: AsyncSession, principal: Principal, development_id: int, permit: PermitData
) -> tuple[Development, Permit]:
    visible = await managed_development(session, principal, development_id, "input.developmentId")
    (checked,) = _normalise_permits([permit], "input", single=True)
    await _ensure_new_permits(session, [checked], "input", single=True)
    row = Permit(development_id=visible.id, kind=checked.kind, number=checked.number, issued_on=checked.issued_on)
    session.add(row)
    touch(visible.development)
    await session.flush()
    record(
        session,
        "rumahku_sip.permit_added",
        target_type="HousingDevelopment",
        target_id=visible.id,
        target_agency_id=visible.development.agency_id,
        detail={"kind": checked.kind.value},
    )
    return visible.development, row


# -- units -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitData:
    block: str
    number: str
    house_type: str
    status: UnitStatus


async def unit_count(session: AsyncSession, development_id: int) -> int:
    statement = select(func.count()).select_from(Unit).where(col(Unit.development_id) == development_id)
    return int((await session.execute(statement)).scalar_one())


def _label(value: str, field: str) -> str:
    label = "".join(value.split()).upper()
    if not LABEL.match(label):
        raise invalid(
            field,
            "Blok dan nomor: 1-10 huruf, angka atau tanda hubung.",
            "Block and number: 1-10 letters, digits or hyphens.",
        )
    return label


def house_areas(house_type: str, field: str) -> tuple[str, int, int]:
    """``"36/72"`` → building 36 m², land 72 m² (the land is at least the building's footprint)."""
    match = HOUSE_TYPE.match("".join(house_type.split()))
    if match is None:
        raise invalid(
            field,
            "Tipe rumah ditulis luas bangunan/luas tanah dalam m², misalnya 36/72.",
            "A house type is building area/land area in m², e.g. 36/72.",
        )
    building, land = int(match.group(1)), int(match.group(2))
    if building < 14 or land < 21:
        raise invalid(field, "Luas bangunan atau tanah terlalu kecil.", "The building or land area is too small.")
    return f"{building}/{land}", building, land


async def add_units(
    session: AsyncSession,
    principal: Principal,
    development_id: int,
    units: Sequence[UnitData],
    idempotency_key: str | None = None,
) -> tuple[Development, list[Unit]]:
    visible = await managed_development(session, principal, development_id, "input.developmentId")
    if not 1 <= len(units) <= MAX_UNITS_PER_REQUEST:
        raise invalid(
            "input.units",
            f"Kirim 1 sampai {MAX_UNITS_PER_REQUEST} unit sekaligus.",
            f"Send 1 to {MAX_UNITS_PER_REQUEST} units at a time.",
        )
    checked: list[tuple[str, str, str, int, int, UnitStatus]] = []
    seen: set[tuple[str, str]] = set()
    for index, unit in enumerate(units):
        at = f"input.units.{index}"
        block, number = _label(unit.block, f"{at}.block"), _label(unit.number, f"{at}.number")
        house_type, building, land = house_areas(unit.house_type, f"{at}.houseType")
        if (block, number) in seen:
            raise CettarError("HOUSING_UNIT_EXISTS", field=f"{at}.number", block=block, number=number)
        seen.add((block, number))
        checked.append((block, number, house_type, building, land, UnitStatus(unit.status)))
    once = await idempotent(
        session, principal, idempotency_key, "rumahku_sip.add_units", {"development": visible.id, "units": checked}
    )
    if once.earlier is not None:
        rows = (
            (
                await session.execute(
                    select(Unit)
                    .where(col(Unit.development_id) == visible.id, col(Unit.id) >= once.earlier)
                    .order_by(col(Unit.id))
                    .limit(len(checked))
                )
            )
            .scalars()
            .all()
        )
        return visible.development, list(rows)
    existing = {
        (str(b), str(n))
        for b, n in await session.execute(
            select(col(Unit.block), col(Unit.number)).where(col(Unit.development_id) == visible.id)
        )
    }
    for index, (block, number, *_rest) in enumerate(checked):
        if (block, number) in existing:
            raise CettarError("HOUSING_UNIT_EXISTS", field=f"input.units.{index}.number", block=block, number=number)
    planned = visible.development.planned_units
    if len(existing) + len(checked) > planned:
        raise invalid(
            "input.units",
            f"Jumlah unit akan melebihi rencana ({planned}); ubah jumlah unit rencana lebih dahulu.",
            f"The units would exceed the plan ({planned}); change the planned units first.",
        )
    rows = [
        Unit(
            development_id=visible.id,
            block=block,
            number=number,
            house_type=house_type,
            building_area_m2=building,
            land_area_m2=land,
            status=status,
        )
        for block, number, house_type, building, land, status in checked
    ]
    session.add_all(rows)
    touch(visible.development)
    await session.flush()
    once.remember(session, min(row.id or 0 for row in rows))
    record(
        session,
        "rumahku_sip.units_added",
        target_type="HousingDevelopment",
        target_id=visible.id,
        target_agency_id=visible.development.agency_id,
        detail={"count": len(rows)},
    )
    return visible.development, rows


async def update_unit(session: AsyncSession, principal: Principal, unit_id: int, status: UnitStatus) -> Unit:
    unit = await session.get(Unit, unit_id)
    if unit is None:
        raise CettarError("NOT_FOUND", field="input.unitId")
    visible = await managed_development(session, principal, unit.development_id, "input.unitId")
    unit.status = UnitStatus(status)
    session.add(unit)
    touch(visible.development)
    await session.flush()
    record(
        session,
        "rumahku_sip.unit_updated",
        target_type="HousingUnit",
        target_id=unit.id,
        target_agency_id=visible.development.agency_id,
        detail={"status": unit.status.value},
    )
    return unit
