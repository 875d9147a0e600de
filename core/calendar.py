"""Working days: Monday to Friday, minus Indonesia's national holidays.

Service time limits (standar pelayanan) and complaint deadlines (SP4N-LAPOR!)
are counted in working days. The holidays come from the ``holidays`` package
(``holidays.country_holidays("ID")``), which follows the government's decree
on national holidays; joint leave days (cuti bersama) are not holidays.

    >>> add_working_days(date(2026, 8, 14), 1)   # Friday + 1 → Tuesday (17 August is a holiday)
    datetime.date(2026, 8, 18)
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

#: Jawa Timur keeps Western Indonesian Time: a deadline falls on a WIB calendar day.
WIB = ZoneInfo("Asia/Jakarta")


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ID", years=year))


def holiday_name(day: date) -> str | None:
    """The national holiday on ``day`` (in English, as the package names it), or ``None``."""
    if day not in _holidays(day.year):
        return None
    names: str | None = holidays.country_holidays("ID", years=day.year).get(day)
    return names


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a national holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (the start day itself is not counted).

    ``add_working_days(d, 0)`` is ``d`` itself when it is a working day, else the next one.
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    day = start
    if days == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def local_date(moment: datetime) -> date:
    """The WIB calendar date of a moment (naive datetimes are taken as UTC, as the database stores them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB).date()


def due_date(submitted_at: datetime, working_days: int) -> date:
    """The last day to finish a task of ``working_days`` started at ``submitted_at`` (a WIB date)."""
    return add_working_days(local_date(submitted_at), working_days)


def today() -> date:
    """Today in WIB."""
    return datetime.now(WIB).date()
