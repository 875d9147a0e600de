"""The innovation registry: reading, adding and changing innovations and awards (no GraphQL).

Who may change what:

- the province admin and anyone holding ``inovasi.manage`` add innovations and awards; a
  holder who is not the province admin only for their own agency;
- an innovation a plugin implements (``cettar_innovation``) is kept up to date from that
  plugin at every ``cettar seed``: its fields, and the awards the plugin lists, refuse
  changes here (``INOVASI_MANAGED_BY_PLUGIN``); more awards may still be added to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core import idempotency
from core.access import require_permission
from core.audit.chain import record
from core.auth import Principal
from core.db import utcnow
from core.errors import CettarError
from core.events.outbox import emit
from core.innovations import Stage
from core.regions.models import Agency, Region
from plugins.inovasi import rules
from plugins.inovasi.models import Award, Innovation, Source

MANAGE = "inovasi.manage"
PLUGIN = "inovasi"


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardQuery:
    """Conditions on awards; all given ones must hold for the same award."""

    year: int | None = None
    rank: str | None = None
    competition: str | None = None


@dataclass(frozen=True)
class InnovationQuery:
    region_code: str | None = None
    agency_code: str | None = None
    category: str | None = None
    stage: Stage | None = None
    year_started: int | None = None
    plugin: str | None = None
    implemented: bool | None = None
    search: str | None = None
    award: AwardQuery | None = None


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def in_region(column: Any, code: str) -> Any:
    """``column`` names ``code`` or a region under it (``35.73`` holds ``35.73.02.1005``)."""
    return or_(column == code, column.startswith(f"{code}.", autoescape=True))


async def agency_by_code(session: AsyncSession, code: str, field: str) -> Agency:
    found = (await session.execute(select(Agency).where(col(Agency.code) == code.strip()))).scalar_one_or_none()
    if found is None:
        raise CettarError("INOVASI_UNKNOWN_AGENCY", field=field, agency=code.strip())
    return found


async def region_by_code(session: AsyncSession, code: str, field: str) -> Region:
    found = await session.get(Region, code.strip())
    if found is None:
        raise CettarError("INOVASI_UNKNOWN_REGION", field=field, region=code.strip())
    return found


def _award_conditions(query: AwardQuery, field: str) -> list[Any]:
    conditions: list[Any] = []
    if query.year is not None:
        conditions.append(col(Award.year) == query.year)
    if query.rank is not None:
        rank, _number = rules.normalise_rank(query.rank, f"{field}.rank")
        conditions.append(col(Award.rank) == rank)
    if query.competition is not None and query.competition.strip():
        conditions.append(col(Award.competition_key) == rules.competition_key(query.competition))
    return conditions


async def innovations_query(session: AsyncSession, query: InnovationQuery, field: str = "filter") -> Select[Any]:
    """Innovations matching every given condition (unknown region or agency codes are refused)."""
    stmt = select(Innovation)
    if query.region_code is not None:
        region = await region_by_code(session, query.region_code, f"{field}.regionCode")
        stmt = stmt.where(in_region(col(Innovation.region_code), region.code))
    if query.agency_code is not None:
        agency = await agency_by_code(session, query.agency_code, f"{field}.agencyCode")
        stmt = stmt.where(col(Innovation.agency_id) == agency.id)
    if query.category is not None and query.category.strip():
        stmt = stmt.where(col(Innovation.category) == query.category.strip().casefold())
    if query.stage is not None:
        stmt = stmt.where(col(Innovation.stage) == query.stage)
    if query.year_started is not None:
        stmt = stmt.where(col(Innovation.year_started) == query.year_started)
    if query.plugin is not None:
        stmt = stmt.where(col(Innovation.plugin) == query.plugin.strip())
    if query.implemented is not None:
        stmt = stmt.where(
            col(Innovation.plugin).is_not(None) if query.implemented else col(Innovation.plugin).is_(None)
        )
    if query.search is not None and query.search.strip():
        pattern = _like(query.search.strip())
        stmt = stmt.where(
            or_(
                col(Innovation.name).ilike(pattern, escape="\\"),
                col(Innovation.acronym_meaning).ilike(pattern, escape="\\"),
            )
        )
    if query.award is not None:
        conditions = _award_conditions(query.award, f"{field}.award")
        if conditions:
            stmt = stmt.where(exists().where(col(Award.innovation_id) == col(Innovation.id), *conditions))
    return stmt


async def awards_query(
    session: AsyncSession,
    query: AwardQuery,
    *,
    region_code: str | None = None,
    agency_code: str | None = None,
    field: str = "filter",
) -> Select[Any]:
    """Awards matching ``query``, of innovations in ``region_code`` / of ``agency_code``."""
    stmt = select(Award).where(*_award_conditions(query, field))
    if region_code is not None or agency_code is not None:
        stmt = stmt.join(Innovation, col(Innovation.id) == col(Award.innovation_id))
    if region_code is not None:
        region = await region_by_code(session, region_code, f"{field}.regionCode")
        stmt = stmt.where(in_region(col(Innovation.region_code), region.code))
    if agency_code is not None:
        agency = await agency_by_code(session, agency_code, f"{field}.agencyCode")
        stmt = stmt.where(col(Innovation.agency_id) == agency.id)
    return stmt


async def innovations_by_code(session: AsyncSession, codes: Sequence[str]) -> list[Innovation | None]:
    rows = (await session.execute(select(Innovation).where(col(Innovation.code).in_(list(codes))))).scalars()
    found = {row.code: row for row in rows}
    return [found.get(code) for code in codes]


async def awards_by_id(session: AsyncSession, ids: Sequence[int]) -> list[Award | None]:
    rows = (await session.execute(select(Award).where(col(Award.id).in_(list(ids))))).scalars()
    found = {row.id: row for row in rows}
    return [found.get(i) for i in ids]


async def find_innovation(session: AsyncSession, code: str, field: str = "code") -> Innovation:
    (row,) = await innovations_by_code(session, [code.strip()])
    if row is None:
        raise CettarError("NOT_FOUND", field=field)
    return row


# -- checking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class InnovationData:
    """An innovation as given to the registry (by a mutation, the seed or a plugin)."""

    code: str
    name: str
    agency_code: str
    region_code: str
    category: str
    description: str
    acronym_meaning: str | None = None
    year_started: int | None = None
    stage: Stage | None = None


@dataclass(frozen=True)
class AwardData:
    competition: str
    rank: str
    year: int
    issuer: str
    category: str | None = None
    awarded_on: date | None = None


@dataclass(frozen=True)
class CheckedInnovation:
    code: str
    name: str
    acronym_meaning: str | None
    agency: Agency
    region: Region
    year_started: int | None
    category: str
    stage: Stage | None
    description: str


@dataclass(frozen=True)
class CheckedAward:
    competition: str
    competition_key: str
    rank: str
    rank_number: int
    year: int
    issuer: str
    category: str | None
    awarded_on: date | None

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.competition_key, self.rank, self.year)


async def check_innovation(session: AsyncSession, data: InnovationData, prefix: str = "input") -> CheckedInnovation:
    """Raise a typed error naming the field unless ``data`` is a valid innovation."""
    code = rules.check_code(data.code, f"{prefix}.code")
    name = rules.text(data.name, f"{prefix}.name", min_length=2, max_length=200)
    acronym = rules.optional_text(data.acronym_meaning, f"{prefix}.acronymMeaning", max_length=300)
    category = rules.text(data.category, f"{prefix}.category", min_length=2, max_length=80).casefold()
    description = rules.text(data.description, f"{prefix}.description", min_length=0, max_length=4000)
    year = None if data.year_started is None else rules.check_year(data.year_started, f"{prefix}.yearStarted")
    agency = await agency_by_code(session, data.agency_code, f"{prefix}.agencyCode")
    region = await region_by_code(session, data.region_code, f"{prefix}.regionCode")
    if not (region.code == agency.region_code or region.code.startswith(f"{agency.region_code}.")):
        raise CettarError(
            "INOVASI_REGION_OUTSIDE_AGENCY", field=f"{prefix}.regionCode", region=region.code, agency=agency.code
        )
    return CheckedInnovation(code, name, acronym, agency, region, year, category, data.stage, description)


def check_award(data: AwardData, year_started: int | None, prefix: str = "input") -> CheckedAward:
    competition = rules.text(data.competition, f"{prefix}.competition", min_length=3, max_length=200)
    rank, number = rules.normalise_rank(data.rank, f"{prefix}.rank")
    year = rules.check_year(data.year, f"{prefix}.year", earliest=year_started)
    issuer = rules.text(data.issuer, f"{prefix}.issuer", min_length=2, max_length=200)
    category = rules.optional_text(data.category, f"{prefix}.category", max_length=200)
    awarded_on = rules.check_award_date(data.awarded_on, year, f"{prefix}.awardedOn")
    key = rules.competition_key(competition)
    return CheckedAward(competition, key, rank, number, year, issuer, category, awarded_on)


def _require_manager(principal: Principal, agency_id: int | None, field: str) -> None:
    """``inovasi.manage``, and the province admin or a holder in the innovation's agency."""
    require_permission(principal, MANAGE)
    if not principal.is_province_admin and not (principal.is_staff and principal.in_agency(agency_id)):
        raise CettarError("FORBIDDEN", field=field)


