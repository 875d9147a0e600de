"""Officer performance (kinerja ASN): figures known in advance, read through GraphQL, and who may read them.

The dataset lies in a fixed past quarter (2025 Q1, WIB), so no figure depends on the day the test runs:
applications, timelines, complaint steps and survey answers are written as rows with the moments below,
and every expected working-day count is worked out by ``core.calendar`` (a Python loop over days), which
the SQL calendar must agree with.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlmodel import col

from core.calendar import WIB, working_days_between
from core.identity.models import Account, Officer
from core.regions.models import Agency
from core.runtime import Runtime
from core.services import Delivery
from plugins.kinerja.models import SurveyResponse
from plugins.layanan.models import Application, TimelineEntry
from plugins.layanan.workflow import ApplicationStatus, TimelineKind
from plugins.pengaduan.models import (
    ActorKind,
    Channel,
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    ComplaintStep,
    StepAction,
)
from schema import encode_global_id
from tests.kinerja.support import MARK

pytestmark = MARK

PERIOD = {"start": "2025-01-01", "end": "2025-03-31"}
FIGURES = """
  officerId name agencyCode withinDeadlineShare
  applications { handled completed completedWithinDeadline withinDeadlineShare medianWorkingDays }
  complaints { handled responses responsesWithinDeadline withinDeadlineShare medianResponseWorkingDays }
  satisfaction { respondents ikm index grade }
