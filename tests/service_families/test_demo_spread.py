"""`cettar seed --demo` with layanan and the four families: every family in every status at every demo
agency, counted through GraphQL by each agency's demo officer; the families' demo officers; and every
service's sample answers accepted by submitApplication."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from core import calendar
from core.auth import Role
from core.identity.demo import DemoAccount, seed_demo_accounts
from core.identity.models import Account, Officer
from core.regions.models import Agency
from core.services import Applicant
from plugins.layanan.models import Application
from tests.service_families.support import BUDI_NIK, SIDOARJO_DESA, SITI_NIK, SURABAYA_DESA, submit, submitted

FIVE = ["akun", "wilayah", "layanan", "adminduk", "samsat", "sim", "paspor"]
pytestmark = pytest.mark.cettar(plugins=FIVE)

STATUSES = {
    "SUBMITTED",
    "VERIFIED",
    "IN_PROCESS",
    "READY",
    "PICKED_UP",
    "DELIVERED",
    "NEEDS_REVISION",
    "REJECTED",
    "CANCELLED",
}
#: Each demo agency's demo officer, and how many demo applications it gets: twelve scenarios for each demo
#: citizen it serves (budi of Surabaya, siti of Sidoarjo, rina of Kota Malang).
DEMO_STAFF = {
    "petugas.surabaya": ("dispendukcapil-3578", 12),
    "petugas.sidoarjo": ("dispendukcapil-3515", 12),
    "petugas.samsat": ("bapenda-jatim", 36),
    "petugas.satpas": ("polrestabes-surabaya", 36),
    "petugas.imigrasi": ("imigrasi-surabaya", 24),
    "petugas.imigrasi.malang": ("imigrasi-malang", 12),
}
FAMILIES = {
    "adminduk": {"adminduk.kk", "adminduk.ektp", "adminduk.akta_kelahiran"},
    "samsat": {"samsat.pkb"},
    "sim": {"sim.perpanjangan"},
    "paspor": {"paspor.baru", "paspor.penggantian"},
}
QUEUE = f"""
query Queue($after: String) {{
  applicationQueue(status: [{", ".join(sorted(STATUSES))}], first: 100, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }}
    nodes {{ serviceCode status overdue agency {{ code }} fee feeDetails {{ amount legalBasis }} }}
  }}
}}
"""
MINE = "query { myApplications(first: 100) { totalCount nodes { serviceCode status agency { code } } } }"


async def _seed(runtime: Any) -> None:
    async with runtime.database.session() as session:
        await runtime.plugins.acall_by_dependency("cettar_seed", session=session, demo=True, runtime=runtime)


async def _count(runtime: Any, model: Any) -> int:
    async with runtime.database.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _queue(officer: Any) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await officer.execute(QUEUE, {"after": after}))["applicationQueue"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            assert len(nodes) == page["totalCount"]
            return nodes
        after = page["pageInfo"]["endCursor"]


async def test_the_demo_seed_spreads_every_family_over_every_status_at_every_demo_agency(gql, cettar_runtime):
    await _seed(cettar_runtime)
    seen: Counter[tuple[str, str, str]] = Counter()  # (agency, service, status)
    for username, (agency, total) in DEMO_STAFF.items():
        officer = await gql.login(username)  # the families' new demo officers sign in with the demo password
        nodes = await _queue(officer)
        assert len(nodes) == total, username
        assert {n["agency"]["code"] for n in nodes} == {agency}
        assert {n["status"] for n in nodes} == STATUSES, agency
        assert any(n["overdue"] for n in nodes), agency
        for node in nodes:
            assert node["fee"] == node["feeDetails"]["amount"] and node["feeDetails"]["legalBasis"]
            seen[(agency, node["serviceCode"], node["status"])] += 1
    for family, codes in FAMILIES.items():
        assert {service for _, service, _ in seen} >= codes
        assert {status for _, service, status in seen if service in codes} == STATUSES, family
    # Both services of a two-service agency show most statuses: the citizens start their rounds apart.
    for code in ("paspor.baru", "paspor.penggantian"):
        assert len({s for a, service, s in seen if service == code and a == "imigrasi-surabaya"}) == len(STATUSES)

    fees: dict[str, set[int]] = {}
    for username in DEMO_STAFF:
        for node in await _queue(await gql.login(username)):
            fees.setdefault(node["serviceCode"], set()).add(node["fee"])
    assert fees["samsat.pkb"] == {25_000, 50_000}  # motorcycles and cars
    assert fees["sim.perpanjangan"] == {75_000, 80_000}  # SIM C and SIM A
    assert fees["paspor.baru"] == fees["paspor.penggantian"] == {350_000, 650_000}
    assert fees["adminduk.kk"] == {0}

    rina = await gql.login("warga.rina")  # the demo citizen of Kota Malang
    mine = (await rina.execute(MINE))["myApplications"]
    assert mine["totalCount"] == 36
    assert {n["agency"]["code"] for n in mine["nodes"]} == {"bapenda-jatim", "polrestabes-surabaya", "imigrasi-malang"}

    before = (await _count(cettar_runtime, Application), await _count(cettar_runtime, Account))
    await _seed(cettar_runtime)
    assert (await _count(cettar_runtime, Application), await _count(cettar_runtime, Account)) == before
    assert before[0] == sum(total for _, total in DEMO_STAFF.values())


async def _officers(runtime: Any) -> dict[str, str]:
    async with runtime.database.session() as session:
        rows = await session.execute(
            select(col(Account.username), col(Agency.code))
            .join(Officer, col(Officer.account_id) == col(Account.id))
            .join(Agency, col(Agency.id) == col(Officer.agency_id))
            .where(col(Account.demo).is_(True))
        )
        return {str(username): str(code) for username, code in rows}


@pytest.mark.cettar(plugins=["akun", "wilayah", "samsat", "sim", "paspor"])
async def test_the_families_seed_their_demo_officers_without_layanan(gql, cettar_runtime):
    await _seed(cettar_runtime)
    officers = await _officers(cettar_runtime)
    expected = {
        "petugas.samsat": "bapenda-jatim",
        "petugas.satpas": "polrestabes-surabaya",
        "petugas.imigrasi": "imigrasi-surabaya",
        "petugas.imigrasi.malang": "imigrasi-malang",
    }
    assert {name: officers.get(name) for name in expected} == expected
    me = await (await gql.login("petugas.imigrasi.malang")).execute("query { me { username role } }")
    assert me["me"] == {"username": "petugas.imigrasi.malang", "role": "OFFICER"}
    count = await _count(cettar_runtime, Account)
    await _seed(cettar_runtime)
    assert await _count(cettar_runtime, Account) == count


@pytest.mark.cettar(plugins=["akun", "wilayah", "samsat"])
async def test_an_agency_with_a_demo_officer_already_gets_no_second_one(cettar_runtime):
    async with cettar_runtime.database.session() as session:
        await seed_demo_accounts(
            session,
            (
                DemoAccount(
                    "petugas.bapenda",
                    Role.OFFICER,
                    "Hendro Kusumo",
                    "+6281234500099",
                    "hendro@bapenda-jatim.example",
                    agency_code="bapenda-jatim",
                    nip="198501012010011009",
                ),
            ),
        )
    await _seed(cettar_runtime)
    officers = await _officers(cettar_runtime)
    assert officers["petugas.bapenda"] == "bapenda-jatim" and "petugas.samsat" not in officers


#: Where budi's (Surabaya) and siti's (Sidoarjo) applications go.
AGENCIES = {
    "adminduk": ("dispendukcapil-3578", "dispendukcapil-3515"),
    "samsat": ("bapenda-jatim",) * 2,
    "sim": ("polrestabes-surabaya",) * 2,
    "paspor": ("imigrasi-surabaya",) * 2,
}


@pytest.mark.parametrize("code", sorted(code for codes in FAMILIES.values() for code in codes))
async def test_every_sample_is_accepted_by_submit_application(gql, cettar_runtime, code: str):
    service = cettar_runtime.services.get(code)
    family = cettar_runtime.services.owner(code)
    people = (
        ("warga.budi", Applicant("Budi Santoso", BUDI_NIK, SURABAYA_DESA)),
        ("warga.siti", Applicant("Siti Aminah", SITI_NIK, SIDOARJO_DESA)),
    )
    for (username, applicant), agency in zip(people, AGENCIES[family], strict=True):
        client = await gql.login(username)
        answers = dict(service.sample_answers(calendar.today(), applicant))
        application = submitted(await submit(client, code, answers, files=2))
        fee = service.fee_for(answers) if service.fee_for is not None else service.fee
        assert application["fee"] == application["feeDetails"]["amount"] == fee.amount
        assert application["feeDetails"]["descriptionEn"] == fee.description_en
        assert application["agency"] == {"code": agency}
