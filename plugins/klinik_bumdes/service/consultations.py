"""Consultation tickets: opened → assigned → session scheduled → notes → resolved → closed.

Every step is written to the ticket's history (who, what, when), recorded in the
audit trail, emitted as a domain event ``klinik_bumdes.<step>`` (ids only) and,
when someone else took it, notified to the requester (and to the expert's account).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, exists, false, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import record
from core.auth import Role
from core.calendar import WIB, local_date
from core.errors import CettarError
from core.notifications import notify
from plugins.klinik_bumdes import labels
from plugins.klinik_bumdes.models import (
    ConsultationSession,
    Expert,
    Note,
    Outcome,
    SessionMode,
    SessionStatus,
    Ticket,
    TicketAction,
    TicketStatus,
    TicketStep,
    Topic,
)
from plugins.klinik_bumdes.service import common
from plugins.klinik_bumdes.service.access import Access
from plugins.klinik_bumdes.service.experts import topics_of
from plugins.klinik_bumdes.service.registry import get_enterprise

MAX_SESSION = timedelta(hours=8)
MIN_SESSION = timedelta(minutes=15)
MAX_AHEAD = timedelta(days=366)
#: States from which each step may be taken.
CAN_ASSIGN = (TicketStatus.OPENED, TicketStatus.ASSIGNED)
CAN_SCHEDULE = (TicketStatus.ASSIGNED, TicketStatus.SCHEDULED)
CAN_RESOLVE = (TicketStatus.ASSIGNED, TicketStatus.SCHEDULED)


def number_of(ticket: Ticket) -> str:
    """The number people read out: ``KBD-<year opened (WIB)>-<id, 6 digits>``."""
    return f"KBD-{local_date(ticket.opened_at).year}-{ticket.id:06d}"


@dataclass(frozen=True)
class TicketFilter:
    status: TicketStatus | None = None
    topic: Topic | None = None
    enterprise_id: int | None = None
    expert_id: int | None = None
    assigned_to_me: bool = False


def tickets_query(access: Access, f: TicketFilter | None = None) -> Select[Any]:
    """The consultations ``access`` may read: all for handlers, assigned ones for an expert, own for a citizen."""
    stmt = select(Ticket)
    condition = access.ticket_filter()
    if condition is not None:
        stmt = stmt.where(condition)
    if f is None:
        return stmt
    if f.status is not None:
        stmt = stmt.where(col(Ticket.status) == f.status)
    if f.topic is not None:
        stmt = stmt.where(col(Ticket.topic) == f.topic)
    if f.enterprise_id is not None:
        stmt = stmt.where(col(Ticket.enterprise_id) == f.enterprise_id)
    if f.expert_id is not None:
        stmt = stmt.where(col(Ticket.expert_id) == f.expert_id)
    if f.assigned_to_me:
        stmt = stmt.where(col(Ticket.expert_id) == access.expert_id if access.expert_id is not None else false())
    return stmt


async def _ticket(session: AsyncSession, access: Access, ticket_id: int, field: str = "input.consultationId") -> Ticket:
    """The ticket, locked for the change; one the principal may not see is ``NOT_FOUND``."""
    await common.lock_row(session, Ticket, ticket_id)
    found = (
        await session.execute(select(Ticket).where(col(Ticket.id) == ticket_id).with_for_update())
    ).scalar_one_or_none()
    if found is None or not access.can_see_ticket(found):
        raise CettarError("NOT_FOUND", field=field)
    return found


def _require(ticket: Ticket, allowed: tuple[TicketStatus, ...]) -> None:
    if ticket.status not in allowed:
        status_id, status_en = labels.TICKET_STATUSES[ticket.status]
        raise CettarError(
            "BUMDES_INVALID_TRANSITION", number=number_of(ticket), status_id=status_id, status_en=status_en
        )


def _step(session: AsyncSession, access: Access, ticket: Ticket, action: TicketAction, at: datetime) -> None:
    session.add(
        TicketStep(
            ticket_id=ticket.id,  # type: ignore[arg-type]
            action=action,
            status=ticket.status,
            actor_account_id=access.account_id,
            at=at,
        )
    )


def _audit(session: AsyncSession, access: Access, ticket: Ticket, action: str, **detail: Any) -> None:
    record(
        session,
        f"klinik_bumdes.{action}",
        target_type="BumDesaConsultation",
        target_id=ticket.id,
        target_agency_id=access.agency_id,
        detail={"status": ticket.status.value, **detail},
    )


async def _tell(
    session: AsyncSession,
    access: Access,
    account_id: int | None,
    ticket: Ticket,
    kind: str,
    title: tuple[str, str],
    body: tuple[str, str],
) -> None:
    """Notify ``account_id`` about ``ticket`` unless they took the step themselves."""
    if account_id is None or access.principal.owns(account_id):
        return
    await notify(
        session,
        account_id=account_id,
        kind=f"klinik_bumdes.{kind}",
        title=title,
        body=body,
        source=common.SOURCE,
        target_type="BumDesaConsultation",
        target_key=str(ticket.id),
    )


async def _expert(session: AsyncSession, expert_id: int | None, *, lock: bool = False) -> Expert | None:
    if expert_id is None:
        return None
    stmt = select(Expert).where(col(Expert.id) == expert_id)
    if lock:
        await common.lock_row(session, Expert, expert_id)
        stmt = stmt.with_for_update()
    expert: Expert | None = (await session.execute(stmt)).scalar_one_or_none()
    return expert


def _wib(moment: datetime) -> str:
    return moment.astimezone(WIB).strftime("%d-%m-%Y %H.%M WIB")


# -- opening ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenData:
    enterprise_id: int
    topic: Topic
    subject: str
    description: str
    idempotency_key: str | None = None


async def open_ticket(session: AsyncSession, access: Access, data: OpenData, *, now: datetime | None = None) -> Ticket:
    """A BUM Desa's manager asks the clinic for help (staff may open one on a BUM Desa's behalf)."""
    principal = access.principal
    if not principal.is_authenticated:
        raise CettarError("UNAUTHENTICATED")
    moment = now or common.now()
    enterprise = await get_enterprise(session, data.enterprise_id)
    assert enterprise.id is not None
    if access.handles(enterprise.id):
        requester = enterprise.manager_account_id
    elif principal.role is Role.CITIZEN and principal.owns(enterprise.manager_account_id):
        requester = principal.account_id
    elif principal.role is Role.CITIZEN:
        raise CettarError("BUMDES_NOT_MANAGER", field="input.bumDesaId")
    else:
        raise CettarError("FORBIDDEN")
    subject = common.text(data.subject, "input.subject", min_length=5, max_length=160)
    description = common.text(data.description, "input.description", min_length=20, max_length=4000, multiline=True)

    async def create() -> tuple[Ticket, int]:
        ticket = Ticket(
            enterprise_id=enterprise.id,  # type: ignore[arg-type]
            topic=data.topic,
            subject=subject,
            description=description,
            status=TicketStatus.OPENED,
            requester_account_id=requester,
            opened_by_account_id=access.account_id,
            opened_at=moment,
        )
        session.add(ticket)
        await session.flush()
        assert ticket.id is not None
        _step(session, access, ticket, TicketAction.OPENED, moment)
        _audit(session, access, ticket, "ticket_opened", bumDesaId=enterprise.id, topic=data.topic.value)
        common.event(session, "ticket_opened", ticket_id=ticket.id, bum_desa_id=enterprise.id, topic=data.topic.value)
        await _tell(
            session,
            access,
            requester,
            ticket,
            "ticket_opened",
            ("Konsultasi dibuka", "Consultation opened"),
            (
                f"Klinik BUM Desa membuka konsultasi {number_of(ticket)} untuk {enterprise.name}: {subject}.",
                f"The Klinik BUM Desa opened consultation {number_of(ticket)} for {enterprise.name}: {subject}.",
            ),
        )
        return ticket, ticket.id

    async def load(ticket_id: int) -> Ticket | None:
        return await session.get(Ticket, ticket_id)

    return await common.create_once(
        session,
        account_id=access.account_id,
        key=data.idempotency_key,
        operation="openBumDesaConsultation",
        payload={"bumDesa": enterprise.id, "topic": data.topic.value, "subject": subject, "text": description},
        load=load,
        create=create,
    )


# -- assignment ------------------------------------------------------------------------------


async def assign(
    session: AsyncSession, access: Access, ticket_id: int, expert_id: int, *, now: datetime | None = None
) -> Ticket:
    """Give the ticket to an active expert who takes its topic (again while no session is scheduled)."""
    access.require_consult()
    moment = now or common.now()
    ticket = await _ticket(session, access, ticket_id)
    _require(ticket, CAN_ASSIGN)
    expert = await _expert(session, expert_id)
    if expert is None:
        raise CettarError("NOT_FOUND", field="input.expertId")
    if not expert.active:
        raise CettarError("BUMDES_EXPERT_INACTIVE", field="input.expertId")
    if ticket.topic not in await topics_of(session, expert_id):
        topic_id, topic_en = labels.TOPICS[ticket.topic]
        raise CettarError("BUMDES_EXPERT_TOPIC_MISMATCH", field="input.expertId", topic_id=topic_id, topic_en=topic_en)
    if ticket.expert_id == expert_id:
        return ticket
    previous = ticket.expert_id
    ticket.expert_id = expert_id
    ticket.status = TicketStatus.ASSIGNED
    ticket.assigned_at = moment
    await session.flush()
    _step(session, access, ticket, TicketAction.ASSIGNED, moment)
    _audit(session, access, ticket, "ticket_assigned", expertId=expert_id, reassigned=previous is not None)
    common.event(session, "ticket_assigned", ticket_id=ticket.id, expert_id=expert_id, previous_expert_id=previous)
    number = number_of(ticket)
    await _tell(
        session,
        access,
        ticket.requester_account_id,
        ticket,
        "ticket_assigned",
        ("Tenaga ahli ditugaskan", "Expert assigned"),
        (
            f"Konsultasi {number} ditangani oleh {expert.name} ({expert.university}).",
            f"Consultation {number} is handled by {expert.name} ({expert.university}).",
        ),
    )
    await _tell(
        session,
        access,
        expert.account_id,
        ticket,
        "ticket_assigned_to_you",
        ("Konsultasi baru untuk Anda", "A consultation for you"),
        (
            f"Anda ditugaskan menangani konsultasi {number}: {ticket.subject}.",
            f"You are assigned consultation {number}: {ticket.subject}.",
        ),
    )
    return ticket


# -- sessions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionData:
    ticket_id: int
    mode: SessionMode
    starts_at: datetime
    ends_at: datetime
    meeting_url: str | None = None
    place: str | None = None
    idempotency_key: str | None = None


def _meeting_url(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or len(url) > 300 or any(c.isspace() for c in url):
        raise CettarError("BUMDES_SESSION_LOCATION_REQUIRED", field="input.meetingUrl")
    return url


def _period(data: SessionData, moment: datetime) -> tuple[datetime, datetime]:
    for field, value in (("input.startsAt", data.starts_at), ("input.endsAt", data.ends_at)):
        if value.tzinfo is None:
            raise common.invalid(
                field,
                "Sertakan zona waktu, misalnya 2026-03-02T09:00:00+07:00.",
                "Give a time zone offset, e.g. 2026-03-02T09:00:00+07:00.",
            )
    starts, ends = data.starts_at, data.ends_at
    if starts <= moment:
        raise CettarError("BUMDES_SESSION_IN_PAST", field="input.startsAt")
    if starts - moment > MAX_AHEAD:
        raise common.invalid(
            "input.startsAt",
            "Sesi dijadwalkan paling lama satu tahun ke depan.",
            "A session is scheduled at most a year ahead.",
        )
    if not MIN_SESSION <= ends - starts <= MAX_SESSION:
        raise common.invalid(
            "input.endsAt",
            "Sesi berlangsung 15 menit sampai 8 jam setelah dimulai.",
            "A session ends 15 minutes to 8 hours after it starts.",
        )
    return starts, ends


async def schedule_session(
    session: AsyncSession, access: Access, data: SessionData, *, now: datetime | None = None
) -> tuple[Ticket, ConsultationSession]:
    """A meeting with the assigned expert: in the future, online (https link) or on site (a place),
    never overlapping another session of the same expert."""
    moment = now or common.now()
    ticket = await _ticket(session, access, data.ticket_id)
    if not access.can_work_ticket(ticket):
        raise CettarError("FORBIDDEN")
    _require(ticket, CAN_SCHEDULE)
    starts, ends = _period(data, moment)
    url = _meeting_url(data.meeting_url)
    place = common.optional_text(data.place, "input.place", max_length=200)
    if data.mode is SessionMode.ONLINE and url is None:
        raise CettarError("BUMDES_SESSION_LOCATION_REQUIRED", field="input.meetingUrl")
    if data.mode is SessionMode.ON_SITE and place is None:
        raise CettarError("BUMDES_SESSION_LOCATION_REQUIRED", field="input.place")
    if data.mode is SessionMode.ONLINE and place is not None:
        raise common.invalid("input.place", "Sesi daring tidak memiliki tempat.", "An online session has no place.")
    if data.mode is SessionMode.ON_SITE and url is not None:
        raise common.invalid(
            "input.meetingUrl", "Sesi tatap muka tidak memiliki tautan rapat.", "An on-site session has no link."
        )

    async def create() -> tuple[tuple[Ticket, ConsultationSession], int]:
        # The expert's row is locked so two sessions scheduled at once cannot both pass the overlap check.
        expert = await _expert(session, ticket.expert_id, lock=True)
        assert expert is not None, "an assigned ticket has an expert"
        busy = await session.execute(
            select(
                exists().where(
                    col(ConsultationSession.expert_id) == expert.id,
                    col(ConsultationSession.status) != SessionStatus.CANCELLED,
                    col(ConsultationSession.starts_at) < ends,
                    col(ConsultationSession.ends_at) > starts,
                )
            )
        )
        if busy.scalar():
            raise CettarError("BUMDES_EXPERT_BUSY", field="input.startsAt")
        meeting = ConsultationSession(
            ticket_id=ticket.id,  # type: ignore[arg-type]
            expert_id=expert.id,  # type: ignore[arg-type]
            mode=data.mode,
            starts_at=starts,
            ends_at=ends,
            meeting_url=url,
            place=place,
            status=SessionStatus.SCHEDULED,
            scheduled_by_account_id=access.account_id,
            scheduled_at=moment,
        )
        session.add(meeting)
        ticket.status = TicketStatus.SCHEDULED
        await session.flush()
        assert meeting.id is not None
        _step(session, access, ticket, TicketAction.SESSION_SCHEDULED, moment)
        _audit(session, access, ticket, "session_scheduled", sessionId=meeting.id, mode=data.mode.value)
        common.event(session, "session_scheduled", ticket_id=ticket.id, session_id=meeting.id, expert_id=expert.id)
        where_id = url if url else place
        number = number_of(ticket)
        for account_id in (ticket.requester_account_id, expert.account_id):
            await _tell(
                session,
                access,
                account_id,
                ticket,
                "session_scheduled",
                ("Sesi konsultasi dijadwalkan", "Consultation session scheduled"),
                (
                    f"Sesi konsultasi {number} pada {_wib(starts)} ({'daring' if url else 'tatap muka'}: {where_id}).",
                    f"Consultation {number} meets on {_wib(starts)} ({'online' if url else 'on site'}: {where_id}).",
                ),
            )
        return (ticket, meeting), meeting.id

    async def load(session_id: int) -> tuple[Ticket, ConsultationSession] | None:
        meeting = await session.get(ConsultationSession, session_id)
        return None if meeting is None else (ticket, meeting)

    return await common.create_once(
        session,
        account_id=access.account_id,
        key=data.idempotency_key,
        operation="scheduleBumDesaConsultationSession",
        payload={
            "ticket": ticket.id,
            "mode": data.mode.value,
            "starts": starts.isoformat(),
            "ends": ends.isoformat(),
            "url": url,
            "place": place,
        },
        load=load,
        create=create,
    )


async def _session_and_ticket(
    session: AsyncSession, access: Access, session_id: int
) -> tuple[ConsultationSession, Ticket]:
    await common.lock_row(session, ConsultationSession, session_id)
    meeting = (
        await session.execute(
            select(ConsultationSession).where(col(ConsultationSession.id) == session_id).with_for_update()
        )
    ).scalar_one_or_none()
    if meeting is None:
        raise CettarError("NOT_FOUND", field="input.sessionId")
    ticket = await _ticket(session, access, meeting.ticket_id, field="input.sessionId")
    if not access.can_work_ticket(ticket):
        raise CettarError("FORBIDDEN")
    if meeting.status is not SessionStatus.SCHEDULED:
        status_id, status_en = labels.SESSION_STATUSES[meeting.status]
        raise CettarError("BUMDES_SESSION_CLOSED", field="input.sessionId", status_id=status_id, status_en=status_en)
    return meeting, ticket


async def complete_session(
    session: AsyncSession, access: Access, session_id: int, notes: str, *, now: datetime | None = None
) -> tuple[Ticket, ConsultationSession]:
    """The session took place: record its notes (once it has started)."""
    moment = now or common.now()
    meeting, ticket = await _session_and_ticket(session, access, session_id)
    if moment < meeting.starts_at:
        raise CettarError("BUMDES_SESSION_NOT_STARTED", field="input.sessionId")
    meeting.notes = common.text(notes, "input.notes", min_length=10, max_length=8000, multiline=True)
    meeting.status = SessionStatus.HELD
    meeting.closed_by_account_id = access.account_id
    meeting.closed_at = moment
    await session.flush()
    _step(session, access, ticket, TicketAction.SESSION_HELD, moment)
    _audit(session, access, ticket, "session_held", sessionId=meeting.id)
    common.event(session, "session_held", ticket_id=ticket.id, session_id=meeting.id)
    number = number_of(ticket)
    await _tell(
        session,
        access,
        ticket.requester_account_id,
        ticket,
        "session_held",
        ("Catatan sesi tersedia", "Session notes available"),
        (
            f"Catatan sesi konsultasi {number} tanggal {_wib(meeting.starts_at)} sudah diisi.",
            f"The notes of consultation {number}'s session of {_wib(meeting.starts_at)} are in.",
        ),
    )
    return ticket, meeting


async def cancel_session(
    session: AsyncSession, access: Access, session_id: int, reason: str, *, now: datetime | None = None
) -> tuple[Ticket, ConsultationSession]:
    """Call off a scheduled session; the expert's time is free again."""
    moment = now or common.now()
    meeting, ticket = await _session_and_ticket(session, access, session_id)
    meeting.cancel_reason = common.text(reason, "input.reason", min_length=5, max_length=300)
    meeting.status = SessionStatus.CANCELLED
    meeting.closed_by_account_id = access.account_id
    meeting.closed_at = moment
    await session.flush()
    others = await session.execute(
        select(
            exists().where(
                col(ConsultationSession.ticket_id) == ticket.id,
                col(ConsultationSession.status) != SessionStatus.CANCELLED,
            )
        )
    )
    if not others.scalar():
        ticket.status = TicketStatus.ASSIGNED
    await session.flush()
    _step(session, access, ticket, TicketAction.SESSION_CANCELLED, moment)
    _audit(session, access, ticket, "session_cancelled", sessionId=meeting.id)
    common.event(session, "session_cancelled", ticket_id=ticket.id, session_id=meeting.id)
    expert = await _expert(session, meeting.expert_id)
    number = number_of(ticket)
    for account_id in (ticket.requester_account_id, expert.account_id if expert else None):
        await _tell(
            session,
            access,
            account_id,
            ticket,
            "session_cancelled",
            ("Sesi konsultasi dibatalkan", "Consultation session cancelled"),
            (
                f"Sesi konsultasi {number} tanggal {_wib(meeting.starts_at)} dibatalkan: {meeting.cancel_reason}",
                f"Consultation {number}'s session of {_wib(meeting.starts_at)} is cancelled: {meeting.cancel_reason}",
            ),
        )
    return ticket, meeting


