"""The plugin as a whole: its contributions, migration, agencies, innovation record, demo data and examples."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection
from sqlmodel import col

from core.config import Settings
from core.errors import MESSAGES
from core.innovations import InnovationRecord, Stage
from core.regions.models import Agency
from core.runtime import Runtime
from core.testkit import GraphQLClient
from core.testkit.plugin import TestApp
from plugins.gayatri import errors
from plugins.gayatri.models import Cadre, Case, CaseEntry, Child, Immunisation, Measurement
from schema.graphiql.examples import example_operations
from tests.gayatri.support import PLUGINS, count, rows, seed_demo

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

TABLES = {
    "gayatri_cadre",
    "gayatri_child",
    "gayatri_measurement",
    "gayatri_immunisation",
    "gayatri_case",
    "gayatri_case_entry",
}
MODELS = (Cadre, Child, Measurement, Immunisation, Case, CaseEntry)


async def test_listed_with_its_contributions(gql: GraphQLClient) -> None:
    data = await gql.execute(
        "{ plugins { name title agency regionCode queryFields mutationFields subscriptionFields tables } }"
    )
    (plugin,) = [p for p in data["plugins"] if p["name"] == "gayatri"]
    assert plugin["agency"] == "Humas Pemerintah Kota Mojokerto" and plugin["regionCode"] == "35.76"
    assert set(plugin["tables"]) == TABLES
    assert plugin["subscriptionFields"] == ["gayatriEmergencies"]
    assert set(plugin["queryFields"]) == {
        "gayatriCadres",
        "gayatriChildren",
        "gayatriCases",
        "gayatriKelurahanStats",
        "gayatriCaseCounts",
        "gayatriImmunisationSchedule",
        "gayatriGrowthReference",
    }
    # Named verb first like every mutation of the platform (`registerBumDesa`, `enrolSepasarTrader`).
    assert sorted(plugin["mutationFields"]) == [
        "addGayatriCaseFollowUp",
        "recordGayatriImmunisation",
        "recordGayatriMeasurement",
        "registerGayatriCadre",
        "registerGayatriChild",
        "reportGayatriCase",
        "resolveGayatriCase",
        "routeGayatriCase",
        "triageGayatriCase",
        "updateGayatriCadre",
    ]


def _table_facts(connection: Connection) -> dict[str, Any]:
    inspector = inspect(connection)
    return {
        "tables": {t for t in inspector.get_table_names() if t.startswith("gayatri_")},
        "revisions": set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars()),
        "case_fks": {fk["referred_table"] for fk in inspector.get_foreign_keys("gayatri_case")},
    }


async def test_its_migration_created_the_tables(cettar_runtime: Runtime) -> None:
    async with cettar_runtime.database.engine.connect() as connection:
        facts = await connection.run_sync(_table_facts)
    assert facts["tables"] == TABLES
    assert "gayatri_0001" in facts["revisions"]
    assert facts["case_fks"] == {"core_account", "core_agency", "core_region", "gayatri_cadre", "gayatri_child"}


async def test_its_agencies_and_innovation_record(cettar_runtime: Runtime) -> None:
    async with cettar_runtime.database.session() as session:
        found = await session.execute(
            select(col(Agency.code), col(Agency.name)).where(col(Agency.region_code) == "35.76")
        )
        names = {str(code): str(name) for code, name in found}
    assert names["dinkes-3576"] == "Dinas Kesehatan Kota Mojokerto"
    assert names["dinsos-3576"] == "Dinas Sosial Kota Mojokerto"
    assert names["humas-3576"] == "Humas Pemerintah Kota Mojokerto"

    ((_plugin, record),) = [r for r in cettar_runtime.plugins.call("cettar_innovation") if r[0].name == "gayatri"]
    assert isinstance(record, InnovationRecord)
    assert (record.code, record.name, record.agency_code, record.region_code) == (
        "gayatri",
        "GAYATRI",
        "humas-3576",
        "35.76",
    )
    assert record.acronym_meaning is None  # the source does not expand it
    assert record.stage is Stage.PENERAPAN
    assert record.year_started is None  # the source gives no start year
    # The registry describes every innovation in Bahasa Indonesia.
    assert record.description.startswith("Gerbang informasi kesehatan dan sosial terpadu Kota Mojokerto: kader")
    (award,) = record.awards
    assert (award.rank, award.year, award.issuer) == ("TOP 45", 2020, "Kementerian PANRB")
    assert "Kompetisi Inovasi Pelayanan Publik" in award.competition


async def test_its_permissions_are_declared(gql: GraphQLClient) -> None:
    province = await gql.login("admin.provinsi")
    declared = (await province.execute("{ permissions { name plugin defaultRoles } }"))["permissions"]
    mine = {p["name"]: sorted(p["defaultRoles"]) for p in declared if p["plugin"] == "gayatri"}
    assert mine == {
        "gayatri.cadres.manage": ["AGENCY_ADMIN", "PROVINCE_ADMIN"],
        "gayatri.children.record": ["AGENCY_ADMIN", "OFFICER"],
        "gayatri.cases.handle": ["AGENCY_ADMIN", "OFFICER"],
    }


async def _table_counts(runtime: Runtime) -> dict[str, int]:
    return {str(model.__tablename__): await rows(runtime, model) for model in MODELS}


async def test_demo_data_is_a_realistic_spread_and_seeding_twice_changes_nothing(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_demo(cettar_runtime)
    first = await _table_counts(cettar_runtime)
    await seed_demo(cettar_runtime)
    assert await _table_counts(cettar_runtime) == first
    assert first["gayatri_cadre"] == 5 and first["gayatri_child"] == 7 and first["gayatri_case"] == 6

    async with cettar_runtime.database.session() as session:
        kelurahan = set((await session.execute(select(col(Cadre.kelurahan_code)))).scalars())
        statuses = Counter((await session.execute(select(col(Case.status)))).scalars())
        categories = Counter((await session.execute(select(col(Measurement.category)))).scalars())
    assert len({code.rsplit(".", 1)[0] for code in kelurahan}) == 3, "cadres in every kecamatan"
    assert all(code.startswith("35.76.") for code in kelurahan)
    assert set(statuses) == {"reported", "triaged", "routed", "in_follow_up", "resolved"}
    assert {"stunted", "severely_stunted", "normal"} <= set(categories)

    staff = await gql.login("petugas.dinkes.mojokerto")
    missed = await staff.execute("{ gayatriChildren(first: 20) { nodes { missedDoses { dose } } } }")
    assert sum(len(n["missedDoses"]) for n in missed["gayatriChildren"]["nodes"]) >= 5
    notified = (
        select(text("1")).select_from(text("core_notification")).where(text("kind = 'gayatri.case_status_changed'"))
    )
    assert await count(cettar_runtime, notified) > 0


def _gayatri_examples(runtime: Runtime) -> list[Any]:
    return [e for e in example_operations(runtime) if e.plugin == "gayatri"]


async def _run_examples(gql: GraphQLClient, runtime: Runtime) -> list[dict[str, Any]]:
    results = []
    for example in _gayatri_examples(runtime):
        client = await gql.login(example.sign_in_as) if example.sign_in_as else gql
        response = await client.query(example.query, example.variables)
        assert response.errors == [], (example.name, response.errors)
        assert all(value is not None for value in response.data.values()), example.name
        results.append(response.data)
    return results


async def test_the_graphiql_examples_run_with_and_without_demo_data(
    gql: GraphQLClient, cettar_runtime: Runtime, cettar_app: TestApp
) -> None:
    examples = _gayatri_examples(cettar_runtime)
    assert [e.name for e in examples] == [
        "GayatriStuntingPerKelurahan",
        "GayatriKasusDarurat",
        "GayatriJadwalImunisasi",
    ]
    for example in examples:
        comment = [line for line in example.query.splitlines() if line.startswith("#")]
        assert any(line.startswith("# ID: ") for line in comment) and any(line.startswith("# EN: ") for line in comment)
        assert all(len(line) <= 56 for line in comment)
    empty = await _run_examples(gql, cettar_runtime)
    assert empty[1]["gayatriCases"]["totalCount"] == 0
    await seed_demo(cettar_runtime)
    seeded = await _run_examples(gql, cettar_runtime)
    assert seeded[1]["gayatriCases"]["totalCount"] == 1
    assert sum(r["stuntedChildren"] for r in seeded[0]["gayatriKelurahanStats"]) == 2  # Prajurit Kulon: Mentikan


INTROSPECT = """
query ($name: String!) {
  __type(name: $name) {
    name kind description
    fields { name description args { name description } }
    inputFields { name description }
    enumValues { name }
  }
}
"""


async def test_every_gayatri_type_and_field_is_described(gql: GraphQLClient) -> None:
    names = [
        t["name"]
        for t in (await gql.execute("{ __schema { types { name } } }"))["__schema"]["types"]
        # Connection and Edge types are generated by the kernel's Connection[T] (not described there)
        if "Gayatri" in t["name"] and not t["name"].endswith(("Connection", "Edge"))
    ]
    assert len(names) > 40  # the types, enums, filters, and the inputs and payloads of every mutation
    undocumented = []
    for name in names:
        found = (await gql.execute(INTROSPECT, {"name": name}))["__type"]
        if not found["description"]:
            undocumented.append(name)
        for field in (found["fields"] or []) + (found["inputFields"] or []):
            if not field["description"]:
                undocumented.append(f"{name}.{field['name']}")
    assert undocumented == [], undocumented
    root = (await gql.execute('{ __type(name: "Query") { fields { name description } } }'))["__type"]["fields"]
    assert all(f["description"] for f in root if f["name"].startswith("gayatri"))
    mutations = (await gql.execute('{ __type(name: "Mutation") { fields { name description } } }'))["__type"]
    assert all(f["description"] for f in mutations["fields"] if "Gayatri" in f["name"])


def test_every_error_code_is_registered_and_documented() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "plugins" / "gayatri.md").read_text(encoding="utf-8")
    for code, pair in errors.MESSAGES.items():
        assert MESSAGES[code] == pair
        assert f"| `{code}` |" in page, code


@pytest.mark.cettar(plugins=["akun", "wilayah"])
async def test_without_the_plugin_nothing_of_it_is_served(gql: GraphQLClient, cettar_settings: Settings) -> None:
    response = await gql.query("{ gayatriCaseCounts { total } }")
    assert response.codes == ["GRAPHQL_VALIDATION_FAILED"]
    assert (await gql.execute('{ __type(name: "GayatriCase") { name } }'))["__type"] is None
