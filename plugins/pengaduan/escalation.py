"""The scheduled job ``pengaduan.escalate_overdue``: deadlines, escalation, closing after the reopen period.

Each step of an open complaint has a WIB deadline (``due_on``, in working days:
verification 3, follow-up 5, resolution ``resolve_days``). When it passes, the job
escalates the complaint to the admins of the agency responsible for the step (the
complaint unit while it waits for verification, else the agency it is disposed to):
level 1. ``escalation_grace_days`` working days later, still not moved, it goes to
the province admins: level 2. A resolved complaint the reporter neither confirmed
nor reopened within ``reopen_days`` is closed.

Safe to run twice and from two workers at once: every change is one conditional
UPDATE on the state read (status, level, deadline), and the job notifies, records
and emits only for the rows its own UPDATE changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit import chain as audit
from core.calendar import local_date, working_days_between
from core.jobs import Job
from plugins.pengaduan import notices
from plugins.pengaduan.models import Complaint, ComplaintStatus, StepAction
from plugins.pengaduan.service import add_step, emit_change
from plugins.pengaduan.settings import PengaduanSettings, settings_of

if TYPE_CHECKING:
    from core.runtime import Runtime

S = ComplaintStatus
#: Statuses with a deadline someone on the government side must meet.
ESCALATING = (S.SUBMITTED, S.DISPOSED, S.IN_PROGRESS, S.REOPENED)

ESCALATION_TEXTS: dict[int, tuple[tuple[str, str], tuple[str, str]]] = {
    1: (
        ("Pengaduan {t} melewati batas waktu", "Complaint {t} is overdue"),
        (
            "\u201c{title}\u201d belum ditangani sampai batas waktu. Mohon segera ditindaklanjuti.",
            "\u201c{title}\u201d was not handled by its deadline. Please act on it now.",
        ),
    ),
    2: (
        ("Eskalasi provinsi: pengaduan {t}", "Province escalation: complaint {t}"),
        (
            "\u201c{title}\u201d tetap belum ditangani setelah eskalasi ke admin instansi.",
            "\u201c{title}\u201d is still not handled after escalation to the agency admin.",
        ),
    ),
}


async def _recipients(session: AsyncSession, row: Complaint, level: int) -> list[int]:
    if level >= 2:
        return await notices.province_admin_ids(session)
    responsible = row.unit_agency_id if row.status is S.SUBMITTED or row.agency_id is None else row.agency_id
    return await notices.agency_admin_ids(session, responsible)


async def _escalated(session: AsyncSession, row: Complaint, level: int, moment: datetime) -> None:
    """Record, emit and notify for one escalation this run made."""
    responsible = row.unit_agency_id if row.status is S.SUBMITTED or row.agency_id is None else row.agency_id
    add_step(
        session,
        row,
        StepAction.ESCALATED,
        from_status=row.status,
        actor=None,
        agency_id=responsible if level == 1 else None,
        escalation_level=level,
        at=moment,
    )
    audit.record(
        session,
        "pengaduan.complaint_escalated",
        target_type="Complaint",
        target_id=row.id,
        target_agency_id=responsible,
        detail={"level": level, "status": row.status.value, "due_on": str(row.due_on)},
        actor=audit.SYSTEM,
    )
    emit_change(session, row, StepAction.ESCALATED, level=level)
    title, body = ESCALATION_TEXTS[level]
    await notices.tell_staff(
        session,
        await _recipients(session, row, level),
        row,
        kind=f"pengaduan.escalated_{level}",
        title=title,
        body=body,
    )


async def _try(session: AsyncSession, where: list[Any], values: dict[str, Any]) -> bool:
    result = await session.execute(
        update(Complaint).where(*where).values(**values).execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


async def escalate(
    session: AsyncSession, settings: PengaduanSettings, now: datetime, *, only: Sequence[int] | None = None
) -> int:
    """One pass over overdue complaints (or those of ``only``) in ``session``'s transaction; returns how many
    it changed."""
    today: date = local_date(now)
    stmt = (
        select(
            col(Complaint.id),
            col(Complaint.status),
            col(Complaint.escalation_level),
            col(Complaint.escalated_at),
            col(Complaint.due_on),
        )
        .where(
            col(Complaint.status).in_(list(ESCALATING)),
            col(Complaint.due_on) < today,
            col(Complaint.escalation_level) < 2,
        )
        .order_by(col(Complaint.id))
    )
    if only is not None:
        stmt = stmt.where(col(Complaint.id).in_(list(only)))
    candidates = (await session.execute(stmt)).all()
    changed = 0
    for complaint_id, status, level, escalated_at, due_on in candidates:
        same_state = [
            col(Complaint.id) == complaint_id,
            col(Complaint.status) == status,
            col(Complaint.escalation_level) == level,
            col(Complaint.due_on) == due_on,
        ]
        if level == 0:
            new_level = 1
        elif escalated_at is not None and working_days_between(local_date(escalated_at), today) >= (
            settings.escalation_grace_days
        ):
            new_level = 2
        else:
            continue
        if await _try(session, same_state, {"escalation_level": new_level, "escalated_at": now}):
            row = await session.get(Complaint, complaint_id)
            assert row is not None
            await session.refresh(row)
            await _escalated(session, row, new_level, now)
            changed += 1
    return changed


async def close_unconfirmed(session: AsyncSession, now: datetime, *, only: Sequence[int] | None = None) -> int:
    """Close resolved complaints whose reopen period ended (or those of ``only``); returns how many."""
    today = local_date(now)
    stmt = (
        select(col(Complaint.id))
        .where(col(Complaint.status) == S.RESOLVED, col(Complaint.due_on) < today)
        .order_by(col(Complaint.id))
    )
    if only is not None:
        stmt = stmt.where(col(Complaint.id).in_(list(only)))
    ids = (await session.execute(stmt)).scalars()
    changed = 0
    for complaint_id in list(ids):
        closed = await _try(
            session,
            [col(Complaint.id) == complaint_id, col(Complaint.status) == S.RESOLVED, col(Complaint.due_on) < today],
            {
                "status": S.CLOSED,
                "closed_at": now,
                "status_changed_at": now,
                "updated_at": now,
                "due_on": None,
                "escalation_level": 0,
                "escalated_at": None,
            },
        )
        if not closed:
            continue
        row = await session.get(Complaint, complaint_id)
        assert row is not None
        await session.refresh(row)
        add_step(session, row, StepAction.AUTO_CLOSED, from_status=S.RESOLVED, actor=None, at=now)
        audit.record(
            session,
            "pengaduan.complaint_auto_closed",
            target_type="Complaint",
            target_id=row.id,
            target_agency_id=row.agency_id,
            actor=audit.SYSTEM,
        )
        emit_change(session, row, StepAction.AUTO_CLOSED)
        await notices.tell_reporter(session, row, StepAction.AUTO_CLOSED)
        changed += 1
    return changed


async def run(runtime: Runtime, now: datetime) -> int:
    """The job: escalate overdue complaints and close unconfirmed ones, in one transaction."""
    async with runtime.database.session() as session:
        changed = await escalate(session, settings_of(runtime), now)
        changed += await close_unconfirmed(session, now)
    if changed:
        runtime.dispatcher.wake()
    return changed


JOB = Job(
    name="pengaduan.escalate_overdue",
    description="Escalate complaints past their working-day deadline (agency admin, then province admin) "
    "and close resolved complaints the reporter did not confirm in time.",
    run=run,
)
