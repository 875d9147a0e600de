"""Reading the registry: filters by region, agency, award and year; one innovation; nodes; pages; query counts."""

from __future__ import annotations

from typing import Any

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from schema import encode_global_id
from tests.inovasi.support import fresh_registry

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi"])

CODES = "query ($filter: InnovationFilter) { innovations(filter: $filter, first: 50) { totalCount nodes { code } } }"


async def codes(gql: GraphQLClient, **filter: Any) -> list[str]:
    data = await gql.execute(CODES, {"filter": filter})
    return [n["code"] for n in data["innovations"]["nodes"]]


@pytest.fixture
async def registry(cettar_runtime: Runtime, gql: GraphQLClient) -> GraphQLClient:
    """The reference data plus a kecamatan-level innovation of Kota Malang added by the province."""
    await fresh_registry(cettar_runtime)
    admin = await gql.login("admin.provinsi")
    await admin.execute(
        """mutation { createInnovation(input: {code: "pasar-klojen-digital", name: "Pasar Klojen Digital",
             agencyCode: "disdag-3573", regionCode: "35.73.02", yearStarted: 2022, category: "Perdagangan",
             stage: UJI_COBA}) { innovation { code } } }"""
    )
    await admin.execute(
        """mutation { addInnovationAward(input: {innovationCode: "pasar-klojen-digital", competition: "KIPP",
             rank: "top 99", year: 2023, issuer: "Kementerian PANRB"}) { award { rank } } }"""
    )
    return gql


async def test_region_filter_holds_everything_under_the_region(registry: GraphQLClient) -> None:
    gql = registry
    assert await codes(gql, regionCode="35.73") == ["pasar-klojen-digital", "sepasar-pedas"]
    assert await codes(gql, regionCode="35.73.02") == ["pasar-klojen-digital"]
    assert await codes(gql, regionCode="35.01") == ["pengaduan-pacitan"]
    assert len(await codes(gql, regionCode="35")) == 8  # the province holds every region
    response = await gql.query(CODES, {"filter": {"regionCode": "35.7"}})  # not a region: refused, not empty
    assert response.codes == ["INOVASI_UNKNOWN_REGION"]
    assert response.errors[0]["extensions"]["field"] == "filter.regionCode"


async def test_agency_category_stage_and_year_filters(registry: GraphQLClient) -> None:
    gql = registry
    assert await codes(gql, agencyCode="disdag-3573") == ["pasar-klojen-digital", "sepasar-pedas"]
    assert await codes(gql, agencyCode="diskominfo-jatim") == ["pengaduan-jatim"]
    assert await codes(gql, category="PERDAGANGAN") == ["pasar-klojen-digital", "sepasar-pedas"]
    assert await codes(gql, stage="UJI_COBA") == ["pasar-klojen-digital"]
    assert await codes(gql, yearStarted=2022) == ["pasar-klojen-digital"]
    assert await codes(gql, search="pedagang") == ["sepasar-pedas"]  # what the acronym stands for
    assert await codes(gql, implemented=True) == []
    assert len(await codes(gql, implemented=False)) == 8
    response = await gql.query(CODES, {"filter": {"agencyCode": "disdag-9999"}})
    assert (response.codes, response.errors[0]["extensions"]["field"]) == (
        ["INOVASI_UNKNOWN_AGENCY"],
        "filter.agencyCode",
    )


async def test_award_filters_match_one_award(registry: GraphQLClient) -> None:
    gql = registry
    kipp = ["gayatri", "klinik-bumdes", "pasar-klojen-digital", "rumahku-sip", "sepasar-pedas"]
    assert await codes(gql, award={"competition": "KIPP"}) == kipp
    assert await codes(gql, award={"competition": "kompetisi inovasi pelayanan publik"}) == kipp
    assert await codes(gql, award={"rank": "TOP 99"}) == ["pasar-klojen-digital"]
    assert await codes(gql, award={"year": 2023}) == ["pasar-klojen-digital"]
    assert await codes(gql, award={"rank": "top45", "year": 2020}) == [
        "gayatri",
        "klinik-bumdes",
        "rumahku-sip",
        "sepasar-pedas",
    ]
    # All conditions hold for the same award: no TOP 99 was given in 2020.
    assert await codes(gql, award={"rank": "TOP 99", "year": 2020}) == []
    assert await codes(gql, award={"rank": "TOP 15", "competition": "KIPP"}) == []
    response = await gql.query(CODES, {"filter": {"award": {"rank": "juara 1"}}})
    assert (response.codes, response.errors[0]["extensions"]["field"]) == (
        ["INOVASI_INVALID_RANK"],
        "filter.award.rank",
    )


ONE = """query ($code: String!) { innovation(code: $code) { id code name agencyId regionId regionName
  awards { id rank innovation { code } } } }"""


