"""Agencies of a region ranked by one CETTAR measure: one statement for the agencies, one to three for the figures.

The figures are the scorecard's own statements grouped by agency (never one query per agency);
ordering the region's agencies (tens, at most a few hundred) by those aggregates happens here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import strawberry
from sqlalchemy import select
from sqlmodel import col

from core import calendar
from core.errors import CettarError
from core.pagination import decode_cursor, encode_cursor
from core.regions.models import Agency
from plugins.kinerja.ikm import compute, exact_index
from plugins.kinerja.period import Period
from plugins.kinerja.scorecard.figures import EMPTY, Ikm, Query, Share
from plugins.kinerja.scorecard.scope import CettarScopeKind, Scope, in_region, resolve_scope
from plugins.kinerja.scorecard.types import CettarAgency, CettarMeasure, CettarRankedAgency
from schema import Connection, Edge, Info, PageInfo, encode_global_id


@dataclass(frozen=True)
class Score:
    exact: Fraction | None  # what orders the agencies
    value: float | None  # what is shown
    numerator: int | None
    denominator: int


def _share(share: Share) -> Score:
    exact = None if share.denominator == 0 else Fraction(share.numerator, share.denominator)
    return Score(exact, share.ratio, share.numerator, share.denominator)


async def _scores(query: Query, measure: CettarMeasure) -> dict[int, Score]:
    if measure in (CettarMeasure.CEPAT, CettarMeasure.EFEKTIF):
        await query.fill_application_facts()
        figures = await query.applications()
        if measure is CettarMeasure.CEPAT:
            return {k: _share(Share(f.on_time, f.completed)) for k, f in figures.items()}
        return {k: _share(Share(f.delivered, f.completed)) for k, f in figures.items()}
    if measure is CettarMeasure.TANGGAP:
        verification = await query.verification()
        follow_up = await query.follow_up()
        keys = set(verification) | set(follow_up)
        return {
            k: _share((verification[k].verified if k in verification else EMPTY) + follow_up.get(k, EMPTY))
            for k in keys
        }
    if measure is CettarMeasure.TRANSPARAN:
        await query.fill_application_facts()
        applications, complaints = await query.timelines()
        return {
            k: _share(applications.get(k, EMPTY) + complaints.get(k, EMPTY))
            for k in set(applications) | set(complaints)
        }
    if measure is CettarMeasure.AKUNTABEL:
        return {k: _share(v) for k, v in (await query.transitions()).items()}
    surveys: dict[int, Ikm] = await query.surveys()
    return {
        k: Score(
            exact_index(v.respondents, list(v.sums)),
            float(compute(v.respondents, list(v.sums)).index or 0),
            None,
            v.respondents,
        )
        for k, v in surveys.items()
        if v.respondents > 0
    }


async def agency_ranking(
    info: Info,
    period: Period,
    measure: CettarMeasure,
    region_code: str | None,
    first: int | None,
    after: str | None,
) -> Connection[CettarRankedAgency]:
    settings = info.context.runtime.settings
    size = min(settings.default_page_size, settings.max_page_size) if first is None else first
    if size < 0:
        raise CettarError(
            "VALIDATION_FAILED",
            field="first",
            message_id="first tidak boleh negatif.",
            message_en="first must not be negative.",
        )
    if size > settings.max_page_size:
        raise CettarError("PAGE_SIZE_EXCEEDED", field="first", max=settings.max_page_size)
    start = 0
    if after is not None:
        key = decode_cursor(after, 1, "after")[0]
        if isinstance(key, bool) or not isinstance(key, int) or key < 0:
            raise CettarError("INVALID_CURSOR", field="after")
        start = key
    async with info.context.db() as session:
        scope: Scope = await resolve_scope(session, None, region_code)
        agencies_stmt = select(col(Agency.id), col(Agency.code), col(Agency.name), col(Agency.region_code))
        if scope.kind is CettarScopeKind.REGION:
            assert scope.region_code is not None
            agencies_stmt = agencies_stmt.where(in_region(col(Agency.region_code), scope.region_code))
        agencies = [
            (int(row[0] or 0), str(row[1]), str(row[2]), str(row[3]))
            for row in await session.execute(agencies_stmt.order_by(col(Agency.code)))
        ]
        query = Query(session, scope, period, "agency", calendar.today(), info.context.runtime.database.session)
        scores = await _scores(query, measure)

    def order(row: tuple[int, str, str, str]) -> tuple[bool, Fraction, str]:
        score = scores.get(row[0])
        exact = None if score is None else score.exact
        return (exact is None, -(exact or Fraction(0)), row[1])

    ordered = sorted(agencies, key=order)
    nodes: list[CettarRankedAgency] = []
    rank, previous = 0, None
    for position, row in enumerate(ordered, start=1):
        score = scores.get(row[0])
        exact = None if score is None else score.exact
        if exact is not None and exact != previous:
            rank, previous = position, exact
        nodes.append(
            CettarRankedAgency(
                position=position,
                rank=rank if exact is not None else None,
                agency=CettarAgency(
                    agency_id=strawberry.ID(encode_global_id("Agency", row[1])),
                    code=row[1],
                    name=row[2],
                    region_code=row[3],
                ),
                value=None if score is None else score.value,
                numerator=None if score is None else score.numerator,
                denominator=0 if score is None else score.denominator,
            )
        )
    page = nodes[start : start + size]
    total = len(nodes)

    async def count() -> int:
        return total

    return Connection(
        edges=[Edge(cursor=encode_cursor([node.position]), node=node) for node in page],
        page_info=PageInfo(
            has_next_page=start + size < total,
            has_previous_page=start > 0,
            start_cursor=encode_cursor([page[0].position]) if page else None,
            end_cursor=encode_cursor([page[-1].position]) if page else None,
        ),
        _count=count,
    )
