"""What a malicious, racing or careless client cannot do to identity and access."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from core.auth import Role
from core.db import utcnow
from core.events.models import OutboxEvent
from core.identity.models import PasswordReset, PermissionGrant

NO_DELAY = pytest.mark.cettar(settings={"login_delay_seconds": 0})
LOGIN = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"
CREATE_OFFICER = """mutation($input: CreateOfficerInput!) {
  createOfficer(input: $input) { activationCode officer { id nip } } }"""
UPDATE_OFFICER = "mutation($input: UpdateOfficerInput!) { updateOfficer(input: $input) { officer { position } } }"
TRAIL = "query($f: AuditFilter) { auditTrail(filter: $f, first: 50) { nodes { action username detail } } }"
REGISTER = "mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { account { id } } }"


def second_admin(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "admin.kedua",
        "name": "Kepala Seksi Kedua",
        "nip": "198001012006041002",
        "agencyCode": "dispendukcapil-3578",
        "position": "Kepala Seksi",
        "grade": "III/d",
        "role": "AGENCY_ADMIN",
    }
    data.update(overrides)
    return data


async def test_an_agency_admin_manages_officers_only_not_other_admins(gql):
    province = await gql.login("admin.provinsi")
    created = await province.execute(CREATE_OFFICER, {"input": second_admin()})
    other_admin = created["createOfficer"]["officer"]["id"]
    surabaya = await gql.login("admin.surabaya")
    disable = await surabaya.query(UPDATE_OFFICER, {"input": {"officerId": other_admin, "active": False}})
    assert disable.codes == ["NOT_FOUND"]
    seen = await surabaya.execute("query($id: ID!) { node(id: $id) { ... on Officer { nip } } }", {"id": other_admin})
    assert "*" in seen["node"]["nip"]  # a fellow admin's NIP stays masked
    # nor the province admin, even when an agency admin sits in the province admin's agency
    diskominfo = await province.execute(
        CREATE_OFFICER,
        {"input": second_admin(username="admin.kominfo", nip="198102022007012003", agencyCode="diskominfo-jatim")},
    )
    code = diskominfo["createOfficer"]["activationCode"]
    await gql.execute(
        'mutation($c: String!) { resetPassword(input: {code: $c, newPassword: "sandi-kominfo-123"}) { done } }',
        {"c": code},
    )
    kominfo = await gql.login("admin.kominfo", "sandi-kominfo-123")
    province_officer = (await province.execute("{ me { officer { id } } }"))["me"]["officer"]["id"]
    refused = await kominfo.query(UPDATE_OFFICER, {"input": {"officerId": province_officer, "active": False}})
    assert refused.codes == ["NOT_FOUND"]
    await gql.login("admin.provinsi")  # still signs in


@NO_DELAY
async def test_every_spelling_of_a_phone_number_counts_against_one_name(gql, cettar_runtime):
    limit = cettar_runtime.settings.login_lockout_after
    spellings = ["081234500001", "0812-3450-0001", "+62 812 3450 0001", "6281234500001", "(0812) 34500001"]
    for attempt in range(limit):
        bad = await gql.query(LOGIN, {"u": spellings[attempt % len(spellings)], "p": "tebak-tebakan-99"})
        assert bad.codes == ["INVALID_CREDENTIALS"]
    refused = await gql.query(LOGIN, {"u": "+6281234500001", "p": "cettar-demo-2026"})
    assert refused.codes == ["TOO_MANY_ATTEMPTS"]


@NO_DELAY
async def test_parallel_guesses_get_no_more_tries_than_the_limit(gql, cettar_runtime):
    limit = cettar_runtime.settings.login_lockout_after
    answers = await asyncio.gather(
        *(gql.query(LOGIN, {"u": "warga.siti", "p": f"tebakan-ke-{n:03d}"}) for n in range(4 * limit))
    )
    tried = [a for a in answers if a.codes == ["INVALID_CREDENTIALS"]]
    refused = [a for a in answers if a.codes == ["TOO_MANY_ATTEMPTS"]]
    assert len(tried) <= limit and len(tried) + len(refused) == len(answers)


async def test_the_database_keeps_one_grant_per_grantee_and_exactly_one_grantee(cettar_runtime):
    for rows in (
        [PermissionGrant(permission="x.y", role=Role.CITIZEN), PermissionGrant(permission="x.y", role=Role.CITIZEN)],
        [PermissionGrant(permission="x.y", account_id=1), PermissionGrant(permission="x.y", account_id=1)],
        [PermissionGrant(permission="x.y")],
        [PermissionGrant(permission="x.y", role=Role.CITIZEN, account_id=1)],
    ):
        with pytest.raises(IntegrityError):
            async with cettar_runtime.database.session() as session:
                session.add_all(rows)


async def test_racing_registrations_with_one_username_never_fail_internally(gql):
    def citizen(n: int) -> dict[str, object]:
        return {
            "username": "sama.sama",
            "name": "Warga Balapan",
            "nik": f"357801120385{n:04d}",
            "email": f"balap{n}@example.com",
            "password": "kata-sandi-balap-1",
        }

    answers = await asyncio.gather(*(gql.query(REGISTER, {"input": citizen(n)}) for n in range(2, 6)))
    codes = sorted(tuple(a.codes) for a in answers)
    assert codes.count(()) == 1
    assert all(c in (("ACCOUNT_EXISTS",), ("CONFLICT",)) for c in codes if c), codes


async def test_a_retried_create_officer_returns_a_fresh_activation_code_valid_for_days(gql, cettar_runtime):
    province = await gql.login("admin.provinsi")
    data = second_admin(role="OFFICER", username="petugas.ulang", idempotencyKey="officer-ulang")
    first = (await province.execute(CREATE_OFFICER, {"input": data}))["createOfficer"]
    again = (await province.execute(CREATE_OFFICER, {"input": data}))["createOfficer"]
    assert first["officer"]["id"] == again["officer"]["id"]
    assert again["activationCode"] and again["activationCode"] != first["activationCode"]
    async with cettar_runtime.database.session() as session:
        expiries = list((await session.execute(select(col(PasswordReset.expires_at)))).scalars())
    assert all(e > utcnow() + timedelta(hours=71) for e in expiries)


@NO_DELAY
async def test_reset_requests_are_throttled_and_a_reset_voids_every_other_code(gql, cettar_runtime):
    request = "mutation($u: String!) { requestPasswordReset(input: {username: $u}) { accepted } }"
    for _ in range(2):
        await gql.execute(request, {"u": "warga.budi"})
    async with cettar_runtime.database.session() as session:
        codes = [
            e.payload["code"]
            for e in (
                await session.execute(
                    select(OutboxEvent).where(col(OutboxEvent.name) == "identity.password_reset_requested")
                )
            ).scalars()
        ]
    assert len(codes) == 2
    reset = 'mutation($c: String!) { resetPassword(input: {code: $c, newPassword: "sandi-baru-sekali-1"}) { done } }'
    await gql.execute(reset, {"c": codes[1]})
    assert (await gql.query(reset, {"c": codes[0]})).codes == ["RESET_TOKEN_INVALID"]
    for _ in range(cettar_runtime.settings.login_lockout_after):
        await gql.query(request, {"u": "warga.siti"})
    assert (await gql.query(request, {"u": "warga.siti"})).codes == ["TOO_MANY_ATTEMPTS"]


async def test_an_agency_admin_reads_what_was_done_to_their_officers_but_no_korpri_number(gql):
    province = await gql.login("admin.provinsi")
    officer = (await (await gql.login("petugas.surabaya")).execute("{ me { officer { id } } }"))["me"]["officer"]["id"]
    await province.execute(
        UPDATE_OFFICER, {"input": {"officerId": officer, "position": "Analis", "korpriNumber": "KORPRI-35-999999"}}
    )
    surabaya = await gql.login("admin.surabaya")
    nodes = (await surabaya.execute(TRAIL, {"f": {"action": "officer.updated"}}))["auditTrail"]["nodes"]
    assert [n["username"] for n in nodes] == ["admin.provinsi"]
    assert "KORPRI-35-999999" not in str(nodes)
    sidoarjo = await gql.login("admin.sidoarjo")
    assert (await sidoarjo.execute(TRAIL, {"f": {"action": "officer.updated"}}))["auditTrail"]["nodes"] == []


async def test_over_long_texts_and_naive_times_are_validation_errors_on_both_databases(gql):
    province = await gql.login("admin.provinsi")
    long = await province.query(CREATE_OFFICER, {"input": second_admin(korpriNumber="K" * 40)})
    assert long.codes == ["VALIDATION_FAILED"] and long.errors[0]["extensions"]["field"] == "korpriNumber"
    naive = await province.query(TRAIL, {"f": {"since": "2026-11-29T08:00:00"}})
    assert naive.codes == ["VALIDATION_FAILED"] and naive.errors[0]["extensions"]["field"] == "filter.since"
    unknown = await province.query(TRAIL, {"f": {"agencyCode": "tidak-ada"}})
    assert unknown.errors[0]["extensions"]["field"] == "filter.agencyCode"
