"""Adding and changing innovations and awards: who may, what is checked, what is written (and when nothing is)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import col

from core.audit.models import AuditRecord
from core.auth import Role
from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.inovasi.models import Award, Innovation
from tests.inovasi.support import count, events_named, fresh_registry, staff_account

pytestmark = pytest.mark.cettar(plugins=["akun", "wilayah", "inovasi"])

CREATE = """
mutation ($input: CreateInnovationInput!) {
  createInnovation(input: $input) {
    innovation { code name acronymMeaning agencyCode regionCode yearStarted category stage description source awards { rank } }
  }
}
"""
ADD_AWARD = """
mutation ($input: AddInnovationAwardInput!) {
  addInnovationAward(input: $input) {
    award { id competition rank rankNumber year issuer category awardedOn source }
    innovation { code awards { rank year } }
  }
}
"""
UPDATE = """
mutation ($input: UpdateInnovationInput!) {
  updateInnovation(input: $input) { innovation { code name acronymMeaning agencyCode regionCode yearStarted stage } }
}
"""
UPDATE_AWARD = """
mutation ($input: UpdateInnovationAwardInput!) {
  updateInnovationAward(input: $input) { award { rank year issuer awardedOn } innovation { code } }
}
"""


def new(**change: Any) -> dict[str, Any]:
    value = {
        "code": "lapak-digital",
        "name": "Lapak Digital",
        "acronymMeaning": "Layanan Pasar Kota Digital",
        "agencyCode": "diskominfo-3578",
        "regionCode": "35.78",
        "yearStarted": 2021,
        "category": " Perdagangan ",
        "stage": "UJI_COBA",
        "description": "Pendaftaran lapak pasar secara daring.",
    }
    value.update(change)
    return value


def award(**change: Any) -> dict[str, Any]:
    value = {
        "innovationCode": "lapak-digital",
        "competition": "Kompetisi Inovasi Pelayanan Publik (KIPP)",
        "rank": "top-99",
        "year": 2022,
        "issuer": "Kementerian PANRB",
        "category": "Kelompok Umum",
        "awardedOn": "2022-07-14",
    }
    value.update(change)
    return value


async def test_the_province_admin_adds_an_innovation_and_its_award(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    admin = await gql.login("admin.provinsi")
    created = (await admin.execute(CREATE, {"input": new(idempotencyKey="inov-1")}))["createInnovation"]["innovation"]
    assert created == {
        "code": "lapak-digital",
        "name": "Lapak Digital",
        "acronymMeaning": "Layanan Pasar Kota Digital",
        "agencyCode": "diskominfo-3578",
        "regionCode": "35.78",
        "yearStarted": 2021,
        "category": "perdagangan",
        "stage": "UJI_COBA",
        "description": "Pendaftaran lapak pasar secara daring.",
        "source": "MANUAL",
        "awards": [],
    }
    # A retry with the same key returns the same innovation; the same key for other input is refused.
    again = await admin.execute(CREATE, {"input": new(idempotencyKey="inov-1")})
    assert again["createInnovation"]["innovation"]["code"] == "lapak-digital"
    reused = await admin.query(CREATE, {"input": new(code="lain", idempotencyKey="inov-1")})
    assert reused.codes == ["IDEMPOTENCY_KEY_REUSED"]

    result = (await admin.execute(ADD_AWARD, {"input": award()}))["addInnovationAward"]
    assert {k: v for k, v in result["award"].items() if k != "id"} == {
        "competition": "Kompetisi Inovasi Pelayanan Publik (KIPP)",
        "rank": "TOP 99",
        "rankNumber": 99,
        "year": 2022,
        "issuer": "Kementerian PANRB",
        "category": "Kelompok Umum",
        "awardedOn": "2022-07-14",
        "source": "MANUAL",
    }
    assert result["innovation"] == {"code": "lapak-digital", "awards": [{"rank": "TOP 99", "year": 2022}]}

    # Events hold ids, and the audit trail names the actions.
    (created_event,) = await events_named(cettar_runtime, "inovasi.innovation_created")
    assert created_event["code"] == "lapak-digital"
    (award_event,) = await events_named(cettar_runtime, "inovasi.award_added")
    assert award_event["code"] == "lapak-digital"
    async with cettar_runtime.database.session() as session:
        actions = list(
            (
                await session.execute(
                    select(col(AuditRecord.action), col(AuditRecord.username)).where(
                        col(AuditRecord.action).startswith("inovasi.")
                    )
                )
            ).all()
        )
    assert [tuple(a) for a in actions] == [
        ("inovasi.innovation_created", "admin.provinsi"),
        ("inovasi.award_added", "admin.provinsi"),
    ]


async def test_who_may_add_innovations(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    assert (await gql.query(CREATE, {"input": new()})).codes == ["UNAUTHENTICATED"]
    citizen = await gql.login("warga.budi")
    assert (await citizen.query(CREATE, {"input": new()})).codes == ["FORBIDDEN"]
    surabaya = await gql.login("admin.surabaya")  # an agency admin, without inovasi.manage
    assert (await surabaya.query(CREATE, {"input": new()})).codes == ["FORBIDDEN"]
    assert (await surabaya.query(ADD_AWARD, {"input": award(innovationCode="sepasar-pedas")})).codes == ["FORBIDDEN"]

    # The province grants inovasi.manage to that admin: now for their own agency only.
    admin = await gql.login("admin.provinsi")
    me = await surabaya.execute("{ me { id } }")
    await admin.execute(
        'mutation ($id: ID!) { grantPermission(input: {permission: "inovasi.manage", accountId: $id}) { granted } }',
        {"id": me["me"]["id"]},
    )
    surabaya = await gql.login("admin.surabaya")
    other = await surabaya.query(CREATE, {"input": new(agencyCode="dpmd-jatim", regionCode="35")})
    assert (other.codes, other.errors[0]["extensions"]["field"]) == (["FORBIDDEN"], "input.agencyCode")
    mine = await surabaya.execute(CREATE, {"input": new(agencyCode="dispendukcapil-3578")})
    assert mine["createInnovation"]["innovation"]["agencyCode"] == "dispendukcapil-3578"
    refused = await surabaya.query(ADD_AWARD, {"input": award(innovationCode="sepasar-pedas", year=2021)})
    assert refused.codes == ["FORBIDDEN"]
    added = await surabaya.execute(ADD_AWARD, {"input": award()})
    assert added["addInnovationAward"]["award"]["rank"] == "TOP 99"
    assert await count(cettar_runtime, Innovation) >= 8


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"code": "Lapak Digital"}, "INOVASI_INVALID_CODE", "input.code"),
        ({"code": "ab"}, "INOVASI_INVALID_CODE", "input.code"),
        ({"code": "sepasar-pedas"}, "INOVASI_CODE_TAKEN", "input.code"),
        ({"agencyCode": "diskominfo-9999"}, "INOVASI_UNKNOWN_AGENCY", "input.agencyCode"),
        ({"regionCode": "35.99"}, "INOVASI_UNKNOWN_REGION", "input.regionCode"),
        ({"regionCode": "35.73"}, "INOVASI_REGION_OUTSIDE_AGENCY", "input.regionCode"),
        ({"yearStarted": 1944}, "INOVASI_INVALID_YEAR", "input.yearStarted"),
        ({"yearStarted": 2999}, "INOVASI_INVALID_YEAR", "input.yearStarted"),
        ({"name": " x "}, "INOVASI_TEXT_LENGTH", "input.name"),
        ({"description": "x" * 4001}, "INOVASI_TEXT_LENGTH", "input.description"),
        ({"category": ""}, "INOVASI_TEXT_LENGTH", "input.category"),
    ],
)
async def test_an_invalid_innovation_is_refused_and_nothing_is_written(
    gql: GraphQLClient, cettar_runtime: Runtime, change: dict[str, Any], code: str, field: str
) -> None:
    admin = await gql.login("admin.provinsi")
    before = await count(cettar_runtime, Innovation)
    response = await admin.query(CREATE, {"input": new(**change)})
    assert response.data is None
    assert response.codes == [code]
    assert response.errors[0]["extensions"]["field"] == field
    assert await count(cettar_runtime, Innovation) == before
    assert await events_named(cettar_runtime, "inovasi.innovation_created") == []


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"rank": "Juara 1"}, "INOVASI_INVALID_RANK", "input.rank"),
        ({"rank": "TOP 0"}, "INOVASI_INVALID_RANK", "input.rank"),
        ({"rank": "TOP 1000"}, "INOVASI_INVALID_RANK", "input.rank"),
        ({"year": 2020}, "INOVASI_INVALID_YEAR", "input.year"),  # before the innovation started (2021)
        ({"year": 2999, "awardedOn": None}, "INOVASI_INVALID_YEAR", "input.year"),
        ({"awardedOn": "2021-07-14"}, "INOVASI_INVALID_AWARD_DATE", "input.awardedOn"),
        ({"issuer": ""}, "INOVASI_TEXT_LENGTH", "input.issuer"),
        ({"innovationCode": "tidak-ada"}, "NOT_FOUND", "input.innovationCode"),
    ],
)
async def test_an_invalid_award_is_refused_and_nothing_is_written(
    gql: GraphQLClient, cettar_runtime: Runtime, change: dict[str, Any], code: str, field: str
) -> None:
    admin = await gql.login("admin.provinsi")
    await admin.execute(CREATE, {"input": new()})
    before = await count(cettar_runtime, Award)
    response = await admin.query(ADD_AWARD, {"input": award(**change)})
    assert (response.codes, response.errors[0]["extensions"]["field"]) == ([code], field)
    assert await count(cettar_runtime, Award) == before


async def test_the_same_award_twice_is_refused_in_both_languages(gql: GraphQLClient) -> None:
    admin = await gql.login("admin.provinsi")
    await admin.execute(CREATE, {"input": new()})
    await admin.execute(ADD_AWARD, {"input": award()})
    # "KIPP" names the same competition as "Kompetisi Inovasi Pelayanan Publik (KIPP)".
    indonesian = await admin.query(ADD_AWARD, {"input": award(competition="KIPP", rank="TOP 99")})
    english = await admin.query(ADD_AWARD, {"input": award(competition="KIPP", rank="TOP 99")}, language="en")
    assert indonesian.codes == english.codes == ["INOVASI_AWARD_EXISTS"]
    assert indonesian.errors[0]["message"] == "Inovasi ini sudah tercatat meraih TOP 99 KIPP tahun 2022."
    assert english.errors[0]["message"] == "This innovation already holds TOP 99 in KIPP 2022."
    # Another rank in the same competition and year is another award (TOP 99, then TOP 45).
    later = await admin.execute(ADD_AWARD, {"input": award(rank="TOP 45", awardedOn=None)})
    assert [a["rank"] for a in later["addInnovationAward"]["innovation"]["awards"]] == ["TOP 45", "TOP 99"]


async def test_updating_an_innovation_and_an_award(gql: GraphQLClient, cettar_runtime: Runtime) -> None:
    await fresh_registry(cettar_runtime)
    admin = await gql.login("admin.provinsi")
    await admin.execute(CREATE, {"input": new()})
    award_id = (await admin.execute(ADD_AWARD, {"input": award()}))["addInnovationAward"]["award"]["id"]

    changed = await admin.execute(
        UPDATE,
        {
            "input": {
                "code": "lapak-digital",
                "name": "Lapak Digital Surabaya",
                "acronymMeaning": "",
                "stage": "PENERAPAN",
            }
        },
    )
    assert changed["updateInnovation"]["innovation"] == {
        "code": "lapak-digital",
        "name": "Lapak Digital Surabaya",
        "acronymMeaning": None,
        "agencyCode": "diskominfo-3578",
        "regionCode": "35.78",
        "yearStarted": 2021,
        "stage": "PENERAPAN",
    }
    # It cannot have started after its first award (2022).
    late = await admin.query(UPDATE, {"input": {"code": "lapak-digital", "yearStarted": 2023}})
    assert (late.codes, late.errors[0]["extensions"]["field"]) == (["INOVASI_INVALID_YEAR"], "input.yearStarted")
    moved = await admin.query(UPDATE, {"input": {"code": "lapak-digital", "agencyCode": "diskominfo-3501"}})
    assert moved.codes == ["INOVASI_REGION_OUTSIDE_AGENCY"]
    missing = await admin.query(UPDATE, {"input": {"code": "tidak-ada", "name": "Apa"}})
    assert (missing.codes, missing.errors[0]["extensions"]["field"]) == (["NOT_FOUND"], "input.code")

    fixed = await admin.execute(
        UPDATE_AWARD, {"input": {"awardId": award_id, "rank": "TOP 45", "awardedOn": "2022-11-25"}}
    )
    assert fixed["updateInnovationAward"]["award"] == {
        "rank": "TOP 45",
        "year": 2022,
        "issuer": "Kementerian PANRB",
        "awardedOn": "2022-11-25",
    }
    moved_year = await admin.query(UPDATE_AWARD, {"input": {"awardId": award_id, "year": 2023}})
    assert moved_year.codes == ["INOVASI_INVALID_AWARD_DATE"]  # its date would fall outside its year
    bad = await admin.query(UPDATE_AWARD, {"input": {"awardId": "bm90LWFuLWF3YXJk"}})
    assert bad.codes == ["INVALID_ID"]
    events = await events_named(cettar_runtime, "inovasi.innovation_updated")
    assert [e["code"] for e in events] == ["lapak-digital"]
    assert len(await events_named(cettar_runtime, "inovasi.award_updated")) == 1

    officer_id = await staff_account(cettar_runtime, "petugas.inovasi", Role.OFFICER, "diskominfo-3578")
    officer = await gql.login("petugas.inovasi")
    assert officer_id > 0
    assert (await officer.query(UPDATE, {"input": {"code": "lapak-digital", "name": "X"}})).codes == ["FORBIDDEN"]
