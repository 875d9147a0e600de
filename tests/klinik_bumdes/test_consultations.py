"""Consultation tickets through GraphQL: opened → assigned → session scheduled → notes → resolved → closed,
as the BUM Desa manager, the clinic's officer and the expert, with every refusal."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest

from core.calendar import WIB
from core.runtime import Runtime
from core.testkit import GraphQLClient
from tests.klinik_bumdes.support import (
    KEDENSARI,
    PLUGINS,
    PUJON_KIDUL,
    WIDORO,
    Clock,
    bum_desa_id,
    codes,
    count,
    counts,
    events,
    expert_id,
    seed_demo,
)

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

FIELDS = """
  id number topic subject description status outcome outcomeSummary requesterName
  openedAt assignedAt resolvedAt closedAt
  bumDesa { name }
  expert { name university }
  sessions { id mode startsAt endsAt meetingUrl place status notes cancelReason }
  notes { body authorName byMe }
  history { action status actorName at }
"""
OPEN = f"mutation($input: OpenBumDesaConsultationInput!) {{ openBumDesaConsultation(input: $input) {{ consultation {{ {FIELDS} }} }} }}"
ASSIGN = f"mutation($input: AssignBumDesaConsultationInput!) {{ assignBumDesaConsultation(input: $input) {{ consultation {{ {FIELDS} }} }} }}"
SCHEDULE = f"""mutation($input: ScheduleBumDesaConsultationSessionInput!) {{
  scheduleBumDesaConsultationSession(input: $input) {{ consultation {{ {FIELDS} }} session {{ id status mode }} }} }}"""
COMPLETE = f"""mutation($input: CompleteBumDesaConsultationSessionInput!) {{
  completeBumDesaConsultationSession(input: $input) {{ consultation {{ {FIELDS} }} session {{ status notes }} }} }}"""
CANCEL = f"""mutation($input: CancelBumDesaConsultationSessionInput!) {{
  cancelBumDesaConsultationSession(input: $input) {{ consultation {{ {FIELDS} }} session {{ status cancelReason }} }} }}"""
NOTE = f"""mutation($input: AddBumDesaConsultationNoteInput!) {{
  addBumDesaConsultationNote(input: $input) {{ consultation {{ {FIELDS} }} note {{ body authorName byMe }} }} }}"""
RESOLVE = f"mutation($input: ResolveBumDesaConsultationInput!) {{ resolveBumDesaConsultation(input: $input) {{ consultation {{ {FIELDS} }} }} }}"
CLOSE = f"mutation($input: CloseBumDesaConsultationInput!) {{ closeBumDesaConsultation(input: $input) {{ consultation {{ {FIELDS} }} }} }}"
LIST = """query($filter: BumDesaConsultationFilter) {
  bumDesaConsultations(filter: $filter, first: 50) { totalCount nodes { id number subject status } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on BumDesaConsultation { number status } } }"
SESSION_NODE = (
    "query($id: ID!) { node(id: $id) { ... on BumDesaConsultationSession { status consultation { number } } } }"
)

DESCRIPTION = "Laporan keuangan kami belum memisahkan pendapatan galeri dan biaya produksi; mohon pendampingan."


def at(day_offset: int, hour: int, clock: Clock, minute: int = 0) -> str:
    """An ISO moment ``day_offset`` days from the (moved) clock's WIB date, at ``hour`` WIB."""
    day = clock.now().astimezone(WIB).date() + timedelta(days=day_offset)
    return datetime.combine(day, time(hour, minute), tzinfo=WIB).isoformat()


async def subjects(client: GraphQLClient, **filter: Any) -> list[str]:
    data = await client.execute(LIST, {"filter": filter or None})
    return [n["subject"] for n in data["bumDesaConsultations"]["nodes"]]


async def notified(runtime: Runtime, username: str, kind: str, after: int = 0) -> int:
    """How many notifications of ``kind`` ``username`` got after the notification numbered ``after``."""
    return await count(
        runtime,
        "core_notification",
        f"WHERE kind = '{kind}' AND id > {after} "
        f"AND account_id = (SELECT id FROM core_account WHERE username = '{username}')",
    )


