"""Demo applications (``cettar seed --demo``): a realistic spread over every status, for whatever services exist.

The services come from other plugins, so the answers are made from each form's
definition (choices, datatypes, formats, a few patterns); a service whose form cannot be
answered that way, or that no demo agency processes, is skipped. Everything goes through
the same domain functions as the API, backdated with :func:`service.clock_at`: the
timeline, audit records, events and notifications are those the real flow writes.
Idempotent: demo applications have fixed tracking numbers, and one that exists is left alone.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.auth import Principal, Role
from core.calendar import WIB
from core.errors import CettarError
from core.identity.models import Account, Citizen, Officer
from core.runtime import Runtime
from core.services import Channel, Datatype, Delivery, FormField, ServiceDefinition
from plugins.layanan import forms
from plugins.layanan import service as domain
from plugins.layanan.access import PROCESS
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
    officer: str  # the demo officer of the citizen's dispendukcapil
    desa: str  # where they live
    plate: str


CITIZENS = (
    DemoCitizen("warga.budi", "petugas.surabaya", "35.78.01.1001", "L 1234 AB"),
    DemoCitizen("warga.siti", "petugas.sidoarjo", "35.15.01.2001", "W 4321 CD"),
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


def demo_tracking_number(username: str, index: int) -> str:
    digest = hashlib.sha256(f"layanan-demo:{username}:{index}".encode()).digest()
    body = "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:RANDOM_LENGTH])
    return format_number(body)


class _DemoFile:
    filename: str | None = "persyaratan.pdf"

    async def read(self, size: int = -1) -> bytes:
        return DEMO_PDF


#: Day offsets (from the submission) tried for a date answer: recent past first, then future, then years back.
DATE_OFFSETS = (-30, 7, 14, -7, -365, -1100, -3650, -7300, 30, 365, 1825)
#: Texts tried for a field with a pattern the demo knows nothing else about.
PATTERN_SAMPLES = ("1", "01", "001", "005", "12345", "60221", "A1234567", "X1234567", "1234567890", "MHKA1234567890123")
NUMBER_SAMPLES = (1, 2, 3, 4, 2020, 2018, 3000, 50, 10)
MAX_ATTEMPTS = 40


def _candidates(
    spec: FormField, citizen: Citizen, who: DemoCitizen, account: Account, day: datetime, niks: list[str]
) -> list[Any]:
    """The answers the demo tries for one field, best guess first."""
    if spec.choices:
        keys = [c.key for c in spec.choices]
        return keys if spec.datatype is not Datatype.MULTIVALUELIST else [[k] for k in keys]
    if spec.datatype is Datatype.NUMBER:
        return list(NUMBER_SAMPLES)
    dates = [(day + timedelta(days=offset)).date().isoformat() for offset in DATE_OFFSETS]
    if spec.datatype is Datatype.DATETIME:
        return dates
    fmt, code = (spec.format or "").lower(), spec.code.lower()
    by_format: dict[str, list[Any]] = {
        "nik": [citizen.nik, *[n for n in niks if n != citizen.nik]],
        "kk": [citizen.nik[:6] + "0101100007", citizen.nik[:6] + "1502200011"],
        "date": dates,
        "phone": [account.phone],
        "email": [account.email],
        "desa": [who.desa],
        "plate": [who.plate],
    }
    if fmt in by_format:
        found = by_format[fmt]
    elif "nama" in code or "name" in code:
        found = [account.name]
    elif "alamat" in code or "address" in code:
        found = ["Jl. Merdeka No. 17"]
    elif "polisi" in code or "plat" in code:
        found = [who.plate]
    else:
        found = ["Contoh isian data demo", *PATTERN_SAMPLES]
    if spec.pattern:
        found = [v for v in [*found, *PATTERN_SAMPLES] if v is not None and re.fullmatch(spec.pattern, str(v))]
    return [v for v in found if v is not None]


async def _answers(
    session: AsyncSession,
    service: ServiceDefinition,
    citizen: Citizen,
    who: DemoCitizen,
    account: Account,
    day: datetime,
    niks: list[str],
) -> dict[str, Any] | None:
    """Answers the service accepts, found by trying: each refusal naming an answer moves that answer to its
    next candidate (or adds an optional one the service turns out to want). None when that does not work."""
    options = {spec.code: _candidates(spec, citizen, who, account, day, niks) for spec in service.form}
    if service.region_field:
        options[service.region_field] = [who.desa]
    chosen: dict[str, int] = {
        spec.code: 0 for spec in service.form if spec.required or spec.code == service.region_field
    }
    for _ in range(MAX_ATTEMPTS):
        if any(not options[code] for code in chosen):
            return None
        answers = {code: options[code][index] for code, index in chosen.items()}
        try:
            await forms.check_answers(session, service, answers)
        except CettarError as exc:
            code = (exc.field or "").removeprefix("input.answers.")
            if code not in options or not exc.field or not exc.field.startswith("input.answers."):
                return None
            chosen[code] = chosen[code] + 1 if code in chosen else 0
            if chosen[code] >= len(options[code]):
                return None
            continue
        return answers
    return None


async def _staff(session: AsyncSession, username: str) -> Principal | None:
    found = (
        await session.execute(
            select(Account, Officer)
            .join(Officer, col(Officer.account_id) == col(Account.id))
            .where(col(Account.username) == username)
        )
    ).first()
    if found is None:
        return None
    account, officer = found
    return Principal(
        role=account.role,
        account_id=account.id,
        username=account.username,
        agency_id=officer.agency_id,
        permissions=frozenset({PROCESS}),
    )


def _moment(days_ago: int, step: int, start: datetime) -> datetime:
    """09:00 WIB ``days_ago`` days before ``start``, plus a working step of a few hours each."""
    day = (start - timedelta(days=days_ago)).astimezone(WIB).date()
    moment = datetime.combine(day, time(9, 0), tzinfo=WIB) + timedelta(hours=5 * step)
    return min(moment.astimezone(UTC), start - timedelta(minutes=10 * (10 - step)))


async def seed_demo(session: AsyncSession, runtime: Runtime) -> int:
    """Add the demo applications that are missing; returns how many were added."""
    offered = [s for s in runtime.services.all() if Channel.APP in s.channels or Channel.WEB in s.channels]
    if not offered:
        return 0
    start = domain.now()
    added = 0
    niks = list(
        (
            await session.execute(
                select(col(Citizen.nik))
                .join(Account, col(Account.id) == col(Citizen.account_id))
                .where(col(Account.username).in_([c.username for c in CITIZENS]))
            )
        ).scalars()
    )
    for who in CITIZENS:
        found = (
            await session.execute(
                select(Account, Citizen)
                .join(Citizen, col(Citizen.account_id) == col(Account.id))
                .where(col(Account.username) == who.username)
            )
        ).first()
        staff = await _staff(session, who.officer)
        if found is None or staff is None:
            continue
        account, citizen = found
        applicant = Principal(role=Role.CITIZEN, account_id=account.id, username=account.username)
        eligible: list[ServiceDefinition] = []
        for service in offered:  # the services the demo officer's agency processes for this citizen
            region = who.desa if service.region_field else citizen.nik_regency_code
            agency = await domain.resolve_agency(session, service, region)
            if agency is not None and agency.id == staff.agency_id:
                eligible.append(service)
        if not eligible:
            continue
        for index, scenario in enumerate(SCENARIOS):
            number = demo_tracking_number(who.username, index)
            if await domain.by_tracking_number(session, number) is not None:
                continue
            choices = [s for s in eligible if not scenario.home or Delivery.HOME_DELIVERY in s.delivery] or eligible
            service = choices[index % len(choices)]
            home = scenario.home and Delivery.HOME_DELIVERY in service.delivery
            path = scenario.path
            if S.DELIVERED in path and not home:
                path = tuple(S.PICKED_UP if s is S.DELIVERED else s for s in path)
            submitted_at = _moment(scenario.days_ago, 0, start)
            answers = await _answers(session, service, citizen, who, account, submitted_at, niks)
            if answers is None:
                log.info("demo data: no answers found for %s (%s)", service.code, who.username)
                continue
            try:
                with domain.clock_at(submitted_at):
                    application = await domain.submit(
                        session,
                        runtime,
                        applicant,
                        domain.Submission(
                            service_code=service.code,
                            answers=answers,
                            delivery_method=Delivery.HOME_DELIVERY if home else Delivery.PICKUP,
                            address=domain.Address(
                                account.name,
                                account.phone or "081234500000",
                                "Jl. Merdeka No. 17 RT 02 RW 05",
                                who.desa,
                            )
                            if home
                            else None,
                            uploads=[_DemoFile()],
                            tracking_number=number,
                        ),
                    )
            except CettarError as exc:  # the service's own checks want more than the demo knows
                log.info("demo data: skipped %s for %s (%s)", service.code, who.username, exc.code)
                continue
            assert application.id is not None
            for step, status in enumerate(path, start=1):
                actor = applicant if status is S.CANCELLED else staff
                with domain.clock_at(_moment(scenario.days_ago, step, start)):
                    if status is S.DELIVERED:
                        await domain.update_delivery(
                            session,
                            runtime,
                            staff,
                            domain.DeliveryUpdate(
                                application.id, CourierStatus.WITH_COURIER, "PT Pos Indonesia", f"P{number[-6:]}"
                            ),
                        )
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
                    await domain.update_delivery(
                        session,
                        runtime,
                        staff,
                        domain.DeliveryUpdate(
                            application.id, CourierStatus.WITH_COURIER, "PT Pos Indonesia", f"P{number[-6:]}"
                        ),
                    )
            added += 1
    await session.flush()
    return added
