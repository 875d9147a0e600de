"""Filters, inputs and payloads of SEPASAR PEDAS (one ``input`` in, one payload out)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from plugins.sepasar_pedas.types import (
    SepasarCertificate,
    SepasarClass,
    SepasarCommodity,
    SepasarEnrolment,
    SepasarMarket,
    SepasarTopic,
    SepasarTrader,
)

IDEMPOTENCY = "Retrying with the same key returns what the first attempt created."


@strawberry.input(description="Conditions on traders; all given ones must hold.")
class SepasarTraderFilter:
    market_code: str | None = strawberry.field(default=None, description="Only this market's traders.")
    commodity: SepasarCommodity | None = strawberry.field(default=None, description="Only those selling this.")  # type: ignore[valid-type]
    active: bool | None = strawberry.field(default=None, description="Only active (true) or inactive (false) ones.")
    search: str | None = strawberry.field(default=None, description="Part of the name, or a stall number.")


@strawberry.input(description="Conditions on classes; all given ones must hold.")
class SepasarClassFilter:
    market_code: str | None = strawberry.field(default=None, description="Only classes held at this market.")
    topic: SepasarTopic | None = strawberry.field(default=None, description="Only classes on this topic.")  # type: ignore[valid-type]
    starts_after: datetime | None = strawberry.field(default=None, description="Starting at or after this moment.")
    starts_before: datetime | None = strawberry.field(default=None, description="Starting before this moment.")


@strawberry.input(description="A new market of the agency running SEPASAR PEDAS.")
class CreateSepasarMarketInput:
    code: str = strawberry.field(description="3-64 characters: a-z, 0-9 and `-`, e.g. `pasar-gadang`.")
    name: str = strawberry.field(description="3-120 characters, e.g. `Pasar Gadang`.")
    region_code: str = strawberry.field(description="A kelurahan or kecamatan of the agency's kabupaten/kota.")
    address: str = strawberry.field(description="Street address, 5-200 characters.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The market created.")
class CreateSepasarMarketPayload:
    market: SepasarMarket = strawberry.field(description="The new market.")


@strawberry.input(description="Change a market; fields left out stay as they are.")
class UpdateSepasarMarketInput:
    code: str = strawberry.field(description="The market to change.")
    name: str | None = strawberry.field(default=None, description="A new name.")
    region_code: str | None = strawberry.field(default=None, description="A new kelurahan or kecamatan.")
    address: str | None = strawberry.field(default=None, description="A new address.")
    active: bool | None = strawberry.field(default=None, description="False takes it out of the programme.")


@strawberry.type(description="The market as changed.")
class UpdateSepasarMarketPayload:
    market: SepasarMarket = strawberry.field(description="The market.")


@strawberry.input(description="Register a trader; one with a citizen account of the same NIK is linked to it.")
class RegisterSepasarTraderInput:
    market_code: str = strawberry.field(description="The market, e.g. `pasar-besar`.")
    stall_number: str = strawberry.field(description="The stall, unique in the market, e.g. `A-12`.")
    name: str = strawberry.field(description="The trader's name as on the KTP.")
    nik: str = strawberry.field(description="NIK, 16 digits; one trader per NIK and market.")
    commodity: SepasarCommodity = strawberry.field(description="What they mainly sell.")  # type: ignore[valid-type]
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The trader registered.")
class RegisterSepasarTraderPayload:
    trader: SepasarTrader = strawberry.field(description="The new trader.")


@strawberry.input(description="Change a trader; fields left out stay as they are.")
class UpdateSepasarTraderInput:
    trader_id: strawberry.ID = strawberry.field(description="The `SepasarTrader` to change.")
    stall_number: str | None = strawberry.field(default=None, description="Another stall in the same market.")
    name: str | None = strawberry.field(default=None, description="A corrected name.")
    commodity: SepasarCommodity | None = strawberry.field(default=None, description="What they sell now.")  # type: ignore[valid-type]
    active: bool | None = strawberry.field(default=None, description="False when the trader left the market.")


@strawberry.type(description="The trader as changed.")
class UpdateSepasarTraderPayload:
    trader: SepasarTrader = strawberry.field(description="The trader.")


@strawberry.input(description="Which traders to link to your account.")
class LinkMySepasarTradersInput:
    market_code: str | None = strawberry.field(
        default=None, description="Only in this market; all markets if left out."
    )


@strawberry.type(description="Every trader linked to your account after linking.")
class LinkMySepasarTradersPayload:
    traders: list[SepasarTrader] = strawberry.field(description="Your traders (stalls), oldest first.")


@strawberry.input(description="A new class. It starts in the future, lasts at most 12 hours.")
class ScheduleSepasarClassInput:
    title: str = strawberry.field(description="3-160 characters, e.g. `Pembayaran digital dengan QRIS`.")
    topic: SepasarTopic = strawberry.field(description="What it teaches.")  # type: ignore[valid-type]
    venue: str = strawberry.field(description="Where it is held, e.g. `Aula Pasar Besar lantai 2`.")
    starts_at: datetime = strawberry.field(description="Start, with its offset (e.g. `2027-01-12T09:00:00+07:00`).")
    ends_at: datetime = strawberry.field(description="End, after the start.")
    capacity: int = strawberry.field(description="Seats, from 1 to `CETTAR_SEPASAR_PEDAS_MAX_CLASS_CAPACITY` (200).")
    market_code: str | None = strawberry.field(default=None, description="The market it is held at, if any.")
    instructor: str | None = strawberry.field(default=None, description="Who teaches it.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The class scheduled.")
class ScheduleSepasarClassPayload:
    sepasar_class: SepasarClass = strawberry.field(name="class", description="The new class.")


@strawberry.input(description="Change a class; fields left out stay as they are. Its times only before it starts.")
class UpdateSepasarClassInput:
    class_id: strawberry.ID = strawberry.field(description="The `SepasarClass` to change.")
    title: str | None = strawberry.field(default=None, description="A new title.")
    venue: str | None = strawberry.field(default=None, description="A new venue.")
    starts_at: datetime | None = strawberry.field(default=None, description="A new start.")
    ends_at: datetime | None = strawberry.field(default=None, description="A new end.")
    capacity: int | None = strawberry.field(default=None, description="Not below the seats already taken.")
    instructor: str | None = strawberry.field(default=None, description="A new instructor.")


@strawberry.type(description="The class as changed.")
class UpdateSepasarClassPayload:
    sepasar_class: SepasarClass = strawberry.field(name="class", description="The class.")


@strawberry.input(description="Enrol a trader in a class, before it starts, while seats are left.")
class EnrolSepasarTraderInput:
    class_id: strawberry.ID = strawberry.field(description="The `SepasarClass`.")
    trader_id: strawberry.ID = strawberry.field(description="The `SepasarTrader`.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The enrolment and the class with its seats updated.")
class EnrolSepasarTraderPayload:
    enrolment: SepasarEnrolment = strawberry.field(description="The new enrolment.")
    sepasar_class: SepasarClass = strawberry.field(name="class", description="The class.")


@strawberry.input(description="Whether one enrolled trader attended.")
class SepasarAttendanceEntry:
    trader_id: strawberry.ID = strawberry.field(description="An enrolled `SepasarTrader`.")
    present: bool = strawberry.field(description="True when they attended.")


@strawberry.input(description="Record attendance once the class has started; entries may be corrected later.")
class RecordSepasarAttendanceInput:
    class_id: strawberry.ID = strawberry.field(description="The `SepasarClass`.")
    entries: list[SepasarAttendanceEntry] = strawberry.field(description="One entry per trader.")


@strawberry.type(description="The class and the enrolments whose attendance was recorded.")
class RecordSepasarAttendancePayload:
    sepasar_class: SepasarClass = strawberry.field(name="class", description="The class.")
    enrolments: list[SepasarEnrolment] = strawberry.field(description="The enrolments changed, in input order.")


@strawberry.input(description="Issue the certificate of an enrolment marked present, after the class ended.")
class IssueSepasarCertificateInput:
    enrolment_id: strawberry.ID = strawberry.field(description="The `SepasarEnrolment`.")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY)


@strawberry.type(description="The certificate issued.")
class IssueSepasarCertificatePayload:
    certificate: SepasarCertificate = strawberry.field(description="The certificate, with its code.")


@strawberry.input(description="Revoke a certificate (final); verification then answers `REVOKED`.")
class RevokeSepasarCertificateInput:
    certificate_id: strawberry.ID = strawberry.field(description="The `SepasarCertificate`.")
    reason: str = strawberry.field(description="Why, 5-200 characters; shown to the holder.")


@strawberry.type(description="The certificate as revoked.")
class RevokeSepasarCertificatePayload:
    certificate: SepasarCertificate = strawberry.field(description="The certificate.")
