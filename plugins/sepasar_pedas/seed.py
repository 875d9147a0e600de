"""The agency, the innovation record, and demo data of SEPASAR PEDAS.

Demo data (``cettar seed --demo``): four markets of Kota Malang, ten traders (Siti Aminah,
the demo citizen ``warga.siti``, holds stall A-01 in Pasar Besar and is linked to her
account), two past classes with attendance and certificates (one revoked) and two upcoming
ones (one full). Idempotent: rows are found by their natural keys and never duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from core.calendar import WIB
from core.identity.models import Citizen
from core.identity.validators import parse_nik
from core.innovations import AwardRecord, InnovationRecord, Stage
from core.regions.models import AgencyKind
from core.regions.seed import AgencySpec
from plugins.sepasar_pedas import rules
from plugins.sepasar_pedas.models import (
    Attendance,
    Certificate,
    Commodity,
    Enrolment,
    Market,
    SchoolClass,
    Topic,
    Trader,
)

AGENCY = AgencySpec("disdag-3573", "Dinas Perdagangan Kota Malang", AgencyKind.DINAS, "35.73")

#: Named in the Governor's KORPRI address of 2020 among the TOP 45 public-service innovations.
INNOVATION = InnovationRecord(
    code="sepasar-pedas",
    name="SEPASAR PEDAS",
    acronym_meaning="Sekolah Pasar Pedagang Cerdas",
    agency_code="disdag-3573",
    region_code="35.73",
    year_started=None,  # the source (the Governor's KORPRI 2020 article) gives no start year
    category="perdagangan",
    stage=Stage.PENERAPAN,
    description=(
        "Sekolah bagi pedagang pasar rakyat Kota Malang: kelas pembayaran digital (QRIS), pembukuan, "
        "kebersihan dan pemasaran, dengan pendaftaran, presensi dan sertifikat."
    ),
    awards=(
        AwardRecord(
            competition="Kompetisi Inovasi Pelayanan Publik (KIPP)",
            rank="TOP 45",
            year=2020,
            issuer="Kementerian PANRB",
        ),
    ),
)

MARKETS: tuple[tuple[str, str, str, str], ...] = (
    ("pasar-besar", "Pasar Besar", "35.73.02.1005", "Jl. Pasar Besar, Sukoharjo, Klojen"),
    ("pasar-oro-oro-dowo", "Pasar Oro-Oro Dowo", "35.73.02.1008", "Jl. Guntur, Oro-oro Dowo, Klojen"),
    ("pasar-blimbing", "Pasar Blimbing", "35.73.01.1004", "Jl. Borobudur, Purwodadi, Blimbing"),
    ("pasar-gadang", "Pasar Gadang", "35.73.04.1002", "Jl. Kolonel Sugiono, Gadang, Sukun"),
)

#: (market, stall, name, NIK, commodity)
TRADERS: tuple[tuple[str, str, str, str, Commodity], ...] = (
    ("pasar-besar", "A-01", "Siti Aminah", "3515025708920003", Commodity.SPICES),
    ("pasar-besar", "A-02", "Sri Wahyuningsih", "3573024507780001", Commodity.VEGETABLES_FRUIT),
    ("pasar-besar", "B-11", "Suparman", "3573011203700002", Commodity.STAPLES),
    ("pasar-besar", "C-07", "Hendra Gunawan", "3573052010880004", Commodity.CLOTHING),
    ("pasar-oro-oro-dowo", "L-03", "Made Wirawan", "3573021506750005", Commodity.MEAT_POULTRY),
    ("pasar-oro-oro-dowo", "L-08", "Nurul Hidayah", "3573036102900006", Commodity.FISH),
    ("pasar-blimbing", "K-21", "Bambang Sutrisno", "3573010809680007", Commodity.HOUSEHOLD_GOODS),
    ("pasar-blimbing", "K-22", "Endang Purwanti", "3573015211820008", Commodity.PREPARED_FOOD),
    ("pasar-gadang", "G-05", "Slamet Riyadi", "3573042304720009", Commodity.VEGETABLES_FRUIT),
    ("pasar-gadang", "G-06", "Yuliana Sari", "3573044707950010", Commodity.SPICES),
)


def _wib(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=WIB)


#: Demo enrolments of the upcoming classes were made on this day.
ENROLLED_BY = _wib(2026, 11, 20, 10)


@dataclass(frozen=True)
class DemoClass:
    title: str
    topic: Topic
    market: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    #: (market, stall, attendance, certificate code, revoked because)
    enrolled: tuple[tuple[str, str, Attendance | None, str | None, str | None], ...]


CLASSES: tuple[DemoClass, ...] = (
    DemoClass(
        "Pembayaran digital dengan QRIS",
        Topic.DIGITAL_PAYMENT,
        "pasar-besar",
        "Aula Pasar Besar lantai 2",
        _wib(2026, 10, 14, 9),
        _wib(2026, 10, 14, 12),
        30,
        (
            ("pasar-besar", "A-01", Attendance.PRESENT, "SPD-7K4M-9QXR-2D8F-HB3T", None),
            ("pasar-besar", "A-02", Attendance.PRESENT, "SPD-3WQN-8C5V-JT6A-ZP2K", None),
            ("pasar-besar", "B-11", Attendance.ABSENT, None, None),
            ("pasar-besar", "C-07", Attendance.PRESENT, None, None),
        ),
    ),
    DemoClass(
        "Pembukuan sederhana untuk pedagang",
        Topic.BOOKKEEPING,
        "pasar-oro-oro-dowo",
        "Kantor Pengelola Pasar Oro-Oro Dowo",
        _wib(2026, 11, 4, 9),
        _wib(2026, 11, 4, 12),
        25,
        (
            ("pasar-oro-oro-dowo", "L-03", Attendance.PRESENT, "SPD-5HRB-2MXE-9GTC-4NYD", None),
            ("pasar-oro-oro-dowo", "L-08", Attendance.PRESENT, "SPD-9VCT-4BNH-6XWM-2EJR", "Nama peserta salah ketik."),
            ("pasar-besar", "A-01", Attendance.PRESENT, "SPD-8PJZ-6FKW-3RDV-7QAS", None),
        ),
    ),
    DemoClass(
        "Kebersihan dan keamanan pangan di lapak",
        Topic.HYGIENE,
        "pasar-gadang",
        "Halaman Pasar Gadang",
        _wib(2027, 1, 13, 8),
        _wib(2027, 1, 13, 11),
        20,
        (
            ("pasar-gadang", "G-05", None, None, None),
            ("pasar-gadang", "G-06", None, None, None),
            ("pasar-besar", "A-01", None, None, None),
        ),
    ),
    DemoClass(
        "Pemasaran daring untuk pedagang pasar",
        Topic.MARKETING,
        "pasar-blimbing",
        "Ruang Serbaguna Pasar Blimbing",
        _wib(2027, 2, 10, 13),
        _wib(2027, 2, 10, 16),
        2,
        (
            ("pasar-blimbing", "K-21", None, None, None),
            ("pasar-blimbing", "K-22", None, None, None),
        ),
    ),
)


async def seed_demo(session: AsyncSession) -> int:
    """Write the demo rows that are missing; returns how many were written."""
    agency = await rules.school_agency(session, AGENCY.code)
    assert agency.id is not None
    written = 0
    markets: dict[str, Market] = {}
    for code, name, region, address in MARKETS:
        market = (await session.execute(select(Market).where(col(Market.code) == code))).scalar_one_or_none()
        if market is None:
            market = Market(code=code, name=name, region_code=region, address=address, agency_id=agency.id)
            session.add(market)
            await session.flush()
            written += 1
        markets[code] = market
    traders: dict[tuple[str, str], Trader] = {}
    for market_code, stall, name, nik, commodity in TRADERS:
        market = markets[market_code]
        stmt = select(Trader).where(col(Trader.market_id) == market.id, col(Trader.stall_number) == stall)
        trader = (await session.execute(stmt)).scalar_one_or_none()
        if trader is None:
            checked = parse_nik(nik).nik
            account = (
                await session.execute(select(col(Citizen.account_id)).where(col(Citizen.nik) == checked))
            ).first()
            trader = Trader(
                market_id=market.id,  # type: ignore[arg-type]
                agency_id=agency.id,
                stall_number=stall,
                name=name,
                nik=checked,
                commodity=commodity,
                account_id=int(account[0]) if account else None,
            )
            session.add(trader)
            await session.flush()
            written += 1
        traders[(market_code, stall)] = trader
    for demo in CLASSES:
        written += await _seed_class(session, agency.id, markets, traders, demo)
    return written


async def _seed_class(
    session: AsyncSession,
    agency_id: int,
    markets: dict[str, Market],
    traders: dict[tuple[str, str], Trader],
    demo: DemoClass,
) -> int:
    written = 0
    stmt = select(SchoolClass).where(col(SchoolClass.title) == demo.title, col(SchoolClass.starts_at) == demo.starts_at)
    row = (await session.execute(stmt)).scalar_one_or_none()
    if row is None:
        row = SchoolClass(
            agency_id=agency_id,
            market_id=markets[demo.market].id,
            title=demo.title,
            topic=demo.topic,
            venue=demo.venue,
            starts_at=demo.starts_at,
            ends_at=demo.ends_at,
            capacity=demo.capacity,
            instructor="Tim Fasilitator SEPASAR PEDAS",
        )
        session.add(row)
        await session.flush()
        written += 1
    assert row.id is not None
    for market_code, stall, attendance, code, revoked in demo.enrolled:
        trader = traders[(market_code, stall)]
        stmt2 = select(Enrolment).where(col(Enrolment.class_id) == row.id, col(Enrolment.trader_id) == trader.id)
        enrolment = (await session.execute(stmt2)).scalar_one_or_none()
        if enrolment is None:
            enrolment = Enrolment(
                class_id=row.id,
                trader_id=trader.id,  # type: ignore[arg-type]
                enrolled_at=min(demo.starts_at - timedelta(days=7), ENROLLED_BY),
                attendance=attendance,
                attendance_recorded_at=demo.ends_at if attendance is not None else None,
            )
            session.add(enrolment)
            await session.flush()
            written += 1
        if code is not None:
            found = (
                await session.execute(select(Certificate).where(col(Certificate.code) == code))
            ).scalar_one_or_none()
            if found is None:
                issued_at = demo.ends_at.replace(hour=15)
                session.add(
                    Certificate(
                        enrolment_id=enrolment.id,  # type: ignore[arg-type]
                        code=code,
                        issued_at=issued_at,
                        issued_on=date(issued_at.year, issued_at.month, issued_at.day),
                        revoked_at=issued_at.replace(hour=17) if revoked else None,
                        revoked_reason=revoked,
                    )
                )
                written += 1
    await session.flush()
    count = await session.scalar(select(func.count()).select_from(Enrolment).where(col(Enrolment.class_id) == row.id))
    if row.enrolled_count != count:
        row.enrolled_count = int(count or 0)
        await session.flush()
    return written
