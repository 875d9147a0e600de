"""Tables of the Klinik BUM Desa: the registry, the experts, consultations and coaching programmes.

Every table name starts with ``klinik_bumdes_``. Enumerations are stored as their
plain string values (``core.db.StrEnumType``), timestamps in UTC
(``core.db.UTCDateTime``) and money as a whole number of rupiah (``BIGINT``: a
BUM Desa's yearly revenue easily passes 2^31 rupiah).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.db import StrEnumType, UTCDateTime, utcnow

# -- enumerations ------------------------------------------------------------------------------


class Grade(StrEnum):
    """Classification of a BUM Desa by the province (pemeringkatan)."""

    PEMULA = "pemula"
    BERKEMBANG = "berkembang"
    MAJU = "maju"


class LegalStatus(StrEnum):
    """Where a BUM Desa stands in its legal-entity registration (PP 11/2021, Permendesa PDTT 3/2021)."""

    NOT_REGISTERED = "not_registered"
    NAME_APPROVED = "name_approved"
    LEGAL_ENTITY = "legal_entity"


class Sector(StrEnum):
    """Sector of a business unit (unit usaha)."""

    TRADE = "trade"
    TOURISM = "tourism"
    AGRICULTURE = "agriculture"
    FISHERY = "fishery"
    LIVESTOCK = "livestock"
    FINANCIAL_SERVICES = "financial_services"
    CLEAN_WATER = "clean_water"
    WASTE_MANAGEMENT = "waste_management"
    MANUFACTURING = "manufacturing"
    SERVICES = "services"
    ENERGY = "energy"
    OTHER = "other"


class Topic(StrEnum):
    """What a consultation (or a coaching programme) is about."""

    LEGAL_ENTITY = "legal_entity"
    BUSINESS_PERMIT = "business_permit"
    FINANCIAL_REPORT = "financial_report"
    MANAGEMENT = "management"
    CAPITAL = "capital"


class TicketStatus(StrEnum):
    OPENED = "opened"
    ASSIGNED = "assigned"
    SCHEDULED = "scheduled"
    RESOLVED = "resolved"
    CLOSED = "closed"


class TicketAction(StrEnum):
    """One step of a consultation's history."""

    OPENED = "opened"
    ASSIGNED = "assigned"
    SESSION_SCHEDULED = "session_scheduled"
    SESSION_HELD = "session_held"
    SESSION_CANCELLED = "session_cancelled"
    NOTE_ADDED = "note_added"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Outcome(StrEnum):
    SOLVED = "solved"
    PARTIALLY_SOLVED = "partially_solved"
    REFERRED = "referred"
    NOT_SOLVABLE = "not_solvable"


class SessionMode(StrEnum):
    ONLINE = "online"
    ON_SITE = "on_site"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class EnrollmentStatus(StrEnum):
    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"


def _when(nullable: bool = False, index: bool = False) -> Column[datetime]:
    return Column(UTCDateTime, nullable=nullable, index=index)


# -- the registry ------------------------------------------------------------------------------


