"""A plugin used only by the tests: a mutation that emits an event, a subscription, a failing field."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import CettarError
from core.events import Event, EventHandler, emit
from core.plugins import PluginMeta, hookimpl
from schema import Info


@strawberry.input
class PingInput:
    message: str
    fail: bool = False


@strawberry.type
class PingPayload:
    message: str


@strawberry.type
class Pinged:
    event_id: int
    message: str


@strawberry.mutation
async def ping(info: Info, input: PingInput) -> PingPayload:
    async with info.context.db() as session:
        emit(session, "echo.pinged", {"message": input.message}, source="echo")
        await session.flush()
    if input.fail:
        raise CettarError("VALIDATION_FAILED", field="input.fail")
    return PingPayload(message=input.message)


@strawberry.field
def boom(info: Info) -> str:
    raise RuntimeError("secret detail that must not leak")


@strawberry.field
def calm(info: Info) -> str:
    return "calm"


@strawberry.subscription
async def pinged(info: Info) -> AsyncGenerator[Pinged, None]:
    async with info.context.runtime.broker.subscribe(lambda e: e.name == "echo.pinged") as events:
        async for event in events:
            yield Pinged(event_id=event.id, message=event.payload["message"])


class EchoPlugin:
    """An instance per test so that what its handler saw is not shared."""

    def __init__(self, name: str = "echo") -> None:
        self.name = name
        self.seen: list[Event] = []

    @hookimpl
    def cettar_plugin_meta(self) -> PluginMeta:
        return PluginMeta(name=self.name, version="0.0.1", title="Echo (tests only)")

    @hookimpl
    def cettar_schema(self, builder: Any) -> None:
        builder.query(boom, calm)
        builder.mutation(ping)
        builder.subscription(pinged)

    @hookimpl
    def cettar_event_handlers(self) -> list[EventHandler]:
        async def record(event: Event, session: AsyncSession) -> None:
            self.seen.append(event)

        return [EventHandler(name=f"{self.name}.record", pattern="echo.*", handle=record)]
