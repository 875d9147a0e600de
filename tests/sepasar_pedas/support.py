"""Helpers of the SEPASAR PEDAS tests: staff of the trade office, demo data, moving classes in time."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count as counter
from typing import Any

from sqlalchemy import select, update
from sqlmodel import col

from core.auth import Role
from core.db import utcnow
from core.events.models import OutboxEvent
from core.identity.demo import DEMO_PASSWORD
from core.identity.models import Account, Citizen, Officer
from core.identity.secrets import hash_password
from core.identity.validators import parse_nik
from core.regions.models import Agency
from core.runtime import Runtime
from core.testkit import GraphQLClient
from plugins.sepasar_pedas.models import SchoolClass

SCHOOL = "disdag-3573"
_SEQUENCE = counter(101)


async def agency_id(runtime: Runtime, code: str = SCHOOL) -> int:
    async with runtime.database.session() as session:
        found = (await session.execute(select(col(Agency.id)).where(col(Agency.code) == code))).scalar_one()
        assert found is not None
        return int(found)


async def staff(gql: GraphQLClient, runtime: Runtime, username: str, role: Role, agency: str = SCHOOL) -> GraphQLClient:
    """A new officer or agency admin of ``agency``, signed in with a real token."""
    async with runtime.database.session() as session:
        found = await agency_id(runtime, agency)
        account = Account(
            username=username, role=role, name=f"Staf {username}", password_hash=hash_password(DEMO_PASSWORD)
        )
        session.add(account)
        await session.flush()
        assert account.id is not None
        session.add(
            Officer(
                account_id=account.id,
                nip=f"199203032016021{next(_SEQUENCE):03d}",
                agency_id=found,
                position="Pengelola Pasar",
                grade="III/b",
            )
        )
    return await gql.login(username)


async def citizen(gql: GraphQLClient, runtime: Runtime, username: str, name: str, nik: str) -> GraphQLClient:
    """A new citizen account holding ``nik``, signed in."""
    info = parse_nik(nik)
    async with runtime.database.session() as session:
        account = Account(username=username, role=Role.CITIZEN, name=name, password_hash=hash_password(DEMO_PASSWORD))
        session.add(account)
        await session.flush()
        assert account.id is not None
        session.add(
            Citizen(
                account_id=account.id,
                nik=info.nik,
                nik_regency_code=info.regency_code,
                in_province=info.in_province,
                birth_date=info.birth_date,
                sex=info.sex,
            )
        )
    return await gql.login(username)


async def seed_demo(runtime: Runtime) -> None:
    async with runtime.database.session() as session:
        await runtime.plugins.acall("cettar_seed", session=session, demo=True, runtime=runtime)


async def move_class(runtime: Runtime, class_id: int, starts_at: datetime, hours: int = 3) -> None:
    """Time passes: the class now starts at ``starts_at`` (as if scheduled long ago)."""
    async with runtime.database.session() as session:
        await session.execute(
            update(SchoolClass)
            .where(col(SchoolClass.id) == class_id)
            .values(starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours))
        )


def ago(hours: float) -> datetime:
    return utcnow() - timedelta(hours=hours)


def later(hours: float) -> datetime:
    return utcnow() + timedelta(hours=hours)


async def events_named(runtime: Runtime, name: str) -> list[dict[str, Any]]:
    async with runtime.database.session() as session:
        rows = await session.execute(
            select(OutboxEvent).where(col(OutboxEvent.name) == name).order_by(col(OutboxEvent.id))
        )
        return [row.payload for row in rows.scalars()]
