"""Demo accounts for `cettar seed --demo` (refused in production). The README lists them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Role
from core.identity.models import Account, Citizen, Officer, Training
from core.identity.secrets import hash_password
from core.identity.validators import parse_nik, parse_nip
from core.regions.models import Agency

DEMO_PASSWORD = "cettar-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    name: str
    phone: str
    email: str
    agency_code: str | None = None
    nik: str | None = None
    nip: str | None = None
    position: str | None = None
    grade: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount(
        "warga.budi", Role.CITIZEN, "Budi Santoso", "+6281234500001", "budi@warga.example", nik="3578011203850001"
    ),
    DemoAccount(
        "warga.siti", Role.CITIZEN, "Siti Aminah", "+6281234500002", "siti@warga.example", nik="3515025708920003"
    ),
    DemoAccount(
        "petugas.surabaya",
        Role.OFFICER,
        "Agus Prasetyo",
        "+6281234500011",
        "agus@dispendukcapil.example",
        agency_code="dispendukcapil-3578",
        nip="198703152010011001",
        position="Verifikator Dokumen Kependudukan",
        grade="III/b",
    ),
    DemoAccount(
        "admin.surabaya",
        Role.AGENCY_ADMIN,
        "Dewi Lestari",
        "+6281234500012",
        "dewi@dispendukcapil.example",
        agency_code="dispendukcapil-3578",
        nip="197905102005012002",
        position="Kepala Bidang Pelayanan",
        grade="IV/a",
    ),
    DemoAccount(
        "petugas.sidoarjo",
        Role.OFFICER,
        "Rudi Hartono",
        "+6281234500021",
        "rudi@dispendukcapil.example",
        agency_code="dispendukcapil-3515",
        nip="199001202015031003",
        position="Operator Pelayanan Adminduk",
        grade="II/c",
    ),
    DemoAccount(
        "admin.sidoarjo",
        Role.AGENCY_ADMIN,
        "Sri Wahyuni",
        "+6281234500022",
        "sri@dispendukcapil.example",
        agency_code="dispendukcapil-3515",
        nip="198211112008042001",
        position="Sekretaris Dinas",
        grade="IV/b",
    ),
    DemoAccount(
        "admin.provinsi",
        Role.PROVINCE_ADMIN,
        "Hadi Wijaya",
        "+6281234500031",
        "hadi@diskominfo.example",
        agency_code="diskominfo-jatim",
        nip="197507072000031001",
        position="Administrator Sistem Provinsi",
        grade="IV/c",
    ),
)


async def seed_demo_accounts(session: AsyncSession, accounts: tuple[DemoAccount, ...] = DEMO_ACCOUNTS) -> int:
    """Create the demo accounts that do not exist yet; returns how many were created.

    A plugin adds demo officers of its own agencies from its ``cettar_seed`` (``demo=True``):
    ``await seed_demo_accounts(session, (DemoAccount("petugas.samsat", Role.OFFICER, …),))``,
    with a valid NIP and an agency that exists; they share ``DEMO_PASSWORD``.
    """
    existing = set((await session.execute(select(col(Account.username)))).scalars())
    agencies = {
        str(code): int(agency_id or 0)
        for code, agency_id in await session.execute(select(col(Agency.code), col(Agency.id)))
    }
    password_hash = hash_password(DEMO_PASSWORD)
    created = 0
    for demo in accounts:
        if demo.username in existing:
            continue
        if demo.agency_code and demo.agency_code not in agencies:
            raise ValueError(f"demo account {demo.username}: no agency {demo.agency_code!r}")
        account = Account(
            username=demo.username,
            role=demo.role,
            name=demo.name,
            phone=demo.phone,
            email=demo.email,
            password_hash=password_hash,
            demo=True,
        )
        session.add(account)
        await session.flush()
        assert account.id is not None
        if demo.nik:
            nik = parse_nik(demo.nik)
            session.add(
                Citizen(
                    account_id=account.id,
                    nik=nik.nik,
                    nik_regency_code=nik.regency_code,
                    in_province=nik.in_province,
                    birth_date=nik.birth_date,
                    sex=nik.sex,
                )
            )
        if demo.nip and demo.agency_code:
            nip = parse_nip(demo.nip)
            session.add(
                Officer(
                    account_id=account.id,
                    nip=nip.nip,
                    agency_id=agencies[demo.agency_code],
                    position=demo.position or "Pelaksana",
                    grade=demo.grade or "III/a",
                    korpri_member=True,
                    korpri_number=f"KORPRI-35-{nip.nip[-6:]}",
                )
            )
            await session.flush()
            session.add(
                Training(
                    officer_id=account.id,
                    name="Pelatihan Dasar CPNS",
                    organizer="BPSDM Provinsi Jawa Timur",
                    cohort="Angkatan " + str(nip.appointed.year % 100),
                    year=nip.appointed.year,
                )
            )
        created += 1
    return created


async def demo_officer_works_at(session: AsyncSession, agency_code: str) -> bool:
    """Whether a demo officer already works at the agency (seeded by the core or another plugin)."""
    found = await session.execute(
        select(col(Account.id))
        .join(Officer, col(Officer.account_id) == col(Account.id))
        .join(Agency, col(Agency.id) == col(Officer.agency_id))
        .where(col(Agency.code) == agency_code, col(Account.demo).is_(True), col(Account.role) == Role.OFFICER)
        .limit(1)
    )
    return found.first() is not None


async def seed_missing_demo_officers(session: AsyncSession, officers: tuple[DemoAccount, ...]) -> int:
    """Seed each of ``officers`` whose agency has no demo officer yet; returns how many were created.

    Several plugins may serve one agency: the first to seed gives it its demo officer.
    """
    missing = tuple([o for o in officers if o.agency_code and not await demo_officer_works_at(session, o.agency_code)])
    return await seed_demo_accounts(session, missing)
