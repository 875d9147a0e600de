"""In-process fan-out of dispatched events to live subscriptions."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.events.dispatcher import Event

Predicate = Callable[["Event"], bool]


class Broker:
    """Publishes each event to every subscriber whose predicate accepts it.

    A subscriber that falls ``maxsize`` events behind loses the oldest ones
    rather than slowing the dispatcher down.
    """

    def __init__(self, maxsize: int = 1000) -> None:
        self._subscribers: set[tuple[asyncio.Queue[Event], Predicate]] = set()
        self._maxsize = maxsize

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def publish(self, event: Event) -> None:
        for queue, accepts in list(self._subscribers):
            if not accepts(event):
                continue
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

    @asynccontextmanager
    async def subscribe(self, accepts: Predicate) -> AsyncIterator[AsyncIterator[Event]]:
        queue: asyncio.Queue[Event] = asyncio.Queue(self._maxsize)
        entry = (queue, accepts)
        self._subscribers.add(entry)

        async def events() -> AsyncIterator[Event]:
            while True:
                yield await queue.get()

        try:
            yield events()
        finally:
            self._subscribers.discard(entry)
