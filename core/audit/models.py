"""The audit trail's tables: the records and the head of their hash chain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from core.db import UTCDateTime

GENESIS = "0" * 64


class AuditRecord(SQLModel, table=True):
    """Who did what to which target, when, in which request; chained by ``prev_hash``."""

    __tablename__ = "core_audit"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(unique=True, description="Position in the chain, from 1 without gaps.")
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
    account_id: int | None = Field(default=None, index=True)
    username: str | None = Field(default=None, max_length=32)
    role: str = Field(max_length=16)
    agency_id: int | None = Field(default=None, index=True)
    action: str = Field(max_length=120, index=True)
    target_type: str | None = Field(default=None, max_length=64)
    target_id: str | None = Field(default=None, max_length=64, index=True)
    target_agency_id: int | None = Field(
        default=None, index=True, description="The agency the target belongs to (an officer's, say), if any."
    )
    request_id: str | None = Field(default=None, max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditHead(SQLModel, table=True):
    """One row: the last sequence number and hash. Locking it serialises appends."""

    __tablename__ = "core_audit_head"

    id: int = Field(default=1, primary_key=True)
    seq: int = 0
    hash: str = Field(default=GENESIS, max_length=64)