class Enterprise(SQLModel, table=True):
    """A BUM Desa (badan usaha milik desa): one per desa."""

    __tablename__ = "klinik_bumdes_enterprise"
    __table_args__ = (
        UniqueConstraint("desa_code", name="uq_klinik_bumdes_enterprise_desa_code"),
        UniqueConstraint("name", name="uq_klinik_bumdes_enterprise_name"),
        UniqueConstraint("legal_number", name="uq_klinik_bumdes_enterprise_legal_number"),
        CheckConstraint(
            "(legal_status = 'legal_entity') = (legal_number IS NOT NULL AND legal_registered_on IS NOT NULL)",
            name="ck_klinik_bumdes_enterprise_legal_entity",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    #: The desa (Kemendagri code, kind ``desa``); its kecamatan and kabupaten/kota are kept for filters
    #: and statistics.
    desa_code: str = Field(foreign_key="core_region.code", max_length=13)
    district_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    regency_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    established_year: int
    legal_status: LegalStatus = Field(sa_type=StrEnumType(LegalStatus, 24), index=True)
    #: The number of the legal-entity registration certificate (sertifikat pendaftaran badan hukum).
    legal_number: str | None = Field(default=None, max_length=80)
    legal_registered_on: date | None = None
    grade: Grade = Field(sa_type=StrEnumType(Grade, 16), index=True)
    director_name: str | None = Field(default=None, max_length=120)
    contact_phone: str | None = Field(default=None, max_length=16)
    #: The citizen account of the BUM Desa's manager (pengurus), who opens consultations for it.
    manager_account_id: int | None = Field(default=None, foreign_key="core_account.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_when())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_when())


class BusinessUnit(SQLModel, table=True):
    """A business unit (unit usaha) of a BUM Desa."""

    __tablename__ = "klinik_bumdes_unit"
    __table_args__ = (UniqueConstraint("enterprise_id", "name", name="uq_klinik_bumdes_unit_enterprise_id_name"),)

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="klinik_bumdes_enterprise.id", index=True)
    name: str = Field(max_length=120)
    sector: Sector = Field(sa_type=StrEnumType(Sector, 24), index=True)
    started_year: int | None = None
    active: bool = True


class GradeChange(SQLModel, table=True):
    """One entry of a BUM Desa's grade history (the first is its grade at registration)."""

    __tablename__ = "klinik_bumdes_grade_change"

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="klinik_bumdes_enterprise.id", index=True)
    grade: Grade = Field(sa_type=StrEnumType(Grade, 16))
    previous_grade: Grade | None = Field(default=None, sa_type=StrEnumType(Grade, 16))
    effective_on: date
    reason: str = Field(max_length=500)
    recorded_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=_when())


class Revenue(SQLModel, table=True):
    """A BUM Desa's figures for one year, in rupiah: revenue, net result and its contribution to PADes."""

    __tablename__ = "klinik_bumdes_revenue"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "year", name="uq_klinik_bumdes_revenue_enterprise_id_year"),
        CheckConstraint("revenue >= 0", name="ck_klinik_bumdes_revenue_revenue"),
        CheckConstraint(
            "pades_contribution >= 0 AND pades_contribution <= revenue", name="ck_klinik_bumdes_revenue_pades"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="klinik_bumdes_enterprise.id", index=True)
    year: int = Field(index=True)
    revenue: int = Field(sa_column=Column(BigInteger, nullable=False))
    net_profit: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    pades_contribution: int = Field(sa_column=Column(BigInteger, nullable=False))
    recorded_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=_when())


# -- experts and consultations -----------------------------------------------------------------


class Expert(SQLModel, table=True):
    """An expert (tenaga ahli) from a partner university; may be linked to an account."""

    __tablename__ = "klinik_bumdes_expert"
    __table_args__ = (UniqueConstraint("account_id", name="uq_klinik_bumdes_expert_account_id"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    university: str = Field(max_length=120, index=True)
    faculty: str | None = Field(default=None, max_length=120)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=16)
    account_id: int | None = Field(default=None, foreign_key="core_account.id")
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=_when())


class ExpertTopic(SQLModel, table=True):
    """A topic an expert takes consultations on."""

    __tablename__ = "klinik_bumdes_expert_topic"

    expert_id: int = Field(foreign_key="klinik_bumdes_expert.id", primary_key=True)
    topic: Topic = Field(sa_type=StrEnumType(Topic, 24), primary_key=True)


class Ticket(SQLModel, table=True):
    """A consultation ticket of a BUM Desa."""

    __tablename__ = "klinik_bumdes_ticket"

    id: int | None = Field(default=None, primary_key=True)
    enterprise_id: int = Field(foreign_key="klinik_bumdes_enterprise.id", index=True)
    topic: Topic = Field(sa_type=StrEnumType(Topic, 24), index=True)
    subject: str = Field(max_length=160)
    description: str = Field(sa_column=Column(Text, nullable=False))
    status: TicketStatus = Field(sa_type=StrEnumType(TicketStatus, 16), index=True)
    #: The BUM Desa manager it is for (sees it and is notified); null when opened by staff for a BUM
    #: Desa without a linked manager.
    requester_account_id: int | None = Field(default=None, foreign_key="core_account.id", index=True)
    opened_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    expert_id: int | None = Field(default=None, foreign_key="klinik_bumdes_expert.id", index=True)
    outcome: Outcome | None = Field(default=None, sa_type=StrEnumType(Outcome, 24))
    outcome_summary: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    opened_at: datetime = Field(default_factory=utcnow, sa_column=_when())
    assigned_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    resolved_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
    closed_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))