"""
ONE = f"query($id: ID, $period: PeriodInput!) {{ officerPerformance(officerId: $id, period: $period) {{ {FIGURES} }} }}"
PAGE = f"""query($agency: String!, $period: PeriodInput!, $first: Int, $after: String) {{
  agencyOfficerPerformance(agencyCode: $agency, period: $period, first: $first, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ {FIGURES} }}
  }}
}}"""
S = ApplicationStatus


def at(day: str, hour: int = 9) -> datetime:
    """A WIB wall-clock moment on ``day`` (stored in UTC)."""
    return datetime.combine(date.fromisoformat(day), time(hour), tzinfo=WIB)


def wd(start: str, end: str) -> int:
    return working_days_between(date.fromisoformat(start), date.fromisoformat(end))


@contextmanager
def statements(runtime: Runtime) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = runtime.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


class Data:
    """The accounts, agencies and row builders of the dataset."""

    def __init__(self, ids: dict[str, int], agencies: dict[str, int]) -> None:
        self.ids = ids
        self.agencies = agencies
        self.rows: list[Any] = []
        self.next_application = 900_000
        self.next_complaint = 900_000

    def application(
        self, *, submitted: str, due: str, status: S, closed: str | None, assigned: str | None, moves: list[Any]
    ) -> int:
        """An application at Dispendukcapil Surabaya; ``moves`` are (day, status, username) status changes."""
        self.next_application += 1
        number = self.next_application
        self.rows.append(
            Application(
                id=number,
                tracking_number=f"LYN-TEST{number}",
                service_code="uji.kk",
                agency_id=self.agencies["dispendukcapil-3578"],
                applicant_id=self.ids["warga.budi"],
                status=status,
                answers={},
                delivery_method=Delivery.PICKUP,
                time_limit_days=3,
                fee_amount=0,
                submitted_at=at(submitted),
                clock_started_at=at(submitted),
                due_date=date.fromisoformat(due),
                updated_at=at(closed or submitted),
                closed_at=None if closed is None else at(closed, 10),
                assigned_officer_id=None if assigned is None else self.ids[assigned],
            )
        )
        self.rows.append(
            TimelineEntry(
                application_id=number,
                at=at(submitted),
                kind=TimelineKind.STATUS_CHANGED,
                to_status=S.SUBMITTED,
                actor_id=self.ids["warga.budi"],
                actor_role="citizen",
            )
        )
        for day, target, who in moves:
            self.rows.append(
                TimelineEntry(
                    application_id=number,
                    at=at(day, 10),
                    kind=TimelineKind.STATUS_CHANGED,
                    to_status=target,
                    actor_id=self.ids[who],
                    actor_role="officer",
                )
            )
        return number

    def complaint(self, *, filed: str, steps: list[tuple[str, StepAction, str | None]]) -> int:
        """A complaint disposed to Dispendukcapil Surabaya; ``steps`` are (day, action, staff username or None)."""
        self.next_complaint += 1
        number = self.next_complaint
        self.rows.append(
            Complaint(
                id=number,
                tracking_number=f"ADU-T{number}",
                kind=ComplaintKind.COMPLAINT,
                title="Antrean KK lama",
                text="Antrean pengurusan KK terlalu lama di kantor kecamatan.",
                category="administrasi_kependudukan",
                status=ComplaintStatus.IN_PROGRESS,
                channel=Channel.WEB,
                region_code="35.78.01.1001",
                regency_code="35.78",
                unit_agency_id=self.agencies["diskominfo-3578"],
                agency_id=self.agencies["dispendukcapil-3578"],
                created_at=at(filed),
                updated_at=at(filed),
                status_changed_at=at(filed),
            )
        )
        self.rows.append(
            ComplaintStep(
                complaint_id=number,
                action=StepAction.FILED,
                to_status=ComplaintStatus.SUBMITTED,
                actor_kind=ActorKind.REPORTER,
                at=at(filed),
            )
        )
        for day, action, who in steps:
            self.rows.append(
                ComplaintStep(
                    complaint_id=number,
                    action=action,
                    to_status=ComplaintStatus.IN_PROGRESS,
                    actor_kind=ActorKind.STAFF if who else ActorKind.SYSTEM,
                    actor_account_id=None if who is None else self.ids[who],
                    at=at(day, 11),
                )
            )
        return number

    def survey(self, application_id: int, officer: str, answered: str, score: int) -> None:
        values = {f"u{i}": score for i in range(1, 10)}
        self.rows.append(
            SurveyResponse(
                application_id=application_id,
                agency_id=self.agencies["dispendukcapil-3578"],
                service_code="uji.kk",
                officer_id=self.ids[officer],
                answered_at=at(answered, 12),
                **values,
            )
        )


PETUGAS, ADMIN = "petugas.surabaya", "admin.surabaya"


async def build(runtime: Runtime) -> Data:
    """The dataset; the expected figures are in :data:`EXPECTED`."""
    async with runtime.database.session() as session:
        ids = {
            name: id_
            for name, id_ in await session.execute(select(col(Account.username), col(Account.id)))
            if id_ is not None
        }
        agencies = {
            code: id_
            for code, id_ in await session.execute(
                select(col(Agency.code), col(Agency.id)).where(
                    col(Agency.code).in_(["dispendukcapil-3578", "diskominfo-3578"])
                )
            )
            if id_ is not None
        }
    data = Data(ids, agencies)
    # A1: petugas, on time (closed 5 Mar, due 6 Mar)
    a1 = data.application(
        submitted="2025-03-03", due="2025-03-06", status=S.PICKED_UP, closed="2025-03-05", assigned=PETUGAS,
        moves=[("2025-03-03", S.VERIFIED, PETUGAS), ("2025-03-04", S.READY, PETUGAS), ("2025-03-05", S.PICKED_UP, PETUGAS)],
    )  # fmt: skip
    # A2: petugas, late, across two holidays (Isra Mi'raj 27 Jan, Imlek 29 Jan)
    a2 = data.application(
        submitted="2025-01-24", due="2025-01-28", status=S.DELIVERED, closed="2025-02-04", assigned=PETUGAS,
        moves=[("2025-01-24", S.VERIFIED, PETUGAS), ("2025-02-04", S.DELIVERED, PETUGAS)],
    )  # fmt: skip
    # A3: petugas, rejected: handled, not completed
    data.application(
        submitted="2025-02-10", due="2025-02-13", status=S.REJECTED, closed="2025-02-11", assigned=PETUGAS,
        moves=[("2025-02-11", S.REJECTED, PETUGAS)],
    )  # fmt: skip
    # A4: assigned to the admin, but petugas verified it: handled by both; completed on time
    data.application(
        submitted="2025-03-13", due="2025-03-18", status=S.PICKED_UP, closed="2025-03-18", assigned=ADMIN,
        moves=[("2025-03-14", S.VERIFIED, PETUGAS), ("2025-03-17", S.READY, ADMIN), ("2025-03-18", S.PICKED_UP, ADMIN)],
    )  # fmt: skip
    # A5: petugas, but everything happened after the period: not handled in it
    a5 = data.application(
        submitted="2025-04-07", due="2025-04-10", status=S.PICKED_UP, closed="2025-04-09", assigned=PETUGAS,
        moves=[("2025-04-08", S.VERIFIED, PETUGAS), ("2025-04-09", S.PICKED_UP, PETUGAS)],
    )  # fmt: skip
    # A6: petugas, still in process: handled, not completed
    data.application(
        submitted="2025-03-24", due="2025-03-27", status=S.IN_PROCESS, closed=None, assigned=PETUGAS,
        moves=[("2025-03-25", S.VERIFIED, PETUGAS), ("2025-03-26", S.IN_PROCESS, PETUGAS)],
    )  # fmt: skip
    # A7: another agency's officer moved it: nothing for anyone of Surabaya
    data.application(
        submitted="2025-03-03", due="2025-03-06", status=S.VERIFIED, closed=None, assigned="petugas.sidoarjo",
        moves=[("2025-03-04", S.VERIFIED, "petugas.sidoarjo")],
    )  # fmt: skip
    # C1: the admin decides (1 working day), petugas follows up 2 working days after the disposition
    data.complaint(
        filed="2025-02-03",
        steps=[("2025-02-04", StepAction.VERIFIED, ADMIN), ("2025-02-06", StepAction.FOLLOWED_UP, PETUGAS)],
    )
    # C2: petugas decides late (5 working days), follows up the next day, resolves; the system escalated meanwhile
    data.complaint(
        filed="2025-02-10",
        steps=[
            ("2025-02-14", StepAction.ESCALATED, None),
            ("2025-02-17", StepAction.VERIFIED, PETUGAS),
            ("2025-02-18", StepAction.FOLLOWED_UP, PETUGAS),
            ("2025-02-20", StepAction.RESOLVED, PETUGAS),
        ],
    )
    # C3: petugas only moderated it (removed): not handling
    data.complaint(filed="2025-03-03", steps=[("2025-03-04", StepAction.REMOVED, PETUGAS)])
    # Surveys: two for petugas in the period (all 4s, all 3s), one after it; one for the admin
    data.survey(a1, PETUGAS, "2025-03-06", 4)
    data.survey(a2, PETUGAS, "2025-02-05", 3)
    data.survey(a5, PETUGAS, "2025-04-10", 1)
    data.survey(a5 - 1, ADMIN, "2025-03-19", 2)  # A4
    async with runtime.database.session() as session:
        for kind in (Application, TimelineEntry, Complaint, ComplaintStep, SurveyResponse):  # parents first
            session.add_all([row for row in data.rows if isinstance(row, kind)])
            await session.flush()
    return data


def expected() -> dict[str, Any]:
    a_days = sorted([wd("2025-03-03", "2025-03-05"), wd("2025-01-24", "2025-02-04"), wd("2025-03-13", "2025-03-18")])
    c_days = sorted([wd("2025-02-04", "2025-02-06"), wd("2025-02-10", "2025-02-17"), wd("2025-02-17", "2025-02-18")])
    assert a_days == [2, 3, 5] and c_days == [1, 2, 5]  # the holidays counted: 24 Jan → 4 Feb is 5, not 7
    return {
        PETUGAS: {
            "name": "Agus Prasetyo",
            "agencyCode": "dispendukcapil-3578",
            "withinDeadlineShare": pytest.approx(4 / 6),
            "applications": {
                "handled": 5,
                "completed": 3,
                "completedWithinDeadline": 2,
                "withinDeadlineShare": pytest.approx(2 / 3),
                "medianWorkingDays": 3.0,
            },
            "complaints": {
                "handled": 2,
                "responses": 3,
                "responsesWithinDeadline": 2,
                "withinDeadlineShare": pytest.approx(2 / 3),
                "medianResponseWorkingDays": 2.0,
            },
            "satisfaction": {"respondents": 2, "ikm": 3.5, "index": 87.5, "grade": "B"},
        },
        ADMIN: {
            "name": "Dewi Lestari",
            "agencyCode": "dispendukcapil-3578",
            "withinDeadlineShare": 1.0,
            "applications": {
                "handled": 1,
                "completed": 1,
                "completedWithinDeadline": 1,
                "withinDeadlineShare": 1.0,
                "medianWorkingDays": 3.0,
            },
            "complaints": {
                "handled": 1,
                "responses": 1,
                "responsesWithinDeadline": 1,
                "withinDeadlineShare": 1.0,
                "medianResponseWorkingDays": 1.0,
            },
            "satisfaction": {"respondents": 1, "ikm": 2.0, "index": 50.0, "grade": "D"},
        },
    }


def officer_id(data: Data, username: str) -> str:
    return encode_global_id("Officer", str(data.ids[username]))


def without_id(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k != "officerId"}


async def test_an_officer_reads_their_own_figures_known_in_advance(gql, cettar_runtime):
    data = await build(cettar_runtime)
    want = expected()
    petugas = await gql.login(PETUGAS)
    mine = (await petugas.execute(ONE, {"period": PERIOD}))["officerPerformance"]
    assert mine["officerId"] == officer_id(data, PETUGAS)
    assert without_id(mine) == want[PETUGAS]
    by_id = (await petugas.execute(ONE, {"id": officer_id(data, PETUGAS), "period": PERIOD}))["officerPerformance"]
    assert by_id == mine
    # the agency admin and the province admin read the same figures
    for reader in (ADMIN, "admin.provinsi"):
        client = await gql.login(reader)
        seen = (await client.execute(ONE, {"id": officer_id(data, PETUGAS), "period": PERIOD}))["officerPerformance"]
        assert seen == mine, reader
    # a period with nothing in it
    april = {"start": "2025-04-01", "end": "2025-04-30"}
    later = (await petugas.execute(ONE, {"period": april}))["officerPerformance"]
    assert later["applications"]["handled"] == 1 and later["applications"]["completed"] == 1
    empty = {"start": "2024-01-01", "end": "2024-01-31"}
    nothing = (await petugas.execute(ONE, {"period": empty}))["officerPerformance"]
    assert nothing["withinDeadlineShare"] is None and nothing["applications"]["medianWorkingDays"] is None
    assert nothing["satisfaction"] == {"respondents": 0, "ikm": None, "index": None, "grade": None}


async def test_only_the_officer_their_agency_admin_and_the_province_admin_may_read(gql, cettar_runtime):
    data = await build(cettar_runtime)
    target = {"id": officer_id(data, PETUGAS), "period": PERIOD}
    # another officer, of the same agency or another, and another agency's admin: as if it did not exist
    for reader in ("petugas.sidoarjo", "admin.sidoarjo"):
        client = await gql.login(reader)
        result = await client.query(ONE, target)
        assert result.codes == ["NOT_FOUND"], reader
        assert result.data is None
    colleague = await (await gql.login(ADMIN)).query(ONE, {"id": officer_id(data, ADMIN), "period": PERIOD})
    assert colleague.codes == []
    officer = await gql.login(PETUGAS)
    assert (await officer.query(ONE, {"id": officer_id(data, ADMIN), "period": PERIOD})).codes == ["NOT_FOUND"]
    # a citizen reads none, not even "their own"; anonymous callers must sign in
    citizen = await gql.login("warga.budi")
    assert (await citizen.query(ONE, target)).codes == ["FORBIDDEN"]
    assert (await citizen.query(ONE, {"period": PERIOD})).codes == ["FORBIDDEN"]
    assert (await gql.query(ONE, target)).codes == ["UNAUTHENTICATED"]
    # an account that is not an officer, and a bad ID
    not_officer = {"id": encode_global_id("Officer", str(data.ids["warga.budi"])), "period": PERIOD}
    assert (await (await gql.login("admin.provinsi")).query(ONE, not_officer)).codes == ["NOT_FOUND"]
    bad = await officer.query(ONE, {"id": encode_global_id("Agency", "1"), "period": PERIOD})
    assert bad.codes == ["INVALID_ID"] and bad.errors[0]["extensions"]["field"] == "officerId"
    backwards = await officer.query(ONE, {"period": {"start": "2025-03-31", "end": "2025-01-01"}})
    assert backwards.codes == ["VALIDATION_FAILED"] and backwards.errors[0]["extensions"]["field"] == "period.end"
    # the agency list: its own agency admin and the province admin only
    page = {"agency": "dispendukcapil-3578", "period": PERIOD}
    for reader in ("petugas.surabaya", "warga.budi", "admin.sidoarjo"):
        assert (await (await gql.login(reader)).query(PAGE, page)).codes == ["FORBIDDEN"], reader
    assert (await gql.query(PAGE, page)).codes == ["UNAUTHENTICATED"]
    unknown = await (await gql.login("admin.provinsi")).query(PAGE, {**page, "agency": "tidak-ada"})
    assert unknown.codes == ["NOT_FOUND"] and unknown.errors[0]["extensions"]["field"] == "agencyCode"


async def test_the_agency_list_pages_with_one_aggregate_per_page(gql, cettar_runtime):
    data = await build(cettar_runtime)
    want = expected()
    admin = await gql.login(ADMIN)
    page = {"agency": "dispendukcapil-3578", "period": PERIOD}
    whole = (await admin.execute(PAGE, {**page, "first": 10}))["agencyOfficerPerformance"]
    async with cettar_runtime.database.session() as session:
        staff = (
            await session.execute(
                select(col(Officer.account_id)).where(col(Officer.agency_id) == data.agencies["dispendukcapil-3578"])
            )
        ).all()
    assert whole["totalCount"] == len(staff) == 2
    nodes = {node["name"]: without_id(node) for node in whole["nodes"]}
    assert nodes == {"Agus Prasetyo": want[PETUGAS], "Dewi Lestari": want[ADMIN]}
    # paged one by one, the same figures; the satisfaction of a page comes from its one statement and
    # equals what survey.stats.satisfaction gives for the officer alone
    first = (await admin.execute(PAGE, {**page, "first": 1}))["agencyOfficerPerformance"]
    second = (await admin.execute(PAGE, {**page, "first": 1, "after": first["pageInfo"]["endCursor"]}))[
        "agencyOfficerPerformance"
    ]
    assert first["nodes"] + second["nodes"] == whole["nodes"] and not second["pageInfo"]["hasNextPage"]
    alone = (await admin.execute(ONE, {"id": officer_id(data, PETUGAS), "period": PERIOD}))["officerPerformance"]
    assert alone in whole["nodes"]
    # the statements of a page do not grow with its size
    counts = []
    for size in (1, 2):
        with statements(cettar_runtime) as seen:
            await admin.execute(PAGE, {**page, "first": size})
        counts.append(len([s for s in seen if "kinerja_survey_response" in s or "layanan_application" in s]))
    assert counts == [1, 1]
    provinsi = await gql.login("admin.provinsi")
    assert (await provinsi.execute(PAGE, {**page, "first": 10}))["agencyOfficerPerformance"] == whole
