"""Two requests doing the same thing at the same moment, on SQLite and PostgreSQL.

Each request is held just before its first INSERT (its first ``flush``) until the other has
got there too, or for a second. A registration is decided by the unique constraint: both must
have passed the service's checks (``meeting.met``). A seat or a year's figures are guarded by a
row lock taken before the checks: the second request cannot read until the first has written,
so the meeting never happens — without the lock it would, and both would write. The loser must get the typed error naming the field (never a bare
``CONFLICT`` or ``INTERNAL_ERROR``), no seat may be sold twice, and a year's figures recorded
twice at once are one recording and one correction.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from core.calendar import WIB
from core.runtime import Runtime
from core.testkit import GraphQLClient, meet_before
from plugins.klinik_bumdes.service import common
from tests.klinik_bumdes.support import FREE_DESA, PLUGINS, TAMANSARI, WIDORO, bum_desa_id, count, seed_demo

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

REGISTER = "mutation($input: RegisterBumDesaInput!) { registerBumDesa(input: $input) { bumDesa { id } } }"
REVENUE = """mutation($input: RecordBumDesaRevenueInput!) {
  recordBumDesaRevenue(input: $input) { revenue { year revenue } } }"""
CREATE = """mutation($input: CreateBumDesaCoachingProgramInput!) {
  createBumDesaCoachingProgram(input: $input) { program { id } } }"""
ENROLL = """mutation($input: EnrollBumDesaInCoachingProgramInput!) {
  enrollBumDesaInCoachingProgram(input: $input) { program { enrolledCount } } }"""
PROGRAM = "query($id: ID!) { node(id: $id) { ... on BumDesaCoachingProgram { enrolledCount seatsLeft } } }"


def outcomes(responses: list[Any]) -> list[tuple[tuple[str, str | None], ...]]:
    return sorted(tuple((e["extensions"]["code"], e["extensions"].get("field")) for e in r.errors) for r in responses)


async def test_two_registrations_for_one_desa_give_one_bum_desa_and_a_typed_error(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    before = await count(cettar_runtime, "klinik_bumdes_enterprise")
    grades = await count(cettar_runtime, "klinik_bumdes_grade_change")
    first = {
        "name": "BUM Desa Maju Bersama Pujon Lor",
        "desaCode": FREE_DESA,
        "establishedYear": 2019,
        "grade": "PEMULA",
    }
    second = {**first, "name": "BUM Desa Sejahtera Pujon Lor"}
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(
        officer.query(REGISTER, {"input": first}), officer.query(REGISTER, {"input": second})
    )
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("BUMDES_DESA_TAKEN", "input.desaCode"),)]
    assert await count(cettar_runtime, "klinik_bumdes_enterprise") == before + 1
    assert await count(cettar_runtime, "klinik_bumdes_grade_change") == grades + 1  # the loser wrote nothing


async def test_one_year_recorded_twice_at_once_is_a_recording_and_a_correction(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    widoro = await bum_desa_id(gql, WIDORO)
    figures = {"bumDesaId": widoro, "year": 2024, "padesContribution": 1_000_000}
    rows = await count(cettar_runtime, "klinik_bumdes_revenue")
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(
        officer.query(REVENUE, {"input": {**figures, "revenue": 90_000_000}}),
        officer.query(REVENUE, {"input": {**figures, "revenue": 95_000_000}}),
    )
    assert outcomes(results) == [(), ()]
    assert not meeting.met, "the row lock kept the second request from reading before the first wrote"
    assert await count(cettar_runtime, "klinik_bumdes_revenue") == rows + 1


async def test_the_last_seat_of_a_programme_is_taken_once(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    today = common.now().astimezone(WIB).date()
    programme = {
        "title": "Pelatihan Pemasaran Digital BUM Desa",
        "description": "Pemasaran produk unit usaha BUM Desa melalui lokapasar dan media sosial.",
        "organizer": "DPMD Provinsi Jawa Timur",
        "mode": "ONLINE",
        "startsOn": (today + timedelta(days=10)).isoformat(),
        "endsOn": (today + timedelta(days=11)).isoformat(),
        "enrollmentClosesOn": (today + timedelta(days=7)).isoformat(),
        "capacity": 1,
    }
    program = (await officer.execute(CREATE, {"input": programme}))["createBumDesaCoachingProgram"]["program"]["id"]
    widoro, tamansari = await bum_desa_id(gql, WIDORO), await bum_desa_id(gql, TAMANSARI)
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(
        officer.query(ENROLL, {"input": {"programId": program, "bumDesaId": widoro}}),
        officer.query(ENROLL, {"input": {"programId": program, "bumDesaId": tamansari}}),
    )
    assert outcomes(results) == [(), (("BUMDES_PROGRAM_FULL", "input.programId"),)]
    assert not meeting.met, "the row lock kept the second request from reading before the first wrote"
    assert (await gql.execute(PROGRAM, {"id": program}))["node"] == {"enrolledCount": 1, "seatsLeft": 0}

    # The same BUM Desa enrolled twice at once (a double tap): one enrolment, one typed refusal.
    second = (await officer.execute(CREATE, {"input": {**programme, "title": "Pelatihan Pembukuan BUM Desa"}}))[
        "createBumDesaCoachingProgram"
    ]["program"]["id"]
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(
        officer.query(ENROLL, {"input": {"programId": second, "bumDesaId": widoro}}),
        officer.query(ENROLL, {"input": {"programId": second, "bumDesaId": widoro}}),
    )
    assert outcomes(results) == [(), (("BUMDES_ALREADY_ENROLLED", "input.bumDesaId"),)]
    assert not meeting.met, "the row lock kept the second request from reading before the first wrote"
    assert (await gql.execute(PROGRAM, {"id": second}))["node"] == {"enrolledCount": 1, "seatsLeft": 0}
