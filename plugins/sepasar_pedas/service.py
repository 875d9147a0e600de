"""Markets and traders: reading, registering and changing them (no GraphQL).

Markets are public. Traders are read by the staff of the market's agency, the
province admin, and the trader themselves once linked to their citizen account.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core import idempotency
from core.access import require_authenticated, scoped
from core.audit.chain import record
from core.auth import Principal, Role
from core.errors import CettarError
from core.events.outbox import emit
from core.identity.models import Citizen
from core.identity.validators import parse_nik
from core.regions.models import Agency, Region, RegionKind
from plugins.sepasar_pedas import rules
from plugins.sepasar_pedas.models import Commodity, Market, Trader

#: A market sits in a kecamatan or, more precisely, a kelurahan/desa.
MARKET_REGION_KINDS = frozenset({RegionKind.KECAMATAN, RegionKind.KELURAHAN, RegionKind.DESA})


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# -- markets ----------------------------------------------------------------------------------


def markets_query(search: str | None = None, region_code: str | None = None) -> Select[Any]:
    """Every market (public), by a part of its name and/or a region it lies in."""
    stmt = select(Market)
    if search and search.strip():
        stmt = stmt.where(col(Market.name).ilike(_like(search.strip()), escape="\\"))
    if region_code and region_code.strip():
        code = region_code.strip()
        stmt = stmt.where(
            or_(col(Market.region_code) == code, col(Market.region_code).startswith(f"{code}.", autoescape=True))
        )
    return stmt


async def markets_by_code(session: AsyncSession, codes: Sequence[str]) -> list[Market | None]:
    rows = (await session.execute(select(Market).where(col(Market.code).in_(list(codes))))).scalars()
    found = {row.code: row for row in rows}
    return [found.get(code) for code in codes]


async def market_by_code(session: AsyncSession, code: str, field: str) -> Market:
    (row,) = await markets_by_code(session, [code.strip()])
    if row is None:
        raise CettarError("NOT_FOUND", field=field)
    return row


async def _check_market_region(session: AsyncSession, agency: Agency, region_code: str, field: str) -> Region:
    region = await session.get(Region, region_code.strip())
    inside = region is not None and region.code.startswith(f"{agency.region_code}.")
    if region is None or not inside or region.kind not in MARKET_REGION_KINDS:
        raise CettarError("SEPASAR_REGION_OUTSIDE_AGENCY", field=field, region=agency.region_code)
    return region


@dataclass(frozen=True)
class MarketData:
    code: str
    name: str
    region_code: str
    address: str


async def create_market(
    session: AsyncSession,
    principal: Principal,
    settings: rules.SepasarSettings,
    data: MarketData,
    idempotency_key: str | None = None,
) -> Market:
    agency = await rules.school_agency(session, settings.agency_code)
    rules.require_manager(principal, rules.MANAGE_MARKETS, agency.id)
    code = rules.check_code(data.code, "input.code")
    name = rules.text(data.name, "input.name", min_length=3, max_length=120)
    address = rules.text(data.address, "input.address", min_length=5, max_length=200)
    region = await _check_market_region(session, agency, data.region_code, "input.regionCode")
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint({"market": asdict(data)})
    earlier = await idempotency.replay(
        session,
        scope=scope,
        key=idempotency_key,
        operation="createSepasarMarket",
        digest=digest,
        field="input.idempotencyKey",
    )
    if earlier is not None:
        return await market_by_code(session, earlier, "input.code")
    exists = CettarError("SEPASAR_MARKET_EXISTS", field="input.code", market=code)
    if (await markets_by_code(session, [code]))[0] is not None:
        raise exists
    assert agency.id is not None
    market = Market(code=code, name=name, region_code=region.code, address=address, agency_id=agency.id)
    await rules.insert_once(session, market, exists)
    idempotency.remember(
        session, scope=scope, key=idempotency_key, operation="createSepasarMarket", digest=digest, target_id=code
    )
    record(
        session, "sepasar_pedas.market_created", target_type="SepasarMarket", target_id=code, target_agency_id=agency.id
    )
    emit(session, "sepasar_pedas.market_created", {"market_id": market.id, "code": code}, source=rules.PLUGIN)
    return market


@dataclass(frozen=True)
class MarketChanges:
    name: str | None = None
    region_code: str | None = None
    address: str | None = None
    active: bool | None = None


async def update_market(session: AsyncSession, principal: Principal, code: str, changes: MarketChanges) -> Market:
    market = await market_by_code(session, code, "input.code")
    rules.require_manager(principal, rules.MANAGE_MARKETS, market.agency_id, "input.code")
    if changes.name is not None:
        market.name = rules.text(changes.name, "input.name", min_length=3, max_length=120)
    if changes.address is not None:
        market.address = rules.text(changes.address, "input.address", min_length=5, max_length=200)
    if changes.region_code is not None:
        agency = await session.get(Agency, market.agency_id)
        assert agency is not None
        market.region_code = (await _check_market_region(session, agency, changes.region_code, "input.regionCode")).code
    if changes.active is not None:
        market.active = changes.active
    await session.flush()
    record(
        session,
        "sepasar_pedas.market_updated",
        target_type="SepasarMarket",
        target_id=market.code,
        target_agency_id=market.agency_id,
        detail={"fields": sorted(k for k, v in asdict(changes).items() if v is not None)},
    )
    return market


# -- traders ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TraderQuery:
    market_code: str | None = None
    commodity: Commodity | None = None
    search: str | None = None
    active: bool | None = None


async def traders_query(session: AsyncSession, principal: Principal, query: TraderQuery) -> Select[Any]:
    """Traders ``principal`` may read: their agency's (staff), all (province admin), their own."""
    stmt = scoped(select(Trader), principal, owner=col(Trader.account_id), agency=col(Trader.agency_id))
    if query.market_code is not None:
        market = await market_by_code(session, query.market_code, "filter.marketCode")
        stmt = stmt.where(col(Trader.market_id) == market.id)
    if query.commodity is not None:
        stmt = stmt.where(col(Trader.commodity) == query.commodity)
    if query.active is not None:
        stmt = stmt.where(col(Trader.active) == query.active)
    if query.search and query.search.strip():
        term = query.search.strip()
        stmt = stmt.where(
            or_(col(Trader.name).ilike(_like(term), escape="\\"), col(Trader.stall_number) == term.upper())
        )
    return stmt


