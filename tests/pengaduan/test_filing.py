"""Filing complaints: what is stored, attachments, idempotency, and typed bilingual errors that store nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import col

from core.auth import Role
from core.events.models import OutboxEvent
from core.notifications import NotificationRow
from plugins.pengaduan.models import Complaint
from tests.pengaduan.helpers import (
    EXE,
    FILE,
    MARK,
    MINE,
    PACITAN_DESA,
    PDF,
    PNG,
    complaint_input,
    counts,
    file,
    row_id,
)

pytestmark = MARK

CATEGORIES = "query { complaintCategories { code name nameId nameEn descriptionEn } }"


async def test_categories_are_listed_in_both_languages(gql):
    indonesian = (await gql.execute(CATEGORIES))["complaintCategories"]
    english = (await gql.query(CATEGORIES, language="en")).data["complaintCategories"]
    codes = [c["code"] for c in indonesian]
    for wanted in ("administrasi_kependudukan", "perizinan", "kesehatan", "pendidikan", "infrastruktur"):
        assert wanted in codes
    for wanted in ("lingkungan", "transportasi", "dana_desa", "ketenagakerjaan"):
        assert wanted in codes
    dana_desa = codes.index("dana_desa")
    assert indonesian[dana_desa]["name"] == "Dana Desa"
    assert english[dana_desa]["name"] == "Village funds"


async def test_a_citizen_files_a_complaint_with_location_agency_and_channel(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    complaint = await file(
        budi,
        kind="ASPIRATION",
        category="kesehatan",
        agencyCode="dinkes-3501",
        latitude=-8.1983,
        longitude=110.9421,
        channel="WHATSAPP",
        idempotencyKey="aspirasi-1",
    )
    assert complaint["status"] == "SUBMITTED"
    assert complaint["kind"] == "ASPIRATION"
    assert complaint["channel"] == "WHATSAPP"
    assert complaint["trackingNumber"].startswith("ADU-") and len(complaint["trackingNumber"]) == 13
    assert complaint["requestedAgency"] == {"code": "dinkes-3501"}
    assert complaint["unitAgency"] == {"code": "diskominfo-3501"}, "Pacitan's complaint unit verifies it"
    assert complaint["regionName"] == "Widoro"
    assert (complaint["latitude"], complaint["longitude"]) == (-8.1983, 110.9421)
    assert complaint["isMine"] is True and complaint["reporterName"] == "Budi Santoso"
    assert complaint["isPublic"] is False, "public only once verified"
    assert complaint["dueOn"] is not None, "verification is due in 3 working days"
    assert [s["action"] for s in complaint["steps"]] == ["FILED"]
    assert complaint["steps"][0]["actorKind"] == "REPORTER"

    async with cettar_runtime.database.session() as session:
        row = await session.get(Complaint, row_id(complaint["id"]))
        assert row is not None and row.source == "graphql"
        events = (await session.execute(select(OutboxEvent).where(col(OutboxEvent.source) == "pengaduan"))).scalars()
        payloads = [(e.name, e.payload) for e in events]
        notes = (await session.execute(select(NotificationRow))).scalars().all()
    assert (
        "pengaduan.complaint_filed",
        {
            "complaint_id": row.id,
            "action": "filed",
            "status": "submitted",
            "agency_id": None,
            "unit_agency_id": row.unit_agency_id,
        },
    ) in payloads
    assert [(n.account_id, n.kind, n.target_type, n.target_key) for n in notes] == [
        (row.reporter_account_id, "pengaduan.filed", "Complaint", str(row.id))
    ]
    assert complaint["trackingNumber"] in notes[0].title_id


async def test_retrying_with_the_same_idempotency_key_files_once(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    first = await file(budi, idempotencyKey="sekali-saja")
    again = await file(budi, idempotencyKey="sekali-saja")
    assert again["id"] == first["id"]
    assert (await counts(cettar_runtime))["pengaduan_complaint"] == 1
    reused = await budi.query(FILE, {"input": complaint_input(idempotencyKey="sekali-saja", title="Judul yang lain")})
    assert reused.codes == ["IDEMPOTENCY_KEY_REUSED"]
    assert reused.errors[0]["extensions"]["field"] == "input.idempotencyKey"
    # another citizen's key space is their own
    siti = await gql.login("warga.siti")
    assert (await file(siti, idempotencyKey="sekali-saja"))["id"] != first["id"]


async def test_attachments_are_checked_by_content_and_kept(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    response = await budi.query(
        FILE,
        {"input": complaint_input(attachments=[None, None])},
        files={
            "input.attachments.0": ("foto-jalan.png", PNG, "image/png"),
            "input.attachments.1": ("surat.pdf", PDF, "application/pdf"),
        },
    )
    assert not response.errors, response.errors
    attachments = response.data["fileComplaint"]["complaint"]["attachments"]
    assert [(a["filename"], a["contentType"], a["size"]) for a in attachments] == [
        ("foto-jalan.png", "image/png", len(PNG)),
        ("surat.pdf", "application/pdf", len(PDF)),
    ]
    assert await cettar_runtime.storage.get(attachments[1]["sha256"]) == PDF

    before = await counts(cettar_runtime)
    refused = await budi.query(
        FILE,
        {"input": complaint_input(attachments=[None, None])},
        files={
            "input.attachments.0": ("ok.pdf", PDF, "application/pdf"),
            "input.attachments.1": ("foto.pdf", EXE, "application/pdf"),
        },
    )
    assert refused.codes == ["ATTACHMENT_TYPE_NOT_ALLOWED"]
    assert refused.errors[0]["extensions"]["field"] == "input.attachments.1"
    assert await counts(cettar_runtime) == before


BAD_INPUTS = [
    ({"title": "abc"}, "COMPLAINT_TITLE_INVALID", "input.title"),
    ({"title": "x" * 151}, "COMPLAINT_TITLE_INVALID", "input.title"),
    ({"text": "terlalu pendek"}, "COMPLAINT_TEXT_INVALID", "input.text"),
    ({"category": "sihir"}, "COMPLAINT_UNKNOWN_CATEGORY", "input.category"),
    ({"regionCode": "35.01"}, "COMPLAINT_INVALID_REGION", "input.regionCode"),  # a kabupaten, not a desa
    ({"regionCode": "99.99.99.9999"}, "COMPLAINT_INVALID_REGION", "input.regionCode"),
    ({"latitude": -8.2}, "COMPLAINT_INVALID_COORDINATES", "input.longitude"),
    ({"latitude": -6.2, "longitude": 106.8}, "COMPLAINT_INVALID_COORDINATES", "input.longitude"),  # Jakarta
    ({"latitude": 95.0, "longitude": 112.0}, "COMPLAINT_INVALID_COORDINATES", "input.latitude"),
    ({"agencyCode": "dinas-sihir"}, "COMPLAINT_UNKNOWN_AGENCY", "input.agencyCode"),
    ({"serviceCode": "tidak.ada"}, "COMPLAINT_UNKNOWN_SERVICE", "input.serviceCode"),
    ({"idempotencyKey": "k" * 121}, "VALIDATION_FAILED", "input.idempotencyKey"),
]


@pytest.mark.parametrize(("override", "code", "field"), BAD_INPUTS)
async def test_bad_input_is_a_typed_bilingual_error_and_stores_nothing(gql, cettar_runtime, override, code, field):
    budi = await gql.login("warga.budi")
    before = await counts(cettar_runtime)
    indonesian = await budi.query(FILE, {"input": complaint_input(**override)})
    english = await budi.query(FILE, {"input": complaint_input(**override)}, language="en")
    assert indonesian.codes == [code] and english.codes == [code]
    assert indonesian.errors[0]["extensions"]["field"] == field
    assert indonesian.errors[0]["message"] != english.errors[0]["message"]
    assert "{" not in indonesian.errors[0]["message"] + english.errors[0]["message"], "every parameter filled"
    assert indonesian.data is None
    assert await counts(cettar_runtime) == before
    async with cettar_runtime.database.session() as session:
        assert (await session.execute(select(NotificationRow))).first() is None


async def test_only_signed_in_citizens_file(gql, cettar_runtime):
    anonymous = await gql.query(FILE, {"input": complaint_input()})
    assert anonymous.codes == ["UNAUTHENTICATED"]
    officer = await gql.login("petugas.surabaya")
    assert (await officer.query(FILE, {"input": complaint_input()})).codes == ["FORBIDDEN"]
    admin = gql.as_role(Role.PROVINCE_ADMIN, account_id=7)
    assert (await admin.query(FILE, {"input": complaint_input()})).codes == ["FORBIDDEN"]
    assert (await counts(cettar_runtime))["pengaduan_complaint"] == 0


async def test_my_complaints_lists_my_own_including_anonymous_and_confidential(gql):
    budi = await gql.login("warga.budi")
    named = await file(budi)
    secret = await file(budi, anonymous=True, confidential=True, regionCode=PACITAN_DESA)
    await file(await gql.login("warga.siti"))
    mine = (await budi.execute(MINE))["myComplaints"]
    assert mine["totalCount"] == 2
    assert [n["id"] for n in mine["nodes"]] == [secret["id"], named["id"]], "newest first"
    assert all(n["isMine"] for n in mine["nodes"])
    assert (await gql.query(MINE)).codes == ["UNAUTHENTICATED"]


async def test_attachments_download_for_those_handling_the_complaint_only(gql, cettar_runtime):
    from tests.pengaduan.helpers import VERIFY, add_demo_people, step

    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    response = await sumarni.query(
        FILE, {"input": complaint_input(attachments=[None])}, files={"input.attachments.0": ("surat.pdf", PDF, "x")}
    )
    complaint = response.data["fileComplaint"]["complaint"]
    url = (await sumarni.execute(ATTACHMENT_URL, {"id": complaint["id"]}))["node"]["attachments"][0]["downloadUrl"]
    assert url.startswith("/pengaduan/attachments/")

    async def fetch(client) -> tuple[int, bytes, str]:
        async with client.http() as http:
            answer = await http.get(url)
        return answer.status_code, answer.content, answer.headers.get("content-type", "")

    assert await fetch(sumarni) == (200, PDF, "application/pdf")
    assert (await fetch(gql))[0] == 401
    assert (await fetch(await gql.login("warga.budi")))[0] == 404
    await step(await gql.login("admin.kominfo.pacitan"), VERIFY, complaintId=complaint["id"], agencyCode="dpupr-3501")
    assert (await fetch(await gql.login("petugas.pupr.pacitan")))[:2] == (200, PDF)
    assert (await fetch(await gql.login("warga.budi")))[0] == 404, "a public complaint's files are not public"
    assert (await fetch(await gql.login("petugas.surabaya")))[0] == 404
    async with sumarni.http() as http:
        assert (await http.get("/pengaduan/attachments/bukan-id")).status_code == 404


ATTACHMENT_URL = "query($id: ID!) { node(id: $id) { ... on Complaint { attachments { downloadUrl filename } } } }"