def _refuse_if_managed(row: Innovation | Award, plugin: str | None, field: str) -> None:
    if row.source is Source.PLUGIN and plugin:
        raise CettarError("INOVASI_MANAGED_BY_PLUGIN", field=field, plugin=plugin)


async def _award_exists(session: AsyncSession, innovation_id: int, award: CheckedAward, but: int | None = None) -> bool:
    stmt = select(col(Award.id)).where(
        col(Award.innovation_id) == innovation_id,
        col(Award.competition_key) == award.competition_key,
        col(Award.rank) == award.rank,
        col(Award.year) == award.year,
    )
    if but is not None:
        stmt = stmt.where(col(Award.id) != but)
    return (await session.execute(stmt)).first() is not None


def _apply_innovation(row: Innovation, checked: CheckedInnovation) -> bool:
    """Copy ``checked`` onto ``row``; whether anything changed."""
    values: dict[str, Any] = {
        "code": checked.code,
        "name": checked.name,
        "acronym_meaning": checked.acronym_meaning,
        "agency_id": checked.agency.id,
        "region_code": checked.region.code,
        "year_started": checked.year_started,
        "category": checked.category,
        "stage": checked.stage,
        "description": checked.description,
    }
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _apply_award(row: Award, checked: CheckedAward) -> bool:
    values: dict[str, Any] = {
        "competition": checked.competition,
        "competition_key": checked.competition_key,
        "rank": checked.rank,
        "rank_number": checked.rank_number,
        "year": checked.year,
        "issuer": checked.issuer,
        "category": checked.category,
        "awarded_on": checked.awarded_on,
    }
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


