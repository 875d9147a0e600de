"""Classes, enrolment (no double enrolment, seats enforced), attendance, certificates and their public check."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

import pytest

from core.auth import Role
from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from schema import decode_int_id
from tests.sepasar_pedas.support import ago, citizen, events_named, later, move_class, seed_demo, staff

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "sepasar_pedas"])

SCHEDULE = """
mutation ($input: ScheduleSepasarClassInput!) {
  scheduleSepasarClass(input: $input) { class { id title topic venue capacity enrolledCount seatsLeft market { code } } }
}
"""
ENROL = """
mutation ($input: EnrolSepasarTraderInput!) {
  enrolSepasarTrader(input: $input) { enrolment { id attendance trader { name } } class { enrolledCount seatsLeft } }
}
"""
ATTEND = """
mutation ($input: RecordSepasarAttendanceInput!) {
  recordSepasarAttendance(input: $input) { enrolments { id attendance trader { name } } }
}
"""
ISSUE = """
mutation ($input: IssueSepasarCertificateInput!) {
  issueSepasarCertificate(input: $input) { certificate { id code issuedOn status enrolment { trader { name } } } }
}
"""
REVOKE = """
mutation ($input: RevokeSepasarCertificateInput!) {
  revokeSepasarCertificate(input: $input) { certificate { status revokedReason } }
}
"""
VERIFY = "query ($code: String!) { verifySepasarCertificate(code: $code) { code status holderName className classDate issuedOn } }"
TRADERS = "{ sepasarTraders(first: 50) { nodes { id name stallNumber } } }"


#: Two days ahead (fixed once, so a retry sends the very same input).
START, END = later(48), later(51)


def lesson(**change: Any) -> dict[str, Any]:
    value = {
        "title": "Pembayaran digital dengan QRIS",
        "topic": "DIGITAL_PAYMENT",
        "venue": "Aula Pasar Besar lantai 2",
        "startsAt": START.isoformat(),
        "endsAt": END.isoformat(),
        "capacity": 2,
        "marketCode": "pasar-besar",
        "instructor": "Tim Fasilitator",
    }
    value.update(change)
    return value


async def traders_by_name(client: GraphQLClient) -> dict[str, str]:
    return {t["name"]: t["id"] for t in (await client.execute(TRADERS))["sepasarTraders"]["nodes"]}


async def enrol(client: GraphQLClient, class_id: str, trader_id: str, **extra: Any) -> Any:
    return await client.query(ENROL, {"input": {"classId": class_id, "traderId": trader_id, **extra}})


@pytest.fixture
async def school(gql: GraphQLClient, cettar_runtime: Runtime) -> dict[str, Any]:
    """Demo data, an officer and the admin of the trade office, and a new class with two seats."""
    await seed_demo(cettar_runtime)
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)
    admin = await staff(gql, cettar_runtime, "admin.disdag", Role.AGENCY_ADMIN)
    created = await officer.execute(SCHEDULE, {"input": lesson(idempotencyKey="k-1")})
    return {
        "officer": officer,
        "admin": admin,
        "class": created["scheduleSepasarClass"]["class"],
        "traders": await traders_by_name(officer),
    }


async def test_an_officer_schedules_a_class(school: dict[str, Any], cettar_runtime: Runtime) -> None:
    officer = school["officer"]
    assert {k: v for k, v in school["class"].items() if k != "id"} == {
        "title": "Pembayaran digital dengan QRIS",
        "topic": "DIGITAL_PAYMENT",
        "venue": "Aula Pasar Besar lantai 2",
        "capacity": 2,
        "enrolledCount": 0,
        "seatsLeft": 2,
        "market": {"code": "pasar-besar"},
    }
    again = await officer.execute(SCHEDULE, {"input": lesson(idempotencyKey="k-1")})
    assert again["scheduleSepasarClass"]["class"]["id"] == school["class"]["id"]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"startsAt": ago(1).isoformat()}, "SEPASAR_INVALID_SCHEDULE"),
        ({"endsAt": (START - timedelta(hours=1)).isoformat()}, "SEPASAR_INVALID_SCHEDULE"),
        ({"endsAt": (START + timedelta(hours=13)).isoformat()}, "SEPASAR_INVALID_SCHEDULE"),
        (
            {"startsAt": later(24 * 400).isoformat(), "endsAt": later(24 * 400 + 2).isoformat()},
            "SEPASAR_INVALID_SCHEDULE",
        ),
        ({"capacity": 0}, "SEPASAR_INVALID_CAPACITY"),
        ({"capacity": 201}, "SEPASAR_INVALID_CAPACITY"),
        ({"title": "QR"}, "SEPASAR_TEXT_LENGTH"),
        ({"marketCode": "pasar-tidak-ada"}, "NOT_FOUND"),
    ]
    for change, code in cases:
        assert (await officer.query(SCHEDULE, {"input": lesson(**change)})).codes == [code], change
    assert len(await events_named(cettar_runtime, "sepasar_pedas.class_scheduled")) == 1
    classes = (
        await officer.execute(
            "{ sepasarClasses(filter: {topic: DIGITAL_PAYMENT}) { totalCount nodes { title startsAt } } }"
        )
    )["sepasarClasses"]
    assert classes["totalCount"] == 2  # the demo class in October and the new one
    assert classes["nodes"][0]["startsAt"] < classes["nodes"][1]["startsAt"]  # by start time


async def test_who_may_see_and_schedule_classes(school: dict[str, Any], gql: GraphQLClient) -> None:
    query = "{ sepasarClasses { totalCount } }"
    assert (await gql.query(query)).codes == ["UNAUTHENTICATED"]
    assert (await (await gql.login("warga.siti")).query(query)).codes == ["FORBIDDEN"]
    assert (await (await gql.login("petugas.surabaya")).execute(query))["sepasarClasses"]["totalCount"] == 0
    assert (await (await gql.login("admin.provinsi")).execute(query))["sepasarClasses"]["totalCount"] == 5
    surabaya = await gql.login("petugas.surabaya")  # holds the permission by role, but not in this agency
    assert (await surabaya.query(SCHEDULE, {"input": lesson()})).codes == ["NOT_FOUND"]
    siti_id = school["traders"]["Siti Aminah"]
    assert (await enrol(surabaya, school["class"]["id"], siti_id)).codes == ["NOT_FOUND"]
    node = "query ($id: ID!) { node(id: $id) { ... on SepasarClass { title } } }"
    assert (await surabaya.execute(node, {"id": school["class"]["id"]}))["node"] is None
    assert (await school["officer"].execute(node, {"id": school["class"]["id"]}))["node"] is not None


async def test_enrolment_is_once_per_trader_and_never_beyond_the_seats(
    school: dict[str, Any], cettar_runtime: Runtime, gql: GraphQLClient
) -> None:
    officer, class_id, traders = school["officer"], school["class"]["id"], school["traders"]
    first = await enrol(officer, class_id, traders["Siti Aminah"], idempotencyKey="e-1")
    assert first.data["enrolSepasarTrader"]["class"] == {"enrolledCount": 1, "seatsLeft": 1}
    retried = await enrol(officer, class_id, traders["Siti Aminah"], idempotencyKey="e-1")
    assert retried.data["enrolSepasarTrader"]["enrolment"]["id"] == first.data["enrolSepasarTrader"]["enrolment"]["id"]
    twice = await enrol(officer, class_id, traders["Siti Aminah"])
    assert (twice.codes, twice.errors[0]["extensions"]["field"]) == (["SEPASAR_ALREADY_ENROLLED"], "input.traderId")
    assert (await enrol(officer, class_id, traders["Suparman"])).data["enrolSepasarTrader"]["class"]["seatsLeft"] == 0
    full = await enrol(officer, class_id, traders["Hendra Gunawan"])
    assert full.codes == ["SEPASAR_CLASS_FULL"]
    assert "2" in full.errors[0]["message"]
    # Fewer seats than traders enrolled is refused; more seats reopen the class.
    update = "mutation ($input: UpdateSepasarClassInput!) { updateSepasarClass(input: $input) { class { capacity seatsLeft } } }"
    shrink = await officer.query(update, {"input": {"classId": class_id, "capacity": 1}})
    assert shrink.codes == ["SEPASAR_CAPACITY_BELOW_ENROLMENT"]
    grown = await officer.execute(update, {"input": {"classId": class_id, "capacity": 3}})
    assert grown["updateSepasarClass"]["class"] == {"capacity": 3, "seatsLeft": 1}
    assert (await enrol(officer, class_id, traders["Hendra Gunawan"])).errors == []
    enrolled = await events_named(cettar_runtime, "sepasar_pedas.trader_enrolled")
    assert len(enrolled) == 3 and set(enrolled[0]) == {"enrolment_id", "class_id", "trader_id"}
    # Siti is linked to warga.siti: she is told (the others have no account to tell).
    notifications = await events_named(cettar_runtime, "notification.created")
    assert [n["kind"] for n in notifications] == ["sepasar_pedas.enrolled"]

    # An inactive trader cannot be enrolled; nor can anyone once the class has started.
    await officer.execute(
        "mutation ($id: ID!) { updateSepasarTrader(input: {traderId: $id, active: false}) { trader { active } } }",
        {"id": traders["Made Wirawan"]},
    )
    assert (await enrol(officer, class_id, traders["Made Wirawan"])).codes == ["SEPASAR_TRADER_INACTIVE"]
    await move_class(cettar_runtime, decode_int_id(class_id, "SepasarClass"), ago(1))
    assert (await enrol(officer, class_id, traders["Nurul Hidayah"])).codes == ["SEPASAR_ENROLMENT_CLOSED"]
    moved = await officer.query(update, {"input": {"classId": class_id, "startsAt": later(10).isoformat()}})
    assert moved.codes == ["SEPASAR_CLASS_STARTED"]


async def test_two_officers_taking_the_last_seat_at_once(
    school: dict[str, Any], gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    officer, class_id, traders = school["officer"], school["class"]["id"], school["traders"]
    await enrol(officer, class_id, traders["Siti Aminah"])
    other = await staff(gql, cettar_runtime, "petugas.disdag2", Role.OFFICER)
    results = await asyncio.gather(
        enrol(officer, class_id, traders["Suparman"]), enrol(other, class_id, traders["Hendra Gunawan"])
    )
    assert sorted(tuple(r.codes) for r in results) == [(), ("SEPASAR_CLASS_FULL",)]
    seats = await officer.execute(
        "query ($id: ID!) { node(id: $id) { ... on SepasarClass { enrolledCount enrolments { id } } } }",
        {"id": class_id},
    )
    assert seats["node"]["enrolledCount"] == len(seats["node"]["enrolments"]) == 2


async def test_attendance_then_certificates_then_verification(
    school: dict[str, Any], gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    officer, admin, class_id, traders = school["officer"], school["admin"], school["class"]["id"], school["traders"]
    siti = (await enrol(officer, class_id, traders["Siti Aminah"])).data["enrolSepasarTrader"]["enrolment"]["id"]
    suparman = (await enrol(officer, class_id, traders["Suparman"])).data["enrolSepasarTrader"]["enrolment"]["id"]
    entries = [
        {"traderId": traders["Siti Aminah"], "present": True},
        {"traderId": traders["Suparman"], "present": False},
    ]
    early = await officer.query(ATTEND, {"input": {"classId": class_id, "entries": entries}})
    assert early.codes == ["SEPASAR_CLASS_NOT_STARTED"]
    raw_id = decode_int_id(class_id, "SepasarClass")
    await move_class(cettar_runtime, raw_id, ago(1))
    stranger = await officer.query(
        ATTEND, {"input": {"classId": class_id, "entries": [{"traderId": traders["Hendra Gunawan"], "present": True}]}}
    )
    assert (stranger.codes, stranger.errors[0]["extensions"]["field"]) == (
        ["SEPASAR_NOT_ENROLLED"],
        "input.entries.0.traderId",
    )
    recorded = await officer.execute(ATTEND, {"input": {"classId": class_id, "entries": entries}})
    assert [(e["trader"]["name"], e["attendance"]) for e in recorded["recordSepasarAttendance"]["enrolments"]] == [
        ("Siti Aminah", "PRESENT"),
        ("Suparman", "ABSENT"),
    ]
    # Certificates: after the class ended, for those present, by holders of the permission.
    assert (await admin.query(ISSUE, {"input": {"enrolmentId": siti}})).codes == ["SEPASAR_CLASS_NOT_FINISHED"]
    await move_class(cettar_runtime, raw_id, ago(5))
    assert (await officer.query(ISSUE, {"input": {"enrolmentId": siti}})).codes == ["FORBIDDEN"]
    assert (await admin.query(ISSUE, {"input": {"enrolmentId": suparman}})).codes == ["SEPASAR_NOT_ATTENDED"]
    issued = (await admin.execute(ISSUE, {"input": {"enrolmentId": siti, "idempotencyKey": "c-1"}}))[
        "issueSepasarCertificate"
    ]["certificate"]
    assert re.fullmatch(r"SPD(-[0-9A-HJKMNP-TV-Z]{4}){4}", issued["code"])
    assert (issued["status"], issued["enrolment"]) == ("VALID", {"trader": {"name": "Siti Aminah"}})
    again = await admin.execute(ISSUE, {"input": {"enrolmentId": siti, "idempotencyKey": "c-1"}})
    assert again["issueSepasarCertificate"]["certificate"]["code"] == issued["code"]
    assert (await admin.query(ISSUE, {"input": {"enrolmentId": siti}})).codes == ["SEPASAR_CERTIFICATE_EXISTS"]
    (event,) = await events_named(cettar_runtime, "sepasar_pedas.certificate_issued")
    assert set(event) == {"certificate_id", "enrolment_id", "class_id"}
    # Attendance of a certified trader can no longer become absent.
    locked = await officer.query(
        ATTEND, {"input": {"classId": class_id, "entries": [{"traderId": traders["Siti Aminah"], "present": False}]}}
    )
    assert locked.codes == ["SEPASAR_ATTENDANCE_LOCKED"]

    # Anyone may verify the code, typed loosely; they learn the masked name, the class and its date only.
    loose = issued["code"].lower().replace("-", " ")
    checked = (await gql.execute(VERIFY, {"code": loose}))["verifySepasarCertificate"]
    assert checked == {
        "code": issued["code"],
        "status": "VALID",
        "holderName": "S***i A***h",
        "className": "Pembayaran digital dengan QRIS",
        "classDate": checked["classDate"],
        "issuedOn": issued["issuedOn"],
    }
    assert checked["classDate"] is not None
    fields = await gql.execute('{ __type(name: "SepasarCertificateVerification") { fields { name } } }')
    assert {f["name"] for f in fields["__type"]["fields"]} == {
        "code",
        "status",
        "holderName",
        "className",
        "classDate",
        "issuedOn",
    }
    for unknown in ("SPD-0000-0000-0000-0000", "bukan kode", ""):
        answer = (await gql.execute(VERIFY, {"code": unknown}))["verifySepasarCertificate"]
        assert (answer["status"], answer["holderName"], answer["className"]) == ("UNKNOWN", None, None), unknown

    # Revoked: verification says so; the officer may not, another agency's admin finds nothing.
    certificate_id = issued["id"]
    assert (
        await officer.query(REVOKE, {"input": {"certificateId": certificate_id, "reason": "Salah nama"}})
    ).codes == ["FORBIDDEN"]
    other = await gql.login("admin.surabaya")
    assert (await other.query(REVOKE, {"input": {"certificateId": certificate_id, "reason": "Salah nama"}})).codes == [
        "NOT_FOUND"
    ]
    assert (await admin.query(REVOKE, {"input": {"certificateId": certificate_id, "reason": "x"}})).codes == [
        "SEPASAR_TEXT_LENGTH"
    ]
    revoked = await admin.execute(REVOKE, {"input": {"certificateId": certificate_id, "reason": "Salah nama peserta"}})
    assert revoked["revokeSepasarCertificate"]["certificate"] == {
        "status": "REVOKED",
        "revokedReason": "Salah nama peserta",
    }
    assert (await admin.query(REVOKE, {"input": {"certificateId": certificate_id, "reason": "Lagi lagi"}})).codes == [
        "SEPASAR_CERTIFICATE_REVOKED"
    ]
    assert (await gql.execute(VERIFY, {"code": issued["code"]}))["verifySepasarCertificate"]["status"] == "REVOKED"
    assert len(await events_named(cettar_runtime, "sepasar_pedas.certificate_revoked")) == 1


async def test_the_agency_admin_grants_an_officer_certificate_issuing(
    school: dict[str, Any], gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    officer, admin, class_id, traders = school["officer"], school["admin"], school["class"]["id"], school["traders"]
    enrolment = (await enrol(officer, class_id, traders["Hendra Gunawan"])).data["enrolSepasarTrader"]["enrolment"][
        "id"
    ]
    await move_class(cettar_runtime, decode_int_id(class_id, "SepasarClass"), ago(1))
    await officer.execute(
        ATTEND, {"input": {"classId": class_id, "entries": [{"traderId": traders["Hendra Gunawan"], "present": True}]}}
    )
    await move_class(cettar_runtime, decode_int_id(class_id, "SepasarClass"), ago(4))
    me = await officer.execute("{ me { id } }")
    await admin.execute(
        'mutation ($id: ID!) { grantPermission(input: {permission: "sepasar_pedas.certificates.issue", accountId: $id}) { granted } }',
        {"id": me["me"]["id"]},
    )
    officer = await gql.login("petugas.disdag")
    issued = await officer.execute(ISSUE, {"input": {"enrolmentId": enrolment}})
    assert issued["issueSepasarCertificate"]["certificate"]["status"] == "VALID"


async def test_a_trader_sees_only_their_own_enrolments_and_certificates(
    school: dict[str, Any], gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    mine = """{
      mySepasarEnrolments { totalCount nodes { attendance class { title enrolments { trader { name } } } certificate { code status } } }
      mySepasarCertificates { totalCount nodes { code status enrolment { trader { name nik } } } }
    }"""
    siti = await gql.login("warga.siti")
    data = await siti.execute(mine)
    assert data["mySepasarEnrolments"]["totalCount"] == 3
    # The QRIS class had four traders; she sees herself only.
    for enrolment in data["mySepasarEnrolments"]["nodes"]:
        assert [e["trader"]["name"] for e in enrolment["class"]["enrolments"]] == ["Siti Aminah"]
    assert sorted(c["code"] for c in data["mySepasarCertificates"]["nodes"]) == [
        "SPD-7K4M-9QXR-2D8F-HB3T",
        "SPD-8PJZ-6FKW-3RDV-7QAS",
    ]
    assert {c["enrolment"]["trader"]["nik"] for c in data["mySepasarCertificates"]["nodes"]} == {"3515025708920003"}

    budi = await gql.login("warga.budi")
    assert await budi.execute(mine) == {
        "mySepasarEnrolments": {"totalCount": 0, "nodes": []},
        "mySepasarCertificates": {"totalCount": 0, "nodes": []},
    }
    assert set((await gql.query(mine)).codes) == {"UNAUTHENTICATED"}
    # node(id:) agrees: Siti's certificate is hers and the office's, nobody else's.
    certificate_id = (await siti.execute("{ mySepasarCertificates(first: 1) { edges { node { id } } } }"))[
        "mySepasarCertificates"
    ]["edges"][0]["node"]["id"]
    node = "query ($id: ID!) { node(id: $id) { ... on SepasarCertificate { code } } }"
    assert (await siti.execute(node, {"id": certificate_id}))["node"] is not None
    assert (await school["officer"].execute(node, {"id": certificate_id}))["node"] is not None
    assert (await budi.execute(node, {"id": certificate_id}))["node"] is None
    assert (await gql.execute(node, {"id": certificate_id}))["node"] is None
    # The classes she is enrolled in are hers to read through node(id:) too, as through her enrolments
    # (with only her own enrolment in them); nobody else's citizen account reads them.
    class_ids = [
        e["node"]["class"]["id"]
        for e in (await siti.execute("{ mySepasarEnrolments { edges { node { class { id } } } } }"))[
            "mySepasarEnrolments"
        ]["edges"]
    ]
    class_node = "query ($id: ID!) { node(id: $id) { ... on SepasarClass { title enrolments { trader { name } } } } }"
    for class_id in class_ids:
        found = (await siti.execute(class_node, {"id": class_id}))["node"]
        assert found is not None and [e["trader"]["name"] for e in found["enrolments"]] == ["Siti Aminah"]
        assert (await budi.execute(class_node, {"id": class_id}))["node"] is None
        assert (await gql.execute(class_node, {"id": class_id}))["node"] is None
    # A new trader-citizen starts with nothing, and sees their enrolment once linked.
    wahyu = await citizen(gql, cettar_runtime, "warga.yuliana", "Yuliana Sari", "3573044707950010")
    assert (await wahyu.execute(mine))["mySepasarEnrolments"]["totalCount"] == 0
    await wahyu.execute("mutation { linkMySepasarTraders { traders { name } } }")
    assert (await wahyu.execute(mine))["mySepasarEnrolments"]["totalCount"] == 1


CLASSES = """
query ($first: Int) {
  sepasarClasses(first: $first) {
    nodes { title market { name statistics { traders } }
      enrolments { attendance trader { name nik market { code } } certificate { code status enrolment { id } } } }
  }
}
"""


async def test_class_lists_do_not_query_per_class_or_trader(school: dict[str, Any], cettar_runtime: Runtime) -> None:
    officer = school["officer"]
    await officer.execute(CLASSES, {"first": 1})
    with count_statements(cettar_runtime) as small:
        one = await officer.execute(CLASSES, {"first": 2})
    with count_statements(cettar_runtime) as large:
        five = await officer.execute(CLASSES, {"first": 5})
    assert len(one["sepasarClasses"]["nodes"]) == 2
    assert len(five["sepasarClasses"]["nodes"]) == 5
    assert large.count <= small.count
