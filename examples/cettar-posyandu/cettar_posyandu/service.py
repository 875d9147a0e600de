"""Reading and writing Posyandu: plain async functions on a session, no GraphQL.

Everything here can be used from a resolver, a CLI command, a seed or a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.audit.chain import record
from core.errors import CettarError
from core.events import emit
from core.regions.models import Region, RegionKind
from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from cettar_posyandu.models import PosyanduPost

#: A Posyandu belongs to the lowest level of government: a desa or a kelurahan.
VILLAGE_KINDS = frozenset({RegionKind.DESA, RegionKind.KELURAHAN})
#: The default of ``CETTAR_POSYANDU_MAX_KADER`` (see ``cettar_posyandu.PosyanduSettings``).
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


def check_kader_count(kader_count: int, max_kader: int = MAX_KADER, field: str = "kaderCount") -> None:
    if not 0 <= kader_count <= max_kader:
        raise _invalid(
            field,
            f"Jumlah kader harus antara 0 dan {max_kader}.",
            f"The number of cadres must be between 0 and {max_kader}.",
        )


async def check_posyandu(
    session: AsyncSession, *, name: str, region_code: str, kader_count: int, max_kader: int = MAX_KADER
) -> None:
    """Raise ``VALIDATION_FAILED`` (naming the field) unless the values make a valid Posyandu."""
    if not name.strip():
        raise _invalid("name", "Nama posyandu wajib diisi.", "The name of the Posyandu is required.")
    check_kader_count(kader_count, max_kader)
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


async def update_cadres(session: AsyncSession, post_id: int, kader_count: int, *, max_kader: int) -> PosyanduPost:
    """Record how many cadres a Posyandu has now; audited, and announced as ``posyandu.cadres_updated``."""
    check_kader_count(kader_count, max_kader, field="input.kaderCount")
    post = await session.get(PosyanduPost, post_id)
    if post is None:
        raise CettarError("NOT_FOUND", field="input.id")
    before, post.kader_count = post.kader_count, kader_count
    await session.flush()
    record(
        session,
        "posyandu.cadres_updated",
        target_type="Posyandu",
        target_id=post.id,
        detail={"before": before, "after": kader_count},
    )
    emit(session, "posyandu.cadres_updated", {"posyandu_id": post.id, "kader_count": kader_count}, source="posyandu")
    return post