async def _insert(session: AsyncSession, row: Innovation | Award, taken: CettarError) -> None:
    """Insert ``row`` in a savepoint: losing a race on a unique constraint (two requests passed the
    check at once) raises ``taken``, a typed error, instead of failing the whole request."""
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        raise taken from None


def _new_award(innovation_id: int, checked: CheckedAward, source: Source) -> Award:
    row = Award(
        innovation_id=innovation_id,
        competition="",
        competition_key="",
        rank="",
        rank_number=1,
        year=checked.year,
        issuer="",
        source=source,
    )
    _apply_award(row, checked)
    return row


# -- mutations --------------------------------------------------------------------------------


async def create_innovation(
    session: AsyncSession, principal: Principal, data: InnovationData, idempotency_key: str | None = None
) -> Innovation:
    require_permission(principal, MANAGE)
    checked = await check_innovation(session, data)
    _require_manager(principal, checked.agency.id, "input.agencyCode")
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint({"innovation": asdict(data)})
    earlier = await idempotency.replay(
        session,
        scope=scope,
        key=idempotency_key,
        operation="createInnovation",
        digest=digest,
        field="input.idempotencyKey",
    )
    if earlier is not None:
        return await find_innovation(session, earlier, "input.code")
    taken = CettarError("INOVASI_CODE_TAKEN", field="input.code", innovation=checked.code)
    if (await session.execute(select(col(Innovation.id)).where(col(Innovation.code) == checked.code))).first():
        raise taken
    row = Innovation(
        code=checked.code, name="", agency_id=0, region_code="", category="", source=Source.MANUAL, description=""
    )
    _apply_innovation(row, checked)
    await _insert(session, row, taken)
    idempotency.remember(
        session, scope=scope, key=idempotency_key, operation="createInnovation", digest=digest, target_id=row.code
    )
    record(
        session,
        "inovasi.innovation_created",
        target_type="Innovation",
        target_id=row.code,
        target_agency_id=row.agency_id,
        detail={"agencyId": row.agency_id, "regionCode": row.region_code},
    )
    emit(session, "inovasi.innovation_created", {"innovation_id": row.id, "code": row.code}, source=PLUGIN)
    return row


@dataclass(frozen=True)
class InnovationChanges:
    """``None`` leaves a field as it is; an empty ``acronym_meaning`` clears it."""

    name: str | None = None
    acronym_meaning: str | None = None
    agency_code: str | None = None
    region_code: str | None = None
    year_started: int | None = None
    category: str | None = None
    stage: Stage | None = None
    description: str | None = None


