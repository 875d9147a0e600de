"""The CETTAR figures as SQL aggregates: one statement per measure, whatever the number of rows.

Each function runs one statement and returns its figures per group: ``total`` (one group,
key ``"all"``), ``month`` (the WIB month ``YYYY-MM`` of the row's defining moment) or
``agency`` (the agency id the row counts for). The formulas are in
``docs/plugins/kinerja-scorecard.md`` and in the GraphQL descriptions of :mod:`.types`; this module is
the only place they are written as SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from core.db import UTCDateTime
from plugins.kinerja.period import Period
from plugins.kinerja.scorecard.dialect import Dialect, working_days_before
from plugins.kinerja.scorecard.scope import CettarScopeKind, Scope

Group = Literal["total", "month", "agency"]

#: SP4N-LAPOR!: a complaint is verified within 3 working days of filing, followed up within 5 of its disposition.
VERIFY_DAYS = 3
FOLLOW_UP_DAYS = 5
#: Applications completed: the product reached the citizen.
COMPLETED = ("picked_up", "delivered")
#: Applications closed: nothing happens after these.
APPLICATION_FINAL = ("picked_up", "delivered", "rejected", "cancelled")
#: Complaints closed: nothing happens after these.
COMPLAINT_FINAL = ("not_our_authority", "archived", "closed")
#: The complaint unit's verification decision (the first of these ends the 3-day clock).
DECISIONS = ("verified", "held", "not_our_authority", "archived")
#: Complaint steps that do not change its status (escalation, community moderation): not transitions.
NOT_TRANSITIONS = ("escalated", "hidden", "restored", "removed")
#: Application transitions that need a reason (``layanan.workflow.TRANSITIONS`` with ``reason_required``).
APPLICATION_REASON_REQUIRED = ("needs_revision", "rejected")
#: Complaint steps that need a reason (``pengaduan.lifecycle.check_reason`` with ``required=True``).
COMPLAINT_REASON_REQUIRED = (
    "held",
    "not_our_authority",
    "archived",
    "forwarded",
    "followed_up",
    "resolved",
    "reopened",
)
#: The calendar reaches this far past the period's end or today (late steps of the period's items).
CALENDAR_MARGIN = timedelta(days=62)
#: The first day of the calendar the facts are computed with (a completed application submitted earlier gets no facts).
FACTS_CALENDAR_START = date(1970, 1, 1)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


@dataclass(frozen=True)
class Share:
    numerator: int
    denominator: int

    @property
    def ratio(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator

    def __add__(self, other: Share) -> Share:
        return Share(self.numerator + other.numerator, self.denominator + other.denominator)


EMPTY = Share(0, 0)


@dataclass(frozen=True)
class ApplicationFigures:
    completed: int
    on_time: int
    delivered: int
    revisions: int
    median_working_days: float | None

    @property
    def visits_avoided(self) -> int:
        return self.completed + self.revisions + self.delivered


NO_APPLICATIONS = ApplicationFigures(0, 0, 0, 0, None)


@dataclass(frozen=True)
class VerificationFigures:
    verified: Share
    median_hours_to_first_response: float | None


NO_VERIFICATION = VerificationFigures(EMPTY, None)


@dataclass(frozen=True)
class Ikm:
    respondents: int
    sums: tuple[int, ...]


class Query:
    """The statements of one scorecard: a scope, a period, a grouping, and the database's dialect."""

    def __init__(
        self,
        session: AsyncSession,
        scope: Scope,
        period: Period,
        group: Group,
        today: date,
        facts_session: Callable[[], AbstractAsyncContextManager[AsyncSession]] | None = None,
    ) -> None:
        self.session = session
        #: Where the facts are written: a session of its own, committed at once (the request's session otherwise).
        self.facts_session = facts_session or (lambda: nullcontext(session))
        self.scope = scope
        self.period = period
        self.group = group
        self.today = today
        bind = session.get_bind()
        self.dialect = Dialect(bind.dialect.name)

    async def _tune(self) -> None:
        await _tune(self.session, self.dialect)

    # -- pieces ------------------------------------------------------------------------------

    def _grp(self, moment: str, agency: str) -> str:
        if self.group == "month":
            return self.dialect.wib_month(moment)
        if self.group == "agency":
            return agency
        return "'all'"

    def _scope(self, agency: str) -> str:
        return self.scope.condition(agency)

    def _complaint_scope(self, alias: str) -> str:
        """The complaint counts for the agency handling it, else for its complaint unit (written so that each
        side can use its own index)."""
        return (
            f"({self._scope(f'{alias}.agency_id')} OR ({alias}.agency_id IS NULL"
            f" AND {self._scope(f'{alias}.unit_agency_id')}))"
        )

    def _params(self, first: date | None = None) -> dict[str, Any]:
        first = min(first or self.period.start, self.period.start)
        last = max(self.period.end, self.today) + CALENDAR_MARGIN
        return {
            "since": self.period.since,
            "until": self.period.until,
            "today_m": working_days_before(first, self.today),
            **self.dialect.calendar_params(first, last),
            **self.scope.params(),
        }

    async def _rows(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        await self._tune()
        statement = text(sql).bindparams(
            bindparam("since", type_=UTCDateTime()), bindparam("until", type_=UTCDateTime())
        )
        return list((await self.session.execute(statement, dict(params))).all())

    # -- Cepat, Efektif/Efisien --------------------------------------------------------------

    async def fill_application_facts(self) -> None:
        """Compute the facts (``kinerja_application_fact``) of the applications closed in the period in scope that
        have none yet: one ``INSERT … SELECT``, whatever the data.

        A closed application no longer changes, so its facts are computed once, here, with the same SQL
        definitions as before (on time, working days through the calendar, delivered, resubmissions, complete
        timeline), and every later request sums them. The working-day calendar starts at ``FACTS_CALENDAR_START``,
        so that no statement has to look for the earliest submission first. Applications closed since (or rows
        inserted directly) are found by the anti-join on the primary key. Concurrent requests: the rows are inserted in primary-key
        order and ``ON CONFLICT DO NOTHING`` skips a row another transaction inserted first (PostgreSQL waits
        for that transaction, then skips); each request commits its facts at once in its own transaction.
        """
        d = self.dialect
        missing = (
            f"x.status IN {_in(APPLICATION_FINAL)} AND x.closed_at >= :since AND x.closed_at < :until"
            f" AND {self._scope('x.agency_id')}"
            " AND NOT EXISTS (SELECT 1 FROM kinerja_application_fact f WHERE f.application_id = x.id)"
        )
        first = min(self.period.start, FACTS_CALENDAR_START)
        params = {
            "since": self.period.since,
            "until": self.period.until,
            **self.dialect.calendar_params(first, max(self.period.end, self.today) + CALENDAR_MARGIN),
            **self.scope.params(),
        }
        completed = f"x.status IN {_in(COMPLETED)}"
        sql = (
            f"WITH {d.calendar_cte()} INSERT INTO kinerja_application_fact (application_id, agency_id, closed_at,"
            " completed, on_time, working_days, delivered, revisions, timeline_complete)"
            f" SELECT x.id, x.agency_id, x.closed_at, CASE WHEN {completed} THEN 1 ELSE 0 END,"
            f" CASE WHEN {completed} AND {d.wib_date('x.closed_at')} <= x.due_date THEN 1 ELSE 0 END,"
            f" CASE WHEN {completed} THEN ce.n - cs.n END,"
            " CASE WHEN x.status = 'delivered' THEN 1 ELSE 0 END, x.revision_count, "
            + _complete(
                "layanan_timeline e WHERE e.application_id = x.id AND e.kind = 'status_changed'", "e", "x.status"
            )
            + " FROM layanan_application x"
            f" LEFT JOIN cal cs ON cs.day = {d.wib_date('x.submitted_at')}"
            f" LEFT JOIN cal ce ON ce.day = {d.wib_date('x.closed_at')}"
            # A completion submitted before the calendar's start (1970) would get no wrong figure: it gets none.
            f" WHERE {missing} AND (NOT ({completed}) OR (cs.n IS NOT NULL AND ce.n IS NOT NULL))"
            # Nothing to do when the period's applications with a closing moment are as many as its facts (both
            # counted from indexes alone): every fact is of such an application, so then each has its fact. An
            # uncorrelated condition: evaluated once, before any application is read.
            " AND (SELECT COUNT(*) FROM layanan_application y WHERE y.closed_at >= :since AND y.closed_at < :until"
            f" AND {self._scope('y.agency_id')})"
            " <> (SELECT COUNT(*) FROM kinerja_application_fact z WHERE z.closed_at >= :since AND z.closed_at < :until"
            f" AND {self._scope('z.agency_id')})"
            " ORDER BY x.id ON CONFLICT (application_id) DO NOTHING"
        )
        async with self.facts_session() as session:
            await _tune(session, self.dialect)
            statement = text(sql).bindparams(
                bindparam("since", type_=UTCDateTime()), bindparam("until", type_=UTCDateTime())
            )
            await session.execute(statement, params)

    async def applications(self) -> dict[Any, ApplicationFigures]:
        """Applications completed in the period: on time, delivered home, resubmissions, median working days —
        sums of their facts (:meth:`fill_application_facts` first)."""
        d = self.dialect
        source = (
            "a AS (SELECT "
            f"{self._grp('f.closed_at', 'f.agency_id')} AS grp, f.on_time, f.delivered, f.revisions,"
            " f.working_days AS wd FROM kinerja_application_fact f"
            " WHERE f.completed = 1 AND f.closed_at >= :since AND f.closed_at < :until"
            f" AND {self._scope('f.agency_id')})"
        )
        median_cte, median = d.median("a", "a.wd" if d.postgresql else "wd", "med")
        ctes = [source] + ([median_cte] if median_cte else [])
        join = "" if median_cte is None else " LEFT JOIN med ON med.grp = a.grp"
        sql = (
            f"WITH {', '.join(ctes)} SELECT a.grp, COUNT(*), SUM(a.on_time), SUM(a.delivered), SUM(a.revisions),"
            f" {median} FROM a{join} GROUP BY a.grp"
        )
        params = {"since": self.period.since, "until": self.period.until, **self.scope.params()}
        rows = await self._rows(sql, params)
        return {
            row[0]: ApplicationFigures(
                int(row[1]), int(row[2] or 0), int(row[3] or 0), int(row[4] or 0), _float(row[5])
            )
            for row in rows
        }

    # -- Tanggap -----------------------------------------------------------------------------

    async def verification(self) -> dict[Any, VerificationFigures]:
        """Complaints filed in the period, by their complaint unit: verification decided within 3 working days,
        hours to the first response (the decision or the first staff message, whichever came first)."""
        d = self.dialect
        c = (
            f"c AS {d.materialized}(SELECT "
            f"{self._grp('x.created_at', 'x.unit_agency_id')} AS grp, x.created_at AS filed_at,"
            f" {d.wib_date('x.created_at')} AS filed_on, x.first_answered_at AS answered_at,"
            " (SELECT MIN(s.at) FROM pengaduan_step s WHERE s.complaint_id = x.id"
            f" AND s.action IN {_in(DECISIONS)}) AS decided_at"
            " FROM pengaduan_complaint x"
            f" WHERE x.created_at >= :since AND x.created_at < :until AND {self._scope('x.unit_agency_id')})"
        )
        r = (
            "r AS (SELECT c.grp,"
            " CASE WHEN c.decided_at IS NOT NULL AND cd.m - cf.n < :verify_days THEN 1 ELSE 0 END AS in_time,"
            " CASE WHEN c.decided_at IS NOT NULL OR :today_m - cf.n >= :verify_days THEN 1 ELSE 0 END AS due,"
            " "
            + d.hours_between(
                "c.filed_at",
                "CASE WHEN c.decided_at IS NULL THEN c.answered_at"
                " WHEN c.answered_at IS NULL OR c.decided_at <= c.answered_at THEN c.decided_at"
                " ELSE c.answered_at END",
            )
            + " AS hours FROM c"
            " LEFT JOIN cal cf ON cf.day = c.filed_on"
            f" LEFT JOIN cal cd ON cd.day = {d.wib_date('c.decided_at')})"
        )
        median_cte, median = d.median("r", "r.hours" if d.postgresql else "hours", "med")
        ctes = [d.calendar_cte(), c, r] + ([median_cte] if median_cte else [])
        join = "" if median_cte is None else " LEFT JOIN med ON med.grp = r.grp"
        sql = f"WITH {', '.join(ctes)} SELECT r.grp, SUM(r.in_time), SUM(r.due), {median} FROM r{join} GROUP BY r.grp"
        rows = await self._rows(sql, {**self._params(), "verify_days": VERIFY_DAYS})
        return {row[0]: VerificationFigures(Share(int(row[1] or 0), int(row[2] or 0)), _float(row[3])) for row in rows}

    async def follow_up(self) -> dict[Any, Share]:
        """Dispositions made in the period to the scope's agencies: followed up by that agency within 5 working days."""
        d = self.dialect
        f = (
            f"f AS {d.materialized}(SELECT "
            f"{self._grp('x.at', 'x.agency_id')} AS grp, x.at AS disposed_at, {d.wib_date('x.at')} AS disposed_on,"
            " nx.at AS left_at,"
            " (SELECT MIN(s.at) FROM pengaduan_step s WHERE s.complaint_id = x.complaint_id"
            " AND s.action = 'followed_up' AND s.at >= x.at AND (nx.at IS NULL OR s.at < nx.at)) AS followed_at"
            " FROM pengaduan_disposition x"
            " LEFT JOIN pengaduan_disposition nx ON nx.complaint_id = x.complaint_id AND nx.seq = x.seq + 1"
            f" WHERE x.at >= :since AND x.at < :until AND {self._scope('x.agency_id')})"
        )
        sql = (
            f"WITH {d.calendar_cte()}, {f} SELECT f.grp,"
            " SUM(CASE WHEN f.followed_at IS NOT NULL AND cf.m - cd.n < :follow_up_days THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN f.followed_at IS NOT NULL"
            " OR (f.left_at IS NOT NULL AND cl.m - cd.n >= :follow_up_days)"
            " OR (f.left_at IS NULL AND :today_m - cd.n >= :follow_up_days) THEN 1 ELSE 0 END)"
            " FROM f LEFT JOIN cal cd ON cd.day = f.disposed_on"
            f" LEFT JOIN cal cf ON cf.day = {d.wib_date('f.followed_at')}"
            f" LEFT JOIN cal cl ON cl.day = {d.wib_date('f.left_at')}"
            " GROUP BY f.grp"
        )
        rows = await self._rows(sql, {**self._params(), "follow_up_days": FOLLOW_UP_DAYS})
        return {row[0]: Share(int(row[1] or 0), int(row[2] or 0)) for row in rows}

    # -- Transparan --------------------------------------------------------------------------

    async def timelines(self) -> tuple[dict[Any, Share], dict[Any, Share]]:
        """Applications and complaints closed in the period whose timeline is complete: (applications, complaints).
        Applications: sums of their facts (:meth:`fill_application_facts` first)."""
        apps = (
            "ap AS (SELECT "
            f"{self._grp('f.closed_at', 'f.agency_id')} AS grp, f.timeline_complete AS complete"
            " FROM kinerja_application_fact f WHERE f.closed_at >= :since AND f.closed_at < :until"
            f" AND {self._scope('f.agency_id')})"
        )
        complaint_agency = "COALESCE(x.agency_id, x.unit_agency_id)"
        complaints = (
            "ci AS (SELECT x.id, x.status, "
            f"{self._grp('x.closed_at', complaint_agency)} AS grp FROM pengaduan_complaint x"
            f" WHERE x.status IN {_in(COMPLAINT_FINAL)} AND x.closed_at >= :since AND x.closed_at < :until"
            f" AND {self._complaint_scope('x')}),"
            " cp AS (SELECT ci.grp, "
            + _complete(
                f"pengaduan_step s WHERE s.complaint_id = ci.id AND s.action NOT IN {_in(NOT_TRANSITIONS)}",
                "s",
                "ci.status",
            )
            + " AS complete FROM ci)"
        )
        sql = (
            f"WITH {apps}, {complaints}"
            " SELECT 'application' AS kind, grp, SUM(complete), COUNT(*) FROM ap GROUP BY grp"
            " UNION ALL SELECT 'complaint' AS kind, grp, SUM(complete), COUNT(*) FROM cp GROUP BY grp"
        )
        params = {"since": self.period.since, "until": self.period.until, **self.scope.params()}
        rows = await self._rows(sql, params)
        applications = {row[1]: Share(int(row[2] or 0), int(row[3])) for row in rows if row[0] == "application"}
        complaints_ = {row[1]: Share(int(row[2] or 0), int(row[3])) for row in rows if row[0] == "complaint"}
        return applications, complaints_

    # -- Akuntabel ---------------------------------------------------------------------------

    async def transitions(self) -> dict[Any, Share]:
        """Status changes made in the period with a recorded actor and, where one is required, a reason."""
        complaint_agency = "COALESCE(c.agency_id, c.unit_agency_id)"
        # The whole province, not per agency: every status change counts, whoever's item it is — no join to the
        # items (millions of primary-key lookups for nothing; each entry and step has its item: foreign keys).
        whole = self.scope.kind is CettarScopeKind.PROVINCE and self.group != "agency"
        applications = "" if whole else " JOIN layanan_application a ON a.id = e.application_id"
        complaints = "" if whole else " JOIN pengaduan_complaint c ON c.id = s.complaint_id"
        sql = (
            "SELECT grp, SUM(ok), COUNT(*) FROM ("
            f"SELECT {self._grp('e.at', 'a.agency_id')} AS grp,"
            " CASE WHEN e.actor_id IS NOT NULL"
            f" AND (e.to_status NOT IN {_in(APPLICATION_REASON_REQUIRED)} OR COALESCE(TRIM(e.text), '') <> '')"
            " THEN 1 ELSE 0 END AS ok"
            f" FROM layanan_timeline e{applications}"
            " WHERE e.kind = 'status_changed' AND e.at >= :since AND e.at < :until"
            f"{'' if whole else ' AND ' + self._scope('a.agency_id')}"
            " UNION ALL "
            f"SELECT {self._grp('s.at', complaint_agency)} AS grp,"
            " CASE WHEN (s.actor_kind <> 'staff' OR s.actor_account_id IS NOT NULL)"
            f" AND (s.action NOT IN {_in(COMPLAINT_REASON_REQUIRED)} OR COALESCE(TRIM(s.reason), '') <> '')"
            " THEN 1 ELSE 0 END AS ok"
            f" FROM pengaduan_step s{complaints}"
            f" WHERE s.action NOT IN {_in(NOT_TRANSITIONS)} AND s.at >= :since AND s.at < :until"
            f"{'' if whole else ' AND ' + self._complaint_scope('c')}"
            ") t GROUP BY grp"
        )
        params = {"since": self.period.since, "until": self.period.until, **self.scope.params()}
        rows = await self._rows(sql, params)
        return {row[0]: Share(int(row[1] or 0), int(row[2])) for row in rows}

    # -- Responsif (grouped; the scorecard's total comes from survey.satisfaction) -----------

    async def surveys(self) -> dict[Any, Ikm]:
        """Survey responses answered in the period: respondents and the nine element sums."""
        sums = ", ".join(f"SUM(r.u{i})" for i in range(1, 10))
        sql = (
            f"SELECT {self._grp('r.answered_at', 'r.agency_id')} AS grp, COUNT(*), {sums}"
            " FROM kinerja_survey_response r WHERE r.answered_at >= :since AND r.answered_at < :until"
            f" AND {self._scope('r.agency_id')} GROUP BY 1"
        )
        params = {"since": self.period.since, "until": self.period.until, **self.scope.params()}
        rows = await self._rows(sql, params)
        return {row[0]: Ikm(int(row[1]), tuple(int(v or 0) for v in row[2:11])) for row in rows}


async def _tune(session: AsyncSession, dialect: Dialect) -> None:
    """PostgreSQL: no JIT compilation for the statements of the session's transaction (once per transaction).
    Their estimated cost (a correlated subquery per closed item) crosses ``jit_above_cost`` at a few thousand
    rows, and compiling then costs a few hundred milliseconds — more than the statements themselves."""
    if not dialect.postgresql:
        return
    current = session.sync_session.get_transaction()
    if current is not None and session.info.get(_TUNED) is current:
        return
    await session.execute(text("SET LOCAL jit = off"))
    session.info[_TUNED] = session.sync_session.get_transaction()


_TUNED = "kinerja.scorecard.jit_off"


def _complete(steps: str, alias: str, status: str) -> str:
    """1 when the item's status changes, in time order, form one unbroken chain from its submission to its
    status ``status``; ``steps`` is the FROM clause of the item's status changes, as ``alias`` (correlated
    with the item).

    A scalar subquery per item: its few steps come in order from the index on (item, ``at``, ``id``), so
    nothing sorts or hashes all the period's steps at once, and an item without steps gets 0.
    """
    window = f"WINDOW w AS (ORDER BY {alias}.at, {alias}.id)"
    chained = (
        f"SELECT {alias}.from_status, {alias}.to_status, LAG({alias}.to_status) OVER w AS prev_to,"
        f" LAG({alias}.id) OVER w AS prev_id, LEAD({alias}.id) OVER w AS next_id"
        f" FROM {steps} {window}"
    )
    return (
        "(SELECT CASE WHEN SUM(CASE"
        " WHEN z.prev_id IS NULL THEN CASE WHEN z.from_status IS NULL AND z.to_status = 'submitted' THEN 0 ELSE 1 END"
        " WHEN z.from_status = z.prev_to THEN 0 ELSE 1 END) = 0"
        f" AND SUM(CASE WHEN z.next_id IS NULL AND z.to_status = {status} THEN 1 ELSE 0 END) = 1"
        f" THEN 1 ELSE 0 END FROM ({chained}) z)"
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
