"""An officer's figures (kinerja ASN) as ONE SQL aggregate for any number of officers.

:func:`officer_figures` runs one statement, grouped by officer, for the officers of a page (or
one officer): the applications and complaints they handled in a period, how many were done
within their deadline, the median working days, and the sums of the satisfaction survey
answers credited to them. No row is loaded into Python. The definitions are in
``docs/plugins/kinerja-officers.md`` and in the GraphQL descriptions of :mod:`.types`; this module is
the only place they are written as SQL. The SQL pieces that differ between SQLite and
PostgreSQL, and the working-day calendar, are the scorecard's (:mod:`plugins.kinerja.scorecard.dialect`),
so an officer's figures and their agency's scorecard count the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from core.db import UTCDateTime
from plugins.kinerja.ikm import IkmResult, compute
from plugins.kinerja.models import SCORE_COLUMNS
from plugins.kinerja.period import Period
from plugins.kinerja.scorecard.dialect import Dialect

#: Applications completed: the product reached the citizen (as the scorecard's Cepat counts them).
COMPLETED = ("picked_up", "delivered")
#: A complaint unit's verification decision: due within 3 working days of filing (SP4N-LAPOR!).
DECISIONS = ("verified", "held", "not_our_authority", "archived")
#: The follow-up: due within 5 working days of the disposition (or forwarding, or reopening) before it.
FOLLOW_UP = "followed_up"
#: What starts the follow-up clock.
DISPOSITIONS = ("verified", "forwarded", "reopened")
#: Steps that are not handling (escalation, community moderation).
NOT_HANDLING = ("escalated", "hidden", "restored", "removed")
VERIFY_DAYS = 3
FOLLOW_UP_DAYS = 5
#: How far before the period the working-day calendar reaches: an older start counts from there
#: (a case started more than a year before the period is late anyway; its working days are undercounted).
LOOKBACK = timedelta(days=366)


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _share(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


@dataclass(frozen=True)
class OfficerFigures:
    """What one officer did in a period (see ``docs/plugins/kinerja-officers.md``)."""

    applications_handled: int = 0
    applications_completed: int = 0
    applications_on_time: int = 0
    application_median_working_days: float | None = None
    complaints_handled: int = 0
    complaint_responses: int = 0
    complaint_responses_on_time: int = 0
    complaint_median_working_days: float | None = None
    respondents: int = 0
    score_sums: tuple[int, ...] = (0,) * len(SCORE_COLUMNS)

    @property
    def applications_on_time_share(self) -> float | None:
        return _share(self.applications_on_time, self.applications_completed)

    @property
    def complaint_responses_on_time_share(self) -> float | None:
        return _share(self.complaint_responses_on_time, self.complaint_responses)

    @property
    def on_time_share(self) -> float | None:
        return _share(
            self.applications_on_time + self.complaint_responses_on_time,
            self.applications_completed + self.complaint_responses,
        )

    @property
    def satisfaction(self) -> IkmResult:
        return compute(self.respondents, self.score_sums)


NOTHING = OfficerFigures()


def statement(dialect: Dialect) -> str:
    """The SQL of :func:`officer_figures` (parameters ``ids``, ``since``, ``until`` and the calendar's)."""
    d = dialect
    window = "{column} >= :since AND {column} < :until"
    completed = f"x.status IN {_in(COMPLETED)} AND {window.format(column='x.closed_at')}"
    fields = "x.id AS id, x.status AS status, x.closed_at AS closed_at, x.due_date AS due_date, x.submitted_at AS submitted_at"
    handled_applications = (  # each branch carries the columns it needs: no join back to the whole table
        f"ha AS (SELECT x.assigned_officer_id AS grp, {fields} FROM layanan_application x"
        f" WHERE x.assigned_officer_id IN :ids AND {window.format(column='x.closed_at')}"
        f" UNION SELECT t.actor_id AS grp, {fields} FROM layanan_timeline t"
        " JOIN layanan_application x ON x.id = t.application_id"
        f" WHERE t.actor_id IN :ids AND t.kind = 'status_changed' AND {window.format(column='t.at')})"
    )
    completed = completed.replace("x.", "ha.")
    applications = (
        "ax AS (SELECT ha.grp AS grp,"
        f" CASE WHEN {completed} THEN 1 ELSE 0 END AS completed,"
        f" CASE WHEN {completed} AND {d.wib_date('ha.closed_at')} <= ha.due_date THEN 1 ELSE 0 END AS on_time,"
        f" CASE WHEN {completed} THEN ce.n - COALESCE(cs.n, 0) END AS wd"
        f" FROM ha LEFT JOIN cal cs ON cs.day = {d.wib_date('ha.submitted_at')}"
        f" LEFT JOIN cal ce ON ce.day = {d.wib_date('ha.closed_at')})"
    )
    responses = (*DECISIONS, FOLLOW_UP)
    steps = (
        "st AS (SELECT s.actor_account_id AS grp, s.complaint_id AS complaint_id, s.action AS action, s.at AS at,"
        f" CASE WHEN s.action IN {_in(DECISIONS)} THEN c.created_at"
        f" WHEN s.action = '{FOLLOW_UP}' THEN (SELECT MAX(p.at) FROM pengaduan_step p"
        f" WHERE p.complaint_id = s.complaint_id AND p.id < s.id AND p.action IN {_in(DISPOSITIONS)}) END AS started_at"
        " FROM pengaduan_step s JOIN pengaduan_complaint c ON c.id = s.complaint_id"
        f" WHERE s.actor_account_id IN :ids AND s.actor_kind = 'staff' AND {window.format(column='s.at')}"
        f" AND s.action NOT IN {_in(NOT_HANDLING)})"
    )
    complaints = (
        "cx AS (SELECT st.grp AS grp, st.complaint_id AS complaint_id,"
        f" CASE WHEN st.action IN {_in(responses)} THEN 1 ELSE 0 END AS response,"
        f" CASE WHEN st.action IN {_in(DECISIONS)} AND cd.m - COALESCE(cb.n, 0) < {VERIFY_DAYS} THEN 1"
        f" WHEN st.action = '{FOLLOW_UP}' AND cd.m - COALESCE(cb.n, 0) < {FOLLOW_UP_DAYS} THEN 1 ELSE 0 END AS on_time,"
        f" CASE WHEN st.action IN {_in(responses)} THEN cd.n - COALESCE(cb.n, 0) END AS wd"
        f" FROM st LEFT JOIN cal cd ON cd.day = {d.wib_date('st.at')}"
        f" LEFT JOIN cal cb ON cb.day = {d.wib_date('st.started_at')})"
    )
    sums = ", ".join(f"SUM(r.{name}) AS {name}" for name in SCORE_COLUMNS)
    survey = (
        f"sv AS (SELECT r.officer_id AS grp, COUNT(*) AS respondents, {sums} FROM kinerja_survey_response r"
        f" WHERE r.officer_id IN :ids AND {window.format(column='r.answered_at')} GROUP BY r.officer_id)"
    )
    a_median_cte, a_median = d.median("ax", "ax.wd" if d.postgresql else "wd", "amed")
    c_median_cte, c_median = d.median("cx", "cx.wd" if d.postgresql else "wd", "cmed")
    a_join = "" if a_median_cte is None else " LEFT JOIN amed ON amed.grp = ax.grp"
    c_join = "" if c_median_cte is None else " LEFT JOIN cmed ON cmed.grp = cx.grp"
    per_application = (
        "aa AS (SELECT ax.grp AS grp, COUNT(*) AS handled, SUM(ax.completed) AS completed,"
        f" SUM(ax.on_time) AS on_time, {a_median} AS median FROM ax{a_join} GROUP BY ax.grp)"
    )
    per_complaint = (
        "cc AS (SELECT cx.grp AS grp, COUNT(DISTINCT cx.complaint_id) AS handled, SUM(cx.response) AS responses,"
        f" SUM(cx.on_time) AS on_time, {c_median} AS median FROM cx{c_join} GROUP BY cx.grp)"
    )
    ctes = [d.calendar_cte(), handled_applications, applications]
    ctes += [steps, complaints, survey]
    ctes += [cte for cte in (a_median_cte, c_median_cte) if cte is not None]
    ctes += [per_application, per_complaint]
    groups = "g AS (SELECT grp FROM aa UNION SELECT grp FROM cc UNION SELECT grp FROM sv)"
    score_columns = ", ".join(f"sv.{name}" for name in SCORE_COLUMNS)
    return (
        f"WITH {', '.join([*ctes, groups])}"
        " SELECT g.grp, aa.handled, aa.completed, aa.on_time, aa.median,"
        f" cc.handled, cc.responses, cc.on_time, cc.median, sv.respondents, {score_columns}"
        " FROM g LEFT JOIN aa ON aa.grp = g.grp LEFT JOIN cc ON cc.grp = g.grp LEFT JOIN sv ON sv.grp = g.grp"
    )


def _int(value: Any) -> int:
    return 0 if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


async def officer_figures(
    session: AsyncSession, period: Period, officer_ids: Sequence[int]
) -> dict[int, OfficerFigures]:
    """The figures of each officer in ``officer_ids`` over ``period``, in ONE statement (absent: nothing done)."""
    if not officer_ids:
        return {}
    dialect = Dialect(session.get_bind().dialect.name)
    sql = text(statement(dialect)).bindparams(
        bindparam("ids", expanding=True),
        bindparam("since", type_=UTCDateTime()),
        bindparam("until", type_=UTCDateTime()),
    )
    params = {
        "ids": sorted(set(officer_ids)),
        "since": period.since,
        "until": period.until,
        **dialect.calendar_params(period.start - LOOKBACK, period.end),
    }
    figures: dict[int, OfficerFigures] = {}
    for row in (await session.execute(sql, params)).all():
        figures[int(row[0])] = OfficerFigures(
            applications_handled=_int(row[1]),
            applications_completed=_int(row[2]),
            applications_on_time=_int(row[3]),
            application_median_working_days=_float(row[4]),
            complaints_handled=_int(row[5]),
            complaint_responses=_int(row[6]),
            complaint_responses_on_time=_int(row[7]),
            complaint_median_working_days=_float(row[8]),
            respondents=_int(row[9]),
            score_sums=tuple(_int(value) for value in row[10:]),
        )
    return figures
