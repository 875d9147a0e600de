"""The period and the scope every kinerja figure is computed over (shared by all areas)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import strawberry

from core.calendar import WIB, today
from core.errors import CettarError

#: The longest period one query may cover.
MAX_PERIOD_DAYS = 5 * 366


@strawberry.input(description="A period of WIB calendar days, both ends included (at most five years).")
class PeriodInput:
    start: date = strawberry.field(description="The first day (WIB), e.g. `2026-01-01`.")
    end: date = strawberry.field(description="The last day (WIB), included, e.g. `2026-12-31`.")


@dataclass(frozen=True)
class Period:
    """A checked period: ``start`` to ``end`` WIB dates, and the UTC moments ``[since, until)`` they span."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time(), tzinfo=WIB).astimezone(UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time(), tzinfo=WIB).astimezone(UTC)


def check_period(period: PeriodInput, field: str = "period") -> Period:
    """The period, or a ``VALIDATION_FAILED`` error naming ``field`` (end before start, or too long)."""
    if period.end < period.start:
        raise CettarError(
            "VALIDATION_FAILED",
            field=f"{field}.end",
            message_id="Akhir periode tidak boleh sebelum awalnya.",
            message_en="The end of the period cannot be before its start.",
        )
    if (period.end - period.start).days >= MAX_PERIOD_DAYS:
        raise CettarError(
            "VALIDATION_FAILED",
            field=f"{field}.end",
            message_id="Periode paling lama lima tahun.",
            message_en="A period covers at most five years.",
        )
    return Period(period.start, period.end)


def last_year_example() -> dict[str, str]:
    """The period of the GraphiQL examples: the twelve months up to today (WIB), read when the schema is built."""
    end = today()
    return {"start": (end - timedelta(days=364)).isoformat(), "end": end.isoformat()}
