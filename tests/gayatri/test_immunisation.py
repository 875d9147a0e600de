"""The routine immunisation schedule (Permenkes 12/2017) and when a dose is due, given or missed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.testkit import GraphQLClient
from plugins.gayatri.immunisation import SCHEDULE, Dose, DoseStatus, add_months, dose_states
from tests.gayatri.support import PLUGINS

pytestmark = pytest.mark.cettar(plugins=PLUGINS)


def test_the_schedule_is_the_national_one_in_order() -> None:
    assert [(s.dose, s.age_months) for s in SCHEDULE] == [
        (Dose.HB0, 0),
        (Dose.BCG, 1),
        (Dose.OPV1, 1),
        (Dose.DPT_HB_HIB_1, 2),
        (Dose.OPV2, 2),
        (Dose.DPT_HB_HIB_2, 3),
        (Dose.OPV3, 3),
        (Dose.DPT_HB_HIB_3, 4),
        (Dose.OPV4, 4),
        (Dose.IPV, 4),
        (Dose.MR, 9),
        (Dose.DPT_HB_HIB_BOOSTER, 18),
        (Dose.MR_BOOSTER, 18),
    ]
    assert {s.dose for s in SCHEDULE} == set(Dose)


def test_months_are_added_on_the_calendar() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 11, 15), 2) == date(2026, 1, 15)
    assert add_months(date(2025, 12, 31), 12) == date(2026, 12, 31)


def test_a_dose_is_due_from_its_age_and_missed_a_month_later() -> None:
    birth = date(2025, 1, 10)
    today = date(2025, 5, 20)  # 4 months 10 days
    given = [(Dose.HB0, date(2025, 1, 10)), (Dose.BCG, date(2025, 2, 12)), (Dose.OPV1, date(2025, 2, 12))]
    given.append((Dose.DPT_HB_HIB_1, date(2025, 4, 20)))  # due 10 March, window ended 10 April: late
    states = {s.scheduled.dose: s for s in dose_states(birth, given, today)}
    assert states[Dose.HB0].status is DoseStatus.GIVEN and not states[Dose.HB0].late
    assert states[Dose.DPT_HB_HIB_1].status is DoseStatus.GIVEN and states[Dose.DPT_HB_HIB_1].late
    assert states[Dose.OPV2].status is DoseStatus.MISSED  # due 10 March, on time until 10 April
    assert states[Dose.OPV2].due_on == date(2025, 3, 10) and states[Dose.OPV2].window_ends_on == date(2025, 4, 10)
    assert states[Dose.DPT_HB_HIB_2].status is DoseStatus.MISSED  # window ended 10 May
    assert states[Dose.IPV].status is DoseStatus.DUE  # due 10 May, on time until 10 June
    assert states[Dose.IPV].window_ends_on == date(2025, 6, 10)
    assert states[Dose.MR].status is DoseStatus.UPCOMING


def test_hb0_is_missed_after_seven_days() -> None:
    birth = date(2025, 3, 1)
    on_day_7 = {s.scheduled.dose: s.status for s in dose_states(birth, [], birth + timedelta(days=7))}
    on_day_8 = {s.scheduled.dose: s.status for s in dose_states(birth, [], birth + timedelta(days=8))}
    assert on_day_7[Dose.HB0] is DoseStatus.DUE and on_day_8[Dose.HB0] is DoseStatus.MISSED
    assert on_day_8[Dose.BCG] is DoseStatus.UPCOMING


SCHEDULE_QUERY = """
{ gayatriImmunisationSchedule { dose vaccine recommendedAgeMonths missedAfterDays missedAfterMonths } }
"""


async def test_anyone_reads_the_schedule(gql: GraphQLClient) -> None:
    rows = (await gql.execute(SCHEDULE_QUERY))["gayatriImmunisationSchedule"]
    assert len(rows) == 13
    assert rows[0] == {
        "dose": "HB0",
        "vaccine": "Hepatitis B (HB-0)",
        "recommendedAgeMonths": 0,
        "missedAfterDays": 7,
        "missedAfterMonths": None,
    }
    mr = next(r for r in rows if r["dose"] == "MR")
    assert (mr["recommendedAgeMonths"], mr["missedAfterDays"], mr["missedAfterMonths"]) == (9, None, 10)
    assert [r["dose"] for r in rows if r["recommendedAgeMonths"] == 18] == ["DPT_HB_HIB_BOOSTER", "MR_BOOSTER"]
