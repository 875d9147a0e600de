"""Coaching programmes through GraphQL: public listing, creation by the clinic, enrolment with a capacity."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from core.calendar import WIB
from core.runtime import Runtime
from core.testkit import GraphQLClient
from tests.klinik_bumdes.support import (
    KEDENSARI,
    PLUGINS,
    PUJON_KIDUL,
    TAMANSARI,
    WIDORO,
    Clock,
    bum_desa_id,
    codes,
    counts,
    events,
    seed_demo,
)

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

PROGRAMS = """
query($filter: BumDesaCoachingProgramFilter) {
  bumDesaCoachingPrograms(filter: $filter) {
    totalCount
    nodes {
      id title organizer topic targetGrade mode place startsOn endsOn enrollmentClosesOn capacity
      enrolledCount seatsLeft openForEnrollment
      enrollments { status bumDesa { name } }
    }
  }
}
"""
CREATE = """
mutation($input: CreateBumDesaCoachingProgramInput!) {
  createBumDesaCoachingProgram(input: $input) { program { id title capacity seatsLeft openForEnrollment targetGrade } }
}
"""
ENROLL = """
mutation($input: EnrollBumDesaInCoachingProgramInput!) {
  enrollBumDesaInCoachingProgram(input: $input) {
    program { enrolledCount seatsLeft }
    enrollment { status bumDesa { name } program { title } }
  }
}
"""
WITHDRAW = """
mutation($input: WithdrawBumDesaCoachingEnrollmentInput!) {
  withdrawBumDesaCoachingEnrollment(input: $input) {
    program { enrolledCount seatsLeft enrollments(includeWithdrawn: true) { status } }
    enrollment { status withdrawnAt }
  }
}
"""


async def programs(client: GraphQLClient, **filter: Any) -> list[dict[str, Any]]:
    data = await client.execute(PROGRAMS, {"filter": filter or None})
    nodes: list[dict[str, Any]] = data["bumDesaCoachingPrograms"]["nodes"]
    return nodes


async def test_programmes_are_public_with_their_seats(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    listed = await programs(gql)
    assert [p["title"] for p in listed] == [
        "Klinik Permodalan BUM Desa Maju",  # latest first
        "Sekolah BUM Desa: Legalitas dan Perizinan Usaha",
        "Bimtek Penyusunan Laporan Keuangan BUM Desa Angkatan I",
    ]
    capital, school, past = listed
    assert (capital["capacity"], capital["enrolledCount"], capital["seatsLeft"], capital["targetGrade"]) == (
        2,
        2,
        0,
        "MAJU",
    )
    assert [e["bumDesa"]["name"] for e in capital["enrollments"]] == [
        "BUM Desa Sumber Makmur Pujon Kidul",
        "BUM Desa Mitra Usaha Ngastemi",
    ]
    assert (school["mode"], school["place"], school["seatsLeft"], school["openForEnrollment"]) == (
        "ONLINE",
        "Zoom Meeting",
        27,
        True,
    )
    assert (past["openForEnrollment"], past["enrolledCount"]) == (False, 4)
    assert [p["title"] for p in await programs(gql, upcoming=False)] == [past["title"]]
    assert [p["title"] for p in await programs(gql, openForEnrollment=True, targetGrade="PEMULA")] == [school["title"]]
    assert [p["title"] for p in await programs(gql, topic="FINANCIAL_REPORT")] == [past["title"]]


def new_program(clock: Clock, **changes: Any) -> dict[str, Any]:
    today = clock.now().astimezone(WIB).date()
    values: dict[str, Any] = {
        "title": "Pelatihan Pemasaran Digital BUM Desa",
        "description": "Pemasaran produk unit usaha BUM Desa melalui lokapasar dan media sosial.",
        "organizer": "DPMD Provinsi Jawa Timur bersama Universitas Negeri Surabaya",
        "mode": "ON_SITE",
        "place": "Kampus UNESA Ketintang, Surabaya",
        "startsOn": (today + timedelta(days=10)).isoformat(),
        "endsOn": (today + timedelta(days=11)).isoformat(),
        "enrollmentClosesOn": (today + timedelta(days=7)).isoformat(),
        "capacity": 2,
        "topic": "MANAGEMENT",
    }
    values.update(changes)
    return values


async def test_the_clinic_creates_a_programme_and_managers_enrol(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(monkeypatch)
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    siti = await gql.login("warga.siti")
    budi = await gql.login("warga.budi")
    today = clock.now().astimezone(WIB).date()

    before = await counts(cettar_runtime)
    refusals: list[tuple[dict[str, Any], str, str]] = [
        ({"startsOn": (today - timedelta(days=1)).isoformat()}, "VALIDATION_FAILED", "input.startsOn"),
        ({"endsOn": (today + timedelta(days=9)).isoformat()}, "VALIDATION_FAILED", "input.endsOn"),
        (
            {"enrollmentClosesOn": (today + timedelta(days=12)).isoformat()},
            "VALIDATION_FAILED",
            "input.enrollmentClosesOn",
        ),
        (
            {"enrollmentClosesOn": (today - timedelta(days=1)).isoformat()},
            "VALIDATION_FAILED",
            "input.enrollmentClosesOn",
        ),
        ({"capacity": 0}, "VALIDATION_FAILED", "input.capacity"),
        ({"place": None}, "BUMDES_SESSION_LOCATION_REQUIRED", "input.place"),
        ({"description": "Singkat."}, "VALIDATION_FAILED", "input.description"),
    ]
    for changes, code, field in refusals:
        assert codes(await officer.query(CREATE, {"input": new_program(clock, **changes)})) == [(code, field)], changes
    assert (await siti.query(CREATE, {"input": new_program(clock)})).codes == ["FORBIDDEN"]
    assert (await gql.query(CREATE, {"input": new_program(clock)})).codes == ["UNAUTHENTICATED"]
    assert await counts(cettar_runtime) == before

    created = (await officer.execute(CREATE, {"input": new_program(clock)}))["createBumDesaCoachingProgram"]["program"]
    assert (created["capacity"], created["seatsLeft"], created["openForEnrollment"]) == (2, 2, True)
    assert codes(
        await officer.query(CREATE, {"input": new_program(clock, title="pelatihan pemasaran digital bum desa")})
    ) == [("CONFLICT", "input.title")]
    program = created["id"]
    kedensari, pujon, tamansari, widoro = (
        await bum_desa_id(gql, KEDENSARI),
        await bum_desa_id(gql, PUJON_KIDUL),
        await bum_desa_id(gql, TAMANSARI),
        await bum_desa_id(gql, WIDORO),
    )

    # a manager enrols their own BUM Desa, once
    mine = (await siti.execute(ENROLL, {"input": {"programId": program, "bumDesaId": kedensari}}))[
        "enrollBumDesaInCoachingProgram"
    ]
    assert mine == {
        "program": {"enrolledCount": 1, "seatsLeft": 1},
        "enrollment": {
            "status": "ENROLLED",
            "bumDesa": {"name": "BUM Desa Karya Kulit Kedensari"},
            "program": {"title": created["title"]},
        },
    }
    before = await counts(cettar_runtime)
    assert codes(await siti.query(ENROLL, {"input": {"programId": program, "bumDesaId": kedensari}})) == [
        ("BUMDES_ALREADY_ENROLLED", "input.bumDesaId")
    ]
    assert codes(await budi.query(ENROLL, {"input": {"programId": program, "bumDesaId": kedensari}})) == [
        ("BUMDES_NOT_MANAGER", "input.bumDesaId")
    ]
    surabaya = await gql.login("petugas.surabaya")
    assert (await surabaya.query(ENROLL, {"input": {"programId": program, "bumDesaId": widoro}})).codes == ["FORBIDDEN"]
    assert await counts(cettar_runtime) == before

    # the clinic enrols any BUM Desa, up to the capacity
    await officer.execute(
        ENROLL, {"input": {"programId": program, "bumDesaId": pujon, "idempotencyKey": "pujon-digital"}}
    )
    retried = await officer.execute(
        ENROLL, {"input": {"programId": program, "bumDesaId": pujon, "idempotencyKey": "pujon-digital"}}
    )
    assert retried["enrollBumDesaInCoachingProgram"]["program"]["enrolledCount"] == 2, "a retry enrols once"
    full = await officer.query(ENROLL, {"input": {"programId": program, "bumDesaId": tamansari}}, language="en")
    assert codes(full) == [("BUMDES_PROGRAM_FULL", "input.programId")]
    assert full.errors[0]["message"] == "The coaching programme is full (2 BUM Desa)."
    enrolled_events = [p for n, p in await events(cettar_runtime) if n == "klinik_bumdes.enrolled"]
    assert len(enrolled_events) == 2 + 9  # this programme's two and the demo's nine

    # withdrawing gives the seat back; enrolling again reuses the row
    withdrawn = (await siti.execute(WITHDRAW, {"input": {"programId": program, "bumDesaId": kedensari}}))[
        "withdrawBumDesaCoachingEnrollment"
    ]
    assert withdrawn["program"]["enrolledCount"] == 1 and withdrawn["enrollment"]["status"] == "WITHDRAWN"
    assert sorted(e["status"] for e in withdrawn["program"]["enrollments"]) == ["ENROLLED", "WITHDRAWN"]
    assert codes(await siti.query(WITHDRAW, {"input": {"programId": program, "bumDesaId": kedensari}})) == [
        ("NOT_FOUND", "input.bumDesaId")
    ]
    await officer.execute(ENROLL, {"input": {"programId": program, "bumDesaId": tamansari}})
    assert codes(await siti.query(ENROLL, {"input": {"programId": program, "bumDesaId": kedensari}})) == [
        ("BUMDES_PROGRAM_FULL", "input.programId")
    ]

    # after enrolment closes, and once it started
    clock.forward(days=8)
    closed = await officer.query(ENROLL, {"input": {"programId": program, "bumDesaId": widoro}})
    assert codes(closed) == [("BUMDES_ENROLLMENT_CLOSED", "input.programId")]
    clock.forward(days=3)
    started = await officer.query(WITHDRAW, {"input": {"programId": program, "bumDesaId": tamansari}})
    assert codes(started) == [("BUMDES_ENROLLMENT_CLOSED", "input.programId")]


async def test_programmes_for_one_grade(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    (school,) = await programs(gql, targetGrade="PEMULA")
    (capital,) = await programs(gql, targetGrade="MAJU")
    kedensari, tamansari = await bum_desa_id(gql, KEDENSARI), await bum_desa_id(gql, TAMANSARI)
    wrong = await officer.query(ENROLL, {"input": {"programId": school["id"], "bumDesaId": tamansari}}, language="en")
    assert codes(wrong) == [("BUMDES_GRADE_NOT_TARGETED", "input.bumDesaId")]
    assert wrong.errors[0]["message"] == "This coaching programme is meant for BUM Desa graded pemula."
    assert codes(await officer.query(ENROLL, {"input": {"programId": capital["id"], "bumDesaId": kedensari}})) == [
        ("BUMDES_GRADE_NOT_TARGETED", "input.bumDesaId")
    ]
    done = await officer.execute(ENROLL, {"input": {"programId": school["id"], "bumDesaId": kedensari}})
    assert done["enrollBumDesaInCoachingProgram"]["program"]["enrolledCount"] == 4
    (past,) = await programs(gql, upcoming=False)
    late = await officer.query(ENROLL, {"input": {"programId": past["id"], "bumDesaId": kedensari}})
    assert codes(late) == [("BUMDES_ENROLLMENT_CLOSED", "input.programId")]
