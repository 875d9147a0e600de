"""Citizens and public complaints: support (ikut melapor), report as spam/offensive, moderation.

A public complaint reported by ``flag_threshold`` citizens is hidden until a moderator
(``pengaduan.moderate``) restores or removes it. Each citizen supports or reports a
complaint once (unique rows); counters move with one UPDATE each, and the complaint is
hidden by a conditional UPDATE, so concurrent reports hide it exactly once.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit import chain as audit
from core.auth import Principal
from core.db import utcnow
from core.errors import CettarError
from core.events import emit
from plugins.pengaduan import notices
from plugins.pengaduan.lifecycle import check_reason, load_visible
from plugins.pengaduan.models import (
    Complaint,
    ComplaintFlag,
    ComplaintSupport,
    FlagReason,
    ModerationState,
    StepAction,
)
from plugins.pengaduan.service import MODERATE, SOURCE, add_step, emit_change, is_public, is_reporter
from plugins.pengaduan.settings import settings_of

if TYPE_CHECKING:
    from core.runtime import Runtime


async def _public_for_citizen(
    session: AsyncSession, runtime: Runtime, principal: Principal, complaint_id: int
) -> Complaint:
    row = await load_visible(session, runtime, principal, complaint_id)
    if is_reporter(principal, row):
        raise CettarError("COMPLAINT_OWN", field="input.complaintId")
    if not is_public(row):
        raise CettarError("COMPLAINT_NOT_PUBLIC", field="input.complaintId")
    return row


async def support_complaint(
    session: AsyncSession, runtime: Runtime, principal: Principal, complaint_id: int, *, now: datetime | None = None
) -> Complaint:
    """The citizen supports (ikut melapor) a public complaint, once."""
    row = await _public_for_citizen(session, runtime, principal, complaint_id)
    assert principal.account_id is not None and row.id is not None
    try:
        async with session.begin_nested():
            session.add(
                ComplaintSupport(complaint_id=row.id, account_id=principal.account_id, created_at=now or utcnow())
            )
    except IntegrityError:
        raise CettarError("COMPLAINT_ALREADY_SUPPORTED", field="input.complaintId") from None
    await session.execute(
        update(Complaint)
        .where(col(Complaint.id) == row.id)
        .values(support_count=col(Complaint.support_count) + 1)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(row)
    audit.record(session, "pengaduan.complaint_supported", target_type="Complaint", target_id=row.id)
    emit(
        session,
        "pengaduan.complaint_supported",
        {"complaint_id": row.id, "support_count": row.support_count, "agency_id": row.agency_id},
        source=SOURCE,
    )
    return row


async def supported_ids(session: AsyncSession, account_id: int, complaint_ids: list[int]) -> set[int]:
    """Which of ``complaint_ids`` the account supports."""
    stmt = select(col(ComplaintSupport.complaint_id)).where(
        col(ComplaintSupport.account_id) == account_id, col(ComplaintSupport.complaint_id).in_(complaint_ids)
    )
    return {int(i) for i in (await session.execute(stmt)).scalars()}


async def flag_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    reason: FlagReason,
    now: datetime | None = None,
) -> Complaint:
    """The citizen reports a public complaint as spam or offensive, once; enough reports hide it."""
    row = await _public_for_citizen(session, runtime, principal, complaint_id)
    assert principal.account_id is not None and row.id is not None
    moment = now or utcnow()
    try:
        async with session.begin_nested():
            session.add(
                ComplaintFlag(complaint_id=row.id, account_id=principal.account_id, reason=reason, created_at=moment)
            )
    except IntegrityError:
        raise CettarError("COMPLAINT_ALREADY_FLAGGED", field="input.complaintId") from None
    await session.execute(
        update(Complaint)
        .where(col(Complaint.id) == row.id)
        .values(flag_count=col(Complaint.flag_count) + 1)
        .execution_options(synchronize_session=False)
    )
    audit.record(
        session,
        "pengaduan.complaint_flagged",
        target_type="Complaint",
        target_id=row.id,
        detail={"reason": reason.value},
    )
    hidden = await session.execute(
        update(Complaint)
        .where(
            col(Complaint.id) == row.id,
            col(Complaint.moderation) == ModerationState.VISIBLE,
            col(Complaint.flag_count) >= settings_of(runtime).flag_threshold,
        )
        .values(moderation=ModerationState.HIDDEN, updated_at=moment)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(row)
    if getattr(hidden, "rowcount", 0) == 1:
        add_step(session, row, StepAction.HIDDEN, from_status=row.status, actor=None, at=moment)
        audit.record(
            session,
            "pengaduan.complaint_hidden",
            target_type="Complaint",
            target_id=row.id,
            detail={"flags": row.flag_count},
            actor=audit.SYSTEM,
        )
        emit_change(session, row, StepAction.HIDDEN)
        await notices.tell_reporter(session, row, StepAction.HIDDEN)
    return row


async def moderate_complaint(
    session: AsyncSession,
    runtime: Runtime,
    principal: Principal,
    complaint_id: int,
    *,
    restore: bool,
    reason: str | None,
    now: datetime | None = None,
) -> Complaint:
    """A moderator shows a hidden complaint again (its reports are cleared) or removes it from the public list."""
    if not principal.has(MODERATE):
        raise CettarError("FORBIDDEN")
    row = await load_visible(session, runtime, principal, complaint_id)
    if row.moderation is not ModerationState.HIDDEN:
        raise CettarError("COMPLAINT_NOT_HIDDEN", field="input.complaintId")
    text = check_reason(reason, "input.reason", required=not restore)
    moment = now or utcnow()
    state = ModerationState.VISIBLE if restore else ModerationState.REMOVED
    values: dict[str, object] = {"moderation": state, "updated_at": moment}
    if restore:
        values["flag_count"] = 0
    changed = await session.execute(
        update(Complaint)
        .where(col(Complaint.id) == row.id, col(Complaint.moderation) == ModerationState.HIDDEN)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(changed, "rowcount", 0) != 1:
        raise CettarError("COMPLAINT_CHANGED", field="input.complaintId")
    await session.refresh(row)
    action = StepAction.RESTORED if restore else StepAction.REMOVED
    add_step(session, row, action, from_status=row.status, actor=principal, reason=text, at=moment)
    audit.record(
        session,
        f"pengaduan.complaint_{action.value}",
        target_type="Complaint",
        target_id=row.id,
        target_agency_id=row.agency_id or row.unit_agency_id,
    )
    emit_change(session, row, action)
    await notices.tell_reporter(session, row, action)
    return row
