"""Cadres (kader) per kelurahan: registered by Dinas Kesehatan Kota Mojokerto, linked to citizen accounts."""

from __future__ import annotations

from typing import Any

import pytest

from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.gayatri.models import Cadre
from tests.gayatri.support import (
    CADRE_MENTIKAN,
    DINKES_ADMIN,
    DINKES_OFFICER,
    DINSOS_OFFICER,
    KRANGGAN,
    PLUGINS,
    account_id,
    gid,
    rows,
    seed_people,
)

pytestmark = pytest.mark.cettar(plugins=PLUGINS)

REGISTER = """
mutation ($input: RegisterGayatriCadreInput!) {
  registerGayatriCadre(input: $input) {
    cadre { id name kelurahanCode kelurahanName kelurahanId posyandu active accountId }
  }
}
"""
UPDATE = """
mutation ($input: UpdateGayatriCadreInput!) {
  updateGayatriCadre(input: $input) { cadre { id name kelurahanCode posyandu active accountId } }
}
"""
CADRES = """
query ($kelurahan: String, $active: Boolean) {
  gayatriCadres(kelurahanCode: $kelurahan, active: $active, first: 50) {
    totalCount
    nodes { id name kelurahanCode kelurahanName active }
  }
}
"""
NODE = "query ($id: ID!) { node(id: $id) { ... on GayatriCadre { name kelurahanCode } } }"
JAGALAN = "35.76.03.1004"


def cadre_input(**overrides: Any) -> dict[str, Any]:
    return {"name": "Budi Santoso", "kelurahanCode": JAGALAN, "posyandu": "Posyandu Seruni RW 03", **overrides}


async def test_the_health_agency_admin_registers_a_cadre_linked_to_a_citizen(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_people(cettar_runtime)
    before = await rows(cettar_runtime, Cadre)
    admin = await gql.login(DINKES_ADMIN)
    budi = gid("Account", await account_id(cettar_runtime, "warga.budi"))
    variables = {"input": cadre_input(accountId=budi, idempotencyKey="kader-budi-1")}

    cadre = (await admin.execute(REGISTER, variables))["registerGayatriCadre"]["cadre"]
    assert {k: v for k, v in cadre.items() if k != "id"} == {
        "name": "Budi Santoso",
        "kelurahanCode": JAGALAN,
        "kelurahanName": "Jagalan",
        "kelurahanId": gid("Region", JAGALAN),
        "posyandu": "Posyandu Seruni RW 03",
        "active": True,
        "accountId": budi,
    }
    retried = (await admin.execute(REGISTER, variables))["registerGayatriCadre"]["cadre"]
    assert retried["id"] == cadre["id"]
    assert await rows(cettar_runtime, Cadre) == before + 1

    # The cadre signs in and sees their own record, and only it.
    mine = (await (await gql.login("warga.budi")).execute(CADRES))["gayatriCadres"]
    assert mine["totalCount"] == 1 and mine["nodes"][0]["id"] == cadre["id"]


async def test_the_province_admin_registers_and_an_officer_needs_the_grant(
    gql: GraphQLClient, cettar_runtime: Runtime
) -> None:
    await seed_people(cettar_runtime)
    province = await gql.login("admin.provinsi")
    data = await province.execute(REGISTER, {"input": cadre_input(name="Kader Provinsi")})
    assert data["registerGayatriCadre"]["cadre"]["accountId"] is None

    officer = await gql.login(DINKES_OFFICER)
    assert (await officer.query(REGISTER, {"input": cadre_input()})).codes == ["FORBIDDEN"]
    admin = await gql.login(DINKES_ADMIN)
    officer_id = gid("Account", await account_id(cettar_runtime, DINKES_OFFICER))
    grant = 'mutation ($a: ID!) { grantPermission(input: {permission: "gayatri.cadres.manage", accountId: $a}) { granted } }'
    assert (await admin.execute(grant, {"a": officer_id}))["grantPermission"]["granted"] is True
    officer = await gql.login(DINKES_OFFICER)  # a fresh session carries the grant
    assert (await officer.execute(REGISTER, {"input": cadre_input()}))["registerGayatriCadre"]["cadre"]["name"]


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("admin.surabaya", "FORBIDDEN"),  # holds the permission, but in another agency
        (DINSOS_OFFICER, "FORBIDDEN"),
        ("warga.siti", "FORBIDDEN"),
        (CADRE_MENTIKAN, "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
    ],
)
async def test_others_cannot_register_cadres_and_nothing_is_written(
    gql: GraphQLClient, cettar_runtime: Runtime, who: str | None, code: str
) -> None:
    await seed_people(cettar_runtime)
    before = await rows(cettar_runtime, Cadre)
    client = await gql.login(who) if who else gql
    response = await client.query(REGISTER, {"input": cadre_input()})
    assert response.codes == [code]
    assert response.data is None
    assert await rows(cettar_runtime, Cadre) == before


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"kelurahanCode": "35.78.01.1001"}, "GAYATRI_KELURAHAN_INVALID", "input.kelurahanCode"),  # Surabaya
        ({"kelurahanCode": "35.76.01"}, "GAYATRI_KELURAHAN_INVALID", "input.kelurahanCode"),  # a kecamatan
        ({"kelurahanCode": "35.76.01.9999"}, "GAYATRI_KELURAHAN_INVALID", "input.kelurahanCode"),  # no such
        ({"kelurahanCode": "35.76"}, "GAYATRI_KELURAHAN_INVALID", "input.kelurahanCode"),  # the city
        ({"name": "   "}, "VALIDATION_FAILED", "input.name"),
        ({"name": "x" * 121}, "VALIDATION_FAILED", "input.name"),
        ({"accountId": "not-an-id"}, "INVALID_ID", "input.accountId"),
        ({"accountId": gid("GayatriCadre", 1)}, "INVALID_ID", "input.accountId"),
        ({"idempotencyKey": ""}, "VALIDATION_FAILED", "input.idempotencyKey"),
    ],
)
async def test_bad_input_is_a_typed_error_and_nothing_is_written(
    gql: GraphQLClient, cettar_runtime: Runtime, overrides: dict[str, Any], code: str, field: str
) -> None:
    await seed_people(cettar_runtime)
    before = await rows(cettar_runtime, Cadre)
    admin = await gql.login(DINKES_ADMIN)
    response = await admin.query(REGISTER, {"input": cadre_input(**overrides)}, language="en")
    assert response.codes == [code]
    assert response.errors[0]["extensions"]["field"] == field
    assert await rows(cettar_runtime, Cadre) == before


