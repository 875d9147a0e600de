"""Delivering outbox events to handlers and subscriptions, at least once.

Each event is claimed with a lease (``FOR UPDATE SKIP LOCKED`` on PostgreSQL),
so several workers can dispatch side by side. A handler's own database writes
and the record of its delivery commit together: a handler never sees the same
event twice through the database, and a crash only causes a retry.
"""

from __future__ import annotations

import asyncio
import fnmatch
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.db import Database
from core.events.broker import Broker
from core.events.models import EventDelivery, OutboxEvent, utcnow

log = logging.getLogger("cettar.events")


@dataclass(frozen=True)
class Event:
    id: int
    name: str
    source: str
    payload: dict[str, Any]
    created_at: datetime


HandlerFunction = Callable[[Event, AsyncSession], Awaitable[None]]


@dataclass(frozen=True)
class EventHandler:
    """A reaction to events whose name matches ``pattern`` (fnmatch, e.g. ``layanan.*``).

    ``name`` must be unique and stable: it is how deliveries are remembered.
    """

    name: str
    pattern: str
    handle: HandlerFunction

    def accepts(self, event_name: str) -> bool:
        return fnmatch.fnmatchcase(event_name, self.pattern)


class Dispatcher:
    def __init__(
        self,
        database: Database,
        handlers: list[EventHandler],
        broker: Broker,
        *,
        lease: timedelta = timedelta(seconds=30),
        batch: int = 100,
    ) -> None:
        names = [h.name for h in handlers]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"two event handlers are named {duplicates[0]!r}")
        self.database = database
        self.handlers = handlers
        self.broker = broker
        self.lease = lease
        self.batch = batch
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Ask the loop to look at the outbox now (called after each commit)."""
        self._wake.set()

    async def _claim(self) -> list[Event]:
        """Claim a batch atomically: one conditional UPDATE marks it with a fresh token."""
        now = utcnow()
        token = uuid.uuid4().hex
        claimable = (
            select(col(OutboxEvent.id))
            .where(
                col(col(OutboxEvent.processed_at)).is_(None),
                or_(
                    col(col(OutboxEvent.claimed_until)).is_(None),
                    col(col(OutboxEvent.claimed_until)) < now,
                ),
            )
            .order_by(col(OutboxEvent.id))
            .limit(self.batch)
            .with_for_update(skip_locked=True)
        )
        async with self.database.session() as session:
            await session.execute(
                update(OutboxEvent)
                .where(
                    col(col(OutboxEvent.id)).in_(claimable.scalar_subquery()),
                    or_(
                        col(col(OutboxEvent.claimed_until)).is_(None),
                        col(col(OutboxEvent.claimed_until)) < now,
                    ),
                )
                .values(claimed_until=now + self.lease, claim_token=token, attempts=col(col(OutboxEvent.attempts)) + 1)
                .execution_options(synchronize_session=False)
            )
        async with self.database.session() as session:
            rows = (
                (
                    await session.execute(
                        select(OutboxEvent).where(col(OutboxEvent.claim_token) == token).order_by(col(OutboxEvent.id))
                    )
                )
                .scalars()
                .all()
            )
        return [
            Event(id=r.id or 0, name=r.name, source=r.source, payload=dict(r.payload), created_at=r.created_at)
            for r in rows
        ]

    async def _deliver(self, event: Event, handler: EventHandler) -> bool:
        try:
            async with self.database.session() as session:
                done = await session.scalar(
                    select(col(EventDelivery.id)).where(
                        col(col(EventDelivery.event_id)) == event.id, col(col(EventDelivery.handler)) == handler.name
                    )
                )
                if done is not None:
                    return True
                await handler.handle(event, session)
                session.add(EventDelivery(event_id=event.id, handler=handler.name))
            return True
        except Exception as exc:
            log.exception("event handler %s failed on event %s (%s)", handler.name, event.id, event.name)
            async with self.database.session() as session:
                await session.execute(
                    update(OutboxEvent)
                    .where(col(OutboxEvent.id) == event.id)
                    .values(last_error=f"{handler.name}: {type(exc).__name__}"[:500])
                )
            return False

    async def run_once(self) -> tuple[int, int]:
        """Dispatch one batch; returns (events claimed, events fully processed).

        An event whose handler failed stays claimed until its lease ends, then is retried.
        """
        processed = 0
        claimed = await self._claim()
        for event in claimed:
            ok = True
            for handler in self.handlers:
                if handler.accepts(event.name):
                    ok = await self._deliver(event, handler) and ok
            self.broker.publish(event)
            if ok:
                async with self.database.session() as session:
                    await session.execute(
                        update(OutboxEvent)
                        .where(col(OutboxEvent.id) == event.id)
                        .values(processed_at=utcnow(), claimed_until=None)
                    )
                processed += 1
        return len(claimed), processed

    async def drain(self) -> int:
        """Dispatch until nothing is left that can be dispatched now; returns events processed."""
        total = 0
        while True:
            claimed, processed = await self.run_once()
            total += processed
            if not claimed:
                return total

    async def run(self, stop: asyncio.Event, poll_interval: float) -> None:
        """Dispatch until ``stop`` is set, waking on :meth:`wake` or every ``poll_interval``."""
        while not stop.is_set():
            try:
                await self.drain()
            except Exception:
                log.exception("event dispatch failed; retrying")
            self._wake.clear()
            waiter = asyncio.ensure_future(self._wake.wait())
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait({waiter, stopper}, timeout=poll_interval, return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            stopper.cancel()
