"""GraphQL types for regions and agencies."""

from __future__ import annotations

import strawberry

from core.regions.models import Agency as AgencyRow
from core.regions.models import AgencyKind as AgencyKindValue
from core.regions.models import Region as RegionRow
from core.regions.models import RegionKind as RegionKindValue
from core.regions.service import agencies_query, regions_query
from plugins.wilayah.loaders import agency_loader, region_loader
from schema import Connection, Info, Node, paginate

RegionKind = strawberry.enum(RegionKindValue, name="RegionKind", description="Level of a region.")
AgencyKind = strawberry.enum(AgencyKindValue, name="AgencyKind", description="Kind of agency (perangkat daerah).")


async def region_connection(
    info: Info,
    *,
    kind: RegionKindValue | None = None,
    parent_code: str | None = None,
    search: str | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Region]:
    return await paginate(
        info,
        regions_query(kind, parent_code, search),
        [RegionRow.code],
        key_of=lambda row: (row.code,),
        convert=Region.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


async def agency_connection(
    info: Info,
    *,
    region_code: str | None = None,
    parent_id: int | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Agency]:
    return await paginate(
        info,
        agencies_query(region_code, parent_id),
        [AgencyRow.code],
        key_of=lambda row: (row.code,),
        convert=Agency.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.type(description="A region of Jawa Timur: the province, a kabupaten/kota, a kecamatan or a desa/kelurahan.")
class Region(Node):
    code: str = strawberry.field(description="Kemendagri code, e.g. `35.78` (Kota Surabaya).")
    name: str
    kind: RegionKind  # type: ignore[valid-type]
    parent_code: str | None = strawberry.field(description="Code of the region this one is part of.")

    def node_key(self) -> str:
        return self.code

    @classmethod
    def from_row(cls, row: RegionRow) -> Region:
        return cls(code=row.code, name=row.name, kind=row.kind, parent_code=row.parent_code)

    @strawberry.field(description="The region this one is part of; null for the province.")
    async def parent(self, info: Info) -> Region | None:
        if self.parent_code is None:
            return None
        row = await region_loader(info).load(self.parent_code)
        return Region.from_row(row) if row else None

    @strawberry.field(description="The regions directly under this one, ordered by code.")
    async def children(
        self,
        info: Info,
        kind: RegionKind | None = None,  # type: ignore[valid-type]
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Region]:
        return await region_connection(
            info, kind=kind, parent_code=self.code, first=first, after=after, last=last, before=before
        )

    @strawberry.field(description="Agencies based in this region, ordered by code.")
    async def agencies(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Agency]:
        return await agency_connection(info, region_code=self.code, first=first, after=after, last=last, before=before)


@strawberry.type(description="An agency (organisasi perangkat daerah or vertical office) that serves citizens.")
class Agency(Node):
    code: str = strawberry.field(description="Stable short code, e.g. `dispendukcapil-3578`.")
    name: str
    kind: AgencyKind  # type: ignore[valid-type]
    region_code: str
    row_id: strawberry.Private[int]
    parent_id: strawberry.Private[int | None]

    def node_key(self) -> str:
        return self.code

    @classmethod
    def from_row(cls, row: AgencyRow) -> Agency:
        return cls(
            code=row.code,
            name=row.name,
            kind=row.kind,
            region_code=row.region_code,
            row_id=row.id or 0,
            parent_id=row.parent_id,
        )

    @strawberry.field(description="The region the agency serves.")
    async def region(self, info: Info) -> Region:
        row = await region_loader(info).load(self.region_code)
        assert row is not None
        return Region.from_row(row)

    @strawberry.field(description="The agency this one belongs to, if any.")
    async def parent(self, info: Info) -> Agency | None:
        if self.parent_id is None:
            return None
        row = await agency_loader(info).load(self.parent_id)
        return Agency.from_row(row) if row else None

    @strawberry.field(description="Agencies that belong to this one, ordered by code.")
    async def units(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Agency]:
        return await agency_connection(info, parent_id=self.row_id, first=first, after=after)
