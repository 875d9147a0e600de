"""Demo data, written through the services so it obeys every rule the API enforces.

The registry's history uses fixed past dates; consultations and programmes are placed
relative to the moment of seeding (a session five days from now, one held ten days ago),
each step taken at a simulated time. Idempotent: whatever already exists (by username,
expert name, desa, ticket subject, programme title) is left alone. There is no
reference data: the plugin works on an empty registry.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Principal, Role
from core.calendar import WIB
from core.identity.demo import seed_demo_accounts
from core.identity.models import Account
from plugins.klinik_bumdes import demo
from plugins.klinik_bumdes.models import Enterprise, Expert, Program, SessionMode, Ticket
from plugins.klinik_bumdes.service import coaching, common, consultations, experts, registry
from plugins.klinik_bumdes.service.access import Access, clinic_agency_id

OFFICER = "petugas.dpmd"


def _at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


async def _accounts(session: AsyncSession) -> dict[str, Account]:
    """The demo accounts of this plugin (created if missing) and the core's demo citizens."""
    await seed_demo_accounts(session, demo.PEOPLE)
    wanted = [p.username for p in demo.PEOPLE] + ["warga.budi", "warga.siti"]
    return {
        a.username: a
        for a in (await session.execute(select(Account).where(col(Account.username).in_(wanted)))).scalars()
    }


class _Actors:
    """The :class:`Access` each demo person acts with."""

    def __init__(self, agency_id: int, accounts: dict[str, Account], expert_ids: dict[int, int]) -> None:
        self.agency_id = agency_id
        self.accounts = accounts
        self.expert_ids = expert_ids  # account id -> expert id

    def of(self, username: str) -> Access:
        account = self.accounts[username]
        principal = Principal(
            role=account.role,
            account_id=account.id,
            username=account.username,
            agency_id=self.agency_id if account.role is Role.OFFICER else None,
        )
        expert_id = self.expert_ids.get(account.id) if account.id is not None else None
        return Access(principal=principal, agency_id=self.agency_id, expert_id=expert_id)

    @property
    def officer(self) -> Access:
        return self.of(OFFICER)


async def _experts(session: AsyncSession, actors: _Actors) -> dict[str, Expert]:
    existing = {e.name: e for e in (await session.execute(select(Expert))).scalars()}
    for item in demo.EXPERTS:
        if item.name in existing:
            continue
        expert = await experts.add_expert(
            session,
            actors.officer,
            experts.ExpertData(
                name=item.name,
                university=item.university,
                faculty=item.faculty,
                topics=item.topics,
                email=item.email,
                phone=item.phone,
                account_username=item.username,
            ),
        )
        if not item.active:
            await experts.update_expert(session, actors.officer, expert.id, experts.ExpertChanges(active=False))  # type: ignore[arg-type]
        existing[item.name] = expert
    return existing


async def _registry(session: AsyncSession, actors: _Actors) -> dict[str, Enterprise]:
    existing = {e.desa_code: e for e in (await session.execute(select(Enterprise))).scalars()}
    officer = actors.officer
    for item in demo.BUM_DESAS:
        if item.desa_code in existing:
            continue
        (first_grade, since, first_reason), *changes = item.grades
        enterprise = await registry.register(
            session,
            officer,
            registry.BumDesaData(
                name=item.name,
                desa_code=item.desa_code,
                established_year=item.established_year,
                grade=first_grade,
                grade_reason=first_reason,
                director_name=item.director,
                contact_phone=item.phone,
                manager_username=item.manager,
            ),
            now=_at(since),
        )
        assert enterprise.id is not None
        for grade, day, why in changes:
            await registry.change_grade(session, officer, enterprise.id, grade, day, why, now=_at(day, 10))
        status, number, registered_on = item.legal
        if status is not enterprise.legal_status:
            day = registered_on or since + timedelta(days=30)
            await registry.update(
                session,
                officer,
                enterprise.id,
                registry.BumDesaChanges(legal_status=status, legal_number=number, legal_registered_on=registered_on),
                now=_at(day, 11),
            )
        for year, revenue, profit, pades in item.revenues:
            await registry.record_revenue(
                session,
                officer,
                enterprise.id,
                registry.RevenueData(year=year, revenue=revenue, net_profit=profit, pades_contribution=pades),
                now=_at(date(year + 1, 3, 31), 10),
            )
        for name, sector, started in item.units:
            await registry.add_unit(
                session, officer, enterprise.id, registry.UnitData(name=name, sector=sector, started_year=started)
            )
        existing[item.desa_code] = enterprise
    return existing


