"""Working days: Monday to Friday minus Indonesia's national holidays (the `holidays` package)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.calendar import (
    add_working_days,
    due_date,
    holiday_name,
    is_working_day,
    local_date,
    working_days_between,
)


def test_weekends_and_national_holidays_are_not_working_days():
    assert is_working_day(date(2026, 8, 14))  # Friday
    assert not is_working_day(date(2026, 8, 15))  # Saturday
    assert not is_working_day(date(2026, 8, 16))  # Sunday
    assert not is_working_day(date(2026, 8, 17))  # Monday, Independence Day
    assert holiday_name(date(2026, 8, 17)) == "Independence Day"
    assert holiday_name(date(2026, 8, 18)) is None
    assert not is_working_day(date(2026, 12, 25))  # Christmas, a Friday


def test_adding_working_days_skips_a_weekend_and_a_holiday():
    # Friday 14 August 2026 + 1 working day: not Sat, Sun, nor Monday 17 August.
    assert add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)
    assert add_working_days(date(2026, 8, 14), 3) == date(2026, 8, 20)
    # Eid al-Fitr 2026 falls on Saturday 21 and Sunday 22 March; Thursday 19 March is Nyepi.
    assert add_working_days(date(2026, 3, 18), 1) == date(2026, 3, 20)
    assert add_working_days(date(2026, 3, 18), 2) == date(2026, 3, 23)


def test_zero_days_is_the_next_working_day_and_negative_is_refused():
    assert add_working_days(date(2026, 8, 14), 0) == date(2026, 8, 14)
    assert add_working_days(date(2026, 8, 15), 0) == date(2026, 8, 18)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 8, 14), -1)


def test_counting_working_days_between_two_dates_is_the_inverse_of_adding():
    start = date(2026, 12, 18)
    for days in range(0, 30):
        assert working_days_between(start, add_working_days(start, days)) == days
    assert working_days_between(date(2026, 8, 20), date(2026, 8, 14)) == 0


def test_a_deadline_falls_on_the_wib_calendar_day():
    # 18:30 UTC on Thursday 13 August is 01:30 WIB on Friday 14 August.
    late_evening_utc = datetime(2026, 8, 13, 18, 30, tzinfo=UTC)
    assert local_date(late_evening_utc) == date(2026, 8, 14)
    assert local_date(late_evening_utc.replace(tzinfo=None)) == date(2026, 8, 14)
    assert due_date(late_evening_utc, 1) == date(2026, 8, 18)
