"""The statements behind the lists: each restricted to the rows the principal may read, then filtered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlmodel import col

from core.auth import Principal
from plugins.rumahku_sip.access import developer_condition, development_condition
from plugins.rumahku_sip.models import (
    Developer,
    Development,
    DevelopmentStatus,
    Handover,
    HandoverStatus,
    HousingSegment,
    Problem,
    ProblemKind,
    ProblemStatus,
)


def _like(text: str) -> str:
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _within(column: Any, code: str) -> Any:
    """``column`` is ``code`` or a region under it (whole segments only: ``35.25.1`` is not ``35.25.14``)."""
    code = code.strip()
    return or_(column == code, column.startswith(f"{code}.", autoescape=True))


def _visible(statement: Select[Any], principal: Principal) -> Select[Any]:
    condition = development_condition(principal)
    return statement if condition is None else statement.where(condition)


@dataclass(frozen=True)
class DevelopmentFilter:
    kecamatan_code: str | None = None
    desa_code: str | None = None
    developer_id: int | None = None
    status: DevelopmentStatus | None = None
    segment: HousingSegment | None = None
    search: str | None = None
    with_open_problems: bool | None = None


def developments_query(principal: Principal, filter: DevelopmentFilter | None = None) -> Select[Any]:
    statement = _visible(select(Development), principal)
    f = filter or DevelopmentFilter()
    if f.kecamatan_code:
        statement = statement.where(_within(col(Development.kecamatan_code), f.kecamatan_code))
    if f.desa_code:
        statement = statement.where(col(Development.desa_code) == f.desa_code.strip())
    if f.developer_id is not None:
        statement = statement.where(col(Development.developer_id) == f.developer_id)
    if f.status is not None:
        statement = statement.where(col(Development.status) == f.status)
    if f.segment is not None:
        statement = statement.where(col(Development.segment) == f.segment)
    if f.search and f.search.strip():
        statement = statement.where(func.lower(col(Development.name)).like(_like(f.search), escape="\\"))
    if f.with_open_problems is not None:
        open_problem = exists().where(
            col(Problem.development_id) == col(Development.id), col(Problem.status) == ProblemStatus.OPEN
        )
        statement = statement.where(open_problem if f.with_open_problems else ~open_problem)
    return statement


def developers_query(principal: Principal, search: str | None = None) -> Select[Any]:
    statement = select(Developer)
    condition = developer_condition(principal)
    if condition is not None:
        statement = statement.where(condition)
    if search and search.strip():
        statement = statement.where(func.lower(col(Developer.name)).like(_like(search), escape="\\"))
    return statement


def handovers_query(
    principal: Principal,
    *,
    status: HandoverStatus | None = None,
    development_id: int | None = None,
    kecamatan_code: str | None = None,
) -> Select[Any]:
    statement = _visible(
        select(Handover).join(Development, col(Development.id) == col(Handover.development_id)), principal
    )
    if status is not None:
        statement = statement.where(col(Handover.status) == status)
    if development_id is not None:
        statement = statement.where(col(Handover.development_id) == development_id)
    if kecamatan_code:
        statement = statement.where(_within(col(Development.kecamatan_code), kecamatan_code))
    return statement


def problems_query(
    principal: Principal,
    *,
    kind: ProblemKind | None = None,
    status: ProblemStatus | None = None,
    development_id: int | None = None,
    kecamatan_code: str | None = None,
) -> Select[Any]:
    statement = _visible(
        select(Problem).join(Development, col(Development.id) == col(Problem.development_id)), principal
    )
    if kind is not None:
        statement = statement.where(col(Problem.kind) == kind)
    if status is not None:
        statement = statement.where(col(Problem.status) == status)
    if development_id is not None:
        statement = statement.where(col(Problem.development_id) == development_id)
    if kecamatan_code:
        statement = statement.where(_within(col(Development.kecamatan_code), kecamatan_code))
    return statement
