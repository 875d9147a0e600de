"""What the public sees: counts per kecamatan of Kabupaten Gresik, computed in SQL (GROUP BY).

Five statements whatever the amount of data: the kecamatan, developments and
planned units, recorded units, facilities by handover status, problems by kind and
status. No row of a development, a developer or a unit leaves this module.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.regions.models import Region, RegionKind
from plugins.rumahku_sip.errors import invalid
from plugins.rumahku_sip.models import (
    Development,
    Facility,
    HandoverStatus,
    Problem,
    ProblemKind,
    ProblemStatus,
    Unit,
)
from plugins.rumahku_sip.service import GRESIK


@dataclass
class KecamatanStatistics:
    code: str
    name: str
    developments: int = 0
    planned_units: int = 0
    units: int = 0
    facilities: dict[HandoverStatus, int] = field(default_factory=lambda: dict.fromkeys(HandoverStatus, 0))
    problems: dict[tuple[ProblemKind, ProblemStatus], int] = field(default_factory=lambda: defaultdict(int))

    @property
    def open_problems(self) -> int:
        return sum(n for (_kind, status), n in self.problems.items() if status is ProblemStatus.OPEN)


@dataclass
class HousingStatistics:
    kecamatan: list[KecamatanStatistics]

    def total(self, name: str) -> int:
        return sum(int(getattr(k, name)) for k in self.kecamatan)

    def facilities(self) -> dict[HandoverStatus, int]:
        result = dict.fromkeys(HandoverStatus, 0)
        for k in self.kecamatan:
            for status, n in k.facilities.items():
                result[status] += n
        return result

    def problems(self) -> dict[ProblemKind, dict[ProblemStatus, int]]:
        result = {kind: dict.fromkeys(ProblemStatus, 0) for kind in ProblemKind}
        for k in self.kecamatan:
            for (kind, status), n in k.problems.items():
                result[kind][status] += n
        return result


async def housing_statistics(session: AsyncSession, kecamatan_code: str | None = None) -> HousingStatistics:
    """Counts for every kecamatan of Gresik (or for the one given)."""
    regions = select(col(Region.code), col(Region.name)).where(
        col(Region.parent_code) == GRESIK, col(Region.kind) == RegionKind.KECAMATAN
    )
    if kecamatan_code is not None:
        regions = regions.where(col(Region.code) == kecamatan_code.strip())
    by_code = {
        str(code): KecamatanStatistics(str(code), str(name))
        for code, name in await session.execute(regions.order_by(col(Region.code)))
    }
    if kecamatan_code is not None and not by_code:
        raise invalid(
            "kecamatanCode",
            "Bukan kode kecamatan di Kabupaten Gresik (35.25.xx).",
            "Not the code of a kecamatan of Kabupaten Gresik (35.25.xx).",
        )
    where = [col(Development.kecamatan_code).in_(list(by_code))]
    kecamatan = col(Development.kecamatan_code)

    developments = select(
        kecamatan, func.count(col(Development.id)), func.coalesce(func.sum(col(Development.planned_units)), 0)
    )
    for code, count, planned in await session.execute(developments.where(*where).group_by(kecamatan)):
        by_code[str(code)].developments, by_code[str(code)].planned_units = int(count), int(planned)

    units = select(kecamatan, func.count(col(Unit.id))).join(
        Development, col(Development.id) == col(Unit.development_id)
    )
    for code, count in await session.execute(units.where(*where).group_by(kecamatan)):
        by_code[str(code)].units = int(count)

    status = col(Facility.handover_status)
    facilities = select(kecamatan, status, func.count(col(Facility.id))).join(
        Development, col(Development.id) == col(Facility.development_id)
    )
    for code, value, count in await session.execute(facilities.where(*where).group_by(kecamatan, status)):
        by_code[str(code)].facilities[HandoverStatus(value)] = int(count)

    kind, problem_status = col(Problem.kind), col(Problem.status)
    problems = select(kecamatan, kind, problem_status, func.count(col(Problem.id))).join(
        Development, col(Development.id) == col(Problem.development_id)
    )
    for code, kind_value, status_value, count in await session.execute(
        problems.where(*where).group_by(kecamatan, kind, problem_status)
    ):
        by_code[str(code)].problems[(ProblemKind(kind_value), ProblemStatus(status_value))] = int(count)

    return HousingStatistics(list(by_code.values()))
