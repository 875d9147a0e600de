"""Root fields for regions and agencies: thin, they call the core region service."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry

from core.regions.service import agencies_by_code, regions_by_code
from plugins.wilayah.types import Agency, Region, RegionKind, agency_connection, region_connection
from schema import Connection, Info


@strawberry.field(description="One region by its Kemendagri code (e.g. `35.78`); null if there is none.")
async def region(info: Info, code: str) -> Region | None:
    async with info.context.db() as session:
        (row,) = await regions_by_code(session, [code.strip()])
    return Region.from_row(row) if row else None


@strawberry.field(description="Regions, ordered by code; filter by kind, parent and a name search.")
async def regions(
    info: Info,
    kind: RegionKind | None = None,  # type: ignore[valid-type]
    parent_code: str | None = None,
    search: str | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Region]:
    return await region_connection(
        info, kind=kind, parent_code=parent_code, search=search, first=first, after=after, last=last, before=before
    )


@strawberry.field(description="One agency by its code (e.g. `diskominfo-jatim`); null if there is none.")
async def agency(info: Info, code: str) -> Agency | None:
    async with info.context.db() as session:
        (row,) = await agencies_by_code(session, [code.strip()])
    return Agency.from_row(row) if row else None


@strawberry.field(description="Agencies, ordered by code; `regionCode` keeps those based in one region.")
async def agencies(
    info: Info,
    region_code: str | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Agency]:
    return await agency_connection(info, region_code=region_code, first=first, after=after, last=last, before=before)


async def resolve_region_nodes(info: Info, keys: Sequence[str]) -> list[Region | None]:
    async with info.context.db() as session:
        rows = await regions_by_code(session, keys)
    return [Region.from_row(r) if r else None for r in rows]


async def resolve_agency_nodes(info: Info, keys: Sequence[str]) -> list[Agency | None]:
    async with info.context.db() as session:
        rows = await agencies_by_code(session, keys)
    return [Agency.from_row(r) if r else None for r in rows]
