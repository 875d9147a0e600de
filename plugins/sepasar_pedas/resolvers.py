"""Root fields of SEPASAR PEDAS: thin, they call the services and convert rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry

from core.access import require_authenticated
from plugins.sepasar_pedas import certificates, classes, inputs, rules, service
from plugins.sepasar_pedas.models import Certificate, Enrolment, Market, SchoolClass, Trader
from plugins.sepasar_pedas.types import (
    SepasarCertificate,
    SepasarCertificateVerification,
    SepasarClass,
    SepasarEnrolment,
    SepasarMarket,
    SepasarTrader,
)
from schema import STAFF, Connection, HasPermission, Info, IsAuthenticated, allow, decode_int_id, int_key, paginate


def _settings(info: Info) -> rules.SepasarSettings:
    settings = info.context.runtime.plugins.get(rules.PLUGIN).settings
    assert isinstance(settings, rules.SepasarSettings)
    return settings


def _id(global_id: strawberry.ID, type_name: str, field: str) -> int:
    return decode_int_id(str(global_id), type_name, field)


# -- queries ----------------------------------------------------------------------------------


@strawberry.field(description="SEPASAR PEDAS markets ordered by code, with their statistics; public.")
async def sepasar_markets(
    info: Info,
    search: Annotated[str | None, strawberry.argument(description="Part of the market's name.")] = None,
    region_code: Annotated[
        str | None, strawberry.argument(description="A kecamatan or kelurahan, e.g. `35.73.02` (Klojen).")
    ] = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[SepasarMarket]:
    return await paginate(
        info,
        service.markets_query(search, region_code),
        [Market.code],
        key_of=lambda row: (row.code,),
        convert=SepasarMarket.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(description="One market by its code (e.g. `pasar-besar`); null if there is none.")
async def sepasar_market(
    info: Info, code: Annotated[str, strawberry.argument(description="The market's code.")]
) -> SepasarMarket | None:
    async with info.context.db() as session:
        (row,) = await service.markets_by_code(session, [code.strip()])
    return SepasarMarket.from_row(row) if row else None


@strawberry.field(
    description="Traders you may see, by ID: the agency's staff see its traders, the province admin all.",
    extensions=[allow(STAFF)],
)
async def sepasar_traders(
    info: Info,
    filter: inputs.SepasarTraderFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[SepasarTrader]:
    given = filter or inputs.SepasarTraderFilter()
    query = service.TraderQuery(
        market_code=given.market_code, commodity=given.commodity, search=given.search, active=given.active
    )
    async with info.context.db() as session:
        statement = await service.traders_query(session, info.context.principal, query)
    return await paginate(
        info,
        statement,
        [Trader.id],
        key_of=lambda row: (row.id,),
        convert=SepasarTrader.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(
    description="Classes by start time: the agency's staff see its classes, the province admin all.",
    extensions=[allow(STAFF)],
)
async def sepasar_classes(
    info: Info,
    filter: inputs.SepasarClassFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[SepasarClass]:
    given = filter or inputs.SepasarClassFilter()
    query = classes.ClassQuery(
        market_code=given.market_code,
        topic=given.topic,
        starts_after=given.starts_after,
        starts_before=given.starts_before,
    )
    async with info.context.db() as session:
        statement = await classes.classes_query(session, info.context.principal, query)
    return await paginate(
        info,
        statement,
        [SchoolClass.starts_at, SchoolClass.id],
        key_of=lambda row: (row.starts_at, row.id),
        convert=SepasarClass.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(
    description="Your enrolments, newest first: those of the traders linked to your account.",
    extensions=[allow(IsAuthenticated())],
)
async def my_sepasar_enrolments(
    info: Info,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[SepasarEnrolment]:
    return await paginate(
        info,
        classes.my_enrolments_query(info.context.principal),
        [Enrolment.id],
        key_of=lambda row: (row.id,),
        convert=SepasarEnrolment.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(
    description="Your certificates, newest first: those of the traders linked to your account.",
    extensions=[allow(IsAuthenticated())],
)
async def my_sepasar_certificates(
    info: Info,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[SepasarCertificate]:
    return await paginate(
        info,
        certificates.my_certificates_query(info.context.principal),
        [Certificate.id],
        key_of=lambda row: (row.id,),
        convert=SepasarCertificate.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(
    description="Check a certificate code (public): valid or revoked, the holder's name masked, the class and "
    "its date. An unknown code answers `UNKNOWN`."
)
async def verify_sepasar_certificate(
    info: Info,
    code: Annotated[
        str, strawberry.argument(description="The code on the certificate, e.g. `SPD-7K4M-9QXR-2D8F-HB3T`.")
    ],
) -> SepasarCertificateVerification:
    async with info.context.db() as session:
        found = await certificates.verify(session, code)
    return SepasarCertificateVerification.build(found)


# -- mutations --------------------------------------------------------------------------------


@strawberry.mutation(
    description="Add a market (agency admin of the school's agency, or the province admin).",
    extensions=[allow(HasPermission(rules.MANAGE_MARKETS))],
)
async def create_sepasar_market(
    info: Info, input: inputs.CreateSepasarMarketInput
) -> inputs.CreateSepasarMarketPayload:
    data = service.MarketData(code=input.code, name=input.name, region_code=input.region_code, address=input.address)
    async with info.context.db() as session:
        row = await service.create_market(session, info.context.principal, _settings(info), data, input.idempotency_key)
    return inputs.CreateSepasarMarketPayload(market=SepasarMarket.from_row(row))


@strawberry.mutation(
    description="Change a market, or take it out of the programme.",
    extensions=[allow(HasPermission(rules.MANAGE_MARKETS))],
)
async def update_sepasar_market(
    info: Info, input: inputs.UpdateSepasarMarketInput
) -> inputs.UpdateSepasarMarketPayload:
    changes = service.MarketChanges(
        name=input.name, region_code=input.region_code, address=input.address, active=input.active
    )
    async with info.context.db() as session:
        row = await service.update_market(session, info.context.principal, input.code, changes)
    return inputs.UpdateSepasarMarketPayload(market=SepasarMarket.from_row(row))


@strawberry.mutation(
    description="Register a trader in a market (staff of the school's agency).",
    extensions=[allow(HasPermission(rules.MANAGE_TRADERS))],
)
async def register_sepasar_trader(
    info: Info, input: inputs.RegisterSepasarTraderInput
) -> inputs.RegisterSepasarTraderPayload:
    data = service.TraderData(
        market_code=input.market_code,
        stall_number=input.stall_number,
        name=input.name,
        nik=input.nik,
        commodity=input.commodity,
    )
    async with info.context.db() as session:
        row = await service.register_trader(session, info.context.principal, data, input.idempotency_key)
    return inputs.RegisterSepasarTraderPayload(trader=SepasarTrader.from_row(row))


@strawberry.mutation(
    description="Change a trader's stall, name, commodity or status.",
    extensions=[allow(HasPermission(rules.MANAGE_TRADERS))],
)
async def update_sepasar_trader(
    info: Info, input: inputs.UpdateSepasarTraderInput
) -> inputs.UpdateSepasarTraderPayload:
    trader_id = _id(input.trader_id, "SepasarTrader", "input.traderId")
    changes = service.TraderChanges(
        stall_number=input.stall_number, name=input.name, commodity=input.commodity, active=input.active
    )
    async with info.context.db() as session:
        row = await service.update_trader(session, info.context.principal, trader_id, changes)
    return inputs.UpdateSepasarTraderPayload(trader=SepasarTrader.from_row(row))


@strawberry.mutation(
    description="A citizen links the traders registered with their NIK to their account, to see their "
    "enrolments and certificates.",
    extensions=[allow(IsAuthenticated())],
)
async def link_my_sepasar_traders(
    info: Info, input: inputs.LinkMySepasarTradersInput | None = None
) -> inputs.LinkMySepasarTradersPayload:
    principal = info.context.principal
    require_authenticated(principal)
    async with info.context.db() as session:
        rows = await service.link_my_traders(session, principal, input.market_code if input else None)
    return inputs.LinkMySepasarTradersPayload(traders=[SepasarTrader.from_row(r) for r in rows])


@strawberry.mutation(
    description="Schedule a class (staff of the school's agency).",
    extensions=[allow(HasPermission(rules.MANAGE_CLASSES))],
)
async def schedule_sepasar_class(
    info: Info, input: inputs.ScheduleSepasarClassInput
) -> inputs.ScheduleSepasarClassPayload:
    data = classes.ClassData(
        title=input.title,
        topic=input.topic,
        venue=input.venue,
        starts_at=input.starts_at,
        ends_at=input.ends_at,
        capacity=input.capacity,
        market_code=input.market_code,
        instructor=input.instructor,
    )
    async with info.context.db() as session:
        row = await classes.schedule_class(
            session, info.context.principal, _settings(info), data, input.idempotency_key
        )
    return inputs.ScheduleSepasarClassPayload(sepasar_class=SepasarClass.from_row(row))


@strawberry.mutation(
    description="Change a class: its title, venue, instructor, seats, and its times before it starts.",
    extensions=[allow(HasPermission(rules.MANAGE_CLASSES))],
)
async def update_sepasar_class(info: Info, input: inputs.UpdateSepasarClassInput) -> inputs.UpdateSepasarClassPayload:
    class_id = _id(input.class_id, "SepasarClass", "input.classId")
    changes = classes.ClassChanges(
        title=input.title,
        venue=input.venue,
        starts_at=input.starts_at,
        ends_at=input.ends_at,
        capacity=input.capacity,
        instructor=input.instructor,
    )
    async with info.context.db() as session:
        row = await classes.update_class(session, info.context.principal, _settings(info), class_id, changes)
    return inputs.UpdateSepasarClassPayload(sepasar_class=SepasarClass.from_row(row))


@strawberry.mutation(
    description="Enrol a trader in a class: before it starts, once per trader, while seats are left.",
    extensions=[allow(HasPermission(rules.MANAGE_CLASSES))],
)
async def enrol_sepasar_trader(info: Info, input: inputs.EnrolSepasarTraderInput) -> inputs.EnrolSepasarTraderPayload:
    class_id = _id(input.class_id, "SepasarClass", "input.classId")
    trader_id = _id(input.trader_id, "SepasarTrader", "input.traderId")
    async with info.context.db() as session:
        enrolment, row = await classes.enrol(
            session, info.context.principal, class_id, trader_id, input.idempotency_key
        )
    return inputs.EnrolSepasarTraderPayload(
        enrolment=SepasarEnrolment.from_row(enrolment), sepasar_class=SepasarClass.from_row(row)
    )


@strawberry.mutation(
    description="Record who attended a class that has started.",
    extensions=[allow(HasPermission(rules.MANAGE_CLASSES))],
)
async def record_sepasar_attendance(
    info: Info, input: inputs.RecordSepasarAttendanceInput
) -> inputs.RecordSepasarAttendancePayload:
    class_id = _id(input.class_id, "SepasarClass", "input.classId")
    entries = [
        classes.AttendanceEntry(
            trader_id=_id(entry.trader_id, "SepasarTrader", f"input.entries.{index}.traderId"),
            present=entry.present,
        )
        for index, entry in enumerate(input.entries)
    ]
    async with info.context.db() as session:
        row, changed = await classes.record_attendance(session, info.context.principal, class_id, entries)
    return inputs.RecordSepasarAttendancePayload(
        sepasar_class=SepasarClass.from_row(row), enrolments=[SepasarEnrolment.from_row(e) for e in changed]
    )


@strawberry.mutation(
    description="Issue a certificate with a code anyone can verify (holders of `sepasar_pedas.certificates.issue`).",
    extensions=[allow(HasPermission(rules.ISSUE_CERTIFICATES))],
)
async def issue_sepasar_certificate(
    info: Info, input: inputs.IssueSepasarCertificateInput
) -> inputs.IssueSepasarCertificatePayload:
    enrolment_id = _id(input.enrolment_id, "SepasarEnrolment", "input.enrolmentId")
    async with info.context.db() as session:
        row = await certificates.issue(session, info.context.principal, enrolment_id, input.idempotency_key)
    return inputs.IssueSepasarCertificatePayload(certificate=SepasarCertificate.from_row(row))


@strawberry.mutation(
    description="Revoke a certificate; verifying its code then answers `REVOKED`.",
    extensions=[allow(HasPermission(rules.ISSUE_CERTIFICATES))],
)
async def revoke_sepasar_certificate(
    info: Info, input: inputs.RevokeSepasarCertificateInput
) -> inputs.RevokeSepasarCertificatePayload:
    certificate_id = _id(input.certificate_id, "SepasarCertificate", "input.certificateId")
    async with info.context.db() as session:
        row = await certificates.revoke(session, info.context.principal, certificate_id, input.reason)
    return inputs.RevokeSepasarCertificatePayload(certificate=SepasarCertificate.from_row(row))


# -- node(id:) --------------------------------------------------------------------------------


async def resolve_market_nodes(info: Info, keys: Sequence[str]) -> list[SepasarMarket | None]:
    async with info.context.db() as session:
        rows = await service.markets_by_code(session, keys)
    return [SepasarMarket.from_row(r) if r else None for r in rows]


async def resolve_trader_nodes(info: Info, keys: Sequence[str]) -> list[SepasarTrader | None]:
    principal = info.context.principal
    wanted = [int_key(k) for k in keys]
    async with info.context.db() as session:
        rows = await service.traders_by_id(session, [k for k in wanted if k is not None])
    found = {r.id: r for r in rows if r is not None and service.can_read_trader(principal, r)}
    return [SepasarTrader.from_row(found[k]) if k in found else None for k in wanted]


async def resolve_class_nodes(info: Info, keys: Sequence[str]) -> list[SepasarClass | None]:
    """Staff of the class's agency, the province admin, and a trader enrolled in it (who reaches it
    through their enrolment anyway); for anyone else a class looks missing."""
    principal = info.context.principal
    wanted = [int_key(k) for k in keys]
    ids = [k for k in wanted if k is not None]
    async with info.context.db() as session:
        rows = await classes.classes_by_id(session, ids)
        enrolled = await classes.enrolled_class_ids(session, principal, ids)
    found = {r.id: r for r in rows if r is not None and (rules.manages(principal, r.agency_id) or r.id in enrolled)}
    return [SepasarClass.from_row(found[k]) if k in found else None for k in wanted]


async def resolve_enrolment_nodes(info: Info, keys: Sequence[str]) -> list[SepasarEnrolment | None]:
    principal = info.context.principal
    wanted = [int_key(k) for k in keys]
    async with info.context.db() as session:
        pairs = await classes.enrolments_by_id(session, [k for k in wanted if k is not None])
    found = {
        e.id: e for pair in pairs if pair is not None for e, t in [pair] if classes.can_read_enrolment(principal, t)
    }
    return [SepasarEnrolment.from_row(found[k]) if k in found else None for k in wanted]


async def resolve_certificate_nodes(info: Info, keys: Sequence[str]) -> list[SepasarCertificate | None]:
    principal = info.context.principal
    wanted = [int_key(k) for k in keys]
    async with info.context.db() as session:
        pairs = await certificates.certificates_by_id(session, [k for k in wanted if k is not None])
    found = {
        c.id: c for pair in pairs if pair is not None for c, t in [pair] if classes.can_read_enrolment(principal, t)
    }
    return [SepasarCertificate.from_row(found[k]) if k in found else None for k in wanted]
