"""Tables of SEPASAR PEDAS (Sekolah Pasar Pedagang Cerdas): markets, traders, classes,
enrolments and certificates (``sepasar_pedas_*``)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.db import StrEnumType, UTCDateTime, utcnow


class Commodity(StrEnum):
    """What a trader mainly sells."""

    VEGETABLES_FRUIT = "vegetables_fruit"  # sayur dan buah
    MEAT_POULTRY = "meat_poultry"  # daging dan unggas
    FISH = "fish"  # ikan
    SPICES = "spices"  # bumbu dan rempah
    STAPLES = "staples"  # sembako: beras, gula, minyak
    PREPARED_FOOD = "prepared_food"  # makanan dan minuman jadi
    CLOTHING = "clothing"  # pakaian dan tekstil
    HOUSEHOLD_GOODS = "household_goods"  # barang kelontong dan peralatan rumah tangga
    SERVICES = "services"  # jasa: jahit, reparasi
    OTHER = "other"


class Topic(StrEnum):
    """What a class teaches."""

    DIGITAL_PAYMENT = "digital_payment"  # pembayaran digital, QRIS
    BOOKKEEPING = "bookkeeping"  # pembukuan sederhana
    HYGIENE = "hygiene"  # kebersihan dan keamanan pangan
    MARKETING = "marketing"  # pemasaran, termasuk pemasaran daring


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"


class Market(SQLModel, table=True):
    """A traditional market (pasar rakyat) run by the agency."""

    __tablename__ = "sepasar_pedas_market"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=64)
    name: str = Field(max_length=120)
    #: A kelurahan or kecamatan in the agency's kabupaten/kota.
    region_code: str = Field(foreign_key="core_region.code", index=True, max_length=13)
    address: str = Field(max_length=200)
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Trader(SQLModel, table=True):
    """A trader (pedagang) holding a stall in a market."""

    __tablename__ = "sepasar_pedas_trader"
    __table_args__ = (
        UniqueConstraint("market_id", "stall_number", name="uq_sepasar_pedas_trader_stall"),
        UniqueConstraint("market_id", "nik", name="uq_sepasar_pedas_trader_nik"),
    )

    id: int | None = Field(default=None, primary_key=True)
    market_id: int = Field(foreign_key="sepasar_pedas_market.id", index=True)
    #: The market's agency, kept here so rows are scoped without a join.
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    stall_number: str = Field(max_length=16)
    name: str = Field(max_length=120)
    nik: str = Field(max_length=16, index=True)
    commodity: Commodity = Field(sa_type=StrEnumType(Commodity, 24))
    #: The trader's own citizen account, when linked: they then see their enrolments and certificates.
    account_id: int | None = Field(default=None, foreign_key="core_account.id", index=True)
    active: bool = True
    registered_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class SchoolClass(SQLModel, table=True):
    """One class of the market school: a topic, a schedule and a number of seats."""

    __tablename__ = "sepasar_pedas_class"
    __table_args__ = (
        CheckConstraint("capacity >= 1", name="ck_sepasar_pedas_class_capacity"),
        CheckConstraint("enrolled_count >= 0 AND enrolled_count <= capacity", name="ck_sepasar_pedas_class_seats"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="core_agency.id", index=True)
    #: The market it is held at, if it is held at one.
    market_id: int | None = Field(default=None, foreign_key="sepasar_pedas_market.id", index=True)
    title: str = Field(max_length=160)
    topic: Topic = Field(sa_type=StrEnumType(Topic, 24), index=True)
    venue: str = Field(max_length=200)
    starts_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
    ends_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    capacity: int
    #: Seats taken, changed only by conditional UPDATEs so two enrolments never take the last seat twice.
    enrolled_count: int = 0
    instructor: str | None = Field(default=None, max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))


class Enrolment(SQLModel, table=True):
    """A trader enrolled in a class, and whether they attended."""

    __tablename__ = "sepasar_pedas_enrolment"
    __table_args__ = (UniqueConstraint("class_id", "trader_id", name="uq_sepasar_pedas_enrolment"),)

    id: int | None = Field(default=None, primary_key=True)
    class_id: int = Field(foreign_key="sepasar_pedas_class.id", index=True)
    trader_id: int = Field(foreign_key="sepasar_pedas_trader.id", index=True)
    enrolled_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    attendance: Attendance | None = Field(default=None, sa_type=StrEnumType(Attendance, 8))
    attendance_recorded_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))


class Certificate(SQLModel, table=True):
    """A certificate for an attended class; its code is what anyone may verify."""

    __tablename__ = "sepasar_pedas_certificate"

    id: int | None = Field(default=None, primary_key=True)
    enrolment_id: int = Field(foreign_key="sepasar_pedas_enrolment.id", unique=True)
    #: ``SPD-XXXX-XXXX-XXXX-XXXX``: 80 random bits (Crockford base32), not derived from anything.
    code: str = Field(unique=True, max_length=24)
    issued_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime, nullable=False))
    issued_on: date
    issued_by: int | None = Field(default=None, foreign_key="core_account.id")
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    revoked_reason: str | None = Field(default=None, max_length=200)
