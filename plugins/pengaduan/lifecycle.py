"""The lifecycle of a complaint: verification, disposition, follow-up, thread, resolution, closing.

    submitted ─verify─► disposed ─follow up─► in_progress ─resolve─► resolved ─confirm─► closed (rating)
        │  ▲                │  ▲                  │                     │
        │  └─supplement─ held  └──── forward ─────┘          reopen ◄───┘ (within reopen_days)
        ├─hold─► held        (to any agency, history kept)        └─► reopened ─follow up─► in_progress
        ├─not our authority (final)
        └─archive (final)

Each step changes the row with one conditional UPDATE (``WHERE status = <the status
read>``), so two officers acting at once, or an officer and the escalation job,
never both succeed; the loser gets ``COMPLAINT_CHANGED``. Each step records a
:class:`~plugins.pengaduan.models.ComplaintStep` (who, when, why), an audit entry,
an event, and a notification to the reporter. Steps taken by the reporter name
no account anywhere (see :func:`plugins.pengaduan.service.audit_reporter_action`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit import chain as audit
from core.auth import Principal
from core.calendar import add_working_days, due_date, local_date, working_days_between
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from core.storage import CheckedFile, store
from plugins.pengaduan import notices
from plugins.pengaduan.models import (
    ActorKind,
    Complaint,
    ComplaintAttachment,
    ComplaintDisposition,
    ComplaintMessage,
    ComplaintStatus,
    StepAction,
)
from plugins.pengaduan.privacy import anonymised
from plugins.pengaduan.service import (
    FORWARD,
    HANDLE,
    SOURCE,
    TEXT_CONTROLS,
    add_step,
    agency_id_by_code,
    audit_reporter_action,
    can_verify,
    emit_change,
    get_complaint,
    has_controls,
    is_reporter,
)
from plugins.pengaduan.settings import settings_of

if TYPE_CHECKING:
    from core.runtime import Runtime

S = ComplaintStatus
REASON_MAX = 2000
MESSAGE_MAX = 5000
COMMENT_MAX = 500


@dataclass(frozen=True)
class Verb:
    """How an action is named in ``COMPLAINT_INVALID_TRANSITION``."""

    id: str  # after "di": "verifikasi" → "diverifikasi"
    en: str  # a past participle


VERBS: dict[StepAction, Verb] = {
    StepAction.VERIFIED: Verb("verifikasi", "verified"),
    StepAction.HELD: Verb("tunda", "held"),
    StepAction.SUPPLEMENTED: Verb("lengkapi", "supplemented"),
    StepAction.NOT_OUR_AUTHORITY: Verb("nyatakan bukan kewenangan", "declared outside our authority"),
    StepAction.ARCHIVED: Verb("arsipkan", "archived"),
    StepAction.FORWARDED: Verb("teruskan", "forwarded"),
    StepAction.FOLLOWED_UP: Verb("tindaklanjuti", "followed up"),
    StepAction.RESOLVED: Verb("selesaikan", "resolved"),
    StepAction.REOPENED: Verb("buka kembali", "reopened"),
    StepAction.CLOSED: Verb("tutup", "closed"),
}

#: From which statuses each step may be taken.
ALLOWED_FROM: dict[StepAction, frozenset[ComplaintStatus]] = {
    StepAction.VERIFIED: frozenset({S.SUBMITTED, S.HELD}),
    StepAction.HELD: frozenset({S.SUBMITTED}),
    StepAction.SUPPLEMENTED: frozenset({S.HELD}),
    StepAction.NOT_OUR_AUTHORITY: frozenset({S.SUBMITTED, S.HELD}),
    StepAction.ARCHIVED: frozenset({S.SUBMITTED, S.HELD}),
    StepAction.FORWARDED: frozenset({S.DISPOSED, S.IN_PROGRESS, S.REOPENED}),
    StepAction.FOLLOWED_UP: frozenset({S.DISPOSED, S.REOPENED}),
    StepAction.RESOLVED: frozenset({S.IN_PROGRESS}),
    StepAction.REOPENED: frozenset({S.RESOLVED}),
    StepAction.CLOSED: frozenset({S.RESOLVED}),
}
#: Where the reporter and the handling staff may write in the thread.
REPORTER_THREAD = frozenset({S.HELD, S.DISPOSED, S.IN_PROGRESS, S.REOPENED, S.RESOLVED})
STAFF_THREAD = frozenset({S.DISPOSED, S.IN_PROGRESS, S.REOPENED, S.RESOLVED})
VERIFIER_THREAD = frozenset({S.SUBMITTED, S.HELD})


def _check_from(row: Complaint, action: StepAction) -> None:
    if row.status not in ALLOWED_FROM[action]:
        verb = VERBS[action]
        raise CettarError("COMPLAINT_INVALID_TRANSITION", status=row.status.value, action_id=verb.id, action_en=verb.en)


def check_reason(reason: str | None, field: str, *, required: bool = True) -> str | None:
    text = (reason or "").strip()
    if len(text) > REASON_MAX or (required and not text) or has_controls(text, allowed=TEXT_CONTROLS):
        raise CettarError("COMPLAINT_REASON_REQUIRED", field=field, max=REASON_MAX)
    return text or None


async def load_visible(session: AsyncSession, runtime: Runtime, principal: Principal, complaint_id: int) -> Complaint:
    """The complaint if ``principal`` may read it; ``NOT_FOUND`` otherwise (exactly like a missing one)."""
    row = await get_complaint(session, complaint_id, runtime=runtime, principal=principal)
    if row is None:
        raise CettarError("NOT_FOUND", field="input.complaintId")
    return row


def _handles(principal: Principal, row: Complaint) -> bool:
    """Staff of the agency the complaint is disposed to now, holding ``pengaduan.handle``."""
    return principal.is_staff and principal.has(HANDLE) and principal.in_agency(row.agency_id)


async def _stamp(
    session: AsyncSession, row: Complaint, now: datetime | None, *, statuses: Iterable[ComplaintStatus] | None = None
) -> datetime:
    """Take the complaint's row while it still has the status read (``statuses``, or else the status and agency
    read), then read the clock. The row stays taken until commit on both databases, so a step's time is after that of
    every step committed before it: a time read before waiting for the row could be older than the step that made
    this one wait (a reply stamped after the closing it preceded)."""
    allowed = sorted(statuses) if statuses is not None else [row.status]
    condition = [col(Complaint.id) == row.id, col(Complaint.status).in_(allowed)]
    if statuses is None:
        condition.append(col(Complaint.agency_id) == row.agency_id)
    taken = await session.execute(
        update(Complaint).where(*condition).values(status=Complaint.status).execution_options(synchronize_session=False)
    )
    if getattr(taken, "rowcount", 0) != 1:
        raise CettarError("COMPLAINT_CHANGED", field="input.complaintId")
    return now or utcnow()


async def _move(session: AsyncSession, row: Complaint, values: dict[str, Any]) -> ComplaintStatus:
    """Apply ``values`` only if the row still has the status and the agency read (the caller was allowed to act
    on those); returns the old status. Two forwards at once: the second finds another agency and fails."""
    old = row.status
    result = await session.execute(
        update(Complaint)
        .where(col(Complaint.id) == row.id, col(Complaint.status) == old, col(Complaint.agency_id) == row.agency_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise CettarError("COMPLAINT_CHANGED", field="input.complaintId")
    await session.refresh(row)
    return old


def _reset(status: ComplaintStatus, moment: datetime, due: Any) -> dict[str, Any]:
    return {
        "status": status,
        "status_changed_at": moment,
        "updated_at": moment,
        "due_on": due,
        "escalation_level": 0,
        "escalated_at": None,
    }


def _audit_staff(session: AsyncSession, action: str, row: Complaint, detail: dict[str, Any] | None = None) -> None:
    audit.record(
        session,
        f"pengaduan.complaint_{action}",
        target_type="Complaint",
        target_id=row.id,
        target_agency_id=row.agency_id or row.unit_agency_id,
        detail={"status": row.status.value, **(detail or {})},
    )


async def _agency(session: AsyncSession, code: str | None, field: str) -> int:
    text = (code or "").strip()
    found = await agency_id_by_code(session, text) if text else None
    if found is None:
        raise CettarError("COMPLAINT_UNKNOWN_AGENCY", field=field, agency=text)
    return found


async def _dispose(
    session: AsyncSession,
    row: Complaint,
    principal: Principal,
    agency_id: int,
    from_agency_id: int | None,
    reason: str | None,
    moment: datetime,
) -> None:
    """Record a disposition. Called after :func:`_move` succeeded: the row is then locked by this
    transaction, so the next ``seq`` cannot be taken by someone disposing the same complaint at once."""
    assert row.id is not None and principal.account_id is not None
    seq = (
        await session.execute(
            select(func.coalesce(func.max(ComplaintDisposition.seq), 0)).where(
                col(ComplaintDisposition.complaint_id) == row.id
            )
        )
    ).scalar_one()
    session.add(
        ComplaintDisposition(
            complaint_id=row.id,
            seq=int(seq) + 1,
            agency_id=agency_id,
            from_agency_id=from_agency_id,
            by_account_id=principal.account_id,
            reason=reason,
            at=moment,
        )
    )


# -- the complaint unit: verify (and dispose), hold, not our authority, archive ----------------


async def _as_verifier(
    session: AsyncSession, runtime: Runtime, principal: Principal, complaint_id: int, action: StepAction
) -> Complaint:
    row = await load_visible(session, runtime, principal, complaint_id)
    if not await can_verify(session, runtime, principal, row):
        raise CettarError("FORBIDDEN")
    _check_from(row, action)
    return row


async def verify_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    agency_code: str,
    note: str | None = None,
    now: datetime | None = None,
) -> Complaint:
    """Verify a submitted (or held) complaint and dispose it to ``agency_code``: follow-up due in 5 working days."""
    row = await _as_verifier(session, runtime, principal, complaint_id, StepAction.VERIFIED)
    agency_id = await _agency(session, agency_code, "input.agencyCode")
    reason = check_reason(note, "input.note", required=False)
    moment = await _stamp(session, row, now)
    from_agency = row.agency_id
    old = await _move(
        session,
        row,
        {
            **_reset(S.DISPOSED, moment, due_date(moment, settings_of(runtime).follow_up_days)),
            "agency_id": agency_id,
            "verified_at": moment,
            "disposed_at": moment,
        },
    )
    await _dispose(session, row, principal, agency_id, from_agency, reason, moment)
    add_step(session, row, StepAction.VERIFIED, from_status=old, actor=principal, reason=reason, agency_id=agency_id)
    _audit_staff(session, "verified", row, {"agency_id": agency_id})
    emit_change(session, row, StepAction.VERIFIED)
    await notices.tell_reporter(session, row, StepAction.VERIFIED)
    return row


async def _verifier_decision(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    action: StepAction,
    to: ComplaintStatus,
    reason: str | None,
    now: datetime | None,
) -> Complaint:
    row = await _as_verifier(session, runtime, principal, complaint_id, action)
    text = check_reason(reason, "input.reason")
    moment = await _stamp(session, row, now)
    values = _reset(to, moment, None)
    if to in (S.NOT_OUR_AUTHORITY, S.ARCHIVED):
        values["closed_at"] = moment
    old = await _move(session, row, values)
    add_step(session, row, action, from_status=old, actor=principal, reason=text)
    _audit_staff(session, action.value, row)
    emit_change(session, row, action)
    await notices.tell_reporter(session, row, action)
    return row


async def hold_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    reason: str,
    now: datetime | None = None,
) -> Complaint:
    """Hold verification until the reporter completes the complaint (the deadline stops)."""
    return await _verifier_decision(session, runtime, principal, complaint_id, StepAction.HELD, S.HELD, reason, now)


async def mark_not_our_authority(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    reason: str,
    now: datetime | None = None,
) -> Complaint:
    """Close it as outside the regional government's authority (the reason says whose it is)."""
    return await _verifier_decision(
        session, runtime, principal, complaint_id, StepAction.NOT_OUR_AUTHORITY, S.NOT_OUR_AUTHORITY, reason, now
    )