class TicketStep(SQLModel, table=True):
    """Who did what to a consultation, and when."""

    __tablename__ = "klinik_bumdes_ticket_step"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="klinik_bumdes_ticket.id", index=True)
    action: TicketAction = Field(sa_type=StrEnumType(TicketAction, 24))
    status: TicketStatus = Field(sa_type=StrEnumType(TicketStatus, 16))
    actor_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    at: datetime = Field(default_factory=utcnow, sa_column=_when())


class ConsultationSession(SQLModel, table=True):
    """A scheduled meeting of a consultation with its expert, online or on site."""

    __tablename__ = "klinik_bumdes_session"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ck_klinik_bumdes_session_period"),
        Index("ix_klinik_bumdes_session_expert_id_starts_at", "expert_id", "starts_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="klinik_bumdes_ticket.id", index=True)
    expert_id: int = Field(foreign_key="klinik_bumdes_expert.id")
    mode: SessionMode = Field(sa_type=StrEnumType(SessionMode, 16))
    starts_at: datetime = Field(sa_column=_when())
    ends_at: datetime = Field(sa_column=_when())
    meeting_url: str | None = Field(default=None, max_length=300)
    place: str | None = Field(default=None, max_length=200)
    status: SessionStatus = Field(sa_type=StrEnumType(SessionStatus, 16))
    notes: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    cancel_reason: str | None = Field(default=None, max_length=300)
    scheduled_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    scheduled_at: datetime = Field(default_factory=utcnow, sa_column=_when())
    closed_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    closed_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))


class Note(SQLModel, table=True):
    """A note on a consultation by the requester, the expert or an officer."""

    __tablename__ = "klinik_bumdes_note"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="klinik_bumdes_ticket.id", index=True)
    author_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=_when())


# -- coaching programmes -----------------------------------------------------------------------


class Program(SQLModel, table=True):
    """A coaching programme (pembinaan) BUM Desa enrol in."""

    __tablename__ = "klinik_bumdes_program"
    __table_args__ = (
        UniqueConstraint("title", "starts_on", name="uq_klinik_bumdes_program_title_starts_on"),
        CheckConstraint("capacity > 0", name="ck_klinik_bumdes_program_capacity"),
        CheckConstraint("ends_on >= starts_on", name="ck_klinik_bumdes_program_period"),
        CheckConstraint("enrollment_closes_on <= starts_on", name="ck_klinik_bumdes_program_enrollment"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=160)
    description: str = Field(sa_column=Column(Text, nullable=False))
    organizer: str = Field(max_length=160)
    topic: Topic | None = Field(default=None, sa_type=StrEnumType(Topic, 24))
    target_grade: Grade | None = Field(default=None, sa_type=StrEnumType(Grade, 16))
    mode: SessionMode = Field(sa_type=StrEnumType(SessionMode, 16))
    place: str | None = Field(default=None, max_length=200)
    starts_on: date = Field(index=True)
    ends_on: date
    enrollment_closes_on: date
    capacity: int
    created_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_column=_when())


class Enrollment(SQLModel, table=True):
    """A BUM Desa's place in a coaching programme."""

    __tablename__ = "klinik_bumdes_enrollment"
    __table_args__ = (
        UniqueConstraint("program_id", "enterprise_id", name="uq_klinik_bumdes_enrollment_program_id_enterprise_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="klinik_bumdes_program.id", index=True)
    enterprise_id: int = Field(foreign_key="klinik_bumdes_enterprise.id", index=True)
    status: EnrollmentStatus = Field(sa_type=StrEnumType(EnrollmentStatus, 16))
    enrolled_by_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    enrolled_at: datetime = Field(default_factory=utcnow, sa_column=_when())
    withdrawn_at: datetime | None = Field(default=None, sa_column=_when(nullable=True))
