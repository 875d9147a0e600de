"""Developers, developments, permits and units through GraphQL, as each role that uses them."""

from __future__ import annotations

from typing import Any

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from plugins.rumahku_sip.access import MANAGE
from plugins.rumahku_sip.models import Developer, Development, Permit, Unit
from schema import encode_global_id
from tests.rumahku_sip.support import (
    PLUGINS,
    audit_actions,
    count,
    development_id,
    events,
    officer_of,
    roles,
    seed,
)

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

LIST = """
query ($filter: HousingDevelopmentFilter, $first: Int, $after: String) {
  housingDevelopments(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name status segment desaCode kecamatanCode }
  }
}
"""
DETAIL = """
query ($id: ID!) {
  node(id: $id) {
    ... on HousingDevelopment {
      name desaCode desaName kecamatanCode kecamatanName address segment status plannedUnits
      landAreaHectares boundary boundaryAreaHectares
      developer { name nib association officeAddress hasLinkedAccount }
      permits { kind number issuedOn }
      unitSummary { total byStatus { status count } }
      units(first: 2) { totalCount nodes { label houseType buildingAreaM2 landAreaM2 status taxObject { nop } } }
      facilities { name }
      handovers { status }
      problems { kind survey { operator } }
      aerialSurveys { operator }
      taxObjects { nop }
    }
  }
}
"""
REGISTER = """
mutation ($input: RegisterHousingDevelopmentInput!) {
  registerHousingDevelopment(input: $input) {
    development {
      id name desaCode kecamatanCode kecamatanName status plannedUnits landAreaHectares boundaryAreaHectares boundary
      permits { kind number issuedOn }
      developer { name }
    }
  }
}
"""
SQUARE = [[112.5890, -7.2830], [112.5905, -7.2830], [112.5905, -7.2815], [112.5890, -7.2815], [112.5890, -7.2830]]


def names(data: dict[str, Any]) -> list[str]:
    return [n["name"] for n in data["housingDevelopments"]["nodes"]]


async def developer_id(gql: GraphQLClient, name: str) -> str:
    officer = await gql.login("petugas.perkim")
    data = await officer.execute(
        "query ($s: String) { housingDevelopers(search: $s) { nodes { id name } } }", {"s": name}
    )
    (found,) = data["housingDevelopers"]["nodes"]
    return str(found["id"])


def registration(developer: str, **changes: Any) -> dict[str, Any]:
    return {
        "input": {
            "developerId": developer,
            "name": "Menganti Asri Tahap II",
            "desaCode": "35.25.13.2013",
            "address": "Jl. Raya Menganti No. 300, Menganti",
            "segment": "SUBSIDIZED",
            "status": "PLANNED",
            "plannedUnits": 150,
            "landAreaHectares": 4.25,
            "boundary": {"type": "Polygon", "coordinates": [SQUARE]},
            "permits": [
                {"kind": "KKPR", "number": "kkpr/35.25/0601/2026", "issuedOn": "2026-08-03"},
                {"kind": "SITE_PLAN", "number": "653/301/437.73/2026", "issuedOn": "2026-10-12"},
            ],
            **changes,
        }
    }


