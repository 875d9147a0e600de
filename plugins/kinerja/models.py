"""The kinerja plugin's table: the answers to the citizen satisfaction survey (SKM, PermenPANRB 14/2017).

One row per answered survey, for one completed application (``layanan``) or one closed
complaint (``pengaduan``) — never both, never twice (unique columns). No column names the
respondent: for an application the applicant is reachable through ``application_id`` (the
agency knows who applied anyway); for a complaint nothing leads back to the reporter beyond
the complaint itself, whose reporter stays hidden when it is anonymous.

The scorecard and officer figures read this table with SQL aggregates
(:func:`plugins.kinerja.survey.stats.satisfaction`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.db import UTCDateTime, utcnow

#: The nine elements' columns, U1 … U9, in the regulation's order.
SCORE_COLUMNS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")
#: The longest comment kept.
COMMENT_MAX = 1000


class SurveyResponse(SQLModel, table=True):
    """A citizen's answer to the 9-element satisfaction survey (each element 1-4) for one served case."""

    __tablename__ = "kinerja_survey_response"
    __table_args__ = (
        UniqueConstraint("application_id", name="uq_kinerja_survey_response_application"),
        UniqueConstraint("complaint_id", name="uq_kinerja_survey_response_complaint"),
        Index("ix_kinerja_survey_response_agency_answered", "agency_id", "answered_at"),
        Index("ix_kinerja_survey_response_officer_answered", "officer_id", "answered_at"),
        Index("ix_kinerja_survey_response_answered", "answered_at"),
        CheckConstraint(
            "(application_id IS NULL AND complaint_id IS NOT NULL) OR (application_id IS NOT NULL AND complaint_id IS NULL)",
            name="ck_kinerja_survey_response_one_subject",
        ),
        CheckConstraint(
            f"comment IS NULL OR length(comment) <= {COMMENT_MAX}", name="ck_kinerja_survey_response_comment"
        ),
        *(CheckConstraint(f"{c} BETWEEN 1 AND 4", name=f"ck_kinerja_survey_response_{c}") for c in SCORE_COLUMNS),
    )

    id: int | None = Field(default=None, primary_key=True)
    application_id: int | None = Field(default=None, foreign_key="layanan_application.id")
    complaint_id: int | None = Field(default=None, foreign_key="pengaduan_complaint.id")
    #: The agency that served: the application's agency, or the agency the complaint was last disposed to.
    agency_id: int = Field(foreign_key="core_agency.id")
    #: The application's service code (None for a complaint).
    service_code: str | None = Field(default=None, max_length=64)
    #: The officer who handled it (see :func:`plugins.kinerja.survey.service.handling_officer`), if any.
    officer_id: int | None = Field(default=None, foreign_key="core_account.id")
    answered_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    u1: int
    u2: int
    u3: int
    u4: int
    u5: int
    u6: int
    u7: int
    u8: int
    u9: int
    comment: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


#: The columns the scorecard sums from :class:`ApplicationFact` (carried by its indexes on PostgreSQL).
FACT_SUMMED = ("completed", "on_time", "working_days", "delivered", "revisions", "timeline_complete")


class ApplicationFact(SQLModel, table=True):
    """The CETTAR facts of one closed application (``picked_up``, ``delivered``, ``rejected``, ``cancelled``).

    A closed application no longer changes, so its facts are computed once, lazily, by the scorecard's SQL
    (:meth:`plugins.kinerja.scorecard.figures.Query.fill_application_facts`) and summed from here.
    """

    __tablename__ = "kinerja_application_fact"
    __table_args__ = (
        Index(
            "ix_kinerja_application_fact_agency_closed", "agency_id", "closed_at", postgresql_include=list(FACT_SUMMED)
        ),
        Index("ix_kinerja_application_fact_closed", "closed_at", postgresql_include=["agency_id", *FACT_SUMMED]),
    )

    application_id: int = Field(primary_key=True, foreign_key="layanan_application.id")
    agency_id: int = Field(foreign_key="core_agency.id")
    closed_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    #: 1 when completed (``picked_up`` or ``delivered``), 0 when rejected or cancelled.
    completed: int
    #: 1 when completed on or before ``due_date`` (WIB date of ``closed_at``).
    on_time: int
    #: Working days from the WIB date of submission to that of completion (None unless completed).
    working_days: int | None = None
    #: 1 when delivered home.
    delivered: int
    #: The application's ``revision_count``.
    revisions: int
    #: 1 when its public timeline is a complete chain (Transparan).
    timeline_complete: int
