async def test_kabupaten_count(gql):
    data = await gql.execute("{ regions(kind: KABUPATEN) { totalCount } }")
    assert data["regions"]["totalCount"] == 29