async def update_innovation(
    session: AsyncSession, principal: Principal, code: str, changes: InnovationChanges
) -> Innovation:
    require_permission(principal, MANAGE)
    row = await find_innovation(session, code, "input.code")
    _require_manager(principal, row.agency_id, "input.code")
    _refuse_if_managed(row, row.plugin, "input.code")
    agency = await session.get(Agency, row.agency_id)
    assert agency is not None
    merged = InnovationData(
        code=row.code,
        name=row.name if changes.name is None else changes.name,
        agency_code=agency.code if changes.agency_code is None else changes.agency_code,
        region_code=row.region_code if changes.region_code is None else changes.region_code,
        category=row.category if changes.category is None else changes.category,
        description=row.description if changes.description is None else changes.description,
        acronym_meaning=row.acronym_meaning if changes.acronym_meaning is None else changes.acronym_meaning,
        year_started=row.year_started if changes.year_started is None else changes.year_started,
        stage=row.stage if changes.stage is None else changes.stage,
    )
    checked = await check_innovation(session, merged)
    _require_manager(principal, checked.agency.id, "input.agencyCode")
    earliest_award = (
        await session.execute(
            select(col(Award.year)).where(col(Award.innovation_id) == row.id).order_by(col(Award.year))
        )
    ).first()
    if checked.year_started is not None and earliest_award is not None and earliest_award[0] < checked.year_started:
        raise CettarError("INOVASI_INVALID_YEAR", field="input.yearStarted", min=rules.MIN_YEAR, max=earliest_award[0])
    if _apply_innovation(row, checked):
        row.updated_at = utcnow()
        record(
            session,
            "inovasi.innovation_updated",
            target_type="Innovation",
            target_id=row.code,
            target_agency_id=row.agency_id,
            detail={"fields": sorted(k for k, v in asdict(changes).items() if v is not None)},
        )
        emit(session, "inovasi.innovation_updated", {"innovation_id": row.id, "code": row.code}, source=PLUGIN)
    await session.flush()
    return row


async def add_award(
    session: AsyncSession,
    principal: Principal,
    innovation_code: str,
    data: AwardData,
    idempotency_key: str | None = None,
) -> tuple[Award, Innovation]:
    require_permission(principal, MANAGE)
    innovation = await find_innovation(session, innovation_code, "input.innovationCode")
    _require_manager(principal, innovation.agency_id, "input.innovationCode")
    checked = check_award(data, innovation.year_started)
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint({"innovation": innovation.code, "award": asdict(data)})
    earlier = await idempotency.replay(
        session,
        scope=scope,
        key=idempotency_key,
        operation="addInnovationAward",
        digest=digest,
        field="input.idempotencyKey",
    )
    if earlier is not None:
        (found,) = await awards_by_id(session, [int(earlier)])
        assert found is not None
        return found, innovation
    assert innovation.id is not None
    exists_already = CettarError(
        "INOVASI_AWARD_EXISTS",
        field="input.rank",
        rank=checked.rank,
        competition=checked.competition,
        year=checked.year,
    )
    if await _award_exists(session, innovation.id, checked):
        raise exists_already
    row = _new_award(innovation.id, checked, Source.MANUAL)
    await _insert(session, row, exists_already)
    idempotency.remember(
        session, scope=scope, key=idempotency_key, operation="addInnovationAward", digest=digest, target_id=row.id
    )
    record(
        session,
        "inovasi.award_added",
        target_type="InnovationAward",
        target_id=row.id,
        target_agency_id=innovation.agency_id,
        detail={"innovation": innovation.code, "rank": row.rank, "year": row.year},
    )
    emit(
        session,
        "inovasi.award_added",
        {"award_id": row.id, "innovation_id": innovation.id, "code": innovation.code},
        source=PLUGIN,
    )
    return row, innovation


@dataclass(frozen=True)
class AwardChanges:
    competition: str | None = None
    rank: str | None = None
    year: int | None = None
    issuer: str | None = None
    category: str | None = None
    awarded_on: date | None = None


