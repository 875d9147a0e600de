"""The CETTAR scorecard through GraphQL, on a dataset whose every figure is known in advance.

The period is July-August 2025 (WIB). Its working days are Monday-Friday with no national holiday
in it; 27 June 2025 (Islamic New Year, a Friday) is one before it, 5 September (the Prophet's
birthday) one after. Every moment below is WIB; the expected figures are worked out by hand in
the comments, never computed by the code under test.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime

import pytest
from sqlalchemy import text

from core.calendar import working_days_between
from core.jobs import run_jobs
from core.services import Delivery
from core.testkit import count_statements
from tests.kinerja.support import MARK, Change, add_application_row, add_complaint_row, add_response, wib_moment

pytestmark = MARK

A = "dispendukcapil-3578"  # Kota Surabaya (35.78)
B = "dinkes-3578"  # Kota Surabaya
U = "diskominfo-3578"  # Kota Surabaya: the complaint unit of the complaints below
X = "dispendukcapil-3515"  # Kabupaten Sidoarjo (35.15): outside Surabaya, inside the province
UX = "diskominfo-3515"
PERIOD = {"start": "2025-07-01", "end": "2025-08-31"}
FINAL = "('picked_up', 'delivered', 'rejected', 'cancelled')"
OFFICER, CITIZEN = "petugas.surabaya", "warga.budi"

SHARE = "numerator denominator ratio"
CARD = f"""
query Card($period: PeriodInput!, $agencyCode: String, $regionCode: String) {{
  cettarScorecard(period: $period, agencyCode: $agencyCode, regionCode: $regionCode) {{
    scope {{ kind code name }}
    periodStart periodEnd
    cepat {{ onTime {{ {SHARE} }} medianWorkingDays }}
    efektif {{ withoutCounterVisit {{ {SHARE} }} officeVisitsAvoided }}
    tanggap {{ verifiedInTime {{ {SHARE} }} followedUpInTime {{ {SHARE} }} medianHoursToFirstResponse }}
    transparan {{ applications {{ {SHARE} }} complaints {{ {SHARE} }} overall {{ {SHARE} }} }}
    akuntabel {{ transitions {{ {SHARE} }} auditChain {{ verified checkedRecords checkedAt }} }}
    responsif {{ respondents ikm index grade gradeLabel }}
  }}
}}"""
MONTHS = f"""
query Months($period: PeriodInput!, $agencyCode: String, $regionCode: String) {{
  cettarScorecard(period: $period, agencyCode: $agencyCode, regionCode: $regionCode) {{
    months {{
      month
      cepat {{ onTime {{ {SHARE} }} medianWorkingDays }}
      efektif {{ withoutCounterVisit {{ {SHARE} }} officeVisitsAvoided }}
      tanggap {{ verifiedInTime {{ {SHARE} }} followedUpInTime {{ {SHARE} }} medianHoursToFirstResponse }}
      transparan {{ overall {{ {SHARE} }} }}
      akuntabel {{ transitions {{ {SHARE} }} auditChain {{ verified }} }}
      responsif {{ respondents index grade }}
    }}
  }}
}}"""
RANKING = """
query Ranking($period: PeriodInput!, $regionCode: String, $measure: CettarMeasure!, $first: Int, $after: String) {
  cettarAgencyRanking(period: $period, regionCode: $regionCode, measure: $measure, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { position rank value numerator denominator agency { code regionCode } }
  }
}"""


def at(month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return wib_moment(date(2025, month, day), hour, minute)


def share(numerator: int, denominator: int) -> dict[str, object]:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "ratio": numerator / denominator if denominator else None,
    }


def standard(submitted: datetime, *later: tuple[datetime, str]) -> tuple[Change, ...]:
    """Submitted by the citizen, then each status by the officer."""
    return (Change(submitted, "submitted", CITIZEN), *(Change(moment, status, OFFICER) for moment, status in later))


async def build(runtime: object) -> None:
    """The dataset. Applications (time limit counted to `due`), in working days from submission to completion:

    a1  A  Tue 1 Jul 10:00 → picked up Fri 4 Jul 06:00 WIB (Thu 3 Jul 23:00 UTC), due 3 Jul: LATE, 3 days
    a2  A  Fri 4 Jul 09:00 → delivered Thu 10 Jul, due 9 Jul, one revision: LATE, 4 days
    a3  A  Mon 28 Jul → delivered Fri 1 Aug 06:00 WIB (31 Jul UTC), due 1 Aug: ON TIME, 4 days, month August,
           its timeline skips IN_PROCESS (incomplete)
    a4  A  Wed 25 Jun → picked up Mon 7 Jul, due 1 Jul: LATE, 7 days (27 Jun is a holiday); its VERIFIED
           entry has no actor
    a5  A  rejected Tue 15 Jul with a blank reason (closed, not completed)
    a7  A  picked up Mon 1 Sep 00:30 WIB (31 Aug UTC): outside the period, no timeline
    b1  B  Mon 14 Jul → picked up Tue 15 Jul, due 17 Jul: ON TIME, 1 day
    x1  X  Mon 14 Jul → picked up Wed 16 Jul, due 17 Jul: ON TIME, 2 days
    """
    await add_application_row(
        runtime,
        agency_code=A,
        submitted=at(7, 1, 10),
        due=date(2025, 7, 3),
        closed=at(7, 4, 6),
        status="picked_up",
        timeline=standard(
            at(7, 1, 10),
            (at(7, 1, 11), "verified"),
            (at(7, 2), "in_process"),
            (at(7, 3), "ready"),
            (at(7, 4, 6), "picked_up"),
        ),
    )
    await add_application_row(
        runtime,
        agency_code=A,
        submitted=at(7, 4, 9),
        due=date(2025, 7, 9),
        closed=at(7, 10, 14),
        status="delivered",
        delivery=Delivery.HOME_DELIVERY,
        revisions=1,
        timeline=(
            Change(at(7, 4, 9), "submitted", CITIZEN),
            Change(at(7, 4, 10), "needs_revision", OFFICER, reason="Foto KK buram"),
            Change(at(7, 4, 15), "submitted", CITIZEN),
            Change(at(7, 7), "verified", OFFICER),
            Change(at(7, 8), "in_process", OFFICER),
            Change(at(7, 9), "ready", OFFICER),
            Change(at(7, 10, 14), "delivered", OFFICER),
        ),
    )
    await add_application_row(
        runtime,
        agency_code=A,
        submitted=at(7, 28, 8),
        due=date(2025, 8, 1),
        closed=at(8, 1, 6),
        status="delivered",
        delivery=Delivery.HOME_DELIVERY,
        timeline=(
            Change(at(7, 28, 8), "submitted", CITIZEN),
            Change(at(7, 28, 9), "verified", OFFICER),
            Change(at(7, 30), "ready", OFFICER, source="in_process"),  # IN_PROCESS was never recorded
            Change(at(8, 1, 6), "delivered", OFFICER),
        ),
    )
    await add_application_row(
        runtime,
        agency_code=A,
        submitted=at(6, 25, 9),
        due=date(2025, 7, 1),
        closed=at(7, 7, 10),
        status="picked_up",
        timeline=(
            Change(at(6, 25, 9), "submitted", CITIZEN),
            Change(at(7, 1), "verified", None),  # no actor recorded
            Change(at(7, 2), "in_process", OFFICER),
            Change(at(7, 4), "ready", OFFICER),
            Change(at(7, 7, 10), "picked_up", OFFICER),
        ),
    )
    await add_application_row(
        runtime,
        agency_code=A,
        submitted=at(7, 14, 9),
        due=date(2025, 7, 17),
        closed=at(7, 15, 10),
        status="rejected",
        timeline=(Change(at(7, 14, 9), "submitted", CITIZEN), Change(at(7, 15, 10), "rejected", OFFICER, reason="   ")),
    )
    await add_application_row(
        runtime, agency_code=A, submitted=at(8, 28), due=date(2025, 9, 2), closed=at(9, 1, 0, 30), status="picked_up"
    )
    await add_application_row(
        runtime,
        agency_code=B,
        submitted=at(7, 14, 9),
        due=date(2025, 7, 17),
        closed=at(7, 15, 11),
        status="picked_up",
        timeline=standard(
            at(7, 14, 9),
            (at(7, 14, 10), "verified"),
            (at(7, 14, 11), "in_process"),
            (at(7, 15, 9), "ready"),
            (at(7, 15, 11), "picked_up"),
        ),
    )
    await add_application_row(
        runtime,
        agency_code=X,
        submitted=at(7, 14, 9),
        due=date(2025, 7, 17),
        closed=at(7, 16, 11),
        status="picked_up",
        timeline=standard(
            at(7, 14, 9),
            (at(7, 14, 10), "verified"),
            (at(7, 15), "in_process"),
            (at(7, 16, 9), "ready"),
            (at(7, 16, 11), "picked_up"),
        ),
    )
    await complaints(runtime)
    # Surveys: A 4s on 10 Jul and 3s on 5 Aug; B 4s on 20 Jul; X 2s; A once more just after the period.
    await add_response(runtime, agency_code=A, answered_at=at(7, 10), values=(4,) * 9)
    await add_response(runtime, agency_code=A, answered_at=at(8, 5), values=(3,) * 9)
    await add_response(runtime, agency_code=B, answered_at=at(7, 20), values=(4,) * 9)
    await add_response(runtime, agency_code=X, answered_at=at(7, 20), values=(2,) * 9)
    await add_response(runtime, agency_code=A, answered_at=at(9, 1, 0, 30), values=(1,) * 9)


def filed(moment: datetime) -> Change:
    return Change(moment, "submitted", action="filed", actor_kind="reporter")


async def complaints(runtime: object) -> None:
    """Complaints to the unit U (verification within 3 working days of filing), disposed to A or B (follow-up within 5
    working days of each disposition):

    c1  filed Tue 1 Jul 09:00, staff message Wed 2 Jul 09:00, verified → B Thu 3 Jul 10:00 (in time), followed up
        Mon 7 Jul (in time), resolved, closed by the reporter Thu 10 Jul; an escalation step (not a transition);
        first response 24 h
    c2  filed Fri 4 Jul 16:00, held Wed 9 Jul 10:00 (in time: the 3rd working day), supplemented, verified → B
        Mon 21 Jul, followed up Tue 29 Jul (late: due Mon 28 Jul) with an empty reason; first response 114 h
    c3  filed Mon 14 Jul 08:00, archived Fri 18 Jul 09:00 (late: due Thu 17 Jul), closed; first response 97 h
    c4  filed Mon 28 Jul 10:00, never decided (overdue, counted, late); no response
    c5  filed Fri 29 Aug 20:00, verified → A Tue 2 Sep 10:00 (in time: due Wed 3 Sep; after the period);
        first response 86 h; the disposition falls outside the period
    c7  filed Tue 15 Jul 09:00, verified → A 10:00 (in time, 1 h), forwarded by A → B Wed 16 Jul (within A's 5 days:
        A's disposition is left out), followed up by B Tue 22 Jul (in time)
    c8  filed Tue 1 Jul 08:00, verified → A 09:00 (in time, 1 h), forwarded → B Thu 10 Jul (after A's due date
        Tue 8 Jul: A late), B never follows up (overdue: late)
    c9  filed Wed 2 Jul 09:00, not our authority Thu 3 Jul 09:00 (in time, 24 h) by a staff step without account;
        its FILED step is missing (timeline incomplete), closed
    c6  (Sidoarjo) unit UX, filed Mon 7 Jul 10:00, verified → X Tue 8 Jul 10:00 (in time, 24 h), never followed up
    """
    await add_complaint_row(
        runtime,
        unit_code=U,
        agency_code=B,
        filed=at(7, 1, 9),
        answered=at(7, 2, 9),
        status="closed",
        closed=at(7, 10),
        dispositions=((at(7, 3, 10), B),),
        steps=(
            filed(at(7, 1, 9)),
            Change(at(7, 3, 10), "disposed", OFFICER, action="verified"),
            Change(at(7, 4), "disposed", None, action="escalated", actor_kind="system"),
            Change(at(7, 7), "in_progress", OFFICER, reason="Ditinjau", action="followed_up"),
            Change(at(7, 8), "resolved", OFFICER, reason="Selesai"),
            Change(at(7, 10), "closed", actor_kind="reporter"),
        ),
    )
    await add_complaint_row(
        runtime,
        unit_code=U,
        agency_code=B,
        filed=at(7, 4, 16),
        status="in_progress",
        dispositions=((at(7, 21, 10), B),),
        steps=(
            filed(at(7, 4, 16)),
            Change(at(7, 9, 10), "held", OFFICER, reason="Lengkapi lokasi"),
            Change(at(7, 10), "submitted", action="supplemented", actor_kind="reporter"),
            Change(at(7, 21, 10), "disposed", OFFICER, action="verified"),
            Change(at(7, 29), "in_progress", OFFICER, reason="", action="followed_up"),
        ),
    )
    await add_complaint_row(
        runtime,
        unit_code=U,
        filed=at(7, 14, 8),
        status="archived",
        closed=at(7, 18, 9),
        steps=(filed(at(7, 14, 8)), Change(at(7, 18, 9), "archived", OFFICER, reason="Duplikat")),
    )
    await add_complaint_row(
        runtime, unit_code=U, filed=at(7, 28, 10), status="submitted", steps=(filed(at(7, 28, 10)),)
    )
    await add_complaint_row(
        runtime,
        unit_code=U,
        agency_code=A,
        filed=at(8, 29, 20),
        status="disposed",
        dispositions=((at(9, 2, 10), A),),
        steps=(filed(at(8, 29, 20)), Change(at(9, 2, 10), "disposed", OFFICER, action="verified")),
    )
    await add_complaint_row(
        runtime,
        unit_code=U,
        agency_code=B,
        filed=at(7, 15, 9),
        status="in_progress",
        dispositions=((at(7, 15, 10), A), (at(7, 16), B)),
        steps=(
            filed(at(7, 15, 9)),
            Change(at(7, 15, 10), "disposed", OFFICER, action="verified"),
            Change(at(7, 16), "disposed", OFFICER, reason="Kewenangan Dinkes", action="forwarded"),
            Change(at(7, 22), "in_progress", OFFICER, reason="Ditinjau", action="followed_up"),
        ),
    )
    await add_complaint_row(
        runtime,
        unit_code=U,
        agency_code=B,
        filed=at(7, 1, 8),
        status="disposed",
        dispositions=((at(7, 1, 9), A), (at(7, 10), B)),
        steps=(
            filed(at(7, 1, 8)),
            Change(at(7, 1, 9), "disposed", OFFICER, action="verified"),
            Change(at(7, 10), "disposed", OFFICER, reason="Kewenangan Dinkes", action="forwarded"),
        ),
    )
    await add_complaint_row(
        runtime,
        unit_code=U,
        filed=at(7, 2, 9),
        status="not_our_authority",
        closed=at(7, 3, 9),
        steps=(Change(at(7, 3, 9), "not_our_authority", None, reason="Kewenangan pusat", source="submitted"),),
    )
    await add_complaint_row(
        runtime,
        unit_code=UX,
        agency_code=X,
        filed=at(7, 7, 10),
        status="disposed",
        dispositions=((at(7, 8, 10), X),),
        steps=(filed(at(7, 7, 10)), Change(at(7, 8, 10), "disposed", OFFICER, action="verified")),
    )


def test_the_hand_counts_agree_with_the_platform_calendar() -> None:
    """The working days written in the comments above, checked once against core.calendar."""
    assert working_days_between(date(2025, 7, 1), date(2025, 7, 4)) == 3
    assert working_days_between(date(2025, 7, 4), date(2025, 7, 10)) == 4
    assert working_days_between(date(2025, 7, 28), date(2025, 8, 1)) == 4
    assert working_days_between(date(2025, 6, 25), date(2025, 7, 7)) == 7
    assert working_days_between(date(2025, 7, 14), date(2025, 7, 16)) == 2


async def card(gql: object, **scope: str) -> dict[str, object]:
    data = await gql.execute(CARD, {"period": PERIOD, **scope})  # type: ignore[attr-defined]
    return data["cettarScorecard"]  # type: ignore[no-any-return]


async def test_an_agency_scorecard_has_every_figure_known_in_advance(gql, cettar_runtime) -> None:
    await build(cettar_runtime)
    got = await card(gql, agencyCode=A)
    assert got["scope"] == {"kind": "AGENCY", "code": A, "name": got["scope"]["name"]}
    assert (got["periodStart"], got["periodEnd"]) == ("2025-07-01", "2025-08-31")
    # a1 late 3, a2 late 4, a3 on time 4, a4 late 7 → 1/4; median of 3, 4, 4, 7 = 4.
    assert got["cepat"] == {"onTime": share(1, 4), "medianWorkingDays": 4.0}
    # a2 and a3 delivered home; visits avoided: 4 submissions + 1 resubmission + 2 deliveries.
    assert got["efektif"] == {"withoutCounterVisit": share(2, 4), "officeVisitsAvoided": 7}
    # A is no complaint unit; its dispositions: c7 left within its 5 days (out), c8 forwarded late (counted, late).
    assert got["tanggap"] == {
        "verifiedInTime": share(0, 0),
        "followedUpInTime": share(0, 1),
        "medianHoursToFirstResponse": None,
    }
    # a1, a2, a4, a5 complete, a3 not; no complaint of A closed in the period.
    assert got["transparan"] == {"applications": share(4, 5), "complaints": share(0, 0), "overall": share(4, 5)}
    # Timeline entries in the period: a1 5, a2 7, a3 4, a4 4 (one without actor), a5 2 (blank reason) = 22, 20 ok;
    # c5's FILED step (29 Aug; c5 is disposed to A) = 1 ok.
    assert got["akuntabel"]["transitions"] == share(21, 23)
    assert got["akuntabel"]["auditChain"]["verified"] is True
    # Two answers, all 4 and all 3: NRR 3.5 each, IKM 3.5, index 87.50 — B (Baik).
    assert got["responsif"] == {"respondents": 2, "ikm": 3.5, "index": 87.5, "grade": "B", "gradeLabel": "Baik"}


async def test_a_region_rolls_up_its_agencies_and_the_province_everything(gql, cettar_runtime) -> None:
    await build(cettar_runtime)
    region = await card(gql, regionCode="35.78")
    assert region["scope"]["kind"] == "REGION" and region["scope"]["code"] == "35.78"
    # + b1 on time, 1 day: 2/5; median of 1, 3, 4, 4, 7 = 4.
    assert region["cepat"] == {"onTime": share(2, 5), "medianWorkingDays": 4.0}
    assert region["efektif"] == {"withoutCounterVisit": share(2, 5), "officeVisitsAvoided": 8}
    # Unit U: c1, c2, c5, c7, c8, c9 in time; c3 late; c4 overdue → 6/8. Dispositions: A c8 late; B c1 in time,
    # c2 late, c7 in time, c8 overdue → 2/5. Hours to the first response: 1, 1, 24, 24, 86, 97, 114 → 24.
    assert region["tanggap"] == {
        "verifiedInTime": share(6, 8),
        "followedUpInTime": share(2, 5),
        "medianHoursToFirstResponse": 24.0,
    }
    # + b1 complete; complaints closed: c1 complete, c3 complete, c9 without its FILED step.
    assert region["transparan"] == {"applications": share(5, 6), "complaints": share(2, 3), "overall": share(7, 9)}
    # A 21/23; B: b1 5/5, c1 5/5 (its escalation is no transition), c2 4/5 (empty follow-up reason), c7 4/4,
    # c8 3/3; U: c3 2/2, c4 1/1, c9 0/1 (staff step without account) → 45/49.
    assert region["akuntabel"]["transitions"] == share(45, 49)
    # A's 4s and 3s, B's 4s: sums 11 per element over 3 → IKM 3.6667, index 91.67 — A.
    assert region["responsif"] == {
        "respondents": 3,
        "ikm": 3.6667,
        "index": 91.67,
        "grade": "A",
        "gradeLabel": "Sangat Baik",
    }

    province = await card(gql)
    assert province["scope"]["kind"] == "PROVINCE" and province["scope"]["code"] == "35"
    assert province == await card(gql, regionCode="35") | {"scope": province["scope"]}
    # + x1 on time, 2 days: 3/6; median of 1, 2, 3, 4, 4, 7 = 3.5.
    assert province["cepat"] == {"onTime": share(3, 6), "medianWorkingDays": 3.5}
    assert province["efektif"] == {"withoutCounterVisit": share(2, 6), "officeVisitsAvoided": 9}
    # + c6 verified in time (24 h), its disposition to X never followed up.
    assert province["tanggap"] == {
        "verifiedInTime": share(7, 9),
        "followedUpInTime": share(2, 6),
        "medianHoursToFirstResponse": 24.0,
    }
    assert province["transparan"]["overall"] == share(8, 10)
    assert province["akuntabel"]["transitions"] == share(52, 56)
    # + X's 2s: sums 13 over 4 → IKM 3.25, index 81.25 — B.
    assert province["responsif"]["index"] == 81.25 and province["responsif"]["grade"] == "B"


async def test_the_monthly_series(gql, cettar_runtime) -> None:
    await build(cettar_runtime)
    months = (await gql.execute(MONTHS, {"period": PERIOD, "regionCode": "35.78"}))["cettarScorecard"]["months"]
    assert [m["month"] for m in months] == ["2025-07", "2025-08"]
    july, august = months
    # July: a1, a2, a4, b1 (a3 was completed on 1 Aug WIB, still 31 Jul in UTC).
    assert july["cepat"] == {"onTime": share(1, 4), "medianWorkingDays": 3.5}
    assert august["cepat"] == {"onTime": share(1, 1), "medianWorkingDays": 4.0}
    assert july["efektif"] == {"withoutCounterVisit": share(1, 4), "officeVisitsAvoided": 6}
    assert august["efektif"] == {"withoutCounterVisit": share(1, 1), "officeVisitsAvoided": 2}
    assert july["tanggap"]["verifiedInTime"] == share(5, 7)
    assert august["tanggap"]["verifiedInTime"] == share(1, 1)
    assert july["tanggap"]["followedUpInTime"] == share(2, 5)
    assert august["tanggap"]["followedUpInTime"] == share(0, 0)
    assert july["tanggap"]["medianHoursToFirstResponse"] == 24.0
    assert august["tanggap"]["medianHoursToFirstResponse"] == 86.0
    # a3 (incomplete) was closed in August; everything else closed in July.
    assert july["transparan"]["overall"] == share(7, 8)
    assert august["transparan"]["overall"] == share(0, 1)
    # August: a3's READY (30 Jul) is July; its DELIVERED (1 Aug) and c5's FILED are August.
    assert august["akuntabel"] == {"transitions": share(2, 2), "auditChain": None}
    assert july["akuntabel"]["transitions"] == share(43, 47)
    assert july["responsif"] == {"respondents": 2, "index": 100.0, "grade": "A"}
    assert august["responsif"] == {"respondents": 1, "index": 75.0, "grade": "C"}


async def test_agencies_are_ranked_within_a_region(gql, cettar_runtime) -> None:
    await build(cettar_runtime)

    async def ranking(measure: str, **more: object) -> dict[str, object]:
        variables = {"period": PERIOD, "regionCode": "35.78", "measure": measure, **more}
        return (await gql.execute(RANKING, variables))["cettarAgencyRanking"]  # type: ignore[no-any-return]

    cepat = await ranking("CEPAT")
    ranked = [(n["agency"]["code"], n["rank"], n["value"]) for n in cepat["nodes"] if n["value"] is not None]
    assert ranked == [(B, 1, 1.0), (A, 2, 0.25)]
    assert all(n["agency"]["regionCode"].startswith("35.78") for n in cepat["nodes"])
    assert [n["position"] for n in cepat["nodes"]] == list(range(1, len(cepat["nodes"]) + 1))
    assert all(n["rank"] is None for n in cepat["nodes"][2:]), "agencies without data come last, unranked"
    assert X not in [n["agency"]["code"] for n in cepat["nodes"]]

    tanggap = await ranking("TANGGAP", first=2)
    assert [(n["agency"]["code"], n["numerator"], n["denominator"]) for n in tanggap["nodes"]] == [(U, 6, 8), (B, 2, 4)]
    assert tanggap["pageInfo"]["hasNextPage"] is True
    rest = await ranking("TANGGAP", first=1, after=tanggap["pageInfo"]["endCursor"])
    assert [(n["position"], n["agency"]["code"], n["value"]) for n in rest["nodes"]] == [(3, A, 0.0)]
    assert rest["pageInfo"]["hasPreviousPage"] is True and rest["totalCount"] == tanggap["totalCount"]

    responsif = await ranking("RESPONSIF")
    assert [(n["agency"]["code"], n["rank"], n["value"], n["denominator"]) for n in responsif["nodes"][:2]] == [
        (B, 1, 100.0, 1),
        (A, 2, 87.5, 2),
    ]
    akuntabel = await ranking("AKUNTABEL")
    assert [(n["agency"]["code"], n["numerator"], n["denominator"]) for n in akuntabel["nodes"][:3]] == [
        (B, 21, 22),
        (A, 21, 23),
        (U, 3, 4),
    ]


async def test_the_statement_count_does_not_grow_with_the_data(gql, cettar_runtime) -> None:
    await build(cettar_runtime)
    variables = {"period": PERIOD, "regionCode": "35.78"}
    await gql.execute(CARD, variables)  # the audit chain is verified once, then kept while its head is unchanged
    with count_statements(cettar_runtime) as small:
        await gql.execute(CARD, variables)
        await gql.execute(MONTHS, variables)
        await gql.execute(RANKING, {**variables, "measure": "TANGGAP"})
    await build(cettar_runtime)  # twice the rows
    await build(cettar_runtime)
    with count_statements(cettar_runtime) as large:
        await gql.execute(CARD, variables)
        await gql.execute(MONTHS, variables)
        await gql.execute(RANKING, {**variables, "measure": "TANGGAP"})
    assert large.count == small.count, "\n".join(large.statements)
    assert small.count <= 30


async def test_the_audit_chain_verification_is_kept_until_the_chain_changes(gql, cettar_runtime) -> None:
    query = "query($p: PeriodInput!) { cettarScorecard(period: $p) { akuntabel { auditChain { verified checkedRecords } } } }"
    await gql.login(OFFICER)  # a sign-in is audited: the chain has records
    first = (await gql.execute(query, {"p": PERIOD}))["cettarScorecard"]["akuntabel"]["auditChain"]
    assert first["verified"] is True and first["checkedRecords"] > 0
    with count_statements(cettar_runtime) as again:
        await gql.execute(query, {"p": PERIOD})
    verifying = [s for s in again.statements if "core_audit" in s and "core_audit_head" not in s]
    assert not verifying, "verified again although nothing changed"
    async with cettar_runtime.database.session() as session:
        await session.execute(text("UPDATE core_audit SET action = 'tampered' WHERE seq = 1"))
        await session.commit()
    kept = (await gql.execute(query, {"p": PERIOD}))["cettarScorecard"]["akuntabel"]["auditChain"]
    assert kept == first, "the head did not move: the kept verification stands (for at most RECHECK_AFTER)"
    await gql.login(CITIZEN)  # the head moves: the next scorecard verifies the whole chain again
    broken = (await gql.execute(query, {"p": PERIOD}))["cettarScorecard"]["akuntabel"]["auditChain"]
    assert broken["verified"] is False


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [
        ({"agencyCode": "dinas-tidak-ada"}, "SCORECARD_UNKNOWN_AGENCY", "agencyCode"),
        ({"regionCode": "35.99"}, "SCORECARD_UNKNOWN_REGION", "regionCode"),
        ({"regionCode": "surabaya"}, "SCORECARD_UNKNOWN_REGION", "regionCode"),
        ({"regionCode": "31.71"}, "SCORECARD_REGION_OUTSIDE_PROVINCE", "regionCode"),
        ({"agencyCode": A, "regionCode": "35.78"}, "SCORECARD_SCOPE_CONFLICT", "agencyCode"),
        ({"period": {"start": "2025-08-31", "end": "2025-07-01"}}, "VALIDATION_FAILED", "period.end"),
        ({"period": {"start": "2015-01-01", "end": "2025-12-31"}}, "VALIDATION_FAILED", "period.end"),
    ],
)
async def test_bad_input_is_a_typed_bilingual_error_naming_the_field(gql, variables, code, field) -> None:
    query = "query($period: PeriodInput!, $agencyCode: String, $regionCode: String) { cettarScorecard(period: $period, agencyCode: $agencyCode, regionCode: $regionCode) { scope { code } } }"
    merged = {"period": PERIOD, **variables}
    answer = await gql.query(query, merged)
    assert answer.codes == [code]
    assert answer.errors[0]["extensions"]["field"] == field
    english = await gql.with_headers(**{"Accept-Language": "en"}).query(query, merged)
    assert english.errors[0]["message"] != answer.errors[0]["message"]
    if "regionCode" in variables and "agencyCode" not in variables:
        ranking = await gql.query(
            RANKING, {"period": PERIOD, "measure": "CEPAT", "regionCode": variables["regionCode"]}
        )
        assert ranking.codes == [code]


async def fact_count(runtime: object, agency_code: str | None = None) -> int:
    where = "" if agency_code is None else " WHERE agency_id = (SELECT id FROM core_agency WHERE code = :code)"
    async with runtime.database.session() as session:  # type: ignore[attr-defined]
        found = await session.execute(
            text(f"SELECT COUNT(*) FROM kinerja_application_fact{where}"), {"code": agency_code}
        )
        return int(found.scalar_one())


async def test_the_facts_are_computed_once_and_a_case_closed_later_counts_at_the_next_request(
    gql, cettar_runtime
) -> None:
    await build(cettar_runtime)
    # a9: A, submitted Mon 14 Jul, still in process at the first request.
    a9 = await add_application_row(
        cettar_runtime,
        agency_code=A,
        submitted=at(7, 14, 9),
        due=date(2025, 7, 17),
        closed=None,
        status="in_process",
        timeline=standard(at(7, 14, 9), (at(7, 14, 10), "verified"), (at(7, 15), "in_process")),
    )
    assert await fact_count(cettar_runtime) == 0
    first = await card(gql, agencyCode=A)
    assert first["cepat"] == {"onTime": share(1, 4), "medianWorkingDays": 4.0}
    assert first["transparan"]["applications"] == share(4, 5)
    # a1-a5: the applications of A closed in the period; a7 (closed after it) and the open a9 have none.
    assert await fact_count(cettar_runtime, A) == 5
    assert await fact_count(cettar_runtime) == 5

    # a9 is picked up on Wed 16 Jul (on time, 2 working days, complete timeline).
    async with cettar_runtime.database.session() as session:
        await session.execute(
            text("UPDATE layanan_application SET status = 'picked_up', closed_at = :closed WHERE id = :id"),
            {"closed": at(7, 16, 11), "id": a9},
        )
        await session.execute(
            text(
                "INSERT INTO layanan_timeline (application_id, at, kind, from_status, to_status, actor_id, actor_role)"
                " SELECT :id, :at, 'status_changed', 'in_process', 'picked_up', actor_id, 'officer'"
                " FROM layanan_timeline WHERE application_id = :id AND to_status = 'in_process'"
            ),
            {"id": a9, "at": at(7, 16, 11)},
        )
        await session.commit()
    later = await card(gql, agencyCode=A)
    # On time: a3 and a9 of 5; working days 2, 3, 4, 4, 7 → median 4; complete timelines 5 of 6.
    assert later["cepat"] == {"onTime": share(2, 5), "medianWorkingDays": 4.0}
    assert later["efektif"] == {"withoutCounterVisit": share(2, 5), "officeVisitsAvoided": 8}
    assert later["transparan"]["applications"] == share(5, 6)
    assert await fact_count(cettar_runtime, A) == 6

    # Computed once: a closed application's facts are read, not worked out again (here: altered by hand).
    async with cettar_runtime.database.session() as session:
        await session.execute(text("UPDATE kinerja_application_fact SET on_time = 1 WHERE completed = 1"))
        await session.commit()
    again = await card(gql, agencyCode=A)
    assert again["cepat"]["onTime"] == share(5, 5)
    assert await fact_count(cettar_runtime) == 6


async def test_requests_at_once_fill_the_facts_once_and_agree(gql, cettar_runtime) -> None:
    await build(cettar_runtime)
    agency, again, province = await asyncio.gather(card(gql, agencyCode=A), card(gql, agencyCode=A), card(gql))
    assert agency == again
    assert agency["cepat"] == {"onTime": share(1, 4), "medianWorkingDays": 4.0}
    assert agency["transparan"]["applications"] == share(4, 5)
    assert province["cepat"] == {"onTime": share(3, 6), "medianWorkingDays": 3.5}
    assert province["transparan"]["overall"] == share(8, 10)
    # a1-a5, b1, x1: one row each.
    assert await fact_count(cettar_runtime) == 7
    ranking = await gql.execute(RANKING, {"period": PERIOD, "regionCode": "35.78", "measure": "CEPAT"})
    assert [(n["agency"]["code"], n["numerator"], n["denominator"]) for n in ranking["cettarAgencyRanking"]["nodes"]][
        :2
    ] == [(B, 1, 1), (A, 1, 4)]


async def test_the_job_fills_the_facts_ahead_of_the_requests(gql, cettar_runtime) -> None:
    await build(cettar_runtime)
    closed = f"SELECT COUNT(*) FROM layanan_application WHERE status IN {FINAL}"
    async with cettar_runtime.database.session() as session:
        expected = int((await session.execute(text(closed))).scalar_one())
    assert expected >= 7 and await fact_count(cettar_runtime) == 0

    [result] = await run_jobs(cettar_runtime, only="kinerja.fill_scorecard_facts")
    assert (result.error, result.changed) == (None, expected)
    assert await fact_count(cettar_runtime) == expected
    [again] = await run_jobs(cettar_runtime, only="kinerja.fill_scorecard_facts")
    assert (again.error, again.changed) == (None, 0)

    # The requests read what the job computed: the same figures as when they fill the facts themselves.
    agency = await card(gql, agencyCode=A)
    assert agency["cepat"] == {"onTime": share(1, 4), "medianWorkingDays": 4.0}
    assert agency["transparan"]["applications"] == share(4, 5)
    assert await fact_count(cettar_runtime) == expected
