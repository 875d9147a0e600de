"""Public figures: counts per kelurahan, computed in SQL (GROUP BY), never a child's or a case's data.

A fixed handful of statements answers for every kelurahan of Kota Mojokerto at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.regions.models import Region, RegionKind
from plugins.gayatri import domain
from plugins.gayatri.children import latest_measurements
from plugins.gayatri.domain import CaseStatus, CaseType, HeightForAge
from plugins.gayatri.models import Cadre, Case, Child


@dataclass
class KelurahanStats:
    code: str
    name: str
    kecamatan_code: str
    kecamatan_name: str
    active_cadres: int = 0
    children: int = 0
    measured_children: int = 0
    stunted: int = 0  # stunted or severely stunted at the latest measurement
    severely_stunted: int = 0
    cases_by_type: dict[CaseType, int] = field(default_factory=dict)

    @property
    def stunting_percent(self) -> float | None:
        """Share of measured children whose latest measurement is stunted, in percent (one decimal)."""
        return None if not self.measured_children else round(100 * self.stunted / self.measured_children, 1)


@dataclass(frozen=True)
class CaseCount:
    case_type: CaseType
    total: int
    open: int
    resolved: int


def _under(column: str, code: str | None) -> ColumnElement[bool]:
    prefix = f"{code}." if code else domain.KELURAHAN_PREFIX
    return col(column).startswith(prefix, autoescape=True)


async def kelurahan_stats(session: AsyncSession, kecamatan_code: str | None = None) -> list[KelurahanStats]:
    """One row per kelurahan of Kota Mojokerto (or of one of its kecamatan), in code order."""
    kecamatan_rows = await session.execute(
        select(col(Region.code), col(Region.name)).where(
            col(Region.kind) == RegionKind.KECAMATAN, _under(Region.code, domain.REGION_CODE)
        )
    )
    kecamatan = {str(code): str(name) for code, name in kecamatan_rows}
    regions = await session.execute(
        select(col(Region.code), col(Region.name), col(Region.parent_code))
        .where(col(Region.kind) == RegionKind.KELURAHAN, _under(Region.code, kecamatan_code))
        .order_by(col(Region.code))
    )
    stats = {
        str(code): KelurahanStats(str(code), str(name), str(parent), kecamatan.get(str(parent), ""))
        for code, name, parent in regions
    }
    if not stats:
        return []
    codes = list(stats)

    cadres = await session.execute(
        select(col(Cadre.kelurahan_code), func.count())
        .where(col(Cadre.active).is_(True), col(Cadre.kelurahan_code).in_(codes))
        .group_by(col(Cadre.kelurahan_code))
    )
    for code, count in cadres:
        stats[str(code)].active_cadres = int(count)

    latest = latest_measurements()
    stunting = [c.value for c in domain.STUNTING]
    children = await session.execute(
        select(
            col(Child.kelurahan_code),
            func.count(col(Child.id)),
            func.count(latest.c.child_id),
            func.sum(case((latest.c.category.in_(stunting), 1), else_=0)),
            func.sum(case((latest.c.category == HeightForAge.SEVERELY_STUNTED.value, 1), else_=0)),
        )
        .select_from(Child)
        .outerjoin(latest, latest.c.child_id == col(Child.id))
        .where(col(Child.kelurahan_code).in_(codes))
        .group_by(col(Child.kelurahan_code))
    )
    for code, total, measured, stunted, severe in children:
        row = stats[str(code)]
        row.children, row.measured_children = int(total), int(measured)
        row.stunted, row.severely_stunted = int(stunted or 0), int(severe or 0)

    cases = await session.execute(
        select(col(Case.kelurahan_code), col(Case.case_type), func.count())
        .where(col(Case.kelurahan_code).in_(codes))
        .group_by(col(Case.kelurahan_code), col(Case.case_type))
    )
    for code, case_type, count in cases:
        stats[str(code)].cases_by_type[CaseType(case_type)] = int(count)
    return list(stats.values())


async def case_counts(session: AsyncSession, kelurahan_code: str | None = None) -> list[CaseCount]:
    """Cases by type in Kota Mojokerto (or one kelurahan): all, still open, resolved; every type listed."""
    statement = select(col(Case.case_type), col(Case.status), func.count()).group_by(
        col(Case.case_type), col(Case.status)
    )
    if kelurahan_code is not None:
        statement = statement.where(col(Case.kelurahan_code) == kelurahan_code)
    totals: dict[CaseType, dict[CaseStatus, int]] = defaultdict(dict)
    for case_type, status, count in await session.execute(statement):
        totals[CaseType(case_type)][CaseStatus(status)] = int(count)
    result = []
    for case_type in CaseType:
        by_status = totals.get(case_type, {})
        resolved = by_status.get(CaseStatus.RESOLVED, 0)
        total = sum(by_status.values())
        result.append(CaseCount(case_type, total, total - resolved, resolved))
    return result
