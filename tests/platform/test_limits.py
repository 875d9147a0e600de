"""Query limits (docs/limits.md): at each limit an operation runs, one over it is refused with a typed,
bilingual error naming the limit — before anything runs, so a refused mutation writes nothing."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import strawberry
from graphql import get_introspection_query
from sqlalchemy import func, select, text, update
from sqlmodel import col

from core.config import ConfigError, Settings, load_settings
from core.identity.models import Account
from core.plugins import PluginMeta, hookimpl
from core.regions.models import Region
from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.inovasi.models import Innovation
from schema import Info
from schema.limits import LIST_SIZE_ESTIMATE

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah"])

KELURAHAN = "35.78.01.1001"  # Kel. Karang Pilang, Kota Surabaya: four regions above it
REGISTER = """
mutation Register($input: RegisterCitizenInput!) {
  registerCitizen(input: $input) { account { id username name } }
}"""


def citizen(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "ani.wijaya",
        "name": "Ani Wijaya",
        "nik": "3578016512990004",
        "phone": "0812-3456-7890",
        "password": "kata-sandi-rahasia-1",
    }
    data.update(overrides)
    return data


async def accounts(runtime: Runtime) -> int:
    """How many of the accounts these tests register exist (the demo accounts are there too)."""
    wanted = col(Account.username).in_(["ani.wijaya", "budi.santoso"])
    async with runtime.database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Account).where(wanted)) or 0)


def deep(depth: int) -> str:
    """A query whose deepest field is at ``depth`` (``region`` is 1)."""
    inner = "name"
    for _ in range(depth - 2):
        inner = f"parent {{ {inner} }}"
    return f'{{ region(code: "{KELURAHAN}") {{ {inner} }} }}'


def aliased(count: int) -> str:
    return "{ " + " ".join(f"a{n}: __typename" for n in range(count)) + " }"


def directed(count: int) -> str:
    return "{ " + " ".join("__typename @include(if: true)" for _ in range(count)) + " }"


def assert_refused(response: Any, code: str, limit: str, maximum: float) -> None:
    assert response.codes == [code], response.body
    assert response.errors[0]["extensions"]["limit"] == {"name": limit, "max": maximum}
    assert response.data is None
    assert "{" not in response.errors[0]["message"], "every parameter filled"


async def assert_both_languages(gql: GraphQLClient, query: str, code: str) -> None:
    indonesian = await gql.query(query)
    english = await gql.query(query, language="en")
    assert indonesian.codes == english.codes == [code]
    assert indonesian.errors[0]["message"] != english.errors[0]["message"]


# -- depth ----------------------------------------------------------------------------------------


async def test_depth_up_to_the_limit_runs_and_one_deeper_is_refused(gql):
    at_limit = await gql.query(deep(15))
    assert not at_limit.errors and at_limit.data["region"]["parent"]["parent"]["parent"]["parent"] is None
    over = await gql.query(deep(16))
    assert_refused(over, "QUERY_TOO_DEEP", "depth", 15)
    assert over.errors[0]["message"] == "Kueri terlalu dalam: kedalaman 16, maksimal 15."
    english = await gql.query(deep(16), language="en")
    assert english.errors[0]["message"] == "The query is too deep: depth 16, at most 15."


async def test_depth_counts_through_fragments(gql):
    inner = "name"
    for _ in range(12):
        inner = f"parent {{ {inner} }}"
    fragment = f"fragment Up on Region {{ parent {{ {inner} }} }}"  # 14 levels below a region
    assert not (await gql.query(f'{{ region(code: "{KELURAHAN}") {{ ...Up }} }} {fragment}')).errors
    nested = f'{{ region(code: "{KELURAHAN}") {{ parent {{ ...Up }} }} }} {fragment}'
    assert_refused(await gql.query(nested), "QUERY_TOO_DEEP", "depth", 15)


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"max_query_depth": 3})
async def test_the_depth_limit_is_a_setting_and_a_refused_mutation_writes_nothing(gql, cettar_runtime):
    assert not (await gql.query(deep(3))).errors
    assert_refused(await gql.query(deep(4)), "QUERY_TOO_DEEP", "depth", 3)
    deep_mutation = REGISTER.replace("account { id username name }", "account { citizen { nik } }")
    assert_refused(await gql.query(deep_mutation, {"input": citizen()}), "QUERY_TOO_DEEP", "depth", 3)
    assert await accounts(cettar_runtime) == 0
    assert (await gql.execute(REGISTER, {"input": citizen()}))["registerCitizen"]["account"]["username"]
    assert await accounts(cettar_runtime) == 1


async def test_introspection_is_left_out_of_the_depth_but_bounded_by_its_own_rule(gql):
    full = await gql.query(get_introspection_query(descriptions=True, input_value_deprecation=True))
    assert not full.errors and full.data["__schema"]["queryType"]["name"] == "Query"
    nested = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    assert_refused(await gql.query(nested), "QUERY_TOO_DEEP", "introspectionDepth", 3)


# -- aliases --------------------------------------------------------------------------------------


async def test_aliases_up_to_the_limit_run_and_one_more_is_refused(gql):
    at_limit = await gql.query(aliased(30))
    assert not at_limit.errors and len(at_limit.data) == 30
    assert_refused(await gql.query(aliased(31)), "TOO_MANY_ALIASES", "aliases", 30)
    await assert_both_languages(gql, aliased(31), "TOO_MANY_ALIASES")


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"max_aliases": 3})
async def test_the_alias_limit_is_a_setting_counts_fragments_where_spread_and_refused_writes_nothing(
    gql, cettar_runtime
):
    fragment = "fragment Two on Query { a: __typename b: __typename }"
    assert not (await gql.query(f"{{ ...Two c: __typename }} {fragment}")).errors
    over = await gql.query(f"{{ ...Two ... {{ ...Two }} }} {fragment}")  # one fragment, spread twice: 4
    assert_refused(over, "TOO_MANY_ALIASES", "aliases", 3)
    twice = """
    mutation Two($a: RegisterCitizenInput!, $b: RegisterCitizenInput!) {
      first: registerCitizen(input: $a) { account { id } }
      second: registerCitizen(input: $b) { account { id } }
      x: __typename
      y: __typename
    }"""
    other = citizen(username="budi.santoso", nik="3578011201900001", phone="0813-1111-2222")
    response = await gql.query(twice, {"a": citizen(), "b": other})
    assert_refused(response, "TOO_MANY_ALIASES", "aliases", 3)
    assert await accounts(cettar_runtime) == 0


# -- tokens ---------------------------------------------------------------------------------------


FIELDS = ("id", "code", "name", "kind", "parentCode", "__typename")


def tokens(count: int) -> str:
    """A query of exactly ``count`` lexical tokens: a region's fields in a chain of ``parent``
    regions, at most 400 in each (graphql-core's overlap check recurses on many identical fields)."""
    remaining = count - 10  # { region ( code : "35.78" ) { … } }
    levels: list[int] = []
    while remaining > 403:
        levels.append(400)
        remaining -= 403  # parent { … }
    levels.append(remaining)
    inner = ""
    for size in reversed(levels):
        fields = " ".join(FIELDS[n % len(FIELDS)] for n in range(size))
        inner = fields + (f" parent {{ {inner} }}" if inner else "")
    return f'{{ region(code: "35.78") {{ {inner} }} }}'


async def test_tokens_up_to_the_limit_parse_and_one_more_is_refused(gql):
    assert not (await gql.query(tokens(5000))).errors
    over = await gql.query(tokens(5001))
    assert_refused(over, "QUERY_TOO_LONG", "tokens", 5000)
    assert over.errors[0]["message"] == "Kueri terlalu panjang: lebih dari 5000 token."
    assert (await gql.query(tokens(5001), language="en")).errors[0]["message"] == (
        "The query is too long: more than 5000 tokens."
    )
    comments = "\n".join(f"# {n}" for n in range(5001)) + "\n{ __typename }"
    assert_refused(await gql.query(comments), "QUERY_TOO_LONG", "comments", 5000)


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"max_tokens": 40})
async def test_the_token_limit_is_a_setting_and_a_refused_mutation_writes_nothing(gql, cettar_runtime):
    assert not (await gql.query(tokens(40))).errors
    assert_refused(await gql.query(tokens(41)), "QUERY_TOO_LONG", "tokens", 40)
    response = await gql.query(REGISTER.replace("id username name", "id username name " * 10), {"input": citizen()})
    assert_refused(response, "QUERY_TOO_LONG", "tokens", 40)
    assert await accounts(cettar_runtime) == 0


