"""Demo applications (``cettar seed --demo``): every status for every service family, at every demo agency.

Three demo citizens apply — ``warga.budi`` (Surabaya), ``warga.siti`` (Sidoarjo) and
``warga.rina`` (Kota Malang, added here) — for every service that an agency with a demo
officer processes for them: their Dispendukcapil, Samsat, the Satpas, the immigration
office of their region. For each such agency, twelve scenarios cover every status (two
overdue, three for home delivery), spread over the past four weeks and over the agency's
services. The answers are each service's own ``sample_answers`` (see
:mod:`plugins.layanan.demo_answers`; a service without them gets answers guessed from its
form, logged). Everything goes through the same domain functions as the API, backdated with
:func:`service.clock_at`, handled by the agency's demo officer: timeline, audit records,
events and notifications are those the real flow writes.

The service families add their agencies' demo officers in their own ``cettar_seed``; plugins
providing services seed before the others (``PluginManager.dependency_order``), so before ``layanan``.
Idempotent: demo applications have fixed tracking numbers, and one that exists is left alone.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core import calendar
from core.auth import Principal, Role
from core.calendar import WIB
from core.errors import CettarError
from core.identity.demo import DemoAccount, seed_demo_accounts
from core.identity.models import Account, Citizen, Officer
from core.regions.models import Agency
from core.runtime import Runtime
from core.services import Applicant, Channel, Delivery, ServiceDefinition
from plugins.layanan import service as domain
from plugins.layanan.access import PROCESS
from plugins.layanan.demo_answers import DemoAnswers, DemoPerson, demo_answers
from plugins.layanan.tracking import ALPHABET, RANDOM_LENGTH, format_number
from plugins.layanan.workflow import ApplicationStatus, CourierStatus

log = logging.getLogger("cettar.layanan")

#: A one-page PDF standing in for a scanned requirement.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class DemoCitizen:
    username: str
    desa: str  # where they live
    plate: str  # a plate of their region, for a guessed answer


CITIZENS = (
    DemoCitizen("warga.budi", "35.78.01.1001", "L 1234 AB"),
    DemoCitizen("warga.siti", "35.15.01.2001", "W 4321 CD"),
    DemoCitizen("warga.rina", "35.73.05.1002", "N 2468 EF"),
)

#: The demo citizen of Malang Raya (Kota Malang, Lowokwaru), whose passport goes to Kanim Malang.
APPLICANTS = (
    DemoAccount(
        "warga.rina", Role.CITIZEN, "Rina Wulandari", "+6281234500003", "rina@warga.example", nik="3573056106880004"
    ),
)

S = ApplicationStatus


@dataclass(frozen=True)
class Scenario:
    """How far one demo application got, and when it was submitted."""

    path: tuple[ApplicationStatus, ...]  # the statuses after SUBMITTED, in order
    days_ago: int
    home: bool = False
    reason: str | None = None


SCENARIOS = (
    Scenario((), 1),
    Scenario((), 14),  # waiting too long: overdue
    Scenario((S.VERIFIED,), 2),
    Scenario((S.VERIFIED, S.IN_PROCESS), 4, home=True),
    Scenario((S.VERIFIED, S.IN_PROCESS), 21),  # overdue while in process
    Scenario((S.VERIFIED, S.IN_PROCESS, S.READY), 6),
    Scenario((S.VERIFIED, S.IN_PROCESS, S.READY), 7, home=True),  # with the courier
    Scenario((S.VERIFIED, S.IN_PROCESS, S.READY, S.PICKED_UP), 20),
    Scenario((S.VERIFIED, S.IN_PROCESS, S.READY, S.DELIVERED), 25, home=True),
    Scenario(
        (S.VERIFIED, S.NEEDS_REVISION),
        5,
        reason="Pindaian dokumen tidak terbaca. Mohon unggah ulang dengan resolusi lebih tinggi.",
    ),
    Scenario((S.REJECTED,), 9, reason="Dokumen persyaratan tidak sesuai dengan layanan yang diajukan."),
    Scenario((S.CANCELLED,), 3, reason="Salah memilih jenis layanan."),
)


def demo_tracking_number(username: str, agency_code: str, index: int) -> str:
    """The fixed tracking number of a citizen's ``index``-th demo application at an agency."""
    digest = hashlib.sha256(f"layanan-demo:{username}:{agency_code}:{index}".encode()).digest()
    body = "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:RANDOM_LENGTH])
    return format_number(body)