async def traders_by_id(session: AsyncSession, ids: Sequence[int]) -> list[Trader | None]:
    rows = (await session.execute(select(Trader).where(col(Trader.id).in_(list(ids))))).scalars()
    found = {row.id: row for row in rows}
    return [found.get(i) for i in ids]


def can_read_trader(principal: Principal, trader: Trader) -> bool:
    return principal.owns(trader.account_id) or rules.manages(principal, trader.agency_id)


async def trader_for(session: AsyncSession, principal: Principal, trader_id: int, field: str) -> Trader:
    """The trader, if ``principal`` may read it; NOT_FOUND otherwise."""
    (row,) = await traders_by_id(session, [trader_id])
    if row is None or not can_read_trader(principal, row):
        raise CettarError("NOT_FOUND", field=field)
    return row


async def _citizen_with_nik(session: AsyncSession, nik: str) -> int | None:
    found = (await session.execute(select(col(Citizen.account_id)).where(col(Citizen.nik) == nik))).first()
    return int(found[0]) if found else None


async def _ensure_free(session: AsyncSession, market_id: int, stall: str, nik: str | None, but: int | None) -> None:
    taken = select(col(Trader.id)).where(col(Trader.market_id) == market_id, col(Trader.stall_number) == stall)
    if but is not None:
        taken = taken.where(col(Trader.id) != but)
    if (await session.execute(taken)).first():
        raise CettarError("SEPASAR_STALL_TAKEN", field="input.stallNumber", stall=stall)
    if nik is not None:
        same = select(col(Trader.id)).where(col(Trader.market_id) == market_id, col(Trader.nik) == nik)
        if (await session.execute(same)).first():
            raise CettarError("SEPASAR_TRADER_EXISTS", field="input.nik")


@dataclass(frozen=True)
class TraderData:
    market_code: str
    stall_number: str
    name: str
    nik: str
    commodity: Commodity