# -- directives -----------------------------------------------------------------------------------


async def test_directives_up_to_the_limit_run_and_one_more_is_refused(gql):
    assert not (await gql.query(directed(50))).errors
    assert_refused(await gql.query(directed(51)), "TOO_MANY_DIRECTIVES", "directives", 50)
    await assert_both_languages(gql, directed(51), "TOO_MANY_DIRECTIVES")


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"max_directives": 2})
async def test_the_directive_limit_is_a_setting_and_a_refused_mutation_writes_nothing(gql, cettar_runtime):
    fragment = "fragment T on Query { __typename @skip(if: false) }"
    assert not (await gql.query(f"{{ ...T @include(if: true) }} {fragment}")).errors
    assert_refused(
        await gql.query(f"{{ ...T ...T @include(if: true) }} {fragment}"), "TOO_MANY_DIRECTIVES", "directives", 2
    )
    mutation = REGISTER.replace("account {", "account @include(if: true) {").replace(
        "username", "username @skip(if: false) name @include(if: true)"
    )
    assert_refused(await gql.query(mutation, {"input": citizen()}), "TOO_MANY_DIRECTIVES", "directives", 2)
    assert await accounts(cettar_runtime) == 0


# -- cost -----------------------------------------------------------------------------------------

#: The objects it may fetch: 1 (regions) + 1 (pageInfo) + 39 x (1 (a province) + 1 (children)
#: + 20 x (1 (a kabupaten) + 1 (children) + 62 x 1 (a kecamatan))) = 50,000
AT_COST_LIMIT = """
{ regions(kind: PROVINSI, first: 39) {
    pageInfo { hasNextPage }
    nodes { children(first: 20) { nodes { children(first: 62) { nodes { name } } } } }
} }"""


