"""What anyone sees (counts per kecamatan) and what they do not (detail); the plugin's registration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.errors import MESSAGES
from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from plugins import rumahku_sip
from plugins.rumahku_sip import errors as _errors  # noqa: F401
from plugins.rumahku_sip.models import Development
from schema import encode_global_id
from tests.rumahku_sip.support import PLUGINS, development_id, seed

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

STATISTICS = """
query ($kecamatan: String) {
  housingStatistics(kecamatanCode: $kecamatan) {
    developments plannedUnits units
    facilitiesByStatus { status count }
    problemsByKind { kind open resolved }
    kecamatan { kecamatanCode kecamatanName developments plannedUnits units facilitiesByStatus { status count } openProblems }
  }
}
"""


def statuses(counts: list[dict[str, object]]) -> dict[object, object]:
    return {c["status"]: c["count"] for c in counts}


async def test_anyone_sees_counts_per_kecamatan_computed_from_the_data(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    data = (await gql.execute(STATISTICS))["housingStatistics"]
    assert (data["developments"], data["plannedUnits"], data["units"]) == (4, 950, 36)
    assert statuses(data["facilitiesByStatus"]) == {
        "NOT_PROPOSED": 7,
        "PROPOSED": 3,
        "VERIFIED": 1,
        "HANDED_OVER": 2,
        "REFUSED": 1,
    }
    assert data["problemsByKind"] == [
        {"kind": "ABANDONED_DEVELOPMENT", "open": 1, "resolved": 0},
        {"kind": "PSU_NOT_BUILT", "open": 1, "resolved": 0},
        {"kind": "CHANGE_OF_USE", "open": 1, "resolved": 1},
    ]
    kecamatan = {k["kecamatanName"]: k for k in data["kecamatan"]}
    assert len(kecamatan) == 18 and [k["kecamatanCode"] for k in data["kecamatan"]][:2] == ["35.25.01", "35.25.02"]
    kebomas = kecamatan["Kebomas"]
    assert (kebomas["kecamatanCode"], kebomas["developments"], kebomas["plannedUnits"], kebomas["units"]) == (
        "35.25.14",
        1,
        120,
        16,
    )
    assert statuses(kebomas["facilitiesByStatus"]) == {
        "NOT_PROPOSED": 2,
        "PROPOSED": 1,
        "VERIFIED": 1,
        "HANDED_OVER": 2,
        "REFUSED": 0,
    }
    assert (kecamatan["Driyorejo"]["openProblems"], kecamatan["Menganti"]["openProblems"]) == (1, 0)
    assert kecamatan["Sangkapura"] == {
        "kecamatanCode": "35.25.17",
        "kecamatanName": "Sangkapura",
        "developments": 0,
        "plannedUnits": 0,
        "units": 0,
        "facilitiesByStatus": [
            {"status": s, "count": 0} for s in ("NOT_PROPOSED", "PROPOSED", "VERIFIED", "HANDED_OVER", "REFUSED")
        ],
        "openProblems": 0,
    }


async def test_one_kecamatan_and_a_code_outside_gresik(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    manyar = (await gql.execute(STATISTICS, {"kecamatan": "35.25.10"}))["housingStatistics"]
    assert [k["kecamatanName"] for k in manyar["kecamatan"]] == ["Manyar"]
    assert (manyar["developments"], manyar["units"]) == (1, 14)
    assert statuses(manyar["facilitiesByStatus"])["PROPOSED"] == 2

    for code in ("35.78.01", "35.25", "35.25.14.1006", "kebomas"):
        response = await gql.query(STATISTICS, {"kecamatan": code}, language="en")
        assert response.codes == ["VALIDATION_FAILED"]
        assert response.errors[0]["extensions"]["field"] == "kecamatanCode"
        assert "Kabupaten Gresik" in response.errors[0]["message"]


async def test_statistics_take_a_fixed_number_of_grouped_statements(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    with count_statements(cettar_runtime) as seen:
        await gql.execute(STATISTICS)
    ours = [s for s in seen.statements if "rumahku_sip_" in s]
    assert len(ours) == 4, ours
    assert all("GROUP BY" in s for s in ours)


async def test_without_demo_data_every_count_is_zero(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime, demo=False)
    data = (await gql.execute(STATISTICS))["housingStatistics"]
    assert (data["developments"], data["units"], len(data["kecamatan"])) == (0, 0, 18)
    assert all(c["count"] == 0 for c in data["facilitiesByStatus"])


async def test_anonymous_sees_no_detail(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    for query in (
        "{ housingDevelopments { totalCount } }",
        "{ housingDevelopers { totalCount } }",
        "{ psuHandovers { totalCount } }",
        "{ developmentProblems { totalCount } }",
    ):
        response = await gql.query(query)
        assert response.codes == ["UNAUTHENTICATED"], query
    kebomas = await development_id(gql, "Perumahan Graha Kebomas Asri")
    node = await gql.execute("query ($id: ID!) { node(id: $id) { id } }", {"id": kebomas})
    assert node == {"node": None}
    response = await gql.query(
        'mutation ($id: ID!) { resolveDevelopmentProblem(input: {problemId: $id, resolution: "Sudah diperbaiki semua."}) '
        "{ problem { status } } }",
        {"id": encode_global_id("DevelopmentProblem", "1")},
    )
    assert response.codes == ["UNAUTHENTICATED"]


async def test_messages_come_in_both_languages(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    indonesian = await gql.query(STATISTICS, {"kecamatan": "35.78.01"})
    english = await gql.query(STATISTICS, {"kecamatan": "35.78.01"}, language="en")
    assert indonesian.errors[0]["message"].startswith("Bukan kode kecamatan")
    assert english.errors[0]["message"].startswith("Not the code of a kecamatan")


async def test_the_plugin_lists_what_it_contributes(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    data = await gql.execute("{ plugins { name version regionCode queryFields mutationFields tables examples } }")
    (plugin,) = [p for p in data["plugins"] if p["name"] == "rumahku_sip"]
    assert plugin["regionCode"] == "35.25"
    assert sorted(plugin["queryFields"]) == [
        "developmentProblems",
        "housingDevelopers",
        "housingDevelopments",
        "housingStatistics",
        "psuHandovers",
    ]
    assert len(plugin["mutationFields"]) == 18
    assert set(plugin["tables"]) >= {"rumahku_sip_development", "rumahku_sip_handover", "rumahku_sip_tax_object"}
    assert plugin["examples"] == ["StatistikPerumahanGresik", "PerumahanGresik", "AntreanSerahTerimaPsu"]
    assert Development.__tablename__ in plugin["tables"]


async def test_permissions_are_declared_with_their_default_roles(gql: GraphQLClient) -> None:
    admin = await gql.login("admin.provinsi")
    data = await admin.execute("{ permissions { name plugin defaultRoles } }")
    ours = {p["name"]: p for p in data["permissions"] if p["plugin"] == "rumahku_sip"}
    assert ours["rumahku_sip.manage"]["defaultRoles"] == ["AGENCY_ADMIN", "OFFICER"]
    assert ours["rumahku_sip.verify_psu"]["defaultRoles"] == ["AGENCY_ADMIN"]


def test_the_innovation_is_registered_with_its_2020_award() -> None:
    record = rumahku_sip.cettar_innovation()
    assert (record.code, record.name, record.agency_code, record.region_code) == (
        "rumahku-sip",
        "Rumahku SIP",
        "disperkim-3525",
        "35.25",
    )
    assert record.acronym_meaning is None  # the background text does not expand "SIP"
    (award,) = record.awards
    assert (award.rank, award.year, award.issuer) == ("TOP 45", 2020, "Kementerian PANRB")
    assert "Kompetisi Inovasi Pelayanan Publik" in award.competition


def test_every_error_code_is_documented_in_the_plugin_page() -> None:
    page = Path(__file__).resolve().parents[2] / "docs" / "plugins" / "rumahku_sip.md"
    listed = set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|", page.read_text(encoding="utf-8"), re.M))
    ours = {code for code in MESSAGES if code.startswith(("HOUSING_", "PSU_"))}
    assert len(ours) == 18
    assert ours <= listed, sorted(ours - listed)


async def test_seeding_twice_leaves_the_same_rows(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    from plugins.rumahku_sip.models import Developer, Document, Facility, Handover, Problem, Survey, TaxObject, Unit
    from tests.rumahku_sip.support import count

    tables = (Developer, Development, Unit, Facility, Handover, Document, Problem, Survey, TaxObject)
    await seed(cettar_runtime)
    first = [await count(cettar_runtime, model) for model in tables]
    await seed(cettar_runtime)
    assert [await count(cettar_runtime, model) for model in tables] == first == [4, 4, 36, 14, 5, 8, 4, 3, 5]
    assert (await gql.execute(STATISTICS))["housingStatistics"]["developments"] == 4
