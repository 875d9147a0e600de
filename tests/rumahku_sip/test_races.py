"""Two people acting on one PSU handover at the same moment, on SQLite and PostgreSQL.

Each request is held once it has read what it is about to change (the facilities' status, the
handover's status) until the other has read it too; then both write. A handover moves and a
facility is proposed with a conditional UPDATE, so exactly one wins and the other gets the typed
error naming the field; the loser writes nothing (no documents, no events).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient, meet_before
from plugins.rumahku_sip import psu
from plugins.rumahku_sip.models import Document, Handover
from tests.rumahku_sip.support import PDF, PLUGINS, count, development_id, events, roles, seed

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

FACILITIES = """query ($id: ID!) {
  node(id: $id) { ... on HousingDevelopment { facilities { id name handoverStatus currentHandover { id } } } } }"""
PROPOSE = """mutation ($input: ProposePsuHandoverInput!) {
  proposePsuHandover(input: $input) { handover { id facilities { handoverStatus } } } }"""
COMPLETE = """mutation ($input: CompletePsuHandoverInput!) {
  completePsuHandover(input: $input) { handover { status } } }"""
REFUSE = "mutation ($input: RefusePsuHandoverInput!) { refusePsuHandover(input: $input) { handover { status } } }"
HANDOVER = "query ($id: ID!) { node(id: $id) { ... on PsuHandover { status facilities { handoverStatus } } } }"


def outcomes(responses: list[Any]) -> list[tuple[tuple[str, str | None], ...]]:
    return sorted(tuple((e["extensions"]["code"], e["extensions"].get("field")) for e in r.errors) for r in responses)


async def test_one_facility_proposed_twice_at_once_is_in_one_handover(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    facilities = {
        f["name"]: f for f in (await as_["officer"].execute(FACILITIES, {"id": kebomas}))["node"]["facilities"]
    }
    playground = facilities["Taman bermain anak Blok C"]
    assert playground["handoverStatus"] == "NOT_PROPOSED"
    handovers = await count(cettar_runtime, Handover)

    def proposal(note: str) -> dict[str, Any]:
        return {
            "input": {"developmentId": kebomas, "facilityIds": [playground["id"]], "documents": [None], "note": note}
        }

    # Both have read the facility as free when they insert their handover (their first flush).
    meeting = meet_before(monkeypatch)
    files = {"input.documents.0": ("usulan.pdf", PDF, "application/pdf")}
    results = await asyncio.gather(
        as_["developer"].query(PROPOSE, proposal("Usulan pengembang."), files=files),
        as_["officer"].query(PROPOSE, proposal("Usulan dinas."), files=files),
    )
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("PSU_ALREADY_IN_HANDOVER", "input.facilityIds.0"),)]
    assert await count(cettar_runtime, Handover) == handovers + 1
    names = [name for name, _ in await events(cettar_runtime)]
    assert names.count("rumahku_sip.psu_handover_proposed") == 1


async def test_a_verified_handover_completed_and_refused_at_once_is_only_one_of_them(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(cettar_runtime)
    admin = await gql.login("admin.perkim")
    other = await gql.login("admin.perkim")
    queue = await admin.execute("{ psuHandovers(filter: {status: VERIFIED}) { nodes { id } } }")
    handover = queue["psuHandovers"]["nodes"][0]["id"]
    documents = await count(cettar_runtime, Document)
    complete = {
        "input": {
            "handoverId": handover,
            "bastNumber": "BAST/PSU/640/1002/437.73/2026",
            "bastDate": "2026-11-29",
            "documents": [None],
        }
    }
    refuse = {"input": {"handoverId": handover, "reason": "Drainase belum tersambung ke saluran kota."}}

    # Both have read the handover as VERIFIED when they check their files, just before writing.
    meeting = meet_before(monkeypatch, psu.Files, "check")
    results = await asyncio.gather(
        admin.query(COMPLETE, complete, files={"input.documents.0": ("bast.pdf", PDF, "application/pdf")}),
        other.query(REFUSE, refuse),
    )
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("PSU_HANDOVER_INVALID_STATE", "input.handoverId"),)]
    winner, stored = ("HANDED_OVER", 1) if not results[0].errors else ("REFUSED", 0)
    found = (await admin.execute(HANDOVER, {"id": handover}))["node"]
    assert found["status"] == winner
    assert {f["handoverStatus"] for f in found["facilities"]} == {winner}
    assert await count(cettar_runtime, Document) == documents + stored  # the loser's BAST is not kept
    decided = [n for n, _ in await events(cettar_runtime) if n.endswith(("_handed_over", "_refused"))]
    assert len(decided) == 1


REGISTER = """mutation ($input: RegisterHousingDevelopmentInput!) {
  registerHousingDevelopment(input: $input) { development { id } } }"""


async def test_one_development_registered_twice_at_once(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plugins.rumahku_sip.models import Development, Permit

    await seed(cettar_runtime)
    officer = await gql.login("petugas.perkim")
    developer = (await officer.execute('{ housingDevelopers(search: "CV Menganti") { nodes { id } } }'))[
        "housingDevelopers"
    ]["nodes"][0]["id"]
    development = {
        "developerId": developer,
        "name": "Menganti Asri Tahap II",
        "desaCode": "35.25.13.2013",
        "address": "Jl. Raya Menganti No. 300, Menganti",
        "segment": "SUBSIDIZED",
        "status": "PLANNED",
        "plannedUnits": 150,
        "permits": [{"kind": "KKPR", "number": "KKPR/35.25/0601/2026", "issuedOn": "2026-08-03"}],
    }
    before = (await count(cettar_runtime, Development), await count(cettar_runtime, Permit))
    meeting = meet_before(monkeypatch)
    results = await asyncio.gather(
        officer.query(REGISTER, {"input": development}), officer.query(REGISTER, {"input": development})
    )
    assert meeting.met, "both requests read before either wrote"
    assert outcomes(results) == [(), (("HOUSING_DEVELOPMENT_EXISTS", "input.name"),)]
    assert (await count(cettar_runtime, Development), await count(cettar_runtime, Permit)) == (
        before[0] + 1,
        before[1] + 1,
    )