async def test_cost_up_to_the_limit_runs_and_one_more_object_is_refused(gql):
    at_limit = await gql.query(AT_COST_LIMIT)
    assert not at_limit.errors and at_limit.data["regions"]["nodes"][0]["children"]["nodes"]
    over = AT_COST_LIMIT.replace("pageInfo { hasNextPage }", "pageInfo { hasNextPage } again: pageInfo { endCursor }")
    assert_refused(await gql.query(over), "QUERY_TOO_COSTLY", "cost", 50000)
    await assert_both_languages(gql, over, "QUERY_TOO_COSTLY")
    scalars = AT_COST_LIMIT.replace("nodes { name }", "nodes { name code kind parentCode id __typename }")
    assert not (await gql.query(scalars)).errors, "scalars come with their object"


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"max_query_cost": 50})
async def test_page_sizes_from_variables_multiply_the_cost(gql):
    query = "query Page($n: Int) { regions(first: $n) { nodes { name } } }"  # 1 + n
    assert not (await gql.query(query, {"n": 49})).errors
    refused = await gql.query(query, {"n": 50})
    assert_refused(refused, "QUERY_TOO_COSTLY", "cost", 50)
    assert refused.errors[0]["message"].startswith("Kueri terlalu mahal: dapat mengambil lebih dari 50 objek.")
    assert not (await gql.query("{ regions(first: 100) { totalCount } }")).errors, "no object fetched, no cost"


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"max_query_cost": 30})
async def test_a_connection_without_first_costs_the_default_page_size_and_a_plain_list_an_estimate(gql):
    assert LIST_SIZE_ESTIMATE == 10
    assert not (await gql.query("{ regions(first: 19) { nodes { code } } plugins { name } }")).errors  # 20 + 10
    refused = await gql.query("{ regions { nodes { code } } plugins { name } }")  # 21 + 10
    assert_refused(refused, "QUERY_TOO_COSTLY", "cost", 30)
    assert not (await gql.query("{ regions { nodes { code } } }")).errors  # 1 + 20
    assert_refused(await gql.query("{ regions(first: 30) { nodes { code } } }"), "QUERY_TOO_COSTLY", "cost", 30)


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"max_query_cost": 2})
async def test_a_mutation_over_the_cost_writes_nothing(gql, cettar_runtime):
    costly = REGISTER.replace("account { id username name }", "account { id citizen { nik } }")  # 3 objects
    assert_refused(await gql.query(costly, {"input": citizen()}), "QUERY_TOO_COSTLY", "cost", 2)
    assert await accounts(cettar_runtime) == 0
    cheap = await gql.execute(REGISTER, {"input": citizen()})  # the payload and its account: 2
    assert cheap["registerCitizen"]["account"]["username"] == "ani.wijaya"


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"max_page_size": 5})
async def test_the_maximum_page_size_is_a_setting(gql):
    assert len((await gql.execute("{ regions(first: 5) { nodes { code } } }"))["regions"]["nodes"]) == 5
    refused = await gql.query("{ regions(first: 6) { nodes { code } } }")
    assert refused.codes == ["PAGE_SIZE_EXCEEDED"]


