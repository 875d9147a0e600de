"""Open311 API keys in GraphQL: the province admin issues, lists and revokes them; nobody else may."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select, text

from core.auth import Role
from plugins.pengaduan.open311.models import Open311Key
from tests.pengaduan.test_open311_support import (
    ISSUE,
    REVOKE,
    admin,
    cettar,
    file_request,
    http,
    issue_key,
    post_request,
    request_form,
)

pytestmark = cettar()

KEYS = """
query Keys($all: Boolean) {
  open311Keys(includeRevoked: $all, first: 10) {
    totalCount
    nodes { id integrator prefix active revokedAt requestsFiled lastUsedAt issuedBy responseMode }
  }
}
"""
NODE = "query Node($id: ID!) { node(id: $id) { ... on Open311Key { integrator prefix } } }"
AUDIT = """
query Audit($filter: AuditFilter) { auditTrail(filter: $filter, first: 20) { nodes { action username targetType } } }
"""


async def test_the_province_admin_issues_a_key_shown_once_and_stored_as_a_hash(cettar_app, gql):
    issued = await issue_key(gql, integrator="  Aplikasi   Suroboyo  ")
    api_key = issued["apiKey"]
    key = issued["key"]
    assert api_key.startswith("o311_") and len(api_key) == 5 + 43
    assert key["prefix"] == api_key[:13]
    assert key["integrator"] == "Aplikasi Suroboyo"
    assert key["contact"] == "tim-integrasi@suroboyo.example"
    assert key["responseMode"] == "REALTIME"
    assert key["active"] is True and key["requestsFiled"] == 0
    assert key["issuedBy"] == "admin.provinsi"
    async with cettar_app.runtime.database.session() as session:
        [row] = (await session.execute(select(Open311Key))).scalars().all()
        dump = " ".join(
            str(value) for value in (await session.execute(text("SELECT * FROM pengaduan_open311_key"))).one()
        )
    assert row.digest == hashlib.sha256(api_key.encode()).hexdigest()
    assert api_key not in dump  # only the hash is kept
    assert key["auditUsername"] == f"open311:{row.id}"


async def test_keys_are_listed_newest_first_and_revoked_ones_on_request(cettar_app, gql):
    first = await issue_key(gql, integrator="Aplikasi Satu")
    second = await issue_key(gql, integrator="Aplikasi Dua", mode="BATCH")
    client = await admin(gql)
    revoked = await client.execute(REVOKE, {"id": first["key"]["id"]})
    assert revoked["revokeOpen311Key"]["key"]["active"] is False
    working = (await client.execute(KEYS))["open311Keys"]
    everything = (await client.execute(KEYS, {"all": True}))["open311Keys"]
    assert [k["integrator"] for k in working["nodes"]] == ["Aplikasi Dua"]
    assert working["nodes"][0]["responseMode"] == "BATCH"
    assert [k["integrator"] for k in everything["nodes"]] == ["Aplikasi Dua", "Aplikasi Satu"]
    assert everything["totalCount"] == 2
    assert everything["nodes"][1]["revokedAt"] is not None
    node = await client.execute(NODE, {"id": second["key"]["id"]})
    assert node["node"] == {"integrator": "Aplikasi Dua", "prefix": second["key"]["prefix"]}


async def test_revoking_is_idempotent_and_an_unknown_key_is_not_found(cettar_app, gql):
    issued = await issue_key(gql)
    client = await admin(gql)
    once = (await client.execute(REVOKE, {"id": issued["key"]["id"]}))["revokeOpen311Key"]["key"]
    twice = (await client.execute(REVOKE, {"id": issued["key"]["id"]}))["revokeOpen311Key"]["key"]
    assert once["revokedAt"] == twice["revokedAt"]
    missing = await client.query(REVOKE, {"id": "T3BlbjMxMUtleTo5OTk5"})  # Open311Key:9999
    assert missing.codes == ["NOT_FOUND"]
    wrong_type = await client.query(REVOKE, {"id": "QWNjb3VudDox"})  # Account:1
    assert wrong_type.codes == ["INVALID_ID"]


async def test_requests_are_counted_per_key_and_audited(cettar_app, gql):
    issued = await issue_key(gql)
    async with http(cettar_app) as client:
        await file_request(client, issued["apiKey"])
        await file_request(client, issued["apiKey"])
    client = await admin(gql)
    [key] = (await client.execute(KEYS))["open311Keys"]["nodes"]
    assert key["requestsFiled"] == 2 and key["lastUsedAt"] is not None
    trail = await client.execute(AUDIT, {"filter": {"username": issued["key"]["auditUsername"]}})
    actions = [r["action"] for r in trail["auditTrail"]["nodes"]]
    assert actions.count("pengaduan.open311_request_filed") == 2
    issued_records = await client.execute(AUDIT, {"filter": {"action": "pengaduan.open311_key_issued"}})
    [record] = issued_records["auditTrail"]["nodes"]
    assert (record["username"], record["targetType"]) == ("admin.provinsi", "Open311Key")


async def test_a_retry_with_the_same_idempotency_key_reissues_the_same_key(cettar_app, gql):
    client = await admin(gql)
    variables = {
        "input": {"integrator": "Aplikasi Suroboyo", "contact": "tim@suroboyo.example", "idempotencyKey": "k-1"}
    }
    first = (await client.execute(ISSUE, variables))["issueOpen311Key"]
    again = (await client.execute(ISSUE, variables))["issueOpen311Key"]
    assert again["key"]["id"] == first["key"]["id"]
    assert again["apiKey"] != first["apiKey"]
    other = await client.query(ISSUE, {"input": {**variables["input"], "contact": "orang-lain@example.com"}})
    assert other.codes == ["IDEMPOTENCY_KEY_REUSED"]
    async with http(cettar_app) as http_client:
        lost = await post_request(http_client, request_form(first["apiKey"]))
        current = await post_request(http_client, request_form(again["apiKey"]))
    assert lost.status_code == 403  # the lost answer's secret no longer works
    assert current.status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("integrator", "X"),
        ("integrator", "A" * 121),
        ("contact", "  "),
        ("contact", "c" * 201),
        ("integrator", "Aplikasi\x00Suroboyo"),  # PostgreSQL cannot store a NUL: a typed error, not a crash
        ("contact", "tim@suroboyo.example\x07"),
    ],
)
async def test_bad_input_is_a_typed_error_and_nothing_is_written(cettar_app, gql, field, value):
    client = await admin(gql)
    values = {"integrator": "Aplikasi Suroboyo", "contact": "tim@suroboyo.example", field: value}
    response = await client.query(ISSUE, {"input": values})
    assert response.codes == ["VALIDATION_FAILED"]
    assert response.errors[0]["extensions"]["field"] == f"input.{field}"
    async with cettar_app.runtime.database.session() as session:
        assert (await session.execute(select(Open311Key))).first() is None


async def test_only_the_province_admin_manages_keys(cettar_app, gql):
    issued = await issue_key(gql)
    key_id = issued["key"]["id"]
    issue_variables = {"input": {"integrator": "Aplikasi Liar", "contact": "liar@example.com"}}
    anonymous = [
        await gql.query(KEYS),
        await gql.query(ISSUE, issue_variables),
        await gql.query(REVOKE, {"id": key_id}),
    ]
    assert [r.codes for r in anonymous] == [["UNAUTHENTICATED"]] * 3
    for username in ("warga.budi", "petugas.surabaya", "admin.surabaya"):
        client = await gql.login(username)
        refused = [
            await client.query(KEYS),
            await client.query(ISSUE, issue_variables),
            await client.query(REVOKE, {"id": key_id}),
        ]
        assert [r.codes for r in refused] == [["FORBIDDEN"]] * 3, username
        assert (await client.execute(NODE, {"id": key_id}))["node"] is None
    assert (await gql.execute(NODE, {"id": key_id}))["node"] is None
    officer = gql.as_role(Role.AGENCY_ADMIN, agency_id=1, account_id=1)
    assert (await officer.query(REVOKE, {"id": key_id})).codes == ["FORBIDDEN"]
    async with http(cettar_app) as client:
        still = await post_request(client, request_form(issued["apiKey"]))
    assert still.status_code == 200  # none of the refused revocations took effect
