"""Per-request DataLoaders: one query per relation for a whole page of complaints."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import col
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


def first_messages(info: Info, size: int) -> DataLoader[int, list[m.ComplaintMessage]]:
    """The first ``size`` + 1 messages of each complaint (the extra one tells there are more), oldest first:
    one query for a whole page of complaints (a window function numbers each thread's messages)."""

    def make(context: Context) -> DataLoader[int, list[m.ComplaintMessage]]:
        async def load(ids: Sequence[int]) -> list[list[m.ComplaintMessage]]:
            numbered = (
                select(
                    m.ComplaintMessage,
                    func.row_number()
                    .over(partition_by=col(m.ComplaintMessage.complaint_id), order_by=col(m.ComplaintMessage.id))
                    .label("n"),
                )
                .where(col(m.ComplaintMessage.complaint_id).in_(sorted(set(ids))))
                .subquery()
            )
            message = aliased(m.ComplaintMessage, numbered)
            statement = select(message).where(numbered.c.n <= size + 1).order_by(numbered.c.id)
            threads: dict[int, list[m.ComplaintMessage]] = defaultdict(list)
            async with context.db() as session:
                for row in (await session.execute(statement)).scalars():
                    threads[row.complaint_id].append(row)
            return [threads.get(i, []) for i in ids]

        return DataLoader(load_fn=load)

    return info.context.loader(f"pengaduan.first_messages:{size}", make)


def message_counts(info: Info) -> DataLoader[int, int]:
    """How many messages each complaint's thread holds: one grouped query for a page of complaints."""

    def make(context: Context) -> DataLoader[int, int]:
        async def load(ids: Sequence[int]) -> list[int]:
            statement = (
                select(col(m.ComplaintMessage.complaint_id), func.count())
                .where(col(m.ComplaintMessage.complaint_id).in_(sorted(set(ids))))
                .group_by(col(m.ComplaintMessage.complaint_id))
            )
            async with context.db() as session:
                found = {int(c): int(n) for c, n in (await session.execute(statement)).all()}
            return [found.get(i, 0) for i in ids]

        return DataLoader(load_fn=load)

    return info.context.loader("pengaduan.message_counts", make)
