"""SEPASAR PEDAS on the shared ``Region`` entity, in a federated graph only (``CETTAR_FEDERATION=1``).

Kota Malang's subgraph adds ``Region.sepasarMarketCount`` and ``SepasarMarket.region``,
so a gateway can join the markets to regions whichever subgraph resolved them, and
complete a market's region with the fields other subgraphs add (docs/federation.md).
Without federation the fields are not in the schema.
"""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from sqlalchemy import func, or_, select
from sqlmodel import col
from strawberry.dataloader import DataLoader

from core.regions.models import Region as RegionRow
from plugins.sepasar_pedas.models import Market
from plugins.sepasar_pedas.types import SepasarMarket
from plugins.wilayah.types import Region
from schema import Context, Info, row_loader


def market_counts(info: Info) -> DataLoader[str, int]:
    """Markets per region code (in the region or in one within it), for every region of a request in one
    GROUP BY statement."""

    def make(context: Context) -> DataLoader[str, int]:
        async def load(codes: Sequence[str]) -> list[int]:
            inside = [
                or_(col(Market.region_code) == code, col(Market.region_code).startswith(f"{code}.", autoescape=True))
                for code in set(codes)
            ]
            statement = select(col(Market.region_code), func.count()).where(or_(*inside)).group_by(Market.region_code)
            async with context.db() as session:
                per_code = {str(code): int(count) for code, count in await session.execute(statement)}
            return [
                sum(n for region, n in per_code.items() if region == code or region.startswith(f"{code}."))
                for code in codes
            ]

        return DataLoader(load_fn=load)

    return info.context.loader("sepasar_pedas.market_counts", make)


@strawberry.field(
    description="How many SEPASAR PEDAS markets lie in this region or in a region within it (as "
    "`sepasarMarkets(regionCode:)` counts them); public. From Kota Malang's subgraph."
)
async def sepasar_market_count(root: Region, info: Info) -> int:
    return await market_counts(info).load(root.code)


@strawberry.field(name="region", description="Its kelurahan (or kecamatan): the shared region entity.")
async def market_region(root: SepasarMarket, info: Info) -> Region:
    row = await row_loader(info, RegionRow).load(root.region_code)
    assert row is not None  # a foreign key
    return Region.from_row(row)
