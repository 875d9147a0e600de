"""What the kinerja tests share: the plugins to enable, GraphQL documents, helpers that make served cases.

Other kinerja areas add their own helpers here (small additions, please).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlmodel import col

from core.calendar import WIB
from core.identity.models import Account
from core.regions.models import Agency
from core.runtime import Runtime
from core.services import Delivery
from core.testkit.client import GraphQLClient
from plugins.kinerja.models import SurveyResponse
from plugins.layanan.models import Application, TimelineEntry
from plugins.layanan.workflow import ApplicationStatus, TimelineKind
from plugins.pengaduan.models import (
    ActorKind,
    Channel,
    Complaint,
    ComplaintDisposition,
    ComplaintKind,
    ComplaintStatus,
    ComplaintStep,
    StepAction,
)
from schema import decode_global_id, encode_global_id
from tests.layanan.support import TRANSITION, UjiLayanan, kk_answers, submit
from tests.pengaduan.helpers import CLOSE, FOLLOW_UP, RESOLVE, VERIFY, add_demo_people, file, step

PLUGINS = ["akun", "wilayah", "layanan", "pengaduan", "kinerja", "uji"]
MARK = pytest.mark.cettar(plugins=PLUGINS, extra_plugins=[UjiLayanan])

SCORES_FIELDS = "u1 u2 u3 u4 u5 u6 u7 u8 u9"
SURVEY_FIELDS = f"kind answered canAnswer answeredAt comment reason scores {{ {SCORES_FIELDS} }}"

ANSWER = f"""
mutation Answer($input: AnswerSatisfactionSurveyInput!) {{
  answerSatisfactionSurvey(input: $input) {{ survey {{ {SURVEY_FIELDS} }} }}
}}"""

MINE = f"""
query Mine($applicationId: ID, $complaintId: ID, $trackingNumber: String) {{
  mySatisfactionSurvey(applicationId: $applicationId, complaintId: $complaintId, trackingNumber: $trackingNumber) {{
    {SURVEY_FIELDS}
  }}
}}"""

INDEX = """
query Index($period: PeriodInput!, $agencyCode: String, $regionCode: String, $serviceCode: String) {
  satisfactionIndex(period: $period, agencyCode: $agencyCode, regionCode: $regionCode, serviceCode: $serviceCode) {
    respondents ikm index grade gradeLabel elements { code name nameId nameEn nrr }
  }
}"""

COMMENTS = """
query Comments($period: PeriodInput, $agencyCode: String, $serviceCode: String, $first: Int, $after: String) {
  satisfactionComments(period: $period, agencyCode: $agencyCode, serviceCode: $serviceCode, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { kind serviceCode answeredAt comment agencyCode agencyName scores { u1 u9 } }
  }
}"""


def scores(*values: int) -> dict[str, int]:
    """``scores(4, 3, …)`` → ``{"u1": 4, "u2": 3, …}``; one value repeats for all nine."""
    if len(values) == 1:
        values = values * 9
    assert len(values) == 9
    return {f"u{i}": v for i, v in enumerate(values, start=1)}


def row_id(global_id: str) -> int:
    return int(decode_global_id(global_id)[1])


async def account_id(runtime: Runtime, username: str) -> int:
    async with runtime.database.session() as session:
        found = (await session.execute(select(col(Account.id)).where(col(Account.username) == username))).scalar()
    assert found is not None, username
    return int(found)


async def agency_id(runtime: Runtime, code: str) -> int:
    async with runtime.database.session() as session:
        found = (await session.execute(select(col(Agency.id)).where(col(Agency.code) == code))).scalar()
    assert found is not None, code
    return int(found)


_serial = iter(range(1, 10**6))


async def completed_application(
    runtime: Runtime,
    applicant: str = "warga.budi",
    *,
    agency_code: str = "dispendukcapil-3578",
    service_code: str = "uji.kk",
    status: ApplicationStatus = ApplicationStatus.PICKED_UP,
    officer: str | None = None,
) -> str:
    """An application row in ``status`` (stored directly: the survey needs a served case, not its history);
    its global ID."""
    number = next(_serial)
    now = datetime.now(WIB)
    async with runtime.database.session() as session:
        row = Application(
            tracking_number=f"LYN-TEST{number:05d}",
            service_code=service_code,
            agency_id=await agency_id(runtime, agency_code),
            applicant_id=await account_id(runtime, applicant),
            status=status,
            answers={},
            delivery_method=Delivery.PICKUP,
            time_limit_days=3,
            fee_amount=0,
            due_date=now.date() + timedelta(days=3),
            closed_at=now if status in (ApplicationStatus.PICKED_UP, ApplicationStatus.DELIVERED) else None,
            assigned_officer_id=None if officer is None else await account_id(runtime, officer),
        )
        session.add(row)
        await session.commit()
        assert row.id is not None
        return encode_global_id("Application", str(row.id))


async def served_application(budi: GraphQLClient, officer: GraphQLClient, until: str = "PICKED_UP") -> dict[str, Any]:
    """An application submitted and moved through the real API up to ``until``."""
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    for status in ("VERIFIED", "IN_PROCESS", "READY", "PICKED_UP"):
        data = await officer.execute(TRANSITION, {"input": {"applicationId": application["id"], "status": status}})
        application = data["transitionApplication"]["application"]
        if status == until:
            break
    return application


async def closed_complaint(
    runtime: Runtime,
    gql: GraphQLClient,
    reporter: str = "warga.sumarni",
    *,
    anonymous: bool = False,
    close: bool = True,
) -> dict[str, Any]:
    """A complaint filed, verified, followed up and resolved (and closed by its reporter) through the API."""
    await add_demo_people(runtime)
    citizen = await gql.login(reporter)
    unit = await gql.login("admin.kominfo.pacitan")
    pupr = await gql.login("petugas.pupr.pacitan")
    complaint = await file(citizen, anonymous=anonymous)
    cid = complaint["id"]
    await step(unit, VERIFY, complaintId=cid, agencyCode="dpupr-3501")
    await step(pupr, FOLLOW_UP, complaintId=cid, note="Tim kami menuju lokasi.")
    resolved = await step(pupr, RESOLVE, complaintId=cid, note="Jalan sudah ditambal.")
    if not close:
        return dict(resolved["complaint"])
    closed = await step(citizen, CLOSE, complaintId=cid, rating=5)
    return dict(closed["complaint"])


async def survey_count(runtime: Runtime) -> int:
    async with runtime.database.session() as session:
        return int((await session.execute(select(func.count()).select_from(SurveyResponse))).scalar_one())


def wib_moment(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A moment on a WIB calendar day."""
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


