"""Public figures: counts per kelurahan and per case type, for anyone, computed in SQL."""

from __future__ import annotations

from collections import Counter

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from tests.gayatri.support import DINKES_OFFICER, PLUGINS, seed_demo

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

STATS = """
query ($kecamatan: String) {
  gayatriKelurahanStats(kecamatanCode: $kecamatan) {
    kelurahanCode kelurahanName kecamatanCode kecamatanName activeCadres children measuredChildren
    stuntedChildren severelyStuntedChildren stuntingPercent casesByType { caseType count }
  }
}
"""
COUNTS = """
query ($kelurahan: String) { gayatriCaseCounts(kelurahanCode: $kelurahan) { caseType total open resolved } }
"""


async def test_every_kelurahan_of_kota_mojokerto_is_listed_even_when_empty(gql: GraphQLClient) -> None:
    rows = (await gql.execute(STATS))["gayatriKelurahanStats"]
    assert len(rows) == 18
    assert Counter(r["kecamatanName"] for r in rows) == {"Prajuritkulon": 6, "Magersari": 6, "Kranggan": 6}
    assert all(r["kelurahanCode"].startswith(r["kecamatanCode"] + ".") for r in rows)
    assert all(r["children"] == 0 and r["stuntingPercent"] is None for r in rows)
    kranggan = (await gql.execute(STATS, {"kecamatan": "35.76.03"}))["gayatriKelurahanStats"]
    assert [r["kelurahanName"] for r in kranggan] == [
        "Kranggan",
        "Miji",
        "Meri",
        "Jagalan",
        "Sentanan",
        "Purwotengah",
    ]
    counts = (await gql.execute(COUNTS))["gayatriCaseCounts"]
    assert [(c["caseType"], c["total"]) for c in counts] == [
        ("HEALTH_EMERGENCY", 0),
        ("STUNTING", 0),
        ("IMMUNISATION", 0),
        ("TUBERCULOSIS", 0),
        ("SOCIAL_AID", 0),
    ]


async def test_the_figures_match_the_records_behind_them(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    rows = {r["kelurahanName"]: r for r in (await gql.execute(STATS))["gayatriKelurahanStats"]}

    # What health staff see child by child, counted by hand.
    staff = await gql.login(DINKES_OFFICER)
    children = (
        await staff.execute(
            "{ gayatriChildren(first: 50) { nodes { kelurahanName stunted latestMeasurement { heightForAge } } } }"
        )
    )["gayatriChildren"]["nodes"]
    for name, row in rows.items():
        mine = [c for c in children if c["kelurahanName"] == name]
        measured = [c for c in mine if c["latestMeasurement"]]
        stunted = [c for c in measured if c["stunted"]]
        severe = [c for c in measured if c["latestMeasurement"]["heightForAge"] == "SEVERELY_STUNTED"]
        assert (row["children"], row["measuredChildren"], row["stuntedChildren"], row["severelyStuntedChildren"]) == (
            len(mine),
            len(measured),
            len(stunted),
            len(severe),
        ), name
    assert rows["Mentikan"] | {"casesByType": None} == {
        "kelurahanCode": "35.76.01.1003",
        "kelurahanName": "Mentikan",
        "kecamatanCode": "35.76.01",
        "kecamatanName": "Prajuritkulon",
        "activeCadres": 1,
        "children": 2,
        "measuredChildren": 2,
        "stuntedChildren": 2,
        "severelyStuntedChildren": 1,
        "stuntingPercent": 100.0,
        "casesByType": None,
    }
    assert rows["Balongsari"]["stuntingPercent"] == 50.0
    assert rows["Kranggan"]["measuredChildren"] == 1 and rows["Kranggan"]["children"] == 2
    assert {c["caseType"]: c["count"] for c in rows["Kranggan"]["casesByType"]} == {
        "HEALTH_EMERGENCY": 0,
        "STUNTING": 0,
        "IMMUNISATION": 0,
        "TUBERCULOSIS": 1,
        "SOCIAL_AID": 1,
    }
    assert sum(r["activeCadres"] for r in rows.values()) == 5

    counts = {c["caseType"]: c for c in (await gql.execute(COUNTS))["gayatriCaseCounts"]}
    assert counts["SOCIAL_AID"] == {"caseType": "SOCIAL_AID", "total": 2, "open": 2, "resolved": 0}
    assert counts["TUBERCULOSIS"] == {"caseType": "TUBERCULOSIS", "total": 1, "open": 0, "resolved": 1}
    assert sum(c["total"] for c in counts.values()) == 6
    one = {
        c["caseType"]: c["total"]
        for c in (await gql.execute(COUNTS, {"kelurahan": "35.76.01.1003"}))["gayatriCaseCounts"]
    }
    assert one == {"HEALTH_EMERGENCY": 1, "STUNTING": 1, "IMMUNISATION": 0, "TUBERCULOSIS": 0, "SOCIAL_AID": 0}


async def test_the_figures_take_a_fixed_number_of_statements(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    with count_statements(cettar_runtime) as seen:
        await gql.execute(STATS)
    assert seen.count == 5, "\n".join(seen.statements)  # kecamatan, kelurahan, cadres, children, cases
    assert any("GROUP BY" in s and "gayatri_child" in s for s in seen.statements)


@pytest.mark.parametrize(
    ("query", "variables", "code", "field"),
    [
        (STATS, {"kecamatan": "35.78.01"}, "VALIDATION_FAILED", "kecamatanCode"),
        (STATS, {"kecamatan": "35.76"}, "VALIDATION_FAILED", "kecamatanCode"),
        (COUNTS, {"kelurahan": "35.78.01.1001"}, "GAYATRI_KELURAHAN_INVALID", "kelurahanCode"),
    ],
)
async def test_codes_outside_kota_mojokerto_are_refused(
    gql: GraphQLClient, query: str, variables: dict[str, str], code: str, field: str
) -> None:
    response = await gql.query(query, variables)
    assert response.codes == [code]
    assert response.errors[0]["extensions"]["field"] == field
