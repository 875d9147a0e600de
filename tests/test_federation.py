"""CETTAR as an Apollo Federation 2 subgraph (CETTAR_FEDERATION=1).

Two regional instances, each with its own database seeded with reference and demo
data, run on live servers: Kota Malang's (akun, wilayah, inovasi, sepasar_pedas) and
Kabupaten Gresik's (akun, wilayah, inovasi, rumahku_sip). @apollo/gateway composes
them (IntrospectAndCompose) although both define the platform plugins' fields and
types, and answers one query that joins Malang's markets and Gresik's housing figures
on the regions.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
from sqlalchemy import event
from strawberry.federation.schema_directives import Shareable

from core.app import create_app
from core.config import Settings, load_settings
from core.plugins import PluginLoadError, PluginMeta, hookimpl
from core.runtime import Runtime
from core.testkit.databases import ServiceUnavailable, TestDatabases
from plugins.sepasar_pedas.seed import MARKETS
from schema.platform import MAX_NODES
from schema.plugin import SDL_PATH, build_schema, sdl
from tests.support.live import live_server, run_node

FEDERATION = Path(__file__).parent / "federation"
PLATFORM = ["akun", "wilayah", "inovasi"]
MALANG = [*PLATFORM, "sepasar_pedas"]
GRESIK = [*PLATFORM, "rumahku_sip"]
federated = pytest.mark.cettar(plugins=MALANG, settings={"federation": True})


# -- helpers ---------------------------------------------------------------------------


@pytest.fixture
def gresik_database(cettar_backend: str, cettar_test_databases: TestDatabases) -> Iterator[str]:
    """A second fresh database (same backend as ``cettar_settings``'s) for the second instance."""
    try:
        url = cettar_test_databases.create(cettar_backend)
    except ServiceUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    yield url
    cettar_test_databases.drop(url)


def instance_settings(database_url: str, plugins: list[str], storage: Path) -> Settings:
    return load_settings(
        database_url=database_url, plugins=plugins, federation=True, load_entry_points=False, storage_dir=storage
    )


@asynccontextmanager
async def instance(settings: Settings) -> AsyncIterator[tuple[str, Runtime]]:
    """An instance seeded as `cettar seed --demo` seeds it, on a live server: its /graphql URL and runtime."""
    runtime = Runtime.create(settings)
    try:
        async with runtime.database.session() as session:
            await runtime.plugins.acall("cettar_seed", session=session, demo=True, runtime=runtime)
        app = create_app(runtime, dispatch_events=False)
        async with app.router.lifespan_context(app), live_server(app) as base_url:
            yield f"{base_url}/graphql", runtime
    finally:
        await runtime.dispose()


async def ask(url: str, query: str, variables: dict[str, Any] | None = None) -> Any:
    """A query straight to one instance (not through the gateway); its data."""
    async with httpx.AsyncClient(timeout=30) as client:
        response = await client.post(url, json={"query": query, "variables": variables or {}})
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


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
    return [s for s in seen if f"FROM {table}" in s or f"JOIN {table}" in s]


# -- one subgraph on its own -----------------------------------------------------------


@federated
async def test_the_subgraph_sdl_links_federation_2_and_shares_the_platform_plugins(gql):
    text = (await gql.execute("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'schema @link(url: "https://specs.apollo.dev/federation/v2.7"' in text
    # entities every instance resolves, shared because every instance runs wilayah and inovasi
    assert 'type Region implements Node @key(fields: "code") @shareable {' in text
    assert 'type Agency implements Node @key(fields: "code") @shareable {' in text
    assert 'type Innovation implements Node @key(fields: "code") @shareable {' in text
    assert "union _Entity = Agency | Innovation | Region" in text
    # a shared plugin's reads are shareable; its writes and per-instance reads stay out of the supergraph
    assert "regions(" in text and "): RegionConnection! @shareable" in text
    assert "type RegionConnection @shareable {" in text
    assert "createInnovation(input: CreateInnovationInput!): CreateInnovationPayload! @shareable @inaccessible" in text
    assert "login(username: String!, password: String!): LoginPayload! @shareable @inaccessible" in text
    assert "me: Account @shareable @inaccessible" in text
    assert "implementation: InnovationImplementation @inaccessible" in text
    # Kota Malang's own part: neither shared nor hidden
    assert "createSepasarMarket(input: CreateSepasarMarketInput!): CreateSepasarMarketPayload!\n" in text
    assert "type SepasarMarket implements Node {" in text
    assert "sepasarMarketCount: Int!" in text
    # the platform's own fields, as before
    assert "node(id: ID!): Node @shareable @inaccessible" in text
    assert "plugins: [Plugin!]! @shareable @inaccessible" in text
    assert "type PageInfo @shareable {" in text
    # composition refuses a subscription field in two subgraphs: akun's is left out of the SDL…
    assert "notificationAdded" not in text
    assert "type Subscription" not in text
    assert "subscription:" not in text
    # …but the instance still serves it to its own clients
    fields = await gql.execute("{ __schema { subscriptionType { fields { name } } } }")
    assert {"name": "notificationAdded"} in fields["__schema"]["subscriptionType"]["fields"]


@pytest.mark.cettar(plugins=MALANG, settings={"federation": True, "federation_shared": ["wilayah"]})
async def test_only_the_plugins_named_shared_are_shared(gql):
    text = (await gql.execute("{ _service { sdl } }"))["_service"]["sdl"]
    assert 'type Region implements Node @key(fields: "code") @shareable {' in text
    assert 'type Innovation implements Node @key(fields: "code") {' in text
    assert "createInnovation(input: CreateInnovationInput!): CreateInnovationPayload!\n" in text
    assert "notificationAdded: Notification!" in text


@federated
async def test_entities_are_loaded_in_order_with_one_query_per_type(gql, cettar_runtime):
    representations = [
        {"__typename": "Agency", "code": "disdag-3573"},
        {"__typename": "Region", "code": "35.73"},
        {"__typename": "Innovation", "code": "sepasar-pedas"},
        {"__typename": "Region", "code": "99.99"},
        {"__typename": "Agency", "code": "disperkim-3525"},
        {"__typename": "Innovation", "code": "rumahku-sip"},
        {"__typename": "Region", "code": "35.25"},
        {"__typename": "SepasarMarket", "code": "pasar-besar"},
    ]
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
        __typename ... on Region { code name sepasarMarketCount } ... on Agency { code name }
        ... on Innovation { code name awards { rank year } } } }"""
    with statements(cettar_runtime) as seen:
        response = await gql.query(query, {"r": representations}, language="en")
    top45 = [{"rank": "TOP 45", "year": 2020}]
    assert response.data["_entities"] == [
        {"__typename": "Agency", "code": "disdag-3573", "name": "Dinas Perdagangan Kota Malang"},
        {"__typename": "Region", "code": "35.73", "name": "Malang", "sepasarMarketCount": 0},
        {"__typename": "Innovation", "code": "sepasar-pedas", "name": "SEPASAR PEDAS", "awards": top45},
        None,
        {
            "__typename": "Agency",
            "code": "disperkim-3525",
            "name": "Dinas Perumahan Rakyat, Kawasan Permukiman dan Cipta Karya Kabupaten Gresik",
        },
        {"__typename": "Innovation", "code": "rumahku-sip", "name": "Rumahku SIP", "awards": top45},
        {"__typename": "Region", "code": "35.25", "name": "Gresik", "sepasarMarketCount": 0},
        None,
    ]
    # a type this subgraph does not resolve: an error at its index, the others answered
    assert [(e["path"], e["extensions"]["code"]) for e in response.errors] == [(["_entities", 7], "VALIDATION_FAILED")]
    assert len(from_table(seen, "core_region")) == 1, seen
    assert len(from_table(seen, "core_agency")) == 1, seen
    assert len(from_table(seen, "inovasi_innovation")) == 1, seen
    assert len(from_table(seen, "sepasar_pedas_market")) == 1, seen  # the three regions' counts together


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
    subgraph = build_schema(federated_runtime).as_str()
    assert "@key" in subgraph
    assert "sepasarMarketCount" in subgraph
    plain = Runtime.create(load_settings(load_entry_points=False, federation=False))
    assert sdl(plain) == SDL_PATH.read_text(encoding="utf-8")
    for federation_only in ("@key", "@shareable", "_entities", "sepasarMarketCount"):
        assert federation_only not in sdl(plain)


@strawberry.type(description="A kiosk.")
class Kiosk:
    code: str


@strawberry.field(description="Kiosks.")
def kiosks() -> list[Kiosk]:
    return []


@strawberry.field(description="Kiosks in the region.")
def kiosk_count(root: Any) -> int:
    return 0


@strawberry.field(name="code", description="A second code.")
def kiosk_code(root: Any) -> str:
    return ""


class EntityPlugin:
    def __init__(self, contribute: Any) -> None:
        self.contribute = contribute

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="kios", version="0.1.0", title="Kios")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.query(kiosks)
        self.contribute(builder)


def kios_runtime(plugin: EntityPlugin, *, federation: bool, plugins: tuple[str, ...] = ()) -> Runtime:
    settings = load_settings(load_entry_points=False, plugins=["kios", *plugins], federation=federation)
    return Runtime.create(settings, extra_plugins=[plugin])


def test_an_entity_without_a_resolver_must_be_a_node_keyed_by_one_field():
    plugin = EntityPlugin(lambda b: b.entity(Kiosk, keys="code"))
    with pytest.raises(PluginLoadError, match=r"plugin 'kios': entity 'Kiosk' needs resolve=\.\.\."):
        build_schema(kios_runtime(plugin, federation=False))


def test_federation_directives_on_an_unknown_field_stop_a_federated_start():
    plugin = EntityPlugin(lambda b: b.federation_directives("Kiosk.price", Shareable()))
    assert "@shareable" not in sdl(kios_runtime(plugin, federation=False))
    with pytest.raises(PluginLoadError, match=r"plugin 'kios': federation directives for 'Kiosk\.price'"):
        build_schema(kios_runtime(plugin, federation=True))


def test_federation_fields_exist_only_in_a_subgraph_and_only_on_a_type_of_the_schema():
    plugin = EntityPlugin(lambda b: b.federation_fields("Region", kiosk_count))
    assert "kioskCount" not in sdl(kios_runtime(plugin, federation=False, plugins=("wilayah",)))
    assert "  kioskCount: Int!" in sdl(kios_runtime(plugin, federation=True, plugins=("wilayah",)))
    with pytest.raises(PluginLoadError, match=r"plugin 'kios': federation field Region\.kioskCount is added to"):
        build_schema(kios_runtime(plugin, federation=True))  # no wilayah: no Region

    clash = EntityPlugin(lambda b: b.federation_fields("Kiosk", kiosk_code))
    with pytest.raises(PluginLoadError, match=r"plugin 'kios': federation field Kiosk\.code is already a field"):
        build_schema(kios_runtime(clash, federation=True))


# -- two regional instances through @apollo/gateway --------------------------------------

SPANNING_QUERY = """
query Span {
  # the shared regions: each subgraph adds its own fields to them
  province: region(code: "35") {
    name
    children(first: 38) { nodes { code name sepasarMarketCount housingStatistics { developments units } } }
  }
  malang: region(code: "35.73") { name kind sepasarMarketCount housingStatistics { developments } }
  gresik: region(code: "35.25") { name kind sepasarMarketCount housingStatistics { developments units } }
  # Gresik's kecamatan, completed by Malang's subgraph; Malang's markets' regions, by Gresik's
  housingStatistics { developments kecamatan { kecamatanCode developments region { code name sepasarMarketCount } } }
  sepasarMarkets(first: 10) { totalCount nodes { code region { code name housingStatistics { developments } } } }
  innovation(code: "sepasar-pedas") { name agencyCode regionName }
}
"""


async def test_a_gateway_composes_two_regional_instances_and_answers_a_query_spanning_both(
    cettar_settings, gresik_database, tmp_path
):
    malang_settings = instance_settings(cettar_settings.database_url, MALANG, tmp_path / "malang")
    gresik_settings = instance_settings(gresik_database, GRESIK, tmp_path / "gresik")
    async with (
        instance(malang_settings) as (malang_url, malang),
        instance(gresik_settings) as (gresik_url, gresik),
    ):
        spec = {
            "subgraphs": [{"name": "malang", "url": malang_url}, {"name": "gresik", "url": gresik_url}],
            "operations": [{"query": SPANNING_QUERY}],
        }
        with statements(malang) as seen_malang, statements(gresik) as seen_gresik:
            answer = await run_node(FEDERATION, "gateway.mjs", json.dumps(spec), package="@apollo/gateway")
        # what each instance says on its own, to compare with the gateway's answer
        own_markets = await ask(malang_url, '{ sepasarMarkets(regionCode: "35.73") { totalCount } }')
        own_housing = await ask(
            gresik_url, "{ housingStatistics { developments units kecamatan { kecamatanCode developments } } }"
        )
        gresik_query = await ask(gresik_url, '{ __type(name: "Query") { fields { name } } }')

    (result,) = answer["results"]
    assert "errors" not in result, result
    data = result["data"]
    markets_in_malang = sum(1 for _code, _name, region, _address in MARKETS if region.startswith("35.73."))
    assert markets_in_malang > 0
    assert own_markets["sepasarMarkets"]["totalCount"] == markets_in_malang
    gresik_counts = own_housing["housingStatistics"]
    assert gresik_counts["developments"] > 0
    # Gresik's instance has no markets: Malang's subgraph counted them
    assert "sepasarMarkets" not in {f["name"] for f in gresik_query["__type"]["fields"]}

    totals = {"developments": gresik_counts["developments"], "units": gresik_counts["units"]}
    assert data["malang"] == {
        "name": "Malang",
        "kind": "KOTA",
        "sepasarMarketCount": markets_in_malang,
        "housingStatistics": None,
    }
    assert data["gresik"] == {
        "name": "Gresik",
        "kind": "KABUPATEN",
        "sepasarMarketCount": 0,
        "housingStatistics": totals,
    }
    children = {c["code"]: c for c in data["province"]["children"]["nodes"]}
    assert len(children) == 38
    assert children["35.73"]["sepasarMarketCount"] == markets_in_malang
    assert children["35.25"]["housingStatistics"] == totals
    others = [c for code, c in children.items() if code not in ("35.73", "35.25")]
    assert others and all(c["sepasarMarketCount"] == 0 and c["housingStatistics"] is None for c in others)

    kecamatan = data["housingStatistics"]["kecamatan"]
    assert [(k["kecamatanCode"], k["developments"]) for k in kecamatan] == [
        (k["kecamatanCode"], k["developments"]) for k in gresik_counts["kecamatan"]
    ]
    assert len(kecamatan) == 18
    assert all(k["region"]["code"] == k["kecamatanCode"] and k["region"]["sepasarMarketCount"] == 0 for k in kecamatan)
    assert {k["region"]["name"] for k in kecamatan} >= {"Kebomas", "Manyar", "Driyorejo"}
    markets = data["sepasarMarkets"]
    assert markets["totalCount"] == len(MARKETS)
    assert [(m["code"], m["region"]["code"]) for m in markets["nodes"]] == sorted(
        (code, region) for code, _name, region, _address in MARKETS
    )
    assert all(m["region"]["housingStatistics"] is None for m in markets["nodes"])  # Malang is not Gresik
    assert data["innovation"] == {"name": "SEPASAR PEDAS", "agencyCode": "disdag-3573", "regionName": "Kota Malang"}

    # The gateway sent Malang the 18 kecamatan in one _entities call, and Gresik the four
    # markets' regions in another; the 38 children came in one page. Loading any of them one
    # by one would take 18 or 38 statements: each instance took a few, whatever their number.
    assert len(from_table(seen_malang, "core_region")) <= 6, seen_malang  # 3 root regions, children, 2 lists
    assert len(from_table(seen_malang, "sepasar_pedas_market")) <= 6, seen_malang  # the market page, 4 counts
    assert len(from_table(seen_gresik, "core_region")) <= 9, seen_gresik
    assert len(from_table(seen_gresik, "rumahku_sip_development")) <= 8, seen_gresik  # the figures, twice at most

    supergraph = answer["supergraph"]
    for offered in ("regions(", "sepasarMarkets(", "housingStatistics(", "innovations(", "createSepasarMarket("):
        assert offered in supergraph, offered
    # each instance's own: not offered through the gateway (ask the instance directly)
    for own in ("node(id: ID!)", "plugins:", "login(", "  me:", "createInnovation(", "notificationAdded"):
        assert own not in supergraph, own


@pytest.mark.cettar(plugins=MALANG, settings={"federation": True, "introspection": False})
async def test_a_gateway_reads_the_sdl_when_introspection_is_off(gql):
    assert "@key" in (await gql.execute("{ _service { sdl } }"))["_service"]["sdl"]
    response = await gql.query("{ __schema { queryType { name } } }")
    assert set(response.codes) == {"GRAPHQL_VALIDATION_FAILED"}
