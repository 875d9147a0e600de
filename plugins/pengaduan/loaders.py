"""Per-request DataLoaders: one query per relation for a whole page of complaints."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from plugins.pengaduan import models as m
from plugins.pengaduan.community import supported_ids
from schema import Context, Info, group_loader


def steps(info: Info) -> DataLoader[int, list[m.ComplaintStep]]:
    return group_loader(info, m.ComplaintStep, m.ComplaintStep.complaint_id, order_by=[m.ComplaintStep.id])


def dispositions(info: Info) -> DataLoader[int, list[m.ComplaintDisposition]]:
    return group_loader(
        info, m.ComplaintDisposition, m.ComplaintDisposition.complaint_id, order_by=[m.ComplaintDisposition.seq]
    )


def complaint_attachments(info: Info) -> DataLoader[int, list[m.ComplaintAttachment]]:
    return group_loader(
        info, m.ComplaintAttachment, m.ComplaintAttachment.complaint_id, order_by=[m.ComplaintAttachment.id]
    )


def message_attachments(info: Info) -> DataLoader[int, list[m.ComplaintAttachment]]:
    return group_loader(
        info, m.ComplaintAttachment, m.ComplaintAttachment.message_id, order_by=[m.ComplaintAttachment.id]
    )


def supported_by_me(info: Info) -> DataLoader[int, bool]:
    """Whether the signed-in account supports each complaint."""

    def make(context: Context) -> DataLoader[int, bool]:
        async def load(ids: Sequence[int]) -> list[bool]:
            account_id = context.principal.account_id
            if account_id is None:
                return [False for _ in ids]
            async with context.db() as session:
                found = await supported_ids(session, account_id, list(set(ids)))
            return [i in found for i in ids]

        return DataLoader(load_fn=load)

    return info.context.loader("pengaduan.supported_by_me", make)
