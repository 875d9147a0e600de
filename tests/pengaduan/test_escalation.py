"""The deadline job: escalation to the agency admin then the province admin, once, even from two workers."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time

from click.testing import CliRunner
from sqlalchemy import func, select
from sqlmodel import col

from core.calendar import WIB, add_working_days
from core.cli import CliState, cli
from core.events.models import OutboxEvent
from core.identity.models import Account
from core.jobs import run_jobs
from core.notifications import NotificationRow
from core.runtime import Runtime
from plugins.pengaduan.models import Complaint, ComplaintStep, StepAction
from tests.pengaduan.helpers import (
    FOLLOW_UP,
    MARK,
    NODE,
    RESOLVE,
    VERIFY,
    add_demo_people,
    file,
    row_id,
    step,
)

pytestmark = MARK
JOB = "pengaduan.escalate_overdue"


def wib_noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), WIB).astimezone(UTC)


async def due_on(runtime: Runtime, global_id: str) -> date:
    async with runtime.database.session() as session:
        row = await session.get(Complaint, row_id(global_id))
        assert row is not None and row.due_on is not None
        return row.due_on


async def run(runtime: Runtime, now: datetime) -> int:
    (result,) = await run_jobs(runtime, only=JOB, now=now)
    assert result.error is None, result.error
    return result.changed


async def notified(runtime: Runtime, username: str, kind_prefix: str = "pengaduan.escalated") -> list[str]:
    async with runtime.database.session() as session:
        rows = await session.execute(
            select(col(NotificationRow.kind))
            .join(Account, col(Account.id) == col(NotificationRow.account_id))
            .where(col(Account.username) == username, col(NotificationRow.kind).startswith(kind_prefix))
            .order_by(col(NotificationRow.id))
        )
        return list(rows.scalars())


async def escalation_steps(runtime: Runtime) -> list[tuple[int, int | None]]:
    async with runtime.database.session() as session:
        rows = await session.execute(
            select(col(ComplaintStep.complaint_id), col(ComplaintStep.escalation_level))
            .where(col(ComplaintStep.action) == StepAction.ESCALATED)
            .order_by(col(ComplaintStep.id))
        )
        return [(int(a), b) for a, b in rows.all()]


async def test_an_unverified_complaint_goes_to_the_unit_admin_then_the_province_admin(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    complaint = await file(sumarni)
    due = await due_on(cettar_runtime, complaint["id"])

    assert await run(cettar_runtime, wib_noon(due)) == 0, "on the due date itself it is not late yet"
    first = wib_noon(add_working_days(due, 1))
    assert await run(cettar_runtime, first) == 1
    assert await run(cettar_runtime, first) == 0, "running twice escalates once"
    assert await notified(cettar_runtime, "admin.kominfo.pacitan") == ["pengaduan.escalated_1"]
    assert await notified(cettar_runtime, "admin.provinsi") == []

    soon = wib_noon(add_working_days(due, 2))
    assert await run(cettar_runtime, soon) == 0, "the province is told only after the grace period"
    later = wib_noon(add_working_days(add_working_days(due, 1), 2))
    assert await run(cettar_runtime, later) == 1
    assert await run(cettar_runtime, later) == 0
    assert await notified(cettar_runtime, "admin.provinsi") == ["pengaduan.escalated_2"]
    assert await notified(cettar_runtime, "admin.kominfo.pacitan") == ["pengaduan.escalated_1"]
    assert await escalation_steps(cettar_runtime) == [(row_id(complaint["id"]), 1), (row_id(complaint["id"]), 2)]
    assert await run(cettar_runtime, wib_noon(add_working_days(due, 30))) == 0, "level 2 is the last"

    province = await gql.login("admin.provinsi")
    seen = (await province.execute(NODE, {"id": complaint["id"]}))["node"]
    assert seen["escalationLevel"] == 2
    escalated = [s for s in seen["steps"] if s["action"] == "ESCALATED"]
    assert [(s["actorKind"], s["escalationLevel"], s["agency"]) for s in escalated] == [
        ("SYSTEM", 1, {"code": "diskominfo-3501"}),
        ("SYSTEM", 2, None),
    ]
    async with cettar_runtime.database.session() as session:
        events = await session.execute(
            select(OutboxEvent).where(col(OutboxEvent.name) == "pengaduan.complaint_escalated")
        )
        payloads = [e.payload for e in events.scalars()]
    assert [(p["complaint_id"], p["level"]) for p in payloads] == [
        (row_id(complaint["id"]), 1),
        (row_id(complaint["id"]), 2),
    ]

    # verifying resets the clock and the escalation
    verified = (await step(province, VERIFY, complaintId=complaint["id"], agencyCode="dinkes-3501"))["complaint"]
    assert verified["escalationLevel"] == 0 and verified["overdue"] is False


async def test_a_disposed_complaint_goes_to_the_agency_admin_and_a_follow_up_stops_it(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    late = (await file(sumarni, title="Ambulans desa tidak bisa dihubungi"))["id"]
    on_time = (await file(sumarni, title="Posyandu kekurangan timbangan bayi"))["id"]
    unit = await gql.login("admin.kominfo.pacitan")
    for cid in (late, on_time):
        await step(unit, VERIFY, complaintId=cid, agencyCode="dinkes-3501")
    await step(await gql.login("petugas.dinkes.pacitan"), FOLLOW_UP, complaintId=on_time, note="Kami kirim.")
    due = await due_on(cettar_runtime, late)
    assert await run(cettar_runtime, wib_noon(add_working_days(due, 1))) == 1
    assert await notified(cettar_runtime, "admin.dinkes.pacitan") == ["pengaduan.escalated_1"]
    assert await notified(cettar_runtime, "admin.kominfo.pacitan") == [], "the agency, not the unit, is late now"
    assert await escalation_steps(cettar_runtime) == [(row_id(late), 1)]
    followed = await step(await gql.login("petugas.dinkes.pacitan"), FOLLOW_UP, complaintId=late, note="Maaf.")
    assert followed["complaint"]["escalationLevel"] == 0


async def test_a_resolved_complaint_closes_when_the_reopen_period_ends(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    cid = (await file(sumarni))["id"]
    await step(await gql.login("admin.kominfo.pacitan"), VERIFY, complaintId=cid, agencyCode="dpupr-3501")
    officer = await gql.login("petugas.pupr.pacitan")
    await step(officer, FOLLOW_UP, complaintId=cid, note="Survei lokasi.")
    await step(officer, RESOLVE, complaintId=cid, note="Sudah ditambal.")
    last_day = await due_on(cettar_runtime, cid)
    assert await run(cettar_runtime, wib_noon(last_day)) == 0, "the reporter may still reopen on the last day"
    assert await run(cettar_runtime, wib_noon(add_working_days(last_day, 1))) == 1
    closed = (await sumarni.execute(NODE, {"id": cid}))["node"]
    assert closed["status"] == "CLOSED" and closed["rating"] is None
    assert (closed["steps"][-1]["action"], closed["steps"][-1]["actorKind"]) == ("AUTO_CLOSED", "SYSTEM")
    assert await notified(cettar_runtime, "warga.sumarni", "pengaduan.auto_closed") == ["pengaduan.auto_closed"]


async def test_cettar_jobs_run_with_now_escalates_once(gql, cettar_runtime, cettar_settings):
    await add_demo_people(cettar_runtime)
    cid = (await file(await gql.login("warga.sumarni")))["id"]
    day = add_working_days(await due_on(cettar_runtime, cid), 1)
    args = ["jobs", "run", "--job", JOB, "--now", f"{day.isoformat()}T05:00:00"]

    def invoke() -> str:
        result = CliRunner().invoke(cli, args, obj=CliState(cettar_settings))
        assert result.exit_code == 0, result.output
        return result.output

    assert f"{JOB}: 1 changed" in await asyncio.to_thread(invoke)
    assert f"{JOB}: 0 changed" in await asyncio.to_thread(invoke)
    assert await escalation_steps(cettar_runtime) == [(row_id(cid), 1)]


async def test_two_workers_at_once_escalate_each_complaint_once(gql, cettar_runtime, cettar_settings):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    ids = [(await file(sumarni, title=f"Jalan rusak di dusun {n}"))["id"] for n in range(4)]
    due = max([await due_on(cettar_runtime, i) for i in ids])
    moment = wib_noon(add_working_days(due, 1))
    workers = [Runtime.create(cettar_settings), Runtime.create(cettar_settings)]
    try:
        for _attempt in range(3):  # the second worker must find every row already changed
            results = await asyncio.gather(*(run_jobs(w, only=JOB, now=moment) for w in workers))
            assert all(r.error is None for (r,) in results), results
        changed = [r.changed for (r,) in results]
    finally:
        for worker in workers:
            await worker.dispose()
    assert changed == [0, 0]
    steps = await escalation_steps(cettar_runtime)
    assert sorted(steps) == sorted((row_id(i), 1) for i in ids), "one escalation per complaint, not two"
    async with cettar_runtime.database.session() as session:
        told = await session.execute(
            select(func.count())
            .select_from(NotificationRow)
            .where(col(NotificationRow.kind) == "pengaduan.escalated_1")
        )
        assert told.scalar_one() == 4, "the unit admin is told once per complaint"


async def test_two_concurrent_runs_share_the_work(gql, cettar_runtime, cettar_settings):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    ids = [(await file(sumarni, title=f"Lampu jalan mati di RT {n}"))["id"] for n in range(6)]
    due = max([await due_on(cettar_runtime, i) for i in ids])
    moment = wib_noon(add_working_days(due, 1))
    workers = [Runtime.create(cettar_settings), Runtime.create(cettar_settings)]
    try:
        results = await asyncio.gather(*(run_jobs(w, only=JOB, now=moment) for w in workers))
    finally:
        for worker in workers:
            await worker.dispose()
    assert all(r.error is None for (r,) in results), results
    assert sum(r.changed for (r,) in results) == 6, "together the two runs escalate each complaint exactly once"
    assert sorted(await escalation_steps(cettar_runtime)) == sorted((row_id(i), 1) for i in ids)
