"""The officers' queue, claims, internal notes, and the subscriptions that push changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from plugins.layanan import service as domain
from tests.layanan.support import MARK, TRANSITION, kk_answers, submit
from tests.support.waiting import wait_until

pytestmark = MARK

QUEUE = """
query Queue($status: [ApplicationStatus!], $service: String, $overdue: Boolean, $mine: Boolean, $unclaimed: Boolean,
            $first: Int, $after: String) {
  applicationQueue(status: $status, serviceCode: $service, overdue: $overdue, mine: $mine, unclaimed: $unclaimed,
                   first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { trackingNumber status dueDate overdue serviceCode assignedOfficerName applicantName }
  }
}
"""
CLAIM = "mutation($id: ID!) { claimApplication(input: {applicationId: $id}) { application { assignedOfficerName timeline { kind actorName } } } }"
NOTE = """
mutation($id: ID!, $text: String!) {
  addApplicationNote(input: {applicationId: $id, text: $text}) {
    note { kind text actorName actorRole }
    application { timeline { kind text } }
  }
}
"""
UPDATED = """
subscription Watch($n: String!) {
  applicationUpdated(trackingNumber: $n) {
    kind at
    application { trackingNumber status answers statusReason timeline { kind toStatus text } }
  }
}
"""
ARRIVED = """
subscription Arrivals($service: String) {
  applicationArrived(serviceCode: $service) { kind application { trackingNumber status applicantName } }
}
"""


async def _submit_on(gql, monkeypatch, client, day: int, service: str = "uji.kk") -> dict:
    monkeypatch.setattr(domain, "now", lambda: datetime(2026, 9, day, 2, 0, tzinfo=UTC))
    if service == "uji.kk":
        return await submit(client, {"serviceCode": service, "answers": kk_answers()})
    return await submit(client, {"serviceCode": service, "answers": {"desa": "35.78.01.1001", "keperluan": "BANK"}}, [])


async def test_the_queue_is_the_agency_s_ordered_by_due_date_and_filtered(gql, monkeypatch):
    budi = await gql.login("warga.budi")
    siti = await gql.login("warga.siti")
    late = await _submit_on(gql, monkeypatch, budi, 7)  # Mon 7 Sep 2026 → due Thu 10 Sep
    soon = await _submit_on(gql, monkeypatch, budi, 9, "uji.domisili")  # Wed 9 → due Thu 10 Sep
    later = await _submit_on(gql, monkeypatch, budi, 14)  # Mon 14 → due Thu 17 Sep
    await _submit_on(gql, monkeypatch, siti, 8)  # Sidoarjo's
    monkeypatch.setattr(domain, "today", lambda: date(2026, 9, 11))
    officer = await gql.login("petugas.surabaya")

    queue = (await officer.execute(QUEUE))["applicationQueue"]
    assert queue["totalCount"] == 3
    # Ordered by due date, then by when they came in: late and soon are both due on Thursday 10 September.
    assert [n["trackingNumber"] for n in queue["nodes"]] == [
        late["trackingNumber"],
        soon["trackingNumber"],
        later["trackingNumber"],
    ]
    assert [n["dueDate"] for n in queue["nodes"]] == ["2026-09-10", "2026-09-10", "2026-09-17"]
    assert [n["overdue"] for n in queue["nodes"]] == [True, True, False]
    assert {n["applicantName"] for n in queue["nodes"]} == {"Budi Santoso"}

    page = (await officer.execute(QUEUE, {"first": 2}))["applicationQueue"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = (await officer.execute(QUEUE, {"first": 2, "after": page["pageInfo"]["endCursor"]}))["applicationQueue"]
    assert [n["trackingNumber"] for n in rest["nodes"]] == [later["trackingNumber"]]

    overdue = (await officer.execute(QUEUE, {"overdue": True}))["applicationQueue"]
    assert overdue["totalCount"] == 2
    assert (await officer.execute(QUEUE, {"overdue": False}))["applicationQueue"]["totalCount"] == 1
    only = (await officer.execute(QUEUE, {"service": "uji.domisili"}))["applicationQueue"]
    assert [n["trackingNumber"] for n in only["nodes"]] == [soon["trackingNumber"]]

    await officer.execute(TRANSITION, {"input": {"applicationId": later["id"], "status": "VERIFIED"}})
    verified = (await officer.execute(QUEUE, {"status": ["VERIFIED"]}))["applicationQueue"]
    assert [n["trackingNumber"] for n in verified["nodes"]] == [later["trackingNumber"]]
    assert (await officer.execute(QUEUE, {"mine": True}))["applicationQueue"]["totalCount"] == 1
    assert (await officer.execute(QUEUE, {"unclaimed": True}))["applicationQueue"]["totalCount"] == 2
    await officer.execute(TRANSITION, {"input": {"applicationId": late["id"], "status": "REJECTED", "reason": "Ganda"}})
    assert (await officer.execute(QUEUE))["applicationQueue"]["totalCount"] == 2  # rejected leaves the default queue
    assert (await officer.execute(QUEUE, {"status": ["REJECTED"]}))["applicationQueue"]["totalCount"] == 1

    sidoarjo = await gql.login("petugas.sidoarjo")
    assert (await sidoarjo.execute(QUEUE))["applicationQueue"]["totalCount"] == 1


async def test_claims_and_internal_notes(gql):
    budi = await gql.login("warga.budi")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    agus = await gql.login("petugas.surabaya")
    dewi = await gql.login("admin.surabaya")
    claimed = (await agus.execute(CLAIM, {"id": application["id"]}))["claimApplication"]["application"]
    assert claimed["assignedOfficerName"] == "Agus Prasetyo"
    assert claimed["timeline"][-1] == {"kind": "CLAIMED", "actorName": "Agus Prasetyo"}
    assert (await agus.execute(CLAIM, {"id": application["id"]}))["claimApplication"]["application"][
        "assignedOfficerName"
    ] == "Agus Prasetyo"  # claiming one's own again changes nothing
    taken = (await dewi.execute(CLAIM, {"id": application["id"]}))["claimApplication"]["application"]
    assert taken["assignedOfficerName"] == "Dewi Lestari"  # an agency admin takes it over
    assert (await agus.query(CLAIM, {"id": application["id"]})).codes == ["APPLICATION_CLAIMED"]
    sidoarjo = await gql.login("petugas.sidoarjo")
    assert (await sidoarjo.query(CLAIM, {"id": application["id"]})).codes == ["NOT_FOUND"]
    assert (await budi.query(CLAIM, {"id": application["id"]})).codes == ["FORBIDDEN"]

    note = (await agus.execute(NOTE, {"id": application["id"], "text": "Cek silang dengan data SIAK."}))[
        "addApplicationNote"
    ]
    assert note["note"] == {
        "kind": "NOTE",
        "text": "Cek silang dengan data SIAK.",
        "actorName": "Agus Prasetyo",
        "actorRole": "officer",
    }
    assert {"kind": "NOTE", "text": "Cek silang dengan data SIAK."} in note["application"]["timeline"]
    assert (await agus.query(NOTE, {"id": application["id"], "text": "   "})).codes == ["VALIDATION_FAILED"]
    assert (await budi.query(NOTE, {"id": application["id"], "text": "halo"})).codes == ["FORBIDDEN"]
    assert (await sidoarjo.query(NOTE, {"id": application["id"], "text": "halo"})).codes == ["NOT_FOUND"]
    # The applicant never sees internal notes or claims' officer names.
    timeline = (await budi.execute("query { myApplications { nodes { timeline { kind text actorName } } } }"))[
        "myApplications"
    ]["nodes"][0]["timeline"]
    assert "NOTE" not in [t["kind"] for t in timeline]
    assert {t["actorName"] for t in timeline} == {None}
    province = await gql.login("admin.provinsi")
    node = "query($id: ID!) { node(id: $id) { ... on Application { timeline { kind text actorName } } } }"
    seen = (await province.execute(node, {"id": application["id"]}))["node"]["timeline"]
    assert "NOTE" not in [t["kind"] for t in seen] and {t["text"] for t in seen} == {None}


async def test_application_updated_pushes_changes_to_the_applicant_and_the_agency_only(gql, cettar_app):
    budi = await gql.login("warga.budi")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    await cettar_app.dispatch()  # the submission happened before anyone subscribed
    number = application["trackingNumber"]
    officer = await gql.login("petugas.surabaya")
    broker = cettar_app.runtime.broker

    # Refusals: anonymous, another citizen, another agency's officer, the province admin.
    for client, code in (
        (gql, "UNAUTHENTICATED"),
        (await gql.login("warga.siti"), "NOT_FOUND"),
        (await gql.login("petugas.sidoarjo"), "NOT_FOUND"),
        (await gql.login("admin.provinsi"), "NOT_FOUND"),
    ):
        async with client.subscribe(UPDATED, {"n": number}) as subscription:
            assert (await subscription.next()).codes == [code]
    assert broker.subscriber_count == 0

    async with budi.subscribe(UPDATED, {"n": number}) as mine, officer.subscribe(UPDATED, {"n": number}) as theirs:
        await wait_until(lambda: broker.subscriber_count == 2, what="two subscriptions")
        await officer.execute(NOTE, {"id": application["id"], "text": "Dokumen lengkap."})
        await officer.execute(
            TRANSITION,
            {"input": {"applicationId": application["id"], "status": "NEEDS_REVISION", "reason": "Foto buram"}},
        )
        await cettar_app.dispatch()
        staff_first = await theirs.next()
        assert staff_first.data["applicationUpdated"]["kind"] == "NOTE_ADDED"
        # Each push reads the application as it is now (here: after both changes).
        assert {"kind": "NOTE", "toStatus": None, "text": "Dokumen lengkap."} in staff_first.data["applicationUpdated"][
            "application"
        ]["timeline"]
        staff_second = (await theirs.next()).data["applicationUpdated"]
        assert staff_second["kind"] == "STATUS_CHANGED"
        assert staff_second["application"]["status"] == "NEEDS_REVISION"
        pushed = (await mine.next()).data["applicationUpdated"]  # the note is not pushed to the citizen
        assert pushed["kind"] == "STATUS_CHANGED"
        assert pushed["application"]["status"] == "NEEDS_REVISION"
        assert pushed["application"]["statusReason"] == "Foto buram"
        assert pushed["application"]["answers"]["alasan"] == "PERUBAHAN"
        assert "NOTE" not in [t["kind"] for t in pushed["application"]["timeline"]]
        # A later change is read afresh, not from what an earlier push cached.
        await budi.execute(
            "mutation($id: ID!) { cancelApplication(input: {applicationId: $id}) { application { status } } }",
            {"id": application["id"]},
        )
        await cettar_app.dispatch()
        assert (await mine.next()).data["applicationUpdated"]["application"]["status"] == "CANCELLED"
        assert (await theirs.next()).data["applicationUpdated"]["application"]["status"] == "CANCELLED"
        with pytest.raises(TimeoutError):  # and nothing else is pushed
            await mine.next(timeout=0.3)


async def test_application_arrived_pushes_new_arrivals_to_the_agency_staff(gql, cettar_app):
    broker = cettar_app.runtime.broker
    for client, code in (
        (gql, "UNAUTHENTICATED"),
        (await gql.login("warga.budi"), "FORBIDDEN"),
        (await gql.login("admin.provinsi"), "FORBIDDEN"),
    ):
        async with client.subscribe(ARRIVED) as subscription:
            assert (await subscription.next()).codes == [code]
    surabaya = await gql.login("petugas.surabaya")
    sidoarjo = await gql.login("petugas.sidoarjo")
    budi = await gql.login("warga.budi")
    siti = await gql.login("warga.siti")
    async with (
        surabaya.subscribe(ARRIVED, {"service": "uji.kk"}) as queue,
        sidoarjo.subscribe(ARRIVED) as other_queue,
    ):
        await wait_until(lambda: broker.subscriber_count == 2, what="two subscriptions")
        mine = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
        await submit(
            budi, {"serviceCode": "uji.domisili", "answers": {"desa": "35.78.01.1001", "keperluan": "BANK"}}, []
        )
        theirs = await submit(siti, {"serviceCode": "uji.kk", "answers": kk_answers(nik_pemohon="3515025708920003")})
        await cettar_app.dispatch()
        arrived = (await queue.next()).data["applicationArrived"]
        assert arrived == {
            "kind": "SUBMITTED",
            "application": {
                "trackingNumber": mine["trackingNumber"],
                "status": "SUBMITTED",
                "applicantName": "Budi Santoso",
            },
        }
        other = (await other_queue.next()).data["applicationArrived"]
        assert other["application"]["trackingNumber"] == theirs["trackingNumber"]
        # A resubmission after a revision arrives again.
        await surabaya.execute(
            TRANSITION, {"input": {"applicationId": mine["id"], "status": "NEEDS_REVISION", "reason": "Lengkapi"}}
        )
        await budi.execute(
            "mutation($id: ID!, $a: JSON!) { resubmitApplication(input: {applicationId: $id, answers: $a}) { application { status } } }",
            {"id": mine["id"], "a": kk_answers()},
        )
        await cettar_app.dispatch()
        again = (await queue.next()).data["applicationArrived"]
        assert again["kind"] == "STATUS_CHANGED" and again["application"]["trackingNumber"] == mine["trackingNumber"]
