"""Every path of the lifecycle through GraphQL, as the roles that take each step, with the refusals."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlmodel import col

from core.notifications import NotificationRow
from plugins.pengaduan.models import Complaint
from tests.pengaduan.helpers import (
    ARCHIVE,
    CLOSE,
    FOLLOW_UP,
    FORWARD,
    HOLD,
    MARK,
    MESSAGE,
    MESSAGES,
    NOT_OURS,
    REOPEN,
    RESOLVE,
    SUPPLEMENT,
    VERIFY,
    add_demo_people,
    counts,
    file,
    row_id,
    step,
)

pytestmark = MARK


async def reporter_notifications(runtime, complaint_id: str) -> list[str]:
    async with runtime.database.session() as session:
        row = await session.get(Complaint, row_id(complaint_id))
        assert row is not None
        notes = await session.execute(
            select(NotificationRow)
            .where(
                col(NotificationRow.account_id) == row.reporter_account_id,
                col(NotificationRow.target_key) == str(row.id),
            )
            .order_by(col(NotificationRow.id))
        )
        return [n.kind for n in notes.scalars()]


async def test_verify_follow_up_answer_resolve_and_close_with_a_rating(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    complaint = await file(sumarni, category="kesehatan", title="Obat di puskesmas sering kosong")
    cid = complaint["id"]
    unit = await gql.login("admin.kominfo.pacitan")
    verified = (await step(unit, VERIFY, complaintId=cid, agencyCode="dinkes-3501", note="Urusan Dinkes."))["complaint"]
    assert verified["status"] == "DISPOSED" and verified["agency"]["code"] == "dinkes-3501"
    assert verified["verifiedAt"] and verified["dispositions"][0]["agency"] == {"code": "dinkes-3501"}

    officer = await gql.login("petugas.dinkes.pacitan")
    followed = (await step(officer, FOLLOW_UP, complaintId=cid, note="Stok obat kami cek."))["complaint"]
    assert followed["status"] == "IN_PROGRESS" and followed["followedUpAt"]

    answer = await step(officer, MESSAGE, complaintId=cid, text="Obat sudah dikirim ke puskesmas hari ini.")
    assert answer["message"]["authorKind"] == "STAFF" and answer["message"]["isMine"] is True
    assert answer["complaint"]["firstAnsweredAt"]
    reply = await step(sumarni, MESSAGE, complaintId=cid, text="Terima kasih, sudah saya terima.")
    assert reply["message"] == {
        "id": reply["message"]["id"],
        "authorKind": "REPORTER",
        "isMine": True,
        "text": "Terima kasih, sudah saya terima.",
    }
    thread = (await officer.execute(MESSAGES, {"id": cid}))["node"]["messages"]
    assert [(n["authorKind"], n["authorName"], n["isMine"]) for n in thread["nodes"]] == [
        ("STAFF", "Wahyu Nugroho", True),
        ("REPORTER", None, False),
    ]

    resolved = (await step(officer, RESOLVE, complaintId=cid, note="Stok sudah aman sampai akhir tahun."))["complaint"]
    assert resolved["status"] == "RESOLVED" and resolved["isOpen"] is False
    closed = (await step(sumarni, CLOSE, complaintId=cid, rating=4, comment="Cukup cepat."))["complaint"]
    assert (closed["status"], closed["rating"], closed["ratingComment"]) == ("CLOSED", 4, "Cukup cepat.")
    assert closed["closedAt"] and closed["dueOn"] is None

    steps = closed["steps"]
    assert [(s["action"], s["fromStatus"], s["toStatus"], s["actorKind"]) for s in steps] == [
        ("FILED", None, "SUBMITTED", "REPORTER"),
        ("VERIFIED", "SUBMITTED", "DISPOSED", "STAFF"),
        ("FOLLOWED_UP", "DISPOSED", "IN_PROGRESS", "STAFF"),
        ("RESOLVED", "IN_PROGRESS", "RESOLVED", "STAFF"),
        ("CLOSED", "RESOLVED", "CLOSED", "REPORTER"),
    ]
    assert [s["reason"] for s in steps] == [
        None,
        "Urusan Dinkes.",
        "Stok obat kami cek.",
        "Stok sudah aman sampai akhir tahun.",
        "Cukup cepat.",
    ]
    assert [s["actorAgency"] and s["actorAgency"]["code"] for s in steps] == [
        None,
        "diskominfo-3501",
        "dinkes-3501",
        "dinkes-3501",
        None,
    ]
    assert steps[1]["actorName"] is None, "a citizen does not see which officer acted"
    assert await reporter_notifications(cettar_runtime, cid) == [
        "pengaduan.filed",
        "pengaduan.verified",
        "pengaduan.followed_up",
        "pengaduan.message",
        "pengaduan.resolved",
        "pengaduan.closed",
    ]


async def test_hold_then_the_reporter_supplements_then_it_is_verified(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    heru = await gql.login("warga.heru")
    cid = (await file(heru, regionCode="35.77.03.1002", category="transportasi", title="Lampu lalu lintas mati"))["id"]
    unit = await gql.login("admin.kominfo.madiun")
    empty = await unit.query(HOLD, {"input": {"complaintId": cid, "reason": "  "}})
    assert empty.codes == ["COMPLAINT_REASON_REQUIRED"] and empty.errors[0]["extensions"]["field"] == "input.reason"
    held = (await step(unit, HOLD, complaintId=cid, reason="Sebutkan nama perempatannya."))["complaint"]
    assert held["status"] == "HELD" and held["dueOn"] is None, "the clock stops while held"

    other = await gql.login("warga.budi")
    refused = await other.query(SUPPLEMENT, {"input": {"complaintId": cid, "text": "Perempatan Jl. Pahlawan."}})
    assert refused.codes == ["NOT_FOUND"], "a held complaint is not public: another citizen cannot even see it"
    again = await step(heru, SUPPLEMENT, complaintId=cid, text="Perempatan Jl. Pahlawan - Jl. Diponegoro.")
    assert again["complaint"]["status"] == "SUBMITTED" and again["complaint"]["dueOn"]
    verified = (await step(unit, VERIFY, complaintId=cid, agencyCode="dishub-3577"))["complaint"]
    assert [s["action"] for s in verified["steps"]] == ["FILED", "HELD", "SUPPLEMENTED", "VERIFIED"]
    thread = (await heru.execute(MESSAGES, {"id": cid}))["node"]["messages"]["nodes"]
    assert [(n["authorKind"], n["isMine"]) for n in thread] == [("REPORTER", True)]
    assert await reporter_notifications(cettar_runtime, cid) == [
        "pengaduan.filed",
        "pengaduan.held",
        "pengaduan.verified",
    ]


async def test_not_our_authority_and_archived_are_final(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    heru = await gql.login("warga.heru")
    unit = await gql.login("admin.kominfo.madiun")
    electricity = await file(heru, regionCode="35.77.01.1003", category="lainnya", title="Tagihan listrik melonjak")
    duplicate = await file(heru, regionCode="35.77.01.1003", title="Laporan ganda jalan rusak")
    refused = (await step(unit, NOT_OURS, complaintId=electricity["id"], reason="Kewenangan PT PLN (Persero)."))[
        "complaint"
    ]
    archived = (await step(unit, ARCHIVE, complaintId=duplicate["id"], reason="Laporan ganda."))["complaint"]
    assert (refused["status"], refused["isOpen"], refused["closedAt"] is not None) == ("NOT_OUR_AUTHORITY", False, True)
    assert (archived["status"], archived["isOpen"], archived["isPublic"]) == ("ARCHIVED", False, False)
    for cid, status in ((electricity["id"], "not_our_authority"), (duplicate["id"], "archived")):
        again = await unit.query(VERIFY, {"input": {"complaintId": cid, "agencyCode": "dlh-3577"}})
        assert again.codes == ["COMPLAINT_INVALID_TRANSITION"]
        assert status in again.errors[0]["message"]
    assert (await reporter_notifications(cettar_runtime, electricity["id"]))[-1] == "pengaduan.not_our_authority"
    assert (await reporter_notifications(cettar_runtime, duplicate["id"]))[-1] == "pengaduan.archived"


async def test_forwarding_across_kabupaten_kota_and_the_province_keeps_the_history(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    cid = (await file(sumarni, category="administrasi_kependudukan", title="Data KTP saya tertukar"))["id"]
    unit = await gql.login("admin.kominfo.pacitan")
    await step(unit, VERIFY, complaintId=cid, agencyCode="dispendukcapil-3578", note="Data direkam di Surabaya.")

    officer = await gql.login("petugas.surabaya")
    refused = await officer.query(FORWARD, {"input": {"complaintId": cid, "agencyCode": "dinkes-jatim", "reason": "x"}})
    assert refused.codes == ["FORBIDDEN"], "forwarding is for the agency admin (pengaduan.forward)"
    admin = await gql.login("admin.surabaya")
    same = await admin.query(
        FORWARD, {"input": {"complaintId": cid, "agencyCode": "dispendukcapil-3578", "reason": "x"}}
    )
    assert same.codes == ["COMPLAINT_SAME_AGENCY"]
    await step(admin, FOLLOW_UP, complaintId=cid, note="Kami periksa database SIAK.")
    to_province = (
        await step(admin, FORWARD, complaintId=cid, agencyCode="dpmd-jatim", reason="Perlu koordinasi provinsi.")
    )["complaint"]
    assert to_province["status"] == "DISPOSED", "the new agency must follow it up again"
    back = (await step(unit, FORWARD, complaintId=cid, agencyCode="dispendukcapil-3501", reason="Kembali ke Pacitan."))[
        "complaint"
    ]
    assert [
        (d["seq"], d["fromAgency"] and d["fromAgency"]["code"], d["agency"]["code"]) for d in back["dispositions"]
    ] == [
        (1, None, "dispendukcapil-3578"),
        (2, "dispendukcapil-3578", "dpmd-jatim"),
        (3, "dpmd-jatim", "dispendukcapil-3501"),
    ]
    assert [d["reason"] for d in back["dispositions"]] == [
        "Data direkam di Surabaya.",
        "Perlu koordinasi provinsi.",
        "Kembali ke Pacitan.",
    ]
    assert [s["action"] for s in back["steps"]] == ["FILED", "VERIFIED", "FOLLOWED_UP", "FORWARDED", "FORWARDED"]
    after = await officer.query(FOLLOW_UP, {"input": {"complaintId": cid, "note": "masih kami tangani"}})
    assert after.codes == ["FORBIDDEN"], "once forwarded away, the old agency no longer handles it"
    assert (await reporter_notifications(cettar_runtime, cid)).count("pengaduan.forwarded") == 2


async def test_the_reporter_reopens_within_the_period_and_not_after(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    heru = await gql.login("warga.heru")
    cid = (await file(heru, regionCode="35.77.02.1003", category="administrasi_kependudukan"))["id"]
    unit = await gql.login("admin.kominfo.madiun")
    officer = await gql.login("petugas.capil.madiun")
    await step(unit, VERIFY, complaintId=cid, agencyCode="dispendukcapil-3577")
    await step(officer, FOLLOW_UP, complaintId=cid, note="KK dicetak ulang.")
    resolved = (await step(officer, RESOLVE, complaintId=cid, note="KK baru sudah dicetak."))["complaint"]
    assert resolved["dueOn"], "the last day to reopen"

    siti = await gql.login("warga.siti")
    assert (await siti.query(REOPEN, {"input": {"complaintId": cid, "reason": "x"}})).codes == ["FORBIDDEN"]
    assert (await siti.query(CLOSE, {"input": {"complaintId": cid, "rating": 5}})).codes == ["FORBIDDEN"]
    bad = await heru.query(CLOSE, {"input": {"complaintId": cid, "rating": 6}})
    assert bad.codes == ["COMPLAINT_INVALID_RATING"] and bad.errors[0]["extensions"]["field"] == "input.rating"

    reopened = (await step(heru, REOPEN, complaintId=cid, reason="Alamat di KK masih salah."))["complaint"]
    assert (reopened["status"], reopened["reopenCount"], reopened["isOpen"]) == ("REOPENED", 1, True)
    assert (await officer.query(RESOLVE, {"input": {"complaintId": cid, "note": "x"}})).codes == [
        "COMPLAINT_INVALID_TRANSITION"
    ], "a reopened complaint is followed up before it is resolved again"
    await step(officer, FOLLOW_UP, complaintId=cid, note="Alamat kami perbaiki.")
    await step(officer, RESOLVE, complaintId=cid, note="KK dengan alamat baru sudah dicetak.")

    async with cettar_runtime.database.session() as session:  # ten days pass
        row = await session.get(Complaint, row_id(cid))
        assert row is not None and row.resolved_at is not None
        await session.execute(
            update(Complaint)
            .where(col(Complaint.id) == row.id)
            .values(resolved_at=row.resolved_at - timedelta(days=14))
        )
    late = await heru.query(REOPEN, {"input": {"complaintId": cid, "reason": "Masih salah."}}, language="en")
    assert late.codes == ["COMPLAINT_REOPEN_EXPIRED"]
    assert "5 working days" in late.errors[0]["message"]
    closed = (await step(heru, CLOSE, complaintId=cid, rating=3))["complaint"]
    assert [s["action"] for s in closed["steps"]] == [
        "FILED",
        "VERIFIED",
        "FOLLOWED_UP",
        "RESOLVED",
        "REOPENED",
        "FOLLOWED_UP",
        "RESOLVED",
        "CLOSED",
    ]
    reopen_step = closed["steps"][4]
    assert (reopen_step["actorKind"], reopen_step["reason"]) == ("REPORTER", "Alamat di KK masih salah.")


async def test_who_may_take_which_step(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    cid = (await file(sumarni))["id"]
    verify = {"input": {"complaintId": cid, "agencyCode": "dpupr-3501"}}
    before = await counts(cettar_runtime)

    assert (await gql.query(VERIFY, verify)).codes == ["UNAUTHENTICATED"]
    assert (await sumarni.query(VERIFY, verify)).codes == ["FORBIDDEN"]
    assert (await (await gql.login("petugas.dinkes.pacitan")).query(VERIFY, verify)).codes == ["FORBIDDEN"]
    other_unit = await gql.login("admin.kominfo.madiun")
    assert (await other_unit.query(VERIFY, verify)).codes == ["NOT_FOUND"], "Madiun's unit does not see Pacitan's"
    unknown = await (await gql.login("admin.kominfo.pacitan")).query(
        VERIFY, {"input": {"complaintId": cid, "agencyCode": "dinas-sihir"}}
    )
    assert unknown.codes == ["COMPLAINT_UNKNOWN_AGENCY"]
    bad_id = await (await gql.login("admin.kominfo.pacitan")).query(
        VERIFY, {"input": {"complaintId": "bukan-id", "agencyCode": "dpupr-3501"}}
    )
    assert bad_id.codes == ["INVALID_ID"] and bad_id.errors[0]["extensions"]["field"] == "input.complaintId"

    assert await counts(cettar_runtime) == before, "a refused step writes nothing"
    province = await gql.login("admin.provinsi")
    await step(province, VERIFY, complaintId=cid, agencyCode="dpupr-3501")
    follow = {"input": {"complaintId": cid, "note": "Kami tangani."}}
    assert (await (await gql.login("petugas.surabaya")).query(FOLLOW_UP, follow)).codes == ["FORBIDDEN"]
    assert (await province.query(FOLLOW_UP, follow)).codes == ["FORBIDDEN"], "only the agency handles it"
    assert (await sumarni.query(FOLLOW_UP, follow)).codes == ["FORBIDDEN"]
    stranger = await gql.login("warga.budi")
    message = {"input": {"complaintId": cid, "text": "Saya juga mengalami."}}
    assert (await stranger.query(MESSAGE, message)).codes == ["FORBIDDEN"], "only the reporter and the handlers write"
    empty = await sumarni.query(MESSAGE, {"input": {"complaintId": cid, "text": " "}})
    assert empty.codes == ["COMPLAINT_MESSAGE_INVALID"]
    assert (await (await gql.login("petugas.pupr.pacitan")).query(FOLLOW_UP, follow)).errors == []
