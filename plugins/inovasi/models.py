"""Tables of the innovation registry: innovations and the awards they won (``inovasi_*``)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.db import StrEnumType, UTCDateTime, utcnow
from core.innovations import Stage


class Source(StrEnum):
    """Where a registry row comes from, which decides who may change it."""

    REFERENCE = "reference"  # the registry's own reference data (the 2020 awards)
    PLUGIN = "plugin"  # a plugin's ``cettar_innovation`` hook: the plugin keeps it up to date
    MANUAL = "manual"  # added through a mutation
    DEMO = "demo"  # demo data (``cettar seed --demo``)


class Innovation(SQLModel, table=True):
    """A public-service innovation of an agency in Jawa Timur."""

    __tablename__ = "inovasi_innovation"
    __table_args__ = (CheckConstraint("year_started IS NULL OR year_started >= 1945", name="ck_inovasi_year_started"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    name: str = Field(max_length=200)
    acronym_meaning: str | None = Field(default=None, max_length=300)
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    region_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    #: Null when the source names the innovation without saying when it started.
    year_started: int | None = Field(default=None)
    category: str = Field(max_length=80, index=True)
    stage: Stage | None = Field(default=None, sa_type=StrEnumType(Stage, 16))
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    #: The plugin implementing it (``cettar_innovation``); null when none does.
    plugin: str | None = Field(default=None, max_length=64, index=True)
    source: Source = Field(sa_type=StrEnumType(Source, 16))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Award(SQLModel, table=True):
    """An award an innovation won: a competition, a rank (``TOP 45``), a year and who gave it."""

    __tablename__ = "inovasi_award"
    __table_args__ = (
        UniqueConstraint("innovation_id", "competition_key", "rank", "year", name="uq_inovasi_award"),
        CheckConstraint("rank_number >= 1", name="ck_inovasi_award_rank_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    innovation_id: int = Field(foreign_key="inovasi_innovation.id", index=True)
    competition: str = Field(max_length=200)
    #: ``competition`` normalised (``kipp`` and ``Kompetisi Inovasi Pelayanan Publik`` are one competition).
    competition_key: str = Field(max_length=200, index=True)
    rank: str = Field(max_length=16, index=True)  # ``TOP 45``
    rank_number: int  # 45: sorts the better rank first
    year: int = Field(index=True)
    issuer: str = Field(max_length=200)
    #: The award's own category, e.g. "Pengelolaan Aspek dengan Keberlanjutan Inisiatif Terbaik".
    category: str | None = Field(default=None, max_length=200)
    awarded_on: date | None = Field(default=None)
    source: Source = Field(sa_type=StrEnumType(Source, 16))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
