"""Slowing down, then refusing, repeated attempts to guess a password or flood a person.

Every attempt is written down *before* its password is checked, in its own
committed transaction, and only then counted: of many attempts racing in
parallel, no more than the limit get through. A successful attempt takes its
rows back. Attempts are counted per name tried (normalised the way the
account is looked up: an e-mail address lower-cased, a phone number in E.164)
and per client address, over a sliding window:

- from ``login_slowdown_after`` earlier attempts on a name, each new one waits
  longer (doubling from ``login_delay_seconds``, at most 8 s);
- beyond ``login_lockout_after`` (``login_address_lockout_after`` for an
  address) attempts are refused with ``TOO_MANY_ATTEMPTS`` until the window
  has moved on — even with the right password.

The key is the name as typed, normalised, so the answer, the delay and the
refusal are the same whether or not an account has that name.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.config import Settings
from core.db import Database, utcnow
from core.errors import CettarError
from core.identity.models import LoginFailure
from core.identity.validators import normalise_email, normalise_phone

MAX_LOGIN_LENGTH = 254
MAX_DELAY_SECONDS = 8.0


def name_key(login: str, kind: str = "user") -> str:
    """The key of a name tried: the same for every way of writing one e-mail address or phone number."""
    text = login.strip()[:MAX_LOGIN_LENGTH]
    if "@" in text:
        with contextlib.suppress(CettarError):
            return f"{kind}:{normalise_email(text)}"
    elif any(ch.isdigit() for ch in text):
        with contextlib.suppress(CettarError):
            return f"{kind}:{normalise_phone(text)}"
    return f"{kind}:{text.lower()}"


def address_key(address: str | None) -> str | None:
    return f"addr:{address}" if address else None


@dataclass
class Attempt:
    """An attempt written down; :meth:`Throttle.succeeded` takes it back."""

    keys: list[str]
    ids: list[int] = field(default_factory=list)


class Throttle:
    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings

    @property
    def window(self) -> timedelta:
        return timedelta(seconds=self.settings.login_window_seconds)

    async def attempt(self, name: str, address: str | None, *, now: datetime | None = None) -> Attempt:
        """Write the attempt down, then refuse it (``TOO_MANY_ATTEMPTS``) or delay it as the counts say."""
        now = now or utcnow()
        limits = {name: self.settings.login_lockout_after}
        if address:
            limits[address] = self.settings.login_address_lockout_after
        attempt = Attempt(keys=list(limits))
        async with self.database.session() as session:
            await session.execute(delete(LoginFailure).where(col(LoginFailure.at) < now - self.window))
            rows = [LoginFailure(key=key, at=now) for key in attempt.keys]
            session.add_all(rows)
            await session.flush()
            attempt.ids = [row.id for row in rows if row.id is not None]
        # Counted after the write has committed, so every racing attempt sees the others.
        async with self.database.session() as session:
            counts = {
                str(key): (int(count), _aware(oldest))
                for key, count, oldest in await session.execute(
                    select(col(LoginFailure.key), func.count(), func.min(col(LoginFailure.at)))
                    .where(col(LoginFailure.key).in_(attempt.keys), col(LoginFailure.at) > now - self.window)
                    .group_by(col(LoginFailure.key))
                )
            }
        for key, limit in limits.items():
            count, oldest = counts.get(key, (1, now))
            if count > limit:
                retry_after = max(1, math.ceil((oldest + self.window - now).total_seconds()))
                raise CettarError("TOO_MANY_ATTEMPTS", retry_after=retry_after)
        earlier = counts.get(name, (1, now))[0] - 1
        if earlier >= self.settings.login_slowdown_after and self.settings.login_delay_seconds > 0:
            excess = earlier - self.settings.login_slowdown_after
            await asyncio.sleep(min(MAX_DELAY_SECONDS, self.settings.login_delay_seconds * 2**excess))
        return attempt

    @staticmethod
    async def succeeded(session: AsyncSession, attempt: Attempt) -> None:
        """Take back this attempt and every earlier failure on its name (in the caller's transaction)."""
        await session.execute(
            delete(LoginFailure).where(
                (col(LoginFailure.key) == attempt.keys[0]) | col(LoginFailure.id).in_(attempt.ids)
            )
        )


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
