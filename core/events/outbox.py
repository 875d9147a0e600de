"""Writing events: in the same transaction as the change that caused them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.events.models import OutboxEvent


def emit(session: AsyncSession, name: str, payload: dict[str, Any], *, source: str) -> OutboxEvent:
    """Add an event to the outbox of ``session``'s transaction.

    It is delivered only if that transaction commits; a rollback discards it.
    ``payload`` must be JSON-serialisable and should hold ids, not personal data.
    """
    event = OutboxEvent(name=name, source=source, payload=payload)
    session.add(event)
    return event
