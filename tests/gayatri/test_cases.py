"""Case reports: reported by a cadre, triaged, routed to the responsible agency, followed up, resolved."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import col

from core.events.models import OutboxEvent
from core.notifications import NotificationRow
from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from plugins.gayatri.models import Case, CaseEntry
from schema import decode_global_id
from tests.gayatri.support import (
    CADRE_BALONGSARI,
    CADRE_KRANGGAN,
    CADRE_MENTIKAN,
    DINKES_ADMIN,
    DINKES_OFFICER,
    DINSOS_OFFICER,
    KRANGGAN,
    MENTIKAN,
    PLUGINS,
    count,
    gid,
    rows,
    seed_demo,
    seed_people,
)

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

CASE_FIELDS = """
  id number caseType status priority kelurahanCode kelurahanName description subjectName address
  agencyCode agencyName reporterName resolvedAt
  child { name }
  timeline { step status note priority caseType actorName actorAgencyCode routedToAgencyCode }
"""
REPORT = f"""
mutation ($input: ReportGayatriCaseInput!) {{ reportGayatriCase(input: $input) {{ case {{ {CASE_FIELDS} }} }} }}
"""
TRIAGE = f"""
mutation ($input: TriageGayatriCaseInput!) {{ triageGayatriCase(input: $input) {{ case {{ {CASE_FIELDS} }} }} }}
"""
ROUTE = f"""
mutation ($input: RouteGayatriCaseInput!) {{ routeGayatriCase(input: $input) {{ case {{ {CASE_FIELDS} }} }} }}
"""
FOLLOW_UP = f"""
mutation ($input: AddGayatriCaseFollowUpInput!) {{
  addGayatriCaseFollowUp(input: $input) {{ case {{ {CASE_FIELDS} }} }}
}}
"""
RESOLVE = f"""
mutation ($input: ResolveGayatriCaseInput!) {{ resolveGayatriCase(input: $input) {{ case {{ {CASE_FIELDS} }} }} }}
"""
CASES = f"""
query ($filter: GayatriCaseFilter, $first: Int) {{
  gayatriCases(filter: $filter, first: $first) {{ totalCount nodes {{ {CASE_FIELDS} }} }}
}}
"""
NODE = "query ($id: ID!) { node(id: $id) { ... on GayatriCase { number status } } }"


async def report(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    variables = {"caseType": "STUNTING", "description": "Balita tidak naik berat badan tiga bulan.", **fields}
    return (await client.execute(REPORT, {"input": variables}))["reportGayatriCase"]["case"]  # type: ignore[no-any-return]


async def notifications(runtime: Runtime, account_id: int) -> list[NotificationRow]:
    async with runtime.database.session() as session:
        statement = select(NotificationRow).where(col(NotificationRow.account_id) == account_id)
        return list((await session.execute(statement.order_by(col(NotificationRow.id)))).scalars())


async def test_a_case_goes_from_report_to_resolution_with_who_and_when(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    people = await seed_people(cettar_runtime)
    cadre = await gql.login(CADRE_MENTIKAN)
    reported = await report(cadre, subjectName="Anak Ny. Yuli", address="RT 02 RW 02", idempotencyKey="lapor-1")
    assert re.fullmatch(r"GYT-\d{6}-\d{6}", reported["number"])
    assert {
        k: reported[k] for k in ("caseType", "status", "priority", "kelurahanName", "agencyCode", "reporterName")
    } == {
        "caseType": "STUNTING",
        "status": "REPORTED",
        "priority": None,
        "kelurahanName": "Mentikan",
        "agencyCode": "dinkes-3576",
        "reporterName": "Sri Rahayu",
    }
    assert (await report(cadre, subjectName="Anak Ny. Yuli", address="RT 02 RW 02", idempotencyKey="lapor-1"))[
        "id"
    ] == reported["id"]
    assert await rows(cettar_runtime, Case) == 1

    officer = await gql.login(DINKES_OFFICER)
    case_id = reported["id"]
    triaged = await officer.execute(TRIAGE, {"input": {"caseId": case_id, "priority": "HIGH", "note": "Cek KMS."}})
    assert triaged["triageGayatriCase"]["case"]["status"] == "TRIAGED"
    assert triaged["triageGayatriCase"]["case"]["priority"] == "HIGH"
    routed = await officer.execute(ROUTE, {"input": {"caseId": case_id, "note": "Ke Puskesmas Gedongan."}})
    assert routed["routeGayatriCase"]["case"]["status"] == "ROUTED"
    for note in ("Kunjungan rumah bersama bidan.", "PMT diberikan dua minggu."):
        followed = await officer.execute(FOLLOW_UP, {"input": {"caseId": case_id, "note": note}})
        assert followed["addGayatriCaseFollowUp"]["case"]["status"] == "IN_FOLLOW_UP"
    resolved = (await officer.execute(RESOLVE, {"input": {"caseId": case_id, "resolution": "Berat badan naik."}}))[
        "resolveGayatriCase"
    ]["case"]
    assert resolved["status"] == "RESOLVED" and resolved["resolvedAt"]
    assert [
        (e["step"], e["status"], e["actorName"], e["actorAgencyCode"], e["note"]) for e in resolved["timeline"]
    ] == [
        ("REPORTED", "REPORTED", "Sri Rahayu", None, None),
        ("TRIAGED", "TRIAGED", "dr. Retno Wulandari", "dinkes-3576", "Cek KMS."),
        ("ROUTED", "ROUTED", "dr. Retno Wulandari", "dinkes-3576", "Ke Puskesmas Gedongan."),
        ("FOLLOW_UP", "IN_FOLLOW_UP", "dr. Retno Wulandari", "dinkes-3576", "Kunjungan rumah bersama bidan."),
        ("FOLLOW_UP", "IN_FOLLOW_UP", "dr. Retno Wulandari", "dinkes-3576", "PMT diberikan dua minggu."),
        ("RESOLVED", "RESOLVED", "dr. Retno Wulandari", "dinkes-3576", "Berat badan naik."),
    ]
    assert resolved["timeline"][2]["routedToAgencyCode"] == "dinkes-3576"

    # The cadre was told of each change, without the case's content.
    sent = await notifications(cettar_runtime, people.accounts[CADRE_MENTIKAN].id or 0)
    assert [n.kind for n in sent] == ["gayatri.case_status_changed"] * 5
    assert sent[-1].title_en == f"Report {reported['number']}: resolved"
    assert sent[-1].body_id == f"Laporan GAYATRI {reported['number']} kini berstatus selesai."
    assert {(n.target_type, n.target_key) for n in sent} == {decode_global_id(reported["id"])}
    assert all("Yuli" not in n.body_en + n.body_id + n.title_id for n in sent)
    # and the cadre still reads their case
    mine = (await cadre.execute(CASES))["gayatriCases"]
    assert [n["status"] for n in mine["nodes"]] == ["RESOLVED"]

    changed = select(OutboxEvent).where(col(OutboxEvent.name) == "gayatri.case_status_changed")
    assert await count(cettar_runtime, changed) == 5


async def test_a_social_aid_case_goes_to_dinas_sosial_and_can_be_reclassified(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_people(cettar_runtime)
    cadre = await gql.login(CADRE_KRANGGAN)
    case = await report(cadre, caseType="SOCIAL_AID", description="Balita kurus, keluarga tidak mampu.")
    assert (case["agencyCode"], case["agencyName"]) == ("dinsos-3576", "Dinas Sosial Kota Mojokerto")

    health, social = await gql.login(DINKES_OFFICER), await gql.login(DINSOS_OFFICER)
    assert (await health.execute(CASES))["gayatriCases"]["totalCount"] == 0
    assert (await health.execute(NODE, {"id": case["id"]}))["node"] is None
    assert (await health.query(TRIAGE, {"input": {"caseId": case["id"], "priority": "HIGH"}})).codes == ["NOT_FOUND"]

    triaged = await social.execute(
        TRIAGE, {"input": {"caseId": case["id"], "priority": "HIGH", "caseType": "STUNTING", "note": "Gizi buruk."}}
    )
    assert triaged["triageGayatriCase"]["case"]["caseType"] == "STUNTING"
    assert triaged["triageGayatriCase"]["case"]["timeline"][-1]["caseType"] == "STUNTING"
    routed = (await social.execute(ROUTE, {"input": {"caseId": case["id"]}}))["routeGayatriCase"]["case"]
    assert (routed["status"], routed["agencyCode"]) == ("ROUTED", "dinkes-3576")  # the agency for stunting
    assert (await social.execute(NODE, {"id": case["id"]}))["node"] is None  # no longer Dinas Sosial's
    assert (await health.execute(NODE, {"id": case["id"]}))["node"] == {"number": case["number"], "status": "ROUTED"}
    followed = await health.execute(FOLLOW_UP, {"input": {"caseId": case["id"], "note": "Dirujuk ke puskesmas."}})
    assert followed["addGayatriCaseFollowUp"]["case"]["status"] == "IN_FOLLOW_UP"


async def test_a_case_may_be_routed_to_the_other_agency_but_not_elsewhere(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_people(cettar_runtime)
    case = await report(await gql.login(CADRE_MENTIKAN), caseType="TUBERCULOSIS", description="Batuk tiga minggu.")
    officer = await gql.login(DINKES_OFFICER)
    await officer.execute(TRIAGE, {"input": {"caseId": case["id"], "priority": "NORMAL"}})
    wrong = await officer.query(
        ROUTE, {"input": {"caseId": case["id"], "agencyCode": "dispendukcapil-3578"}}, language="en"
    )
    assert wrong.codes == ["GAYATRI_ROUTE_TARGET_INVALID"]
    assert wrong.errors[0]["message"] == "GAYATRI cases can only be routed to dinkes-3576, dinsos-3576."
    routed = await officer.execute(ROUTE, {"input": {"caseId": case["id"], "agencyCode": "dinsos-3576"}})
    assert routed["routeGayatriCase"]["case"]["agencyCode"] == "dinsos-3576"


async def test_steps_out_of_order_are_refused_and_change_nothing(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    people = await seed_people(cettar_runtime)
    case = await report(await gql.login(CADRE_MENTIKAN))
    officer = await gql.login(DINKES_OFFICER)
    entries, sent = (
        await rows(cettar_runtime, CaseEntry),
        await notifications(cettar_runtime, people.accounts[CADRE_MENTIKAN].id or 0),
    )
    for mutation, input_ in (
        (RESOLVE, {"caseId": case["id"], "resolution": "Selesai."}),
        (ROUTE, {"caseId": case["id"]}),
        (FOLLOW_UP, {"caseId": case["id"], "note": "Catatan."}),
    ):
        response = await officer.query(mutation, {"input": input_}, language="en")
        assert response.codes == ["GAYATRI_INVALID_TRANSITION"], mutation
        assert response.errors[0]["extensions"]["field"] == "input.caseId"
    indonesian = await officer.query(RESOLVE, {"input": {"caseId": case["id"], "resolution": "x"}})
    assert indonesian.errors[0]["message"] == "Kasus berstatus dilaporkan tidak dapat diselesaikan."
    await officer.execute(TRIAGE, {"input": {"caseId": case["id"], "priority": "LOW"}})
    again = await officer.query(TRIAGE, {"input": {"caseId": case["id"], "priority": "HIGH"}}, language="en")
    assert again.errors[0]["message"] == "A case that is triaged cannot be triaged."
    node = (await officer.execute(CASES))["gayatriCases"]["nodes"][0]
    assert (node["status"], node["priority"]) == ("TRIAGED", "LOW")
    assert await rows(cettar_runtime, CaseEntry) == entries + 1
    assert len(await notifications(cettar_runtime, people.accounts[CADRE_MENTIKAN].id or 0)) == len(sent) + 1


@pytest.mark.parametrize(
    ("who", "code"),
    [
        (CADRE_MENTIKAN, "FORBIDDEN"),  # the reporter cannot handle the case
        ("petugas.surabaya", "NOT_FOUND"),  # holds gayatri.cases.handle, but another agency
        (DINSOS_OFFICER, "NOT_FOUND"),
        ("admin.provinsi", "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
    ],
)
async def test_only_the_responsible_agency_handles_a_case(
    gql: GraphQLClient, cettar_runtime: Runtime, who: str | None, code: str
) -> None:
    await seed_people(cettar_runtime)
    case = await report(await gql.login(CADRE_MENTIKAN))
    client = await gql.login(who) if who else gql
    for mutation, input_ in (
        (TRIAGE, {"caseId": case["id"], "priority": "HIGH"}),
        (ROUTE, {"caseId": case["id"]}),
        (FOLLOW_UP, {"caseId": case["id"], "note": "Catatan."}),
        (RESOLVE, {"caseId": case["id"], "resolution": "Selesai."}),
    ):
        response = await client.query(mutation, {"input": input_})
        assert response.codes == [code], mutation
    assert await rows(cettar_runtime, CaseEntry) == 1
    assert (await (await gql.login(DINKES_OFFICER)).execute(NODE, {"id": case["id"]}))["node"]["status"] == "REPORTED"


@pytest.mark.parametrize(
    ("who", "fields", "code", "field"),
    [
        ("warga.siti", {}, "GAYATRI_NOT_A_CADRE", None),
        (DINKES_OFFICER, {}, "GAYATRI_NOT_A_CADRE", None),
        (CADRE_MENTIKAN, {"kelurahanCode": KRANGGAN}, "GAYATRI_OUTSIDE_KELURAHAN", "input.kelurahanCode"),
        (CADRE_MENTIKAN, {"kelurahanCode": "35.78.01.1001"}, "GAYATRI_KELURAHAN_INVALID", "input.kelurahanCode"),
        (CADRE_MENTIKAN, {"description": "  "}, "VALIDATION_FAILED", "input.description"),
        (CADRE_MENTIKAN, {"description": "x" * 4001}, "VALIDATION_FAILED", "input.description"),
        (CADRE_MENTIKAN, {"childId": gid("GayatriChild", 999999)}, "NOT_FOUND", "input.childId"),
        (CADRE_MENTIKAN, {"childId": "%%%"}, "INVALID_ID", "input.childId"),
    ],
)
async def test_bad_reports_are_refused_and_nothing_is_written(
    gql: GraphQLClient, cettar_runtime: Runtime, who: str, fields: dict[str, Any], code: str, field: str | None
) -> None:
    await seed_people(cettar_runtime)
    client = await gql.login(who)
    variables = {"caseType": "HEALTH_EMERGENCY", "description": "Kejang.", **fields}
    response = await client.query(REPORT, {"input": variables})
    assert response.codes == [code]
    assert response.errors[0]["extensions"].get("field") == field
    assert await rows(cettar_runtime, Case) == 0
    assert await count(cettar_runtime, select(OutboxEvent).where(col(OutboxEvent.source) == "gayatri")) == 0
    assert (await gql.query(REPORT, {"input": variables})).codes == ["UNAUTHENTICATED"]


async def test_a_cadre_reports_about_a_child_of_their_kelurahan_only(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_demo(cettar_runtime)
    staff = await gql.login(DINKES_OFFICER)
    kids = (await staff.execute("{ gayatriChildren(first: 20) { nodes { id name kelurahanCode } } }"))[
        "gayatriChildren"
    ]
    mentikan = next(k for k in kids["nodes"] if k["kelurahanCode"] == MENTIKAN)
    kranggan = next(k for k in kids["nodes"] if k["kelurahanCode"] == KRANGGAN)
    cadre = await gql.login(CADRE_MENTIKAN)
    case = await report(cadre, childId=mentikan["id"])
    assert case["child"] == {"name": mentikan["name"]}
    refused = await cadre.query(
        REPORT, {"input": {"caseType": "STUNTING", "description": "x", "childId": kranggan["id"]}}
    )
    assert refused.codes == ["NOT_FOUND"]
    # Dinas Sosial sees a social aid case, but not the child's record attached to it.
    social = await report(cadre, caseType="SOCIAL_AID", childId=mentikan["id"])
    seen = await (await gql.login(DINSOS_OFFICER)).execute(CASES, {"filter": {"caseType": "SOCIAL_AID"}})
    by_id = {n["id"]: n for n in seen["gayatriCases"]["nodes"]}
    assert by_id[social["id"]]["child"] is None


async def test_a_stopped_cadre_can_no_longer_report(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    people = await seed_people(cettar_runtime)
    admin = await gql.login(DINKES_ADMIN)
    stop = "mutation ($id: ID!) { updateGayatriCadre(input: {cadreId: $id, active: false}) { cadre { active } } }"
    await admin.execute(stop, {"id": gid("GayatriCadre", people.cadres[KRANGGAN].id)})
    response = await (await gql.login(CADRE_KRANGGAN)).query(
        REPORT, {"input": {"caseType": "STUNTING", "description": "x"}}
    )
    assert response.codes == ["GAYATRI_NOT_A_CADRE"]


async def test_who_sees_which_cases(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)  # 6 cases: 4 with Dinas Kesehatan, 2 with Dinas Sosial
    expectations = {
        "admin.provinsi": 6,
        DINKES_OFFICER: 4,
        DINKES_ADMIN: 4,
        DINSOS_OFFICER: 2,
        CADRE_MENTIKAN: 2,
        CADRE_BALONGSARI: 2,
        "petugas.surabaya": 0,
        "warga.siti": 0,
    }
    for username, expected in expectations.items():
        page = (await (await gql.login(username)).execute(CASES, {"first": 50}))["gayatriCases"]
        assert page["totalCount"] == expected == len(page["nodes"]), username
    province = (await (await gql.login("admin.provinsi")).execute(CASES, {"first": 50}))["gayatriCases"]["nodes"]
    assert {n["status"] for n in province} == {"REPORTED", "TRIAGED", "ROUTED", "IN_FOLLOW_UP", "RESOLVED"}
    keys = [int(decode_global_id(n["id"])[1]) for n in province]
    assert keys == sorted(keys, reverse=True), "newest first"
    mentikan_case = next(n for n in province if n["kelurahanCode"] == MENTIKAN)
    assert (await (await gql.login(CADRE_BALONGSARI)).execute(NODE, {"id": mentikan_case["id"]}))["node"] is None
    assert (await gql.execute(NODE, {"id": mentikan_case["id"]}))["node"] is None
    assert (await gql.query(CASES)).codes == ["UNAUTHENTICATED"]

    staff = await gql.login(DINKES_OFFICER)
    emergencies = await staff.execute(CASES, {"filter": {"caseType": "HEALTH_EMERGENCY"}})
    assert [n["priority"] for n in emergencies["gayatriCases"]["nodes"]] == ["EMERGENCY"]
    triaged = await staff.execute(
        CASES, {"filter": {"status": "TRIAGED", "priority": "HIGH", "kelurahanCode": MENTIKAN}}
    )
    assert [n["caseType"] for n in triaged["gayatriCases"]["nodes"]] == ["STUNTING"]


async def test_the_case_list_costs_the_same_statements_for_any_page_size(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_demo(cettar_runtime)
    province = await gql.login("admin.provinsi")
    await province.execute(CASES, {"first": 1})
    # newest first: the 4 newest already hold a case about a child, so every nested field is loaded in both
    with count_statements(cettar_runtime) as small:
        four = await province.execute(CASES, {"first": 4})
    with count_statements(cettar_runtime) as large:
        six = await province.execute(CASES, {"first": 6})
    assert len(four["gayatriCases"]["nodes"]) == 4 and len(six["gayatriCases"]["nodes"]) == 6
    assert any(n["child"] for n in four["gayatriCases"]["nodes"])
    assert sum(len(n["timeline"]) for n in six["gayatriCases"]["nodes"]) > 6
    assert large.count == small.count, "\n".join(large.statements)
    # token, page, count, and one each: regions, agencies, cadres, timelines, children, actors, viewer's cadre
    assert large.count == 10, "\n".join(large.statements)
