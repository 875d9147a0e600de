"""Problems, aerial surveys and NOP links through GraphQL, as the roles that use them."""

from __future__ import annotations

from typing import Any

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.rumahku_sip.models import Problem, Survey, TaxObject
from tests.rumahku_sip.support import PLUGINS, count, development_id, events, roles, seed

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

REPORT = """
mutation ($input: ReportDevelopmentProblemInput!) {
  reportDevelopmentProblem(input: $input) {
    problem { id kind status description foundOn facility { name } survey { operator } reportedBy { name } development { name } }
  }
}
"""
RESOLVE = """
mutation ($input: ResolveDevelopmentProblemInput!) {
  resolveDevelopmentProblem(input: $input) { problem { status resolution resolvedAt resolvedBy { name } } }
}
"""
PROBLEMS = """
query ($filter: DevelopmentProblemFilter) {
  developmentProblems(filter: $filter) { totalCount nodes { id kind status development { name } survey { flownOn } } }
}
"""
SURVEY = """
mutation ($input: RecordAerialSurveyInput!) {
  recordAerialSurvey(input: $input) {
    survey { id flownOn operator areaHectares orthophoto findings recordedBy { name } development { name } }
  }
}
"""
LINK = """
mutation ($input: LinkTaxObjectInput!) {
  linkTaxObject(input: $input) {
    taxObject { id nop nopDigits nopKecamatanCode unit { label } development { name } linkedBy { name } }
  }
}
"""
UNLINK = """
mutation ($input: UnlinkTaxObjectInput!) { unlinkTaxObject(input: $input) { development { taxObjects { nop } } } }
"""


async def facility_id(client: GraphQLClient, development: str, name: str) -> str:
    data = await client.execute(
        "query ($id: ID!) { node(id: $id) { ... on HousingDevelopment { facilities { id name } } } }",
        {"id": development},
    )
    return str(next(f["id"] for f in data["node"]["facilities"] if f["name"] == name))


