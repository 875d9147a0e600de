"""What lists cost: the indexes behind the filters they use, and statements that do not grow with the page."""

from __future__ import annotations

from sqlalchemy import inspect

from core.testkit import count_statements
from plugins.pengaduan.seed import seed_demo
from tests.pengaduan.helpers import (
    FOLLOW_UP,
    MARK,
    MESSAGE,
    VERIFY,
    add_demo_people,
    file,
    step,
)

pytestmark = MARK


async def test_filing_time_and_a_keys_recent_requests_are_indexed(cettar_runtime):
    tables = ("pengaduan_complaint", "pengaduan_open311_request")
    async with cettar_runtime.database.engine.connect() as connection:
        indexes = await connection.run_sync(
            lambda sync: {t: [i["column_names"] for i in inspect(sync).get_indexes(t)] for t in tables}
        )
    assert ["created_at", "id"] in indexes["pengaduan_complaint"], "Open311 GET requests: by created_at, newest first"
    assert ["key_id", "created_at"] in indexes["pengaduan_open311_request"], "the hourly limit of a key"


THREADS = """
query Threads($n: Int, $m: Int) {
  complaints(first: $n) { nodes { id messages(first: $m) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id text authorKind authorName isMine authorAgency { code } attachments { filename } } }
  } } }
}"""


async def test_the_threads_of_a_page_of_complaints_cost_the_same_statements_whatever_its_size(gql, cettar_runtime):
    async with cettar_runtime.database.session() as session:
        await seed_demo(session, cettar_runtime)
    for username in ("admin.provinsi", "petugas.dinkes.pacitan", "warga.sumarni"):
        client = await gql.login(username)
        with count_statements(cettar_runtime) as few:
            await client.execute(THREADS, {"n": 2, "m": 5})
        with count_statements(cettar_runtime) as many:
            large = await client.execute(THREADS, {"n": 50, "m": 5})
        assert len(large["complaints"]["nodes"]) > 2, username
        assert any(n["messages"]["edges"] for n in large["complaints"]["nodes"]), username
        # the same statements, plus at most the loaders of messages a page without any never needed
        # (their files, who may open them, their authors' names and agencies) — not one query per complaint
        assert many.count <= few.count + 4, (username, few.count, many.count)


async def test_the_first_page_of_a_thread_pages_on_like_any_connection(gql, cettar_runtime):
    await add_demo_people(cettar_runtime)
    sumarni = await gql.login("warga.sumarni")
    officer = await gql.login("petugas.dinkes.pacitan")
    cid = (await file(sumarni, title="Antrean puskesmas terlalu lama"))["id"]
    await step(await gql.login("admin.kominfo.pacitan"), VERIFY, complaintId=cid, agencyCode="dinkes-3501")
    await step(officer, FOLLOW_UP, complaintId=cid, note="Dicek.")
    for n in range(5):
        author = officer if n % 2 == 0 else sumarni
        await step(author, MESSAGE, complaintId=cid, text=f"Pesan ke-{n}")

    by_page = """query($id: ID!, $m: Int, $after: String) { node(id: $id) { ... on Complaint {
      messages(first: $m, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { cursor node { text isMine authorKind } } } } } }"""
    first = (await sumarni.execute(by_page, {"id": cid, "m": 2}))["node"]["messages"]
    assert [e["node"]["text"] for e in first["edges"]] == ["Pesan ke-0", "Pesan ke-1"]
    assert [e["node"]["isMine"] for e in first["edges"]] == [False, True]
    assert first["totalCount"] == 5 and first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    second = await sumarni.execute(by_page, {"id": cid, "m": 2, "after": first["pageInfo"]["endCursor"]})
    assert [e["node"]["text"] for e in second["node"]["messages"]["edges"]] == ["Pesan ke-2", "Pesan ke-3"]
    everything = (await sumarni.execute(by_page, {"id": cid, "m": 5}))["node"]["messages"]
    assert len(everything["edges"]) == 5 and everything["pageInfo"]["hasNextPage"] is False
    default = (await sumarni.execute(by_page, {"id": cid}))["node"]["messages"]
    assert len(default["edges"]) == 5
    assert (await sumarni.query(by_page, {"id": cid, "m": 101})).codes == ["PAGE_SIZE_EXCEEDED"]
    assert (await sumarni.query(by_page, {"id": cid, "m": -1})).codes == ["VALIDATION_FAILED"]
    empty = (await sumarni.execute(by_page, {"id": cid, "m": 0}))["node"]["messages"]
    assert empty["edges"] == [] and empty["totalCount"] == 5
