"""Whether the audit chain verifies — checked with ``core.audit.chain.verify``, at most once per chain head.

Verifying walks the whole chain (one statement per 1,000 records), too heavy to repeat on every
scorecard request. The result is kept per process in ``runtime.state`` together with the chain
head (``seq``, ``hash``) it was computed at: while the head is unchanged and the result is younger
than :data:`RECHECK_AFTER`, a request costs one statement (reading the head). When the head moved
or the result is older, one request verifies again (the others wait for it, under a lock) — so
verification runs at most once per change of the chain and per :data:`RECHECK_AFTER`, however many
scorecards are read. The chain is platform-wide: the figure is the same for every scope.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import verify
from core.audit.models import AuditHead
from core.db import utcnow
from core.runtime import Runtime

STATE_KEY = "kinerja.scorecard.audit_verification"
LOCK_KEY = "kinerja.scorecard.audit_lock"
#: A verification of an unchanged head is trusted this long (tampering with old rows leaves the head alone).
RECHECK_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of one verification of the whole chain."""

    verified: bool
    checked: int
    head_seq: int
    head_hash: str
    checked_at: datetime


async def _head(session: AsyncSession) -> tuple[int, str]:
    row = (
        await session.execute(select(col(AuditHead.seq), col(AuditHead.hash)).where(col(AuditHead.id) == 1))
    ).one_or_none()
    return (int(row[0]), str(row[1])) if row is not None else (-1, "")


async def chain_check(runtime: Runtime, session: AsyncSession, *, now: datetime | None = None) -> ChainCheck:
    """The cached verification if the head did not move and it is recent; otherwise verify now and keep it."""
    moment = now or utcnow()
    head = await _head(session)
    cached = _cached(runtime)
    if cached is not None and _fresh(cached, head, moment):
        return cached
    lock: asyncio.Lock = runtime.state.setdefault(LOCK_KEY, asyncio.Lock())
    async with lock:
        cached = _cached(runtime)
        if cached is not None and _fresh(cached, head, moment):
            return cached
        result = await verify(session)
        check = ChainCheck(result.ok, result.checked, head[0], head[1], moment)
        runtime.state[STATE_KEY] = check
        return check


def _cached(runtime: Runtime) -> ChainCheck | None:
    found = runtime.state.get(STATE_KEY)
    return found if isinstance(found, ChainCheck) else None


def _fresh(cached: ChainCheck, head: tuple[int, str], moment: datetime) -> bool:
    return (cached.head_seq, cached.head_hash) == head and moment - cached.checked_at < RECHECK_AFTER
