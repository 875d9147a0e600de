"""Root fields of the scorecard: ``cettarScorecard`` and ``cettarAgencyRanking`` (public aggregates)."""

from __future__ import annotations

import strawberry

from plugins.kinerja.period import PeriodInput, check_period
from plugins.kinerja.scorecard.card import CettarScorecard
from plugins.kinerja.scorecard.ranking import agency_ranking
from plugins.kinerja.scorecard.scope import resolve_scope
from plugins.kinerja.scorecard.types import CettarMeasure, CettarRankedAgency
from schema import Connection, Info


@strawberry.field(
    description="The CETTAR scorecard over a period of WIB days: of the agency `agencyCode`, of the region "
    "`regionCode` (a kabupaten/kota such as `35.78`, rolled up from the agencies located in it and under it), or — "
    "with neither — of the province of Jawa Timur. Public: every figure is an aggregate. Unknown agency or region, a "
    "region outside Jawa Timur, both arguments at once, or a bad period: a typed error naming the argument."
)
async def cettar_scorecard(
    info: Info,
    period: PeriodInput,
    agency_code: str | None = None,
    region_code: str | None = None,
) -> CettarScorecard:
    checked = check_period(period)
    async with info.context.db() as session:
        scope = await resolve_scope(session, agency_code, region_code)
    return CettarScorecard.build(scope, checked)


@strawberry.field(
    description="The agencies located in the region `regionCode` (a kabupaten/kota such as `35.78`; without it, every "
    "agency of the province) ranked by one CETTAR measure over a period, highest first; agencies with nothing to "
    "measure come last, by code. Public. Paged with `first`/`after`."
)
async def cettar_agency_ranking(
    info: Info,
    period: PeriodInput,
    measure: CettarMeasure,
    region_code: str | None = None,
    first: int | None = None,
    after: str | None = None,
) -> Connection[CettarRankedAgency]:
    return await agency_ranking(info, check_period(period), measure, region_code, first, after)
