"""The GraphQL endpoint: error convention, languages, masking, node(id:), GET, GraphiQL."""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
from typing import Any

import httpx
import pytest
import strawberry
from graphql import OperationDefinitionNode, parse

from core.identity.demo import DEMO_PASSWORD
from core.plugins import PluginMeta, hookimpl
from schema import Info
from schema.graphiql import SCRIPTS, STATIC_DIR, STATIC_PATH, STYLESHEETS
from schema.graphiql.examples import example_operations
from schema.node import encode_global_id
from tests.support.echo import EchoPlugin

#: The built-in plugins' examples, in tab order: by plugin name (akun, graphql, wilayah).
#: Every built-in plugin's GraphiQL tabs, in plugin-name order (akun, gayatri, graphql, inovasi, klinik_bumdes,
#: layanan, pengaduan, rumahku_sip, sepasar_pedas, wilayah).
BUILTIN_TABS = [
    "Masuk",
    "AkunSaya",
    "Petugas",
    "GayatriStuntingPerKelurahan",
    "GayatriKasusDarurat",
    "GayatriJadwalImunisasi",
    "PluginPlatform",
    "InovasiTop45",
    "PenghargaanInovasi",
    "SatuInovasi",
    "IndeksKepuasan",
    "IsiSurveiKepuasan",
    "KomentarSurveiKepuasan",
    "SkorCettar",
    "PeringkatInstansi",
    "KinerjaSaya",
    "RegistriBumDesa",
    "StatistikBumDesa",
    "KonsultasiBumDesa",
    "KatalogLayanan",
    "PermohonanSaya",
    "AntreanPetugas",
    "PengaduanPublik",
    "AjukanPengaduan",
    "AntreanVerifikasi",
    "StatistikPerumahanGresik",
    "PerumahanGresik",
    "AntreanSerahTerimaPsu",
    "PasarSepasarPedas",
    "CekSertifikatSepasar",
    "KelasSepasarPedas",
    "KabupatenKota",
    "WilayahDanInstansi",
]


async def test_validation_errors_have_a_code_and_speak_both_languages(gql):
    indonesian = await gql.query("{ regionz }")
    assert indonesian.codes == ["GRAPHQL_VALIDATION_FAILED"]
    assert indonesian.errors[0]["message"].startswith("Kueri GraphQL tidak valid")
    english = await gql.query("{ regionz }", language="en-US,en;q=0.9,id;q=0.5")
    assert english.errors[0]["message"].startswith("The GraphQL query is not valid")


async def test_parse_errors_have_their_own_code(gql):
    response = await gql.query("{ regions { ", language="en")
    assert response.codes == ["GRAPHQL_PARSE_FAILED"]


async def test_typed_errors_carry_code_field_and_language(gql):
    response = await gql.query("{ regions(first: 1000) { totalCount } }", language="en")
    assert response.errors[0]["extensions"] == {"code": "PAGE_SIZE_EXCEEDED", "field": "first"}
    assert response.errors[0]["message"] == "The page size may be at most 100."
    response = await gql.query("{ regions(first: 1000) { totalCount } }", language="id")
    assert response.errors[0]["message"] == "Ukuran halaman maksimal 100."


@pytest.mark.cettar(extra_plugins=[EchoPlugin])
async def test_an_internal_failure_is_masked_logged_with_its_plugin_and_leaves_other_fields(gql, caplog):
    with caplog.at_level(logging.ERROR, logger="cettar.graphql"):
        response = await gql.query("{ calm boom }", language="en")
    assert response.data == {"calm": "calm", "boom": None} or response.data is None
    error = response.errors[0]
    assert error["extensions"]["code"] == "INTERNAL_ERROR"
    assert "secret detail" not in str(response.body)
    request_id = response.headers["x-request-id"]
    assert error["extensions"]["requestId"] == request_id
    assert any("plugin echo" in r.getMessage() and request_id in r.getMessage() for r in caplog.records)


@pytest.mark.cettar(extra_plugins=[EchoPlugin])
async def test_nullable_sibling_fields_survive_a_failing_field(gql):
    response = await gql.query("{ calm boom }")
    # boom is non-null, so graphql nulls the whole data; a nullable sibling in its own
    # root field keeps its value:
    aliased = await gql.query('{ a: calm region(code: "35.78") { name } }')
    assert aliased.data == {"a": "calm", "region": {"name": "Surabaya"}}
    assert response.codes == ["INTERNAL_ERROR"]


