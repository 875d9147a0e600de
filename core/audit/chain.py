"""Recording audit entries and sealing them into the hash chain in the same transaction.

Services call :func:`record` with what they did; the request's actor (who, role,
agency, request id) is set once with :func:`set_actor`. Nothing is written until
the transaction commits: just before it does, the pending entries are appended
to the chain under a lock on the chain's head row, so appends from concurrent
transactions never fork the chain and the lock is held only for the commit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlmodel import col

from core.audit.models import GENESIS, AuditHead, AuditRecord
from core.db import CettarSession, utcnow

PENDING = "cettar.audit.pending"
ACTOR = "cettar.audit.actor"


#: The request id of a record whose actor's request id is withheld (``Actor(withhold_request_id=True)``).
WITHHELD_REQUEST_ID = "withheld"


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account (with its role and agency) or the system itself.

    An entry recorded without ``request_id`` takes the request's (the session's actor's). With
    ``withhold_request_id`` the record says :data:`WITHHELD_REQUEST_ID` instead: the request id
    would tie it to the other records of that request (a sign-in's, under a username), so an
    actor who must stay unidentifiable — an anonymous complaint's reporter — is recorded by role
    alone: ``Actor(role="citizen", withhold_request_id=True)``.
    """

    role: str
    account_id: int | None = None
    username: str | None = None
    agency_id: int | None = None
    request_id: str | None = None
    withhold_request_id: bool = False

    def __post_init__(self) -> None:
        if self.withhold_request_id and self.request_id is not None:
            raise ValueError("an actor whose request id is withheld carries none")


SYSTEM = Actor(role="system")


@dataclass
class Entry:
    action: str
    target_type: str | None = None
    target_id: str | None = None
    target_agency_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    actor: Actor | None = None
    at: datetime = field(default_factory=utcnow)


def _info(session: AsyncSession | Session) -> dict[str, Any]:
    return session.info


def record(
    session: AsyncSession | Session,
    action: str,
    *,
    target_type: str | None = None,
    target_id: object = None,
    target_agency_id: int | None = None,
    detail: dict[str, Any] | None = None,
    actor: Actor | None = None,
) -> None:
    """Stage an audit entry; it is written in the same transaction when that commits.

    ``target_agency_id`` is the agency the target belongs to, so that agency's
    admin reads the record too. ``detail`` must never hold personal data, a
    password or a token.
    """
    entries: list[Entry] = _info(session).setdefault(PENDING, [])
    entries.append(
        Entry(
            action=action,
            target_type=target_type,
            target_id=None if target_id is None else str(target_id),
            target_agency_id=target_agency_id,
            detail=dict(detail or {}),
            actor=actor,
        )
    )


def set_actor(session: AsyncSession | Session, actor: Actor) -> None:
    """The actor of entries recorded without one in this session (the request's principal)."""
    _info(session)[ACTOR] = actor


def pending(session: AsyncSession | Session) -> list[Entry]:
    return list(_info(session).get(PENDING, []))


def discard(session: AsyncSession | Session) -> None:
    """Forget staged entries (the transaction is being rolled back)."""
    _info(session).pop(PENDING, None)


def canonical_time(at: datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def compute_hash(row: dict[str, Any]) -> str:
    """SHA-256 of the record's canonical JSON (every column but ``id`` and ``hash``)."""
    body = {
        "seq": row["seq"],
        "at": canonical_time(row["at"]),
        "account_id": row["account_id"],
        "username": row["username"],
        "role": row["role"],
        "agency_id": row["agency_id"],
        "action": row["action"],
        "target_type": row["target_type"],
        "target_id": row["target_id"],
        "target_agency_id": row["target_agency_id"],
        "request_id": row["request_id"],
        "detail": row["detail"],
        "prev_hash": row["prev_hash"],
    }
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@event.listens_for(CettarSession, "before_commit")
def _seal(session: Session) -> None:
    """Append the staged entries to the chain (runs inside the committing transaction)."""
    entries: list[Entry] = session.info.pop(PENDING, [])
    if not entries:
        return
    default_actor: Actor = session.info.get(ACTOR, SYSTEM)
    # The UPDATE takes the head row's lock (a write lock on SQLite) until commit.
    session.execute(update(AuditHead).where(col(AuditHead.id) == 1).values(seq=col(AuditHead.seq) + len(entries)))
    head = session.execute(select(col(AuditHead.seq), col(AuditHead.hash)).where(col(AuditHead.id) == 1)).one()
    seq, prev = int(head[0]) - len(entries), str(head[1])
    rows: list[dict[str, Any]] = []
    for entry in entries:
        seq += 1
        actor = entry.actor or default_actor
        request_id = actor.request_id if actor.request_id is not None else default_actor.request_id
        if actor.withhold_request_id:
            request_id = WITHHELD_REQUEST_ID
        row: dict[str, Any] = {
            "seq": seq,
            "at": entry.at,
            "account_id": actor.account_id,
            "username": actor.username,
            "role": actor.role,
            "agency_id": actor.agency_id,
            "action": entry.action,
            "target_type": entry.target_type,
            "target_id": entry.target_id,
            "target_agency_id": entry.target_agency_id,
            "request_id": request_id,
            "detail": entry.detail,
            "prev_hash": prev,
        }
        row["hash"] = prev = compute_hash(row)
        rows.append(row)
    session.execute(insert(AuditRecord), rows)
    session.execute(update(AuditHead).where(col(AuditHead.id) == 1).values(hash=prev))


@event.listens_for(CettarSession, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str | None = None


async def verify(session: AsyncSession, batch: int = 1000) -> Verification:
    """Walk the chain in order; the first record whose link or content is wrong breaks it."""
    expected_seq, prev, checked, last_id = 1, GENESIS, 0, None
    while True:
        result = await session.execute(
            select(AuditRecord).where(col(AuditRecord.seq) >= expected_seq).order_by(col(AuditRecord.seq)).limit(batch)
        )
        records = list(result.scalars())
        for rec in records:
            if rec.seq != expected_seq:
                return Verification(False, checked, expected_seq, None, f"record {expected_seq} is missing")
            data = rec.model_dump()
            if rec.prev_hash != prev:
                return Verification(False, checked, rec.seq, rec.id, "its link to the previous record is broken")
            if compute_hash(data) != rec.hash:
                return Verification(False, checked, rec.seq, rec.id, "its content does not match its hash")
            prev, expected_seq, checked, last_id = rec.hash, rec.seq + 1, checked + 1, rec.id
        if len(records) < batch:
            break
    head = (await session.execute(select(AuditHead).where(col(AuditHead.id) == 1))).scalar_one_or_none()
    if head is None:
        return Verification(False, checked, None, None, "the chain head is missing")
    if head.seq != expected_seq - 1 or head.hash != prev:
        missing = expected_seq if head.seq >= expected_seq else head.seq
        return Verification(
            False, checked, missing, last_id, f"the chain ends at {expected_seq - 1} but its head says {head.seq}"
        )
    return Verification(True, checked)
