"""CETTAR as an Apollo Federation 2 subgraph (CETTAR_FEDERATION=1).

Two instances with different plugins — ``wilayah`` (regions, agencies) and Kota
Malang's ``pasar`` (markets, defined below) — serve the same database on live
servers; @apollo/gateway composes them (IntrospectAndCompose) and answers one
query that spans both.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import strawberry
from sqlalchemy import event
from strawberry.federation.schema_directives import Shareable

from core.app import create_app
from core.config import Settings, load_settings
from core.plugins import PluginLoadError, PluginMeta, hookimpl
from core.runtime import Runtime
from schema import Info
from schema.platform import MAX_NODES
from schema.plugin import SDL_PATH, build_schema, sdl
from tests.support.live import live_server, run_node

FEDERATION = Path(__file__).parent / "federation"
federated = pytest.mark.cettar(plugins=["wilayah"], settings={"federation": True})


# -- Kota Malang's "pasar" plugin: markets run by agencies of the wilayah subgraph ------


@strawberry.type(description="A traditional market (pasar rakyat) of Kota Malang.")
class Market:
    code: str
    name: str
    agency_code: strawberry.Private[str]

    @strawberry.field(description="The agency that runs the market: an entity the wilayah subgraph loads.")
    def agency(self) -> PasarAgency:
        return PasarAgency(code=self.agency_code)


@strawberry.type(name="Agency")  # no description: the wilayah subgraph's describes the entity
class PasarAgency:
    code: str

    @strawberry.field(description="The markets the agency runs, by code.")
    def markets(self) -> list[Market]:
        return [m for m in MARKETS if m.agency_code == self.code]


MARKETS = [
    Market(code="pasar-besar", name="Pasar Besar Malang", agency_code="disdag-3573"),
    Market(code="pasar-blimbing", name="Pasar Blimbing", agency_code="disdag-3573"),
    Market(code="pasar-oro-oro-dowo", name="Pasar Oro-Oro Dowo", agency_code="disdag-3573"),
    Market(code="pasar-induk-puspa-agro", name="Pasar Induk Puspa Agro", agency_code="disperindag-jatim"),
]


@strawberry.field(description="Markets of Kota Malang, by code.")
def markets() -> list[Market]:
    return sorted(MARKETS, key=lambda m: m.code)


async def resolve_pasar_agencies(info: Info, representations: Sequence[Mapping[str, Any]]) -> list[PasarAgency]:
    return [PasarAgency(code=str(r["code"])) for r in representations]


class PasarPlugin:
    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(
            name="pasar", version="0.1.0", title="Pasar rakyat Kota Malang", agency="disdag-3573", region_code="35.73"
        )

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.query(markets)
        builder.entity(PasarAgency, keys="code", resolve=resolve_pasar_agencies)


# -- helpers ---------------------------------------------------------------------------


def subgraph_settings(settings: Settings, plugins: list[str]) -> Settings:
    return load_settings(database_url=settings.database_url, plugins=plugins, federation=True, load_entry_points=False)


@asynccontextmanager
async def subgraph(settings: Settings, *extra_plugins: object) -> AsyncIterator[tuple[str, Runtime]]:
    """An instance on a live server: its /graphql URL and its runtime."""
    runtime = Runtime.create(settings, extra_plugins=extra_plugins)
    try:
        app = create_app(runtime, dispatch_events=False)
        async with app.router.lifespan_context(app), live_server(app) as base_url:
            yield f"{base_url}/graphql", runtime
    finally:
        await runtime.dispose()


@contextmanager
def statements(runtime: Runtime) -> Iterator[list[str]]:
    """Every SQL statement the runtime's database runs inside the block."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = runtime.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def from_table(seen: list[str], table: str) -> list[str]:
    return [s for s in seen if f"FROM {table}" in s]


# -- the subgraph on its own -----------------------------------------------------------