async def test_node_fetches_regions_and_agencies_and_hides_unknown_ids(gql):
    surabaya = await gql.execute('{ region(code: "35.78") { id name } }')
    region_id = surabaya["region"]["id"]
    agency = await gql.execute('{ agency(code: "diskominfo-jatim") { id name region { code } } }')
    data = await gql.execute(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Region { code } ... on Agency { code } } }",
        {
            "ids": [
                region_id,
                agency["agency"]["id"],
                encode_global_id("Region", "99.99"),
                encode_global_id("Nope", "1"),
            ]
        },
    )
    assert data["nodes"] == [
        {"id": region_id, "code": "35.78"},
        {"id": agency["agency"]["id"], "code": "diskominfo-jatim"},
        None,
        None,
    ]
    single = await gql.execute("query($id: ID!) { node(id: $id) { ... on Region { name } } }", {"id": region_id})
    assert single["node"] == {"name": "Surabaya"}


async def test_a_malformed_id_is_a_typed_error(gql):
    response = await gql.query('{ node(id: "!!not-an-id!!") { id } }')
    assert response.codes == ["INVALID_ID"]


async def test_nodes_is_capped(gql):
    ids = [encode_global_id("Region", "35")] * 101
    response = await gql.query("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
    assert response.codes == ["PAGE_SIZE_EXCEEDED"]


async def test_queries_work_over_get(gql):
    response = await gql.query('{ region(code: "35") { name } }', method="GET")
    assert response.status == 200
    assert response.data == {"region": {"name": "Jawa Timur"}}


async def test_mutations_are_refused_over_get(gql):
    response = await gql.query("mutation { __typename }", method="GET")
    assert response.status in (400, 405)


# --- GraphiQL (schema/graphiql; the browser test is tests/test_graphiql_browser.py) --------------


def _graphiql_config(page: str) -> dict:
    found = re.search(r'<script id="cettar-graphiql-config" type="application/json">(.*?)</script>', page, re.S)
    assert found, "the page embeds its configuration"
    return json.loads(found.group(1))


async def test_graphiql_is_served_to_browsers_in_development_from_our_own_origin(cettar_app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "GraphiQL" in page.text
        # Every asset is ours: a path under /graphiql/static/, never another origin.
        assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert len(assets) == len(STYLESHEETS) + len(SCRIPTS) + 1  # + the icon
        assert "unpkg" not in page.text and "jsdelivr" not in page.text
        for asset in assets:
            path = html.unescape(asset)
            assert path.startswith(STATIC_PATH + "/"), path
            served = await client.get(path, headers={"Accept-Encoding": "gzip"})
            assert served.status_code == 200, path
            assert served.headers["x-content-type-options"] == "nosniff"
            assert served.headers["content-type"].split(";")[0] in {"text/javascript", "text/css", "image/svg+xml"}
        missing = await client.get(STATIC_PATH + "/vendor/nope.js")
        assert missing.status_code == 404
    policy = dict(d.strip().split(" ", 1) for d in page.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"
    nonce = _graphiql_config(page.text)["styleNonce"]
    assert len(nonce) >= 16
    assert policy["style-src"] == f"'self' 'nonce-{nonce}'"
    assert policy["connect-src"] == "'self' ws://t wss://t"
    assert policy["frame-ancestors"] == "'none'"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as client:
        again = await client.get("/graphql", headers={"Accept": "text/html"})
    assert _graphiql_config(again.text)["styleNonce"] != nonce, "a new nonce for every page"


def _tab_names(tabs: list[dict[str, str]]) -> list[str | None]:
    """Each tab's title: the name of its operation."""
    names = []
    for tab in tabs:
        (operation,) = [d for d in parse(tab["query"]).definitions if isinstance(d, OperationDefinitionNode)]
        names.append(operation.name.value if operation.name else None)
    return names


async def _graphiql_tabs(cettar_app: Any) -> list[dict[str, str]]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    return list(_graphiql_config(page.text)["tabs"])


async def test_graphiql_opens_the_example_operations_as_tabs(cettar_app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
    tabs = _graphiql_config(page.text)["tabs"]
    assert _tab_names(tabs) == BUILTIN_TABS
    assert tabs == [example.tab() for example in example_operations(cettar_app.runtime)]
    me = next(tab for tab in tabs if "query AkunSaya" in tab["query"])
    assert json.loads(me["headers"]) == {"Authorization": "Bearer <token>"}
    login = next(tab for tab in tabs if "mutation Masuk" in tab["query"])
    assert json.loads(login["variables"]) == {"username": "warga.budi", "password": DEMO_PASSWORD}
    assert "</script" not in page.text.split('type="application/json">')[1].split("</script>")[0]


async def test_every_example_operation_runs_without_errors(gql, cettar_runtime):
    # The examples are written against `cettar seed --demo`: load every plugin's demo data first.
    async with cettar_runtime.database.session() as session:
        await cettar_runtime.plugins.acall_by_dependency(
            "cettar_seed", session=session, demo=True, runtime=cettar_runtime
        )
    examples = example_operations(cettar_runtime)
    assert [example.name for example in examples] == BUILTIN_TABS, "every built-in plugin's examples are shown"
    for example in examples:
        lines = example.query.splitlines()
        comment = [line for line in lines if line.startswith("#")]
        assert lines[0].startswith("# ") and " · " in lines[0], f"a bilingual title: {lines[0]}"
        assert any(line.startswith("# ID: ") for line in comment), f"a comment in Bahasa Indonesia: {lines[0]}"
        assert any(line.startswith("# EN: ") for line in comment), f"a comment in English: {lines[0]}"
        assert all(len(line) <= 56 for line in comment), f"comment lines fit half the window: {lines[0]}"
        client = await gql.login(example.sign_in_as) if example.sign_in_as else gql
        response = await client.query(example.query, example.variables)
        assert response.status == 200, (lines[0], response.body)
        assert not response.errors, (lines[0], response.errors)
        assert response.data and all(value is not None for value in response.data.values()), (lines[0], response.data)
    (me,) = [example for example in examples if example.name == "AkunSaya"]
    without_token = await gql.query(me.query)
    assert without_token.data == {"me": None}


@strawberry.field
def salam(info: Info) -> str:
    return f"Halo, {info.context.principal.username or 'tamu'}!"


class ContohPlugin:
    """A plugin outside the platform with a field of its own and an example tab for it."""

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="contoh", version="0.0.1", title="Contoh (tests only)", requires=("wilayah",))

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.query(salam)
        builder.example(
            "Salam",
            """
            query Salam($code: String!) {
              salam
              region(code: $code) { name }
            }
            """,
            title_id="Salam",
            title_en="Greeting",
            description_id="Sapaan untuk akun yang sedang masuk, dan nama wilayah menurut kodenya.",
            description_en="A greeting for the signed-in account, and a region's name by its code.",
            variables={"code": "35.78"},
            sign_in_as="warga.budi",
        )


@pytest.mark.cettar(extra_plugins=[ContohPlugin])
async def test_a_plugin_adds_an_example_tab_that_runs(cettar_app, gql):
    tabs = await _graphiql_tabs(cettar_app)
    names = _tab_names(tabs)
    assert names.index("Salam") < names.index("PluginPlatform") < names.index("KabupatenKota"), (
        "tabs follow the plugin names: contoh, graphql, wilayah"
    )
    assert len(names) == len(BUILTIN_TABS) + 1
    tab = tabs[names.index("Salam")]
    assert tab["query"].splitlines()[:6] == [
        "# Salam · Greeting",
        "#",
        "# ID: Sapaan untuk akun yang sedang masuk, dan nama",
        "#     wilayah menurut kodenya.",
        "# EN: A greeting for the signed-in account, and a",
        "#     region's name by its code.",
    ]
    assert json.loads(tab["variables"]) == {"code": "35.78"}
    assert json.loads(tab["headers"]) == {"Authorization": "Bearer <token>"}
    client = await gql.login("warga.budi")
    assert await client.execute(tab["query"], json.loads(tab["variables"])) == {
        "salam": "Halo, warga.budi!",
        "region": {"name": "Surabaya"},
    }
    plugins = await gql.execute("{ plugins { name examples } }")
    assert {"name": "contoh", "examples": ["Salam"]} in plugins["plugins"]


@pytest.mark.cettar(plugins=["wilayah"], settings={"demo_data": False})
async def test_examples_follow_the_enabled_plugins_and_hide_demo_passwords_where_demo_data_is_off(cettar_runtime):
    examples = example_operations(cettar_runtime)
    assert {example.plugin for example in examples} == {"wilayah", "graphql"}
    assert not any(example.sign_in_as for example in examples)


@pytest.mark.cettar(settings={"demo_data": False})
async def test_the_sign_in_example_asks_for_credentials_where_demo_data_is_off(cettar_runtime):
    (login,) = [example for example in example_operations(cettar_runtime) if example.name == "Masuk"]
    assert login.variables == {"username": "<username>", "password": "<password>"}


def test_the_vendored_assets_are_what_the_vendoring_script_wrote():
    vendor = STATIC_DIR / "vendor"
    manifest = json.loads((vendor / "manifest.json").read_text(encoding="utf-8"))
    for name, file in manifest["files"].items():
        data = (vendor / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == file["sha256"], f"{name} differs from manifest.json: re-vendor"
    on_disk = {p.name for p in vendor.iterdir()} - {"manifest.json", "THIRD-PARTY-NOTICES.txt"}
    assert on_disk == set(manifest["files"])
    assert {f"vendor/{name}" for name in manifest["files"]} == {*STYLESHEETS, *SCRIPTS} - {
        "cettar-graphiql.css",
        "cettar-graphiql.js",
    }
    notices = (vendor / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for package, info in manifest["packages"].items():
        assert f"{package}@{info['version']} — MIT" in notices


@pytest.mark.cettar(settings={"env": "production"})
async def test_production_turns_off_graphiql_and_introspection(cettar_app, gql):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        asset = await client.get(STATIC_PATH + "/vendor/graphiql.min.js")
    assert page.status_code == 404
    assert not page.headers["content-type"].startswith("text/html")
    assert "graphiql" not in page.text.lower()
    assert asset.status_code == 404
    response = await gql.query("{ __schema { queryType { name } } }")
    assert set(response.codes) == {"GRAPHQL_VALIDATION_FAILED"}
    assert (await gql.execute('{ region(code: "35") { name } }'))["region"]["name"] == "Jawa Timur"


async def test_introspection_works_in_development(gql):
    data = await gql.execute("{ __schema { queryType { name } } }")
    assert data["__schema"]["queryType"]["name"] == "Query"


async def test_a_body_that_is_not_json_is_a_typed_error(cettar_app):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=cettar_app.app), base_url="http://t") as client:
        response = await client.post(
            "/graphql", content=b"{nope", headers={"content-type": "application/json", "accept-language": "en"}
        )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert response.json()["errors"][0]["message"].startswith("Bad request")


@pytest.mark.cettar(extra_plugins=[EchoPlugin])
async def test_a_mutation_whose_commit_fails_reports_no_success(gql, cettar_app, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from core.db import UnitOfWork

    async def refuse(self):
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    monkeypatch.setattr(UnitOfWork, "commit", refuse)
    response = await gql.query('mutation { ping(input: {message: "x"}) { message } }', language="en")
    assert response.data is None
    assert response.codes == ["CONFLICT"]
    monkeypatch.undo()
    assert await cettar_app.dispatch() == 0  # the event of the failed commit was never written


async def test_each_operation_on_a_socket_reads_afresh_through_its_own_loaders(cettar_app):
    """A WebSocket keeps one context; DataLoaders (which cache what they read) do not outlive an operation."""
    from httpx_ws import aconnect_ws
    from httpx_ws.transport import ASGIWebSocketTransport
    from sqlalchemy import update

    from core.regions.models import Region

    query = '{ region(code: "35.78") { parent { name } } }'  # parent: through the per-operation region loader

    async def run(ws, operation_id: str) -> dict:
        await ws.send_json({"id": operation_id, "type": "subscribe", "payload": {"query": query}})
        message = await ws.receive_json(timeout=5)
        assert message["type"] == "next", message
        assert (await ws.receive_json(timeout=5))["type"] == "complete"
        return message["payload"]

    transport = ASGIWebSocketTransport(app=cettar_app.app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://cettar.test") as client,
        aconnect_ws("/graphql", client, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        await ws.send_json({"type": "connection_init", "payload": {}})
        assert (await ws.receive_json(timeout=5))["type"] == "connection_ack"
        assert await run(ws, "1") == {"data": {"region": {"parent": {"name": "Jawa Timur"}}}}
        async with cettar_app.runtime.database.session() as session:
            await session.execute(update(Region).where(Region.code == "35").values(name="Provinsi Jawa Timur"))
        assert await run(ws, "2") == {"data": {"region": {"parent": {"name": "Provinsi Jawa Timur"}}}}
