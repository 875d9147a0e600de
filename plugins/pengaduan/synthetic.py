"""Synthetic complaints for ``cettar seed --synthetic N``: one complaint for every ten applications.

Filed over the last twelve months in every kabupaten/kota and category, each verified by an
officer of its complaint unit and disposed to the agency of its category (or archived, or
found outside the government's authority), then followed up, resolved and closed by the
reporter or after the reopen period — as far as its age allows, most within the SP4N-LAPOR!
deadlines and some late. Every step is a ``pengaduan_step`` row; a reporter's step never
names an account, as in the real workflow. Loaded with ``core.synthetic.bulk_insert``.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from core import calendar
from core.regions.models import Agency, Region, RegionKind
from core.runtime import Runtime
from core.synthetic import CHUNK, SyntheticPeople, SyntheticProgress, bulk_insert, fix_sequences, next_id
from plugins.pengaduan.categories import CATEGORIES
from plugins.pengaduan.models import (
    ActorKind,
    Channel,
    Complaint,
    ComplaintDisposition,
    ComplaintKind,
    ComplaintStatus,
    ComplaintStep,
    StepAction,
)
from plugins.pengaduan.service import agency_code_for, regency_of
from plugins.pengaduan.settings import PengaduanSettings, settings_of

C = ComplaintStatus
A = StepAction
#: One complaint for this many applications.
RATIO = 10
COMPLAINT_COLUMNS = (
    "id", "tracking_number", "kind", "title", "text", "category", "status", "channel", "source", "anonymous",
    "confidential", "moderation", "flag_count", "support_count", "region_code", "regency_code", "unit_agency_id",
    "agency_id", "reporter_account_id", "created_at", "updated_at", "status_changed_at", "verified_at",
    "disposed_at", "followed_up_at", "first_answered_at", "resolved_at", "closed_at", "due_on", "escalation_level",
    "reopen_count", "rating", "demo",
)  # fmt: skip
STEP_COLUMNS = (
    "id", "complaint_id", "action", "from_status", "to_status", "actor_kind", "actor_account_id", "actor_agency_id",
    "agency_id", "reason", "at",
)  # fmt: skip
DISPOSITION_COLUMNS = ("id", "complaint_id", "seq", "agency_id", "from_agency_id", "by_account_id", "at")
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
KINDS = (ComplaintKind.COMPLAINT,) * 17 + (ComplaintKind.ASPIRATION,) * 2 + (ComplaintKind.INFORMATION_REQUEST,)
CHANNELS = (Channel.APP,) * 4 + (Channel.WEB,) * 3 + (Channel.WHATSAPP, Channel.SMS, Channel.COUNTER)
ANSWER = "Sudah ditindaklanjuti oleh petugas; mohon konfirmasi bila masalah masih terjadi."


@lru_cache(maxsize=4096)
def _due(day: date, days: int) -> date:
    return calendar.add_working_days(day, days)


def _due_after(moment: datetime, days: int) -> date:
    return _due(moment.astimezone(calendar.WIB).date(), days)


class Generator:
    def __init__(
        self,
        rng: random.Random,
        people: SyntheticPeople,
        now: datetime,
        settings: PengaduanSettings,
        agencies: dict[str, int],
        desas: list[str],
        ids: tuple[int, int, int],
        taken: set[str],
    ) -> None:
        self.rng, self.people, self.now, self.settings = rng, people, now, settings
        self.agencies, self.desas, self.taken = agencies, desas, taken
        self.complaint_id, self.step_id, self.disposition_id = ids
        self.complaints: list[tuple[Any, ...]] = []
        self.steps: list[tuple[Any, ...]] = []
        self.dispositions: list[tuple[Any, ...]] = []

    def tracking_number(self) -> str:
        while True:
            chars = "".join(self.rng.choice(TRACKING_ALPHABET) for _ in range(8))
            number = f"ADU-{chars[:4]}-{chars[4:]}"
            if number not in self.taken:
                self.taken.add(number)
                return number

    def officer(self, agency_id: int) -> int | None:
        officers = self.people.officers.get(agency_id)
        return self.rng.choice(officers) if officers else None

    def step(self, complaint_id: int, at: datetime, action: StepAction, before: C | None, after: C, **who: Any) -> None:
        self.steps.append(
            (
                self.step_id, complaint_id, action.value, None if before is None else before.value, after.value,
                who.get("kind", ActorKind.STAFF).value, who.get("account"), who.get("agency"),
                who.get("to_agency"), who.get("reason"), at,
            )
        )  # fmt: skip
        self.step_id += 1

    def one(self) -> None:
        rng, settings = self.rng, self.settings
        category = rng.choice(CATEGORIES)
        desa = rng.choice(self.desas)
        unit = self.agencies.get(agency_code_for(settings.unit_agency_pattern, desa)) or self.agencies.get(
            settings.province_unit
        )
        assert unit is not None
        target = self.agencies.get(agency_code_for(category.agency_pattern, desa)) if category.agency_pattern else None
        target = target if target is not None and self.people.officers.get(target) else unit
        verifier, handler = self.officer(unit), self.officer(target)
        complaint_id = self.complaint_id
        self.complaint_id += 1
        created = (self.now - timedelta(days=rng.uniform(0, 365), hours=rng.uniform(0, 10))).replace(microsecond=0)
        anonymous = rng.random() < 0.15
        reporter = rng.choice(self.people.citizens) if self.people.citizens and rng.random() < 0.9 else None
        verify_late, follow_late = rng.random() < 0.1, rng.random() < 0.15
        verified = created + timedelta(days=rng.uniform(4.5, 9) if verify_late else rng.uniform(0.05, 3))
        followed = verified + timedelta(days=rng.uniform(7.5, 15) if follow_late else rng.uniform(0.1, 6))
        resolved = followed + timedelta(days=rng.uniform(1, 30))
        closed = resolved + timedelta(days=rng.uniform(0.1, 7))
        fate = rng.random()
        status = C.SUBMITTED
        values: dict[str, Any] = {
            "verified": None,
            "disposed": None,
            "followed": None,
            "resolved": None,
            "closed": None,
        }
        changed = created
        due: date | None = _due_after(created, settings.verify_days)
        self.step(complaint_id, created, A.FILED, None, C.SUBMITTED, kind=ActorKind.REPORTER)
        staff = {"account": verifier, "agency": unit}
        if verifier is None or verified > self.now:
            pass
        elif fate < 0.05:
            status, changed, due = C.ARCHIVED, verified, None
            values["closed"] = verified
            self.step(complaint_id, verified, A.ARCHIVED, C.SUBMITTED, status, reason="Laporan ganda.", **staff)
        elif fate < 0.08:
            status, changed, due = C.NOT_OUR_AUTHORITY, verified, None
            values["closed"] = verified
            reason = "Di luar kewenangan pemerintah daerah."
            self.step(complaint_id, verified, A.NOT_OUR_AUTHORITY, C.SUBMITTED, status, reason=reason, **staff)
        else:
            status, changed = C.DISPOSED, verified
            values["verified"] = values["disposed"] = verified
            due = _due_after(verified, settings.follow_up_days)
            self.step(complaint_id, verified, A.VERIFIED, C.SUBMITTED, status, to_agency=target, **staff)
            self.dispositions.append((self.disposition_id, complaint_id, 1, target, None, verifier, verified))
            self.disposition_id += 1
            handling = {"account": handler, "agency": target}
            if handler is not None and followed <= self.now:
                status, changed = C.IN_PROGRESS, followed
                values["followed"] = followed
                due = _due_after(followed, settings.resolve_days)
                self.step(complaint_id, followed, A.FOLLOWED_UP, C.DISPOSED, status, **handling)
                if resolved <= self.now:
                    status, changed = C.RESOLVED, resolved
                    values["resolved"] = resolved
                    due = _due_after(resolved, settings.reopen_days)
                    self.step(complaint_id, resolved, A.RESOLVED, C.IN_PROGRESS, status, reason=ANSWER, **handling)
                    if closed <= self.now:
                        by_reporter = rng.random() < 0.6
                        action, kind = (
                            (A.CLOSED, ActorKind.REPORTER) if by_reporter else (A.AUTO_CLOSED, ActorKind.SYSTEM)
                        )
                        status, changed, due = C.CLOSED, closed, None
                        values["closed"] = closed
                        self.step(complaint_id, closed, action, C.RESOLVED, status, kind=kind)
        rating = rng.choice((3, 4, 4, 5, 5)) if status is C.CLOSED and rng.random() < 0.5 else None
        title = f"{category.name_id}: mohon tindak lanjut di {desa}"
        text = (
            f"Laporan sintetis tentang {category.name_id.lower()}: {category.description_id} "
            "Mohon segera ditindaklanjuti oleh instansi yang berwenang."
        )
        self.complaints.append(
            (
                complaint_id, self.tracking_number(), rng.choice(KINDS).value, title[:150], text, category.code,
                status.value, rng.choice(CHANNELS).value, "synthetic", anonymous, rng.random() < 0.05, "visible", 0,
                0, desa, regency_of(desa), unit, target if values["disposed"] else None, reporter, created, changed,
                changed, values["verified"], values["disposed"], values["followed"], values["followed"],
                values["resolved"], values["closed"], due, 0, 0, rating, True,
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
    """Load ``count // 10`` complaints (at least one) with their steps and dispositions (see the module)."""
    total = max(1, count // RATIO)
    complaints = Complaint.__table__  # type: ignore[attr-defined]
    steps = ComplaintStep.__table__  # type: ignore[attr-defined]
    dispositions = ComplaintDisposition.__table__  # type: ignore[attr-defined]
    async with runtime.database.session() as session:
        agencies = {code: id_ for code, id_ in await session.execute(select(col(Agency.code), col(Agency.id)))}
        desas = list(
            (
                await session.execute(
                    select(col(Region.code))
                    .where(col(Region.kind).in_([RegionKind.DESA, RegionKind.KELURAHAN]))
                    .order_by(col(Region.code))
                )
            ).scalars()
        )
        taken = set((await session.execute(select(col(Complaint.tracking_number)))).scalars())
    settings = settings_of(runtime)
    if not desas or settings.province_unit not in agencies:
        return
    ids = (await next_id(runtime, complaints), await next_id(runtime, steps), await next_id(runtime, dispositions))
    generator = Generator(rng, people, now.astimezone(UTC), settings, agencies, desas, ids, taken)
    advance = progress("pengaduan: complaints", total)
    done = 0
    while done < total:
        size = min(CHUNK, total - done)
        for _ in range(size):
            generator.one()
        await bulk_insert(runtime, complaints, COMPLAINT_COLUMNS, generator.complaints)
        await bulk_insert(runtime, steps, STEP_COLUMNS, generator.steps)
        await bulk_insert(runtime, dispositions, DISPOSITION_COLUMNS, generator.dispositions)
        generator.complaints.clear()
        generator.steps.clear()
        generator.dispositions.clear()
        done += size
        advance(size)
    await fix_sequences(runtime, complaints, steps, dispositions)
