"""Demo data in every state (idempotent), the GraphiQL examples against it, and lists free of N+1 queries."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import col

from core.identity.models import Account, PermissionGrant
from core.testkit import count_statements
from plugins.pengaduan.models import Complaint, ComplaintStatus, ModerationState
from plugins.pengaduan.seed import seed_demo
from schema.graphiql.examples import example_operations
from tests.pengaduan.helpers import COMPLAINT_FIELDS, MARK, counts

pytestmark = MARK

PAGE_FIELDS = COMPLAINT_FIELDS.replace("attachments { filename contentType size sha256 }", "attachments { filename }")
PAGE = f"""
query Page($first: Int) {{
  complaints(first: $first) {{ totalCount edges {{ cursor node {{ {PAGE_FIELDS} }} }} }}
}}"""


async def seed(runtime) -> int:
    async with runtime.database.session() as session:
        return await seed_demo(session, runtime)


async def test_demo_data_covers_every_state_and_seeding_twice_changes_nothing(cettar_runtime):
    assert await seed(cettar_runtime) == 17
    before = await counts(cettar_runtime)
    assert await seed(cettar_runtime) == 0
    assert await counts(cettar_runtime) == before
    async with cettar_runtime.database.session() as session:
        rows = (await session.execute(select(Complaint))).scalars().all()
        grants = (
            await session.execute(
                select(col(Account.username), col(PermissionGrant.permission)).join(
                    Account, col(Account.id) == col(PermissionGrant.account_id)
                )
            )
        ).all()
        demo_accounts = (await session.execute(select(func.count()).where(col(Account.demo).is_(True)))).scalar_one()
    assert {r.status for r in rows} == set(ComplaintStatus), "a demo complaint in every state"
    assert all(r.demo and r.tracking_number.startswith("ADU-DEMO-") for r in rows)
    assert {r.escalation_level for r in rows} >= {0, 1, 2}
    assert any(r.anonymous and not r.confidential for r in rows) and any(r.confidential for r in rows)
    assert any(r.moderation is ModerationState.HIDDEN for r in rows)
    assert any(r.support_count >= 3 for r in rows)
    assert {r.kind.value for r in rows} == {"complaint", "aspiration", "information_request"}
    assert {r.regency_code for r in rows} >= {"35.01", "35.77", "35.78"}
    units = {r.unit_agency_id for r in rows}
    assert len(units) >= 4, "the Pacitan, Madiun, Surabaya and Sidoarjo complaint units"
    assert ("admin.kominfo.pacitan", "pengaduan.verify") in grants
    assert ("admin.kominfo.madiun", "pengaduan.verify") in grants
    assert ("admin.kominfo.jatim", "pengaduan.verify") in grants
    assert demo_accounts >= 18


async def test_the_graphiql_examples_run_against_the_demo_data(gql, cettar_runtime):
    await seed(cettar_runtime)
    ours = [e for e in example_operations(cettar_runtime) if e.plugin == "pengaduan"]
    assert [e.name for e in ours] == ["PengaduanPublik", "AjukanPengaduan", "AntreanVerifikasi"]
    for example in ours:
        client = await gql.login(example.sign_in_as) if example.sign_in_as else gql
        response = await client.query(example.query, example.variables)
        assert not response.errors, (example.name, response.errors)
        (value,) = response.data.values()
        assert value is not None
        if "complaints" in response.data:
            assert response.data["complaints"]["totalCount"] > 0, example.name


async def test_a_page_of_complaints_costs_the_same_queries_whatever_its_size(gql, cettar_runtime):
    await seed(cettar_runtime)
    for username in ("admin.provinsi", "admin.kominfo.pacitan", "petugas.dinkes.pacitan", "warga.budi"):
        client = await gql.login(username)
        with count_statements(cettar_runtime) as small:
            few = await client.execute(PAGE, {"first": 2})
        with count_statements(cettar_runtime) as large:
            many = await client.execute(PAGE, {"first": 100})
        assert len(few["complaints"]["edges"]) == 2
        assert len(many["complaints"]["edges"]) > 4, username
        # the same statements, plus at most a loader a two-item page never needed (e.g. reporters' names)
        assert small.count <= large.count <= small.count + 2, (username, small.count, large.count)
        assert large.count < len(many["complaints"]["edges"]) + 5, "not one query per complaint"
    with count_statements(cettar_runtime) as anonymous_few:
        await gql.execute(PAGE, {"first": 1})
    with count_statements(cettar_runtime) as anonymous_many:
        await gql.execute(PAGE, {"first": 100})
    assert anonymous_few.count <= anonymous_many.count <= anonymous_few.count + 2
