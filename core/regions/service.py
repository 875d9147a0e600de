"""Reading regions and agencies (plain functions, no GraphQL)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.regions.models import Agency, Region, RegionKind


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def regions_query(
    kind: RegionKind | None = None, parent_code: str | None = None, search: str | None = None
) -> Select[Any]:
    stmt = select(Region)
    if kind is not None:
        stmt = stmt.where(Region.kind == kind)
    if parent_code is not None:
        stmt = stmt.where(Region.parent_code == parent_code)
    if search:
        stmt = stmt.where(Region.name.ilike(_like(search.strip()), escape="\\"))  # type: ignore[attr-defined]
    return stmt


def agencies_query(region_code: str | None = None, parent_id: int | None = None) -> Select[Any]:
    stmt = select(Agency)
    if region_code is not None:
        stmt = stmt.where(Agency.region_code == region_code)
    if parent_id is not None:
        stmt = stmt.where(Agency.parent_id == parent_id)
    return stmt


async def regions_by_code(session: AsyncSession, codes: Sequence[str]) -> list[Region | None]:
    rows = (await session.execute(select(Region).where(Region.code.in_(list(codes))))).scalars().all()  # type: ignore[attr-defined]
    found = {r.code: r for r in rows}
    return [found.get(code) for code in codes]


async def agencies_by_id(session: AsyncSession, ids: Sequence[int]) -> list[Agency | None]:
    rows = (await session.execute(select(Agency).where(Agency.id.in_(list(ids))))).scalars().all()  # type: ignore[union-attr]
    found = {a.id: a for a in rows}
    return [found.get(i) for i in ids]


async def agencies_by_code(session: AsyncSession, codes: Sequence[str]) -> list[Agency | None]:
    rows = (await session.execute(select(Agency).where(Agency.code.in_(list(codes))))).scalars().all()  # type: ignore[attr-defined]
    found = {a.code: a for a in rows}
    return [found.get(c) for c in codes]
