"""Root fields: thin, they page the service's query and convert rows to types."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from schema import Connection, Info, paginate

from cettar_posyandu.models import PosyanduPost
from cettar_posyandu.service import posyandus_by_id, posyandus_query
from cettar_posyandu.types import Posyandu


@strawberry.field(
    description="Posyandu ordered by ID; `regionCode` keeps those in one region or under it "
    "(a desa/kelurahan, a kecamatan, a kabupaten/kota)."
)
async def posyandus(
    info: Info,
    region_code: str | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Posyandu]:
    return await paginate(
        info,
        posyandus_query(region_code),
        [PosyanduPost.id],
        key_of=lambda row: (row.id,),
        convert=Posyandu.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


def _row_id(key: str) -> int:
    """The row ID in a node key; ``-1`` (found by nothing) for a key that is not one."""
    if key.isascii() and key.isdigit() and len(key) <= 9:  # fits an INTEGER column
        return int(key)
    return -1


async def resolve_posyandu_nodes(info: Info, keys: Sequence[str]) -> list[Posyandu | None]:
    """``node(id:)``: one Posyandu or ``None`` per key, in order."""
    ids = [_row_id(key) for key in keys]
    async with info.context.db() as session:
        rows = await posyandus_by_id(session, ids)
    return [Posyandu.from_row(row) if row else None for row in rows]
