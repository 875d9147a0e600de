"""The complaint tables (``pengaduan_*``).

A complaint (pengaduan, SP4N-LAPOR!) moves through :class:`ComplaintStatus`; every
step is a :class:`ComplaintStep` row (who, when, why), every disposition to an
agency a :class:`ComplaintDisposition` row (the forwarding history), every thread
message a :class:`ComplaintMessage`.

Anonymity is built into the rows: ``Complaint.reporter_account_id`` is the
only column anywhere that links a complaint to its reporter's account, it is read
only to let the reporter follow their own complaint, and the steps and messages
written by the reporter never carry an account id (``actor_kind = reporter``).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Date, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.db import StrEnumType, UTCDateTime, utcnow


class ComplaintKind(StrEnum):
    """What the citizen files (SP4N-LAPOR!: pengaduan, aspirasi, permintaan informasi)."""

    COMPLAINT = "complaint"
    ASPIRATION = "aspiration"
    INFORMATION_REQUEST = "information_request"


class ComplaintStatus(StrEnum):
    """Where a complaint stands; see ``service.OPEN_STATUSES`` / ``CLOSED_STATUSES``."""

    SUBMITTED = "submitted"  # waiting for verification (3 working days)
    HELD = "held"  # verification on hold: the reporter must complete it
    NOT_OUR_AUTHORITY = "not_our_authority"  # final: outside the government's authority
    ARCHIVED = "archived"  # final: not processed (duplicate, unclear, spam)
    DISPOSED = "disposed"  # verified and disposed to an agency: follow-up due in 5 working days
    IN_PROGRESS = "in_progress"  # the agency followed it up and works on it
    RESOLVED = "resolved"  # the agency says it is resolved: the reporter confirms or reopens
    REOPENED = "reopened"  # the reporter reopened it: the agency must follow it up again
    CLOSED = "closed"  # final: confirmed by the reporter (with a rating) or after the reopen period


class Channel(StrEnum):
    """Where the complaint came in."""

    WEB = "web"
    APP = "app"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    SOCIAL_MEDIA = "social_media"
    COUNTER = "counter"
    API = "api"  # an integrator (Open311 GeoReport v2)


class ModerationState(StrEnum):
    """Community moderation of a public complaint."""

    VISIBLE = "visible"
    HIDDEN = "hidden"  # reported by enough citizens: hidden until a moderator decides
    REMOVED = "removed"  # a moderator removed it from the public list


class ActorKind(StrEnum):
    """Who took a step or wrote a message."""

    REPORTER = "reporter"  # the reporter: never linked to an account here
    STAFF = "staff"  # an officer, an agency admin or the province admin
    SYSTEM = "system"  # a scheduled job


class StepAction(StrEnum):
    """What a step did."""

    FILED = "filed"
    VERIFIED = "verified"  # verified and disposed to an agency
    HELD = "held"
    SUPPLEMENTED = "supplemented"  # the reporter completed a held complaint
    NOT_OUR_AUTHORITY = "not_our_authority"
    ARCHIVED = "archived"
    FORWARDED = "forwarded"
    FOLLOWED_UP = "followed_up"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    CLOSED = "closed"  # confirmed by the reporter
    AUTO_CLOSED = "auto_closed"  # the reopen period passed
    ESCALATED = "escalated"
    HIDDEN = "hidden"  # hidden by citizens' reports
    RESTORED = "restored"
    REMOVED = "removed"


class FlagReason(StrEnum):
    SPAM = "spam"
    OFFENSIVE = "offensive"


class Complaint(SQLModel, table=True):
    """A complaint, an aspiration or a request for information."""

    __tablename__ = "pengaduan_complaint"
    __table_args__ = (
        Index("ix_pengaduan_complaint_status_due_on", "status", "due_on"),
        Index("ix_pengaduan_complaint_agency_id_id", "agency_id", "id"),
        # Open311 GET requests and createdAfter/createdBefore: by filing time, newest first (pengaduan_0003).
        Index("ix_pengaduan_complaint_created_at_id", "created_at", "id"),
        # The kinerja scorecard: complaints filed per complaint unit, complaints closed in a period (pengaduan_0004).
        Index("ix_pengaduan_complaint_unit_created", "unit_agency_id", "created_at"),
        Index("ix_pengaduan_complaint_closed", "closed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    tracking_number: str = Field(unique=True, max_length=16, description="ADU-XXXX-XXXX, read out by people.")
    kind: ComplaintKind = Field(sa_type=StrEnumType(ComplaintKind, 24))
    title: str = Field(max_length=150)
    text: str = Field(sa_column=Column(Text, nullable=False))
    category: str = Field(max_length=40, index=True)
    status: ComplaintStatus = Field(sa_type=StrEnumType(ComplaintStatus, 24), index=True)
    channel: Channel = Field(sa_type=StrEnumType(Channel, 16))
    source: str = Field(default="graphql", max_length=32, description="Which API filed it: graphql, open311…")
    anonymous: bool = Field(default=False, description="The identity is never shown; the complaint may be public.")
    confidential: bool = Field(default=False, description="The complaint is never public.")
    moderation: ModerationState = Field(default=ModerationState.VISIBLE, sa_type=StrEnumType(ModerationState, 16))
    flag_count: int = Field(default=0, description="Citizens' reports since the last moderation decision.")
    support_count: int = Field(default=0, description="Citizens who support it (ikut melapor).")
    region_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    regency_code: str = Field(max_length=5, index=True, description="The kabupaten/kota of region_code, e.g. 35.78.")
    latitude: float | None = None
    longitude: float | None = None
    service_code: str | None = Field(default=None, max_length=64, description="A code of runtime.services.")
    requested_agency_id: int | None = Field(
        default=None, foreign_key="core_agency.id", description="The agency the reporter named, if any."
    )
    unit_agency_id: int = Field(
        foreign_key="core_agency.id", index=True, description="The complaint unit verifying it."
    )
    agency_id: int | None = Field(
        default=None, foreign_key="core_agency.id", description="The agency it is disposed to now."
    )
    #: The only link to the reporter's account; never shown to anyone but the reporter.
    reporter_account_id: int | None = Field(default=None, foreign_key="core_account.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    status_changed_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    verified_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    disposed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    followed_up_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    first_answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    #: The WIB date by which the current step must be done (verification, follow-up, resolution).
    due_on: date | None = Field(default=None, sa_column=Column(Date))
    #: 0 not escalated, 1 escalated to the agency admin / complaint unit, 2 to the province admin.
    escalation_level: int = 0
    escalated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime))
    reopen_count: int = 0
    rating: int | None = Field(default=None, description="Satisfaction 1-5 given when the reporter closes it.")
    rating_comment: str | None = Field(default=None, max_length=500)
    demo: bool = False


class ExternalReporterRow(SQLModel, table=True):
    """What an integrator (Open311) sends about a reporter without an account: personal data, never public."""

    __tablename__ = "pengaduan_external_reporter"

    complaint_id: int = Field(foreign_key="pengaduan_complaint.id", primary_key=True)
    email: str | None = Field(default=None, max_length=254)
    first_name: str | None = Field(default=None, max_length=80)
    last_name: str | None = Field(default=None, max_length=80)
    phone: str | None = Field(default=None, max_length=16)
    device_id: str | None = Field(default=None, max_length=120)
    account_id: str | None = Field(default=None, max_length=120, description="The integrator's own account id.")


class ComplaintStep(SQLModel, table=True):
    """One step of a complaint's life: who (never the reporter's account), when, why."""

    __tablename__ = "pengaduan_step"
    __table_args__ = (
        Index("ix_pengaduan_step_complaint_id_id", "complaint_id", "id"),
        # kinerja (pengaduan_0004): a complaint's first step of an action, an officer's steps, steps in a period.
        Index("ix_pengaduan_step_complaint_action_at", "complaint_id", "action", "at"),
        Index("ix_pengaduan_step_actor_at", "actor_account_id", "at"),
        Index("ix_pengaduan_step_at", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="pengaduan_complaint.id")
    action: StepAction = Field(sa_type=StrEnumType(StepAction, 24))
    from_status: ComplaintStatus | None = Field(default=None, sa_type=StrEnumType(ComplaintStatus, 24))
    to_status: ComplaintStatus = Field(sa_type=StrEnumType(ComplaintStatus, 24))
    actor_kind: ActorKind = Field(sa_type=StrEnumType(ActorKind, 16))
    #: A staff member's account; always NULL for the reporter and the system.
    actor_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    actor_agency_id: int | None = Field(default=None, foreign_key="core_agency.id")
    agency_id: int | None = Field(default=None, foreign_key="core_agency.id", description="Disposed/forwarded to.")
    escalation_level: int | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text))
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ComplaintDisposition(SQLModel, table=True):
    """A disposition to an agency; the rows of one complaint are its forwarding history."""

    __tablename__ = "pengaduan_disposition"
    __table_args__ = (
        UniqueConstraint("complaint_id", "seq", name="uq_pengaduan_disposition_seq"),
        Index("ix_pengaduan_disposition_agency_id_complaint_id", "agency_id", "complaint_id"),
        # kinerja (pengaduan_0004): dispositions made in a period, per agency or all.
        Index("ix_pengaduan_disposition_agency_at", "agency_id", "at"),
        Index("ix_pengaduan_disposition_at", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="pengaduan_complaint.id", index=True)
    seq: int = Field(description="1 for the first disposition, then 2, 3… for each forwarding.")
    agency_id: int = Field(foreign_key="core_agency.id")
    from_agency_id: int | None = Field(default=None, foreign_key="core_agency.id")
    by_account_id: int = Field(foreign_key="core_account.id")
    reason: str | None = Field(default=None, sa_column=Column(Text))
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ComplaintMessage(SQLModel, table=True):
    """A message in the thread between the handling officers and the reporter."""

    __tablename__ = "pengaduan_message"
    __table_args__ = (Index("ix_pengaduan_message_complaint_id_id", "complaint_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="pengaduan_complaint.id")
    author_kind: ActorKind = Field(sa_type=StrEnumType(ActorKind, 16))
    #: A staff member's account; always NULL for the reporter.
    author_account_id: int | None = Field(default=None, foreign_key="core_account.id")
    author_agency_id: int | None = Field(default=None, foreign_key="core_agency.id")
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ComplaintAttachment(SQLModel, table=True):
    """A file attached to a complaint or to one of its messages (bytes in ``runtime.storage``)."""

    __tablename__ = "pengaduan_attachment"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="pengaduan_complaint.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="pengaduan_message.id", index=True)
    key: str = Field(max_length=64, description="The storage key (SHA-256 of the content).")
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=64)
    size: int
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ComplaintSupport(SQLModel, table=True):
    """A citizen supports (ikut melapor) a public complaint, once."""

    __tablename__ = "pengaduan_support"
    __table_args__ = (UniqueConstraint("complaint_id", "account_id", name="uq_pengaduan_support"),)

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="pengaduan_complaint.id")
    account_id: int = Field(foreign_key="core_account.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class ComplaintFlag(SQLModel, table=True):
    """A citizen reports a public complaint as spam or offensive, once."""

    __tablename__ = "pengaduan_flag"
    __table_args__ = (UniqueConstraint("complaint_id", "account_id", name="uq_pengaduan_flag"),)

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="pengaduan_complaint.id")
    account_id: int = Field(foreign_key="core_account.id", index=True)
    reason: FlagReason = Field(sa_type=StrEnumType(FlagReason, 16))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
