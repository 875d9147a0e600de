"""Root query fields and ``node(id:)`` resolvers: thin, they call ``queries``/``statistics`` and build types."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader

from core.auth import Principal
from plugins.rumahku_sip import models
from plugins.rumahku_sip.access import is_agency_reader
from plugins.rumahku_sip.inputs import DevelopmentProblemFilter, HousingDevelopmentFilter, PsuHandoverFilter
from plugins.rumahku_sip.loaders import visible_developments
from plugins.rumahku_sip.queries import (
    DevelopmentFilter,
    developers_query,
    developments_query,
    handovers_query,
    problems_query,
)
from plugins.rumahku_sip.statistics import housing_statistics as compute_statistics
from plugins.rumahku_sip.types import (
    AerialSurvey,
    After,
    Before,
    DevelopmentProblem,
    First,
    HousingDeveloper,
    HousingDevelopment,
    HousingStatistics,
    HousingUnit,
    Last,
    PsuHandover,
    PublicFacility,
    TaxObjectLink,
)
from schema import Connection, Info, IsAuthenticated, allow, decode_int_id, int_key, paginate, row_loader

R = TypeVar("R")
T = TypeVar("T")


def _principal(info: Info) -> Principal:
    return info.context.principal


def key(global_id: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return None if global_id is None else decode_int_id(str(global_id), type_name, field)


def required_key(global_id: strawberry.ID, type_name: str, field: str) -> int:
    return decode_int_id(str(global_id), type_name, field)


# -- queries -----------------------------------------------------------------------------------


@strawberry.field(
    description="Housing in Kabupaten Gresik as counts per kecamatan: developments, units, PSU by handover status, "
    "problems by kind. Public: no sign-in needed, no detail shown."
)
async def housing_statistics(
    info: Info,
    kecamatan_code: Annotated[
        str | None,
        strawberry.argument(description="One kecamatan of Gresik, e.g. `35.25.14`; all 18 when left out."),
    ] = None,
) -> HousingStatistics:
    async with info.context.db() as session:
        stats = await compute_statistics(session, kecamatan_code)
    return HousingStatistics(stats=stats)


@strawberry.field(
    description="Housing developments you may see, oldest first: all of them for Disperkim Gresik staff and the "
    "province admin, your own for a developer's account, none for anyone else.",
    extensions=[allow(IsAuthenticated())],
)
async def housing_developments(
    info: Info,
    filter: Annotated[
        HousingDevelopmentFilter | None, strawberry.argument(description="Which developments; all when left out.")
    ] = None,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
) -> Connection[HousingDevelopment]:
    principal = _principal(info)
    criteria = None
    if filter is not None:
        criteria = DevelopmentFilter(
            kecamatan_code=filter.kecamatan_code,
            desa_code=filter.desa_code,
            developer_id=key(filter.developer_id, "HousingDeveloper", "filter.developerId"),
            status=filter.status,
            segment=filter.segment,
            search=filter.search,
            with_open_problems=filter.with_open_problems,
        )
    return await paginate(
        info,
        developments_query(principal, criteria),
        [models.Development.id],
        key_of=lambda row: (row.id,),
        convert=lambda row: HousingDevelopment.build(row, principal),
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(
    description="Housing developers you may see: all for Disperkim Gresik staff, your own for a developer's account.",
    extensions=[allow(IsAuthenticated())],
)
async def housing_developers(
    info: Info,
    search: Annotated[str | None, strawberry.argument(description="Part of the company name.")] = None,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
) -> Connection[HousingDeveloper]:
    return await paginate(
        info,
        developers_query(_principal(info), search),
        [models.Developer.id],
        key_of=lambda row: (row.id,),
        convert=HousingDeveloper.build,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(
    description="PSU handovers you may see, newest first: the agency's work queue (filter `status: PROPOSED`), or a "
    "developer's own proposals.",
    extensions=[allow(IsAuthenticated())],
)
async def psu_handovers(
    info: Info,
    filter: Annotated[
        PsuHandoverFilter | None, strawberry.argument(description="Which handovers; all when left out.")
    ] = None,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
) -> Connection[PsuHandover]:
    f = filter or PsuHandoverFilter()
    statement = handovers_query(
        _principal(info),
        status=f.status,
        development_id=key(f.development_id, "HousingDevelopment", "filter.developmentId"),
        kecamatan_code=f.kecamatan_code,
    )
    return await paginate(
        info,
        statement,
        [models.Handover.id],
        key_of=lambda row: (row.id,),
        convert=lambda row: PsuHandover(row=row),
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(
    description="Problems found at the developments you may see, newest first.",
    extensions=[allow(IsAuthenticated())],
)
async def development_problems(
    info: Info,
    filter: Annotated[
        DevelopmentProblemFilter | None, strawberry.argument(description="Which problems; all when left out.")
    ] = None,
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
) -> Connection[DevelopmentProblem]:
    f = filter or DevelopmentProblemFilter()
    statement = problems_query(
        _principal(info),
        kind=f.kind,
        status=f.status,
        development_id=key(f.development_id, "HousingDevelopment", "filter.developmentId"),
        kecamatan_code=f.kecamatan_code,
    )
    return await paginate(
        info,
        statement,
        [models.Problem.id],
        key_of=lambda row: (row.id,),
        convert=lambda row: DevelopmentProblem(row=row),
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


# -- node(id:) ---------------------------------------------------------------------------------


async def _nodes(
    info: Info,
    keys: Sequence[str],
    loader: DataLoader[Any, R | None],
    development_of: Callable[[R], int],
    build: Callable[[R], T],
    *,
    agency_only: bool = False,
) -> list[T | None]:
    """One object or None per key: None for a malformed key, a missing row, or one the principal may not read."""
    wanted = [int_key(k) for k in keys]
    rows = await loader.load_many([w for w in wanted if w is not None])
    found = dict(zip([w for w in wanted if w is not None], rows, strict=True))
    visible = await visible_developments(info, [development_of(r) for r in rows if r is not None])
    principal = _principal(info)
    result: list[T | None] = []
    for w in wanted:
        row = found.get(w) if w is not None else None
        development = visible.get(development_of(row)) if row is not None else None
        if (
            row is None
            or development is None
            or (agency_only and not is_agency_reader(principal, development.agency_id))
        ):
            result.append(None)
        else:
            result.append(build(row))
    return result


async def resolve_developments(info: Info, keys: Sequence[str]) -> list[HousingDevelopment | None]:
    principal = _principal(info)
    return await _nodes(
        info,
        keys,
        row_loader(info, models.Development),
        lambda row: row.id or 0,
        lambda row: HousingDevelopment.build(row, principal),
    )


async def resolve_developers(info: Info, keys: Sequence[str]) -> list[HousingDeveloper | None]:
    principal = _principal(info)
    wanted = [int_key(k) for k in keys]
    rows = await row_loader(info, models.Developer).load_many([w for w in wanted if w is not None])
    found = {row.id: row for row in rows if row is not None}
    result: list[HousingDeveloper | None] = []
    for w in wanted:
        row = found.get(w)
        visible = row is not None and (principal.owns(row.account_id) or is_agency_reader(principal, row.agency_id))
        result.append(HousingDeveloper.build(row) if visible and row is not None else None)
    return result


async def resolve_units(info: Info, keys: Sequence[str]) -> list[HousingUnit | None]:
    return await _nodes(
        info, keys, row_loader(info, models.Unit), lambda row: row.development_id, lambda row: HousingUnit(row=row)
    )


async def resolve_facilities(info: Info, keys: Sequence[str]) -> list[PublicFacility | None]:
    return await _nodes(
        info,
        keys,
        row_loader(info, models.Facility),
        lambda row: row.development_id,
        lambda row: PublicFacility(row=row),
    )


async def resolve_handovers(info: Info, keys: Sequence[str]) -> list[PsuHandover | None]:
    return await _nodes(
        info, keys, row_loader(info, models.Handover), lambda row: row.development_id, lambda row: PsuHandover(row=row)
    )


async def resolve_problems(info: Info, keys: Sequence[str]) -> list[DevelopmentProblem | None]:
    return await _nodes(
        info,
        keys,
        row_loader(info, models.Problem),
        lambda row: row.development_id,
        lambda row: DevelopmentProblem(row=row),
    )


async def resolve_surveys(info: Info, keys: Sequence[str]) -> list[AerialSurvey | None]:
    return await _nodes(
        info,
        keys,
        row_loader(info, models.Survey),
        lambda row: row.development_id,
        lambda row: AerialSurvey(row=row),
        agency_only=True,
    )


async def resolve_tax_objects(info: Info, keys: Sequence[str]) -> list[TaxObjectLink | None]:
    return await _nodes(
        info,
        keys,
        row_loader(info, models.TaxObject),
        lambda row: row.development_id,
        lambda row: TaxObjectLink(row=row),
        agency_only=True,
    )


NODES: tuple[tuple[type, Callable[..., Any]], ...] = (
    (HousingDevelopment, resolve_developments),
    (HousingDeveloper, resolve_developers),
    (HousingUnit, resolve_units),
    (PublicFacility, resolve_facilities),
    (PsuHandover, resolve_handovers),
    (DevelopmentProblem, resolve_problems),
    (AerialSurvey, resolve_surveys),
    (TaxObjectLink, resolve_tax_objects),
)
