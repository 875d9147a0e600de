"""Per-request DataLoaders beyond ``row_loader``/``group_loader``: one query for a whole page of parents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import col
from strawberry.dataloader import DataLoader

from core.auth import Principal
from plugins.rumahku_sip.access import can_see
from plugins.rumahku_sip.models import Developer, Development, Facility, HandoverItem, TaxObject, Unit, UnitStatus
from schema import Context, Info, row_loader


def unit_counts(info: Info) -> DataLoader[int, dict[UnitStatus, int]]:
    """Units per status of each development (GROUP BY development, status)."""

    def make(context: Context) -> DataLoader[int, dict[UnitStatus, int]]:
        async def load(ids: Sequence[int]) -> list[dict[UnitStatus, int]]:
            statement = (
                select(col(Unit.development_id), col(Unit.status), func.count(col(Unit.id)))
                .where(col(Unit.development_id).in_(list(set(ids))))
                .group_by(col(Unit.development_id), col(Unit.status))
            )
            counts: dict[int, dict[UnitStatus, int]] = defaultdict(dict)
            async with context.db() as session:
                for development_id, status, count in await session.execute(statement):
                    counts[int(development_id)][UnitStatus(status)] = int(count)
            return [counts.get(i, {}) for i in ids]

        return DataLoader(load_fn=load)

    return info.context.loader("rumahku_sip.unit_counts", make)


def handover_facilities(info: Info) -> DataLoader[int, list[Facility]]:
    """The facilities each handover covers (through ``rumahku_sip_handover_item``)."""

    def make(context: Context) -> DataLoader[int, list[Facility]]:
        async def load(ids: Sequence[int]) -> list[list[Facility]]:
            statement = (
                select(col(HandoverItem.handover_id), Facility)
                .join(Facility, col(Facility.id) == col(HandoverItem.facility_id))
                .where(col(HandoverItem.handover_id).in_(list(set(ids))))
                .order_by(col(Facility.id))
            )
            groups: dict[int, list[Facility]] = defaultdict(list)
            async with context.db() as session:
                for handover_id, facility in await session.execute(statement):
                    groups[int(handover_id)].append(facility)
            return [groups.get(i, []) for i in ids]

        return DataLoader(load_fn=load)

    return info.context.loader("rumahku_sip.handover_facilities", make)


def development_tax_objects(info: Info) -> DataLoader[int, list[TaxObject]]:
    """NOP links of each development as a whole (its mother parcels), not of its units."""

    def make(context: Context) -> DataLoader[int, list[TaxObject]]:
        async def load(ids: Sequence[int]) -> list[list[TaxObject]]:
            statement = (
                select(TaxObject)
                .where(col(TaxObject.development_id).in_(list(set(ids))), col(TaxObject.unit_id).is_(None))
                .order_by(col(TaxObject.id))
            )
            groups: dict[int, list[TaxObject]] = defaultdict(list)
            async with context.db() as session:
                for row in (await session.execute(statement)).scalars():
                    groups[row.development_id].append(row)
            return [groups.get(i, []) for i in ids]

        return DataLoader(load_fn=load)

    return info.context.loader("rumahku_sip.development_tax_objects", make)


async def visible_developments(info: Info, ids: Sequence[int | None]) -> dict[int, Development]:
    """The developments among ``ids`` the principal may read (two batched queries for any number)."""
    principal: Principal = info.context.principal
    wanted = sorted({i for i in ids if i is not None})
    developments = await row_loader(info, Development).load_many(wanted)
    developers = await row_loader(info, Developer).load_many(sorted({d.developer_id for d in developments if d}))
    account_of = {d.id: d.account_id for d in developers if d is not None}
    return {
        d.id: d
        for d in developments
        if d is not None
        and d.id is not None
        and can_see(principal, agency_id=d.agency_id, developer_account_id=account_of.get(d.developer_id))
    }


@dataclass(frozen=True)
class UnitPageKey:
    """One development's page of units: the development, the status filter and the page arguments."""

    development_id: int
    status: UnitStatus | None
    size: int
    after: int | None
    before: int | None
    backward: bool


@dataclass(frozen=True)
class UnitPage:
    rows: list[Unit]
    has_more: bool


def unit_pages(info: Info) -> DataLoader[UnitPageKey, UnitPage]:
    """Pages of units for a whole page of developments in one statement per set of page arguments.

    ``ROW_NUMBER() OVER (PARTITION BY development_id ORDER BY id)`` keeps at most ``size + 1``
    units of each development after (or before) the cursor, so ``units(first: 10)`` on a list of
    developments costs the same statements for 1 development or 100.
    """

    def make(context: Context) -> DataLoader[UnitPageKey, UnitPage]:
        async def load(keys: Sequence[UnitPageKey]) -> list[UnitPage]:
            groups: dict[tuple[Any, ...], list[UnitPageKey]] = defaultdict(list)
            for key in keys:
                groups[(key.status, key.size, key.after, key.before, key.backward)].append(key)
            found: dict[UnitPageKey, UnitPage] = {}
            async with context.db() as session:
                for (status, size, after, before, backward), members in groups.items():
                    ids = sorted({k.development_id for k in members})
                    order = col(Unit.id).desc() if backward else col(Unit.id).asc()
                    number = func.row_number().over(partition_by=col(Unit.development_id), order_by=order)
                    inner = select(Unit, number.label("n")).where(col(Unit.development_id).in_(ids))
                    if status is not None:
                        inner = inner.where(col(Unit.status) == status)
                    if after is not None:
                        inner = inner.where(col(Unit.id) > after)
                    if before is not None:
                        inner = inner.where(col(Unit.id) < before)
                    ranked = inner.subquery()
                    statement = (
                        select(aliased(Unit, ranked))
                        .where(ranked.c.n <= size + 1)
                        .order_by(ranked.c.development_id, ranked.c.n)
                    )
                    per: dict[int, list[Unit]] = defaultdict(list)
                    for row in (await session.execute(statement)).scalars():
                        per[row.development_id].append(row)
                    for key in members:
                        rows = per.get(key.development_id, [])
                        page = rows[:size]
                        if backward:
                            page.reverse()
                        found[key] = UnitPage(rows=page, has_more=len(rows) > size)
            return [found[k] for k in keys]

        return DataLoader(load_fn=load)

    return info.context.loader("rumahku_sip.unit_pages", make)


def unit_totals(info: Info) -> DataLoader[tuple[int, UnitStatus | None], int]:
    """How many units each development has (in one status, or all): for ``units { totalCount }``."""

    def make(context: Context) -> DataLoader[tuple[int, UnitStatus | None], int]:
        async def load(keys: Sequence[tuple[int, UnitStatus | None]]) -> list[int]:
            counts = await unit_counts(info).load_many([development for development, _ in keys])
            return [
                sum(c.values()) if status is None else c.get(status, 0)
                for c, (_, status) in zip(counts, keys, strict=True)
            ]

        return DataLoader(load_fn=load)

    return info.context.loader("rumahku_sip.unit_totals", make)
