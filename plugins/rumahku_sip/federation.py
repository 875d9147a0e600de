"""Rumahku SIP on the shared ``Region`` entity, in a federated graph only (``CETTAR_FEDERATION=1``).

Kabupaten Gresik's subgraph adds ``Region.housingStatistics`` (the public counts of
``housingStatistics``) and ``KecamatanHousingStatistics.region``, so a gateway can join
the counts to regions whichever subgraph resolved them, and complete a kecamatan with
the fields other subgraphs add (docs/federation.md). Without federation the fields are
not in the schema.
"""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry.dataloader import DataLoader

from core.regions.models import Region as RegionRow
from plugins.rumahku_sip.service import GRESIK
from plugins.rumahku_sip.statistics import HousingStatistics as Stats
from plugins.rumahku_sip.statistics import housing_statistics
from plugins.rumahku_sip.types import HousingStatistics, KecamatanHousingStatistics
from plugins.wilayah.types import Region
from schema import Context, Info, row_loader


def statistics_by_region(info: Info) -> DataLoader[str, Stats | None]:
    """The counts of Gresik (``35.25``) or of one of its kecamatan; None for any other region. One
    computation (its five GROUP BY statements) for every region of a request."""

    def make(context: Context) -> DataLoader[str, Stats | None]:
        async def load(codes: Sequence[str]) -> list[Stats | None]:
            if not any(code == GRESIK or code.startswith(f"{GRESIK}.") for code in codes):
                return [None] * len(codes)
            async with context.db() as session:
                every = await housing_statistics(session)
            kecamatan = {k.code: k for k in every.kecamatan}
            return [
                every if code == GRESIK else Stats(kecamatan=[kecamatan[code]]) if code in kecamatan else None
                for code in codes
            ]

        return DataLoader(load_fn=load)

    return info.context.loader("rumahku_sip.statistics_by_region", make)


@strawberry.field(
    name="housingStatistics",
    description="Housing counts of this region when it is Kabupaten Gresik or one of its kecamatan, as "
    "`housingStatistics` gives them; null for any other region. Public. From Kabupaten Gresik's subgraph.",
)
async def housing_statistics_of_region(root: Region, info: Info) -> HousingStatistics | None:
    stats = await statistics_by_region(info).load(root.code)
    return None if stats is None else HousingStatistics(stats=stats)


@strawberry.field(name="region", description="The kecamatan: the shared region entity.")
async def kecamatan_region(root: KecamatanHousingStatistics, info: Info) -> Region:
    row = await row_loader(info, RegionRow).load(root.stats.code)
    assert row is not None  # the statistics are computed from the kecamatan rows
    return Region.from_row(row)