async def archive_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    reason: str,
    now: datetime | None = None,
) -> Complaint:
    """Archive it without processing (a duplicate, unclear after holding, not a complaint)."""
    return await _verifier_decision(
        session, runtime, principal, complaint_id, StepAction.ARCHIVED, S.ARCHIVED, reason, now
    )


# -- the reporter ----------------------------------------------------------------------------


async def _as_reporter(
    session: AsyncSession, runtime: Runtime, principal: Principal, complaint_id: int, action: StepAction | None
) -> Complaint:
    row = await load_visible(session, runtime, principal, complaint_id)
    if not is_reporter(principal, row):
        raise CettarError("FORBIDDEN")
    if action is not None:
        _check_from(row, action)
    return row


async def _attach(
    session: AsyncSession,
    runtime: Runtime,
    row: Complaint,
    attachments: Sequence[CheckedFile],
    moment: datetime,
    message_id: int | None = None,
) -> None:
    assert row.id is not None
    for item in attachments:
        stored = await store(runtime.storage, item)
        session.add(
            ComplaintAttachment(
                complaint_id=row.id,
                message_id=message_id,
                key=stored.key,
                filename=stored.filename,
                content_type=stored.content_type,
                size=stored.size,
                created_at=moment,
            )
        )


async def supplement_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    text: str,
    attachments: Sequence[CheckedFile] = (),
    now: datetime | None = None,
) -> Complaint:
    """The reporter completes a held complaint: a message (and files), and it waits for verification again."""
    row = await _as_reporter(session, runtime, principal, complaint_id, StepAction.SUPPLEMENTED)
    body = check_message(text)
    moment = await _stamp(session, row, now)
    # The status first: when someone else changed it meanwhile, nothing (no file either) is stored.
    old = await _move(session, row, _reset(S.SUBMITTED, moment, due_date(moment, settings_of(runtime).verify_days)))
    message = await _add_message(session, runtime, row, None, body, attachments, moment)
    add_step(session, row, StepAction.SUPPLEMENTED, from_status=old, actor=None, as_reporter=True, at=moment)
    audit_reporter_action(session, "pengaduan.complaint_supplemented", row, {"message_id": message.id})
    emit_change(session, row, StepAction.SUPPLEMENTED)
    return row