async def test_reporting_and_resolving_problems(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    manyar = await development_id(gql, "Manyar Residence")
    cemetery = await facility_id(as_["officer"], manyar, "Lahan makam (2% luas lahan)")
    variables = {
        "input": {
            "developmentId": manyar,
            "kind": "PSU_NOT_BUILT",
            "description": "Lahan makam belum disediakan sesuai site plan.",
            "foundOn": "2026-11-27",
            "facilityId": cemetery,
            "idempotencyKey": "manyar-makam",
        }
    }
    problem = (await as_["officer"].execute(REPORT, variables))["reportDevelopmentProblem"]["problem"]
    assert (problem["kind"], problem["status"], problem["facility"], problem["reportedBy"]) == (
        "PSU_NOT_BUILT",
        "OPEN",
        {"name": "Lahan makam (2% luas lahan)"},
        {"name": "Yusuf Hidayat"},
    )
    assert (await as_["officer"].execute(REPORT, variables))["reportDevelopmentProblem"]["problem"]["id"] == problem[
        "id"
    ]
    assert await count(cettar_runtime, Problem) == 5  # four demo problems and this one

    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    base = {k: v for k, v in variables["input"].items() if k not in ("idempotencyKey", "facilityId")}
    for changes, code, field in (
        ({}, "VALIDATION_FAILED", "input.facilityId"),  # which PSU was not built?
        (
            {"facilityId": await facility_id(as_["officer"], kebomas, "Musala Al-Ikhlas")},
            "NOT_FOUND",
            "input.facilityId",
        ),
        ({"kind": "ABANDONED_DEVELOPMENT", "foundOn": "2027-02-01"}, "VALIDATION_FAILED", "input.foundOn"),
        ({"kind": "ABANDONED_DEVELOPMENT", "description": "mangkrak"}, "VALIDATION_FAILED", "input.description"),
    ):
        response = await as_["officer"].query(REPORT, {"input": {**base, **changes}})
        assert (response.codes, response.errors[0]["extensions"].get("field")) == ([code], field), changes
    mine = {**base, "developmentId": kebomas, "kind": "CHANGE_OF_USE"}
    assert (await as_["developer"].query(REPORT, {"input": mine})).codes == ["FORBIDDEN"]
    for who in ("citizen", "other_officer"):
        assert (await as_[who].query(REPORT, {"input": mine})).codes == ["NOT_FOUND"], who
    assert await count(cettar_runtime, Problem) == 5  # four demo problems and this one

    resolution = {"input": {"problemId": problem["id"], "resolution": "Pengembang menyerahkan lahan makam 1.900 m²."}}
    assert (await as_["developer"].query(RESOLVE, resolution)).codes == ["NOT_FOUND"]
    resolved = (await as_["officer"].execute(RESOLVE, resolution))["resolveDevelopmentProblem"]["problem"]
    assert (resolved["status"], resolved["resolvedBy"]) == ("RESOLVED", {"name": "Yusuf Hidayat"})
    assert (await as_["officer"].query(RESOLVE, resolution)).codes == ["HOUSING_PROBLEM_RESOLVED"]
    assert [name for name, _ in await events(cettar_runtime)] == [
        "rumahku_sip.problem_reported",
        "rumahku_sip.problem_resolved",
    ]


async def test_who_sees_which_problems(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)

    async def kinds(who: str, **filter: Any) -> list[tuple[str, str, str]]:
        data = await as_[who].execute(PROBLEMS, {"filter": filter})
        return [(n["kind"], n["status"], n["development"]["name"]) for n in data["developmentProblems"]["nodes"]]

    assert len(await kinds("officer")) == 4
    assert await kinds("officer", status="OPEN", kecamatanCode="35.25.15") == [
        ("ABANDONED_DEVELOPMENT", "OPEN", "Griya Driyorejo Permai")
    ]
    assert await kinds("officer", kind="CHANGE_OF_USE") == [  # newest first
        ("CHANGE_OF_USE", "RESOLVED", "Griya Driyorejo Permai"),
        ("CHANGE_OF_USE", "OPEN", "Perumahan Graha Kebomas Asri"),
    ]
    manyar = await development_id(gql, "Manyar Residence")
    assert await kinds("province", developmentId=manyar) == [("PSU_NOT_BUILT", "OPEN", "Manyar Residence")]
    assert await kinds("developer") == [("CHANGE_OF_USE", "OPEN", "Perumahan Graha Kebomas Asri")]
    assert await kinds("citizen") == [] and await kinds("other_officer") == []
    # the survey behind a problem is for the agency only
    data = await as_["officer"].execute(PROBLEMS, {"filter": {"developmentId": manyar}})
    assert data["developmentProblems"]["nodes"][0]["survey"] == {"flownOn": "2026-06-18"}
    problem_id = data["developmentProblems"]["nodes"][0]["id"]
    node = "query ($id: ID!) { node(id: $id) { ... on DevelopmentProblem { kind } } }"
    assert (await as_["other_officer"].execute(node, {"id": problem_id}))["node"] is None


async def test_recording_aerial_surveys(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    driyorejo = await development_id(gql, "Griya Driyorejo Permai")
    variables = {
        "input": {
            "developmentId": driyorejo,
            "flownOn": "2026-11-20",
            "operator": "Tim Drone Bidang Perumahan Disperkim Gresik",
            "areaHectares": 12.75,
            "orthophoto": "https://peta.rumahku-sip.example/ortofoto/2026-11-20-griya-driyorejo-permai.tif",
            "findings": "Masih tidak ada kegiatan; semak menutupi Blok D.",
            "idempotencyKey": "driyorejo-2026-11-20",
        }
    }
    survey = (await as_["officer"].execute(SURVEY, variables))["recordAerialSurvey"]["survey"]
    assert (survey["areaHectares"], survey["recordedBy"], survey["development"]) == (
        12.75,
        {"name": "Yusuf Hidayat"},
        {"name": "Griya Driyorejo Permai"},
    )
    assert (await as_["officer"].execute(SURVEY, variables))["recordAerialSurvey"]["survey"]["id"] == survey["id"]
    key = "ab" * 32
    by_key = await as_["officer"].execute(
        SURVEY, {"input": {**variables["input"], "orthophoto": key.upper(), "idempotencyKey": None}}
    )
    assert by_key["recordAerialSurvey"]["survey"]["orthophoto"] == key
    for changes, field in (
        ({"orthophoto": "http://peta.example/orto.tif"}, "input.orthophoto"),
        ({"orthophoto": "orto.tif"}, "input.orthophoto"),
        ({"areaHectares": 0.0}, "input.areaHectares"),
        ({"areaHectares": 2500.0}, "input.areaHectares"),
        ({"flownOn": "2009-12-31"}, "input.flownOn"),
        ({"operator": ""}, "input.operator"),
    ):
        response = await as_["officer"].query(
            SURVEY, {"input": {**variables["input"], **changes, "idempotencyKey": None}}
        )
        assert (response.codes, response.errors[0]["extensions"]["field"]) == (["VALIDATION_FAILED"], field), changes
    for who, code in (("developer", "NOT_FOUND"), ("other_officer", "NOT_FOUND"), ("anonymous", "UNAUTHENTICATED")):
        assert (await as_[who].query(SURVEY, variables)).codes == [code], who
    assert await count(cettar_runtime, Survey) == 5
    node = "query ($id: ID!) { node(id: $id) { ... on AerialSurvey { operator } } }"
    assert (await as_["admin"].execute(node, {"id": survey["id"]}))["node"] == {
        "operator": variables["input"]["operator"]
    }
    # the developer of Graha Kebomas sees its development but never its surveys
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    surveyed = await as_["officer"].execute(
        "query ($id: ID!) { node(id: $id) { ... on HousingDevelopment { aerialSurveys { id } } } }", {"id": kebomas}
    )
    kebomas_survey = surveyed["node"]["aerialSurveys"][0]["id"]
    assert (await as_["developer"].execute(node, {"id": kebomas_survey}))["node"] is None
    assert [name for name, _ in await events(cettar_runtime)] == ["rumahku_sip.aerial_survey_recorded"] * 2


async def test_linking_tax_objects(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    as_ = await roles(gql)
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    units = await as_["officer"].execute(
        "query ($id: ID!) { node(id: $id) { ... on HousingDevelopment { units(first: 20) { nodes { id label } } } } }",
        {"id": kebomas},
    )
    unit_ids = {u["label"]: u["id"] for u in units["node"]["units"]["nodes"]}
    variables = {"input": {"developmentId": kebomas, "unitId": unit_ids["C-1"], "nop": "352514000601400010"}}
    link = (await as_["officer"].execute(LINK, variables))["linkTaxObject"]["taxObject"]
    assert link == {
        "id": link["id"],
        "nop": "35.25.140.006.014-0001.0",
        "nopDigits": "352514000601400010",
        "nopKecamatanCode": "35.25.14",
        "unit": {"label": "C-1"},
        "development": {"name": "Perumahan Graha Kebomas Asri"},
        "linkedBy": {"name": "Yusuf Hidayat"},
    }
    # the same link again is the same link
    same = await as_["officer"].execute(LINK, {"input": {**variables["input"], "nop": "35.25.140.006.014-0001.0"}})
    assert same["linkTaxObject"]["taxObject"]["id"] == link["id"]
    # a kecamatan part that does not follow the convention cannot be checked, and is accepted
    unmapped = await as_["officer"].execute(
        LINK, {"input": {"developmentId": kebomas, "nop": "35.25.147.006.001-0002.0"}}
    )
    assert unmapped["linkTaxObject"]["taxObject"]["nopKecamatanCode"] is None
    assert await count(cettar_runtime, TaxObject) == 7

    manyar = await development_id(gql, "Manyar Residence")
    cases: list[tuple[str, dict[str, Any], str, str]] = [
        # the development's own parcel, linked to a unit
        (
            "officer",
            {"nop": "35.25.140.006.001-0001.0", "unitId": unit_ids["C-2"]},
            "HOUSING_NOP_ALREADY_LINKED",
            "input.nop",
        ),
        ("officer", {"nop": "35.25.100.015.003-0043.0"}, "HOUSING_NOP_KECAMATAN_MISMATCH", "input.nop"),
        ("officer", {"nop": "35.78.010.001.003-0043.0"}, "HOUSING_NOP_OUTSIDE_GRESIK", "input.nop"),
        ("officer", {"nop": "35.25.140.006.003"}, "HOUSING_INVALID_NOP", "input.nop"),
        ("officer", {"nop": "35.25.140.006.014-0002.0", "unitId": unit_ids["C-1"]}, "CONFLICT", "input.unitId"),
        (
            "officer",
            {"nop": "35.25.140.006.014-0003.0", "developmentId": manyar, "unitId": unit_ids["C-2"]},
            "HOUSING_NOP_KECAMATAN_MISMATCH",
            "input.nop",
        ),
        (
            "officer",
            {"nop": "35.25.100.015.014-0003.0", "developmentId": manyar, "unitId": unit_ids["C-2"]},
            "NOT_FOUND",
            "input.unitId",
        ),
        ("developer", {"nop": "35.25.140.006.014-0004.0"}, "FORBIDDEN", "input.developmentId"),
        ("other_officer", {"nop": "35.25.140.006.014-0004.0"}, "NOT_FOUND", "input.developmentId"),
    ]
    for who, changes, code, field in cases:
        response = await as_[who].query(LINK, {"input": {"developmentId": kebomas, **changes}}, language="en")
        assert response.codes == [code], (who, changes, response.errors)
        assert response.errors[0]["extensions"].get("field", "input.developmentId") == field, (who, changes)
    mismatch = await as_["officer"].query(
        LINK, {"input": {"developmentId": kebomas, "nop": "352510001500300430"}}, language="en"
    )
    assert "kecamatan 35.25.10" in mismatch.errors[0]["message"] and "35.25.14" in mismatch.errors[0]["message"]
    assert await count(cettar_runtime, TaxObject) == 7

    assert (await as_["developer"].query(UNLINK, {"input": {"taxObjectId": link["id"]}})).codes == ["NOT_FOUND"]
    removed = await as_["officer"].execute(
        UNLINK, {"input": {"taxObjectId": unmapped["linkTaxObject"]["taxObject"]["id"]}}
    )
    assert removed["unlinkTaxObject"]["development"]["taxObjects"] == [{"nop": "35.25.140.006.001-0001.0"}]
    assert await count(cettar_runtime, TaxObject) == 6
    assert [name for name, _ in await events(cettar_runtime)] == [
        "rumahku_sip.tax_object_linked",
        "rumahku_sip.tax_object_linked",
        "rumahku_sip.tax_object_unlinked",
    ]
    node = "query ($id: ID!) { node(id: $id) { ... on TaxObjectLink { nop } } }"
    assert (await as_["province"].execute(node, {"id": link["id"]}))["node"] == {"nop": "35.25.140.006.014-0001.0"}
    assert (await as_["developer"].execute(node, {"id": link["id"]}))["node"] is None
