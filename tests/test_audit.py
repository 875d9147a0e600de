"""The audit trail: every mutation leaves a hash-chained record; `cettar audit verify` finds tampering."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text, update
from sqlmodel import col

from core.audit.chain import verify
from core.audit.models import AuditRecord
from tests.support.echo import EchoPlugin

CETTAR = str(Path(sys.executable).with_name("cettar"))
TRAIL = """
query($filter: AuditFilter) {
  auditTrail(filter: $filter, first: 50) {
    totalCount
    nodes { seq username role agencyCode action targetType targetId requestId detail }
  }
}"""


def audit_verify(database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CETTAR_")}
    env["CETTAR_DATABASE_URL"] = database_url
    return subprocess.run([CETTAR, "audit", "verify"], capture_output=True, text=True, env=env, timeout=120)


async def records(runtime) -> list[AuditRecord]:
    async with runtime.database.session() as session:
        return list((await session.execute(select(AuditRecord).order_by(col(AuditRecord.seq)))).scalars())


async def test_a_mutation_records_who_what_target_and_request(gql, cettar_runtime):
    admin = await gql.login("admin.surabaya")
    query = "mutation($i: CreateOfficerInput!) { createOfficer(input: $i) { officer { id } } }"
    variables = {
        "i": {
            "username": "petugas.audit",
            "name": "Rina Kusuma",
            "nip": "199505052020122001",
            "agencyCode": "dispendukcapil-3578",
            "position": "Pengadministrasi",
            "grade": "II/a",
        }
    }
    await admin.execute(query, variables, headers={"X-Request-ID": "req-audit-1"})
    created = [r for r in await records(cettar_runtime) if r.action == "officer.created"]
    assert len(created) == 1
    record = created[0]
    assert (record.username, record.role, record.request_id) == ("admin.surabaya", "agency_admin", "req-audit-1")
    assert record.agency_id is not None and record.target_type == "Officer" and record.target_id
    assert record.detail["grade"] == "II/a"
    assert "199505052020122001" not in str(record.model_dump())  # no NIP, NIK or password in the trail


async def test_a_failed_mutation_writes_no_record(gql, cettar_runtime):
    before = len(await records(cettar_runtime))
    bad = await gql.query(
        'mutation { registerCitizen(input: {username: "x.y", name: "X Y", nik: "1", password: "p"}) '
        "{ account { id } } }"
    )
    assert bad.codes == ["INVALID_NIK"]
    assert len(await records(cettar_runtime)) == before


@pytest.mark.cettar(extra_plugins=[EchoPlugin])
async def test_a_plugin_mutation_that_records_nothing_still_leaves_a_record(gql, cettar_runtime):
    from core.auth import Role

    await gql.as_role(Role.OFFICER, account_id=3, username="petugas.surabaya", agency_id=1).execute(
        'mutation { ping(input: {message: "halo"}) { message } }'
    )
    last = (await records(cettar_runtime))[-1]
    assert last.action == "graphql.ping"
    assert (last.username, last.role) == ("petugas.surabaya", "officer")


async def test_admins_read_the_trail_with_filters(gql):
    await gql.login("petugas.surabaya")
    await gql.login("petugas.sidoarjo")
    province = await gql.login("admin.provinsi")
    logins = (await province.execute(TRAIL, {"filter": {"action": "account.login"}}))["auditTrail"]
    names = [n["username"] for n in logins["nodes"]]
    assert names[:3] == ["admin.provinsi", "petugas.sidoarjo", "petugas.surabaya"]  # newest first
    prefixed = (await province.execute(TRAIL, {"filter": {"action": "account."}}))["auditTrail"]
    assert prefixed["totalCount"] == logins["totalCount"]
    one = (await province.execute(TRAIL, {"filter": {"username": "petugas.sidoarjo"}}))["auditTrail"]
    assert {n["agencyCode"] for n in one["nodes"]} == {"dispendukcapil-3515"}
    surabaya = await gql.login("admin.surabaya")
    own = (await surabaya.execute(TRAIL))["auditTrail"]["nodes"]
    assert own and {n["agencyCode"] for n in own} == {"dispendukcapil-3578"}
    refused = await (await gql.login("petugas.surabaya")).query(TRAIL)
    assert refused.codes == ["FORBIDDEN"]
    assert (await gql.query(TRAIL)).codes == ["UNAUTHENTICATED"]


async def test_concurrent_mutations_never_fork_the_chain(gql, cettar_runtime):
    await asyncio.gather(*(gql.login(name) for name in ["warga.budi", "warga.siti", "petugas.surabaya"] * 4))
    async with cettar_runtime.database.session() as session:
        result = await verify(session)
    assert result.ok, result
    seqs = [r.seq for r in await records(cettar_runtime)]
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 12


async def test_cettar_audit_verify_detects_an_edited_record(gql, cettar_runtime, cettar_database):
    for name in ("warga.budi", "warga.siti", "admin.surabaya"):
        await gql.login(name)
    untouched = audit_verify(cettar_database)
    assert untouched.returncode == 0, untouched.stderr
    assert "3 records" in untouched.stdout
    async with cettar_runtime.database.session() as session:
        await session.execute(text("UPDATE core_audit SET username = 'someone.else' WHERE seq = 2"))
    broken = audit_verify(cettar_database)
    assert broken.returncode == 1
    assert "seq=2" in broken.stderr and "does not match" in broken.stderr


async def test_cettar_audit_verify_detects_a_deleted_record(gql, cettar_runtime, cettar_database):
    for name in ("warga.budi", "warga.siti", "admin.surabaya"):
        await gql.login(name)
    async with cettar_runtime.database.session() as session:
        await session.execute(delete(AuditRecord).where(col(AuditRecord.seq) == 2))
    broken = audit_verify(cettar_database)
    assert broken.returncode == 1
    assert "seq=2" in broken.stderr and "missing" in broken.stderr


async def test_verify_detects_a_truncated_tail_and_a_rewritten_link(gql, cettar_runtime):
    for name in ("warga.budi", "warga.siti", "admin.surabaya"):
        await gql.login(name)
    async with cettar_runtime.database.session() as session:
        await session.execute(delete(AuditRecord).where(col(AuditRecord.seq) == 3))
        tail = await verify(session)
    assert not tail.ok and tail.broken_seq == 3
    async with cettar_runtime.database.session() as session:
        await session.execute(update(AuditRecord).where(col(AuditRecord.seq) == 2).values(prev_hash="f" * 64))
        link = await verify(session)
    assert not link.ok and link.broken_seq == 2 and "link" in (link.reason or "")