async def test_who_sees_which_developments(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    everything = [
        "Perumahan Graha Kebomas Asri",
        "Manyar Residence",
        "Griya Driyorejo Permai",
        "Menganti Green Residence",
    ]
    for who in ("officer", "admin", "province"):
        assert names(await as_[who].execute(LIST)) == everything, who
    assert names(await as_["developer"].execute(LIST)) == ["Perumahan Graha Kebomas Asri"]
    for who in ("citizen", "other_officer"):
        data = await as_[who].execute(LIST)
        assert data["housingDevelopments"]["totalCount"] == 0, who
    assert (await as_["anonymous"].query(LIST)).codes == ["UNAUTHENTICATED"]


async def test_filters_and_pages(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    officer = await gql.login("petugas.perkim")

    async def matching(**filter: Any) -> list[str]:
        return names(await officer.execute(LIST, {"filter": filter}))

    assert await matching(kecamatanCode="35.25.14") == ["Perumahan Graha Kebomas Asri"]
    assert await matching(kecamatanCode="35.25") == names(await officer.execute(LIST))
    assert await matching(kecamatanCode="35.25.1") == []  # whole segments only
    assert await matching(desaCode="35.25.15.2013") == ["Griya Driyorejo Permai"]
    assert await matching(status="UNDER_CONSTRUCTION") == ["Manyar Residence", "Griya Driyorejo Permai"]
    assert await matching(segment="SUBSIDIZED", search="manyar") == ["Manyar Residence"]
    assert await matching(search="100%") == []
    assert await matching(withOpenProblems=False) == ["Menganti Green Residence"]
    assert len(await matching(withOpenProblems=True)) == 3
    manyar_developer = await developer_id(gql, "PT Manyar Indah")
    assert await matching(developerId=manyar_developer) == ["Manyar Residence"]
    bad = await officer.query(LIST, {"filter": {"developerId": encode_global_id("HousingDevelopment", "1")}})
    assert bad.codes == ["INVALID_ID"]

    first = (await officer.execute(LIST, {"first": 3}))["housingDevelopments"]
    assert first["pageInfo"]["hasNextPage"] is True and len(first["nodes"]) == 3
    rest = (await officer.execute(LIST, {"first": 3, "after": first["pageInfo"]["endCursor"]}))["housingDevelopments"]
    assert [n["name"] for n in rest["nodes"]] == ["Menganti Green Residence"]
    assert (await officer.query(LIST, {"first": 101})).codes == ["PAGE_SIZE_EXCEEDED"]


async def test_detail_for_the_agency_and_less_for_the_developer(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    officer = (await as_["officer"].execute(DETAIL, {"id": kebomas}))["node"]
    assert officer["desaName"] == "Gulomantung" and officer["kecamatanName"] == "Kebomas"
    assert officer["developer"] == {
        "name": "PT Graha Kebomas Permai",
        "nib": "9120301254871",
        "association": "REI",
        "officeAddress": "Jl. Dr. Wahidin Sudirohusodo No. 120, Kebomas, Gresik",
        "hasLinkedAccount": True,
    }
    assert [p["kind"] for p in officer["permits"]] == ["KKPR", "SITE_PLAN", "PBG"]
    assert officer["unitSummary"]["total"] == 16
    assert {c["status"]: c["count"] for c in officer["unitSummary"]["byStatus"]} == {
        "PLANNED": 0,
        "UNDER_CONSTRUCTION": 0,
        "BUILT": 4,
        "OCCUPIED": 12,
    }
    assert officer["units"]["totalCount"] == 16
    assert officer["units"]["nodes"][0] == {
        "label": "A-1",
        "houseType": "45/90",
        "buildingAreaM2": 45,
        "landAreaM2": 90,
        "status": "OCCUPIED",
        "taxObject": {"nop": "35.25.140.006.012-0001.0"},
    }
    assert officer["boundary"]["type"] == "Polygon" and officer["boundaryAreaHectares"] > 8
    assert officer["aerialSurveys"] == [{"operator": "Tim Drone Bidang Perumahan Disperkim Gresik"}]
    assert officer["taxObjects"] == [{"nop": "35.25.140.006.001-0001.0"}]

    developer = (await as_["developer"].execute(DETAIL, {"id": kebomas}))["node"]
    assert developer["name"] == officer["name"] and developer["permits"] == officer["permits"]
    assert developer["aerialSurveys"] == [] and developer["taxObjects"] == []
    assert developer["units"]["nodes"][0]["taxObject"] is None

    for who in ("citizen", "other_officer", "anonymous"):
        assert (await as_[who].execute(DETAIL, {"id": kebomas}))["node"] is None, who
    manyar = await development_id(gql, "Manyar Residence")
    assert (await as_["developer"].execute(DETAIL, {"id": manyar}))["node"] is None
    assert (await as_["province"].execute(DETAIL, {"id": manyar}))["node"]["problems"] == [
        {"kind": "PSU_NOT_BUILT", "survey": {"operator": "Tim Drone Bidang Perumahan Disperkim Gresik"}}
    ]
    assert (await as_["officer"].execute(DETAIL, {"id": encode_global_id("HousingDevelopment", "999")}))["node"] is None


async def test_the_main_list_does_not_grow_statements_with_the_page(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    admin = await gql.login("admin.perkim")
    developer = await developer_id(gql, "CV Menganti")
    for n in range(6):  # ten developments in all
        await admin.execute(
            REGISTER,
            registration(developer, name=f"Menganti Asri Tahap {n + 2}", permits=[], boundary=None),
        )
    query = """
    query ($first: Int) {
      housingDevelopments(first: $first) {
        totalCount
        nodes {
          name desaName kecamatanName
          developer { name }
          permits { number }
          unitSummary { total }
          facilities { name currentHandover { status } }
          handovers { status proposedBy { name } facilities { name } documents { filename uploadedBy { name } } }
          problems { kind facility { name } survey { operator } reportedBy { name } }
          aerialSurveys { operator recordedBy { name } }
          taxObjects { nop linkedBy { name } }
          units(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { label taxObject { nop } } }
        }
      }
    }
    """
    counted: dict[int, int] = {}
    for first in (2, 10):
        with count_statements(cettar_runtime) as seen:
            data = await admin.execute(query, {"first": first})
        assert len(data["housingDevelopments"]["nodes"]) == first
        counted[first] = seen.count
    assert counted[2] == counted[10], counted


async def test_an_officer_registers_a_development_with_permits_and_boundary(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    officer = await gql.login("petugas.perkim")
    developer = await developer_id(gql, "CV Menganti")
    variables = registration(developer, idempotencyKey="menganti-asri-2")
    created = (await officer.execute(REGISTER, variables))["registerHousingDevelopment"]["development"]
    assert created["kecamatanCode"] == "35.25.13" and created["kecamatanName"] == "Menganti"
    assert (created["status"], created["plannedUnits"], created["landAreaHectares"]) == ("PLANNED", 150, 4.25)
    assert created["permits"] == [
        {"kind": "KKPR", "number": "KKPR/35.25/0601/2026", "issuedOn": "2026-08-03"},
        {"kind": "SITE_PLAN", "number": "653/301/437.73/2026", "issuedOn": "2026-10-12"},
    ]
    assert created["boundary"] == {"type": "Polygon", "coordinates": [SQUARE]}
    assert 2.7 < created["boundaryAreaHectares"] < 2.8
    assert created["developer"] == {"name": "CV Menganti Hunian Asri"}
    # a retry with the same key returns the same development and creates nothing
    again = (await officer.execute(REGISTER, variables))["registerHousingDevelopment"]["development"]
    assert again["id"] == created["id"]
    assert await count(cettar_runtime, Development) == 5
    reused = await officer.query(REGISTER, registration(developer, idempotencyKey="menganti-asri-2", plannedUnits=151))
    assert reused.codes == ["IDEMPOTENCY_KEY_REUSED"]

    assert [name for name, _ in await events(cettar_runtime)] == ["rumahku_sip.development_registered"]
    assert (await events(cettar_runtime))[0][1]["desa_code"] == "35.25.13.2013"
    assert "rumahku_sip.development_registered" in await audit_actions(cettar_runtime)


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"desaCode": "35.78.01.1001"}, "HOUSING_DESA_OUTSIDE_GRESIK", "input.desaCode"),  # Surabaya
        ({"desaCode": "35.15.01.2001"}, "HOUSING_DESA_OUTSIDE_GRESIK", "input.desaCode"),  # Sidoarjo
        ({"desaCode": "35.25.13"}, "HOUSING_DESA_UNKNOWN", "input.desaCode"),  # a kecamatan
        ({"desaCode": "35.25.13.2099"}, "HOUSING_DESA_UNKNOWN", "input.desaCode"),
        (
            {"boundary": {"type": "Polygon", "coordinates": [[[p[1], p[0]] for p in SQUARE]]}},
            "HOUSING_INVALID_BOUNDARY",
            "input.boundary",
        ),
        ({"boundary": {"type": "LineString", "coordinates": SQUARE}}, "HOUSING_INVALID_BOUNDARY", "input.boundary"),
        (
            {"permits": [{"kind": "PBG", "number": "SK-PBG-352514-23012023-0007", "issuedOn": "2026-01-05"}]},
            "HOUSING_PERMIT_EXISTS",
            "input.permits.0.number",
        ),
        (
            {
                "permits": [
                    {"kind": "PBG", "number": "PBG-1/2026", "issuedOn": "2026-01-05"},
                    {"kind": "PBG", "number": "pbg-1/2026", "issuedOn": "2026-01-06"},
                ]
            },
            "HOUSING_PERMIT_EXISTS",
            "input.permits.1.number",
        ),
        (
            {"permits": [{"kind": "PBG", "number": "PBG-2/2027", "issuedOn": "2027-01-05"}]},
            "VALIDATION_FAILED",
            "input.permits.0.issuedOn",
        ),
        ({"name": "Menganti Green Residence"}, "HOUSING_DEVELOPMENT_EXISTS", "input.name"),
        ({"name": "  "}, "VALIDATION_FAILED", "input.name"),
        ({"plannedUnits": 0}, "VALIDATION_FAILED", "input.plannedUnits"),
        ({"landAreaHectares": -1.0}, "VALIDATION_FAILED", "input.landAreaHectares"),
        ({"developerId": encode_global_id("HousingDeveloper", "999")}, "NOT_FOUND", "input.developerId"),
        ({"developerId": encode_global_id("HousingDevelopment", "1")}, "INVALID_ID", "input.developerId"),
    ],
)
async def test_bad_registrations_are_refused_and_write_nothing(
    gql: GraphQLClient, cettar_runtime: Runtime, changes: dict[str, Any], code: str, field: str
) -> None:
    await seed(cettar_runtime)
    officer = await gql.login("petugas.perkim")
    developer = await developer_id(gql, "CV Menganti")
    before = (await count(cettar_runtime, Development), await count(cettar_runtime, Permit))
    response = await officer.query(REGISTER, registration(developer, **changes))
    assert response.codes == [code]
    assert response.errors[0]["extensions"].get("field") == field
    assert response.data is None
    assert (await count(cettar_runtime, Development), await count(cettar_runtime, Permit)) == before
    assert await events(cettar_runtime) == []


async def test_only_disperkim_staff_with_the_permission_register(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    developer = await developer_id(gql, "CV Menganti")
    variables = registration(developer)
    assert (await as_["anonymous"].query(REGISTER, variables)).codes == ["UNAUTHENTICATED"]
    for who in ("citizen", "developer", "other_officer", "province"):
        assert (await as_[who].query(REGISTER, variables)).codes == ["FORBIDDEN"], who
    without = await officer_of(gql, cettar_runtime, "disperkim-3525")
    assert (await without.query(REGISTER, variables)).codes == ["FORBIDDEN"]
    other_agency = await officer_of(gql, cettar_runtime, "dispendukcapil-3578", MANAGE)
    assert (await other_agency.query(REGISTER, variables)).codes == ["FORBIDDEN"]
    assert await count(cettar_runtime, Development) == 4
    granted = await officer_of(gql, cettar_runtime, "disperkim-3525", MANAGE)
    created = await granted.execute(REGISTER, variables)
    assert created["registerHousingDevelopment"]["development"]["name"] == "Menganti Asri Tahap II"


UPDATE = """
mutation ($input: UpdateHousingDevelopmentInput!) {
  updateHousingDevelopment(input: $input) { development { name status plannedUnits boundaryAreaHectares updatedAt } }
}
"""


async def test_updating_a_development(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    menganti = await development_id(gql, "Menganti Green Residence")
    changed = await as_["officer"].execute(
        UPDATE,
        {
            "input": {
                "developmentId": menganti,
                "status": "UNDER_CONSTRUCTION",
                "plannedUnits": 96,
                "boundary": {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [SQUARE]}},
            }
        },
    )
    development = changed["updateHousingDevelopment"]["development"]
    assert (development["status"], development["plannedUnits"]) == ("UNDER_CONSTRUCTION", 96)
    assert 2.7 < development["boundaryAreaHectares"] < 2.8
    assert await events(cettar_runtime) == [
        (
            "rumahku_sip.development_updated",
            {"development_id": int(development_id_key(menganti)), "changed": ["planned_units", "boundary", "status"]},
        )
    ]

    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    too_few = await as_["officer"].query(UPDATE, {"input": {"developmentId": kebomas, "plannedUnits": 10}})
    assert too_few.codes == ["VALIDATION_FAILED"] and too_few.errors[0]["extensions"]["field"] == "input.plannedUnits"
    nothing = await as_["officer"].query(UPDATE, {"input": {"developmentId": kebomas}})
    assert nothing.codes == ["VALIDATION_FAILED"]
    assert (
        await as_["developer"].query(UPDATE, {"input": {"developmentId": kebomas, "status": "COMPLETED"}})
    ).codes == ["FORBIDDEN"]
    for who in ("citizen", "other_officer"):
        response = await as_[who].query(UPDATE, {"input": {"developmentId": kebomas, "status": "PLANNED"}})
        assert response.codes == ["NOT_FOUND"], who


def development_id_key(global_id: str) -> str:
    from schema import decode_global_id

    return decode_global_id(global_id)[1]


PERMIT = """
mutation ($input: AddDevelopmentPermitInput!) {
  addDevelopmentPermit(input: $input) { permit { kind number issuedOn } development { permits { kind } } }
}
"""


async def test_adding_a_permit(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    menganti = await development_id(gql, "Menganti Green Residence")
    permit = {
        "developmentId": menganti,
        "kind": "PBG",
        "number": "SK-PBG-352513-02112026-0044",
        "issuedOn": "2026-11-02",
    }
    added = (await as_["officer"].execute(PERMIT, {"input": permit}))["addDevelopmentPermit"]
    assert added["permit"] == {"kind": "PBG", "number": "SK-PBG-352513-02112026-0044", "issuedOn": "2026-11-02"}
    assert [p["kind"] for p in added["development"]["permits"]] == ["KKPR", "PBG"]
    again = await as_["officer"].query(PERMIT, {"input": permit})
    assert again.codes == ["HOUSING_PERMIT_EXISTS"] and again.errors[0]["extensions"]["field"] == "input.number"
    assert (await as_["other_officer"].query(PERMIT, {"input": {**permit, "number": "X-123"}})).codes == ["NOT_FOUND"]
    assert await count(cettar_runtime, Permit) == 10  # nine demo permits and the new one


UNITS = """
mutation ($input: AddHousingUnitsInput!) {
  addHousingUnits(input: $input) { units { id label houseType buildingAreaM2 landAreaM2 status } development { unitSummary { total } } }
}
"""


async def test_recording_units(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    menganti = await development_id(gql, "Menganti Green Residence")
    units = [
        {"block": "a", "number": "1", "houseType": "36/72", "status": "PLANNED"},
        {"block": "A", "number": "2", "houseType": " 45 / 90 ", "status": "UNDER_CONSTRUCTION"},
    ]
    variables = {"input": {"developmentId": menganti, "units": units, "idempotencyKey": "menganti-a-1-2"}}
    added = (await as_["officer"].execute(UNITS, variables))["addHousingUnits"]
    assert [(u["label"], u["houseType"], u["buildingAreaM2"], u["landAreaM2"]) for u in added["units"]] == [
        ("A-1", "36/72", 36, 72),
        ("A-2", "45/90", 45, 90),
    ]
    assert added["development"]["unitSummary"]["total"] == 2
    retry = (await as_["officer"].execute(UNITS, variables))["addHousingUnits"]
    assert [u["id"] for u in retry["units"]] == [u["id"] for u in added["units"]]
    assert await count(cettar_runtime, Unit) == 38

    async def refused(units: list[dict[str, str]]) -> tuple[list[str], str | None]:
        response = await as_["officer"].query(UNITS, {"input": {"developmentId": menganti, "units": units}})
        return response.codes, response.errors[0]["extensions"].get("field")

    one = {"block": "B", "number": "1", "houseType": "36/72", "status": "PLANNED"}
    assert await refused([one, {**units[0], "block": "A"}]) == (["HOUSING_UNIT_EXISTS"], "input.units.1.number")
    assert await refused([one, one]) == (["HOUSING_UNIT_EXISTS"], "input.units.1.number")
    assert await refused([{**one, "houseType": "tipe 36"}]) == (["VALIDATION_FAILED"], "input.units.0.houseType")
    assert await refused([{**one, "block": "B/1"}]) == (["VALIDATION_FAILED"], "input.units.0.block")
    assert await refused([]) == (["VALIDATION_FAILED"], "input.units")
    over_plan = [{**one, "number": str(n)} for n in range(1, 80)]  # 2 recorded + 79 > 80 planned
    assert await refused(over_plan) == (["VALIDATION_FAILED"], "input.units")
    assert await count(cettar_runtime, Unit) == 38
    assert (await as_["developer"].query(UNITS, {"input": {"developmentId": menganti, "units": [one]}})).codes == [
        "NOT_FOUND"
    ]

    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    mine = await as_["developer"].query(UNITS, {"input": {"developmentId": kebomas, "units": [one]}})
    assert mine.codes == ["FORBIDDEN"]

    update = "mutation ($input: UpdateHousingUnitInput!) { updateHousingUnit(input: $input) { unit { label status } } }"
    unit = added["units"][0]["id"]
    changed = await as_["officer"].execute(update, {"input": {"unitId": unit, "status": "UNDER_CONSTRUCTION"}})
    assert changed["updateHousingUnit"]["unit"] == {"label": "A-1", "status": "UNDER_CONSTRUCTION"}
    assert (await as_["other_officer"].query(update, {"input": {"unitId": unit, "status": "BUILT"}})).codes == [
        "NOT_FOUND"
    ]
    unit_node = await as_["officer"].execute(
        "query ($id: ID!) { node(id: $id) { ... on HousingUnit { label development { name } } } }", {"id": unit}
    )
    assert unit_node["node"] == {"label": "A-1", "development": {"name": "Menganti Green Residence"}}
    assert (await as_["citizen"].execute("query ($id: ID!) { node(id: $id) { id } }", {"id": unit}))["node"] is None


DEVELOPER = """
mutation ($input: RegisterHousingDeveloperInput!) {
  registerHousingDeveloper(input: $input) { developer { id name nib association officeAddress hasLinkedAccount } }
}
"""
LINK = """
mutation ($input: LinkDeveloperAccountInput!) {
  linkDeveloperAccount(input: $input) { developer { name hasLinkedAccount } }
}
"""


async def test_registering_a_developer_and_linking_a_citizen_account(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    data = {
        "name": "PT Bawean Griya Nusantara",
        "nib": "9120411092233",
        "association": "HIMPERRA",
        "officeAddress": "Jl. Raya Sangkapura No. 5, Bawean",
        "idempotencyKey": "bawean-griya",
    }
    created = (await as_["officer"].execute(DEVELOPER, {"input": data}))["registerHousingDeveloper"]["developer"]
    assert created["name"] == "PT Bawean Griya Nusantara" and created["hasLinkedAccount"] is False
    again = (await as_["officer"].execute(DEVELOPER, {"input": data}))["registerHousingDeveloper"]["developer"]
    assert again["id"] == created["id"]
    assert await count(cettar_runtime, Developer) == 5

    for changes, code, field in (
        ({"nib": "12345", "idempotencyKey": None}, "VALIDATION_FAILED", "input.nib"),
        (
            {"name": "pt bawean griya nusantara", "nib": None, "idempotencyKey": None},
            "HOUSING_DEVELOPER_EXISTS",
            "input.name",
        ),
        ({"name": "PT Lain", "idempotencyKey": None}, "HOUSING_DEVELOPER_EXISTS", "input.nib"),
    ):
        response = await as_["officer"].query(DEVELOPER, {"input": {**data, **changes}})
        assert (response.codes, response.errors[0]["extensions"]["field"]) == ([code], field)
    for who, code in (("developer", "FORBIDDEN"), ("other_officer", "FORBIDDEN"), ("anonymous", "UNAUTHENTICATED")):
        assert (await as_[who].query(DEVELOPER, {"input": {"name": "PT Tidak Boleh"}})).codes == [code], who
    assert await count(cettar_runtime, Developer) == 5

    # warga.siti acts for the new developer: she then sees its developments, and nothing else
    linked = await as_["officer"].execute(LINK, {"input": {"developerId": created["id"], "username": "warga.siti"}})
    assert linked["linkDeveloperAccount"]["developer"]["hasLinkedAccount"] is True
    kebomas_developer = await developer_id(gql, "PT Graha Kebomas")
    for username, code in (
        ("pengembang.gresik", "HOUSING_ACCOUNT_NOT_CITIZEN"),
        ("petugas.perkim", "HOUSING_ACCOUNT_NOT_CITIZEN"),
        ("tidak.ada", "NOT_FOUND"),
    ):
        response = await as_["officer"].query(LINK, {"input": {"developerId": created["id"], "username": username}})
        assert (response.codes, response.errors[0]["extensions"]["field"]) == ([code], "input.username"), username
    assert (
        await as_["developer"].query(LINK, {"input": {"developerId": kebomas_developer, "username": None}})
    ).codes == ["NOT_FOUND"]
    siti = await gql.login("warga.siti")
    developers = await siti.execute("{ housingDevelopers { nodes { name } } }")
    assert developers["housingDevelopers"]["nodes"] == [{"name": "PT Bawean Griya Nusantara"}]
    assert (await siti.execute(LIST))["housingDevelopments"]["totalCount"] == 0
    node = await siti.execute(
        "query ($id: ID!) { node(id: $id) { ... on HousingDeveloper { name } } }", {"id": created["id"]}
    )
    assert node["node"] == {"name": "PT Bawean Griya Nusantara"}
    unlinked = await as_["officer"].execute(LINK, {"input": {"developerId": created["id"], "username": None}})
    assert unlinked["linkDeveloperAccount"]["developer"]["hasLinkedAccount"] is False
    assert (await siti.execute("{ housingDevelopers { totalCount } }"))["housingDevelopers"]["totalCount"] == 0
    assert set(await audit_actions(cettar_runtime)) >= {
        "rumahku_sip.developer_registered",
        "rumahku_sip.developer_account_linked",
        "rumahku_sip.developer_account_unlinked",
    }


async def test_who_sees_which_developers(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    query = "query ($s: String) { housingDevelopers(search: $s) { totalCount nodes { name } } }"
    assert (await as_["officer"].execute(query))["housingDevelopers"]["totalCount"] == 4
    assert (await as_["officer"].execute(query, {"s": "driyorejo"}))["housingDevelopers"]["nodes"] == [
        {"name": "PT Driyorejo Griya Sejahtera"}
    ]
    assert (await as_["developer"].execute(query))["housingDevelopers"]["nodes"] == [
        {"name": "PT Graha Kebomas Permai"}
    ]
    for who in ("citizen", "other_officer"):
        assert (await as_[who].execute(query))["housingDevelopers"]["totalCount"] == 0, who


UNIT_PAGES = """
query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $status: HousingUnitStatus) {
  node(id: $id) { ... on HousingDevelopment {
    units(first: $first, after: $after, last: $last, before: $before, status: $status) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { label status }
    }
  } }
}
"""


async def test_units_are_paged_per_development_even_in_a_list(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    """``units`` pages like every connection (keyset cursors, both directions, the kernel's limits) and, in a
    list of developments, reads the pages of all of them in one statement."""
    await seed(cettar_runtime)
    officer = await gql.login("petugas.perkim")
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")

    async def page(**arguments: Any) -> dict[str, Any]:
        data = await officer.execute(UNIT_PAGES, {"id": kebomas, **arguments})
        return data["node"]["units"]  # type: ignore[no-any-return]

    everything = await page(first=100)
    labels = [u["label"] for u in everything["nodes"]]
    assert len(labels) == everything["totalCount"] > 6
    first = await page(first=4)
    assert [u["label"] for u in first["nodes"]] == labels[:4]
    assert (first["pageInfo"]["hasNextPage"], first["pageInfo"]["hasPreviousPage"]) == (True, False)
    rest = await page(first=100, after=first["pageInfo"]["endCursor"])
    assert [u["label"] for u in rest["nodes"]] == labels[4:]
    assert (rest["pageInfo"]["hasNextPage"], rest["pageInfo"]["hasPreviousPage"]) == (False, True)
    tail = await page(last=3)
    assert [u["label"] for u in tail["nodes"]] == labels[-3:]
    before = await page(last=2, before=tail["pageInfo"]["startCursor"])
    assert [u["label"] for u in before["nodes"]] == labels[-5:-3]
    built = await page(first=100, status="BUILT")
    assert [u["label"] for u in built["nodes"]] == [u["label"] for u in everything["nodes"] if u["status"] == "BUILT"]
    assert built["totalCount"] == len(built["nodes"])
    for arguments, code, field in (
        ({"first": 2, "last": 2}, "VALIDATION_FAILED", "last"),
        ({"first": -1}, "VALIDATION_FAILED", "first"),
        ({"first": 101}, "PAGE_SIZE_EXCEEDED", "first"),
        ({"after": "bm90LWEtY3Vyc29y"}, "INVALID_CURSOR", "after"),
    ):
        refused = await officer.query(UNIT_PAGES, {"id": kebomas, **arguments})
        assert [(e["extensions"]["code"], e["extensions"].get("field")) for e in refused.errors] == [(code, field)]

    # In a list, each development gets its own page, and one statement reads them all.
    listed = """query ($first: Int) { housingDevelopments(first: $first) { nodes { name
      units(first: 2) { totalCount nodes { label } } } } }"""
    counted: dict[int, int] = {}
    for size in (1, 4):
        with count_statements(cettar_runtime) as seen:
            data = await officer.execute(listed, {"first": size})
        counted[size] = seen.count
    assert counted[1] == counted[4], counted
    (found,) = [n for n in data["housingDevelopments"]["nodes"] if n["name"] == "Perumahan Graha Kebomas Asri"]
    assert [u["label"] for u in found["units"]["nodes"]] == labels[:2]
    assert found["units"]["totalCount"] == len(labels)