# -- notes, resolution, closing --------------------------------------------------------------


async def add_note(
    session: AsyncSession,
    access: Access,
    ticket_id: int,
    body: str,
    *,
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> tuple[Ticket, Note]:
    """A note by anyone who sees the ticket (requester, expert, handler), until it is closed."""
    if not access.principal.is_authenticated:
        raise CettarError("UNAUTHENTICATED")
    moment = now or common.now()
    ticket = await _ticket(session, access, ticket_id)
    _require(ticket, tuple(s for s in TicketStatus if s is not TicketStatus.CLOSED))
    text = common.text(body, "input.body", min_length=2, max_length=4000, multiline=True)

    async def create() -> tuple[tuple[Ticket, Note], int]:
        note = Note(ticket_id=ticket.id, author_account_id=access.account_id, body=text, created_at=moment)  # type: ignore[arg-type]
        session.add(note)
        await session.flush()
        assert note.id is not None
        _step(session, access, ticket, TicketAction.NOTE_ADDED, moment)
        _audit(session, access, ticket, "note_added", noteId=note.id)
        common.event(session, "note_added", ticket_id=ticket.id, note_id=note.id)
        expert = await _expert(session, ticket.expert_id)
        number = number_of(ticket)
        for account_id in (ticket.requester_account_id, expert.account_id if expert else None):
            await _tell(
                session,
                access,
                account_id,
                ticket,
                "note_added",
                ("Catatan baru pada konsultasi", "New note on a consultation"),
                (f"Ada catatan baru pada konsultasi {number}.", f"Consultation {number} has a new note."),
            )
        return (ticket, note), note.id

    async def load(note_id: int) -> tuple[Ticket, Note] | None:
        note = await session.get(Note, note_id)
        return None if note is None else (ticket, note)

    return await common.create_once(
        session,
        account_id=access.account_id,
        key=idempotency_key,
        operation="addBumDesaConsultationNote",
        payload={"ticket": ticket.id, "body": text},
        load=load,
        create=create,
    )


async def resolve(
    session: AsyncSession,
    access: Access,
    ticket_id: int,
    outcome: Outcome,
    summary: str,
    *,
    now: datetime | None = None,
) -> Ticket:
    """The expert (or a handler) resolves the ticket with an outcome, after at least one session was held."""
    moment = now or common.now()
    ticket = await _ticket(session, access, ticket_id)
    if not access.can_work_ticket(ticket):
        raise CettarError("FORBIDDEN")
    _require(ticket, CAN_RESOLVE)
    statuses = set(
        (
            await session.execute(
                select(col(ConsultationSession.status)).where(col(ConsultationSession.ticket_id) == ticket.id)
            )
        ).scalars()
    )
    if SessionStatus.SCHEDULED in statuses:
        raise CettarError("BUMDES_SESSION_PENDING", field="input.consultationId")
    if SessionStatus.HELD not in statuses:
        raise CettarError("BUMDES_NO_SESSION_HELD", field="input.consultationId")
    ticket.outcome_summary = common.text(summary, "input.summary", min_length=10, max_length=4000, multiline=True)
    ticket.outcome = outcome
    ticket.status = TicketStatus.RESOLVED
    ticket.resolved_at = moment
    await session.flush()
    _step(session, access, ticket, TicketAction.RESOLVED, moment)
    _audit(session, access, ticket, "ticket_resolved", outcome=outcome.value)
    common.event(session, "ticket_resolved", ticket_id=ticket.id, outcome=outcome.value)
    number = number_of(ticket)
    await _tell(
        session,
        access,
        ticket.requester_account_id,
        ticket,
        "ticket_resolved",
        ("Konsultasi selesai ditangani", "Consultation resolved"),
        (
            f"Konsultasi {number} selesai ditangani. Periksa hasilnya lalu tutup konsultasi.",
            f"Consultation {number} is resolved. Read the outcome, then close the consultation.",
        ),
    )
    return ticket


async def close(session: AsyncSession, access: Access, ticket_id: int, *, now: datetime | None = None) -> Ticket:
    """The requester (or a handler) closes a resolved ticket."""
    moment = now or common.now()
    ticket = await _ticket(session, access, ticket_id)
    if not (access.handles(ticket.enterprise_id) or access.principal.owns(ticket.requester_account_id)):
        raise CettarError("FORBIDDEN")
    _require(ticket, (TicketStatus.RESOLVED,))
    ticket.status = TicketStatus.CLOSED
    ticket.closed_at = moment
    await session.flush()
    _step(session, access, ticket, TicketAction.CLOSED, moment)
    _audit(session, access, ticket, "ticket_closed")
    common.event(session, "ticket_closed", ticket_id=ticket.id)
    await _tell(
        session,
        access,
        ticket.requester_account_id,
        ticket,
        "ticket_closed",
        ("Konsultasi ditutup", "Consultation closed"),
        (f"Konsultasi {number_of(ticket)} ditutup.", f"Consultation {number_of(ticket)} is closed."),
    )
    return ticket
