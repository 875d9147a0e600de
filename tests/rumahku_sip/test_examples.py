"""The GraphiQL examples of Rumahku SIP run against the demo data, signed in as they say, and show it."""

from __future__ import annotations

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient
from schema.graphiql.examples import example_operations
from tests.rumahku_sip.support import PLUGINS, seed

pytestmark = pytest.mark.cettar(plugins=PLUGINS)


async def test_every_example_runs_and_shows_demo_data(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    examples = {e.name: e for e in example_operations(cettar_runtime) if e.plugin == "rumahku_sip"}
    assert list(examples) == ["StatistikPerumahanGresik", "PerumahanGresik", "AntreanSerahTerimaPsu"]
    results = {}
    for name, example in examples.items():
        comment = [line for line in example.query.splitlines() if line.startswith("#")]
        assert comment[0].startswith("# ") and " · " in comment[0]
        assert any(line.startswith("# ID: ") for line in comment) and any(line.startswith("# EN: ") for line in comment)
        assert all(len(line) <= 56 for line in comment), name
        client = await gql.login(example.sign_in_as) if example.sign_in_as else gql
        response = await client.query(example.query, example.variables)
        assert not response.errors, (name, response.errors)
        results[name] = response.data

    kebomas = results["StatistikPerumahanGresik"]["housingStatistics"]
    assert [k["kecamatanName"] for k in kebomas["kecamatan"]] == ["Kebomas"] and kebomas["developments"] == 1
    developments = results["PerumahanGresik"]["housingDevelopments"]
    assert developments["totalCount"] == 1
    (development,) = developments["nodes"]
    assert development["name"] == "Perumahan Graha Kebomas Asri" and development["boundary"]["type"] == "Polygon"
    assert development["taxObjects"] == [{"nop": "35.25.140.006.001-0001.0"}]
    queue = results["AntreanSerahTerimaPsu"]["psuHandovers"]
    assert queue["totalCount"] == 2
    assert all(n["status"] == "PROPOSED" and n["documents"] for n in queue["nodes"])


async def test_the_signed_in_examples_show_nothing_to_others(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed(cettar_runtime)
    (example,) = [e for e in example_operations(cettar_runtime) if e.name == "PerumahanGresik"]
    assert (await gql.query(example.query, example.variables)).codes == ["UNAUTHENTICATED"]
    other = await gql.login("petugas.surabaya")
    data = await other.execute(example.query, example.variables)
    assert data["housingDevelopments"] == {"totalCount": 0, "nodes": []}
