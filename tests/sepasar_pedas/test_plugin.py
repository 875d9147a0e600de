"""The plugin as the platform lists it, its hooks (agency, innovation, permissions), its settings, its demo
data and GraphiQL examples, and a documented schema."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from core.auth import Role
from core.innovations import Stage
from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.sepasar_pedas.models import Certificate, Enrolment, Market, SchoolClass, Trader
from schema.graphiql.examples import example_operations
from tests.sepasar_pedas.support import later, seed_demo, staff

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "sepasar_pedas"])

PLUGINS = "{ plugins { name title agency regionCode hooks tables permissions examples queryFields } }"


async def test_listed_with_its_agency_hooks_tables_and_permissions(gql: GraphQLClient) -> None:
    (plugin,) = [p for p in (await gql.execute(PLUGINS))["plugins"] if p["name"] == "sepasar_pedas"]
    assert plugin == {
        "name": "sepasar_pedas",
        "title": "SEPASAR PEDAS (Sekolah Pasar Pedagang Cerdas)",
        "agency": "Dinas Perdagangan Kota Malang",
        "regionCode": "35.73",
        "hooks": [
            "cettar_agencies",
            "cettar_innovation",
            "cettar_migrations",
            "cettar_permissions",
            "cettar_plugin_meta",
            "cettar_schema",
            "cettar_seed",
        ],
        "tables": [
            "sepasar_pedas_certificate",
            "sepasar_pedas_class",
            "sepasar_pedas_enrolment",
            "sepasar_pedas_market",
            "sepasar_pedas_trader",
        ],
        "permissions": [
            "sepasar_pedas.certificates.issue",
            "sepasar_pedas.classes.manage",
            "sepasar_pedas.markets.manage",
            "sepasar_pedas.traders.manage",
        ],
        "examples": ["PasarSepasarPedas", "CekSertifikatSepasar", "KelasSepasarPedas"],
        "queryFields": [
            "mySepasarCertificates",
            "mySepasarEnrolments",
            "sepasarClasses",
            "sepasarMarket",
            "sepasarMarkets",
            "sepasarTraders",
            "verifySepasarCertificate",
        ],
    }


async def test_it_registers_its_agency_and_innovation(cettar_runtime: Runtime, gql: GraphQLClient) -> None:
    ((_, agencies),) = cettar_runtime.plugins.call("cettar_agencies")
    assert [(a.code, a.name, a.region_code) for a in agencies] == [
        ("disdag-3573", "Dinas Perdagangan Kota Malang", "35.73")
    ]
    ((plugin, record),) = cettar_runtime.plugins.call("cettar_innovation")
    assert plugin.name == "sepasar_pedas"
    assert (record.code, record.name, record.acronym_meaning, record.agency_code, record.region_code) == (
        "sepasar-pedas",
        "SEPASAR PEDAS",
        "Sekolah Pasar Pedagang Cerdas",
        "disdag-3573",
        "35.73",
    )
    assert (record.category, record.stage) == ("perdagangan", Stage.PENERAPAN)
    assert [(a.competition, a.rank, a.year) for a in record.awards] == [
        ("Kompetisi Inovasi Pelayanan Publik (KIPP)", "TOP 45", 2020)
    ]
    # Without the registry enabled the plugin works the same: no registry field in the schema.
    assert (await gql.query("{ innovations { totalCount } }")).codes == ["GRAPHQL_VALIDATION_FAILED"]


async def test_default_roles_of_its_permissions(gql: GraphQLClient) -> None:
    admin = await gql.login("admin.provinsi")
    data = await admin.execute("{ permissions { name plugin defaultRoles } }")
    declared = {p["name"]: p["defaultRoles"] for p in data["permissions"] if p["plugin"] == "sepasar_pedas"}
    assert declared == {
        "sepasar_pedas.certificates.issue": ["AGENCY_ADMIN"],
        "sepasar_pedas.classes.manage": ["AGENCY_ADMIN", "OFFICER"],
        "sepasar_pedas.markets.manage": ["AGENCY_ADMIN", "PROVINCE_ADMIN"],
        "sepasar_pedas.traders.manage": ["AGENCY_ADMIN", "OFFICER"],
    }


async def _counts(runtime: Runtime) -> tuple[int, ...]:
    async with runtime.database.session() as session:
        return tuple(
            [
                int(await session.scalar(select(func.count()).select_from(model)) or 0)
                for model in (Market, Trader, SchoolClass, Enrolment, Certificate)
            ]
        )


async def test_demo_data_is_seeded_once(cettar_runtime: Runtime) -> None:
    assert await _counts(cettar_runtime) == (0, 0, 0, 0, 0)  # reference seeding adds none
    await seed_demo(cettar_runtime)
    first = await _counts(cettar_runtime)
    assert first == (4, 10, 4, 12, 5)
    await seed_demo(cettar_runtime)
    assert await _counts(cettar_runtime) == first


async def test_the_graphiql_examples_run_against_demo_data(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    found = [e for e in example_operations(cettar_runtime) if e.plugin == "sepasar_pedas"]
    assert [e.name for e in found] == ["PasarSepasarPedas", "CekSertifikatSepasar", "KelasSepasarPedas"]
    for example in found:
        client = await gql.login(example.sign_in_as) if example.sign_in_as else gql
        response = await client.query(example.query, example.variables)
        assert not response.errors, (example.name, response.errors)
        assert all(value is not None for value in response.data.values()), example.name
    checked = await gql.query(found[1].query, found[1].variables)
    assert checked.data["verifySepasarCertificate"]["status"] == "VALID"


async def test_the_class_size_limit_is_a_setting(
    gql: GraphQLClient, cettar_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = cettar_runtime.plugins.get("sepasar_pedas").settings
    assert settings is not None
    assert settings.model_dump() == {"agency_code": "disdag-3573", "max_class_capacity": 200}
    monkeypatch.setattr(settings, "max_class_capacity", 10)  # as CETTAR_SEPASAR_PEDAS_MAX_CLASS_CAPACITY=10
    officer = await staff(gql, cettar_runtime, "petugas.disdag", Role.OFFICER)
    schedule = """mutation ($input: ScheduleSepasarClassInput!) { scheduleSepasarClass(input: $input) { class { capacity } } }"""
    base: dict[str, Any] = {
        "title": "Pemasaran daring",
        "topic": "MARKETING",
        "venue": "Balai Kota Malang",
        "startsAt": later(30).isoformat(),
        "endsAt": later(32).isoformat(),
    }
    refused = await officer.query(schedule, {"input": {**base, "capacity": 11}})
    assert refused.codes == ["SEPASAR_INVALID_CAPACITY"]
    assert "10" in refused.errors[0]["message"]
    ok = await officer.execute(schedule, {"input": {**base, "capacity": 10}})
    assert ok["scheduleSepasarClass"]["class"]["capacity"] == 10


TYPE_DOCS = """
query ($name: String!) {
  __type(name: $name) { name description fields { name description } inputFields { name description } }
}
"""


@pytest.mark.parametrize(
    "name",
    [
        "SepasarMarket",
        "SepasarMarketStatistics",
        "SepasarTrader",
        "SepasarClass",
        "SepasarEnrolment",
        "SepasarCertificate",
        "SepasarCertificateVerification",
        "SepasarTraderFilter",
        "SepasarClassFilter",
        "CreateSepasarMarketInput",
        "UpdateSepasarMarketInput",
        "RegisterSepasarTraderInput",
        "UpdateSepasarTraderInput",
        "LinkMySepasarTradersInput",
        "ScheduleSepasarClassInput",
        "UpdateSepasarClassInput",
        "EnrolSepasarTraderInput",
        "SepasarAttendanceEntry",
        "RecordSepasarAttendanceInput",
        "IssueSepasarCertificateInput",
        "RevokeSepasarCertificateInput",
        "CreateSepasarMarketPayload",
        "UpdateSepasarMarketPayload",
        "RegisterSepasarTraderPayload",
        "UpdateSepasarTraderPayload",
        "LinkMySepasarTradersPayload",
        "ScheduleSepasarClassPayload",
        "UpdateSepasarClassPayload",
        "EnrolSepasarTraderPayload",
        "RecordSepasarAttendancePayload",
        "IssueSepasarCertificatePayload",
        "RevokeSepasarCertificatePayload",
    ],
)
async def test_every_type_and_field_is_described(gql: GraphQLClient, name: str) -> None:
    found = (await gql.execute(TYPE_DOCS, {"name": name}))["__type"]
    assert found is not None, name
    assert found["description"], name
    undocumented = [f["name"] for f in (found["fields"] or []) + (found["inputFields"] or []) if not f["description"]]
    assert undocumented == [], f"{name}: {undocumented}"
