"""The table of in-app notifications."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from core.db import UTCDateTime, utcnow


class NotificationRow(SQLModel, table=True):
    __tablename__ = "core_notification"
    __table_args__ = (Index("ix_core_notification_account_id_id", "account_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="core_account.id")
    kind: str = Field(max_length=64)
    title_id: str = Field(max_length=200)
    title_en: str = Field(max_length=200)
    body_id: str = Field(sa_column=Column(Text, nullable=False))
    body_en: str = Field(sa_column=Column(Text, nullable=False))
    target_type: str | None = Field(default=None, max_length=64)
    target_key: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    read_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