async def reopen_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    reason: str,
    now: datetime | None = None,
) -> Complaint:
    """The reporter reopens a resolved complaint within ``reopen_days`` working days; the agency follows it up again."""
    row = await _as_reporter(session, runtime, principal, complaint_id, StepAction.REOPENED)
    text = check_reason(reason, "input.reason")
    moment = await _stamp(session, row, now)
    settings = settings_of(runtime)
    resolved_on = local_date(row.resolved_at or row.status_changed_at)
    if working_days_between(resolved_on, local_date(moment)) > settings.reopen_days:
        raise CettarError("COMPLAINT_REOPEN_EXPIRED", field="input.complaintId", days=settings.reopen_days)
    old = await _move(
        session,
        row,
        {
            **_reset(S.REOPENED, moment, due_date(moment, settings.follow_up_days)),
            "reopen_count": row.reopen_count + 1,
            "resolved_at": None,
        },
    )
    add_step(session, row, StepAction.REOPENED, from_status=old, actor=None, as_reporter=True, reason=text, at=moment)
    audit_reporter_action(session, "pengaduan.complaint_reopened", row, {"reopen_count": row.reopen_count})
    emit_change(session, row, StepAction.REOPENED)
    return row


async def close_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    rating: int,
    comment: str | None = None,
    now: datetime | None = None,
) -> Complaint:
    """The reporter confirms the resolution and rates it (1-5); the complaint is closed."""
    row = await _as_reporter(session, runtime, principal, complaint_id, StepAction.CLOSED)
    if not 1 <= rating <= 5:
        raise CettarError("COMPLAINT_INVALID_RATING", field="input.rating")
    remark = (comment or "").strip() or None
    if remark is not None and (len(remark) > COMMENT_MAX or has_controls(remark, allowed=TEXT_CONTROLS)):
        raise CettarError("COMPLAINT_REASON_REQUIRED", field="input.comment", max=COMMENT_MAX)
    moment = await _stamp(session, row, now)
    old = await _move(
        session,
        row,
        {**_reset(S.CLOSED, moment, None), "rating": rating, "rating_comment": remark, "closed_at": moment},
    )
    add_step(session, row, StepAction.CLOSED, from_status=old, actor=None, as_reporter=True, reason=remark, at=moment)
    audit_reporter_action(session, "pengaduan.complaint_closed", row, {"rating": rating})
    emit_change(session, row, StepAction.CLOSED, rating=rating)
    await notices.tell_reporter(session, row, StepAction.CLOSED)
    return row