async def _tickets(
    session: AsyncSession,
    actors: _Actors,
    enterprises: dict[str, Enterprise],
    by_name: dict[str, Expert],
    now: datetime,
) -> None:
    subjects = {(t.enterprise_id, t.subject) for t in (await session.execute(select(Ticket))).scalars()}
    today = now.astimezone(WIB).date()
    for item in demo.TICKETS:
        enterprise = enterprises[item.desa_code]
        if (enterprise.id, item.subject) in subjects:
            continue
        manager = next((u for u, a in actors.accounts.items() if a.id == enterprise.manager_account_id), None)
        clock = _at(today - timedelta(days=item.opened_days_ago), 8, 30)
        ticket = await consultations.open_ticket(
            session,
            actors.of(manager) if manager else actors.officer,
            consultations.OpenData(
                enterprise_id=enterprise.id,  # type: ignore[arg-type]
                topic=item.topic,
                subject=item.subject,
                description=item.description,
            ),
            now=clock,
        )
        assert ticket.id is not None
        if item.expert is None:
            continue
        expert = by_name[item.expert]
        clock += timedelta(hours=1)
        await consultations.assign(session, actors.officer, ticket.id, expert.id, now=clock)  # type: ignore[arg-type]
        expert_username = next((u for u, a in actors.accounts.items() if a.id == expert.account_id), None)
        worker = actors.of(expert_username) if expert_username else actors.officer
        for planned in item.sessions:
            starts = _at(today + timedelta(days=planned.days), planned.hour)
            clock += timedelta(hours=1)
            _ticket, meeting = await consultations.schedule_session(
                session,
                worker,
                consultations.SessionData(
                    ticket_id=ticket.id,
                    mode=planned.mode,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=planned.hours),
                    meeting_url=planned.where if planned.mode is SessionMode.ONLINE else None,
                    place=planned.where if planned.mode is SessionMode.ON_SITE else None,
                ),
                now=clock,
            )
            assert meeting.id is not None
            if planned.notes:
                clock = meeting.ends_at
                await consultations.complete_session(session, worker, meeting.id, planned.notes, now=clock)
            elif planned.cancelled:
                clock = starts - timedelta(days=1)
                await consultations.cancel_session(session, actors.officer, meeting.id, planned.cancelled, now=clock)
        for username, text in item.notes:
            clock += timedelta(hours=2)
            await consultations.add_note(session, actors.of(username), ticket.id, text, now=clock)
        if item.outcome is not None:
            clock += timedelta(days=1)
            outcome, summary = item.outcome
            await consultations.resolve(session, worker, ticket.id, outcome, summary, now=clock)
        if item.closed_by is not None:
            clock += timedelta(days=2)
            await consultations.close(session, actors.of(item.closed_by), ticket.id, now=clock)


async def _programs(session: AsyncSession, actors: _Actors, enterprises: dict[str, Enterprise], now: datetime) -> None:
    titles = set((await session.execute(select(col(Program.title)))).scalars())
    today = now.astimezone(WIB).date()
    for item in demo.PROGRAMS:
        if item.title in titles:
            continue
        starts = today + timedelta(days=item.starts_in_days)
        closes = starts - timedelta(days=item.closes_before_start)
        created = min(_at(closes - timedelta(days=20)), now - timedelta(days=5))
        program = await coaching.create_program(
            session,
            actors.officer,
            coaching.ProgramData(
                title=item.title,
                description=item.description,
                organizer=item.organizer,
                mode=item.mode,
                starts_on=starts,
                ends_on=starts + timedelta(days=item.days - 1),
                enrollment_closes_on=closes,
                capacity=item.capacity,
                topic=item.topic,
                target_grade=item.target_grade,
                place=item.place,
            ),
            now=created,
        )
        assert program.id is not None
        for index, desa_code in enumerate(item.enrolled):
            enterprise = enterprises[desa_code]
            await coaching.enroll(
                session,
                actors.officer,
                program.id,
                enterprise.id,  # type: ignore[arg-type]
                now=created + timedelta(days=1, hours=index),
            )


async def seed_demo(session: AsyncSession) -> None:
    """Accounts, experts, the registry, consultations in every state and coaching programmes."""
    agency_id = await clinic_agency_id(session)
    if agency_id is None:  # the core seeds dpmd-jatim; without it there is no clinic to show
        return
    now = common.now()
    accounts = await _accounts(session)
    actors = _Actors(agency_id, accounts, {})
    by_name = await _experts(session, actors)
    actors.expert_ids = {e.account_id: e.id for e in by_name.values() if e.account_id is not None and e.id}
    enterprises = await _registry(session, actors)
    await _tickets(session, actors, enterprises, by_name, now)
    await _programs(session, actors, enterprises, now)
    await session.flush()
