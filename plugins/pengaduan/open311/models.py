"""The Open311 tables: integrators' API keys and what each Open311 request brought beyond the complaint.

The complaint itself (text, category, location, status) is a ``pengaduan_complaint``
row filed through the complaint service; the reporter's contact details an
integrator sends are ``pengaduan_external_reporter`` (personal data, never public).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from core.db import StrEnumType, UTCDateTime, utcnow


class ResponseMode(StrEnum):
    """How ``POST requests`` answers an integrator (GeoReport v2 service ``type``)."""

    REALTIME = "realtime"  # the service_request_id at once
    BATCH = "batch"  # a token, exchanged for the service_request_id at tokens/{token}


class Open311Key(SQLModel, table=True):
    """An integrator's API key. Only its SHA-256 is stored; the key is shown once, when issued."""

    __tablename__ = "pengaduan_open311_key"

    id: int | None = Field(default=None, primary_key=True)
    integrator: str = Field(max_length=120, description="Who integrates: an organisation and its application.")
    contact: str = Field(max_length=200, description="Whom to call about the integration.")
    prefix: str = Field(max_length=16, index=True, description="The key's first characters, to recognise it.")
    digest: str = Field(max_length=64, unique=True, description="SHA-256 of the key.")
    response_mode: ResponseMode = Field(default=ResponseMode.REALTIME, sa_type=StrEnumType(ResponseMode, 16))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    created_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    revoked_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    last_used_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    requests_filed: int = Field(default=0, description="How many service requests were filed with it.")


class Open311Request(SQLModel, table=True):
    """A service request filed through Open311: its complaint, the key used, and the GeoReport-only fields."""

    __tablename__ = "pengaduan_open311_request"
    #: The hourly limit counts one key's requests of the past hour (pengaduan_0003).
    __table_args__ = (Index("ix_pengaduan_open311_request_key_id_created_at", "key_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="pengaduan_complaint.id", unique=True)
    key_id: int = Field(foreign_key="pengaduan_open311_key.id", index=True)
    token: str = Field(max_length=40, unique=True, description="Exchanged for the service_request_id (tokens/).")
    service_code: str = Field(max_length=64)
    address_string: str | None = Field(default=None, max_length=500)
    address_id: str | None = Field(default=None, max_length=64)
    media_url: str | None = Field(default=None, max_length=2000)
    #: The ``attribute[code]`` answers, by code (lists for multivaluelist attributes).
    attributes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