# -- the agency ------------------------------------------------------------------------------


async def forward_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    agency_code: str,
    reason: str,
    now: datetime | None = None,
) -> Complaint:
    """Forward to another agency (another kabupaten/kota, the province…): the history keeps every disposition.

    Allowed to the complaint unit's verifiers and to the current agency's staff holding ``pengaduan.forward``.
    """
    row = await load_visible(session, runtime, principal, complaint_id)
    current = principal.is_staff and principal.has(FORWARD) and principal.in_agency(row.agency_id)
    if not current and not await can_verify(session, runtime, principal, row):
        raise CettarError("FORBIDDEN")
    _check_from(row, StepAction.FORWARDED)
    agency_id = await _agency(session, agency_code, "input.agencyCode")
    if agency_id == row.agency_id:
        raise CettarError("COMPLAINT_SAME_AGENCY", field="input.agencyCode")
    text = check_reason(reason, "input.reason")
    moment = await _stamp(session, row, now)
    from_agency = row.agency_id
    old = await _move(
        session,
        row,
        {
            **_reset(S.DISPOSED, moment, due_date(moment, settings_of(runtime).follow_up_days)),
            "agency_id": agency_id,
            "disposed_at": moment,
        },
    )
    await _dispose(session, row, principal, agency_id, from_agency, text, moment)
    add_step(session, row, StepAction.FORWARDED, from_status=old, actor=principal, reason=text, agency_id=agency_id)
    _audit_staff(session, "forwarded", row, {"agency_id": agency_id})
    emit_change(session, row, StepAction.FORWARDED)
    await notices.tell_reporter(session, row, StepAction.FORWARDED)
    return row


