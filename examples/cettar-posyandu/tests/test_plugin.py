"""The plugin is found, contributes one type, one query field and one table, and can be disabled."""

from __future__ import annotations

from typing import Any

import pytest
from core.config import Settings
from core.runtime import Runtime
from core.testkit import GraphQLClient
from core.testkit.plugin import TestApp
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

PLUGINS = "{ plugins { name source version title agency regionCode hooks queryFields mutationFields types tables permissions } }"


async def test_listed_by_plugins_query_with_its_contributions(gql: GraphQLClient) -> None:
    data = await gql.execute(PLUGINS)
    (plugin,) = [p for p in data["plugins"] if p["name"] == "posyandu"]
    assert plugin == {
        "name": "posyandu",
        "source": "entry-point",
        "version": "0.1.0",
        "title": "Posyandu (contoh plugin)",
        "agency": "Dinas Kesehatan Kota Surabaya",
        "regionCode": "35.78",
        "hooks": ["cettar_migrations", "cettar_permissions", "cettar_plugin_meta", "cettar_schema", "cettar_seed"],
        "queryFields": ["posyandus"],
        "mutationFields": ["updatePosyanduCadres"],
        "types": ["Posyandu", "UpdatePosyanduCadresInput", "UpdatePosyanduCadresPayload"],
        "tables": ["posyandu_post"],
        "permissions": ["posyandu.manage"],
    }


async def test_type_and_query_field_are_in_the_schema(gql: GraphQLClient) -> None:
    data = await gql.execute(
        """{
          posyandu: __type(name: "Posyandu") {
            kind interfaces { name } fields { name type { kind name ofType { name } } }
          }
          query: __type(name: "Query") { fields { name args { name type { name } } type { kind ofType { name } } } }
        }"""
    )
    posyandu = data["posyandu"]
    assert posyandu["kind"] == "OBJECT"
    assert posyandu["interfaces"] == [{"name": "Node"}]
    fields = {f["name"]: f["type"] for f in posyandu["fields"]}
    assert set(fields) == {"id", "name", "regionCode", "kaderCount", "hamlet"}
    assert fields["kaderCount"] == {"kind": "NON_NULL", "name": None, "ofType": {"name": "Int"}}
    assert fields["hamlet"] == {"kind": "SCALAR", "name": "String", "ofType": None}

    (field,) = [f for f in data["query"]["fields"] if f["name"] == "posyandus"]
    assert field["type"] == {"kind": "NON_NULL", "ofType": {"name": "PosyanduConnection"}}
    assert {a["name"]: a["type"]["name"] for a in field["args"]} == {
        "regionCode": "String",
        "first": "Int",
        "after": "String",
        "last": "Int",
        "before": "String",
    }


def _table_facts(connection: Connection) -> dict[str, Any]:
    inspector = inspect(connection)
    return {
        "columns": {c["name"]: c["nullable"] for c in inspector.get_columns("posyandu_post")},
        "foreign_keys": [
            (fk["constrained_columns"], fk["referred_table"], fk["referred_columns"])
            for fk in inspector.get_foreign_keys("posyandu_post")
        ],
        "revisions": set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars()),
    }


async def test_migration_created_the_table(cettar_runtime: Runtime) -> None:
    async with cettar_runtime.database.engine.connect() as connection:
        facts = await connection.run_sync(_table_facts)
    assert facts["columns"] == {"id": False, "name": False, "region_code": False, "kader_count": False, "hamlet": True}
    assert facts["foreign_keys"] == [(["region_code"], "core_region", ["code"])]
    assert "posyandu_0001" in facts["revisions"]


@pytest.mark.cettar(disable=["posyandu"])
async def test_disabled_plugin_has_no_field(gql: GraphQLClient, cettar_app: TestApp, cettar_settings: Settings) -> None:
    assert cettar_settings.disable_plugins == ["posyandu"]
    assert "posyandu" not in [p.name for p in cettar_app.runtime.plugins.plugins]

    response = await gql.query("{ posyandus { totalCount } }")
    assert response.data is None
    assert response.codes == ["GRAPHQL_VALIDATION_FAILED"]

    data = await gql.execute('{ plugins { name } type: __type(name: "Posyandu") { name } }')
    assert "posyandu" not in [p["name"] for p in data["plugins"]]
    assert data["type"] is None
