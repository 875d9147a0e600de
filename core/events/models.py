"""The outbox and the record of each handler's delivery."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class OutboxEvent(SQLModel, table=True):
    __tablename__ = "core_outbox"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=120)
    source: str = Field(max_length=64)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
    claimed_until: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    claim_token: str | None = Field(default=None, max_length=32, index=True)
    processed_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), index=True))
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=500)


class EventDelivery(SQLModel, table=True):
    __tablename__ = "core_event_delivery"
    __table_args__ = (UniqueConstraint("event_id", "handler"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="core_outbox.id", index=True)
    handler: str = Field(max_length=160)
    delivered_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False))
