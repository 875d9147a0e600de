"""Reading and writing Posyandu: plain async functions on a session, no GraphQL.

Everything here can be used from a resolver, a CLI command, a seed or a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.errors import CettarError
from core.regions.models import Region, RegionKind
from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from cettar_posyandu.models import PosyanduPost

#: A Posyandu belongs to the lowest level of government: a desa or a kelurahan.
VILLAGE_KINDS = frozenset({RegionKind.DESA, RegionKind.KELURAHAN})
MAX_KADER = 1000


def posyandus_query(region_code: str | None = None) -> Select[Any]:
    """Posyandu in ``region_code`` or in any region under it (``35.78`` is all of Surabaya)."""
    stmt = select(PosyanduPost)
    if region_code is not None:
        code = region_code.strip()
        stmt = stmt.where(
            or_(
                col(PosyanduPost.region_code) == code,
                col(PosyanduPost.region_code).startswith(f"{code}.", autoescape=True),
            )
        )
    return stmt


async def posyandus_by_id(session: AsyncSession, ids: Sequence[int]) -> list[PosyanduPost | None]:
    """One row or ``None`` per id, in the order asked."""
    rows = (await session.execute(select(PosyanduPost).where(col(PosyanduPost.id).in_(list(ids))))).scalars().all()
    found = {row.id: row for row in rows}
    return [found.get(i) for i in ids]


async def find_posyandu(session: AsyncSession, region_code: str, name: str) -> PosyanduPost | None:
    """The Posyandu called ``name`` in ``region_code`` (names are unique within a desa/kelurahan)."""
    stmt = select(PosyanduPost).where(col(PosyanduPost.region_code) == region_code, col(PosyanduPost.name) == name)
    return (await session.execute(stmt)).scalars().first()


def _invalid(field: str, message_id: str, message_en: str) -> CettarError:
    return CettarError("VALIDATION_FAILED", field=field, message_id=message_id, message_en=message_en)


async def check_posyandu(session: AsyncSession, *, name: str, region_code: str, kader_count: int) -> None:
    """Raise ``VALIDATION_FAILED`` (naming the field) unless the values make a valid Posyandu."""
    if not name.strip():
        raise _invalid("name", "Nama posyandu wajib diisi.", "The name of the Posyandu is required.")
    if not 0 <= kader_count <= MAX_KADER:
        raise _invalid(
            "kaderCount",
            f"Jumlah kader harus antara 0 dan {MAX_KADER}.",
            f"The number of cadres must be between 0 and {MAX_KADER}.",
        )
    region = await session.get(Region, region_code)
    if region is None or region.kind not in VILLAGE_KINDS:
        raise _invalid(
            "regionCode",
            "Posyandu harus berada di sebuah desa atau kelurahan.",
            "A Posyandu must be in a desa or kelurahan.",
        )


async def add_posyandu(
    session: AsyncSession, *, name: str, region_code: str, kader_count: int = 0, hamlet: str | None = None
) -> PosyanduPost:
    """Insert a Posyandu after checking it; the caller's session commits."""
    name, region_code = name.strip(), region_code.strip()
    await check_posyandu(session, name=name, region_code=region_code, kader_count=kader_count)
    post = PosyanduPost(name=name, region_code=region_code, kader_count=kader_count, hamlet=hamlet or None)
    session.add(post)
    await session.flush()
    return post
