"""Submitting applications: multipart uploads, answer checks, idempotency, due dates, tracking, who sees what."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlmodel import col

from core.auth import Role
from core.events.models import OutboxEvent
from core.notifications import NotificationRow
from plugins.layanan import service as domain
from plugins.layanan.tracking import normalise
from tests.layanan.support import (
    MARK,
    PDF,
    PLUGINS,
    PNG,
    TRACK,
    UjiLayanan,
    counts,
    kk_answers,
    stored_files,
    submit,
    submit_multipart,
)

pytestmark = MARK

NODE = "query($id: ID!) { node(id: $id) { ... on Application { trackingNumber answers } } }"
MINE = "query { myApplications(first: 10) { totalCount nodes { trackingNumber } } }"
BY_NUMBER = "query($n: String!) { application(trackingNumber: $n) { trackingNumber answers status } }"


async def _ids(runtime, username: str) -> tuple[int, int | None]:
    from core.identity.models import Account, Officer

    async with runtime.database.session() as session:
        account = (await session.execute(select(Account).where(col(Account.username) == username))).scalar_one()
        officer = await session.get(Officer, account.id)
    return account.id, officer.agency_id if officer else None


async def test_a_citizen_submits_with_attachments_and_gets_a_tracking_number(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    application = await submit(
        budi,
        {"serviceCode": "uji.kk", "answers": kk_answers(keterangan="  anak kedua lahir ")},
        [("kk-lama.pdf", PDF, "application/pdf"), ("foto.png", PNG, "image/png")],
    )
    assert application["status"] == "SUBMITTED"
    assert normalise(application["trackingNumber"]) == application["trackingNumber"]
    assert application["trackingNumber"].startswith("LYN-")
    assert application["agency"]["code"] == "dispendukcapil-3578"  # Budi's NIK is from Surabaya
    assert application["service"] == {"code": "uji.kk", "nameId": "Penerbitan Kartu Keluarga (uji)"}
    assert application["answers"] == {
        "nik_pemohon": "3578011203850001",
        "nomor_kk": "3578010101100007",
        "alasan": "PERUBAHAN",
        "jumlah_anggota": 4,
        "tanggal_kejadian": "2026-05-02",
        "keterangan": "ANAK KEDUA LAHIR",  # stripped by the platform, upper-cased by the service's validate
    }
    assert [(a["filename"], a["contentType"], a["round"]) for a in application["attachments"]] == [
        ("kk-lama.pdf", "application/pdf", 0),
        ("foto.png", "image/png", 0),
    ]
    assert application["applicantName"] == "Budi Santoso"
    assert application["applicantNik"] == "3578011203850001"  # his own
    assert application["timeline"] == [
        {
            "kind": "STATUS_CHANGED",
            "fromStatus": None,
            "toStatus": "SUBMITTED",
            "actorRole": "citizen",
            "actorName": None,
            "text": None,
            "at": application["timeline"][0]["at"],
        }
    ]
    assert application["nextStatuses"] == ["CANCELLED"]
    assert application["delivery"] is None and application["deliveryMethod"] == "PICKUP"
    files = stored_files(cettar_runtime)
    assert sorted(p.name for p in files) == sorted(a["sha256"] for a in application["attachments"])
    assert files[0].read_bytes() in (PDF, PNG)

    async with cettar_runtime.database.session() as session:
        events = list((await session.execute(select(OutboxEvent).order_by(col(OutboxEvent.id)))).scalars())
        notes = list((await session.execute(select(NotificationRow))).scalars())
    submitted = [e for e in events if e.name == "layanan.application_submitted"]
    assert len(submitted) == 1
    assert set(submitted[0].payload) == {"application_id", "agency_id", "service_code"}
    assert len(notes) == 1 and notes[0].kind == "layanan.status_changed"
    assert application["trackingNumber"] in notes[0].body_id and notes[0].target_type == "Application"


async def test_a_retried_submission_with_the_same_key_creates_one_application(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    input = {"serviceCode": "uji.kk", "answers": kk_answers(), "idempotencyKey": "kk-budi-1"}
    first = await submit(budi, dict(input))
    again = await submit(budi, dict(input))
    assert again["id"] == first["id"] and again["trackingNumber"] == first["trackingNumber"]
    assert (await counts(cettar_runtime))["layanan_application"] == 1
    assert (await counts(cettar_runtime))["layanan_attachment"] == 1
    other = await submit_multipart(
        budi,
        {"input": {**input, "answers": kk_answers(jumlah_anggota=5)}},
        [("kk.pdf", PDF, "application/pdf")],
    )
    assert other.codes == ["IDEMPOTENCY_KEY_REUSED"]
    assert (await counts(cettar_runtime))["layanan_application"] == 1
    # Another citizen may use the same key: keys are per account.
    siti = await gql.login("warga.siti")
    theirs = await submit(siti, dict(input, answers=kk_answers(nik_pemohon="3515025708920003")))
    assert theirs["id"] != first["id"] and theirs["agency"]["code"] == "dispendukcapil-3515"


@pytest.mark.parametrize(
    ("files", "code", "field"),
    [
        (
            [("kk.pdf", b"Ini bukan PDF, hanya teks biasa.\n" * 10, "application/pdf")],
            "ATTACHMENT_TYPE_NOT_ALLOWED",
            "input.attachments.0",
        ),
        (
            [("kk.pdf", PDF, "application/pdf"), ("besar.pdf", PDF + b"0" * 20_000, "application/pdf")],
            "ATTACHMENT_TOO_LARGE",
            "input.attachments.1",
        ),
        ([("kosong.pdf", b"", "application/pdf")], "ATTACHMENT_EMPTY", "input.attachments.0"),
        ([], "ATTACHMENT_REQUIRED", "input.attachments"),
    ],
)
@pytest.mark.cettar(plugins=PLUGINS, extra_plugins=[UjiLayanan], settings={"max_attachment_mib": 0.01})
async def test_a_bad_attachment_is_refused_and_nothing_is_stored(gql, cettar_runtime, files, code, field):
    budi = await gql.login("warga.budi")
    before = await counts(cettar_runtime)
    response = await submit_multipart(budi, {"input": {"serviceCode": "uji.kk", "answers": kk_answers()}}, files)
    assert response.codes == [code]
    assert response.errors[0]["extensions"]["field"] == field
    assert await counts(cettar_runtime) == before == {k: 0 for k in before}
    assert stored_files(cettar_runtime) == []


@pytest.mark.parametrize(
    ("answers", "code", "field"),
    [
        (kk_answers(nik_pemohon=None), "ANSWER_REQUIRED", "input.answers.nik_pemohon"),
        (kk_answers(nik_pemohon="   "), "ANSWER_REQUIRED", "input.answers.nik_pemohon"),
        (kk_answers(nik_pemohon="3578011303850000"), "INVALID_NIK", "input.answers.nik_pemohon"),
        (kk_answers(nik_pemohon="3599011203850001"), "INVALID_NIK", "input.answers.nik_pemohon"),
        (kk_answers(nomor_kk="35780101011000"), "ANSWER_INVALID", "input.answers.nomor_kk"),
        (kk_answers(alasan="PINDAH"), "ANSWER_INVALID", "input.answers.alasan"),
        (kk_answers(jumlah_anggota="empat"), "ANSWER_INVALID", "input.answers.jumlah_anggota"),
        (kk_answers(jumlah_anggota=True), "ANSWER_INVALID", "input.answers.jumlah_anggota"),
        (kk_answers(jumlah_anggota=40), "ANSWER_INVALID", "input.answers.jumlah_anggota"),  # the service's validate
        (kk_answers(tanggal_kejadian="02-05-2026"), "ANSWER_INVALID", "input.answers.tanggal_kejadian"),
        (kk_answers(tanggal_kejadian="2026-02-30"), "ANSWER_INVALID", "input.answers.tanggal_kejadian"),
        (kk_answers(kode_pos="6022"), "ANSWER_INVALID", "input.answers.kode_pos"),
        (kk_answers(keterangan="x" * 201), "ANSWER_INVALID", "input.answers.keterangan"),
        (kk_answers(warna_favorit="biru"), "ANSWER_UNKNOWN", "input.answers.warna_favorit"),
        (["bukan", "objek"], "VALIDATION_FAILED", "input.answers"),
    ],
)
async def test_a_bad_answer_is_refused_with_a_typed_error_and_nothing_is_stored(
    gql, cettar_runtime, answers, code, field
):
    budi = await gql.login("warga.budi")
    response = await submit_multipart(
        budi, {"input": {"serviceCode": "uji.kk", "answers": answers}}, [("kk.pdf", PDF, "application/pdf")]
    )
    assert response.codes == [code], response.errors
    assert response.errors[0]["extensions"]["field"] == field
    assert set((await counts(cettar_runtime)).values()) == {0}
    assert stored_files(cettar_runtime) == []


async def test_answer_errors_speak_both_languages(gql):
    budi = await gql.login("warga.budi")
    variables = {"input": {"serviceCode": "uji.kk", "answers": kk_answers(alasan="PINDAH")}}
    files = [("kk.pdf", PDF, "application/pdf")]
    indonesian = await submit_multipart(budi.with_headers(**{"Accept-Language": "id"}), dict(variables), files)
    english = await submit_multipart(
        budi.with_headers(**{"Accept-Language": "en"}), {"input": dict(variables["input"])}, files
    )
    assert (
        indonesian.errors[0]["message"]
        == "Jawaban untuk Alasan permohonan tidak valid: pilih salah satu dari: BARU, PERUBAHAN, HILANG."
    )
    assert english.errors[0]["message"] == "The answer to Reason is not valid: choose one of: BARU, PERUBAHAN, HILANG."


async def test_service_and_delivery_checks(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    cases = [
        ({"serviceCode": "uji.nope", "answers": {}}, "SERVICE_NOT_FOUND", "input.serviceCode"),
        ({"serviceCode": "uji.loket", "answers": {}}, "SERVICE_NOT_OFFERED", "input.serviceCode"),
        (
            {
                "serviceCode": "uji.pajak",
                "answers": {"nomor_polisi": "L 1234 AB"},
                "delivery": {"method": "HOME_DELIVERY"},
            },
            "DELIVERY_NOT_OFFERED",
            "input.delivery.method",
        ),
        (
            {"serviceCode": "uji.kk", "answers": kk_answers(), "delivery": {"method": "HOME_DELIVERY"}},
            "DELIVERY_ADDRESS_REQUIRED",
            "input.delivery.address",
        ),
        (
            {
                "serviceCode": "uji.kk",
                "answers": kk_answers(),
                "delivery": {
                    "method": "HOME_DELIVERY",
                    "address": {
                        "recipientName": "Budi",
                        "phone": "081234500001",
                        "street": "Jl. Mawar 1",
                        "regionCode": "35.78.01",
                    },
                },
            },
            "INVALID_REGION",
            "input.delivery.address.regionCode",
        ),
        (
            {
                "serviceCode": "uji.kk",
                "answers": kk_answers(),
                "delivery": {
                    "method": "HOME_DELIVERY",
                    "address": {
                        "recipientName": "Budi",
                        "phone": "12",
                        "street": "Jl. Mawar 1",
                        "regionCode": "35.78.01.1001",
                    },
                },
            },
            "INVALID_PHONE",
            "input.delivery.address.phone",
        ),
        (
            {"serviceCode": "uji.domisili", "answers": {"desa": "35.78", "keperluan": ["BANK"]}},
            "INVALID_REGION",
            "input.answers.desa",
        ),
        (
            {"serviceCode": "uji.domisili", "answers": {"desa": "35.78.01.1001", "keperluan": ["BANK", "PASAR"]}},
            "ANSWER_INVALID",
            "input.answers.keperluan",
        ),
        (
            {"serviceCode": "uji.domisili", "answers": {"desa": "35.78.01.1001", "keperluan": []}},
            "ANSWER_REQUIRED",
            "input.answers.keperluan",
        ),
    ]
    for input, code, field in cases:
        response = await submit_multipart(budi, {"input": input}, [("kk.pdf", PDF, "application/pdf")])
        assert response.codes == [code], (input, response.errors)
        assert response.errors[0]["extensions"]["field"] == field
    assert set((await counts(cettar_runtime)).values()) == {0}
    assert stored_files(cettar_runtime) == []


async def test_only_citizens_apply(gql):
    variables = {"input": {"serviceCode": "uji.kk", "answers": kk_answers()}}
    files = [("kk.pdf", PDF, "application/pdf")]
    assert (await submit_multipart(gql, variables, files)).codes == ["UNAUTHENTICATED"]
    officer = await gql.login("petugas.surabaya")
    assert (await submit_multipart(officer, {"input": dict(variables["input"])}, files)).codes == ["FORBIDDEN"]


async def test_the_region_field_chooses_the_agency_and_the_form_normalises_answers(gql):
    budi = await gql.login("warga.budi")  # a Surabaya NIK, living in Sidoarjo
    application = await submit(
        budi,
        {
            "serviceCode": "uji.domisili",
            "answers": {"desa": " 35.15.01.2001 ", "keperluan": ["BANK", "SEKOLAH", "BANK"]},
        },
        [],
    )
    assert application["agency"]["code"] == "dispendukcapil-3515"
    assert application["answers"] == {"desa": "35.15.01.2001", "keperluan": ["BANK", "SEKOLAH"]}
    pajak = await submit(budi, {"serviceCode": "uji.pajak", "answers": {"nomor_polisi": "L 1234 AB"}}, [])
    assert pajak["agency"]["code"] == "bapenda-jatim"


async def test_due_date_skips_the_weekend_and_independence_day(gql, monkeypatch):
    # Friday 14 August 2026, 10:00 WIB; the one-day service is due Tuesday 18 August: 17 August is a holiday.
    monkeypatch.setattr(domain, "now", lambda: datetime(2026, 8, 14, 3, 0, tzinfo=UTC))
    budi = await gql.login("warga.budi")
    application = await submit(
        budi, {"serviceCode": "uji.domisili", "answers": {"desa": "35.78.01.1001", "keperluan": "SEKOLAH"}}, []
    )
    assert application["dueDate"] == "2026-08-18"
    assert application["submittedAt"].startswith("2026-08-14T03:00:00")
    # Three working days from Friday 14 August: 18, 19, 20 August.
    kk = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    assert kk["dueDate"] == "2026-08-20"
    # Late on Friday evening WIB is still Friday: 16:30 UTC is 23:30 WIB.
    monkeypatch.setattr(domain, "now", lambda: datetime(2026, 8, 14, 16, 30, tzinfo=UTC))
    late = await submit(
        budi, {"serviceCode": "uji.domisili", "answers": {"desa": "35.78.01.1001", "keperluan": "BANK"}}, []
    )
    assert late["dueDate"] == "2026-08-18"
    monkeypatch.setattr(domain, "today", lambda: date(2026, 8, 18))
    on_time = await budi.execute(
        BY_NUMBER.replace("answers status", "overdue workingDaysLeft"), {"n": late["trackingNumber"]}
    )
    assert on_time["application"] == {"trackingNumber": late["trackingNumber"], "overdue": False, "workingDaysLeft": 0}
    monkeypatch.setattr(domain, "today", lambda: date(2026, 8, 19))
    overdue = await budi.execute(
        BY_NUMBER.replace("answers status", "overdue workingDaysLeft"), {"n": late["trackingNumber"]}
    )
    assert overdue["application"]["overdue"] is True and overdue["application"]["workingDaysLeft"] == -1
    public = await gql.execute(TRACK, {"n": late["trackingNumber"]})
    assert public["trackApplication"]["overdue"] is True


async def test_tracking_is_public_and_shows_nothing_personal(gql):
    budi = await gql.login("warga.budi")
    application = await submit(
        budi,
        {
            "serviceCode": "uji.kk",
            "answers": kk_answers(),
            "delivery": {
                "method": "HOME_DELIVERY",
                "address": {
                    "recipientName": "Budi Santoso",
                    "phone": "0812-3450-0001",
                    "street": "Jl. Karang Pilang No. 5",
                    "regionCode": "35.78.01.1001",
                    "postalCode": "60221",
                },
            },
        },
    )
    assert application["delivery"]["phone"] == "+6281234500001"
    assert application["delivery"]["status"] == "PREPARING"
    assert application["delivery"]["regionName"]
    number = application["trackingNumber"]
    typed = number.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    tracked = (await gql.execute(TRACK, {"n": typed}))["trackApplication"]
    assert tracked == {
        "trackingNumber": number,
        "status": "SUBMITTED",
        "dueDate": application["dueDate"],
        "overdue": False,
        "deliveryMethod": "HOME_DELIVERY",
        "courierStatus": "PREPARING",
        "service": {"code": "uji.kk"},
        "agency": {"code": "dispendukcapil-3578"},
        "timeline": [{"status": "SUBMITTED", "at": application["timeline"][0]["at"]}],
    }
    # The public type has no field that could carry personal data.
    fields = await gql.execute('{ __type(name: "TrackedApplication") { fields { name } } }')
    names = {f["name"] for f in fields["__type"]["fields"]}
    assert names.isdisjoint({"answers", "applicantName", "applicantNik", "delivery", "statusReason", "attachments"})
    # A mistyped character is caught by the check character; an unknown number is null.
    wrong = number[:-3] + ("X" if number[-3] != "X" else "Y") + number[-2:]
    assert (await gql.query(TRACK, {"n": wrong})).codes == ["INVALID_TRACKING_NUMBER"]
    assert (await gql.query(TRACK, {"n": "LYN-123"})).codes == ["INVALID_TRACKING_NUMBER"]
    assert (await gql.execute(TRACK, {"n": "LYN-00000-00000-0"}))["trackApplication"] is None


async def test_another_citizen_and_another_agency_cannot_see_an_application(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    number, node_id = application["trackingNumber"], application["id"]
    assert (await budi.execute(MINE))["myApplications"]["totalCount"] == 1
    assert (await budi.execute(NODE, {"id": node_id}))["node"]["answers"]["alasan"] == "PERUBAHAN"

    siti = await gql.login("warga.siti")
    sidoarjo = await gql.login("petugas.sidoarjo")
    for stranger in (siti, sidoarjo):
        assert (await stranger.execute(NODE, {"id": node_id}))["node"] is None
        assert (await stranger.execute(BY_NUMBER, {"n": number}))["application"] is None
    assert (await siti.execute(MINE))["myApplications"]["totalCount"] == 0
    queue = "query { applicationQueue(first: 50) { totalCount nodes { trackingNumber } } }"
    assert (await sidoarjo.execute(queue))["applicationQueue"]["totalCount"] == 0
    assert (await siti.query(queue)).codes == ["FORBIDDEN"]
    assert (await gql.query(queue)).codes == ["UNAUTHENTICATED"]
    assert (await gql.query(MINE)).codes == ["UNAUTHENTICATED"]
    assert (await gql.execute(NODE, {"id": node_id}))["node"] is None  # anonymous

    surabaya = await gql.login("petugas.surabaya")
    assert (await surabaya.execute(NODE, {"id": node_id}))["node"]["answers"]["alasan"] == "PERUBAHAN"
    assert (await surabaya.execute(queue))["applicationQueue"]["nodes"] == [{"trackingNumber": number}]
    # The province admin sees that it exists, not what it says.
    province = await gql.login("admin.provinsi")
    seen = (await province.execute(BY_NUMBER, {"n": number}))["application"]
    assert seen == {"trackingNumber": number, "answers": None, "status": "SUBMITTED"}
    # An attachment is personal data too.
    attachment = application["attachments"][0]["id"]
    get = "query($id: ID!) { node(id: $id) { ... on ApplicationAttachment { filename } } }"
    assert (await budi.execute(get, {"id": attachment}))["node"] == {"filename": "kk.pdf"}
    assert (await surabaya.execute(get, {"id": attachment}))["node"] == {"filename": "kk.pdf"}
    for stranger in (siti, sidoarjo, province, gql):
        assert (await stranger.execute(get, {"id": attachment}))["node"] is None


async def test_the_applicant_nik_is_masked_for_staff_without_the_personal_data_permission(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    application = await submit(budi, {"serviceCode": "uji.kk", "answers": kk_answers()})
    account_id, agency_id = await _ids(cettar_runtime, "petugas.surabaya")
    query = "query($id: ID!) { node(id: $id) { ... on Application { applicantName applicantNik } } }"
    full = gql.as_role(
        Role.OFFICER,
        account_id=account_id,
        agency_id=agency_id,
        permissions=frozenset({"layanan.process", "identity.personal_data.view"}),
    )
    assert (await full.execute(query, {"id": application["id"]}))["node"] == {
        "applicantName": "Budi Santoso",
        "applicantNik": "3578011203850001",
    }
    masked = gql.as_role(
        Role.OFFICER, account_id=account_id, agency_id=agency_id, permissions=frozenset({"layanan.process"})
    )
    assert (await masked.execute(query, {"id": application["id"]}))["node"]["applicantNik"] == "3578**********01"


async def test_attachments_download_for_the_applicant_and_the_agency_only(gql):
    budi = await gql.login("warga.budi")
    application = await submit(
        budi, {"serviceCode": "uji.kk", "answers": kk_answers()}, [("KK lama (scan).pdf", PDF, "text/plain")]
    )
    url = (
        await budi.execute(
            "query($id: ID!) { node(id: $id) { ... on Application { attachments { downloadUrl } } } }",
            {"id": application["id"]},
        )
    )["node"]["attachments"][0]["downloadUrl"]
    assert url.startswith("/layanan/attachments/")
    for client in (budi, await gql.login("petugas.surabaya")):
        async with client.http() as http:
            response = await http.get(url)
        assert response.status_code == 200
        assert response.content == PDF
        assert response.headers["content-type"] == "application/pdf"  # what the content is, not what was declared
        assert response.headers["cache-control"] == "private, no-store"
        assert "KK%20lama%20%28scan%29.pdf" in response.headers["content-disposition"]
    for client, status in (
        (gql, 401),
        (await gql.login("warga.siti"), 404),
        (await gql.login("petugas.sidoarjo"), 404),
        (await gql.login("admin.provinsi"), 404),
    ):
        async with client.http() as http:
            response = await http.get(url)
        assert response.status_code == status
        assert response.content != PDF
    async with budi.http() as http:
        assert (await http.get("/layanan/attachments/bm9wZQ")).status_code == 404


async def test_a_per_region_service_is_not_offered_to_a_nik_from_outside_jawa_timur(gql):
    register = """
    mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { account { username } } }
    """
    await gql.execute(
        register,
        {
            "input": {
                "username": "warga.jakarta",
                "name": "Rina Wulandari",
                "nik": "3171016504900002",
                "password": "sandi-rahasia-2026",
                "phone": "081299900001",
            }
        },
    )
    rina = await gql.login("warga.jakarta", "sandi-rahasia-2026")
    refused = await submit_multipart(
        rina,
        {"input": {"serviceCode": "uji.kk", "answers": kk_answers(nik_pemohon="3171016504900002")}},
        [("kk.pdf", PDF, "application/pdf")],
    )
    assert refused.codes == ["SERVICE_NOT_OFFERED"]
    assert refused.errors[0]["extensions"]["field"] == "input.serviceCode"
    # A service of one fixed agency, and one whose form names the region, are open to her.
    pajak = await submit(rina, {"serviceCode": "uji.pajak", "answers": {"nomor_polisi": "B 1234 XY"}}, [])
    assert pajak["agency"]["code"] == "bapenda-jatim"
    domisili = await submit(
        rina, {"serviceCode": "uji.domisili", "answers": {"desa": "35.78.01.1002", "keperluan": "BANK"}}, []
    )
    assert domisili["agency"]["code"] == "dispendukcapil-3578"
