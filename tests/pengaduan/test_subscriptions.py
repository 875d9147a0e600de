"""Live updates: complaintUpdated for the reporter, complaintQueue for the staff of the agency it is disposed to."""

from __future__ import annotations

from tests.pengaduan.helpers import (
    FOLLOW_UP,
    FORWARD,
    MARK,
    MESSAGE,
    VERIFY,
    add_demo_people,
    file,
    step,
    wait_until,
)

pytestmark = MARK

UPDATED = "subscription($id: ID!) { complaintUpdated(id: $id) { status isMine steps { action } } }"
QUEUE = "subscription { complaintQueue { action complaint { trackingNumber status reporterName isMine } } }"


async def test_the_reporter_hears_each_step_of_their_complaint(gql, cettar_app):
    await add_demo_people(cettar_app.runtime)
    sumarni = await gql.login("warga.sumarni")
    cid = (await file(sumarni))["id"]
    unit = await gql.login("admin.kominfo.pacitan")
    officer = await gql.login("petugas.pupr.pacitan")
    await cettar_app.dispatch()  # the filing is old news
    async with sumarni.subscribe(UPDATED, {"id": cid}) as updates:
        await wait_until(lambda: cettar_app.runtime.broker.subscriber_count, what="subscription")
        await step(unit, VERIFY, complaintId=cid, agencyCode="dpupr-3501")
        await cettar_app.dispatch()
        first = await updates.next()
        await step(officer, FOLLOW_UP, complaintId=cid, note="Survei lokasi besok.")
        await cettar_app.dispatch()
        second = await updates.next()
    assert first.data["complaintUpdated"]["status"] == "DISPOSED"
    assert second.data["complaintUpdated"] == {
        "status": "IN_PROGRESS",
        "isMine": True,
        "steps": [{"action": "FILED"}, {"action": "VERIFIED"}, {"action": "FOLLOWED_UP"}],
    }, "each push shows the complaint as it is now"


async def test_a_complaint_you_may_not_see_cannot_be_followed(gql, cettar_app):
    await add_demo_people(cettar_app.runtime)
    cid = (await file(await gql.login("warga.sumarni")))["id"]
    async with (await gql.login("warga.budi")).subscribe(UPDATED, {"id": cid}) as updates:
        refused = await updates.next()
    assert refused.codes == ["NOT_FOUND"]
    async with gql.subscribe(UPDATED, {"id": cid}) as updates:
        assert (await updates.next()).codes == ["UNAUTHENTICATED"]


async def test_the_agency_queue_shows_its_complaints_to_its_staff_only(gql, cettar_app):
    await add_demo_people(cettar_app.runtime)
    sumarni = await gql.login("warga.sumarni")
    cid = (await file(sumarni, anonymous=True))["id"]
    other = (await file(sumarni, title="Posyandu kekurangan kader"))["id"]
    unit = await gql.login("admin.kominfo.pacitan")
    pupr = await gql.login("petugas.pupr.pacitan")
    async with (
        pupr.subscribe(QUEUE) as queue,
        (await gql.login("petugas.surabaya")).subscribe(QUEUE) as elsewhere,
    ):
        await wait_until(lambda: cettar_app.runtime.broker.subscriber_count >= 2, what="subscriptions")
        await step(unit, VERIFY, complaintId=other, agencyCode="dinkes-3501")  # another agency's: not in the queue
        await step(unit, VERIFY, complaintId=cid, agencyCode="dpupr-3501")
        await step(sumarni, MESSAGE, complaintId=cid, text="Lubangnya makin besar setelah hujan.")
        await cettar_app.dispatch()
        disposed = await queue.next()
        message = await queue.next()
        await step(unit, FORWARD, complaintId=cid, agencyCode="dpubm-jatim", reason="Jalan provinsi.")
        await cettar_app.dispatch()
        try:
            leaked = await elsewhere.next(timeout=0.5)
        except TimeoutError:
            leaked = None
    assert disposed.data["complaintQueue"]["action"] == "verified"
    assert message.data["complaintQueue"]["action"] == "message"
    assert message.data["complaintQueue"]["complaint"]["reporterName"] is None
    assert message.data["complaintQueue"]["complaint"]["isMine"] is False
    assert leaked is None, "another agency's officer hears nothing"

    assert (await first_message(gql.subscribe(QUEUE))).codes == ["UNAUTHENTICATED"]
    assert (await first_message(sumarni.subscribe(QUEUE))).codes == ["FORBIDDEN"]
    assert (await first_message((await gql.login("admin.provinsi")).subscribe(QUEUE))).codes == ["FORBIDDEN"]


async def first_message(subscription):
    async with subscription as sub:
        return await sub.next()
