"""Regions and agencies: the reference data and their GraphQL API."""

from __future__ import annotations

import pytest

from core.regions.seed import seed_agencies, seed_regions


@pytest.mark.parametrize(
    ("kind", "count"),
    [("PROVINSI", 1), ("KABUPATEN", 29), ("KOTA", 9), ("KECAMATAN", 666)],
)
async def test_region_counts_match_kepmendagri(gql, kind, count):
    data = await gql.execute(f"{{ regions(kind: {kind}) {{ totalCount }} }}")
    assert data["regions"]["totalCount"] == count


async def test_all_desa_and_kelurahan_are_loaded(gql):
    data = await gql.execute(
        "{ desa: regions(kind: DESA) { totalCount } kel: regions(kind: KELURAHAN) { totalCount } }"
    )
    assert data["desa"]["totalCount"] + data["kel"]["totalCount"] == 8494
    assert data["kel"]["totalCount"] > 0


async def test_a_region_knows_its_parent_and_children(gql):
    data = await gql.execute(
        """{ region(code: "35.01.01") { name kind parent { code name kind parent { code } }
             children(first: 3) { totalCount edges { node { code kind } } } } }"""
    )
    region = data["region"]
    assert region["name"] == "Donorojo" and region["kind"] == "KECAMATAN"
    assert region["parent"] == {"code": "35.01", "name": "Pacitan", "kind": "KABUPATEN", "parent": {"code": "35"}}
    children = region["children"]
    assert [e["node"]["code"] for e in children["edges"]] == ["35.01.01.2001", "35.01.01.2002", "35.01.01.2003"]
    assert all(e["node"]["kind"] == "DESA" for e in children["edges"])
    assert children["totalCount"] >= 3


async def test_unknown_region_is_null(gql):
    assert (await gql.execute('{ region(code: "36.01") { name } }'))["region"] is None


async def test_search_by_name_ignores_case(gql):
    data = await gql.execute('{ regions(kind: KOTA, search: "surabaya") { totalCount nodes { code name } } }')
    assert data["regions"]["nodes"] == [{"code": "35.78", "name": "Surabaya"}]


async def test_search_treats_wildcards_literally(gql):
    data = await gql.execute('{ regions(search: "%") { totalCount } }')
    assert data["regions"]["totalCount"] == 0


async def test_keyset_pages_forward_and_backward_cover_the_list_once(gql):
    query = """query($after: String, $before: String, $first: Int, $last: Int) {
      regions(kind: KOTA, first: $first, after: $after, last: $last, before: $before) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { code } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = (await gql.execute(query, {"first": 4, "after": after}))["regions"]
        seen += [n["code"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"35.{n}" for n in range(71, 80)]

    back = (await gql.execute(query, {"last": 3}))["regions"]
    assert [n["code"] for n in back["nodes"]] == ["35.77", "35.78", "35.79"]
    assert back["pageInfo"]["hasPreviousPage"] is True
    earlier = (await gql.execute(query, {"last": 3, "before": back["pageInfo"]["startCursor"]}))["regions"]
    assert [n["code"] for n in earlier["nodes"]] == ["35.74", "35.75", "35.76"]


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ("first: 101", "PAGE_SIZE_EXCEEDED"),
        ("first: -1", "VALIDATION_FAILED"),
        ("first: 1, last: 1", "VALIDATION_FAILED"),
        ('after: "bm9wZQ"', "INVALID_CURSOR"),
        ('before: "%%%"', "INVALID_CURSOR"),
    ],
)
async def test_bad_page_arguments_are_typed_errors(gql, arguments, code):
    response = await gql.query(f"{{ regions({arguments}) {{ totalCount }} }}")
    assert response.codes == [code]


async def test_agencies_by_region_with_their_region(gql):
    data = await gql.execute(
        '{ agencies(regionCode: "35.01") { totalCount nodes { code name kind region { name } } } }'
    )
    agencies = data["agencies"]
    codes = {a["code"] for a in agencies["nodes"]}
    assert agencies["totalCount"] == len(codes)
    # the three every kab/kota has, and those plugins bring (cettar_agencies: Pacitan's roads office…)
    assert {"dispendukcapil-3501", "diskominfo-3501", "dinkes-3501"} <= codes
    assert all(a["region"]["name"] == "Pacitan" for a in agencies["nodes"])
    assert "Kabupaten Pacitan" in next(a["name"] for a in agencies["nodes"] if a["code"] == "diskominfo-3501")


async def test_agency_hierarchy(gql):
    data = await gql.execute('{ agency(code: "biro-organisasi-jatim") { parent { code units { nodes { code } } } } }')
    parent = data["agency"]["parent"]
    assert parent["code"] == "setda-jatim"
    assert parent["units"]["nodes"] == [{"code": "biro-organisasi-jatim"}]


async def test_seeding_twice_writes_nothing_the_second_time(cettar_runtime):
    async with cettar_runtime.database.session() as session:
        assert await seed_regions(session) == 0
        assert await seed_agencies(session) == 0