# -- NUL characters -------------------------------------------------------------------------------


async def test_a_nul_character_in_a_literal_is_refused_naming_the_argument(gql):
    literal = '{ region(code: "35\\u0000") { name } }'
    for language in ("id", "en"):
        response = await gql.query(literal, language=language)
        assert response.codes == ["VALIDATION_FAILED"]
        assert response.errors[0]["extensions"]["field"] == "code"
    nested = 'query Q($x: String = "ok\\u0000") { regions(search: $x) { totalCount } }'
    assert (await gql.query(nested)).errors[0]["extensions"]["field"] == "x"
    assert (await gql.query("query Q($c: String!) { region(code: $c) { name } }", {"c": "3\x005"})).errors[0][
        "extensions"
    ] == {"code": "VALIDATION_FAILED", "field": "c"}


async def test_a_nul_character_in_a_variable_of_akun_is_refused_and_nothing_is_written(gql, cettar_runtime):
    for bad, field in (
        (citizen(name="Ani\x00Wijaya"), "input.name"),
        (citizen(password="kata-sandi\x00-rahasia"), "input.password"),
        ({**citizen(), "extra\x00": "x"}, "input"),
    ):
        response = await gql.query(REGISTER, {"input": bad})
        assert response.codes == ["VALIDATION_FAILED"], response.body
        assert response.errors[0]["extensions"]["field"] == field
        assert response.data is None
    english = await gql.query(REGISTER, {"input": citizen(name="Ani\x00")}, language="en")
    assert english.errors[0]["message"] == "Text may not contain the NUL character (\\u0000)."
    assert await accounts(cettar_runtime) == 0
    over_get = await gql.query("query Q($c: String!) { region(code: $c) { name } }", {"c": "\x00"}, method="GET")
    assert over_get.codes == ["VALIDATION_FAILED"]


@pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi"])
async def test_a_nul_character_in_a_variable_of_inovasi_is_refused_and_nothing_is_written(gql, cettar_runtime):
    admin = await gql.login("admin.provinsi")
    before = await _innovations(cettar_runtime)
    document = """
    mutation Create($input: CreateInnovationInput!) { createInnovation(input: $input) { innovation { code } } }"""
    innovation = {
        "code": "lapak-digital",
        "name": "Lapak Digital",
        "agencyCode": "diskominfo-3578",
        "regionCode": "35.78",
        "category": "Perdagangan",
        "description": "Pendaftaran lapak\x00 pasar secara daring.",
    }
    response = await admin.query(document, {"input": innovation})
    assert response.codes == ["VALIDATION_FAILED"], response.body
    assert response.errors[0]["extensions"]["field"] == "input.description"
    assert await _innovations(cettar_runtime) == before
    innovation["description"] = "Pendaftaran lapak pasar secara daring."
    assert (await admin.execute(document, {"input": innovation}))["createInnovation"]["innovation"]["code"]
    assert await _innovations(cettar_runtime) == before + 1


async def _innovations(runtime: Runtime) -> int:
    async with runtime.database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Innovation)) or 0)


# -- batches --------------------------------------------------------------------------------------


async def post(gql: GraphQLClient, body: Any, **headers: str) -> httpx.Response:
    async with gql.http() as client:
        return await client.post("/graphql", json=body, headers=headers)


