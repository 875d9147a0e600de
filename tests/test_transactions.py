"""The unit of work of an operation ends with it, also when the client cancels it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Any

import pytest
import strawberry
from sqlalchemy import text

from core.plugins import PluginMeta, hookimpl
from schema import Info
from tests.support.waiting import wait_until


@strawberry.subscription
async def ticks(info: Info) -> AsyncGenerator[int, None]:
    async with info.context.db() as session:  # the operation's own session, held across yields
        await session.execute(text("SELECT 1"))
    count = 0
    while True:
        count += 1
        yield count
        await asyncio.sleep(0.05)


class TickPlugin:
    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name="tick", version="1.0", title="Tick (tests only)")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.subscription(ticks)


@pytest.mark.cettar(extra_plugins=[TickPlugin])
async def test_a_cancelled_subscription_gives_its_connection_back(gql, cettar_runtime, monkeypatch):
    from core.db import UnitOfWork

    original_close = UnitOfWork.close
    closes: list[int] = []

    async def counting_close(self: UnitOfWork) -> None:
        closes.append(1)
        await original_close(self)

    monkeypatch.setattr(UnitOfWork, "close", counting_close)
    async with gql.subscribe("subscription { ticks }") as sub:
        assert (await sub.next()).data == {"ticks": 1}
        assert (await sub.next()).data == {"ticks": 2}
    # the client sent `complete`: the operation is cancelled and its unit of work closed
    await wait_until(lambda: closes, what="the cancelled operation's unit of work to close")
