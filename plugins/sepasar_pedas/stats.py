"""Statistics per market, for a whole page of markets at once (three GROUP BY queries, never one per market)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from plugins.sepasar_pedas.models import Attendance, Certificate, Enrolment, Trader


@dataclass(frozen=True)
class MarketStats:
    traders: int = 0
    enrolments: int = 0
    present: int = 0
    absent: int = 0
    certificates: int = 0

    @property
    def attendance_rate(self) -> float | None:
        """Present / (present + absent) over the attendance recorded so far; None before any."""
        recorded = self.present + self.absent
        return None if recorded == 0 else round(self.present / recorded, 4)


async def market_stats(session: AsyncSession, market_ids: Sequence[int]) -> list[MarketStats]:
    """One :class:`MarketStats` per market id, in order. Counts active traders, every enrolment
    of the market's traders, and their certificates that are not revoked."""
    ids = list(set(market_ids))
    traders: dict[int, int] = {
        int(market_id): int(count)
        for market_id, count in (
            await session.execute(
                select(col(Trader.market_id), func.count())
                .where(col(Trader.market_id).in_(ids), col(Trader.active).is_(True))
                .group_by(col(Trader.market_id))
            )
        ).all()
    }
    enrolment_rows = (
        await session.execute(
            select(
                col(Trader.market_id),
                func.count(),
                func.sum(case((col(Enrolment.attendance) == Attendance.PRESENT.value, 1), else_=0)),
                func.sum(case((col(Enrolment.attendance) == Attendance.ABSENT.value, 1), else_=0)),
            )
            .select_from(Enrolment)
            .join(Trader, col(Trader.id) == col(Enrolment.trader_id))
            .where(col(Trader.market_id).in_(ids))
            .group_by(col(Trader.market_id))
        )
    ).all()
    enrolments = {int(m): (int(n), int(p or 0), int(a or 0)) for m, n, p, a in enrolment_rows}
    certificates: dict[int, int] = {
        int(market_id): int(count)
        for market_id, count in (
            await session.execute(
                select(col(Trader.market_id), func.count())
                .select_from(Certificate)
                .join(Enrolment, col(Enrolment.id) == col(Certificate.enrolment_id))
                .join(Trader, col(Trader.id) == col(Enrolment.trader_id))
                .where(col(Trader.market_id).in_(ids), col(Certificate.revoked_at).is_(None))
                .group_by(col(Trader.market_id))
            )
        ).all()
    }
    result = []
    for market_id in market_ids:
        count, present, absent = enrolments.get(market_id, (0, 0, 0))
        result.append(
            MarketStats(
                traders=int(traders.get(market_id, 0)),
                enrolments=count,
                present=present,
                absent=absent,
                certificates=int(certificates.get(market_id, 0)),
            )
        )
    return result
