"""The workflow end to end, as the citizen and as the officer: pickup, home delivery, revision, rejection, cancel."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlmodel import col

from core.audit.models import AuditRecord
from core.events.models import OutboxEvent
from core.notifications import NotificationRow
from plugins.layanan import service as domain
from tests.layanan.support import (
    APPLICATION_FIELDS,
    MARK,
    PDF,
    PNG,
    TRACK,
    TRANSITION,
    kk_answers,
    submit,
    submit_multipart,
)

pytestmark = MARK

CANCEL = "mutation($input: CancelApplicationInput!) { cancelApplication(input: $input) { application { status statusReason nextStatuses } } }"
RESUBMIT = f"mutation($input: ResubmitApplicationInput!) {{ resubmitApplication(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }} }}"
DELIVERY = f"mutation($input: UpdateDeliveryInput!) {{ updateDelivery(input: $input) {{ application {{ {APPLICATION_FIELDS} }} }} }}"
CONFIRM = "mutation($input: ConfirmDeliveryInput!) { confirmDelivery(input: $input) { application { status closedAt delivery { status receivedBy deliveredAt } } } }"
ADDRESS = {
    "recipientName": "Budi Santoso",
    "phone": "081234500001",
    "street": "Jl. Karang Pilang No. 5 RT 02 RW 03",
    "regionCode": "35.78.01.1001",
    "postalCode": "60221",
    "note": "Pagar hijau",
}


async def move(client, application_id: str, status: str, reason: str | None = None) -> dict:
    data = await client.execute(
        TRANSITION, {"input": {"applicationId": application_id, "status": status, "reason": reason}}
    )
    return data["transitionApplication"]["application"]


async def _events(runtime, application_id: int | None = None) -> list[OutboxEvent]:
    async with runtime.database.session() as session:
        rows = list((await session.execute(select(OutboxEvent).order_by(col(OutboxEvent.id)))).scalars())
    return [r for r in rows if r.name.startswith("layanan.")]


async def _audit(runtime) -> list[AuditRecord]:
    async with runtime.database.session() as session:
        rows = list((await session.execute(select(AuditRecord).order_by(col(AuditRecord.seq)))).scalars())
    return [r for r in rows if r.action.startswith("layanan.")]


async def _notifications(runtime) -> list[NotificationRow]:
    async with runtime.database.session() as session:
        return list((await session.execute(select(NotificationRow).order_by(col(NotificationRow.id)))).scalars())


async def test_from_submission_to_pickup(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    app_id = application["id"]

    verified = await move(officer, app_id, "VERIFIED")
    assert verified["status"] == "VERIFIED"
    assert verified["assignedOfficerName"] == "Agus Prasetyo"  # the first officer to act handles it
    assert verified["nextStatuses"] == ["IN_PROCESS", "NEEDS_REVISION", "REJECTED"]
    assert (await move(officer, app_id, "IN_PROCESS"))["status"] == "IN_PROCESS"
    ready = await move(officer, app_id, "READY")
    assert ready["nextStatuses"] == ["PICKED_UP"]  # a pickup application is not delivered
    done = await move(officer, app_id, "PICKED_UP")
    assert done["status"] == "PICKED_UP" and done["nextStatuses"] == []

    timeline = done["timeline"]
    assert [(t["fromStatus"], t["toStatus"]) for t in timeline] == [
        (None, "SUBMITTED"),
        ("SUBMITTED", "VERIFIED"),
        ("VERIFIED", "IN_PROCESS"),
        ("IN_PROCESS", "READY"),
        ("READY", "PICKED_UP"),
    ]
    assert [t["actorRole"] for t in timeline] == ["citizen", "officer", "officer", "officer", "officer"]
    assert [t["actorName"] for t in timeline][1:] == ["Agus Prasetyo"] * 4  # staff see who acted
    mine = await budi.execute("query { myApplications { nodes { status timeline { actorName actorRole } } } }")
    entry = mine["myApplications"]["nodes"][0]
    assert entry["status"] == "PICKED_UP"
    assert {t["actorName"] for t in entry["timeline"]} == {None}  # the citizen sees roles, not officers' names

    actions = [r.action for r in await _audit(cettar_runtime)]
    assert actions == [
        "layanan.application_submitted",
        "layanan.application_verified",
        "layanan.application_in_process",
        "layanan.application_ready",
        "layanan.application_picked_up",
    ]
    audits = await _audit(cettar_runtime)
    assert {r.target_type for r in audits} == {"Application"} and audits[1].username == "petugas.surabaya"
    events = await _events(cettar_runtime)
    assert [e.name for e in events] == ["layanan.application_submitted"] + ["layanan.application_status_changed"] * 4
    assert [e.payload["to"] for e in events[1:]] == ["verified", "in_process", "ready", "picked_up"]
    assert all(set(e.payload) <= {"application_id", "agency_id", "service_code", "from", "to"} for e in events)

    notes = await _notifications(cettar_runtime)
    assert len(notes) == 5 and {n.kind for n in notes} == {"layanan.status_changed"}
    assert notes[3].title_id == "Permohonan selesai dan siap diserahkan" and "ambil di loket" in notes[3].body_id
    assert notes[4].title_en == "Application picked up"
    assert {n.target_key for n in notes} == {notes[0].target_key}


async def test_from_submission_to_home_delivery(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = await submit(
        budi,
        {"serviceCode": "uji.kk", "answers": kk_answers(), "delivery": {"method": "HOME_DELIVERY", "address": ADDRESS}},
    )
    app_id = application["id"]
    early = await officer.query(DELIVERY, {"input": {"applicationId": app_id, "status": "WITH_COURIER"}})
    assert early.codes == ["DELIVERY_NOT_READY"]
    for status in ("VERIFIED", "IN_PROCESS", "READY"):
        await move(officer, app_id, status)
    shipped = await officer.execute(
        DELIVERY,
        {
            "input": {
                "applicationId": app_id,
                "status": "WITH_COURIER",
                "courier": "PT Pos Indonesia",
                "courierTrackingNumber": "P2608140001",
            }
        },
    )
    delivery = shipped["updateDelivery"]["application"]["delivery"]
    assert delivery["status"] == "WITH_COURIER" and delivery["courier"] == "PT Pos Indonesia"
    assert (await gql.execute(TRACK, {"n": application["trackingNumber"]}))["trackApplication"][
        "courierStatus"
    ] == "WITH_COURIER"
    await officer.execute(DELIVERY, {"input": {"applicationId": app_id, "status": "FAILED_ATTEMPT"}})
    await officer.execute(DELIVERY, {"input": {"applicationId": app_id, "status": "OUT_FOR_DELIVERY"}})
    done = (
        await officer.execute(
            DELIVERY, {"input": {"applicationId": app_id, "status": "DELIVERED", "receivedBy": "Siti (istri)"}}
        )
    )["updateDelivery"]["application"]
    assert done["status"] == "DELIVERED"
    assert done["delivery"]["status"] == "DELIVERED" and done["delivery"]["receivedBy"] == "Siti (istri)"
    assert done["delivery"]["courierTrackingNumber"] == "P2608140001"
    kinds = [(t["kind"], t["toStatus"]) for t in done["timeline"]]
    assert kinds[-4:] == [
        ("DELIVERY_UPDATED", None),
        ("DELIVERY_UPDATED", None),
        ("DELIVERY_UPDATED", None),
        ("STATUS_CHANGED", "DELIVERED"),
    ]
    tracked = (await gql.execute(TRACK, {"n": application["trackingNumber"]}))["trackApplication"]
    assert tracked["status"] == "DELIVERED" and tracked["courierStatus"] == "DELIVERED"
    assert [t["status"] for t in tracked["timeline"]] == ["SUBMITTED", "VERIFIED", "IN_PROCESS", "READY", "DELIVERED"]
    assert "layanan.delivery_updated" in [r.action for r in await _audit(cettar_runtime)]
    again = await officer.query(DELIVERY, {"input": {"applicationId": app_id, "status": "DELIVERED"}})
    assert again.codes == ["DELIVERY_NOT_READY"]


async def test_the_citizen_confirms_a_home_delivery(gql):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = await submit(
        budi,
        {"serviceCode": "uji.kk", "answers": kk_answers(), "delivery": {"method": "HOME_DELIVERY", "address": ADDRESS}},
    )
    assert (await budi.query(CONFIRM, {"input": {"applicationId": application["id"]}})).codes == [
        "TRANSITION_NOT_ALLOWED"
    ]
    for status in ("VERIFIED", "IN_PROCESS", "READY"):
        await move(officer, application["id"], status)
    siti = await gql.login("warga.siti")
    assert (await siti.query(CONFIRM, {"input": {"applicationId": application["id"]}})).codes == ["NOT_FOUND"]
    confirmed = await budi.execute(CONFIRM, {"input": {"applicationId": application["id"], "receivedBy": "Budi"}})
    assert confirmed["confirmDelivery"]["application"]["status"] == "DELIVERED"
    assert confirmed["confirmDelivery"]["application"]["delivery"]["receivedBy"] == "Budi"


async def test_pickup_applications_have_no_delivery(gql):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    for status in ("VERIFIED", "IN_PROCESS", "READY"):
        await move(officer, application["id"], status)
    assert (
        await officer.query(DELIVERY, {"input": {"applicationId": application["id"], "status": "WITH_COURIER"}})
    ).codes == ["DELIVERY_NOT_APPLICABLE"]
    assert (
        await officer.query(TRANSITION, {"input": {"applicationId": application["id"], "status": "DELIVERED"}})
    ).codes == ["DELIVERY_NOT_APPLICABLE"]


async def test_through_revision_the_clock_restarts_at_resubmission(gql, cettar_runtime, monkeypatch):
    monkeypatch.setattr(domain, "now", lambda: datetime(2026, 8, 10, 2, 0, tzinfo=UTC))  # Monday
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = await submit(
        budi,
        {"serviceCode": "uji.kk", "answers": kk_answers(nomor_kk="3578010101100099")},
        [("kk-buram.png", PNG, "image/png")],
    )
    assert application["dueDate"] == "2026-08-13"  # three working days: Tue, Wed, Thu
    app_id = application["id"]
    await move(officer, app_id, "VERIFIED")
    no_reason = await officer.query(
        TRANSITION, {"input": {"applicationId": app_id, "status": "NEEDS_REVISION", "reason": "  "}}
    )
    assert no_reason.codes == ["REASON_REQUIRED"]
    assert no_reason.errors[0]["extensions"]["field"] == "input.reason"
    returned = await move(officer, app_id, "NEEDS_REVISION", "Scan KK lama buram; unggah ulang dan periksa nomor KK.")
    assert returned["status"] == "NEEDS_REVISION"
    assert returned["statusReason"] == "Scan KK lama buram; unggah ulang dan periksa nomor KK."

    # While it is back with the citizen the clock stops: never overdue.
    monkeypatch.setattr(domain, "today", lambda: date(2026, 8, 20))
    seen = (
        await budi.execute(
            "query { myApplications { nodes { status overdue workingDaysLeft statusReason nextStatuses } } }"
        )
    )["myApplications"]["nodes"][0]
    assert seen == {
        "status": "NEEDS_REVISION",
        "overdue": False,
        "workingDaysLeft": None,
        "statusReason": "Scan KK lama buram; unggah ulang dan periksa nomor KK.",
        "nextStatuses": ["SUBMITTED", "CANCELLED"],
    }
    # The public view shows the status change, not the officer's reason.
    public = (await gql.execute(TRACK, {"n": application["trackingNumber"]}))["trackApplication"]
    assert public["status"] == "NEEDS_REVISION"
    assert "buram" not in str(public)
    # Only the applicant resubmits, with answers checked again.
    monkeypatch.setattr(domain, "now", lambda: datetime(2026, 8, 14, 3, 0, tzinfo=UTC))  # Friday
    bad = await submit_multipart(
        budi,
        {"input": {"applicationId": app_id, "answers": kk_answers(nomor_kk="123")}},
        [("kk.pdf", PDF, "application/pdf")],
        query=RESUBMIT,
    )
    assert bad.codes == ["ANSWER_INVALID"] and bad.errors[0]["extensions"]["field"] == "input.answers.nomor_kk"
    assert (await officer.query(RESUBMIT, {"input": {"applicationId": app_id, "answers": kk_answers()}})).codes == [
        "FORBIDDEN"
    ]
    old_attachment = returned["attachments"][0]["id"]
    resubmitted = await submit_multipart(
        budi,
        {"input": {"applicationId": app_id, "answers": kk_answers(), "withdrawAttachmentIds": [old_attachment]}},
        [("kk-jelas.pdf", PDF, "application/pdf")],
        query=RESUBMIT,
    )
    assert not resubmitted.errors, resubmitted.errors
    again = resubmitted.data["resubmitApplication"]["application"]
    assert again["status"] == "SUBMITTED" and again["revisionCount"] == 1
    assert again["dueDate"] == "2026-08-20"  # three working days from Friday 14 August: 18, 19, 20
    assert again["answers"]["nomor_kk"] == "3578010101100007"
    assert again["statusReason"] is None
    assert [(a["filename"], a["round"]) for a in again["attachments"]] == [("kk-jelas.pdf", 1)]
    assert [(t["fromStatus"], t["toStatus"]) for t in again["timeline"]][-2:] == [
        ("VERIFIED", "NEEDS_REVISION"),
        ("NEEDS_REVISION", "SUBMITTED"),
    ]
    assert again["timeline"][-2]["text"].startswith("Scan KK lama buram")
    # It goes on to the end.
    for status in ("VERIFIED", "IN_PROCESS", "READY", "PICKED_UP"):
        await move(officer, app_id, status)
    actions = [r.action for r in await _audit(cettar_runtime)]
    assert "layanan.application_needs_revision" in actions and "layanan.application_resubmitted" in actions
    notes = await _notifications(cettar_runtime)
    revision = next(n for n in notes if "perlu diperbaiki" in n.title_id)
    assert "Alasan: Scan KK lama buram" in revision.body_id and "Reason: Scan KK lama buram" in revision.body_en


async def test_to_rejection(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    await move(officer, application["id"], "VERIFIED")
    await move(officer, application["id"], "IN_PROCESS")
    assert (
        await officer.query(TRANSITION, {"input": {"applicationId": application["id"], "status": "REJECTED"}})
    ).codes == ["REASON_REQUIRED"]
    rejected = await move(officer, application["id"], "REJECTED", "Data KK tidak cocok dengan database kependudukan.")
    assert rejected["status"] == "REJECTED" and rejected["nextStatuses"] == []
    mine = await budi.execute("query { myApplications { nodes { status statusReason closedAt: submittedAt } } }")
    assert mine["myApplications"]["nodes"][0]["statusReason"] == "Data KK tidak cocok dengan database kependudukan."
    late = await officer.query(TRANSITION, {"input": {"applicationId": application["id"], "status": "READY"}})
    assert late.codes == ["TRANSITION_NOT_ALLOWED"] and late.errors[0]["extensions"]["field"] == "input.status"
    assert "layanan.application_rejected" in [r.action for r in await _audit(cettar_runtime)]


async def test_cancel_before_verification_works_and_after_it_is_refused(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.surabaya")
    first = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    cancelled = await budi.execute(CANCEL, {"input": {"applicationId": first["id"], "reason": "Salah pilih layanan"}})
    assert cancelled["cancelApplication"]["application"] == {
        "status": "CANCELLED",
        "statusReason": "Salah pilih layanan",
        "nextStatuses": [],
    }
    assert (await officer.query(TRANSITION, {"input": {"applicationId": first["id"], "status": "VERIFIED"}})).codes == [
        "TRANSITION_NOT_ALLOWED"
    ]

    second = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    await move(officer, second["id"], "VERIFIED")
    refused = await budi.query(CANCEL, {"input": {"applicationId": second["id"]}})
    assert refused.codes == ["TRANSITION_NOT_ALLOWED"]
    assert (
        refused.errors[0]["message"] == "Permohonan yang diverifikasi tidak dapat diubah menjadi dibatalkan oleh Anda."
    )
    english = await budi.query(CANCEL, {"input": {"applicationId": second["id"]}}, language="en")
    assert english.errors[0]["message"] == "An application that is verified cannot be made cancelled by you."
    # Nobody else cancels it: not another citizen, not the officer (not a citizen).
    siti = await gql.login("warga.siti")
    assert (await siti.query(CANCEL, {"input": {"applicationId": second["id"]}})).codes == ["NOT_FOUND"]
    assert (await officer.query(CANCEL, {"input": {"applicationId": second["id"]}})).codes == ["FORBIDDEN"]
    statuses = (await budi.execute("query { myApplications { nodes { status } } }"))["myApplications"]["nodes"]
    assert [s["status"] for s in statuses] == ["VERIFIED", "CANCELLED"]
    assert "layanan.application_cancelled" in [r.action for r in await _audit(cettar_runtime)]


async def test_transitions_are_checked_against_the_role(gql):
    budi = await gql.login("warga.budi")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    variables = {"input": {"applicationId": application["id"], "status": "VERIFIED"}}
    assert (await budi.query(TRANSITION, variables)).codes == ["FORBIDDEN"]  # a citizen does not verify
    assert (await gql.query(TRANSITION, variables)).codes == ["UNAUTHENTICATED"]
    sidoarjo = await gql.login("petugas.sidoarjo")
    assert (await sidoarjo.query(TRANSITION, variables)).codes == ["NOT_FOUND"]  # another agency's
    province = await gql.login("admin.provinsi")
    assert (await province.query(TRANSITION, variables)).codes == ["FORBIDDEN"]
    admin = await gql.login("admin.surabaya")
    assert (await move(admin, application["id"], "VERIFIED"))["status"] == "VERIFIED"
    skip = await admin.query(TRANSITION, {"input": {"applicationId": application["id"], "status": "READY"}})
    assert skip.codes == ["TRANSITION_NOT_ALLOWED"]
    back = await admin.query(TRANSITION, {"input": {"applicationId": application["id"], "status": "SUBMITTED"}})
    assert back.codes == ["TRANSITION_NOT_ALLOWED"]
    bad_id = await admin.query(TRANSITION, {"input": {"applicationId": "bm9wZQ", "status": "READY"}})
    assert bad_id.codes == ["INVALID_ID"]
