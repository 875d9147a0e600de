"""GAYATRI's root fields: thin — arguments in, a service call, a typed result or a typed error out."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Sequence
from typing import Annotated

import strawberry
from sqlalchemy import select
from sqlmodel import col
from strawberry.extensions.field_extension import FieldExtension

from core.auth import Principal
from core.errors import CettarError
from core.events import Event
from plugins.gayatri import cases, children, domain, growth, immunisation, inputs, service, stats
from plugins.gayatri.access import can_read_cadre, can_read_case, can_read_child, visible_cases
from plugins.gayatri.models import Cadre, Case, Child, Measurement
from plugins.gayatri.types import (
    ChildSex,
    GayatriCadre,
    GayatriCase,
    GayatriCaseCount,
    GayatriChild,
    GayatriDoseState,
    GayatriEmergency,
    GayatriGrowthReference,
    GayatriKelurahanStats,
    GayatriMeasurement,
    GayatriScheduledDose,
    GrowthBasis,
)
from schema import (
    STAFF,
    Connection,
    HasPermission,
    Info,
    IsAuthenticated,
    allow,
    decode_int_id,
    encode_global_id,
    int_key,
    paginate,
)


def _principal(info: Info) -> Principal:
    return info.context.principal


def _id(value: strawberry.ID, type_name: str, field: str) -> int:
    """The row id of a global ID naming ``type_name``; ``INVALID_ID`` naming ``field`` otherwise."""
    try:
        return decode_int_id(str(value), type_name, field)
    except CettarError as error:  # a malformed ID is reported by the kernel with field "id"
        raise CettarError("INVALID_ID", field=field) from error


# -- queries ---------------------------------------------------------------------------------


@strawberry.field(
    description="Cadres you may see, by ID: all (Dinas Kesehatan Kota Mojokerto staff, province admin) or your "
    "own record (a cadre).",
    extensions=[allow(IsAuthenticated())],
)
async def gayatri_cadres(
    info: Info,
    kelurahan_code: Annotated[str | None, strawberry.argument(description="Only this kelurahan.")] = None,
    active: Annotated[bool | None, strawberry.argument(description="Only active (true) or stopped (false).")] = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[GayatriCadre]:
    return await paginate(
        info,
        service.cadres_query(_principal(info), kelurahan_code=kelurahan_code, active=active),
        [Cadre.id],
        key_of=lambda row: (row.id,),
        convert=GayatriCadre.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(
    description="Children under five you may see, by ID: those of your kelurahan (a cadre), all (Dinas Kesehatan "
    "Kota Mojokerto staff, province admin). Sensitive personal data: anyone else gets an empty list.",
    extensions=[allow(IsAuthenticated())],
)
async def gayatri_children(
    info: Info,
    filter: inputs.GayatriChildFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[GayatriChild]:
    f = filter or inputs.GayatriChildFilter()
    return await paginate(
        info,
        children.children_query(
            _principal(info),
            kelurahan_code=f.kelurahan_code,
            category=f.height_for_age,
            stunted=f.stunted,
            search=f.search,
        ),
        [Child.id],
        key_of=lambda row: (row.id,),
        convert=lambda row: GayatriChild.build(row, info),
        first=first,
        after=after,
        last=last,
        before=before,
    )


@strawberry.field(
    description="Cases you may see, newest first: those you reported (a cadre), your agency's (staff of the "
    "responsible agency), all (province admin).",
    extensions=[allow(IsAuthenticated())],
)
async def gayatri_cases(
    info: Info,
    filter: inputs.GayatriCaseFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[GayatriCase]:
    f = filter or inputs.GayatriCaseFilter()
    case_filter = cases.CaseFilter(
        status=f.status,
        case_type=f.case_type,
        priority=f.priority,
        kelurahan_code=f.kelurahan_code,
        child_id=_id(f.child_id, "GayatriChild", "filter.childId") if f.child_id is not None else None,
    )
    return await paginate(
        info,
        cases.cases_query(_principal(info), case_filter),
        [Case.id],
        key_of=lambda row: (row.id,),
        convert=GayatriCase.from_row,
        first=first,
        after=after,
        last=last,
        before=before,
        descending=True,
    )


@strawberry.field(
    description="Public figures for each kelurahan of Kota Mojokerto (or of one kecamatan): active cadres, children, "
    "stunting at the newest measurement, cases by type. Counts only, computed in SQL; anyone may read them. "
    "Small counts are exact (a 1 is a 1): see docs/plugins/gayatri.md on what they may reveal."
)
async def gayatri_kelurahan_stats(
    info: Info,
    kecamatan_code: Annotated[
        str | None, strawberry.argument(description="A kecamatan of Kota Mojokerto, e.g. `35.76.01`.")
    ] = None,
) -> list[GayatriKelurahanStats]:
    if kecamatan_code is not None:
        code = kecamatan_code.strip()
        parts = code.split(".")
        if not (code.startswith(domain.KELURAHAN_PREFIX) and len(parts) == 3 and parts[2].isdigit()):
            raise CettarError(
                "VALIDATION_FAILED",
                field="kecamatanCode",
                message_id="Bukan kode kecamatan di Kota Mojokerto (35.76.xx).",
                message_en="Not the code of a kecamatan in Kota Mojokerto (35.76.xx).",
            )
        kecamatan_code = code
    async with info.context.db() as session:
        rows = await stats.kelurahan_stats(session, kecamatan_code)
    return [GayatriKelurahanStats.build(row) for row in rows]


@strawberry.field(
    description="Public count of cases by type in Kota Mojokerto (or one kelurahan): all, open, resolved. "
    "Every type is listed, with zeros. Small counts are exact: see docs/plugins/gayatri.md on what they may reveal."
)
async def gayatri_case_counts(
    info: Info,
    kelurahan_code: Annotated[str | None, strawberry.argument(description="Only this kelurahan.")] = None,
) -> list[GayatriCaseCount]:
    async with info.context.db() as session:
        code = None
        if kelurahan_code is not None:
            code = (await service.check_kelurahan(session, kelurahan_code, "kelurahanCode")).code
        rows = await stats.case_counts(session, code)
    return [GayatriCaseCount.build(row) for row in rows]


@strawberry.field(
    description="The national routine immunisation schedule GAYATRI follows (Permenkes 12/2017), in order, with "
    "when each dose counts as missed."
)
def gayatri_immunisation_schedule() -> list[GayatriScheduledDose]:
    return [GayatriScheduledDose.build(s) for s in immunisation.SCHEDULE]


@strawberry.field(
    description="A row of the WHO length/height-for-age standard GAYATRI scores with: the median, SD and the "
    "stunting thresholds (-2 SD, -3 SD) for a sex and an age in completed months (0-60). Public."
)
def gayatri_growth_reference(
    sex: ChildSex,  # type: ignore[valid-type]
    age_months: Annotated[int, strawberry.argument(description="Age in completed months, 0-60.")],
    basis: Annotated[
        GrowthBasis | None,  # type: ignore[valid-type]
        strawberry.argument(description="LENGTH or HEIGHT; by default length below 24 months, height from 24."),
    ] = None,
) -> GayatriGrowthReference:
    if not 0 <= age_months <= growth.MAX_AGE_MONTHS:
        raise CettarError("GAYATRI_AGE_OUT_OF_RANGE", field="ageMonths", age=age_months)
    row = growth.reference(sex, age_months, basis)
    if row is None:
        raise CettarError(
            "VALIDATION_FAILED",
            field="basis",
            message_id="Panjang badan untuk 0-24 bulan, tinggi badan untuk 24-60 bulan.",
            message_en="LENGTH covers 0-24 months, HEIGHT 24-60 months.",
        )
    return GayatriGrowthReference.build(row)


# -- mutations: cadres -----------------------------------------------------------------------


@strawberry.mutation(
    description="Register a community cadre of a kelurahan of Kota Mojokerto (Dinas Kesehatan Kota Mojokerto staff "
    "holding `gayatri.cadres.manage`, or the province admin).",
    extensions=[allow(HasPermission(service.MANAGE_CADRES))],
)
async def register_gayatri_cadre(
    info: Info, input: inputs.RegisterGayatriCadreInput
) -> inputs.RegisterGayatriCadrePayload:
    data = service.CadreData(
        name=input.name,
        kelurahan_code=input.kelurahan_code,
        account_id=_id(input.account_id, "Account", "input.accountId") if input.account_id is not None else None,
        posyandu=input.posyandu,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await service.register_cadre(session, _principal(info), data)
    return inputs.RegisterGayatriCadrePayload(cadre=GayatriCadre.from_row(row))


@strawberry.mutation(
    description="Change a cadre: name, kelurahan, Posyandu, linked account, or stop them (`active: false`).",
    extensions=[allow(HasPermission(service.MANAGE_CADRES))],
)
async def update_gayatri_cadre(info: Info, input: inputs.UpdateGayatriCadreInput) -> inputs.UpdateGayatriCadrePayload:
    changes = service.CadreChanges(
        name=input.name,
        kelurahan_code=input.kelurahan_code,
        posyandu=input.posyandu,
        active=input.active,
        account_id=_id(input.account_id, "Account", "input.accountId") if input.account_id is not None else None,
    )
    cadre_id = _id(input.cadre_id, "GayatriCadre", "input.cadreId")
    async with info.context.db() as session:
        row = await service.update_cadre(session, _principal(info), cadre_id, changes)
    return inputs.UpdateGayatriCadrePayload(cadre=GayatriCadre.from_row(row))


# -- mutations: children ---------------------------------------------------------------------


@strawberry.mutation(
    description="Register a child under five: a cadre for their own kelurahan, or Dinas Kesehatan staff.",
    extensions=[allow(IsAuthenticated())],
)
async def register_gayatri_child(
    info: Info, input: inputs.RegisterGayatriChildInput
) -> inputs.RegisterGayatriChildPayload:
    data = children.ChildData(
        name=input.name,
        sex=input.sex,
        birth_date=input.birth_date,
        kelurahan_code=input.kelurahan_code,
        mother_name=input.mother_name,
        nik=input.nik,
        mother_nik=input.mother_nik,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await children.register_child(session, _principal(info), data)
    return inputs.RegisterGayatriChildPayload(child=GayatriChild.build(row, info))


@strawberry.mutation(
    description="Record a length/height measurement of a child; GAYATRI scores it (WHO z-score, Permenkes 2/2020 "
    "category) and flags stunting.",
    extensions=[allow(IsAuthenticated())],
)
async def record_gayatri_measurement(
    info: Info, input: inputs.RecordGayatriMeasurementInput
) -> inputs.RecordGayatriMeasurementPayload:
    data = children.MeasurementData(
        child_id=_id(input.child_id, "GayatriChild", "input.childId"),
        measured_on=input.measured_on,
        height_cm=input.height_cm,
        position=input.position,
        weight_kg=input.weight_kg,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await children.record_measurement(session, _principal(info), data)
        child = await session.get(Child, row.child_id)
    assert child is not None
    return inputs.RecordGayatriMeasurementPayload(
        measurement=GayatriMeasurement.from_row(row), child=GayatriChild.build(child, info)
    )


@strawberry.mutation(description="Record an immunisation dose given to a child.", extensions=[allow(IsAuthenticated())])
async def record_gayatri_immunisation(
    info: Info, input: inputs.RecordGayatriImmunisationInput
) -> inputs.RecordGayatriImmunisationPayload:
    data = children.DoseData(
        child_id=_id(input.child_id, "GayatriChild", "input.childId"),
        dose=input.dose,
        given_on=input.given_on,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await children.record_dose(session, _principal(info), data)
        child = await session.get(Child, row.child_id)
    assert child is not None
    scheduled = immunisation.BY_DOSE[row.dose]
    state = immunisation.DoseState(
        scheduled,
        immunisation.DoseStatus.GIVEN,
        scheduled.due_on(child.birth_date),
        scheduled.window_ends_on(child.birth_date),
        row.given_on,
    )
    return inputs.RecordGayatriImmunisationPayload(
        dose=GayatriDoseState.build(state), child=GayatriChild.build(child, info)
    )


# -- mutations: cases ------------------------------------------------------------------------


@strawberry.mutation(
    description="A cadre reports a case in their kelurahan. It goes at once to the agency responsible for its type; "
    "a HEALTH_EMERGENCY is pushed to that agency's staff through `gayatriEmergencies`.",
    extensions=[allow(IsAuthenticated())],
)
async def report_gayatri_case(info: Info, input: inputs.ReportGayatriCaseInput) -> inputs.ReportGayatriCasePayload:
    data = cases.ReportData(
        case_type=input.case_type,
        description=input.description,
        kelurahan_code=input.kelurahan_code,
        child_id=_id(input.child_id, "GayatriChild", "input.childId") if input.child_id is not None else None,
        subject_name=input.subject_name,
        address=input.address,
        idempotency_key=input.idempotency_key,
    )
    async with info.context.db() as session:
        row = await cases.report_case(session, _principal(info), data)
    return inputs.ReportGayatriCasePayload(case=GayatriCase.from_row(row))


HANDLE: list[FieldExtension] = [allow(HasPermission(service.HANDLE_CASES))]


@strawberry.mutation(
    description="Triage a REPORTED case of your agency: set its priority, correct its type. Notifies the cadre.",
    extensions=HANDLE,
)
async def triage_gayatri_case(info: Info, input: inputs.TriageGayatriCaseInput) -> inputs.TriageGayatriCasePayload:
    case_id = _id(input.case_id, "GayatriCase", "input.caseId")
    async with info.context.db() as session:
        row = await cases.triage_case(
            session, _principal(info), case_id, priority=input.priority, case_type=input.case_type, note=input.note
        )
    return inputs.TriageGayatriCasePayload(case=GayatriCase.from_row(row))


@strawberry.mutation(
    description="Route a TRIAGED case of your agency to the responsible agency (by default the one for its type). "
    "Notifies the cadre.",
    extensions=HANDLE,
)
async def route_gayatri_case(info: Info, input: inputs.RouteGayatriCaseInput) -> inputs.RouteGayatriCasePayload:
    case_id = _id(input.case_id, "GayatriCase", "input.caseId")
    async with info.context.db() as session:
        row = await cases.route_case(session, _principal(info), case_id, agency_code=input.agency_code, note=input.note)
    return inputs.RouteGayatriCasePayload(case=GayatriCase.from_row(row))


@strawberry.mutation(
    description="Add a follow-up note to a ROUTED or IN_FOLLOW_UP case of your agency. Notifies the cadre.",
    extensions=HANDLE,
)
async def add_gayatri_case_follow_up(
    info: Info, input: inputs.AddGayatriCaseFollowUpInput
) -> inputs.AddGayatriCaseFollowUpPayload:
    case_id = _id(input.case_id, "GayatriCase", "input.caseId")
    async with info.context.db() as session:
        row = await cases.add_follow_up(
            session, _principal(info), case_id, note=input.note, idempotency_key=input.idempotency_key
        )
    return inputs.AddGayatriCaseFollowUpPayload(case=GayatriCase.from_row(row))


@strawberry.mutation(
    description="Resolve an IN_FOLLOW_UP case of your agency with what was done. Notifies the cadre.",
    extensions=HANDLE,
)
async def resolve_gayatri_case(info: Info, input: inputs.ResolveGayatriCaseInput) -> inputs.ResolveGayatriCasePayload:
    case_id = _id(input.case_id, "GayatriCase", "input.caseId")
    async with info.context.db() as session:
        row = await cases.resolve_case(session, _principal(info), case_id, resolution=input.resolution)
    return inputs.ResolveGayatriCasePayload(case=GayatriCase.from_row(row))


# -- subscription ----------------------------------------------------------------------------


def _emergency_for(principal: Principal) -> Callable[[Event], bool]:
    def accepts(event: Event) -> bool:
        if event.name != cases.EMERGENCY_EVENT:
            return False
        return principal.is_province_admin or (
            principal.is_staff and principal.in_agency(event.payload.get("agency_id"))
        )

    return accepts


@strawberry.subscription(
    description="Health emergencies reported by cadres, pushed at once to the staff of the responsible agency (and "
    "the province admin). Other staff receive nothing; citizens are refused.",
    extensions=[allow(STAFF)],
)
async def gayatri_emergencies(info: Info) -> AsyncGenerator[GayatriEmergency, None]:
    runtime = info.context.runtime
    async with runtime.broker.subscribe(_emergency_for(_principal(info))) as events:
        async for event in events:
            async with runtime.database.session() as session:
                facts = await cases.emergency_facts(
                    session, int(event.payload["case_id"]), int(event.payload["agency_id"])
                )
            if facts is None:
                continue
            yield GayatriEmergency(
                case_id=strawberry.ID(encode_global_id("GayatriCase", str(facts.case_id))),
                number=facts.number,
                case_type=facts.case_type,
                kelurahan_code=facts.kelurahan_code,
                kelurahan_name=facts.kelurahan_name,
                agency_code=facts.agency_code,
                reported_at=facts.reported_at,
            )


# -- node(id:) -------------------------------------------------------------------------------


def _keys(keys: Sequence[str]) -> list[int]:
    return [found if (found := int_key(key)) is not None else -1 for key in keys]


async def resolve_cadre_nodes(info: Info, keys: Sequence[str]) -> list[GayatriCadre | None]:
    ids = _keys(keys)
    principal = _principal(info)
    async with info.context.db() as session:
        rows = {r.id: r for r in (await session.execute(select(Cadre).where(col(Cadre.id).in_(ids)))).scalars()}
    return [
        GayatriCadre.from_row(row) if (row := rows.get(i)) is not None and can_read_cadre(principal, row) else None
        for i in ids
    ]


async def resolve_child_nodes(info: Info, keys: Sequence[str]) -> list[GayatriChild | None]:
    ids = _keys(keys)
    async with info.context.db() as session:
        rows = await children.children_by_id(session, _principal(info), ids)
    return [GayatriChild.build(row, info) if row is not None else None for row in rows]


async def resolve_measurement_nodes(info: Info, keys: Sequence[str]) -> list[GayatriMeasurement | None]:
    ids = _keys(keys)
    principal = _principal(info)
    async with info.context.db() as session:
        found = (
            await session.execute(
                select(Measurement, Child)
                .join(Child, col(Child.id) == col(Measurement.child_id))
                .where(col(Measurement.id).in_(ids))
            )
        ).all()
        viewer = await service.cadre_of(session, principal.account_id)
    rows = {m.id: m for m, child in found if can_read_child(principal, child, viewer)}
    return [GayatriMeasurement.from_row(row) if (row := rows.get(i)) is not None else None for i in ids]


async def resolve_case_nodes(info: Info, keys: Sequence[str]) -> list[GayatriCase | None]:
    ids = _keys(keys)
    principal = _principal(info)
    async with info.context.db() as session:
        statement = visible_cases(select(Case).where(col(Case.id).in_(ids)), principal)
        rows = {r.id: r for r in (await session.execute(statement)).scalars()}
    return [
        GayatriCase.from_row(row) if (row := rows.get(i)) is not None and can_read_case(principal, row) else None
        for i in ids
    ]


QUERIES = (
    gayatri_cadres,
    gayatri_children,
    gayatri_cases,
    gayatri_kelurahan_stats,
    gayatri_case_counts,
    gayatri_immunisation_schedule,
    gayatri_growth_reference,
)
MUTATIONS = (
    register_gayatri_cadre,
    update_gayatri_cadre,
    register_gayatri_child,
    record_gayatri_measurement,
    record_gayatri_immunisation,
    report_gayatri_case,
    triage_gayatri_case,
    route_gayatri_case,
    add_gayatri_case_follow_up,
    resolve_gayatri_case,
)
SUBSCRIPTIONS = (gayatri_emergencies,)
