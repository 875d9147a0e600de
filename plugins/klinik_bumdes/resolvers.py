"""Root query fields and ``node(id:)`` resolvers: thin, they page the services' queries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import strawberry
from sqlalchemy import select
from sqlmodel import col

from core.errors import CettarError
from plugins.klinik_bumdes import inputs
from plugins.klinik_bumdes.context import access_of, key
from plugins.klinik_bumdes.models import BusinessUnit, ConsultationSession, Enterprise, Expert, Program, Ticket
from plugins.klinik_bumdes.service import coaching, consultations, experts, registry, statistics
from plugins.klinik_bumdes.types import (
    BumDesa,
    BumDesaCoachingProgram,
    BumDesaConsultation,
    BumDesaConsultationSession,
    BumDesaExpert,
    BumDesaStatistics,
    BumDesaUnit,
)
from schema import Connection, Info, IsAuthenticated, allow, int_key, paginate

PageArgs = dict[str, Any]


@strawberry.field(description="The BUM Desa registry, by name. Public; contacts are shown to the clinic's staff only.")
async def bum_desas(
    info: Info,
    filter: inputs.BumDesaFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[BumDesa]:
    chosen = None
    if filter is not None:
        manager = info.context.principal.account_id if filter.managed_by_me else None
        if filter.managed_by_me and manager is None:
            raise CettarError("UNAUTHENTICATED")
        chosen = registry.BumDesaFilter(
            regency_code=filter.regency_code,
            district_code=filter.kecamatan_code,
            desa_code=filter.desa_code,
            grade=filter.grade,
            legal_status=filter.legal_status,
            sector=filter.sector,
            search=filter.search,
            manager_account_id=manager,
        )
    return await paginate(
        info,
        registry.bum_desas_query(chosen),
        [Enterprise.name, Enterprise.id],
        key_of=lambda row: (row.name, row.id),
        convert=BumDesa.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(description="The BUM Desa of a desa, by the desa's Kemendagri code; null when it has none.")
async def bum_desa(
    info: Info, desa_code: Annotated[str, strawberry.argument(description="e.g. `35.07.26.2003`.")]
) -> BumDesa | None:
    async with info.context.db() as session:
        found = await session.execute(select(Enterprise).where(col(Enterprise.desa_code) == desa_code.strip()))
        row = found.scalar_one_or_none()
    return BumDesa.from_row(row) if row else None


@strawberry.field(
    description="The registry in numbers: per grade and per kabupaten/kota, with a year's revenue and PADes "
    "contribution. Public."
)
async def bum_desa_statistics(
    info: Info,
    year: Annotated[
        int | None, strawberry.argument(description="The year of the figures; by default the last full year.")
    ] = None,
    regency_code: Annotated[
        str | None, strawberry.argument(description="Only one kabupaten/kota, e.g. `35.07`.")
    ] = None,
) -> BumDesaStatistics:
    chosen = statistics.check_year(year) if year is not None else statistics.default_year()
    async with info.context.db() as session:
        stats = await statistics.statistics(session, chosen, regency_code)
    return BumDesaStatistics.build(stats)


@strawberry.field(description="The experts of the partner universities, by name. Public; contacts are masked.")
async def bum_desa_experts(
    info: Info,
    filter: inputs.BumDesaExpertFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[BumDesaExpert]:
    chosen = (
        experts.ExpertFilter(
            topic=filter.topic, university=filter.university, active=filter.active, search=filter.search
        )
        if filter
        else None
    )
    return await paginate(
        info,
        experts.experts_query(chosen),
        [Expert.name, Expert.id],
        key_of=lambda row: (row.name, row.id),
        convert=BumDesaExpert.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(
    description="Consultations, newest first: all for the clinic's staff, those assigned to you for an expert, "
    "your own for a BUM Desa manager.",
    extensions=[allow(IsAuthenticated())],
)
async def bum_desa_consultations(
    info: Info,
    filter: inputs.BumDesaConsultationFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[BumDesaConsultation]:
    access = await access_of(info)
    chosen = None
    if filter is not None:
        chosen = consultations.TicketFilter(
            status=filter.status,
            topic=filter.topic,
            enterprise_id=key(filter.bum_desa_id, "BumDesa", "filter.bumDesaId") if filter.bum_desa_id else None,
            expert_id=key(filter.expert_id, "BumDesaExpert", "filter.expertId") if filter.expert_id else None,
            assigned_to_me=filter.assigned_to_me,
        )
    return await paginate(
        info,
        consultations.tickets_query(access, chosen),
        [Ticket.id],
        key_of=lambda row: (row.id,),
        convert=BumDesaConsultation.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(description="Coaching programmes, latest first. Public.")
async def bum_desa_coaching_programs(
    info: Info,
    filter: inputs.BumDesaCoachingProgramFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[BumDesaCoachingProgram]:
    chosen = (
        coaching.ProgramFilter(
            topic=filter.topic,
            target_grade=filter.target_grade,
            upcoming=filter.upcoming,
            open_for_enrollment=filter.open_for_enrollment,
        )
        if filter
        else None
    )
    return await paginate(
        info,
        coaching.programs_query(chosen),
        [Program.starts_on, Program.id],
        key_of=lambda row: (row.starts_on, row.id),
        convert=BumDesaCoachingProgram.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


QUERIES = (
    bum_desas,
    bum_desa,
    bum_desa_statistics,
    bum_desa_experts,
    bum_desa_consultations,
    bum_desa_coaching_programs,
)


# -- node(id:) -------------------------------------------------------------------------------


async def _rows(info: Info, model: Any, keys: Sequence[str]) -> list[Any]:
    ids = [int_key(k) for k in keys]
    async with info.context.db() as session:
        return await registry.by_ids(session, model, ids)


async def resolve_bum_desas(info: Info, keys: Sequence[str]) -> list[BumDesa | None]:
    return [BumDesa.from_row(r) if r else None for r in await _rows(info, Enterprise, keys)]


async def resolve_units(info: Info, keys: Sequence[str]) -> list[BumDesaUnit | None]:
    return [BumDesaUnit.from_row(r) if r else None for r in await _rows(info, BusinessUnit, keys)]


async def resolve_experts(info: Info, keys: Sequence[str]) -> list[BumDesaExpert | None]:
    return [BumDesaExpert.from_row(r) if r else None for r in await _rows(info, Expert, keys)]


async def resolve_programs(info: Info, keys: Sequence[str]) -> list[BumDesaCoachingProgram | None]:
    return [BumDesaCoachingProgram.from_row(r) if r else None for r in await _rows(info, Program, keys)]


async def resolve_consultations(info: Info, keys: Sequence[str]) -> list[BumDesaConsultation | None]:
    """Only those the principal may see; anyone else's look missing."""
    access = await access_of(info)
    return [
        BumDesaConsultation.from_row(r) if r and access.can_see_ticket(r) else None
        for r in await _rows(info, Ticket, keys)
    ]


async def resolve_sessions(info: Info, keys: Sequence[str]) -> list[BumDesaConsultationSession | None]:
    """A session is visible exactly when its consultation is."""
    access = await access_of(info)
    meetings = await _rows(info, ConsultationSession, keys)
    tickets = await _rows(info, Ticket, [str(m.ticket_id) if m else "" for m in meetings])
    return [
        BumDesaConsultationSession.from_row(m) if m and t and access.can_see_ticket(t) else None
        for m, t in zip(meetings, tickets, strict=True)
    ]
