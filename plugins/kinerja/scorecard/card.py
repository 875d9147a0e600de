"""The scorecard object: each measure computed when asked, once, by a fixed number of SQL aggregates."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar

import strawberry

from core import calendar
from plugins.kinerja.ikm import compute
from plugins.kinerja.period import Period
from plugins.kinerja.scorecard.audit import chain_check
from plugins.kinerja.scorecard.figures import (
    EMPTY,
    NO_APPLICATIONS,
    NO_VERIFICATION,
    ApplicationFigures,
    Group,
    Ikm,
    Query,
    Share,
    VerificationFigures,
)
from plugins.kinerja.scorecard.scope import Scope
from plugins.kinerja.scorecard.types import (
    CettarAkuntabel,
    CettarAuditChain,
    CettarCepat,
    CettarEfektif,
    CettarMonth,
    CettarScope,
    CettarShare,
    CettarTanggap,
    CettarTransparan,
)
from plugins.kinerja.survey.stats import satisfaction
from plugins.kinerja.survey.types import SatisfactionIndex
from schema import Info

T = TypeVar("T")
TOTAL = "all"


async def _query(info: Info, scope: Scope, period: Period, group: Group, run: Callable[[Query], Awaitable[T]]) -> T:
    async with info.context.db() as session:
        query = Query(session, scope, period, group, calendar.today(), info.context.runtime.database.session)
        return await run(query)


async def _fill(query: Query) -> None:
    await query.fill_application_facts()


async def _applications(query: Query) -> dict[Any, ApplicationFigures]:
    return await query.applications()


async def _timelines(query: Query) -> tuple[dict[Any, Share], dict[Any, Share]]:
    return await query.timelines()


def months_of(period: Period) -> list[str]:
    """``YYYY-MM`` of every WIB month the period touches, in order."""
    months, year, month = [], period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@strawberry.type(
    description="The CETTAR scorecard of an agency, a region or the province over a period: Cepat, Efektif/Efisien, "
    "Tanggap, Transparan, Akuntabel, Responsif. Every figure is an SQL aggregate; formulas in each field's "
    "description."
)
class CettarScorecard:
    scope: CettarScope = strawberry.field(description="What the scorecard covers.")
    period_start: date = strawberry.field(description="The first WIB day of the period.")
    period_end: date = strawberry.field(description="The last WIB day of the period (included).")
    _scope: strawberry.Private[Scope]
    _period: strawberry.Private[Period]
    _memo: strawberry.Private[dict[str, asyncio.Future[Any]]]

    @classmethod
    def build(cls, scope: Scope, period: Period) -> CettarScorecard:
        return cls(
            scope=CettarScope(kind=scope.kind, code=scope.code, name=scope.name),
            period_start=period.start,
            period_end=period.end,
            _scope=scope,
            _period=period,
            _memo={},
        )

    async def _once(self, key: str, make: Callable[[], Awaitable[T]]) -> T:
        """Cepat and Efektif share one statement: sibling fields await the same computation."""
        future = self._memo.get(key)
        if future is None:
            future = self._memo[key] = asyncio.ensure_future(make())
        result: T = await future
        return result

    async def _facts(self, info: Info) -> None:
        """The facts of the period's closed applications, filled once per scorecard (Cepat, Efektif, Transparan)."""
        await self._once("facts", lambda: _query(info, self._scope, self._period, "total", _fill))

    async def _applications(self, info: Info) -> ApplicationFigures:
        await self._facts(info)
        found = await self._once(
            "applications", lambda: _query(info, self._scope, self._period, "total", _applications)
        )
        return found.get(TOTAL, NO_APPLICATIONS)

    @strawberry.field(description="Cepat: applications completed within their time limit; median working days.")
    async def cepat(self, info: Info) -> CettarCepat:
        return CettarCepat.of(await self._applications(info))

    @strawberry.field(description="Efektif/Efisien: applications completed without a counter visit; visits avoided.")
    async def efektif(self, info: Info) -> CettarEfektif:
        return CettarEfektif.of(await self._applications(info))

    @strawberry.field(
        description="Tanggap: complaints verified within 3 and followed up within 5 working days; median hours to "
        "the first response."
    )
    async def tanggap(self, info: Info) -> CettarTanggap:
        verification: dict[Any, VerificationFigures] = await _query(
            info, self._scope, self._period, "total", lambda q: q.verification()
        )
        follow_up: dict[Any, Share] = await _query(info, self._scope, self._period, "total", lambda q: q.follow_up())
        return CettarTanggap.of(verification.get(TOTAL, NO_VERIFICATION), follow_up.get(TOTAL, EMPTY))

    @strawberry.field(description="Transparan: applications and complaints whose public timeline is complete.")
    async def transparan(self, info: Info) -> CettarTransparan:
        await self._facts(info)
        applications, complaints = await _query(info, self._scope, self._period, "total", _timelines)
        return CettarTransparan.of(applications.get(TOTAL, EMPTY), complaints.get(TOTAL, EMPTY))

    @strawberry.field(description="Akuntabel: status changes with a recorded actor and reason; the audit chain.")
    async def akuntabel(self, info: Info) -> CettarAkuntabel:
        transitions: dict[Any, Share] = await _query(
            info, self._scope, self._period, "total", lambda q: q.transitions()
        )
        async with info.context.db() as session:
            check = await chain_check(info.context.runtime, session)
        return CettarAkuntabel(
            transitions=CettarShare.of(transitions.get(TOTAL, EMPTY)),
            audit_chain=CettarAuditChain(
                verified=check.verified, checked_records=check.checked, checked_at=check.checked_at
            ),
        )

    @strawberry.field(
        description="Responsif: the IKM (PermenPANRB 14/2017) of the surveys answered in the period about the "
        "scope's agencies — `survey.stats.satisfaction`."
    )
    async def responsif(self, info: Info) -> SatisfactionIndex:
        async with info.context.db() as session:
            result = await satisfaction(
                session, self._period, agency_ids=self._scope.agency_ids(), region_code=self._scope.region_code
            )
        return SatisfactionIndex.from_result(result)

    @strawberry.field(
        description="The same measures for each WIB month the period touches, in order (months without data "
        "included). A row counts in the month of the moment that puts it in the period: completion or closing, "
        "filing, disposition, status change, answer."
    )
    async def months(self, info: Info) -> list[CettarMonth]:
        async def run(query: Query) -> list[CettarMonth]:
            await query.fill_application_facts()
            applications = await _applications(query)
            verification = await query.verification()
            follow_up = await query.follow_up()
            timeline_apps, timeline_complaints = await query.timelines()
            transitions = await query.transitions()
            surveys = await query.surveys()
            rows = []
            for month in months_of(self._period):
                apps = applications.get(month, NO_APPLICATIONS)
                ikm = surveys.get(month, Ikm(0, (0,) * 9))
                rows.append(
                    CettarMonth(
                        month=month,
                        cepat=CettarCepat.of(apps),
                        efektif=CettarEfektif.of(apps),
                        tanggap=CettarTanggap.of(verification.get(month, NO_VERIFICATION), follow_up.get(month, EMPTY)),
                        transparan=CettarTransparan.of(
                            timeline_apps.get(month, EMPTY), timeline_complaints.get(month, EMPTY)
                        ),
                        akuntabel=CettarAkuntabel(
                            transitions=CettarShare.of(transitions.get(month, EMPTY)), audit_chain=None
                        ),
                        responsif=SatisfactionIndex.from_result(compute(ikm.respondents, list(ikm.sums))),
                    )
                )
            return rows

        return await _query(info, self._scope, self._period, "month", run)
