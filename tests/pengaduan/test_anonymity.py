"""An anonymous reporter's identity cannot be obtained by any role, through any field, node, audit record,
event, notification, subscription or log line — while the reporter still follows their own complaint."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from core.events.models import OutboxEvent
from core.identity.models import Account
from core.notifications import NotificationRow
from core.testkit.client import GraphQLClient
from plugins.pengaduan.models import Complaint
from schema import encode_global_id
from tests.pengaduan.helpers import (
    CLOSE,
    FILE,
    FOLLOW_UP,
    MARK,
    MESSAGE,
    MINE,
    REOPEN,
    RESOLVE,
    VERIFY,
    add_demo_people,
    complaint_input,
    counts,
    row_id,
    step,
    wait_until,
)

pytestmark = MARK

INTROSPECT = """
query Types {
  __schema { types { name kind
    fields { name args { name type { kind ofType { kind } } } type { ...T } }
    possibleTypes { name }
  } }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
"""
#: Types that hold an account or a person's data.
ACCOUNT_TYPES = {"Account", "Officer", "AccountSession", "CitizenProfile", "Training", "Notification"}


def _named(type_ref: dict[str, Any]) -> tuple[str, str]:
    while type_ref.get("ofType"):
        type_ref = type_ref["ofType"]
    return type_ref["name"], type_ref["kind"]


class SchemaWalk:
    """Builds a selection of every field reachable from a type (each type expanded once per path)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.types = {t["name"]: t for t in schema["types"]}
        self.reached: set[str] = set()

    def selection(self, type_name: str, depth: int = 0, path: tuple[str, ...] = ()) -> str:
        self.reached.add(type_name)
        t = self.types[type_name]
        parts: list[str] = []
        for field in t["fields"] or []:
            if any(a["type"]["kind"] == "NON_NULL" for a in field["args"]):
                continue  # no field reachable from a complaint needs an argument
            name, kind = _named(field["type"])
            if kind in ("SCALAR", "ENUM"):
                parts.append(field["name"])
            elif kind in ("OBJECT", "INTERFACE") and name not in path and depth < 5:
                parts.append(f"{field['name']} {{ {self.selection(name, depth + 1, (*path, name))} }}")
        return " ".join(parts)


async def every_field_of(client: GraphQLClient, type_name: str) -> tuple[str, set[str]]:
    schema = (await client.execute(INTROSPECT))["__schema"]
    walk = SchemaWalk(schema)
    return walk.selection(type_name, path=(type_name,)), walk.reached


def claims_reporter(value: Any) -> bool:
    """Whether a response marks a complaint, or a reporter's message, as the viewer's own."""
    if isinstance(value, dict):
        reporter_object = "trackingNumber" in value or value.get("authorKind") == "REPORTER"
        if reporter_object and value.get("isMine") is True:
            return True
        return any(claims_reporter(v) for v in value.values())
    if isinstance(value, list):
        return any(claims_reporter(v) for v in value)
    return False


def reporter_traces(account: Account, nik: str) -> list[str]:
    assert account.id is not None and account.phone and account.email
    return [
        account.username,
        account.name,
        account.email,
        account.phone,
        nik,
        encode_global_id("Account", str(account.id)),
        encode_global_id("Officer", str(account.id)),
    ]


async def test_no_role_obtains_an_anonymous_reporters_identity(gql, cettar_app, cettar_runtime, caplog):
    caplog.set_level(logging.DEBUG, logger="cettar")
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    unit = await gql.login("admin.kominfo.pacitan")
    officer = await gql.login("petugas.dinkes.pacitan")

    async with cettar_app.runtime.broker.subscribe(lambda e: True) as _all_events:
        public = (
            await sumarni.execute(
                FILE, {"input": complaint_input(anonymous=True, category="kesehatan", title="Obat sering kosong")}
            )
        )["fileComplaint"]["complaint"]
        secret = (
            await sumarni.execute(
                FILE,
                {"input": complaint_input(anonymous=True, confidential=True, title="Dugaan pungli surat pindah")},
            )
        )["fileComplaint"]["complaint"]
        for cid in (public["id"], secret["id"]):
            await step(unit, VERIFY, complaintId=cid, agencyCode="dinkes-3501", note="Ke Dinkes.")
            await step(officer, FOLLOW_UP, complaintId=cid, note="Ditindaklanjuti.")
            await step(officer, MESSAGE, complaintId=cid, text="Mohon informasi waktu kejadian.")
            await step(sumarni, MESSAGE, complaintId=cid, text="Kejadiannya Senin pagi di loket 2.")
            await step(officer, RESOLVE, complaintId=cid, note="Sudah ditertibkan.")
            await step(sumarni, REOPEN, complaintId=cid, reason="Masih terjadi.")
            await step(officer, FOLLOW_UP, complaintId=cid, note="Kami awasi.")
            await step(officer, RESOLVE, complaintId=cid, note="Petugas sudah diganti.")
        await step(sumarni, CLOSE, complaintId=public["id"], rating=4, comment="Terima kasih.")

    async with cettar_runtime.database.session() as session:
        account = (await session.execute(select(Account).where(col(Account.username) == "warga.sumarni"))).scalar_one()
    traces = reporter_traces(account, "3501045507900001")

    # The reporter follows their own complaints…
    mine = (await sumarni.execute(MINE))["myComplaints"]["nodes"]
    assert {n["id"] for n in mine} == {public["id"], secret["id"]} and all(n["isMine"] for n in mine)

    # …and nobody else gets anything that names them, whatever they select.
    selection, reached = await every_field_of(gql, "Complaint")
    assert not reached & ACCOUNT_TYPES, f"a type reachable from Complaint holds an account: {reached & ACCOUNT_TYPES}"
    assert "reporterName" in selection and "authorName" in selection and "actorName" in selection
    by_id = f"query ById($id: ID!) {{ node(id: $id) {{ ... on Complaint {{ {selection} }} }} }}"
    listing = f"query All {{ complaints(first: 50) {{ nodes {{ {selection} }} }} }}"
    by_number = f"query One($n: String!) {{ complaint(trackingNumber: $n) {{ {selection} }} }}"
    me = "query Me { me { username } myComplaints { totalCount } }"
    viewers = {
        "anonymous": gql,
        "citizen": await gql.login("warga.budi"),
        "officer": officer,
        "agency admin": await gql.login("admin.dinkes.pacitan"),
        "unit verifier": unit,
        "province admin": await gql.login("admin.provinsi"),
        "province unit": await gql.login("admin.kominfo.jatim"),
    }
    for role, client in viewers.items():
        answers: list[Any] = []
        for complaint in (public, secret):
            answers.append(await client.query(by_id, {"id": complaint["id"]}))
            answers.append(await client.query(by_number, {"n": complaint["trackingNumber"]}))
        answers.append(await client.query(listing))
        answers.append(await client.query(me))
        for answer in answers:
            assert not answer.errors or answer.codes == ["UNAUTHENTICATED"], (role, answer.errors)
            text = json.dumps(answer.body, ensure_ascii=False)
            for trace in traces:
                assert trace not in text, f"{role} sees {trace!r}"
            assert not claims_reporter(answer.body), f"{role} is told they filed it or wrote the reporter's messages"
        if role != "anonymous":
            assert (await client.execute(me))["myComplaints"]["totalCount"] == 0, role
    handled = (await officer.query(by_id, {"id": secret["id"]})).data["node"]
    assert handled["reporterName"] is None and handled["anonymous"] is True
    assert {m["authorKind"] for m in handled["messages"]["nodes"]} == {"STAFF", "REPORTER"}
    assert all(s["actorAgency"] is None for s in handled["steps"] if s["actorKind"] == "REPORTER")

    # The audit trail records what the reporter did as "a citizen", never which one.
    for admin in (viewers["province admin"], viewers["unit verifier"]):
        trail = await admin.execute(
            "query($f: AuditFilter) { auditTrail(filter: $f, first: 100) "
            "{ nodes { username role agencyCode action targetType targetId detail requestId } } }",
            {"f": {"targetType": "Complaint"}},
        )
        records = trail["auditTrail"]["nodes"]
        by_citizens = [r for r in records if r["role"] == "citizen"]
        reporter_actions = {
            "pengaduan.complaint_filed",
            "pengaduan.complaint_message_posted",
            "pengaduan.complaint_reopened",
            "pengaduan.complaint_closed",
        }
        seen = {r["action"] for r in by_citizens}
        assert seen == reporter_actions if admin is viewers["province admin"] else "pengaduan.complaint_filed" in seen
        assert [
            r for r in by_citizens if (r["username"], r["agencyCode"], r["requestId"]) != (None, None, "withheld")
        ] == []
        text = json.dumps(records, ensure_ascii=False)
        for trace in traces:
            assert trace not in text
    theirs = await viewers["province admin"].execute(
        "query($f: AuditFilter) { auditTrail(filter: $f, first: 100) { nodes { action targetType targetId } } }",
        {"f": {"username": "warga.sumarni"}},
    )
    assert not [r for r in theirs["auditTrail"]["nodes"] if r["targetType"] == "Complaint"], (
        "nothing the reporter did to an anonymous complaint is filed under their username"
    )

    # Events carry ids only; notifications go to the reporter alone and name nobody.
    async with cettar_runtime.database.session() as session:
        events = (await session.execute(select(OutboxEvent))).scalars().all()
        notes = (await session.execute(select(NotificationRow))).scalars().all()
        complaint_ids = {row_id(public["id"]), row_id(secret["id"])}
        rows = (await session.execute(select(Complaint).where(col(Complaint.id).in_(complaint_ids)))).scalars().all()
    for event in events:
        if not event.name.startswith("pengaduan."):
            continue
        assert set(event.payload) <= {
            "complaint_id",
            "action",
            "status",
            "agency_id",
            "unit_agency_id",
            "message_id",
            "author",
            "rating",
            "level",
        }, event.payload
        for trace in traces:
            assert trace not in json.dumps(event.payload)
    assert {n.account_id for n in notes} == {account.id}, "only the reporter is notified of their complaint"
    assert {row.reporter_account_id for row in rows} == {account.id}, "the reporter's link is kept for them"

    # Nothing about them reached the logs either.
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records if r.name.startswith("cettar"))
    for trace in traces[1:]:
        assert trace not in logged


