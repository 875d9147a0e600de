"""Registry statistics per kabupaten/kota and per grade, counted and summed by the database (GROUP BY)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from core.calendar import local_date
from core.regions.models import Region
from plugins.klinik_bumdes.models import Enterprise, Grade, LegalStatus, Revenue
from plugins.klinik_bumdes.service import common
from plugins.klinik_bumdes.service.registry import EARLIEST_YEAR


@dataclass(frozen=True)
class RegencyRow:
    regency_code: str
    regency_name: str
    total: int
    pemula: int
    berkembang: int
    maju: int
    legal_entities: int
    reporting: int
    revenue: int
    pades_contribution: int


@dataclass(frozen=True)
class GradeRow:
    grade: Grade
    total: int
    reporting: int
    revenue: int
    pades_contribution: int


@dataclass(frozen=True)
class Statistics:
    year: int
    total: int
    by_grade: list[GradeRow]
    by_regency: list[RegencyRow]


def default_year() -> int:
    """The last full year: figures of the current year are still coming in."""
    return local_date(common.now()).year - 1


def check_year(value: int) -> int:
    return common.year(value, "year", earliest=EARLIEST_YEAR, latest=local_date(common.now()).year)


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


async def statistics(session: AsyncSession, year: int, regency_code: str | None = None) -> Statistics:
    """Counts per grade and legal status and the year's revenue and PADes contribution, per kabupaten/kota
    and per grade: two GROUP BY queries."""
    revenue = aliased(Revenue)
    joined = and_(col(revenue.enterprise_id) == col(Enterprise.id), col(revenue.year) == year)
    reported = func.count(col(revenue.id))
    revenue_sum = func.coalesce(func.sum(col(revenue.revenue)), 0)
    pades_sum = func.coalesce(func.sum(col(revenue.pades_contribution)), 0)
    by_regency_stmt = (
        select(
            col(Enterprise.regency_code),
            col(Region.name),
            func.count(col(Enterprise.id)),
            _count_if(col(Enterprise.grade) == Grade.PEMULA),
            _count_if(col(Enterprise.grade) == Grade.BERKEMBANG),
            _count_if(col(Enterprise.grade) == Grade.MAJU),
            _count_if(col(Enterprise.legal_status) == LegalStatus.LEGAL_ENTITY),
            reported,
            revenue_sum,
            pades_sum,
        )
        .join(Region, col(Region.code) == col(Enterprise.regency_code))
        .outerjoin(revenue, joined)
        .group_by(col(Enterprise.regency_code), col(Region.name))
        .order_by(col(Enterprise.regency_code))
    )
    by_grade_stmt = (
        select(col(Enterprise.grade), func.count(col(Enterprise.id)), reported, revenue_sum, pades_sum)
        .outerjoin(revenue, joined)
        .group_by(col(Enterprise.grade))
    )
    if regency_code:
        by_regency_stmt = by_regency_stmt.where(col(Enterprise.regency_code) == regency_code.strip())
        by_grade_stmt = by_grade_stmt.where(col(Enterprise.regency_code) == regency_code.strip())
    regencies = [
        RegencyRow(str(code), str(name), *(int(v or 0) for v in values))
        for code, name, *values in (await session.execute(by_regency_stmt)).all()
    ]
    grades = {
        Grade(grade): [int(v or 0) for v in values] for grade, *values in (await session.execute(by_grade_stmt)).all()
    }
    by_grade = [GradeRow(g, *grades.get(g, [0, 0, 0, 0])) for g in Grade]
    return Statistics(year=year, total=sum(g.total for g in by_grade), by_grade=by_grade, by_regency=regencies)