class _DemoFile:
    filename: str | None = "persyaratan.pdf"

    async def read(self, size: int = -1) -> bytes:
        return DEMO_PDF


def _moment(days_ago: int, step: int, start: datetime) -> datetime:
    """09:00 WIB ``days_ago`` days before ``start``, plus a working step of a few hours each."""
    day = (start - timedelta(days=days_ago)).astimezone(WIB).date()
    moment = datetime.combine(day, time(9, 0), tzinfo=WIB) + timedelta(hours=5 * step)
    return min(moment.astimezone(UTC), start - timedelta(minutes=10 * (10 - step)))


async def demo_officers(session: AsyncSession) -> dict[int, Principal]:
    """Each agency's first active demo officer (by account id), as the principal that processes its applications."""
    rows = await session.execute(
        select(Account, Officer)
        .join(Officer, col(Officer.account_id) == col(Account.id))
        .where(col(Account.demo).is_(True), col(Account.active).is_(True), col(Account.role) == Role.OFFICER)
        .order_by(col(Account.id))
    )
    officers: dict[int, Principal] = {}
    for account, officer in rows:
        officers.setdefault(
            officer.agency_id,
            Principal(
                role=account.role,
                account_id=account.id,
                username=account.username,
                agency_id=officer.agency_id,
                permissions=frozenset({PROCESS}),
            ),
        )
    return officers


@dataclass(frozen=True)
class Applying:
    """One demo citizen, signed in."""

    who: DemoCitizen
    account: Account
    citizen: Citizen
    principal: Principal
    person: DemoPerson


@dataclass(frozen=True)
class Route:
    """Where a service's application from one citizen goes, and who handles it there."""

    agency: Agency
    staff: Principal


async def _route(
    session: AsyncSession,
    service: ServiceDefinition,
    answers: DemoAnswers,
    citizen: Citizen,
    officers: dict[int, Principal],
) -> Route | None:
    """The agency ``submit`` will pick for these answers, if a demo officer works there."""
    region, _ = await domain.application_region(session, service, answers.checked, citizen)
    agency = await domain.resolve_agency(session, service, region, answers.checked)
    if agency is None or agency.id is None or agency.id not in officers:
        return None
    return Route(agency, officers[agency.id])


async def _plan(
    session: AsyncSession,
    applying: Applying,
    offered: list[ServiceDefinition],
    officers: dict[int, Principal],
    today: date,
    guessed: set[str],
) -> dict[str, list[ServiceDefinition]]:
    """The citizen's services grouped by the agency (code) with a demo officer that processes them."""
    groups: dict[str, list[ServiceDefinition]] = {}
    for service in offered:
        answers = await demo_answers(session, service, applying.person, today, today)
        if answers is None:
            log.info("demo data: no answers accepted by %s (%s): skipped", service.code, applying.who.username)
            continue
        if answers.guessed and service.code not in guessed:
            guessed.add(service.code)
            log.info("demo data: %s has no sample_answers; answers guessed from its form", service.code)
        route = await _route(session, service, answers, applying.citizen, officers)
        if route is None:
            log.info("demo data: no demo officer processes %s for %s: skipped", service.code, applying.who.username)
            continue
        groups.setdefault(route.agency.code, []).append(service)
    return groups


async def _applying(session: AsyncSession, who: DemoCitizen, niks: tuple[str, ...]) -> Applying | None:
    found = (
        await session.execute(
            select(Account, Citizen)
            .join(Citizen, col(Citizen.account_id) == col(Account.id))
            .where(col(Account.username) == who.username)
        )
    ).first()
    if found is None:
        return None
    account, citizen = found
    return Applying(
        who=who,
        account=account,
        citizen=citizen,
        principal=Principal(role=Role.CITIZEN, account_id=account.id, username=account.username),
        person=DemoPerson(
            applicant=Applicant(account.name, citizen.nik, who.desa),
            phone=account.phone,
            email=account.email,
            plate=who.plate,
            other_niks=niks,
        ),
    )


