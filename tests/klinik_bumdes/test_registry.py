"""The BUM Desa registry through GraphQL: public reading, statistics, and the clinic staff's changes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from core.calendar import today
from core.identity.validators import mask_email, mask_phone
from core.runtime import Runtime
from core.testkit import GraphQLClient, count_statements
from plugins.klinik_bumdes import demo
from plugins.klinik_bumdes.models import Grade
from tests.klinik_bumdes.support import (
    FREE_DESA,
    KARANG_PILANG,
    KEDENSARI,
    PLUGINS,
    PUJON_KIDUL,
    WIDORO,
    bum_desa_id,
    codes,
    count,
    counts,
    events,
    seed_demo,
)

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

REGISTRY = """
query($filter: BumDesaFilter, $first: Int, $after: String, $year: Int!) {
  bumDesas(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id name desaCode desaName kecamatanCode kecamatanName regencyCode regencyName establishedYear
      grade legalStatus legalNumber legalRegisteredOn directorName contactPhone managerName managedByMe
      units { name sector startedYear active }
      gradeHistory { grade previousGrade effectiveOn reason }
      revenues { year revenue netProfit padesContribution contributionPercent }
      revenue(year: $year) { revenue padesContribution }
    }
  }
}
"""


def names(data: dict[str, Any]) -> list[str]:
    return [n["name"] for n in data["bumDesas"]["nodes"]]


async def registry(client: GraphQLClient, year: int = 2024, **filter: Any) -> dict[str, Any]:
    data: dict[str, Any] = await client.execute(REGISTRY, {"filter": filter or None, "first": 50, "year": year})
    return data


def demo_item(desa_code: str) -> demo.DemoBumDesa:
    (item,) = [b for b in demo.BUM_DESAS if b.desa_code == desa_code]
    return item


# -- reading ---------------------------------------------------------------------------------


async def test_the_public_reads_the_registry_with_its_history_and_figures_but_no_contacts(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_demo(cettar_runtime)
    everything = await registry(gql)
    assert everything["bumDesas"]["totalCount"] == len(demo.BUM_DESAS) == 11
    assert names(everything) == sorted(b.name for b in demo.BUM_DESAS)

    malang = (await registry(gql, regencyCode="35.07"))["bumDesas"]["nodes"]
    assert [n["name"] for n in malang] == ["BUM Desa Kerto Mulyo Sanankerto", "BUM Desa Sumber Makmur Pujon Kidul"]
    pujon = malang[1]
    assert {k: pujon[k] for k in ("desaCode", "desaName", "kecamatanCode", "kecamatanName", "regencyName")} == {
        "desaCode": PUJON_KIDUL,
        "desaName": "Pujon Kidul",
        "kecamatanCode": "35.07.26",
        "kecamatanName": "Pujon",
        "regencyName": "Malang",
    }
    assert (pujon["grade"], pujon["legalStatus"], pujon["legalNumber"], pujon["legalRegisteredOn"]) == (
        "MAJU",
        "LEGAL_ENTITY",
        "AHU-00214.AH.01.33.Tahun 2021",
        "2021-11-15",
    )
    # no personal data for the public: the director and manager are hidden, the phone is masked
    assert pujon["directorName"] is None
    assert pujon["managerName"] is None
    assert pujon["contactPhone"] == mask_phone("+6281330710101") != "+6281330710101"
    assert pujon["managedByMe"] is False
    assert [(u["name"], u["sector"]) for u in pujon["units"]] == [
        ("Kafe Sawah dan Wisata Edukasi", "TOURISM"),
        ("Pengelolaan Air Bersih", "CLEAN_WATER"),
        ("Bank Sampah Desa", "WASTE_MANAGEMENT"),
    ]
    assert pujon["gradeHistory"] == [
        {"grade": "BERKEMBANG", "previousGrade": None, "effectiveOn": "2019-07-01", "reason": demo.JOINED},
        {
            "grade": "MAJU",
            "previousGrade": "BERKEMBANG",
            "effectiveOn": "2021-12-20",
            "reason": "Hasil pemeringkatan BUM Desa oleh DPMD Provinsi Jawa Timur tahun 2021",
        },
    ]
    assert [r["year"] for r in pujon["revenues"]] == [2022, 2023, 2024, 2025]
    # rupiah beyond 32 bits travel as whole JSON numbers
    assert pujon["revenue"] == {"revenue": 3_950_000_000, "padesContribution": 520_000_000}
    assert pujon["revenues"][2]["contributionPercent"] == 13.16
    loss_year = (await registry(gql, year=2025, desaCode="35.22.16.2022"))["bumDesas"]["nodes"][0]["revenues"][-1]
    assert loss_year == {
        "year": 2025,
        "revenue": 365_000_000,
        "netProfit": -8_000_000,
        "padesContribution": 0,
        "contributionPercent": 0.0,
    }


FILTERS: list[tuple[dict[str, Any], list[str]]] = [
    (
        {"grade": "MAJU"},
        ["BUM Desa Ijen Makmur Tamansari", "BUM Desa Mitra Usaha Ngastemi", "BUM Desa Sumber Makmur Pujon Kidul"],
    ),
    ({"legalStatus": "NAME_APPROVED"}, ["BUM Desa Osing Lestari Kemiren", "BUM Desa Tirta Kencana Ngringinrejo"]),
    ({"sector": "CLEAN_WATER"}, ["BUM Desa Giri Sejahtera Sekapuk", "BUM Desa Sumber Makmur Pujon Kidul"]),
    ({"search": "kulit"}, ["BUM Desa Karya Kulit Kedensari"]),
    ({"kecamatanCode": "35.10.24"}, ["BUM Desa Ijen Makmur Tamansari"]),
    ({"regencyCode": "35.79", "grade": "BERKEMBANG"}, ["BUM Desa Bumi Apel Tulungrejo"]),
    ({"regencyCode": "35.78"}, []),  # Surabaya has kelurahan only
    ({"search": "100%_"}, []),  # wildcards are matched literally
]


async def test_registry_filters(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    for filter, expected in FILTERS:
        assert names(await registry(gql, **filter)) == expected, filter


async def test_registry_pages_by_name(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    query = "query($after: String) { bumDesas(first: 4, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }"
    seen: list[str] = []
    after = None
    while True:
        page = (await gql.execute(query, {"after": after}))["bumDesas"]
        seen += [n["name"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(b.name for b in demo.BUM_DESAS)
    assert (await gql.query(query, {"after": "nonsense"})).codes == ["INVALID_CURSOR"]
    assert (await gql.query("{ bumDesas(first: 101) { totalCount } }")).codes == ["PAGE_SIZE_EXCEEDED"]


async def test_contacts_are_shown_to_the_clinic_and_to_the_manager_only(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    budi = await gql.login("warga.budi")
    siti = await gql.login("warga.siti")
    fields = ("directorName", "contactPhone", "managerName", "managedByMe")

    def pick(data: dict[str, Any]) -> tuple[Any, ...]:
        (node,) = data["bumDesas"]["nodes"]
        return tuple(node[f] for f in fields)

    assert pick(await registry(officer, desaCode=PUJON_KIDUL)) == ("Suwanto", "+6281330710101", "Budi Santoso", False)
    assert pick(await registry(budi, desaCode=PUJON_KIDUL)) == ("Suwanto", "+6281330710101", "Budi Santoso", True)
    assert pick(await registry(siti, desaCode=PUJON_KIDUL)) == (None, mask_phone("+6281330710101"), None, False)
    assert names(await registry(budi, managedByMe=True)) == ["BUM Desa Sumber Makmur Pujon Kidul"]
    assert names(await registry(siti, managedByMe=True)) == ["BUM Desa Karya Kulit Kedensari"]
    assert (await gql.query(REGISTRY, {"filter": {"managedByMe": True}, "year": 2024})).codes == ["UNAUTHENTICATED"]
    # the desa's BUM Desa by code; null for a desa without one
    by_code = "query($c: String!) { bumDesa(desaCode: $c) { name } }"
    assert (await gql.execute(by_code, {"c": KEDENSARI}))["bumDesa"] == {"name": "BUM Desa Karya Kulit Kedensari"}
    assert (await gql.execute(by_code, {"c": FREE_DESA}))["bumDesa"] is None


STATISTICS = """
query($year: Int, $regency: String) {
  bumDesaStatistics(year: $year, regencyCode: $regency) {
    year total
    byGrade { grade total reporting revenue padesContribution }
    byRegency { regencyCode regencyName total pemula berkembang maju legalEntities reporting revenue padesContribution }
  }
}
"""


def expected_by_grade(year: int) -> list[dict[str, Any]]:
    """The oracle: the demo data summed in Python (the plugin sums in SQL)."""
    rows = []
    for grade in Grade:
        items = [b for b in demo.BUM_DESAS if b.grades[-1][0] is grade]
        figures = [r for b in items for r in b.revenues if r[0] == year]
        rows.append(
            {
                "grade": grade.name,
                "total": len(items),
                "reporting": len(figures),
                "revenue": sum(r[1] for r in figures),
                "padesContribution": sum(r[3] for r in figures),
            }
        )
    return rows


async def test_statistics_per_grade_and_kabupaten_are_grouped_by_the_database(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_demo(cettar_runtime)
    with count_statements(cettar_runtime) as seen:
        stats = (await gql.execute(STATISTICS, {"year": 2024}))["bumDesaStatistics"]
    assert sum("GROUP BY" in s for s in seen.statements) == 2, "one GROUP BY per breakdown, nothing summed row by row"
    assert stats["year"] == 2024 and stats["total"] == 11
    assert stats["byGrade"] == expected_by_grade(2024)
    assert stats["byGrade"][2] == {
        "grade": "MAJU",
        "total": 3,
        "reporting": 3,
        "revenue": 8_850_000_000,
        "padesContribution": 1_080_000_000,
    }
    by_code = {r["regencyCode"]: r for r in stats["byRegency"]}
    assert (
        list(by_code)
        == sorted(by_code)
        == ["35.01", "35.05", "35.07", "35.10", "35.15", "35.16", "35.22", "35.25", "35.79"]
    )
    assert by_code["35.07"] == {
        "regencyCode": "35.07",
        "regencyName": "Malang",
        "total": 2,
        "pemula": 0,
        "berkembang": 1,
        "maju": 1,
        "legalEntities": 2,
        "reporting": 2,
        "revenue": 5_100_000_000,
        "padesContribution": 615_000_000,
    }
    assert by_code["35.01"]["reporting"] == 0 and by_code["35.01"]["revenue"] == 0  # Widoro has no figures
    assert by_code["35.79"]["regencyName"] == "Batu"

    one = (await gql.execute(STATISTICS, {"year": 2023, "regency": "35.10"}))["bumDesaStatistics"]
    assert one["total"] == 2
    assert [r["regencyCode"] for r in one["byRegency"]] == ["35.10"]
    assert [(g["grade"], g["total"], g["revenue"]) for g in one["byGrade"]] == [
        ("PEMULA", 0, 0),
        ("BERKEMBANG", 1, 0),  # Kemiren reported from 2024
        ("MAJU", 1, 2_150_000_000),
    ]
    default = (await gql.execute(STATISTICS))["bumDesaStatistics"]
    assert default["year"] == today().year - 1
    response = await gql.query(STATISTICS, {"year": today().year + 1})
    assert codes(response) == [("VALIDATION_FAILED", "year")]


async def test_node_finds_public_registry_objects(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    data = await gql.execute(
        """{ bumDesas(filter: {desaCode: "35.07.26.2003"}) { nodes { id units { id } } }
             bumDesaExperts(first: 1) { nodes { id } }
             bumDesaCoachingPrograms(first: 1) { nodes { id } } }"""
    )
    (bum_desa,) = data["bumDesas"]["nodes"]
    ids = [bum_desa["id"], bum_desa["units"][0]["id"], data["bumDesaExperts"]["nodes"][0]["id"]]
    ids.append(data["bumDesaCoachingPrograms"]["nodes"][0]["id"])
    found = await gql.execute("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {"ids": ids})
    assert [n["__typename"] for n in found["nodes"]] == [
        "BumDesa",
        "BumDesaUnit",
        "BumDesaExpert",
        "BumDesaCoachingProgram",
    ]
    unit = await gql.execute(
        "query($id: ID!) { node(id: $id) { ... on BumDesaUnit { name bumDesa { name } } } }", {"id": ids[1]}
    )
    assert unit["node"] == {
        "name": "Kafe Sawah dan Wisata Edukasi",
        "bumDesa": {"name": "BUM Desa Sumber Makmur Pujon Kidul"},
    }
    from schema import encode_global_id

    for missing in (encode_global_id("BumDesa", "999999"), encode_global_id("BumDesa", "01")):
        assert (await gql.execute("query($id: ID!) { node(id: $id) { id } }", {"id": missing}))["node"] is None


# -- registering and changing ----------------------------------------------------------------

REGISTER = """
mutation($input: RegisterBumDesaInput!) {
  registerBumDesa(input: $input) {
    bumDesa { id name desaName regencyName grade legalStatus legalNumber legalRegisteredOn directorName contactPhone
              gradeHistory { grade previousGrade effectiveOn } }
  }
}
"""


def new_bum_desa(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "BUM Desa Lestari Pujon Lor",
        "desaCode": FREE_DESA,
        "establishedYear": 2018,
        "grade": "PEMULA",
        "directorName": "Sri Rahayu",
        "contactPhone": "0813-3071-0199",
    }
    values.update(changes)
    return values


async def test_a_dpmd_officer_registers_a_bum_desa(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    registered_on = (today() - timedelta(days=40)).isoformat()
    values = new_bum_desa(
        legalStatus="LEGAL_ENTITY",
        legalNumber=" AHU-03321.AH.01.33.Tahun  2026 ",
        legalRegisteredOn=registered_on,
        idempotencyKey="daftar-pujon-lor",
    )
    data = await officer.execute(REGISTER, {"input": values})
    created = data["registerBumDesa"]["bumDesa"]
    assert created | {"id": None} == {
        "id": None,
        "name": "BUM Desa Lestari Pujon Lor",
        "desaName": "Pujon Lor",
        "regencyName": "Malang",
        "grade": "PEMULA",
        "legalStatus": "LEGAL_ENTITY",
        "legalNumber": "AHU-03321.AH.01.33.Tahun 2026",
        "legalRegisteredOn": registered_on,
        "directorName": "Sri Rahayu",
        "contactPhone": "+6281330710199",
        "gradeHistory": [{"grade": "PEMULA", "previousGrade": None, "effectiveOn": today().isoformat()}],
    }
    before = await counts(cettar_runtime)
    again = await officer.execute(REGISTER, {"input": values})
    assert again["registerBumDesa"]["bumDesa"]["id"] == created["id"], "a retry returns the first registration"
    assert await counts(cettar_runtime) == before
    reused = await officer.query(REGISTER, {"input": {**values, "establishedYear": 2019}})
    assert codes(reused) == [("IDEMPOTENCY_KEY_REUSED", "input.idempotencyKey")]

    assert (
        "klinik_bumdes.bumdesa_registered",
        {"bum_desa_id": int(created_key(created["id"])), "regency_code": "35.07"},
    ) in await events(cettar_runtime)
    admin = await gql.login("admin.provinsi")
    trail = await admin.execute(
        '{ auditTrail(filter: {action: "klinik_bumdes.bumdesa_registered"}) { nodes { username targetType targetId agencyCode } } }'
    )
    assert trail["auditTrail"]["nodes"][0] == {
        "username": "petugas.dpmd",
        "targetType": "BumDesa",
        "targetId": created_key(created["id"]),
        "agencyCode": "dpmd-jatim",
    }


def created_key(global_id: str) -> str:
    from schema import decode_global_id

    return decode_global_id(global_id)[1]


REGISTRATION_REFUSALS: list[tuple[dict[str, Any], str, str]] = [
    ({"desaCode": KARANG_PILANG, "name": "BUM Desa Maju Karang Pilang"}, "BUMDES_NOT_A_DESA", "input.desaCode"),
    ({"desaCode": "35.07.26"}, "BUMDES_NOT_A_DESA", "input.desaCode"),
    ({"desaCode": "35.99.99.9999"}, "NOT_FOUND", "input.desaCode"),
    ({"desaCode": PUJON_KIDUL, "name": "BUM Desa Baru Pujon Kidul"}, "BUMDES_DESA_TAKEN", "input.desaCode"),
    ({"name": "Usaha Desa Lestari"}, "BUMDES_INVALID_NAME", "input.name"),
    ({"name": "BUM Desa Lestari Pujon Kidul"}, "BUMDES_INVALID_NAME", "input.name"),
    (
        {"desaCode": "35.04.08.2013", "name": "BUM Desa Bumi Apel Tulungrejo"},  # another Tulungrejo
        "BUMDES_NAME_TAKEN",
        "input.name",
    ),
    ({"legalStatus": "LEGAL_ENTITY"}, "BUMDES_LEGAL_ENTITY_INCOMPLETE", "input.legalNumber"),
    (
        {"legalStatus": "LEGAL_ENTITY", "legalNumber": "AHU-1.AH.01.33.Tahun 2025"},
        "BUMDES_LEGAL_ENTITY_INCOMPLETE",
        "input.legalRegisteredOn",
    ),
    ({"legalNumber": "AHU-1.AH.01.33.Tahun 2025"}, "BUMDES_LEGAL_ENTITY_INCOMPLETE", "input.legalNumber"),
    (
        {
            "legalStatus": "LEGAL_ENTITY",
            "legalNumber": "ahu-00214.ah.01.33.tahun 2021",
            "legalRegisteredOn": "2025-01-06",
        },
        "BUMDES_LEGAL_NUMBER_TAKEN",
        "input.legalNumber",
    ),
    (
        {"legalStatus": "LEGAL_ENTITY", "legalNumber": "AHU-77.AH.01.33.Tahun 2020", "legalRegisteredOn": "2020-12-01"},
        "VALIDATION_FAILED",
        "input.legalRegisteredOn",  # before PP 11/2021
    ),
    (
        {"legalStatus": "LEGAL_ENTITY", "legalNumber": "###", "legalRegisteredOn": "2025-01-06"},
        "VALIDATION_FAILED",
        "input.legalNumber",
    ),
    ({"establishedYear": 2999}, "VALIDATION_FAILED", "input.establishedYear"),
    ({"contactPhone": "12ab"}, "INVALID_PHONE", "input.contactPhone"),
    ({"managerUsername": "petugas.surabaya"}, "BUMDES_ACCOUNT_NOT_CITIZEN", "input.managerUsername"),
    ({"managerUsername": "tidak.ada"}, "NOT_FOUND", "input.managerUsername"),
]


async def test_registration_refusals_write_nothing(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    before = await counts(cettar_runtime)
    for changes, code, field in REGISTRATION_REFUSALS:
        response = await officer.query(REGISTER, {"input": new_bum_desa(**changes)}, language="en")
        assert codes(response) == [(code, field)], changes
        assert response.data is None
    assert await counts(cettar_runtime) == before


async def test_a_kelurahan_is_refused_in_both_languages(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    officer = await gql.login("admin.provinsi")
    values = new_bum_desa(desaCode=KARANG_PILANG, name="BUM Desa Maju Karang Pilang")
    indonesian = await officer.query(REGISTER, {"input": values})
    english = await officer.query(REGISTER, {"input": values}, language="en")
    assert indonesian.errors[0]["message"] == (
        "Wilayah 35.78.01.1001 adalah kelurahan, bukan desa: BUM Desa hanya didirikan oleh desa."
    )
    assert english.errors[0]["message"].startswith("Region 35.78.01.1001 is a kelurahan (urban village")
    assert await count(cettar_runtime, "klinik_bumdes_enterprise") == 0


async def test_who_may_manage_the_registry(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    values = new_bum_desa()
    assert (await gql.query(REGISTER, {"input": values})).codes == ["UNAUTHENTICATED"]
    for username in ("warga.budi", "pakar.unair", "petugas.surabaya", "admin.sidoarjo"):
        client = await gql.login(username)
        assert (await client.query(REGISTER, {"input": values})).codes == ["FORBIDDEN"], username
    assert await count(cettar_runtime, "klinik_bumdes_enterprise") == 11

    # the province admin may; and may grant klinik_bumdes.manage to an officer elsewhere
    admin = await gql.login("admin.provinsi")
    officers = await admin.execute('{ officers(search: "Agus") { nodes { account { id } } } }')
    account_id = officers["officers"]["nodes"][0]["account"]["id"]
    await admin.execute(
        'mutation($id: ID!) { grantPermission(input: {permission: "klinik_bumdes.manage", accountId: $id}) { granted } }',
        {"id": account_id},
    )
    surabaya = await gql.login("petugas.surabaya")
    data = await surabaya.execute(REGISTER, {"input": values})
    assert data["registerBumDesa"]["bumDesa"]["name"] == "BUM Desa Lestari Pujon Lor"
    # an agency admin may not grant the manage permission (only consult is grantable by them)
    sidoarjo_admin = await gql.login("admin.sidoarjo")
    rudi = await sidoarjo_admin.execute('{ officers(search: "Rudi") { nodes { account { id } } } }')
    refused = await sidoarjo_admin.query(
        'mutation($id: ID!) { grantPermission(input: {permission: "klinik_bumdes.manage", accountId: $id}) { granted } }',
        {"id": rudi["officers"]["nodes"][0]["account"]["id"]},
    )
    assert refused.codes == ["FORBIDDEN"]


UPDATE = """
mutation($input: UpdateBumDesaInput!) {
  updateBumDesa(input: $input) {
    bumDesa { name legalStatus legalNumber legalRegisteredOn directorName contactPhone managerName establishedYear }
  }
}
"""
GRADE = """
mutation($input: ChangeBumDesaGradeInput!) {
  changeBumDesaGrade(input: $input) {
    bumDesa { grade gradeHistory { grade previousGrade effectiveOn reason } }
    change { grade previousGrade effectiveOn reason }
  }
}
"""
REVENUE = """
mutation($input: RecordBumDesaRevenueInput!) {
  recordBumDesaRevenue(input: $input) {
    bumDesa { revenues { year revenue netProfit padesContribution } }
    revenue { year revenue netProfit padesContribution contributionPercent }
  }
}
"""


async def test_legal_status_contacts_and_manager_change(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    widoro = await bum_desa_id(gql, WIDORO)
    step = await officer.execute(UPDATE, {"input": {"bumDesaId": widoro, "legalStatus": "NAME_APPROVED"}})
    assert step["updateBumDesa"]["bumDesa"]["legalStatus"] == "NAME_APPROVED"
    registered_on = (today() - timedelta(days=3)).isoformat()
    done = await officer.execute(
        UPDATE,
        {
            "input": {
                "bumDesaId": widoro,
                "legalStatus": "LEGAL_ENTITY",
                "legalNumber": "AHU-04410.AH.01.33.Tahun 2026",
                "legalRegisteredOn": registered_on,
                "directorName": "  Wahyudi   Santoso ",
                "contactPhone": "",
                "managerUsername": "warga.budi",
            }
        },
    )
    assert done["updateBumDesa"]["bumDesa"] == {
        "name": "BUM Desa Karya Bersama Widoro",
        "legalStatus": "LEGAL_ENTITY",
        "legalNumber": "AHU-04410.AH.01.33.Tahun 2026",
        "legalRegisteredOn": registered_on,
        "directorName": "Wahyudi Santoso",
        "contactPhone": None,
        "managerName": "Budi Santoso",
        "establishedYear": 2021,
    }
    changed = [p for e, p in await events(cettar_runtime) if e == "klinik_bumdes.legal_status_changed"]
    assert [p["legal_status"] for p in changed if p["bum_desa_id"] == int(created_key(widoro))] == [
        "name_approved",
        "legal_entity",
    ]
    budi = await gql.login("warga.budi")
    mine = await budi.execute("{ bumDesas(filter: {managedByMe: true}) { nodes { name } } }")
    assert [n["name"] for n in mine["bumDesas"]["nodes"]] == [
        "BUM Desa Karya Bersama Widoro",
        "BUM Desa Sumber Makmur Pujon Kidul",
    ]
    assert (
        await count(
            cettar_runtime,
            "core_notification",
            "WHERE kind = 'klinik_bumdes.manager_linked' AND account_id = (SELECT id FROM core_account WHERE username = 'warga.budi')",
        )
        == 2
    )  # Pujon Kidul (demo) and Widoro

    # back to not registered: the certificate goes with the status
    back = await officer.execute(
        UPDATE, {"input": {"bumDesaId": widoro, "legalStatus": "NOT_REGISTERED", "removeManager": True}}
    )
    assert back["updateBumDesa"]["bumDesa"]["legalNumber"] is None
    assert back["updateBumDesa"]["bumDesa"]["managerName"] is None

    before = await counts(cettar_runtime)
    for changes, code, field in (
        ({"legalNumber": "AHU-1.AH.01.33.Tahun 2026"}, "BUMDES_LEGAL_ENTITY_INCOMPLETE", "input.legalNumber"),
        ({"name": "BUM Desa Sumber Makmur Pujon Kidul"}, "BUMDES_INVALID_NAME", "input.name"),
        ({"managerUsername": "warga.siti", "removeManager": True}, "VALIDATION_FAILED", "input.removeManager"),
    ):
        response = await officer.query(UPDATE, {"input": {"bumDesaId": widoro, **changes}})
        assert codes(response) == [(code, field)], changes
    pujon = await bum_desa_id(gql, PUJON_KIDUL)
    late = await officer.query(UPDATE, {"input": {"bumDesaId": pujon, "establishedYear": 2023}})
    assert codes(late) == [("VALIDATION_FAILED", "input.establishedYear")], "figures from 2022 are recorded"
    assert (await budi.query(UPDATE, {"input": {"bumDesaId": widoro, "directorName": "X"}})).codes == ["FORBIDDEN"]
    assert await counts(cettar_runtime) == before


async def test_grade_changes_keep_their_history(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    kedensari = await bum_desa_id(gql, KEDENSARI)
    reason = "Hasil pemeringkatan BUM Desa tahun 2026: unit usaha bertambah"
    data = await officer.execute(
        GRADE,
        {
            "input": {
                "bumDesaId": kedensari,
                "grade": "BERKEMBANG",
                "effectiveOn": today().isoformat(),
                "reason": reason,
            }
        },
    )
    result = data["changeBumDesaGrade"]
    assert result["change"] == {
        "grade": "BERKEMBANG",
        "previousGrade": "PEMULA",
        "effectiveOn": today().isoformat(),
        "reason": reason,
    }
    assert result["bumDesa"]["grade"] == "BERKEMBANG"
    assert [(h["grade"], h["previousGrade"]) for h in result["bumDesa"]["gradeHistory"]] == [
        ("PEMULA", None),
        ("BERKEMBANG", "PEMULA"),
    ]
    assert (
        "klinik_bumdes.grade_changed",
        {"bum_desa_id": int(created_key(kedensari)), "grade": "berkembang", "previous_grade": "pemula"},
    ) in await events(cettar_runtime)
    siti_told = await count(
        cettar_runtime,
        "core_notification",
        "WHERE kind = 'klinik_bumdes.grade_changed' AND account_id = (SELECT id FROM core_account WHERE username = 'warga.siti')",
    )
    assert siti_told == 1

    before = await counts(cettar_runtime)
    refusals = [
        (
            {"grade": "BERKEMBANG", "effectiveOn": today().isoformat(), "reason": reason},
            "BUMDES_GRADE_UNCHANGED",
            "input.grade",
        ),
        (
            {"grade": "MAJU", "effectiveOn": "2020-01-01", "reason": reason},
            "BUMDES_GRADE_DATE_OUT_OF_ORDER",
            "input.effectiveOn",
        ),
        (
            {"grade": "MAJU", "effectiveOn": (today() + timedelta(days=1)).isoformat(), "reason": reason},
            "BUMDES_GRADE_DATE_OUT_OF_ORDER",
            "input.effectiveOn",
        ),
        ({"grade": "MAJU", "effectiveOn": today().isoformat(), "reason": "naik"}, "VALIDATION_FAILED", "input.reason"),
    ]
    for changes, code, field in refusals:
        response = await officer.query(GRADE, {"input": {"bumDesaId": kedensari, **changes}})
        assert codes(response) == [(code, field)], changes
    siti = await gql.login("warga.siti")
    refused = await siti.query(
        GRADE,
        {"input": {"bumDesaId": kedensari, "grade": "MAJU", "effectiveOn": today().isoformat(), "reason": reason}},
    )
    assert refused.codes == ["FORBIDDEN"]
    assert await counts(cettar_runtime) == before


async def test_yearly_figures_one_row_per_year_and_pades_within_revenue(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    widoro = await bum_desa_id(gql, WIDORO)
    first = await officer.execute(
        REVENUE,
        {
            "input": {
                "bumDesaId": widoro,
                "year": 2025,
                "revenue": 250_000_000,
                "netProfit": 30_000_000,
                "padesContribution": 10_000_000,
            }
        },
    )
    assert first["recordBumDesaRevenue"]["revenue"] == {
        "year": 2025,
        "revenue": 250_000_000,
        "netProfit": 30_000_000,
        "padesContribution": 10_000_000,
        "contributionPercent": 4.0,
    }
    corrected = await officer.execute(
        REVENUE,
        {"input": {"bumDesaId": widoro, "year": 2025, "revenue": 5_000_000_000, "padesContribution": 4_999_000_000}},
    )
    assert corrected["recordBumDesaRevenue"]["bumDesa"]["revenues"] == [
        {"year": 2025, "revenue": 5_000_000_000, "netProfit": None, "padesContribution": 4_999_000_000}
    ], "recording a year again corrects it: still one row"
    assert await count(cettar_runtime, "klinik_bumdes_revenue", f"WHERE enterprise_id = {created_key(widoro)}") == 1

    before = await counts(cettar_runtime)
    base = {"bumDesaId": widoro, "year": 2025, "revenue": 100_000_000, "padesContribution": 5_000_000}
    refusals = [
        ({"padesContribution": 100_000_001}, "BUMDES_CONTRIBUTION_EXCEEDS_REVENUE", "input.padesContribution"),
        ({"netProfit": 4_000_000}, "BUMDES_CONTRIBUTION_EXCEEDS_REVENUE", "input.padesContribution"),
        ({"netProfit": -1, "padesContribution": 1}, "BUMDES_CONTRIBUTION_EXCEEDS_REVENUE", "input.padesContribution"),
        ({"netProfit": 100_000_001}, "VALIDATION_FAILED", "input.netProfit"),
        ({"year": 2020}, "BUMDES_REVENUE_YEAR_INVALID", "input.year"),  # founded in 2021
        ({"year": today().year + 1}, "BUMDES_REVENUE_YEAR_INVALID", "input.year"),
        ({"revenue": -5}, "VALIDATION_FAILED", "input.revenue"),
        ({"padesContribution": -5}, "VALIDATION_FAILED", "input.padesContribution"),
    ]
    for changes, code, field in refusals:
        response = await officer.query(REVENUE, {"input": {**base, **changes}}, language="en")
        assert codes(response) == [(code, field)], changes
    message = (await officer.query(REVENUE, {"input": {**base, "netProfit": 4_000_000}}, language="en")).errors[0][
        "message"
    ]
    assert message == "The PADes contribution (Rp5000000) may not exceed the net profit (Rp4000000)."
    # not a whole number of rupiah: refused by the scalar before anything runs
    assert (await officer.query(REVENUE, {"input": {**base, "revenue": 1.5}})).codes == ["GRAPHQL_VALIDATION_FAILED"]
    assert (await officer.query(REVENUE, {"input": {**base, "revenue": 2**60}})).codes == ["GRAPHQL_VALIDATION_FAILED"]
    budi = await gql.login("warga.budi")
    assert (await budi.query(REVENUE, {"input": base})).codes == ["FORBIDDEN"]
    assert await counts(cettar_runtime) == before


UNIT = "mutation($input: AddBumDesaUnitInput!) { addBumDesaUnit(input: $input) { unit { id name sector startedYear active bumDesa { name } } } }"
UPDATE_UNIT = (
    "mutation($input: UpdateBumDesaUnitInput!) { updateBumDesaUnit(input: $input) { unit { name sector active } } }"
)


async def test_business_units(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    officer = await gql.login("petugas.dpmd")
    widoro = await bum_desa_id(gql, WIDORO)
    data = await officer.execute(
        UNIT,
        {
            "input": {
                "bumDesaId": widoro,
                "name": "Pengelolaan Air Bersih",
                "sector": "CLEAN_WATER",
                "startedYear": 2023,
            }
        },
    )
    unit = data["addBumDesaUnit"]["unit"]
    assert unit | {"id": None} == {
        "id": None,
        "name": "Pengelolaan Air Bersih",
        "sector": "CLEAN_WATER",
        "startedYear": 2023,
        "active": True,
        "bumDesa": {"name": "BUM Desa Karya Bersama Widoro"},
    }
    assert "BUM Desa Karya Bersama Widoro" in names(await registry(gql, sector="CLEAN_WATER"))
    before = await counts(cettar_runtime)
    for changes, code, field in (
        ({"name": "pengelolaan air BERSIH"}, "BUMDES_UNIT_NAME_TAKEN", "input.name"),
        ({"name": "Wisata", "startedYear": 2019}, "VALIDATION_FAILED", "input.startedYear"),
        ({"name": "x"}, "VALIDATION_FAILED", "input.name"),
    ):
        response = await officer.query(UNIT, {"input": {"bumDesaId": widoro, "sector": "TOURISM", **changes}})
        assert codes(response) == [(code, field)]
    assert (
        await officer.query(UNIT, {"input": {"bumDesaId": "bm90LWFuLWlk", "name": "Wisata", "sector": "TOURISM"}})
    ).codes == ["INVALID_ID"]
    assert await counts(cettar_runtime) == before

    stopped = await officer.execute(
        UPDATE_UNIT, {"input": {"unitId": unit["id"], "active": False, "sector": "SERVICES"}}
    )
    assert stopped["updateBumDesaUnit"]["unit"] == {
        "name": "Pengelolaan Air Bersih",
        "sector": "SERVICES",
        "active": False,
    }
    listed = await gql.execute(
        "query($c: String!) { bumDesa(desaCode: $c) { units { name } all: units(includeInactive: true) { name } } }",
        {"c": WIDORO},
    )
    assert listed["bumDesa"] == {
        "units": [{"name": "Toko Sembako Desa"}],
        "all": [{"name": "Toko Sembako Desa"}, {"name": "Pengelolaan Air Bersih"}],
    }
    siti = await gql.login("warga.siti")
    assert (await siti.query(UPDATE_UNIT, {"input": {"unitId": unit["id"], "active": True}})).codes == ["FORBIDDEN"]


EXPERT = """
mutation($input: AddBumDesaExpertInput!) {
  addBumDesaExpert(input: $input) { expert { id name university faculty topics email phone accountUsername active isMe } }
}
"""
UPDATE_EXPERT = """
mutation($input: UpdateBumDesaExpertInput!) {
  updateBumDesaExpert(input: $input) { expert { name topics active accountUsername } }
}
"""
EXPERT_LIST = """
query($filter: BumDesaExpertFilter) {
  bumDesaExperts(filter: $filter) { totalCount nodes { name university topics email phone accountUsername isMe } }
}
"""


async def test_experts_are_public_without_their_contacts(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    public = (await gql.execute(EXPERT_LIST, {"filter": {"university": "universitas brawijaya"}}))["bumDesaExperts"]
    assert [(n["name"], n["topics"]) for n in public["nodes"]] == [
        ("Bambang Santosa, S.E., M.M.", ["MANAGEMENT", "CAPITAL"]),
        ("Dr. Laila Mufidah, S.H., M.H.", ["LEGAL_ENTITY", "BUSINESS_PERMIT"]),
    ]
    bambang = public["nodes"][0]
    assert bambang["email"] == mask_email("bambang.santosa@ub.example") and bambang["phone"] != "+6281330710043"
    assert bambang["accountUsername"] is None and bambang["isMe"] is False
    capital = await gql.execute(EXPERT_LIST, {"filter": {"topic": "CAPITAL", "active": True}})
    assert [n["name"] for n in capital["bumDesaExperts"]["nodes"]] == [
        "Bambang Santosa, S.E., M.M.",
        "Dr. Rina Kusumawati, S.E., M.Si., Ak.",
    ]
    himself = await gql.login("pakar.ub")
    own = await himself.execute(EXPERT_LIST, {"filter": {"search": "bambang"}})
    assert own["bumDesaExperts"]["nodes"][0] | {"topics": None} == {
        "name": "Bambang Santosa, S.E., M.M.",
        "university": "Universitas Brawijaya",
        "topics": None,
        "email": "bambang.santosa@ub.example",
        "phone": "+6281330710043",
        "accountUsername": "pakar.ub",
        "isMe": True,
    }


async def test_the_clinic_adds_and_changes_experts(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_demo(cettar_runtime)
    await gql.execute(
        """mutation { registerCitizen(input: {username: "pakar.its", name: "Yuni Astuti", nik: "3578096811820005",
           password: "Kopi-Susu-2026!", phone: "081330710099"}) { account { id } } }"""
    )
    officer = await gql.login("petugas.dpmd")
    values = {
        "name": "Dr. Yuni Astuti, S.E., M.Ak.",
        "university": "Institut Teknologi Sepuluh Nopember",
        "faculty": "Departemen Manajemen Bisnis",
        "topics": ["FINANCIAL_REPORT", "FINANCIAL_REPORT", "CAPITAL"],
        "email": "Yuni.Astuti@its.example",
        "phone": "0813 3071 0098",
        "accountUsername": "pakar.its",
    }
    data = await officer.execute(EXPERT, {"input": values})
    expert = data["addBumDesaExpert"]["expert"]
    assert expert | {"id": None} == {
        "id": None,
        "name": "Dr. Yuni Astuti, S.E., M.Ak.",
        "university": "Institut Teknologi Sepuluh Nopember",
        "faculty": "Departemen Manajemen Bisnis",
        "topics": ["FINANCIAL_REPORT", "CAPITAL"],
        "email": "yuni.astuti@its.example",
        "phone": "+6281330710098",
        "accountUsername": "pakar.its",
        "active": True,
        "isMe": False,
    }
    before = await counts(cettar_runtime)
    for changes, code, field in (
        ({"topics": []}, "VALIDATION_FAILED", "input.topics"),
        ({"accountUsername": "pakar.unair"}, "BUMDES_EXPERT_ACCOUNT_TAKEN", "input.accountUsername"),
        ({"accountUsername": "petugas.dpmd"}, "BUMDES_ACCOUNT_NOT_CITIZEN", "input.accountUsername"),
        ({"email": "bukan-email"}, "INVALID_EMAIL", "input.email"),
        ({"name": "Dr"}, "VALIDATION_FAILED", "input.name"),
    ):
        response = await officer.query(EXPERT, {"input": {**values, **changes}})
        assert codes(response) == [(code, field)], changes
    siti = await gql.login("warga.siti")
    assert (await siti.query(EXPERT, {"input": values})).codes == ["FORBIDDEN"]
    assert await counts(cettar_runtime) == before

    changed = await officer.execute(
        UPDATE_EXPERT,
        {"input": {"expertId": expert["id"], "topics": ["MANAGEMENT"], "active": False, "unlinkAccount": True}},
    )
    assert changed["updateBumDesaExpert"]["expert"] == {
        "name": "Dr. Yuni Astuti, S.E., M.Ak.",
        "topics": ["MANAGEMENT"],
        "active": False,
        "accountUsername": None,
    }
    inactive = await gql.execute(EXPERT_LIST, {"filter": {"active": False}})
    assert [n["name"] for n in inactive["bumDesaExperts"]["nodes"]] == [
        "Dr. Yuni Astuti, S.E., M.Ak.",
        "Prof. Dr. Hari Wibowo, S.E., M.Si.",
    ]
    assert codes(
        await officer.query(
            UPDATE_EXPERT, {"input": {"expertId": expert["id"], "accountUsername": "pakar.its", "unlinkAccount": True}}
        )
    ) == [("VALIDATION_FAILED", "input.unlinkAccount")]
