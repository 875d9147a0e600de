"""The SQL pieces that differ between SQLite and PostgreSQL, and the working-day calendar as a table.

Every scorecard figure is one SQL aggregate. What the two databases spell differently is
here: the WIB calendar date and month of a UTC timestamp, hours between two timestamps,
the median, and the working-day calendar joined by date.

The calendar: working days (Monday-Friday minus national holidays, :mod:`core.calendar`)
cannot be computed by SQL alone, so each statement carries the calendar of the days it needs
as one JSON parameter and reads it as a table ``cal(day, n, m)``: ``n`` is the number of
working days from the calendar's first day up to and including ``day``, ``m`` the number
strictly before ``day``. Then, for WIB dates ``a`` and ``b``:

- ``core.calendar.working_days_between(a, b)`` is ``n(b) - n(a)``;
- ``b <= core.calendar.add_working_days(a, k)`` (done within ``k`` working days) is ``m(b) - n(a) < k``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from core.calendar import is_working_day


@lru_cache(maxsize=32)
def calendar_json(first: date, last: date) -> str:
    """``[2n + w, …]`` for each day from ``first`` to ``last``: ``n`` working days through it, ``w`` 1 if it is one."""
    values: list[int] = []
    n = 0
    day = first
    while day <= last:
        w = 1 if is_working_day(day) else 0
        n += w
        values.append(2 * n + w)
        day += timedelta(days=1)
    return json.dumps(values, separators=(",", ":"))


def working_days_before(first: date, day: date) -> int:
    """``m(day)`` of the calendar starting at ``first``: working days from ``first`` strictly before ``day``."""
    count, current = 0, first
    while current < day:
        count += 1 if is_working_day(current) else 0
        current += timedelta(days=1)
    return count


@dataclass(frozen=True)
class Dialect:
    """How one database spells the pieces the statements share."""

    name: str

    @property
    def postgresql(self) -> bool:
        return self.name == "postgresql"

    @property
    def materialized(self) -> str:
        """PostgreSQL inlines a CTE into each place that reads it (a correlated subquery would run once per
        reference); ``MATERIALIZED`` computes it once."""
        return "MATERIALIZED " if self.postgresql else ""

    def wib_date(self, column: str) -> str:
        """The WIB calendar date of a UTC timestamp column."""
        if self.postgresql:
            return f"CAST(timezone('Asia/Jakarta', {column}) AS date)"
        return f"date({column}, '+7 hours')"

    def wib_month(self, column: str) -> str:
        """``YYYY-MM``, the WIB month of a UTC timestamp column."""
        if self.postgresql:
            return f"to_char(timezone('Asia/Jakarta', {column}), 'YYYY-MM')"
        return f"strftime('%Y-%m', {column}, '+7 hours')"

    def hours_between(self, start: str, end: str) -> str:
        if self.postgresql:
            return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 3600.0)"
        # Whole seconds (julianday's floating point would show 86.00000000372529 hours).
        return f"((CAST(strftime('%s', {end}) AS INTEGER) - CAST(strftime('%s', {start}) AS INTEGER)) / 3600.0)"

    def ratio(self, numerator: str, denominator: str) -> str:
        return f"(CAST({numerator} AS {'double precision' if self.postgresql else 'REAL'}) / {denominator})"

    def calendar_cte(self) -> str:
        """``cal(day, n, m)`` from the parameters ``:cal_first`` and ``:cal`` (see :func:`calendar_json`)."""
        if self.postgresql:
            return (
                "cal AS MATERIALIZED (SELECT CAST(:cal_first AS date) + CAST(t.ord AS integer) - 1 AS day,"
                " CAST(t.v AS integer) / 2 AS n, CAST(t.v AS integer) / 2 - CAST(t.v AS integer) % 2 AS m"
                " FROM jsonb_array_elements_text(CAST(:cal AS jsonb)) WITH ORDINALITY AS t(v, ord))"
            )
        return (
            "cal AS (SELECT date(:cal_first, '+' || key || ' days') AS day,"
            " value / 2 AS n, value / 2 - value % 2 AS m FROM json_each(:cal))"
        )

    def calendar_params(self, first: date, last: date) -> dict[str, object]:
        return {"cal_first": first if self.postgresql else first.isoformat(), "cal": calendar_json(first, last)}

    def date_param(self, day: date) -> object:
        return day if self.postgresql else day.isoformat()

    def median(self, source: str, value: str, name: str) -> tuple[str | None, str]:
        """The median of ``value`` per ``grp`` of the CTE ``source``: ``(an extra CTE or None, the select expression)``.

        PostgreSQL: ``percentile_cont(0.5)`` in the aggregate itself. SQLite has no percentile
        aggregate: the middle one or two values by ``ROW_NUMBER`` in each group, averaged (the same
        number ``percentile_cont(0.5)`` gives), in a CTE ``name`` joined on ``grp``.
        """
        if self.postgresql:
            return None, f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {value})"
        cte = (
            f"{name} AS (SELECT grp, AVG(v) AS median FROM ("
            f"SELECT grp, {value} AS v, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY {value}) AS rn,"
            f" COUNT(*) OVER (PARTITION BY grp) AS cnt FROM {source} WHERE {value} IS NOT NULL) ranked"
            f" WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2) GROUP BY grp)"
        )
        return cte, f"MAX({name}.median)"