async def _as_handler(
    session: AsyncSession, runtime: Runtime, principal: Principal, complaint_id: int, action: StepAction
) -> Complaint:
    row = await load_visible(session, runtime, principal, complaint_id)
    if not _handles(principal, row):
        raise CettarError("FORBIDDEN")
    _check_from(row, action)
    return row


async def follow_up_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    note: str,
    now: datetime | None = None,
) -> Complaint:
    """The agency starts working on it (tindak lanjut): resolution due in ``resolve_days`` working days."""
    row = await _as_handler(session, runtime, principal, complaint_id, StepAction.FOLLOWED_UP)
    text = check_reason(note, "input.note")
    moment = await _stamp(session, row, now)
    values = _reset(S.IN_PROGRESS, moment, due_date(moment, settings_of(runtime).resolve_days))
    if row.followed_up_at is None:
        values["followed_up_at"] = moment
    old = await _move(session, row, values)
    add_step(session, row, StepAction.FOLLOWED_UP, from_status=old, actor=principal, reason=text)
    _audit_staff(session, "followed_up", row)
    emit_change(session, row, StepAction.FOLLOWED_UP)
    await notices.tell_reporter(session, row, StepAction.FOLLOWED_UP)
    return row


async def resolve_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    note: str,
    now: datetime | None = None,
) -> Complaint:
    """The agency reports it resolved; the reporter confirms or reopens within ``reopen_days`` working days."""
    row = await _as_handler(session, runtime, principal, complaint_id, StepAction.RESOLVED)
    text = check_reason(note, "input.note")
    moment = await _stamp(session, row, now)
    closes_on = add_working_days(local_date(moment), settings_of(runtime).reopen_days)
    old = await _move(session, row, {**_reset(S.RESOLVED, moment, closes_on), "resolved_at": moment})
    add_step(session, row, StepAction.RESOLVED, from_status=old, actor=principal, reason=text)
    _audit_staff(session, "resolved", row)
    emit_change(session, row, StepAction.RESOLVED)
    await notices.tell_reporter(session, row, StepAction.RESOLVED)
    return row