async def test_the_reporter_of_an_anonymous_complaint_gets_their_notifications_and_updates(gql, cettar_app):
    await add_demo_people(cettar_app.runtime)
    sumarni = await gql.login("warga.sumarni")
    cid = (await sumarni.execute(FILE, {"input": complaint_input(anonymous=True)}))["fileComplaint"]["complaint"]["id"]
    unit = await gql.login("admin.kominfo.pacitan")
    query = "subscription($id: ID!) { complaintUpdated(id: $id) { status isMine reporterName agency { code } } }"
    async with sumarni.subscribe(query, {"id": cid}) as updates:
        await wait_until(lambda: cettar_app.runtime.broker.subscriber_count, what="subscription")
        await step(unit, VERIFY, complaintId=cid, agencyCode="dinkes-3501")
        await cettar_app.dispatch()
        pushed = await updates.next()
    assert pushed.data == {
        "complaintUpdated": {
            "status": "DISPOSED",
            "isMine": True,
            "reporterName": None,
            "agency": {"code": "dinkes-3501"},
        }
    }
    inbox = await sumarni.execute("query { myNotifications { nodes { kind title targetId } } }")
    kinds = [n["kind"] for n in inbox["myNotifications"]["nodes"]]
    assert kinds == ["pengaduan.verified", "pengaduan.filed"]
    assert {n["targetId"] for n in inbox["myNotifications"]["nodes"]} == {cid}


