"""Synthetic applications for ``cettar seed --synthetic N`` (benchmarks and load tests).

N applications submitted over the last twelve months, spread over the catalog's services
and the kabupaten/kota of the province (each to the agency its service names there), each
walked through the workflow as far as its age allows: verified, in process, ready, picked
up or delivered — most within their time limit, some late — or returned for revision,
rejected or cancelled. Each has its timeline (who did what, when), its due date, ``ready_at``
and ``closed_at``, and a home-delivery address when it is delivered home. The officer who
first acts on an application is assigned to it, as in the real workflow. Loaded with
``core.synthetic.bulk_insert`` in chunks.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from core import calendar
from core.regions.models import Agency, Region, RegionKind
from core.runtime import Runtime
from core.services import Applicant, Delivery, ServiceDefinition
from core.synthetic import CHUNK, SyntheticPeople, SyntheticProgress, bulk_insert, fix_sequences, next_id
from plugins.layanan import catalog
from plugins.layanan.models import Application, HomeDelivery, TimelineEntry
from plugins.layanan.tracking import ALPHABET, RANDOM_LENGTH, format_number
from plugins.layanan.workflow import ApplicationStatus, CourierStatus, TimelineKind

S = ApplicationStatus
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
YEAR_DAYS = 365

APPLICATION_COLUMNS = (
    "id", "tracking_number", "service_code", "agency_id", "applicant_id", "region_code", "status", "answers",
    "delivery_method", "time_limit_days", "fee_amount", "fee_legal_basis", "fee_description_id",
    "fee_description_en", "submitted_at", "clock_started_at", "due_date", "updated_at", "ready_at", "closed_at",
    "assigned_officer_id", "revision_count", "status_reason",
)  # fmt: skip
TIMELINE_COLUMNS = (
    "id", "application_id", "at", "kind", "from_status", "to_status", "courier_status", "actor_id", "actor_role",
    "text",
)  # fmt: skip
DELIVERY_COLUMNS = (
    "application_id", "recipient_name", "phone", "street", "region_code", "status", "courier", "updated_at",
    "delivered_at", "received_by",
)  # fmt: skip
REJECTION = "Persyaratan tidak lengkap: dokumen pendukung tidak sesuai."
REVISION = "Pindaian dokumen tidak terbaca. Mohon unggah ulang."


@dataclass(frozen=True)
class Offer:
    """One service as offered in one kabupaten/kota: its agency, answers and fee."""

    service: ServiceDefinition
    agency_id: int
    regency: str
    desas: tuple[str, ...]
    answers: Mapping[str, Any]
    fee: tuple[int, str, str, str]


@lru_cache(maxsize=4096)
def _due(day: date, limit: int) -> date:
    return calendar.add_working_days(day, limit)


def _local(moment: datetime) -> date:
    return moment.astimezone(calendar.WIB).date()


async def _offers(runtime: Runtime, today: date) -> list[Offer]:
    async with runtime.database.session() as session:
        agencies = {code: id_ for code, id_ in (await session.execute(select(col(Agency.code), col(Agency.id))))}
        desas: dict[str, list[str]] = {}
        rows = await session.execute(
            select(col(Region.code))
            .where(col(Region.kind).in_([RegionKind.DESA, RegionKind.KELURAHAN]))
            .order_by(col(Region.code))
        )
        for (code,) in rows:
            desas.setdefault(code[:5], []).append(code)
    offers: list[Offer] = []
    for service in runtime.services.all():
        for regency in sorted(desas):
            villages = tuple(desas[regency])
            applicant = Applicant("Warga Sintetis", f"{regency.replace('.', '')}011203850001", villages[0])
            answers = dict(service.sample_answers(today, applicant)) if service.sample_answers else {}
            if service.region_field:
                answers[service.region_field] = villages[0]
            try:
                code = catalog.agency_code_for(service, villages[0] if service.region_field else regency, answers)
            except (LookupError, TypeError, ValueError):
                code = catalog.default_agency_code(service, regency)
            agency_id = agencies.get(code or "")
            if agency_id is None:
                continue
            fee = service.fee_for(answers) if service.fee_for else service.fee
            offers.append(
                Offer(
                    service,
                    agency_id,
                    regency,
                    villages,
                    answers,
                    (fee.amount, fee.legal_basis, fee.description_id, fee.description_en),
                )
            )
    return offers


class Generator:
    """Draws applications one by one from ``rng``; rows go to the three lists until flushed."""

    def __init__(
        self,
        rng: random.Random,
        people: SyntheticPeople,
        offers: list[Offer],
        now: datetime,
        first_application: int,
        first_entry: int,
        taken: set[str],
    ) -> None:
        self.rng = rng
        self.people = people
        self.offers = [offer for offer in offers if people.officers.get(offer.agency_id)]
        self.now = now
        self.application_id = first_application
        self.entry_id = first_entry
        self.taken = taken
        self.applications: list[tuple[Any, ...]] = []
        self.entries: list[tuple[Any, ...]] = []
        self.deliveries: list[tuple[Any, ...]] = []

    def tracking_number(self) -> str:
        while True:
            number = format_number("".join(self.rng.choice(ALPHABET) for _ in range(RANDOM_LENGTH)))
            if number not in self.taken:
                self.taken.add(number)
                return number

    def entry(self, application_id: int, at: datetime, before: S | None, after: S, actor: int, role: str) -> None:
        kind = TimelineKind.STATUS_CHANGED.value
        text = REJECTION if after is S.REJECTED else REVISION if after is S.NEEDS_REVISION else None
        before_value = None if before is None else before.value
        self.entries.append(
            (self.entry_id, application_id, at, kind, before_value, after.value, None, actor, role, text)
        )
        self.entry_id += 1

    def one(self) -> None:
        rng = self.rng
        offer = rng.choice(self.offers)
        service = offer.service
        officers = self.people.officers[offer.agency_id]
        officer = rng.choice(officers)
        applicant = rng.choice(self.people.citizens)
        submitted = self.now - timedelta(days=rng.uniform(0, YEAR_DAYS), hours=rng.uniform(0, 8))
        submitted = submitted.replace(microsecond=0)
        limit = service.time_limit_days
        due = _due(_local(submitted), limit)
        home = Delivery.HOME_DELIVERY in service.delivery and rng.random() < 0.3
        desa = rng.choice(offer.desas)
        answers = dict(offer.answers)
        if service.region_field:
            answers[service.region_field] = desa
        application_id = self.application_id
        self.application_id += 1

        # the plan: each step after the one before, as far as "now" allows
        fate = rng.random()
        verified = submitted + timedelta(hours=rng.uniform(1, 30))
        in_process = verified + timedelta(hours=rng.uniform(1, 24))
        late = rng.random() < 0.15
        span = limit * 1.4 * (rng.uniform(1.2, 2.5) if late else rng.uniform(0.2, 0.75))
        ready = max(in_process + HOUR, submitted + timedelta(days=span))
        handed = ready + timedelta(hours=rng.uniform(2, 24 * (6 if late else 1.5)))
        steps: list[tuple[datetime, S, int, str]] = []
        if fate < 0.03:
            steps.append((submitted + timedelta(hours=rng.uniform(1, 20)), S.CANCELLED, applicant, "citizen"))
        elif fate < 0.07:
            steps.append((verified, S.VERIFIED, officer, "officer"))
            steps.append((in_process, S.REJECTED, officer, "officer"))
        elif fate < 0.09 and self.now - submitted < timedelta(days=30):
            steps.append((verified, S.NEEDS_REVISION, officer, "officer"))
        else:
            steps.append((verified, S.VERIFIED, officer, "officer"))
            steps.append((in_process, S.IN_PROCESS, officer, "officer"))
            steps.append((ready, S.READY, officer, "officer"))
            hander = officer if rng.random() < 0.8 else rng.choice(officers)
            steps.append((handed, S.DELIVERED if home else S.PICKED_UP, hander, "officer"))
        status = S.SUBMITTED
        self.entry(application_id, submitted, None, S.SUBMITTED, applicant, "citizen")
        updated = submitted
        ready_at = closed_at = None
        assigned = None
        reason = None
        for at, target, actor, role in steps:
            if at > self.now:
                break
            self.entry(application_id, at, status, target, actor, role)
            status, updated = target, at
            if role == "officer" and assigned is None and target not in (S.PICKED_UP, S.DELIVERED, S.REJECTED):
                assigned = actor
            if target is S.READY:
                ready_at = at
            if target in (S.PICKED_UP, S.DELIVERED, S.REJECTED, S.CANCELLED):
                closed_at = at
            if target in (S.REJECTED, S.NEEDS_REVISION):
                reason = REJECTION if target is S.REJECTED else REVISION
        amount, basis, fee_id, fee_en = offer.fee
        self.applications.append(
            (
                application_id, self.tracking_number(), service.code, offer.agency_id, applicant,
                desa if service.region_field else offer.regency, status.value, answers,
                (Delivery.HOME_DELIVERY if home else Delivery.PICKUP).value, limit, amount, basis, fee_id, fee_en,
                submitted, submitted, due, updated, ready_at, closed_at, assigned,
                1 if status is S.NEEDS_REVISION else 0, reason,
            )
        )  # fmt: skip
        if home:
            delivered = status is S.DELIVERED
            courier = CourierStatus.DELIVERED if delivered else CourierStatus.PREPARING
            self.deliveries.append(
                (
                    application_id, "Warga Sintetis", f"+628123{rng.randrange(10**6):06d}",
                    f"Jl. Melati No. {rng.randint(1, 200)}", desa, courier.value,
                    "POS Indonesia" if delivered else None, updated, closed_at if delivered else None,
                    "Penerima" if delivered else None,
                )
            )  # fmt: skip


async def seed_synthetic(
    runtime: Runtime,
    count: int,
    rng: random.Random,
    progress: SyntheticProgress,
    people: SyntheticPeople,
    now: datetime,
) -> None:
    """Load ``count`` applications with their timelines and deliveries (see the module)."""
    offers = await _offers(runtime, now.astimezone(calendar.WIB).date())
    applications = Application.__table__  # type: ignore[attr-defined]
    timeline = TimelineEntry.__table__  # type: ignore[attr-defined]
    deliveries = HomeDelivery.__table__  # type: ignore[attr-defined]
    async with runtime.database.session() as session:
        taken = set((await session.execute(select(col(Application.tracking_number)))).scalars())
    generator = Generator(
        rng,
        people,
        offers,
        now.astimezone(UTC),
        await next_id(runtime, applications),
        await next_id(runtime, timeline),
        taken,
    )
    if not generator.offers or not people.citizens:
        return
    advance = progress("layanan: applications", count)
    done = 0
    while done < count:
        size = min(CHUNK, count - done)
        for _ in range(size):
            generator.one()
        await bulk_insert(runtime, applications, APPLICATION_COLUMNS, generator.applications)
        await bulk_insert(runtime, timeline, TIMELINE_COLUMNS, generator.entries)
        await bulk_insert(runtime, deliveries, DELIVERY_COLUMNS, generator.deliveries)
        generator.applications.clear()
        generator.entries.clear()
        generator.deliveries.clear()
        done += size
        advance(size)
    await fix_sequences(runtime, applications, timeline)
