"""The scheduled job that fills the scorecard's facts ahead of the requests.

A scorecard request fills the facts of the applications closed in its period that have none yet
(:meth:`~plugins.kinerja.scorecard.figures.Query.fill_application_facts`); at a million applications the
first request of a period pays seconds for it. Run by ``cettar jobs run`` (cron, every few minutes), this job
fills them for the whole province over the longest period a request may ask (five years up to today), so the
requests find them ready. Safe to run twice and from two workers at once: the fill skips facts that exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from core.calendar import local_date
from core.jobs import Job
from plugins.kinerja.models import ApplicationFact
from plugins.kinerja.period import MAX_PERIOD_DAYS, Period
from plugins.kinerja.scorecard.figures import Query
from plugins.kinerja.scorecard.scope import PROVINCE, CettarScopeKind, Scope

if TYPE_CHECKING:
    from core.runtime import Runtime


async def _facts(runtime: Runtime) -> int:
    async with runtime.database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(ApplicationFact)) or 0)


async def run(runtime: Runtime, now: datetime) -> int:
    """Fill the facts of every application closed in the five years up to ``now``; returns how many were added."""
    today = local_date(now)
    period = Period(today - timedelta(days=MAX_PERIOD_DAYS - 1), today)
    before = await _facts(runtime)
    async with runtime.database.session() as session:
        province = Scope(CettarScopeKind.PROVINCE, PROVINCE, "Jawa Timur")
        await Query(session, province, period, "total", today, runtime.database.session).fill_application_facts()
    return await _facts(runtime) - before


JOB = Job(
    name="kinerja.fill_scorecard_facts",
    description="Compute the CETTAR facts of the applications closed in the last five years that have none yet, "
    "so that scorecard requests find them ready.",
    run=run,
)
