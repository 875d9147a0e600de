"""DataLoaders for any table, per request: one query per field for a whole page of parents.

    account = await row_loader(info, Account).load(account_id)
    trainings = await group_loader(info, Training, Training.officer_id).load(officer_id)

Loaders live in the request's context (never shared between users) and read
through the request's unit of work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from strawberry.dataloader import DataLoader

from schema.context import Context, Info

M = TypeVar("M")


def _key_column(model: type[Any], column: Any | None) -> Any:
    if column is not None:
        return column
    primary = inspect(model).primary_key
    if len(primary) != 1:
        raise TypeError(f"{model.__name__} has a composite primary key: name the column to load by")
    return primary[0]


def row_loader(info: Info, model: type[M], column: Any | None = None) -> DataLoader[Any, M | None]:
    """Loads one ``model`` row per key of ``column`` (by default the primary key); None when missing."""
    key_column = _key_column(model, column)
    name = f"row:{model.__name__}:{key_column.key}"

    def make(context: Context) -> DataLoader[Any, M | None]:
        async def load(keys: Sequence[Any]) -> list[M | None]:
            async with context.db() as session:
                rows = (await session.execute(select(model).where(key_column.in_(list(set(keys)))))).scalars()
                by_key = {getattr(row, key_column.key): row for row in rows}
            return [by_key.get(key) for key in keys]

        return DataLoader(load_fn=load)

    return info.context.loader(name, make)


def group_loader(info: Info, model: type[M], column: Any, order_by: Sequence[Any] = ()) -> DataLoader[Any, list[M]]:
    """Loads every ``model`` row whose ``column`` equals each key (a one-to-many relation)."""
    name = f"group:{model.__name__}:{column.key}"

    def make(context: Context) -> DataLoader[Any, list[M]]:
        async def load(keys: Sequence[Any]) -> list[list[M]]:
            statement = select(model).where(column.in_(list(set(keys))))
            if order_by:
                statement = statement.order_by(*order_by)
            groups: dict[Any, list[M]] = defaultdict(list)
            async with context.db() as session:
                for row in (await session.execute(statement)).scalars():
                    groups[getattr(row, column.key)].append(row)
            return [groups.get(key, []) for key in keys]

        return DataLoader(load_fn=load)

    return info.context.loader(name, make)
