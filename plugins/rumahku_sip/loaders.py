"""Per-request DataLoaders beyond ``row_loader``/``group_loader``: one query for a whole page of parents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
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
