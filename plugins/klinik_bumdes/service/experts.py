"""Experts (tenaga ahli) from partner universities and the topics they take consultations on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.audit.chain import record
from core.errors import CettarError
from plugins.klinik_bumdes.models import Expert, ExpertTopic, Topic
from plugins.klinik_bumdes.service import common
from plugins.klinik_bumdes.service.access import Access
from plugins.klinik_bumdes.service.registry import citizen_account


@dataclass(frozen=True)
class ExpertFilter:
    topic: Topic | None = None
    university: str | None = None
    active: bool | None = None
    search: str | None = None


def experts_query(f: ExpertFilter | None = None) -> Select[Any]:
    stmt = select(Expert)
    if f is None:
        return stmt
    if f.topic is not None:
        stmt = stmt.where(
            exists().where(col(ExpertTopic.expert_id) == col(Expert.id), col(ExpertTopic.topic) == f.topic)
        )
    if f.university and f.university.strip():
        stmt = stmt.where(col(Expert.university).ilike(" ".join(f.university.split())))
    if f.active is not None:
        stmt = stmt.where(col(Expert.active).is_(f.active))
    if f.search and f.search.strip():
        escaped = " ".join(f.search.split()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(col(Expert.name).ilike(f"%{escaped}%", escape="\\"))
    return stmt


async def topics_of(session: AsyncSession, expert_id: int) -> set[Topic]:
    rows = await session.execute(select(col(ExpertTopic.topic)).where(col(ExpertTopic.expert_id) == expert_id))
    return set(rows.scalars())


def _topics(values: Sequence[Topic]) -> list[Topic]:
    chosen = sorted(set(values), key=list(Topic).index)
    if not chosen:
        raise common.invalid(
            "input.topics", "Pilih minimal satu topik keahlian.", "Choose at least one topic of expertise."
        )
    return chosen


async def _linkable_account(session: AsyncSession, username: str, except_id: int | None = None) -> int:
    account = await citizen_account(session, username, "input.accountUsername")
    stmt = select(col(Expert.id)).where(col(Expert.account_id) == account.id)
    if except_id is not None:
        stmt = stmt.where(col(Expert.id) != except_id)
    if (await session.execute(stmt)).first():
        raise CettarError("BUMDES_EXPERT_ACCOUNT_TAKEN", field="input.accountUsername")
    assert account.id is not None
    return account.id


@dataclass(frozen=True)
class ExpertData:
    name: str
    university: str
    topics: Sequence[Topic]
    faculty: str | None = None
    email: str | None = None
    phone: str | None = None
    account_username: str | None = None
    idempotency_key: str | None = None


async def add_expert(session: AsyncSession, access: Access, data: ExpertData) -> Expert:
    access.require_manage()
    name = common.text(data.name, "input.name", min_length=3, max_length=120)
    university = common.text(data.university, "input.university", min_length=3, max_length=120)
    faculty = common.optional_text(data.faculty, "input.faculty", max_length=120)
    topics = _topics(data.topics)
    email = common.email(data.email, "input.email")
    phone = common.phone(data.phone, "input.phone")

    async def create() -> tuple[Expert, int]:
        account_id = await _linkable_account(session, data.account_username) if data.account_username else None
        expert = Expert(
            name=name,
            university=university,
            faculty=faculty,
            email=email,
            phone=phone,
            account_id=account_id,
            created_at=common.now(),
        )
        session.add(expert)
        await session.flush()
        assert expert.id is not None
        session.add_all([ExpertTopic(expert_id=expert.id, topic=t) for t in topics])
        await session.flush()
        record(
            session,
            "klinik_bumdes.expert_added",
            target_type="BumDesaExpert",
            target_id=expert.id,
            target_agency_id=access.agency_id,
            detail={"topics": [t.value for t in topics], "linked": account_id is not None},
        )
        common.event(session, "expert_added", expert_id=expert.id)
        return expert, expert.id

    async def load(expert_id: int) -> Expert | None:
        return await session.get(Expert, expert_id)

    return await common.create_once(
        session,
        account_id=access.account_id,
        key=data.idempotency_key,
        operation="addBumDesaExpert",
        payload={
            "name": name,
            "university": university,
            "faculty": faculty,
            "topics": [t.value for t in topics],
            "email": email,
            "phone": phone,
            "account": data.account_username,
        },
        load=load,
        create=create,
    )


@dataclass(frozen=True)
class ExpertChanges:
    name: str | None = None
    university: str | None = None
    faculty: str | None = None
    topics: Sequence[Topic] | None = None
    email: str | None = None
    phone: str | None = None
    account_username: str | None = None
    unlink_account: bool = False
    active: bool | None = None


async def update_expert(session: AsyncSession, access: Access, expert_id: int, changes: ExpertChanges) -> Expert:
    access.require_manage()
    expert = await session.get(Expert, expert_id)
    if expert is None:
        raise CettarError("NOT_FOUND", field="input.expertId")
    if changes.account_username and changes.unlink_account:
        raise common.invalid(
            "input.unlinkAccount",
            "Isi accountUsername atau unlinkAccount, bukan keduanya.",
            "Give accountUsername or unlinkAccount, not both.",
        )
    name = common.text(changes.name, "input.name", min_length=3, max_length=120) if changes.name is not None else None
    university = (
        common.text(changes.university, "input.university", min_length=3, max_length=120)
        if changes.university is not None
        else None
    )
    topics = _topics(changes.topics) if changes.topics is not None else None
    faculty = (
        common.optional_text(changes.faculty, "input.faculty", max_length=120)
        if changes.faculty is not None
        else expert.faculty
    )
    email = common.email(changes.email, "input.email") if changes.email is not None else expert.email
    phone = common.phone(changes.phone, "input.phone") if changes.phone is not None else expert.phone
    account_id = expert.account_id
    if changes.account_username:
        account_id = await _linkable_account(session, changes.account_username, except_id=expert.id)
    elif changes.unlink_account:
        account_id = None
    if name is not None:
        expert.name = name
    if university is not None:
        expert.university = university
    expert.faculty, expert.email, expert.phone, expert.account_id = faculty, email, phone, account_id
    if changes.active is not None:
        expert.active = changes.active
    if topics is not None:
        current = await topics_of(session, expert_id)
        gone = current - set(topics)
        if gone:
            await session.execute(
                delete(ExpertTopic).where(col(ExpertTopic.expert_id) == expert_id, col(ExpertTopic.topic).in_(gone))
            )
        session.add_all([ExpertTopic(expert_id=expert_id, topic=t) for t in topics if t not in current])
    await session.flush()
    record(
        session,
        "klinik_bumdes.expert_updated",
        target_type="BumDesaExpert",
        target_id=expert.id,
        target_agency_id=access.agency_id,
        detail={"active": expert.active, "linked": expert.account_id is not None},
    )
    return expert