async def test_an_anonymous_reporters_action_is_refused_alongside_other_mutations(gql, cettar_runtime):
    budi = await gql.login("warga.budi")
    together = """
    mutation Together($input: FileComplaintInput!) {
      fileComplaint(input: $input) { complaint { id } }
      markNotificationsRead { marked }
    }"""
    refused = await budi.query(together, {"input": complaint_input(anonymous=True)})
    assert "COMPLAINT_ANONYMOUS_ALONE" in refused.codes
    assert (await counts(cettar_runtime))["pengaduan_complaint"] == 0
    named = await budi.query(together, {"input": complaint_input(anonymous=False)})
    assert not named.errors, "a named complaint may share a request"


#: A JPEG whose EXIF names its owner and where it was taken, as phone photos do.
EXIF = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08Artist: Sumarni; GPS -8.1983 110.9421; Model: Redmi Note"
JPEG = (
    b"\xff\xd8"
    + b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\xff\xe1"
    + (len(EXIF) + 2).to_bytes(2, "big")
    + EXIF
    + b"\xff\xfe\x00\x0dSumarni HP\x00"
    + b"\xff\xda\x00\x08\x01\x01\x00\x00?\x00"
    + b"\x12\x34\x56\x78"
    + b"\xff\xd9"
)


async def test_an_anonymous_reporters_files_lose_their_names_and_metadata(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    response = await sumarni.query(
        FILE,
        {"input": complaint_input(anonymous=True, attachments=[None])},
        files={"input.attachments.0": ("IMG_Sumarni_rumah.jpg", JPEG, "image/jpeg")},
    )
    complaint = response.data["fileComplaint"]["complaint"]
    (attachment,) = complaint["attachments"]
    assert (attachment["filename"], attachment["contentType"]) == ("lampiran-1.jpg", "image/jpeg")
    stored = await cettar_runtime.storage.get(attachment["sha256"])
    assert b"Sumarni" not in stored and b"GPS" not in stored and b"Exif" not in stored
    assert stored.startswith(b"\xff\xd8\xff\xe0") and stored.endswith(b"\x12\x34\x56\x78\xff\xd9"), "the picture stays"
    named = await sumarni.query(
        FILE, {"input": complaint_input(attachments=[None])}, files={"input.attachments.0": ("foto.jpg", JPEG, "x")}
    )
    kept = named.data["fileComplaint"]["complaint"]["attachments"][0]
    assert kept["filename"] == "foto.jpg" and await cettar_runtime.storage.get(kept["sha256"]) == JPEG, (
        "a named reporter's file is kept as sent"
    )
