"""The satisfaction index of any scope — agencies, a region, a service, an officer — over a period.

``satisfaction`` is the one function the other kinerja areas (scorecard, officers) call: ONE SQL
statement (``COUNT(*)`` and ``SUM(u1)`` … ``SUM(u9)`` over the answers of the period, filtered),
then the pure :func:`plugins.kinerja.ikm.compute` on those ten numbers. No row is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.regions.models import Agency
from plugins.kinerja.ikm import IkmResult, compute
from plugins.kinerja.models import SCORE_COLUMNS, SurveyResponse
from plugins.kinerja.period import Period


def agencies_in_region(region_code: str) -> Any:
    """The ids of the agencies whose region is ``region_code`` or lies under it (a subquery).

    ``"35"`` is the province (every agency of Jawa Timur), ``"35.78"`` Kota Surabaya.
    """
    return select(col(Agency.id)).where(
        or_(
            col(Agency.region_code) == region_code,
            col(Agency.region_code).startswith(f"{region_code}.", autoescape=True),
        )
    )


def satisfaction_statement(
    period: Period,
    *,
    agency_ids: Sequence[int] | None = None,
    region_code: str | None = None,
    service_code: str | None = None,
    officer_id: int | None = None,
) -> Any:
    """The statement behind :func:`satisfaction` (one row: count, then the nine sums)."""
    table = SurveyResponse.__table__  # type: ignore[attr-defined]
    columns = [func.count().label("respondents")]
    columns += [func.coalesce(func.sum(table.c[name]), 0).label(name) for name in SCORE_COLUMNS]
    stmt = select(*columns).select_from(table)
    stmt = stmt.where(table.c.answered_at >= period.since, table.c.answered_at < period.until)
    if agency_ids is not None:
        stmt = stmt.where(table.c.agency_id.in_(list(agency_ids)))
    if region_code is not None:
        stmt = stmt.where(table.c.agency_id.in_(agencies_in_region(region_code)))
    if service_code is not None:
        stmt = stmt.where(table.c.service_code == service_code)
    if officer_id is not None:
        stmt = stmt.where(table.c.officer_id == officer_id)
    return stmt


async def satisfaction(
    session: AsyncSession,
    period: Period,
    *,
    agency_ids: Sequence[int] | None = None,
    region_code: str | None = None,
    service_code: str | None = None,
    officer_id: int | None = None,
) -> IkmResult:
    """Respondents, NRR per element, IKM, index and grade of the answers given in ``period`` (WIB days).

    Filters combine (AND): ``agency_ids`` (the serving agencies; an empty list matches nothing),
    ``region_code`` (a kab/kota such as ``"35.78"``, or the province ``"35"``: the agencies whose
    region starts with it), ``service_code`` (applications of that service), ``officer_id`` (the
    officer credited with the case).
    """
    row = (
        await session.execute(
            satisfaction_statement(
                period,
                agency_ids=agency_ids,
                region_code=region_code,
                service_code=service_code,
                officer_id=officer_id,
            )
        )
    ).one()
    respondents = int(row[0])
    return compute(respondents, [int(value) for value in row[1:]])