async def test_a_batch_is_refused_by_default_and_runs_nothing(gql, cettar_runtime):
    batch = [{"query": REGISTER, "variables": {"input": citizen()}}, {"query": "{ __typename }"}]
    response = await post(gql, batch)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "Beberapa operasi dalam satu permintaan (batch) tidak diizinkan; kirim satu per satu.",
                "extensions": {"code": "BATCH_NOT_ALLOWED", "limit": {"name": "batchOperations", "max": 0}},
            }
        ]
    }
    english = await post(gql, batch, **{"Accept-Language": "en"})
    assert english.json()["errors"][0]["message"].startswith("Several operations in one request")
    assert await accounts(cettar_runtime) == 0


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings={"batching": True, "max_batch_operations": 2})
async def test_batches_when_enabled_are_capped(gql, cettar_runtime):
    two = [{"query": "{ __typename }"}, {"query": REGISTER, "variables": {"input": citizen()}}]
    response = await post(gql, two)
    assert response.status_code == 200
    assert response.json()[0]["data"] == {"__typename": "Query"}
    assert response.json()[1]["data"]["registerCitizen"]["account"]["username"] == "ani.wijaya"
    other = citizen(username="budi.santoso", nik="3578011201900001", phone="0813-1111-2222")
    three = [*two[:1], {"query": REGISTER, "variables": {"input": other}}, {"query": "{ __typename }"}]
    refused = await post(gql, three)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"] == {
        "code": "BATCH_TOO_LARGE",
        "limit": {"name": "batchOperations", "max": 2},
    }
    assert await accounts(cettar_runtime) == 1
    assert (await post(gql, [1, 2])).json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


# -- request body ---------------------------------------------------------------------------------

SMALL_BODY = {"max_body_mib": 0.01}  # 10,485 bytes


def body_of(size: int) -> bytes:
    """A JSON request of exactly ``size`` bytes (a comment pads the query)."""
    base = json.dumps({"query": "#\n{ __typename }"}).encode()
    body = json.dumps({"query": "#" + "x" * (size - len(base)) + "\n{ __typename }"}).encode()
    assert len(body) == size
    return body


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings=SMALL_BODY)
async def test_the_body_size_is_a_setting(gql):
    limit = int(0.01 * 1024 * 1024)
    async with gql.http() as client:
        at_limit = await client.post("/graphql", content=body_of(limit), headers={"content-type": "application/json"})
        over = await client.post("/graphql", content=body_of(limit + 1), headers={"content-type": "application/json"})
    assert at_limit.status_code == 200 and at_limit.json() == {"data": {"__typename": "Query"}}
    assert over.status_code == 413
    assert over.json()["errors"][0]["extensions"] == {
        "code": "PAYLOAD_TOO_LARGE",
        "limit": {"name": "bodyBytes", "max": limit},
    }


@pytest.mark.cettar(plugins=["akun", "wilayah"], settings=SMALL_BODY)
async def test_a_body_without_a_length_is_cut_off_at_the_limit_and_writes_nothing(gql, cettar_runtime):
    padding = " " * 11000
    body = json.dumps({"query": REGISTER + padding, "variables": {"input": citizen()}}).encode()

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    async with gql.http() as client:
        response = await client.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert await accounts(cettar_runtime) == 0


# -- timeout --------------------------------------------------------------------------------------


@strawberry.field(description="Sleeps, then answers (tests only).")
async def nap(seconds: float) -> str:
    await asyncio.sleep(seconds)
    return "awake"


@strawberry.field(description="Waits in the database (PostgreSQL's pg_sleep; tests only).")
async def database_nap(info: Info, seconds: float) -> str:
    async with info.context.db() as session:
        await session.execute(text("SELECT pg_sleep(:s)"), {"s": seconds})
    return "awake"


@strawberry.mutation(description="Renames a region, then sleeps (tests only).")
async def rename_region_slowly(info: Info, code: str, name: str, seconds: float) -> str:
    async with info.context.db() as session:
        await session.execute(update(Region).where(col(Region.code) == code).values(name=name))
    await asyncio.sleep(seconds)
    return name


class SlowPlugin:
    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="lambat", version="1.0", title="Slow resolvers (tests only)")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.query(nap, database_nap)
        builder.mutation(rename_region_slowly)