async def _play(
    session: AsyncSession,
    runtime: Runtime,
    applying: Applying,
    service: ServiceDefinition,
    agency_code: str,
    officers: dict[int, Principal],
    number: str,
    scenario: Scenario,
    start: datetime,
) -> bool:
    """Submit one demo application and take it through its scenario; False when it cannot be made."""
    home = scenario.home and Delivery.HOME_DELIVERY in service.delivery
    path = scenario.path
    if S.DELIVERED in path and not home:
        path = tuple(S.PICKED_UP if s is S.DELIVERED else s for s in path)
    submitted_at = _moment(scenario.days_ago, 0, start)
    answers = await demo_answers(session, service, applying.person, calendar.local_date(submitted_at), calendar.today())
    route = None if answers is None else await _route(session, service, answers, applying.citizen, officers)
    if answers is None or route is None or route.agency.code != agency_code:
        log.info("demo data: skipped %s for %s (no answers for its day)", service.code, applying.who.username)
        return False
    account, staff = applying.account, route.staff
    try:
        with domain.clock_at(submitted_at):
            application = await domain.submit(
                session,
                runtime,
                applying.principal,
                domain.Submission(
                    service_code=service.code,
                    answers=answers.raw,
                    delivery_method=Delivery.HOME_DELIVERY if home else Delivery.PICKUP,
                    address=domain.Address(
                        account.name,
                        account.phone or "081234500000",
                        "Jl. Merdeka No. 17 RT 02 RW 05",
                        applying.who.desa,
                    )
                    if home
                    else None,
                    uploads=[_DemoFile()],
                    tracking_number=number,
                ),
            )
    except CettarError as exc:  # the service's own checks want more than the demo knows
        log.info("demo data: skipped %s for %s (%s)", service.code, applying.who.username, exc.code)
        return False
    assert application.id is not None
    courier = domain.DeliveryUpdate(application.id, CourierStatus.WITH_COURIER, "PT Pos Indonesia", f"P{number[-6:]}")
    for step, status in enumerate(path, start=1):
        actor = applying.principal if status is S.CANCELLED else staff
        with domain.clock_at(_moment(scenario.days_ago, step, start)):
            if status is S.DELIVERED:
                await domain.update_delivery(session, runtime, staff, courier)
                await domain.update_delivery(
                    session,
                    runtime,
                    staff,
                    domain.DeliveryUpdate(application.id, CourierStatus.DELIVERED, received_by=account.name),
                )
                continue
            await domain.transition(session, runtime, actor, application.id, status, scenario.reason)
    if home and path and path[-1] is S.READY:
        with domain.clock_at(_moment(scenario.days_ago, len(path) + 1, start)):
            await domain.update_delivery(session, runtime, staff, courier)
    return True


async def seed_demo(session: AsyncSession, runtime: Runtime) -> int:
    """Add the demo applications that are missing; returns how many were added."""
    offered = [s for s in runtime.services.all() if Channel.APP in s.channels or Channel.WEB in s.channels]
    if not offered:
        return 0
    await seed_demo_accounts(session, APPLICANTS)
    officers = await demo_officers(session)
    start, today = domain.now(), calendar.today()
    niks = tuple(
        (
            await session.execute(
                select(col(Citizen.nik))
                .join(Account, col(Account.id) == col(Citizen.account_id))
                .where(col(Account.username).in_([c.username for c in CITIZENS]))
                .order_by(col(Account.id))
            )
        ).scalars()
    )
    added = 0
    guessed: set[str] = set()
    for turn, who in enumerate(CITIZENS):
        applying = await _applying(session, who, niks)
        if applying is None:
            continue
        groups = await _plan(session, applying, offered, officers, today, guessed)
        for agency_code, services in groups.items():
            for index, scenario in enumerate(SCENARIOS):
                number = demo_tracking_number(who.username, agency_code, index)
                if await domain.by_tracking_number(session, number) is not None:
                    continue
                choices = [s for s in services if not scenario.home or Delivery.HOME_DELIVERY in s.delivery]
                choices = choices or services
                # Each citizen starts the round at another service, so together they show each in more statuses.
                service = choices[(index + turn) % len(choices)]
                if await _play(session, runtime, applying, service, agency_code, officers, number, scenario, start):
                    added += 1
    await session.flush()
    return added
