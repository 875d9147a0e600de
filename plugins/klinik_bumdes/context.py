"""GraphQL helpers: the caller's :class:`Access` (once per operation) and global ID decoding."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry.dataloader import DataLoader

from core.errors import CettarError
from plugins.klinik_bumdes.service.access import Access, access_for
from schema import Context, Info, decode_int_id

ACCESS_LOADER = "klinik_bumdes:access"


def _make_access_loader(context: Context) -> DataLoader[int, Access]:
    async def load(keys: Sequence[int]) -> list[Access]:
        async with context.db() as session:
            access = await access_for(session, context.principal)
        return [access for _ in keys]

    return DataLoader(load_fn=load)


async def access_of(info: Info) -> Access:
    """The caller's standing in the clinic, read once per operation.

    Call it before ``async with info.context.db()``: it reads through the same unit of work.
    """
    return await info.context.loader(ACCESS_LOADER, _make_access_loader).load(0)


def key(global_id: strawberry.ID, type_name: str, field: str) -> int:
    """The row id of a global ID naming ``type_name``; ``INVALID_ID`` on ``field`` otherwise.

    (``schema.decode_int_id`` names the field ``id`` when the ID is not even base64; the
    input path is what clients need, so it is set here.)
    """
    try:
        return decode_int_id(str(global_id), type_name, field)
    except CettarError as error:
        if error.code != "INVALID_ID":
            raise
        raise CettarError("INVALID_ID", field=field) from None
