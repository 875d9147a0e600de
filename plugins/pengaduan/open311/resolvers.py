"""Root fields of Open311 key management: thin, they call :mod:`plugins.pengaduan.open311.keys`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry
from sqlalchemy import select
from sqlmodel import col

from core.auth import Role
from plugins.pengaduan.open311 import keys
from plugins.pengaduan.open311.models import Open311Key as KeyRow
from plugins.pengaduan.open311.types import (
    IssueOpen311KeyInput,
    IssueOpen311KeyPayload,
    Open311Key,
    RevokeOpen311KeyInput,
    RevokeOpen311KeyPayload,
)
from schema import Connection, HasRole, Info, allow, decode_int_id, int_key, paginate

PROVINCE_ADMIN = allow(HasRole(Role.PROVINCE_ADMIN))


@strawberry.field(
    description="Integrators' Open311 API keys, newest first (province admin).", extensions=[PROVINCE_ADMIN]
)
async def open311_keys(
    info: Info,
    include_revoked: Annotated[
        bool, strawberry.argument(description="Also list revoked keys (by default only working ones).")
    ] = False,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Open311Key]:
    return await paginate(
        info,
        keys.keys_query(info.context.principal, include_revoked=include_revoked),
        [KeyRow.id],
        key_of=lambda row: (row.id,),
        convert=Open311Key.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.mutation(
    description="Issue an Open311 API key to an integrator (province admin). The key is in the payload, once.",
    extensions=[PROVINCE_ADMIN],
)
async def issue_open311_key(info: Info, input: IssueOpen311KeyInput) -> IssueOpen311KeyPayload:
    async with info.context.db() as session:
        issued = await keys.issue(
            session,
            info.context.principal,
            integrator=input.integrator,
            contact=input.contact,
            response_mode=input.response_mode,
            idempotency_key=input.idempotency_key,
        )
    return IssueOpen311KeyPayload(key=Open311Key.from_row(issued.row), api_key=issued.api_key)


@strawberry.mutation(
    description="Revoke an Open311 API key (province admin): `POST requests` refuses it from now on.",
    extensions=[PROVINCE_ADMIN],
)
async def revoke_open311_key(info: Info, input: RevokeOpen311KeyInput) -> RevokeOpen311KeyPayload:
    key_id = decode_int_id(str(input.key_id), "Open311Key", "input.keyId")
    async with info.context.db() as session:
        row = await keys.revoke(session, info.context.principal, key_id)
    return RevokeOpen311KeyPayload(key=Open311Key.from_row(row))


async def resolve_key_nodes(info: Info, node_keys: Sequence[str]) -> list[Open311Key | None]:
    """``node(id:)`` of a key: the province admin only; anyone else gets null."""
    if info.context.principal.role is not Role.PROVINCE_ADMIN:
        return [None] * len(node_keys)
    wanted = [int_key(k) for k in node_keys]
    ids = [i for i in wanted if i is not None]
    async with info.context.db() as session:
        rows = {r.id: r for r in (await session.execute(select(KeyRow).where(col(KeyRow.id).in_(ids)))).scalars()}
    return [Open311Key.from_row(rows[k]) if k is not None and k in rows else None for k in wanted]