async def update_award(
    session: AsyncSession, principal: Principal, award_id: int, changes: AwardChanges
) -> tuple[Award, Innovation]:
    require_permission(principal, MANAGE)
    (row,) = await awards_by_id(session, [award_id])
    if row is None:
        raise CettarError("NOT_FOUND", field="input.awardId")
    innovation = await session.get(Innovation, row.innovation_id)
    assert innovation is not None
    _require_manager(principal, innovation.agency_id, "input.awardId")
    _refuse_if_managed(row, innovation.plugin, "input.awardId")
    year = row.year if changes.year is None else changes.year
    merged = AwardData(
        competition=row.competition if changes.competition is None else changes.competition,
        rank=row.rank if changes.rank is None else changes.rank,
        year=year,
        issuer=row.issuer if changes.issuer is None else changes.issuer,
        category=row.category if changes.category is None else changes.category,
        awarded_on=row.awarded_on if changes.awarded_on is None else changes.awarded_on,
    )
    checked = check_award(merged, innovation.year_started)
    assert innovation.id is not None
    if await _award_exists(session, innovation.id, checked, but=row.id):
        raise CettarError(
            "INOVASI_AWARD_EXISTS",
            field="input.rank",
            rank=checked.rank,
            competition=checked.competition,
            year=checked.year,
        )
    if _apply_award(row, checked):
        record(
            session,
            "inovasi.award_updated",
            target_type="InnovationAward",
            target_id=row.id,
            target_agency_id=innovation.agency_id,
            detail={
                "innovation": innovation.code,
                "fields": sorted(k for k, v in asdict(changes).items() if v is not None),
            },
        )
        emit(
            session,
            "inovasi.award_updated",
            {"award_id": row.id, "innovation_id": innovation.id, "code": innovation.code},
            source=PLUGIN,
        )
    await session.flush()
    return row, innovation


# -- seeding ----------------------------------------------------------------------------------


async def find_equivalent(session: AsyncSession, code: str, name: str) -> Innovation | None:
    """The row with ``code``, else one whose code or name spell the same letters
    (``klinik_bumdes`` and ``klinik-bumdes``; ``SEPASAR PEDAS`` and ``Sepasar Pedas``)."""
    rows = list((await session.execute(select(Innovation).order_by(col(Innovation.id)))).scalars())
    for row in rows:
        if row.code == code:
            return row
    for row in rows:
        if rules.same_words(row.code, code) or rules.same_words(row.name, name):
            return row
    return None


async def store(
    session: AsyncSession,
    data: InnovationData,
    awards: Sequence[AwardData],
    *,
    source: Source,
    plugin: str | None = None,
    prefix: str = "record",
) -> tuple[Innovation, int]:
    """Insert or refresh one innovation from the seed or a plugin; returns it and the rows written.

    Reference and demo data only fill in what is missing: a change made through a
    mutation stays. A plugin's record is authoritative: its fields and the awards it
    lists are written over what is there, awards it no longer lists are removed, and
    awards from other sources stay. A ``None`` in a record means "not known"
    (``core.innovations``), so it never erases what the registry already knows: the
    start year, the stage, and an award's category and date stay.
    """
    checked = await check_innovation(session, data, prefix)
    checked_awards = [check_award(a, checked.year_started, f"{prefix}.awards.{i}") for i, a in enumerate(awards)]
    authoritative = source is Source.PLUGIN
    row = await find_equivalent(session, checked.code, checked.name)
    written = 0
    if row is None:
        row = Innovation(
            code=checked.code, name="", agency_id=0, region_code="", category="", source=source, description=""
        )
        _apply_innovation(row, checked)
        row.plugin = plugin
        session.add(row)
        await session.flush()
        written += 1
    elif authoritative:
        if row.plugin is not None and row.plugin != plugin:
            raise ValueError(f"plugins {row.plugin!r} and {plugin!r} both register the innovation {row.code!r}")
        checked = replace(
            checked,
            year_started=row.year_started if checked.year_started is None else checked.year_started,
            stage=row.stage if checked.stage is None else checked.stage,
        )
        changed = _apply_innovation(row, checked)
        if row.plugin != plugin or row.source is not Source.PLUGIN:
            row.plugin, row.source, changed = plugin, Source.PLUGIN, True
        if changed:
            row.updated_at = utcnow()
            written += 1
    assert row.id is not None
    existing = {
        (a.competition_key, a.rank, a.year): a
        for a in (await session.execute(select(Award).where(col(Award.innovation_id) == row.id))).scalars()
    }
    for award in checked_awards:
        found = existing.get(award.key)
        if found is None:
            session.add(_new_award(row.id, award, source))
            written += 1
        elif authoritative:
            known = replace(
                award,
                category=found.category if award.category is None else award.category,
                awarded_on=found.awarded_on if award.awarded_on is None else award.awarded_on,
            )
            if _apply_award(found, known) or found.source is not Source.PLUGIN:
                found.source = Source.PLUGIN
                written += 1
    if authoritative:
        listed = {a.key for a in checked_awards}
        for key, found in existing.items():
            if found.source is Source.PLUGIN and key not in listed:
                await session.delete(found)
                written += 1
    await session.flush()
    return row, written
