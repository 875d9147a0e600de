"""The plugin as a whole: what it contributes, its migration, seed, innovation, examples, error catalogue,
and list fields whose SQL statements do not grow with the page size."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlmodel import col

from core.auth import Principal, Role
from core.innovations import InnovationRecord, Stage
from core.regions.models import Region, RegionKind
from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from plugins.klinik_bumdes.errors import MESSAGES
from plugins.klinik_bumdes.models import Enterprise, Grade, Sector, Topic
from plugins.klinik_bumdes.service import consultations, registry
from plugins.klinik_bumdes.service.access import Access, clinic_agency_id
from schema.graphiql.examples import example_operations
from tests.klinik_bumdes.support import PLUGINS, count, counts, seed_demo

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins" / "klinik_bumdes.md"


async def test_the_plugin_lists_its_contributions(gql: GraphQLClient) -> None:
    data = await gql.execute(
        "{ plugins { name version title agency regionCode hooks queryFields mutationFields tables permissions examples } }"
    )
    (plugin,) = [p for p in data["plugins"] if p["name"] == "klinik_bumdes"]
    assert plugin["title"] == "Klinik BUM Desa"
    assert plugin["agency"] == "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Jawa Timur"
    assert plugin["regionCode"] == "35"
    assert plugin["hooks"] == [
        "cettar_agencies",
        "cettar_innovation",
        "cettar_migrations",
        "cettar_permissions",
        "cettar_plugin_meta",
        "cettar_schema",
        "cettar_seed",
    ]
    assert plugin["queryFields"] == [
        "bumDesa",
        "bumDesaCoachingPrograms",
        "bumDesaConsultations",
        "bumDesaExperts",
        "bumDesaStatistics",
        "bumDesas",
    ]
    assert len(plugin["mutationFields"]) == 19
    assert plugin["permissions"] == ["klinik_bumdes.consult", "klinik_bumdes.manage"]
    assert plugin["examples"] == ["RegistriBumDesa", "StatistikBumDesa", "KonsultasiBumDesa"]
    assert plugin["tables"] == sorted(
        f"klinik_bumdes_{t}"
        for t in (
            "enterprise",
            "unit",
            "grade_change",
            "revenue",
            "expert",
            "expert_topic",
            "ticket",
            "ticket_step",
            "session",
            "note",
            "program",
            "enrollment",
        )
    )
    admin = await gql.login("admin.provinsi")
    declared = {
        p["name"]: p for p in (await admin.execute("{ permissions { name plugin defaultRoles } }"))["permissions"]
    }
    assert declared["klinik_bumdes.manage"] == {
        "name": "klinik_bumdes.manage",
        "plugin": "klinik_bumdes",
        "defaultRoles": ["PROVINCE_ADMIN"],
    }
    assert declared["klinik_bumdes.consult"]["defaultRoles"] == ["PROVINCE_ADMIN"]


async def test_every_type_and_field_is_described(gql: GraphQLClient) -> None:
    data = await gql.execute(
        """{ __schema { types { name description fields { name description args { name description } }
             inputFields { name description } } } }"""
    )
    ours = [
        t for t in data["__schema"]["types"] if t["name"].startswith("BumDesa") or t["name"].endswith("BumDesaInput")
    ]
    ours += [t for t in data["__schema"]["types"] if re.search(r"BumDesa.*(Input|Payload|Filter)$", t["name"])]
    # connections and edges are the schema's generic types, described there
    ours = [t for t in ours if not t["name"].endswith(("Connection", "Edge"))]
    assert len({t["name"] for t in ours}) > 50
    for kind in ours:
        assert kind["description"], kind["name"]
        for field in (kind["fields"] or []) + (kind["inputFields"] or []):
            if field["name"] == "id":
                continue
            assert field["description"], f"{kind['name']}.{field['name']}"
            for arg in field.get("args") or []:
                if arg["name"] not in ("first", "after", "last", "before", "filter", "input"):
                    assert arg["description"], f"{kind['name']}.{field['name']}({arg['name']})"


@pytest.mark.cettar(plugins=["akun", "wilayah"])
async def test_without_the_plugin_there_is_no_registry(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    response = await gql.query("{ bumDesas { totalCount } }")
    assert response.codes == ["GRAPHQL_VALIDATION_FAILED"]
    assert "klinik_bumdes" not in [p.name for p in cettar_runtime.plugins.plugins]


def _migration_facts(connection: Any) -> dict[str, Any]:
    from sqlalchemy import inspect

    inspector = inspect(connection)
    return {
        "checks": sorted(c["name"] for c in inspector.get_check_constraints("klinik_bumdes_revenue")),
        "uniques": sorted(u["name"] for u in inspector.get_unique_constraints("klinik_bumdes_enterprise")),
        "money": str(next(c["type"] for c in inspector.get_columns("klinik_bumdes_revenue") if c["name"] == "revenue")),
        "versions": set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars()),
    }


async def test_migration_created_constrained_tables(cettar_runtime: Runtime) -> None:
    async with cettar_runtime.database.engine.connect() as connection:
        facts = await connection.run_sync(_migration_facts)
    assert facts["checks"] == ["ck_klinik_bumdes_revenue_pades", "ck_klinik_bumdes_revenue_revenue"]
    assert facts["uniques"] == [
        "uq_klinik_bumdes_enterprise_desa_code",
        "uq_klinik_bumdes_enterprise_legal_number",
        "uq_klinik_bumdes_enterprise_name",
    ]
    assert facts["money"] == "BIGINT"
    assert "klinik_bumdes_0001" in facts["versions"] or any(v.startswith("klinik_bumdes_") for v in facts["versions"])
    # the database itself refuses a contribution above the revenue, whatever the caller
    async with cettar_runtime.database.session() as session:
        await session.execute(
            text(
                "INSERT INTO klinik_bumdes_enterprise (name, desa_code, district_code, regency_code, established_year,"
                " legal_status, grade, created_at, updated_at) VALUES ('BUM Desa Uji Widoro', '35.01.01.2001',"
                " '35.01.01', '35.01', 2021, 'not_registered', 'pemula', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        async with cettar_runtime.database.session() as session:
            await session.execute(
                text(
                    "INSERT INTO klinik_bumdes_revenue (enterprise_id, year, revenue, pades_contribution, recorded_at)"
                    " SELECT id, 2024, 100, 101, CURRENT_TIMESTAMP FROM klinik_bumdes_enterprise"
                )
            )


async def test_reference_seed_is_empty_and_demo_seed_is_idempotent(cettar_runtime: Runtime) -> None:
    async with cettar_runtime.database.session() as session:
        await cettar_runtime.plugins.acall("cettar_seed", session=session, demo=False, runtime=cettar_runtime)
    assert await count(cettar_runtime, "klinik_bumdes_enterprise") == 0
    await seed_demo(cettar_runtime)
    first = await counts(cettar_runtime)
    assert first["klinik_bumdes_enterprise"] == 11 and first["klinik_bumdes_ticket"] == 9
    await seed_demo(cettar_runtime)
    assert await counts(cettar_runtime) == first
    async with cettar_runtime.database.session() as session:
        statuses: dict[str, int] = dict(
            (await session.execute(text("SELECT status, count(*) FROM klinik_bumdes_ticket GROUP BY status"))).all()
        )
    assert statuses == {"opened": 2, "assigned": 1, "scheduled": 3, "resolved": 1, "closed": 2}, "every state"


async def test_the_innovation_is_registered_with_its_award(cettar_runtime: Runtime) -> None:
    (record,) = [r for plugin, r in cettar_runtime.plugins.call("cettar_innovation") if plugin.name == "klinik_bumdes"]
    assert isinstance(record, InnovationRecord)
    assert (record.code, record.name, record.agency_code, record.region_code, record.stage) == (
        "klinik-bumdes",
        "Klinik BUM Desa",
        "dpmd-jatim",
        "35",
        Stage.PENERAPAN,
    )
    (award,) = record.awards
    assert (award.competition, award.rank, award.year, award.issuer) == (
        "Kompetisi Inovasi Pelayanan Publik (KIPP)",
        "TOP 45",
        2020,
        "Kementerian PANRB",
    )
    # The Governor's article dates this one award: handed over on 25 November 2020. The registry keeps what a
    # record says, so a record without the date would hide it. No start year: the article gives none.
    assert (award.awarded_on, award.category, record.year_started) == (date(2020, 11, 25), None, None)
    async with cettar_runtime.database.session() as session:
        assert await clinic_agency_id(session) is not None, "the agency it names exists"


async def test_examples_run_with_and_without_demo_data(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    ours = [e for e in example_operations(cettar_runtime) if e.plugin == "klinik_bumdes"]
    assert [e.name for e in ours] == ["RegistriBumDesa", "StatistikBumDesa", "KonsultasiBumDesa"]
    for seeded in (False, True):
        if seeded:
            await seed_demo(cettar_runtime)
        for example in ours:
            assert all(len(line) <= 56 for line in example.query.splitlines() if line.startswith("#"))
            client = await gql.login(example.sign_in_as) if example.sign_in_as else gql
            response = await client.query(example.query, example.variables)
            assert not response.errors, (example.name, response.errors)
            assert all(v is not None for v in response.data.values())
    registry_page = (await gql.query(ours[0].query, ours[0].variables)).data["bumDesas"]
    assert registry_page["totalCount"] == 2
    admin = await gql.login("admin.provinsi")
    consultations_page = (await admin.query(ours[2].query, ours[2].variables)).data["bumDesaConsultations"]
    assert consultations_page["totalCount"] == 9


def test_every_error_code_is_in_the_plugin_page() -> None:
    page = DOCS.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|", page, re.M))
    assert set(MESSAGES) <= listed, sorted(set(MESSAGES) - listed)
    for code, (indonesian, english) in MESSAGES.items():
        assert code.startswith("BUMDES_") and indonesian != english


# -- statement counts ------------------------------------------------------------------------

REGISTRY_PAGE = """
query($first: Int!) {
  bumDesas(first: $first) {
    totalCount
    nodes {
      id name desaName kecamatanName regencyName grade directorName contactPhone managerName managedByMe
      units { id name sector bumDesa { name } }
      gradeHistory { grade effectiveOn }
      revenues { year revenue contributionPercent }
    }
  }
}
"""
CONSULTATION_PAGE = """
query($first: Int!) {
  bumDesaConsultations(first: $first) {
    totalCount
    nodes {
      id number status requesterName
      bumDesa { name regencyName units { name } }
      expert { name topics email accountUsername }
      sessions { status startsAt expert { name } }
      notes { body authorName }
      history { action actorName }
    }
  }
}
"""


async def _fill(runtime: Runtime, enterprises: int, tickets: int) -> None:
    """Top the demo data up to ``enterprises`` BUM Desa and ``tickets`` consultations, through the services."""
    async with runtime.database.session() as session:
        agency_id = await clinic_agency_id(session)
        access = Access(Principal(role=Role.PROVINCE_ADMIN, account_id=None), agency_id=agency_id)
        taken = set((await session.execute(select(col(Enterprise.desa_code)))).scalars())
        have = len(taken)
        desa = (
            await session.execute(
                select(Region)
                .where(col(Region.kind) == RegionKind.DESA)
                .order_by(col(Region.code))
                .limit(enterprises + 20)
            )
        ).scalars()
        for region in desa:
            if have >= enterprises:
                break
            if region.code in taken:
                continue
            created = await registry.register(
                session,
                access,
                registry.BumDesaData(
                    name=f"BUM Desa Maju {region.name}",
                    desa_code=region.code,
                    established_year=2020,
                    grade=Grade.PEMULA,
                    director_name="Direktur Uji",
                    contact_phone="+6281330719999",
                ),
            )
            assert created.id is not None
            await registry.add_unit(
                session, access, created.id, registry.UnitData(name="Toko Desa", sector=Sector.TRADE)
            )
            have += 1
        first = (await session.execute(select(Enterprise).order_by(col(Enterprise.id)))).scalars().all()
        existing = await count(runtime, "klinik_bumdes_ticket")
        for index in range(existing, tickets):
            enterprise = first[0]  # BUM Desa Sumber Makmur Pujon Kidul, managed by warga.budi
            await consultations.open_ticket(
                session,
                access,
                consultations.OpenData(
                    enterprise_id=enterprise.id,  # type: ignore[arg-type]
                    topic=Topic.MANAGEMENT,
                    subject=f"Konsultasi uji {index}",
                    description="Pertanyaan uji untuk menghitung jumlah perintah SQL per halaman.",
                ),
            )


@pytest.mark.parametrize(
    ("query", "field", "username"),
    [
        (REGISTRY_PAGE, "bumDesas", None),
        (REGISTRY_PAGE, "bumDesas", "petugas.dpmd"),
        (CONSULTATION_PAGE, "bumDesaConsultations", "admin.provinsi"),
        (CONSULTATION_PAGE, "bumDesaConsultations", "warga.budi"),
    ],
)
async def test_list_statements_do_not_grow_with_the_page(
    gql: GraphQLClient, cettar_runtime: Runtime, query: str, field: str, username: str | None
) -> None:
    await seed_demo(cettar_runtime)
    await _fill(cettar_runtime, enterprises=60, tickets=60)
    client = await gql.login(username) if username else gql
    seen: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for size in (10, 50):
        with count_statements(cettar_runtime) as run:
            data = await client.execute(query, {"first": size})
        seen[size] = len(
            [
                s
                for s in run.statements
                if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"))
            ]
        )
        sizes[size] = len(data[field]["nodes"])
    assert sizes == {10: 10, 50: 50}
    assert seen[10] == seen[50], f"{field}: {seen[10]} statements for 10 rows, {seen[50]} for 50"
    assert seen[50] <= 14, seen
