"""GraphQL types of SEPASAR PEDAS.

Markets and their statistics are public. Traders, classes, enrolments and certificates
are read by the staff of the agency running the school (and the province admin); a
trader linked to their citizen account reads their own. A trader's NIK is unmasked only
for them and for the agency's staff holding ``identity.personal_data.view``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import strawberry
from strawberry.dataloader import DataLoader

from core.access import may_see_personal_data
from core.identity.permissions import VIEW_PERSONAL_DATA
from core.identity.validators import mask_nik
from core.regions.models import Agency as AgencyRow
from core.regions.models import Region as RegionRow
from plugins.sepasar_pedas import rules
from plugins.sepasar_pedas.certificates import Verification, VerificationStatus
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
from plugins.sepasar_pedas.stats import MarketStats, market_stats
from schema import Context, Info, Node, group_loader, row_loader

SepasarCommodity = strawberry.enum(Commodity, name="SepasarCommodity", description="What a trader mainly sells.")
SepasarTopic = strawberry.enum(
    Topic,
    name="SepasarTopic",
    description="What a class teaches: digital payments (QRIS), bookkeeping, hygiene, marketing.",
)
SepasarAttendance = strawberry.enum(Attendance, name="SepasarAttendance", description="Whether a trader attended.")
SepasarVerificationStatus = strawberry.enum(
    VerificationStatus,
    name="SepasarVerificationStatus",
    description="`VALID`, `REVOKED`, or `UNKNOWN` when no certificate has that code.",
)


def stats_loader(info: Info) -> DataLoader[int, MarketStats]:
    def make(context: Context) -> DataLoader[int, MarketStats]:
        async def load(ids: Sequence[int]) -> list[MarketStats]:
            async with context.db() as session:
                return await market_stats(session, ids)

        return DataLoader(load_fn=load)

    return info.context.loader("sepasar_pedas.market_stats", make)


@strawberry.type(description="Aggregates of one market: public, with no person in them.")
class SepasarMarketStatistics:
    traders: int = strawberry.field(description="Active traders registered in the market.")
    enrolments: int = strawberry.field(description="Class enrolments of the market's traders, ever.")
    attended: int = strawberry.field(description="Enrolments marked present.")
    absent: int = strawberry.field(description="Enrolments marked absent.")
    attendance_rate: float | None = strawberry.field(
        description="attended / (attended + absent), 0 to 1; null before any attendance is recorded."
    )
    certificates: int = strawberry.field(
        description="Certificates held by the market's traders (revoked ones not counted)."
    )

    @classmethod
    def build(cls, stats: MarketStats) -> SepasarMarketStatistics:
        return cls(
            traders=stats.traders,
            enrolments=stats.enrolments,
            attended=stats.present,
            absent=stats.absent,
            attendance_rate=stats.attendance_rate,
            certificates=stats.certificates,
        )


@strawberry.type(description="A traditional market (pasar rakyat) whose traders attend SEPASAR PEDAS.")
class SepasarMarket(Node):
    row_id: strawberry.Private[int]
    agency_row_id: strawberry.Private[int]
    code: str = strawberry.field(description="Stable code, e.g. `pasar-besar`.")
    name: str = strawberry.field(description="e.g. `Pasar Besar`.")
    region_code: str = strawberry.field(description="Its kelurahan (or kecamatan), e.g. `35.73.02.1005`.")
    address: str = strawberry.field(description="Street address.")
    active: bool = strawberry.field(description="False for a market no longer in the programme.")

    def node_key(self) -> str:
        return self.code

    @classmethod
    def from_row(cls, row: Market) -> SepasarMarket:
        assert row.id is not None
        return cls(
            row_id=row.id,
            agency_row_id=row.agency_id,
            code=row.code,
            name=row.name,
            region_code=row.region_code,
            address=row.address,
            active=row.active,
        )

    @strawberry.field(description="Name of its kelurahan or kecamatan.")
    async def region_name(self, info: Info) -> str:
        row = await row_loader(info, RegionRow).load(self.region_code)
        assert row is not None
        return row.name

    @strawberry.field(description="Code of the agency running it, e.g. `disdag-3573`.")
    async def agency_code(self, info: Info) -> str:
        row = await row_loader(info, AgencyRow).load(self.agency_row_id)
        assert row is not None
        return row.code

    @strawberry.field(description="Traders, enrolments, attendance and certificates in numbers.")
    async def statistics(self, info: Info) -> SepasarMarketStatistics:
        return SepasarMarketStatistics.build(await stats_loader(info).load(self.row_id))


async def _market(info: Info, market_id: int) -> SepasarMarket:
    row = await row_loader(info, Market).load(market_id)
    assert row is not None
    return SepasarMarket.from_row(row)


@strawberry.type(description="A trader holding a stall in a market.")
class SepasarTrader(Node):
    row: strawberry.Private[Trader]
    stall_number: str = strawberry.field(description="The stall, unique in its market, e.g. `A-12`.")
    name: str = strawberry.field(description="The trader's name.")
    commodity: SepasarCommodity = strawberry.field(description="What they mainly sell.")  # type: ignore[valid-type]
    active: bool = strawberry.field(description="False for a trader who left the market.")
    registered_at: datetime = strawberry.field(description="When the trader was registered.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: Trader) -> SepasarTrader:
        return cls(
            row=row,
            stall_number=row.stall_number,
            name=row.name,
            commodity=row.commodity,
            active=row.active,
            registered_at=row.registered_at,
        )

    @strawberry.field(
        description="NIK; masked (`3573**********01`) unless it is yours or you are staff of the agency "
        "holding `identity.personal_data.view`."
    )
    def nik(self, info: Info) -> str:
        reveal = may_see_personal_data(
            info.context.principal,
            owner_id=self.row.account_id,
            handling_agency_id=self.row.agency_id,
            permission=VIEW_PERSONAL_DATA,
        )
        return self.row.nik if reveal else mask_nik(self.row.nik)

    @strawberry.field(description="Whether the trader is linked to their own citizen account.")
    def linked(self) -> bool:
        return self.row.account_id is not None

    @strawberry.field(description="The market of the stall.")
    async def market(self, info: Info) -> SepasarMarket:
        return await _market(info, self.row.market_id)

    @strawberry.field(description="The trader's enrolments, oldest first.")
    async def enrolments(self, info: Info) -> list[SepasarEnrolment]:
        assert self.row.id is not None
        rows = await group_loader(info, Enrolment, Enrolment.trader_id, order_by=[Enrolment.id]).load(self.row.id)
        return [SepasarEnrolment.from_row(r) for r in rows]


@strawberry.type(description="A SEPASAR PEDAS class: a topic, a schedule and a number of seats.")
class SepasarClass(Node):
    row: strawberry.Private[SchoolClass]
    title: str = strawberry.field(description="e.g. `Pembayaran digital dengan QRIS`.")
    topic: SepasarTopic = strawberry.field(description="What it teaches.")  # type: ignore[valid-type]
    venue: str = strawberry.field(description="Where it is held.")
    starts_at: datetime = strawberry.field(description="Start (enrolment closes then).")
    ends_at: datetime = strawberry.field(description="End (certificates can be issued from then).")
    capacity: int = strawberry.field(description="Seats.")
    enrolled_count: int = strawberry.field(description="Seats taken.")
    instructor: str | None = strawberry.field(description="Who teaches it, if known.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: SchoolClass) -> SepasarClass:
        return cls(
            row=row,
            title=row.title,
            topic=row.topic,
            venue=row.venue,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            capacity=row.capacity,
            enrolled_count=row.enrolled_count,
            instructor=row.instructor,
        )

    @strawberry.field(description="Seats left.")
    def seats_left(self) -> int:
        return max(0, self.row.capacity - self.row.enrolled_count)

    @strawberry.field(description="The market it is held at; null when held elsewhere.")
    async def market(self, info: Info) -> SepasarMarket | None:
        return None if self.row.market_id is None else await _market(info, self.row.market_id)

    @strawberry.field(
        description="Enrolments, oldest first: all of them for the agency's staff, only your own for a trader."
    )
    async def enrolments(self, info: Info) -> list[SepasarEnrolment]:
        assert self.row.id is not None
        rows = await group_loader(info, Enrolment, Enrolment.class_id, order_by=[Enrolment.id]).load(self.row.id)
        principal = info.context.principal
        if rules.manages(principal, self.row.agency_id):
            return [SepasarEnrolment.from_row(r) for r in rows]
        traders = await row_loader(info, Trader).load_many([r.trader_id for r in rows])
        return [
            SepasarEnrolment.from_row(r)
            for r, t in zip(rows, traders, strict=True)
            if t is not None and principal.owns(t.account_id)
        ]


@strawberry.type(description="A trader enrolled in a class, and whether they attended.")
class SepasarEnrolment(Node):
    row: strawberry.Private[Enrolment]
    enrolled_at: datetime = strawberry.field(description="When they were enrolled.")
    attendance: SepasarAttendance | None = strawberry.field(  # type: ignore[valid-type]
        description="Present or absent; null until recorded."
    )
    attendance_recorded_at: datetime | None = strawberry.field(description="When the attendance was last recorded.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: Enrolment) -> SepasarEnrolment:
        return cls(
            row=row,
            enrolled_at=row.enrolled_at,
            attendance=row.attendance,
            attendance_recorded_at=row.attendance_recorded_at,
        )

    @strawberry.field(description="The trader.")
    async def trader(self, info: Info) -> SepasarTrader:
        row = await row_loader(info, Trader).load(self.row.trader_id)
        assert row is not None
        return SepasarTrader.from_row(row)

    @strawberry.field(name="class", description="The class.")
    async def school_class(self, info: Info) -> SepasarClass:
        row = await row_loader(info, SchoolClass).load(self.row.class_id)
        assert row is not None
        return SepasarClass.from_row(row)

    @strawberry.field(description="The certificate for it, once issued.")
    async def certificate(self, info: Info) -> SepasarCertificate | None:
        assert self.row.id is not None
        row = await row_loader(info, Certificate, Certificate.enrolment_id).load(self.row.id)
        return None if row is None else SepasarCertificate.from_row(row)


@strawberry.type(description="A SEPASAR PEDAS certificate. Anyone can check its code with `verifySepasarCertificate`.")
class SepasarCertificate(Node):
    row: strawberry.Private[Certificate]
    code: str = strawberry.field(description="`SPD-XXXX-XXXX-XXXX-XXXX`, printed on the certificate.")
    issued_at: datetime = strawberry.field(description="When it was issued.")
    issued_on: date = strawberry.field(description="The date printed on it (WIB).")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked; null while valid.")
    revoked_reason: str | None = strawberry.field(description="Why it was revoked.")

    def node_key(self) -> str:
        return str(self.row.id)

    @classmethod
    def from_row(cls, row: Certificate) -> SepasarCertificate:
        return cls(
            row=row,
            code=row.code,
            issued_at=row.issued_at,
            issued_on=row.issued_on,
            revoked_at=row.revoked_at,
            revoked_reason=row.revoked_reason,
        )

    @strawberry.field(description="`VALID` or `REVOKED`.")
    def status(self) -> SepasarVerificationStatus:  # type: ignore[valid-type]
        return VerificationStatus.REVOKED if self.row.revoked_at is not None else VerificationStatus.VALID

    @strawberry.field(description="The enrolment it certifies.")
    async def enrolment(self, info: Info) -> SepasarEnrolment:
        row = await row_loader(info, Enrolment).load(self.row.enrolment_id)
        assert row is not None
        return SepasarEnrolment.from_row(row)


@strawberry.type(
    description="What anyone learns from a certificate code: whether it is valid, the holder's name masked, "
    "the class and its date. Nothing else."
)
class SepasarCertificateVerification:
    code: str = strawberry.field(description="The code looked up, in its canonical form when it is well formed.")
    status: SepasarVerificationStatus = strawberry.field(description="`VALID`, `REVOKED` or `UNKNOWN`.")  # type: ignore[valid-type]
    holder_name: str | None = strawberry.field(description="The holder's name, masked: `S***i A***h`.")
    class_name: str | None = strawberry.field(description="The class it was issued for.")
    class_date: date | None = strawberry.field(description="The day the class was held (WIB).")
    issued_on: date | None = strawberry.field(description="The day it was issued (WIB).")

    @classmethod
    def build(cls, found: Verification) -> SepasarCertificateVerification:
        return cls(
            code=found.code,
            status=found.status,
            holder_name=found.holder_name,
            class_name=found.class_title,
            class_date=found.class_date,
            issued_on=found.issued_on,
        )
