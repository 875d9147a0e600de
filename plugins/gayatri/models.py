"""GAYATRI's tables: cadres, children with their measurements and doses, case reports and their timeline.

Children's rows are sensitive personal data (the NIK of a child and of its mother):
the services only ever read them through :mod:`plugins.gayatri.access`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.db import StrEnumType, UTCDateTime, utcnow
from plugins.gayatri.domain import CasePriority, CaseStatus, CaseStep, CaseType, ChildSex, HeightForAge, Position
from plugins.gayatri.immunisation import Dose


class Cadre(SQLModel, table=True):
    """A community cadre (kader) of one kelurahan, registered by Dinas Kesehatan; may sign in as a citizen."""

    __tablename__ = "gayatri_cadre"
    __table_args__ = (
        UniqueConstraint("account_id", name="uq_gayatri_cadre_account_id"),
        Index("ix_gayatri_cadre_kelurahan", "kelurahan_code", "active"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    kelurahan_code: str = Field(foreign_key="core_region.code", max_length=13)
    #: The citizen account the cadre signs in with (a cadre files case reports for their kelurahan).
    account_id: int | None = Field(default=None, foreign_key="core_account.id")
    #: The agency the cadre works with (Dinas Kesehatan Kota Mojokerto).
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    posyandu: str | None = Field(default=None, max_length=120)
    active: bool = True
    registered_by: int | None = Field(default=None, foreign_key="core_account.id")
    registered_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Child(SQLModel, table=True):
    """A child under five followed by the cadres of its kelurahan."""

    __tablename__ = "gayatri_child"
    __table_args__ = (
        UniqueConstraint("nik", name="uq_gayatri_child_nik"),
        Index("ix_gayatri_child_kelurahan", "kelurahan_code", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    #: None until the child has a NIK (newborns often do not yet).
    nik: str | None = Field(default=None, max_length=16)
    sex: ChildSex = Field(sa_type=StrEnumType(ChildSex, 8))
    birth_date: date
    kelurahan_code: str = Field(foreign_key="core_region.code", max_length=13)
    mother_name: str = Field(max_length=120)
    mother_nik: str | None = Field(default=None, max_length=16)
    #: The health agency that holds the record (its staff see it).
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    registered_by: int | None = Field(default=None, foreign_key="core_account.id")
    registered_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Measurement(SQLModel, table=True):
    """A length/height measurement scored against the WHO standard when it was recorded."""

    __tablename__ = "gayatri_measurement"
    __table_args__ = (Index("ix_gayatri_measurement_child", "child_id", "measured_on", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="gayatri_child.id")
    measured_on: date
    age_months: int
    #: Length or height as measured, in millimetres (exact, no floating point).
    height_mm: int
    weight_g: int | None = None
    position: Position = Field(sa_type=StrEnumType(Position, 16))
    #: Length/height-for-age z-score (see ``plugins.gayatri.growth``).
    haz: float
    category: HeightForAge = Field(sa_type=StrEnumType(HeightForAge, 24))
    recorded_by: int | None = Field(default=None, foreign_key="core_account.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Immunisation(SQLModel, table=True):
    """A dose of the routine schedule given to a child."""

    __tablename__ = "gayatri_immunisation"
    __table_args__ = (UniqueConstraint("child_id", "dose", name="uq_gayatri_immunisation_child_dose"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="gayatri_child.id", index=True)
    dose: Dose = Field(sa_type=StrEnumType(Dose, 24))
    given_on: date
    recorded_by: int | None = Field(default=None, foreign_key="core_account.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Case(SQLModel, table=True):
    """A case a cadre reports, triaged and routed to the responsible agency, followed up until resolved."""

    __tablename__ = "gayatri_case"
    __table_args__ = (
        UniqueConstraint("number", name="uq_gayatri_case_number"),
        Index("ix_gayatri_case_agency", "agency_id", "id"),
        Index("ix_gayatri_case_reporter", "reporter_id", "id"),
        Index("ix_gayatri_case_kelurahan", "kelurahan_code", "case_type"),
    )

    id: int | None = Field(default=None, primary_key=True)
    #: ``GYT-YYMMDD-NNNNNN``: the number people read out.
    number: str = Field(default="", max_length=20)
    case_type: CaseType = Field(sa_type=StrEnumType(CaseType, 24))
    status: CaseStatus = Field(sa_type=StrEnumType(CaseStatus, 16), index=True)
    priority: CasePriority | None = Field(default=None, sa_type=StrEnumType(CasePriority, 16))
    kelurahan_code: str = Field(foreign_key="core_region.code", max_length=13)
    reporter_id: int = Field(foreign_key="core_account.id")
    cadre_id: int = Field(foreign_key="gayatri_cadre.id")
    child_id: int | None = Field(default=None, foreign_key="gayatri_child.id")
    #: The responsible agency now (its staff see and handle the case).
    agency_id: int = Field(foreign_key="core_agency.id")
    #: Who the case is about, when it is not a registered child (personal data).
    subject_name: str | None = Field(default=None, max_length=120)
    address: str | None = Field(default=None, max_length=200)
    description: str = Field(sa_column=Column(Text, nullable=False))
    reported_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class CaseEntry(SQLModel, table=True):
    """One step of a case's timeline: who did what, when, with which note."""

    __tablename__ = "gayatri_case_entry"
    __table_args__ = (Index("ix_gayatri_case_entry_case", "case_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="gayatri_case.id")
    step: CaseStep = Field(sa_type=StrEnumType(CaseStep, 16))
    status: CaseStatus = Field(sa_type=StrEnumType(CaseStatus, 16), description="The status after this step.")
    actor_id: int | None = Field(default=None, foreign_key="core_account.id")
    #: The agency of the actor (staff), or None for a cadre.
    actor_agency_id: int | None = Field(default=None, foreign_key="core_agency.id")
    #: For a routing step: the agency the case went to.
    agency_id: int | None = Field(default=None, foreign_key="core_agency.id")
    priority: CasePriority | None = Field(default=None, sa_type=StrEnumType(CasePriority, 16))
    #: For a triage that reclassified the case: its new type.
    case_type: CaseType | None = Field(default=None, sa_type=StrEnumType(CaseType, 24))
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
