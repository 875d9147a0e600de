"""Demo data of the samsat plugin (``cettar seed --demo``): the demo officer of Samsat (Bapenda Provinsi Jawa Timur).

samsat has no tables of its own; its services' demo applications are ``layanan``'s
(made with each service's ``sample_answers``). What it adds is an officer of `bapenda-jatim` to process them,
unless a demo account already works there. Idempotent: an existing username is left alone.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.auth import Role
from core.identity.demo import DemoAccount, seed_missing_demo_officers

OFFICERS = (
    DemoAccount(
        "petugas.samsat",
        Role.OFFICER,
        "Eko Wibisono",
        "+6281234500041",
        "eko@bapenda-jatim.example",
        agency_code="bapenda-jatim",
        nip="198604172010011002",
        position="Pengelola Pendapatan Daerah UPT PPD Surabaya",
        grade="III/c",
    ),
)


async def seed_demo(session: AsyncSession) -> int:
    """Add the demo officers whose agency has none yet; returns how many were created."""
    return await seed_missing_demo_officers(session, OFFICERS)