async def last_notification(runtime: Runtime) -> int:
    return await count(runtime, "core_notification")


async def test_a_consultation_from_opening_to_closing(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    await seed_demo(cettar_runtime)
    mark = await last_notification(cettar_runtime)
    siti = await gql.login("warga.siti")
    budi = await gql.login("warga.budi")
    officer = await gql.login("petugas.dpmd")
    rina = await gql.login("pakar.unair")
    bambang = await gql.login("pakar.ub")
    kedensari = await bum_desa_id(gql, KEDENSARI)

    # opened by the BUM Desa's manager
    opened = await siti.execute(
        OPEN,
        {
            "input": {
                "bumDesaId": kedensari,
                "topic": "FINANCIAL_REPORT",
                "subject": "Laporan keuangan galeri",
                "description": DESCRIPTION,
            }
        },
    )
    ticket = opened["openBumDesaConsultation"]["consultation"]
    assert ticket["number"] == f"KBD-{clock.now().astimezone(WIB).year}-{int(_key(ticket['id'])):06d}"
    assert (ticket["status"], ticket["requesterName"], ticket["bumDesa"], ticket["expert"]) == (
        "OPENED",
        "Siti Aminah",
        {"name": "BUM Desa Karya Kulit Kedensari"},
        None,
    )
    assert [(h["action"], h["status"], h["actorName"]) for h in ticket["history"]] == [
        ("OPENED", "OPENED", "Siti Aminah")
    ]
    tid = ticket["id"]

    # who sees it: the requester and the clinic; not another citizen, not an unassigned expert
    assert "Laporan keuangan galeri" in await subjects(siti)
    assert "Laporan keuangan galeri" in await subjects(officer)
    assert "Laporan keuangan galeri" not in await subjects(budi)
    assert (await budi.execute(NODE, {"id": tid}))["node"] is None
    assert (await gql.query(LIST)).codes == ["UNAUTHENTICATED"]
    assert set(await subjects(rina)) == {
        "Penyusunan laporan keuangan tahunan 2025",
        "Pemisahan laporan keuangan per unit usaha",
    }

    # assigned by the clinic to an expert who takes the topic
    unair = await expert_id(gql, "Rina")
    assigned = (await officer.execute(ASSIGN, {"input": {"consultationId": tid, "expertId": unair}}))[
        "assignBumDesaConsultation"
    ]["consultation"]
    assert (assigned["status"], assigned["expert"]) == (
        "ASSIGNED",
        {"name": "Dr. Rina Kusumawati, S.E., M.Si., Ak.", "university": "Universitas Airlangga"},
    )
    assert await notified(cettar_runtime, "warga.siti", "klinik_bumdes.ticket_assigned", mark) == 1
    assert await notified(cettar_runtime, "pakar.unair", "klinik_bumdes.ticket_assigned_to_you", mark) == 1
    assert "Laporan keuangan galeri" in await subjects(rina)
    assert "Laporan keuangan galeri" in await subjects(rina, assignedToMe=True)
    assert "Laporan keuangan galeri" not in await subjects(bambang)
    assert (await bambang.execute(NODE, {"id": tid}))["node"] is None

    # the expert schedules an online session; the requester cannot
    session_input = {
        "consultationId": tid,
        "mode": "ONLINE",
        "startsAt": at(2, 10, clock),
        "endsAt": at(2, 12, clock),
        "meetingUrl": "https://zoom.us/j/98765432100",
    }
    assert (await siti.query(SCHEDULE, {"input": session_input})).codes == ["FORBIDDEN"]
    scheduled = (await rina.execute(SCHEDULE, {"input": session_input}))["scheduleBumDesaConsultationSession"]
    assert scheduled["session"]["status"] == "SCHEDULED"
    assert scheduled["consultation"]["status"] == "SCHEDULED"
    session_id = scheduled["session"]["id"]
    assert await notified(cettar_runtime, "warga.siti", "klinik_bumdes.session_scheduled", mark) == 1
    assert await notified(cettar_runtime, "pakar.unair", "klinik_bumdes.session_scheduled", mark) == 0, (
        "not told of own step"
    )
    assert (await siti.execute(SESSION_NODE, {"id": session_id}))["node"]["status"] == "SCHEDULED"
    assert (await budi.execute(SESSION_NODE, {"id": session_id}))["node"] is None

    # not yet: notes before the start, resolution with a session pending
    assert codes(
        await rina.query(COMPLETE, {"input": {"sessionId": session_id, "notes": "Catatan terlalu awal."}})
    ) == [("BUMDES_SESSION_NOT_STARTED", "input.sessionId")]
    assert codes(
        await rina.query(
            RESOLVE, {"input": {"consultationId": tid, "outcome": "SOLVED", "summary": "Selesai lebih awal."}}
        )
    ) == [("BUMDES_SESSION_PENDING", "input.consultationId")]

    # two days later the session took place (14:00 WIB, after it ended)
    clock.move_to(at(2, 14, clock))
    notes = "Disusun bagan akun galeri; biaya produksi dipisah dari biaya operasional."
    held = (await rina.execute(COMPLETE, {"input": {"sessionId": session_id, "notes": notes}}))[
        "completeBumDesaConsultationSession"
    ]
    assert held["session"] == {"status": "HELD", "notes": notes}
    assert held["consultation"]["status"] == "SCHEDULED"
    again = await rina.query(COMPLETE, {"input": {"sessionId": session_id, "notes": notes}}, language="en")
    assert codes(again) == [("BUMDES_SESSION_CLOSED", "input.sessionId")]
    assert again.errors[0]["message"] == "This session is already held and cannot be changed."

    # notes by the requester and the expert
    noted = (await siti.execute(NOTE, {"input": {"consultationId": tid, "body": "Terima kasih, kami coba terapkan."}}))[
        "addBumDesaConsultationNote"
    ]
    assert noted["note"] == {"body": "Terima kasih, kami coba terapkan.", "authorName": "Siti Aminah", "byMe": True}
    assert await notified(cettar_runtime, "pakar.unair", "klinik_bumdes.note_added", mark) == 1

    # resolved by the expert with an outcome
    summary = "Galeri kini mencatat pendapatan dan biaya per transaksi; laporan tahunan dapat disusun."
    resolved = (
        await rina.execute(RESOLVE, {"input": {"consultationId": tid, "outcome": "SOLVED", "summary": summary}})
    )["resolveBumDesaConsultation"]["consultation"]
    assert (resolved["status"], resolved["outcome"], resolved["outcomeSummary"]) == ("RESOLVED", "SOLVED", summary)
    assert resolved["resolvedAt"] is not None
    assert await notified(cettar_runtime, "warga.siti", "klinik_bumdes.ticket_resolved", mark) == 1

    # closed by the requester only (or the clinic)
    assert (await rina.query(CLOSE, {"input": {"consultationId": tid}})).codes == ["FORBIDDEN"]
    assert codes(await budi.query(CLOSE, {"input": {"consultationId": tid}})) == [("NOT_FOUND", "input.consultationId")]
    closed = (await siti.execute(CLOSE, {"input": {"consultationId": tid}}))["closeBumDesaConsultation"]["consultation"]
    assert closed["status"] == "CLOSED" and closed["closedAt"] is not None
    assert [(h["action"], h["status"], h["actorName"]) for h in closed["history"]] == [
        ("OPENED", "OPENED", "Siti Aminah"),
        ("ASSIGNED", "ASSIGNED", "Endah Puspitasari"),
        ("SESSION_SCHEDULED", "SCHEDULED", "Rina Kusumawati"),
        ("SESSION_HELD", "SCHEDULED", "Rina Kusumawati"),
        ("NOTE_ADDED", "SCHEDULED", "Siti Aminah"),
        ("RESOLVED", "RESOLVED", "Rina Kusumawati"),
        ("CLOSED", "CLOSED", "Siti Aminah"),
    ]
    late = await siti.query(NOTE, {"input": {"consultationId": tid, "body": "Satu lagi."}}, language="en")
    assert codes(late) == [("BUMDES_INVALID_TRANSITION", None)]
    assert late.errors[0]["message"] == f"Consultation {ticket['number']} is closed; this step is not possible."

    ticket_key = int(_key(tid))
    mine = [(name, payload) for name, payload in await events(cettar_runtime) if payload.get("ticket_id") == ticket_key]
    assert [name for name, _ in mine] == [
        "klinik_bumdes.ticket_opened",
        "klinik_bumdes.ticket_assigned",
        "klinik_bumdes.session_scheduled",
        "klinik_bumdes.session_held",
        "klinik_bumdes.note_added",
        "klinik_bumdes.ticket_resolved",
        "klinik_bumdes.ticket_closed",
    ]
    assert mine[0][1] == {"ticket_id": ticket_key, "bum_desa_id": int(_key(kedensari)), "topic": "financial_report"}


def _key(global_id: str) -> str:
    from schema import decode_global_id

    return decode_global_id(global_id)[1]


async def test_sessions_are_in_the_future_located_and_never_overlap(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    await seed_demo(cettar_runtime)
    rina = await gql.login("pakar.unair")
    officer = await gql.login("petugas.dpmd")
    # Rina's demo consultations: Kemiren (ASSIGNED) and Pujon Kidul (CLOSED)
    listed = (await rina.execute(LIST, {"filter": {"status": "ASSIGNED"}}))["bumDesaConsultations"]["nodes"]
    (kemiren,) = listed
    first = {
        "consultationId": kemiren["id"],
        "mode": "ON_SITE",
        "startsAt": at(3, 9, clock),
        "endsAt": at(3, 11, clock),
        "place": "Balai Desa Kemiren, Kecamatan Glagah",
    }
    await rina.execute(SCHEDULE, {"input": first})
    before = await counts(cettar_runtime)
    refusals: list[tuple[dict[str, Any], str, str]] = [
        ({"startsAt": at(3, 10, clock), "endsAt": at(3, 12, clock)}, "BUMDES_EXPERT_BUSY", "input.startsAt"),
        ({"startsAt": at(3, 8, clock), "endsAt": at(3, 9, clock, 30)}, "BUMDES_EXPERT_BUSY", "input.startsAt"),
        ({"startsAt": at(-1, 9, clock), "endsAt": at(-1, 10, clock)}, "BUMDES_SESSION_IN_PAST", "input.startsAt"),
        ({"startsAt": at(400, 9, clock), "endsAt": at(400, 10, clock)}, "VALIDATION_FAILED", "input.startsAt"),
        ({"startsAt": at(4, 9, clock), "endsAt": at(4, 9, clock)}, "VALIDATION_FAILED", "input.endsAt"),
        ({"startsAt": at(4, 7, clock), "endsAt": at(4, 16, clock)}, "VALIDATION_FAILED", "input.endsAt"),
        ({"startsAt": "2030-01-02T09:00:00", "endsAt": "2030-01-02T10:00:00"}, "VALIDATION_FAILED", "input.startsAt"),
        ({"place": None}, "BUMDES_SESSION_LOCATION_REQUIRED", "input.place"),
        ({"mode": "ONLINE", "place": None}, "BUMDES_SESSION_LOCATION_REQUIRED", "input.meetingUrl"),
        (
            {"mode": "ONLINE", "place": None, "meetingUrl": "http://zoom.us/j/1"},
            "BUMDES_SESSION_LOCATION_REQUIRED",
            "input.meetingUrl",
        ),
        ({"mode": "ONLINE", "meetingUrl": "https://zoom.us/j/1"}, "VALIDATION_FAILED", "input.place"),
        ({"meetingUrl": "https://zoom.us/j/1"}, "VALIDATION_FAILED", "input.meetingUrl"),
    ]
    for changes, code, field in refusals:
        values = {**first, "startsAt": at(5, 9, clock), "endsAt": at(5, 10, clock), **changes}
        response = await rina.query(SCHEDULE, {"input": values})
        assert codes(response) == [(code, field)], changes
    assert await counts(cettar_runtime) == before
    # back to back is not an overlap; another expert may meet at the same time
    adjacent = await rina.execute(
        SCHEDULE, {"input": {**first, "startsAt": at(3, 11, clock), "endsAt": at(3, 12, clock)}}
    )
    assert adjacent["scheduleBumDesaConsultationSession"]["session"]["status"] == "SCHEDULED"
    (sanankerto,) = [
        n
        for n in (await officer.execute(LIST, {"filter": {"status": "SCHEDULED"}}))["bumDesaConsultations"]["nodes"]
        if n["subject"].startswith("Rencana bisnis")
    ]
    same_time = await officer.execute(
        SCHEDULE, {"input": {**first, "consultationId": sanankerto["id"], "place": "Balai Desa Sanankerto"}}
    )
    assert same_time["scheduleBumDesaConsultationSession"]["consultation"]["expert"]["university"] == (
        "Universitas Negeri Surabaya"
    )


async def test_cancelling_frees_the_expert_and_resolution_needs_a_held_session(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_demo(cettar_runtime)
    mark = await last_notification(cettar_runtime)
    bambang = await gql.login("pakar.ub")
    budi = await gql.login("warga.budi")
    (capital,) = (await bambang.execute(LIST, {"filter": {"topic": "CAPITAL"}}))["bumDesaConsultations"]["nodes"]
    assert capital["status"] == "SCHEDULED"
    detail = await bambang.execute(
        f"query($id: ID!) {{ node(id: $id) {{ ... on BumDesaConsultation {{ {FIELDS} }} }} }}", {"id": capital["id"]}
    )
    (meeting,) = detail["node"]["sessions"]
    assert (await budi.query(CANCEL, {"input": {"sessionId": meeting["id"], "reason": "Kami berhalangan."}})).codes == [
        "FORBIDDEN"
    ]
    cancelled = (
        await bambang.execute(
            CANCEL, {"input": {"sessionId": meeting["id"], "reason": "Pakar sedang dinas luar kota."}}
        )
    )["cancelBumDesaConsultationSession"]
    assert cancelled["session"] == {"status": "CANCELLED", "cancelReason": "Pakar sedang dinas luar kota."}
    assert cancelled["consultation"]["status"] == "ASSIGNED", "no session left: back to assigned"
    assert await notified(cettar_runtime, "warga.budi", "klinik_bumdes.session_cancelled", mark) == 1
    # its time is free again
    rebooked = await bambang.execute(
        SCHEDULE,
        {
            "input": {
                "consultationId": capital["id"],
                "mode": "ONLINE",
                "startsAt": meeting["startsAt"],
                "endsAt": meeting["endsAt"],
                "meetingUrl": meeting["meetingUrl"],
            }
        },
    )
    assert rebooked["scheduleBumDesaConsultationSession"]["consultation"]["status"] == "SCHEDULED"
    again = await bambang.query(CANCEL, {"input": {"sessionId": meeting["id"], "reason": "Dua kali dibatalkan."}})
    assert codes(again) == [("BUMDES_SESSION_CLOSED", "input.sessionId")]

    rina = await gql.login("pakar.unair")
    (kemiren,) = (await rina.execute(LIST, {"filter": {"status": "ASSIGNED"}}))["bumDesaConsultations"]["nodes"]
    resolve = {"consultationId": kemiren["id"], "outcome": "SOLVED", "summary": "Tanpa sesi tidak bisa selesai."}
    assert codes(await rina.query(RESOLVE, {"input": resolve})) == [("BUMDES_NO_SESSION_HELD", "input.consultationId")]
    opened = (await budi.execute(LIST, {"filter": {"status": "OPENED"}}))["bumDesaConsultations"]["nodes"]
    assert opened == []


async def test_opening_assigning_and_their_refusals(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    mark = await last_notification(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    budi = await gql.login("warga.budi")
    rina = await gql.login("pakar.unair")
    kedensari = await bum_desa_id(gql, KEDENSARI)
    widoro = await bum_desa_id(gql, WIDORO)
    pujon = await bum_desa_id(gql, PUJON_KIDUL)
    base = {"topic": "LEGAL_ENTITY", "subject": "Perubahan anggaran dasar", "description": DESCRIPTION}
    before = await counts(cettar_runtime)
    assert codes(await budi.query(OPEN, {"input": {**base, "bumDesaId": kedensari}})) == [
        ("BUMDES_NOT_MANAGER", "input.bumDesaId")
    ]
    surabaya = await gql.login("petugas.surabaya")
    assert (await surabaya.query(OPEN, {"input": {**base, "bumDesaId": kedensari}})).codes == ["FORBIDDEN"]
    assert (await gql.query(OPEN, {"input": {**base, "bumDesaId": kedensari}})).codes == ["UNAUTHENTICATED"]
    assert codes(await budi.query(OPEN, {"input": {**base, "bumDesaId": pujon, "description": "Terlalu pendek."}})) == [
        ("VALIDATION_FAILED", "input.description")
    ]
    assert codes(await budi.query(OPEN, {"input": {**base, "bumDesaId": "not-an-id"}})) == [
        ("INVALID_ID", "input.bumDesaId")
    ]
    assert await counts(cettar_runtime) == before

    # a manager's retry with the same key opens one consultation
    keyed = {**base, "bumDesaId": pujon, "idempotencyKey": "konsultasi-ad-1"}
    first = await budi.execute(OPEN, {"input": keyed})
    second = await budi.execute(OPEN, {"input": keyed})
    assert (
        first["openBumDesaConsultation"]["consultation"]["id"]
        == second["openBumDesaConsultation"]["consultation"]["id"]
    )
    assert await count(cettar_runtime, "klinik_bumdes_ticket") == before["klinik_bumdes_ticket"] + 1

    # the clinic opens on a BUM Desa's behalf: without a manager nobody is told; with one, the manager is
    walk_in = (await officer.execute(OPEN, {"input": {**base, "bumDesaId": widoro}}))["openBumDesaConsultation"][
        "consultation"
    ]
    assert walk_in["requesterName"] is None
    for_budi = (await officer.execute(OPEN, {"input": {**base, "bumDesaId": pujon, "subject": "Rapat umum pengurus"}}))[
        "openBumDesaConsultation"
    ]["consultation"]
    assert for_budi["requesterName"] == "Budi Santoso"
    assert "Rapat umum pengurus" in await subjects(budi)
    assert await notified(cettar_runtime, "warga.budi", "klinik_bumdes.ticket_opened", mark) == 1

    # assignment: an active expert taking the topic, by the clinic only
    unair = await expert_id(gql, "Rina")
    hari = await expert_id(gql, "Hari")
    laila = await expert_id(gql, "Laila")
    before = await counts(cettar_runtime)
    mismatch = await officer.query(
        ASSIGN, {"input": {"consultationId": walk_in["id"], "expertId": unair}}, language="en"
    )
    assert codes(mismatch) == [("BUMDES_EXPERT_TOPIC_MISMATCH", "input.expertId")]
    assert mismatch.errors[0]["message"] == "This expert does not take consultations on legal entity registration."
    assert codes(await officer.query(ASSIGN, {"input": {"consultationId": walk_in["id"], "expertId": hari}})) == [
        ("BUMDES_EXPERT_INACTIVE", "input.expertId")
    ]
    assert (await rina.query(ASSIGN, {"input": {"consultationId": walk_in["id"], "expertId": laila}})).codes == [
        "FORBIDDEN"
    ]
    assert (await budi.query(ASSIGN, {"input": {"consultationId": for_budi["id"], "expertId": laila}})).codes == [
        "FORBIDDEN"
    ]
    (scheduled,) = [
        n for n in (await officer.execute(LIST, {"filter": {"topic": "CAPITAL"}}))["bumDesaConsultations"]["nodes"]
    ]
    bambang = await expert_id(gql, "Bambang")
    assert codes(await officer.query(ASSIGN, {"input": {"consultationId": scheduled["id"], "expertId": bambang}})) == [
        ("BUMDES_INVALID_TRANSITION", None)
    ]
    assert await counts(cettar_runtime) == before
    assigned = await officer.execute(ASSIGN, {"input": {"consultationId": walk_in["id"], "expertId": laila}})
    assert assigned["assignBumDesaConsultation"]["consultation"]["status"] == "ASSIGNED"


async def test_the_consult_permission_lets_staff_elsewhere_handle_their_regions_consultations(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    """An agency admin may grant ``klinik_bumdes.consult`` to their officers: it covers the BUM Desa of that
    agency's region only, never the whole province (Dispendukcapil Sidoarjo must not read Malang's questions)."""
    await seed_demo(cettar_runtime)
    rudi = await gql.login("petugas.sidoarjo")
    assert await subjects(rudi) == []
    admin = await gql.login("admin.sidoarjo")
    officers = await admin.execute('{ officers(search: "Rudi") { nodes { account { id } } } }')
    granted = await admin.execute(
        'mutation($id: ID!) { grantPermission(input: {permission: "klinik_bumdes.consult", accountId: $id}) { granted } }',
        {"id": officers["officers"]["nodes"][0]["account"]["id"]},
    )
    assert granted["grantPermission"]["granted"] is True
    # The one demo consultation of a BUM Desa in Kabupaten Sidoarjo (35.15), and nothing elsewhere.
    assert await subjects(rudi) == ["Pengurusan NIB untuk galeri kerajinan kulit"]
    pujon, kedensari = await bum_desa_id(gql, PUJON_KIDUL), await bum_desa_id(gql, KEDENSARI)
    assert await subjects(rudi, bumDesaId=pujon) == []
    assert await subjects(rudi, assignedToMe=True) == [], "not an expert"
    bad = await rudi.query(LIST, {"filter": {"expertId": pujon}})
    assert codes(bad) == [("INVALID_ID", "filter.expertId")], "a BumDesa ID is not an expert's"
    everything = await (await gql.login("admin.provinsi")).execute(LIST)
    malang = [n for n in everything["bumDesaConsultations"]["nodes"] if n["subject"].startswith("Pemisahan laporan")]
    assert (await rudi.execute(NODE, {"id": malang[0]["id"]}))["node"] is None
    laila = await expert_id(gql, "Laila")
    outside = await rudi.query(ASSIGN, {"input": {"consultationId": malang[0]["id"], "expertId": laila}})
    assert codes(outside) == [("NOT_FOUND", "input.consultationId")]
    contacts = "query($id: ID!) { node(id: $id) { ... on BumDesa { contactPhone directorName } } }"
    assert "*" not in (await rudi.execute(contacts, {"id": kedensari}))["node"]["contactPhone"]
    assert (await rudi.execute(contacts, {"id": pujon}))["node"] == {
        "contactPhone": "+62813*****101",
        "directorName": None,
    }
    (opened,) = [
        n
        for n in (await rudi.execute(LIST, {"filter": {"status": "OPENED"}}))["bumDesaConsultations"]["nodes"]
        if n["subject"].startswith("Pengurusan NIB")
    ]
    done = await rudi.execute(ASSIGN, {"input": {"consultationId": opened["id"], "expertId": laila}})
    assert done["assignBumDesaConsultation"]["consultation"]["expert"]["name"] == "Dr. Laila Mufidah, S.H., M.H."
    # consulting is not running the registry
    refused = await rudi.query(
        'mutation { registerBumDesa(input: {name: "BUM Desa Maju Kludan", desaCode: "35.15.06.2014", establishedYear: 2020, grade: PEMULA}) { bumDesa { id } } }'
    )
    assert refused.codes == ["FORBIDDEN"]
