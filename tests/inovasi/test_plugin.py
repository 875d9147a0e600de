"""The plugin as the platform lists it: agency, contributions, permission, tables, documented schema, examples."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from core.runtime import Runtime
from core.testkit import GraphQLClient
from schema.graphiql.examples import example_operations
from tests.inovasi.support import fresh_registry

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi"])

PLUGINS = """{ plugins { name title agency regionCode hooks queryFields mutationFields types tables permissions examples } }"""


async def test_listed_with_its_agency_and_contributions(gql: GraphQLClient) -> None:
    (plugin,) = [p for p in (await gql.execute(PLUGINS))["plugins"] if p["name"] == "inovasi"]
    assert plugin == {
        "name": "inovasi",
        "title": "Registri inovasi pelayanan publik",
        "agency": "Biro Organisasi Setda Provinsi Jawa Timur",
        "regionCode": "35",
        "hooks": [
            "cettar_agencies",
            "cettar_migrations",
            "cettar_permissions",
            "cettar_plugin_meta",
            "cettar_schema",
            "cettar_seed",
        ],
        "queryFields": ["innovation", "innovationAwards", "innovations"],
        "mutationFields": ["addInnovationAward", "createInnovation", "updateInnovation", "updateInnovationAward"],
        "types": [
            "AddInnovationAwardInput",
            "AddInnovationAwardPayload",
            "AwardFilter",
            "CreateInnovationInput",
            "CreateInnovationPayload",
            "Innovation",
            "InnovationAward",
            "InnovationAwardFilter",
            "InnovationFilter",
            "InnovationImplementation",
            "InnovationSource",
            "InnovationStage",
            "UpdateInnovationAwardInput",
            "UpdateInnovationAwardPayload",
            "UpdateInnovationInput",
            "UpdateInnovationPayload",
        ],
        "tables": ["inovasi_award", "inovasi_innovation"],
        "permissions": ["inovasi.manage"],
        "examples": ["InovasiTop45", "PenghargaanInovasi", "SatuInovasi"],
    }


async def test_the_permission_is_declared_for_the_province_admin(gql: GraphQLClient) -> None:
    admin = await gql.login("admin.provinsi")
    data = await admin.execute("{ permissions { name plugin defaultRoles } me { permissions } }")
    (declared,) = [p for p in data["permissions"] if p["name"] == "inovasi.manage"]
    assert declared == {"name": "inovasi.manage", "plugin": "inovasi", "defaultRoles": ["PROVINCE_ADMIN"]}
    assert "inovasi.manage" in data["me"]["permissions"]


TYPE_DOCS = """
query ($name: String!) {
  __type(name: $name) { name description fields { name description } inputFields { name description } }
}
"""


@pytest.mark.parametrize(
    "name",
    [
        "Innovation",
        "InnovationAward",
        "InnovationImplementation",
        "InnovationFilter",
        "InnovationAwardFilter",
        "AwardFilter",
        "CreateInnovationInput",
        "UpdateInnovationInput",
        "AddInnovationAwardInput",
        "UpdateInnovationAwardInput",
        "CreateInnovationPayload",
        "UpdateInnovationPayload",
        "AddInnovationAwardPayload",
        "UpdateInnovationAwardPayload",
    ],
)
async def test_every_type_and_field_is_described(gql: GraphQLClient, name: str) -> None:
    found = (await gql.execute(TYPE_DOCS, {"name": name}))["__type"]
    assert found["description"], name
    undocumented = [f["name"] for f in (found["fields"] or []) + (found["inputFields"] or []) if not f["description"]]
    assert undocumented == [], f"{name}: {undocumented}"


def _facts(connection: Connection) -> dict[str, Any]:
    inspector = inspect(connection)
    return {
        "innovation": {c["name"] for c in inspector.get_columns("inovasi_innovation")},
        "award_fks": [
            (fk["referred_table"], fk["referred_columns"]) for fk in inspector.get_foreign_keys("inovasi_award")
        ],
        "revisions": set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars()),
    }


async def test_its_migration_branch_created_the_tables(cettar_runtime: Runtime) -> None:
    async with cettar_runtime.database.engine.connect() as connection:
        facts = await connection.run_sync(_facts)
    assert {"code", "agency_id", "region_code", "plugin", "stage", "year_started"} <= facts["innovation"]
    assert facts["award_fks"] == [("inovasi_innovation", ["id"])]
    assert "inovasi_0001" in facts["revisions"]


async def test_the_graphiql_examples_run_against_demo_data(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await fresh_registry(cettar_runtime, demo=True)
    found = [e for e in example_operations(cettar_runtime) if e.plugin == "inovasi"]
    assert [e.name for e in found] == ["InovasiTop45", "PenghargaanInovasi", "SatuInovasi"]
    for example in found:
        client = await gql.login(example.sign_in_as) if example.sign_in_as else gql
        response = await client.query(example.query, example.variables)
        assert not response.errors, (example.name, response.errors)
        assert all(value is not None for value in response.data.values()), example.name
    top45 = await gql.query(found[0].query, found[0].variables)
    assert top45.data["innovations"]["totalCount"] == 4
