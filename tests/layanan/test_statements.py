"""Lists cost the same number of SQL statements for 10 applications as for 100 (DataLoaders for every relation)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import col

from core.auth import Principal, Role
from core.identity.models import Account, Officer
from core.services import Delivery
from core.testkit import count_statements
from plugins.layanan import service as domain
from plugins.layanan.workflow import ApplicationStatus
from tests.layanan.support import MARK, kk_answers

pytestmark = MARK

FIELDS = """
  totalCount
  nodes {
    id trackingNumber status dueDate overdue workingDaysLeft answers statusReason
    applicantName applicantNik assignedOfficerName nextStatuses
    service { code nameId standard { timeLimitDays fee { amount } } form { fields { code } } }
    agency { code name }
    timeline { kind toStatus at actorRole actorName text }
    attachments { filename size }
    delivery { status regionName }
  }
"""
MINE = f"query($first: Int) {{ myApplications(first: $first) {{ {FIELDS} }} }}"
QUEUE = f"query($first: Int) {{ applicationQueue(first: $first, status: [SUBMITTED, VERIFIED]) {{ {FIELDS} }} }}"
TRACK = "query($n: String!) { trackApplication(trackingNumber: $n) { status service { code } agency { code } timeline { status at } courierStatus } }"


async def _principals(runtime: Any) -> tuple[Principal, Principal]:
    async with runtime.database.session() as session:
        accounts = {
            a.username: a
            for a in (
                await session.execute(
                    select(Account).where(col(Account.username).in_(["warga.budi", "petugas.surabaya"]))
                )
            ).scalars()
        }
        officer = await session.get(Officer, accounts["petugas.surabaya"].id)
    assert officer is not None
    citizen = Principal(role=Role.CITIZEN, account_id=accounts["warga.budi"].id, username="warga.budi")
    staff = Principal(
        role=Role.OFFICER,
        account_id=officer.account_id,
        username="petugas.surabaya",
        agency_id=officer.agency_id,
        permissions=frozenset({"layanan.process", "identity.personal_data.view"}),
    )
    return citizen, staff


async def _seed(runtime: Any, citizen: Principal, staff: Principal, count: int) -> list[str]:
    """``count`` applications, every other one verified and for home delivery, each with a note."""
    numbers = []
    async with runtime.database.session() as session:
        for i in range(count):
            home = i % 2 == 0
            application = await domain.submit(
                session,
                runtime,
                citizen,
                domain.Submission(
                    service_code="uji.kk",
                    answers=kk_answers(jumlah_anggota=1 + i % 20),
                    delivery_method=Delivery.HOME_DELIVERY if home else Delivery.PICKUP,
                    address=domain.Address("Budi", "081234500001", f"Jl. Mawar {i}", "35.78.01.1001") if home else None,
                    uploads=[_Upload(f"kk-{i}.pdf", b"%PDF-1.4\n" + str(i).encode())],
                ),
            )
            assert application.id is not None
            if home:
                await domain.transition(session, runtime, staff, application.id, ApplicationStatus.VERIFIED)
            await domain.add_note(session, staff, application.id, f"Catatan {i}")
            numbers.append(application.tracking_number)
    return numbers


class _Upload:
    filename: str | None

    def __init__(self, filename: str, data: bytes) -> None:
        self.filename = filename
        self._data = data

    async def read(self, size: int = -1) -> bytes:
        return self._data


async def test_listing_10_or_100_applications_issues_the_same_statements(gql, cettar_runtime):
    citizen, staff = await _principals(cettar_runtime)
    numbers = await _seed(cettar_runtime, citizen, staff, 100)
    as_citizen, as_staff = gql.as_principal(citizen), gql.as_principal(staff)
    for client, query, field in ((as_citizen, MINE, "myApplications"), (as_staff, QUEUE, "applicationQueue")):
        seen = {}
        for size in (10, 100):
            with count_statements(cettar_runtime) as statements:
                data = await client.execute(query, {"first": size})
            assert len(data[field]["nodes"]) == size
            assert data[field]["totalCount"] == 100
            node = data[field]["nodes"][0]
            assert node["service"]["code"] == "uji.kk" and node["agency"]["code"] == "dispendukcapil-3578"
            assert node["timeline"] and node["attachments"] and node["answers"]
            seen[size] = statements.count
        assert seen[10] == seen[100], (field, seen)
        assert seen[10] <= 12, (field, seen)  # page, count, and one query per relation
    with count_statements(cettar_runtime) as statements:
        await gql.execute(TRACK, {"n": numbers[0]})
    assert statements.count <= 4
