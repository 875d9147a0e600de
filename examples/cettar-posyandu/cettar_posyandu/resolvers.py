"""Root fields: thin, they page the service's query and convert rows to types."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from schema import Connection, HasPermission, Info, allow, decode_int_id, paginate

from cettar_posyandu.models import PosyanduPost
from cettar_posyandu.service import posyandus_by_id, posyandus_query, update_cadres
from cettar_posyandu.types import Posyandu, UpdatePosyanduCadresInput, UpdatePosyanduCadresPayload

#: Held by officers and agency admins by default; the province admin may grant it to anyone.
MANAGE = "posyandu.manage"


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


@strawberry.mutation(
    description="Record how many cadres (kader) a Posyandu has now. Needs the permission `posyandu.manage`.",
    extensions=[allow(HasPermission(MANAGE))],
)
async def update_posyandu_cadres(info: Info, input: UpdatePosyanduCadresInput) -> UpdatePosyanduCadresPayload:
    post_id = decode_int_id(str(input.id), "Posyandu", "input.id")
    settings = info.context.runtime.plugins.get("posyandu").settings
    max_kader = int(settings.max_kader)  # PosyanduSettings, read from CETTAR_POSYANDU_MAX_KADER
    async with info.context.db() as session:
        post = await update_cadres(session, post_id, input.kader_count, max_kader=max_kader)
    return UpdatePosyanduCadresPayload(posyandu=Posyandu.from_row(post))
