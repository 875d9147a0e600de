"""Reading regions and agencies (plain functions, no GraphQL)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.regions.models import Agency, Region, RegionKind


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def regions_query(
    kind: RegionKind | None = None, parent_code: str | None = None, search: str | None = None
) -> Select[Any]:
    stmt = select(Region)
    if kind is not None:
        stmt = stmt.where(col(Region.kind) == kind)
    if parent_code is not None:
        stmt = stmt.where(col(Region.parent_code) == parent_code)
    if search:
        stmt = stmt.where(col(Region.name).ilike(_like(search.strip()), escape="\\"))
    return stmt


def agencies_query(region_code: str | None = None, parent_id: int | None = None) -> Select[Any]:
    stmt = select(Agency)
    if region_code is not None:
        stmt = stmt.where(col(Agency.region_code) == region_code)
    if parent_id is not None:
        stmt = stmt.where(col(Agency.parent_id) == parent_id)
    return stmt


async def regions_by_code(session: AsyncSession, codes: Sequence[str]) -> list[Region | None]:
    rows = (await session.execute(select(Region).where(col(Region.code).in_(list(codes))))).scalars().all()
    found = {r.code: r for r in rows}
    return [found.get(code) for code in codes]


async def agencies_by_id(session: AsyncSession, ids: Sequence[int]) -> list[Agency | None]:
    rows = (await session.execute(select(Agency).where(col(Agency.id).in_(list(ids))))).scalars().all()
    found = {a.id: a for a in rows}
    return [found.get(i) for i in ids]


async def agencies_by_code(session: AsyncSession, codes: Sequence[str]) -> list[Agency | None]:
    rows = (await session.execute(select(Agency).where(col(Agency.code).in_(list(codes))))).scalars().all()
    found = {a.code: a for a in rows}
    return [found.get(c) for c in codes]