async def register_trader(
    session: AsyncSession, principal: Principal, data: TraderData, idempotency_key: str | None = None
) -> Trader:
    """Register a trader; they are linked at once to the citizen account holding the same NIK."""
    market = await market_by_code(session, data.market_code, "input.marketCode")
    rules.require_manager(principal, rules.MANAGE_TRADERS, market.agency_id, "input.marketCode")
    if not market.active:
        raise CettarError("SEPASAR_MARKET_INACTIVE", field="input.marketCode")
    stall = rules.check_stall(data.stall_number, "input.stallNumber")
    name = rules.text(data.name, "input.name", min_length=2, max_length=120)
    nik = parse_nik(data.nik, field="input.nik").nik
    scope = idempotency.scope_of(principal.account_id)
    digest = idempotency.fingerprint({"market": market.code, "stall": stall, "nik": nik, "c": data.commodity.value})
    earlier = await idempotency.replay(
        session,
        scope=scope,
        key=idempotency_key,
        operation="registerSepasarTrader",
        digest=digest,
        field="input.idempotencyKey",
    )
    if earlier is not None:
        return await trader_for(session, principal, int(earlier), "input.idempotencyKey")
    assert market.id is not None
    await _ensure_free(session, market.id, stall, nik, None)
    trader = Trader(
        market_id=market.id,
        agency_id=market.agency_id,
        stall_number=stall,
        name=name,
        nik=nik,
        commodity=data.commodity,
        account_id=await _citizen_with_nik(session, nik),
    )
    try:
        await rules.insert_once(
            session, trader, CettarError("SEPASAR_STALL_TAKEN", field="input.stallNumber", stall=stall)
        )
    except CettarError:
        # The same stall or the same NIK was registered after our check: say which, as the check would have.
        await _ensure_free(session, market.id, stall, nik, None)
        raise
    idempotency.remember(
        session, scope=scope, key=idempotency_key, operation="registerSepasarTrader", digest=digest, target_id=trader.id
    )
    record(
        session,
        "sepasar_pedas.trader_registered",
        target_type="SepasarTrader",
        target_id=trader.id,
        target_agency_id=trader.agency_id,
        detail={"market": market.code, "stall": stall, "linked": trader.account_id is not None},
    )
    emit(
        session,
        "sepasar_pedas.trader_registered",
        {"trader_id": trader.id, "market_id": market.id},
        source=rules.PLUGIN,
    )
    return trader


@dataclass(frozen=True)
class TraderChanges:
    stall_number: str | None = None
    name: str | None = None
    commodity: Commodity | None = None
    active: bool | None = None


async def update_trader(session: AsyncSession, principal: Principal, trader_id: int, changes: TraderChanges) -> Trader:
    (trader,) = await traders_by_id(session, [trader_id])
    if trader is None:
        raise CettarError("NOT_FOUND", field="input.traderId")
    rules.require_manager(principal, rules.MANAGE_TRADERS, trader.agency_id, "input.traderId")
    if changes.stall_number is not None:
        stall = rules.check_stall(changes.stall_number, "input.stallNumber")
        await _ensure_free(session, trader.market_id, stall, None, trader.id)
        trader.stall_number = stall
    if changes.name is not None:
        trader.name = rules.text(changes.name, "input.name", min_length=2, max_length=120)
    if changes.commodity is not None:
        trader.commodity = changes.commodity
    if changes.active is not None:
        trader.active = changes.active
    await session.flush()
    record(
        session,
        "sepasar_pedas.trader_updated",
        target_type="SepasarTrader",
        target_id=trader.id,
        target_agency_id=trader.agency_id,
        detail={"fields": sorted(k for k, v in asdict(changes).items() if v is not None)},
    )
    return trader


async def link_my_traders(session: AsyncSession, principal: Principal, market_code: str | None = None) -> list[Trader]:
    """A citizen links the traders registered with their NIK (in one market, or all) to their account.

    Returns every trader linked to them afterwards; linking again changes nothing.
    """
    require_authenticated(principal)
    if principal.role is not Role.CITIZEN or principal.account_id is None:
        raise CettarError("FORBIDDEN")
    citizen = await session.get(Citizen, principal.account_id)
    if citizen is None:
        raise CettarError("FORBIDDEN")
    stmt = update(Trader).where(col(Trader.nik) == citizen.nik, col(Trader.account_id).is_(None))
    if market_code is not None:
        market = await market_by_code(session, market_code, "input.marketCode")
        stmt = stmt.where(col(Trader.market_id) == market.id)
    result = await session.execute(stmt.values(account_id=principal.account_id).returning(col(Trader.id)))
    linked = [int(i) for i in result.scalars() if i is not None]
    for trader_id in linked:
        record(session, "sepasar_pedas.trader_linked", target_type="SepasarTrader", target_id=trader_id)
        emit(
            session,
            "sepasar_pedas.trader_linked",
            {"trader_id": trader_id, "account_id": principal.account_id},
            source=rules.PLUGIN,
        )
    rows = await session.execute(
        select(Trader).where(col(Trader.account_id) == principal.account_id).order_by(col(Trader.id))
    )
    return list(rows.scalars())
