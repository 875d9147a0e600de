"""Two requests doing the same thing at the same moment, on SQLite and PostgreSQL.

Each request is held just before its first write (its first ``flush``; an enrolment at the seat's
``UPDATE``) until the other has got there too, so both have passed the service's checks; then the
unique constraints decide. The loser must
get the typed error naming the field — never a bare ``CONFLICT`` — and nothing of it is written.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import Update
from sqlalchemy.ext.asyncio import AsyncSession

from core.auth import Role
from core.runtime import Runtime
from core.testkit import GraphQLClient, meet_before
from plugins.sepasar_pedas.models import Certificate, Enrolment, Trader
from schema import decode_int_id
from tests.sepasar_pedas.support import ago, events_named, later, move_class, seed_demo, staff

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "sepasar_pedas"])

REGISTER = "mutation ($input: RegisterSepasarTraderInput!) { registerSepasarTrader(input: $input) { trader { id } } }"
SCHEDULE = "mutation ($input: ScheduleSepasarClassInput!) { scheduleSepasarClass(input: $input) { class { id } } }"
ENROL = "mutation ($input: EnrolSepasarTraderInput!) { enrolSepasarTrader(input: $input) { enrolment { id } } }"
ATTEND = """mutation ($input: RecordSepasarAttendanceInput!) {
  recordSepasarAttendance(input: $input) { enrolments { id } } }"""
ISSUE = """mutation ($input: IssueSepasarCertificateInput!) {
  issueSepasarCertificate(input: $input) { certificate { code } } }"""
CLASS = "query ($id: ID!) { node(id: $id) { ... on SepasarClass { enrolledCount enrolments { id } } } }"


def outcomes(responses: list[Any]) -> list[tuple[tuple[str, str | None], ...]]:
    return sorted(tuple((e["extensions"]["code"], e["extensions"].get("field")) for e in r.errors) for r in responses)


async def rows(runtime: Runtime, model: type[Any]) -> int:
    from sqlalchemy import func, select

    async with runtime.database.session() as session:
        return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_one_stall_registered_twice_at_once(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_demo(cettar_runtime)
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)
    trader = {"marketCode": "pasar-besar", "stallNumber": "Z-01", "name": "Rudi Hartono", "commodity": "SPICES"}
    before = await rows(cettar_runtime, Trader)
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(
        officer.query(REGISTER, {"input": {**trader, "nik": "3573011203700099"}}),
        officer.query(REGISTER, {"input": {**trader, "nik": "3573011203700098"}}),
    )
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("SEPASAR_STALL_TAKEN", "input.stallNumber"),)]
    assert await rows(cettar_runtime, Trader) == before + 1
    assert len(await events_named(cettar_runtime, "sepasar_pedas.trader_registered")) == 1


async def test_one_trader_enrolled_twice_and_certified_twice_at_once(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_demo(cettar_runtime)
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)
    admin = await staff(gql, cettar_runtime, "admin.disdag", Role.AGENCY_ADMIN)
    lesson = {
        "title": "Kebersihan lapak dan keamanan pangan",
        "topic": "HYGIENE",
        "venue": "Aula Pasar Besar",
        "startsAt": later(48).isoformat(),
        "endsAt": later(50).isoformat(),
        "capacity": 5,
    }
    class_id = (await officer.execute(SCHEDULE, {"input": lesson}))["scheduleSepasarClass"]["class"]["id"]
    traders = (await officer.execute("{ sepasarTraders(first: 1) { nodes { id } } }"))["sepasarTraders"]["nodes"]
    trader_id = traders[0]["id"]
    enrolments = await rows(cettar_runtime, Enrolment)

    # Held at the seat's UPDATE, their first write: both have found the trader not enrolled yet.
    meeting = meet_before(monkeypatch, AsyncSession, "execute", when=lambda _s, sql, *_a, **_k: isinstance(sql, Update))
    enrol = {"input": {"classId": class_id, "traderId": trader_id}}
    results = await asyncio.gather(officer.query(ENROL, enrol), officer.query(ENROL, enrol))
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("SEPASAR_ALREADY_ENROLLED", "input.traderId"),)]
    assert await rows(cettar_runtime, Enrolment) == enrolments + 1
    seats = (await officer.execute(CLASS, {"id": class_id}))["node"]
    assert seats["enrolledCount"] == len(seats["enrolments"]) == 1  # the loser's seat was given back

    await move_class(cettar_runtime, decode_int_id(class_id, "SepasarClass", "id"), ago(5))
    await officer.execute(
        ATTEND, {"input": {"classId": class_id, "entries": [{"traderId": trader_id, "present": True}]}}
    )
    certificates = await rows(cettar_runtime, Certificate)
    meeting = meet_before(monkeypatch)
    issue = {"input": {"enrolmentId": seats["enrolments"][0]["id"]}}
    results = await asyncio.gather(admin.query(ISSUE, issue), admin.query(ISSUE, issue))
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("SEPASAR_CERTIFICATE_EXISTS", "input.enrolmentId"),)]
    assert await rows(cettar_runtime, Certificate) == certificates + 1
    assert len(await events_named(cettar_runtime, "sepasar_pedas.certificate_issued")) == 1
