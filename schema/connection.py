"""Relay connections over keyset pages, with ``totalCount`` computed only when asked."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import Select

from core.pagination import PageRequest, keyset_page
from schema.context import Info

T = TypeVar("T")


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="One item of a page and its cursor.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list. Page with `first`/`after` or `last`/`before`.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the whole list holds, across all pages.")
    async def total_count(self) -> int:
        return await self._count()

    @strawberry.field(description="The items of this page, without their cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


async def paginate(
    info: Info,
    stmt: Select[Any],
    order_by: Sequence[Any],
    *,
    key_of: Callable[[Any], Sequence[Any]],
    convert: Callable[[Any], T],
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    descending: bool = False,
) -> Connection[T]:
    """A connection of ``convert(row)`` for one keyset page of ``stmt``.

    ``order_by`` lists columns (``Model.id`` or ``col(Model.x)``) that together are
    unique, and ``key_of(row)`` returns their values for a row.
    """
    settings = info.context.runtime.settings
    page = await keyset_page(
        info.context.db,
        stmt,
        order_by,
        PageRequest(first=first, after=after, last=last, before=before),
        max_size=settings.max_page_size,
        default_size=min(settings.default_page_size, settings.max_page_size),
        key_of=key_of,
        descending=descending,
    )
    edges = [Edge(cursor=c, node=convert(r)) for r, c in zip(page.rows, page.cursors, strict=True)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        ),
        _count=page.count,
    )