@federated
async def test_the_subgraph_sdl_links_federation_2_and_declares_region_and_agency_entities(gql):
    text = (await gql.execute("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'schema @link(url: "https://specs.apollo.dev/federation/v2.7"' in text
    assert 'type Region implements Node @key(fields: "code") {' in text
    assert 'type Agency implements Node @key(fields: "code") {' in text
    assert "union _Entity = Agency | Region" in text
    # the platform's own fields compose from every CETTAR subgraph and stay out of the supergraph
    assert "node(id: ID!): Node @shareable @inaccessible" in text
    assert "plugins: [Plugin!]! @shareable @inaccessible" in text
    assert "type PageInfo @shareable {" in text


@federated
async def test_entities_are_loaded_in_order_with_one_query_per_type(gql, cettar_runtime):
    representations = [
        {"__typename": "Agency", "code": "disdag-3573"},
        {"__typename": "Region", "code": "35.73"},
        {"__typename": "Region", "code": "99.99"},
        {"__typename": "Agency", "code": "dispendukcapil-3578"},
        {"__typename": "Region", "code": "35.78"},
        {"__typename": "Market", "code": "pasar-besar"},
    ]
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
        __typename ... on Region { code name } ... on Agency { code name } } }"""
    with statements(cettar_runtime) as seen:
        response = await gql.query(query, {"r": representations}, language="en")
    assert response.data["_entities"] == [
        {"__typename": "Agency", "code": "disdag-3573", "name": "Dinas Perdagangan Kota Malang"},
        {"__typename": "Region", "code": "35.73", "name": "Malang"},
        None,
        {
            "__typename": "Agency",
            "code": "dispendukcapil-3578",
            "name": "Dinas Kependudukan dan Pencatatan Sipil Kota Surabaya",
        },
        {"__typename": "Region", "code": "35.78", "name": "Surabaya"},
        None,
    ]
    # a type this subgraph does not resolve: an error at its index, the others answered
    assert [(e["path"], e["extensions"]["code"]) for e in response.errors] == [(["_entities", 5], "VALIDATION_FAILED")]
    assert len(from_table(seen, "core_region")) == 1, seen
    assert len(from_table(seen, "core_agency")) == 1, seen


@federated
async def test_entities_takes_at_most_as_many_representations_as_nodes_takes_ids(gql):
    query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code } } }"
    at_most = [{"__typename": "Region", "code": "35.73"}] * MAX_NODES
    assert len((await gql.execute(query, {"r": at_most}))["_entities"]) == MAX_NODES
    response = await gql.query(query, {"r": [*at_most, {"__typename": "Region", "code": "35.78"}]}, language="en")
    assert response.data is None  # _entities is non-null
    assert [(e["extensions"], e["message"]) for e in response.errors] == [
        ({"code": "PAGE_SIZE_EXCEEDED", "field": "representations"}, f"The page size may be at most {MAX_NODES}.")
    ]


def test_building_a_subgraph_leaves_the_plain_sdl_unchanged():
    federated_runtime = Runtime.create(load_settings(load_entry_points=False, federation=True))
    assert "@key" in build_schema(federated_runtime).as_str()
    plain = Runtime.create(load_settings(load_entry_points=False, federation=False))
    assert sdl(plain) == SDL_PATH.read_text(encoding="utf-8")
    assert "@key" not in sdl(plain)
    assert "_entities" not in sdl(plain)


class EntityPlugin:
    def __init__(self, contribute: Any) -> None:
        self.contribute = contribute

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="kios", version="0.1.0", title="Kios")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.query(markets)
        self.contribute(builder)


def test_an_entity_without_a_resolver_must_be_a_node_keyed_by_one_field():
    plugin = EntityPlugin(lambda b: b.entity(Market, keys="code"))
    with pytest.raises(PluginLoadError, match=r"plugin 'kios': entity 'Market' needs resolve=\.\.\."):
        build_schema(
            Runtime.create(
                load_settings(load_entry_points=False, plugins=["kios"], federation=False), extra_plugins=[plugin]
            )
        )


def test_federation_directives_on_an_unknown_field_stop_a_federated_start():
    plugin = EntityPlugin(lambda b: b.federation_directives("Market.price", Shareable()))
    plain = Runtime.create(
        load_settings(load_entry_points=False, plugins=["kios"], federation=False), extra_plugins=[plugin]
    )
    assert "@shareable" not in sdl(plain)
    subgraph_runtime = Runtime.create(
        load_settings(load_entry_points=False, plugins=["kios"], federation=True), extra_plugins=[plugin]
    )
    with pytest.raises(PluginLoadError, match=r"plugin 'kios': federation directives for 'Market\.price'"):
        build_schema(subgraph_runtime)


# -- two subgraphs through @apollo/gateway ---------------------------------------------

SPANNING_QUERY = """
{
  agency(code: "disdag-3573") {
    name
    region { name kind }
    markets { name }
  }
  markets {
    name
    agency { code name region { code name } }
  }
}
"""


async def test_a_gateway_composes_two_instances_and_answers_a_query_spanning_both(cettar_settings):
    async with (
        subgraph(subgraph_settings(cettar_settings, ["wilayah"])) as (wilayah_url, wilayah),
        subgraph(subgraph_settings(cettar_settings, ["pasar"]), PasarPlugin()) as (pasar_url, _pasar),
    ):
        spec = {
            "subgraphs": [{"name": "wilayah", "url": wilayah_url}, {"name": "pasar", "url": pasar_url}],
            "operations": [{"query": SPANNING_QUERY}],
        }
        with statements(wilayah) as seen:
            answer = await run_node(FEDERATION, "gateway.mjs", json.dumps(spec), package="@apollo/gateway")

    (result,) = answer["results"]
    assert "errors" not in result, result
    disdag = {
        "code": "disdag-3573",
        "name": "Dinas Perdagangan Kota Malang",
        "region": {"code": "35.73", "name": "Malang"},
    }
    disperindag = {
        "code": "disperindag-jatim",
        "name": "Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur",
        "region": {"code": "35", "name": "Jawa Timur"},
    }
    assert result["data"] == {
        "agency": {
            "name": "Dinas Perdagangan Kota Malang",
            "region": {"name": "Malang", "kind": "KOTA"},
            "markets": [{"name": "Pasar Besar Malang"}, {"name": "Pasar Blimbing"}, {"name": "Pasar Oro-Oro Dowo"}],
        },
        "markets": [
            {"name": "Pasar Besar Malang", "agency": disdag},
            {"name": "Pasar Blimbing", "agency": disdag},
            {"name": "Pasar Induk Puspa Agro", "agency": disperindag},
            {"name": "Pasar Oro-Oro Dowo", "agency": disdag},
        ],
    }
    # The four markets' agencies came from wilayah in one _entities call: one query for
    # them, besides the one for agency(code:); their regions in one more.
    assert len(from_table(seen, "core_agency")) == 2, seen
    assert len(from_table(seen, "core_region")) == 2, seen

    supergraph = answer["supergraph"]
    assert "markets: [Market!]!" in supergraph
    assert "regions(" in supergraph
    # node/nodes/plugins are each subgraph's own: not part of the supergraph's API
    assert "node(id: ID!)" not in supergraph
    assert "plugins:" not in supergraph


@pytest.mark.cettar(plugins=["wilayah"], settings={"federation": True, "introspection": False})
async def test_a_gateway_reads_the_sdl_when_introspection_is_off(gql):
    assert "@key" in (await gql.execute("{ _service { sdl } }"))["_service"]["sdl"]
    response = await gql.query("{ __schema { queryType { name } } }")
    assert set(response.codes) == {"GRAPHQL_VALIDATION_FAILED"}