# -- the thread ------------------------------------------------------------------------------


def check_message(text: str) -> str:
    body = (text or "").strip()
    if not body or len(body) > MESSAGE_MAX or has_controls(body, allowed=TEXT_CONTROLS):
        raise CettarError("COMPLAINT_MESSAGE_INVALID", field="input.text", max=MESSAGE_MAX)
    return body


async def _add_message(
    session: AsyncSession,
    runtime: Runtime,
    row: Complaint,
    staff: Principal | None,
    body: str,
    attachments: Sequence[CheckedFile],
    moment: datetime,
) -> ComplaintMessage:
    assert row.id is not None
    message = ComplaintMessage(
        complaint_id=row.id,
        author_kind=ActorKind.STAFF if staff is not None else ActorKind.REPORTER,
        author_account_id=staff.account_id if staff is not None else None,
        author_agency_id=staff.agency_id if staff is not None else None,
        text=body,
        created_at=moment,
    )
    session.add(message)
    await session.flush()
    if staff is None and row.anonymous and attachments:
        earlier = (
            await session.execute(
                select(func.count())
                .select_from(ComplaintAttachment)
                .where(col(ComplaintAttachment.complaint_id) == row.id)
            )
        ).scalar_one()
        attachments = anonymised(list(attachments), start=int(earlier) + 1)
    await _attach(session, runtime, row, attachments, moment, message.id)
    return message


async def post_message(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    text: str,
    attachments: Sequence[CheckedFile] = (),
    now: datetime | None = None,
) -> tuple[Complaint, ComplaintMessage]:
    """A message in the thread, by the reporter or by the staff handling (or verifying) the complaint."""
    row = await load_visible(session, runtime, principal, complaint_id)
    reporter = is_reporter(principal, row)
    if reporter:
        allowed = REPORTER_THREAD
    elif _handles(principal, row):
        allowed = STAFF_THREAD
    elif await can_verify(session, runtime, principal, row):
        allowed = VERIFIER_THREAD | STAFF_THREAD
    else:
        raise CettarError("FORBIDDEN")
    if row.status not in allowed:
        raise CettarError(
            "COMPLAINT_INVALID_TRANSITION", status=row.status.value, action_id="balas", action_en="answered"
        )
    body = check_message(text)
    moment = await _stamp(session, row, now, statuses=allowed)
    values: dict[str, Any] = {"updated_at": moment}
    if not reporter and row.first_answered_at is None:
        values["first_answered_at"] = moment
    # Only while the status still allows the author to write (someone may have closed it meanwhile);
    # before the message and its files, so a refused message stores nothing.
    changed = await session.execute(
        update(Complaint)
        .where(col(Complaint.id) == row.id, col(Complaint.status).in_(sorted(allowed)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(changed, "rowcount", 0) != 1:
        raise CettarError("COMPLAINT_CHANGED", field="input.complaintId")
    await session.refresh(row)
    message = await _add_message(session, runtime, row, None if reporter else principal, body, attachments, moment)
    detail = {"message_id": message.id}
    if reporter:
        audit_reporter_action(session, "pengaduan.complaint_message_posted", row, detail)
    else:
        _audit_staff(session, "message_posted", row, detail)
        await notices.tell_reporter(session, row, "message")
    emit(
        session,
        "pengaduan.complaint_message",
        {
            "complaint_id": row.id,
            "message_id": message.id,
            "author": message.author_kind.value,
            "status": row.status.value,
            "agency_id": row.agency_id,
            "unit_agency_id": row.unit_agency_id,
        },
        source=SOURCE,
    )
    return row, message
