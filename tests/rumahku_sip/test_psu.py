"""PSU and their handover (proposed → verified → handed over, or refused) through GraphQL, with documents."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import col

from core.calendar import today
from core.notifications import NotificationRow
from core.runtime import Runtime
from core.testkit import GraphQLClient, TestApp
from plugins.rumahku_sip.access import MANAGE, VERIFY_PSU
from plugins.rumahku_sip.models import Document, Facility, Handover
from tests.rumahku_sip.support import (
    EXE,
    PDF,
    PLUGINS,
    PNG,
    audit_actions,
    count,
    development_id,
    events,
    officer_of,
    roles,
    seed,
)

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

FACILITIES = """
query ($id: ID!) {
  node(id: $id) { ... on HousingDevelopment { facilities { id name kind category built handoverStatus } } }
}
"""
PROPOSE = """
mutation ($input: ProposePsuHandoverInput!) {
  proposePsuHandover(input: $input) {
    handover {
      id status note proposedBy { name isStaff }
      facilities { name handoverStatus currentHandover { status } }
      documents { stage filename contentType size storageKey uploadedBy { name } }
      development { name }
    }
  }
}
"""
HANDOVER = """
  handover {
    id status fieldVerifiedOn verificationNotes verifiedBy { name } bastNumber bastDate handedOverBy { name }
    refusalReason refusedBy { name }
    facilities { name handoverStatus }
    documents { stage filename contentType }
  }
