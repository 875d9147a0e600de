"""Demo Posyandu, loaded by ``cettar seed --demo``. Idempotent: insert what is missing, fix what changed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from cettar_posyandu.service import add_posyandu, check_posyandu, find_posyandu

#: (name, desa/kelurahan code, active cadres, RW or dusun)
DEMO_POSYANDU: tuple[tuple[str, str, int, str | None], ...] = (
    ("Posyandu Melati", "35.78.01.1001", 8, "RW 01"),  # Kel. Karang Pilang, Surabaya
    ("Posyandu Mawar", "35.78.01.1001", 6, "RW 02"),
    ("Posyandu Anggrek", "35.78.01.1001", 5, None),
    ("Posyandu Kenanga", "35.78.01.1002", 7, "RW 05"),  # Kel. Kebraon, Surabaya
    ("Posyandu Dahlia", "35.78.02.1001", 10, "RW 03"),  # Kel. Sidosermo, Surabaya
    ("Posyandu Flamboyan", "35.01.01.2001", 5, "Dusun Krajan"),  # Desa Widoro, Pacitan
)


async def seed_demo(session: AsyncSession) -> int:
    """Write the demo Posyandu; returns how many rows were inserted or corrected."""
    written = 0
    for name, region_code, kader_count, hamlet in DEMO_POSYANDU:
        existing = await find_posyandu(session, region_code, name)
        if existing is None:
            await add_posyandu(session, name=name, region_code=region_code, kader_count=kader_count, hamlet=hamlet)
            written += 1
        elif (existing.kader_count, existing.hamlet) != (kader_count, hamlet):
            await check_posyandu(session, name=name, region_code=region_code, kader_count=kader_count)
            existing.kader_count, existing.hamlet = kader_count, hamlet
            written += 1
    await session.flush()
    return written
