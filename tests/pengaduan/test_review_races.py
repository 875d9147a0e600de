"""Two people acting on one complaint at the same moment: exactly one step is taken, the other is told
`COMPLAINT_CHANGED` (or, when it read the new status, `COMPLAINT_INVALID_TRANSITION`) — never an internal
error, never two dispositions, two steps or two notifications. On both database backends."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from core.notifications import NotificationRow
from plugins.pengaduan.models import ComplaintDisposition, ComplaintMessage, ComplaintStep, StepAction
from tests.pengaduan.helpers import (
    CLOSE,
    FOLLOW_UP,
    FORWARD,
    MARK,
    MESSAGE,
    REOPEN,
    RESOLVE,
    VERIFY,
    add_demo_people,
    file,
    row_id,
    step,
)

pytestmark = MARK
LOST = {"COMPLAINT_CHANGED", "COMPLAINT_INVALID_TRANSITION"}


async def at_once(*calls: tuple[Any, str, dict[str, Any]]) -> list[Any]:
    return list(
        await asyncio.gather(*(client.query(document, {"input": input_}) for client, document, input_ in calls))
    )


def one_wins(responses: list[Any], also: set[str] = set()) -> None:  # noqa: B006 (read only)
    won = [r for r in responses if not r.errors]
    lost = [r for r in responses if r.errors]
    assert len(won) == 1, [r.errors for r in responses]
    for response in lost:
        assert set(response.codes) <= LOST | also and response.codes, response.errors


async def count(runtime: Any, model: Any, *where: Any) -> int:
    async with runtime.database.session() as session:
        return int((await session.execute(select(func.count()).select_from(model).where(*where))).scalar_one())


async def test_two_verifiers_at_once_dispose_a_complaint_once(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    unit = await gql.login("admin.kominfo.pacitan")
    province = await gql.login("admin.kominfo.jatim")
    ids = [(await file(sumarni, title=f"Jembatan desa retak nomor {n}"))["id"] for n in range(3)]
    for cid in ids:
        one_wins(
            await at_once(
                (unit, VERIFY, {"complaintId": cid, "agencyCode": "dpupr-3501"}),
                (province, VERIFY, {"complaintId": cid, "agencyCode": "dpubm-jatim"}),
            )
        )
        key = row_id(cid)
        assert await count(cettar_runtime, ComplaintDisposition, col(ComplaintDisposition.complaint_id) == key) == 1
        verified = [col(ComplaintStep.complaint_id) == key, col(ComplaintStep.action) == StepAction.VERIFIED]
        assert await count(cettar_runtime, ComplaintStep, *verified) == 1
    told = [col(NotificationRow.kind) == "pengaduan.verified"]
    assert await count(cettar_runtime, NotificationRow, *told) == len(ids), "the reporter is told once each"


async def test_two_forwards_at_once_move_the_complaint_once(gql, cettar_runtime):
    """The agency admin forwards from two devices: once the complaint left the agency, the admin may no longer
    forward it (FORBIDDEN when the second request reads it after the first, COMPLAINT_CHANGED when both read
    it before either wrote)."""
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    unit = await gql.login("admin.kominfo.pacitan")
    phone, laptop = await gql.login("admin.dinkes.pacitan"), await gql.login("admin.dinkes.pacitan")
    for n in range(3):
        cid = (await file(sumarni, title=f"Puskesmas pembantu tutup {n}"))["id"]
        await step(unit, VERIFY, complaintId=cid, agencyCode="dinkes-3501")
        one_wins(
            await at_once(
                (phone, FORWARD, {"complaintId": cid, "agencyCode": "dinkes-jatim", "reason": "Rumah sakit."}),
                (laptop, FORWARD, {"complaintId": cid, "agencyCode": "dpupr-3501", "reason": "Gedungnya rusak."}),
            ),
            also={"FORBIDDEN"},
        )
        key = row_id(cid)
        assert await count(cettar_runtime, ComplaintDisposition, col(ComplaintDisposition.complaint_id) == key) == 2
        seen = await unit.execute(f'{{ node(id: "{cid}") {{ ... on Complaint {{ dispositions {{ seq }} }} }} }}')
        assert [d["seq"] for d in seen["node"]["dispositions"]] == [1, 2]


async def test_the_reporter_closing_and_reopening_at_once_takes_one_step(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    phone, laptop = sumarni, await gql.login("warga.sumarni")
    unit = await gql.login("admin.kominfo.pacitan")
    officer = await gql.login("petugas.pupr.pacitan")
    for n in range(2):
        cid = (await file(sumarni, title=f"Saluran air tersumbat {n}"))["id"]
        await step(unit, VERIFY, complaintId=cid, agencyCode="dpupr-3501")
        await step(officer, FOLLOW_UP, complaintId=cid, note="Dicek.")
        await step(officer, RESOLVE, complaintId=cid, note="Sudah dibersihkan.")
        one_wins(
            await at_once(
                (phone, CLOSE, {"complaintId": cid, "rating": 5}),
                (laptop, REOPEN, {"complaintId": cid, "reason": "Masih tersumbat."}),
            )
        )
        key = row_id(cid)
        after = [col(ComplaintStep.complaint_id) == key, col(ComplaintStep.action).in_(["closed", "reopened"])]
        assert await count(cettar_runtime, ComplaintStep, *after) == 1


async def test_an_officer_answering_while_the_reporter_closes_never_writes_into_a_closed_thread(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    unit = await gql.login("admin.kominfo.pacitan")
    officer = await gql.login("petugas.pupr.pacitan")
    for n in range(3):
        cid = (await file(sumarni, title=f"Lampu jalan padam {n}"))["id"]
        await step(unit, VERIFY, complaintId=cid, agencyCode="dpupr-3501")
        await step(officer, FOLLOW_UP, complaintId=cid, note="Dicek.")
        await step(officer, RESOLVE, complaintId=cid, note="Sudah menyala.")
        closed, answered = await at_once(
            (sumarni, CLOSE, {"complaintId": cid, "rating": 4}),
            (officer, MESSAGE, {"complaintId": cid, "text": "Mohon konfirmasi."}),
        )
        assert not closed.errors, closed.errors
        assert not answered.errors or set(answered.codes) <= LOST, answered.errors
        async with cettar_runtime.database.session() as session:
            message = (
                await session.execute(select(ComplaintMessage).where(col(ComplaintMessage.complaint_id) == row_id(cid)))
            ).scalar_one_or_none()
            closing = (
                await session.execute(
                    select(ComplaintStep).where(
                        col(ComplaintStep.complaint_id) == row_id(cid), col(ComplaintStep.action) == StepAction.CLOSED
                    )
                )
            ).scalar_one()
        assert (message is None) == bool(answered.errors)
        if message is not None:
            assert message.id is not None and message.created_at <= closing.at, "written before it was closed"