"""
VERIFY = "mutation ($input: VerifyPsuHandoverInput!) { verifyPsuHandover(input: $input) {" + HANDOVER + "} }"
COMPLETE = "mutation ($input: CompletePsuHandoverInput!) { completePsuHandover(input: $input) {" + HANDOVER + "} }"
REFUSE = "mutation ($input: RefusePsuHandoverInput!) { refusePsuHandover(input: $input) {" + HANDOVER + "} }"
QUEUE = """
query ($filter: PsuHandoverFilter) {
  psuHandovers(filter: $filter) { totalCount nodes { id status development { name } facilities { name } } }
}
"""


def pdf(name: str = "permohonan-serah-terima.pdf") -> tuple[str, bytes, str]:
    return (name, PDF, "application/pdf")


async def facilities(client: GraphQLClient, development: str) -> dict[str, dict[str, Any]]:
    data = await client.execute(FACILITIES, {"id": development})
    return {f["name"]: f for f in data["node"]["facilities"]}


async def test_the_developer_proposes_and_the_agency_verifies_and_completes(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    before = await facilities(as_["officer"], kebomas)
    playground = before["Taman bermain anak Blok C"]
    lighting = before["Penerangan jalan umum (42 titik)"]
    assert (playground["handoverStatus"], playground["category"]) == ("NOT_PROPOSED", "SARANA")
    assert lighting["category"] == "UTILITAS"

    variables = {
        "input": {
            "developmentId": kebomas,
            "facilityIds": [playground["id"], lighting["id"]],
            "documents": [None, None],
            "note": "Taman bermain dan PJU telah selesai.",
            "idempotencyKey": "kebomas-psu-tahap-3",
        }
    }
    files = {"input.documents.0": pdf(), "input.documents.1": ("foto-taman.png", PNG, "image/png")}
    response = await as_["developer"].query(PROPOSE, variables, files=files)
    assert not response.errors, response.errors
    handover = response.data["proposePsuHandover"]["handover"]
    assert handover["status"] == "PROPOSED"
    assert handover["proposedBy"] == {"name": "Hendra Gunawan", "isStaff": False}
    assert [f["handoverStatus"] for f in handover["facilities"]] == ["PROPOSED", "PROPOSED"]
    assert handover["facilities"][0]["currentHandover"] == {"status": "PROPOSED"}
    assert [(d["stage"], d["filename"], d["contentType"]) for d in handover["documents"]] == [
        ("PROPOSAL", "permohonan-serah-terima.pdf", "application/pdf"),
        ("PROPOSAL", "foto-taman.png", "image/png"),
    ]
    assert await cettar_runtime.storage.get(handover["documents"][0]["storageKey"]) == PDF
    # a retry (same key, same files) creates nothing
    retry = await as_["developer"].query(PROPOSE, variables, files=files)
    assert retry.data["proposePsuHandover"]["handover"]["id"] == handover["id"]
    assert await count(cettar_runtime, Handover) == 6

    # the officer may not verify (no rumahku_sip.verify_psu); the developer neither
    verify = {
        "input": {"handoverId": handover["id"], "fieldVerifiedOn": today().isoformat(), "notes": "Sesuai site plan."}
    }
    for who in ("officer", "developer", "other_officer", "citizen"):
        code = "NOT_FOUND" if who in ("other_officer", "citizen") else "FORBIDDEN"
        assert (await as_[who].query(VERIFY, verify)).codes == [code], who
    # not before the proposal, not in the future, notes long enough
    for changes, field in (
        ({"fieldVerifiedOn": (today() - timedelta(days=28)).isoformat()}, "input.fieldVerifiedOn"),
        ({"fieldVerifiedOn": (today() + timedelta(days=1)).isoformat()}, "input.fieldVerifiedOn"),
        ({"notes": "ok"}, "input.notes"),
    ):
        bad = await as_["admin"].query(VERIFY, {"input": {**verify["input"], **changes}})
        assert (bad.codes, bad.errors[0]["extensions"]["field"]) == (["VALIDATION_FAILED"], field)

    verified = await as_["admin"].query(VERIFY, verify, files={"input.documents.0": pdf("ba-verifikasi.pdf")})
    done = verified.data["verifyPsuHandover"]["handover"]
    assert (done["status"], done["fieldVerifiedOn"], done["verifiedBy"]) == (
        "VERIFIED",
        today().isoformat(),
        {"name": "Retno Wulandari"},
    )
    assert [f["handoverStatus"] for f in done["facilities"]] == ["VERIFIED", "VERIFIED"]
    assert (await as_["admin"].query(VERIFY, verify)).codes == ["PSU_HANDOVER_INVALID_STATE"]

    complete = {
        "input": {
            "handoverId": handover["id"],
            "bastNumber": "bast/psu/640/0987/437.73/2026",
            "bastDate": today().isoformat(),
        }
    }
    assert (await as_["admin"].query(COMPLETE, {"input": {**complete["input"], "documents": []}})).codes == [
        "PSU_DOCUMENTS_REQUIRED"
    ]
    taken = {**complete["input"], "bastNumber": "BAST/PSU/640/0123/437.73/2025", "documents": [None]}
    refused = await as_["admin"].query(COMPLETE, {"input": taken}, files={"input.documents.0": pdf("bast.pdf")})
    assert (refused.codes, refused.errors[0]["extensions"]["field"]) == (["PSU_BAST_EXISTS"], "input.bastNumber")
    complete["input"]["documents"] = [None]
    handed = await as_["admin"].query(COMPLETE, complete, files={"input.documents.0": pdf("bast.pdf")})
    result = handed.data["completePsuHandover"]["handover"]
    assert (result["status"], result["bastNumber"], result["bastDate"], result["handedOverBy"]) == (
        "HANDED_OVER",
        "BAST/PSU/640/0987/437.73/2026",
        today().isoformat(),
        {"name": "Retno Wulandari"},
    )
    assert [d["stage"] for d in result["documents"]] == ["PROPOSAL", "PROPOSAL", "VERIFICATION", "HANDOVER"]
    assert (await facilities(as_["developer"], kebomas))["Taman bermain anak Blok C"]["handoverStatus"] == "HANDED_OVER"

    names = [name for name, _ in await events(cettar_runtime)]
    assert names == [
        "rumahku_sip.psu_handover_proposed",
        "rumahku_sip.psu_handover_verified",
        "rumahku_sip.psu_handed_over",
    ]
    handed_over = (await events(cettar_runtime))[-1][1]
    assert handed_over["facility_ids"] == sorted(int(f) for f in handed_over["facility_ids"])
    assert len(handed_over["facility_ids"]) == 2
    assert {"rumahku_sip.psu_handover_proposed", "rumahku_sip.psu_handed_over"} <= set(
        await audit_actions(cettar_runtime)
    )
    async with cettar_runtime.database.session() as session:
        kinds = list(
            (
                await session.execute(
                    select(col(NotificationRow.kind)).where(col(NotificationRow.kind).startswith("rumahku_sip."))
                )
            ).scalars()
        )
    assert kinds == ["rumahku_sip.psu_handover_verified", "rumahku_sip.psu_handover_handed_over"]


async def test_the_handed_over_event_reaches_a_subscriber(gql: GraphQLClient, cettar_app: TestApp) -> None:
    await seed(cettar_app.runtime)
    admin = await gql.login("admin.perkim")
    queue = await admin.execute(QUEUE, {"filter": {"status": "VERIFIED"}})
    (verified,) = queue["psuHandovers"]["nodes"]
    complete = {
        "input": {
            "handoverId": verified["id"],
            "bastNumber": "BAST/PSU/640/1001/437.73/2026",
            "bastDate": today().isoformat(),
            "documents": [None],
        }
    }
    broker = cettar_app.runtime.broker
    async with broker.subscribe(lambda event: event.name == "rumahku_sip.psu_handed_over") as stream:
        done = await admin.query(COMPLETE, complete, files={"input.documents.0": pdf("bast-rth.pdf")})
        assert not done.errors, done.errors
        await cettar_app.dispatch()
        event = await asyncio.wait_for(anext(stream), 5)
    assert event.source == "rumahku_sip"
    assert set(event.payload) == {"handover_id", "development_id", "facility_ids"}
    assert len(event.payload["facility_ids"]) == 1  # the open space of Graha Kebomas Asri


async def test_proposals_refused_with_typed_errors_write_nothing(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    manyar = await development_id(gql, "Manyar Residence")
    mine = await facilities(as_["officer"], kebomas)
    theirs = await facilities(as_["officer"], manyar)
    playground = mine["Taman bermain anak Blok C"]["id"]

    def proposal(development: str, *ids: str, documents: int = 1) -> dict[str, Any]:
        return {"input": {"developmentId": development, "facilityIds": list(ids), "documents": [None] * documents}}

    cases: list[tuple[str, dict[str, Any], dict[str, Any] | None, str, str | None]] = [
        ("developer", proposal(kebomas, playground, documents=0), None, "PSU_DOCUMENTS_REQUIRED", "input.documents"),
        (
            "developer",
            proposal(kebomas, playground),
            {"input.documents.0": ("ktp.pdf", EXE, "application/pdf")},
            "ATTACHMENT_TYPE_NOT_ALLOWED",
            "input.documents.0",
        ),
        (
            "developer",
            proposal(kebomas, playground),
            {"input.documents.0": ("kosong.pdf", b"", "application/pdf")},
            "ATTACHMENT_EMPTY",
            "input.documents.0",
        ),
        (
            "developer",
            proposal(kebomas, mine["Musala Al-Ikhlas"]["id"]),
            {"input.documents.0": pdf()},
            "PSU_ALREADY_IN_HANDOVER",
            "input.facilityIds.0",
        ),
        (
            "developer",
            proposal(kebomas, playground, theirs["RTH Blok D"]["id"]),
            {"input.documents.0": pdf()},
            "NOT_FOUND",
            "input.facilityIds.1",
        ),
        (
            "developer",
            proposal(kebomas, playground, playground),
            {"input.documents.0": pdf()},
            "VALIDATION_FAILED",
            "input.facilityIds",
        ),
        (
            "developer",
            proposal(manyar, theirs["RTH Blok D"]["id"]),
            {"input.documents.0": pdf()},
            "NOT_FOUND",
            "input.developmentId",
        ),
        (
            "officer",
            proposal(manyar, theirs["RTH Blok D"]["id"]),
            {"input.documents.0": pdf()},
            "PSU_NOT_BUILT",
            "input.facilityIds.0",
        ),
        ("citizen", proposal(kebomas, playground), {"input.documents.0": pdf()}, "NOT_FOUND", "input.developmentId"),
        (
            "other_officer",
            proposal(kebomas, playground),
            {"input.documents.0": pdf()},
            "NOT_FOUND",
            "input.developmentId",
        ),
        ("anonymous", proposal(kebomas, playground), {"input.documents.0": pdf()}, "UNAUTHENTICATED", None),
    ]
    for who, variables, files, code, field in cases:
        response = await as_[who].query(PROPOSE, variables, files=files)
        assert response.codes == [code], (who, code, response.errors)
        assert response.errors[0]["extensions"].get("field") == field, (who, code)
    assert await count(cettar_runtime, Handover) == 5
    assert await count(cettar_runtime, Document) == 8  # the demo handovers' documents only
    assert await events(cettar_runtime) == []
    assert (await facilities(as_["officer"], kebomas))["Taman bermain anak Blok C"]["handoverStatus"] == "NOT_PROPOSED"


async def test_the_officer_proposes_for_the_developer_and_the_agency_refuses(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    queue = await as_["admin"].execute(QUEUE, {"filter": {"status": "PROPOSED"}})
    assert queue["psuHandovers"]["totalCount"] == 2
    manyar = next(n for n in queue["psuHandovers"]["nodes"] if n["development"]["name"] == "Manyar Residence")
    reason = "Saluran drainase Blok C belum tersambung ke saluran kabupaten."
    refusal = {"input": {"handoverId": manyar["id"], "reason": reason}}
    assert (await as_["officer"].query(REFUSE, refusal)).codes == ["FORBIDDEN"]
    assert (await as_["admin"].query(REFUSE, {"input": {**refusal["input"], "reason": "tidak"}})).codes == [
        "VALIDATION_FAILED"
    ]
    refused = (await as_["admin"].execute(REFUSE, refusal))["refusePsuHandover"]["handover"]
    assert (refused["status"], refused["refusalReason"], refused["refusedBy"]) == (
        "REFUSED",
        reason,
        {"name": "Retno Wulandari"},
    )
    assert [f["handoverStatus"] for f in refused["facilities"]] == ["REFUSED", "REFUSED"]
    assert (await as_["admin"].query(REFUSE, refusal)).codes == ["PSU_HANDOVER_INVALID_STATE"]
    assert [name for name, _ in await events(cettar_runtime)] == ["rumahku_sip.psu_handover_refused"]

    # refused facilities may be proposed again: the officer does it on the developer's behalf
    development = await development_id(gql, "Manyar Residence")
    ids = [
        f["id"] for f in (await facilities(as_["officer"], development)).values() if f["handoverStatus"] == "REFUSED"
    ]
    again = await as_["officer"].query(
        PROPOSE,
        {"input": {"developmentId": development, "facilityIds": ids, "documents": [None]}},
        files={"input.documents.0": pdf("permohonan-ulang.pdf")},
    )
    assert again.data["proposePsuHandover"]["handover"]["proposedBy"] == {"name": "Yusuf Hidayat", "isStaff": True}
    # a province admin reads the queue; an officer given verify_psu in Disperkim may decide
    assert (await as_["province"].execute(QUEUE))["psuHandovers"]["totalCount"] == 6
    verifier = await officer_of(gql, cettar_runtime, "disperkim-3525", MANAGE, VERIFY_PSU)
    new_id = again.data["proposePsuHandover"]["handover"]["id"]
    verified = await verifier.execute(
        VERIFY, {"input": {"handoverId": new_id, "fieldVerifiedOn": today().isoformat(), "notes": "Sudah tersambung."}}
    )
    assert verified["verifyPsuHandover"]["handover"]["status"] == "VERIFIED"
    elsewhere = await officer_of(gql, cettar_runtime, "dispendukcapil-3578", MANAGE, VERIFY_PSU)
    assert (await elsewhere.query(REFUSE, {"input": {"handoverId": new_id, "reason": reason}})).codes == ["NOT_FOUND"]


async def test_who_sees_which_handovers(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    everything = await as_["officer"].execute(QUEUE)
    assert everything["psuHandovers"]["totalCount"] == 5
    statuses = [n["status"] for n in everything["psuHandovers"]["nodes"]]
    assert statuses == ["REFUSED", "PROPOSED", "PROPOSED", "VERIFIED", "HANDED_OVER"]  # newest first
    own = await as_["developer"].execute(QUEUE)
    assert {n["development"]["name"] for n in own["psuHandovers"]["nodes"]} == {"Perumahan Graha Kebomas Asri"}
    assert own["psuHandovers"]["totalCount"] == 3
    assert (await as_["developer"].execute(QUEUE, {"filter": {"status": "VERIFIED"}}))["psuHandovers"][
        "totalCount"
    ] == 1
    for who in ("citizen", "other_officer"):
        assert (await as_[who].execute(QUEUE))["psuHandovers"]["totalCount"] == 0, who
    manyar = await as_["officer"].execute(QUEUE, {"filter": {"kecamatanCode": "35.25.10"}})
    assert [n["development"]["name"] for n in manyar["psuHandovers"]["nodes"]] == ["Manyar Residence"]
    node = "query ($id: ID!) { node(id: $id) { ... on PsuHandover { status } } }"
    handover_id = manyar["psuHandovers"]["nodes"][0]["id"]
    assert (await as_["admin"].execute(node, {"id": handover_id}))["node"] == {"status": "PROPOSED"}
    for who in ("developer", "citizen", "other_officer", "anonymous"):
        assert (await as_[who].execute(node, {"id": handover_id}))["node"] is None, who


ADD = """
mutation ($input: AddPublicFacilityInput!) {
  addPublicFacility(input: $input) { facility { id kind category name areaM2 built handoverStatus development { name } } }
}
"""
UPDATE = """
mutation ($input: UpdatePublicFacilityInput!) { updatePublicFacility(input: $input) { facility { name built areaM2 } } }
"""


async def test_recording_and_changing_facilities(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    menganti = await development_id(gql, "Menganti Green Residence")
    variables = {
        "input": {
            "developmentId": menganti,
            "kind": "OPEN_SPACE",
            "name": "Taman RTH Menganti Green",
            "areaM2": 2600,
            "idempotencyKey": "menganti-rth",
        }
    }
    added = (await as_["officer"].execute(ADD, variables))["addPublicFacility"]["facility"]
    assert (added["kind"], added["category"], added["built"], added["handoverStatus"]) == (
        "OPEN_SPACE",
        "SARANA",
        False,
        "NOT_PROPOSED",
    )
    assert (await as_["officer"].execute(ADD, variables))["addPublicFacility"]["facility"]["id"] == added["id"]
    assert await count(cettar_runtime, Facility) == 15
    assert (
        await as_["officer"].query(ADD, {"input": {**variables["input"], "idempotencyKey": None, "areaM2": 0}})
    ).codes == ["VALIDATION_FAILED"]
    assert (await as_["other_officer"].query(ADD, variables)).codes == ["NOT_FOUND"]
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    assert (await as_["developer"].query(ADD, {"input": {**variables["input"], "developmentId": kebomas}})).codes == [
        "FORBIDDEN"
    ]

    built = await as_["officer"].execute(UPDATE, {"input": {"facilityId": added["id"], "built": True, "areaM2": 2650}})
    assert built["updatePublicFacility"]["facility"] == {
        "name": "Taman RTH Menganti Green",
        "built": True,
        "areaM2": 2650,
    }
    assert (await as_["officer"].query(UPDATE, {"input": {"facilityId": added["id"]}})).codes == ["VALIDATION_FAILED"]
    road = (await facilities(as_["officer"], kebomas))["Jalan lingkungan Blok A-C"]["id"]
    response = await as_["officer"].query(UPDATE, {"input": {"facilityId": road, "built": False}})
    assert response.codes == ["PSU_ALREADY_IN_HANDOVER"]
    assert (await as_["citizen"].query(UPDATE, {"input": {"facilityId": road, "built": False}})).codes == ["NOT_FOUND"]