async def test_one_innovation_by_code_and_by_node_id(registry: GraphQLClient) -> None:
    gql = registry
    found = (await gql.execute(ONE, {"code": " sepasar-pedas "}))["innovation"]
    assert found["id"] == encode_global_id("Innovation", "sepasar-pedas")
    assert found["agencyId"] == encode_global_id("Agency", "disdag-3573")
    assert found["regionId"] == encode_global_id("Region", "35.73")
    assert (await gql.execute(ONE, {"code": "tidak-ada"}))["innovation"] is None

    (award,) = found["awards"]
    nodes = await gql.execute(
        """query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id
             ... on Innovation { name } ... on InnovationAward { rank year innovation { code } } } }""",
        {
            "ids": [
                found["id"],
                award["id"],
                encode_global_id("Innovation", "tidak-ada"),
                encode_global_id("InnovationAward", "999999"),
                encode_global_id("InnovationAward", "01"),
            ]
        },
    )
    assert nodes["nodes"] == [
        {"__typename": "Innovation", "id": found["id"], "name": "SEPASAR PEDAS"},
        {
            "__typename": "InnovationAward",
            "id": award["id"],
            "rank": "TOP 45",
            "year": 2020,
            "innovation": {"code": "sepasar-pedas"},
        },
        None,
        None,
        None,
    ]


AWARDS = """
query ($filter: InnovationAwardFilter, $first: Int, $after: String, $last: Int, $before: String) {
  innovationAwards(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { year rank innovation { code } }
  }
}
"""


async def test_awards_newest_first_then_by_rank_page_by_page(registry: GraphQLClient) -> None:
    gql = registry
    everything = (await gql.execute(AWARDS, {"first": 20}))["innovationAwards"]
    assert everything["totalCount"] == 8
    order = [(n["year"], n["rank"]) for n in everything["nodes"]]
    assert order == [(2023, "TOP 99")] + [(2020, "TOP 15")] * 3 + [(2020, "TOP 45")] * 4

    walked: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await gql.execute(AWARDS, {"first": 3, "after": after}))["innovationAwards"]
        walked.extend(page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert walked == everything["nodes"]

    back = (await gql.execute(AWARDS, {"last": 2, "before": page["pageInfo"]["startCursor"]}))["innovationAwards"]
    assert back["nodes"] == everything["nodes"][4:6]

    malang = (await gql.execute(AWARDS, {"filter": {"regionCode": "35.73"}, "first": 10}))["innovationAwards"]
    assert [n["innovation"]["code"] for n in malang["nodes"]] == ["pasar-klojen-digital", "sepasar-pedas"]
    top15 = (await gql.execute(AWARDS, {"filter": {"rank": "TOP 15", "year": 2020}, "first": 10}))["innovationAwards"]
    assert top15["totalCount"] == 3
    agency = (await gql.execute(AWARDS, {"filter": {"agencyCode": "dpmd-jatim"}, "first": 10}))["innovationAwards"]
    assert [n["innovation"]["code"] for n in agency["nodes"]] == ["klinik-bumdes"]


NESTED = """
query ($first: Int) {
  innovations(first: $first) {
    nodes {
      code agencyCode agencyName agencyId regionName
      implementation { plugin enabled }
      awards { rank innovation { code agencyName } }
    }
  }
  innovationAwards(first: $first) { nodes { rank innovation { name regionName awards { year } } } }
}
"""


async def test_list_fields_do_not_query_per_item(registry: GraphQLClient, cettar_runtime: Runtime) -> None:
    gql = registry
    await gql.execute(NESTED, {"first": 1})  # warm up the app (schema, caches)
    with count_statements(cettar_runtime) as small:
        two = await gql.execute(NESTED, {"first": 2})
    with count_statements(cettar_runtime) as large:
        eight = await gql.execute(NESTED, {"first": 8})
    assert len(two["innovations"]["nodes"]) == 2
    assert len(eight["innovations"]["nodes"]) == 8
    # One statement per list and per relation, whatever the page size (DataLoaders batch each level).
    assert large.count <= small.count <= 9, "statements grew with the page size"


@pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi"], settings={"federation": True})
async def test_an_innovation_is_a_federation_entity_keyed_by_code(gql: GraphQLClient) -> None:
    data = await gql.execute(
        """query ($r: [_Any!]!) { _entities(representations: $r) { ... on Innovation { code name agencyCode } } }""",
        {
            "r": [
                {"__typename": "Innovation", "code": "sepasar-pedas"},
                {"__typename": "Innovation", "code": "tidak-ada"},
                {"__typename": "Innovation", "code": "gayatri"},
            ]
        },
    )
    assert data["_entities"] == [
        {"code": "sepasar-pedas", "name": "SEPASAR PEDAS", "agencyCode": "disdag-3573"},
        None,
        {"code": "gayatri", "name": "GAYATRI", "agencyCode": "humas-3576"},
    ]