SLOW = pytest.mark.cettar(
    plugins=["akun", "wilayah", "lambat"], extra_plugins=[SlowPlugin], settings={"query_timeout_seconds": 0.5}
)
RENAME = 'mutation { renameRegionSlowly(code: "35", name: "Diganti", seconds: SECONDS) }'


async def region_name(runtime: Runtime, code: str) -> str:
    async with runtime.database.session() as session:
        return str(await session.scalar(select(Region.name).where(col(Region.code) == code)))


@SLOW
async def test_an_operation_over_the_timeout_is_stopped(gql):
    assert (await gql.execute("{ nap(seconds: 0.01) }")) == {"nap": "awake"}
    started = time.monotonic()
    response = await gql.query("{ nap(seconds: 10) }")
    assert time.monotonic() - started < 5
    assert response.codes == ["QUERY_TIMEOUT"]
    assert response.errors[0]["extensions"]["limit"] == {"name": "timeoutSeconds", "max": 0.5}
    assert response.data is None
    english = await gql.query("{ nap(seconds: 10) }", language="en")
    assert english.errors[0]["message"] == "The operation was stopped after 0.5 seconds; nothing was changed."


@SLOW
async def test_a_mutation_over_the_timeout_is_rolled_back(gql, cettar_runtime):
    response = await gql.query(RENAME.replace("SECONDS", "10"))
    assert response.codes == ["QUERY_TIMEOUT"]
    assert await region_name(cettar_runtime, "35") == "Jawa Timur"
    done = await gql.execute(RENAME.replace("SECONDS", "0"))
    assert done == {"renameRegionSlowly": "Diganti"}
    assert await region_name(cettar_runtime, "35") == "Diganti"


@pytest.mark.cettar(**SLOW.kwargs, backends=("postgresql",))  # pg_sleep, and a statement PostgreSQL cancels
async def test_a_statement_cut_off_by_the_timeout_leaves_the_database_usable(gql, cettar_runtime):
    response = await gql.query("{ databaseNap(seconds: 5) }")
    assert response.codes == ["QUERY_TIMEOUT"]
    for _ in range(3):  # every pooled connection still answers
        assert (await gql.execute("{ databaseNap(seconds: 0) }")) == {"databaseNap": "awake"}


# -- caching --------------------------------------------------------------------------------------


async def test_the_limit_rules_run_once_per_document(gql, monkeypatch):
    from schema import limits

    measured: list[int] = []
    original = limits._OperationMeasurer.operation

    def counting(self: Any, node: Any) -> Any:
        measured.append(1)
        return original(self, node)

    monkeypatch.setattr(limits._OperationMeasurer, "operation", counting)
    query = '{ region(code: "35.78") { name } cachedOnce: __typename }'
    for _ in range(3):
        assert not (await gql.query(query)).errors
    assert measured == [1], "validated once, then answered from the validation cache"


# -- settings and docs ----------------------------------------------------------------------------

LIMIT_SETTINGS = {
    "max_tokens": "5,000",
    "max_query_depth": "15",
    "max_aliases": "30",
    "max_directives": "50",
    "max_query_cost": "50,000",
    "max_page_size": "100",
    "max_body_mib": "10 MiB",
    "query_timeout_seconds": "30 s",
    "batching": "off",
    "max_batch_operations": "10",
}


def test_docs_list_every_limit_with_its_setting_and_default():
    page = (Path(__file__).resolve().parents[2] / "docs" / "limits.md").read_text(encoding="utf-8")
    defaults = Settings.model_fields
    for name, shown in LIMIT_SETTINGS.items():
        (row,) = [line for line in page.splitlines() if line.startswith("|") and f"`CETTAR_{name.upper()}`" in line]
        assert f"| {shown}" in row, (name, row)
        default = defaults[name].default
        assert str(default).replace(".0", "") in shown.replace(",", "") or (default is False and shown == "off")


@pytest.mark.parametrize("name", ["MAX_QUERY_DEPTH", "MAX_ALIASES", "MAX_TOKENS", "MAX_QUERY_COST", "MAX_BODY_MIB"])
def test_a_limit_below_one_stops_the_start_naming_it(name, monkeypatch):
    monkeypatch.setenv(f"CETTAR_{name}", "0")
    with pytest.raises(ConfigError, match=f"CETTAR_{name}"):
        load_settings()
