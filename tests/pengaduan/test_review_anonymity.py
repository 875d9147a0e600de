"""An attacker's second look at anonymity: retries, refused requests, files and their hidden parts.

Each test here was written against a way the reporter of an anonymous complaint could still be
named (an audit record, a file left behind, metadata a phone hides in a photo or a PDF).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from core.runtime import Runtime
from plugins.pengaduan.models import Complaint, ExternalReporterRow
from plugins.pengaduan.open311.catalog import ANONYMOUS
from plugins.pengaduan.privacy import strip_metadata
from tests.pengaduan.helpers import (
    FILE,
    FOLLOW_UP,
    MARK,
    MESSAGE,
    SUPPLEMENT,
    VERIFY,
    add_demo_people,
    complaint_input,
    counts,
    file,
    step,
)
from tests.pengaduan.test_anonymity import JPEG
from tests.pengaduan.test_open311_support import file_request, http, issue_key

pytestmark = MARK

TRAIL = """
query Trail($f: AuditFilter) {
  auditTrail(filter: $f, first: 100) { nodes { action username role targetType targetId requestId } }
}"""


def stored_files(runtime: Runtime) -> list[Path]:
    root = Path(runtime.settings.storage_dir)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def test_retrying_an_anonymous_filing_records_nothing_under_the_reporters_name(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    payload = complaint_input(anonymous=True, idempotencyKey="aduan-anonim-1")
    first = (await budi.execute(FILE, {"input": payload}))["fileComplaint"]["complaint"]
    again = (await budi.execute(FILE, {"input": payload}))["fileComplaint"]["complaint"]
    assert again["id"] == first["id"] and again["isMine"] is True

    province = await gql.login("admin.provinsi")
    by_budi = (await province.execute(TRAIL, {"f": {"username": "warga.budi"}}))["auditTrail"]["nodes"]
    assert [r["action"] for r in by_budi if "omplaint" in r["action"] or r["action"].startswith("pengaduan.")] == [], (
        "a retried anonymous filing must not leave a record naming its reporter"
    )
    filed = (await province.execute(TRAIL, {"f": {"action": "pengaduan."}}))["auditTrail"]["nodes"]
    assert {(r["role"], r["username"], r["requestId"]) for r in filed} == {("citizen", None, "withheld")}


async def test_an_anonymous_filing_refused_for_sharing_its_request_stores_no_file(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    together = """
    mutation Together($input: FileComplaintInput!) {
      fileComplaint(input: $input) { complaint { id } }
      markNotificationsRead { marked }
    }"""
    refused = await budi.query(
        together,
        {"input": complaint_input(anonymous=True, attachments=[None])},
        files={"input.attachments.0": ("IMG_Budi.jpg", JPEG, "image/jpeg")},
    )
    assert refused.codes == ["COMPLAINT_ANONYMOUS_ALONE"]
    assert (await counts(cettar_runtime))["pengaduan_complaint"] == 0
    assert stored_files(cettar_runtime) == [], "a refused request leaves no file behind"


async def test_an_anonymous_reporters_refused_message_or_supplement_stores_no_file(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    unit = await gql.login("admin.kominfo.pacitan")
    held = (await file(sumarni, anonymous=True, title="Pungutan liar di loket desa"))["id"]
    await step(
        unit,
        "mutation($input: HoldComplaintInput!) { holdComplaint(input: $input) { complaint { id } } }",
        complaintId=held,
        reason="Sebutkan tanggal kejadian.",
    )
    disposed = (await file(sumarni, anonymous=True, title="Obat puskesmas sering kosong"))["id"]
    await step(unit, VERIFY, complaintId=disposed, agencyCode="dinkes-3501")
    await step(await gql.login("petugas.dinkes.pacitan"), FOLLOW_UP, complaintId=disposed, note="Dicek.")
    before = stored_files(cettar_runtime)
    rows_before = await counts(cettar_runtime)

    for document, input_ in (
        (
            """mutation($input: PostComplaintMessageInput!) {
                 postComplaintMessage(input: $input) { message { id } }
                 markNotificationsRead { marked } }""",
            {"complaintId": disposed, "text": "Ini fotonya.", "attachments": [None]},
        ),
        (
            """mutation($input: SupplementComplaintInput!) {
                 supplementComplaint(input: $input) { complaint { id } }
                 markNotificationsRead { marked } }""",
            {"complaintId": held, "text": "Kejadian tanggal 3 Maret.", "attachments": [None]},
        ),
    ):
        refused = await sumarni.query(
            document, {"input": input_}, files={"input.attachments.0": ("IMG_Sumarni.jpg", JPEG, "image/jpeg")}
        )
        assert refused.codes == ["COMPLAINT_ANONYMOUS_ALONE"], refused.errors
    assert stored_files(cettar_runtime) == before
    assert await counts(cettar_runtime) == rows_before

    # Alone, the same requests go through (and store the stripped file once).
    await sumarni.execute(
        SUPPLEMENT,
        {"input": {"complaintId": held, "text": "Kejadian tanggal 3 Maret.", "attachments": [None]}},
        files={"input.attachments.0": ("IMG_Sumarni.jpg", JPEG, "image/jpeg")},
    )
    assert len(stored_files(cettar_runtime)) == len(before) + 1


def jpeg_with_trailer() -> tuple[bytes, bytes]:
    """A phone photo: the main picture, then (after its end marker) a second picture in the
    Multi-Picture Format, which carries its own EXIF — as many phones write HDR and depth images."""
    exif = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08Artist: Sumarni; GPS -8.1983 110.9421"
    second = (
        b"\xff\xd8"
        + b"\xff\xe1"
        + (len(exif) + 2).to_bytes(2, "big")
        + exif
        + b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00"
        + b"\x9a\xbc"
        + b"\xff\xd9"
    )
    mpf = b"MPF\x00" + b"\x00" * 12
    head = b"\xff\xd8" + b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    index = b"\xff\xe2" + (len(mpf) + 2).to_bytes(2, "big") + mpf  # where the appended pictures are
    picture = (
        b"\xff\xc4\x00\x05\x00\x00\x00"  # a (tiny) table segment before the scan
        + b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00"
        + b"\x12\xff\x00\x34\xff\xd0\x56"  # entropy-coded data with a stuffed 0xFF and a restart marker
        + b"\xff\xd9"
    )
    return head + index + picture + second, head + picture


def progressive_jpeg() -> tuple[bytes, bytes]:
    """Two scans with a table and a comment between them (a progressive JPEG)."""
    head = b"\xff\xd8" + b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    scan1 = b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00" + b"\x01\x02\x03"
    comment = b"\xff\xfe\x00\x09Sumarni"
    table = b"\xff\xc4\x00\x05\x00\x00\x00"
    scan2 = b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00" + b"\x04\x05"
    end = b"\xff\xd9"
    return head + scan1 + comment + table + scan2 + end, head + scan1 + table + scan2 + end


def test_what_follows_the_end_of_a_jpeg_is_dropped_with_its_metadata():
    sent, kept = jpeg_with_trailer()
    assert strip_metadata(sent, "image/jpeg") == kept
    sent, kept = progressive_jpeg()
    assert strip_metadata(sent, "image/jpeg") == kept


def test_a_png_that_stops_short_keeps_no_text_chunk():
    signature = b"\x89PNG\r\n\x1a\n"
    header = b"\x00\x00\x00\x0dIHDR" + b"\x00" * 13 + b"\x00\x00\x00\x00"
    text = b"\x00\x00\x00\x0etEXtAuthor\x00Sumarni" + b"\x00" * 4
    cut = b"\x00\x00\x01\x00IDAT\x01\x02"  # announces 256 bytes, holds 2
    stripped = strip_metadata(signature + header + text + cut, "image/png")
    assert b"Sumarni" not in stripped and stripped == signature + header


async def test_a_second_picture_hidden_after_the_first_does_not_name_the_reporter(gql, cettar_runtime):
    sumarni_photo, kept = jpeg_with_trailer()
    budi = await gql.login("warga.budi")
    response = await budi.query(
        FILE,
        {"input": complaint_input(anonymous=True, attachments=[None])},
        files={"input.attachments.0": ("IMG_20260301.jpg", sumarni_photo, "image/jpeg")},
    )
    (attachment,) = response.data["fileComplaint"]["complaint"]["attachments"]
    stored = await cettar_runtime.storage.get(attachment["sha256"])
    assert b"Sumarni" not in stored and b"GPS" not in stored
    assert stored == kept and attachment["sha256"] == hashlib.sha256(kept).hexdigest()


#: A PDF as word processors write it: the author's name in the document information and in XMP.
PDF_WITH_AUTHOR = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Metadata 3 0 R>>endobj\n"
    b"2 0 obj<</Author(Sumarni Wulandari)/Creator(Microsoft Word)>>endobj\n"
    b"3 0 obj<</Type/Metadata/Subtype/XML/Length 60>>stream\n"
    b"<x:xmpmeta><dc:creator>Sumarni Wulandari</dc:creator></x:xmpmeta>\nendstream endobj\n"
    b"trailer<</Root 1 0 R/Info 2 0 R>>\n%%EOF\n"
)


async def test_an_anonymous_reporter_attaches_pictures_not_documents_that_carry_their_name(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    refused = await sumarni.query(
        FILE,
        {"input": complaint_input(anonymous=True, attachments=[None, None])},
        files={
            "input.attachments.0": ("foto.jpg", JPEG, "image/jpeg"),
            "input.attachments.1": ("surat.pdf", PDF_WITH_AUTHOR, "application/pdf"),
        },
    )
    assert refused.codes == ["ATTACHMENT_TYPE_NOT_ALLOWED"]
    assert refused.errors[0]["extensions"]["field"] == "input.attachments.1"
    assert (await counts(cettar_runtime))["pengaduan_complaint"] == 0 and stored_files(cettar_runtime) == []
    english = await sumarni.query(
        FILE,
        {"input": complaint_input(anonymous=True, attachments=[None])},
        files={"input.attachments.0": ("surat.pdf", PDF_WITH_AUTHOR, "application/pdf")},
        language="en",
    )
    assert "JPEG" in english.errors[0]["message"] and "PDF" not in english.errors[0]["message"]

    named = await file(sumarni, title="Surat keterangan ditolak")
    assert named["anonymous"] is False
    kept = await sumarni.query(
        FILE,
        {"input": complaint_input(attachments=[None])},
        files={"input.attachments.0": ("surat.pdf", PDF_WITH_AUTHOR, "application/pdf")},
    )
    assert not kept.errors, "a named reporter may attach documents"

    # In the thread of an anonymous complaint too: the reporter's documents are refused, the officers' are not.
    cid = (await file(sumarni, anonymous=True, title="Pungli pengurusan surat"))["id"]
    await step(await gql.login("admin.kominfo.pacitan"), VERIFY, complaintId=cid, agencyCode="dinkes-3501")
    officer = await gql.login("petugas.dinkes.pacitan")
    pdf = {"input.attachments.0": ("balasan.pdf", PDF_WITH_AUTHOR, "application/pdf")}
    message: dict[str, Any] = {"complaintId": cid, "text": "Lampiran.", "attachments": [None]}
    mine = await sumarni.query(MESSAGE, {"input": message}, files=pdf)
    assert mine.codes == ["ATTACHMENT_TYPE_NOT_ALLOWED"]
    theirs = await officer.query(MESSAGE, {"input": message}, files=pdf)
    assert not theirs.errors


async def test_files_are_listed_only_to_those_who_may_open_them(gql, cettar_runtime):
    """The public reads a named complaint without its reporter's name — and so without the names of their files
    (`KTP_Sumarni.jpg`), which it could not download anyway."""
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    photo = {"input.attachments.0": ("KTP_Sumarni_Wulandari.jpg", JPEG, "image/jpeg")}
    response = await sumarni.query(FILE, {"input": complaint_input(attachments=[None])}, files=photo)
    cid = response.data["fileComplaint"]["complaint"]["id"]
    await step(await gql.login("admin.kominfo.pacitan"), VERIFY, complaintId=cid, agencyCode="dinkes-3501")
    officer = await gql.login("petugas.dinkes.pacitan")
    await step(officer, FOLLOW_UP, complaintId=cid, note="Dicek.")
    await sumarni.execute(
        MESSAGE, {"input": {"complaintId": cid, "text": "Foto tambahan.", "attachments": [None]}}, files=photo
    )
    seen = f"""{{ node(id: "{cid}") {{ ... on Complaint {{ isPublic reporterName attachments {{ filename }}
        messages {{ nodes {{ attachments {{ filename }} }} }} }} }} }}"""
    for client in (gql, await gql.login("warga.budi"), await gql.login("petugas.surabaya")):
        public = (await client.execute(seen))["node"]
        assert public["isPublic"] is True and public["reporterName"] is None
        assert public["attachments"] == [] and public["messages"]["nodes"] == [{"attachments": []}]
    for client in (sumarni, officer, await gql.login("admin.provinsi")):
        handled = (await client.execute(seen))["node"]
        assert handled["attachments"] == [{"filename": "KTP_Sumarni_Wulandari.jpg"}]
        assert handled["messages"]["nodes"] == [{"attachments": [{"filename": "KTP_Sumarni_Wulandari.jpg"}]}]


async def test_the_reporters_notifications_about_an_anonymous_complaint_are_theirs_alone(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    await file(sumarni, anonymous=True)
    inbox = await sumarni.execute("query { myNotifications { nodes { id kind targetId } } }")
    (note,) = inbox["myNotifications"]["nodes"]
    by_id = "query($id: ID!) { node(id: $id) { id ... on Notification { kind targetId } } }"
    assert (await sumarni.execute(by_id, {"id": note["id"]}))["node"]["kind"] == "pengaduan.filed"
    for username in ("admin.provinsi", "admin.kominfo.pacitan", "warga.budi"):
        other = await gql.login(username)
        assert (await other.execute(by_id, {"id": note["id"]}))["node"] is None, username


async def test_an_integrators_details_about_an_anonymous_reporter_are_not_kept(cettar_app, gql):
    """Nobody may ever read who filed an anonymous complaint, so what an integrator says about them (e-mail,
    phone, names, device) is not stored at all; for a named one it is, for the officers handling it."""
    issued = await issue_key(gql)
    personal = {"email": "siti@warga.example", "first_name": "Siti", "phone": "081234567890", "device_id": "hp-1"}
    async with http(cettar_app) as client:
        anonymous = await file_request(client, issued["apiKey"], **personal, **{f"attribute[{ANONYMOUS}]": "true"})
        named = await file_request(client, issued["apiKey"], **personal)
    async with cettar_app.runtime.database.session() as session:
        kept = (
            await session.execute(
                select(Complaint.tracking_number).join(
                    ExternalReporterRow, col(ExternalReporterRow.complaint_id) == col(Complaint.id)
                )
            )
        ).scalars()
        assert set(kept) == {named} and anonymous != named
