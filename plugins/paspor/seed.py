"""Demo data of the paspor plugin (``cettar seed --demo``): the demo officers of the immigration offices of Surabaya and Malang.

paspor has no tables of its own; its services' demo applications are ``layanan``'s
(made with each service's ``sample_answers``). What it adds is an officer of `imigrasi-surabaya` and one of `imigrasi-malang` to process them,
unless a demo account already works there. Idempotent: an existing username is left alone.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.auth import Role
from core.identity.demo import DemoAccount, seed_missing_demo_officers

OFFICERS = (
    DemoAccount(
        "petugas.imigrasi",
        Role.OFFICER,
        "Fajar Nugroho",
        "+6281234500061",
        "fajar@imigrasi-surabaya.example",
        agency_code="imigrasi-surabaya",
        nip="199203112015031001",
        position="Pemeriksa Keimigrasian Pertama",
        grade="III/a",
    ),
    DemoAccount(
        "petugas.imigrasi.malang",
        Role.OFFICER,
        "Lestari Handayani",
        "+6281234500062",
        "lestari@imigrasi-malang.example",
        agency_code="imigrasi-malang",
        nip="198807052012122002",
        position="Analis Keimigrasian",
        grade="III/b",
    ),
)


async def seed_demo(session: AsyncSession) -> int:
    """Add the demo officers whose agency has none yet; returns how many were created."""
    return await seed_missing_demo_officers(session, OFFICERS)
