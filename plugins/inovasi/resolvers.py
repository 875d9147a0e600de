"""Root fields of the innovation registry: thin, they call the service and convert rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry
from sqlmodel import col
from strawberry.extensions.field_extension import FieldExtension

from plugins.inovasi import inputs, service
from plugins.inovasi.models import Award
from plugins.inovasi.models import Innovation as InnovationRow
from plugins.inovasi.types import Innovation, InnovationAward
from schema import Connection, HasPermission, Info, allow, decode_int_id, int_key, paginate


def _award_query(award: inputs.AwardFilter | None) -> service.AwardQuery | None:
    if award is None:
        return None
    return service.AwardQuery(year=award.year, rank=award.rank, competition=award.competition)


@strawberry.field(
    description="Innovations of Jawa Timur ordered by code, public. Filter by region (with everything under it), "
    "agency, category, stage, year started, award (rank, competition, year) or implementing plugin."
)
async def innovations(
    info: Info,
    filter: inputs.InnovationFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Innovation]:
    given = filter or inputs.InnovationFilter()
    query = service.InnovationQuery(
        region_code=given.region_code,
        agency_code=given.agency_code,
        category=given.category,
        stage=given.stage.stage if given.stage is not None else None,
        year_started=given.year_started,
        plugin=given.plugin,
        implemented=given.implemented,
        search=given.search,
        award=_award_query(given.award),
    )
    async with info.context.db() as session:
        statement = await service.innovations_query(session, query)
    return await paginate(
        info,
        statement,
        [InnovationRow.code],
        key_of=lambda row: (row.code,),
        convert=Innovation.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(description="One innovation by its code (e.g. `klinik-bumdes`); null if there is none.")
async def innovation(
    info: Info, code: Annotated[str, strawberry.argument(description="The innovation's code, e.g. `gayatri`.")]
) -> Innovation | None:
    async with info.context.db() as session:
        (row,) = await service.innovations_by_code(session, [code.strip()])
    return Innovation.from_row(row) if row else None


@strawberry.field(
    description="Awards, newest year first, then by rank (`TOP 15` before `TOP 45`) and innovation: "
    "e.g. every `TOP 45` of 2020."
)
async def innovation_awards(
    info: Info,
    filter: inputs.InnovationAwardFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[InnovationAward]:
    given = filter or inputs.InnovationAwardFilter()
    async with info.context.db() as session:
        statement = await service.awards_query(
            session,
            service.AwardQuery(year=given.year, rank=given.rank, competition=given.competition),
            region_code=given.region_code,
            agency_code=given.agency_code,
        )
    # Keyset order on (-year, rank number, id): the year is negated so one direction serves all three.
    return await paginate(
        info,
        statement,
        [-col(Award.year), col(Award.rank_number), col(Award.id)],
        key_of=lambda row: (-row.year, row.rank_number, row.id),
        convert=InnovationAward.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


# -- mutations --------------------------------------------------------------------------------

MANAGE: list[FieldExtension] = [allow(HasPermission(service.MANAGE))]


@strawberry.mutation(
    description="Add an innovation to the registry: the province admin for any agency, a holder of "
    "`inovasi.manage` for their own.",
    extensions=MANAGE,
)
async def create_innovation(info: Info, input: inputs.CreateInnovationInput) -> inputs.CreateInnovationPayload:
    data = service.InnovationData(
        code=input.code,
        name=input.name,
        agency_code=input.agency_code,
        region_code=input.region_code,
        category=input.category,
        description=input.description,
        acronym_meaning=input.acronym_meaning,
        year_started=input.year_started,
        stage=input.stage.stage if input.stage is not None else None,
    )
    async with info.context.db() as session:
        row = await service.create_innovation(session, info.context.principal, data, input.idempotency_key)
    return inputs.CreateInnovationPayload(innovation=Innovation.from_row(row))


@strawberry.mutation(
    description="Change an innovation. One a plugin implements is kept up to date from the plugin and refuses "
    "changes (`INOVASI_MANAGED_BY_PLUGIN`).",
    extensions=MANAGE,
)
async def update_innovation(info: Info, input: inputs.UpdateInnovationInput) -> inputs.UpdateInnovationPayload:
    changes = service.InnovationChanges(
        name=input.name,
        acronym_meaning=input.acronym_meaning,
        agency_code=input.agency_code,
        region_code=input.region_code,
        year_started=input.year_started,
        category=input.category,
        stage=input.stage.stage if input.stage is not None else None,
        description=input.description,
    )
    async with info.context.db() as session:
        row = await service.update_innovation(session, info.context.principal, input.code, changes)
    return inputs.UpdateInnovationPayload(innovation=Innovation.from_row(row))


@strawberry.mutation(description="Record an award an innovation won.", extensions=MANAGE)
async def add_innovation_award(info: Info, input: inputs.AddInnovationAwardInput) -> inputs.AddInnovationAwardPayload:
    data = service.AwardData(
        competition=input.competition,
        rank=input.rank,
        year=input.year,
        issuer=input.issuer,
        category=input.category,
        awarded_on=input.awarded_on,
    )
    async with info.context.db() as session:
        award, row = await service.add_award(
            session, info.context.principal, input.innovation_code, data, input.idempotency_key
        )
    return inputs.AddInnovationAwardPayload(award=InnovationAward.from_row(award), innovation=Innovation.from_row(row))


@strawberry.mutation(
    description="Correct an award. Awards a plugin lists for its innovation refuse changes "
    "(`INOVASI_MANAGED_BY_PLUGIN`).",
    extensions=MANAGE,
)
async def update_innovation_award(
    info: Info, input: inputs.UpdateInnovationAwardInput
) -> inputs.UpdateInnovationAwardPayload:
    award_id = decode_int_id(str(input.award_id), "InnovationAward", "input.awardId")
    changes = service.AwardChanges(
        competition=input.competition,
        rank=input.rank,
        year=input.year,
        issuer=input.issuer,
        category=input.category,
        awarded_on=input.awarded_on,
    )
    async with info.context.db() as session:
        award, row = await service.update_award(session, info.context.principal, award_id, changes)
    return inputs.UpdateInnovationAwardPayload(
        award=InnovationAward.from_row(award), innovation=Innovation.from_row(row)
    )


# -- node(id:) --------------------------------------------------------------------------------


async def resolve_innovation_nodes(info: Info, keys: Sequence[str]) -> list[Innovation | None]:
    async with info.context.db() as session:
        rows = await service.innovations_by_code(session, keys)
    return [Innovation.from_row(row) if row else None for row in rows]


async def resolve_award_nodes(info: Info, keys: Sequence[str]) -> list[InnovationAward | None]:
    wanted = [int_key(key) for key in keys]
    async with info.context.db() as session:
        rows = await service.awards_by_id(session, [k for k in wanted if k is not None])
    found = {row.id: row for row in rows if row is not None}
    return [InnovationAward.from_row(found[k]) if k is not None and k in found else None for k in wanted]