async def add_response(
    runtime: Runtime,
    *,
    agency_code: str,
    answered_at: datetime,
    values: tuple[int, ...],
    service_code: str | None = "uji.kk",
    officer: str | None = None,
    comment: str | None = None,
    applicant: str = "warga.budi",
) -> None:
    """A survey answer stored directly (for aggregates known in advance), about a fresh completed application."""
    application = row_id(await completed_application(runtime, applicant, agency_code=agency_code))
    async with runtime.database.session() as session:
        session.add(
            SurveyResponse(
                application_id=application,
                agency_id=await agency_id(runtime, agency_code),
                service_code=service_code,
                officer_id=None if officer is None else await account_id(runtime, officer),
                answered_at=answered_at,
                comment=comment,
                **{f"u{i}": v for i, v in enumerate(values, start=1)},
            )
        )
        await session.commit()


@contextmanager
def statements(runtime: Runtime) -> Iterator[list[str]]:
    """Every SQL statement the runtime's database runs inside the block."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = runtime.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


# -- scorecard builders: rows stored directly with known moments, so every CETTAR figure is known in advance --


@dataclass(frozen=True)
class Change:
    """A status change of an application or a complaint: when, to what, by whom (a username; None: no account)."""

    at: datetime
    to: str
    actor: str | None = None
    reason: str | None = None
    action: str | None = None  # complaints: the step's action (default: the status it reaches)
    actor_kind: str = "staff"  # complaints: staff, reporter or system
    source: str | None = "chain"  # the status it starts from: "chain" = the previous change's, or an explicit one


async def add_application_row(
    runtime: Runtime,
    *,
    agency_code: str,
    submitted: datetime,
    due: date,
    closed: datetime | None,
    status: str,
    delivery: Delivery = Delivery.PICKUP,
    revisions: int = 0,
    timeline: tuple[Change, ...] = (),
    applicant: str = "warga.budi",
) -> int:
    """An application and its status-change timeline, stored as given; its row id."""
    number = next(_serial)
    async with runtime.database.session() as session:
        row = Application(
            tracking_number=f"LYN-SC{number:06d}",
            service_code="uji.kk",
            agency_id=await agency_id(runtime, agency_code),
            applicant_id=await account_id(runtime, applicant),
            status=ApplicationStatus(status),
            answers={},
            delivery_method=delivery,
            time_limit_days=3,
            fee_amount=0,
            submitted_at=submitted,
            clock_started_at=submitted,
            due_date=due,
            updated_at=closed or submitted,
            closed_at=closed,
            revision_count=revisions,
        )
        session.add(row)
        await session.flush()
        assert row.id is not None
        previous: str | None = None
        for change in timeline:
            source = previous if change.source == "chain" else change.source
            session.add(
                TimelineEntry(
                    application_id=row.id,
                    at=change.at,
                    kind=TimelineKind.STATUS_CHANGED,
                    from_status=None if source is None else ApplicationStatus(source),
                    to_status=ApplicationStatus(change.to),
                    actor_id=None if change.actor is None else await account_id(runtime, change.actor),
                    actor_role="citizen" if change.actor == applicant else "officer",
                    text=change.reason,
                )
            )
            previous = change.to
        await session.commit()
        return row.id


async def add_complaint_row(
    runtime: Runtime,
    *,
    unit_code: str,
    filed: datetime,
    status: str,
    steps: tuple[Change, ...],
    agency_code: str | None = None,
    closed: datetime | None = None,
    answered: datetime | None = None,
    dispositions: tuple[tuple[datetime, str], ...] = (),
) -> int:
    """A complaint with its steps and dispositions (``(at, agency code)``), stored as given; its row id."""
    number = next(_serial)
    staff = await account_id(runtime, "admin.surabaya")
    async with runtime.database.session() as session:
        row = Complaint(
            tracking_number=f"ADU-SC{number:06d}",
            kind=ComplaintKind.COMPLAINT,
            title="Pengaduan uji skor CETTAR",
            text="Isi pengaduan uji.",
            category="lainnya",
            status=ComplaintStatus(status),
            channel=Channel.WEB,
            region_code="35.78",
            regency_code="35.78",
            unit_agency_id=await agency_id(runtime, unit_code),
            agency_id=None if agency_code is None else await agency_id(runtime, agency_code),
            created_at=filed,
            updated_at=filed,
            status_changed_at=filed,
            first_answered_at=answered,
            closed_at=closed,
        )
        session.add(row)
        await session.flush()
        assert row.id is not None
        previous: str | None = None
        for change in steps:
            source = previous if change.source == "chain" else change.source
            session.add(
                ComplaintStep(
                    complaint_id=row.id,
                    action=StepAction(change.action or change.to),
                    from_status=None if source is None else ComplaintStatus(source),
                    to_status=ComplaintStatus(change.to),
                    actor_kind=ActorKind(change.actor_kind),
                    actor_account_id=None if change.actor is None else await account_id(runtime, change.actor),
                    reason=change.reason,
                    at=change.at,
                )
            )
            previous = change.to
        for seq, (at, code) in enumerate(dispositions, start=1):
            session.add(
                ComplaintDisposition(
                    complaint_id=row.id, seq=seq, agency_id=await agency_id(runtime, code), by_account_id=staff, at=at
                )
            )
        await session.commit()
        return row.id
