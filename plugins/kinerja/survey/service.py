"""The satisfaction survey: who may answer it, when, and recording the answer once — no GraphQL.

A survey is about one served case (its *subject*): an application that was completed (picked
up or delivered) answered by its applicant, or a complaint that was closed answered by its
reporter — the same proof the complaint plugin asks before the reporter closes or reopens it
(the caller's own account is compared with the complaint's reporter, nothing else reveals it).

Each subject is answered once: the table's unique columns refuse a second row even when two
answers race, and the loser gets ``KINERJA_SURVEY_ALREADY_ANSWERED``. A refused answer writes
nothing (the request's single transaction rolls back).

Anonymity: a complaint's survey names no respondent anywhere — no column, no audit actor (the
audit records a citizen, never which one, and withholds the request id, as the complaint plugin
does for the reporter's own steps), no event payload; the idempotency record is scoped by the
complaint, not by the account. For an anonymous complaint the answer must be the operation's
only root field, so no other record of the same transaction carries the reporter's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit import chain as audit
from core.auth import STAFF_ROLES, Principal, Role
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.idempotency import fingerprint, remember, replay
from plugins.kinerja.ikm import ELEMENTS, MAX_SCORE, MIN_SCORE
from plugins.kinerja.models import COMMENT_MAX, SCORE_COLUMNS, SurveyResponse
from plugins.kinerja.survey import errors as _errors  # noqa: F401  (registers the codes)
from plugins.layanan.models import Application, TimelineEntry
from plugins.layanan.tracking import normalise
from plugins.layanan.workflow import ApplicationStatus, TimelineKind
from plugins.pengaduan.models import ActorKind, Complaint, ComplaintStatus, ComplaintStep, StepAction
from plugins.pengaduan.service import is_public, is_reporter

if TYPE_CHECKING:
    from core.runtime import Runtime

SOURCE = "kinerja"
OPERATION = "kinerja.answerSatisfactionSurvey"
#: An application may be rated once it reached the citizen.
COMPLETED = frozenset({ApplicationStatus.PICKED_UP, ApplicationStatus.DELIVERED})
#: A complaint may be rated once it is closed (confirmed by the reporter, or after the reopen period).
CLOSED = frozenset({ComplaintStatus.CLOSED})
#: The audit actor of a complaint's survey: a citizen, never which one; the request id is withheld too.
WITHHELD = audit.Actor(role=Role.CITIZEN.value, request_id="withheld")
CONTROLS_ALLOWED = frozenset("\n\r\t")


class SubjectKind(StrEnum):
    APPLICATION = "application"
    COMPLAINT = "complaint"


@dataclass(frozen=True)
class SubjectRef:
    """What the caller names: exactly one of an application id, a complaint id or a tracking number."""

    application_id: int | None = None
    complaint_id: int | None = None
    tracking_number: str | None = None
    prefix: str = "input."  # where the fields sit in the request, for error paths ("" for root arguments)


@dataclass(frozen=True)
class Subject:
    """The case a survey is about, loaded for a caller who is its applicant or reporter."""

    kind: SubjectKind
    id: int
    status: str
    agency_id: int
    service_code: str | None
    anonymous: bool
    field: str  # the input field that named it

    @property
    def completed(self) -> bool:
        if self.kind is SubjectKind.APPLICATION:
            return self.status in COMPLETED
        return self.status in CLOSED


@dataclass(frozen=True)
class Reason:
    """Why a survey cannot be answered now, in both languages."""

    id: str
    en: str


NOT_COMPLETED = Reason(
    "permohonan belum selesai (belum diambil atau diterima)",
    "the application is not completed yet (not picked up or delivered)",
)
NOT_CLOSED = Reason("pengaduan belum ditutup", "the complaint is not closed yet")
ONLY_REPORTER = Reason("hanya pelapor yang dapat menilai pengaduannya", "only the reporter may rate a complaint")
ONLY_CITIZEN = Reason("survei diisi oleh warga yang dilayani", "the survey is answered by the citizen served")


def not_allowed(reason: Reason, field: str) -> CettarError:
    return CettarError("KINERJA_SURVEY_NOT_ALLOWED", field=field, reason_id=reason.id, reason_en=reason.en)


# -- the subject -------------------------------------------------------------------------------


def _exactly_one(ref: SubjectRef) -> str:
    given = [
        name
        for name, value in (
            ("applicationId", ref.application_id),
            ("complaintId", ref.complaint_id),
            ("trackingNumber", ref.tracking_number),
        )
        if value is not None
    ]
    if len(given) != 1:
        raise CettarError(
            "VALIDATION_FAILED",
            field=f"{ref.prefix}{given[1] if len(given) > 1 else 'applicationId'}",
            message_id="Isi tepat satu dari applicationId, complaintId atau trackingNumber.",
            message_en="Give exactly one of applicationId, complaintId or trackingNumber.",
        )
    return given[0]


async def _by_tracking_number(session: AsyncSession, text: str, field: str) -> Application | Complaint | None:
    cleaned = text.strip().upper()
    if any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in cleaned) or len(cleaned) > 40:
        raise CettarError(
            "VALIDATION_FAILED",
            field=field,
            message_id="Nomor pelacakan tidak valid (LYN-… untuk permohonan, ADU-… untuk pengaduan).",
            message_en="Not a tracking number (LYN-… for an application, ADU-… for a complaint).",
        )
    if cleaned.startswith("ADU-"):
        stmt = select(Complaint).where(col(Complaint.tracking_number) == cleaned)
        return (await session.execute(stmt)).scalars().first()
    number = normalise(cleaned)
    if number is None:
        raise CettarError("INVALID_TRACKING_NUMBER", field=field)
    found = select(Application).where(col(Application.tracking_number) == number)
    return (await session.execute(found)).scalars().first()


async def load_subject(session: AsyncSession, principal: Principal, ref: SubjectRef) -> Subject:
    """The case ``ref`` names, if ``principal`` is the citizen it served.

    Someone else's application, or a complaint the caller may not read, is ``NOT_FOUND`` (exactly
    like a missing one); a public complaint of someone else is ``KINERJA_SURVEY_NOT_ALLOWED``.
    """
    name = _exactly_one(ref)
    field = f"{ref.prefix}{name}"
    if principal.role is not Role.CITIZEN:
        raise not_allowed(ONLY_CITIZEN, field)
    row: Application | Complaint | None
    if ref.application_id is not None:
        row = await session.get(Application, ref.application_id)
    elif ref.complaint_id is not None:
        row = await session.get(Complaint, ref.complaint_id)
    else:
        assert ref.tracking_number is not None
        row = await _by_tracking_number(session, ref.tracking_number, field)
    if isinstance(row, Application):
        if not principal.owns(row.applicant_id):
            raise CettarError("NOT_FOUND", field=field)
        assert row.id is not None
        return Subject(SubjectKind.APPLICATION, row.id, row.status.value, row.agency_id, row.service_code, False, field)
    if isinstance(row, Complaint):
        if not is_reporter(principal, row):
            if is_public(row):
                raise not_allowed(ONLY_REPORTER, field)
            raise CettarError("NOT_FOUND", field=field)
        assert row.id is not None
        agency_id = row.agency_id if row.agency_id is not None else row.unit_agency_id
        return Subject(SubjectKind.COMPLAINT, row.id, row.status.value, agency_id, None, row.anonymous, field)
    raise CettarError("NOT_FOUND", field=field)


def refusal(subject: Subject) -> Reason | None:
    """Why ``subject`` cannot be rated yet (``None``: it can, unless it already was)."""
    if subject.completed:
        return None
    return NOT_COMPLETED if subject.kind is SubjectKind.APPLICATION else NOT_CLOSED


async def response_of(session: AsyncSession, subject: Subject) -> SurveyResponse | None:
    """The answer already given for ``subject``, if any."""
    if subject.kind is SubjectKind.APPLICATION:
        condition = col(SurveyResponse.application_id) == subject.id
    else:
        condition = col(SurveyResponse.complaint_id) == subject.id
    stmt = select(SurveyResponse).where(condition)
    return (await session.execute(stmt)).scalars().first()


@dataclass(frozen=True)
class SurveyState:
    """What the citizen is told about the survey of one of their cases."""

    subject: Subject
    response: SurveyResponse | None
    reason: Reason | None  # why they cannot answer (None when they can, or already did)

    @property
    def answered(self) -> bool:
        return self.response is not None

    @property
    def can_answer(self) -> bool:
        return self.response is None and self.reason is None


async def state(session: AsyncSession, principal: Principal, ref: SubjectRef) -> SurveyState:
    subject = await load_subject(session, principal, ref)
    response = await response_of(session, subject)
    return SurveyState(subject, response, None if response is not None else refusal(subject))


# -- who handled it ------------------------------------------------------------------------------


async def handling_officer(session: AsyncSession, subject: Subject) -> int | None:
    """The officer credited with the case.

    An application: its assigned officer, else the staff member who made its latest status change.
    A complaint: the staff member of its latest follow-up or resolution step. ``None`` if there is none.
    """
    if subject.kind is SubjectKind.APPLICATION:
        application = await session.get(Application, subject.id)
        if application is not None and application.assigned_officer_id is not None:
            return application.assigned_officer_id
        stmt = (
            select(col(TimelineEntry.actor_id))
            .where(
                col(TimelineEntry.application_id) == subject.id,
                col(TimelineEntry.kind) == TimelineKind.STATUS_CHANGED,
                col(TimelineEntry.actor_role).in_(sorted(r.value for r in STAFF_ROLES)),
                col(TimelineEntry.actor_id).is_not(None),
            )
            .order_by(col(TimelineEntry.id).desc())
            .limit(1)
        )
    else:
        stmt = (
            select(col(ComplaintStep.actor_account_id))
            .where(
                col(ComplaintStep.complaint_id) == subject.id,
                col(ComplaintStep.action).in_([StepAction.FOLLOWED_UP, StepAction.RESOLVED]),
                col(ComplaintStep.actor_kind) == ActorKind.STAFF,
                col(ComplaintStep.actor_account_id).is_not(None),
            )
            .order_by(col(ComplaintStep.id).desc())
            .limit(1)
        )
    found = (await session.execute(stmt)).scalar_one_or_none()
    return int(found) if found is not None else None


# -- answering -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """The nine scores (U1 … U9, each 1-4) and an optional comment."""

    scores: tuple[int, ...]
    comment: str | None = None
    idempotency_key: str | None = None


def check_answer(answer: Answer, prefix: str = "input.") -> tuple[tuple[int, ...], str | None]:
    """The scores and the cleaned comment, or ``VALIDATION_FAILED`` naming the first field at fault."""
    if len(answer.scores) != len(ELEMENTS):
        raise CettarError("VALIDATION_FAILED", field=f"{prefix}scores")
    for element, score in zip(ELEMENTS, answer.scores, strict=True):
        if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
            raise CettarError(
                "VALIDATION_FAILED",
                field=f"{prefix}scores.{element.code.lower()}",
                message_id=f"Nilai {element.code} ({element.name_id}) harus 1 sampai 4.",
                message_en=f"The score of {element.code} ({element.name_en}) must be 1 to 4.",
            )
    comment = (answer.comment or "").strip() or None
    if comment is not None and (
        len(comment) > COMMENT_MAX
        or any((ch < " " or "\x7f" <= ch <= "\x9f") and ch not in CONTROLS_ALLOWED for ch in comment)
    ):
        raise CettarError(
            "VALIDATION_FAILED",
            field=f"{prefix}comment",
            message_id=f"Komentar paling banyak {COMMENT_MAX} karakter, tanpa karakter kendali selain baris baru.",
            message_en=f"A comment has at most {COMMENT_MAX} characters, with no control characters but line breaks.",
        )
    key = answer.idempotency_key
    if key is not None and (not key.strip() or any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in key)):
        raise CettarError("VALIDATION_FAILED", field=f"{prefix}idempotencyKey")
    return tuple(answer.scores), comment


async def answer_survey(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    ref: SubjectRef,
    answer: Answer,
    *,
    alone: bool = True,
    now: datetime | None = None,
) -> SurveyState:
    """Record ``principal``'s answer for the case ``ref`` names, once; a retry with the same idempotency key
    returns the first answer. ``alone``: the answer is the operation's only root field."""
    p = ref.prefix
    scores, comment = check_answer(answer, p)
    subject = await load_subject(session, principal, ref)
    if subject.anonymous and not alone:
        raise CettarError("COMPLAINT_ANONYMOUS_ALONE")
    scope = f"kinerja.survey:{subject.kind.value}:{subject.id}"  # the case, never the respondent's account
    digest = fingerprint({"scores": list(scores), "comment": comment})
    earlier = await replay(
        session, scope=scope, key=answer.idempotency_key, operation=OPERATION, digest=digest, field=f"{p}idempotencyKey"
    )
    if earlier is not None:
        found = await session.get(SurveyResponse, int(earlier))
        if found is not None:
            _audit(session, subject, found, repeated=True)
            return SurveyState(subject, found, None)
    reason = refusal(subject)
    if reason is not None:
        raise not_allowed(reason, subject.field)
    if await response_of(session, subject) is not None:
        raise CettarError("KINERJA_SURVEY_ALREADY_ANSWERED", field=subject.field)
    row = SurveyResponse(
        application_id=subject.id if subject.kind is SubjectKind.APPLICATION else None,
        complaint_id=subject.id if subject.kind is SubjectKind.COMPLAINT else None,
        agency_id=subject.agency_id,
        service_code=subject.service_code,
        officer_id=await handling_officer(session, subject),
        answered_at=now or utcnow(),
        comment=comment,
        **dict(zip(SCORE_COLUMNS, scores, strict=True)),
    )
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another answer for the same case committed first
        raise CettarError("KINERJA_SURVEY_ALREADY_ANSWERED", field=subject.field) from None
    assert row.id is not None
    remember(session, scope=scope, key=answer.idempotency_key, operation=OPERATION, digest=digest, target_id=row.id)
    _audit(session, subject, row, repeated=False)
    emit(
        session,
        "kinerja.survey_answered",
        {
            "survey_id": row.id,
            "agency_id": row.agency_id,
            "application_id": row.application_id,
            "complaint_id": row.complaint_id,
            "service_code": row.service_code,
        },
        source=SOURCE,
    )
    return SurveyState(subject, row, None)


def _audit(session: AsyncSession, subject: Subject, row: SurveyResponse, *, repeated: bool) -> None:
    """The audit record of an answer: for a complaint it names a citizen, never which one."""
    detail: dict[str, object] = {f"{subject.kind.value}_id": subject.id}
    if repeated:
        detail["idempotent"] = True
    audit.record(
        session,
        "kinerja.survey_answer_repeated" if repeated else "kinerja.survey_answered",
        target_type="SatisfactionSurvey",
        target_id=row.id,
        target_agency_id=row.agency_id,
        detail=detail,
        actor=WITHHELD if subject.kind is SubjectKind.COMPLAINT else None,
    )
