"""Seeding through the ``cettar_seed`` hook, then reading with ``posyandus`` and ``node``."""

from __future__ import annotations

from typing import Any

import pytest
from core.errors import CettarError
from core.runtime import Runtime
from core.testkit import GraphQLClient
from schema import encode_global_id

from cettar_posyandu.service import add_posyandu

POSYANDUS = """
query ($region: String, $first: Int, $after: String, $last: Int, $before: String) {
  posyandus(regionCode: $region, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name regionCode kaderCount hamlet } }
  }
}
"""

#: The demo rows in Kelurahan Karang Pilang, Surabaya, in ID (insertion) order.
KARANG_PILANG = [
    {"name": "Posyandu Melati", "regionCode": "35.78.01.1001", "kaderCount": 8, "hamlet": "RW 01"},
    {"name": "Posyandu Mawar", "regionCode": "35.78.01.1001", "kaderCount": 6, "hamlet": "RW 02"},
    {"name": "Posyandu Anggrek", "regionCode": "35.78.01.1001", "kaderCount": 5, "hamlet": None},
]


async def seed(runtime: Runtime, *, demo: bool = True) -> None:
    """What ``cettar seed --demo`` does for plugins: every ``cettar_seed`` hook in one session."""
    async with runtime.database.session() as session:
        await runtime.plugins.acall("cettar_seed", session=session, demo=demo, runtime=runtime)


def without_ids(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in edge["node"].items() if k != "id"} for edge in edges]


async def page(gql: GraphQLClient, **variables: Any) -> dict[str, Any]:
    data = await gql.execute(POSYANDUS, variables)
    return data["posyandus"]  # type: ignore[no-any-return]


async def test_empty_before_seeding_and_without_demo(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    assert (await page(gql))["totalCount"] == 0
    await seed(cettar_runtime, demo=False)
    assert (await page(gql))["totalCount"] == 0


async def test_region_filter_returns_exactly_the_seeded_rows(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    result = await page(gql, region="35.78.01.1001")
    assert result["totalCount"] == 3
    assert without_ids(result["edges"]) == KARANG_PILANG
    assert result["pageInfo"]["hasNextPage"] is False

    kebraon = await page(gql, region="35.78.01.1002")
    assert [e["node"]["name"] for e in kebraon["edges"]] == ["Posyandu Kenanga"]
    # A kecamatan, a kota and the whole list: every Posyandu under the region.
    assert (await page(gql, region="35.78.01"))["totalCount"] == 4
    assert (await page(gql, region="35.78"))["totalCount"] == 5
    assert (await page(gql))["totalCount"] == 6
    # ``35.7`` is not a prefix of ``35.78``: codes match whole segments only.
    assert (await page(gql, region="35.7"))["totalCount"] == 0
    assert (await page(gql, region="99.99"))["totalCount"] == 0


async def test_seeding_twice_changes_nothing(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    first = await page(gql)
    await seed(cettar_runtime)
    assert await page(gql) == first
    assert first["totalCount"] == 6


async def test_pages_forward_and_backward(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    one = await page(gql, region="35.78.01.1001", first=2)
    assert one["totalCount"] == 3
    assert without_ids(one["edges"]) == KARANG_PILANG[:2]
    assert one["pageInfo"]["hasNextPage"] is True
    assert one["pageInfo"]["hasPreviousPage"] is False
    assert one["pageInfo"]["endCursor"] == one["edges"][-1]["cursor"]

    two = await page(gql, region="35.78.01.1001", first=2, after=one["pageInfo"]["endCursor"])
    assert two["totalCount"] == 3
    assert without_ids(two["edges"]) == KARANG_PILANG[2:]
    assert two["pageInfo"]["hasNextPage"] is False
    assert two["pageInfo"]["hasPreviousPage"] is True

    back = await page(gql, region="35.78.01.1001", last=2, before=two["pageInfo"]["startCursor"])
    assert without_ids(back["edges"]) == KARANG_PILANG[:2]

    response = await gql.query(POSYANDUS, {"first": 1, "after": "not-a-cursor"})
    assert response.codes == ["INVALID_CURSOR"]


async def test_node_fetches_one_posyandu(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    mawar = (await page(gql, region="35.78.01.1001"))["edges"][1]["node"]
    query = "query ($id: ID!) { node(id: $id) { __typename id ... on Posyandu { name regionCode kaderCount hamlet } } }"

    data = await gql.execute(query, {"id": mawar["id"]})
    assert data["node"] == {"__typename": "Posyandu", **mawar}

    for missing in (encode_global_id("Posyandu", "999999"), encode_global_id("Posyandu", "abc")):
        assert (await gql.execute(query, {"id": missing}))["node"] is None


@pytest.mark.parametrize(
    ("region_code", "kader_count", "field"),
    [
        ("35.78.01", 5, "regionCode"),  # a kecamatan, not a desa/kelurahan
        ("35.78", 5, "regionCode"),  # a kota
        ("99.99.99.9999", 5, "regionCode"),  # no such region
        ("35.78.01.1001", -1, "kaderCount"),
    ],
)
async def test_service_refuses_invalid_posyandu(
    cettar_runtime: Runtime, region_code: str, kader_count: int, field: str
) -> None:
    async with cettar_runtime.database.session() as session:
        with pytest.raises(CettarError) as caught:
            await add_posyandu(session, name="Posyandu Baru", region_code=region_code, kader_count=kader_count)
    assert (caught.value.code, caught.value.field) == ("VALIDATION_FAILED", field)


async def test_service_adds_to_a_desa(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    async with cettar_runtime.database.session() as session:
        post = await add_posyandu(
            session, name=" Posyandu Sakura ", region_code="35.01.01.2002", kader_count=4, hamlet="Dusun Sawahan"
        )
    assert post.id is not None
    result = await page(gql, region="35.01.01.2002")
    assert without_ids(result["edges"]) == [
        {"name": "Posyandu Sakura", "regionCode": "35.01.01.2002", "kaderCount": 4, "hamlet": "Dusun Sawahan"}
    ]
