"""Helpers of the registry's tests: a clean registry, seeding, staff accounts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlmodel import col

from core.auth import Role
from core.events.models import OutboxEvent
from core.identity.demo import DEMO_PASSWORD
from core.identity.models import Account, Officer
from core.identity.secrets import hash_password
from core.regions.models import Agency
from core.runtime import Runtime
from plugins.inovasi.models import Award, Innovation


async def seed(runtime: Runtime, *, demo: bool = False) -> None:
    """What ``cettar seed`` does for plugins: every enabled plugin's ``cettar_seed``, in one session."""
    async with runtime.database.session() as session:
        await runtime.plugins.acall("cettar_seed", session=session, demo=demo, runtime=runtime)


async def fresh_registry(runtime: Runtime, *, demo: bool = False) -> None:
    """Empty the registry, then seed it with the plugins of ``runtime`` only.

    The test template is seeded with every plugin of the repository enabled; starting
    from an empty registry makes a test independent of what the others register.
    """
    async with runtime.database.session() as session:
        await session.execute(delete(Award))
        await session.execute(delete(Innovation))
    await seed(runtime, demo=demo)


async def events_named(runtime: Runtime, name: str) -> list[dict[str, Any]]:
    async with runtime.database.session() as session:
        rows = await session.execute(
            select(OutboxEvent).where(col(OutboxEvent.name) == name).order_by(col(OutboxEvent.id))
        )
        return [row.payload for row in rows.scalars()]


async def count(runtime: Runtime, model: type[Any]) -> int:
    async with runtime.database.session() as session:
        return len((await session.execute(select(model))).scalars().all())


_NIP_SEQUENCE = iter(range(101, 999))


async def staff_account(runtime: Runtime, username: str, role: Role, agency_code: str) -> int:
    """An officer or agency admin of ``agency_code`` who signs in with the demo password."""
    async with runtime.database.session() as session:
        agency_id = (await session.execute(select(col(Agency.id)).where(col(Agency.code) == agency_code))).scalar_one()
        account = Account(
            username=username, role=role, name=f"Petugas {username}", password_hash=hash_password(DEMO_PASSWORD)
        )
        session.add(account)
        await session.flush()
        assert account.id is not None
        session.add(
            Officer(
                account_id=account.id,
                nip=f"199001012015011{next(_NIP_SEQUENCE):03d}",
                agency_id=int(agency_id or 0),
                position="Analis Inovasi",
                grade="III/a",
            )
        )
        return account.id