async def test_the_linked_account_must_be_a_free_citizen(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await seed_people(cettar_runtime)
    before = await rows(cettar_runtime, Cadre)
    admin = await gql.login(DINKES_ADMIN)
    officer = gid("Account", await account_id(cettar_runtime, DINKES_OFFICER))
    taken = gid("Account", await account_id(cettar_runtime, CADRE_MENTIKAN))
    missing = gid("Account", 999999)

    for account, code in ((officer, "GAYATRI_CADRE_ACCOUNT_INVALID"), (missing, "GAYATRI_CADRE_ACCOUNT_INVALID")):
        response = await admin.query(REGISTER, {"input": cadre_input(accountId=account)})
        assert response.codes == [code]
    response = await admin.query(REGISTER, {"input": cadre_input(accountId=taken)}, language="en")
    assert response.codes == ["GAYATRI_CADRE_ALREADY_REGISTERED"]
    assert response.errors[0]["extensions"]["field"] == "input.accountId"
    assert response.errors[0]["message"] == "This account is already registered as a cadre."
    indonesian = await admin.query(REGISTER, {"input": cadre_input(kelurahanCode="35.78.01.1001")})
    assert indonesian.errors[0]["message"] == "35.78.01.1001 bukan kode kelurahan di Kota Mojokerto (35.76.xx.xxxx)."
    assert await rows(cettar_runtime, Cadre) == before


async def test_who_sees_which_cadres(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    people = await seed_people(cettar_runtime)
    everyone = len(people.cadres)
    expectations = {
        DINKES_OFFICER: everyone,
        DINKES_ADMIN: everyone,
        "admin.provinsi": everyone,
        CADRE_MENTIKAN: 1,
        DINSOS_OFFICER: 0,
        "petugas.surabaya": 0,
        "warga.siti": 0,
    }
    kranggan = gid("GayatriCadre", people.cadres[KRANGGAN].id)
    for username, expected in expectations.items():
        client = await gql.login(username)
        found = (await client.execute(CADRES))["gayatriCadres"]
        assert found["totalCount"] == expected, username
        node = (await client.execute(NODE, {"id": kranggan}))["node"]
        assert (node is not None) == (expected == everyone), username
    filtered = await (await gql.login(DINKES_OFFICER)).execute(CADRES, {"kelurahan": KRANGGAN})
    assert [n["kelurahanName"] for n in filtered["gayatriCadres"]["nodes"]] == ["Kranggan"]
    assert (await gql.query(CADRES)).codes == ["UNAUTHENTICATED"]
    assert (await gql.execute(NODE, {"id": kranggan}))["node"] is None


async def test_a_cadre_is_moved_stopped_and_relinked(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    people = await seed_people(cettar_runtime)
    cadre_id = gid("GayatriCadre", people.cadres[KRANGGAN].id)
    admin = await gql.login(DINKES_ADMIN)
    changed = await admin.execute(
        UPDATE, {"input": {"cadreId": cadre_id, "kelurahanCode": JAGALAN, "posyandu": "", "active": False}}
    )
    assert changed["updateGayatriCadre"]["cadre"] | {"id": None} == {
        "id": None,
        "name": "Umi Kulsum",
        "kelurahanCode": JAGALAN,
        "posyandu": None,
        "active": False,
        "accountId": gid("Account", people.accounts["kader.kranggan"].id),
    }
    stopped = await (await gql.login(DINKES_OFFICER)).execute(CADRES, {"active": False})
    assert [n["name"] for n in stopped["gayatriCadres"]["nodes"]] == ["Umi Kulsum"]

    siti = gid("Account", await account_id(cettar_runtime, "warga.siti"))
    relinked = await admin.execute(UPDATE, {"input": {"cadreId": cadre_id, "accountId": siti, "active": True}})
    assert relinked["updateGayatriCadre"]["cadre"]["accountId"] == siti

    refused = await (await gql.login("admin.surabaya")).query(UPDATE, {"input": {"cadreId": cadre_id, "active": False}})
    assert refused.codes == ["FORBIDDEN"]
    missing = await admin.query(UPDATE, {"input": {"cadreId": gid("GayatriCadre", 999999), "active": False}})
    assert missing.codes == ["NOT_FOUND"]
    bad = await admin.query(UPDATE, {"input": {"cadreId": cadre_id, "kelurahanCode": "35.15.01.2001"}})
    assert bad.codes == ["GAYATRI_KELURAHAN_INVALID"]
    after = (await admin.execute(NODE, {"id": cadre_id}))["node"]
    assert after == {"name": "Umi Kulsum", "kelurahanCode": JAGALAN}
