"""Demo data of the sim plugin (``cettar seed --demo``): the demo officer of the Satpas of Polrestabes Surabaya.

sim has no tables of its own; its services' demo applications are ``layanan``'s
(made with each service's ``sample_answers``). What it adds is an officer of `polrestabes-surabaya` to process them,
unless a demo account already works there. Idempotent: an existing username is left alone.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.auth import Role
from core.identity.demo import DemoAccount, seed_missing_demo_officers

OFFICERS = (
    DemoAccount(
        "petugas.satpas",
        Role.OFFICER,
        "Nanik Suryani",
        "+6281234500051",
        "nanik@satpas-surabaya.example",
        agency_code="polrestabes-surabaya",
        nip="198909232014022001",
        position="Pengatur Administrasi SIM Satpas (PNS Polri)",
        grade="II/d",
    ),
)


async def seed_demo(session: AsyncSession) -> int:
    """Add the demo officers whose agency has none yet; returns how many were created."""
    return await seed_missing_demo_officers(session, OFFICERS)
