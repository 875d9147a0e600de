"""A mutation guarded by the plugin's own permission, bounded by its own setting, audited and announced."""

from __future__ import annotations

import pytest
from core.auth import Role
from core.events.models import OutboxEvent
from core.runtime import Runtime
from core.testkit import GraphQLClient
from sqlalchemy import select


async def seed(runtime: Runtime) -> None:
    async with runtime.database.session() as session:
        await runtime.plugins.acall("cettar_seed", session=session, demo=True, runtime=runtime)


async def first_posyandu_id(gql: GraphQLClient) -> str:
    """Posyandu Melati (8 cadres), the first demo Posyandu of Kelurahan Karang Pilang."""
    data = await gql.execute('{ posyandus(regionCode: "35.78.01.1001", first: 1) { nodes { id name } } }')
    (node,) = data["posyandus"]["nodes"]
    assert node["name"] == "Posyandu Melati"
    return str(node["id"])


UPDATE = """
mutation ($id: ID!, $n: Int!) {
  updatePosyanduCadres(input: {id: $id, kaderCount: $n}) { posyandu { name kaderCount } }
}
"""


async def test_an_officer_records_the_cadres_and_the_change_is_announced(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    melati = await first_posyandu_id(gql)
    officer = gql.as_role(Role.OFFICER, permissions=frozenset({"posyandu.manage"}))
    data = await officer.execute(UPDATE, {"id": melati, "n": 12})
    assert data["updatePosyanduCadres"]["posyandu"] == {"name": "Posyandu Melati", "kaderCount": 12}
    async with cettar_runtime.database.session() as session:
        events = (
            (await session.execute(select(OutboxEvent).where(OutboxEvent.name == "posyandu.cadres_updated")))
            .scalars()
            .all()
        )
    assert [e.payload["kader_count"] for e in events] == [12]


async def test_a_citizen_may_not_and_an_officer_signed_in_for_real_may(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed(cettar_runtime)
    melati = await first_posyandu_id(gql)
    citizen = await gql.login("warga.budi")
    assert (await citizen.query(UPDATE, {"id": melati, "n": 3})).codes == ["FORBIDDEN"]
    officer = await gql.login("petugas.surabaya")  # officers hold posyandu.manage by default
    assert (await officer.execute(UPDATE, {"id": melati, "n": 3}))["updatePosyanduCadres"]["posyandu"][
        "kaderCount"
    ] == 3


async def test_the_setting_bounds_the_count_and_a_refusal_changes_nothing(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(cettar_runtime)
    melati = await first_posyandu_id(gql)
    officer = await gql.login("petugas.surabaya")
    too_many = await officer.query(UPDATE, {"id": melati, "n": 1001}, language="en")
    assert too_many.codes == ["VALIDATION_FAILED"]
    assert too_many.errors[0]["extensions"]["field"] == "input.kaderCount"
    assert too_many.errors[0]["message"] == "The number of cadres must be between 0 and 1000."
    settings = cettar_runtime.plugins.get("posyandu").settings
    monkeypatch.setattr(settings, "max_kader", 10)
    assert (await officer.query(UPDATE, {"id": melati, "n": 11})).codes == ["VALIDATION_FAILED"]
    data = await gql.execute("query ($id: ID!) { node(id: $id) { ... on Posyandu { kaderCount } } }", {"id": melati})
    assert data["node"]["kaderCount"] == 8, "unchanged by the refused updates"
