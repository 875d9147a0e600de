"""Per-request DataLoaders: one query for every region or agency a response needs."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from core.regions.models import Agency, Region
from core.regions.service import agencies_by_id, regions_by_code
from schema import Context, Info


def region_loader(info: Info) -> DataLoader[str, Region | None]:
    def make(context: Context) -> DataLoader[str, Region | None]:
        async def load(codes: Sequence[str]) -> list[Region | None]:
            async with context.db() as session:
                return await regions_by_code(session, codes)

        return DataLoader(load_fn=load)

    return info.context.loader("wilayah.region", make)


def agency_loader(info: Info) -> DataLoader[int, Agency | None]:
    def make(context: Context) -> DataLoader[int, Agency | None]:
        async def load(ids: Sequence[int]) -> list[Agency | None]:
            async with context.db() as session:
                return await agencies_by_id(session, ids)

        return DataLoader(load_fn=load)

    return info.context.loader("wilayah.agency", make)
