"""Tables of the layanan plugin: applications, their timeline, attachments and home deliveries.

The catalog itself is not stored: services live in ``runtime.services`` (code), and an
application keeps the service's code plus what it needs to stay stable when a standard
changes later (its time limit and fee at submission, the fee being that of its own answers when the service's fee depends on them).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.db import StrEnumType, UTCDateTime, utcnow
from core.services import Delivery
from plugins.layanan.workflow import ApplicationStatus, CourierStatus, TimelineKind


class Application(SQLModel, table=True):
    """A citizen's application for a public service, processed by one agency."""

    __tablename__ = "layanan_application"
    __table_args__ = (
        Index("ix_layanan_application_agency_due", "agency_id", "due_date", "id"),
        Index("ix_layanan_application_applicant", "applicant_id", "id"),
        # The kinerja scorecard and officer figures: applications closed in a period, per agency or officer (layanan_0003).
        Index("ix_layanan_application_agency_closed", "agency_id", "closed_at"),
        Index("ix_layanan_application_officer_closed", "assigned_officer_id", "closed_at"),
        Index("ix_layanan_application_closed", "closed_at"),
        UniqueConstraint("tracking_number", name="uq_layanan_application_tracking_number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    #: ``LYN-XXXXX-XXXXX-C`` (Crockford base32, random, with a check character): read out by people.
    tracking_number: str = Field(max_length=20)
    service_code: str = Field(max_length=64, index=True)
    agency_id: int = Field(foreign_key="core_agency.id")
    applicant_id: int = Field(foreign_key="core_account.id")
    #: The desa/kelurahan of the form's region field, or else the kab/kota of the applicant's NIK.
    region_code: str | None = Field(default=None, foreign_key="core_region.code", max_length=13)
    status: ApplicationStatus = Field(sa_type=StrEnumType(ApplicationStatus, 16), index=True)
    #: The checked form answers (personal data: the applicant and the processing agency's staff only).
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    delivery_method: Delivery = Field(sa_type=StrEnumType(Delivery, 16))
    time_limit_days: int = Field(description="The service's time limit (working days) at submission.")
    #: The fee of this application at submission (``ServiceDefinition.fee_for`` of its answers, or else the
    #: service's ``fee``) and the regulation that sets it; kept so a later change of the standard leaves it.
    fee_amount: int = Field(description="The application's fee (rupiah) at submission.")
    fee_legal_basis: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    fee_description_id: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    fee_description_en: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    submitted_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    #: When the time limit started to count: the submission, or the latest resubmission after a revision.
    clock_started_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    due_date: date
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    ready_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    assigned_officer_id: int | None = Field(default=None, foreign_key="core_account.id")
    revision_count: int = 0
    #: The reason of the latest revision request, rejection or cancellation (free text).
    status_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class TimelineEntry(SQLModel, table=True):
    """Something that happened to an application: who, when, what, why."""

    __tablename__ = "layanan_timeline"
    __table_args__ = (
        Index("ix_layanan_timeline_application", "application_id", "id"),
        Index("ix_layanan_timeline_at", "at"),  # status changes in a period (kinerja, layanan_0003)
        Index("ix_layanan_timeline_actor_at", "actor_id", "at"),  # status changes by officer (kinerja)
        # an application's status changes in time order (kinerja Transparan, layanan_0003)
        Index(
            "ix_layanan_timeline_application_at",
            "application_id",
            "at",
            "id",
            postgresql_include=["kind", "from_status", "to_status"],
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="layanan_application.id")
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    kind: TimelineKind = Field(sa_type=StrEnumType(TimelineKind, 24))
    from_status: ApplicationStatus | None = Field(default=None, sa_type=StrEnumType(ApplicationStatus, 16))
    to_status: ApplicationStatus | None = Field(default=None, sa_type=StrEnumType(ApplicationStatus, 16))
    courier_status: CourierStatus | None = Field(default=None, sa_type=StrEnumType(CourierStatus, 24))
    actor_id: int | None = Field(default=None, foreign_key="core_account.id")
    actor_role: str = Field(max_length=16)
    #: A reason (revision, rejection, cancellation) or an internal note.
    text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Attachment(SQLModel, table=True):
    """A file an applicant attached, kept in ``runtime.storage`` under its SHA-256."""

    __tablename__ = "layanan_attachment"
    __table_args__ = (Index("ix_layanan_attachment_application", "application_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="layanan_application.id")
    storage_key: str = Field(max_length=64)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=100)
    size: int
    #: 0 for the first submission, n for the n-th resubmission.
    round: int = 0
    uploaded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    #: Set when the applicant withdrew the file in a resubmission (the file itself is kept).
    withdrawn_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class HomeDelivery(SQLModel, table=True):
    """Where and how the product of an application travels to the applicant."""

    __tablename__ = "layanan_delivery"

    application_id: int = Field(foreign_key="layanan_application.id", primary_key=True)
    recipient_name: str = Field(max_length=120)
    phone: str = Field(max_length=16)
    street: str = Field(max_length=300)
    region_code: str = Field(foreign_key="core_region.code", max_length=13)
    postal_code: str | None = Field(default=None, max_length=5)
    note: str | None = Field(default=None, max_length=300)
    status: CourierStatus = Field(sa_type=StrEnumType(CourierStatus, 24))
    courier: str | None = Field(default=None, max_length=60)
    courier_tracking_number: str | None = Field(default=None, max_length=60)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    received_by: str | None = Field(default=None, max_length=120)
